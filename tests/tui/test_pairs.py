"""The review's pairs as the screen walks them, on reports checked from real files: counts, the
filter by words and verdict, jumps, and where a reopened review resumes."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdesk.claims.review import add_reports, set_verdict, start, to_verdicts
from factdesk.claims.rules import load_rules
from factdesk.claims.run import check_loaded
from factdesk.claims.verdicts import Verdict
from factdesk.tui import pairs
from factdesk.tui.pairs import Filter

from tui_helpers import ROOT, RULES, SAMPLES

VIETNAMESE = 3  # claim 4: report 2 says 429 where the claim says 213, the checker's one contradiction


@pytest.fixture(scope="module")
def state(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    paths = []
    for name in SAMPLES:
        shutil.copy(ROOT / "seeds" / "reports" / name, folder / name)
        paths.append(str(folder / name))
    rules = load_rules(ROOT / RULES)
    return add_reports(start(rules, "rules.yaml", "tester"), list(check_loaded(rules, paths)))


def test_counts_of_the_review_a_report_and_a_claim(state):
    assert pairs.whole(state) == pairs.Tally(contradicted=1, conflicting=0, unreviewed=27, open_problems=1)
    assert pairs.of_report(state, 1).contradicted == 1 and pairs.of_report(state, 0).contradicted == 0
    assert pairs.of_claim(state, VIETNAMESE).contradicted == 1
    decided = set_verdict(set_verdict(state, 1, VIETNAMESE, None), 0, 0, Verdict.CONFLICTING)
    assert pairs.whole(decided) == pairs.Tally(contradicted=1, conflicting=1, unreviewed=25, open_problems=0)


@pytest.mark.parametrize("text, words, verdicts, unreviewed, problem", [
    ("", (), set(), False, False),
    ("Viet", ("viet",), set(), False, False),
    ("verdict:contradicts", (), {Verdict.CONTRADICTS}, False, False),
    ("VERDICT:Contradicts,conflicting arrests", ("arrests",), {Verdict.CONTRADICTS, Verdict.CONFLICTING}, False, False),
    ("verdict:not_mentioned", (), {Verdict.NOT_MENTIONED}, False, False),
    ("verdict:not-mentioned", (), {Verdict.NOT_MENTIONED}, False, False),
    ("verdict:unreviewed", (), set(), True, False),
    ("verdict:unreviewed,supports", (), {Verdict.SUPPORTS}, True, False),
    ("verdict:", (), set(), False, False),
    ("verdict:wrong", (), set(), False, True),
])
def test_the_filter_reads_words_and_verdicts(text, words, verdicts, unreviewed, problem):
    f = Filter.parse(text)
    assert (f.words, set(f.verdicts), f.unreviewed, bool(f.problem)) == (words, verdicts, unreviewed, problem)


@given(st.text())
def test_any_filter_text_is_read_without_error(text):
    f = Filter.parse(text)
    assert all(w == w.casefold() and not w.startswith("verdict:") for w in f.words)
    assert f.problem == "" or "verdict:" in text.casefold()


def test_the_filter_lists_claims_whose_words_and_pairs_match(state):
    assert Filter.parse("").claims(state) == list(range(9))
    assert Filter.parse("viet").claims(state) == [VIETNAMESE]
    assert Filter.parse("verdict:contradicts").claims(state) == [VIETNAMESE]
    assert Filter.parse("verdict:contradicts taiwan").claims(state) == []
    assert Filter.parse("verdict:wrong").claims(state) == []
    assert Filter.parse("verdict:unreviewed").claims(state) == list(range(9))
    assert Filter.parse("verdict:contradicts").pair_matches(state, 1, VIETNAMESE)
    assert not Filter.parse("verdict:contradicts").pair_matches(state, 0, VIETNAMESE)


def test_the_key_cycles_all_contradicted_unreviewed_and_keeps_the_words():
    assert pairs.cycled("") == "verdict:contradicts,conflicting"
    assert pairs.cycled("verdict:contradicts,conflicting") == "verdict:unreviewed"
    assert pairs.cycled("verdict:unreviewed") == ""
    assert pairs.cycled("viet verdict:unreviewed") == "viet"
    assert pairs.cycled("viet verdict:supports") == "viet verdict:contradicts,conflicting"


def test_steps_go_both_ways_round_the_review_and_stop_at_its_end_when_asked(state):
    problem = lambda r, c: pairs.is_problem(state, r, c)  # noqa: E731
    assert pairs.step(state, 0, 0, 1, problem) == (1, VIETNAMESE)
    assert pairs.step(state, 2, 0, 1, problem) == (1, VIETNAMESE)  # round
    assert pairs.step(state, 2, 0, -1, problem) == (1, VIETNAMESE)
    assert pairs.step(state, 1, VIETNAMESE, 1, problem) == (1, VIETNAMESE)  # itself: the only one
    assert pairs.step(state, 2, 0, 1, problem, wrap=False) is None
    assert pairs.step(state, 0, 8, 1, lambda r, c: True) == (1, 0)


def test_a_review_resumes_after_the_pair_decided_last(state):
    decided = set_verdict(state, 1, 2, Verdict.SUPPORTS, when="2026-01-01T10:00:00Z")
    decided = set_verdict(decided, 0, 5, Verdict.SUPPORTS, when="2026-01-01T10:00:00Z")  # same second, earlier
    decided = set_verdict(decided, 0, 0, Verdict.SUPPORTS, when="2026-01-01T09:00:00Z")
    last = pairs.last_reviewed(to_verdicts(decided))
    assert last == (decided.reports[1].file, "indonesians")
    assert pairs.resume_at(decided, last, complete=True) == (1, 3)
    assert pairs.resume_at(decided, None, complete=True) is None
    assert pairs.resume_at(decided, ("not-loaded-yet.txt", "indonesians"), complete=False) is None
    everything = decided
    for r in range(3):
        for c in range(9):
            everything = set_verdict(everything, r, c, None, when="2026-01-01T08:00:00Z")
    everything = set_verdict(everything, 2, 4, None, when="2026-01-02T08:00:00Z")
    last = pairs.last_reviewed(to_verdicts(everything))
    assert pairs.resume_at(everything, last, complete=True) == (2, 4)  # all reviewed: the last one
