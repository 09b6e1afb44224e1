"""Widgets that take text from the user or the clipboard, and lists that never take focus."""

from __future__ import annotations

import os
from pathlib import Path

from textual import events
from textual.geometry import Size
from textual.suggester import Suggester
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


class PathSuggester(Suggester):
    """Completes a file or folder path from what is on disk."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        path = Path(os.path.expanduser(value))
        parent, stem = (path, "") if value.endswith("/") else (path.parent, path.name)
        try:
            names = sorted(e.name for e in os.scandir(parent) if e.name.startswith(stem))
        except OSError:
            return None
        if not names:
            return None
        full = value[: len(value) - len(stem)] + names[0]
        return full + "/" if (parent / names[0]).is_dir() else full
