"""Verdicts: overlapping figures support, disjoint ones contradict, both conflict, none is silence.

Each case is one claim (written as people write rules: id, statement, quantity, unit) and one
short report; the table gives the verdict a careful fact-checker reaches.
"""

from __future__ import annotations

import re

import pytest

from factdesk.claims.context import Analysis
from factdesk.claims.reports import load_report, report_from_bytes
from factdesk.claims.rules import load_rules, parse_rules
from factdesk.claims.verdicts import Evidence, Verdict, check_report, judge, relation_words

CLAIMS = """
version: 1
source: {title: "Cambodia arrests more than 1,000 in raids on scam centers"}
claims:
  - {id: total, statement: "Cambodian authorities have arrested more than 1,000 people in raids on scam centers", quantity: "more than 1,000", unit: people}
  - {id: vietnamese, statement: 213 Vietnamese, quantity: "213", unit: Vietnamese}
  - {id: indonesians, statement: at least 271 Indonesians, quantity: at least 271, unit: Indonesians}
  - {id: days, statement: "Over three days, authorities raided sites across the country", quantity: three days, unit: days}
  - {id: losses, statement: defraud people online of an estimated US$40 billion annually, quantity: an estimated US$40 billion, unit: USD}
  - {id: compounds, statement: There are at least 53 scam compounds in Cambodia, quantity: at least 53, unit: scam compounds}
  - {id: thais, statement: "In March, Cambodia deported 119 Thais", quantity: "119", unit: Thais}
  - {id: tolerant, statement: Police seized 500 phones, quantity: "500", unit: phones, tolerance: 0.05}
"""
RULES = parse_rules(CLAIMS)


def verdict_of(claim_id: str, text: str):
    report = report_from_bytes("report.txt", text.encode())
    return judge(RULES.claim(claim_id), Analysis(report))


CASES = [
    # the issue's own examples
    ("vietnamese", "Police said more than 200 Vietnamese were among those arrested nationwide.", Verdict.SUPPORTS),
    ("vietnamese", "The detainees included 429 Vietnamese, the ministry said.", Verdict.CONTRADICTS),
    ("total", "A later tally showed 3,075 suspects had been arrested in the raids.", Verdict.SUPPORTS),
    ("compounds", "Amnesty said it had identified 52 scam compounds in Cambodia.", Verdict.CONTRADICTS),
    ("losses", "UNODC says the centres generate just under $40bn in annual profits.", Verdict.SUPPORTS),
    # hedges on both sides
    ("total", "Nearly 3,000 suspects have been arrested so far.", Verdict.SUPPORTS),
    ("total", "Police have arrested about 900 people in the crackdown.", Verdict.CONTRADICTS),
    ("indonesians", "Officers detained between 270 and 280 Indonesians during the sweep.", Verdict.SUPPORTS),
    ("indonesians", "Fewer than 200 Indonesians were detained, their embassy said.", Verdict.CONTRADICTS),
    ("losses", "Scam centres cheat victims of about $12 billion a year.", Verdict.CONTRADICTS),
    ("losses", "Scam centres take billions of dollars a year from victims.", Verdict.CONTRADICTS),
    ("days", "Between Monday and Wednesday, police raided sites across the country.", Verdict.SUPPORTS),
    ("days", "The raids ran for a week across the country, police said.", Verdict.CONTRADICTS),
    ("tolerant", "Police seized 510 phones in the raids.", Verdict.SUPPORTS),
    ("tolerant", "Police seized 540 phones in the raids.", Verdict.CONTRADICTS),
    # both kinds of figure for the same nationwide count: conflicting
    ("vietnamese", "Police said 213 Vietnamese were held nationwide. Hanoi said 248 Vietnamese were held nationwide.",
     Verdict.CONFLICTING),
    # silence
    ("thais", "Rice exports rose 12% to 3.1 million tonnes in 2025.", Verdict.NOT_MENTIONED),
    ("losses", "The industry is worth about EUR 35 billion a year.", Verdict.NOT_MENTIONED),
    ("total", "Officials said 2025 would see more raids, on July 16 and 17.", Verdict.NOT_MENTIONED),
    # a narrower count: silent unless it matches an exact claim exactly or already exceeds it
    ("indonesians", "In Poipet alone, 150 Indonesians were arrested on Wednesday.", Verdict.NOT_MENTIONED),
    ("vietnamese", "In Sihanoukville alone, more than 300 Vietnamese were detained on Tuesday.", Verdict.CONTRADICTS),
    ("vietnamese", "In Sihanoukville alone, 40 Vietnamese were detained on Tuesday.", Verdict.NOT_MENTIONED),
    ("total", "In the province of Kratie, police arrested 312 people.", Verdict.NOT_MENTIONED),
    # another measure is not the claim's quantity
    ("thais", "Police rescued 109 Thais from a compound in Poipet.", Verdict.NOT_MENTIONED),
    ("compounds", "Police raided 43 locations around the country.", Verdict.NOT_MENTIONED),
]


@pytest.mark.parametrize(("claim_id", "text", "expected"), CASES)
def test_verdict(claim_id, text, expected):
    assert verdict_of(claim_id, text).verdict is expected


def test_supports_rests_on_the_passage_with_the_figure():
    got = verdict_of("total", "Rain fell. A later tally showed 3,075 suspects had been arrested in the raids.")
    assert got.verdict is Verdict.SUPPORTS
    evidence = got.evidence[0]
    assert evidence.quote == "A later tally showed 3,075 suspects had been arrested in the raids."
    assert evidence.figure == "3,075"
    assert (evidence.low, evidence.high) == (3075, 3075)
    assert "compatible" in evidence.reason and "3,075" in evidence.reason


def test_not_mentioned_has_no_evidence():
    got = verdict_of("thais", "Nothing about deportations here; 40 people attended.")
    assert got.verdict is Verdict.NOT_MENTIONED and got.evidence == ()


def test_conflicting_shows_both_figures():
    got = verdict_of("vietnamese", CASES[15][1])
    assert {e.figure for e in got.evidence} == {"213", "248"}
    assert {e.fits for e in got.evidence} == {True, False}


def test_the_checker_verdict_is_kept_as_auto():
    got = verdict_of("vietnamese", "The detainees included 429 Vietnamese, the ministry said.")
    assert got.auto is got.verdict is Verdict.CONTRADICTS and not got.reviewed


LOOKALIKES = {"s": "ſ", "i": "ı", "I": "İ"}  # re.IGNORECASE reads these as s, i, I; str.lower() does not


@pytest.mark.parametrize("letter", sorted(LOOKALIKES))
def test_look_alike_letters_are_read_as_the_letters_they_stand_for_and_quoted_as_written(letter):
    """Text from bad OCR or a hostile page ('arreſted', 'raıds'): same verdicts, exact quotes,
    and no report lost to an internal error (it used to raise KeyError)."""
    plain = ("Police arrested more than 1,000 people in raids, including 429 Vietnamese and "
             "some 271 Indonesians. Scams cost an estimated US$40 billion a year.")
    odd = plain.replace(letter, LOOKALIKES[letter])
    rules = parse_rules(re.sub(r"(?<=statement: )[^,]+", lambda m: m.group().replace(letter, LOOKALIKES[letter]),
                               CLAIMS))
    for claim in RULES.claims:
        expected = judge(claim, Analysis(report_from_bytes("plain.txt", plain.encode())))
        got = judge(rules.claim(claim.id), Analysis(report_from_bytes("odd.txt", odd.encode())))
        assert (got.verdict, [(e.start, e.end, e.low, e.high) for e in got.evidence]) == (
            expected.verdict, [(e.start, e.end, e.low, e.high) for e in expected.evidence])
        for e in got.evidence:
            assert e.quote == odd[e.start:e.end]
            assert e.figure == odd[e.figure_start:e.figure_end]


# ---------------------------------------------------------------------------------------------
# A unit of any family in the rules: compared in the family's base unit
# ---------------------------------------------------------------------------------------------

MEASURES = """\
version: 1
source: {title: "Quake strikes central Myanmar", published: 2025-03-28}
claims:
  - {id: depth, statement: "The quake struck at a depth of 10 km", quantity: "10", unit: km, context: [depth, quake]}
  - {id: magnitude, statement: "a 7.7 magnitude earthquake", quantity: "7.7", unit: magnitude, context: [quake, earthquake]}
  - {id: distance, statement: "the epicentre was 16 km from Sagaing", quantity: "16 km", unit: km, context: [epicentre, Sagaing]}
  - {id: rice, statement: "500 tonnes of rice were delivered", quantity: "500", unit: tonnes, context: [rice, delivered]}
  - {id: turnout-fall, statement: "turnout fell 3 percentage points", quantity: "3", unit: percentage points, context: [turnout]}
"""


@pytest.mark.parametrize(
    ("claim_id", "text", "verdict", "reason"),
    [
        ("distance", "The epicentre was 10 miles from Sagaing.", Verdict.SUPPORTS,
         "report: 10 miles (15.29 to 16.9 km); claim: 16 km; compatible"),
        ("depth", "The quake struck at a depth of 6 miles, the USGS said.", Verdict.SUPPORTS,
         "report: 6 miles (8.85 to 10.46 km); claim: 10 km; compatible"),
        ("depth", "The quake struck at a depth of 30 km, the USGS said.", Verdict.CONTRADICTS,
         "report: 30 km (29.5 to 30.5 km); claim: 10 km; incompatible"),
        ("magnitude", "A 7.7-magnitude earthquake hit central Myanmar.", Verdict.SUPPORTS,
         "report: 7.7-magnitude (7.65 to 7.75 magnitude); claim: 7.7 magnitude; compatible"),
        ("magnitude", "The earthquake measured 7.9 on the Richter scale.", Verdict.CONTRADICTS,
         "report: 7.9 on the Richter scale (7.85 to 7.95 magnitude); claim: 7.7 magnitude; incompatible"),
        ("rice", "Officials said 500,000 kg of rice had been delivered.", Verdict.SUPPORTS, None),
        ("rice", "Officials said 50,000 kg of rice had been delivered.", Verdict.CONTRADICTS, None),
        ("turnout-fall", "Turnout dropped by three percentage points.", Verdict.SUPPORTS,
         "report: three percentage points (exactly 3 percentage points); claim: 3 percentage points; compatible"),
        ("turnout-fall", "Turnout fell 3%.", Verdict.NOT_MENTIONED, None),  # a percentage is not points
    ],
)
def test_a_claim_in_any_unit_is_compared_in_its_familys_base_unit(tmp_path, claim_id, text, verdict, reason):
    rules_path, report_path = tmp_path / "rules.yaml", tmp_path / "report.txt"
    rules_path.write_text(MEASURES, encoding="utf-8")
    report_path.write_text(text + "\n", encoding="utf-8")
    got = check_report(load_rules(rules_path), load_report(report_path)).claim(claim_id)
    assert got.verdict is verdict
    if reason is not None:
        assert got.evidence[0].reason == reason


@pytest.mark.parametrize("relation, published, source, words", [
    ("later_tally", "2025-07-31", "2025-07-17",
     "3,075: a later cumulative tally, 14 days after the source (report of 2025-07-31, source of 2025-07-17)"),
    ("later_tally", "2025-07-18", "2025-07-17",
     "3,075: a later cumulative tally, 1 day after the source (report of 2025-07-18, source of 2025-07-17)"),
    ("narrower_scope", "2025-07-17", "2025-07-17",
     "3,075: a count for a narrower scope, the same day as the source (report of 2025-07-17, source of 2025-07-17)"),
    ("projection", "2025-07-10", "2025-07-17",
     "3,075: a projection, 7 days before the source (report of 2025-07-10, source of 2025-07-17)"),
    ("other_source", "2025-07-31", "", "3,075: another source's figure (report of 2025-07-31; the source's date is not known)"),
    ("projection", "", "2025-07-17", "3,075: a projection (source of 2025-07-17; the report's date is not known)"),
    ("narrower_scope", "", "", "3,075: a count for a narrower scope"),
    ("", "2025-07-31", "2025-07-17", ""),
])
def test_relation_words_name_the_relation_and_both_dates(relation, published, source, words):
    evidence = Evidence("3,075 detained", 0, 14, "3,075", 3075, 3075, 90.0, relation=relation)
    assert relation_words(evidence, published, source) == words
