"""The report's whole text, every evidence passage of the pair marked and the one the pair view
shows scrolled into view: to read a passage in its context."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from factdesk.claims.review import ReviewState
from factdesk.tui import provenance, render
from factdesk.tui.widgets.report_text import ReportText


@dataclass(frozen=True)
class Passage:
    """A passage to mark: where it is, its figures, and its number in the pair view's order."""

    start: int
    end: int
    figures: tuple[tuple[int, int], ...]
    number: int
    evidence: bool = True


class FullText(Screen[int | None]):
    """Dismissed with the number of the passage last shown (the pair view shows it next)."""

    BINDINGS = [
        Binding("escape,f", "close", "back to the pair", id="fulltext.close",
                tooltip="full text: back to the pair, which then shows the passage last shown here"),
        Binding("]", "passage(1)", "next passage", id="fulltext.next_passage",
                tooltip="full text: the next evidence passage"),
        Binding("[", "passage(-1)", "previous passage", id="fulltext.previous_passage",
                tooltip="full text: the previous evidence passage"),
    ]

    def __init__(self, text: str, name: str, origin: Content, passages: list[Passage], current: int) -> None:
        super().__init__()
        self.text, self.report_name, self.origin = text, name, origin
        self.passages, self.current = passages, current

    def compose(self) -> ComposeResult:
        yield Static(id="fulltext-head")
        yield ReportText(self.text, id="fulltext")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ReportText).focus()
        self.shown()

    def marks(self) -> list[tuple[int, int, str]]:
        """Every passage underlined, the current one on a background; figures over them."""
        marks = [(p.start, p.end, render.EVIDENCE if p.evidence else "") for p in self.passages]
        if self.passages:
            p = self.passages[self.current]
            marks.append((p.start, p.end, render.CURRENT))
        marks += [(a, b, render.FIGURE) for p in self.passages for a, b in p.figures]
        return marks

    def shown(self) -> None:
        view = self.query_one(ReportText)
        view.set_marks(self.marks())
        if self.passages:
            p = self.passages[self.current]
            which = f"{'evidence' if p.evidence else 'other passage'} {self.current + 1} of {len(self.passages)}"
            view.show(p.start)
        else:
            which = "no passage of this report speaks of the claim"
        keys = "   ] [ next, previous   f or escape: back" if len(self.passages) > 1 else "   f or escape: back"
        self.query_one("#fulltext-head", Static).update(Content("\n").join([
            Content.assemble(("Full text of ", "$text-muted"), render.safe(render.line(self.report_name), "bold"),
                             ("   " + which, "bold $text-accent"), (keys, "$text-muted")),
            self.origin]))

    def action_passage(self, step: int) -> None:
        if self.passages:
            self.current = (self.current + step) % len(self.passages)
            self.shown()

    def action_close(self) -> None:
        self.dismiss(self.passages[self.current].number if self.passages else None)


def full_text(state: ReviewState, report: int, claim: int, passage: int,
              other: tuple[int, int, tuple[tuple[int, int], ...]] | None, width: int) -> FullText:
    """The full text of the pair's report: its evidence passages in the pair view's order, and
    `other` (start, end, figures), a passage that is not evidence, when the pair view shows one;
    `passage` is the number of the one shown."""
    evidence = state.pair(report, claim).evidence
    passages = [Passage(e.start, e.end, ((e.figure_start, e.figure_end),) if e.figure_start >= 0 else (), i)
                for i, e in enumerate(evidence)]
    if other is not None:
        passages.append(Passage(*other, number=passage, evidence=False))
    current = next((i for i, p in enumerate(passages) if p.number == passage), 0)
    return FullText(state.texts[report].text, Path(state.reports[report].file).name,
                    provenance.origin(state, report, width - 2), passages, current)
