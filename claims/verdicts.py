"""Deciding a verdict for each (report, claim) pair, and the evidence it rests on."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from .figures import Hedge, Interval, Kind, describe_interval
from .context import Analysis
from .match import ClaimTerms, CueIndex, Tie, claim_terms, ties
from .money import Rate
from .reports import Report
from .rules import Claim, RuleSet

# The passages kept as evidence for one pair, best first (how many there were is kept too), and
# the most characters of a sentence a quote holds: a window around its figure, so that what is
# written is bounded by reports x claims, never by the length of a text.
MAX_EVIDENCE = 5
MAX_QUOTE = 300

# When a report holds both kinds of figure, the weaker side must come this close in strength
# to the stronger for the pair to be called conflicting rather than decided by the stronger.
CONFLICT_MARGIN = 0.15


class Verdict(StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONFLICTING = "conflicting"
    NOT_MENTIONED = "not_mentioned"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage holding a figure for the claim. Offsets are into the report's loaded text."""

    quote: str
    start: int
    end: int
    figure: str
    low: float | None  # None: unbounded
    high: float | None
    score: float
    fits: bool = True  # does the figure agree with the claim?
    partial: bool = False  # is it a count for a narrower scope?
    reason: str = ""  # "report: 3,075 (exactly 3,075); claim: more than 1,000; compatible"
    figure_start: int = -1  # offsets of the figure itself, for highlighting (-1: unknown)
    figure_end: int = -1
    relation: str = ""  # later_tally | narrower_scope | other_source | projection: why a figure may differ


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    id: str
    verdict: Verdict  # the human's when reviewed, else the checker's
    auto: Verdict  # what the checker decided
    evidence: tuple[Evidence, ...] = ()
    reviewed: bool = False
    note: str = ""
    reviewed_at: str = ""
    reviewer: str = ""
    evidence_total: int = 0  # the passages found, when more than those in `evidence` (0: none left out)


@dataclass(frozen=True, slots=True)
class ReportVerdicts:
    file: str
    sha256: str
    claims: tuple[ClaimVerdict, ...]
    title: str = ""  # where the report is from, as far as known (optional fields of the file)
    outlet: str = ""
    published: str = ""  # YYYY-MM-DD
    url: str = ""

    def claim(self, claim_id: str) -> ClaimVerdict | None:
        return next((c for c in self.claims if c.id == claim_id), None)


@dataclass(frozen=True, slots=True)
class Verdicts:
    """A whole verdicts file (format version 1)."""

    rules: str
    generated: str
    reports: tuple[ReportVerdicts, ...]
    version: int = 1


def check_report(rules: RuleSet, report: Report, terms: list[ClaimTerms] | None = None,
                 cues: CueIndex | None = None) -> ReportVerdicts:
    """The checker's verdict for every claim of `rules` in one report.

    `terms` and `cues` are derived from the rules; pass them in when checking many reports.
    """
    analysis = Analysis(report)
    terms = terms or claim_terms(rules)
    cues = cues or CueIndex(terms)
    found = [ties(t.claim, analysis, t, sentences) for t, sentences in zip(terms, cues.sentences(analysis))]
    found = _without_others_figures([t.claim for t in terms], found)
    verdicts = tuple(_judged(t.claim, f, analysis) for t, f in zip(terms, found))
    m = report.meta
    return ReportVerdicts(report.file, report.sha256, verdicts, m.title, m.outlet, m.published, m.url)


def judge(claim: Claim, analysis: Analysis, terms: ClaimTerms | None = None,
          sentences: list[int] | None = None) -> ClaimVerdict:
    return _judged(claim, ties(claim, analysis, terms, sentences), analysis)


def _without_others_figures(claims: list[Claim], found: list[list[Tie]]) -> list[list[Tie]]:
    """A figure tied to two claims of one rules file, that agrees with one of them, is that
    claim's figure: it never speaks against the other ("$300bn a year" beside the "$100bn"
    goal it replaces belongs to the $300bn claim)."""
    fitting: dict[int, set[int]] = {}  # a figure's start -> the claims it agrees with
    for c, (claim, tied) in enumerate(zip(claims, found)):
        for tie in tied:
            if not tie.partial and not _converted(tie, claim) and tie.interval.overlaps(claim.interval):
                fitting.setdefault(tie.mention.figure.start, set()).add(c)
    if not fitting:
        return found
    return [[tie for tie in tied
             if tie.interval.overlaps(claim.interval) or not fitting.get(tie.mention.figure.start, set()) - {c}
             or _converted(tie, claim)]
            for c, (claim, tied) in enumerate(zip(claims, found))]


def _converted(tie: Tie, claim: Claim) -> bool:
    """Is the tie a sum in another currency than the claim's (compared once converted, in decide)?"""
    return tie.mention.figure.kind is Kind.MONEY and tie.mention.figure.currency != claim.figure.currency


def _judged(claim: Claim, found: list[Tie], analysis: Analysis) -> ClaimVerdict:
    verdict, evidence, total = decide(claim, found, analysis)
    return ClaimVerdict(claim.id, verdict, verdict, evidence,
                        evidence_total=total if total > len(evidence) else 0)


def decide(claim: Claim, found: list[Tie], analysis: Analysis) -> tuple[Verdict, tuple[Evidence, ...], int]:
    """Overlapping figures support; disjoint ones contradict; a narrower count counts only
    when it equals an exact claim or already exceeds it. The verdict, the best MAX_EVIDENCE
    passages it rests on, and how many there were."""
    if not found:
        return Verdict.NOT_MENTIONED, (), 0  # (as below, without working out the claim's interval)
    target = claim.interval
    supporting: list[tuple[Tie, bool]] = []
    opposing: list[tuple[Tie, bool]] = []
    best_s = best_o = -math.inf  # the strongest of each side (strengths are finite)
    for tie in found:
        if tie.mention.figure.kind is Kind.MONEY:
            tie = in_claims_currency(claim, tie)
            if tie is None:
                continue
        fits = tie.interval.overlaps(target) or _rounded_alike(tie, claim)
        if tie.partial:
            exact_match = target.low == target.high and tie.interval == target
            # a part of a count may already exceed the whole; a share or a sum of money of a part
            # says nothing of the whole's
            exceeds = tie.mention.figure.kind is Kind.COUNT and _exceeds(tie.interval, target)
            if not (exact_match or exceeds):
                continue
            fits = exact_match
        if not fits and not tie.firm:
            continue  # a loose tie may support, never contradict: a false alarm costs most
        if not fits and not (tie.named and tie.mention.figure.kind is Kind.COUNT) and _far_apart(tie.interval, target):
            continue  # "£10,500" beside a claim of £25bn: another quantity, not a misstated one
        if fits:
            supporting.append((tie, fits))
            if tie.strength > best_s:
                best_s = tie.strength
        else:
            opposing.append((tie, fits))
            if tie.strength > best_o:
                best_o = tie.strength
    if not supporting and not opposing:
        return Verdict.NOT_MENTIONED, (), 0
    if supporting and opposing and abs(best_s - best_o) <= CONFLICT_MARGIN and (
            best_o >= best_s or any(tie.named and tie.strength == best_o and tie.mention.figure.kind is Kind.COUNT
                                    for tie, _ in opposing)):
        # a weaker disagreeing figure stands equal only when its own words name what the claim counts
        verdict, chosen = Verdict.CONFLICTING, supporting + opposing
    elif best_s >= best_o:
        verdict, chosen = Verdict.SUPPORTS, supporting
    else:
        verdict, chosen = Verdict.CONTRADICTS, opposing
    chosen.sort(key=lambda pair: (-pair[0].strength, pair[0].mention.figure.start))
    kept = chosen[:MAX_EVIDENCE]
    if verdict is Verdict.CONFLICTING and all(fits == kept[0][1] for _, fits in kept):
        # both sides are shown: the other side's best takes the last place
        kept[-1] = next(pair for pair in chosen if pair[1] != kept[0][1])
    return verdict, tuple(_evidence(claim, tie, fits, analysis) for tie, fits in kept), len(chosen)


def in_claims_currency(claim: Claim, tie: Tie) -> Tie | None:
    """A sum of money in another currency than the claim's, converted to the claim's at the
    rules' rate or else the ECB's of the source's date (money.py); None when no rate is known:
    a figure in another currency neither supports nor contradicts the claim.

    At the ECB's rate the tie is loose, supporting but never contradicting: the rules did not say
    that the story's money is written in that currency, and a sum in it may be another country's
    (dollars in a report on a British budget)."""
    rate = _rate(claim, tie)
    if rate is None:
        return tie if tie.mention.figure.currency == claim.figure.currency else None
    return replace(tie, interval=rate.convert(tie.interval), firm=tie.firm and not rate.on)


def _rate(claim: Claim, tie: Tie) -> Rate | None:
    figure = tie.mention.figure
    if figure.kind is not Kind.MONEY or figure.currency == claim.figure.currency:
        return None
    return claim.rates.rate(figure.currency, claim.figure.currency)


# How many times larger or smaller than the claim's a figure may be and still contradict it: a
# report misstating a figure tenfold is rare, another quantity of the same unit is common.
FAR_APART = 10.0


def _far_apart(figure: Interval, claim: Interval) -> bool:
    """Is every value of `figure` more than FAR_APART times above or below every value of the claim's?"""
    low, high = claim.low, claim.high
    if figure.low > 0 and low > 0 and math.isfinite(figure.low) and figure.low > FAR_APART * high:
        return True
    return figure.high > 0 and low > 0 and math.isfinite(figure.high) and figure.high * FAR_APART < low


def _rounded_alike(tie: Tie, claim: Claim) -> bool:
    """Does a bare figure written to fewer digits than the claim's agree with it once the claim's
    value is rounded or cut to the figure's last digit ("40%" or "40.2%" for 40.18%, "27m" for
    27.7 million)? A reader takes such a figure as the same value, less precisely written."""
    figure = tie.mention.figure
    if figure.hedge is not Hedge.EXACT or figure.kind is Kind.MEASURE or tie.member or tie.partial:
        return False
    step, value = _last_digit(figure.text, figure.interval.low), figure.interval.low
    mine = _last_digit(claim.quantity, claim.figure.interval.low)
    if not step or not mine or mine >= step:
        return False
    return tie.interval.low == value and Interval(value - step / 2, value + step, False, True).overlaps(
        claim.interval)


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _last_digit(text: str, value: float) -> float:
    """The place of the last digit `text` writes its number to, in the value's terms: '40.2%' 0.1,
    '27m' 1,000,000, '$1.63 billion' 10,000,000; 0 when it is not written in digits."""
    m = _NUMBER.search(text)
    if m is None or not math.isfinite(value):
        return 0.0
    written = m.group(0).replace(",", "")
    number = float(written)
    if number == 0:
        return 0.0
    places = len(written.split(".")[1]) if "." in written else 0
    return 10.0 ** -places * value / number


def _exceeds(figure: Interval, claim: Interval) -> bool:
    """Is every value of `figure` above the claim's highest?"""
    if math.isinf(claim.high):
        return False
    return figure.low > claim.high or (figure.low == claim.high and (figure.low_open or claim.high_open))


def _evidence(claim: Claim, tie: Tie, fits: bool, analysis: Analysis) -> Evidence:
    mention = tie.mention
    report = analysis.report
    # the sentence's offsets from the arrays (report.sentences[i] would build a Sentence to read them)
    start, end = report.sentences.starts[mention.index], report.sentences.ends[mention.index]
    figure = mention.figure
    if end - start > MAX_QUOTE:
        start, end = quote_window(report.text, start, end, figure.start, figure.end)
    iv = tie.interval
    # (by position, in the order of Evidence's fields: by keyword the call costs a fifth more)
    return Evidence(
        report.text[start:end],  # quote
        start,
        end,
        figure.text,
        None if math.isinf(iv.low) else iv.low,
        None if math.isinf(iv.high) else iv.high,
        round(tie.score, 1),  # score
        fits,
        tie.partial,
        reason(claim, tie, fits, analysis.report.published),
        figure.start,
        figure.end,
        tie.relation,
    )


def quote_window(text: str, start: int, end: int, figure_start: int, figure_end: int) -> tuple[int, int]:
    """The part of the passage `text[start:end]` around its figure a quote holds: at most
    MAX_QUOTE characters, the figure near the middle, cut between words where one ends close by."""
    figure_start, figure_end = max(start, figure_start), min(end, max(figure_end, figure_start))
    low = max(start, figure_start - max(0, MAX_QUOTE - (figure_end - figure_start)) // 2)
    high = min(end, low + MAX_QUOTE)
    low = max(start, min(low, high - MAX_QUOTE))
    if low > start and not text[low - 1].isspace():
        space = text.find(" ", low, min(figure_start, low + 30))
        low = space + 1 if space >= 0 else low
    if high < end and not text[high].isspace():
        space = text.rfind(" ", max(figure_end, high - 30), high)
        high = space if space >= 0 else high
    return low, max(high, figure_end)


RELATIONS = {"later_tally": "a later cumulative tally", "narrower_scope": "a count for a narrower scope",
             "other_source": "another source's figure", "projection": "a projection"}
"""Why a figure may differ from the claim's (Evidence.relation), in words."""


def reason(claim: Claim, tie: Tie, fits: bool, published: str = "") -> str:
    """The reasoning in words: 'report: 3,075 (exactly 3,075); claim: more than 1,000; compatible';
    money in another currency with its conversion: 'report: 100 million yuan ≈ 13.8 million USD at
    the ECB rate of 2025-03-28 (13.4 million to 14.2 million USD)'."""
    figure = tie.mention.figure
    written, currency = figure.text, figure.currency
    if (rate := _rate(claim, tie)) is not None:
        stated = figure.interval
        ends = (stated.low, stated.high) if figure.hedge is Hedge.RANGE else (figure.value,)
        written, currency = rate.said(figure.text, *ends), rate.to
    said = describe_interval(tie.interval, figure.hedge, figure.kind, currency, figure.rate, figure.unit)
    report = f"report: {written} ({said}"
    if tie.member:
        report += f", at most for each of {', '.join(tie.mention.origin)}"
    report += ")"
    if tie.counts:
        report += f" counting {tie.counts}"
    verdict = "compatible" if fits else "incompatible"
    if fits and not tie.partial and not tie.interval.overlaps(claim.interval):
        verdict += " (the claim's value written to fewer digits)"
    if tie.partial:
        verdict += (" (a narrower count that matches the exact claim)" if fits
                    else " (even this narrower count exceeds the claim)")
    if tie.relation == "later_tally" and published:
        verdict += f" ({RELATIONS[tie.relation]}, report of {published})"
    elif tie.relation in ("other_source", "projection"):
        verdict += f" ({RELATIONS[tie.relation]})"
    return f"{report}; claim: {claim.stated}; {verdict}"


def relation_words(e: Evidence, published: str = "", source_published: str = "") -> str:
    """How the evidence's figure stands to the claim, in words, with the report's date beside the
    source's: '3,075: a later cumulative tally, 14 days after the source (report of 2025-07-31,
    source of 2025-07-17)'; "" when the engine found no such relation."""
    if e.relation not in RELATIONS:
        return ""
    words = f"{e.figure}: {RELATIONS[e.relation]}"
    if published and source_published:
        apart = _days_apart(published, source_published)
        words += f"{', ' + apart if apart else ''} (report of {published}, source of {source_published})"
    elif published:
        words += f" (report of {published}; the source's date is not known)"
    elif source_published:
        words += f" (source of {source_published}; the report's date is not known)"
    return words


def _days_apart(published: str, source_published: str) -> str:
    """'14 days after the source', 'the same day as the source'; "" when a date cannot be read."""
    try:
        days = (date.fromisoformat(published[:10]) - date.fromisoformat(source_published[:10])).days
    except ValueError:
        return ""
    if days == 0:
        return "the same day as the source"
    unit = "day" if abs(days) == 1 else "days"
    return f"{abs(days)} {unit} {'after' if days > 0 else 'before'} the source"


def with_review(verdict: ClaimVerdict, human: Verdict, note: str | None, when: str, who: str) -> ClaimVerdict:
    """The pair as a reviewer decided it; the checker's own verdict stays in `auto`."""
    return replace(verdict, verdict=human, reviewed=True, reviewed_at=when, reviewer=who,
                   note=verdict.note if note is None else note)
