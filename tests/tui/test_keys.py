"""Keys: every binding id is documented (README) and rebindable (in the matrix too), a keymap clash
is said once naming both bindings, the command palette lists each action once, and `u` with
nothing to undo says so."""

from __future__ import annotations

import re

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from factdesk.tui.screens.review import all_bindings

from tui_helpers import ROOT, keymap_file, loaded, pilot_test, review_of, toasts, until


def test_every_binding_id_is_in_the_readme_key_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| keys | what | binding id |"):]
    table = table[:table.index("\n\n")]
    ids = {b.id for b in all_bindings()}
    assert ids <= set(re.findall(r"`([a-z]+\.[a-z_]+)`", table)), ids - set(re.findall(r"`([a-z]+\.[a-z_]+)`", table))


@pilot_test
async def test_undo_with_nothing_to_undo_says_so(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press("u")
        assert "Nothing to undo" in toasts(app)
        await pilot.press("1", "u")
        assert review.state.reviewed == 0 and "Undone" in toasts(app)


@pilot_test
async def test_the_palette_lists_each_action_once(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=3)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.pause(0.5)
        results = app.screen.query_one(OptionList)
        titles = [results.get_option_at_index(i).prompt for i in range(results.option_count)]
        titles = [str(getattr(t, "plain", t)).splitlines()[0].strip() for t in titles]
        assert "Next claim" in titles and "Quit" in titles and "Supports" in titles
        assert len(titles) == len(set(titles)), sorted(t for t in titles if titles.count(t) > 1)


@pytest.mark.parametrize("entries, keys, message", [
    ({"review.supports": "j"}, ("j", "down", "tab", "j"),
     "j is given to review.supports but is already review.next_claim's key; review.supports gets it"),
    ({"review.undo": "y", "review.supports": "y"}, ("y", "down", "y"),
     "y is given to both review.supports and review.undo; review.supports gets it"),
])
@pilot_test
async def test_a_keymap_clash_is_said_once_naming_both_bindings(desk, tmp_path, entries, keys, message):
    app = desk.app(keymap=keymap_file(tmp_path, entries))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press(*keys)  # (Textual looks at the bindings on every key pressed)
        await pilot.pause(0.2)
        said = toasts(app)
        assert said.count("Keymap:") == 1 and message in said, said
        assert review.state.reviewed == 2  # the key decides now; down still moves


@pilot_test
async def test_the_matrix_verdict_keys_follow_the_keymap(desk, tmp_path):
    app = desk.app(keymap=keymap_file(tmp_path, {"review.contradicts": "y"}))
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press("m")
        await until(pilot, lambda: bool(app.screen.query("#matrix")))
        await pilot.press("2")  # no longer bound
        assert review.state.reviewed == 0
        await pilot.press("y")
        assert review.state.pair(0, 0).reviewed and review.state.pair(0, 0).verdict == "contradicts"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is review_of(app))
