"""Helpers for driving the review screen with Pilot, and reading what it shows."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerState

from factdesk.claims.rules import load_rules
from factdesk.tui.app import FactdeskApp
from factdesk.tui.screens.review import ReviewScreen, Setup

ROOT = Path(__file__).resolve().parents[2]
RULES = "rules/cambodia-scam-crackdown.yaml"
SOURCE = "seeds/cambodia-scam-crackdown-taipei-times-2025-07-17.txt"
SAMPLES = ("01-wire-agreement.txt", "02-cumulative-tally.txt", "03-hedged-figures.txt")


@dataclass(frozen=True)
class Desk:
    root: Path
    rules: str = RULES
    reports: str = "reports"
    verdicts: str = "rules/cambodia-scam-crackdown.verdicts.yaml"

    def app(self, *paths: str, given: tuple[str, ...] | None = None, rules: str | None = None,
            verdicts: str | None = None, keymap: Path | None = None, reviewer: str = "tester") -> FactdeskApp:
        """The review app as `factdesk review RULES PATHS --verdicts FILE` would start it
        (`given` replaces the paths, even with none)."""
        rules = rules or self.rules
        setup = Setup(load_rules(rules), rules, given if given is not None else paths or (self.reports,),
                      Path(verdicts or self.verdicts), reviewer, keymap)
        return FactdeskApp(setup, theme="textual-dark")

    def path(self, name: str) -> Path:
        return self.root / name


def keymap_file(folder: Path, entries: dict[str, str]) -> Path:
    """A keymap.toml in `folder` binding each id of `entries` to its keys."""
    path = folder / "keymap.toml"
    path.write_text("[keymap]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in entries.items()), encoding="utf-8")
    return path


async def until(pilot: Pilot, done: Callable[[], bool], timeout: float = 30.0) -> None:
    """Let the app run until `done()` holds (and the screen has caught up)."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)
    await pilot.pause()


async def loaded(pilot: Pilot, reports: int | None = None) -> ReviewScreen:
    """Wait until the review has started and finished checking its reports."""
    review = review_of(pilot.app)
    await until(pilot, lambda: idle(pilot.app) and (reports is None or len(review.state.reports) == reports))
    await pilot.pause()
    return review


async def palette(pilot: Pilot, query: str) -> None:
    """Open the command palette and type `query` (its matches shown; enter runs the first)."""
    await pilot.press("ctrl+p")
    await pilot.pause(0.2)
    await pilot.press(*query)
    await pilot.pause(0.5)


def idle(app: App) -> bool:
    """No worker (starting, loading, autosaving, saving) is under way."""
    return not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


def review_of(app: App) -> ReviewScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReviewScreen)
    return screen


def text(app: App, selector: str) -> str:
    """The plain text a Static on the active screen shows."""
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Content) else str(content)


def screen_text(app: App) -> str:
    """Every character on the terminal, line by line (what a user sees)."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def pilot_test(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test function (its fixtures are those of the coroutine function)."""
    @functools.wraps(test)
    def run(*args: object, **kwargs: object) -> None:
        asyncio.run(test(*args, **kwargs))
    return run


def toasts(app: App) -> str:
    """The text of the notifications on screen."""
    from textual.widgets._toast import Toast

    return " ".join(str(getattr(t.render(), "plain", t.render())) for t in app.screen.query(Toast))
