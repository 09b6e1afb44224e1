"""Checking many reports: one at a time (streamed), or spread over worker processes."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from typing import TypeVar

from . import places
from .errors import ReportError
from .match import CueIndex, claim_terms
from .reports import MAX_REPORT_BYTES, Report, ReportMeta, Skipped, expand_paths, load_report
from .rules import RuleSet
from .verdicts import ReportVerdicts, check_report

Progress = Callable[[int, int, str], None]  # (done, total, current file)
AUTO_JOBS_FROM = 40
T = TypeVar("T")


class _Checker:
    """Holds the rules, their derived terms and what to make of each result; one per process."""

    def __init__(self, rules: RuleSet, render: Callable[[ReportVerdicts], T] | None = None,
                 max_bytes: int = MAX_REPORT_BYTES, meta: Mapping[str, ReportMeta] | None = None) -> None:
        self.rules = rules
        self.max_bytes = max_bytes
        self.meta = meta or {}
        self.terms = claim_terms(rules)
        self.cues = CueIndex(self.terms)
        self.render = render

    def __call__(self, path: str) -> T | ReportVerdicts | Skipped:
        try:
            verdicts = self.check(self.load(path))
        except ReportError as exc:
            return Skipped(path, str(exc).removeprefix(f"{path}: "))
        return self.render(verdicts) if self.render is not None else verdicts

    def load(self, path: str) -> Report:
        """The report at `path`, with what is known of it from elsewhere where it says nothing."""
        report = load_report(path, max_bytes=self.max_bytes)
        return report.with_meta(self.meta.get(path)) if self.meta else report

    def check(self, report: Report) -> ReportVerdicts:
        """One report's verdicts. A fault of ours on one report must not cost the others: it is
        reported as an error of factdesk's, naming the report, and the run goes on."""
        try:
            return check_report(self.rules, report, self.terms, self.cues)
        except MemoryError:
            raise ReportError(f"{report.file}: not enough memory to check it") from None
        except Exception as exc:  # noqa: BLE001 -- see the docstring
            raise ReportError(f"{report.file}: internal error in factdesk while checking it "
                              f"({type(exc).__name__}: {exc}); please report this") from exc


_worker: _Checker | None = None


def _init_worker(rules: RuleSet, render: Callable[[ReportVerdicts], object] | None, max_bytes: int,
                 meta: Mapping[str, ReportMeta] | None = None) -> None:
    global _worker  # one checker per worker process, built once
    _worker = _Checker(rules, render, max_bytes, meta)


def _work(paths: list[str]) -> list[object]:
    assert _worker is not None
    return [_worker(path) for path in paths]


def _batches(files: list[str], jobs: int) -> list[list[str]]:
    """The files in batches for the workers: up to 64 at a time, then smaller as the end nears
    (a quarter of what is left per worker), so that no worker idles while another finishes a
    big last batch."""
    batches, at = [], 0
    while at < len(files):
        size = max(1, min(64, (len(files) - at) // (jobs * 4)))
        batches.append(files[at:at + size])
        at += size
    return batches


def check_paths(
    rules: RuleSet,
    paths: Iterable[str],
    *,
    jobs: int | None = 1,
    progress: Progress | None = None,
    render: Callable[[ReportVerdicts], T] | None = None,
    max_bytes: int = MAX_REPORT_BYTES,
    meta: Mapping[str, ReportMeta] | None = None,
) -> Iterator[T | ReportVerdicts | Skipped]:
    """Verdicts for every report under `paths`, in the order the paths expand to.

    With `jobs > 1` reports are checked in that many processes; the output is the same, in the
    same order. `jobs=None` uses every processor this process may run on, for a folder of at
    least AUTO_JOBS_FROM reports (below that, starting processes costs more than it saves), and
    more than the processors available are never started. `render` (a picklable function) turns
    each report's verdicts into what the caller writes, in the process that checked it, so that
    the parent only writes. Reports are loaded and dropped one at a time, so memory does not
    grow with the number of reports; one larger than `max_bytes` is skipped unread. `meta` gives,
    by path as expanded, what is known of a report (its date, say) that the report does not say.
    """
    items = list(expand_paths(paths))
    files = [i for i in items if isinstance(i, str)]
    total = len(files)
    for item in items:
        if isinstance(item, Skipped):
            yield item
    if jobs is None:
        jobs = available_cpus() if total >= AUTO_JOBS_FROM and "-" not in files else 1
    jobs = min(jobs, processors())
    if jobs <= 1 or total < 2:
        checker = _Checker(rules, render, max_bytes, meta)
        yield from _counted((checker(f) for f in files), files, progress)
        return
    if "-" in files:
        raise ReportError("standard input ('-') cannot be read with --jobs above 1")
    from concurrent.futures import ProcessPoolExecutor  # here: it costs every start ~15 ms

    places.load()  # before the workers fork: they share the gazetteers rather than each reading them

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rules, render, max_bytes, meta)) as pool:
        yield from _counted(chain.from_iterable(pool.map(_work, _batches(files, jobs))), files, progress)


def available_cpus() -> int:
    """The processes to use when not told: one per processor, up to 8."""
    return min(8, processors())


def processors() -> int:
    """The processors this process may run on (the most --jobs starts)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _counted(results, files, progress):
    for done, result in enumerate(results, 1):
        if progress is not None:
            progress(done, len(files), files[done - 1])
        yield result


def check_loaded(
    rules: RuleSet,
    paths: Iterable[str],
    *,
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
    max_bytes: int = MAX_REPORT_BYTES,
    meta: Mapping[str, ReportMeta] | None = None,
) -> Iterator[tuple[Report, ReportVerdicts] | Skipped]:
    """Like `check_paths`, keeping each loaded report (for a screen that shows their text).

    `stop` is asked between reports; when it answers True the scan ends early.
    """
    items = list(expand_paths(paths))
    files = [i for i in items if isinstance(i, str)]
    for item in items:
        if isinstance(item, Skipped):
            yield item
    checker = _Checker(rules, max_bytes=max_bytes, meta=meta)
    for done, path in enumerate(files, 1):
        if stop is not None and stop():
            return
        try:
            report = checker.load(path)
            verdicts = checker.check(report)
        except ReportError as exc:
            yield Skipped(path, str(exc).removeprefix(f"{path}: "))
        else:
            yield report, verdicts
        if progress is not None:
            progress(done, len(files), path)
