"""Any terminal: usable at 80x24 (a narrower left column that a key hides, a footer that keeps the
keys that matter), "too small" below 60x15, more context on a wide one, long names cut with an
ellipsis, and glyph rows that say how many reports are off the list."""

from __future__ import annotations

import re

from tui_helpers import loaded, palette, pilot_test, review_of, screen_text, text, until

SMALL = (80, 24)


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


@pilot_test
async def test_at_80x24_the_left_column_narrows_and_a_key_hides_it(desk):
    app = desk.app()
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot, reports=3)
        left = app.screen.query_one("#left")
        assert 0 < left.outer_size.width <= 36
        keys = footer(app)
        for key in ("1 2 3 4", "^s save", "? help", "q quit"):
            assert key in keys, keys
        evidence = app.screen.query_one("#evidence-pane").size.width
        await pilot.press("ctrl+b")
        assert not left.display and app.screen.query_one("#evidence-pane").size.width > evidence
        await pilot.press("2")  # the keys still work with it hidden
        assert review_of(app).state.reviewed == 1
        await pilot.press("ctrl+b")
        assert left.display and "claim 2/9 taiwanese" in text(app, "#pair")


@pilot_test
async def test_below_60x15_the_screen_says_it_is_too_small(desk):
    app = desk.app()
    async with app.run_test(size=(59, 24)) as pilot:
        await loaded(pilot, reports=3)
        assert "too small" in screen_text(app) and not app.screen.query_one("#body").display
        await pilot.resize_terminal(60, 15)
        await pilot.pause(0.2)
        assert "too small" not in screen_text(app) and "claim 1/9 total-arrests" in screen_text(app)
        await pilot.resize_terminal(100, 14)
        await pilot.pause(0.2)
        assert "too small" in screen_text(app)
        await pilot.press("q")  # q still quits
        await until(pilot, lambda: app.return_code is not None)


@pilot_test
async def test_a_wide_terminal_shows_more_context_around_the_passage(desk):
    shown = {}
    for size in ((120, 36), (200, 50)):
        app = desk.app(verdicts=f"{size[0]}.yaml")
        async with app.run_test(size=size) as pilot:
            await loaded(pilot, reports=3)
            await pilot.press("tab", "j", "j", "j")  # report 2, vietnamese: its evidence mid-text
            shown[size[0]] = text(app, "#evidence")
            widths = {name: app.screen.query_one(name).size.width for name in ("#source-pane", "#evidence-pane")}
            if size[0] == 200:
                assert widths["#evidence-pane"] > 1.5 * widths["#source-pane"]
    assert "429 Vietnamese" in shown[120] and "429 Vietnamese" in shown[200]
    assert len(shown[200]) > len(shown[120]) + 100
    passage = shown[120].split("\n", 1)[1].rsplit("\n\nfigure", 1)[0]
    assert passage in shown[200]  # the same passage, with more around it


@pilot_test
async def test_a_long_report_name_ends_in_an_ellipsis_and_never_wraps(desk):
    long = "a-very-long-report-name-from-a-wire-service-about-the-raids-2025-07-17.txt"
    desk.path("reports/01-wire-agreement.txt").rename(desk.path(f"reports/{long}"))
    for size in (SMALL, (120, 36)):
        app = desk.app(verdicts=f"{size[0]}.yaml")
        async with app.run_test(size=size) as pilot:
            await loaded(pilot, reports=3)
            reports = app.screen.query_one("#reports")
            first = next(o.prompt.plain for o in reports.options if "a-very-long" in o.prompt.plain)
            name_line = first.splitlines()[0]
            assert name_line.endswith("…") and long not in name_line and len(name_line) < reports.size.width
            assert len(first.splitlines()) == 2  # the name's line and the title's: nothing wrapped


@pilot_test
async def test_with_600_reports_the_glyph_rows_say_how_many_are_off_the_list(desk):
    folder = desk.path("many")
    folder.mkdir()
    for i in range(600):
        folder.joinpath(f"{i:03d}-report.txt").write_text(
            f"Police said {75 + i % 3} Taiwanese were among those arrested in raid {i}.\n", encoding="utf-8")
    app = desk.app("many")
    async with app.run_test(size=(120, 36)) as pilot:
        review = await loaded(pilot, reports=600)
        glyphs = r"[✓✗±·]"

        def row() -> tuple[int, int, int]:
            item = app.screen.query_one("#claims").get_option_at_index(1).prompt.plain  # taiwanese
            m = re.fullmatch(rf"\s*(?:(\d+)‹)?({glyphs}+)(?:›(\d+))?", item.splitlines()[1])
            assert m, item
            return int(m.group(1) or 0), len(m.group(2)), int(m.group(3) or 0)

        before, shown, after = row()
        assert before == 0 and shown + after == 600 and after > 500
        await palette(pilot, "jump to report 300:")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is review and review.report == 299)
        before, shown, after = row()
        assert before > 0 and after > 0 and before + shown + after == 600 and before <= 299 < before + shown
