"""The review's files: resuming, stale verdicts, someone else's save, a broken file, a folder
that refuses the save, a crash, and reports opened or pasted on screen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml
from textual import events
from textual.widgets import Input

from factdesk.claims.formats import load_verdicts
from factdesk.tui.screens.dialogs import Ask, Choice, Paste

from tui_helpers import idle, loaded, pilot_test, review_of, text, toasts, until


async def save(pilot) -> None:
    app = pilot.app
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(app.screen, (Choice, Ask)) or idle(app))


async def decide_and_save(desk, *keys: str, paths: tuple[str, ...] = ()) -> None:
    app = desk.app(*paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press(*keys)
        await save(pilot)


async def answer(pilot, dialog: type, key: str) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, dialog))
    await pilot.press(key)
    await until(pilot, lambda: not isinstance(pilot.app.screen, dialog))


def pairs(path: Path) -> dict[tuple[str, str], dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {(Path(r["file"]).name, c["id"]): c for r in data["reports"] for c in r["claims"]}


@pilot_test
async def test_reopening_resumes_verdicts_and_notes(desk):
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "3")  # report 1: total-arrests contradicts, taiwanese conflicting
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, Ask))
        await pilot.press(*"ask the desk", "ctrl+s")  # the note editor keeps a note on ctrl+s
        await save(pilot)
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=3)
        assert "2 of 27 pairs reviewed" in text(app, "#status")
        assert "saved" in text(app, "#status") and "unsaved" not in text(app, "#status")
        # it resumes where the review left off: the pair after the last one decided
        assert "claim 3/9 indonesians" in text(app, "#pair") and "report 1/3" in text(app, "#pair")
        assert "note: ask the desk" in text(app, "#note")
        assert review.state.pair(0, 2).note == "ask the desk"
        await pilot.press("k")
        assert "reviewed: conflicting" in text(app, "#pair")
        await pilot.press("k")
        assert "reviewed: contradicts by tester" in text(app, "#pair")


@pilot_test
async def test_a_review_with_every_pair_decided_reopens_on_the_pair_decided_last(desk):
    app = desk.app("reports/02-cumulative-tally.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=1)
        await pilot.press(*["enter"] * 8, "k", "k", "2")  # all but the last; then scam-compounds again
        await pilot.press("j", "enter")  # and the last
        await save(pilot)
    app = desk.app("reports/02-cumulative-tally.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=1)
        assert "9 of 9 pairs reviewed" in text(app, "#status")
        assert "claim 9/9 poipet-foreigners" in text(app, "#pair")


@pilot_test
async def test_reports_listed_in_the_verdicts_file_are_loaded_too(desk):
    await decide_and_save(desk, "tab", "tab", "1")  # report 3 decided; all three listed in the file
    app = desk.app("reports/01-wire-agreement.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=3)
        names = [Path(r.file).name for r in review.state.reports]
        assert sorted(names) == ["01-wire-agreement.txt", "02-cumulative-tally.txt", "03-hedged-figures.txt"]
        assert "1 of 27 pairs reviewed" in text(app, "#status")


@pilot_test
async def test_report_paths_resolve_against_the_verdicts_folder(desk, monkeypatch):
    await decide_and_save(desk, "1")  # the file lists "../reports/01-wire-agreement.txt", ...
    saved = yaml.safe_load(desk.path(desk.verdicts).read_text(encoding="utf-8"))
    assert saved["rules"] == "cambodia-scam-crackdown.yaml"  # both relative to the verdicts file
    assert saved["reports"][0]["file"] == "../reports/01-wire-agreement.txt"
    desk.path("elsewhere").mkdir()
    monkeypatch.chdir(desk.path("elsewhere"))  # where "reports/..." does not exist
    app = desk.app(given=(), rules=str(desk.path(desk.rules)), verdicts=str(desk.path(desk.verdicts)))
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=3)
        assert "1 of 27 pairs reviewed" in text(app, "#status")
        assert review.state.reports[0].file == "../reports/01-wire-agreement.txt"  # as saved


@pilot_test
async def test_a_changed_report_shows_its_old_verdict_as_stale(desk):
    await decide_and_save(desk, "2", "tab", "1")  # report 1 total-arrests; report 2 taiwanese
    report = desk.path("reports/01-wire-agreement.txt")
    report.write_text(report.read_text(encoding="utf-8") + "\nA correction was appended.\n", encoding="utf-8")
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=3)
        assert "1 of 27 pairs reviewed" in text(app, "#status")  # the stale one needs a person again
        assert "claim 3/9" in text(app, "#pair") and "report 2/3" in text(app, "#pair")  # resumed
        await pilot.press("h", "k", "k")
        assert "STALE" in text(app, "#pair") and "reviewed: contradicts" in text(app, "#pair")
        items = [o.prompt.plain for o in app.screen.query_one("#reports").options]
        assert "stale" in items[0] and "stale" not in items[1]
        await save(pilot)
    saved = pairs(desk.path(desk.verdicts))
    stale = saved[("01-wire-agreement.txt", "total-arrests")]
    assert stale["reviewed"] is False and "[stale: contradicts" in stale["note"]
    assert saved[("02-cumulative-tally.txt", "taiwanese")]["reviewed"] is True
    assert review.state.reviewed == 1


@pilot_test
async def test_a_verdicts_file_changed_on_disk_is_never_overwritten_silently(desk):
    verdicts = desk.path(desk.verdicts)
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("1")
        await save(pilot)
        theirs = verdicts.read_text(encoding="utf-8") + "# a colleague's edit\n"
        verdicts.write_text(theirs, encoding="utf-8")
        await pilot.press("2")

        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, Choice))
        assert "changed on disk" in text(app, ".message")
        await answer(pilot, Choice, "c")  # cancel: theirs stays
        assert verdicts.read_text(encoding="utf-8") == theirs
        assert "unsaved changes" in text(app, "#status")

        await pilot.press("ctrl+s")
        await answer(pilot, Choice, "e")  # save elsewhere
        await until(pilot, lambda: isinstance(app.screen, Ask))
        app.screen.query_one(Input).value = "mine.yaml"
        await pilot.press("enter")
        await until(pilot, lambda: "unsaved" not in text(app, "#status"))
        assert verdicts.read_text(encoding="utf-8") == theirs
        assert pairs(desk.path("mine.yaml"))[("01-wire-agreement.txt", "taiwanese")]["verdict"] == "contradicts"
        assert "verdicts: mine.yaml" in text(app, "#status")

        desk.path("mine.yaml").write_text("# changed again\n", encoding="utf-8")
        await pilot.press("3")
        await pilot.press("ctrl+s")
        await answer(pilot, Choice, "o")  # overwrite, knowingly; the old bytes are kept as .bak
        await until(pilot, lambda: "unsaved" not in text(app, "#status"))
        assert pairs(desk.path("mine.yaml"))[("01-wire-agreement.txt", "indonesians")]["verdict"] == "conflicting"
        assert desk.path("mine.yaml.bak").read_text(encoding="utf-8") == "# changed again\n"


@pilot_test
async def test_a_broken_verdicts_file_is_kept_aside_when_starting_fresh(desk):
    verdicts = desk.path(desk.verdicts)
    broken = "version: 1\nreports: [ {file: a.txt, claims: [\n"
    verdicts.write_text(broken, encoding="utf-8")
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, Choice))
        shown = text(app, ".message")
        assert "cannot be read" in text(app, ".title") and "YAML syntax error" in shown and ".verdicts.yaml:3:1" in shown
        assert not review_of(app).state.reports  # nothing opens before the user chooses
        await answer(pilot, Choice, "f")
        review = await loaded(pilot, reports=3)
        aside = list(verdicts.parent.glob(verdicts.name + ".broken-*"))
        assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == broken
        assert not verdicts.exists()
        await pilot.press("1")
        await save(pilot)
    assert len(load_verdicts(verdicts).reports) == 3
    assert review.state.reviewed == 1


@pilot_test
async def test_a_broken_verdicts_file_can_be_left_alone(desk):
    verdicts = desk.path(desk.verdicts)
    verdicts.write_text("version: 7\nreports: []\n", encoding="utf-8")
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, Choice))
        assert "unknown verdicts format version 7" in text(app, ".message")
        await pilot.press("q")
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 2
    assert verdicts.read_text(encoding="utf-8") == "version: 7\nreports: []\n"
    assert not list(verdicts.parent.glob("*.broken-*"))


@pilot_test
async def test_a_folder_that_refuses_the_save_keeps_the_review_and_offers_another_path(desk, read_only_folder):
    target = read_only_folder / "verdicts.yaml"
    app = desk.app(verdicts=str(target))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = await loaded(pilot)
        await pilot.press("2", "2")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, Ask))
        assert "Cannot write" in text(app, ".message") and "kept in memory" in text(app, ".message")
        assert review.state.reviewed == 2 and app.return_code is None
        app.screen.query_one(Input).value = str(desk.path("rescued.yaml"))
        await pilot.press("enter")
        await until(pilot, lambda: "unsaved" not in text(app, "#status"))
        assert pairs(desk.path("rescued.yaml"))[("01-wire-agreement.txt", "taiwanese")]["verdict"] == "contradicts"
        assert "verdicts: rescued.yaml" in text(app, "#status")
    assert not target.exists()


@pilot_test
async def test_cancelling_the_other_path_keeps_the_review_unsaved(desk, read_only_folder):
    app = desk.app(verdicts=str(read_only_folder / "verdicts.yaml"))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("1")
        await pilot.press("ctrl+s")
        await answer(pilot, Ask, "escape")
        assert "unsaved changes" in text(app, "#status") and app.return_code is None


async def crash_after(desk, *keys: str) -> Path:
    """Decide with `keys`, wait for the autosave, then stop as a crash would (no quit)."""
    recovery = desk.path(desk.verdicts + f".recovery.{os.getpid()}")
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot)
        before = review.state.reviewed  # (a review reopened resumes after the pairs decided)
        await pilot.press(*keys)
        await until(pilot, lambda: recovery.exists() and len(load_verdicts(recovery).reports) == 3
                    and sum(c.reviewed for r in load_verdicts(recovery).reports for c in r.claims)
                    == before + len(keys))
    return recovery


@pilot_test
async def test_after_a_crash_the_review_can_be_restored(desk):
    recovery = await crash_after(desk, "2", "3", "4")
    assert recovery.exists() and not desk.path(desk.verdicts).exists()
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, Choice))
        assert "did not end cleanly" in text(app, ".message")
        await answer(pilot, Choice, "r")
        await loaded(pilot, reports=3)
        assert "3 of 27 pairs reviewed" in text(app, "#status") and "unsaved changes" in text(app, "#status")
        await save(pilot)
        assert not recovery.exists()
    saved = pairs(desk.path(desk.verdicts))
    assert saved[("01-wire-agreement.txt", "total-arrests")]["verdict"] == "contradicts"
    assert saved[("01-wire-agreement.txt", "indonesians")]["verdict"] == "not_mentioned"


@pilot_test
async def test_after_a_crash_the_recovery_can_be_discarded(desk):
    await decide_and_save(desk, "1")
    recovery = await crash_after(desk, "2", "2")
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await answer(pilot, Choice, "d")
        await loaded(pilot, reports=3)
        assert "1 of 27 pairs reviewed" in text(app, "#status")
        assert not recovery.exists()


@pilot_test
async def test_an_older_recovery_file_is_not_offered(desk):
    await decide_and_save(desk, "1")
    recovery = await crash_after(desk, "2")
    os.utime(recovery, (1, 1))  # older than the verdicts file: that save already holds more
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=3)
        assert not isinstance(app.screen, Choice)


@pilot_test
async def test_open_dialog_completes_paths_and_adds_reports(desk):
    extra = desk.path("more")
    extra.mkdir()
    for name in ("04-figures-in-words.txt", "07-money-contradiction.txt"):
        shutil.copy(Path(__file__).resolve().parents[2] / "seeds" / "reports" / name, extra / name)
    app = desk.app("reports/01-wire-agreement.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=1)
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, Ask))
        field = app.screen.query_one(Input)
        field.cursor_blink = False
        await pilot.press(*"mo")
        await pilot.pause(0.2)
        await pilot.press("right")  # accept the completion
        assert field.value == "more/"
        await pilot.press("enter")
        await loaded(pilot, reports=3)
        assert [Path(r.file).name for r in review.state.reports][1:] == ["04-figures-in-words.txt",
                                                                        "07-money-contradiction.txt"]
        assert "0 of 27 pairs reviewed" in text(app, "#status")
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, Ask))
        app.screen.query_one(Input).value = "more"
        await pilot.press("enter")  # already in the review: nothing is added twice
        await pilot.pause(0.2)
        assert len(review.state.reports) == 3


@pilot_test
async def test_a_pasted_report_is_kept_beside_the_verdicts_and_resumes(desk):
    pasted = ("Thai officials said 119 Thais were deported from Cambodia in March.\n"
              "Police said 75 Taiwanese were among those arrested in the raids.\n")
    app = desk.app("reports/01-wire-agreement.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=1)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, Paste))
        app.post_message(events.Paste(pasted))
        await pilot.pause()
        await pilot.press("ctrl+s")  # in the paste dialog: add the report
        await loaded(pilot, reports=2)
        kept = list(desk.path("rules/cambodia-scam-crackdown.verdicts.pasted").glob("*.txt"))
        assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == pasted
        await pilot.press("tab", "j")  # the pasted report, taiwanese
        assert "report 2/2" in text(app, "#pair") and "checker: supports" in text(app, "#pair")
        await pilot.press("1")
        await save(pilot)
    assert review.state.reports[1].file == f"cambodia-scam-crackdown.verdicts.pasted/{kept[0].name}"
    app = desk.app("reports/01-wire-agreement.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        review = await loaded(pilot, reports=2)
        assert review.state.pair(1, 1).reviewed and "1 of 18 pairs reviewed" in text(app, "#status")


@pilot_test
async def test_a_report_gone_from_disk_keeps_its_verdicts_in_the_file(desk):
    await decide_and_save(desk, "tab", "tab", "2")  # report 3, total-arrests: contradicts
    desk.path("reports/03-hedged-figures.txt").unlink()
    app = desk.app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = await loaded(pilot, reports=2)
        assert "were not found" in toasts(app)
        await pilot.press("1")
        await save(pilot)
    saved = pairs(desk.path(desk.verdicts))
    assert saved[("03-hedged-figures.txt", "total-arrests")]["verdict"] == "contradicts"
    assert saved[("01-wire-agreement.txt", "total-arrests")]["verdict"] == "supports"
    assert len(review.state.reports) == 2


@pilot_test
async def test_the_review_opens_what_factdesk_check_wrote(desk, cli):
    code, _, _ = cli("check", desk.rules, "reports", "--output", desk.verdicts)
    assert code in (0, 1)
    app = desk.app(given=())  # no reports given: those of the verdicts file
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, reports=3)
        assert "0 of 27 pairs reviewed" in text(app, "#status") and "saved" in text(app, "#status")
        await pilot.press("tab", "j", "j", "j", "1")  # overrule 429 Vietnamese: supports
        await save(pilot)
    back = load_verdicts(desk.path(desk.verdicts))  # the engine's reader takes what the screen wrote
    vietnamese = back.reports[1].claim("vietnamese")
    assert (vietnamese.verdict, vietnamese.auto, vietnamese.reviewed) == ("supports", "contradicts", True)
