"""Text from reports, rules, notes, file names and errors is data: markup in it is shown as
written, escape sequences as visible symbols, and clicking on it runs nothing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from factdesk.tui.screens.dialogs import Ask

from tui_helpers import loaded, palette, pilot_test, review_of, screen_text, text, toasts, until

CLICK = "[@click=app.quit]x[/]"
ESC_RED = "\x1b[31m"
OSC_LINK = "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07"
SHOWN_RED = "␛[31m"  # what a user sees for ESC [31m
SHOWN_LINK = "␛]8;;http://evil.example␇link"

RULES = r'''version: 1
source:
  title: "Cambodia [bold]arrests[/bold] \e[31m[@click=app.quit]x[/]"
  file: ../seeds/hostile-source.txt
claims:
  - id: total-arrests
    statement: "Cambodian authorities have arrested more than 1,000 people [@click=app.quit]x[/] \e[31m in raids"
    quantity: more than 1,000
    unit: [people, suspects]
    context: [arrested, detained, raids]
  - id: taiwanese
    statement: "including 75 Taiwanese [bold]b[/ \e]8;;http://evil.example\alink\e]8;;\a"
    quantity: "75 [/Taiwanese] \e["  # markup that passes validation: its only word is the unit
    unit: Taiwanese
    context: [arrested, detained]
'''
SOURCE = ("Cambodian authorities have arrested more than 1,000 people [@click=app.quit]x[/], "
          "including 75 Taiwanese, in raids on scam centers.\n")
REPORT = (f"Scam raids {CLICK} [bold]net[/bold] {ESC_RED}thousands [/\n\n"
          f"Police said more than 1,000 people were detained in raids on scam centres {CLICK} {OSC_LINK}.\n"
          f"Among them were 75 Taiwanese [bold]and[/ {ESC_RED}others.\n")
REPORT_NAME = "04-[bold]evil[@click=app.quit]x.txt"


def hostile_desk(desk) -> None:
    desk.path("rules/hostile.yaml").write_text(RULES, encoding="utf-8")
    desk.path("seeds/hostile-source.txt").write_text(SOURCE, encoding="utf-8")
    desk.path("reports").joinpath(REPORT_NAME).write_text(REPORT, encoding="utf-8")


async def click_on_the_markup(pilot) -> int:
    """Click each "[@click=...]x" shown, where its "x" would be if it were markup, and on its "x"."""
    clicks = 0
    for y, row in enumerate(screen_text(pilot.app).splitlines()):
        at = row.find("[@click")
        while at >= 0:
            for x in (at, at + 1, at + CLICK.index("x")):
                await pilot.click(offset=(x, y))
                clicks += 1
            at = row.find("[@click", at + 1)
    await pilot.pause()
    return clicks


@pilot_test
async def test_markup_and_escapes_in_every_widget_are_shown_as_written(desk):
    hostile_desk(desk)
    missing = f"missing {CLICK} {ESC_RED}.txt"
    app = desk.app(f"reports/{REPORT_NAME}", "reports/01-wire-agreement.txt", missing, rules="rules/hostile.yaml")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = await loaded(pilot, reports=2)
        assert app.screen.sub_title == "Cambodia [bold]arrests[/bold] ␛[31m[@click=app.quit]x[/]"  # the Header
        claim_item = app.screen.query_one("#claims").get_option_at_index(1).prompt.plain
        assert claim_item.startswith("taiwanese  75 [/Taiwanese] ␛[")
        pair = text(app, "#pair")
        assert f"report 1/2 {REPORT_NAME}" in pair
        report_item = app.screen.query_one("#reports").get_option_at_index(0).prompt.plain
        assert REPORT_NAME in report_item and f"Scam raids {CLICK} [b" in report_item  # the title, cut to fit
        assert f"1,000 people {CLICK} {SHOWN_RED} in raids" in text(app, "#source")
        assert "more than 1,000 people [@click=app.quit]x[/]," in text(app, "#source")  # the source article
        evidence = text(app, "#evidence")
        assert f"detained in raids on scam centres {CLICK} {SHOWN_LINK}" in evidence
        await pilot.press("j")
        assert "including 75 Taiwanese [bold]b[/ ␛]8;;http://evil.example␇link" in text(app, "#source")
        assert f"75 Taiwanese [bold]and[/ {SHOWN_RED}others." in text(app, "#evidence")

        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, Ask))
        app.screen.query_one(TextArea).text = f"see {CLICK} [bold]x {ESC_RED}"  # the note editor
        await pilot.press("ctrl+s")
        assert f"note: see {CLICK} [bold]x {SHOWN_RED}" in text(app, "#note")

        assert f"missing {CLICK} {SHOWN_RED}.txt" in toasts(app)  # the skipped path, in a notification

        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown  # nothing reaches the terminal as a command
        assert await click_on_the_markup(pilot) >= 3 * 5  # header, reports, source, evidence, note
        assert app.return_code is None and app.screen is review

        await pilot.press("m")
        await until(pilot, lambda: app.screen.query("#matrix"))
        await pilot.press("up", "up", "left", "left")  # the hostile report (clicks above moved the selection)
        title = f"Scam raids {CLICK} [bold]net[/bold] {SHOWN_RED}thousands [/"
        assert f"report 1/2 {REPORT_NAME}  {title}" in text(app, "#matrix-pair")
        assert "\x1b" not in screen_text(app)
        assert await click_on_the_markup(pilot) >= 3
        await pilot.click("#matrix", offset=(2, 1))  # a click on a cell chooses that pair
        await until(pilot, lambda: app.screen is review_of(app))
        assert app.return_code is None

        await palette(pilot, "jump to report")
        assert REPORT_NAME in screen_text(app) and "\x1b" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code is None


@pilot_test
async def test_a_pasted_escape_sequence_is_shown_not_obeyed(desk):
    from textual import events

    from factdesk.tui.screens.dialogs import Paste

    app = desk.app("reports/01-wire-agreement.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=1)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, Paste))
        app.post_message(events.Paste(f"75 Taiwanese were arrested {ESC_RED}{CLICK}\n"))
        await pilot.pause()
        area = app.screen.query_one("#paste-text")
        assert area.text == f"75 Taiwanese were arrested {SHOWN_RED}{CLICK}\n"
        assert "\x1b" not in screen_text(app)
        await pilot.press("ctrl+s")
        await loaded(pilot, reports=2)
        kept = next(Path("rules").glob("*.pasted/*.txt"))
        assert "\x1b" not in kept.read_text(encoding="utf-8")
