"""The review's frame walked with Pilot at 80x24: help and dialogs fit, a paste with CR line
ends, its title, outlet, date and URL, the note editor, "save elsewhere", path completion and
the theme kept between runs."""

from __future__ import annotations

from pathlib import Path

import yaml
from textual import events
from textual.widgets import Button, Input

from factdesk.claims.rules import load_rules
from factdesk.tui.app import FactdeskApp
from factdesk.tui.screens.dialogs import Ask, Choice, Note, Paste
from factdesk.tui.screens.help import Help
from factdesk.tui.screens.review import Setup

from tui_helpers import RULES, loaded, pilot_test, screen_text, text, until

SMALL = (80, 24)
PASTED_DIR = "rules/cambodia-scam-crackdown.verdicts.pasted"
HEADLINE = "Cambodia holds 75 Taiwanese in nationwide raids on scam centres"
CR_PASTE = (f"{HEADLINE}\r"
            "PHNOM PENH - Police said 75 Taiwanese were among those arrested on Tuesday.\r"
            "\r"
            "Officials gave no other figures.\r")


def inside(app, widget) -> bool:
    """Is all of `widget` on the terminal (nothing cut off at the right or the bottom)?"""
    region = widget.region
    return region.width > 0 and region.right <= app.size.width and region.bottom <= app.size.height


@pilot_test
async def test_help_explains_the_marks_and_verdicts_and_fits_80_columns(desk):
    app = desk.app()
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot, reports=3)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, Help))
        await pilot.pause(0.1)
        box = app.screen.query_one(".box")
        assert inside(app, box)
        assert "review.next_claim" in screen_text(app)  # the keys first
        whole = "\n".join(str(s.content) for s in app.screen.query("Static"))
        for words in ("What the glyphs say", "contradicts", "dim", "stale", "bold, underlined",
                      "Every figure is an interval", "narrower scope", "more than 1,000\" is (1000, inf)"):
            assert words in whole, words
        for row in app.screen.query(".row"):  # every line wraps inside the screen
            assert row.region.right <= app.size.width
        keys = app.screen.query_one("#keys")
        assert keys.region.right <= app.size.width and keys.virtual_size.width <= keys.size.width
        await pilot.press("end")  # it scrolls to how a verdict is decided, at the end
        await pilot.pause(0.1)
        assert "Scopes. A later cumulative tally counts" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, Help))


@pilot_test
async def test_every_dialog_fits_80x24(desk):
    app = desk.app()
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot, reports=3)
        for key, dialog in (("p", Paste), ("n", Note), ("o", Ask)):
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, dialog))
            await pilot.pause(0.1)
            assert inside(app, app.screen.query_one(".box")), dialog
            for button in app.screen.query(Button):
                assert inside(app, button), (dialog, str(button.label))
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, dialog))
        await pilot.press("1", "q")  # unsaved changes: the question before quitting
        await until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.pause(0.1)
        assert inside(app, app.screen.query_one(".box"))
        assert [str(b.label) for b in app.screen.query(Button) if inside(app, b)] == [
            "Save (s)", "Discard (d)", "Cancel (c)"]
        await pilot.press("c")
        await until(pilot, lambda: not isinstance(app.screen, Choice))


@pilot_test
async def test_a_paste_with_cr_line_ends_keeps_its_lines_and_the_title_outlet_date_and_url(desk):
    app = desk.app()
    async with app.run_test(size=SMALL) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, Paste))
        app.post_message(events.Paste(CR_PASTE))
        await pilot.pause(0.2)
        area = app.screen.query_one("#paste-text")
        assert "␍" not in area.text and "\r" not in area.text
        assert area.text.split("\n")[:3] == [HEADLINE, "", "PHNOM PENH - Police said 75 Taiwanese were among "
                                             "those arrested on Tuesday."]
        assert HEADLINE in screen_text(app)  # the title is taken from the headline
        assert app.screen.query_one("#paste-title", Input).value == HEADLINE
        await pilot.press("tab", "tab", *"Reuters", "tab", *"2025-07-18", "tab", *"https://example.com/a?b=1")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, Paste))
        await loaded(pilot, reports=4)
        kept = desk.path(PASTED_DIR) / "cambodia-holds-75-taiwanese-in-nationwide-raids-on-scam.md"  # 60 at most
        saved = kept.read_text(encoding="utf-8")
        head, body = saved.split("---\n\n", 1)
        assert yaml.safe_load(head.strip("-\n")) == {
            "title": HEADLINE, "outlet": "Reuters", "published": __import__("datetime").date(2025, 7, 18),
            "url": "https://example.com/a?b=1"}
        assert saved.startswith("---\ntitle: ") and "\npublished: 2025-07-18\n" in saved
        assert "\r" not in saved and "␍" not in saved
        assert body.startswith(f"{HEADLINE}\n\nPHNOM PENH")
        # the headline is a sentence of its own, not run into the first one
        report = review.state.texts[3]
        sentences = [report.sentence_text(s) for s in report.sentences]
        assert HEADLINE in sentences
        assert not any(HEADLINE in s and "PHNOM PENH" in s for s in sentences)
        assert review.state.reports[3].file.endswith(kept.name)
        # and the report is read: 75 Taiwanese support the claim
        taiwanese = next(i for i, c in enumerate(review.setup.rules.claims) if c.id == "taiwanese")
        assert review.state.pair(3, taiwanese).verdict.value == "supports"


@pilot_test
async def test_the_paste_dialog_refuses_a_date_it_cannot_read_and_keeps_the_text(desk):
    app = desk.app()
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot, reports=3)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, Paste))
        app.post_message(events.Paste("Police said 75 Taiwanese were arrested.\r"))
        await pilot.pause(0.1)
        assert app.screen.query_one("#paste-title", Input).value == ""  # one sentence: no headline
        app.screen.query_one("#paste-published", Input).focus()
        await pilot.press(*"18/07/2025", "ctrl+s")
        await pilot.pause(0.1)
        assert isinstance(app.screen, Paste)
        assert "YYYY-MM-DD" in screen_text(app)
        assert app.screen.focused is app.screen.query_one("#paste-published")
        app.screen.query_one("#paste-published", Input).value = ""
        await pilot.press("ctrl+s")
        await loaded(pilot, reports=4)
    kept = list(desk.path(PASTED_DIR).iterdir())
    # nothing said of it: a plain text file, named by the time, with the text as pasted (CR made LF)
    assert len(kept) == 1 and kept[0].suffix == ".txt"
    assert kept[0].read_text(encoding="utf-8") == "Police said 75 Taiwanese were arrested.\n"


@pilot_test
async def test_a_note_takes_several_lines(desk):
    app = desk.app()
    async with app.run_test(size=SMALL) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, Note))
        await pilot.press(*"Reuters says 75", "enter", *"AP says 57", "ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, Note))
        assert text(app, "#note") == "note: Reuters says 75\nAP says 57"
        await pilot.press("n")  # opened again, it shows the note to edit
        await until(pilot, lambda: isinstance(app.screen, Note))
        assert app.screen.query_one("#note-text").text == "Reuters says 75\nAP says 57"
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, Note))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not review.dirty)
    saved = yaml.safe_load(desk.path(desk.verdicts).read_text(encoding="utf-8"))
    notes = [c["note"] for r in saved["reports"] for c in r["claims"] if c.get("note")]
    assert notes == ["Reuters says 75\nAP says 57"]


@pilot_test
async def test_save_elsewhere_offers_a_new_name(desk):
    app = desk.app()
    async with app.run_test(size=SMALL) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press("1")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not review.dirty)
        desk.path(desk.verdicts).write_text(desk.path(desk.verdicts).read_text() + "# someone else\n")
        await pilot.press("1")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, Ask))
        offered = app.screen.query_one(Input).value
        assert offered == str(Path(desk.verdicts).with_name("cambodia-scam-crackdown-2.verdicts.yaml"))
        await pilot.press("enter")
        await until(pilot, lambda: not review.dirty)
        assert "-2.verdicts.yaml   saved" in text(app, "#status")
    assert desk.path(desk.verdicts).read_text().endswith("# someone else\n")  # left as the other wrote it
    assert desk.path("rules/cambodia-scam-crackdown-2.verdicts.yaml").is_file()


@pilot_test
async def test_path_completion_stops_at_the_next_folder(desk):
    (desk.root / "archive" / "2025" / "july").mkdir(parents=True)
    (desk.root / "archive" / "2025" / "july" / "raids.txt").write_text("75 Taiwanese were arrested.\n")
    app = desk.app()
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot, reports=3)
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, Ask))
        field = app.screen.query_one(Input)
        await pilot.press(*"arc")
        await until(pilot, lambda: field._suggestion != "")
        assert field._suggestion == "archive/"
        await pilot.press("right")
        assert field.value == "archive/"
        await until(pilot, lambda: field._suggestion != "")
        assert field._suggestion == "archive/2025/"  # the one folder in it, and no further
        await pilot.press("right")
        await until(pilot, lambda: field._suggestion != "")
        assert field._suggestion == "archive/2025/july/"


def test_the_theme_chosen_is_kept_between_runs(desk, tmp_path):
    import asyncio

    keymap = tmp_path / "config" / "factdesk" / "keymap.toml"
    setup = Setup(load_rules(RULES), RULES, ("reports",), Path(desk.verdicts), "tester", keymap)

    async def run(change_to: str | None) -> str:
        app = FactdeskApp(setup)
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot, reports=3)
            if change_to:
                app.theme = change_to
                await pilot.pause(0.1)
            return app.theme

    assert asyncio.run(run(None)) == "textual-dark"
    assert not keymap.with_name("theme.toml").exists()
    asyncio.run(run("nord"))
    assert keymap.with_name("theme.toml").read_text(encoding="utf-8") == 'theme = "nord"\n'
    assert asyncio.run(run(None)) == "nord"
