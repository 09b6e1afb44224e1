"""Running children, timing them, and reporting: the machinery of the speed benchmarks.

Every measured program runs as a child process (the whole process: interpreter start, imports,
work, output), started by a small launcher (spawn.py) so that its peak RSS is its own. Its wall
time, CPU time and peak RSS come from the launcher's clock and the rusage os.wait4 returns. Variants of one measure run interleaved, round after
round, in a rotating order, so that a noisy neighbour slows all of them alike; ratios are taken
per round (paired) and reported as the median with the spread (min-max) over the rounds.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
RULES = REPO / "rules" / "cambodia-scam-crackdown.yaml"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    return float(value) if value.strip() else default


def factdesk_command() -> list[str]:
    """The checker as a user runs it: the `factdesk` script beside this Python, else `-m`."""
    override = os.environ.get("BENCH_FACTDESK")
    if override:
        return override.split()
    script = Path(sys.executable).with_name("factdesk")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "factdesk.tui.cli"]


# ---------------------------------------------------------------------------------------------
# One child
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    wall: float  # seconds, as the parent saw it
    cpu: float  # user + system seconds of the child (and of any children it waited for)
    rss_mb: float  # peak resident set size of the child, MB (of its largest process); nan: not measured
    code: int  # exit status; negative: killed by that signal
    timed_out: bool = False
    stderr: str = ""
    others: float = float("nan")  # cores' worth of CPU that other processes used meanwhile


class _Launcher:
    """The spawn.py process, started once: it forks the children (see spawn.py for why)."""

    proc: subprocess.Popen | None = None

    @classmethod
    def ask(cls, request: dict) -> dict:
        if cls.proc is None or cls.proc.poll() is not None:
            cls.proc = subprocess.Popen([sys.executable, "-S", str(HERE / "spawn.py")], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, bufsize=1)
            atexit.register(cls.close)
        assert cls.proc.stdin is not None and cls.proc.stdout is not None
        cls.proc.stdin.write(json.dumps(request) + "\n")
        cls.proc.stdin.flush()
        line = cls.proc.stdout.readline()
        if not line:
            raise RuntimeError("the benchmark launcher (spawn.py) died")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"cannot run {request['cmd']}: {answer['error']}")
        return answer

    @classmethod
    def close(cls) -> None:
        if cls.proc is not None and cls.proc.poll() is None:
            assert cls.proc.stdin is not None
            cls.proc.stdin.close()  # the launcher ends at the end of its input
            cls.proc.wait(timeout=30)


def run_child(cmd: Sequence[str], *, stdout: Path | None = None, timeout: float | None = None,
              env: dict[str, str] | None = None) -> Run:
    """Run `cmd` to its end; output to `stdout` (a file) or /dev/null. Killed after `timeout` s."""
    with tempfile.TemporaryDirectory(prefix="factdesk-bench-") as scratch:
        err = Path(scratch) / "stderr"
        answer = _Launcher.ask({"cmd": list(cmd), "stdout": str(stdout) if stdout else None,
                                "stderr": str(err), "timeout": timeout, "env": env})
        text = err.read_text(encoding="utf-8", errors="replace") if err.exists() else ""
    others = (answer["busy"] - answer["cpu"]) / answer["wall"] if answer["busy"] >= 0 else float("nan")
    return Run(answer["wall"], answer["cpu"], answer["rss_kb"] / 1024, answer["code"],
               answer["timed_out"], text[-2000:], max(0.0, others))


# ---------------------------------------------------------------------------------------------
# Interleaved rounds
# ---------------------------------------------------------------------------------------------


@dataclass
class Variant:
    name: str
    run: Callable[[float | None], Run]  # given a timeout, one run
    ok_codes: tuple[int, ...] = (0,)


@dataclass
class Series:
    """The runs of each variant, round by round (None: not run in that round)."""

    runs: dict[str, list[Run | None]] = field(default_factory=dict)
    rounds: int = 0
    notes: list[str] = field(default_factory=list)

    def of(self, name: str) -> list[Run]:
        return [r for r in self.runs.get(name, []) if r is not None]

    def paired(self, a: str, b: str, key: Callable[[Run], float] = lambda r: r.wall) -> list[float]:
        """key(a) / key(b) for every round where both ran (and finished)."""
        out = []
        for ra, rb in zip(self.runs.get(a, []), self.runs.get(b, [])):
            if ra is not None and rb is not None and not ra.timed_out and not rb.timed_out:
                out.append(key(ra) / key(rb))
        return out


def interleave(variants: list[Variant], *, rounds: int, budget: float, timeout: float,
               log: Callable[[str], None] = print) -> Series:
    """Up to `rounds` rounds of every variant, order rotated each round; a further round only
    starts when the last one fits in what is left of `budget` seconds (the first always runs)."""
    series = Series({v.name: [] for v in variants})
    started = time.perf_counter()
    last = 0.0
    for r in range(rounds):
        left = budget - (time.perf_counter() - started)
        if r > 0 and last > left:
            series.notes.append(f"{r} of {rounds} rounds (time budget)")
            break
        t = time.perf_counter()
        order = variants[r % len(variants):] + variants[:r % len(variants)]
        got: dict[str, Run] = {}
        for v in order:
            run = v.run(timeout)
            if run.timed_out:
                log(f"  {v.name}: killed after {timeout:.0f} s")
            elif run.code not in v.ok_codes:
                raise AssertionError(f"{v.name} exited with {run.code}:\n{run.stderr}")
            got[v.name] = run
            log(f"  round {r + 1} {v.name}: {run.wall:.2f} s wall, {run.cpu:.2f} s cpu, {run.rss_mb:.0f} MB, "
                f"others' load {run.others:.2f} cores")
        for v in variants:
            series.runs[v.name].append(got.get(v.name))
        series.rounds += 1
        last = time.perf_counter() - t
    return series


# ---------------------------------------------------------------------------------------------
# Statistics and the report table
# ---------------------------------------------------------------------------------------------


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def spread(xs: Sequence[float], fmt: str = "{:.2f}") -> str:
    """'median (min-max, n=K)'."""
    if not xs:
        return "n/a"
    if len(xs) == 1:
        return fmt.format(xs[0]) + " (n=1)"
    return f"{fmt.format(median(xs))} ({fmt.format(min(xs))}–{fmt.format(max(xs))}, n={len(xs)})"


@dataclass
class Row:
    measure: str
    value: str
    target: str
    passed: bool | None  # None: information only
    note: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    runs: list[tuple[str, list[Run]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args, **kwargs) -> Row:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        return row

    def add_runs(self, label: str, runs: list[Run]) -> None:
        self.runs.append((label, runs))

    def markdown(self) -> str:
        lines = ["| Measure | Value: median (spread) | Target | Result |", "|---|---|---|---|"]
        for row in self.rows:
            result = "info" if row.passed is None else ("PASS" if row.passed else "**FAIL**")
            value = row.value + (f" — {row.note}" if row.note else "")
            lines.append(f"| {row.measure} | {value} | {row.target} | {result} |")
        if self.runs:
            lines += ["", "| Run | Wall s: median (spread) | CPU s (median) | Peak RSS MB (median) "
                      "| Others' load, cores (median) |", "|---|---|---|---|---|"]
            for label, runs in self.runs:
                done = [r for r in runs if not r.timed_out]
                if not done:
                    lines.append(f"| {label} | killed (time budget) | | | |")
                    continue
                rss = median([r.rss_mb for r in done])
                lines.append(f"| {label} | {spread([r.wall for r in done])} | "
                             f"{median([r.cpu for r in done]):.2f} | {'' if math.isnan(rss) else f'{rss:.0f}'} | "
                             f"{median([r.others for r in done]):.2f} |")
        if self.notes:
            lines += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines)
