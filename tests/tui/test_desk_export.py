"""Export from the review screen (ctrl+e): the review as it is on screen, in the format chosen,
to a file offered beside the verdicts (never in an installed package); problems said in the
dialog, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import sysconfig
from pathlib import Path

from textual.widgets import Input

from factdesk.tui.screens.export import ExportDialog
from factdesk.tui.session import export_path

from tui_helpers import loaded, pilot_test, text, toasts, until

OFFERED = "rules/cambodia-scam-crackdown.verdicts"


async def open_export(pilot) -> ExportDialog:
    await pilot.press("ctrl+e")
    await until(pilot, lambda: isinstance(pilot.app.screen, ExportDialog))
    await pilot.pause(0.1)
    return pilot.app.screen


async def fill(pilot, field: str, value: str) -> None:
    widget = pilot.app.screen.query_one(f"#export-{field}", Input)
    widget.focus()
    widget.value = value
    await pilot.pause()


async def export_and_wait(pilot) -> None:
    await pilot.press("ctrl+s")
    await until(pilot, lambda: not isinstance(pilot.app.screen, ExportDialog)
                or pilot.app.screen.query_one("#export-problem").display)


@pilot_test
async def test_ctrl_e_exports_the_unsaved_review_as_markdown_beside_the_verdicts(desk):
    app = desk.app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot, reports=3)
        await pilot.press("2")  # report 1, total-arrests: contradicts (not saved)
        dialog = await open_export(pilot)
        assert dialog.query_one("#export-path", Input).value == f"{OFFERED}.md"
        box = dialog.query_one(".box")
        assert box.region.right <= 80 and box.region.bottom <= 24  # it fits 80x24
        await export_and_wait(pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert f"Exported (markdown) to {OFFERED}.md" in toasts(app)
    written = desk.path(f"{OFFERED}.md").read_text(encoding="utf-8")
    assert "reviewed by tester" in written and "01-wire-agreement.txt" in written
    assert not desk.path("rules/cambodia-scam-crackdown.verdicts.yaml").exists()  # nothing saved meanwhile


@pilot_test
async def test_the_format_chosen_gives_the_file_its_suffix_and_csv_has_a_row_per_pair(desk):
    app = desk.app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot, reports=3)
        await open_export(pilot)
        await pilot.press("down", "enter")  # the radio set has the focus: csv
        assert app.screen.query_one("#export-path", Input).value == f"{OFFERED}.csv"
        assert not app.screen.query_one(".claimreview").display  # publisher and URL: ClaimReview only
        await export_and_wait(pilot)
    rows = list(csv.reader(io.StringIO(desk.path(f"{OFFERED}.csv").read_text(encoding="utf-8"))))
    assert rows[0][:3] == ["report", "claim", "statement"] and len(rows) == 1 + 3 * 9


@pilot_test
async def test_a_claimreview_asks_for_a_valid_url_and_has_what_search_engines_require(desk):
    app = desk.app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot, reports=3)
        dialog = await open_export(pilot)
        await pilot.press("down", "down", "enter")
        assert dialog.query_one("#export-path", Input).value == f"{OFFERED}.jsonld"
        assert dialog.query_one(".claimreview").display
        await fill(pilot, "publisher", "The Desk")
        await fill(pilot, "url", "example.org/review")  # no scheme
        await export_and_wait(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "The URL: expected an absolute http:// or https:// address" in text(app, "#export-problem")
        assert not desk.path(f"{OFFERED}.jsonld").exists()
        await fill(pilot, "url", "https://example.org/review")
        await pilot.press("enter")  # enter in a field exports too
        await until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        assert "search engines" not in toasts(app)
    reviews = json.loads(desk.path(f"{OFFERED}.jsonld").read_text(encoding="utf-8"))
    assert len(reviews) == 9
    for review in reviews:
        assert review["@type"] == "ClaimReview" and review["claimReviewed"]
        assert review["url"] == "https://example.org/review" and review["author"]["name"] == "The Desk"
        assert review["reviewRating"]["alternateName"] and review["itemReviewed"]["@type"] == "Claim"


@pilot_test
async def test_a_claimreview_without_publisher_is_written_with_a_warning(desk):
    app = desk.app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot, reports=3)
        await open_export(pilot)
        await pilot.press("down", "down", "enter")
        await export_and_wait(pilot)
        assert "needs the review's URL and a publisher" in toasts(app)
    assert desk.path(f"{OFFERED}.jsonld").is_file()


@pilot_test
async def test_export_problems_are_said_in_the_dialog_and_nothing_is_overwritten(desk):
    desk.path("a-file").write_text("not a folder\n", encoding="utf-8")
    verdicts = desk.path("rules/cambodia-scam-crackdown.verdicts.yaml")
    app = desk.app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot, reports=3)
        await pilot.press("1", "ctrl+s")  # a verdicts file to protect
        await until(pilot, verdicts.exists)
        before = verdicts.read_bytes()
        await open_export(pilot)
        package = Path(sysconfig.get_paths()["purelib"]) / "review.md"
        for path, said in ((str(verdicts), "one of the review's own files"),
                           ("reports/01-wire-agreement.txt", "one of the review's own files"),
                           (str(package), "inside an installed package"),
                           ("reports", "is a folder"),
                           ("a-file/review.md", "Cannot write a-file/review.md: Not a directory")):
            await fill(pilot, "path", path)
            await export_and_wait(pilot)
            assert isinstance(app.screen, ExportDialog), path
            assert said in text(app, "#export-problem"), (path, text(app, "#export-problem"))
        assert not package.exists() and verdicts.read_bytes() == before
        assert desk.path("reports/01-wire-agreement.txt").read_text(encoding="utf-8").startswith("Cambodia")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ExportDialog))
        assert app.is_running


def test_the_export_is_offered_beside_the_verdicts_or_in_the_work_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk").mkdir()
    assert export_path(tmp_path / "desk" / "story.verdicts.yaml", ".md") == tmp_path / "desk" / "story.verdicts.md"
    packages = Path(sysconfig.get_paths()["purelib"])
    assert export_path(packages / "factdesk" / "x.verdicts.yaml", ".csv") == tmp_path / "x.verdicts.csv"
