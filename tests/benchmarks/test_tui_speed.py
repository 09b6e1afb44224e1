"""Speed of the review screen: the first screen, and one navigation key with 200 reports.

Targets: the first screen within 1 s of launch; a navigation key handled within 50 ms.

A. First screen, on the bundled example (15 reports), at 120x40:
   - `factdesk review` as a user starts it: a child process on a pseudo-terminal (pty_term.py),
     from just before the fork to the end of the first complete frame of the review screen (every
     row drawn, "Claims" and "Reports" on it). We answer Textual's query for synchronized output,
     so every frame ends with an explicit marker and its end is exact. Baseline: an empty Textual
     App the same way. Also shown: until all 15 reports are checked (the status line says so).
   - in-process with Pilot (App.run_test, headless): from creating the FactdeskApp to its review
     screen's mount and to the end of its first compositor refresh (the first frame drawn).
     Interpreter start and imports are not in it (they are in the pty measure).
B. One navigation key (j, k, tab, ]) with 200 reports loaded (the 15 samples copied under 200
   names), with Pilot at 120x40; j and k alternate, so every press moves. Per press:
   - key -> screen settled [the target]: from the key event's dispatch (the start of
     `await pilot.press(key)`, which posts it at once) to the end of the last frame the key caused.
     A frame is the end of a `Screen._compositor_refresh` of the screen on top (Textual renders
     the changed regions there; headless it skips only the writing of escape codes). Frames are
     collected through `await pilot.press(key)`, `await pilot.pause()` and until no frame came for
     FRAME_QUIET s. Textual paints at most 60 frames/s, so a key that needs two layouts waits for
     the frame timer in between.
   - key -> first frame: to the end of the first of those frames (what the user sees first).
   - pilot.press wall: the whole `await pilot.press(key)`, which also sleeps while Pilot waits for
     idle (twice at least 20 ms): the empty-App baseline shows that floor.
   - CPU per key: the process's CPU time over the press and the settling.
   Baselines, the same size: an empty App (no widget; an unbound key) and a one-Static App whose
   key rewrites its Static. As information, a key in a real terminal: `factdesk review` on the
   200 reports in a pseudo-terminal, from writing the key to the end of the last frame before
   0.15 s of silence (escape codes written and read included).

Knobs: BENCH_QUICK=1 (fewer rounds and presses), BENCH_TUI_ROUNDS, BENCH_TUI_PRESSES.
"""

from __future__ import annotations

import asyncio
import math
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench_harness import QUICK, REPO, env_int, factdesk_command, spread

pty_term = pytest.importorskip("pty_term", reason="needs a POSIX pseudo-terminal")

from textual.app import App, ComposeResult  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Static  # noqa: E402
from textual.worker import WorkerState  # noqa: E402

from factdesk.claims.rules import load_rules  # noqa: E402
from factdesk.tui.app import FactdeskApp  # noqa: E402
from factdesk.tui.screens.review import ReviewScreen, Setup  # noqa: E402

SIZE = (120, 40)
N_REPORTS = 200
KEYS = ("j", "k", "tab", "]")
PTY_KEYS = {"j": b"j", "k": b"k", "tab": b"\t", "]": b"]"}
ROUNDS = env_int("BENCH_TUI_ROUNDS", 3 if QUICK else 5)
PRESSES = env_int("BENCH_TUI_PRESSES", 10 if QUICK else 30)
FRAME_QUIET = 0.05  # s without a frame: the screen has settled
FIRST_SCREEN_MAX = 1.0  # s
KEY_MAX = 0.050  # s

RULES = "rules/cambodia-scam-crackdown.yaml"
SOURCE = "seeds/cambodia-scam-crackdown-taipei-times-2025-07-17.txt"
SAMPLES = REPO / "seeds" / "reports"
REPORT_SUFFIXES = (".txt", ".md", ".html")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ms(xs: list[float]) -> str:
    return spread([x * 1000 for x in xs], "{:.1f}") + " ms" if xs else "n/a"


def secs(xs: list[float]) -> str:
    return spread(xs, "{:.2f}") + " s" if xs else "n/a"


def fail_if_missed(rows) -> None:
    missed = [f"{r.measure}: {r.value} (target {r.target})" for r in rows if r.passed is False]
    if missed:
        pytest.fail("targets missed:\n  " + "\n  ".join(missed), pytrace=False)


def child_env(config: Path) -> dict[str, str]:
    """The environment of a program on a pseudo-terminal: a colour terminal, no user keymap."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL") and k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm-256color", XDG_CONFIG_HOME=str(config))
    return env


def samples() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in REPORT_SUFFIXES)


@pytest.fixture(scope="session")
def desk200(tmp_path_factory) -> Path:
    """Rules, their source article and 200 reports (the samples, copied under other names)."""
    root = tmp_path_factory.mktemp("desk200")
    for name in (RULES, SOURCE):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    (root / "reports").mkdir()
    files = samples()
    for i in range(N_REPORTS):
        src = files[i % len(files)]
        shutil.copy(src, root / "reports" / f"{i:03d}-{src.name}")
    return root


def desk_app(root: Path) -> FactdeskApp:
    rules = root / RULES
    setup = Setup(load_rules(str(rules)), str(rules), (str(root / "reports"),), root / "bench.verdicts.yaml",
                  "bench", None)
    return FactdeskApp(setup, theme="textual-dark")


# ---------------------------------------------------------------------------------------------
# Frames, in-process: the end of every compositor refresh of the screen on top
# ---------------------------------------------------------------------------------------------


@contextmanager
def frame_clock() -> Iterator[list[tuple[Screen, float]]]:
    frames: list[tuple[Screen, float]] = []
    original = Screen._compositor_refresh

    def refresh(self: Screen) -> None:
        original(self)
        if self.is_current:
            frames.append((self, time.perf_counter()))

    Screen._compositor_refresh = refresh  # type: ignore[method-assign]
    try:
        yield frames
    finally:
        Screen._compositor_refresh = original  # type: ignore[method-assign]


async def wait_for(pilot, done: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


def settled(app: App) -> bool:
    return not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


# ---------------------------------------------------------------------------------------------
# Baseline apps
# ---------------------------------------------------------------------------------------------


class EmptyApp(App[None]):
    """Nothing on screen; no key is bound."""


class OneStaticApp(App[None]):
    """One Static; j, k, tab and ] rewrite it (the least redraw a key can cause)."""

    BINDINGS = [Binding(k, "bump", "") for k in KEYS]

    def compose(self) -> ComposeResult:
        yield Static("0", id="count")

    def action_bump(self) -> None:
        n = int(str(self.query_one(Static).content)) + 1
        self.query_one(Static).update(str(n))


EMPTY_APP_SCRIPT = "from textual.app import App\nApp().run()\n"


# ---------------------------------------------------------------------------------------------
# A. The first screen
# ---------------------------------------------------------------------------------------------


def review_drawn(grid) -> bool:
    text = grid.text()
    return grid.full() and "Claims" in text and "Reports" in text


def pty_first_screen(argv: list[str], done: Callable, env: dict[str, str], cwd: Path,
                     all_checked: Callable | None = None) -> tuple[float | None, float | None]:
    child = pty_term.PtyChild(argv, SIZE, env=env, cwd=str(cwd))
    try:
        first = child.until(done, 30)
        checked = child.until(all_checked, 60) if all_checked and first is not None else None
    finally:
        code = child.close()
    if first is None:
        raise AssertionError(f"{argv[0]}: no first frame (exit {code}); on screen:\n{child.grid.text()}")
    return first - child.started, (checked - child.started) if checked is not None else None


async def in_process_first_screen(make: Callable[[], App]) -> tuple[float, float]:
    """Seconds from creating the app to its first frame, and to the mount of its first screen."""
    mounted: list[float] = []
    with frame_clock() as frames:
        t = time.perf_counter()
        app = make()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: bool(frames), 30)
            screen = frames[0][0]
            mounted.append(getattr(screen, "_bench_mounted", math.nan))
            first = frames[0][1] - t
            if isinstance(app, FactdeskApp):  # let it start checking, as it would, before it quits
                await wait_for(pilot, lambda: bool(app.review.state.reports) or settled(app), 30)
    return first, mounted[0] - t


def test_first_screen(bench_report, tmp_path, monkeypatch):
    rules = load_rules(str(REPO / RULES))
    n_pairs = len(rules.claims) * len(samples())
    env = child_env(tmp_path / "config")
    review = [*factdesk_command(), "review", "--verdicts", str(tmp_path / "bench.verdicts.yaml")]
    empty = [sys.executable, "-c", EMPTY_APP_SCRIPT]
    factdesk_first, factdesk_all, empty_first = [], [], []
    for r in range(ROUNDS):
        first, checked = pty_first_screen(review, review_drawn, env, tmp_path,
                                          lambda g: f" of {n_pairs} pairs reviewed" in g.text())
        factdesk_first.append(first)
        if checked is not None:
            factdesk_all.append(checked)
        empty_first.append(pty_first_screen(empty, lambda g: g.full(), env, tmp_path)[0])
        log(f"  round {r + 1}: factdesk first screen {first:.3f} s, all checked "
            f"{checked if checked is None else round(checked, 3)} s; empty App {empty_first[-1]:.3f} s")

    # in-process: when did the review screen mount?
    original = ReviewScreen.on_mount

    def on_mount(self: ReviewScreen) -> None:
        self._bench_mounted = time.perf_counter()
        original(self)

    monkeypatch.setattr(ReviewScreen, "on_mount", on_mount)
    monkeypatch.chdir(tmp_path)
    setup = Setup(rules, str(REPO / RULES), (str(SAMPLES),), tmp_path / "inproc.verdicts.yaml", "bench", None)
    inproc_first, inproc_mount, inproc_empty = [], [], []
    for r in range(ROUNDS):
        first, mount = asyncio.run(in_process_first_screen(lambda: FactdeskApp(setup, theme="textual-dark")))
        inproc_first.append(first)
        inproc_mount.append(mount)
        inproc_empty.append(asyncio.run(in_process_first_screen(EmptyApp))[0])
        log(f"  in-process round {r + 1}: review mounted {mount * 1000:.1f} ms, first frame "
            f"{first * 1000:.1f} ms; empty App first frame {inproc_empty[-1] * 1000:.1f} ms")

    target = f"< {FIRST_SCREEN_MAX:g} s"
    rows = [
        bench_report.add("TUI A. first screen: `factdesk review` in a pty, bundled example, 120x40 "
                         "(process start → first full frame)", secs(factdesk_first), target,
                         statistics.median(factdesk_first) < FIRST_SCREEN_MAX),
        bench_report.add("TUI A. baseline: empty Textual App in a pty (process start → first frame)",
                         secs(empty_first), "", None),
        bench_report.add(f"TUI A. the 15 bundled reports checked ({n_pairs} pairs in the status line), pty",
                         secs(factdesk_all), "", None),
        bench_report.add("TUI A. first screen in-process, Pilot (App created → first frame of the review)",
                         ms(inproc_first), target, statistics.median(inproc_first) < FIRST_SCREEN_MAX,
                         f"review screen mounted at {ms(inproc_mount)}"),
        bench_report.add("TUI A. baseline: empty App in-process (App created → first frame)",
                         ms(inproc_empty), "", None),
    ]
    fail_if_missed(rows)


# ---------------------------------------------------------------------------------------------
# B. One navigation key
# ---------------------------------------------------------------------------------------------


class KeyTimes:
    def __init__(self) -> None:
        self.settled: list[float] = []
        self.first: list[float] = []
        self.press: list[float] = []
        self.cpu: list[float] = []


async def time_keys(app: App, ready: Callable, presses: int, keys: tuple[str, ...],
                    alternate: tuple[str, str] | None = ("j", "k")) -> dict[str, KeyTimes]:
    times = {k: KeyTimes() for k in keys}
    with frame_clock() as frames:
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            for key in keys:
                if alternate and key in alternate:
                    if key == alternate[1]:
                        continue  # timed with the other
                    sequence = [alternate[i % 2] for i in range(2 * presses)]
                else:
                    sequence = [key] * presses
                await pilot.press(sequence[0])  # a first press, not timed (caches, lazy imports)
                await pilot.pause()
                for k in sequence:
                    del frames[:]
                    cpu = time.process_time()
                    t = time.perf_counter()
                    await pilot.press(k)
                    press = time.perf_counter() - t
                    await pilot.pause()
                    while frames and time.perf_counter() - frames[-1][1] < FRAME_QUIET:
                        await asyncio.sleep(0.01)
                    got = times[k]
                    got.cpu.append(time.process_time() - cpu)
                    got.press.append(press)
                    ours = [at for screen, at in frames if screen is app.screen]
                    if ours:
                        got.first.append(ours[0] - t)
                        got.settled.append(ours[-1] - t)
    return times


def test_navigation_key(bench_report, desk200, tmp_path):
    async def review_ready(pilot) -> None:
        app = pilot.app
        await wait_for(pilot, lambda: settled(app) and len(app.review.state.reports) == N_REPORTS, 300)
        await pilot.pause()

    async def ready(pilot) -> None:
        await pilot.pause()

    t = time.perf_counter()
    review = asyncio.run(time_keys(desk_app(desk200), review_ready, PRESSES, KEYS))
    log(f"  review: {PRESSES} presses of each key in {time.perf_counter() - t:.1f} s (loading included)")
    one_static = asyncio.run(time_keys(OneStaticApp(), ready, PRESSES, ("j",), alternate=None))["j"]
    empty = asyncio.run(time_keys(EmptyApp(), ready, PRESSES, ("j",), alternate=None))["j"]

    pty_keys = pty_key_times(desk200, tmp_path)

    target = f"< {KEY_MAX * 1000:g} ms"
    rows = []
    for key in KEYS:
        got = review[key]
        passed = bool(got.settled) and statistics.median(got.settled) < KEY_MAX
        rows.append(bench_report.add(
            f"TUI B. key `{key}`, {N_REPORTS} reports, Pilot 120x40: key → screen settled", ms(got.settled),
            target, passed, f"first frame {ms(got.first)}; pilot.press wall {ms(got.press)}; "
            f"CPU {ms(got.cpu)}; {len(got.settled)} of {len(got.press)} presses drew"))
    bench_report.add("TUI B. baseline: one-Static App, key → screen settled", ms(one_static.settled), "", None,
                     f"pilot.press wall {ms(one_static.press)}; CPU {ms(one_static.cpu)}")
    bench_report.add("TUI B. baseline: empty App (key unbound), pilot.press wall", ms(empty.press), "", None,
                     f"CPU {ms(empty.cpu)}; Pilot's own waiting for idle")
    for key, (first, last) in pty_keys.items():
        bench_report.add(f"TUI B. key `{key}`, {N_REPORTS} reports, `factdesk review` in a pty: key → last frame",
                         ms(last), "", None, f"first frame {ms(first)}")
    fail_if_missed(rows)


def pty_key_times(desk: Path, scratch: Path) -> dict[str, tuple[list[float], list[float]]]:
    """Each key typed into `factdesk review` on the 200 reports in a pseudo-terminal."""
    argv = [*factdesk_command(), "review", str(desk / RULES), str(desk / "reports"),
            "--verdicts", str(scratch / "pty.verdicts.yaml")]
    child = pty_term.PtyChild(argv, SIZE, env=child_env(scratch / "config"), cwd=str(desk))
    out: dict[str, tuple[list[float], list[float]]] = {}
    try:
        n_pairs = len(load_rules(str(desk / RULES)).claims) * N_REPORTS
        if child.until(lambda g: f" of {n_pairs} pairs reviewed" in g.text(), 300) is None:
            log("  pty: the 200 reports did not load; no key timed")
            return out
        child.quiet(0.3)
        presses = min(PRESSES, 15)
        for key in KEYS:
            if key == "k":
                continue
            sequence = ["j", "k"] * presses if key == "j" else [key] * presses
            child.key(PTY_KEYS[sequence[0]])  # not timed
            for k in sequence:
                got = child.key(PTY_KEYS[k])
                if got is not None:
                    first, last = out.setdefault(k, ([], []))
                    first.append(got[0])
                    last.append(got[1])
    finally:
        child.close()
    return {k: out[k] for k in KEYS if k in out}
