"""A whole review with the keyboard: moving, deciding, undoing, a note, saving, quitting."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from factdesk.tui.screens.dialogs import Ask, Choice
from factdesk.tui.screens.review import all_bindings

from tui_helpers import loaded, palette, pilot_test, review_of, screen_text, text, toasts, until


def claims_of(path) -> dict[str, dict[str, dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {Path(r["file"]).name: {c["id"]: c for c in r["claims"]} for r in data["reports"]}


@pilot_test
async def test_walk_a_review_with_every_key(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=3)
        assert "0 of 27 pairs reviewed" in text(app, "#status")
        assert "rules/cambodia-scam-crackdown.verdicts.yaml" in text(app, "#status")
        assert "claim 1/9 total-arrests" in text(app, "#pair")
        assert "report 1/3 01-wire-agreement.txt" in text(app, "#pair")
        assert "Cambodian authorities have arrested more than 1,000 people" in text(app, "#source")

        for key, where in [("down", "claim 2/9 taiwanese"), ("j", "claim 3/9 indonesians"),
                           ("k", "claim 2/9 taiwanese"), ("up", "claim 1/9 total-arrests"),
                           ("tab", "report 2/3 02-cumulative-tally.txt"), ("l", "report 3/3 03-hedged"),
                           ("shift+tab", "report 2/3 02-cumulative"), ("h", "report 1/3 01-wire"),
                           ("h", "report 3/3 03-hedged"), ("l", "report 1/3 01-wire")]:
            await pilot.press(key)
            assert where in text(app, "#pair"), key

        await pilot.press("tab", "j", "j", "j")  # report 2 says 429 Vietnamese; the claim is 213
        assert "claim 4/9 vietnamese" in text(app, "#pair")
        assert "checker: contradicts" in text(app, "#pair")
        assert "evidence 1 of 1" in text(app, "#evidence") and "429" in text(app, "#evidence")
        assert "claim: 213; incompatible" in text(app, "#reason")
        await pilot.press("]")
        assert "other passage 1 of" in text(app, "#evidence")
        await pilot.press("]")
        assert "other passage 2 of" in text(app, "#evidence")
        await pilot.press("[", "[")
        assert "evidence 1 of 1" in text(app, "#evidence")

        await pilot.press("2")  # confirm: contradicts; on to the next pair that needs a person
        assert "1 of 27 pairs reviewed" in text(app, "#status")
        assert "claim 5/9 raid-days" in text(app, "#pair") and "report 2/3" in text(app, "#pair")
        await pilot.press("4")  # not mentioned (as suggested)
        await pilot.press("3")  # annual-losses: overruled to conflicting
        assert "claim 7/9 scam-compounds" in text(app, "#pair")
        await pilot.press("enter")  # accept the suggestion: not mentioned
        await pilot.press("1")  # thais-deported: overruled to supports
        assert "5 of 27 pairs reviewed" in text(app, "#status")
        assert "unsaved changes" in text(app, "#status")

        await pilot.press("u")  # undo the last decision: back on that pair, undecided
        assert "4 of 27 pairs reviewed" in text(app, "#status")
        assert "claim 8/9 thais-deported" in text(app, "#pair")
        assert "not reviewed yet" in text(app, "#pair")

        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, Ask))
        await pilot.press(*"wire copy checked", "ctrl+s")  # the note editor keeps a note on ctrl+s
        assert "note: wire copy checked" in text(app, "#note")

        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in text(app, "#status"))
        assert "saved" in text(app, "#status")
        saved = claims_of(desk.path(desk.verdicts))["02-cumulative-tally.txt"]
        assert saved["vietnamese"]["verdict"] == "contradicts" and saved["vietnamese"]["reviewed"] is True
        assert saved["vietnamese"]["reviewer"] == "tester" and saved["vietnamese"]["reviewed_at"]
        assert saved["raid-days"]["verdict"] == "not_mentioned" and saved["raid-days"]["reviewed"]
        assert (saved["annual-losses"]["verdict"], saved["annual-losses"]["auto"]) == ("conflicting", "not_mentioned")
        assert saved["scam-compounds"]["reviewed"] is True
        assert saved["thais-deported"]["reviewed"] is False  # undone
        assert saved["thais-deported"]["note"] == "wire copy checked"
        assert not desk.path(desk.verdicts + f".recovery.{os.getpid()}").exists()

        await pilot.press("q")  # nothing unsaved: quits at once
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0


@pilot_test
async def test_glyphs_show_reviewed_pairs_apart_from_suggested_ones(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=3)
        claims = app.screen.query_one("#claims")
        row = claims.get_option_at_index(0).prompt
        assert row.plain.splitlines()[1].strip() == "✓✓✓"
        await pilot.press("2")  # report 1, total-arrests: contradicts
        row = claims.get_option_at_index(0).prompt
        assert row.plain.splitlines()[1].strip() == "✗✓✓"
        at = row.plain.index("\n") + 1 + row.plain.splitlines()[1].index("✗")  # the glyph, not the count
        styles = [str(s.style) for s in row.spans if s.start <= at < s.end]
        assert any("underline" in s for s in styles)  # decided by a person
        assert review.state.pair(0, 0).reviewed


@pilot_test
async def test_quit_with_unsaved_changes_asks_cancel_keeps_running(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("1")
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, Choice))
        assert "not saved" in text(app, ".message")
        await pilot.press("c")
        await until(pilot, lambda: not isinstance(app.screen, Choice))
        assert app.return_code is None
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("escape")  # escape is cancel too
        await until(pilot, lambda: not isinstance(app.screen, Choice))
        assert app.return_code is None and "1 of 27" in text(app, "#status")


@pilot_test
async def test_quit_and_discard_writes_nothing(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("1", "2")
        await until(pilot, lambda: desk.path(desk.verdicts + f".recovery.{os.getpid()}").exists())
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("d")
        await until(pilot, lambda: app.return_code is not None)
    assert not desk.path(desk.verdicts).exists()
    assert not desk.path(desk.verdicts + f".recovery.{os.getpid()}").exists()  # a clean quit leaves no recovery file


@pilot_test
async def test_quit_and_save_writes_then_quits(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2")
        await pilot.press("ctrl+q")  # the App's quit key asks too
        await until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("s")
        await until(pilot, lambda: app.return_code is not None)
    saved = claims_of(desk.path(desk.verdicts))["01-wire-agreement.txt"]
    assert saved["total-arrests"]["verdict"] == "contradicts" and saved["total-arrests"]["reviewed"]


@pilot_test
async def test_every_pair_reviewed_stays_put_and_says_so(desk):
    app = desk.app("reports/01-wire-agreement.txt")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot, reports=1)
        await pilot.press(*["enter"] * 9)
        assert "9 of 9 pairs reviewed" in text(app, "#status")
        assert "Every pair is reviewed" in toasts(app)


@pilot_test
async def test_filter_claims_then_keys_work_again(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot)
        await pilot.press("/")
        await pilot.press(*"viet")
        listed = [o.prompt.plain.split()[0] for o in app.screen.query_one("#claims").options]
        assert listed == ["vietnamese"]
        assert "claim 4/9 vietnamese" in text(app, "#pair")
        assert "filter: viet" in text(app, "#status")
        await pilot.press("enter")  # keep the filter; keys go to the review again
        await pilot.press("1")
        assert review.state.pair(0, 3).reviewed
        await pilot.press("/", "escape")  # clear
        assert len(app.screen.query_one("#claims").options) == 9


@pilot_test
async def test_matrix_moves_select_the_pair(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("m")
        await until(pilot, lambda: app.screen.query("#matrix"))
        table = app.screen.query_one("#matrix")
        assert table.row_count == 9 + 1 and len(table.columns) == 1 + 3 + 1  # with the totals
        await pilot.press("down", "down", "down", "right")  # vietnamese, report 2
        assert "claim 4/9 vietnamese" in text(app, "#matrix-pair")
        assert "report 2/3 02-cumulative-tally.txt" in text(app, "#matrix-pair")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is review_of(app))
        assert "claim 4/9 vietnamese" in text(app, "#pair") and "report 2/3" in text(app, "#pair")


@pilot_test
async def test_help_lists_every_key_and_binding_id(desk):
    app = desk.app()
    async with app.run_test(size=(120, 50)) as pilot:
        review = await loaded(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: app.screen.query("#keys"))
        table = app.screen.query_one("#keys")
        listed = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {b.id for b in all_bindings()} <= listed  # the matrix's and the filter's too
        assert {b.id for b in review.BINDINGS} <= listed
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is review)


@pilot_test
async def test_a_keymap_file_rebinds_keys(desk, tmp_path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"review.supports" = "y"\n"review.next_claim" = "ctrl+n"\n', encoding="utf-8")
    app = desk.app(keymap=keymap)
    async with app.run_test(size=(120, 50)) as pilot:
        review = await loaded(pilot)
        await pilot.press("1")  # no longer bound
        assert review.state.reviewed == 0
        await pilot.press("y")
        assert review.state.pair(0, 0).reviewed and review.state.pair(0, 0).verdict == "supports"
        await pilot.press("ctrl+n")
        assert "claim 3/9" in text(app, "#pair")
        await pilot.press("question_mark")
        await until(pilot, lambda: app.screen.query("#keys"))
        table = app.screen.query_one("#keys")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [str(r[0]) for r in rows if str(r[1]) == "review.supports"] == ["y"]


@pilot_test
async def test_palette_jumps_to_a_claim(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await palette(pilot, "jump to claim thais")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is review_of(app))
        await pilot.pause()
        assert "claim 8/9 thais-deported" in text(app, "#pair")


@pilot_test
async def test_footer_shows_the_keys_that_apply_now(desk):
    app = desk.app("nothing-here")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot, reports=0)
        footer = screen_text(app).splitlines()[-1]
        assert "supports" not in footer and "matrix" not in footer  # no report yet: nothing to decide
        assert "help" in footer and "quit" in footer
        assert "no such file or folder" in toasts(app)  # the skipped path is said


@pilot_test
async def test_loading_many_reports_can_be_stopped_and_the_screen_answers_meanwhile(desk):
    sample = desk.path("reports/01-wire-agreement.txt").read_text(encoding="utf-8") * 20  # slow enough to stop
    many = desk.path("many")
    many.mkdir()
    for i in range(300):
        many.joinpath(f"{i:03d}.txt").write_text(f"{sample}\nUpdate {i}.\n", encoding="utf-8")
    app = desk.app("many")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = review_of(app)
        await until(pilot, lambda: len(review.state.reports) >= 3)
        assert review.checking and app.screen.query_one("#loading").display
        await pilot.press("j", "tab")  # the review answers while the reports are checked
        assert "claim 2/9 taiwanese" in text(app, "#pair") and "report 2/" in text(app, "#pair")
        await pilot.press("escape")
        await until(pilot, lambda: not review.checking)
        stopped_at = len(review.state.reports)
        assert 3 <= stopped_at < 300
        assert "Loading stopped" in toasts(app)
        await pilot.pause(0.3)
        assert len(review.state.reports) == stopped_at and not app.screen.query_one("#loading").display


@pilot_test
async def test_a_broken_keymap_is_said_and_the_default_keys_stay(desk, tmp_path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"review.no_such_thing" = "x"\n"review.undo" = "z"\n', encoding="utf-8")
    app = desk.app(keymap=keymap)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = await loaded(pilot)
        assert "unknown binding id 'review.no_such_thing'" in toasts(app)
        await pilot.press("1", "z")  # the valid entry still applies
        assert review.state.reviewed == 0
    keymap.write_text("[keymap\n", encoding="utf-8")
    app = desk.app(keymap=keymap, verdicts="other.yaml")  # (the first review left a recovery file)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = await loaded(pilot)
        assert "cannot read the keymap" in toasts(app)
        await pilot.press("1", "u")
        assert review.state.reviewed == 0


@pilot_test
async def test_the_palette_offers_the_review_actions(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await palette(pilot, "matrix")
        await pilot.press("enter")
        await until(pilot, lambda: bool(app.screen.query("#matrix")))
