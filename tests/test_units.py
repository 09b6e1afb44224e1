"""The units table (claims/units.py): every family's forms are read after a number, converted to
the family's base, and a form that may not be glued to a number is not read when it is."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.claims.units import FAMILIES, family_of, unit_after, unit_before

AFTER = [
    # text, family, value in the base unit of the number 1 before it (or None: no unit)
    ("16 km deep", "length", 16.0),
    ("10 miles away", "length", 16.09344),
    ("37m (121ft)", "length", 0.037),
    ("121ft", "length", 121 * 0.0003048),
    ("6 feet", "length", 6 * 0.0003048),
    ("190,000 hectares", "area", 1900.0),
    ("469,500 acres", "area", 469500 * 0.004046856),
    ("2.5 sq km", "area", 2.5),
    ("40 tonnes", "mass", 40.0),
    ("208 lbs", "mass", 208 * 0.00045359237),
    ("175 km/h", "speed", 175.0),
    ("109 mph", "speed", 109 * 1.609344),
    ("60 knots", "speed", 60 * 1.852),
    ("30C", "temperature", 30.0),
    ("86°F", "temperature", 30.0),
    ("1.5 degrees Celsius", "temperature", 1.5),
    ("300 MW", "power", 300.0),
    ("2 GW", "power", 2000.0),
    ("5 kWh", "energy", 0.005),
    ("256GB", "data", 256.0),
    ("30Mbps", "bandwidth", 30.0),
    ("7.7-magnitude quake", "magnitude", 7.7),
    ("7.7 magnitude", "magnitude", 7.7),
    ("6.4 on the Richter scale", "magnitude", 6.4),
    # not units
    ("5 m", None, None),
    ("3 in the morning", None, None),
    ("7 C grades", None, None),
    ("40 people", None, None),
    ("12 kmart", None, None),
]


@pytest.mark.parametrize(("text", "family", "base"), AFTER)
def test_unit_after_a_number(text, family, base):
    number = len(text) - len(text.lstrip("0123456789.,"))
    digits = text[:number].replace(",", "")
    found = unit_after(text, number, len(text))
    if family is None:
        assert found is None
        return
    assert found is not None
    unit, _ = found
    assert unit.family == family
    assert math.isclose(unit.to_base(float(digits)), base, rel_tol=1e-6)


@pytest.mark.parametrize("text", ["magnitude 7.7", "a magnitude-7.7 quake", "an M7.7 quake"])
def test_magnitude_before_the_number(text):
    start = next(i for i, c in enumerate(text) if c.isdigit())
    found = unit_before(text, start)
    assert found is not None and found[0].family == "magnitude"


def test_a_rules_unit_names_its_family():
    assert family_of("km").family == "length"
    assert family_of("Hectares").family == "area"
    assert family_of("degrees Celsius").family == "temperature"
    assert family_of("people") is None


def test_every_family_converts_its_base_unit_to_itself():
    for f in FAMILIES:
        written = next(k for k, v in f.after.items() if v == 1 and k not in f.offsets)
        assert family_of(written).to_base(5.0) == 5.0, f.name


# The forms after a number are found by one pattern built as a trie of the table's forms; the
# pattern it replaced tried every form, longest first. Kept as an oracle until the trie is trusted.
FORMS = sorted({form for f in FAMILIES for form in f.after})
ORACLE = re.compile(
    r"(?:\s*-?\s*|\s+)(?P<unit>" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(FORMS, key=len, reverse=True))
    + r")(?![\w°º²/])", re.IGNORECASE)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([*FORMS, " ", "-", "/", "s", "2", ".", "x", "K", "(", " per ", " hour"]), max_size=5)
       .map("".join))
def test_the_unit_trie_finds_what_trying_every_form_found(after):
    text = "12" + after
    m = ORACLE.match(text, 2)
    found = unit_after(text, 2, len(text))
    if m is None:
        assert found is None
    elif found is not None:  # (unit_after may refuse a match: a form not glued, a lone letter)
        assert (found[0].written, found[1]) == (" ".join(m.group("unit").lower().split()), m.end())
