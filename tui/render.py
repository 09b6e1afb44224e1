"""The one door through which untrusted text becomes something Textual or Rich will draw.

Report text, titles, notes, claim statements, file names and error messages are data: they are
never parsed as markup, and control characters (ESC, OSC, C1, bidi and zero-width marks) are
shown as visible symbols of the same length, so character offsets into the text stay valid.
Everything here builds `Content` (for Textual widgets) or `rich.text.Text` (for DataTable).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.content import Content

from factdesk.claims.rules import Claim
from factdesk.claims.verdicts import ClaimVerdict, Evidence, Verdict
from factdesk.tui.pairs import Filter, Tally

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")

GLYPH = {Verdict.SUPPORTS: "✓", Verdict.CONTRADICTS: "✗", Verdict.CONFLICTING: "±", Verdict.NOT_MENTIONED: "·"}
LABEL = {Verdict.SUPPORTS: "supports", Verdict.CONTRADICTS: "contradicts",
         Verdict.CONFLICTING: "conflicting", Verdict.NOT_MENTIONED: "not mentioned"}
_THEMED = {Verdict.SUPPORTS: "$text-success", Verdict.CONTRADICTS: "$text-error",
           Verdict.CONFLICTING: "$text-warning", Verdict.NOT_MENTIONED: "$text-muted"}
_PLAIN = {Verdict.SUPPORTS: "green", Verdict.CONTRADICTS: "red",
          Verdict.CONFLICTING: "yellow", Verdict.NOT_MENTIONED: "grey50"}
_PROBLEMS = (Verdict.CONTRADICTS, Verdict.CONFLICTING)
FIGURE = "bold reverse"


def neutralise(text: str) -> str:
    """Control characters as visible symbols, one for one: ESC -> ␛, BEL -> ␇, DEL -> ␡, others -> �."""
    def symbol(m: re.Match[str]) -> str:
        c = ord(m.group())
        return chr(0x2400 + c) if c < 0x20 else "\u2421" if c == 0x7F else "\ufffd"
    return _CONTROL.sub(symbol, text)


def line(text: str) -> str:
    """One line of untrusted text: neutralised, line breaks folded into spaces."""
    return neutralise(_LINE_BREAKS.sub(" ", text.strip()))


def safe(text: str, style: str = "") -> Content:
    """Untrusted text as literal Content (never parsed as markup)."""
    return Content.styled(neutralise(text), style)


def rich_text(text: str, style: str = "") -> Text:
    """Untrusted text as a literal Rich Text (for DataTable cells and labels)."""
    return Text(line(text), style=style)


def _look(pair: ClaimVerdict, colours: dict[Verdict, str], ground: str) -> str:
    """A pair's glyph: dim while only suggested, bold and underlined once a person decided; a
    contradiction or conflict only suggested is never dim but bold on `ground` (without colour,
    bold among dim glyphs)."""
    if pair.reviewed:
        return f"{colours[pair.verdict]} bold underline"
    if pair.verdict in _PROBLEMS:
        return f"bold {colours[pair.verdict]} on {ground}"
    return f"{colours[pair.verdict]} dim"


def _glyph_style(pair: ClaimVerdict, stale: bool, selected: bool) -> str:
    """How the claim list draws a pair's glyph (see _look), on a warning background when the
    person's decision was made on older bytes of the report."""
    style = "bold $text-warning on $warning-muted" if stale else _look(pair, _THEMED, "$error-muted")
    return style + (" reverse" if selected else "")


def glyph_sample(v: Verdict, reviewed: bool = False, stale: bool = False) -> Content:
    """A glyph drawn as the claim list draws it (for the help screen's legend)."""
    return Content.styled(GLYPH[v], _glyph_style(ClaimVerdict("x", v, v, reviewed=reviewed), stale, False))


def glyph_text(pair: ClaimVerdict, stale: bool) -> Text:
    """A pair in the matrix (Rich, for DataTable): as in the claim list, with "!" after a stale one."""
    if stale:
        return Text(GLYPH[pair.verdict] + "!", style="bold yellow")
    return Text(GLYPH[pair.verdict], style=_look(pair, _PLAIN, "grey23"))


def tally_text(tally: Tally) -> Text:
    """A claim's or a report's contradictions for the matrix (Rich, for DataTable): "✗1 ±2"."""
    text = Text()
    bold = " bold" if tally.open_problems else ""
    if tally.contradicted:
        text.append(f"{GLYPH[Verdict.CONTRADICTS]}{tally.contradicted}", style="red" + bold)
    if tally.conflicting:
        text.append(" " if text else "")
        text.append(f"{GLYPH[Verdict.CONFLICTING]}{tally.conflicting}", style="yellow" + bold)
    return text


_NUMBERED_NAME = re.compile(r"^\d+[-_. ]+(?=\w)")


def short_name(number: int, file: str, width: int) -> str:
    """A report's column label in the matrix: its number and its file name without the folder, the
    extension and a leading number, cut with an ellipsis: "2 cumulati…"."""
    stem = os.path.splitext(os.path.basename(file))[0]
    label = f"{number} {line(_NUMBERED_NAME.sub('', stem))}"
    return label if len(label) <= width else label[:width - 1] + "…"


def verdict(v: Verdict) -> Content:
    return Content.styled(LABEL[v], f"bold {_THEMED[v]}")


def tally_marks(tally: Tally) -> Content:
    """A claim's or a report's contradictions and conflicts, "✗ 2 ± 1" (those still only the
    checker's in bold); empty when there are none."""
    bold = " bold" if tally.open_problems else ""
    parts: list[Content | str | tuple[str, str]] = []
    if tally.contradicted:
        parts.append((f"{GLYPH[Verdict.CONTRADICTS]} {tally.contradicted}", "$text-error" + bold))
    if tally.conflicting:
        parts += [" "] * bool(parts) + [(f"{GLYPH[Verdict.CONFLICTING]} {tally.conflicting}", "$text-warning" + bold)]
    return Content.assemble(*parts)


def _ends(left: Content, right: Content, width: int) -> Content:
    """`left`, cut with an ellipsis to leave room for `right`, then `right` at the end of `width`."""
    if not right:
        return left.truncate(width, ellipsis=True)
    left = left.truncate(max(1, width - len(right) - 1), ellipsis=True)
    return Content.assemble(left, " " * max(1, width - len(left) - len(right)), right)


def claim_item(claim: Claim, pairs: Sequence[tuple[ClaimVerdict, bool]], first: int, selected: int,
               before: int, after: int, tally: Tally, width: int = 44, lead: int = 1) -> Content:
    """A claim in the list: its id, figure and contradictions, then a glyph per report (a window
    of them, with how many reports are off the list to the left and to the right)."""
    head = Content.assemble((line(claim.id), "bold"), "  ", (line(claim.quantity), "$text-accent"))
    cells: list[tuple[str, str]] = []  # a run of glyphs of one style is one span: less to draw
    for i, (p, s) in enumerate(pairs):
        style = _glyph_style(p, s, first + i == selected)
        if cells and cells[-1][1] == style:
            cells[-1] = (cells[-1][0] + GLYPH[p.verdict], style)
        else:
            cells.append((GLYPH[p.verdict], style))
    left = (f"{before}‹" if before else "").rjust(lead)
    row = Content.assemble((left, "$text-muted"), *cells, (f"›{after}" if after else "", "$text-muted"))
    return Content("\n").join([_ends(head, tally_marks(tally), width), row])


def report_item(number: int, name: str, title: str, reviewed: int, total: int, stale: bool,
                width: int = 40, tally: Tally | None = None) -> Content:
    """A report in the list: number, pairs reviewed, name (cut with an ellipsis, never wrapped),
    contradictions and a stale mark at the end of the line; its title under it."""
    count = Content.styled(f"{reviewed}/{total}", "$text-success" if reviewed == total else "$text-muted")
    left = Content.assemble((f"{number:>3} ", "$text-muted"), count, " ", (line(name), "bold"))
    marks = tally_marks(tally) if tally else Content("")
    if stale:
        marks = Content.assemble(marks, " " if marks else "", ("stale", "bold $text-warning"))
    parts = [_ends(left, marks, width)]
    if title:
        parts.append(Content.assemble("      ", Content.styled(line(title), "italic").truncate(width - 6, ellipsis=True)))
    return Content("\n").join(parts)


def statement(claim: Claim, figure: tuple[int, int] | None) -> Content:
    text = safe(claim.statement)
    return text.stylize(FIGURE, *figure) if figure else text


def passage(text: str, start: int, end: int, figures: Sequence[tuple[int, int]],
            before: int | None = None, after: int | None = None) -> Content:
    """The sentence text[start:end] with its figures (absolute offsets) highlighted, between
    dimmed context from `before` and up to `after`."""
    lo = start if before is None else before
    hi = end if after is None else after
    shown = Content(neutralise(text[lo:hi]))
    if lo < start:
        shown = shown.stylize("dim", 0, start - lo)
    if hi > end:
        shown = shown.stylize("dim", end - lo, hi - lo)
    for a, b in figures:
        if lo <= a < b <= hi:
            shown = shown.stylize(FIGURE, a - lo, b - lo)
    return shown


EVIDENCE = "underline $text-accent"  # an evidence passage in the full text
CURRENT = "bold $text-accent on $accent-muted"  # the passage the pair view shows


def literal(text: str) -> str:
    """Text as a report's full text shows it: control characters as symbols, a tab as a space
    (one character for one, so offsets stay valid)."""
    return neutralise(text).replace("\t", " ")


def marked(text: str, start: int, end: int, marks: Sequence[tuple[int, int, str]]) -> Content:
    """text[start:end] (one line of a report's full text) as literal Content, tabs as spaces,
    with the styled spans of `marks` (absolute offsets; later ones drawn over earlier ones) that
    fall in it."""
    shown = Content(literal(text[start:end]))
    for a, b, style in marks:
        if a < end and b > start:
            shown = shown.stylize(style, max(a, start) - start, min(b, end) - start)
    return shown


def source_side(claim: Claim, figure: tuple[int, int] | None, sentence: Content | None,
                source_title: str, has_source: bool) -> Content:
    parts = [Content.styled("Statement", "bold $text-muted"), statement(claim, figure),
             Content.assemble(("claimed: ", "$text-muted"), (line(claim.quantity), "bold"))]
    if sentence is not None:
        parts += [Content(""), Content.assemble(("In the source article", "bold $text-muted"),
                                                 (f" ({line(source_title)})" if source_title else "", "$text-muted")),
                  sentence]
    elif has_source:
        parts += [Content(""), Content.styled("The sentence was not found in the source article.", "$text-muted")]
    return Content("\n").join(parts)


def evidence_side(shown: Content | None, kind: str, count: int, index: int, evidence: Evidence | None) -> Content:
    if shown is None:
        return Content.styled("No passage of this report speaks of the claim.", "$text-muted")
    head = Content.styled(f"{kind} {index + 1} of {count}" + ("  ([ ] for others)" if count > 1 else ""),
                          "bold $text-muted")
    parts = [head, shown]
    if evidence is not None:
        parts += [Content(""), Content.assemble(("figure: ", "$text-muted"), (line(evidence.figure), "bold"))]
    return Content("\n").join(parts)


def pair_heading(claim: Claim, claim_no: int, claims: int, report_name: str, report_no: int, reports: int,
                 pair: ClaimVerdict, stale: bool) -> Content:
    where = Content.assemble(("claim ", "$text-muted"), (f"{claim_no}/{claims} ", "$text-muted"),
                             (line(claim.id), "bold"), ("   report ", "$text-muted"),
                             (f"{report_no}/{reports} ", "$text-muted"), (line(report_name), "bold"))
    decided: list[Content | str | tuple[str, str]] = [("checker: ", "$text-muted"), verdict(pair.auto), "   "]
    if pair.reviewed:
        decided += [("reviewed: ", "$text-muted"), verdict(pair.verdict)]
        if pair.reviewer:
            decided += [(f" by {line(pair.reviewer)}", "$text-muted")]
        if stale:
            decided += [("  STALE: decided before the report changed; decide again", "bold $text-warning")]
    else:
        decided += [("not reviewed yet", "italic $text-muted")]
    return Content("\n").join([where, Content.assemble(*decided)])


def clip(text: str, width: int) -> str:
    """One line of untrusted text in at most `width` cells, ending in an ellipsis when cut."""
    text = line(text)
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)).rstrip() + "…" if width > 0 else ""


def origin(title: str, outlet: str, published: str, url: str, width: int) -> Content:
    """Where a report is from, on one line of `width` cells: outlet, date, title and URL as far
    as they are known. The URL gives way first (to 16 cells), then the longest of the others,
    each ending in an ellipsis when cut (never below 8 cells; the date never); when even that
    does not fit, the URL, then the title, go."""
    fields = [[line(v), style] for v, style in ((outlet, "bold"), (published, ""), (title, "italic"),
                                                 (url, "$text-muted")) if v]
    if not fields:
        return Content.styled("from: not known (no title, outlet, date or URL in the report)", "$text-muted")
    floor, url_floor = 8, 16
    while True:
        room = width - len("from: ") - 3 * (len(fields) - 1)
        least = sum(cell_len(v) if not style else min(cell_len(v), url_floor if style == "$text-muted" else floor)
                    for v, style in fields)
        if least <= room or len(fields) == 1:
            break
        fields.pop()  # the last known of URL, title, date, outlet
    if fields[-1][1] == "$text-muted":  # the URL: cut first, to what the others leave it
        others = sum(cell_len(v) for v, _ in fields[:-1])
        fields[-1][0] = clip(fields[-1][0], max(url_floor, room - others))
        room -= cell_len(fields[-1][0])
        fields, url_field = fields[:-1], fields[-1:]
    else:
        url_field = []
    fixed = sum(cell_len(v) for v, style in fields if not style)  # the date
    wants = [cell_len(v) for v, style in fields if style]
    level = max(wants, default=0)
    while level > floor and fixed + sum(min(w, level) for w in wants) > room:
        level -= 1  # the longest fields are cut to one level, the shorter kept whole
    parts: list[Content | str | tuple[str, str]] = [("from: ", "$text-muted")]
    for n, (value, style) in enumerate(fields + url_field):
        if n:
            parts.append((" · ", "$text-muted"))
        parts.append((clip(value, level) if style and style != "$text-muted" else value, style))
    return Content.assemble(*parts)


def relation(words: str) -> Content:
    """How a differing figure stands to the claim (a later tally, a narrower scope, a projection,
    another source's figure), under the why-line; nothing when there is no such relation."""
    return Content.assemble(("\nfigure ", "bold $text-muted"), (line(words), "$text-warning")) if words else Content("")


def reason(evidence: Evidence | None) -> Content:
    if evidence is None or not evidence.reason:
        return Content.styled("why: (no figure of the checker in this passage)", "$text-muted")
    return Content.assemble(("why: ", "bold $text-muted"), line(evidence.reason))


def note(text: str) -> Content:
    if not text:
        return Content.styled("note: (none; n to write one)", "$text-muted")
    return Content.assemble(("note: ", "bold $text-muted"), neutralise(text))


def shorten(path: str, width: int) -> str:
    """A path in at most `width` characters: the home folder as ~, then as many of its last
    parts as fit after "…/" (a file name longer than that keeps its end)."""
    home = os.path.expanduser("~")
    if home not in ("", "/", "~") and (path == home or path.startswith(home.rstrip("/") + "/")):
        path = "~" + path[len(home.rstrip("/")):]
    width = max(width, 2)
    if len(path) <= width:
        return path
    parts = path.split("/")
    tail = parts[-1]
    for part in reversed(parts[:-1]):
        if len(part) + 1 + len(tail) + 2 > width:
            break
        tail = f"{part}/{tail}"
    return "…/" + tail if len(tail) + 2 <= width else "…" + tail[len(tail) - width + 1:]


PATH_WIDTH = 60  # the verdicts path's room in the header when its width is not known
PATH_ENOUGH = 24  # room enough for the path (its file name, and a folder or two) before other parts give way


def tally_line(tally: Tally, form: str = "long") -> Content:
    """Contradicted, conflicting and unreviewed pairs: "✗ 2 contradicted  ± 1 conflicting  24
    unreviewed" (long), "✗ 2  ± 1  24 unreviewed" (short) or "✗2 ±1 24 left" (tiny)."""
    x = (f"{GLYPH[Verdict.CONTRADICTS]} {tally.contradicted}", "bold $text-error" if tally.contradicted else "$text-muted")
    c = (f"{GLYPH[Verdict.CONFLICTING]} {tally.conflicting}", "bold $text-warning" if tally.conflicting else "$text-muted")
    u = (f"{tally.unreviewed}", "bold" if tally.unreviewed else "$text-muted")
    if form == "long":
        return Content.assemble(x, (" contradicted  ", "$text-muted"), c, (" conflicting  ", "$text-muted"),
                                u, (" unreviewed", "$text-muted"))
    if form == "short":
        return Content.assemble(x, "  ", c, "  ", u, (" unreviewed", "$text-muted"))
    return Content.assemble((x[0].replace(" ", ""), x[1]), " ", (c[0].replace(" ", ""), c[1]), " ", u,
                            (" left", "$text-muted"))


def filter_label(f: Filter) -> str:
    """The filter as the header shows it, short: its words, the verdicts' glyphs, "unreviewed"."""
    if f.problem:
        return "no match"
    return " ".join([*f.words, *(GLYPH[v] for v in Verdict if v in f.verdicts), *(["unreviewed"] * f.unreviewed)])


def status(verdicts_file: str, exists: bool, reviewed: int, total: int, dirty: bool, reviewer: str,
           filtered: str, width: int | None = None, tally: Tally | None = None, flags: str = "") -> Content:
    """The header line: pairs reviewed, what is contradicted, the verdicts file, whether it is
    saved. The verdicts file's path is always on it, shortened with an ellipsis to what `width`
    (the line's) leaves, never to less than 16 characters: until it has PATH_ENOUGH, the reviewer,
    then the counts' words, then the filter give way to it, in that order. `flags` (READ-ONLY,
    reports not loaded) follow the state, in bold."""
    head = Content.styled(f"{reviewed} of {total} pairs reviewed", "bold")
    short_head = Content.styled(f"{reviewed}/{total} reviewed", "bold")
    state = Content.styled("   unsaved changes", "bold $text-warning") if dirty else \
        Content.styled("   saved" if exists else "   new file", "$text-muted")
    if flags:
        state += Content.styled(f"   {line(flags)}", "bold $text-warning")
    label = Content.styled("   verdicts: ", "$text-muted")
    who = Content.assemble(("   reviewer: ", "$text-muted"), line(reviewer)) if reviewer else Content("")
    kept = Content.assemble(("   filter: ", "$text-muted"), (line(filtered), "bold")) if filtered else Content("")
    counts = {form: Content("   ") + tally_line(tally, form) if tally else Content("")
              for form in ("long", "short", "tiny")}
    path = line(verdicts_file)
    none = Content("")
    ways = [(head, counts["long"], label, who, kept), (head, counts["long"], label, none, kept),
            (head, counts["short"], label, none, kept), (head, counts["short"], label, none, none),
            (head, counts["tiny"], label, none, none), (short_head, counts["tiny"], label[1:], none, none)]
    chosen, room = ways[0], PATH_WIDTH
    if width is not None:
        fixed = width - 2 - len(state)
        rooms = [fixed - sum(len(part) for part in way) for way in ways]
        enough = min(len(path), PATH_ENOUGH)
        at = next((i for i, r in enumerate(rooms) if r >= enough), len(ways) - 1)
        chosen, room = ways[at], rooms[at]
    head, shown_counts, label, who, kept = chosen
    return Content.assemble(head, shown_counts, label, shorten(path, max(16, room)), state, who, kept)


def message(*parts: str | tuple[str, str]) -> Content:
    """A dialog's message from plain and (text, style) parts, any of them untrusted."""
    return Content.assemble(*[(neutralise(p[0]), p[1]) if isinstance(p, tuple) else neutralise(p) for p in parts])
