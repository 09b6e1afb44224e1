"""The report list: each report's number, how many of its pairs are reviewed, its name and title."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factdesk.claims.review import ReviewState
from factdesk.tui import pairs, render
from factdesk.tui.widgets.fields import PickList


class ReportList(PickList):
    @dataclass
    class Chosen(Message):
        """A report was clicked."""

        report: int

    state: ReviewState | None = None  # the review as last drawn

    def item(self, state: ReviewState, index: int) -> Content:
        self.state = state
        r = state.reports[index]
        reviewed = sum(c.reviewed and not state.is_stale(index, j) for j, c in enumerate(r.claims))
        stale = any(state.is_stale(index, j) for j in range(len(r.claims)))
        title = state.texts[index].title if index < len(state.texts) else r.title
        width = max(12, (self.size.width or 45) - 1)  # (a column for the scrollbar, as ClaimList.room)
        return render.report_item(index + 1, Path(r.file).name, title, reviewed, len(r.claims), stale, width,
                                  pairs.of_report(state, index))

    def show_report(self, state: ReviewState, index: int) -> None:
        """Draw report `index` again, or add it when it is new."""
        if index < self.option_count:
            self.replace_option_prompt_at_index(index, self.item(state, index))
        else:
            self.add_option(Option(self.item(state, index)))

    def update_report(self, state: ReviewState, index: int) -> None:
        """Draw report `index` again if it is listed."""
        if index < self.option_count:
            self.replace_option_prompt_at_index(index, self.item(state, index))

    def on_resize(self) -> None:
        """Draw every report again, to the new width."""
        state = self.state
        for index in range(min(self.option_count, len(state.reports) if state else 0)):
            self.replace_option_prompt_at_index(index, self.item(state, index))

    def select(self, report: int) -> None:
        if self.option_count:
            self.highlighted = report

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index))
