"""Which passage of a report the pair view shows: the checker's evidence first, then the sentences
most like the claim (ranked by the engine), and how much of the text around it. No screen here."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from factdesk.claims.figures import read_figures
from factdesk.claims.match import ClaimTerms, Passage, rank_passages
from factdesk.claims.reports import Report
from factdesk.claims.review import ReviewState
from factdesk.claims.rules import RuleSet
from factdesk.claims.verdicts import Evidence, ReportVerdicts

ALTERNATIVES = 8  # other passages offered after the evidence


@dataclass(frozen=True)
class Shown:
    """A passage on screen: a sentence, its figures, and the evidence it is (if any)."""

    start: int
    end: int
    figures: tuple[tuple[int, int], ...]
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Current:
    """The passage at an index: how many of its kind, "evidence" or "other passage", which one."""

    count: int
    kind: str
    index: int
    shown: Shown | None


@dataclass(frozen=True)
class SourceView:
    """The source article, the sentence of it each claim was found in, and its figures."""

    report: Report | None
    passages: tuple[Passage | None, ...] = ()
    evidence: ReportVerdicts | None = None


class Passages:
    """A pair's passages, the other sentences ranked once per pair and kept."""

    def __init__(self, rules: RuleSet) -> None:
        self.queries = [ClaimTerms.of(c).query for c in rules.claims]
        self.others: dict[tuple[int, int], list[Shown]] = {}  # (report, claim) -> ranked passages

    def count(self, state: ReviewState, r: int, c: int) -> int:
        return len(state.pair(r, c).evidence) + len(self.other_passages(state, r, c))

    def at(self, state: ReviewState, r: int, c: int, index: int) -> Current:
        evidence = state.pair(r, c).evidence
        if index < len(evidence):
            e = evidence[index]
            figures = ((e.figure_start, e.figure_end),) if e.figure_start >= 0 else ()
            return Current(len(evidence), "evidence", index, Shown(e.start, e.end, figures, e))
        others = self.others.get((r, c), [])
        at = index - len(evidence)
        if at < len(others):
            return Current(len(others), "other passage", at, others[at])
        return Current(0, "", 0, None)

    def other_passages(self, state: ReviewState, r: int, c: int) -> list[Shown]:
        """Sentences most like the claim that are not already evidence (ranked by the engine)."""
        if (r, c) not in self.others:
            text = state.texts[r]
            taken = [e.start for e in state.pair(r, c).evidence]  # (a long sentence's quote is a part of it)
            self.others[(r, c)] = [
                Shown(p.sentence.start, p.sentence.end,
                      tuple((f.start, f.end) for f in read_figures(text.text, p.sentence.start, p.sentence.end)))
                for p in rank_passages(self.queries[c], text, ALTERNATIVES)
                if not any(p.sentence.start <= at < p.sentence.end for at in taken)]
        return self.others[(r, c)]


def context(report: Report, start: int, end: int, around: int = 1) -> tuple[int, int]:
    """The start of the `around`-th sentence before `start` and the end of the `around`-th after
    `end` (fewer at the text's ends)."""
    sentences = report.sentences
    i = bisect_right(sentences, start, key=lambda s: s.start) - 1
    j = bisect_left(sentences, end, key=lambda s: s.end)
    before = sentences[max(i - around, 0)].start if i >= 1 else start
    after = sentences[min(j + around, len(sentences) - 1)].end if j + 1 < len(sentences) else end
    return min(before, start), max(after, end)
