"""A report's whole text, wrapped to the widget's width and drawn a line at a time (Textual's
line API), so a long report costs only the lines on screen. Its lines are wrapped here, not by
Textual, so the line holding any character is known and a passage can be scrolled into view."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from rich.cells import cell_len
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from factdesk.tui import render

_TOKEN = re.compile(r"\S+\s*|\s+")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """The lines `text` (as render.literal shows it) is shown on at `width` cells, as (start,
    end) offsets: each line of the text is cut between words (a word wider than the line is cut
    where it must); the spaces at a cut stay at the end of the line above."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        end = at + len(line)
        if line.isascii() and len(line) <= width:
            lines.append((at, end))
        else:
            start, used = at, 0
            for m in _TOKEN.finditer(line):
                word = m.group()
                bare, cells = _cells(word)
                if used and used + bare > width:
                    lines.append((start, at + m.start()))
                    start, used = at + m.start(), 0
                while bare > width:  # a word longer than a line
                    cut = _cut_at(word, width)
                    lines.append((start, start + cut))
                    start += cut
                    word = word[cut:]
                    bare, cells = _cells(word)
                used += cells
            lines.append((start, end))
        at = end + 1
    return lines


def _cells(word: str) -> tuple[int, int]:
    """The cells of a word without its trailing spaces, and with them (a space or tab each one)."""
    stripped = word.rstrip()
    bare = len(stripped) if stripped.isascii() else cell_len(stripped)
    return bare, bare + len(word) - len(stripped)


def _cut_at(word: str, width: int) -> int:
    """How many characters of `word` fill `width` cells (at least one)."""
    if word.isascii():
        return width
    used = 0
    for i, c in enumerate(word):
        used += cell_len(c)
        if used > width:
            return max(i, 1)
    return len(word)


class ReportText(ScrollView, can_focus=True):
    """The text with `marks` (start, end, style) drawn over it; arrows and pages scroll it."""

    DEFAULT_CSS = "ReportText { height: 1fr; text-wrap: nowrap; text-overflow: clip; }"

    def __init__(self, text: str, marks: Sequence[tuple[int, int, str]] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.marks = list(marks)
        self.lines: list[tuple[int, int]] = []
        self.starts: list[int] = []
        self.wrapped_at = -1
        self.shown_at: int | None = None  # the character to keep in view

    def set_marks(self, marks: Sequence[tuple[int, int, str]]) -> None:
        self.marks = list(marks)
        self.refresh()

    def line_of(self, offset: int) -> int:
        """The index of the line holding character `offset`."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def show(self, offset: int) -> None:
        """Scroll so that character `offset` is in view, a third of the way down."""
        self.shown_at = offset
        if self.lines:
            self.scroll_to(y=max(self.line_of(offset) - self.scrollable_content_region.height // 3, 0),
                           animate=False, immediate=True)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self.wrapped_at:
            self.wrapped_at = width
            self.lines = wrap(render.literal(self.text), width)
            self.starts = [a for a, _ in self.lines]
            self.virtual_size = Size(width, len(self.lines))
            if self.shown_at is not None:
                self.call_after_refresh(self.show, self.shown_at)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        start, end = self.lines[index]
        content = render.marked(self.text, start, end, self.marks)
        strips = Visual.to_strips(self, content, width, 1, self.visual_style, pad=True)
        return strips[0] if strips else Strip.blank(width, self.rich_style)
