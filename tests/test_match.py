"""Tying figures to claims: each claim gets the figure that counts what it counts."""

from __future__ import annotations

import pytest

from factdesk.claims.context import Analysis
from factdesk.claims.match import rank_passages, source_passage, statement_figure, ties
from factdesk.claims.reports import report_from_bytes
from factdesk.claims.rules import parse_rules

RULES = parse_rules("""
version: 1
source: {title: Scam crackdown}
claims:
  - {id: total, statement: "Cambodian police arrested more than 1,000 people in raids", quantity: "more than 1,000", unit: people}
  - {id: taiwanese, statement: including 75 Taiwanese, quantity: "75", unit: Taiwanese}
  - {id: indonesians, statement: at least 271 Indonesians, quantity: at least 271, unit: Indonesians}
  - {id: vietnamese, statement: 213 Vietnamese, quantity: "213", unit: Vietnamese}
  - {id: days, statement: "Over three days, authorities raided sites across the country", quantity: three days, unit: days}
  - {id: losses, statement: scams take an estimated US$40 billion annually, quantity: an estimated US$40 billion, unit: USD}
  - {id: foreigners, statement: 230 foreign nationals detained during raids in Poipet, quantity: "230", unit: foreign nationals}
  - {id: thais, statement: "In March, Cambodia deported 119 Thais", quantity: "119"}
  - {id: compounds, statement: There are at least 53 scam compounds in Cambodia, quantity: at least 53, unit: scam compounds}
""")


def tied(claim_id: str, text: str) -> list[str]:
    """The words of every figure tied to the claim, strongest first."""
    report = report_from_bytes("r.txt", text.encode())
    return [t.mention.figure.text for t in ties(RULES.claim(claim_id), Analysis(report))]


LIST = "Most of those arrested were foreigners, among them at least 271 Indonesians, 213 Vietnamese and 75 Taiwanese."

TABLE = [
    # a list: each nationality claim takes its own figure
    ("indonesians", LIST, ["at least 271"]),
    ("vietnamese", LIST, ["213"]),
    ("taiwanese", LIST, ["75"]),
    ("total", LIST, []),  # nationality counts are parts, not the total
    # what a figure counts, however it is written
    ("taiwanese", "Those detained included 75 suspects from Taiwan and 85 Cambodians.", ["75"]),
    ("taiwanese", "Seventy-five Taiwanese nationals were among those held.", ["Seventy-five"]),
    ("vietnamese", "- Vietnamese: 213", ["213"]),
    ("total", "The number of people detained has passed 3,000.", ["passed 3,000"]),
    ("total", "The arrests brought the total detained to 2,137, the minister said.", ["2,137"]),
    ("total", "Cambodia arrests over 1,000 in scam crackdown", ["over 1,000"]),  # a headline
    ("total", "The firm employs over 1,000 in Phnom Penh.", []),  # another verb, another count
    ("foreigners", "They were among 230 foreigners detained in raids in Poipet.", ["230"]),
    ("foreigners", "In Poipet, police detained 271 Indonesian nationals.", []),  # Indonesians, not foreigners in general
    # kinds: money takes only money in its currency and period; a duration only a duration
    ("losses", "Victims lose an estimated $40 billion a year; 3,000 people were held.", ["an estimated $40 billion a year"]),
    ("losses", "The centres earn about EUR 35 billion a year.", []),
    ("losses", "A billion-dollar industry has grown up in the region.", []),
    ("days", "Over three days authorities raided 40 sites across the country.", ["three days"]),
    ("days", "Police arrested 809 people over the two days of operations.", ["two days"]),
    ("days", "In the two days since, 809 people were detained in raids.", []),
    ("days", "From June 27 to July 22, authorities carried out raids at 58 locations.", ["From June 27 to July 22"]),
    ("days", "Police raided sites across the country Monday to Wednesday.", ["Monday to Wednesday"]),
    ("days", "Police raided 12 sites; a 240-page report came out on July 16, 2025.", []),
    # another measure: rescued or working is not arrested or deported
    ("thais", "Police rescued 215 foreigners, 109 of them Thais, from a compound.", []),
    ("thais", "Cambodia said it had deported 119 Thais across the border.", ["119"]),
    ("total", "As many as 120,000 people may be working in scam centres in Myanmar.", []),
    # a group count bounds each of its members
    ("indonesians", "Those detained included dozens more from South Korea, Indonesia and Pakistan.", ["dozens"]),
    # another country's count, an earlier value, a part of a group: not the claim's figure
    ("total", "Across the border, Thailand's police said its own operations led to the arrest of 53 people.", []),
    ("indonesians", "Indonesia's embassy now counts 280 Indonesians in custody, up from 190 this morning.", ["280"]),
    ("compounds", "Researchers documented torture at 10 of the compounds.", []),
    ("taiwanese", "Taiwan's ministry says thirteen other Taiwanese are missing.", []),
    # a list headed by countries; "other nationalities" is not a count of Taiwanese
    ("indonesians", "The detained comprise: Indonesia 271; Viet Nam 213; other nationalities 60.", ["271"]),
    ("vietnamese", "The detained comprise: Indonesia 271; Viet Nam 213; other nationalities 60.", ["213"]),
    ("taiwanese", "The detained comprise: China (including Taiwan) 391; other nationalities 60.", []),
    # a table row is read under its header; a time since an event is not its span
    ("thais", "| Nationality | Detained |\n|---|---|\n| Thai | 18 |", []),
    ("vietnamese", "| Nationality | Detained |\n|---|---|\n| Vietnamese | 213 |", ["213"]),
    ("days", "Most compounds were operating again within six months of earlier raids.", []),
    # dates, years, phone numbers and codes are never figures for a claim
    ("total", "On July 16, 2025, police in Phnom Penh gave a hotline, 012 345 678, and Route 5 closed.", []),
]


@pytest.mark.parametrize(("claim_id", "text", "expected"), TABLE)
def test_ties(claim_id, text, expected):
    assert tied(claim_id, text) == expected


def test_group_count_is_an_upper_bound_for_each_member():
    report = report_from_bytes("r.txt", b"Those detained included dozens more from South Korea, Indonesia and Pakistan.")
    (tie,) = ties(RULES.claim("indonesians"), Analysis(report))
    assert tie.member and tie.interval.low == 0 and tie.interval.high == 100


def test_narrow_scope_is_marked_partial():
    text = "In Sihanoukville alone, 40 Vietnamese were held on Tuesday. The ministry said 213 Vietnamese were held nationwide."
    report = report_from_bytes("r.txt", text.encode())
    partial = {t.mention.figure.text: t.partial for t in ties(RULES.claim("vietnamese"), Analysis(report))}
    assert partial == {"40": True, "213": False}


def test_rank_passages_puts_the_closest_sentence_first():
    report = report_from_bytes("r.txt", b"Rain fell in Phnom Penh. Police arrested more than 1,000 people in raids. Markets rose.")
    best = rank_passages(RULES.claim("total").statement, report, limit=2)
    assert report.sentence_text(best[0].sentence) == "Police arrested more than 1,000 people in raids."
    assert best[0].score > best[1].score


def test_source_passage_finds_the_claims_sentence_in_the_source():
    source = report_from_bytes("source.txt", b"Intro line here. In March, Cambodia deported 119 Thais to the border. End.")
    passage = source_passage(RULES.claim("thais"), source)
    assert source.sentence_text(passage.sentence) == "In March, Cambodia deported 119 Thais to the border."


def test_statement_figure_is_the_claimed_quantity():
    claim = RULES.claim("total")
    start, end = statement_figure(claim)
    assert claim.statement[start:end] == "more than 1,000"
