"""Exporting the review from the screen (ctrl+e): a format, a file (offered beside the verdicts
file, never in an installed package) and, for a ClaimReview, who publishes it and where. What is
exported is the review as it is on screen, saved or not; the formats are claims/exports.py's."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from factdesk.claims.exports import FORMATS, Export, ExportOptions, url_problem
from factdesk.claims.formats import write_atomic
from factdesk.tui.render import line, neutralise
from factdesk.tui.screens.dialogs import PathCompleter
from factdesk.tui.session import export_path, installed, shown
from factdesk.tui.widgets.fields import SafeInput

NEEDS_PUBLISHER = "a ClaimReview needs the review's URL and a publisher to be used by search engines"


@dataclass(frozen=True)
class Written:
    """An export written: where, in which format, and what to say of it."""

    path: Path
    format: str
    warning: str = ""


def refusal(target: Path, kept: Iterable[Path]) -> str | None:
    """Why an export must not be written at `target` (the review's own files, an installed
    package, a folder), or None."""
    real = os.path.realpath(target)
    if any(real == os.path.realpath(p) for p in kept):
        return f"{shown(target)} is one of the review's own files (its verdicts, rules or a report); not overwritten."
    if installed(target):
        return f"{shown(target)} is inside an installed package, which an upgrade deletes; choose another folder."
    if os.path.isdir(target):
        return f"{shown(target)} is a folder; give a file name."
    return None


def write_export(export: Export, fmt: str, target: Path, options: ExportOptions) -> None:
    """Render and write atomically (the previous file kept as .bak); OSError when refused."""
    write_atomic(target, FORMATS[fmt].render(export, options))


class ExportDialog(ModalScreen[Written | None]):
    """Dismissed with what was written, or None when cancelled; a problem keeps it open."""

    BINDINGS = [Binding("ctrl+s", "export", "export", priority=True, id="export.write",
                        tooltip="export dialog: write the file (enter in a field too)"),
                Binding("escape", "cancel", "cancel", id="export.cancel", tooltip="export dialog: cancel")]

    def __init__(self, export: Export, verdicts: Path, kept: Iterable[Path]) -> None:
        super().__init__(classes="dialog")
        self.export, self.verdicts, self.kept = export, verdicts, list(kept)
        self.format = "markdown"
        self.offered = str(export_path(verdicts, FORMATS[self.format].suffix))  # "" once the user edits it

    def compose(self) -> ComposeResult:
        with Vertical(classes="box export"):
            yield Static(Content("Export the review"), classes="title")
            yield Static(Content("The review as it is on screen, saved or not."), classes="message")
            with RadioSet(id="export-format"):
                for i, f in enumerate(FORMATS.values()):
                    yield RadioButton(Content.assemble((f.name, "bold"), f": {f.description}"), value=i == 0,
                                      name=f.name)
            with Horizontal(classes="fields top"):
                yield Static(Content("file"), classes="label")
                yield SafeInput(self.offered, id="export-path", suggester=PathCompleter(), compact=True)
            with Horizontal(classes="fields claimreview"):
                yield Static(Content("publisher"), classes="label")
                yield SafeInput(placeholder="e.g. The Desk", id="export-publisher", compact=True)
            with Horizontal(classes="fields claimreview"):
                yield Static(Content("URL"), classes="label")
                yield SafeInput(placeholder="https://… (the review's page)", id="export-url", compact=True)
            yield Static(Content(""), id="export-problem", classes="problem")
            yield Static(Content("enter or ctrl+s: export   escape: cancel   right: complete the path"), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Export (ctrl+s)", name="export", variant="primary", compact=True)
                yield Button("Cancel (escape)", name="cancel", compact=True)

    def on_mount(self) -> None:
        self.show_fields()
        self.query_one(RadioSet).focus()

    def show_fields(self) -> None:
        for row in self.query(".claimreview"):
            row.display = self.format == "claimreview"

    @on(RadioSet.Changed)
    def format_chosen(self, event: RadioSet.Changed) -> None:
        self.format = event.pressed.name or "markdown"
        self.show_fields()
        field = self.query_one("#export-path", Input)
        if field.value == self.offered:  # not edited: it follows the format
            self.offered = str(export_path(self.verdicts, FORMATS[self.format].suffix))
            field.value = self.offered

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_export() if event.button.name == "export" else self.action_cancel()

    def action_export(self) -> None:
        self.run_worker(self.write(), group="export", exclusive=True, exit_on_error=False)

    async def write(self) -> None:
        value = lambda name: line(self.query_one(f"#export-{name}", Input).value)  # noqa: E731
        path = os.path.expanduser(value("path"))
        if not path:
            return self.problem("Give the file to write.", "#export-path")
        target = Path(path)
        if (why := refusal(target, self.kept)) is not None:
            return self.problem(why, "#export-path")
        publisher, url = (value("publisher"), value("url")) if self.format == "claimreview" else ("", "")
        if url and (why := url_problem(url)):
            return self.problem(f"The URL: {why}.", "#export-url")
        try:
            await asyncio.to_thread(write_export, self.export, self.format, target, ExportOptions(publisher, url))
        except OSError as exc:
            return self.problem(f"Cannot write {shown(target)}: {exc.strerror or exc}", "#export-path")
        except Exception as exc:  # noqa: BLE001 (whatever it is, it is said here, never a traceback)
            return self.problem(f"Cannot export: {type(exc).__name__}: {exc}", "#export-path")
        warning = NEEDS_PUBLISHER if self.format == "claimreview" and not (publisher and url) else ""
        self.dismiss(Written(target, self.format, warning))

    def problem(self, message: str, focus: str) -> None:
        shown_problem = self.query_one("#export-problem", Static)
        shown_problem.update(Content(neutralise(message)))
        shown_problem.display = True
        self.query_one(focus).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


def said(written: Written | None) -> str:
    """What the review says once an export is written ("" when cancelled)."""
    if written is None:
        return ""
    text = f"Exported ({written.format}) to {shown(written.path)}"
    return f"{text}; {written.warning}" if written.warning else text
