"""The review App: a theme, the user's keymap, and the review screen as its default screen."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable, Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from factdesk.claims.rules import RuleSet
from factdesk.tui.keymap import keymap_path, load_keymap
from factdesk.tui.render import neutralise
from factdesk.tui.screens.export import ExportDialog
from factdesk.tui.screens.fulltext import FullText
from factdesk.tui.screens.review import ReviewScreen, Setup
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
        known = [b.id for screen in (ReviewScreen, FullText, ExportDialog) for b in screen.BINDINGS if isinstance(b, Binding) and b.id]
        self.keymap, problems = load_keymap(self.setup.keymap_file, known)
        self.set_keymap(self.keymap)
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
        keys = ", ".join(sorted({b.key for b in clashed_bindings}))
        self.notify(neutralise(f"Keymap: {keys} is bound twice; one of them wins."), severity="warning",
                    markup=False)

    async def action_quit(self) -> None:  # ctrl+q asks like q does
        self.review.action_quit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Maximize", "Minimize"):
                yield command


def run_review(rules: RuleSet, rules_path: str | Path, paths: Sequence[str], verdicts_path: str | Path,
               *, reviewer: str | None = None) -> int:
    """Open the review screen; the exit code is 0, or 2 when the review could not start."""
    setup = Setup(rules, str(rules_path), tuple(paths), Path(verdicts_path), reviewer, keymap_path())
    app = FactdeskApp(setup)
    app.run()
    return app.return_code or 0
