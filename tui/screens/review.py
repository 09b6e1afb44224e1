"""The review: claims and reports on the left, the selected pair side by side on the right.

The review is a list of immutable `ReviewState`s (the last is shown; undo drops it). Every
change autosaves a recovery file in a thread; saving never overwrites a file that changed on
disk without asking, and a failed save keeps the review in memory and offers another path.
"""

from __future__ import annotations

import asyncio
import gc
import os
import threading
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from factdesk.claims.errors import VerdictsError
from factdesk.claims.exports import Export
from factdesk.claims.figures import read_figures
from factdesk.claims.formats import dump_yaml
from factdesk.claims.match import ClaimTerms, Passage, rank_passages, statement_figure
from factdesk.claims.reports import STDIN_NAME, Report, Skipped
from factdesk.claims.review import ReviewState, add_reports, set_note, set_verdict, start, to_verdicts
from factdesk.claims.rules import RuleSet
from factdesk.claims.verdicts import Evidence, ReportVerdicts, Verdict, Verdicts
from factdesk.tui import provenance, render
from factdesk.tui.commands import ReviewCommands
from factdesk.tui.checking import Checker
from factdesk.tui.render import neutralise
from factdesk.tui.screens.dialogs import Answer, Ask, Choice, Note, Paste
from factdesk.tui.screens.export import ExportDialog, said
from factdesk.tui.screens.fulltext import FullText, full_text
from factdesk.tui.screens.help import Help
from factdesk.tui.screens.matrix import Matrix
from factdesk.tui.screens.sharing import CHANGES, MERGE, Shared
from factdesk.tui.session import (
    LoadPlan, Pasted, VerdictsFile, decisions_only, elsewhere, file_name, keep_pasted, plan, rest_of, shown,
    with_missing,
)
from factdesk.tui.widgets.fields import PickList, SafeInput
from factdesk.tui.widgets.panels import Pane, Panel, Row

ALTERNATIVES = 8  # other passages offered after the evidence
BATCH = 0.1  # seconds of checked reports the screen takes in at once
AUTOSAVE_AFTER = 0.2  # seconds a change waits before it is written to the recovery file
DECIDES = "; marks the pair reviewed, moves on"


@dataclass(frozen=True)
class Setup:
    """What the review was started with."""

    rules: RuleSet
    rules_file: str  # as given on the command line
    paths: tuple[str, ...]
    verdicts: Path
    reviewer: str | None = None
    keymap_file: Path | None = None


@dataclass(frozen=True)
class Entry:
    """A state of the review and the pair (report, claim) whose change made it."""

    id: int
    state: ReviewState
    pair: tuple[int, int]


@dataclass(frozen=True)
class Shown:
    """A passage on screen: a sentence, its figures, and the evidence it is (if any)."""

    start: int
    end: int
    figures: tuple[tuple[int, int], ...]
    evidence: Evidence | None = None


@dataclass(frozen=True)
class SourceView:
    report: Report | None
    passages: tuple[Passage | None, ...] = ()
    evidence: ReportVerdicts | None = None


class FilterInput(SafeInput):
    BINDINGS = [Binding("escape", "screen.clear_filter", "clear the filter", id="review.clear_filter")]


class ReviewScreen(Shared, Screen[None]):
    AUTO_FOCUS = ""  # keys belong to the screen; only the filter field takes focus, on /
    COMMANDS = {ReviewCommands}
    BINDINGS = [
        Binding("down,j", "claim(1)", "next claim", show=False, id="review.next_claim"),
        Binding("up,k", "claim(-1)", "previous claim", show=False, id="review.previous_claim"),
        Binding("tab,l", "report(1)", "next report", show=False, id="review.next_report"),
        Binding("shift+tab,h", "report(-1)", "previous report", show=False, id="review.previous_report"),
        Binding("]", "passage(1)", "next passage", show=False, id="review.next_passage"),
        Binding("[", "passage(-1)", "previous passage", show=False, id="review.previous_passage"),
        Binding("1", "decide('supports')", "supports", id="review.supports",
                tooltip="verdict: supports" + DECIDES),
        Binding("2", "decide('contradicts')", "contradicts", id="review.contradicts",
                tooltip="verdict: contradicts" + DECIDES),
        Binding("3", "decide('conflicting')", "conflicting", id="review.conflicting",
                tooltip="verdict: conflicting" + DECIDES),
        Binding("4", "decide('not_mentioned')", "not mentioned", id="review.not_mentioned",
                tooltip="verdict: not mentioned" + DECIDES),
        Binding("enter", "decide('')", "accept", id="review.accept", tooltip="accept the checker's verdict" + DECIDES),
        Binding("u", "undo", "undo", id="review.undo", tooltip="undo the last change (a verdict or a note)"),
        Binding("n", "note", "note", id="review.note", tooltip="write a note for the pair"),
        Binding("o", "open", "open", show=False, id="review.open", tooltip="open report files or a folder"),
        Binding("p", "paste", "paste", show=False, id="review.paste",
                tooltip="paste a report's text (kept as a file beside the verdicts)"),
        Binding("f", "full_text", "full text", show=False, id="review.full_text",
                tooltip="the report's full text, the pair's evidence marked (f again or escape: back)"),
        Binding("m", "matrix", "matrix", id="review.matrix", tooltip="claims x reports, every verdict at a glance"),
        Binding("ctrl+e", "export", "export", show=False, id="review.export",
                tooltip="export the review: Markdown for editors, CSV, or schema.org ClaimReview"),
        Binding("/", "filter", "filter", show=False, id="review.filter", tooltip="filter the claims by words"),
        Binding("?", "help", "help", id="review.help", tooltip="this screen"),
        Binding("ctrl+s", "save", "save", priority=True, id="review.save", tooltip="save the verdicts file"),
        Binding("ctrl+r", "reload", "reload", show=False, id="review.reload",
                tooltip="read the verdicts file again and take in what another review saved there "
                        "(for the pairs this review has not touched)"),
        Binding("q", "quit", "quit", id="review.quit", tooltip="quit (asks when there are unsaved changes)"),
        Binding("escape", "stop_loading", "stop loading", id="review.stop_loading",
                tooltip="stop checking reports (those checked stay in the review)"),
        Binding("L", "load_rest", "load the rest", id="review.load_rest",
                tooltip="check the reports a stopped loading left (the header says how many)"),
    ]

    checking = reactive(False, bindings=True)

    class Checked(Message):
        """Reports checked since the last such message: (the report or why it was skipped, the path
        as planned, its real path)."""

        def __init__(self, items: list[tuple[tuple[Report, ReportVerdicts] | Skipped, str, str]],
                     previous: Verdicts | None) -> None:
            super().__init__()
            self.items, self.previous = items, previous

    class SourceLoaded(Message):
        def __init__(self, view: SourceView, problem: str = "") -> None:
            super().__init__()
            self.view, self.problem = view, problem

    class Progress(Message):
        def __init__(self, done: int, total: int, file: str) -> None:
            super().__init__()
            self.done, self.total, self.file = done, total, file

    def __init__(self, setup: Setup) -> None:
        super().__init__()
        self.setup = setup
        self.file = VerdictsFile(setup.verdicts, None)  # its stamp is read when the review starts
        rules_file = file_name(setup.rules_file, setup.verdicts.parent)  # relative to the verdicts file
        self.history = [Entry(0, start(setup.rules, rules_file, setup.reviewer), (0, 0))]
        self.saved_id = self.changes = 0
        self.report = self.claim = self.passage = 0
        self.filter = ""
        self.listed: list[int] = []  # the claims in the list (after the filter)
        self.drawn: tuple[object, ...] = (None,)  # what the claims list was last drawn from
        self.source = SourceView(None)
        self.missing: tuple[ReportVerdicts, ...] = ()
        self.skipped: list[Skipped] = []
        self.loaded: set[str] = set()  # real paths of the reports loaded
        self.unchecked: dict[str, None] = {}  # paths planned and not checked yet (in order)
        self.stopped: list[LoadPlan] = []  # loads stopped before their end: "load the rest" goes on
        self.load_plan = LoadPlan((), None, {}, ())
        self.queries = [ClaimTerms.of(c).query for c in setup.rules.claims]
        self.figures = [statement_figure(c) for c in setup.rules.claims]
        self.others: dict[tuple[int, int], list[Shown]] = {}  # (report, claim) -> ranked passages
        self.saving = False
        self.autosave_lock = threading.Lock()
        self.autosave_seq = self.autosave_floor = 0
        self.autosave_problem = ""

    # -- the review as values ----------------------------------------------------------------

    @property
    def state(self) -> ReviewState:
        return self.history[-1].state

    @property
    def dirty(self) -> bool:
        return self.history[-1].id != self.saved_id

    def change(self, state: ReviewState, pair: tuple[int, int]) -> None:
        self.changes += 1
        self.history.append(Entry(self.changes, state, pair))
        self.update_report_item(pair[0])
        self.autosave(self.file, state, self.next_seq())
        if len(self.history) == 2:  # undo is possible now (the footer is rebuilt only then: it costs)
            self.refresh_bindings()

    def next_seq(self) -> int:
        # (only this thread counts; not under the lock, which an autosave holds while it writes)
        self.autosave_seq += 1
        return self.autosave_seq

    def dump(self, state: ReviewState) -> str:
        return dump_yaml(with_missing(to_verdicts(state), self.missing))

    @work(thread=True, exclusive=True, exit_on_error=False, group="autosave", description="autosave")
    def autosave(self, file: VerdictsFile, state: ReviewState, seq: int) -> None:
        time.sleep(AUTOSAVE_AFTER)  # keys held down: only the last of their changes is written
        if seq != self.autosave_seq:
            return
        text = dump_yaml(decisions_only(with_missing(to_verdicts(state), self.missing)))
        with self.autosave_lock:
            if seq > self.autosave_floor and seq == self.autosave_seq:
                file.autosave(text)

    def forget_recovery(self, *others: VerdictsFile) -> None:
        """After a save or a clean quit: remove the recovery file, and no autosave still under
        way writes it again."""
        with self.autosave_lock:
            self.autosave_floor = self.autosave_seq
            for file in (self.file, *others):
                file.drop_recovery()

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Panel(id="status")
        with Horizontal(id="loading"):
            yield Static(id="loading-label")
            yield ProgressBar(show_eta=False, id="progress")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield FilterInput(placeholder="filter claims (enter: keep, escape: clear)", id="filter")
                yield PickList(id="claims")
                yield Static(Content("✓ supports ✗ contradicts ± conflicting · none\n"
                                     "underlined: reviewed  dim: suggested"), id="legend")
                yield PickList(id="reports")
            with Vertical(id="right"):
                yield Panel(id="pair")
                with Row(id="sides"):
                    with Pane(id="source-pane", can_focus=False):
                        yield Panel(id="source")
                    with Pane(id="evidence-pane", can_focus=False):
                        yield Panel(id="evidence")
                yield Panel(id="reason")
                yield Panel(id="note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = render.line(self.setup.rules.source.title)
        self.query_one("#source-pane").border_title = "Source"
        self.query_one("#evidence-pane").border_title = "Report"
        self.query_one("#claims").border_title = "Claims"
        self.query_one("#reports").border_title = "Reports"
        self.refresh_view()
        self.run_worker(self.startup(), group="dialog", exit_on_error=False)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what loading froze (see worker_changed) may be collected again
        self.release_lock()

    # -- starting: the verdicts file, a recovery file, then loading ------------------------------

    async def startup(self) -> None:
        previous: Verdicts | None = None
        if not await self.share():
            return
        try:
            self.file = VerdictsFile.at(self.file.path)
        except OSError as exc:
            self.error(f"Cannot look at {shown(self.file.path)}: {exc.strerror or exc}")
        try:
            previous = self.file.load()
        except VerdictsError as exc:
            answer = await self.app.push_screen_wait(Choice(
                "The verdicts file cannot be read",
                render.message(("\n".join(exc.lines()), "bold"), "\n\nStart a fresh review? The broken file is "
                               "kept beside it as ", (f"{self.file.path.name}.broken-<time>", "bold"),
                               " (nothing is deleted)."),
                [Answer("fresh", "Start fresh", "f"), Answer("quit", "Quit", "q")]))
            if answer != "fresh":
                self.app.exit(return_code=2)
                return
            try:
                aside = self.file.set_aside()
            except OSError as exc:
                self.error(f"Cannot move the broken file aside: {exc.strerror or exc}")
                self.app.exit(return_code=2)
                return
            self.tell(f"The broken verdicts file was kept as {shown(aside)}")
            self.file = VerdictsFile.at(self.file.path)
        if (orphan := self.file.orphan()) is not None:
            answer = await self.app.push_screen_wait(Choice(
                "Restore the unsaved review?",
                render.message("A review of ", (shown(self.file.path), "bold"), " did not end cleanly. Its "
                               "recovery file is newer than the verdicts file. Restore it (then save), or "
                               "discard it?"),
                [Answer("restore", "Restore", "r"), Answer("discard", "Discard", "d")]))
            if answer == "restore":
                try:
                    previous = self.file.adopt(orphan)
                    self.saved_id = -1
                except VerdictsError as exc:
                    self.error(f"The recovery file cannot be read and is ignored: {exc}")
            else:
                self.file.drop_recovery(orphan)
        p = plan(list(self.setup.paths), previous, self.file.path.parent)
        if STDIN_NAME in self.setup.paths:
            self.tell("Standard input cannot be reviewed on screen: paste the report with p.", "warning")
        if p.missing:
            self.tell(f"{len(p.missing)} report(s) of the verdicts file were not found; their verdicts "
                      "are kept in the file as they were.", "warning")
        self.missing = p.missing
        self.refresh_view()
        self.start_loading(p, source=True)

    def start_loading(self, p: LoadPlan, source: bool = False) -> None:
        self.checking = True
        self.load_plan = p
        self.unchecked.update(dict.fromkeys(p.paths))
        self.skipped = []
        self.query_one("#loading-label", Static).update(Content(f"checking {len(p.paths)} report(s)…"))
        self.query_one(ProgressBar).update(total=len(p.paths) or None, progress=0)
        self.load(p, source)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load", description="check reports")
    def load(self, p: LoadPlan, source: bool) -> None:
        worker = get_current_worker()
        stop = lambda: worker.is_cancelled  # noqa: E731
        checker = Checker(self.setup.rules)
        try:
            path = self.setup.rules.source_path
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
                    # a screen's worth at a time: the screen is redrawn once for them, not once each
                    self.post_message(self.Checked(batch, p.previous))
                    self.post_message(self.Progress(done, len(p.paths), path))
                    batch, posted = [], time.monotonic()
            if batch:
                self.post_message(self.Checked(batch, p.previous))
        finally:
            checker.close()

    def on_review_screen_source_loaded(self, message: SourceLoaded) -> None:
        self.source = message.view
        if message.problem:
            self.error(f"The source article cannot be read: {message.problem}")
        self.refresh_pair()

    def on_review_screen_progress(self, message: Progress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)
        self.query_one("#loading-label", Static).update(
            Content(f"checked {message.done}/{message.total}: ") + render.safe(render.line(Path(message.file).name)))

    def on_review_screen_checked(self, message: Checked) -> None:
        checked = []
        for item, path, real in message.items:
            self.loaded.add(real)
            self.unchecked.pop(path, None)
            if isinstance(item, Skipped):
                self.skipped.append(item)
            else:
                checked.append(item)
        if not checked:
            return
        first = not self.state.reports
        self.history = [replace(e, state=add_reports(e.state, checked, message.previous)) for e in self.history]
        state = self.state
        reports = self.query_one("#reports", PickList)
        at = {r.file: i for i, r in enumerate(state.reports)}
        for index in sorted(at[item[1].file] for item in checked):
            if index < reports.option_count:
                self.update_report_item(index)
        reports.add_options([Option(self.report_item(i)) for i in range(reports.option_count, len(state.reports))])
        if first:
            self.refresh_bindings()
        self.refresh_view()

    @on(Worker.StateChanged)
    def worker_changed(self, event: Worker.StateChanged) -> None:
        worker, state = event.worker, event.state
        if state == WorkerState.ERROR:
            if worker.group == "autosave":
                error = worker.error
                problem = f"Cannot write the recovery file {shown(self.file.recovery)}: " + (
                    error.strerror if isinstance(error, OSError) and error.strerror else str(error))
                if problem != self.autosave_problem:
                    self.autosave_problem = problem
                    self.error(problem)
            else:
                self.error(f"{type(worker.error).__name__}: {worker.error}")
        if worker.group == "load" and state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self.checking = False
            # The reports just loaded live as long as the review: the collector's full passes need
            # not walk them again (with 200 reports, one took 70-110 ms, a key's redraw 5 times over).
            gc.collect()
            gc.freeze()
            if self.skipped:
                listed = "; ".join(str(s) for s in self.skipped[:3]) + (" …" if len(self.skipped) > 3 else "")
                self.tell(f"Skipped {len(self.skipped)}: {listed}", "warning")
            if self.unchecked:
                self.stopped.append(self.load_plan)
            if state == WorkerState.CANCELLED:
                self.tell("Loading stopped; the reports checked stay in the review, and L loads the rest "
                          "(the header says how many are not loaded).")
            self.refresh_view()

    def watch_checking(self, checking: bool) -> None:
        self.query_one("#loading").display = checking

    def action_stop_loading(self) -> None:
        self.workers.cancel_group(self, "load")

    def action_load_rest(self) -> None:
        self.start_loading(rest_of(self.stopped, tuple(self.unchecked)))
        self.stopped = []

    def loading_flags(self) -> str:
        return f"{len(self.unchecked)} report(s) not loaded (L)" if self.unchecked and not self.checking else ""

    # -- what is shown ---------------------------------------------------------------------------

    def visible(self) -> list[int]:
        words = self.filter.casefold().split()
        return [i for i, c in enumerate(self.setup.rules.claims)
                if all(w in f"{c.id} {c.statement} {c.quantity}".casefold() for w in words)]

    def report_item(self, index: int) -> Content:
        s = self.state
        r = s.reports[index]
        reviewed = sum(c.reviewed and not s.is_stale(index, j) for j, c in enumerate(r.claims))
        stale = any(s.is_stale(index, j) for j in range(len(r.claims)))
        title = s.texts[index].title if index < len(s.texts) else r.title
        width = self.query_one("#reports").size.width or 44
        return render.report_item(index + 1, Path(r.file).name, title, reviewed, len(r.claims), stale, width - 2)

    def update_report_item(self, index: int) -> None:
        reports = self.query_one("#reports", PickList)
        if index < reports.option_count:
            reports.replace_option_prompt_at_index(index, self.report_item(index))

    def refresh_view(self) -> None:
        s = self.state
        self.query_one("#status", Panel).show(render.status(
            shown(self.file.path), self.file.stamp is not None, s.reviewed, s.total, self.dirty, s.reviewer,
            self.filter, width=self.app.size.width,
            flags=", ".join(filter(None, (self.sharing_flags(), self.loading_flags())))))
        self.refresh_claims()
        reports = self.query_one("#reports", PickList)
        if reports.option_count:
            reports.highlighted = self.report
        self.refresh_pair()

    def refresh_claims(self) -> None:
        s = self.state
        claims = self.query_one("#claims", PickList)
        listed = self.visible()
        n = len(s.reports)
        width = max(8, (claims.size.width or 40) - 4)
        first = min(max(0, self.report - width // 2), max(0, n - width))
        last = min(n, first + width)
        drawn = (s, tuple(listed), first, last, self.report)  # what the items show: redraw only on change
        if drawn[0] is not self.drawn[0] or drawn[1:] != self.drawn[1:]:
            self.drawn = drawn
            self.draw_claims(claims, listed, first, last)
        if self.claim in listed:
            claims.highlighted = listed.index(self.claim)

    def draw_claims(self, claims: PickList, listed: list[int], first: int, last: int) -> None:
        s, n = self.state, len(self.state.reports)
        items = []
        for c in listed:
            pairs = [(s.pair(r, c), s.is_stale(r, c)) for r in range(first, last)]
            items.append(render.claim_item(s.rules.claims[c], pairs, first, self.report, first > 0, last < n))
        if listed != self.listed:
            self.listed = listed
            claims.set_options(Option(item, id=str(c)) for c, item in zip(listed, items))
        else:
            for i, item in enumerate(items):
                claims.replace_option_prompt_at_index(i, item)

    def refresh_pair(self) -> None:
        s = self.state
        c = self.claim
        claim = s.rules.claims[c]
        sentence = None
        if self.source.report is not None and self.source.passages[c] is not None:
            src, sp = self.source.report, self.source.passages[c].sentence
            figures = [(e.figure_start, e.figure_end) for e in self.source.evidence.claims[c].evidence]
            sentence = render.passage(src.text, sp.start, sp.end, figures)
        self.query_one("#source", Panel).show(render.source_side(
            claim, self.figures[c], sentence, s.rules.source.title, s.rules.source_path is not None))
        if not s.reports:
            self.query_one("#pair", Panel).show(Content.assemble(
                ("claim ", "$text-muted"), (f"{c + 1}/{len(s.rules.claims)} ", "$text-muted"),
                render.safe(render.line(claim.id), "bold")))
            self.query_one("#evidence", Panel).show(Content.styled(
                "Checking the reports…" if self.checking else "No reports yet: o opens files or a folder, "
                "p pastes a report.", "$text-muted"))
            self.query_one("#reason", Panel).show(Content(""))
            self.query_one("#note", Panel).show(Content(""))
            return
        r = self.report
        pair = s.pair(r, c)
        self.query_one("#pair", Panel).show(Content("\n").join([render.pair_heading(
            claim, c + 1, len(s.rules.claims), Path(s.reports[r].file).name, r + 1, len(s.reports),
            pair, s.is_stale(r, c)), provenance.origin(s, r, self.query_one("#pair").content_region.width or 80)]))
        count, kind, at, item = self.current_passage()
        shown_text = None
        if item is not None:
            text = s.texts[r]
            before, after = _context(text, item.start, item.end)
            shown_text = render.passage(text.text, item.start, item.end, item.figures, before, after)
        self.query_one("#evidence", Panel).show(render.evidence_side(
            shown_text, kind, count, at, item.evidence if item else None))
        self.query_one("#reason", Panel).show(render.reason(item.evidence if item else None)
                                                 + provenance.relation(s, r, item.evidence if item else None)
                                                 if pair.evidence else Content(""))
        self.query_one("#note", Panel).show(render.note(pair.note))

    def current_passage(self) -> tuple[int, str, int, Shown | None]:
        """(how many of this kind, "evidence" or "other passage", which, the passage)."""
        evidence = self.state.pair(self.report, self.claim).evidence
        others = self.others.get((self.report, self.claim), [])
        if self.passage < len(evidence):
            e = evidence[self.passage]
            figures = ((e.figure_start, e.figure_end),) if e.figure_start >= 0 else ()
            return len(evidence), "evidence", self.passage, Shown(e.start, e.end, figures, e)
        at = self.passage - len(evidence)
        if at < len(others):
            return len(others), "other passage", at, others[at]
        return 0, "", 0, None

    def other_passages(self, r: int, c: int) -> list[Shown]:
        """Sentences most like the claim that are not already evidence (ranked by the engine)."""
        if (r, c) not in self.others:
            text = self.state.texts[r]
            taken = [e.start for e in self.state.pair(r, c).evidence]  # (a long sentence's quote is a part of it)
            self.others[(r, c)] = [
                Shown(p.sentence.start, p.sentence.end,
                      tuple((f.start, f.end) for f in read_figures(text.text, p.sentence.start, p.sentence.end)))
                for p in rank_passages(self.queries[c], text, ALTERNATIVES)
                if not any(p.sentence.start <= at < p.sentence.end for at in taken)]
        return self.others[(r, c)]

    # -- moving ----------------------------------------------------------------------------------

    def select(self, report: int, claim: int) -> None:
        if claim not in self.visible():
            self.set_filter("")
        self.report = min(max(report, 0), max(len(self.state.reports) - 1, 0))
        self.claim = min(max(claim, 0), len(self.setup.rules.claims) - 1)
        self.passage = 0
        self.refresh_view()

    def action_claim(self, step: int) -> None:
        listed = self.visible()
        if listed:
            at = listed.index(self.claim) + step if self.claim in listed else 0
            self.select(self.report, listed[min(max(at, 0), len(listed) - 1)])

    def action_report(self, step: int) -> None:
        if self.state.reports:
            self.select((self.report + step) % len(self.state.reports), self.claim)

    def action_passage(self, step: int) -> None:
        evidence = len(self.state.pair(self.report, self.claim).evidence)
        count = evidence + len(self.other_passages(self.report, self.claim))
        if count:
            self.passage = (self.passage + step) % count
            self.refresh_pair()

    @on(OptionList.OptionSelected, "#claims")
    def claim_clicked(self, event: OptionList.OptionSelected) -> None:
        self.select(self.report, int(event.option.id or 0))

    @on(OptionList.OptionSelected, "#reports")
    def report_clicked(self, event: OptionList.OptionSelected) -> None:
        self.select(event.option_index, self.claim)

    def action_filter(self) -> None:
        field = self.query_one("#filter", FilterInput)
        field.display = True
        field.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter = event.value
        listed = self.visible()
        if listed and self.claim not in listed:
            self.claim, self.passage = listed[0], 0
        self.refresh_view()
        self.refresh_bindings()

    @on(Input.Submitted, "#filter")
    def filter_kept(self) -> None:
        self.set_focus(None)
        if not self.filter:
            self.query_one("#filter").display = False

    def action_clear_filter(self) -> None:
        self.set_filter("")
        self.set_focus(None)

    def set_filter(self, value: str) -> None:
        field = self.query_one("#filter", FilterInput)
        with field.prevent(Input.Changed):
            field.value = value
        field.display = bool(value)
        self.filter = value
        self.refresh_view()
        self.refresh_bindings()

    # -- deciding --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in CHANGES:
            return None
        if action in ("decide", "note", "passage", "full_text"):
            return bool(self.state.reports) and self.claim in self.visible()
        if action in ("report", "matrix", "export"):
            return bool(self.state.reports)
        if action == "undo":
            return True if len(self.history) > 1 else None
        if action in ("open", "paste"):
            return not self.checking
        if action == "stop_loading":
            return self.checking
        if action == "load_rest":
            return bool(self.unchecked) and not self.checking
        if action == "save":
            return None if self.saving or not self.state.reports else True
        return True

    def active_bindings_for_palette(self) -> list[Binding]:
        return [b.binding for b in self.active_bindings.values() if b.node is self and b.enabled]

    def action_decide(self, verdict: str) -> None:
        r, c = self.report, self.claim
        state = set_verdict(self.state, r, c, Verdict(verdict) if verdict else None)
        self.change(state, (r, c))
        nxt = self.next_pair(state, r, c)
        if nxt is None:
            self.tell("Every pair is reviewed. ctrl+s saves the verdicts.")
            self.refresh_view()
        else:
            self.select(*nxt)

    def next_pair(self, state: ReviewState, r: int, c: int) -> tuple[int, int] | None:
        """The next pair needing a person, among the claims the filter shows."""
        listed = set(self.visible())
        at = (r, c)
        for _ in range(state.total):
            nxt = state.next_unreviewed(*at)
            if nxt is None or nxt[1] in listed:
                return nxt
            at = nxt
        return None

    def action_undo(self) -> None:
        if len(self.history) > 1:
            undone = self.history.pop()
            self.autosave(self.file, self.state, self.next_seq())
            if len(self.history) == 1:
                self.refresh_bindings()
            self.update_report_item(undone.pair[0])
            self.select(*undone.pair)
            self.tell("Undone.", timeout=2)

    def action_note(self) -> None:
        r, c = self.report, self.claim
        old = neutralise(self.state.pair(r, c).note)

        def done(note: str | None) -> None:
            if note is not None and note != old:
                self.change(set_note(self.state, r, c, note), (r, c))
                self.refresh_view()

        heading = render.message(("note for ", ""), (self.setup.rules.claims[c].id, "bold"), " in ",
                                 (Path(self.state.reports[r].file).name, "bold"))
        self.app.push_screen(Note("Note", heading, old, placeholder="why you decided so"), done)

    # -- more reports ----------------------------------------------------------------------------

    def action_open(self) -> None:
        def done(value: str | None) -> None:
            if value and value.strip():
                p = plan([os.path.expanduser(value.strip())], None, self.file.path.parent, self.loaded)
                if p.paths:
                    self.start_loading(p)
                else:
                    self.tell("Nothing new to open there.")

        self.app.push_screen(Ask("Open reports", Content("A report (.txt, .md, .html) or a folder of them:"),
                                 placeholder="path", path=True), done)

    def action_paste(self) -> None:
        def done(pasted: Pasted | None) -> None:
            if pasted is None or not pasted.text.strip():
                return
            try:
                path = keep_pasted(self.file.path, pasted)
            except OSError as exc:
                self.error(f"Cannot keep the pasted report: {exc.strerror or exc}")
                return
            self.start_loading(LoadPlan((str(path),), None, {str(path): file_name(path, self.file.path.parent)}, ()))

        self.app.push_screen(Paste(classes="dialog"), done)

    def action_full_text(self) -> None:
        _, kind, _, item = self.current_passage()
        other = (item.start, item.end, item.figures) if item is not None and kind != "evidence" else None
        self.app.push_screen(full_text(self.state, self.report, self.claim, self.passage, other, self.app.size.width),
                             self.passage_chosen)

    def passage_chosen(self, number: int | None) -> None:
        if number is not None:
            self.passage = number
            self.refresh_pair()

    def action_export(self) -> None:
        kept = [self.file.path, Path(self.setup.rules.path), *filter(None, [self.setup.rules.source_path]), *map(Path, self.loaded)]
        self.app.push_screen(ExportDialog(Export(with_missing(to_verdicts(self.state), self.missing), self.state.rules),
                                          self.file.path, kept), lambda written: self.tell(said(written)) if written else None)

    def action_matrix(self) -> None:
        self.app.push_screen(Matrix(self.state, self.report, self.claim, self.select))

    def action_help(self) -> None:
        self.app.push_screen(Help([b for b in (*self.BINDINGS, *FullText.BINDINGS, *ExportDialog.BINDINGS)
                                   if isinstance(b, Binding)], self.app.keymap, self.setup.keymap_file))

    # -- saving and quitting ---------------------------------------------------------------------

    def action_save(self) -> None:
        self.run_worker(self.save(), group="dialog", exit_on_error=False)

    async def save(self) -> bool:
        """Save the review; True when it was written."""
        if self.saving:
            return False
        self.saving = True
        self.refresh_bindings()
        try:
            return await self._save()
        finally:
            self.saving = False
            self.refresh_bindings()

    async def _save(self) -> bool:
        entry = self.history[-1]
        target, force = self.file, False
        while True:
            try:
                if not force and target is self.file and self.sharing == MERGE and target.changed_on_disk():
                    if await self.merge_from_disk():  # alongside another review: take in its save first
                        target = self.file
                        entry = self.history[-1]
                if not force and target.changed_on_disk():
                    what = "changed on disk since the review read it" if target is self.file else "already exists"
                    answer = await self.app.push_screen_wait(Choice(
                        "The verdicts file changed", render.message((shown(target.path), "bold"), f" {what}. "
                                                                    "Overwriting it would lose those changes."),
                        [Answer("overwrite", "Overwrite", "o"), Answer("elsewhere", "Save elsewhere", "e"),
                         *([Answer("merge", "Merge", "m")] if target is self.file else []),
                         Answer("cancel", "Cancel", "c")]))
                    if answer == "merge" and await self.merge_from_disk():  # theirs for pairs not touched here
                        target, entry = self.file, self.history[-1]
                        continue
                    if answer == "overwrite":
                        force = True
                    elif answer == "elsewhere":
                        target = await self.ask_path(render.message("Save the verdicts to another file:"), target)
                    if answer == "cancel" or target is None:
                        return False
                    continue
                text = await asyncio.to_thread(self.dump, entry.state)
                saved = await asyncio.to_thread(target.save, text, force)
                if saved is not None:
                    break
            except OSError as exc:
                problem = f"Cannot write {shown(target.path)}: {exc.strerror or exc}"
                self.error(problem + ". The review is kept; choose another file.")
                target = await self.ask_path(render.message((problem, "bold"), "\nThe review is kept in memory. "
                                                            "Save it to another file:"), target)
                if target is None:
                    return False
                force = False
        old, self.file = self.file, saved
        self.forget_recovery(old)
        self.saved_id = entry.id
        s = entry.state
        self.tell(f"Saved {s.reviewed} reviewed of {s.total} pairs to {shown(saved.path)}")
        self.refresh_view()
        return True

    async def ask_path(self, message: Content, current: VerdictsFile) -> VerdictsFile | None:
        value = await self.app.push_screen_wait(Ask("Save elsewhere", message, str(elsewhere(current.path)), path=True))
        if not value or not value.strip():
            return None
        return VerdictsFile(Path(os.path.expanduser(value.strip())), None)

    def action_quit(self) -> None:
        self.run_worker(self.quit(), group="dialog", exit_on_error=False)

    async def quit(self) -> None:
        if self.dirty:
            answer = await self.app.push_screen_wait(Choice(
                "Unsaved changes", Content("The review has changes that are not saved. Save them before quitting?"),
                [Answer("save", "Save", "s"), Answer("discard", "Discard", "d"), Answer("cancel", "Cancel", "c")]))
            if answer == "cancel" or (answer == "save" and not await self.save()):
                return
        self.forget_recovery()
        self.workers.cancel_group(self, "load")
        self.app.exit()

    def tell(self, text: str, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        """A notification; its text may hold file names and reports' words, so it is neutralised."""
        self.notify(neutralise(text), severity=severity, markup=False, timeout=timeout)

    def error(self, text: str) -> None:
        self.tell(text, "error", timeout=10)


def _context(report: Report, start: int, end: int) -> tuple[int, int]:
    """The start of the sentence before `start` and the end of the one after `end`."""
    sentences = report.sentences
    i = bisect_right(sentences, start, key=lambda s: s.start) - 1
    j = bisect_left(sentences, end, key=lambda s: s.end)
    before = sentences[i - 1].start if i >= 1 else start
    after = sentences[j + 1].end if j + 1 < len(sentences) else end
    return min(before, start), max(after, end)
