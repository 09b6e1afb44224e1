"""A navigation key redraws the review in one frame, and the pair's panels still fit their text.

The panels skip Textual's second layout after a size change (tui/widgets/panels.py) and the lists
skip its scrollbar redraw after every layout (PickList): these tests hold what that must keep,
the panels' heights, the panes' scrollbars, and nothing redrawn for a pair that did not change.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

from tui_helpers import loaded, pilot_test, text

KEYS = ["j", "j", "tab", "]", "k", "tab", "]", "]", "j", "shift+tab", "j", "j", "k", "tab", "j"]
ANY = Size(0, 0)


class Frames:
    """Counts the frames of the screen on top (the ends of its compositor refreshes)."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        original = Screen._compositor_refresh

        def refresh(screen: Screen) -> None:
            original(screen)
            if screen.is_current:
                self.count += 1

        monkeypatch.setattr(Screen, "_compositor_refresh", refresh)


def check_fit(app) -> None:
    """Every panel is as tall as its text (within its max-height); every pane scrolls exactly its
    panel, with a scrollbar when (and only when) the panel is taller than the pane."""
    for name in ("#pair", "#reason", "#note", "#source", "#evidence"):
        panel = app.screen.query_one(name, Static)
        width = panel.content_region.width
        want = panel.get_content_height(ANY, ANY, width)
        if panel.styles.max_height is not None:
            want = min(want, int(panel.styles.max_height.value))
        assert panel.content_region.height == want, name
    for name, inner in (("#source-pane", "#source"), ("#evidence-pane", "#evidence")):
        pane = app.screen.query_one(name, VerticalScroll)
        panel = app.screen.query_one(inner, Static)
        viewport = pane.scrollable_content_region.height
        assert pane.virtual_size.height == max(panel.outer_size.height, viewport), name
        assert pane.show_vertical_scrollbar == (panel.outer_size.height > viewport), name
        if pane.show_vertical_scrollbar:
            assert pane.vertical_scrollbar.window_virtual_size == pane.virtual_size.height, name


@pilot_test
async def test_a_navigation_key_draws_one_frame(desk, monkeypatch):
    frames = Frames(monkeypatch)
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=3)
        for key in KEYS:
            before = frames.count
            pair = text(app, "#pair")
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert frames.count - before == 1, (key, pair, text(app, "#pair"))


@pilot_test
async def test_the_panels_fit_their_text_after_every_key(desk):
    app = desk.app()
    for size in ((120, 40), (100, 24)):  # at 24 rows long passages need the panes' scrollbars
        async with app.run_test(size=size) as pilot:
            await loaded(pilot, reports=3)
            check_fit(app)
            scrolled = False
            for key in KEYS:
                await pilot.press(key)
                await pilot.pause()
                check_fit(app)
                scrolled |= app.screen.query_one("#evidence-pane", VerticalScroll).show_vertical_scrollbar
            if size[1] == 24:
                assert scrolled, "no passage long enough to scroll at this size"
        app = desk.app()


@pilot_test
async def test_an_unchanged_panel_is_not_redrawn(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=3)
        status = app.screen.query_one("#status", Static)
        shown = status.content
        await pilot.press("j")  # another claim: the status line says the same
        assert status.content is shown
        await pilot.press("1")  # a verdict: it changes
        assert status.content is not shown
        assert "1 of 27 pairs reviewed" in text(app, "#status")
