"""Loading 600 reports while keys are pressed: does the screen go on drawing, and the progress line
moving?

C. The review screen (Pilot, 120x36) checks 600 reports (the 15 samples under 600 names). From the
first report on screen to the last, a key is posted every 30 ms, as a held key repeats: `1` (a
verdict, then the next pair: each makes a change, an undo step and a recovery write), or `z` (bound
to nothing: the loading's own cost). Measured per round:
   - the longest time between two frames (ends of `Screen._compositor_refresh`) [target <= 0.5 s];
   - the longest time between two updates of the progress line [target <= 0.5 s];
   - frames per second, keys handled, the whole load's time (information).

Knobs: BENCH_QUICK=1 (200 reports, 1 round), BENCH_LOADING_ROUNDS (default 3).
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import time
from pathlib import Path

import pytest
from textual import events

from bench_harness import QUICK, REPO, env_int, spread

from factdesk.claims.rules import load_rules  # noqa: E402
from factdesk.tui.app import FactdeskApp  # noqa: E402
from factdesk.tui.screens.review import ReviewScreen, Setup  # noqa: E402

RULES = "rules/cambodia-scam-crackdown.yaml"
SOURCE = "seeds/cambodia-scam-crackdown-taipei-times-2025-07-17.txt"
N_REPORTS = 200 if QUICK else 600
ROUNDS = env_int("BENCH_LOADING_ROUNDS", 1 if QUICK else 3)
KEY_EVERY = 0.03
GAP_MAX = 0.5


def desk(root: Path) -> Path:
    for folder in ("rules", "seeds", "reports"):
        (root / folder).mkdir(parents=True)
    shutil.copy(REPO / RULES, root / RULES)
    shutil.copy(REPO / SOURCE, root / SOURCE)
    samples = sorted((REPO / "seeds" / "reports").glob("[0-9]*"))
    for i in range(N_REPORTS):
        shutil.copy(samples[i % len(samples)], root / "reports" / f"{i:03d}-{samples[i % len(samples)].name}")
    return root


async def load_with_keys(root: Path, key: str) -> dict[str, float]:
    rules = load_rules(root / RULES)
    setup = Setup(rules, str(root / RULES), (str(root / "reports"),), root / f"{key}.verdicts.yaml", "bench", None)
    app = FactdeskApp(setup, theme="textual-dark")
    async with app.run_test(size=(120, 36)) as pilot:
        review = app.screen_stack[0]
        assert isinstance(review, ReviewScreen)
        while not review.state.reports:
            await pilot.pause(0.01)
        frames: list[float] = []
        progress: list[float] = []
        label = review.query_one("#loading-label")
        drawn, update = review._compositor_refresh, label.update

        def frame() -> None:
            drawn()
            frames.append(time.perf_counter())

        def moved(*args, **kwargs):
            progress.append(time.perf_counter())
            return update(*args, **kwargs)

        review._compositor_refresh, label.update = frame, moved
        start, keys = time.perf_counter(), 0
        while review.checking:
            app.post_message(events.Key(key, key))
            keys += 1
            await asyncio.sleep(KEY_EVERY)
        end = time.perf_counter()
        gaps = lambda ts: max((b - a for a, b in zip([start, *ts], [*ts, end])), default=end - start)  # noqa: E731
        return {"frame_gap": gaps(frames), "progress_gap": gaps(progress), "fps": len(frames) / (end - start),
                "keys": keys, "seconds": end - start}


def test_loading_keeps_drawing_while_keys_are_pressed(bench_report, tmp_path):
    root = desk(tmp_path / "desk")
    got: dict[str, list[dict[str, float]]] = {"1": [], "z": []}
    for r in range(ROUNDS):
        for key in got:
            for leftover in root.glob(f"{key}.verdicts.yaml*"):
                leftover.unlink()
            got[key].append(asyncio.run(load_with_keys(root, key)))
    rows = []
    for key, what in (("1", "a verdict key"), ("z", "an unbound key")):
        runs = got[key]
        pick = lambda name: [run[name] for run in runs]  # noqa: E731
        frame_gap, progress_gap = pick("frame_gap"), pick("progress_gap")
        passed = None if key == "z" else statistics.median(frame_gap) <= GAP_MAX
        rows.append(bench_report.add(
            f"TUI C. loading {N_REPORTS} reports, {what} every {KEY_EVERY * 1000:.0f} ms: longest time without a frame",
            spread(frame_gap, "{:.2f} s"), f"<= {GAP_MAX} s" if passed is not None else "", passed,
            f"{statistics.median(pick('fps')):.0f} frames/s; {statistics.median(pick('keys')):.0f} keys; "
            f"loaded in {spread(pick('seconds'), '{:.1f} s')}"))
        passed = None if key == "z" else statistics.median(progress_gap) <= GAP_MAX
        rows.append(bench_report.add(
            f"TUI C. loading {N_REPORTS} reports, {what}: longest time the progress line stood still",
            spread(progress_gap, "{:.2f} s"), f"<= {GAP_MAX} s" if passed is not None else "", passed))
    missed = [f"{r.measure}: {r.value} (target {r.target})" for r in rows if r.passed is False]
    if missed:
        pytest.fail("targets missed:\n  " + "\n  ".join(missed), pytrace=False)
