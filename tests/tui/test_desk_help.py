"""Help lists every key of the review, the full text and the export dialog with its binding id,
explains ties, relations and the header's marks, and fits 80 columns; every new key is rebindable."""

from __future__ import annotations

from factdesk.tui.screens.export import ExportDialog
from factdesk.tui.screens.fulltext import FullText
from factdesk.tui.screens.help import Help

from tui_helpers import loaded, pilot_test, toasts, until

NEW_IDS = ("review.full_text", "review.export", "review.reload", "review.load_rest",
           "fulltext.close", "fulltext.next_passage", "fulltext.previous_passage", "export.write", "export.cancel")


@pilot_test
async def test_help_lists_the_new_keys_and_explains_ties_relations_and_the_header(desk):
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, reports=3)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, Help))
        await pilot.pause(0.1)
        ids = [str(app.screen.query_one("#keys").get_row_at(i)[1]) for i in range(app.screen.query_one("#keys").row_count)]
        for binding_id in NEW_IDS:
            assert binding_id in ids, binding_id
        whole = "\n".join(str(s.content) for s in app.screen.query("Static"))
        for words in ("Ties.", "within 0.15 of each other the pair is conflicting", "Why a figure may differ",
                      "14 days after the source", "READ-ONLY", "L loads them", "full text (f)"):
            assert words in whole, words
        for row in app.screen.query(".row"):
            assert row.region.right <= 80
        keys = app.screen.query_one("#keys")
        assert keys.region.right <= 80 and keys.virtual_size.width <= keys.size.width


@pilot_test
async def test_the_new_keys_are_rebound_by_id(desk, tmp_path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"review.full_text" = "ctrl+t"\n"fulltext.close" = "z"\n"review.export" = "ctrl+o"\n'
                      '"export.cancel" = "ctrl+g"\n', encoding="utf-8")
    app = desk.app(keymap=keymap)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot, reports=3)
        await pilot.press("f")
        await pilot.pause(0.1)
        assert not isinstance(app.screen, FullText)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, FullText))
        await pilot.press("z")
        await until(pilot, lambda: not isinstance(app.screen, FullText))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("ctrl+g")
        await until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        assert "unknown binding id" not in toasts(app) and "already" not in toasts(app)
