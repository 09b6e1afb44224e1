"""The review's pairs as the screen walks them: what is contradicted, the filter (words and a
verdict), the next pair that needs a look, and where a review resumes. No screen here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factdesk.claims.review import ReviewState
from factdesk.claims.rules import Claim
from factdesk.claims.verdicts import Verdict, Verdicts

PROBLEMS = frozenset({Verdict.CONTRADICTS, Verdict.CONFLICTING})
UNREVIEWED = "unreviewed"
VERDICT_TERM = "verdict:"
VERDICT_WORDS = {v.value: v for v in Verdict} | {"not-mentioned": Verdict.NOT_MENTIONED}
# what the filter key cycles through: all, contradicted (or conflicting), not reviewed yet
CYCLE = ("", "verdict:contradicts,conflicting", "verdict:unreviewed")


def needs_person(state: ReviewState, r: int, c: int) -> bool:
    return not state.pair(r, c).reviewed or state.is_stale(r, c)


def is_problem(state: ReviewState, r: int, c: int) -> bool:
    return state.pair(r, c).verdict in PROBLEMS


@dataclass(frozen=True)
class Tally:
    """Pairs contradicted, conflicting, not reviewed yet, and of the first two how many are
    still only the checker's (they need a person most)."""

    contradicted: int = 0
    conflicting: int = 0
    unreviewed: int = 0
    open_problems: int = 0

    @classmethod
    def of(cls, state: ReviewState, pairs: Iterable[tuple[int, int]]) -> Tally:
        contradicted = conflicting = unreviewed = open_problems = 0
        # (read here rather than through state.pair and is_stale: the header counts every pair of
        # the review at each redraw, 5,400 with 600 reports)
        reports, stale = state.reports, state.stale
        ids = [claim.id for claim in state.rules.claims] if stale else []
        for r, c in pairs:
            pair = reports[r].claims[c]
            unseen = not pair.reviewed or (bool(stale) and (reports[r].file, ids[c]) in stale)
            unreviewed += unseen
            if pair.verdict is Verdict.CONTRADICTS:
                contradicted += 1
            elif pair.verdict is Verdict.CONFLICTING:
                conflicting += 1
            else:
                continue
            open_problems += unseen
        return cls(contradicted, conflicting, unreviewed, open_problems)


def whole(state: ReviewState) -> Tally:
    n = len(state.rules.claims)
    return Tally.of(state, ((r, c) for r in range(len(state.reports)) for c in range(n)))


def of_report(state: ReviewState, r: int) -> Tally:
    return Tally.of(state, ((r, c) for c in range(len(state.rules.claims))))


def of_claim(state: ReviewState, c: int) -> Tally:
    return Tally.of(state, ((r, c) for r in range(len(state.reports))))


@dataclass(frozen=True)
class Filter:
    """What `/` typed: words every listed claim holds (in its id, statement or quantity), and
    `verdict:` with one or more of supports, contradicts, conflicting, not_mentioned and
    unreviewed (comma-separated: any of them), which a pair must have."""

    words: tuple[str, ...] = ()
    verdicts: frozenset[Verdict] = frozenset()
    unreviewed: bool = False
    problem: str = ""  # a verdict word not known: nothing matches, and this says why

    @classmethod
    def parse(cls, text: str) -> Filter:
        words: list[str] = []
        verdicts: set[Verdict] = set()
        unreviewed = False
        problem = ""
        for token in text.casefold().split():
            if not token.startswith(VERDICT_TERM):
                words.append(token)
                continue
            for word in filter(None, token[len(VERDICT_TERM):].split(",")):
                if word == UNREVIEWED:
                    unreviewed = True
                elif word in VERDICT_WORDS:
                    verdicts.add(VERDICT_WORDS[word])
                else:
                    problem = (f"no verdict {word!r}: verdict: takes "
                               + ", ".join([*(v.value for v in Verdict), UNREVIEWED]))
        return cls(tuple(words), frozenset(verdicts), unreviewed, problem)

    @property
    def on_pairs(self) -> bool:
        """Does the filter look at verdicts (not only at the claims' words)?"""
        return bool(self.verdicts or self.unreviewed or self.problem)

    def claim_matches(self, claim: Claim) -> bool:
        words = f"{claim.id} {claim.statement} {claim.quantity}".casefold()
        return all(w in words for w in self.words)

    def pair_matches(self, state: ReviewState, r: int, c: int) -> bool:
        if self.problem:
            return False
        if self.verdicts and state.pair(r, c).verdict not in self.verdicts:
            return False
        return not self.unreviewed or needs_person(state, r, c)

    def claims(self, state: ReviewState) -> list[int]:
        """The claims listed: their words match, and (for a verdict) one of their pairs does."""
        claims = state.rules.claims
        listed = [c for c, claim in enumerate(claims) if self.claim_matches(claim)]
        if not self.on_pairs:
            return listed
        return [c for c in listed if any(self.pair_matches(state, r, c) for r in range(len(state.reports)))]


def cycled(text: str) -> str:
    """The filter text with its verdict term moved on to the next of CYCLE (the words kept)."""
    words = [t for t in text.split() if not t.casefold().startswith(VERDICT_TERM)]
    terms = [t.casefold() for t in text.split() if t.casefold().startswith(VERDICT_TERM)]
    now = terms[0] if len(terms) == 1 and terms[0] in CYCLE else ""
    after = CYCLE[(CYCLE.index(now) + 1) % len(CYCLE)]
    return " ".join([*words, after]).strip()


def step(state: ReviewState, r: int, c: int, direction: int, wanted: Callable[[int, int], bool],
         wrap: bool = True) -> tuple[int, int] | None:
    """The next (direction 1) or previous (-1) pair after (r, c) that is `wanted`, in the order
    the review walks them (claim by claim, then report by report), going round once."""
    n_claims = len(state.rules.claims)
    total = state.total
    if not total:
        return None
    at = r * n_claims + c
    for k in range(1, total + 1):
        flat = at + direction * k
        if not wrap and not 0 <= flat < total:
            return None
        r2, c2 = divmod(flat % total, n_claims)
        if wanted(r2, c2):
            return r2, c2
    return None


def last_reviewed(verdicts: Verdicts | None) -> tuple[str, str] | None:
    """(report file, claim id) of the pair a person decided last (the latest `reviewed_at`; of
    those decided in the same second, the later in the file), or None."""
    best: tuple[str, int] | None = None
    found = None
    for i, (r, c) in enumerate((r, c) for r in (verdicts.reports if verdicts else ()) for c in r.claims):
        if c.reviewed and c.reviewed_at and (best is None or (c.reviewed_at, i) >= best):
            best, found = (c.reviewed_at, i), (r.file, c.id)
    return found


def resume_at(state: ReviewState, last: tuple[str, str] | None, complete: bool) -> tuple[int, int] | None:
    """Where to resume: the pair after `last` that needs a person (going round to the first ones
    only once every report is loaded, `complete`), else `last` itself; None while `last`'s
    report is not loaded (or when nobody decided anything yet)."""
    if last is None:
        return None
    r = next((i for i, rep in enumerate(state.reports) if rep.file == last[0]), None)
    c = next((i for i, claim in enumerate(state.rules.claims) if claim.id == last[1]), None)
    if r is None or c is None:
        return None
    return step(state, r, c, 1, lambda r2, c2: needs_person(state, r2, c2), wrap=complete) or (r, c)
