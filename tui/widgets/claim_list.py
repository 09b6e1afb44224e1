"""The claim list: each claim with its figure and a row of glyphs, one per report (a window of
them around the selected report)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factdesk.claims.review import ReviewState
from factdesk.tui import pairs as pairs_tally
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
        self.shown: tuple[ReviewState, list[int], int, int, str] | None = None  # the last show's

    def room(self) -> int:
        """The width of an item: inside the list's border and padding, less a column for the
        scrollbar (kept whether it shows or not: items that fit never wrap when it appears)."""
        return max(12, (self.size.width or 45) - 1)

    def show(self, state: ReviewState, listed: list[int], report: int, claim: int, empty: str = "") -> None:
        """Draw the `listed` claims with the glyphs around `report`, `claim` highlighted (or
        `empty` when none is listed); the items are drawn again only when what they show changed."""
        self.shown = (state, listed, report, claim, empty)
        n = len(state.reports)
        width = self.room()
        lead, glyphs = 1, width - 2
        if n > glyphs:  # how many reports are off the list, each side
            lead = len(str(n)) + 1
            glyphs = max(4, width - 2 * lead)
        first = min(max(0, report - glyphs // 2), max(0, n - glyphs))
        last = min(n, first + glyphs)
        drawn = (state, tuple(listed), first, last, report, width, empty)
        if drawn[0] is not self.drawn[0] or drawn[1:] != self.drawn[1:]:
            self.drawn = drawn
            self.draw(state, listed, first, last, report, width, lead, empty)
        if claim in listed:
            self.highlighted = listed.index(claim)

    def draw(self, state: ReviewState, listed: list[int], first: int, last: int, report: int, width: int,
             lead: int, empty: str) -> None:
        if not listed:
            self.listed = []
            self.set_options([Option(Content.styled(empty or "no match", "italic $text-muted"), disabled=True)])
            return
        n = len(state.reports)
        items = []
        for c in listed:
            pairs = [(state.pair(r, c), state.is_stale(r, c)) for r in range(first, last)]
            items.append(render.claim_item(state.rules.claims[c], pairs, first, report, first, n - last,
                                           pairs_tally.of_claim(state, c), width, lead))
        if listed != self.listed:
            self.listed = listed
            self.set_options(Option(item, id=str(c)) for c, item in zip(listed, items))
        else:
            for i, item in enumerate(items):
                self.replace_option_prompt_at_index(i, item)

    def on_resize(self) -> None:
        if self.shown is not None:  # the items, to the new width
            self.show(*self.shown)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.option.id or 0)))
