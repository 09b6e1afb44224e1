"""The held-out corpora (tests/corpora): the checker must not slide back on reports it was not
written for. The floors are the project's targets, checked on data the engine did not see first."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdesk.claims.evaluate import score
from factdesk.claims.formats import load_gold
from factdesk.claims.rules import load_rules
from factdesk.claims.run import check_paths
from factdesk.claims.verdicts import ReportVerdicts

CORPORA = Path(__file__).resolve().parent / "corpora"


@pytest.mark.parametrize("name", ["heldout-1", "heldout-2"])
def test_heldout_corpus_meets_the_targets(name):
    gold = load_gold(CORPORA / name / "gold.yaml")
    rules = load_rules(gold.rules)
    results = [r for r in check_paths(rules, gold.files(), jobs=1) if isinstance(r, ReportVerdicts)]
    assert len(results) == len(gold.files())
    s = score(gold, results)
    assert s.macro_f1 >= 0.85, s.errors
    assert s.false_alarm_rate <= 0.03, [(p.file, p.claim) for p in s.false_alarms]
    assert [(p.file, p.claim) for p in s.missed_contradictions] == []
    found, quoted = s.evidence_recall
    assert found / quoted >= 0.85
