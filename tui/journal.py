"""A review's history and its verdicts file, without a screen.

Every state of the review is kept (undo drops the last); each change gives a `Recovery` to write
in the background, and a recovery write that a later change or a save made moot is skipped. A
save never overwrites a file that changed on disk since it was read, nor another existing file,
unless forced: it says so (`Conflict`) and the screen asks. A folder or disk that refuses is a
`Failed`, the review staying in memory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from collections.abc import Callable

from factdesk.claims.formats import dump_yaml
from factdesk.claims.review import ReviewState, merge_saved, to_verdicts
from factdesk.claims.verdicts import ReportVerdicts, Verdicts
from factdesk.tui.session import VerdictsFile, decisions_only, shown, with_missing


@dataclass(frozen=True)
class Entry:
    """A state of the review and the pair (report, claim) whose change made it."""

    id: int
    state: ReviewState
    pair: tuple[int, int]


@dataclass(frozen=True)
class Recovery:
    """A recovery write to do: `state` into `file`'s recovery file, as change number `seq`."""

    file: VerdictsFile
    state: ReviewState
    seq: int


@dataclass(frozen=True)
class Saved:
    file: VerdictsFile
    entry: Entry


@dataclass(frozen=True)
class Conflict:
    """The target changed on disk since the review read it, or is another file that exists."""

    target: VerdictsFile
    ours: bool  # the review's own file (else a file chosen to save elsewhere)

    @property
    def what(self) -> str:
        return "changed on disk since the review read it" if self.ours else "already exists"


@dataclass(frozen=True)
class Failed:
    target: VerdictsFile
    problem: str


class Journal:
    """The states of one review, what of them is saved, and its recovery file."""

    def __init__(self, file: VerdictsFile, first: ReviewState) -> None:
        self.file = file
        self.history = [Entry(0, first, (0, 0))]
        self.saved_id = self.changes = 0
        self.missing: tuple[ReportVerdicts, ...] = ()  # reports of the file that were not found
        self._lock = threading.Lock()  # recovery writes run in threads
        self._seq = self._floor = 0

    @property
    def state(self) -> ReviewState:
        return self.history[-1].state

    @property
    def dirty(self) -> bool:
        return self.history[-1].id != self.saved_id

    @property
    def can_undo(self) -> bool:
        return len(self.history) > 1

    def restored(self) -> None:
        """The review came from a crashed review's recovery file: unsaved until saved."""
        self.saved_id = -1

    def change(self, state: ReviewState, pair: tuple[int, int]) -> Recovery:
        self.changes += 1
        self.history.append(Entry(self.changes, state, pair))
        return self._recovery()

    def undo(self) -> tuple[Entry, Recovery] | None:
        """Drop the last change: (the entry undone, the recovery write to do); None when there is
        nothing to undo."""
        if not self.can_undo:
            return None
        undone = self.history.pop()
        return undone, self._recovery()

    def update_all(self, update: Callable[[ReviewState], ReviewState]) -> None:
        """Apply `update` to every kept state (reports checked after the changes were made belong
        to all of them, so an undo never drops a report)."""
        self.history = [replace(e, state=update(e.state)) for e in self.history]

    def _recovery(self) -> Recovery:
        # (only the screen's thread counts; not under the lock, which a recovery write holds while
        # it writes: a key would wait for the disk)
        self._seq += 1
        return Recovery(self.file, self.state, self._seq)

    def write_recovery(self, recovery: Recovery) -> bool:
        """Write a recovery file (from any thread): only the latest change's, and none after a
        save or a clean quit. True when written; OSError when the folder refuses."""
        text = dump_yaml(decisions_only(with_missing(to_verdicts(recovery.state), self.missing)))
        with self._lock:
            if recovery.seq <= self._floor or recovery.seq != self._seq:
                return False
            recovery.file.autosave(text)
            return True

    def forget_recovery(self, *others: VerdictsFile) -> None:
        """After a save or a clean quit: remove the recovery file (and those of `others`), and no
        recovery write still under way writes it again."""
        with self._lock:
            self._floor = self._seq
            for file in (self.file, *others):
                file.drop_recovery()

    def text(self, state: ReviewState) -> str:
        """The verdicts file for `state` (with the verdicts of the reports not found)."""
        return dump_yaml(with_missing(to_verdicts(state), self.missing))

    def save(self, entry: Entry, target: VerdictsFile, force: bool = False) -> Saved | Conflict | Failed:
        """Write `entry`'s state to `target` (blocking: run it in a thread)."""
        try:
            if not force and target.changed_on_disk():
                return Conflict(target, target is self.file)
            saved = target.save(self.text(entry.state), force)
        except OSError as exc:
            return Failed(target, f"Cannot write {shown(target.path)}: {exc.strerror or exc}")
        return Saved(saved, entry) if saved is not None else Conflict(target, target is self.file)

    def touched(self) -> set[tuple[str, str]]:
        """The pairs (file, claim id) this review changed and has not undone."""
        s = self.state
        return {(s.reports[r].file, s.rules.claims[c].id) for e in self.history[1:] for r, c in [e.pair]}

    def take_in(self, saved: Verdicts, file: VerdictsFile) -> tuple[int, int, int]:
        """Another review's save (`saved`, read from `file`) taken into every kept state: its
        people's verdicts for the pairs this review has not touched (its own changes win), and
        the reports it has that this one has not loaded kept for the next save. (How many pairs
        took its decision, how many of this review's were kept, how many reports were added.)"""
        keep = self.touched()
        merged = 0
        history = []
        for entry in self.history:
            state, merged = merge_saved(entry.state, saved, keep)
            history.append(replace(entry, state=state))
        self.history, self.file = history, file
        ours = {r.file for r in self.state.reports}
        added = tuple(r for r in saved.reports if r.file not in ours)
        known = ours | {r.file for r in added}
        self.missing = added + tuple(m for m in self.missing if m.file not in known)
        return merged, len(keep), len(added)

    def saved(self, result: Saved) -> None:
        """The review is now `result`'s file, saved as of its entry."""
        old, self.file = self.file, result.file
        self.forget_recovery(old)
        self.saved_id = result.entry.id
