"""The speed benchmarks of issue 4, measured side by side in one run (`make bench`).

1. `factdesk check` on the 1,000-report corpus against the floor (one regex pass): <= 3x, in wall
   time and in CPU time (check's own and its worker processes' together).
2. against the quantulum3 + rapidfuzz pipeline (a fixed sample, scaled by report count): >= 50x.
3. from 1,000 to 4,000 reports: time linear, peak memory flat.
4. `--jobs 2` against `--jobs 1` on 4,000 reports: >= 1.6x faster, the same YAML.
5. one big report (10/20/40 MB) and one paragraph with no sentence end (1/2/4 MB): time linear
   (~2x per doubling), memory bounded.
(6, the figure reader against quantulum3 in one process, is in test_speed_figures.py.)

Every program runs as a child process; variants run interleaved, round after round, and ratios
are paired per round: the table shows the median and the spread (min-max). Ratios against
another program (1, 2, 4) are of wall time, the whole process as a user waits for it (1 is also
judged on CPU time); growth (3, 5) is judged on the child's CPU time, which the other processes
of a shared machine do not inflate (the wall ratio is shown beside it). The timed rounds share a
time budget (BENCH_BUDGET seconds, default 540): when the checker is slow, fewer rounds
run (the first round of each section always runs), a run that cannot finish within its section's budget is killed or skipped (and fails), and
the single-report sizes of 5 are halved until they fit (the table says so).
Knobs: BENCH_QUICK=1 (small sizes, a smoke run), BENCH_ROUNDS, BENCH_ROUNDS_LARGE,
BENCH_ROUNDS_BIG, BENCH_BUDGET, BENCH_OUT (cache folder), BENCH_FACTDESK (the command).
"""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

import pytest

import bench_corpus as corpus
from bench_harness import (
    QUICK, REPO, RULES, Run, Series, Variant, env_float, env_int, factdesk_command, interleave,
    median, run_child, spread,
)

HERE = Path(__file__).resolve().parent

N_SMALL = 100 if QUICK else 1000
N_LARGE = 400 if QUICK else 4000
EVERY = 10 if QUICK else 25  # the pipeline's fixed sample: every K-th report of the small corpus
BIG_MB = (1, 2, 4) if QUICK else (10, 20, 40)
PARA_MB = (0.25, 0.5, 1) if QUICK else (1, 2, 4)
ROUNDS_SMALL = env_int("BENCH_ROUNDS", 3 if QUICK else 5)
ROUNDS_LARGE = env_int("BENCH_ROUNDS_LARGE", 2 if QUICK else 3)
ROUNDS_BIG = env_int("BENCH_ROUNDS_BIG", 2 if QUICK else 3)
BUDGET = env_float("BENCH_BUDGET", 540.0)
SHARE = {"small": 0.25, "large": 0.45, "big": 0.18, "para": 0.12}  # of the budget, per section
GROWTH_MIN = 45.0  # seconds each part of measure 5 gets, however late it starts
_CLOCK: list[float] = []  # when the first timed section started

# Targets.
FLOOR_MAX = 3.0  # check / floor
PIPELINE_MIN = 50.0  # pipeline / check
LINEAR_SLACK = 1.15  # a k-fold input may take at most k x 1.15 the time
RSS_FLAT_MAX = 1.25  # peak RSS at 4,000 reports / at 1,000
JOBS_MIN = 1.6  # --jobs 1 time / --jobs 2 time
MB_PER_MB_MAX = 10.0  # extra peak RSS (over checking one small report) per MB of report


def section_budget(name: str) -> float:
    """Seconds for a section: its share of BENCH_BUDGET; measure 5 (run last) gets no more than
    what is left of the whole budget, but at least GROWTH_MIN."""
    if not _CLOCK:
        _CLOCK.append(time.perf_counter())
    share = BUDGET * SHARE[name]
    if name not in ("big", "para"):
        return share
    left = BUDGET - (time.perf_counter() - _CLOCK[0])
    if name == "big":
        left *= SHARE["big"] / (SHARE["big"] + SHARE["para"])
    return max(GROWTH_MIN, min(share, left))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def check_cmd(*args: str) -> list[str]:
    return [*factdesk_command(), "check", str(RULES), *args]


def fail_if_missed(rows) -> None:
    missed = [f"{r.measure}: {r.value} (target {r.target})" for r in rows if r.passed is False]
    if missed:
        pytest.fail("targets missed:\n  " + "\n  ".join(missed), pytrace=False)


# ---------------------------------------------------------------------------------------------
# The timed rounds (each section runs once per session, when a test first asks for it)
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def small_corpus() -> Path:
    t = time.perf_counter()
    folder = corpus.corpus(N_SMALL)
    log(f"\ncorpus of {N_SMALL} reports: {folder} ({corpus.corpus_bytes(folder):,} bytes, "
        f"{time.perf_counter() - t:.1f} s)")
    return folder


@pytest.fixture(scope="session")
def large_corpus() -> Path:
    t = time.perf_counter()
    folder = corpus.corpus(N_LARGE)
    log(f"\ncorpus of {N_LARGE} reports: {folder} ({corpus.corpus_bytes(folder):,} bytes, "
        f"{time.perf_counter() - t:.1f} s)")
    return folder


@pytest.fixture(scope="session")
def small(small_corpus, bench_report, tmp_path_factory) -> Series:
    """1,000 reports: the floor, check (default table), check --format yaml, the pipeline."""
    folder = str(small_corpus)
    sample = len(range(0, N_SMALL, EVERY))
    scratch = tmp_path_factory.mktemp("pipeline")

    def pipeline(timeout):
        timing = scratch / "timing.json"
        timing.unlink(missing_ok=True)
        run = run_child([sys.executable, str(HERE / "pipeline_baseline.py"), str(RULES), folder,
                         "--every", str(EVERY), "--timing", str(timing)], timeout=timeout)
        if run.timed_out or run.code != 0:
            return run
        t = json.loads(timing.read_text())
        scale = N_SMALL / t["reports"] - 1  # the whole process, plus the unsampled reports' work
        return Run(run.wall + t["work_wall"] * scale, run.cpu + t["work_cpu"] * scale, run.rss_mb,
                   run.code, stderr=json.dumps(t), others=run.others)

    variants = [
        Variant("floor", lambda timeout: run_child([sys.executable, str(HERE / "floor.py"), folder],
                                                   timeout=timeout)),
        Variant("check", lambda timeout: run_child(check_cmd(folder), timeout=timeout), (0, 1)),
        Variant("check-yaml", lambda timeout: run_child(check_cmd(folder, "--format", "yaml"),
                                                        timeout=timeout), (0, 1)),
        Variant("pipeline", pipeline),
    ]
    budget = section_budget("small")
    log(f"{N_SMALL} reports: up to {ROUNDS_SMALL} rounds in {budget:.0f} s")
    series = interleave(variants, rounds=ROUNDS_SMALL, budget=budget, timeout=budget, log=log)
    bench_report.add_runs(f"floor, {N_SMALL} reports", series.of("floor"))
    bench_report.add_runs(f"check, {N_SMALL} reports (table to /dev/null)", series.of("check"))
    bench_report.add_runs(f"check --format yaml, {N_SMALL} reports", series.of("check-yaml"))
    bench_report.add_runs(f"pipeline, scaled from {sample} of {N_SMALL} reports", series.of("pipeline"))
    bench_report.notes += [f"{N_SMALL} reports: {n}" for n in series.notes]
    return series


@pytest.fixture(scope="session")
def large(large_corpus, bench_report, tmp_path_factory) -> tuple[Series, list[str]]:
    """4,000 reports: check --format yaml with --jobs 1 and --jobs 2 (outputs kept to compare)."""
    folder = str(large_corpus)
    scratch = tmp_path_factory.mktemp("jobs")
    outputs = {1: scratch / "jobs1.yaml", 2: scratch / "jobs2.yaml"}

    def jobs(n):
        return lambda timeout: run_child(check_cmd(folder, "--format", "yaml", "--jobs", str(n)),
                                         stdout=outputs[n], timeout=timeout)

    variants = [Variant("jobs1", jobs(1), (0, 1)), Variant("jobs2", jobs(2), (0, 1))]
    budget = section_budget("large")
    log(f"{N_LARGE} reports: up to {ROUNDS_LARGE} rounds in {budget:.0f} s")
    series = interleave(variants, rounds=ROUNDS_LARGE, budget=budget, timeout=budget, log=log)
    bench_report.add_runs(f"check --format yaml --jobs 1, {N_LARGE} reports", series.of("jobs1"))
    bench_report.add_runs(f"check --format yaml --jobs 2, {N_LARGE} reports", series.of("jobs2"))
    bench_report.notes += [f"{N_LARGE} reports: {n}" for n in series.notes]
    return series, [str(outputs[1]), str(outputs[2])]


# ---------------------------------------------------------------------------------------------
# 1 and 2: against the floor and against the pipeline
# ---------------------------------------------------------------------------------------------


def test_1_check_vs_floor(small, bench_report):
    ratios = small.paired("check", "floor")
    rows = [bench_report.add(f"1. check / floor, {N_SMALL} reports (wall)", spread(ratios, "{:.1f}x"),
                             f"<= {FLOOR_MAX:g}x", bool(ratios) and median(ratios) <= FLOOR_MAX)]
    cpu = small.paired("check", "floor", key=lambda r: r.cpu)
    rows.append(bench_report.add(f"1. check / floor, {N_SMALL} reports (CPU)", spread(cpu, "{:.1f}x"),
                                 f"<= {FLOOR_MAX:g}x", bool(cpu) and median(cpu) <= FLOOR_MAX,
                                 "check's CPU: its own and its worker processes' (one per processor) together"))
    yaml = small.paired("check-yaml", "check")
    bench_report.add("1. check --format yaml / check (table)", spread(yaml, "{:.2f}x"), "", None)
    fail_if_missed(rows)


def test_2_check_vs_pipeline(small, bench_report):
    ratios = small.paired("pipeline", "check")
    rows = [bench_report.add(f"2. pipeline / check, {N_SMALL} reports (wall)", spread(ratios, "{:.1f}x"),
                             f">= {PIPELINE_MIN:g}x", bool(ratios) and median(ratios) >= PIPELINE_MIN,
                             f"quantulum3+rapidfuzz on every {EVERY}th report, scaled")]
    fail_if_missed(rows)


# ---------------------------------------------------------------------------------------------
# 3 and 4: growth with the number of reports, and --jobs
# ---------------------------------------------------------------------------------------------


def test_3_growth_with_reports(small, large, bench_report):
    series, _ = large
    k = N_LARGE / N_SMALL
    r1 = [r for r in small.of("check-yaml") if not r.timed_out]
    r4 = [r for r in series.of("jobs1") if not r.timed_out]
    c1, c4 = median([r.cpu for r in r1]), median([r.cpu for r in r4])
    w1, w4 = median([r.wall for r in r1]), median([r.wall for r in r4])
    m1, m4 = median([r.rss_mb for r in r1]), median([r.rss_mb for r in r4])
    time_ratio = c4 / c1 if r1 and r4 else math.nan
    rss_ratio = m4 / m1 if r1 and r4 else math.nan
    rows = [
        bench_report.add(f"3. CPU time {N_LARGE} / {N_SMALL} reports (yaml, --jobs 1)",
                         f"{time_ratio:.2f}x ({c1:.1f} s -> {c4:.1f} s; wall {w4 / w1:.2f}x)",
                         f"<= {k * LINEAR_SLACK:.1f}x (linear)", time_ratio <= k * LINEAR_SLACK,
                         "" if r4 else "the large run did not finish"),
        bench_report.add(f"3. peak RSS {N_LARGE} / {N_SMALL} reports (yaml, --jobs 1)",
                         f"{rss_ratio:.2f}x ({m1:.0f} MB -> {m4:.0f} MB)",
                         f"<= {RSS_FLAT_MAX:g}x (flat)", rss_ratio <= RSS_FLAT_MAX),
    ]
    fail_if_missed(rows)


def _without_timestamp(path: str) -> bytes:
    lines = Path(path).read_bytes().splitlines(keepends=True)
    return b"".join(line for line in lines if not line.startswith(b"generated:"))


def test_4_jobs(large, bench_report):
    series, outputs = large
    speedup = series.paired("jobs1", "jobs2")
    same = all(Path(p).exists() for p in outputs) and _without_timestamp(outputs[0]) == _without_timestamp(outputs[1])
    rows = [
        bench_report.add(f"4. --jobs 1 / --jobs 2, {N_LARGE} reports (wall)", spread(speedup, "{:.2f}x"),
                         f">= {JOBS_MIN:g}x", bool(speedup) and median(speedup) >= JOBS_MIN),
        bench_report.add("4. --jobs 2 output = --jobs 1 output (YAML, but `generated:`)",
                         "identical" if same else "DIFFERENT", "identical", same),
    ]
    fail_if_missed(rows)


# ---------------------------------------------------------------------------------------------
# 5: one big report
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def idle_rss(bench_report) -> float:
    """Peak RSS of checking one small sample report: the checker's own footprint."""
    one = REPO / "seeds" / "reports" / "01-wire-agreement.txt"
    runs = [run_child(check_cmd(str(one))) for _ in range(3)]
    bench_report.add_runs("check, one small report (startup and footprint)", runs)
    return median([r.rss_mb for r in runs])


def growth(kind: str, sizes: tuple[float, ...], make, budget: float, rounds: int, bench_report) -> dict:
    """Rounds of checks over the sizes (ascending in the first round, rotated after).

    A probe at 1/16 of the smallest size first gives the checker's throughput on this kind of
    text; when the sizes as specified cannot be checked once within `budget`, they are all
    halved until they can (the doubling ratios are still measured; a row says so). A size whose
    predicted time exceeds what is left of the budget is skipped."""
    start = time.perf_counter()
    probe_mb = sizes[0] / 16
    probe = run_child(check_cmd(str(make(probe_mb))), timeout=budget / 2)
    if probe.timed_out:
        return {"sizes": sizes, "runs": {mb: [] for mb in sizes}, "skipped": dict.fromkeys(sizes, budget),
                "note": f"the probe of {probe_mb:g} MB did not finish in {budget / 2:.0f} s"}
    rate = probe_mb / probe.wall
    left = budget - (time.perf_counter() - start)
    scale = 1.0
    while scale > 1 / 64 and sum(sizes) * scale / rate > left:
        scale /= 2
    used = tuple(mb * scale for mb in sizes)
    note = ""
    if scale < 1:
        note = (f"sizes reduced from {'/'.join(f'{mb:g}' for mb in sizes)} MB: at {rate:.2f} MB/s "
                f"(probe of {probe_mb:g} MB) they would take ~{sum(sizes) / rate:.0f} s, over the "
                f"{left:.0f} s left of this measure's time budget")
        log(f"{kind}: {note}")
    paths = {}
    for mb in used:
        t = time.perf_counter()
        paths[mb] = make(mb)
        log(f"{kind} of {mb:g} MB: {paths[mb]} ({time.perf_counter() - t:.1f} s)")
    runs: dict[float, list[Run | None]] = {mb: [] for mb in used}
    skipped: dict[float, float] = {}
    last_round = 0.0
    for r in range(rounds):
        left = budget - (time.perf_counter() - start)
        if r > 0 and last_round > left:
            bench_report.notes.append(f"{kind}: {r} of {rounds} rounds (time budget)")
            break
        t_round = time.perf_counter()
        order = list(used) if r == 0 else list(used[r % len(used):] + used[:r % len(used)])
        for mb in order:
            if mb in skipped:
                runs[mb].append(None)
                continue
            left = budget - (time.perf_counter() - start)
            done = [(s, x.wall) for s in used for x in runs[s] if x is not None and not x.timed_out]
            own = [w for s, w in done if s == mb]
            predicted = median(own) if own else max((w * mb / s for s, w in done if s < mb), default=mb / rate)
            if predicted > left:
                skipped[mb] = predicted
                runs[mb].append(None)
                log(f"  {kind} {mb:g} MB: skipped, predicted {predicted:.0f} s > {left:.0f} s left")
                continue
            run = run_child(check_cmd(str(paths[mb])), timeout=max(left, 5.0))
            if not run.timed_out and run.code not in (0, 1):
                raise AssertionError(f"check of {paths[mb]} exited with {run.code}:\n{run.stderr}")
            runs[mb].append(run)
            log(f"  round {r + 1} {kind} {mb:g} MB: {run.wall:.2f} s wall, {run.cpu:.2f} s cpu, "
                f"{run.rss_mb:.0f} MB, others' load {run.others:.2f} cores{' (killed)' if run.timed_out else ''}")
        last_round = time.perf_counter() - t_round
    for mb in used:
        bench_report.add_runs(f"check, {kind} of {mb:g} MB", [x for x in runs[mb] if x is not None])
    return {"sizes": used, "runs": runs, "skipped": skipped, "note": note}


def _growth_rows(kind: str, specified, got: dict, idle: float, bench_report):
    sizes, runs, skipped = got["sizes"], got["runs"], got["skipped"]
    rows = []
    bench_report.add(f"5. {kind}: sizes measured", "/".join(f"{mb:g}" for mb in sizes) + " MB",
                     "/".join(f"{mb:g}" for mb in specified) + " MB", None, got["note"])
    for small_mb, big_mb in zip(sizes, sizes[1:]):
        k = big_mb / small_mb
        pairs = [(a, b) for a, b in zip(runs[small_mb], runs[big_mb])
                 if a is not None and b is not None and not a.timed_out and not b.timed_out]
        ratios = [b.cpu / a.cpu for a, b in pairs]
        label = f"5. {kind}: CPU time {big_mb:g} MB / {small_mb:g} MB"
        if ratios:
            wall = median([b.wall / a.wall for a, b in pairs])
            rows.append(bench_report.add(label, spread(ratios, "{:.2f}x") + f"; wall {wall:.2f}x",
                                         f"<= {k * LINEAR_SLACK:.1f}x (linear)", median(ratios) <= k * LINEAR_SLACK))
        else:
            why = (f"not run: predicted {skipped[big_mb]:.0f} s, over the time budget" if big_mb in skipped
                   else "a run was killed at the time budget")
            rows.append(bench_report.add(label, "n/a", f"<= {k * LINEAR_SLACK:.1f}x (linear)", False, why))
    for mb in sizes:
        done = [x for x in runs[mb] if x is not None and not x.timed_out]
        if not done:
            continue
        per_mb = (median([x.rss_mb for x in done]) - idle) / mb
        rows.append(bench_report.add(f"5. {kind}: extra peak RSS per MB of report, {mb:g} MB",
                                     f"{per_mb:.1f} MB/MB ({median([x.rss_mb for x in done]):.0f} MB peak)",
                                     f"<= {MB_PER_MB_MAX:g} MB/MB (bounded)", per_mb <= MB_PER_MB_MAX))
        throughput = mb / median([x.wall for x in done])
        bench_report.add(f"5. {kind}: throughput, {mb:g} MB", f"{throughput:.2f} MB/s", "", None)
    return rows


def test_5_one_big_report(idle_rss, bench_report):
    got = growth("one report", BIG_MB, corpus.big_report, section_budget("big"), ROUNDS_BIG, bench_report)
    fail_if_missed(_growth_rows("one report", BIG_MB, got, idle_rss, bench_report))


def test_5_one_paragraph_without_sentence_ends(idle_rss, bench_report):
    got = growth("one paragraph", PARA_MB, corpus.paragraph, section_budget("para"), ROUNDS_BIG, bench_report)
    fail_if_missed(_growth_rows("one paragraph", PARA_MB, got, idle_rss, bench_report))
