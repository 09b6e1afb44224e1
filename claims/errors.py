"""Errors a user can cause: each carries a message and, where known, a position."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, with where it is and what was expected."""

    path: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    expected: str = ""
    snippet: str = ""  # the offending line, when it helps

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class FactdeskError(Exception):
    """Base of every error factdesk reports to a user instead of a traceback."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems

    def lines(self) -> list[str]:
        """One line per problem (or the message), ready for standard error."""
        return [str(p) for p in self.problems] or [str(self)]


class QuantityError(FactdeskError):
    """A quantity the figure grammar cannot read."""


class RulesError(FactdeskError):
    """A rules file that cannot be used; `problems` lists every fault found."""


class ReportError(FactdeskError):
    """A report that cannot be read as text."""


class VerdictsError(FactdeskError):
    """A verdicts (or gold) file that cannot be read or written."""
