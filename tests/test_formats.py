"""The verdicts file format v1: written and read back unchanged, the JSON shape, the gold reader
(paths relative to the gold file; evidence as a string or a list), and its errors."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.claims.errors import VerdictsError
from factdesk.claims.formats import (
    dump_json,
    dump_yaml,
    file_stamp,
    json_report,
    load_gold,
    load_verdicts,
    parse_verdicts,
    report_to_data,
    safe_yaml,
    verdicts_to_data,
    write_atomic,
    yaml_report,
)
from factdesk.claims.reports import load_report
from factdesk.claims.rules import load_rules
from factdesk.claims.verdicts import ClaimVerdict, Evidence, ReportVerdicts, Verdict, Verdicts, check_report

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "cambodia-scam-crackdown.yaml"
SAMPLES = ROOT / "seeds" / "reports"


def evidence(quote: str, figure: str, start: int, low: float | None, high: float | None, score: float) -> Evidence:
    at = quote.find(figure)
    return Evidence(quote, start, start + len(quote), figure, low, high, score,
                    figure_start=start + at, figure_end=start + at + len(figure))


REVIEWED = Verdicts(
    rules="rules/cambodia.yaml",
    generated="2025-07-17T09:30:00Z",
    reports=(
        ReportVerdicts("reports/a.txt", "ab" * 32, (
            ClaimVerdict("total-arrests", Verdict.SUPPORTS, Verdict.SUPPORTS,
                         (evidence("more than 1,000 people were held", "more than 1,000", 120, 1000.0, None, 52.5),)),
            ClaimVerdict("taiwanese", Verdict.CONTRADICTS, Verdict.SUPPORTS,
                         (evidence("Police listed 57 Taiwanese — «détenus»", "57", 7, 57.0, 57.0, 30.0),
                          evidence("and 75 in all", "75", 300, 75.0, 75.0, 12.25)),
                         reviewed=True, note="The wire corrected 75 to 57.\nSecond line: with a colon.",
                         reviewed_at="2025-07-18T10:00:00Z", reviewer="Chanthy"),
            ClaimVerdict("raid-days", Verdict.NOT_MENTIONED, Verdict.NOT_MENTIONED),
        )),
        ReportVerdicts("reports/b café.md", "cd" * 32, (
            ClaimVerdict("annual-losses", Verdict.CONFLICTING, Verdict.CONFLICTING,
                         (evidence("US$40 billion a year", "US$40 billion", 0, 4e10, 4e10, 40.0),),
                         note="yes: no # not a comment"),
        )),
    ),
)


def test_a_reviewed_verdicts_file_reads_back_equal(tmp_path):
    path = tmp_path / "verdicts.yaml"
    write_atomic(path, dump_yaml(REVIEWED))
    assert load_verdicts(path) == REVIEWED


def test_the_checkers_own_verdicts_read_back_with_the_same_data(tmp_path):
    rules = load_rules(RULES)
    reports = tuple(check_report(rules, load_report(p)) for p in sorted(SAMPLES.glob("*.txt"))[:5])
    verdicts = Verdicts(str(RULES), "2025-07-17T09:30:00Z", reports)
    path = tmp_path / "verdicts.yaml"
    write_atomic(path, dump_yaml(verdicts))
    loaded = load_verdicts(path)
    assert verdicts_to_data(loaded) == verdicts_to_data(verdicts)
    assert dump_yaml(loaded) == path.read_text()  # byte for byte: a second save changes nothing


def test_the_yaml_file_is_readable_and_in_the_documented_key_order():
    data = yaml.safe_load(dump_yaml(REVIEWED))
    assert list(data) == ["version", "rules", "generated", "reports"]
    assert data["version"] == 1 and data["generated"] == "2025-07-17T09:30:00Z"  # a string, not a datetime
    claim = data["reports"][0]["claims"][1]
    assert list(claim) == ["id", "verdict", "auto", "reviewed", "evidence", "note", "reviewed_at", "reviewer"]
    assert list(claim["evidence"][0]) == ["quote", "start", "end", "figure", "low", "high", "score"]
    assert data["reports"][0]["claims"][0]["evidence"][0]["high"] is None  # unbounded above


def test_json_output_shape():
    data = json.loads(dump_json(REVIEWED))
    assert data == verdicts_to_data(REVIEWED)
    first = data["reports"][0]["claims"][0]
    assert first == {
        "id": "total-arrests", "verdict": "supports", "auto": "supports", "reviewed": False,
        "evidence": [{"quote": "more than 1,000 people were held", "start": 120, "end": 152,
                      "figure": "more than 1,000", "low": 1000, "high": None, "score": 52.5}],
        "note": "",
    }
    assert isinstance(first["evidence"][0]["low"], int)  # whole numbers are written as integers
    assert data["reports"][1]["claims"][0]["evidence"][0]["low"] == 40_000_000_000
    assert "«détenus»" in dump_json(REVIEWED)  # UTF-8, not \\u escapes, for ordinary letters


def test_infinite_bounds_are_written_as_null():
    unbounded = Verdicts("r.yaml", "t", (ReportVerdicts("a.txt", "", (
        ClaimVerdict("x", Verdict.SUPPORTS, Verdict.SUPPORTS, (evidence("q 5", "5", 0, -math.inf, math.inf, 1.0),)),
    )),))
    (e,) = json.loads(dump_json(unbounded))["reports"][0]["claims"][0]["evidence"]
    assert (e["low"], e["high"]) == (None, None)


# ---------------------------------------------------------------------------------------------
# The gold reader
# ---------------------------------------------------------------------------------------------


def test_gold_paths_are_relative_to_the_gold_file(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = gold_dir / "gold.yaml"
    gold.write_text(
        "version: 1\nrules: ../rules/r.yaml\nreports:\n"
        "  - file: ../reports/a.txt\n    claims:\n"
        "      - id: taiwanese\n        verdict: supports\n        evidence: listed 75 Taiwanese\n"
        "      - id: total\n        verdict: contradicts\n"
        "        evidence:\n          - 120 people\n          - quote: 120 suspects\n            figure: '120'\n"
        "        note: Far fewer than claimed.\n"
        "      - id: days\n        verdict: not_mentioned\n"
        "  - file: /abs/b.txt\n    claims:\n      - id: taiwanese\n        verdict: conflicting\n"
    )
    loaded = load_gold(gold, allow_outside=True)  # (both reports are outside the gold's folder)
    assert loaded.path == str(gold)
    assert loaded.rules == str(gold_dir / "../rules/r.yaml")
    assert loaded.files() == [str(gold_dir / "../reports/a.txt"), "/abs/b.txt"]
    pairs = {(Path(p.file).name, p.claim): p for p in loaded.pairs}
    assert pairs["a.txt", "taiwanese"].quotes == ("listed 75 Taiwanese",)  # evidence as one string
    assert pairs["a.txt", "total"].quotes == ("120 people", "120 suspects")  # a list of strings or quotes
    assert pairs["a.txt", "total"].verdict is Verdict.CONTRADICTS
    assert pairs["a.txt", "total"].note == "Far fewer than claimed."
    assert pairs["a.txt", "days"].quotes == ()
    assert pairs["b.txt", "taiwanese"].verdict is Verdict.CONFLICTING


def test_the_bundled_gold_file_names_files_that_exist():
    gold = load_gold(SAMPLES / "expected.yaml")
    assert Path(gold.rules).resolve() == RULES.resolve()
    assert len(gold.files()) == 15 and all(Path(f).is_file() for f in gold.files())
    assert len(gold.pairs) == 15 * 9


def test_a_gold_file_without_rules_is_refused(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text("version: 1\nreports: []\n")
    with pytest.raises(VerdictsError, match=r"gold.yaml: 'rules' is missing \(expected the rules file"):
        load_gold(gold)


def test_auto_defaults_to_the_verdict_in_a_hand_written_file():
    (report,) = parse_verdicts("version: 1\nrules: r\nreports:\n  - file: a.txt\n    claims:\n"
                               "      - id: x\n        verdict: contradicts\n").reports
    (claim,) = report.claims
    assert claim.auto is Verdict.CONTRADICTS and not claim.reviewed and claim.evidence == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "v.yaml: the file is empty (expected a verdicts file: version, rules and reports keys)"),
        ("- 1\n", "v.yaml:1:1: the file is not a mapping (expected version, rules and reports keys)"),
        ("rules: r\nreports: []\n", "v.yaml:1:1: 'version' is missing (expected version: 1)"),
        ("version: 1\nrules: r\n", "v.yaml:1:1: 'reports' is missing or not a list (expected reports: a list)"),
        ("version: 1\nreports:\n  - file: a\n    claims:\n      - verdict: supports\n",
         "v.yaml:5:9: reports[0].claims[0] has no 'id' (expected id: the claim's id)"),
        ("version: 1\nreports:\n  - file: a\n    claims:\n      - id: x\n        verdict: supports\n"
         "        evidence: [{figure: '3'}]\n",
         "v.yaml:7:20: reports[0].claims[0].evidence[0] has no 'quote' (expected quote: the passage)"),
        ("version: 1\nreports:\n  - file: a\n    claims:\n      - id: x\n        verdict: supports\n"
         "        auto: yes\n", "v.yaml:7:15: reports[0].claims[0].auto is 'yes' (expected one of supports, "
         "contradicts, conflicting, not_mentioned)"),
        ("version: 1\nreports:\n  - file: a\n    claims:\n      - id: x\n        verdict: supports\n"
         "        note: [a]\n", "v.yaml:7:15: reports[0].claims[0].note is a list (expected text)"),
        ("version: 1\nreports: &r []\n", "v.yaml:2:10: anchors and aliases (&, *) are not allowed"),
    ],
)
def test_a_hand_broken_verdicts_file_says_where(text, message):
    with pytest.raises(VerdictsError) as caught:
        parse_verdicts(text, "v.yaml")
    assert str(caught.value).startswith(message)


def test_a_verdicts_file_that_is_not_utf8_says_where(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_bytes(b"version: 1\nrules: caf\xe9\n")
    with pytest.raises(VerdictsError, match=r"v.yaml:2:11: not UTF-8 text \(expected a UTF-8 YAML file\)"):
        load_verdicts(path)


def test_file_stamp_changes_when_the_file_does(tmp_path):
    path = tmp_path / "v.yaml"
    assert file_stamp(path) is None
    assert file_stamp(tmp_path / "v.yaml" / "under-a-file") is None
    path.write_text("a")
    first = file_stamp(path)
    path.write_text("ab")
    assert file_stamp(path) != first


# ---------------------------------------------------------------------------------------------
# The direct YAML writer (formats._plain_yaml_report) must write exactly what PyYAML would
# ---------------------------------------------------------------------------------------------

_TRICKY = ["yes", "No", "null", "~", "true", "1.5", "0x1F", "1e3", ".inf", "2025-07-17", "12:30",
           "- item", "? q", ": x", "#tag", "a #b", "a: b", "x:", "'quoted'", '"dq"', "&anchor", "*ref",
           "!tag", "|", ">", "%", "@", "`", "[1]", "{a}", "---", "...", "", " ", "é", "—", "US$40",
           "«détenus»", "a  b", "end ", "1,000", "some 800", "Poipet's"]
_ESCAPED = ["\u2028", "\u202e", "\t", "\n", "\x85", "\ufeff", "🙂", "\x07"]  # PyYAML escapes these
_WORDS = st.one_of(st.sampled_from(_TRICKY), st.from_regex(r"[a-z0-9]{1,9}", fullmatch=True), st.text(
    alphabet=st.sampled_from(list("ab Z0 9.,:;#'\"-?!&*|>%@`[]{}~é—\u00a0")), max_size=12))
# mostly what PyYAML writes plain or in single quotes, long enough to be folded; now and then a
# character it escapes (then the whole report is PyYAML's to write)
_LONG = st.lists(_WORDS, min_size=5, max_size=40).map(" ".join)
_TEXT = st.one_of(_WORDS, _LONG, _LONG, _LONG, _LONG, _LONG,
                  st.lists(st.one_of(_WORDS, st.sampled_from(_ESCAPED)), max_size=8).map(" ".join))
_NUMBER = st.one_of(st.none(), st.integers(-10**6, 10**12).map(float),
                    st.floats(allow_nan=False, width=64), st.sampled_from([0.5, 880.0000000000001, 1e-7]))


@st.composite
def _reports(draw) -> ReportVerdicts:
    claims = []
    for n in range(draw(st.integers(1, 3))):
        items = tuple(
            Evidence(draw(_TEXT), draw(st.integers(0, 10**7)), draw(st.integers(0, 10**7)), draw(_TEXT),
                     draw(_NUMBER), draw(_NUMBER), draw(st.floats(0, 100)))
            for _ in range(draw(st.integers(0, 2))))
        reviewed = draw(st.booleans())
        claims.append(ClaimVerdict(draw(st.sampled_from(["total-arrests", "yes", "a: b", f"c{n}"])),
                                   draw(st.sampled_from(list(Verdict))), draw(st.sampled_from(list(Verdict))),
                                   items, reviewed, draw(_TEXT), draw(_TEXT) if reviewed else "",
                                   draw(_TEXT) if reviewed else ""))
    # where the report is from: each optional field mostly absent, else any text (a date as people
    # write it, which YAML would read as a date unless quoted)
    meta = [draw(st.one_of(st.just(""), st.just(""), _TEXT, st.sampled_from(["2024-10-30", "https://x.org/a#b"])))
            for _ in range(4)]
    return ReportVerdicts(draw(_TEXT), draw(st.sampled_from(["ab" * 32, "123", "null"])), tuple(claims), *meta)


@settings(max_examples=400, deadline=None)
@given(_reports())
def test_a_reports_yaml_is_what_pyyaml_writes(report):
    assert yaml_report(report) == safe_yaml([report_to_data(report)])


def test_a_plain_report_is_written_without_pyyaml(monkeypatch):
    """The quick writer really writes ordinary reports (else the test above compares PyYAML with
    itself): with PyYAML's dump unavailable, a sample report's YAML still comes out, and reads back."""
    report = check_report(load_rules(RULES), load_report(SAMPLES / "03-hedged-figures.txt"))
    expected = yaml_report(report)
    monkeypatch.setattr(yaml, "dump", None)
    assert yaml_report(report) == expected
    assert yaml.safe_load(expected)[0]["claims"][0]["id"] == report.claims[0].id


def test_bounds_are_written_as_people_read_them_not_as_floats_store_them():
    """'some 800' is 720 to 800 + 10%: the file says 880, not 880.0000000000001."""
    report = ReportVerdicts("a.txt", "ab" * 32, (ClaimVerdict("total-arrests", Verdict.SUPPORTS, Verdict.SUPPORTS, (
        evidence("some 800 people were held", "some 800", 0, 800 * 0.9, 800 * 1.1, 52.5),
        evidence("some 97.4 tonnes", "some 97.4", 40, 97.4 * 0.9, 97.4 * 1.1, 1 / 3)),),))
    assert 800 * 1.1 != 880 and 97.4 * 0.9 != 87.66  # (what the floats hold)
    text = yaml_report(report)
    assert "high: 880\n" in text and "low: 720\n" in text and "low: 87.66\n" in text
    assert "score: 0.333333333333\n" in text
    assert json.loads(json_report(report))["claims"][0]["evidence"][0]["high"] == 880
