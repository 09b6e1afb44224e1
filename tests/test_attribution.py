"""Whose figure is it: a report's figure is read against a claim only when it is about that
claim's entity, year and kind of figure (attribution.py), whatever the story.

Each case is a rules file as a user writes it for another kind of story than the seed, one short
report, and the verdict a careful fact-checker reaches.
"""

from __future__ import annotations

import pytest

from factdesk.claims.reports import report_from_bytes
from factdesk.claims.rules import parse_rules
from factdesk.claims.verdicts import Verdict, check_report

ELECTION = parse_rules("""
version: 1
source: {title: "Labour wins landslide", published: 2024-07-05}
claims:
  - {id: labour-seats, statement: Labour won 411 seats, quantity: "411", unit: seats, context: [Labour]}
  - {id: tory-seats, statement: the Conservatives won 121 seats, quantity: "121", unit: seats, context: [Conservatives]}
  - {id: turnout, statement: Turnout was 59.7%, quantity: 59.7%, unit: turnout}
  - {id: labour-share, statement: Labour's share of the vote was 33.7%, quantity: 33.7%, unit: [share, vote], context: [Labour]}
""")

QUAKE = parse_rules("""
version: 1
source: {title: "Quake kills hundreds", published: 2025-03-29}
claims:
  - {id: deaths, statement: "at least 1,644 people were killed", quantity: "at least 1,644", unit: [people, dead, killed]}
  - {id: projection, statement: "deaths could exceed 10,000", quantity: "more than 10,000", unit: deaths}
  - {id: pledge, statement: China pledged $13.8 million in aid, quantity: $13.8 million, unit: USD, context: [China]}
""")

STORM = parse_rules("""
version: 1
source: {title: "Typhoon Yagi kills hundreds in Vietnam", published: 2024-09-16}
claims:
  - {id: deaths, statement: "Typhoon Yagi has killed at least 292 people", quantity: "at least 292", unit: [killed, dead, deaths], context: [Yagi, typhoon]}
  - {id: missing, statement: "38 others are missing", quantity: "38", unit: [missing], context: [Yagi, typhoon]}
  - {id: rice, statement: "190,000 hectares of rice fields were flooded", quantity: "190,000 hectares", unit: hectares, context: [rice, paddy]}
  - {id: crops, statement: "48,000 hectares of cash crops were flooded", quantity: "48,000 hectares", unit: hectares, context: [crops, corn, cassava]}
""")

CLIMATE = parse_rules("""
version: 1
source: {title: "COP29 agrees $300bn climate finance deal", published: 2024-11-24}
claims:
  - {id: target, statement: "rich countries will provide $300 billion a year", quantity: $300 billion, unit: USD, context: [goal, target, rich countries]}
  - {id: previous, statement: "it replaces the previous goal of $100 billion a year", quantity: $100 billion, unit: USD, context: [goal, previous, earlier]}
""")

BUDGET = parse_rules("""
version: 1
source: {title: "Budget 2024", published: 2024-10-30}
claims:
  - {id: growth, statement: "The OBR predicts GDP growth of 1.1% this year", quantity: 1.1%, unit: "%", context: [OBR, growth, GDP]}
""")


NI = parse_rules("""
version: 1
source: {title: "Budget 2024", published: 2024-10-30}
claims:
  - {id: revenue, statement: "The employer NI changes will raise £25bn", quantity: £25bn, unit: GBP, context: [NI, national insurance, employers]}
  - {id: rate, statement: "Employer NI will rise to 15%", quantity: 15%, unit: "%", context: [NI, national insurance, employers]}
  - {id: taiwanese, statement: "75 Taiwanese were arrested", quantity: "75", unit: Taiwanese}
""")


CASES = [
    # a figure that agrees with one claim of the rules file is that claim's, never against another
    (CLIMATE, "previous", "The goal rises from the earlier $100 billion a year to $300 billion a year.", Verdict.SUPPORTS),
    (CLIMATE, "target", "The goal rises from the earlier $100 billion a year to $300 billion a year.", Verdict.SUPPORTS),
    (CLIMATE, "previous", "Rich countries agreed a goal of $300 billion a year.", Verdict.NOT_MENTIONED),
    (CLIMATE, "previous", "The earlier goal was $90 billion a year.", Verdict.CONTRADICTS),
    # what a share measures: inflation is not growth
    (BUDGET, "growth", "The OBR expects inflation of 2.5% this year.", Verdict.NOT_MENTIONED),
    (BUDGET, "growth", "The OBR expects growth of 1.1% this year.", Verdict.SUPPORTS),
    (BUDGET, "growth", "The OBR expects growth of 1.3% this year.", Verdict.CONTRADICTS),
    # a bare figure written to fewer digits than the claim is the claim's value, rounded or cut
    (ELECTION, "turnout", "Turnout was 60% this time.", Verdict.SUPPORTS),
    (ELECTION, "turnout", "Turnout was 59% this time.", Verdict.SUPPORTS),
    (ELECTION, "turnout", "Turnout was 58% this time.", Verdict.CONTRADICTS),
    (ELECTION, "turnout", "Turnout was 59.8% this time.", Verdict.CONTRADICTS),
    (ELECTION, "turnout", "Turnout was about 61% this time.", Verdict.CONTRADICTS),
    # in a list of years each year follows its own figure
    (BUDGET, "growth", "In its forecast, the OBR put GDP growth at 0.9% last year, 1.1% this year and 1.6% next year.", Verdict.SUPPORTS),
    # "from 10 to 18 per cent": the level it went to is the report's
    (NI, "rate", "Employers' NI goes from 13 to 15 per cent.", Verdict.SUPPORTS),
    # a forecast restated in the future tense is the forecast, not a count
    (BUDGET, "growth", "GDP growth will be 1.1% this year, the OBR said.", Verdict.SUPPORTS),
    # a level the sentence says was replaced may agree, never contradict
    (BUDGET, "growth", "The OBR raised its GDP growth forecast to 1.1%, from its previous forecast of 0.8%.",
     Verdict.SUPPORTS),
    (BUDGET, "growth", "The OBR's GDP growth forecast went from 0.8% to 1.1%.", Verdict.SUPPORTS),
    (BUDGET, "growth", "The OBR cut its GDP growth forecast from an earlier 1.3%.", Verdict.NOT_MENTIONED),

    # another claim's entity in the figure's own phrase: not this claim's figure
    (ELECTION, "labour-seats", "Labour won 411 seats, the Conservatives 121.", Verdict.SUPPORTS),
    (ELECTION, "tory-seats", "Labour won 411 seats, the Conservatives 121.", Verdict.SUPPORTS),
    (ELECTION, "labour-seats", "The Conservatives won 121 seats.", Verdict.NOT_MENTIONED),
    (ELECTION, "labour-seats", "Labour won 412 seats.", Verdict.CONTRADICTS),
    # another year's figure is another instance
    (ELECTION, "turnout", "Turnout was 67.3% in 2019.", Verdict.NOT_MENTIONED),
    (ELECTION, "turnout", "In 2017, turnout reached 68.8%.", Verdict.NOT_MENTIONED),
    (ELECTION, "turnout", "Turnout was 59.8%, the lowest since 2001.", Verdict.CONTRADICTS),
    (ELECTION, "turnout", "Turnout was 59.7%, the lowest since 2001.", Verdict.SUPPORTS),
    # a percentage is not the claim's because the sentence is about the election
    (ELECTION, "turnout", "The pound fell 1.2% after the vote.", Verdict.NOT_MENTIONED),
    (ELECTION, "labour-share", "Reform won 14.3% of the vote.", Verdict.NOT_MENTIONED),
    (ELECTION, "labour-share", "Labour won 33.7% of the vote.", Verdict.SUPPORTS),
    # a projection is not a count, and a count not a projection
    (QUAKE, "deaths", "The USGS said deaths could exceed 10,000.", Verdict.NOT_MENTIONED),
    (QUAKE, "deaths", "The death toll rose to 2,719.", Verdict.SUPPORTS),
    (QUAKE, "deaths", "At least 1,000 people were killed.", Verdict.SUPPORTS),
    (QUAKE, "projection", "The death toll rose to 2,719.", Verdict.NOT_MENTIONED),
    # a measure for a unit: people counted as missing or dead
    (STORM, "missing", "Typhoon Yagi killed 299, while 145 are still missing.", Verdict.CONTRADICTS),
    (STORM, "missing", "After Typhoon Yagi, 38 people remain missing.", Verdict.SUPPORTS),
    (STORM, "deaths", "Typhoon Yagi has killed at least 300 people.", Verdict.SUPPORTS),
    # "lives lost", "claimed 299 lives" are deaths; each figure of a list keeps its own measure
    (STORM, "deaths", "Typhoon Yagi claimed 299 lives, with 34 people still missing.", Verdict.SUPPORTS),
    (STORM, "deaths", "After Typhoon Yagi, at least 281 lives lost and 67 people reported missing.", Verdict.SUPPORTS),
    (STORM, "missing", "After Typhoon Yagi, at least 281 lives lost and 67 people reported missing.",
     Verdict.CONTRADICTS),
    # a total of the claim's thing and another's is neither
    (STORM, "deaths", "Typhoon Yagi left 329 people dead and missing.", Verdict.NOT_MENTIONED),
    (STORM, "crops", "Typhoon Yagi flooded 262,000 hectares of rice and crops.", Verdict.NOT_MENTIONED),
    (STORM, "rice", "Typhoon Yagi flooded 262,000 hectares of rice, crops and fruit trees.", Verdict.NOT_MENTIONED),
    (STORM, "rice", "Typhoon Yagi flooded 262,000 hectares of rice.", Verdict.CONTRADICTS),
    # an early, partial count is not the result
    (ELECTION, "labour-share", "With results in from 8.5% of constituencies, Labour had 36.1% of the vote.",
     Verdict.NOT_MENTIONED),
    # another event of the same kind
    (STORM, "deaths", "The death toll from Typhoon Bualoi has risen to 19.", Verdict.NOT_MENTIONED),
    (STORM, "deaths", "The death toll from Typhoon Yagi has risen to 199.", Verdict.CONTRADICTS),
    # a claim's actor (a capitalised context word) must be named near its figure
    (QUAKE, "pledge", "The UN released $5 million from its emergency fund.", Verdict.NOT_MENTIONED),
    (QUAKE, "pledge", "China said it would send $13.8 million in emergency aid.", Verdict.SUPPORTS),
]




def test_a_loose_tie_supports_but_never_contradicts():
    """A percentage whose clause names the claim's measure only from afar may support it, but a
    contradiction asks for the measure in the figure's own phrase."""
    rules = ELECTION
    near = report_from_bytes("a.txt", b"Turnout in the election was 52.0%.")
    far = report_from_bytes("b.txt", b"In the election, where turnout fell, one party had 52.0%.")
    assert check_report(rules, near).claim("turnout").auto is Verdict.CONTRADICTS
    assert check_report(rules, far).claim("turnout").auto is Verdict.NOT_MENTIONED


MEASLES = parse_rules("""
version: 1
source: {title: "Texas measles outbreak surges", published: 2025-03-28}
claims:
  - {id: cases, statement: "The outbreak has reached at least 400 cases", quantity: "at least 400", unit: cases, context: [measles]}
""")


def _dated(published: str, text: str):
    return report_from_bytes("report.md", f"---\npublished: {published}\n---\n{text}\n".encode())


def test_a_lower_count_published_before_the_source_is_an_earlier_tally_not_a_contradiction():
    earlier = _dated("2025-02-25", "The measles outbreak has grown to 124 cases.")
    later = _dated("2025-04-08", "The measles outbreak has grown to 481 cases.")
    undated = report_from_bytes("report.txt", b"The measles outbreak has grown to 124 cases.")
    assert check_report(MEASLES, earlier).claim("cases").auto is Verdict.NOT_MENTIONED
    assert check_report(MEASLES, undated).claim("cases").auto is Verdict.CONTRADICTS
    found = check_report(MEASLES, later).claim("cases")
    assert found.auto is Verdict.SUPPORTS
    assert found.evidence[0].relation == "later_tally"
    assert "a later cumulative tally, report of 2025-04-08" in found.evidence[0].reason


def test_a_report_of_another_year_speaks_of_that_year():
    old = _dated("2019-05-12", "Turnout was 65.99 per cent.")
    assert check_report(ELECTION, old).claim("turnout").auto is Verdict.NOT_MENTIONED


def test_a_rounded_figure_says_why_it_agrees():
    report = report_from_bytes("r.txt", b"Turnout was 60% this time.")
    evidence = check_report(ELECTION, report).claim("turnout").evidence[0]
    assert evidence.fits
    assert "the claim's value written to fewer digits" in evidence.reason

VOTERS = parse_rules("""
version: 1
source: {title: "South Africa votes", published: 2024-05-29}
claims:
  - {id: registered, statement: "27.7 million people registered to vote", quantity: 27.7 million, unit: [registered voters, registered to vote]}
""")

MORE_CASES = [
    # a unit of several words said right after the people counted
    (VOTERS, "registered", "A record 27.7 million South Africans registered to vote.", Verdict.SUPPORTS),
    (VOTERS, "registered", "In all, 26.1 million people are registered to vote this year.", Verdict.CONTRADICTS),
    (VOTERS, "registered", "In all, 26.1 million people voted this year.", Verdict.NOT_MENTIONED),
    # an acronym in `context` and the phrase it stands for are one name: either may be written
    (NI, "rate", "Employers' national insurance contributions rise to 15% in April.", Verdict.SUPPORTS),
    (NI, "rate", "Employers' NI contributions rise to 15% in April.", Verdict.SUPPORTS),
    (NI, "rate", "Employers' national insurance contributions rise to 16% in April.", Verdict.CONTRADICTS),
    # a figure tenfold away from the claim's is another quantity of the same unit, not a misstatement
    (NI, "revenue", "The employers' national insurance allowance rises to £10,500.", Verdict.NOT_MENTIONED),
    (NI, "revenue", "Employers' national insurance changes will raise £20bn.", Verdict.CONTRADICTS),
    # ... unless its own words name what the claim counts
    (NI, "taiwanese", "Police said 1,200 Taiwanese were arrested.", Verdict.CONTRADICTS),
]


@pytest.mark.parametrize(("rules", "claim_id", "text", "expected"), CASES + MORE_CASES)
def test_whose_figure(rules, claim_id, text, expected):
    report = report_from_bytes("report.txt", text.encode())
    assert check_report(rules, report).claim(claim_id).auto is expected


def test_an_estimate_in_a_report_older_than_the_source_never_contradicts_it():
    older_disagrees = _dated("2024-03-06", "The OBR expects GDP growth of 0.8% this year.")
    older_agrees = _dated("2024-03-06", "The OBR expects GDP growth of 1.1% this year.")
    later_disagrees = _dated("2024-11-06", "The OBR expects GDP growth of 0.8% this year.")
    assert check_report(BUDGET, older_disagrees).claim("growth").auto is Verdict.NOT_MENTIONED
    assert check_report(BUDGET, older_agrees).claim("growth").auto is Verdict.SUPPORTS
    assert check_report(BUDGET, later_disagrees).claim("growth").auto is Verdict.CONTRADICTS


def test_a_fact_check_quoting_the_claim_is_judged_on_its_own_finding():
    rules = parse_rules("""
version: 1
source: {title: "Raids in Cambodia", published: 2025-07-17}
claims:
  - {id: raid-days, statement: "The raids lasted three days", quantity: three days, unit: days, context: [raids]}
""")
    text = '**Claim 3: "The raids lasted three days."** Verdict: FALSE. The raids went on for five days.'
    found = check_report(rules, report_from_bytes("check.md", text.encode())).claim("raid-days")
    assert found.auto is Verdict.CONTRADICTS
    assert [e.figure for e in found.evidence] == ["five days"]
    # the quotation alone, a finding without a figure: what it quotes may stand as support
    alone = '**Claim 1: "The raids lasted three days."** Verdict: TRUE. Police confirmed the dates.'
    assert check_report(rules, report_from_bytes("true.md", alone.encode())).claim("raid-days").auto is Verdict.SUPPORTS


def test_a_report_of_the_sources_time_speaks_of_a_claim_dated_the_next_year():
    rules = parse_rules("""
version: 1
source: {title: "Budget 2024", published: 2024-10-30}
claims:
  - {id: rate, statement: "Employer NI will rise to 15% from April 2025", quantity: 15%, unit: "%", context: [NI, national insurance, employers]}
""")
    same_time = _dated("2024-10-31", "Employers' national insurance will rise to 15%.")
    years_on = _dated("2027-10-31", "Employers' national insurance will rise to 16%.")
    assert check_report(rules, same_time).claim("rate").auto is Verdict.SUPPORTS
    assert check_report(rules, years_on).claim("rate").auto is Verdict.NOT_MENTIONED


def test_a_claims_actor_named_in_the_figures_clause_ties_it_without_the_measure_word():
    rules = parse_rules("""
version: 1
source: {title: "South Africa votes", published: 2024-06-02}
claims:
  - {id: da, statement: "The DA received 21.81 percent of the votes", quantity: 21.81%, unit: "%", context: [DA, Democratic Alliance, vote, opposition]}
""")
    named = report_from_bytes("a.txt", b"The centrist Democratic Alliance finished second with 21.8 per cent.")
    unnamed = report_from_bytes("b.txt", b"The centrist party finished second with 21.8 per cent.")
    assert check_report(rules, named).claim("da").auto is Verdict.SUPPORTS
    assert check_report(rules, unnamed).claim("da").auto is Verdict.NOT_MENTIONED
    # the measure unsaid, such a share may agree but never contradicts
    other = report_from_bytes("c.txt", b"The centrist Democratic Alliance finished second with 25 per cent.")
    assert check_report(rules, other).claim("da").auto is Verdict.NOT_MENTIONED


def test_another_institutions_figure_is_marked_as_another_source():
    rules = parse_rules("""
version: 1
source: {title: "Measles in Texas", published: 2025-03-28}
claims:
  - {id: cases, statement: "The Texas outbreak has reached at least 400 cases", quantity: at least 400, unit: [cases, measles cases], context: [Texas, DSHS, measles]}
""")
    other = report_from_bytes("a.txt", b"The US Centers for Disease Control and Prevention said there were 483 measles cases in Texas.")
    own = report_from_bytes("b.txt", b"According to the DSHS, there were 483 measles cases in Texas.")
    found = check_report(rules, other).claim("cases").evidence[0]
    assert found.relation == "other_source"
    assert "another source's figure" in found.reason
    assert check_report(rules, own).claim("cases").evidence[0].relation == ""


JOBS = parse_rules("""
version: 1
source: {title: "US jobs report", published: 2024-08-02}
claims:
  - {id: jobs, statement: "The US economy added 114,000 jobs in July", quantity: "114,000", unit: [jobs, payrolls], context: [July, added]}
  - {id: june, statement: "June's job additions were revised down by 27,000", quantity: "27,000", unit: [jobs], context: [June, revised]}
  - {id: wages, statement: "Average hourly earnings increased by 0.2% in July", quantity: 0.2%, unit: "%", context: [hourly earnings, wages]}
""")

JOBS_CASES = [
    # a figure dated to another month than the claim's is another month's
    (JOBS, "wages", "Average hourly earnings rose 0.4% in August.", Verdict.NOT_MENTIONED),
    (JOBS, "wages", "Average hourly earnings rose 0.4% in July.", Verdict.CONTRADICTS),
    (JOBS, "jobs", "Employers added 142,000 jobs last month.", Verdict.NOT_MENTIONED),  # (a report of September)
    # a share of the markets is not a share of wages
    (JOBS, "wages", "Wages rose, but the S&P 500 index fell 1.8% on the day.", Verdict.NOT_MENTIONED),
    # "a combined 29,000" is a total of several months
    (JOBS, "june", "Payrolls for May and June were revised down by a combined 29,000 jobs.", Verdict.NOT_MENTIONED),
    # what was expected is not what was reported
    (JOBS, "jobs", "Employers added far fewer than the 175,000 jobs expected in July.", Verdict.NOT_MENTIONED),
]


@pytest.mark.parametrize(("rules", "claim_id", "text", "expected"), JOBS_CASES)
def test_whose_figure_in_a_monthly_release(rules, claim_id, text, expected):
    report = _dated("2024-09-06", text) if "last month" in text else report_from_bytes("r.txt", text.encode())
    assert check_report(rules, report).claim(claim_id).auto is expected
