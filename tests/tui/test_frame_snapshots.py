"""The help screen and the paste dialog at 80x24, the smallest terminal factdesk is made for:
nothing clipped on the right, the paste dialog's buttons on screen (pytest-textual-snapshot;
regenerate with `pytest tests/tui/test_frame_snapshots.py --snapshot-update`, then look at them)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from factdesk.tui.screens.dialogs import Paste
from factdesk.tui.screens.help import Help

from tui_helpers import loaded, until

SMALL = (80, 24)


def prepare(*keys: str, dialog: type, paste: str = ""):
    async def run_before(pilot) -> None:
        await loaded(pilot, reports=3)
        await pilot.press(*keys)
        await until(pilot, lambda: isinstance(pilot.app.screen, dialog))
        if paste:
            pilot.app.post_message(events.Paste(paste))
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause(0.2)
        await loaded(pilot)
    return run_before


def test_help_at_80x24(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=SMALL, run_before=prepare("question_mark", dialog=Help))


def test_paste_dialog_at_80x24(desk, snap_compare):
    pasted = ("Cambodia holds 75 Taiwanese in raids on scam centres\r"
              "PHNOM PENH - Police said 75 Taiwanese were among those arrested.\r")
    assert snap_compare(desk.app(), terminal_size=SMALL, run_before=prepare("p", dialog=Paste, paste=pasted))
