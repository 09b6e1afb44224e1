"""The review: claims and reports on the left, the selected pair side by side on the right.

The screen wires the widgets (claim list, report list, pair view) to the review's `Journal` (its
states, undo, recovery file and saving, tui/journal.py) and to the reports being checked. What
is selected is reactive state: setting it redraws what depends on it, in one frame.
"""

from __future__ import annotations

import asyncio
import gc
import os
from dataclasses import dataclass, replace
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from factdesk.claims.errors import VerdictsError
from factdesk.claims.reports import STDIN_NAME, Skipped
from factdesk.claims.review import ReviewState, add_reports, set_note, set_verdict, start
from factdesk.claims.rules import RuleSet
from factdesk.claims.verdicts import Verdict, Verdicts
from factdesk.tui import render
from factdesk.tui.commands import ReviewCommands
from factdesk.tui.journal import Conflict, Failed, Journal, Recovery
from factdesk.tui.passages import Passages, SourceView
from factdesk.tui.render import neutralise
from factdesk.tui.screens.dialogs import Answer, Ask, Choice, Note, Paste
from factdesk.tui.screens.help import Help
from factdesk.tui.screens.matrix import Matrix
from factdesk.tui.session import LoadPlan, Pasted, VerdictsFile, elsewhere, file_name, keep_pasted, plan, shown
from factdesk.tui.widgets.claim_list import ClaimList
from factdesk.tui.widgets.fields import SafeInput
from factdesk.tui.widgets.loader import Loader
from factdesk.tui.widgets.pair_view import PairView, Selection
from factdesk.tui.widgets.panels import Panel
from factdesk.tui.widgets.report_list import ReportList

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


class FilterInput(SafeInput):
    BINDINGS = [Binding("escape", "screen.clear_filter", "clear the filter", id="review.clear_filter")]


class ReviewScreen(Screen[None]):
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
        Binding("m", "matrix", "matrix", id="review.matrix", tooltip="claims x reports, every verdict at a glance"),
        Binding("/", "filter", "filter", show=False, id="review.filter", tooltip="filter the claims by words"),
        Binding("?", "help", "help", id="review.help", tooltip="this screen"),
        Binding("ctrl+s", "save", "save", priority=True, id="review.save", tooltip="save the verdicts file"),
        Binding("q", "quit", "quit", id="review.quit", tooltip="quit (asks when there are unsaved changes)"),
        Binding("escape", "stop_loading", "stop loading", id="review.stop_loading",
                tooltip="stop checking reports (those checked stay in the review)"),
    ]

    checking = reactive(False, bindings=True)
    selection: var[Selection] = var(Selection, init=False)

    def __init__(self, setup: Setup) -> None:
        super().__init__()
        self.setup = setup
        rules_file = file_name(setup.rules_file, setup.verdicts.parent)  # relative to the verdicts file
        # the file's stamp is read when the review starts
        self.journal = Journal(VerdictsFile(setup.verdicts, None), start(setup.rules, rules_file, setup.reviewer))
        self.filter = ""
        self.source = SourceView(None)
        self.loaded: set[str] = set()  # real paths of the reports loaded
        self.passages = Passages(setup.rules)
        self.saving = False
        self.autosave_problem = ""

    # -- the review as values ----------------------------------------------------------------

    @property
    def state(self) -> ReviewState:
        return self.journal.state

    @property
    def dirty(self) -> bool:
        return self.journal.dirty

    @property
    def file(self) -> VerdictsFile:
        return self.journal.file

    @property
    def report(self) -> int:
        return self.selection.report

    @property
    def claim(self) -> int:
        return self.selection.claim

    def change(self, state: ReviewState, pair: tuple[int, int]) -> None:
        self.autosave(self.journal.change(state, pair))
        self.reports.update_report(state, pair[0])
        self.refresh_bindings()

    @work(thread=True, exclusive=True, exit_on_error=False, group="autosave", description="autosave")
    def autosave(self, recovery: Recovery) -> None:
        self.journal.write_recovery(recovery)

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Panel(id="status")
        yield Loader(self.setup.rules, id="loading")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield FilterInput(placeholder="filter claims (enter: keep, escape: clear)", id="filter")
                yield ClaimList(id="claims")
                yield Static(Content("✓ supports ✗ contradicts ± conflicting · none\n"
                                     "underlined: reviewed  dim: suggested"), id="legend")
                yield ReportList(id="reports")
            yield PairView(self.passages, id="right")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = render.line(self.setup.rules.source.title)
        self.claims = self.query_one(ClaimList)
        self.reports = self.query_one(ReportList)
        self.pair_view = self.query_one(PairView)
        self.loader = self.query_one(Loader)
        self.claims.border_title = "Claims"
        self.reports.border_title = "Reports"
        self.refresh_view()
        self.run_worker(self.startup(), group="dialog", exit_on_error=False)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what loading froze (see on_loader_done) may be collected again

    # -- starting: the verdicts file, a recovery file, then loading ------------------------------

    async def startup(self) -> None:
        previous: Verdicts | None = None
        journal = self.journal
        try:
            journal.file = VerdictsFile.at(journal.file.path)
        except OSError as exc:
            self.error(f"Cannot look at {shown(journal.file.path)}: {exc.strerror or exc}")
        try:
            previous = journal.file.load()
        except VerdictsError as exc:
            answer = await self.app.push_screen_wait(Choice(
                "The verdicts file cannot be read",
                render.message(("\n".join(exc.lines()), "bold"), "\n\nStart a fresh review? The broken file is "
                               "kept beside it as ", (f"{journal.file.path.name}.broken-<time>", "bold"),
                               " (nothing is deleted)."),
                [Answer("fresh", "Start fresh", "f"), Answer("quit", "Quit", "q")]))
            if answer != "fresh":
                self.app.exit(return_code=2)
                return
            try:
                aside = journal.file.set_aside()
            except OSError as exc:
                self.error(f"Cannot move the broken file aside: {exc.strerror or exc}")
                self.app.exit(return_code=2)
                return
            self.tell(f"The broken verdicts file was kept as {shown(aside)}")
            journal.file = VerdictsFile.at(journal.file.path)
        if (orphan := journal.file.orphan()) is not None:
            answer = await self.app.push_screen_wait(Choice(
                "Restore the unsaved review?",
                render.message("A review of ", (shown(journal.file.path), "bold"), " did not end cleanly. Its "
                               "recovery file is newer than the verdicts file. Restore it (then save), or "
                               "discard it?"),
                [Answer("restore", "Restore", "r"), Answer("discard", "Discard", "d")]))
            if answer == "restore":
                try:
                    previous = journal.file.adopt(orphan)
                    journal.restored()
                except VerdictsError as exc:
                    self.error(f"The recovery file cannot be read and is ignored: {exc}")
            else:
                journal.file.drop_recovery(orphan)
        p = plan(list(self.setup.paths), previous, journal.file.path.parent)
        if STDIN_NAME in self.setup.paths:
            self.tell("Standard input cannot be reviewed on screen: paste the report with p.", "warning")
        if p.missing:
            self.tell(f"{len(p.missing)} report(s) of the verdicts file were not found; their verdicts "
                      "are kept in the file as they were.", "warning")
        journal.missing = p.missing
        self.refresh_view()
        self.start_loading(p, source=True)

    def start_loading(self, p: LoadPlan, source: bool = False) -> None:
        self.checking = True
        self.loader.start(p, source)

    def on_loader_source_loaded(self, message: Loader.SourceLoaded) -> None:
        self.source = message.view
        if message.problem:
            self.error(f"The source article cannot be read: {message.problem}")
        self.refresh_pair()

    def on_loader_checked(self, message: Loader.Checked) -> None:
        self.loaded.add(os.path.realpath(message.path))
        if isinstance(message.item, Skipped):
            return
        first = not self.state.reports
        self.journal.update_all(lambda s: add_reports(s, [message.item], message.previous))
        state = self.state
        self.reports.show_report(state, next(i for i, r in enumerate(state.reports)
                                             if r.file == message.item[1].file))
        if first:
            self.refresh_bindings()
        self.refresh_view()

    def on_loader_done(self, message: Loader.Done) -> None:
        self.checking = False
        # The reports just loaded live as long as the review: the collector's full passes need
        # not walk them again (with 200 reports, one took 70-110 ms, a key's redraw 5 times over).
        gc.collect()
        gc.freeze()
        if message.error is not None:
            self.error(f"{type(message.error).__name__}: {message.error}")
        if message.skipped:
            listed = "; ".join(str(s) for s in message.skipped[:3]) + (" …" if len(message.skipped) > 3 else "")
            self.tell(f"Skipped {len(message.skipped)}: {listed}", "warning")
        if message.stopped:
            self.tell(f"Loading stopped; {len(self.state.reports)} report(s) in the review.")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state != WorkerState.ERROR:
            return
        if worker.group == "autosave":
            error = worker.error
            problem = f"Cannot write the recovery file {shown(self.file.recovery)}: " + (
                error.strerror if isinstance(error, OSError) and error.strerror else str(error))
            if problem != self.autosave_problem:
                self.autosave_problem = problem
                self.error(problem)
        else:
            self.error(f"{type(worker.error).__name__}: {worker.error}")

    def action_stop_loading(self) -> None:
        self.loader.stop()

    # -- what is shown ---------------------------------------------------------------------------

    def visible(self) -> list[int]:
        words = self.filter.casefold().split()
        return [i for i, c in enumerate(self.setup.rules.claims)
                if all(w in f"{c.id} {c.statement} {c.quantity}".casefold() for w in words)]

    def watch_selection(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        s = self.state
        self.query_one("#status", Panel).show(render.status(
            shown(self.file.path), self.file.stamp is not None, s.reviewed, s.total, self.dirty, s.reviewer,
            self.filter, width=self.app.size.width))
        self.claims.show(s, self.visible(), self.report, self.claim)
        self.reports.select(self.report)
        self.refresh_pair()

    def refresh_pair(self) -> None:
        self.pair_view.show(self.state, self.source, self.selection, self.checking)

    # -- moving ----------------------------------------------------------------------------------

    def select(self, report: int, claim: int) -> None:
        if claim not in self.visible():
            self.set_filter("")
        report = min(max(report, 0), max(len(self.state.reports) - 1, 0))
        claim = min(max(claim, 0), len(self.setup.rules.claims) - 1)
        self.show_selection(Selection(report, claim))

    def show_selection(self, selection: Selection) -> None:
        """Select and redraw (also when the selection is the same and the review changed)."""
        if selection == self.selection:
            self.refresh_view()
        else:
            self.selection = selection  # watch_selection redraws

    def action_claim(self, step: int) -> None:
        listed = self.visible()
        if listed:
            at = listed.index(self.claim) + step if self.claim in listed else 0
            self.select(self.report, listed[min(max(at, 0), len(listed) - 1)])

    def action_report(self, step: int) -> None:
        if self.state.reports:
            self.select((self.report + step) % len(self.state.reports), self.claim)

    def action_passage(self, step: int) -> None:
        count = self.passages.count(self.state, self.report, self.claim)
        if count:
            self.selection = replace(self.selection, passage=(self.selection.passage + step) % count)

    def on_claim_list_chosen(self, message: ClaimList.Chosen) -> None:
        self.select(self.report, message.claim)

    def on_report_list_chosen(self, message: ReportList.Chosen) -> None:
        self.select(message.report, self.claim)

    def action_filter(self) -> None:
        field = self.query_one("#filter", FilterInput)
        field.display = True
        field.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter = event.value
        listed = self.visible()
        self.show_selection(Selection(self.report, listed[0]) if listed and self.claim not in listed
                            else self.selection)
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
        if action in ("decide", "note", "passage"):
            return bool(self.state.reports) and self.claim in self.visible()
        if action in ("report", "matrix"):
            return bool(self.state.reports)
        if action == "undo":
            return True if self.journal.can_undo else None
        if action in ("open", "paste"):
            return not self.checking
        if action == "stop_loading":
            return self.checking
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
        undone = self.journal.undo()
        if undone is not None:
            entry, recovery = undone
            self.autosave(recovery)
            self.refresh_bindings()
            self.reports.update_report(self.state, entry.pair[0])
            self.select(*entry.pair)
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

    def action_matrix(self) -> None:
        self.app.push_screen(Matrix(self.state, self.report, self.claim, self.select))

    def action_help(self) -> None:
        self.app.push_screen(Help([b for b in self.BINDINGS if isinstance(b, Binding)],
                                  self.app.keymap, self.setup.keymap_file))

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
        entry = self.journal.history[-1]
        target, force = self.file, False
        while True:
            result = await asyncio.to_thread(self.journal.save, entry, target, force)
            if isinstance(result, Conflict):
                answer = await self.app.push_screen_wait(Choice(
                    "The verdicts file changed", render.message((shown(target.path), "bold"), f" {result.what}. "
                                                                "Overwriting it would lose those changes."),
                    [Answer("overwrite", "Overwrite", "o"), Answer("elsewhere", "Save elsewhere", "e"),
                     Answer("cancel", "Cancel", "c")]))
                if answer == "overwrite":
                    force = True
                elif answer == "elsewhere":
                    target = await self.ask_path(render.message("Save the verdicts to another file:"), target)
                if answer == "cancel" or target is None:
                    return False
            elif isinstance(result, Failed):
                self.error(result.problem + ". The review is kept; choose another file.")
                target = await self.ask_path(render.message((result.problem, "bold"), "\nThe review is kept in "
                                                            "memory. Save it to another file:"), target)
                if target is None:
                    return False
                force = False
            else:
                break
        self.journal.saved(result)
        s = entry.state
        self.tell(f"Saved {s.reviewed} reviewed of {s.total} pairs to {shown(result.file.path)}")
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
        self.journal.forget_recovery()
        self.workers.cancel_group(self, "load")
        self.app.exit()

    def tell(self, text: str, severity: SeverityLevel = "information", timeout: float | None = None) -> None:
        """A notification; its text may hold file names and reports' words, so it is neutralised."""
        self.notify(neutralise(text), severity=severity, markup=False, timeout=timeout)

    def error(self, text: str) -> None:
        self.tell(text, "error", timeout=10)
