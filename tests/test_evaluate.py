"""Scoring against people's verdicts: accuracy, F1, false alarms, missed contradictions, evidence."""

from __future__ import annotations

import pytest

from factdesk.claims.evaluate import combine, corpora_to_data, render_corpora, render_scores, score
from factdesk.claims.formats import Gold, GoldPair
from factdesk.claims.verdicts import ClaimVerdict, Evidence, ReportVerdicts, Verdict

S, C, X, N = Verdict.SUPPORTS, Verdict.CONTRADICTS, Verdict.CONFLICTING, Verdict.NOT_MENTIONED


def gold_and_results(rows):
    """rows: (claim, people's verdict, people's quote, our verdict, our quote)."""
    pairs, claims = [], []
    for claim, gv, gq, ov, oq in rows:
        pairs.append(GoldPair("r.txt", claim, gv, (gq,) if gq else ()))
        evidence = (Evidence(oq, 0, len(oq), "", None, None, 0.0),) if oq else ()
        claims.append(ClaimVerdict(claim, ov, ov, evidence))
    return Gold("gold.yaml", "rules.yaml", tuple(pairs)), [ReportVerdicts("r.txt", "", tuple(claims))]


ROWS = [
    ("a", S, "more than 1,000 people", S, "Police said more than 1,000 people were held."),
    ("b", S, "75 Taiwanese", N, ""),
    ("c", C, "429 Vietnamese", C, "They included 429  Vietnamese."),
    ("d", N, "", C, "A figure we misread."),
    ("e", C, "52 compounds", N, ""),
    ("f", N, "", N, ""),
    ("g", S, "three days", S, "A quote elsewhere."),
    ("h", N, "", N, ""),
]


@pytest.fixture
def scores():
    return score(*gold_and_results(ROWS))


def test_accuracy_and_confusion(scores):
    assert scores.accuracy == pytest.approx(5 / 8)
    table = scores.confusion()
    assert table[S][S] == 2 and table[S][N] == 1 and table[N][C] == 1 and table[C][N] == 1


def test_per_verdict_and_macro_f1(scores):
    # supports: precision 2/2, recall 2/3; contradicts: 1/2 and 1/2; not_mentioned: 2/4 and 2/3
    assert scores.classes[S].f1 == pytest.approx(0.8)
    assert scores.classes[C].f1 == pytest.approx(0.5)
    assert scores.classes[N].f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    # conflicting is used by nobody, so it does not drag the mean down
    expected = (0.8 + 0.5 + scores.classes[N].f1) / 3
    assert scores.macro_f1 == pytest.approx(expected)


def test_false_alarms_and_missed_contradictions(scores):
    assert [p.claim for p in scores.false_alarms] == ["d"]
    assert scores.false_alarm_rate == pytest.approx(1 / 8)
    assert [p.claim for p in scores.missed_contradictions] == ["e"]


def test_evidence_recall_ignores_case_and_spacing(scores):
    # quoted by people: a, b, c, e, g; found in our passages: a and c (spacing differs)
    assert scores.evidence_recall == (2, 5)


def test_show_errors_puts_both_quotes_side_by_side(scores):
    text = render_scores(scores, "table", show_errors=True)
    assert "r.txt  e: people contradicts, factdesk not_mentioned" in text
    assert "people:   52 compounds" in text and "factdesk: (no passage)" in text
    assert "missed: r.txt e" in text


def test_a_conflicting_call_on_a_supported_pair_is_a_false_alarm():
    s = score(*gold_and_results([("a", S, "", X, "q"), ("b", X, "", X, "q")]))
    assert len(s.false_alarms) == 1 and s.classes[X].precision == 0.5


def test_unreviewed_pairs_left_out_of_a_gold_file_are_said_in_every_format():
    gold, results = gold_and_results(ROWS)
    scores = score(Gold(gold.path, gold.rules, gold.pairs, left_out=5), results)
    assert "left out              5 unreviewed pairs (the checker's own verdicts, not people's)" in render_scores(scores)
    assert '"unreviewed_left_out": 5' in render_scores(scores, "json")
    assert "left out" not in render_scores(score(gold, results))


def test_the_total_of_several_corpora_counts_every_pair_once():
    first = score(*gold_and_results(ROWS))
    second = score(*gold_and_results(ROWS[:2]))  # one agreement, one miss
    total = combine([first, second])
    assert total.total == 10 and total.accuracy == pytest.approx(6 / 10)
    assert len(total.false_alarms) == 1 and len(total.missed_contradictions) == 1
    assert total.evidence_recall == (3, 7)
    data = corpora_to_data([("one", "one/gold.yaml", first), ("two", "two/gold.yaml", second)])
    assert [c["pairs"] for c in data["corpora"]] == [8, 2] and data["total"]["pairs"] == 10
    assert data["total"]["macro_f1"] == round(total.macro_f1, 4)
    table = render_corpora([("one", "one/gold.yaml", first), ("two", "two/gold.yaml", second)])
    assert table.splitlines()[-1].split()[:3] == ["total", "10", "0.600"]
