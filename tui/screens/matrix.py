"""Claims x reports: every verdict at a glance; moving the cursor selects the pair."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from factdesk.claims.review import ReviewState
from factdesk.tui import render


class Matrix(Screen[None]):
    BINDINGS = [Binding("escape,m", "dismiss", "back to the review", id="matrix.back")]

    def __init__(self, state: ReviewState, report: int, claim: int,
                 select: Callable[[int, int], None]) -> None:
        super().__init__()
        self.state, self.start, self.select = state, Coordinate(claim, report + 1), select

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="cell", id="matrix")
        yield Static(id="matrix-pair")
        yield Static(Content("✓ supports  ✗ contradicts  ± conflicting  · not mentioned   "
                             "underlined: reviewed   dim: suggested   !: stale"), classes="legend")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "claims x reports"
        s = self.state
        table = self.query_one(DataTable)
        table.add_column(Text("claim"), key="claim")
        for i, r in enumerate(s.reports):
            table.add_column(Text(f"{i + 1:>2}"), key=str(i))
        for c, claim in enumerate(s.rules.claims):
            cells = [render.glyph_text(s.pair(r, c), s.is_stale(r, c)) for r in range(len(s.reports))]
            table.add_row(render.rich_text(claim.id), *cells, key=claim.id)
        table.fixed_columns = 1
        table.move_cursor(row=self.start.row, column=self.start.column, animate=False)
        table.focus()

    @on(DataTable.CellHighlighted)
    def highlighted(self, event: DataTable.CellHighlighted) -> None:
        claim, column = event.coordinate.row, event.coordinate.column
        report = max(0, column - 1)
        if not self.state.reports:
            return
        r = self.state.reports[report]
        title = self.state.texts[report].title if report < len(self.state.texts) else ""
        self.query_one("#matrix-pair", Static).update(render.pair_heading(
            self.state.rules.claims[claim], claim + 1, len(self.state.rules.claims),
            f"{Path(r.file).name}  {title}".strip(), report + 1, len(self.state.reports),
            self.state.pair(report, claim), self.state.is_stale(report, claim)))
        self.select(report, claim)

    @on(DataTable.CellSelected)
    def chosen(self) -> None:
        self.dismiss()
