"""Exports of a verdicts file for editors and the public: a registry of formats, one entry each.

Each format is a function from an `Export` (a verdicts file with its rules) and `ExportOptions`
to text. Everything a report, a rules file or a reviewer wrote (quotes, notes, statements, file
names) is untrusted and escaped for the format it goes into: Markdown (a table row stays one
row, markup and HTML show as text), CSV (the csv module's quoting; a cell that a spreadsheet
would run as a formula starts with an apostrophe) and JSON (json.dumps, with the characters that
could end a `<script>` element or a JavaScript string, or that a terminal may obey, as escapes).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import VerdictsError
from .formats import load_verdicts, printable
from .rules import Claim, RuleSet, load_rules
from .verdicts import ClaimVerdict, ReportVerdicts, Verdict, Verdicts


@dataclass(frozen=True, slots=True)
class ExportOptions:
    publisher: str = ""  # who publishes the review (ClaimReview author and publisher)
    url: str = ""  # where the review is published (ClaimReview url)
    terminal: bool = False  # written to a terminal: control characters shown, never obeyed


@dataclass(frozen=True, slots=True)
class Pair:
    """One (report, claim) verdict, with the claim as the rules state it (None: not in the rules)."""

    report: ReportVerdicts
    verdict: ClaimVerdict
    claim: Claim | None


@dataclass(frozen=True, slots=True)
class Export:
    """A verdicts file and the rules file it names."""

    verdicts: Verdicts
    rules: RuleSet

    def claim_ids(self) -> list[str]:
        """The rules' claims in their order, then any claim only the verdicts file names."""
        ids = [c.id for c in self.rules.claims]
        seen = set(ids)
        for report in self.verdicts.reports:
            for c in report.claims:
                if c.id not in seen:
                    seen.add(c.id)
                    ids.append(c.id)
        return ids

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.rules.claims if c.id == claim_id), None)

    def pairs(self) -> Iterator[Pair]:
        """Every (report, claim) verdict, report by report, as the verdicts file lists them."""
        claims = {c.id: c for c in self.rules.claims}
        for report in self.verdicts.reports:
            for c in report.claims:
                yield Pair(report, c, claims.get(c.id))

    def pairs_of(self, claim_id: str) -> list[Pair]:
        return [p for p in self.pairs() if p.verdict.id == claim_id]


def load_export(path: str | Path) -> Export:
    """A verdicts file and its rules file (its `rules:` path is relative to the verdicts file).
    VerdictsError or RulesError, with positions, when either cannot be used."""
    path = Path(path)
    verdicts = load_verdicts(path)
    if not verdicts.rules:
        raise VerdictsError(f"{path}: 'rules' is missing (expected the rules file, relative to this file)")
    return Export(verdicts, load_rules(path.parent / verdicts.rules))


# ---------------------------------------------------------------------------------------------
# Words shared by the formats
# ---------------------------------------------------------------------------------------------


def _reports(n: int) -> str:
    return f"{n} report" if n == 1 else f"{n} reports"


def rating_words(verdicts: list[ClaimVerdict]) -> str:
    """A claim's standing in plain words, from its reports' verdicts (people's where reviewed):
    'Supported by 5 of 7 reports', 'Contradicted by 2 of 7 reports',
    'Disputed: contradicted by 2, supported by 5 of 7 reports', 'Not mentioned in 7 reports'."""
    n = len(verdicts)
    if not n:
        return "Not checked against any report"
    count = {v: sum(c.verdict is v for c in verdicts) for v in Verdict}
    s, c, f = count[Verdict.SUPPORTS], count[Verdict.CONTRADICTS], count[Verdict.CONFLICTING]
    if not (s or c or f):
        return f"Not mentioned in {'the one report' if n == 1 else _reports(n)}"
    if not (c or f):
        return f"Supported by {s} of {_reports(n)}"
    if not (s or f):
        return f"Contradicted by {c} of {_reports(n)}"
    if not (s or c):
        return f"Conflicting figures in {f} of {_reports(n)}"
    parts = [f"contradicted by {c}" if c else "", f"supported by {s}" if s else "",
             f"conflicting in {f}" if f else ""]
    return f"Disputed: {', '.join(p for p in parts if p)} of {_reports(n)}"


def review_words(verdicts: list[ClaimVerdict]) -> str:
    """How many of a claim's verdicts a person gave: '3 of 7 verdicts reviewed by a person'."""
    n, reviewed = len(verdicts), sum(c.reviewed for c in verdicts)
    if not n:
        return "No verdicts"
    if reviewed == n:
        return "The verdict reviewed by a person" if n == 1 else f"All {n} verdicts reviewed by a person"
    if not reviewed:
        return "The checker's own verdict (auto), not reviewed" if n == 1 else (
            f"None of the {n} verdicts reviewed by a person: all are the checker's own (auto)")
    return f"{reviewed} of {n} verdicts reviewed by a person; the others are the checker's own (auto)"


def verdict_words(c: ClaimVerdict) -> str:
    """'contradicts (reviewed by alice; checker: supports)', 'supports (auto)'."""
    word = c.verdict.value.replace("_", " ")
    if not c.reviewed:
        return f"{word} (auto)"
    by = f"reviewed by {c.reviewer}" if c.reviewer else "reviewed"
    if c.auto is not c.verdict:
        by += f"; checker: {c.auto.value.replace('_', ' ')}"
    return f"{word} ({by})"


def _report_field(report: ReportVerdicts, name: str) -> str:
    """An optional report field (title, outlet, published, url): '' where the model has none."""
    value = getattr(report, name, "")
    return value if isinstance(value, str) else ""


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------

# Characters with a meaning in (GitHub-flavoured) Markdown inline text, shown as themselves with
# a backslash (CommonMark lets any ASCII punctuation be escaped), or as an entity for & < >.
_MD_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>|#~&$]")


def md_text(text: str) -> str:
    """Untrusted text as one line of Markdown that shows as written (less the spaces around it):
    usable in a table cell (pipes escaped, every kind of line break a `<br>`), never markup (emphasis, links, code,
    headings, math, HTML tags and entities show as text), control characters as `\\xNN`."""
    lines = text.replace("\t", " ").strip().splitlines() or [""]
    return "<br>".join(_md_line(line) for line in lines)


def _md_line(line: str) -> str:
    line = printable(line, one_line=True)
    return _MD_SPECIAL.sub(lambda m: _MD_ESCAPES.get(m.group(0)) or "\\" + m.group(0), line)


def to_markdown(e: Export, options: ExportOptions = ExportOptions()) -> str:
    source = e.rules.source
    out = [f"# Fact-check: {md_text(source.title)}", ""]
    about = [md_text(source.title)]
    if source.url:
        about = [f"[{md_text(source.title)}](<{_md_url(source.url)}>)"]
    about += [md_text(x) for x in (source.outlet, source.published) if x]
    out.append(f"Source: {', '.join(about)}  ")
    n_pairs = sum(1 for _ in e.pairs())
    reviewed = sum(p.verdict.reviewed for p in e.pairs())
    out.append(f"Verdicts of {md_text(e.verdicts.generated)}: {_reports(len(e.verdicts.reports))}, "
               f"{len(e.claim_ids())} claims; {reviewed} of {n_pairs} verdicts reviewed by a person "
               "(the others are the checker's, marked auto).")
    if options.publisher:
        out[-1] += f" Published by {md_text(options.publisher)}."
    out += ["", "| Claim | Standing |", "|---|---|"]
    for claim_id in e.claim_ids():
        verdicts = [p.verdict for p in e.pairs_of(claim_id)]
        out.append(f"| {md_text(claim_id)} | {md_text(rating_words(verdicts))} |")
    for claim_id in e.claim_ids():
        out += _md_claim(e, claim_id)
    return "\n".join(out) + "\n"


def _md_claim(e: Export, claim_id: str) -> list[str]:
    claim = e.claim(claim_id)
    pairs = e.pairs_of(claim_id)
    verdicts = [p.verdict for p in pairs]
    out = ["", f"## {md_text(claim_id)}", ""]
    if claim is None:
        out.append("- **Statement:** (not in the rules file)")
    else:
        out.append(f"- **Statement:** {md_text(claim.statement)}")
        out.append(f"- **Quantity:** {md_text(claim.quantity)}")
    out.append(f"- **Standing:** {md_text(rating_words(verdicts))} ({md_text(review_words(verdicts))})")
    out.append("")
    if not pairs:
        out.append("No report was checked for this claim.")
        return out
    out += ["| Report | Verdict | Best quote | Note |", "|---|---|---|---|"]
    for p in pairs:
        report = md_text(p.report.file)
        if title := _report_field(p.report, "title"):
            report += f"<br>*{md_text(title)}*"
        quote = ""
        if p.verdict.evidence:
            best = p.verdict.evidence[0]
            quote = f"“{md_text(best.quote)}”"
            if best.figure:
                quote += f" ({md_text(best.figure)})"
        out.append(f"| {report} | {md_text(verdict_words(p.verdict))} | {quote} | {md_text(p.verdict.note)} |")
    return out


def _md_url(url: str) -> str:
    """A URL inside `<...>` in a link: nothing that ends it or breaks the line."""
    return "".join(f"%{ord(ch):02X}" if ch in "<>\\ " or not ch.isprintable() else ch
                   for ch in url)


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------

CSV_COLUMNS = ("report", "claim", "statement", "quantity", "verdict", "auto", "reviewed",
               "reviewer", "quote", "figure", "note")
# A cell a spreadsheet reads as a formula (OWASP's list: = + - @, and tab and carriage return,
# which some applications skip before looking): kept as text with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(e: Export, options: ExportOptions = ExportOptions()) -> str:
    """RFC 4180 CSV (CRLF line ends, fields quoted when needed), a header row, then one row per
    (report, claim). Written to a terminal, control characters are shown as `\\xNN`."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in e.pairs():
        best = p.verdict.evidence[0] if p.verdict.evidence else None
        row = (p.report.file, p.verdict.id,
               p.claim.statement if p.claim else "", p.claim.quantity if p.claim else "",
               p.verdict.verdict.value, p.verdict.auto.value,
               "true" if p.verdict.reviewed else "false", p.verdict.reviewer,
               best.quote if best else "", best.figure if best else "", p.verdict.note)
        if options.terminal:
            row = tuple(printable(cell) for cell in row)
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# ClaimReview (schema.org, JSON-LD)
# ---------------------------------------------------------------------------------------------


def claimreview_objects(e: Export, options: ExportOptions = ExportOptions()) -> list[dict]:
    """One schema.org ClaimReview per claim of the rules (claims no report was checked for are
    left out: there is nothing to rate)."""
    source = e.rules.source
    out = []
    for claim in e.rules.claims:
        verdicts = [p.verdict for p in e.pairs_of(claim.id)]
        if not verdicts:
            continue
        review: dict = {"@context": "https://schema.org", "@type": "ClaimReview"}
        if options.url:
            review["url"] = options.url
        review["claimReviewed"] = claim.statement
        if e.verdicts.generated:
            review["datePublished"] = e.verdicts.generated
        if options.publisher:
            org = {"@type": "Organization", "name": options.publisher}
            review["author"] = org
            review["publisher"] = org
        review["reviewRating"] = {
            "@type": "Rating",
            "alternateName": rating_words(verdicts),
            "ratingExplanation": f"{review_words(verdicts)}. The claim's figure: {claim.quantity}.",
        }
        review["itemReviewed"] = _claim_item(source)
        out.append(review)
    return out


def _claim_item(source) -> dict:  # noqa: ANN001 (rules.Source)
    item: dict = {"@type": "Claim"}
    if source.outlet:
        item["author"] = {"@type": "Organization", "name": source.outlet}
    if source.published:
        item["datePublished"] = str(source.published)
    if source.url or source.title:
        appearance: dict = {"@type": "CreativeWork"}
        if source.url:
            appearance["url"] = source.url
        if source.title:
            appearance["headline"] = source.title
        if source.published:
            appearance["datePublished"] = str(source.published)
        if source.outlet:
            appearance["publisher"] = {"@type": "Organization", "name": source.outlet}
        item["appearance"] = appearance
    return item


def to_claimreview(e: Export, options: ExportOptions = ExportOptions()) -> str:
    return json_ld(claimreview_objects(e, options))


def json_ld(data: object) -> str:
    """JSON for a `<script type="application/ld+json">` element, readable (UTF-8, indented) and
    valid for any text: `<`, `>` and `&` (which could close the element), U+2028/U+2029 (line
    ends to older JavaScript), C1 controls, bidi marks and lone surrogates are `\\u` escapes.
    They only occur inside strings, so the data is unchanged."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _json_escape().sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


@functools.cache  # compiled on first use: only this export needs it
def _json_escape() -> re.Pattern[str]:
    return re.compile("[<>&\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# ---------------------------------------------------------------------------------------------
# The registry: a new format is one function and one entry here
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    description: str
    render: Callable[[Export, ExportOptions], str]
    suffix: str  # of a file in this format


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("markdown", "a summary for editors: per claim, its reports' verdicts, quotes and notes",
                 to_markdown, ".md"),
    ExportFormat("csv", "one row per (report, claim)", to_csv, ".csv"),
    ExportFormat("claimreview", "schema.org ClaimReview JSON-LD, one object per claim", to_claimreview, ".jsonld"),
)}

def url_problem(url: str) -> str | None:
    """Why `url` cannot be where a review is published, or None when it can."""
    try:
        parts = urlsplit(url)
    except ValueError:  # ('http://[x': an unclosed IPv6 address)
        parts = urlsplit("")
    if parts.scheme in ("http", "https") and parts.netloc and url.isprintable() and " " not in url:
        return None
    return "expected an absolute http:// or https:// address"


def export(path: str | Path, fmt: str, options: ExportOptions = ExportOptions()) -> str:
    """The verdicts file at `path` in the format named `fmt` (a key of FORMATS)."""
    return FORMATS[fmt].render(load_export(path), options)
