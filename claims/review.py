"""A review session as values: the checker's verdicts, people's overrides, and what is stale.

The review's journal (tui/journal.py) keeps a list of these states (for undo) and the screen
renders the newest; every change is a function from one state to the next. Saving writes the
verdicts format, version 1.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import count
from operator import attrgetter

from .formats import now
from .reports import Report
from .rules import RuleSet
from .verdicts import ClaimVerdict, ReportVerdicts, Verdict, Verdicts, with_review

STALE_NOTE = "[stale: {verdict} was decided before the report changed]"


@dataclass(frozen=True)
class ReviewState:
    rules: RuleSet
    rules_file: str  # as it is written into the verdicts file
    reports: tuple[ReportVerdicts, ...] = ()
    texts: tuple[Report, ...] = field(default=(), compare=False)  # loaded reports, same order
    stale: frozenset[tuple[str, str]] = frozenset()  # (file, claim id) reviewed on older bytes
    reviewer: str = ""

    @property
    def total(self) -> int:
        return len(self.reports) * len(self.rules.claims)

    @property
    def reviewed(self) -> int:
        return sum(c.reviewed and (r.file, c.id) not in self.stale for r in self.reports for c in r.claims)

    def pair(self, report: int, claim: int) -> ClaimVerdict:
        return self.reports[report].claims[claim]

    def is_stale(self, report: int, claim: int) -> bool:
        return (self.reports[report].file, self.rules.claims[claim].id) in self.stale


def start(rules: RuleSet, rules_file: str, reviewer: str | None = None) -> ReviewState:
    return ReviewState(rules, rules_file, reviewer=reviewer if reviewer is not None else login_name())


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def add_reports(
    state: ReviewState,
    checked: Iterable[tuple[Report, ReportVerdicts]],
    previous: Verdicts | None = None,
) -> ReviewState:
    """Add checked reports, carrying over people's verdicts from a previous verdicts file.

    A report whose bytes changed since (another sha256) keeps its old human verdicts, marked stale.
    A report already in the review is replaced by its new check.
    """
    old = {r.file: r for r in previous.reports} if previous else {}
    reports = list(state.reports)
    texts = list(state.texts)
    stale = set(state.stale)
    at = dict(zip(map(attrgetter("file"), reports), count()))  # (built at C speed: this runs for every undo step)
    for text, new in checked:
        before = old.get(new.file)
        merged, stale_ids = carry_over(new, before)
        if stale:
            stale -= {(new.file, c.id) for c in new.claims}
        stale |= {(new.file, cid) for cid in stale_ids}
        index = at.get(new.file)
        if index is None:
            at[new.file] = len(reports)
            reports.append(merged)
            texts.append(text)
        else:
            reports[index] = merged
            texts[index] = text
    return replace(state, reports=tuple(reports), texts=tuple(texts), stale=frozenset(stale))


def carry_over(new: ReportVerdicts, before: ReportVerdicts | None) -> tuple[ReportVerdicts, set[str]]:
    """The new check with the people's decisions of `before`; ids whose decision is now stale."""
    if before is None:
        return new, set()
    changed = bool(before.sha256) and before.sha256 != new.sha256
    claims = []
    stale: set[str] = set()
    for c in new.claims:
        old = before.claim(c.id)
        if old is None or not (old.reviewed or old.note):
            claims.append(c)
            continue
        claims.append(replace(c, verdict=old.verdict if old.reviewed else c.verdict, reviewed=old.reviewed,
                              note=old.note, reviewed_at=old.reviewed_at, reviewer=old.reviewer))
        if changed and old.reviewed:
            stale.add(c.id)
    return replace(new, claims=tuple(claims)), stale


def set_verdict(state: ReviewState, report: int, claim: int, verdict: Verdict | None,
                when: str | None = None) -> ReviewState:
    """A person decides the pair (`None` accepts the checker's verdict)."""
    current = state.pair(report, claim)
    human = current.auto if verdict is None else verdict
    updated = with_review(current, human, None, when or now(), state.reviewer)
    return _replace_pair(state, report, claim, updated, unstale=True)


def set_note(state: ReviewState, report: int, claim: int, note: str) -> ReviewState:
    current = state.pair(report, claim)
    return _replace_pair(state, report, claim, replace(current, note=note), unstale=False)


def _replace_pair(state: ReviewState, report: int, claim: int, updated: ClaimVerdict,
                  *, unstale: bool) -> ReviewState:
    r = state.reports[report]
    claims = list(r.claims)
    claims[claim] = updated
    reports = list(state.reports)
    reports[report] = replace(r, claims=tuple(claims))
    stale = state.stale
    if unstale:
        stale = stale - {(r.file, updated.id)}
    return replace(state, reports=tuple(reports), stale=stale)


def to_verdicts(state: ReviewState, generated: str | None = None) -> Verdicts:
    """The verdicts file for this review. A stale decision is not passed off as a review of
    the new bytes: it is saved unreviewed, with the old verdict kept in the note."""
    reports = []
    for r in state.reports:
        claims = []
        for c in r.claims:
            if (r.file, c.id) in state.stale:
                mark = STALE_NOTE.format(verdict=c.verdict.value)
                note = f"{mark} {c.note}".strip() if mark not in c.note else c.note
                c = replace(c, verdict=c.auto, reviewed=False, note=note)
            claims.append(c)
        reports.append(replace(r, claims=tuple(claims)))
    return Verdicts(state.rules_file, generated or now(), tuple(reports))


def merge_saved(state: ReviewState, saved: Verdicts, keep: set[tuple[str, str]]) -> tuple[ReviewState, int]:
    """Take another review's saved people's verdicts and notes into this one, for every pair
    except those in `keep` ((file, claim id) pairs this review changed: its own changes win).
    A decision saved on other bytes of the report comes in stale, as when a file is reopened.
    The new state, and how many pairs took the other review's decision."""
    theirs = {r.file: r for r in saved.reports}
    reports = list(state.reports)
    stale = set(state.stale)
    merged = 0
    for i, ours in enumerate(state.reports):
        other = theirs.get(ours.file)
        if other is None:
            continue
        changed_bytes = bool(other.sha256) and other.sha256 != ours.sha256
        claims = list(ours.claims)
        for j, c in enumerate(ours.claims):
            o = other.claim(c.id)
            if (ours.file, c.id) in keep or o is None:
                continue
            decided = (o.reviewed, o.verdict if o.reviewed else c.auto, o.note, o.reviewer, o.reviewed_at)
            if decided == (c.reviewed, c.verdict, c.note, c.reviewer, c.reviewed_at):
                continue
            claims[j] = replace(c, verdict=decided[1], reviewed=o.reviewed, note=o.note,
                                reviewer=o.reviewer, reviewed_at=o.reviewed_at)
            stale.discard((ours.file, c.id))
            if changed_bytes and o.reviewed:
                stale.add((ours.file, c.id))
            merged += 1
        reports[i] = replace(ours, claims=tuple(claims))
    return replace(state, reports=tuple(reports), stale=frozenset(stale)), merged
