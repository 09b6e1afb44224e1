"""Checking reports for the screen in a child process, one report at a time.

The engine's work on a large report is long stretches of regular expressions that hold the
interpreter lock: run in a thread, it would freeze the screen, and a cancel could only take
effect once the report is done. In a child process the screen stays live, and stopping
kills the child at once. No screen here (this module is imported by the child).

As with any "spawn" child, the program's main module is imported again in the child: a script
that starts the review must keep its work under `if __name__ == "__main__":` (the `factdesk`
command does).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
from collections.abc import Callable
from multiprocessing.pool import Pool

from factdesk.claims.match import Passage, source_passage
from factdesk.claims.reports import Report, Skipped
from factdesk.claims.rules import RuleSet
from factdesk.claims.run import check_loaded
from factdesk.claims.verdicts import ReportVerdicts

Checked = tuple[Report, ReportVerdicts] | Skipped
POLL = 0.05  # seconds between looks at `stop` while the child works

_rules: RuleSet | None = None  # in the child: the rules it checks against


def _start(rules: RuleSet) -> None:
    global _rules  # one child per review; its rules are set once, when it starts
    _rules = rules


def _check(path: str) -> Checked:
    assert _rules is not None
    return next(iter(check_loaded(_rules, [path])))


def _source(path: str) -> tuple[Checked, tuple[Passage | None, ...]]:
    assert _rules is not None
    item = _check(path)
    if isinstance(item, Skipped):
        return item, ()
    return item, tuple(source_passage(c, item[0]) for c in _rules.claims)


class Checker:
    """A child process that checks one report at a time; `close()` ends it, even mid-report."""

    def __init__(self, rules: RuleSet) -> None:
        # Starting a child hands it the standard error's file descriptor; a screen that captures
        # printing replaces sys.stderr with an object that has none, so lend it the real one.
        with contextlib.redirect_stderr(sys.__stderr__ or sys.stderr):
            self.pool: Pool = multiprocessing.get_context("spawn").Pool(1, _start, (rules,))

    def check(self, path: str, stop: Callable[[], bool]) -> Checked | None:
        """The report checked, or None when `stop()` turned true first."""
        return self._wait(self.pool.apply_async(_check, (path,)), stop)

    def source(self, path: str, stop: Callable[[], bool]) -> tuple[Checked, tuple[Passage | None, ...]] | None:
        """The source article checked, and the sentence of it that makes each claim."""
        return self._wait(self.pool.apply_async(_source, (path,)), stop)

    def _wait(self, result, stop):
        while not stop():
            try:
                return result.get(POLL)
            except multiprocessing.TimeoutError:
                continue
        return None

    def close(self) -> None:
        self.pool.terminate()
