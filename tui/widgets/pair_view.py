"""The pair view: the selected claim and report side by side (where the report is from under
their heading), the source's statement and its sentence beside the report's passage, then the
checker's reasoning (and how a differing figure stands to the claim) and the note."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from factdesk.claims.match import statement_figure
from factdesk.claims.review import ReviewState
from factdesk.tui import provenance, render
from factdesk.tui.passages import Passages, SourceView, context
from factdesk.tui.widgets.panels import Pane, Panel, Row


@dataclass(frozen=True)
class Selection:
    """The pair on screen, and which of its passages."""

    report: int = 0
    claim: int = 0
    passage: int = 0


class PairView(Vertical):
    def __init__(self, passages: Passages, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.passages = passages
        self.figures: dict[int, tuple[int, int] | None] = {}  # each claim's figure in its statement
        self.shown: tuple[ReviewState, SourceView, Selection, bool] | None = None  # the last show's

    def compose(self) -> ComposeResult:
        yield Panel(id="pair")
        with Row(id="sides"):
            with Pane(id="source-pane", can_focus=False):
                yield Panel(id="source")
            with Pane(id="evidence-pane", can_focus=False):
                yield Panel(id="evidence")
        yield Panel(id="reason")
        yield Panel(id="note")

    def on_mount(self) -> None:
        self.query_one("#source-pane").border_title = "Source"
        self.query_one("#evidence-pane").border_title = "Report"

    def figure(self, state: ReviewState, c: int) -> tuple[int, int] | None:
        if c not in self.figures:
            self.figures[c] = statement_figure(state.rules.claims[c])
        return self.figures[c]

    def show(self, state: ReviewState, source: SourceView, at: Selection, checking: bool) -> None:
        self.shown = (state, source, at, checking)
        c = at.claim
        claim = state.rules.claims[c]
        sentence = None
        if source.report is not None and source.passages[c] is not None and source.evidence is not None:
            src, sp = source.report, source.passages[c].sentence
            figures = [(e.figure_start, e.figure_end) for e in source.evidence.claims[c].evidence]
            sentence = render.passage(src.text, sp.start, sp.end, figures)
        self.panel("#source").show(render.source_side(
            claim, self.figure(state, c), sentence, state.rules.source.title, state.rules.source_path is not None))
        if not state.reports:
            self.panel("#pair").show(Content.assemble(
                ("claim ", "$text-muted"), (f"{c + 1}/{len(state.rules.claims)} ", "$text-muted"),
                render.safe(render.line(claim.id), "bold")))
            self.panel("#evidence").show(Content.styled(
                "Checking the reports…" if checking else "No reports yet: o opens files or a folder, "
                "p pastes a report.", "$text-muted"))
            self.panel("#reason").show(Content(""))
            self.panel("#note").show(Content(""))
            return
        r = at.report
        pair = state.pair(r, c)
        self.panel("#pair").show(Content("\n").join([render.pair_heading(
            claim, c + 1, len(state.rules.claims), Path(state.reports[r].file).name, r + 1, len(state.reports),
            pair, state.is_stale(r, c)), provenance.origin(state, r, self.panel("#pair").content_region.width or 80)]))
        current = self.passages.at(state, r, c, at.passage)
        item = current.shown
        shown_text = None
        if item is not None:
            text = state.texts[r]
            before, after = context(text, item.start, item.end, self.around())
            shown_text = render.passage(text.text, item.start, item.end, item.figures, before, after)
        self.panel("#evidence").show(render.evidence_side(
            shown_text, current.kind, current.count, current.index, item.evidence if item else None))
        evidence = item.evidence if item else None
        self.panel("#reason").show(render.reason(evidence) + provenance.relation(state, r, evidence)
                                   if pair.evidence else Content(""))
        self.panel("#note").show(render.note(pair.note))

    def around(self) -> int:
        """How many sentences to show each side of a passage: more on a wide report pane."""
        width = self.query_one("#evidence-pane").scrollable_content_region.width
        return 1 if width < 60 else 2 if width < 90 else 3

    def on_resize(self) -> None:
        if self.shown is not None:  # the passage again, with the context the new width takes
            self.show(*self.shown)

    def panel(self, selector: str) -> Panel:
        return self.query_one(selector, Panel)
