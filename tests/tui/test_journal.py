"""The review's journal on real files: undo, what is unsaved, the recovery file written after
each change (never after a save), and a save that never overwrites a file changed on disk."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

from factdesk.claims.review import add_reports, set_note, set_verdict, start
from factdesk.claims.rules import load_rules
from factdesk.claims.run import check_loaded
from factdesk.claims.verdicts import Verdict
from factdesk.tui.journal import Conflict, Failed, Journal, Saved
from factdesk.tui.session import VerdictsFile

from tui_helpers import ROOT, RULES, SAMPLES


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    rules = load_rules(ROOT / RULES)
    report = tmp_path / SAMPLES[0]
    shutil.copy(ROOT / "seeds" / "reports" / SAMPLES[0], report)
    checked = [item for item in check_loaded(rules, [str(report)])]
    state = add_reports(start(rules, "rules.yaml", "tester"), checked)
    return Journal(VerdictsFile.at(tmp_path / "v.yaml"), state)


def on_disk(path: Path) -> dict[str, dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {c["id"]: c for r in data["reports"] for c in r["claims"]}


def test_changes_are_undone_one_by_one_and_nothing_more(journal):
    first = journal.state
    assert not journal.dirty and not journal.can_undo and journal.undo() is None
    journal.change(set_verdict(first, 0, 0, Verdict.CONTRADICTS), (0, 0))
    journal.change(set_note(journal.state, 0, 1, "ask"), (0, 1))
    assert journal.dirty and journal.state.pair(0, 1).note == "ask"
    entry, _ = journal.undo()
    assert entry.pair == (0, 1) and journal.state.pair(0, 1).note == ""
    entry, _ = journal.undo()
    assert entry.pair == (0, 0) and journal.state is first and not journal.dirty
    assert journal.undo() is None


def test_the_latest_change_is_written_to_the_recovery_file_and_an_older_one_is_not(journal):
    older = journal.change(set_verdict(journal.state, 0, 0, Verdict.CONTRADICTS), (0, 0))
    newer = journal.change(set_verdict(journal.state, 0, 1, Verdict.SUPPORTS), (0, 1))
    assert not journal.write_recovery(older)  # a later change made it moot
    assert not journal.file.recovery.exists()
    assert journal.write_recovery(newer)
    recovered = on_disk(journal.file.recovery)
    assert recovered["total-arrests"]["verdict"] == "contradicts" and recovered["taiwanese"]["reviewed"]
    assert journal.file.recovery.name == f"v.yaml.recovery.{os.getpid()}"


def test_a_save_removes_the_recovery_file_and_a_late_recovery_write_does_not_bring_it_back(journal):
    late = journal.change(set_verdict(journal.state, 0, 0, Verdict.CONTRADICTS), (0, 0))
    journal.write_recovery(late)
    result = journal.save(journal.history[-1], journal.file)
    assert isinstance(result, Saved)
    journal.saved(result)
    assert not journal.dirty and not journal.file.recovery.exists()
    assert on_disk(journal.file.path)["total-arrests"]["verdict"] == "contradicts"
    assert not journal.write_recovery(late)  # still under way when the save ended
    assert not journal.file.recovery.exists()


def test_a_file_changed_on_disk_is_a_conflict_until_forced(journal):
    journal.saved(journal.save(journal.history[-1], journal.file))
    journal.change(set_verdict(journal.state, 0, 0, Verdict.CONTRADICTS), (0, 0))
    time.sleep(0.01)
    journal.file.path.write_text(journal.file.path.read_text(encoding="utf-8") + "# someone else\n",
                                 encoding="utf-8")
    result = journal.save(journal.history[-1], journal.file)
    assert isinstance(result, Conflict) and result.ours and "changed on disk" in result.what
    assert "# someone else" in journal.file.path.read_text(encoding="utf-8")  # untouched
    assert journal.dirty
    forced = journal.save(journal.history[-1], journal.file, force=True)
    assert isinstance(forced, Saved)
    assert journal.file.path.with_name("v.yaml.bak").read_text(encoding="utf-8").endswith("# someone else\n")


def test_another_existing_file_is_a_conflict_too(journal, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("keep me\n", encoding="utf-8")
    result = journal.save(journal.history[-1], VerdictsFile(other, None))
    assert isinstance(result, Conflict) and not result.ours and result.what == "already exists"
    assert other.read_text(encoding="utf-8") == "keep me\n"


def test_a_folder_that_refuses_is_a_failure_and_the_review_stays(journal, read_only_folder):
    journal.change(set_verdict(journal.state, 0, 0, Verdict.SUPPORTS), (0, 0))
    result = journal.save(journal.history[-1], VerdictsFile(read_only_folder / "v.yaml", None))
    assert isinstance(result, Failed) and "Cannot write" in result.problem
    assert journal.dirty and journal.state.pair(0, 0).reviewed


def test_reports_added_later_belong_to_every_kept_state(journal, tmp_path):
    journal.change(set_verdict(journal.state, 0, 0, Verdict.SUPPORTS), (0, 0))
    report = tmp_path / SAMPLES[1]
    shutil.copy(ROOT / "seeds" / "reports" / SAMPLES[1], report)
    checked = list(check_loaded(journal.state.rules, [str(report)]))
    journal.update_all(lambda s: add_reports(s, checked))
    assert len(journal.state.reports) == 2
    journal.undo()
    assert len(journal.state.reports) == 2 and not journal.state.pair(0, 0).reviewed
