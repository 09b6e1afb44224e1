"""Modal dialogs: a choice between a few answers, a path, a note, a pasted report."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from factdesk.tui.widgets.fields import PathSuggester, SafeInput, SafeTextArea


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
                            suggester=PathSuggester() if self.path else None)
            hint = "enter: ok   escape: cancel" + ("   right: complete the path" if self.path else "")
            yield Static(Content(hint), classes="hint")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Paste(ModalScreen[str | None]):
    """A report pasted as text."""

    BINDINGS = [Binding("ctrl+s", "add", "add the report", priority=True, id="paste.add"),
                Binding("escape", "cancel", "cancel", id="paste.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="box wide"):
            yield Static(Content("Paste a report"), classes="title")
            yield Static(Content("Paste or type the report's text. It is kept as a file beside the "
                                 "verdicts, so the review can resume."), classes="message")
            yield SafeTextArea(soft_wrap=True, id="paste-text")
            with Horizontal(classes="buttons"):
                yield Button("Add report (ctrl+s)", name="add", variant="primary")
                yield Button("Cancel (escape)", name="cancel")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_add() if event.button.name == "add" else self.action_cancel()

    def action_add(self) -> None:
        self.dismiss(self.query_one(SafeTextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
