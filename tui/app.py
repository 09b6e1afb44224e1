"""The review App: a theme, the user's keymap, and the review screen as its default screen."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from factdesk.claims.rules import RuleSet
from factdesk.tui.keymap import keymap_path, load_keymap
from factdesk.tui.render import neutralise
from factdesk.tui.screens.review import ReviewScreen, Setup, all_bindings, binding_groups
from factdesk.tui.theme import keep_theme


class FactdeskApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "factdesk"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, setup: Setup, theme: str | None = None) -> None:
        super().__init__()
        self.setup = setup
        self.chosen_theme = theme
        self.keymap: dict[str, str] = {}

    def get_default_screen(self) -> Screen:
        return ReviewScreen(self.setup)

    @property
    def review(self) -> ReviewScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ReviewScreen)
        return screen

    def on_mount(self) -> None:
        self.exit_on_signals()
        if self.chosen_theme:
            self.theme = self.chosen_theme
        elif self.setup.keymap_file is not None:  # the theme is kept beside the keymap
            keep_theme(self, self.setup.keymap_file.with_name("theme.toml"))
        known = [b.id for b in all_bindings() if b.id]
        self.keymap, problems = load_keymap(self.setup.keymap_file, known)
        self.set_keymap(self.keymap)
        problems += keymap_clashes(self.keymap, binding_groups())
        for problem in problems:
            self.notify(neutralise(problem), severity="warning", markup=False, timeout=10)

    def exit_on_signals(self) -> None:
        """SIGTERM and SIGHUP end the App as a quit does, so the terminal is given back (the main
        screen, mouse tracking off); unlike a quit, the recovery file stays, to be offered next
        time. The exit code is the shell's for a program ended by the signal (143, 129)."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, self.exit, None, 128 + signum)
            except (NotImplementedError, RuntimeError):  # no such signals (Windows), or not the main thread
                pass

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """Nothing: the clashes are said once, naming both bindings, when the keymap is read
        (Textual calls this on every key pressed, and misses a default key given to another)."""

    async def action_quit(self) -> None:  # ctrl+q asks like q does
        self.review.action_quit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's, less those the review offers already ("Quit", "Keys": our quit and help)
        and those of no use here."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Maximize", "Minimize", "Quit", "Keys"):
                yield command


def keymap_clashes(keymap: Mapping[str, str], groups: Iterable[Iterable[Binding]]) -> list[str]:
    """What the keymap gives to two bindings of one screen: a key already another binding's (the
    keymap's wins), or one key given to two (the first binding listed wins), each once."""
    normal = App._normalize_keymap(dict(keymap))  # Textual's spelling ("?" is "question_mark")
    spelt = {norm: key.strip() for b_id, keys in keymap.items()
             for key, norm in zip(keys.split(","), normal[b_id].split(","))}
    said: list[str] = []
    for group in groups:
        bindings = [b for b in group if b.id]
        defaults = App._normalize_keymap({b.id: b.key for b in bindings if b.id})
        owners: dict[str, list[str]] = {}
        for b in bindings:
            assert b.id is not None
            for key in (normal.get(b.id) or defaults[b.id]).split(","):
                if b.id not in owners.setdefault(key, []):
                    owners[key].append(b.id)
        for key, ids in owners.items():
            given = [i for i in ids if i in keymap]
            had = [i for i in ids if i not in keymap]
            if len(ids) < 2 or not given:
                continue
            if had:
                message = (f"Keymap: {spelt.get(key, key)} is given to {given[0]} but is already {had[0]}'s key; "
                           f"{given[0]} gets it. Give {had[0]} another key in the keymap.")
            else:
                message = (f"Keymap: {spelt.get(key, key)} is given to both {given[0]} and {given[1]}; "
                           f"{given[0]} gets it.")
            if message not in said:
                said.append(message)
    return said


def run_review(rules: RuleSet, rules_path: str | Path, paths: Sequence[str], verdicts_path: str | Path,
               *, reviewer: str | None = None) -> int:
    """Open the review screen; the exit code is 0, or 2 when the review could not start."""
    setup = Setup(rules, str(rules_path), tuple(paths), Path(verdicts_path), reviewer, keymap_path())
    app = FactdeskApp(setup)
    app.run()
    return app.return_code or 0
