"""Modal dialogs: a choice between a few answers, a path, a note, a pasted report.

Each fits a terminal of 80x24."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Static, TextArea

from factdesk.tui.render import line
from factdesk.tui.session import Pasted, complete_path, first_headline, pasted_text
from factdesk.tui.widgets.fields import SafeInput, SafeTextArea


@dataclass(frozen=True)
class Answer:
    value: str
    label: str  # ours, never untrusted
    key: str


class Choice(ModalScreen[str]):
    """A question with a few answers, each a button and a key; escape gives the last answer."""

    def __init__(self, title: str, message: Content, answers: list[Answer]) -> None:
        super().__init__(classes="dialog")
        self.heading, self.message, self.answers = title, message, answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(Content(self.heading), classes="title")
            yield Static(self.message, classes="message")
            with Horizontal(classes="buttons"):
                for i, a in enumerate(self.answers):
                    yield Button(f"{a.label} ({a.key})", name=a.value, variant="primary" if i == 0 else "default")

    def on_key(self, event: events.Key) -> None:
        for a in self.answers:
            if event.key == a.key:
                event.stop()
                self.dismiss(a.value)
                return
        if event.key == "escape":
            event.stop()
            self.dismiss(self.answers[-1].value)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.name or self.answers[-1].value)


class Ask(ModalScreen[str | None]):
    """One line of text (a note, a path); enter accepts, escape cancels with None."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="dialog.cancel")]

    def __init__(self, title: str, message: Content, value: str = "", *, path: bool = False,
                 placeholder: str = "") -> None:
        super().__init__(classes="dialog")
        self.heading, self.message, self.value, self.path = title, message, value, path
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(Content(self.heading), classes="title")
            yield Static(self.message, classes="message")
            yield SafeInput(self.value, placeholder=self.placeholder,
                            suggester=PathCompleter() if self.path else None)
            hint = "enter: ok   escape: cancel" + ("   right: complete the path" if self.path else "")
            yield Static(Content(hint), classes="hint")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PathCompleter(Suggester):
    """Completes a path from what is on disk, as a shell does: up to the next folder, never
    into it, and only as far as the names it may go on to agree (see session.complete_path)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value)


class TextField(SafeTextArea):
    """A multi-line field: pasted CR and CRLF line ends (tmux and most terminals paste with CR)
    become line breaks, not the '␍' symbol, and other control characters are shown as symbols."""

    def _on_paste(self, event: events.Paste) -> None:  # then SafeTextArea's, then TextArea's
        event.text = pasted_text(event.text)


class Note(Ask):
    """A note for a pair, on as many lines as it needs: ctrl+s keeps it, escape cancels (None)."""

    BINDINGS = [Binding("ctrl+s", "keep", "keep the note", priority=True, id="note.keep"),
                Binding("escape", "cancel", "cancel", id="note.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(Content(self.heading), classes="title")
            yield Static(self.message, classes="message")
            yield TextField(self.value, soft_wrap=True, id="note-text", placeholder=self.placeholder)
            yield Static(Content("ctrl+s: keep the note   escape: cancel   enter: a new line"), classes="hint")

    def on_mount(self) -> None:
        field = self.query_one(TextField)
        field.move_cursor(field.document.end)

    def action_keep(self) -> None:
        self.dismiss(self.query_one(TextField).text.strip())


class Paste(ModalScreen[Pasted | None]):
    """A report pasted as text, with its title, outlet, date and URL (each optional): the file it
    is kept in is named after the title, which is taken from a pasted headline until one is typed."""

    BINDINGS = [Binding("ctrl+s", "add", "add the report", priority=True, id="paste.add"),
                Binding("escape", "cancel", "cancel", id="paste.cancel")]

    def __init__(self, *, classes: str = "dialog") -> None:
        super().__init__(classes=classes)
        self.auto_title = ""  # the title last filled in from the headline ("" once the user typed one)

    def compose(self) -> ComposeResult:
        with Vertical(classes="box wide paste"):
            yield Static(Content("Paste a report"), classes="title")
            yield Static(Content("Paste or type its text; tab to its title, outlet, date and URL (all "
                                 "optional). It is kept beside the verdicts, named after its title."),
                         classes="message")
            yield TextField(soft_wrap=True, id="paste-text")
            with Horizontal(classes="fields top"):
                yield Static(Content("title"), classes="label")
                yield SafeInput(placeholder="headline (from the first line if it is one)", id="paste-title",
                                compact=True)
            with Horizontal(classes="fields"):
                yield Static(Content("outlet"), classes="label")
                yield SafeInput(placeholder="e.g. Reuters", id="paste-outlet", compact=True)
                yield Static(Content("date"), classes="label short")
                yield SafeInput(placeholder="YYYY-MM-DD", id="paste-published", compact=True)
                yield Static(Content("URL"), classes="label short")
                yield SafeInput(placeholder="https://…", id="paste-url", compact=True)
            yield Static(Content(""), id="paste-problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Add report (ctrl+s)", name="add", variant="primary", compact=True)
                yield Button("Cancel (escape)", name="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#paste-text").focus()

    @on(TextArea.Changed, "#paste-text")
    def text_changed(self, event: TextArea.Changed) -> None:
        title = self.query_one("#paste-title", Input)
        if title.value == self.auto_title:
            self.auto_title = first_headline(event.text_area.text)
            with title.prevent(Input.Changed):
                title.value = self.auto_title

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_add() if event.button.name == "add" else self.action_cancel()

    def action_add(self) -> None:
        field = lambda name: line(self.query_one(f"#paste-{name}", Input).value)  # noqa: E731
        published: date | None = None
        if when := field("published"):
            try:
                published = date.fromisoformat(when) if len(when) == 10 else None
            except ValueError:
                published = None
            if published is None:
                self.problem("The date is read as YYYY-MM-DD, e.g. 2025-07-17.", "#paste-published")
                return
        url = field("url")
        if url and (" " in url or "://" not in url):
            self.problem("The URL needs its scheme, e.g. https://example.com/story.", "#paste-url")
            return
        text = pasted_text(self.query_one(TextField).text)
        if not text.strip():
            self.problem("Nothing is pasted yet.", "#paste-text")
            return
        self.dismiss(Pasted(text, field("title"), field("outlet"), published, url))

    def problem(self, message: str, focus: str) -> None:
        shown = self.query_one("#paste-problem", Static)
        shown.update(Content(message))
        shown.display = True
        self.query_one(focus).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
