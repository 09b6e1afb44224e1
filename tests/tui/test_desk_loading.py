"""Loading many reports: checked reports reach the screen in batches (one redraw for several);
after "stop loading" the header says how many are not loaded and L loads them, with the verdicts
the file kept for them. (How long the screen goes without a frame while keys are pressed is
measured in tests/benchmarks/test_tui_loading.py, not asserted here.)"""

from __future__ import annotations

from pathlib import Path

from factdesk.claims.verdicts import Verdict
from factdesk.tui.screens.review import ReviewScreen

from tui_helpers import ROOT, loaded, pilot_test, review_of, text, toasts, until

MANY = 120


def many_reports(desk) -> Path:
    folder = desk.path("many")
    folder.mkdir()
    samples = sorted((ROOT / "seeds" / "reports").glob("[0-9]*"))
    for i in range(MANY):  # each twenty times a sample: slow enough to stop midway
        sample = samples[i % len(samples)]
        (folder / f"{i:03d}-{sample.name}").write_bytes(sample.read_bytes() * 20)
    return folder


@pilot_test
async def test_checked_reports_come_in_batches(desk, monkeypatch):
    many_reports(desk)
    batches: list[int] = []
    original = ReviewScreen.on_loader_checked

    def counted(self, message):
        batches.append(len(message.items))
        return original(self, message)

    monkeypatch.setattr(ReviewScreen, "on_loader_checked", counted)
    app = desk.app("many")
    async with app.run_test(size=(120, 36)) as pilot:
        review = await loaded(pilot, reports=MANY)
        assert sum(batches) == MANY and len(batches) < MANY  # several reports to a redraw
        assert [Path(r.file).name for r in review.state.reports] == sorted(p.name for p in desk.path("many").iterdir())
        assert "not loaded" not in text(app, "#status")


@pilot_test
async def test_after_stop_loading_the_rest_is_loaded_with_its_saved_verdicts(desk):
    many_reports(desk)
    app = desk.app("many")
    async with app.run_test(size=(120, 36)) as pilot:
        review = await loaded(pilot, reports=MANY)
        await pilot.press("shift+tab", "2", "ctrl+s")  # the last report's first claim: contradicts, saved
        await until(pilot, lambda: not review.dirty and desk.path(desk.verdicts).exists())
    app = desk.app("many")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        review = review_of(app)
        await until(pilot, lambda: len(review.state.reports) >= 3)
        await pilot.press("escape")
        await until(pilot, lambda: not review.checking)
        await pilot.pause(0.3)
        left = MANY - len(review.state.reports)
        assert left > 0
        assert f"{left} report(s) not loaded (L)" in text(app, "#status")
        assert "Loading stopped" in toasts(app) and "L loads the rest" in toasts(app)
        await pilot.press("L")
        await until(pilot, lambda: not review.checking and len(review.state.reports) == MANY, timeout=120)
        await pilot.pause(0.2)
        assert "not loaded" not in text(app, "#status")
        last = next(i for i, r in enumerate(review.state.reports) if r.file.endswith(f"{MANY - 1:03d}-"
                                                                                      + r.file.split("-", 1)[1]))
        pair = review.state.pair(last, 0)
        assert pair.reviewed and pair.verdict is Verdict.CONTRADICTS  # carried over from the file
        assert not review.dirty
