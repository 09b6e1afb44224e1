"""What the screens look like (pytest-textual-snapshot): 120x36, textual-dark, short relative
paths, no clock. Regenerate with `pytest tests/tui --snapshot-update`, then look at them."""

from __future__ import annotations

from factdesk.tui.screens.dialogs import Ask

from tui_helpers import loaded, until

SIZE = (120, 36)


def prepare(*keys: str, dialog: type | None = None):
    """A run_before: wait for the reports, press `keys`, wait for `dialog`, stop cursors blinking."""
    async def run_before(pilot) -> None:
        await loaded(pilot, reports=3)
        await pilot.press(*keys)
        if dialog is not None:
            await until(pilot, lambda: isinstance(pilot.app.screen, dialog))
        for field in pilot.app.screen.query("Input, TextArea"):
            field.cursor_blink = False
        await loaded(pilot)
    return run_before


def test_main_screen(desk, snap_compare):
    # report 1 total-arrests decided "contradicts"; then report 2, vietnamese (429 against 213)
    assert snap_compare(desk.app(), terminal_size=SIZE, run_before=prepare("2", "tab", "j", "j"))


def test_matrix(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=SIZE, run_before=prepare("2", "m", "down", "right"))


def test_help(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=SIZE, run_before=prepare("question_mark"))


def test_note_dialog(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=SIZE, run_before=prepare("tab", "n", dialog=Ask))


def test_open_dialog(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=SIZE, run_before=prepare("o", dialog=Ask))


# Any terminal: the same review at 80x24 and 200x50 (120x36 above), the left column hidden at
# 80x24, the matrix at 80x24, and below the smallest size.


def test_main_screen_at_80x24(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=(80, 24), run_before=prepare("2", "tab", "j", "j"))


def test_main_screen_at_200x50(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=(200, 50), run_before=prepare("2", "tab", "j", "j"))


def test_left_column_hidden_at_80x24(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=(80, 24), run_before=prepare("2", "tab", "j", "j", "ctrl+b"))


def test_matrix_at_80x24(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=(80, 24), run_before=prepare("2", "m", "down", "right"))


def test_too_small(desk, snap_compare):
    assert snap_compare(desk.app(), terminal_size=(59, 14), run_before=prepare())
