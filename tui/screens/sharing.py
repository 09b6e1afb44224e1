"""Two reviews of one verdicts file: the review screen's part (a mixin of ReviewScreen).

The first review takes the file's lock (tui/lock.py). A review that finds it held by a live
review is offered: read-only (a snapshot, nothing saved), reload (read-only, the file re-read
whenever the other review saves it) or merge (review alongside; the other's saved verdicts come in
for the pairs this review has not touched, this review's own changes win). When the other review
ends, this one takes the lock and may save as the only review again.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.timer import Timer

from factdesk.claims.errors import VerdictsError
from factdesk.tui import render
from factdesk.tui.lock import Holder, ReviewLock
from factdesk.tui.screens.dialogs import Answer, Choice
from factdesk.tui.session import VerdictsFile, shown

if TYPE_CHECKING:
    from factdesk.tui.screens.review import ReviewScreen

POLL = 1.0  # seconds between looks at the file while another review holds it
OWN, READ_ONLY, FOLLOW, MERGE = "own", "read-only", "reload", "merge"
CHANGES = frozenset({"decide", "note", "undo", "open", "paste", "save"})  # what read-only refuses


class Shared:
    """How this review shares its verdicts file: `sharing` is OWN (it holds the lock, or nobody
    can), READ_ONLY, FOLLOW or MERGE; `other` is who holds the file meanwhile."""

    sharing: str = OWN
    file_lock: ReviewLock | None = None
    other: Holder | None = None
    watcher: Timer | None = None

    @property
    def read_only(self) -> bool:
        return self.sharing in (READ_ONLY, FOLLOW)

    def sharing_flags(self) -> str:
        """What the header says of it ("" for a review that holds its file)."""
        pid = self.other.pid if self.other else "?"
        return {READ_ONLY: f"READ-ONLY (open in process {pid})", FOLLOW: f"READ-ONLY, reloaded on process {pid}'s saves",
                MERGE: f"SHARED with process {pid}: its saves merged"}.get(self.sharing, "")

    async def share(self: ReviewScreen) -> bool:
        """Take the file, or ask what to do when a live review holds it; False: quit."""
        path = self.file.path
        try:
            taken = await asyncio.to_thread(ReviewLock.take, path, self.state.reviewer)
        except OSError:  # a folder that refuses the lock refuses every review's save too
            return True
        if taken.lock is not None:
            self.file_lock = taken.lock
            if taken.replaced is not None:
                self.tell(f"A stale lock was taken over: {taken.replaced.describe()} has ended.")
            return True
        self.other = taken.holder
        answer = await self.app.push_screen_wait(Choice(
            "The verdicts file is open in another review",
            render.message((shown(path), "bold"), " is held by ", (taken.holder.describe(), "bold"), ".\n\n"
                           "Read-only: look, save nothing.\nReload: read-only, and read again each time the other "
                           "review saves.\nMerge: review too; the other's saved verdicts come in for the pairs you "
                           "have not touched, your own changes win."),
            [Answer(READ_ONLY, "Read-only", "o"), Answer(FOLLOW, "Reload", "r"), Answer(MERGE, "Merge", "m"),
             Answer("quit", "Quit", "q")]))
        if answer == "quit":
            self.app.exit()
            return False
        self.sharing = answer
        self.watcher = self.set_interval(POLL, self.look_at_the_file)
        self.refresh_bindings()
        return True

    def look_at_the_file(self: ReviewScreen) -> None:
        self.run_worker(self.look(), group="share", exclusive=True, exit_on_error=False)

    async def look(self: ReviewScreen) -> None:
        """Take the file once the other review has ended; re-read it when it saved."""
        if self.file_lock is None:
            try:
                taken = await asyncio.to_thread(ReviewLock.take, self.file.path, self.state.reviewer)
            except OSError:
                taken = None
            if taken is not None and taken.lock is not None:
                self.file_lock, was = taken.lock, self.sharing
                if was != READ_ONLY and self.file.changed_on_disk():
                    await self.merge_from_disk()
                self.sharing = OWN
                if self.watcher is not None:
                    self.watcher.stop()
                self.tell("The other review has ended: this review holds the file now"
                          + (" and may save." if was != MERGE else "."))
                self.refresh_bindings()
                self.refresh_view()
                return
        if self.sharing in (FOLLOW, MERGE) and self.file.changed_on_disk():
            await self.merge_from_disk()

    def action_reload(self: ReviewScreen) -> None:
        self.run_worker(self.merge_from_disk(asked=True), group="share", exclusive=True, exit_on_error=False)

    async def merge_from_disk(self: ReviewScreen, asked: bool = False) -> bool:
        """Read the verdicts file again and take in what another review saved (for the pairs this
        review has not touched); True when read."""
        path = self.file.path
        try:
            fresh = await asyncio.to_thread(VerdictsFile.at, path)
            saved = await asyncio.to_thread(fresh.load)
        except (OSError, VerdictsError) as exc:
            self.error(f"Cannot read {shown(path)} again: {exc}")
            return False
        if asked and fresh.stamp == self.file.stamp:
            self.tell("The verdicts file has not changed since this review read it.")
            return True
        if saved is None:
            self.journal.file = fresh
            return True
        merged, kept, added = self.journal.take_in(saved, fresh)
        for index in range(len(self.state.reports)):
            self.reports.update_report(self.state, index)
        self.refresh_view()
        kept_words = f" ({kept} of yours kept)" if kept and self.sharing == MERGE else ""
        more = f"; {added} report(s) it added are kept in the file (o opens them)" if added else ""
        self.tell(f"{'Merged' if self.sharing in (MERGE, OWN) else 'Reloaded'} {merged} verdict(s) "
                  f"from the file as saved{kept_words}{more}.")
        return True

    def release_lock(self) -> None:
        if self.file_lock is not None:
            self.file_lock.release()
            self.file_lock = None

