"""Units of measure as data: one table per family, in the style of pint's unit definitions.

Each family names its base unit and, for every way a news report writes a unit of it, the factor
that takes a value to the base ("10 miles" is 16.09 km). The figure reader derives its patterns
from these tables; two figures of one family compare after conversion. Adding a unit is a line
here and a row in tests/test_units.py.

Money and time are not here: currencies are read by figures.py, durations in days likewise.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .lexicon import alternation


@dataclass(frozen=True, slots=True)
class Family:
    name: str  # "length"
    base: str  # the unit values are kept in: "km"
    after: dict[str, float]  # written after the number, in lower case: factor to the base
    before: tuple[str, ...] = ()  # words that may stand before the number instead ("magnitude 7.7")
    offsets: dict[str, float] = field(default_factory=dict)  # base = value * factor + offset (°F)
    glued: frozenset[str] = frozenset()  # forms that may be written against the number ("256GB")
    # how wide "about" is, in halves of the last written digit's place ("about 40C": 2 -> 39 to 41);
    # 0: 10% either side of the value, as for counts
    about: float = 0.0


_MI, _FT, _IN, _NMI = 1.609344, 0.0003048, 0.0000254, 1.852

FAMILIES: tuple[Family, ...] = (
    Family("length", "km", {
        "km": 1, "kms": 1, "kilometre": 1, "kilometres": 1, "kilometer": 1, "kilometers": 1,
        "mile": _MI, "miles": _MI, "mi": _MI, "nautical mile": _NMI, "nautical miles": _NMI,
        "m": 0.001, "metre": 0.001, "metres": 0.001, "meter": 0.001, "meters": 0.001,
        "cm": 1e-5, "centimetre": 1e-5, "centimetres": 1e-5, "centimeter": 1e-5, "centimeters": 1e-5,
        "mm": 1e-6, "millimetre": 1e-6, "millimetres": 1e-6, "millimeter": 1e-6, "millimeters": 1e-6,
        "ft": _FT, "foot": _FT, "feet": _FT, "inch": _IN, "inches": _IN,
        "yard": 0.0009144, "yards": 0.0009144, "nanometre": 1e-12, "nanometres": 1e-12,
        "nanometer": 1e-12, "nanometers": 1e-12, "nm": 1e-12, "light-years": 9.4607e12, "light-year": 9.4607e12,
        "light years": 9.4607e12, "lightyears": 9.4607e12, "astronomical units": 1.495979e8,
        "astronomical unit": 1.495979e8, "au": 1.495979e8,
    }, glued=frozenset({"km", "kms", "m", "cm", "mm", "ft", "mi", "nm"})),
    Family("area", "km²", {
        "sq km": 1, "square kilometres": 1, "square kilometers": 1, "km2": 1, "km²": 1,
        "square miles": 2.589988, "sq miles": 2.589988, "sq mi": 2.589988, "square mile": 2.589988,
        "hectare": 0.01, "hectares": 0.01, "ha": 0.01, "acre": 0.004046856, "acres": 0.004046856,
        "square metres": 1e-6, "square meters": 1e-6, "sq m": 1e-6, "m2": 1e-6, "m²": 1e-6,
        "square feet": 9.290304e-8, "sq ft": 9.290304e-8, "square foot": 9.290304e-8, "square km": 1,
        "square kilometre": 1, "square kilometer": 1, "sq kilometres": 1,
    }, glued=frozenset({"km2", "km²", "ha", "m2", "m²"})),
    Family("mass", "tonne", {
        "tonne": 1, "tonnes": 1, "metric tons": 1, "metric tonnes": 1, "ton": 1, "tons": 1, "t": 1,
        "kg": 0.001, "kgs": 0.001, "kilogram": 0.001, "kilograms": 0.001, "kilo": 0.001, "kilos": 0.001,
        "g": 1e-6, "gram": 1e-6, "grams": 1e-6, "lb": 0.00045359237, "lbs": 0.00045359237,
        "ounce": 2.8349523e-5, "ounces": 2.8349523e-5, "oz": 2.8349523e-5,
    }, glued=frozenset({"kg", "kgs", "lb", "lbs", "oz"})),
    Family("speed", "km/h", {
        "km/h": 1, "kmh": 1, "kph": 1, "km per hour": 1, "kilometres per hour": 1, "kilometers per hour": 1,
        "kilometres an hour": 1, "kilometers an hour": 1, "mph": _MI, "miles per hour": _MI,
        "miles an hour": _MI, "knots": _NMI, "knot": _NMI, "kt": _NMI, "m/s": 3.6,
        "metres per second": 3.6, "meters per second": 3.6, "km/s": 3600, "km/second": 3600,
        "kilometres per second": 3600, "kilometers per second": 3600, "miles per second": 3600 * _MI,
    }, glued=frozenset({"km/h", "kmh", "kph", "mph", "kt", "m/s", "km/s", "km/second"})),
    Family("temperature", "°C", {
        "°c": 1, "ºc": 1, "c": 1, "degrees celsius": 1, "degree celsius": 1, "celsius": 1,
        "degrees c": 1, "degrees centigrade": 1, "°f": 5 / 9, "ºf": 5 / 9, "f": 5 / 9,
        "degrees fahrenheit": 5 / 9, "degree fahrenheit": 5 / 9, "fahrenheit": 5 / 9, "degrees f": 5 / 9,
    }, about=2, offsets={"°f": -160 / 9, "ºf": -160 / 9, "f": -160 / 9, "degrees fahrenheit": -160 / 9,
                "degree fahrenheit": -160 / 9, "fahrenheit": -160 / 9, "degrees f": -160 / 9},
        glued=frozenset({"°c", "ºc", "c", "°f", "ºf", "f"})),
    Family("power", "MW", {
        "mw": 1, "megawatt": 1, "megawatts": 1, "gw": 1e3, "gigawatt": 1e3, "gigawatts": 1e3,
        "kw": 1e-3, "kilowatt": 1e-3, "kilowatts": 1e-3, "tw": 1e6, "terawatt": 1e6, "terawatts": 1e6,
        "w": 1e-6, "watt": 1e-6, "watts": 1e-6,
    }, glued=frozenset({"mw", "gw", "kw", "tw"})),
    Family("energy", "MWh", {
        "mwh": 1, "megawatt hours": 1, "megawatt-hours": 1, "gwh": 1e3, "gigawatt hours": 1e3,
        "gigawatt-hours": 1e3, "twh": 1e6, "terawatt hours": 1e6, "terawatt-hours": 1e6,
        "kwh": 1e-3, "kilowatt hours": 1e-3, "kilowatt-hours": 1e-3, "mj": 1 / 3600, "megajoules": 1 / 3600,
        "megajoule": 1 / 3600, "gj": 1 / 3.6, "gigajoules": 1 / 3.6,
    }, glued=frozenset({"mwh", "gwh", "twh", "kwh"})),
    Family("data", "GB", {
        "gb": 1, "gigabyte": 1, "gigabytes": 1, "tb": 1e3, "terabyte": 1e3, "terabytes": 1e3,
        "mb": 1e-3, "megabyte": 1e-3, "megabytes": 1e-3, "pb": 1e6, "petabyte": 1e6, "petabytes": 1e6,
    }, glued=frozenset({"gb", "tb", "mb", "pb"})),
    Family("bandwidth", "Mbps", {
        "mbps": 1, "mbit/s": 1, "megabits per second": 1, "gbps": 1e3, "gbit/s": 1e3,
        "gigabits per second": 1e3, "kbps": 1e-3, "gigabit per second": 1e3, "megabits per second": 1,
        "gb/s": 8e3, "gigabytes per second": 8e3, "mb/s": 8,
    }, glued=frozenset({"mbps", "gbps", "kbps"})),
    Family("fuel economy", "mpg", {
        "mpg": 1, "miles per gallon": 1, "miles a gallon": 1, "km/l": 1 / 0.425144, "kilometres per litre": 1 / 0.425144,
    }, glued=frozenset({"mpg"})),
    Family("magnitude", "magnitude", {
        "magnitude": 1, "-magnitude": 1, "on the richter scale": 1, "richter": 1,
    }, about=1, before=("magnitude", "magnitude-", "a magnitude", "of magnitude", "m")),
)

BY_NAME = {f.name: f for f in FAMILIES}


@dataclass(frozen=True, slots=True)
class Unit:
    family: str
    written: str  # as the table has it
    factor: float
    offset: float = 0.0
    about: float = 0.0  # the family's width of "about" (Family.about)

    def to_base(self, value: float) -> float:
        return value * self.factor + self.offset


@functools.cache
def _after_pattern() -> re.Pattern[str]:
    """Every form written after a number as one pattern, a trie ("k(?:m(?:/h|2|h|s)?|...)"): a
    miss fails at its first letters, and the longest form that fits wins."""
    forms = {form for f in FAMILIES for form in f.after}
    return re.compile(r"(?:\s*-?\s*|\s+)(?P<unit>" + alternation(forms) + r")(?![\w°º²]|/(?!\s?\d))", re.IGNORECASE)


_BY_FORM = {form: Unit(f.name, form, factor, f.offsets.get(form, 0.0), f.about)
            for f in reversed(FAMILIES) for form, factor in f.after.items()}  # the first family's wins


def _lookup(written: str) -> Unit | None:
    return _BY_FORM.get(" ".join(written.lower().split()))


def unit_after(text: str, end: int, limit: int) -> tuple[Unit, int] | None:
    """The unit written right after a number ending at `end` ("16 km", "256GB", "7.7-magnitude"),
    and where it ends; None if none. A form glued to the number must be one that may be glued."""
    m = _after_pattern().match(text, end, limit)
    if m is None:
        return None
    written = m.group("unit")
    unit = _lookup(written)
    if unit is None:
        return None
    glued = m.start("unit") == end
    if glued and " ".join(written.lower().split()) not in BY_NAME[unit.family].glued \
            and not written.startswith("-"):
        return None
    if len(written) == 1 and not glued and written.lower() in ("m", "c", "f", "t", "g", "w"):
        return None  # "5 m" may be a list's letter, "7 C" a grade: only glued ("37m", "30C")
    return unit, m.end()


_BEFORE = re.compile(r"(?:\ba\s+)?\b(?P<word>magnitude)(?:\s+of)?[\s-]*$|\bM(?=\s?$)", re.IGNORECASE)


def unit_before(text: str, start: int) -> tuple[Unit, int] | None:
    """A unit written before the number beginning at `start` ("magnitude 7.7", "M7.7")."""
    window = text[max(0, start - 20):start]
    if "agnitude" not in window.lower() and window[-2:].strip() != "M":
        return None  # most numbers: no pattern to search
    m = _BEFORE.search(text, max(0, start - 20), start)
    if m is None:
        return None
    if m.group("word") is None and not text[m.start():start].strip() == "M":
        return None
    return _BY_FORM["magnitude"], m.start()


def family_of(written: str) -> Unit | None:
    """The unit a rule's `unit` names ("km", "miles", "magnitude", "hectares"), if any."""
    return _lookup(written)
