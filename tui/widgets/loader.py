"""The loading line: checks reports in a worker (a child process does the engine's work, see
tui/checking.py), shows its progress, and posts each report checked to the screen."""

from __future__ import annotations

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
from factdesk.tui.session import LoadPlan


class Loader(Horizontal):
    @dataclass
    class Checked(Message):
        """A report checked (or skipped), with the verdicts to carry over to it."""

        item: tuple[Report, ReportVerdicts] | Skipped
        previous: Verdicts | None
        path: str

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

    def compose(self) -> ComposeResult:
        yield Static(id="loading-label")
        yield ProgressBar(show_eta=False, id="progress")

    def start(self, p: LoadPlan, source: bool = False) -> None:
        """Check the reports of `p` (and the source article first, when `source`)."""
        self.skipped = []
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
            for done, path in enumerate(p.paths, 1):
                item = checker.check(path, stop)
                if item is None:
                    return
                if not isinstance(item, Skipped) and (name := p.names.get(item[0].file)):
                    item = (replace(item[0], file=name), replace(item[1], file=name))
                self.post_message(self.Checked(item, p.previous, path))
                self.post_message(self.Progress(done, len(p.paths), path))
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
            self.post_message(self.Done(event.state == WorkerState.CANCELLED, self.skipped, error))

    def on_loader_checked(self, message: Checked) -> None:
        if isinstance(message.item, Skipped):
            self.skipped.append(message.item)
