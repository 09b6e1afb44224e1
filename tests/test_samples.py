"""The bundled sample reports: the checker reproduces the careful human verdicts of expected.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdesk.claims.evaluate import score
from factdesk.claims.formats import load_gold
from factdesk.claims.rules import load_rules
from factdesk.claims.run import check_paths
from factdesk.claims.verdicts import ReportVerdicts

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "seeds" / "reports" / "expected.yaml"


@pytest.fixture(scope="module")
def scores():
    gold = load_gold(GOLD)
    rules = load_rules(gold.rules)
    results = [r for r in check_paths(rules, gold.files()) if isinstance(r, ReportVerdicts)]
    assert len(results) == len(gold.files()), "every sample report loads"
    return score(gold, results)


def test_expected_covers_every_sample_report():
    gold = load_gold(GOLD)
    on_disk = sorted(p.name for p in GOLD.parent.iterdir() if p.suffix in (".txt", ".md", ".html"))
    assert sorted(Path(f).name for f in gold.files()) == on_disk
    assert len(on_disk) >= 8


def test_every_verdict_matches_the_human_one(scores):
    wrong = [f"{Path(p.file).name} {p.claim}: expected {p.gold.value}, got {p.got.value}"
             for p in scores.errors]
    assert wrong == []
    assert scores.accuracy == 1.0


def test_every_quoted_passage_is_found(scores):
    missing = [f"{Path(p.file).name} {p.claim}: {p.gold_quotes}" for p in scores.pairs
               if p.gold_quotes and not p.evidence_found]
    assert missing == []


def test_samples_exercise_every_verdict(scores):
    used = {p.gold.value for p in scores.pairs}
    assert used == {"supports", "contradicts", "conflicting", "not_mentioned"}
