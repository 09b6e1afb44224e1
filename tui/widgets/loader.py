"""The loading line: checks reports in a worker (a child process does the engine's work, see
tui/checking.py), shows its progress, and posts the reports checked to the screen, a batch at a
time (one redraw for several: with a key held down, the screen goes on drawing). It keeps what a
stopped loading left, for "load the rest"."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from factdesk.claims.reports import Report, Skipped
from factdesk.claims.rules import RuleSet
from factdesk.claims.verdicts import ReportVerdicts, Verdicts
from factdesk.tui import render
from factdesk.tui.checking import Checker
from factdesk.tui.passages import SourceView
from factdesk.tui.session import LoadPlan, rest_of

BATCH = 0.1  # seconds of checked reports posted to the screen at once


class Loader(Horizontal):
    @dataclass
    class Checked(Message):
        """Reports checked (or skipped) since the last such message: (the report or why it was
        skipped, its path as planned, its real path), with the verdicts to carry over to them."""

        items: list[tuple[tuple[Report, ReportVerdicts] | Skipped, str, str]]
        previous: Verdicts | None

    @dataclass
    class SourceLoaded(Message):
        view: SourceView
        problem: str = ""

    @dataclass
    class Progress(Message):
        done: int
        total: int
        file: str

    @dataclass
    class Done(Message):
        """Loading ended: every report checked, stopped, or failed with `error`."""

        stopped: bool
        skipped: list[Skipped]
        error: BaseException | None = None

    def __init__(self, rules: RuleSet, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rules = rules
        self.skipped: list[Skipped] = []
        self.plan = LoadPlan((), None, {}, ())  # the loading under way
        self.unchecked: dict[str, None] = {}  # paths planned and not checked yet (in order)
        self.stopped: list[LoadPlan] = []  # loadings stopped before their end

    @property
    def left(self) -> int:
        """How many reports planned are not checked (while loading, or left by a stop)."""
        return len(self.unchecked)

    def rest(self) -> LoadPlan:
        """What stopped loadings left, to check now (with the names and verdicts they gave them)."""
        rest, self.stopped = rest_of(self.stopped, tuple(self.unchecked)), []
        return rest

    def compose(self) -> ComposeResult:
        yield Static(id="loading-label")
        yield ProgressBar(show_eta=False, id="progress")

    def start(self, p: LoadPlan, source: bool = False) -> None:
        """Check the reports of `p` (and the source article first, when `source`)."""
        self.skipped = []
        self.plan = p
        self.unchecked.update(dict.fromkeys(p.paths))
        self.display = True
        self.query_one("#loading-label", Static).update(Content(f"checking {len(p.paths)} report(s)…"))
        self.query_one(ProgressBar).update(total=len(p.paths) or None, progress=0)
        self.load(p, source)

    def stop(self) -> None:
        self.workers.cancel_group(self, "load")

    @work(thread=True, exclusive=True, exit_on_error=False, group="load", description="check reports")
    def load(self, p: LoadPlan, source: bool) -> None:
        worker = get_current_worker()
        stop = lambda: worker.is_cancelled  # noqa: E731
        checker = Checker(self.rules)
        try:
            path = self.rules.source_path
            if source and path is not None and (found := checker.source(str(path), stop)) is not None:
                item, passages = found
                view = SourceView(None) if isinstance(item, Skipped) else SourceView(item[0], passages, item[1])
                self.post_message(self.SourceLoaded(view, item.reason if isinstance(item, Skipped) else ""))
            batch: list[tuple[tuple[Report, ReportVerdicts] | Skipped, str, str]] = []
            posted = time.monotonic()
            for done, path in enumerate(p.paths, 1):
                item = checker.check(path, stop)
                if item is None:
                    break
                if not isinstance(item, Skipped) and (name := p.names.get(item[0].file)):
                    item = (replace(item[0], file=name), replace(item[1], file=name))
                batch.append((item, path, os.path.realpath(path)))
                if time.monotonic() - posted >= BATCH or done == len(p.paths):
                    self.post_message(self.Checked(batch, p.previous))
                    self.post_message(self.Progress(done, len(p.paths), path))
                    batch, posted = [], time.monotonic()
            if batch:
                self.post_message(self.Checked(batch, p.previous))
        finally:
            checker.close()

    def on_loader_progress(self, message: Progress) -> None:
        message.stop()
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)
        self.query_one("#loading-label", Static).update(
            Content(f"checked {message.done}/{message.total}: ") + render.safe(render.line(Path(message.file).name)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        event.stop()
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self.display = False
            error = event.worker.error if event.state == WorkerState.ERROR else None
            if self.unchecked:
                self.stopped.append(self.plan)
            self.post_message(self.Done(event.state == WorkerState.CANCELLED, self.skipped, error))

    def on_loader_checked(self, message: Checked) -> None:
        for item, path, _ in message.items:
            self.unchecked.pop(path, None)
            if isinstance(item, Skipped):
                self.skipped.append(item)
