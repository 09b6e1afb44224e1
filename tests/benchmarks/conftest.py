"""Shared state of the speed benchmarks: the corpora, and the table printed at the end."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_corpus  # noqa: E402
from bench_harness import QUICK, Report  # noqa: E402

_REPORT = Report()


@pytest.fixture(scope="session")
def bench_report() -> Report:
    return _REPORT


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not _REPORT.rows:
        return
    title = "factdesk speed benchmarks" + (" (BENCH_QUICK: small sizes)" if QUICK else "")
    text = _REPORT.markdown()
    terminalreporter.write_sep("=", title)
    terminalreporter.write_line(text)
    out = bench_corpus.out_root()
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "bench-report.md").write_text(f"# {title}\n\n{text}\n", encoding="utf-8")
        terminalreporter.write_line(f"\n(also written to {out / 'bench-report.md'})")
    except OSError:
        pass
