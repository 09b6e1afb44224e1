"""Two reviews of one verdicts file, each in its own process: `factdesk review` in a pseudo-terminal
holds the file; a second review (with Pilot) is told who holds it and chooses read-only, reload or
merge; when the first ends, the second takes the file."""

from __future__ import annotations

import os
import sys
import time

import pytest
import yaml

from factdesk.claims.verdicts import Verdict
from factdesk.tui.lock import lock_path, read_holder
from factdesk.tui.screens.dialogs import Choice

from tui_helpers import loaded, pilot_test, review_of, text, toasts, until

test_signals = pytest.importorskip("test_signals", reason="needs a POSIX pseudo-terminal")
CTRL_S = b"\x13"


class Other:
    """`factdesk review` of the desk in a pseudo-terminal: the review that holds the file."""

    def __init__(self, desk) -> None:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("TEXTUAL") and k not in ("COLUMNS", "LINES", "NO_COLOR")}
        env.update(TERM="xterm-256color", XDG_CONFIG_HOME=str(desk.root / "config"), USER="other")
        argv = [sys.executable, "-m", "factdesk.tui.cli", "review", desk.rules, desk.reports,
                "--reviewer", "other"]
        self.term = test_signals.Terminal(argv, desk.root, env)
        self.verdicts = desk.path(desk.verdicts)
        assert self.term.read_until(lambda: b"of 27 pairs reviewed" in self.term.output), self.term.output[-2000:]

    @property
    def pid(self) -> int:
        return self.term.pid

    def keys(self, *keys: bytes) -> None:
        for key in keys:
            os.write(self.term.fd, key)
            self.term.read_until(lambda: False, timeout=0.3)

    def save(self) -> None:
        before = self.verdicts.stat().st_mtime_ns if self.verdicts.exists() else None
        self.keys(CTRL_S)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
                not self.verdicts.exists() or self.verdicts.stat().st_mtime_ns == before):
            self.term.read_until(lambda: False, timeout=0.1)
        assert self.verdicts.exists() and self.verdicts.stat().st_mtime_ns != before

    def quit(self) -> int | None:
        self.keys(b"q")
        return self.term.ended()

    def close(self) -> None:
        self.term.close()


@pytest.fixture
def other(desk):
    """The review that holds the file, ended (quit, else killed) after the test."""
    review = Other(desk)
    yield review
    try:
        running = os.waitpid(review.pid, os.WNOHANG)[0] == 0
    except ChildProcessError:  # it quit in the test
        running = False
    if running:
        review.quit()
    review.close()


def saved_pairs(path) -> dict[tuple[str, str], dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {(os.path.basename(r["file"]), c["id"]): c for r in data["reports"] for c in r["claims"]}


async def choose(pilot, other: Other, key: str):
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, Choice), timeout=60)
    asked = " ".join(str(s.content) for s in app.screen.query("Static"))
    assert f"process {other.pid}" in asked and "(other)" in asked and "open since" in asked
    await pilot.press(key)
    return await loaded(pilot, reports=3)


@pilot_test
async def test_merge_takes_the_others_saves_for_untouched_pairs_and_takes_the_file_when_it_ends(desk, other):
    app = desk.app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        review = await choose(pilot, other, "m")
        assert f"SHARED with process {other.pid}" in text(app, "#status")
        await pilot.press("2")  # ours: report 1, total-arrests contradicts
        other.keys(b"1", b"3")  # theirs: the same pair supports, then taiwanese conflicting
        other.save()
        await until(pilot, lambda: review.state.pair(0, 1).reviewed)
        assert review.state.pair(0, 1).verdict is Verdict.CONFLICTING and review.state.pair(0, 1).reviewer == "other"
        assert review.state.pair(0, 0).verdict is Verdict.CONTRADICTS  # our own change wins
        assert "Merged 1 verdict(s) from the file as saved (1 of yours kept)" in toasts(app)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not review.dirty)
        assert not isinstance(app.screen, Choice)  # merged before: nothing to ask
        pairs = saved_pairs(other.verdicts)
        assert pairs[("01-wire-agreement.txt", "total-arrests")]["verdict"] == "contradicts"
        assert pairs[("01-wire-agreement.txt", "taiwanese")]["verdict"] == "conflicting"
        assert other.quit() == 0
        await until(pilot, lambda: review.file_lock is not None)
        assert "SHARED" not in text(app, "#status")
        assert "The other review has ended" in toasts(app)
        assert read_holder(lock_path(other.verdicts)).pid == os.getpid()
    assert not lock_path(other.verdicts).exists()  # released when the review ended


@pilot_test
async def test_read_only_saves_nothing_and_reloads_only_when_asked(desk, other):
    app = desk.app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        review = await choose(pilot, other, "o")
        assert f"READ-ONLY (open in process {other.pid})" in text(app, "#status")
        await pilot.press("1", "n", "ctrl+s")
        await pilot.pause(0.3)
        assert review.state.reviewed == 0 and len(review.journal.history) == 1 and not other.verdicts.exists()
        assert not isinstance(app.screen, Choice)
        other.keys(b"2")
        other.save()
        await pilot.pause(2.5)  # a snapshot: it is not re-read by itself
        assert review.state.reviewed == 0
        await pilot.press("ctrl+r")
        await until(pilot, lambda: review.state.reviewed == 1)
        assert review.state.pair(0, 0).verdict is Verdict.CONTRADICTS
        assert "Reloaded 1 verdict(s)" in toasts(app)
        assert not review.dirty  # nothing of its own to save


@pilot_test
async def test_reload_follows_the_others_saves(desk, other):
    app = desk.app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        review = await choose(pilot, other, "r")
        assert "READ-ONLY, reloaded on process" in text(app, "#status")
        other.keys(b"2")
        other.save()
        await until(pilot, lambda: review.state.reviewed == 1)
        assert "reviewed: contradicts by other" in text(app, "#pair")
        other.keys(b"4")
        other.save()
        await until(pilot, lambda: review.state.reviewed == 2)
        assert other.quit() == 0
        await until(pilot, lambda: review.file_lock is not None)
        assert "READ-ONLY" not in text(app, "#status")
        await pilot.press("j", "j", "1")  # its own review now
        assert review.state.reviewed == 3


@pilot_test
async def test_quit_leaves_the_file_to_the_other_review(desk, other):
    app = desk.app()
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, Choice), timeout=60)
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running)
    assert read_holder(lock_path(other.verdicts)).pid == other.pid


@pilot_test
async def test_a_lock_left_by_a_killed_review_is_taken_over(desk):
    other = Other(desk)
    other.term.close()  # killed: no chance to remove its lock file
    assert read_holder(lock_path(other.verdicts)).pid == other.pid
    app = desk.app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        review = await loaded(pilot, reports=3)
        assert review.file_lock is not None and not isinstance(app.screen, Choice)
        assert f"A stale lock was taken over: the review of process {other.pid}" in toasts(app)
        assert "SHARED" not in text(app, "#status") and "READ-ONLY" not in text(app, "#status")


@pilot_test
async def test_the_save_conflict_question_offers_to_merge_what_was_saved_meanwhile(desk):
    app = desk.app()
    verdicts = desk.path(desk.verdicts)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        review = await loaded(pilot, reports=3)
        await pilot.press("1", "ctrl+s")  # report 1, total-arrests: supports, saved
        await until(pilot, lambda: verdicts.exists() and not review.dirty)
        data = yaml.safe_load(verdicts.read_text(encoding="utf-8"))  # someone edits the file meanwhile
        edited = data["reports"][1]["claims"][0]
        edited.update(verdict="contradicts", reviewed=True, reviewer="ed", note="by hand")
        verdicts.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        await pilot.press("2")  # report 1, taiwanese: contradicts
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, Choice))
        assert "Merge (m)" in [str(b.label) for b in app.screen.query("Button")]
        await pilot.press("m")
        await until(pilot, lambda: not review.dirty)
        assert "Merged 1 verdict(s)" in toasts(app)
        assert review.state.pair(1, 0).reviewer == "ed"
    pairs = saved_pairs(verdicts)
    assert pairs[("02-cumulative-tally.txt", "total-arrests")]["note"] == "by hand"
    assert pairs[("01-wire-agreement.txt", "taiwanese")]["verdict"] == "contradicts"
    assert pairs[("01-wire-agreement.txt", "total-arrests")]["verdict"] == "supports"
