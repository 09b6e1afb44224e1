"""The held-out corpora (tests/corpora): the checker must not slide back on reports it was not
written for. The floors are the project's targets, checked on data the engine did not see first."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdesk.claims.evaluate import evaluate_gold, score
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


# The stories of other kinds (tests/corpora/<story>): the targets (macro-F1 0.85, false
# alarms 2%, evidence recall 0.90) are not met yet; these floors, a little under what the checker
# scores today, keep it from sliding back. Raise them as it improves; never lower them to pass.
EVENT_FLOORS = {
    # story: (macro-F1 at least, false alarms at most, evidence recall at least)
    "budget-uk-2024": (0.40, 0.06, 0.60),
    "cop29-finance-2024": (0.57, 0.03, 0.75),
    "election-south-africa-2024": (0.49, 0.03, 0.60),
    "measles-texas-2025": (0.42, 0.06, 0.40),
    "typhoon-yagi-2024": (0.52, 0.04, 0.60),
    "jobs-us-july-2024": (0.46, 0.08, 0.65),
    "lebanon-war-aid-2024": (0.57, 0.03, 0.60),
}


@pytest.mark.parametrize("name", sorted(EVENT_FLOORS))
def test_event_corpus_does_not_slide_back(name):
    s = evaluate_gold(CORPORA / name / "gold.yaml", jobs=1)
    assert s.total > 150
    macro_f1, false_alarms, recall = EVENT_FLOORS[name]
    assert s.macro_f1 >= macro_f1, s.errors
    assert s.false_alarm_rate <= false_alarms, [(p.file, p.claim) for p in s.false_alarms]
    found, quoted = s.evidence_recall
    assert found / quoted >= recall
