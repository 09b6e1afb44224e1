"""Widgets that take text from the user or the clipboard, and lists that never take focus."""

from __future__ import annotations


from textual import events
from textual.geometry import Size
from textual.widgets import Input, OptionList, TextArea

from factdesk.tui.render import neutralise


class PickList(OptionList):
    """An option list the review screen drives: clicks choose, keys stay with the screen."""

    can_focus = False
    _laid_out: tuple[Size, Size, Size] | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual's ScrollView redraws its scrollbar after every layout of the screen, even when
        # nothing of the list changed: a frame more (17 ms or more later) for each key that lays
        # out. Its options and size are all the scrollbar depends on; options update it themselves.
        if (size, virtual_size, container_size) == self._laid_out:
            return False
        self._laid_out = (size, virtual_size, container_size)
        return super()._size_updated(size, virtual_size, container_size, layout)


class SafeInput(Input):
    """An Input whose pasted text shows control characters as symbols."""

    def _on_paste(self, event: events.Paste) -> None:  # Textual runs Input._on_paste next
        event.text = neutralise(event.text)


class SafeTextArea(TextArea):
    """A TextArea whose pasted text shows control characters as symbols (keeping lines)."""

    def _on_paste(self, event: events.Paste) -> None:  # Textual runs TextArea._on_paste next
        event.text = neutralise(event.text)
