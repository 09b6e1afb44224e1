"""The review: claims and reports on the left, the selected pair side by side on the right.

The screen wires the widgets (claim list, report list, pair view) to the review's `Journal` (its
states, undo, recovery file and saving, tui/journal.py) and to the reports being checked. What
is selected is reactive state: setting it redraws what depends on it, in one frame.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
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
from factdesk.claims.exports import Export
from factdesk.claims.reports import STDIN_NAME, Skipped
from factdesk.claims.review import ReviewState, add_reports, set_note, set_verdict, start, to_verdicts
from factdesk.claims.rules import RuleSet
from factdesk.claims.verdicts import Verdict, Verdicts
from factdesk.tui import pairs, render
from factdesk.tui.commands import ReviewCommands
from factdesk.tui.journal import Conflict, Failed, Journal, Recovery
from factdesk.tui.keymap import VERDICT_BINDINGS
from factdesk.tui.pairs import Filter
from factdesk.tui.passages import Passages, SourceView
from factdesk.tui.render import neutralise
from factdesk.tui.screens.dialogs import Answer, Ask, Choice, Note, Paste
from factdesk.tui.screens.export import ExportDialog, said
from factdesk.tui.screens.fulltext import FullText, full_text
from factdesk.tui.screens.help import Help
from factdesk.tui.screens.matrix import Matrix
from factdesk.tui.screens.sharing import CHANGES, MERGE, Shared
from factdesk.tui.session import (
    LoadPlan, Pasted, VerdictsFile, elsewhere, file_name, keep_pasted, plan, shown, with_missing,
)
from factdesk.tui.widgets.claim_list import ClaimList
from factdesk.tui.widgets.fields import SafeInput
from factdesk.tui.widgets.loader import Loader
from factdesk.tui.widgets.pair_view import PairView, Selection
from factdesk.tui.widgets.panels import Panel
from factdesk.tui.widgets.report_list import ReportList



MIN_WIDTH, MIN_HEIGHT = 60, 15  # below, the screen says it is too small
AUTOSAVE_AFTER = 0.2  # seconds a change waits before it is written to the recovery file


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


class ReviewScreen(Shared, Screen[None]):
    # classes by the terminal's size (app.tcss): too small, narrow (the left column narrows), wide
    HORIZONTAL_BREAKPOINTS = [(0, "-too-small"), (MIN_WIDTH, "-cramped"), (80, "-narrow"), (100, "-normal"),
                              (160, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]
    AUTO_FOCUS = ""  # keys belong to the screen; only the filter field takes focus, on /
    COMMANDS = {ReviewCommands}
    # The footer shows, in this order, what a narrow terminal must keep: the verdict keys, save,
    # help and quit first.
    BINDINGS = [
        *VERDICT_BINDINGS,
        Binding("ctrl+s", "save", "save", priority=True, id="review.save", tooltip="save the verdicts file"),
        Binding("?", "help", "help", id="review.help", tooltip="this screen"),
        Binding("q", "quit", "quit", id="review.quit", tooltip="quit (asks when there are unsaved changes)"),
        Binding("x", "jump('problem', 1)", "next ✗", id="review.next_problem",
                tooltip="the next contradicted or conflicting pair (among those the filter shows)"),
        Binding("X", "jump('problem', -1)", "previous ✗", show=False, id="review.previous_problem",
                tooltip="the previous contradicted or conflicting pair"),
        Binding("space", "jump('unreviewed', 1)", "next unreviewed", show=False, id="review.next_unreviewed",
                tooltip="the next pair nobody has reviewed yet"),
        Binding("u", "undo", "undo", id="review.undo", tooltip="undo the last change (a verdict or a note)"),
        Binding("n", "note", "note", id="review.note", tooltip="write a note for the pair"),
        Binding("m", "matrix", "matrix", id="review.matrix",
                tooltip="claims x reports, every verdict at a glance, with totals; 1-4 and enter decide there too"),
        Binding("f", "full_text", "full text", show=False, id="review.full_text",
                tooltip="the report's full text, the pair's evidence marked (f again or escape: back)"),
        Binding("ctrl+e", "export", "export", show=False, id="review.export",
                tooltip="export the review: Markdown for editors, CSV, or schema.org ClaimReview"),
        Binding("ctrl+r", "reload", "reload", show=False, id="review.reload",
                tooltip="read the verdicts file again and take in what another review saved there "
                        "(for the pairs this review has not touched)"),
        Binding("down,j", "claim(1)", "next claim", show=False, id="review.next_claim"),
        Binding("up,k", "claim(-1)", "previous claim", show=False, id="review.previous_claim"),
        Binding("tab,l", "report(1)", "next report", show=False, id="review.next_report"),
        Binding("shift+tab,h", "report(-1)", "previous report", show=False, id="review.previous_report"),
        Binding("]", "passage(1)", "next passage", show=False, id="review.next_passage"),
        Binding("[", "passage(-1)", "previous passage", show=False, id="review.previous_passage"),
        Binding("/", "filter", "filter", show=False, id="review.filter",
                tooltip="filter the claims by words, and pairs by verdict: verdict:contradicts (or supports, "
                        "conflicting, not_mentioned, unreviewed; several with commas)"),
        Binding("v", "cycle_filter", "cycle the filter", show=False, id="review.cycle_filter",
                tooltip="show all pairs / the contradicted or conflicting ones / the unreviewed ones"),
        Binding("ctrl+b", "toggle_left", "hide the claims", show=False, id="review.toggle_left",
                tooltip="hide or show the claims and reports (more room for the pair)"),
        Binding("o", "open", "open", show=False, id="review.open", tooltip="open report files or a folder"),
        Binding("p", "paste", "paste", show=False, id="review.paste",
                tooltip="paste a report's text (kept as a file beside the verdicts)"),
        Binding("escape", "stop_loading", "stop loading", id="review.stop_loading",
                tooltip="stop checking reports (those checked stay in the review)"),
        Binding("L", "load_rest", "load the rest", show=False, id="review.load_rest",
                tooltip="check the reports a stopped loading left (the header says how many)"),
    ]

    checking = reactive(False, bindings=True)
    selection: var[Selection] = var(Selection, init=False)
    left_shown = var(True, init=False)

    def __init__(self, setup: Setup) -> None:
        super().__init__()
        self.setup = setup
        rules_file = file_name(setup.rules_file, setup.verdicts.parent)  # relative to the verdicts file
        # the file's stamp is read when the review starts
        self.journal = Journal(VerdictsFile(setup.verdicts, None), start(setup.rules, rules_file, setup.reviewer))
        self.filter = ""
        self._filter = ("", Filter())  # the filter's text, as parsed
        self.resume: tuple[str, str] | None = None  # the pair decided last, until the user moves
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
        # (no refresh_bindings: the footer is rebuilt at each, which costs, and no key's state changed)
        self.autosave(self.journal.change(state, pair))
        self.reports.update_report(state, pair[0])

    @work(thread=True, exclusive=True, exit_on_error=False, group="autosave", description="autosave")
    def autosave(self, recovery: Recovery) -> None:
        time.sleep(AUTOSAVE_AFTER)  # keys held down: only the last of their changes is written
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
                                     "underlined: reviewed  dim, on red: suggested"), id="legend")
                yield ReportList(id="reports")
            yield PairView(self.passages, id="right")
        yield Static(Content(f"The terminal is too small: factdesk needs at least {MIN_WIDTH}x{MIN_HEIGHT}. "
                             "Make it larger, or press q to quit."), id="too-small")
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
        self.release_lock()

    # -- starting: the verdicts file, a recovery file, then loading ------------------------------

    async def startup(self) -> None:
        previous: Verdicts | None = None
        if not await self.share():
            return
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
        self.resume = pairs.last_reviewed(p.previous)
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
        checked = []
        for item, _, real in message.items:
            self.loaded.add(real)
            if not isinstance(item, Skipped):
                checked.append(item)
        if not checked:
            return
        first = not self.state.reports
        self.journal.update_all(lambda s: add_reports(s, checked, message.previous))
        state = self.state
        at = {r.file: i for i, r in enumerate(state.reports)}
        for index in sorted(at[item[1].file] for item in checked):
            self.reports.show_report(state, index)
        if first:
            self.refresh_bindings()
        if not self.resume_here(complete=False):
            self.refresh_view()

    def on_loader_done(self, message: Loader.Done) -> None:
        self.checking = False
        self.resume_here(complete=True)
        self.resume = None
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
            self.tell("Loading stopped; the reports checked stay in the review, and L loads the rest "
                      "(the header says how many are not loaded).")
        self.refresh_view()

    def resume_here(self, complete: bool) -> bool:
        """Until the user moves: select where the review left off (the pair after the one decided
        last that needs a person, else that one) once its report is loaded. True when it moved."""
        at = pairs.resume_at(self.state, self.resume, complete)
        if at is None or at == (self.report, self.claim):
            return False
        self.place(*at)
        return True

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

    def action_load_rest(self) -> None:
        self.start_loading(self.loader.rest())

    def loading_flags(self) -> str:
        left = self.loader.left
        return f"{left} report(s) not loaded (L)" if left and not self.checking else ""

    # -- what is shown ---------------------------------------------------------------------------

    @property
    def filtered(self) -> Filter:
        if self._filter[0] != self.filter:
            self._filter = (self.filter, Filter.parse(self.filter))
        return self._filter[1]

    def visible(self) -> list[int]:
        return self.filtered.claims(self.state)

    def listed(self, r: int, c: int, listed: set[int] | None = None) -> bool:
        """Is the pair shown by the filter (its claim listed, its verdict the one asked for)?"""
        return c in (listed if listed is not None else self.visible()) and self.filtered.pair_matches(self.state, r, c)

    def watch_selection(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        s = self.state
        self.query_one("#status", Panel).show(render.status(
            shown(self.file.path), self.file.stamp is not None, s.reviewed, s.total, self.dirty, s.reviewer,
            render.filter_label(self.filtered), width=self.app.size.width, tally=pairs.whole(s),
            flags=", ".join(filter(None, (self.sharing_flags(), self.loading_flags())))))
        self.claims.show(s, self.visible(), self.report, self.claim, self.filtered.problem)
        self.reports.select(self.report)
        self.refresh_pair()

    def refresh_pair(self) -> None:
        self.pair_view.show(self.state, self.source, self.selection, self.checking)

    def watch_left_shown(self, shown_: bool) -> None:
        self.query_one("#left").set_class(not shown_, "-hidden")

    def action_toggle_left(self) -> None:
        self.left_shown = not self.left_shown

    # -- moving ----------------------------------------------------------------------------------

    def select(self, report: int, claim: int) -> None:
        """Select a pair (the user's move: the review no longer resumes elsewhere by itself)."""
        self.resume = None
        if claim not in self.visible():
            self.set_filter("")
        self.place(report, claim)

    def place(self, report: int, claim: int) -> None:
        report = min(max(report, 0), max(len(self.state.reports) - 1, 0))
        claim = min(max(claim, 0), len(self.setup.rules.claims) - 1)
        self.show_selection(Selection(report, claim))

    def show_selection(self, selection: Selection) -> None:
        """Select and redraw (also when the selection is the same and the review changed)."""
        if selection == self.selection:
            self.refresh_view()
        else:
            self.selection = selection  # watch_selection redraws

    def matching_report(self, claim: int, direction: int = 1) -> int:
        """The report to show with `claim`: the selected one, or with a verdict in the filter, the
        nearest whose pair with the claim the filter shows."""
        n = len(self.state.reports)
        if not self.filtered.on_pairs or not n:
            return self.report
        for k in range(n):
            r = (self.report + direction * k) % n
            if self.filtered.pair_matches(self.state, r, claim):
                return r
        return self.report

    def action_claim(self, step: int) -> None:
        listed = self.visible()
        if listed:
            at = listed.index(self.claim) + step if self.claim in listed else 0
            claim = listed[min(max(at, 0), len(listed) - 1)]
            self.select(self.matching_report(claim), claim)

    def action_report(self, step: int) -> None:
        n = len(self.state.reports)
        if not n:
            return
        if self.filtered.on_pairs and self.claim in self.visible():
            for k in range(1, n + 1):
                r = (self.report + step * k) % n
                if self.filtered.pair_matches(self.state, r, self.claim):
                    self.select(r, self.claim)
                    return
        self.select((self.report + step) % n, self.claim)

    def action_passage(self, step: int) -> None:
        count = self.passages.count(self.state, self.report, self.claim)
        if count:
            self.selection = replace(self.selection, passage=(self.selection.passage + step) % count)

    def action_jump(self, kind: str, direction: int) -> None:
        """To the next or previous contradicted or conflicting pair ("problem"), or the next pair
        not reviewed yet ("unreviewed"), among the pairs the filter shows."""
        state, listed = self.state, set(self.visible())
        test = pairs.is_problem if kind == "problem" else pairs.needs_person
        found = pairs.step(state, self.report, self.claim, direction,
                           lambda r, c: test(state, r, c) and self.listed(r, c, listed))
        if found is None:
            what = "contradicted or conflicting pair" if kind == "problem" else "pair left to review"
            self.tell(f"No {what}" + (" among those the filter shows." if self.filter else "."), timeout=3)
        elif found == (self.report, self.claim):
            self.tell(f"This is the only {'contradicted or conflicting' if kind == 'problem' else 'unreviewed'} "
                      "pair.", timeout=3)
        else:
            self.select(*found)

    def on_claim_list_chosen(self, message: ClaimList.Chosen) -> None:
        self.select(self.matching_report(message.claim), message.claim)

    def on_report_list_chosen(self, message: ReportList.Chosen) -> None:
        self.select(message.report, self.claim)

    def action_filter(self) -> None:
        field = self.query_one("#filter", FilterInput)
        field.display = True
        field.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter = event.value
        self.follow_filter()

    @on(Input.Submitted, "#filter")
    def filter_kept(self) -> None:
        self.set_focus(None)
        if not self.filter:
            self.query_one("#filter").display = False

    def action_clear_filter(self) -> None:
        self.set_filter("")
        self.set_focus(None)

    def action_cycle_filter(self) -> None:
        self.set_filter(pairs.cycled(self.filter))
        if not self.visible():
            self.tell("No match for the filter.", timeout=3)

    def set_filter(self, value: str) -> None:
        field = self.query_one("#filter", FilterInput)
        with field.prevent(Input.Changed):
            field.value = value
        field.display = bool(value)
        self.filter = value
        self.follow_filter()

    def follow_filter(self) -> None:
        """After the filter changed: a pair it shows stays selected, else the first it shows."""
        listed = self.visible()
        at = Selection(self.report, self.claim)
        if listed and not self.listed(self.report, self.claim, set(listed)):
            claim = self.claim if self.claim in listed else listed[0]
            at = Selection(self.matching_report(claim), claim)
        self.show_selection(at if at != Selection(self.report, self.claim) else self.selection)
        self.refresh_bindings()

    # -- deciding --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in CHANGES:
            return None
        if action in ("decide", "note", "passage", "full_text"):
            return bool(self.state.reports) and self.claim in self.visible()
        if action in ("report", "matrix", "jump", "export"):
            return bool(self.state.reports)
        if action in ("open", "paste"):
            return not self.checking
        if action == "stop_loading":
            return self.checking
        if action == "load_rest":
            return bool(self.loader.left) and not self.checking
        if action == "save":
            return None if self.saving or not self.state.reports else True
        return True

    def active_bindings_for_palette(self) -> list[Binding]:
        """The screen's actions, each once (a binding with two keys is two active bindings)."""
        seen: dict[str, Binding] = {}
        for active in self.active_bindings.values():
            if active.node is self and active.enabled:
                seen.setdefault(active.binding.id or active.binding.action, active.binding)
        return list(seen.values())

    def action_decide(self, verdict: str) -> None:
        self.decide(verdict)

    def decide(self, verdict: str) -> None:
        """The selected pair decided (`verdict`, or "" for the checker's), then the next pair the
        filter shows that needs a person is selected."""
        r, c = self.report, self.claim
        state = set_verdict(self.state, r, c, Verdict(verdict) if verdict else None)
        self.change(state, (r, c))
        listed = set(self.visible())
        nxt = pairs.step(state, r, c, 1, lambda r2, c2: pairs.needs_person(state, r2, c2) and self.listed(r2, c2, listed))
        if nxt is None:
            self.tell("Every pair is reviewed. ctrl+s saves the verdicts." if not state.total - state.reviewed
                      else "Every pair the filter shows is reviewed.")
            self.refresh_view()
        else:
            self.select(*nxt)

    def action_undo(self) -> None:
        undone = self.journal.undo()
        if undone is None:
            self.tell("Nothing to undo.", timeout=3)
            return
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
        self.app.push_screen(Matrix(self))

    def action_full_text(self) -> None:
        current = self.passages.at(self.state, self.report, self.claim, self.selection.passage)
        item = current.shown
        other = (item.start, item.end, item.figures) if item is not None and current.kind != "evidence" else None
        self.app.push_screen(full_text(self.state, self.report, self.claim, self.selection.passage, other,
                                       self.app.size.width), self.passage_chosen)

    def passage_chosen(self, number: int | None) -> None:
        if number is not None:
            self.selection = replace(self.selection, passage=number)

    def action_export(self) -> None:
        kept = [self.file.path, Path(self.setup.rules.path), *filter(None, [self.setup.rules.source_path]),
                *map(Path, self.loaded)]
        export = Export(with_missing(to_verdicts(self.state), self.journal.missing), self.state.rules)
        self.app.push_screen(ExportDialog(export, self.file.path, kept),
                             lambda written: self.tell(said(written)) if written else None)

    def action_help(self) -> None:
        self.app.push_screen(Help(all_bindings(), self.app.keymap, self.setup.keymap_file))

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
            if not force and target is self.file and self.sharing == MERGE and target.changed_on_disk():
                if await self.merge_from_disk():  # alongside another review: take in its save first
                    target, entry = self.file, self.journal.history[-1]
            result = await asyncio.to_thread(self.journal.save, entry, target, force)
            if isinstance(result, Conflict):
                answer = await self.app.push_screen_wait(Choice(
                    "The verdicts file changed", render.message((shown(target.path), "bold"), f" {result.what}. "
                                                                "Overwriting it would lose those changes."),
                    [Answer("overwrite", "Overwrite", "o"), Answer("elsewhere", "Save elsewhere", "e"),
                     *([Answer("merge", "Merge", "m")] if result.ours else []), Answer("cancel", "Cancel", "c")]))
                if answer == "merge" and await self.merge_from_disk():  # theirs for the pairs not touched here
                    target, entry = self.file, self.journal.history[-1]
                    continue
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


def binding_groups() -> list[list[Binding]]:
    """The bindings of each place keys are pressed in: the review, its filter field, the matrix, the
    full text, the export dialog."""
    return [[b for b in bindings if isinstance(b, Binding)]
            for bindings in (ReviewScreen.BINDINGS, FilterInput.BINDINGS, Matrix.BINDINGS, FullText.BINDINGS,
                             ExportDialog.BINDINGS)]


def all_bindings() -> list[Binding]:
    """Every binding a keymap can rebind, each id once: the review's, then the matrix's own."""
    found: dict[str, Binding] = {}
    for b in (b for group in binding_groups() for b in group):
        if b.id:
            found.setdefault(b.id, b)
    return list(found.values())
