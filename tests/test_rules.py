"""The rules format, version 1: what a claim may say, what is derived when it says less, and
every validation error with its exact position."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.claims.errors import RulesError
from factdesk.claims.figures import Hedge, Kind
from factdesk.claims.rules import derive_units, load_rules, parse_rules

ROOT = Path(__file__).resolve().parent.parent
HEAD = "version: 1\nsource:\n  title: T\nclaims:\n"
ONE = "  - id: a\n    statement: 3 dogs\n    quantity: 3\n"  # lines 5-7


def claim_of(body: str):
    """The single claim of a rules file whose claim is `body` (a YAML mapping, indented 4)."""
    (claim,) = parse_rules(HEAD + "  - id: c\n" + body).claims
    return claim


def problems(text: str, base: Path | None = None) -> list[str]:
    with pytest.raises(RulesError) as caught:
        parse_rules(text, "r.yaml", base=base)
    return caught.value.lines()


# ---------------------------------------------------------------------------------------------
# What a valid file holds
# ---------------------------------------------------------------------------------------------


def test_the_bundled_rules_load_with_every_field():
    rules = load_rules(ROOT / "rules" / "cambodia-scam-crackdown.yaml")
    assert rules.source.title == "Cambodia arrests more than 1,000 in raids on scam centers"
    assert rules.source.outlet.startswith("Taipei Times") and rules.source.published == "2025-07-17"
    assert rules.source_path == (ROOT / "seeds" / "cambodia-scam-crackdown-taipei-times-2025-07-17.txt").resolve()
    assert [c.id for c in rules.claims][:3] == ["total-arrests", "taiwanese", "indonesians"]
    first = rules.claim("total-arrests")
    assert first.units == ("people", "suspects", "persons", "detainees")
    assert first.context == ("arrested", "detained", "raids", "crackdown")
    assert first.line == 9 and first.unit_given and first.context_given


def test_only_id_statement_and_quantity_are_required():
    rules = parse_rules("version: 1\nsource:\n  title: A headline\nclaims:\n"
                        "  - id: thais-deported\n    statement: In March, Cambodia deported 119 Thais\n"
                        "    quantity: '119'\n")
    assert rules.source.title == "A headline" and rules.source.outlet == "" and rules.source_path is None
    (claim,) = rules.claims
    assert (claim.id, claim.statement, claim.quantity, claim.tolerance) == (
        "thais-deported", "In March, Cambodia deported 119 Thais", "119", 0.0)


@pytest.mark.parametrize(
    ("statement", "units"),
    [
        ("In March, Cambodia deported 119 Thais", ("Thais",)),
        ("arrested 119 Thais in March", ("Thais",)),
        ("There are at least 53 scam compounds in Cambodia", ("scam compounds",)),
        ("Police held 230 foreign nationals during raids", ("foreign nationals",)),
        ("The toll was 75", ()),
        ("No figure at all", ()),
    ],
)
def test_the_unit_is_derived_from_the_words_after_the_figure(statement, units):
    assert derive_units(statement) == units


def test_unit_and_context_are_derived_when_absent_and_kept_when_given():
    derived = claim_of("    statement: In March, Cambodia deported 119 Thais\n    quantity: '119'\n")
    assert derived.units == ("Thais",) and not derived.unit_given
    assert derived.context == ("March", "Cambodia", "deported", "Thais") and not derived.context_given
    given = claim_of("    statement: In March, Cambodia deported 119 Thais\n    quantity: '119'\n"
                     "    unit: Thai nationals\n    context: [deported, Poipet]\n")
    assert given.units == ("Thai nationals",) and given.unit_given
    assert given.context == ("deported", "Poipet") and given.context_given


@pytest.mark.parametrize(
    ("unit_yaml", "units"),
    [
        ("unit: people", ("people",)),
        ("unit: '  scam compounds '", ("scam compounds",)),
        ("unit: [people, suspects]", ("people", "suspects")),
        ("unit:\n      - people\n      - persons", ("people", "persons")),
    ],
)
def test_unit_is_a_word_a_phrase_or_a_list(unit_yaml, units):
    assert claim_of(f"    statement: 75 people\n    quantity: 75\n    {unit_yaml}\n").units == units


@pytest.mark.parametrize(
    ("quantity", "unit", "kind", "low", "high", "hedge"),
    [
        ("75", None, Kind.COUNT, 75, 75, Hedge.EXACT),
        ("'119'", None, Kind.COUNT, 119, 119, Hedge.EXACT),
        ("more than 1,000", None, Kind.COUNT, 1000, math.inf, Hedge.MORE_THAN),
        ("at least 271", None, Kind.COUNT, 271, math.inf, Hedge.AT_LEAST),
        ("about 1,000", None, Kind.COUNT, 900, 1100, Hedge.ABOUT),
        ("'2025'", None, Kind.COUNT, 2025, 2025, Hedge.EXACT),  # a bare number may be any value
        ("three days", "days", Kind.DURATION, 3, 3, Hedge.EXACT),
        ("3", "days", Kind.DURATION, 3, 3, Hedge.EXACT),
        ("3", "weeks", Kind.DURATION, 21, 21, Hedge.EXACT),  # durations are in days
        ("two weeks", None, Kind.DURATION, 14, 14, Hedge.EXACT),
        ("40 billion", "USD", Kind.MONEY, 40e9, 40e9, Hedge.EXACT),
        ("US$40 billion", None, Kind.MONEY, 40e9, 40e9, Hedge.EXACT),
        ("an estimated US$40 billion", "USD", Kind.MONEY, 36e9, 44e9, Hedge.ABOUT),
        ("12", "percent", Kind.PERCENT, 12, 12, Hedge.EXACT),
        ("7", "Thais", Kind.COUNT, 7, 7, Hedge.EXACT),  # a unit that is not a measure keeps a count
    ],
)
def test_the_quantity_is_read_by_the_figure_grammar_in_the_units_kind(quantity, unit, kind, low, high, hedge):
    unit_line = f"    unit: {unit}\n" if unit else ""
    claim = claim_of(f"    statement: the figure\n    quantity: {quantity}\n{unit_line}")
    assert claim.kind is kind
    assert (claim.interval.low, claim.interval.high) == (pytest.approx(low), pytest.approx(high) if
                                                         high != math.inf else math.inf)
    assert claim.figure.hedge is hedge


def test_money_keeps_its_currency():
    assert claim_of("    statement: s\n    quantity: 40 billion\n    unit: USD\n").figure.currency == "USD"
    assert claim_of("    statement: s\n    quantity: '1,000'\n    unit: euros\n").figure.currency == "EUR"


@pytest.mark.parametrize(("tolerance", "low", "high"), [("0", 1000, 1000), ("0.05", 950, 1050), ("0.1", 900, 1100)])
def test_tolerance_widens_the_claimed_interval(tolerance, low, high):
    claim = claim_of(f"    statement: s\n    quantity: '1,000'\n    tolerance: {tolerance}\n")
    assert claim.tolerance == float(tolerance)
    assert (claim.interval.low, claim.interval.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    ("quantity", "unit", "kind", "low", "high", "stated"),
    [
        # a bare number in a unit of measure: in the family's base unit, as exact as it is written
        ("16", "km", Kind.MEASURE, 15.5, 16.5, "16 km"),
        ("10", "miles", Kind.MEASURE, 15.29, 16.90, "10 miles"),  # km, +-half a mile
        ("7.7", "magnitude", Kind.MEASURE, 7.65, 7.75, "7.7 magnitude"),
        ("500", "tonnes", Kind.MEASURE, 499.5, 500.5, "500 tonnes"),
        ("1,100", "lb", Kind.MEASURE, 0.4987, 0.4992, "1,100 lb"),  # tonnes
        ("300", "hectares", Kind.MEASURE, 2.995, 3.005, "300 hectares"),  # km²
        ("120", "mph", Kind.MEASURE, 192.3, 193.9, "120 mph"),  # km/h
        ("5", "GW", Kind.MEASURE, 4500, 5500, "5 GW"),  # MW
        ("30", "degrees Celsius", Kind.MEASURE, 29.5, 30.5, "30 degrees Celsius"),
        # the quantity may say its unit itself
        ("16 km", "km", Kind.MEASURE, 15.5, 16.5, "16 km"),
        ("10 miles", "km", Kind.MEASURE, 15.29, 16.90, "10 miles"),
        # points, percent and money
        ("1.2", "percentage points", Kind.POINTS, 1.2, 1.2, "1.2 percentage points"),
        ("3", "percent", Kind.PERCENT, 3, 3, "3 percent"),
        ("40 billion", "USD", Kind.MONEY, 40e9, 40e9, "40 billion USD"),
        ("13.8 million", "US dollars", Kind.MONEY, 13.8e6, 13.8e6, "13.8 million US dollars"),
    ],
)
def test_a_unit_of_any_family_reads_a_bare_number_in_it(quantity, unit, kind, low, high, stated):
    claim = claim_of(f"    statement: the figure\n    quantity: {quantity}\n    unit: {unit}\n")
    assert claim.kind is kind and claim.stated == stated
    assert (claim.interval.low, claim.interval.high) == (pytest.approx(low, rel=1e-3), pytest.approx(high, rel=1e-3))


def test_a_tolerance_replaces_the_precision_a_measure_is_written_to():
    claim = claim_of("    statement: the figure\n    quantity: '16'\n    unit: km\n    tolerance: 0.1\n")
    assert (claim.interval.low, claim.interval.high) == (pytest.approx(14.4), pytest.approx(17.6))


@pytest.mark.parametrize(
    ("body", "reading"),
    [
        ("    statement: including 75 Taiwanese\n    quantity: 75\n    unit: Taiwanese\n",
         "c: 75 (exactly 75) Taiwanese"),
        ("    statement: including 75 Taiwanese\n    quantity: 75 Taiwanese\n", "c: 75 Taiwanese (exactly 75) Taiwanese"),
        ("    statement: s\n    quantity: more than 1,000\n    unit: [people, suspects]\n",
         "c: more than 1,000 (more than 1,000) people"),
        ("    statement: s\n    quantity: 10\n    unit: km\n", "c: 10 km (exactly 10 km; compared as 9.5 to 10.5 km)"),
        ("    statement: s\n    quantity: £40bn\n    tolerance: 0.05\n",
         "c: £40bn (exactly 40 billion GBP; compared as 38 billion to 42 billion GBP, tolerance 0.05)"),
        ("    statement: s\n    quantity: about 34%\n", "c: about 34% (33 to 35%)"),
    ],
)
def test_the_reading_of_a_quantity_says_how_it_is_compared(body, reading):
    from factdesk.claims.rules import reading as read

    assert read(claim_of(body)) == reading


def test_rates_in_the_claims_currency_or_naming_theirs():
    rules = parse_rules(HEAD + DOLLARS + EUROS + "rates:\n  EUR: {USD: 1.08}\n  CNY: {USD: 0.1377, EUR: 0.127}\n")
    assert rules.rates.rate("EUR", "USD").value == 1.08
    assert rules.rates.rate("USD", "EUR").value == pytest.approx(1 / 1.08)
    assert rules.rates.rate("CNY", "EUR").value == 0.127
    assert all(c.rates is rules.rates for c in rules.claims)  # each money claim carries them
    flat = parse_rules(HEAD + DOLLARS + "rates:\n  cny: 0.1377\n  THB: '0.0278'\n").rates  # case and quotes
    assert [(r.of, r.to, r.value) for r in flat.given] == [("CNY", "USD", 0.1377), ("THB", "USD", 0.0278)]


def test_the_sources_date_sets_the_ecb_rate_and_validate_says_so():
    rules = parse_rules(HEAD.replace("  title: T\n", "  title: T\n  published: 2025-03-28\n") + DOLLARS
                        + "rates:\n  CNY: 0.1377\n")
    assert rules.rates.on == "2025-03-28"
    assert rules.rates.described() == ("1 CNY = 0.1377 USD (the rules'); other currencies at the ECB's reference "
                                       "rate of 2025-03-28, or of the last day before it that has one")
    assert parse_rules(HEAD + DOLLARS + "rates:\n  VND: 0.0000406\n").rates.described() == (
        "1 VND = 0.0000406 USD (the rules'); no other (the ECB's rate needs the source's published date, YYYY-MM-DD)")


def test_source_file_is_resolved_relative_to_the_rules_file(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "source.txt").write_text("The article.")
    rules = tmp_path / "rules" / "r.yaml"
    rules.parent.mkdir()
    rules.write_text("version: 1\nsource:\n  title: T\n  file: ../articles/source.txt\nclaims:\n" + ONE)
    assert load_rules(rules).source_path == (tmp_path / "articles" / "source.txt").resolve()
    rules.write_text("version: 1\nsource:\n  title: T\n  file: ../articles/missing.txt\nclaims:\n" + ONE)
    with pytest.raises(RulesError) as caught:
        load_rules(rules)
    assert caught.value.lines() == [f"{rules}:4:9: source.file '../articles/missing.txt' does not exist "
                                    "(expected a path relative to the rules file)"]


def test_a_claim_is_found_by_id():
    rules = parse_rules(HEAD + ONE + ONE.replace("id: a", "id: b"))
    assert rules.claim("b").line == 8
    with pytest.raises(KeyError):
        rules.claim("c")


# ---------------------------------------------------------------------------------------------
# Every validation error, with its position
# ---------------------------------------------------------------------------------------------

EXPECT_RANGE = "(expected a relative slack between 0 and 1, e.g. 0.05 for 5%)"
EXPECT_ALONE = "expected the figure alone, such as 'seventy-five' or '75'; what it counts goes in unit"
EXPECT_RATES = ("expected a mapping of currency codes to what one unit is worth, "
                "e.g. 'CNY: 0.1377' or 'EUR: {USD: 1.08}'")
EXPECT_CODE = "expected the ISO 4217 code of a currency factdesk reads, e.g. USD, EUR, GBP, CNY"
DOLLARS = "  - id: a\n    statement: s\n    quantity: $5\n"  # lines 5-7
EUROS = "  - id: b\n    statement: s\n    quantity: €5\n"  # lines 8-10
ERRORS = [
    ("no version", "source:\n  title: T\nclaims:\n" + ONE,
     ["r.yaml:1:1: version is missing (expected version: 1)"]),
    ("nothing but a version", "version: 1\n",
     ["r.yaml:1:1: source is missing (expected source: with at least a title)",
      "r.yaml:1:1: claims is missing (expected claims: a list of claims)"]),
    ("unknown version", HEAD.replace("version: 1", "version: 2") + ONE,
     ["r.yaml:1:10: unknown rules format version '2' (expected version: 1, the only version this factdesk reads)"]),
    ("unknown top key", HEAD + ONE + "sources: x\n",
     ["r.yaml:8:1: unknown key 'sources' in the file; did you mean 'source'? "
      "(expected one of version, source, claims, rates)"]),
    ("source is text", "version: 1\nsource: T\nclaims:\n" + ONE,
     ["r.yaml:2:9: source is a single value (expected a mapping of 'key: value' lines)"]),
    ("no title", "version: 1\nsource:\n  outlet: O\nclaims:\n" + ONE,
     ["r.yaml:3:3: source.title is missing (expected the source article's headline)"]),
    ("empty title", "version: 1\nsource:\n  title: ''\nclaims:\n" + ONE,
     ["r.yaml:3:10: source.title is empty (expected a text value)"]),
    ("title is a list", "version: 1\nsource:\n  title: [a]\nclaims:\n" + ONE,
     ["r.yaml:3:10: source.title is a list (expected a text value)"]),
    ("unknown source key", "version: 1\nsource:\n  title: T\n  outlett: O\nclaims:\n" + ONE,
     ["r.yaml:4:3: unknown key 'outlett' in source; did you mean 'outlet'? "
      "(expected one of title, outlet, published, file, url)"]),
    ("claims is a mapping", HEAD + "  a: 1\n",
     ["r.yaml:5:3: claims is a mapping (expected a list of claims, each starting with '- id:')"]),
    ("claims is empty", "version: 1\nsource:\n  title: T\nclaims: []\n",
     ["r.yaml:4:9: claims is empty (expected at least one claim)"]),
    ("a claim is text", HEAD + "  - just text\n",
     ["r.yaml:5:5: claims[0] is a single value (expected a mapping of 'key: value' lines)"]),
    ("missing id", HEAD + "  - statement: 3 dogs\n    quantity: 3\n",
     ["r.yaml:5:5: claims[0].id is missing (expected a unique lower-case slug, e.g. total-arrests)"]),
    ("missing statement and quantity", HEAD + ONE + "  - id: b\n",
     ["r.yaml:8:5: claims[1].statement is missing (expected the sentence of the source that makes the claim)",
      "r.yaml:8:5: claims[1].quantity is missing (expected the figure claimed, e.g. 'more than 1,000')"]),
    ("empty statement", HEAD + "  - id: a\n    statement:\n    quantity: 3\n",
     ["r.yaml:6:15: claims[0].statement is empty (expected a text value)"]),
    ("id not a slug", HEAD + ONE.replace("id: a", "id: Total Arrests"),
     ["r.yaml:5:9: claims[0].id 'Total Arrests' is not a lower-case slug "
      "(expected lower-case letters, digits and hyphens, e.g. total-arrests)"]),
    ("id twice", HEAD + ONE + ONE,
     ["r.yaml:8:5: claims[1].id 'a' is used twice (first at line 5) (expected a unique id for each claim)"]),
    ("id twice, first claim faulty", HEAD + "  - id: a\n    statement: s\n    quantity: lots\n" + ONE,
     ["r.yaml:7:15: claims[0].quantity: cannot read quantity 'lots': found no figure "
      "(expected one figure, such as '75', 'more than 1,000', 'US$40 billion' or 'three days')",
      "r.yaml:8:5: claims[1].id 'a' is used twice (first at line 5) (expected a unique id for each claim)"]),
    ("two figures", HEAD + "  - id: a\n    statement: s\n    quantity: 3 dogs and 5 cats\n",
     ["r.yaml:7:15: claims[0].quantity: cannot read quantity '3 dogs and 5 cats': found 2 figures "
      "(expected one figure, such as '75', 'more than 1,000', 'US$40 billion' or 'three days')"]),
    ("unknown claim key", HEAD + ONE + "    units: dogs\n",
     ["r.yaml:8:5: unknown key 'units' in claims[0]; did you mean 'unit'? "
      "(expected one of id, statement, quantity, unit, context, tolerance)"]),
    ("key twice", HEAD + ONE + "    quantity: 4\n",
     ["r.yaml:8:5: claims[0] has the key 'quantity' twice (expected each key once)"]),
    ("key not text", HEAD + ONE + "    [x]: 1\n",
     ["r.yaml:8:5: claims[0] has a key that is not text (expected text keys)"]),
    ("unit empty", HEAD + ONE + "    unit: ''\n",
     ["r.yaml:8:11: claims[0].unit is empty (expected a word, a phrase or a list of them)"]),
    ("unit a mapping", HEAD + ONE + "    unit: {a: b}\n",
     ["r.yaml:8:11: claims[0].unit is a mapping (expected a word, a phrase or a list of them)"]),
    ("unit item a list", HEAD + ONE + "    unit: [dogs, [x]]\n",
     ["r.yaml:8:18: claims[0].unit[1] is not a word or phrase (expected text)"]),
    ("context item empty", HEAD + ONE + "    context: [dogs, '']\n",
     ["r.yaml:8:21: claims[0].context[1] is not a word or phrase (expected text)"]),
    ("tolerance 2", HEAD + ONE + "    tolerance: 2\n", [f"r.yaml:8:16: claims[0].tolerance is '2' {EXPECT_RANGE}"]),
    ("tolerance negative", HEAD + ONE + "    tolerance: -0.1\n",
     [f"r.yaml:8:16: claims[0].tolerance is '-0.1' {EXPECT_RANGE}"]),
    ("tolerance in words", HEAD + ONE + "    tolerance: five percent\n",
     [f"r.yaml:8:16: claims[0].tolerance is 'five percent' {EXPECT_RANGE}"]),
    ("tolerance NaN", HEAD + ONE + "    tolerance: .nan\n", [f"r.yaml:8:16: claims[0].tolerance is '.nan' {EXPECT_RANGE}"]),
    ("tolerance a list", HEAD + ONE + "    tolerance: [0.1]\n",
     [f"r.yaml:8:16: claims[0].tolerance is a list {EXPECT_RANGE}"]),
    # a quantity is read whole: what the grammar leaves is named, where it stands
    ("a word cut short", HEAD + "  - id: a\n    statement: s\n    quantity: seventy-fiv\n",
     ["r.yaml:7:23: claims[0].quantity: cannot read 'fiv' in 'seventy-fiv' (the rest reads as exactly 70) "
      f"({EXPECT_ALONE})"]),
    ("a word cut short, quoted", HEAD + "  - id: a\n    statement: s\n    quantity: ' seventy-fiv'\n",
     ["r.yaml:7:25: claims[0].quantity: cannot read 'fiv' in 'seventy-fiv' (the rest reads as exactly 70) "
      f"({EXPECT_ALONE})"]),
    ("words beside the figure", HEAD + "  - id: a\n    statement: 75 people were arrested\n"
     "    quantity: 75 people arrested\n",
     ["r.yaml:7:25: claims[0].quantity: cannot read 'arrested' in '75 people arrested' "
      f"(the rest reads as exactly 75) ({EXPECT_ALONE})"]),
    # a unit that names a kind must be the quantity's kind
    ("money in two currencies", HEAD + "  - id: a\n    statement: s\n    quantity: $40 billion\n    unit: EUR\n",
     ["r.yaml:8:11: claims[0].unit 'EUR' is money in EUR, but the quantity '$40 billion' is money in USD "
      "(expected a unit of the quantity's kind, or no unit)"]),
    ("a length for a mass", HEAD + "  - id: a\n    statement: s\n    quantity: 10 miles\n    unit: [kg, kilos]\n",
     ["r.yaml:8:11: claims[0].unit 'kg' is a mass, but the quantity '10 miles' is a length "
      "(expected a unit of the quantity's kind, or no unit)"]),
    ("a percentage for a length", HEAD + "  - id: a\n    statement: s\n    quantity: 12%\n    unit: km\n",
     ["r.yaml:8:11: claims[0].unit 'km' is a length, but the quantity '12%' is a percentage "
      "(expected a unit of the quantity's kind, or no unit)"]),
    # rates
    ("rates a list", HEAD + DOLLARS + "rates: [CNY]\n", [f"r.yaml:8:8: rates is a list ({EXPECT_RATES})"]),
    ("rates a number", HEAD + DOLLARS + "rates: 0.14\n", [f"r.yaml:8:8: rates is a single value ({EXPECT_RATES})"]),
    ("rates empty", HEAD + DOLLARS + "rates:\n", [f"r.yaml:8:7: rates is empty ({EXPECT_RATES})"]),
    ("rates of an unknown code", HEAD + DOLLARS + "rates:\n  XYZ: 0.1\n",
     [f"r.yaml:9:3: rates has an unknown currency code 'XYZ' ({EXPECT_CODE})"]),
    ("rates of a currency's name", HEAD + DOLLARS + "rates:\n  yuan: 0.1\n",
     [f"r.yaml:9:3: rates has an unknown currency code 'yuan' ({EXPECT_CODE})"]),
    ("rates key a list", HEAD + DOLLARS + "rates:\n  [CNY]: 0.1\n",
     [f"r.yaml:9:3: rates has a key that is a list ({EXPECT_CODE})"]),
    ("rate zero", HEAD + DOLLARS + "rates:\n  CNY: 0\n",
     ["r.yaml:9:8: rates.CNY is '0' (expected a positive number: what one CNY is worth in USD)"]),
    ("rate negative", HEAD + DOLLARS + "rates:\n  CNY: -0.14\n",
     ["r.yaml:9:8: rates.CNY is '-0.14' (expected a positive number: what one CNY is worth in USD)"]),
    ("rate infinite", HEAD + DOLLARS + "rates:\n  CNY: .inf\n",
     ["r.yaml:9:8: rates.CNY is '.inf' (expected a positive number: what one CNY is worth in USD)"]),
    ("rate in words", HEAD + DOLLARS + "rates:\n  CNY: cheap\n",
     ["r.yaml:9:8: rates.CNY is 'cheap' (expected a positive number: what one CNY is worth in USD)"]),
    ("rate a list", HEAD + DOLLARS + "rates:\n  CNY: [0.14]\n",
     ["r.yaml:9:8: rates.CNY is a list (expected a positive number, or a mapping such as 'CNY: {USD: 1.08}')"]),
    ("rate empty", HEAD + DOLLARS + "rates:\n  CNY:\n",
     ["r.yaml:9:7: rates.CNY is empty (expected a positive number, or a mapping such as 'CNY: {USD: 1.08}')"]),
    ("rate of the claims' own currency", HEAD + DOLLARS + "rates:\n  USD: 1\n",
     ["r.yaml:9:3: rates.USD is a rate of USD to itself (expected another currency than USD)"]),
    ("a currency twice", HEAD + DOLLARS + "rates:\n  CNY: 0.14\n  cny: 0.13\n",
     ["r.yaml:10:3: rates has CNY twice (expected each currency once)"]),
    ("a single number for claims in two currencies", HEAD + DOLLARS + EUROS + "rates:\n  CNY: 0.14\n",
     ["r.yaml:12:8: rates.CNY is a single number, but the claims are in EUR and USD "
      "(expected the currency it is worth in, e.g. 'CNY: {USD: 1.08}')"]),
    ("a single number and no money", HEAD + ONE + "rates:\n  CNY: 0.14\n",
     ["r.yaml:9:8: rates.CNY is a single number, but no claim is money "
      "(expected the currency it is worth in, e.g. 'CNY: {USD: 1.08}')"]),
    ("nested rates, each fault", HEAD + DOLLARS + EUROS + "rates:\n  EUR: {USD: 0, XXX: 1, EUR: 2, usd: 3}\n",
     ["r.yaml:12:14: rates.EUR.USD is '0' (expected a positive number: what one EUR is worth in USD)",
      f"r.yaml:12:17: rates.EUR has an unknown currency code 'XXX' ({EXPECT_CODE})",
      "r.yaml:12:25: rates.EUR.EUR is a rate of EUR to itself (expected another currency than EUR)",
      "r.yaml:12:33: rates.EUR has USD twice (expected each currency once)"]),
    ("nested rates empty", HEAD + DOLLARS + "rates:\n  EUR: {}\n",
     ["r.yaml:9:8: rates.EUR is empty (expected a positive number, or a mapping such as 'EUR: {USD: 1.08}')"]),
    # YAML itself
    ("unclosed quote", HEAD + "  - id: a\n    statement: 'unclosed\n",
     ["r.yaml:7:1: YAML syntax error: found unexpected end of stream while scanning a quoted scalar "
      "(expected the closing quote)"]),
    ("unclosed flow mapping", "version: 1\nsource: {title: T\nclaims: []\n",
     ["r.yaml:3:7: YAML syntax error: expected ',' or '}', but got ':' while parsing a flow mapping "
      "(expected items separated by ', ' and a closing '}' or ']')"]),
    ("colon in text", HEAD + "  - id: a\n    statement: Police said: 3 dogs\n    quantity: 3\n",
     ["r.yaml:6:27: YAML syntax error: mapping values are not allowed here "
      "(expected a space after ':' and quotes around text that contains ': ')"]),
    ("bad indentation", HEAD + ONE + "   unit: dogs\n",
     ["r.yaml:8:4: YAML syntax error: expected <block end>, but found '<block mapping start>' while parsing "
      "a block collection (expected keys at the same indentation, each 'key: value')"]),
    ("two documents", HEAD + ONE + "---\nversion: 1\n",
     ["r.yaml:8:1: YAML syntax error: expected a single document in the stream, but found another document "
      "(expected one document (no '---' line after the first))"]),
    ("alias", HEAD + "  - id: *x\n", ["r.yaml:5:9: anchors and aliases (&, *) are not allowed (expected plain values written out)"]),
    ("anchor", HEAD + "  - &x id: a\n", ["r.yaml:5:5: anchors and aliases (&, *) are not allowed (expected plain values written out)"]),
    ("tab", HEAD + "  - id: a\n\tstatement: s\n",
     ["r.yaml:6:1: a tab is used for indentation (expected spaces; YAML does not allow tabs for indentation)"]),
    ("control character", HEAD + "  - id: a\x07\n",
     ["r.yaml:5:10: the character U+0007 is not allowed in YAML "
      "(expected printable text; write control characters as escapes in double quotes)"]),
    ("a list", "- version: 1\n", ["r.yaml:1:1: the file is a list (expected a mapping of 'key: value' lines)"]),
    ("empty", "", ["r.yaml: the rules file is empty (expected a mapping with version, source and claims)"]),
]


@pytest.mark.parametrize(("label", "text", "expected"), ERRORS, ids=[e[0] for e in ERRORS])
def test_every_validation_error_names_its_position(label, text, expected):
    assert problems(text) == expected


def test_every_problem_of_a_file_is_listed_in_one_run():
    text = (HEAD.replace("version: 1", "version: 3") + ONE.replace("id: a", "id: A")
            + "  - id: b\n    statement: s\n    quantity: 3\n    tolerance: 9\n    colour: red\n")
    assert [line.split(": ", 1)[0] for line in problems(text)] == [
        "r.yaml:1:10", "r.yaml:5:9", "r.yaml:11:16", "r.yaml:12:5"]


def test_the_offending_line_travels_with_each_problem():
    with pytest.raises(RulesError) as caught:
        parse_rules(HEAD + ONE + "    tolerance: 2\n", "r.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.snippet) == (8, 16, "    tolerance: 2")


def test_reading_a_rules_file_that_cannot_be_read(tmp_path):
    with pytest.raises(RulesError) as caught:
        load_rules(tmp_path)
    assert caught.value.lines() == [f"{tmp_path}: cannot read the rules file: Is a directory"]
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes((HEAD + ONE).encode("utf-16"))
    with pytest.raises(RulesError) as caught:
        load_rules(utf16)
    assert caught.value.lines() == [f"{utf16}: the file is UTF-16 text (expected a UTF-8 encoded YAML file)"]
    bom = tmp_path / "bom.yaml"
    bom.write_bytes((HEAD + ONE).encode("utf-8-sig"))
    assert load_rules(bom).claims[0].id == "a"  # a UTF-8 byte-order mark is fine


# ---------------------------------------------------------------------------------------------
# The rates loader, on any input
# ---------------------------------------------------------------------------------------------

CODES = ("EUR", "GBP", "CNY", "JPY", "THB", "INR", "AUD", "CHF", "VND", "KRW")  # codes the grammar reads
POSITIVE = st.floats(min_value=1e-9, max_value=1e9, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(CODES), POSITIVE, min_size=1), st.booleans())
def test_any_rates_in_the_claims_currency_load_and_convert_both_ways(rates, lower):
    lines = "".join(f"  {code.lower() if lower else code}: {value!r}\n" for code, value in rates.items())
    loaded = parse_rules(HEAD + DOLLARS + "rates:\n" + lines).rates
    assert [r.of for r in loaded.given] == list(rates)
    for code, value in rates.items():
        assert loaded.rate(code, "USD").value == value
        assert loaded.rate("USD", code).value == pytest.approx(1 / value)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.tuples(st.sampled_from(CODES + ("USD",)), st.sampled_from(CODES + ("USD",)))
                       .filter(lambda pair: pair[0] != pair[1]), POSITIVE, min_size=1))
def test_any_rates_naming_their_currency_load_as_given(rates):
    by_currency: dict[str, dict[str, float]] = {}
    for (of, to), value in rates.items():
        by_currency.setdefault(of, {})[to] = value
    text = "rates:\n" + "".join(
        f"  {of}: {{{', '.join(f'{to}: {value!r}' for to, value in inner.items())}}}\n"
        for of, inner in by_currency.items())
    loaded = parse_rules(HEAD + DOLLARS + EUROS + text).rates
    for (of, to), value in rates.items():
        assert loaded.rate(of, to).value == value  # the rate given that way, even if the other is given too
        if (to, of) not in rates:
            assert loaded.rate(to, of).value == pytest.approx(1 / value)


def _not_a_rate(text: str) -> bool:
    try:
        return not (math.isfinite(float(text)) and float(text) > 0)
    except ValueError:
        return True


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.floats(max_value=0).map(repr), st.sampled_from(["nan", "inf", "-inf", ".nan", "1e999", ""]),
                 st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF, exclude_categories=("Cc",),
                                       exclude_characters="\\\""),
                         max_size=12).filter(_not_a_rate)))
def test_a_rate_that_is_not_a_positive_number_is_refused_where_it_stands(value):
    text = HEAD + DOLLARS + f'rates:\n  CNY: "{value}"\n'
    assert problems(text) == [f"r.yaml:9:8: rates.CNY is {value!r} "
                              "(expected a positive number: what one CNY is worth in USD)"]


YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8), st.sampled_from(CODES)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.one_of(st.sampled_from(CODES), st.text(max_size=5)), inner, max_size=3)),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(YAML_VALUES)
def test_any_rates_value_loads_or_is_refused_with_positions_after_its_line(value):
    text = HEAD + DOLLARS + EUROS + yaml.safe_dump({"rates": value}, allow_unicode=True)
    try:
        rules = parse_rules(text, "r.yaml")
    except RulesError as exc:
        assert exc.problems and all(p.line is not None and p.line >= 11 and p.column for p in exc.problems)
    else:
        assert all(r.value > 0 and math.isfinite(r.value) and r.of != r.to for r in rules.rates.given)
