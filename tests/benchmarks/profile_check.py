"""Profile `factdesk check --jobs 1` on the benchmark corpus with cProfile (one process, so the
profile sees the engine): the top functions by cumulative and by self time.

    python tests/benchmarks/profile_check.py [--reports 1000] [--format table|yaml] [--top 15]
    python tests/benchmarks/profile_check.py --file bench-out/para-...txt     # one report instead
"""

from __future__ import annotations

import argparse
import cProfile
import contextlib
import io
import os
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_corpus  # noqa: E402
from bench_harness import RULES  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--file", help="profile the check of this one report instead of the corpus")
    parser.add_argument("--format", default="table", choices=("table", "yaml", "json"))
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--save", help="also write the raw profile here (for snakeviz, pstats)")
    args = parser.parse_args()
    target = args.file or str(bench_corpus.corpus(args.reports))
    from factdesk.tui.cli import main as factdesk

    profile = cProfile.Profile()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        profile.runcall(factdesk, ["check", str(RULES), target, "--format", args.format, "--jobs", "1"])
    if args.save:
        profile.dump_stats(args.save)
    for key, title in (("cumulative", "cumulative time"), ("tottime", "self time")):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats(key).print_stats(args.top)
        print(f"## factdesk check {target} --format {args.format}: top {args.top} by {title}\n")
        print(out.getvalue().split("\n\n", 1)[-1].strip() if "ncalls" in out.getvalue() else out.getvalue())
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
