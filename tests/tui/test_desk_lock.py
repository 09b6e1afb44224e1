"""The lock of a verdicts file: who holds it (pid, host, start, reviewer), a stale one taken
over, a live one (this process or another) never; and merging another review's saved verdicts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from factdesk.claims.review import add_reports, merge_saved, set_note, set_verdict, start, to_verdicts
from factdesk.claims.rules import load_rules
from factdesk.claims.run import check_loaded
from factdesk.claims.verdicts import Verdict
from factdesk.tui.lock import ReviewLock, lock_path, read_holder, this_host

from tui_helpers import ROOT, RULES


def lock_file(tmp_path: Path, **fields) -> Path:
    verdicts = tmp_path / "story.verdicts.yaml"
    holder = {"pid": os.getpid(), "host": this_host(), "started": "2026-12-08 09:00:00", "reviewer": "ana"}
    lock_path(verdicts).write_text(json.dumps({**holder, **fields}), encoding="utf-8")
    return verdicts


def ended_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_lock_says_who_holds_it_and_a_second_review_is_refused(tmp_path):
    verdicts = tmp_path / "story.verdicts.yaml"
    first = ReviewLock.take(verdicts, "ana")
    assert first.lock is not None and first.replaced is None
    holder = read_holder(lock_path(verdicts))
    assert (holder.pid, holder.host, holder.reviewer) == (os.getpid(), this_host(), "ana")
    assert holder.started[:4].isdigit() and "process" in holder.describe() and "ana" in holder.describe()
    second = ReviewLock.take(verdicts, "ben")  # another review in this very process: its flock tells
    assert second.lock is None and second.holder == holder
    first.lock.release()
    assert not lock_path(verdicts).exists()
    third = ReviewLock.take(verdicts, "ben")
    assert third.lock is not None and read_holder(lock_path(verdicts)).reviewer == "ben"
    third.lock.release()
    third.lock.release()  # twice is harmless


def test_a_lock_whose_process_has_ended_is_taken_over(tmp_path):
    verdicts = lock_file(tmp_path, pid=ended_pid())
    taken = ReviewLock.take(verdicts, "ben")
    assert taken.lock is not None and taken.replaced is not None and taken.replaced.reviewer == "ana"
    assert read_holder(lock_path(verdicts)).pid == os.getpid()
    taken.lock.release()


def test_a_lock_file_nobody_holds_is_stale_even_when_its_pid_was_reused(tmp_path):
    verdicts = lock_file(tmp_path, pid=os.getppid())  # a live process, but no review holds the flock
    taken = ReviewLock.take(verdicts)
    assert taken.lock is not None and taken.replaced is not None
    taken.lock.release()


def test_a_lock_of_another_host_is_never_taken_over(tmp_path):
    verdicts = lock_file(tmp_path, pid=ended_pid(), host="another-host.example")
    taken = ReviewLock.take(verdicts)
    assert taken.lock is None and taken.holder.host == "another-host.example"


def test_a_lock_held_by_another_process_is_live(tmp_path):
    verdicts = tmp_path / "story.verdicts.yaml"
    script = ("import sys, time; from pathlib import Path; from factdesk.tui.lock import ReviewLock;"
              "t = ReviewLock.take(Path(sys.argv[1]), 'ana'); print('held', flush=True); time.sleep(60)")
    child = subprocess.Popen([sys.executable, "-c", script, str(verdicts)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        taken = ReviewLock.take(verdicts)
        assert taken.lock is None and taken.holder.pid == child.pid
    finally:
        child.kill()
        child.wait()
    deadline = time.monotonic() + 10  # killed: its lock file stays, and is stale
    taken = ReviewLock.take(verdicts)
    while taken.lock is None and time.monotonic() < deadline:
        time.sleep(0.1)
        taken = ReviewLock.take(verdicts)
    assert taken.lock is not None and taken.replaced.pid == child.pid
    taken.lock.release()


def checked_state(tmp_path: Path):
    rules = load_rules(ROOT / RULES)
    paths = [str(ROOT / "seeds" / "reports" / n) for n in ("01-wire-agreement.txt", "02-cumulative-tally.txt")]
    return add_reports(start(rules, "rules.yaml", "me"), check_loaded(rules, paths))


def test_merging_takes_the_others_decisions_for_untouched_pairs_and_keeps_ours(tmp_path):
    base = checked_state(tmp_path)
    ours = set_verdict(base, 0, 0, Verdict.CONTRADICTS)  # we decided report 1, claim 1
    theirs = set_verdict(set_verdict(base, 0, 0, Verdict.SUPPORTS), 1, 2, Verdict.CONFLICTING)
    theirs = set_note(theirs, 1, 3, "ask the desk")
    keep = {(ours.reports[0].file, ours.rules.claims[0].id)}
    merged, count = merge_saved(ours, to_verdicts(theirs), keep)
    assert count == 2
    assert merged.pair(0, 0).verdict is Verdict.CONTRADICTS and merged.pair(0, 0).reviewer == "me"
    assert merged.pair(1, 2).verdict is Verdict.CONFLICTING and merged.pair(1, 2).reviewed
    assert merged.pair(1, 3).note == "ask the desk" and not merged.pair(1, 3).reviewed
    again, count = merge_saved(merged, to_verdicts(theirs), keep)
    assert count == 0 and again.reports == merged.reports
    undone, count = merge_saved(merged, to_verdicts(base), set())  # the file as it was: their decisions go
    assert count == 3 and undone.reviewed == 0
