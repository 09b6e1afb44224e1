"""The pipeline a user would otherwise script: quantulum3 reads figures, rapidfuzz picks sentences.

For every report: split it into sentences simply (after . ! ? or at blank lines), parse every
sentence with quantulum3, and for every claim of the rules file rank the sentences that hold a
figure against the claim's statement with rapidfuzz; the best sentence's figures are compared
with the claim's figure (also read by quantulum3) for a crude supports/contradicts verdict.
One line per (report, claim) goes to standard output.

`--every K` checks only every K-th report (a fixed sample); `--timing FILE` writes, as JSON,
how long the setup (imports, rules, quantulum3's first parse) and the per-report work took,
so that the harness can scale the sample to the whole corpus.

    python tests/benchmarks/pipeline_baseline.py RULES REPORT_OR_DIR... [--every K] [--timing F]
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()
_C0 = time.process_time()

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

warnings.filterwarnings("ignore")  # quantulum3 warns that its optional classifier is missing

import yaml  # noqa: E402
from quantulum3 import parser as quantities  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402
from rapidfuzz.utils import default_process  # noqa: E402

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += [c for c in sorted(path.rglob("*")) if c.is_file() and c.suffix.lower() in SUFFIXES
                    and not any(p.startswith(".") for p in c.relative_to(path).parts)]
        else:
            out.append(path)
    return out


def load_claims(rules: str) -> list[tuple[str, str, list[float]]]:
    """(id, statement, values of the claimed figure as quantulum3 reads it)."""
    data = yaml.safe_load(Path(rules).read_text(encoding="utf-8"))
    out = []
    for claim in data["claims"]:
        values = [q.value for q in quantities.parse(str(claim["quantity"]))]
        out.append((claim["id"], claim["statement"], values))
    return out


def check(path: Path, claims, out) -> int:
    text = path.read_bytes().decode("utf-8", errors="replace")
    sentences = [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]
    figures = [quantities.parse(s) for s in sentences]
    with_figures = [i for i, f in enumerate(figures) if f]
    choices = [sentences[i] for i in with_figures]
    for claim_id, statement, values in claims:
        best = process.extractOne(statement, choices, scorer=fuzz.token_set_ratio,
                                  processor=default_process, score_cutoff=60)
        if best is None:
            out.write(f"{path}\t{claim_id}\tnot_mentioned\n")
            continue
        _, score, k = best
        found = [q.value for q in figures[with_figures[k]]]
        verdict = "supports" if any(v in found for v in values) else "contradicts"
        out.write(f"{path}\t{claim_id}\t{verdict}\t{score:.0f}\n")
    return len(sentences)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("rules")
    parser.add_argument("reports", nargs="+")
    parser.add_argument("--every", type=int, default=1, help="check every K-th report only")
    parser.add_argument("--timing", help="write setup and work times here (JSON)")
    args = parser.parse_args(argv)
    claims = load_claims(args.rules)  # the first parse also loads quantulum3's unit tables
    paths = files(args.reports)[:: args.every]
    ready, ready_cpu = time.perf_counter(), time.process_time()
    sentences = 0
    out = sys.stdout
    for path in paths:
        sentences += check(path, claims, out)
    out.flush()
    if args.timing:
        Path(args.timing).write_text(json.dumps({
            "reports": len(paths), "sentences": sentences,
            "setup_wall": ready - _T0, "setup_cpu": ready_cpu - _C0,
            "work_wall": time.perf_counter() - ready, "work_cpu": time.process_time() - ready_cpu,
        }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
