"""The claim list: each claim with its figure and a row of glyphs, one per report (a window of
them around the selected report)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factdesk.claims.review import ReviewState
from factdesk.tui import render
from factdesk.tui.widgets.fields import PickList


class ClaimList(PickList):
    @dataclass
    class Chosen(Message):
        """A claim was clicked."""

        claim: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.listed: list[int] = []  # the claims in the list (after the filter)
        self.drawn: tuple[object, ...] = (None,)  # what the items were last drawn from

    def show(self, state: ReviewState, listed: list[int], report: int, claim: int) -> None:
        """Draw the `listed` claims with the glyphs around `report`, `claim` highlighted; the
        items are drawn again only when what they show changed."""
        n = len(state.reports)
        width = max(8, (self.size.width or 40) - 4)
        first = min(max(0, report - width // 2), max(0, n - width))
        last = min(n, first + width)
        drawn = (state, tuple(listed), first, last, report)
        if drawn[0] is not self.drawn[0] or drawn[1:] != self.drawn[1:]:
            self.drawn = drawn
            self.draw(state, listed, first, last, report)
        if claim in listed:
            self.highlighted = listed.index(claim)

    def draw(self, state: ReviewState, listed: list[int], first: int, last: int, report: int) -> None:
        n = len(state.reports)
        items = []
        for c in listed:
            pairs = [(state.pair(r, c), state.is_stale(r, c)) for r in range(first, last)]
            items.append(render.claim_item(state.rules.claims[c], pairs, first, report, first > 0, last < n))
        if listed != self.listed:
            self.listed = listed
            self.set_options(Option(item, id=str(c)) for c, item in zip(listed, items))
        else:
            for i, item in enumerate(items):
                self.replace_option_prompt_at_index(i, item)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.option.id or 0)))
