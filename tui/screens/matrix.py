"""Claims x reports: every verdict at a glance, with each claim's and each report's contradictions
counted; moving the cursor selects the pair, and the verdict keys decide it here too."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from factdesk.claims.review import ReviewState
from factdesk.tui import pairs, render
from factdesk.tui.keymap import VERDICT_BINDINGS

TOTALS = "totals"
NAME_WIDTH = 9  # a report's column: its number and the start of its name


class Review(Protocol):
    """What the matrix needs of the review screen."""

    @property
    def state(self) -> ReviewState: ...

    @property
    def report(self) -> int: ...

    @property
    def claim(self) -> int: ...

    def select(self, report: int, claim: int) -> None: ...

    def decide(self, verdict: str) -> None: ...


class Matrix(Screen[None]):
    BINDINGS = [
        Binding("escape,m", "dismiss", "back to the review", id="matrix.back"),
        # enter decides here as on the review screen (before the table's own enter)
        *[Binding(b.key, b.action, b.description, show=b.show, id=b.id, group=b.group, tooltip=b.tooltip,
                  priority=b.key == "enter") for b in VERDICT_BINDINGS],
    ]

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review

    @property
    def state(self) -> ReviewState:
        return self.review.state

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="cell", id="matrix")
        yield Static(id="matrix-pair")
        yield Static(Content("✓ supports ✗ contradicts ± conflicting · none   underlined: reviewed  dim: suggested  "
                             "on red: to review  !: stale"), classes="legend")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "claims x reports"
        s = self.state
        table = self.query_one(DataTable)
        table.add_column(Text("claim"), key="claim")
        for i, r in enumerate(s.reports):
            table.add_column(Text(render.short_name(i + 1, r.file, NAME_WIDTH), no_wrap=True), key=str(i))
        table.add_column(Text("✗ ±"), key=TOTALS)
        for c, claim in enumerate(s.rules.claims):
            cells = [render.glyph_text(s.pair(r, c), s.is_stale(r, c)) for r in range(len(s.reports))]
            table.add_row(render.rich_text(claim.id), *cells, render.tally_text(pairs.of_claim(s, c)), key=claim.id)
        table.add_row(Text("✗ ± per report", style="italic"),
                      *[render.tally_text(pairs.of_report(s, r)) for r in range(len(s.reports))],
                      render.tally_text(pairs.whole(s)), key=TOTALS)
        table.fixed_columns = 1
        table.move_cursor(row=self.review.claim, column=self.review.report + 1, animate=False)
        table.focus()

    def pair_at(self, at: Coordinate) -> tuple[int, int] | None:
        """(report, claim) under the cursor; None on the totals."""
        report, claim = at.column - 1, at.row
        if not 0 <= report < len(self.state.reports) or claim >= len(self.state.rules.claims):
            return None
        return report, claim

    @on(DataTable.CellHighlighted)
    def highlighted(self, event: DataTable.CellHighlighted) -> None:
        at = self.pair_at(event.coordinate)
        if at is None:
            return
        report, claim = at
        s = self.state
        r = s.reports[report]
        title = s.texts[report].title if report < len(s.texts) else ""
        self.query_one("#matrix-pair", Static).update(render.pair_heading(
            s.rules.claims[claim], claim + 1, len(s.rules.claims), f"{Path(r.file).name}  {title}".strip(),
            report + 1, len(s.reports), s.pair(report, claim), s.is_stale(report, claim)))
        self.review.select(report, claim)

    @on(DataTable.CellSelected)
    def chosen(self) -> None:  # a click on a cell: back to the review on that pair
        self.dismiss()

    def action_decide(self, verdict: str) -> None:
        table = self.query_one(DataTable)
        at = self.pair_at(table.cursor_coordinate)
        if at is None:
            self.notify("Move to a pair to decide it.", timeout=3)
            return
        report, claim = at
        self.review.decide(verdict)
        s = self.state
        table.update_cell_at(Coordinate(claim, report + 1), render.glyph_text(s.pair(report, claim),
                                                                              s.is_stale(report, claim)))
        last = len(s.reports) + 1
        table.update_cell_at(Coordinate(claim, last), render.tally_text(pairs.of_claim(s, claim)))
        totals = len(s.rules.claims)
        table.update_cell_at(Coordinate(totals, report + 1), render.tally_text(pairs.of_report(s, report)))
        table.update_cell_at(Coordinate(totals, last), render.tally_text(pairs.whole(s)))
        table.move_cursor(row=self.review.claim, column=self.review.report + 1)
