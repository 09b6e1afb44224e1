"""The review's pair panels, drawn in one frame per key.

Textual lays the whole screen out again whenever a widget asks for it, and Static.update asks
every time. After a layout, every widget whose size changed asks for a second one (its virtual
size is a reactive that lays out), which Textual runs on its next frame, 17 ms or more later,
to reach the same places. The panels here ask only when their height changes, and the widgets
of the pair's side skip that second layout: their sizes follow from their own content and the
fixed frame around them, all of which the first layout already knew.
"""

from __future__ import annotations

from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

_ANY = Size(0, 0)  # a Static's height depends only on its width


class _OneLayout:
    """A widget whose new size, once laid out, needs no second layout of the screen (its
    scrollbars are still updated, and showing or hiding one still lays out again)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)  # type: ignore[misc]


class Panel(_OneLayout, Static):
    """A Static that redraws only when what it shows changes, and asks for a layout of the
    screen only when its height changes."""

    def show(self, content: Content) -> None:
        old = self.content
        if isinstance(old, Content) and old.is_same(content):
            return
        width = self.content_region.width
        before = self.get_content_height(_ANY, _ANY, width) if width else -1
        self.update(content, layout=False)
        if not width or self.get_content_height(_ANY, _ANY, width) != before:
            self.refresh(layout=True)


class Pane(_OneLayout, VerticalScroll):
    """A scrolling pane that holds one Panel."""


class Row(_OneLayout, Horizontal):
    """A row of panes, its height the rest of its column."""
