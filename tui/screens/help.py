"""Help: what the marks on screen mean, how a verdict is decided, and every key with the binding
id a keymap file can rebind. It wraps to the terminal's width (80 columns and up) and scrolls."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from factdesk.claims.verdicts import Verdict
from factdesk.tui.render import EVIDENCE, FIGURE, LABEL, glyph_sample, rich_text, safe

ELSEWHERE = [
    ("ctrl+p", "command palette: every action; jump to a claim or a report"),
    ("ctrl+q", "quit (asks when there are unsaved changes)"),
    ("arrows", "matrix: move; the pair under the cursor is selected"),
    ("1-4, enter", "matrix: decide the pair under the cursor (the same binding ids as on the review)"),
    ("m, escape, click", "matrix: back to the review"),
    ("enter, escape", "filter: keep it, clear it"),
    ("enter, escape", "dialogs: accept, cancel; a question's answers show their keys"),
    ("ctrl+s", "paste and note dialogs: add the report, keep the note"),
]

KEYS_WIDTH, ID_WIDTH = 16, 25

MEANS = {
    Verdict.SUPPORTS: "a figure of the report that counts the claim's thing agrees with the claim",
    Verdict.CONTRADICTS: "the report's figures for it all disagree with the claim",
    Verdict.CONFLICTING: "figures that agree and figures that disagree, equally strong",
    Verdict.NOT_MENTIONED: "no figure of the report speaks of the claim",
}

MARKS = [
    ("dim", "the checker's suggestion: nobody has looked at the pair yet"),
    ("on red", "a contradiction or conflict only the checker has seen: look at it first (without "
               "colour: bold among dim glyphs)"),
    ("bold, underlined", "decided by a person (1-4, or enter to accept the checker's verdict)"),
    ("stale", "decided on older bytes of the report: the file changed since, so decide again; "
              "on a warning background in the claim list, \"!\" after it in the matrix, "
              "\"stale\" in the report list"),
    ("‹ ›", "more reports to the left or right of the glyphs shown, and how many"),
    ("✗ 2 ± 1", "pairs contradicted and conflicting, of a claim, of a report, of the review (in the header "
                "with those left unreviewed); bold while some are not reviewed yet"),
    ("full text", "in a report's full text (f): the pair's evidence passages underlined, the one the pair "
                  "view shows on a background, figures in reverse"),
    ("header", "READ-ONLY: another review holds the verdicts file and this one saves nothing (ctrl+r reads "
               "it again); SHARED: both review it and the other's saves are merged in; \"N not loaded\": a "
               "stopped loading left reports, L loads them"),
]

DECIDING = [
    ("Every figure is an interval.",
     "A bare number is exact; \"more than 1,000\" is (1000, inf); \"at least 271\" is [271, inf); "
     "\"nearly 3,000\" is [2700, 3000); \"about\", \"some\", \"an estimated\" are plus or minus 10%; "
     "\"up to 50\" is [0, 50]; \"between 270 and 280\" a range; \"dozens\", \"hundreds\", "
     "\"thousands\" are [24, 100), [200, 1000), [2000, 10000). Dates, years, ordinals and numbers "
     "in names (COVID-19, Route 5) are not figures."),
    ("A figure is tied to a claim",
     "when it counts the same thing (\"75 suspects from Taiwan\" counts Taiwanese), in the same "
     "measure (people rescued are not people deported), of the same kind (money per the same "
     "period, another currency converted at the rules' or the ECB's rate; a duration only for a duration)."),
    ("The verdict.",
     "supports: a tied figure's interval overlaps the claim's; contradicts: only disjoint ones; "
     "conflicting: both, equally strong (a tie); not mentioned: no tied figure."),
    ("Ties.",
     "When some figures agree and others disagree, each side's strongest figure is weighed: how surely it "
     "counts the claim's thing, in its measure, in a sentence like the claim's; less for a narrower scope, "
     "a figure since replaced, or a quotation of the claim itself. The stronger side decides; when they "
     "are within 0.15 of each other the pair is conflicting. A loosely tied figure (a bare number near "
     "the words) may support but never contradicts, and one far from the claim's size (10,500 beside "
     "25 billion) is another quantity."),
    ("Scopes.",
     "A later cumulative tally counts (3,075 arrests supports \"more than 1,000\"). A count for a "
     "narrower scope (one city, one day, one raid) does not speak to a nationwide claim unless it "
     "equals an exact claim or already exceeds it."),
    ("Why a figure may differ.",
     "Under the why-line: a later cumulative tally (the report is dated after the source), a count for a "
     "narrower scope, a projection or another source's figure, with the report's date beside the "
     "source's (\"3,075: a later cumulative tally, 14 days after the source\")."),
    ("You decide.",
     "The why-line under the pair gives the checker's reasoning; your verdict (1-4) replaces the "
     "checker's in the verdicts file, which keeps both."),
]


class Help(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "close", id="help.close")]

    def __init__(self, bindings: Iterable[Binding], keymap: Mapping[str, str], keymap_file: Path | None) -> None:
        super().__init__(classes="dialog")
        self.bindings, self.keymap, self.keymap_file = list(bindings), keymap, keymap_file

    def compose(self) -> ComposeResult:
        with Vertical(classes="box help"):
            yield Static(Content("Help: keys, what the glyphs and marks say, how a verdict is decided"),
                         classes="title")
            yield Static(Content("escape or ? closes it; up, down, page up, page down, home and end scroll"),
                         classes="hint")
            with VerticalScroll(id="help-text"):
                yield Static(Content.styled("Keys", "bold"), classes="section")
                where = str(self.keymap_file) if self.keymap_file else "$XDG_CONFIG_HOME/factdesk/keymap.toml"
                yield Static(Content.assemble("Rebind keys in ", safe(where), ' with a [keymap] table of '
                                              'binding ids, e.g. "review.supports" = "y" or '
                                              '"review.next_claim" = "j,down".'), classes="paragraph hint")
                keys = DataTable(cursor_type="none", zebra_stripes=True, id="keys")
                keys.can_focus = False  # the help scrolls as a whole
                yield keys
                yield Static(Content.styled("What the glyphs say", "bold"), classes="section")
                for v in Verdict:
                    yield self.row(Content.assemble(glyph_sample(v), " ", glyph_sample(v, reviewed=True)),
                                   Content(LABEL[v]), Content(MEANS[v]))
                yield Static(Content.styled("Marks", "bold"), classes="section")
                samples = {
                    "dim": glyph_sample(Verdict.SUPPORTS),
                    "bold, underlined": glyph_sample(Verdict.CONTRADICTS, reviewed=True),
                    "stale": glyph_sample(Verdict.CONTRADICTS, reviewed=True, stale=True),
                    "‹ ›": Content("3‹✓✗›12"),
                    "on red": glyph_sample(Verdict.CONTRADICTS),
                    "✗ 2 ± 1": Content.assemble(glyph_sample(Verdict.CONTRADICTS), glyph_sample(Verdict.CONFLICTING)),
                    "full text": Content.styled("3,075", FIGURE).stylize(EVIDENCE),
                    "header": Content.styled("READ-ONLY", "bold $text-warning"),
                }
                for mark, means in MARKS:
                    yield self.row(samples[mark], Content(mark), Content(means))
                yield Static(Content.styled("How a verdict is decided", "bold"), classes="section")
                for head, body in DECIDING:
                    yield Static(Content.assemble((head, "bold"), " ", body), classes="paragraph")

    def on_mount(self) -> None:
        """The keys as a table whose last column wraps to what the screen leaves it."""
        table = self.query_one("#keys", DataTable)
        # the box's width less its border and padding, the scrollbar, the table's margin and its
        # cells' padding (one column each side of each cell)
        room = min(self.app.size.width, 116) - 2 - 2 - 1 - 2 - 3 * 2 - 1
        does = max(20, room - KEYS_WIDTH - ID_WIDTH)
        table.add_column(Text("keys"), width=KEYS_WIDTH)
        table.add_column(Text("binding id"), width=ID_WIDTH)
        table.add_column(Text("does"), width=does)
        rows = [(rich_text(self.keymap.get(b.id or "", b.key)), Text(b.id or "", style="dim"),
                 Text(b.tooltip or b.description)) for b in self.bindings]
        rows += [(Text(keys), Text(""), Text(what)) for keys, what in ELSEWHERE]
        console = self.app.console
        for row in rows:  # each as tall as its wrapped cells (so the table's height is known now)
            height = max(len(cell.wrap(console, width)) for cell, width in zip(row, (KEYS_WIDTH, ID_WIDTH, does)))
            table.add_row(*row, height=max(1, height))

    @staticmethod
    def row(first: Content, second: Content, third: Content) -> Horizontal:
        """A row of three columns; the last wraps to the screen's width."""
        return Horizontal(Static(first, classes="first"), Static(second, classes="second"),
                          Static(third, classes="third"), classes="row")

