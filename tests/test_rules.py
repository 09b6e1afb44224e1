"""The rules format, version 1: what a claim may say, what is derived when it says less, and
every validation error with its exact position."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

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
      "(expected one of version, source, claims)"]),
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
