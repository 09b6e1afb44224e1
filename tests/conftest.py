"""Shared fixtures: a small valid rules file on disk, and the command line run in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factdesk.tui.cli import main

ROOT = Path(__file__).resolve().parent.parent

SMALL_RULES = """\
version: 1
source:
  title: Cambodia arrests more than 1,000 in raids on scam centers
claims:
  - id: total-arrests
    statement: Cambodian authorities have arrested more than 1,000 people in raids
    quantity: more than 1,000
    unit: [people, suspects]
    context: [arrested, detained, raids]
  - id: taiwanese
    statement: including 75 Taiwanese
    quantity: 75
    unit: Taiwanese
    context: [arrested, detained]
"""


@pytest.fixture
def small_rules(tmp_path: Path) -> Path:
    """A valid rules file with two claims (more than 1,000 people arrested; 75 Taiwanese)."""
    path = tmp_path / "rules.yaml"
    path.write_text(SMALL_RULES, encoding="utf-8")
    return path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run `factdesk ARGS...` in this process: (exit code, standard output, standard error)."""

    def run(*args: object) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
