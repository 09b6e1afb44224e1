"""The benchmark corpus is deterministic and is read by the checker (a quick smoke test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bench_corpus as corpus
from bench_harness import RULES, factdesk_command

HERE = Path(__file__).resolve().parent


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_same_seed_same_bytes(tmp_path):
    a = corpus.corpus(30, seed=7, root=tmp_path / "a")
    b = corpus.corpus(30, seed=7, root=tmp_path / "b")
    fa, fb = _files(a), _files(b)
    assert len(fa) == 30 and fa == fb
    other = _files(corpus.corpus(30, seed=8, root=tmp_path / "c"))
    assert other != fa
    # Report i depends only on (seed, i): a small corpus is the start of a bigger one.
    assert _files(corpus.corpus(10, seed=7, root=tmp_path / "d")) == {k: fa[k] for k in sorted(fa)[:10]}
    assert corpus.big_report(0.05, seed=7, root=tmp_path / "a").read_bytes() == \
        corpus.big_report(0.05, seed=7, root=tmp_path / "b").read_bytes()
    assert corpus.paragraph(0.05, seed=7, root=tmp_path / "a").read_bytes() == \
        corpus.paragraph(0.05, seed=7, root=tmp_path / "b").read_bytes()


def test_reports_look_like_news(tmp_path):
    folder = corpus.corpus(200, root=tmp_path)
    files = _files(folder)
    sizes = [len(b) for b in files.values()]
    assert 3500 <= sum(sizes) / len(sizes) <= 4500  # ~4 KB a report
    assert any(n.endswith(".md") for n in files) and any(n.endswith(".txt") for n in files)
    text = "\n".join(b.decode("utf-8") for b in files.values())
    for needle in ("Taiwanese", "Indonesians", "Vietnamese", "Thais", "Poipet", "scam compounds",
                   "billion", "%", "+855", "2025", "pm", "days", "seventy-five"):
        assert needle in text, needle
    para = corpus.paragraph(0.2, root=tmp_path).read_text(encoding="utf-8")
    assert not set(".!?") & set(para) and para.count("\n") == 1 and len(para) >= 199_000


def test_checker_reads_the_corpus(tmp_path):
    folder = corpus.corpus(40, root=tmp_path)
    done = subprocess.run([*factdesk_command(), "check", str(RULES), str(folder), "--format", "json"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr  # 1: something is contradicted, as intended
    assert "skipped" not in done.stderr
    data = json.loads(done.stdout)
    assert len(data["reports"]) == 40
    verdicts = {c["verdict"] for r in data["reports"] for c in r["claims"]}
    assert {"supports", "contradicts", "not_mentioned"} <= verdicts


def test_floor_and_pipeline_run(tmp_path):
    folder = corpus.corpus(5, root=tmp_path)
    floor = subprocess.run([sys.executable, str(HERE / "floor.py"), str(folder)],
                           capture_output=True, text=True, timeout=60)
    assert floor.returncode == 0 and int(floor.stdout) > 100
    timing = tmp_path / "timing.json"
    pipeline = subprocess.run([sys.executable, str(HERE / "pipeline_baseline.py"), str(RULES), str(folder),
                               "--every", "5", "--timing", str(timing)],
                              capture_output=True, text=True, timeout=300)
    assert pipeline.returncode == 0, pipeline.stderr
    assert len(pipeline.stdout.splitlines()) == 9  # one report, nine claims
    assert json.loads(timing.read_text())["reports"] == 1
