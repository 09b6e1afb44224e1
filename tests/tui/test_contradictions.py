"""Contradictions first: counted in the header, per report, per claim and in the matrix; keys that
jump to them and to the pairs left to review; the filter by verdict; and an unreviewed
contradiction that stands out, in colour or without.

With the three sample reports the checker finds one contradiction: report 2 says 429 Vietnamese
where the claim says 213 (pair report 2, claim 4 "vietnamese")."""

from __future__ import annotations

from textual.widgets import DataTable

from tui_helpers import loaded, pilot_test, review_of, screen_text, text, toasts, until


def claim_rows(app) -> dict[str, list[str]]:
    """Each listed claim's id -> its item's lines (head, glyphs)."""
    options = app.screen.query_one("#claims").options
    return {o.prompt.plain.split()[0]: o.prompt.plain.splitlines() for o in options if o.id is not None}


def report_rows(app) -> list[str]:
    return [o.prompt.plain.splitlines()[0] for o in app.screen.query_one("#reports").options]


def at(app) -> str:
    return text(app, "#pair").splitlines()[0]


@pilot_test
async def test_counts_in_the_header_the_report_list_and_the_claim_list(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=3)
        assert "✗ 1  ± 0  27 unreviewed" in text(app, "#status")
        assert report_rows(app)[1].endswith("✗ 1") and "✗" not in report_rows(app)[0]
        assert claim_rows(app)["vietnamese"][0].endswith("✗ 1") and "✗" not in claim_rows(app)["taiwanese"][0]
        await pilot.press("2", "3")  # report 1: total-arrests contradicts, taiwanese conflicting
        assert "✗ 2  ± 1  25 unreviewed" in text(app, "#status")
        assert report_rows(app)[0].endswith("✗ 1 ± 1")
        assert claim_rows(app)["total-arrests"][0].endswith("✗ 1")
        assert claim_rows(app)["taiwanese"][0].endswith("± 1")
    app = desk.app(verdicts="other.yaml")  # (the first left a recovery file)
    async with app.run_test(size=(200, 50)) as pilot:  # room for the counts' words
        await loaded(pilot, reports=3)
        assert "✗ 1 contradicted  ± 0 conflicting  27 unreviewed" in text(app, "#status")


@pilot_test
async def test_keys_jump_to_contradictions_both_ways_and_to_the_next_unreviewed_pair(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot, reports=3)
        await pilot.press("x")
        assert at(app).startswith("claim 4/9 vietnamese   report 2/3")
        await pilot.press("x")  # the only one: says so, stays
        assert at(app).startswith("claim 4/9 vietnamese   report 2/3") and "only" in toasts(app)
        await pilot.press("k", "h", "2")  # report 1, indonesians: contradicts; then on to raid-days
        assert at(app).startswith("claim 4/9 vietnamese   report 1/3")
        await pilot.press("x")
        assert at(app).startswith("claim 4/9 vietnamese   report 2/3")
        await pilot.press("x")  # round to report 1
        assert at(app).startswith("claim 3/9 indonesians   report 1/3")
        await pilot.press("X")  # back
        assert at(app).startswith("claim 4/9 vietnamese   report 2/3")
        await pilot.press("space")  # the next pair nobody reviewed
        assert at(app).startswith("claim 5/9 raid-days   report 2/3")


@pilot_test
async def test_the_filter_takes_a_verdict_and_a_key_cycles_it(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press("/", *"verdict:contradicts", "enter")
        assert list(claim_rows(app)) == ["vietnamese"]
        assert at(app).startswith("claim 4/9 vietnamese   report 2/3")
        await pilot.press("tab")  # no other report contradicts it: it stays
        assert at(app).startswith("claim 4/9 vietnamese   report 2/3")
        field = app.screen.query_one("#filter")
        await pilot.press("v")  # contradicted or conflicting
        assert field.display and field.value == "verdict:contradicts,conflicting"
        assert "filter: ✗ ±" in text(app, "#status")
        assert list(claim_rows(app)) == ["vietnamese"]
        await pilot.press("v")  # unreviewed: all of them
        assert "filter: unreviewed" in text(app, "#status") and len(claim_rows(app)) == 9
        await pilot.press("1")  # the pair is reviewed; the next unreviewed is selected
        assert review.state.pair(1, 3).reviewed
        assert at(app).startswith("claim 5/9 raid-days   report 2/3")
        await pilot.press("v")  # all
        assert "filter:" not in text(app, "#status") and not field.display and len(claim_rows(app)) == 9


@pilot_test
async def test_an_empty_filter_says_no_match_and_nothing_is_decided(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press("/", *"verdict:conflicting", "enter")
        assert claim_rows(app) == {} and "no match" in screen_text(app)
        await pilot.press("1", "2", "enter")
        assert review.state.reviewed == 0
        await pilot.press("/")
        app.screen.query_one("#filter").value = "verdict:wrong"
        await pilot.press("enter")
        assert "no verdict 'wrong'" in screen_text(app) and "unreviewed" in screen_text(app)
        await pilot.press("/", "escape")
        assert len(claim_rows(app)) == 9


@pilot_test
async def test_the_matrix_counts_names_its_columns_and_decides_with_the_verdict_keys(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press("m")
        await until(pilot, lambda: bool(app.screen.query("#matrix")))
        table = app.screen.query_one("#matrix", DataTable)
        labels = [str(c.label) for c in table.ordered_columns]
        assert labels == ["claim", "1 wire-a…", "2 cumula…", "3 hedged…", "✗ ±"]
        assert str(table.get_cell_at((3, 4))) == "✗1"  # vietnamese, in all
        assert str(table.get_cell_at((9, 2))) == "✗1" and str(table.get_cell_at((9, 4))) == "✗1"  # report 2; all
        await pilot.press("down", "down", "down", "right")  # vietnamese, report 2
        await pilot.press("1")  # overruled: supports
        assert review.state.pair(1, 3).reviewed and review.state.pair(1, 3).verdict == "supports"
        assert str(table.get_cell_at((3, 2))) == "✓" and str(table.get_cell_at((9, 4))) == ""
        assert table.cursor_coordinate == (4, 2)  # on to the next pair to review: raid-days, report 2
        await pilot.press("enter")  # accepts the checker's verdict, here too
        assert review.state.pair(1, 4).reviewed
        assert table.cursor_coordinate == (5, 2)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is review_of(app))
        assert at(app).startswith("claim 6/9 annual-losses   report 2/3")
        assert "2 of 27 pairs reviewed" in text(app, "#status")


@pilot_test
async def test_an_unreviewed_contradiction_stands_out_in_colour_and_without(desk, monkeypatch):
    for no_color in (False, True):
        if no_color:
            monkeypatch.setenv("NO_COLOR", "1")
        app = desk.app(verdicts=f"{no_color}.yaml")
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot, reports=3)
            row = next(strip for strip in app.screen._compositor.render_strips()
                       if "✓✗✓" in "".join(s.text for s in strip))
            glyphs = {s.text: s.style for s in row if s.text in ("✓", "✗")}
            contradiction, suggested = glyphs["✗"], glyphs["✓"]
            assert contradiction.bold and not suggested.bold, no_color
            assert contradiction.bgcolor != suggested.bgcolor, no_color  # a block of its own
            if no_color:
                assert contradiction.color.is_system_defined or contradiction.color.triplet.red == \
                    contradiction.color.triplet.green == contradiction.color.triplet.blue
            await pilot.press("x", "2")  # reviewed: underlined, no longer a block
            row = next(strip for strip in app.screen._compositor.render_strips()
                       if "✓✗✓" in "".join(s.text for s in strip))
            reviewed = next(s.style for s in row if s.text == "✗")
            assert reviewed.underline and reviewed.bgcolor == suggested.bgcolor, no_color
