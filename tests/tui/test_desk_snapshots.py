"""What the new screens look like at 80x24 (pytest-textual-snapshot): the full text of a report
and the export dialog. Regenerate with `pytest tests/tui --snapshot-update`, then look at them."""

from __future__ import annotations

from factdesk.tui.screens.export import ExportDialog
from factdesk.tui.screens.fulltext import FullText

from tui_helpers import loaded, until

SIZE = (80, 24)


def prepare(*keys: str, screen: type):
    async def run_before(pilot) -> None:
        await loaded(pilot, reports=3)
        await pilot.press(*keys)
        await until(pilot, lambda: isinstance(pilot.app.screen, screen))
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False
        await pilot.pause(0.2)
    return run_before


def test_full_text_at_80x24(desk, snap_compare):
    # report 2 (the cumulative tally), vietnamese: its evidence marked, the first on a background
    assert snap_compare(desk.app(), terminal_size=SIZE, run_before=prepare("tab", "j", "j", "j", "f", screen=FullText))


def test_export_dialog_at_80x24(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=SIZE, run_before=prepare("ctrl+e", screen=ExportDialog))
