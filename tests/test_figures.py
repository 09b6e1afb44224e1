"""The figure reader, tested as a user sees it: which words are read, and as what.

Every expected interval below was worked out by hand from the spec (hedge rules, vague amounts,
durations in days), not copied from the reader's output. Where a phrase is ambiguous, the
comment on its row says what was decided and why.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.claims.errors import QuantityError
from factdesk.claims.figures import (
    Figure,
    Hedge,
    Interval,
    Kind,
    describe_interval,
    format_number,
    read_figures,
    read_quantity,
)

INF = math.inf
DAY, WEEK, MONTH, YEAR, DECADE = 1.0, 7.0, 30.4375, 365.25, 3652.5
COUNT, MONEY, PERCENT, DURATION = Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.DURATION
POINTS, MEASURE = Kind.POINTS, Kind.MEASURE


@dataclass(frozen=True)
class Want:
    """One expected figure: the exact words, kind, interval ends and which ends are open."""

    text: str
    kind: Kind
    low: float
    high: float
    ends: str = "[]"  # "[]", "[)", "(]" or "()"
    currency: str = ""
    rate: str = ""
    at: int | None = None  # start offset; by default the first occurrence after the last figure


def exact(text: str, value: float, kind: Kind = COUNT, **kw) -> Want:
    return Want(text, kind, value, value, **kw)


def check(text: str, wanted: list[Want]) -> None:
    figures = read_figures(text)
    assert [f.text for f in figures] == [w.text for w in wanted], describe(figures)
    pos = 0
    for figure, want in zip(figures, wanted):
        assert text[figure.start:figure.end] == figure.text
        start = want.at if want.at is not None else text.index(want.text, pos)
        assert (figure.start, figure.end) == (start, start + len(want.text)), want.text
        assert figure.kind is want.kind, want.text
        got = figure.interval
        assert got.low == pytest.approx(want.low, rel=1e-9), want.text
        assert got.high == pytest.approx(want.high, rel=1e-9), want.text
        open_ends = (want.ends[0] == "(", want.ends[1] == ")")
        assert (got.low_open, got.high_open) == open_ends, want.text
        assert (figure.currency, figure.rate) == (want.currency, want.rate), want.text
        pos = figure.end


def describe(figures: list[Figure]) -> str:
    return "; ".join(f"{f.text!r} {f.kind} {f.interval} {f.currency} {f.rate}" for f in figures)


def case(text: str, *wanted: Want):
    return pytest.param(text, list(wanted), id=text[:60])


# ---------------------------------------------------------------------------------------------
# Digits, separators and scales
# ---------------------------------------------------------------------------------------------

DIGITS = [
    case("75 Taiwanese were held", exact("75", 75)),
    case("1,000 people", exact("1,000", 1000)),
    case("3,075 suspects", exact("3,075", 3075)),
    case("1,234,567 votes", exact("1,234,567", 1234567)),
    case("1.2 million people", exact("1.2 million", 1.2e6)),
    case("2.5m users", exact("2.5m", 2.5e6)),
    case("the 40bn figure", exact("40bn", 4e10)),
    case("10k runners", exact("10k", 1e4)),
    case("5mn viewers", exact("5mn", 5e6)),
    case("2 trillion", exact("2 trillion", 2e12)),
    case("1,000+ workers", Want("1,000+", COUNT, 1000, INF, "()")),
    case("3.4 million tonnes of paddy", exact("3.4 million tonnes", 3.4e6, MEASURE)),
    # A comma makes 2,025 a count; a bare 2025 is a year (see NEGATIVES).
    case("2,025 people", exact("2,025", 2025)),
    # A lone "m" after a space is not a scale ("5 m" could be metres).
    case("5 m", exact("5", 5)),
    # Measures are read in their family's base unit (units.py), "5km" as "5 km".
    case("a 5km walk", exact("5km", 5, MEASURE)),
    case("5 km", exact("5 km", 5, MEASURE)),
    case("a depth of 6 miles", exact("6 miles", 6 * 1.609344, MEASURE)),
    case("about a mile from shore", Want("about a mile", MEASURE, 0.9 * 1.609344, 1.1 * 1.609344)),
    case("a quake of magnitude-6.6", exact("magnitude-6.6", 6.6, MEASURE)),
    case("a quake with a magnitude of 6.8", exact("a magnitude of 6.8", 6.8, MEASURE)),
    case("a battery of 100MW/129MWh", exact("100MW", 100, MEASURE), exact("129MWh", 129, MEASURE)),
    case("moving at 11.1km/second", exact("11.1km/second", 11.1 * 3600, MEASURE)),
    case("a star 4,200 light-years away", exact("4,200 light-years", 4200 * 9.4607e12, MEASURE)),
    case("59 megajoules of heat", exact("59 megajoules", 59 / 3600, MEASURE)),
    case("a 700,000 square foot plant", exact("700,000 square foot", 700000 * 9.290304e-8, MEASURE)),
    # The length of a report is a count of pages like any other.
    case("a 240-page report", exact("240", 240)),
    case("٣٠٠ people", exact("٣٠٠", 300)),  # Arabic-Indic digits
    case("0.5 points", exact("0.5", 0.5)),
]

# ---------------------------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------------------------

MONEY_CASES = [
    case("US$40 billion", exact("US$40 billion", 4e10, MONEY, currency="USD")),
    case("$40bn", exact("$40bn", 4e10, MONEY, currency="USD")),
    case("USD 40 billion", exact("USD 40 billion", 4e10, MONEY, currency="USD")),
    case("40 billion dollars", exact("40 billion dollars", 4e10, MONEY, currency="USD")),
    case("40 billion USD", exact("40 billion USD", 4e10, MONEY, currency="USD")),
    case("US$ 40 billion", exact("US$ 40 billion", 4e10, MONEY, currency="USD")),
    case("10,000 baht", exact("10,000 baht", 1e4, MONEY, currency="THB")),
    case("THB 10,000", exact("THB 10,000", 1e4, MONEY, currency="THB")),
    case("US$1.5bn", exact("US$1.5bn", 1.5e9, MONEY, currency="USD")),
    case("€35 billion", exact("€35 billion", 3.5e10, MONEY, currency="EUR")),
    case("£33.8bn", exact("£33.8bn", 33.8e9, MONEY, currency="GBP")),
    case("A$2m", exact("A$2m", 2e6, MONEY, currency="AUD")),
    case("¥100 million", exact("¥100 million", 1e8, MONEY, currency="JPY")),
    case("Rp 5 billion", exact("Rp 5 billion", 5e9, MONEY, currency="IDR")),
    case("50,000 riel", exact("50,000 riel", 5e4, MONEY, currency="KHR")),
    case("2 million won", exact("2 million won", 2e6, MONEY, currency="KRW")),
    case("₹500 crore", exact("₹500 crore", 5e9, MONEY, currency="INR")),  # crore = 10 million
    case("Rs 5 lakh", exact("Rs 5 lakh", 5e5, MONEY, currency="INR")),  # lakh = 100,000
    case("under 79.40 US cents", Want("under 79.40 US cents", MONEY, 0, 0.794, "[)", currency="USD")),
    case("$30-40 billion", Want("$30-40 billion", MONEY, 3e10, 4e10, currency="USD")),
    case("between $30bn and $40bn",
         Want("between $30bn and $40bn", MONEY, 3e10, 4e10, currency="USD")),
    case("$30bn-$40bn", Want("$30bn-$40bn", MONEY, 3e10, 4e10, currency="USD")),
    case("$30bn to $40bn", Want("$30bn to $40bn", MONEY, 3e10, 4e10, currency="USD")),
    case("US$5,000 to US$10,000", Want("US$5,000 to US$10,000", MONEY, 5e3, 1e4, currency="USD")),
    case("between 5,000 and 10,000 baht",
         Want("between 5,000 and 10,000 baht", MONEY, 5e3, 1e4, currency="THB")),
    # Two currencies cannot make one range.
    case("$5 to €10",
         exact("$5", 5, MONEY, currency="USD"), exact("€10", 10, MONEY, currency="EUR")),
    case("$40 billion a year",
         exact("$40 billion a year", 4e10, MONEY, currency="USD", rate="year")),
    case("$40 billion annually",
         exact("$40 billion annually", 4e10, MONEY, currency="USD", rate="year")),
    case("$40 billion per year",
         exact("$40 billion per year", 4e10, MONEY, currency="USD", rate="year")),
    case("$1 a day", exact("$1 a day", 1, MONEY, currency="USD", rate="day")),
    # The rate is noted but "in annual profits" stays outside the span.
    case("made $40 billion in annual profits",
         exact("$40 billion", 4e10, MONEY, currency="USD", rate="year")),
    case("cheat victims of some US$40 billion every year",
         Want("some US$40 billion every year", MONEY, 36e9, 44e9, currency="USD", rate="year")),
    case("an estimated US$40 billion",
         Want("an estimated US$40 billion", MONEY, 36e9, 44e9, currency="USD")),
    # "a tonne" is not a period of time: no rate.
    case("fetched up to US$750 a tonne", Want("up to US$750", MONEY, 0, 750, currency="USD")),
    case("tens of millions of dollars",
         Want("tens of millions of dollars", MONEY, 2e7, 1e8, "[)", currency="USD")),
    case("hundreds of millions of dollars",
         Want("hundreds of millions of dollars", MONEY, 2e8, 1e9, "[)", currency="USD")),
    case("jobs paying several thousand US dollars a month",
         Want("several thousand US dollars a month", MONEY, 2e3, 1e4, "[)", currency="USD",
              rate="month")),
    case("half a billion dollars", exact("half a billion dollars", 5e8, MONEY, currency="USD")),
    case("a billion-dollar industry"),  # describes the industry; it counts nothing
]

# ---------------------------------------------------------------------------------------------
# Percent
# ---------------------------------------------------------------------------------------------

PERCENT_CASES = [
    case("40%", exact("40%", 40, PERCENT)),
    case("40 per cent", exact("40 per cent", 40, PERCENT)),
    case("up 12 percent from last year", exact("12 percent", 12, PERCENT)),
    case("0.5% of voters", exact("0.5%", 0.5, PERCENT)),
    case("2.5 percentage points", exact("2.5 percentage points", 2.5, POINTS)),
    case("rates cut by 25 basis points", exact("25 basis points", 0.25, POINTS)),
    case("about 15 percent", Want("about 15 percent", PERCENT, 14, 16)),  # a share rounded to the point
    case("around 2 percentage points", Want("around 2 percentage points", POINTS, 1, 3)),
    case("nearly 40%", Want("nearly 40%", PERCENT, 36, 40, "[)")),
    case("10-20%", Want("10-20%", PERCENT, 10, 20)),
    case("10-20 per cent", Want("10-20 per cent", PERCENT, 10, 20)),
    case("between 10% and 20%", Want("between 10% and 20%", PERCENT, 10, 20)),
    case("10% to 20%", Want("10% to 20%", PERCENT, 10, 20)),
    case("10% to 20 people", exact("10%", 10, PERCENT), exact("20", 20)),
    case("shares were up 5pc", exact("5pc", 5, PERCENT)),
    # "points" alone are percentage points where the sentence is about a share or a vote...
    case("a four-point drop in its vote share", exact("four-point", 4, POINTS)),
    case("support for the party fell 20 points", exact("20 points", 20, POINTS)),
    # ... and an index's points elsewhere, read as a count
    case("the FTSE 100 index lost 92 points, or 1.2%", exact("92", 92), exact("1.2%", 1.2, PERCENT)),
    case("the team earned 3 points", exact("3", 3)),
]

# ---------------------------------------------------------------------------------------------
# Signs: a written minus makes the value negative ("-1.3%" is a fall of 1.3%)
# ---------------------------------------------------------------------------------------------

SIGNS = [
    case("GDP shrank -1.3% in the quarter", exact("-1.3%", -1.3, PERCENT)),
    case("prices fell most in Denmark (−39 %)", exact("−39 %", -39, PERCENT)),
    case("a trade balance of $-50.8bn", exact("$-50.8bn", -50.8e9, MONEY, currency="USD")),
    case("lows of minus 40 degrees Celsius", exact("minus 40 degrees Celsius", -40, MEASURE)),
    case("a low of -117.4F (-83C)", exact("-117.4F", -83.0, MEASURE), exact("-83C", -83, MEASURE)),
    case("rose +0.4% on the day", exact("+0.4%", 0.4, PERCENT)),
    # a hedge bounds the size of a signed figure: "nearly -10%" is a fall of 9 to 10 per cent
    case("nearly -10%", Want("nearly -10%", PERCENT, -10, -9, "(]")),
    # a bound is a bound: "warmer than minus 50" is above -50, "below -5C" under -5
    case("warmer than minus 50 degrees Celsius", Want("warmer than minus 50 degrees Celsius", MEASURE, -50, INF, "()")),
    case("below -5C overnight", Want("below -5C", MEASURE, -INF, -5, "()")),
    # a dash that opens a line is a list's, and a hyphen after letters or digits is no sign
    case("- 5 people were held", exact("5", 5)),
    case("won 3-1", ),
    case("COVID-19 cases", ),
]

# ---------------------------------------------------------------------------------------------
# Durations, in days
# ---------------------------------------------------------------------------------------------

DURATIONS = [
    case("three days", exact("three days", 3, DURATION)),
    case("for a week", exact("a week", WEEK, DURATION)),
    case("an 18-month sentence", exact("18-month", 18 * MONTH, DURATION)),
    case("a fortnight", exact("a fortnight", 14, DURATION)),
    case("two weeks", exact("two weeks", 14, DURATION)),
    case("a decade", exact("a decade", DECADE, DURATION)),
    case("a three-day operation", exact("three-day", 3, DURATION)),
    case("a 10-day raid", exact("10-day", 10, DURATION)),
    case("within 48 hours", exact("48 hours", 2, DURATION)),
    case("half an hour", exact("half an hour", 1 / 48, DURATION)),
    case("two and a half years", exact("two and a half years", 2.5 * YEAR, DURATION)),
    case("in the first six months of the year", exact("six months", 6 * MONTH, DURATION)),
    case("over the past three years", exact("three years", 3 * YEAR, DURATION)),
    case("The raids, which took three days", exact("three days", 3, DURATION)),
    # "over three days" is the span the raids took, not "more than three days".
    case("over three days", exact("three days", 3, DURATION)),
    case("over a year", exact("a year", YEAR, DURATION)),
    case("at least three days", Want("at least three days", DURATION, 3, INF, "[)")),
    case("nearly a week", Want("nearly a week", DURATION, 0.9 * WEEK, WEEK, "[)")),
    case("more than a decade", Want("more than a decade", DURATION, DECADE, INF, "()")),
    case("approximately a week", Want("approximately a week", DURATION, 6.3, 7.7)),
    case("up to 10 years in prison", Want("up to 10 years", DURATION, 0, 10 * YEAR)),
    case("two to three days", Want("two to three days", DURATION, 2, 3)),
    case("three to five years", Want("three to five years", DURATION, 3 * YEAR, 5 * YEAR)),
    # Spans between dates or weekdays are counted inclusively: June 27-30 is 4 days, July 1-22 22.
    case("from June 27 to July 22", exact("from June 27 to July 22", 26, DURATION)),
    case("between July 1 and July 3", exact("between July 1 and July 3", 3, DURATION)),
    case("between Monday and Wednesday", exact("between Monday and Wednesday", 3, DURATION)),
    case("from Monday to Friday", exact("from Monday to Friday", 5, DURATION)),
    case("three days ago"),  # a point in time
    case("A year ago"),
    # an age is an age: never a duration or a count
    case("an 18-year-old suspect", exact("18-year-old", 18, Kind.AGE)),
    case("three years old", exact("three years old", 3, Kind.AGE)),
    # an age stands beside a name, in a parenthesis after a person, or after "aged"
    case("Maria Lopez, 41, a nurse, said", exact("41", 41, Kind.AGE)),
    case("a driver (58) was hurt", exact("58", 58, Kind.AGE)),
    case("a man aged 19 was charged", exact("19", 19, Kind.AGE)),
    case("passengers aged 12 years and under", Want("12 years and under", Kind.AGE, 0, 12)),
    case("free for children under 5", Want("under 5", Kind.AGE, 0, 5, "[)")),
    case("cases in the 15-49 age group", Want("15-49", Kind.AGE, 15, 49)),
    # but a count after a place, or beside a country in a list, is a count
    case("In Lyon, 14 people were hurt", exact("14", 14)),
    case("Chile, 12, Peru, 9", exact("12", 12), exact("9", 9)),
    case("twice a week"),  # a rate, not a span
    # a word that says which days or years may stand between the number and its unit
    case("a record of 18 straight days", exact("18 straight days", 18, DURATION)),
    case("for 14 consecutive months", exact("14 consecutive months", 14 * MONTH, DURATION)),
    # a time taken, in parts or on a clock
    case("the 5hr 34min stage", exact("5hr 34min", (5 * 60 + 34) / 1440, DURATION)),
    case("won in 2 hours, 35 seconds", exact("2 hours, 35 seconds", 2 / 24 + 35 / 86400, DURATION)),
    case("she finished in 2:13:44", exact("2:13:44", (2 * 3600 + 13 * 60 + 44) / 86400, DURATION)),
    case("at 10:30:00 local time"),  # a time of day
    # an offset from a moment is a point in time, hedged or not
    case("more than 30 hours after the deadline"),
]

# ---------------------------------------------------------------------------------------------
# Numbers in words
# ---------------------------------------------------------------------------------------------

WORDS = [
    case("seventy-five", exact("seventy-five", 75)),
    case("Seventy-five people", exact("Seventy-five", 75)),
    case("two hundred and seventy-one", exact("two hundred and seventy-one", 271)),
    case("a thousand", exact("a thousand", 1000)),
    case("a dozen", exact("a dozen", 12)),
    case("two dozen", exact("two dozen", 24)),
    case("three suspects", exact("three", 3)),
    case("fifteen thousand", exact("fifteen thousand", 15000)),
    case("one million", exact("one million", 1e6)),
    case("a hundred", exact("a hundred", 100)),
    case("nine hundred and ninety-nine thousand nine hundred and ninety-nine",
         exact("nine hundred and ninety-nine thousand nine hundred and ninety-nine", 999999)),
    # "half a million" is 500,000; reading "a million" alone would overstate it twofold.
    case("half a million", exact("half a million", 5e5)),
    case("half a dozen", exact("half a dozen", 6)),
    case("two and a half million", exact("two and a half million", 2.5e6)),
    case("one or two", Want("one or two", COUNT, 1, 2)),
    case("two or three", Want("two or three", COUNT, 2, 3)),
    case("between two and three", Want("between two and three", COUNT, 2, 3)),
    # "one" as a determiner counts one person.
    case("one Vietnamese was held", exact("one", 1)),
    case("No one was hurt"),
    case("one of the victims"),
    case("the one that got away"),
    case("twenty-first century"),  # an ordinal
    # a share, a factor: never a count
    case("two-thirds of them", exact("two-thirds", 2 / 3, Kind.FRACTION)),
    case("three quarters", exact("three quarters", 0.75, Kind.FRACTION)),
    case("one in five workers", exact("one in five", 0.2, Kind.FRACTION)),
    case("1 in 10 adults", exact("1 in 10", 0.1, Kind.FRACTION)),
    case("half of the victims", exact("half", 0.5, Kind.FRACTION)),
    case("more than one-third of them", Want("more than one-third", Kind.FRACTION, 1 / 3, INF, "()")),
    case("Cases nearly quadrupled", Want("nearly quadrupled", Kind.MULTIPLIER, 3.6, 4, "[)")),
    case("a sixfold rise", exact("sixfold", 6, Kind.MULTIPLIER)),
    case("about 13 times the average", Want("about 13 times", Kind.MULTIPLIER, 11.7, 14.3)),
    case("a hundred-dollar note"),
    # "double", "triple" are factors after a hedge, or before what they multiply
    case("almost double the 2012 figure", Want("almost double", Kind.MULTIPLIER, 1.8, 2, "[)")),
    case("output could double or triple", Want("double or triple", Kind.MULTIPLIER, 2, 3)),
    case("a double murder"),
    case("the triple jump"),
]

# ---------------------------------------------------------------------------------------------
# Hedges: each phrase from the spec, on digits
# ---------------------------------------------------------------------------------------------


def hedged(phrase: str, x: float, low: float, high: float, ends: str):
    text = f"{phrase} {x:,.0f}"
    return case(f"{text} people", Want(text, COUNT, low, high, ends))


HEDGES = [
    *(hedged(h, 1000, 1000, INF, "()")
      for h in ("more than", "over", "upwards of", "in excess of")),
    *(hedged(h, 500, 500, INF, "[)") for h in ("at least", "no fewer than")),
    *(hedged(h, 3000, 2700, 3000, "[)") for h in ("nearly", "almost", "close to", "just under")),
    hedged("just over", 1000, 1000, 1100, "(]"),
    *(hedged(h, 200, 180, 220, "[]")
      for h in ("about", "around", "some", "roughly", "approximately", "an estimated")),
    *(hedged(h, 700, 0, 700, "[]") for h in ("up to", "as many as", "at most", "no more than")),
    *(hedged(h, 100, 0, 100, "[)") for h in ("fewer than", "less than", "under")),
    case("Nearly 3,000 people", Want("Nearly 3,000", COUNT, 2700, 3000, "[)")),
    case("1,000 or more", Want("1,000 or more", COUNT, 1000, INF, "[)")),
    case("100 or so", Want("100 or so", COUNT, 90, 110)),
    case("more than a dozen", Want("more than a dozen", COUNT, 12, INF, "()")),
    case("more than two-dozen countries", Want("more than two-dozen", COUNT, 24, INF, "()")),
    case("nearly three thousand", Want("nearly three thousand", COUNT, 2700, 3000, "[)")),
    case("between 270 and 280", Want("between 270 and 280", COUNT, 270, 280)),
    case("270-280 people", Want("270-280", COUNT, 270, 280)),
    case("270 to 280", Want("270 to 280", COUNT, 270, 280)),
    case("1,000 to 2,000 people", Want("1,000 to 2,000", COUNT, 1000, 2000)),
    case("between 2 million and 3 million",
         Want("between 2 million and 3 million", COUNT, 2e6, 3e6)),
    case("between 500 and 2 million", Want("between 500 and 2 million", COUNT, 500, 2e6)),
    # A hedged range moves each end outwards by the hedge.
    case("about 30-40", Want("about 30-40", COUNT, 27, 44)),
    case("up to 30-40", Want("up to 30-40", COUNT, 0, 40)),
    # "from 200 to 300" reports a change: two figures.
    case("rose from 200 to 300", exact("200", 200), exact("300", 300)),
]

# ---------------------------------------------------------------------------------------------
# Vague amounts ([low, high) with an open top, equivalent to the spec's closed ends for counts)
# ---------------------------------------------------------------------------------------------


def vague(text: str, low: float, high: float, words: str | None = None):
    return case(text, Want(words or text, COUNT, low, high, "[)"))


VAGUE = [
    vague("dozens", 24, 100),
    vague("hundreds", 200, 1e3),
    vague("thousands", 2e3, 1e4),
    vague("millions", 2e6, 1e7),
    vague("billions", 2e9, 1e10),
    vague("tens of thousands", 2e4, 1e5),
    vague("hundreds of thousands", 2e5, 1e6),
    vague("tens of millions", 2e7, 1e8),
    vague("tens of billions", 2e10, 1e11),
    vague("scores of people", 40, 100, "scores"),
    vague("hundreds of mobile phones", 200, 1e3, "hundreds"),
    # Qualified singulars stand for the same amounts as the plurals.
    vague("several hundred people", 200, 1e3, "several hundred"),
    vague("a few thousand", 2e3, 1e4),
    vague("many thousands", 2e3, 1e4),
    vague("several dozen", 24, 100),
    vague("several hundred thousand", 2e5, 1e6),
    # "a couple of points" is one to three percentage points, whatever the sentence is about
    case("support fell a couple of points", Want("a couple of points", POINTS, 1, 3)),
    case("a couple of percentage points", Want("a couple of percentage points", POINTS, 1, 3)),
    case("a couple of officers", Want("a couple of", COUNT, 1, 3)),
    case("for a couple of days", Want("a couple of days", DURATION, 1, 3)),
    case("a couple of weeks ago"),
]

# ---------------------------------------------------------------------------------------------
# Not figures: years, dates, times, ordinals, phones, names and codes
# ---------------------------------------------------------------------------------------------

NEGATIVES = [
    case("2025"),
    case("in 2025"),
    case("July 16"),
    case("16 July"),
    case("on July 16, 2025"),
    case("2025-07-16"),
    case("at 10.30pm"),
    case("at 10:30 pm"),
    case("10am"),
    case("10 a.m."),
    case("between 5 and 6 pm"),
    case("3rd"),
    case("the first time"),
    case("the third raid"),
    case("2nd floor"),
    case("call 012 345 678"),
    case("+855 23 123 456"),
    case("(02) 123 4567"),
    case("account 12345678901234"),  # ten or more bare digits identify, they do not count
    case("COVID-19"),
    case("G20"),
    case("Route 5"),
    case("Boeing 737"),
    case("A320 jets"),
    case("a 5G network"),
    case("3D printing"),
    case("Section 3"),
    case("No. 1"),
    case("Building No. 53"),
    case("page 3"),
    case("phase 1"),
    case("Kilometre 9"),
    case("FY2025"),
    case("mid-2025"),
    case("the 1990s"),
    case("the '90s"),
    case("24/7"),
    case("9/11"),
    case("won 3-1"),
    case("a 2-0 win"),
    case("the vote was 5-4"),
    case("the 2024-25 season"),
    case("the 2020-2025 period"),
    case("from 2020 to 2025"),
    case("version 2.0.1"),
    case("firmware v2.0"),
    case("the 3-2 ruling"),
    case("192.168.1.1"),
    case("write to info2025@example.com"),
    case("https://example.com/2025/07/16/1000-arrested"),
    case("hundred"),
    case("the quake struck at 0830 UTC"),  # a time of day
    case("at 7:45 a.m. (2345 GMT)"),
    case("in the first half of 2024"),
    case("the budget for 2018-'19"),
    case("a rate of 12 cases per 100,000", exact("12", 12)),  # 100,000 is the base of the rate
    case("in week 40 of the season"),
    case("a two-party system"),
]

# Numbers next to marks or words that look like codes but are not.
NOT_CODES = [
    case("tickets at $7/$9", exact("$7", 7, MONEY, currency="USD"), exact("$9", 9, MONEY, currency="USD")),
    case("a sub-7 nanometre chip", Want("sub-7 nanometre", MEASURE, 0, 7e-12, "[)")),
    case("losses of $6.3+ billion", Want("$6.3+ billion", MONEY, 6.3e9, INF, "()", currency="USD")),
    case("on Sunday 5.5% of voters", exact("5.5%", 5.5, PERCENT)),
    case("(Save $303.63)", exact("$303.63", 303.63, MONEY, currency="USD")),
    case("the sector 0.68 percent lower", exact("0.68 percent", 0.68, PERCENT)),
    case("in sector 7 of the camp"),
]

# Numbers next to words that look like scores or months but are not.
NOT_DISTRACTORS = [
    case("won 3 medals", exact("3", 3)),
    case("lost 200 jobs", exact("200", 200)),
    case("2 junior officials", exact("2", 2)),
    case("5 may be charged", exact("5", 5)),
    case("for 1 decade", exact("1 decade", DECADE, DURATION)),
    case("JULY 16"),  # a headline date is still a date
]

# ---------------------------------------------------------------------------------------------
# News sentences with several figures and distractors
# ---------------------------------------------------------------------------------------------

SENTENCES = [
    case(
        "On July 16, 2025, police said 3,075 suspects, 606 of them women, were held at 58 sites; "
        "call 012 345 678.",
        exact("3,075", 3075, at=30), exact("606", 606, at=46), exact("58", 58, at=78),
    ),
    case(
        "Cambodian police said more than 1,000 people had been detained in raids on online scam "
        "operations, including 75 Taiwanese, after officers moved on 40 locations in 12 provinces.",
        Want("more than 1,000", COUNT, 1000, INF, "()", at=22), exact("75", 75),
        exact("40", 40), exact("12", 12),
    ),
    case(
        "The third raid of the week, launched at 10:30 pm on 16 July, targeted a compound housed "
        "in Building No. 53 on Route 5 outside the capital.",
    ),
    case(
        "Families seeking news can call a hotline on +855 23 123 456 or 012 345 678, the Interior "
        "Ministry said, adding that the COVID-19 era compounds had operated since 2022.",
    ),
    case(
        "At least 500 suspects in two provinces were held for a fortnight.",
        Want("At least 500", COUNT, 500, INF, "[)"), exact("two", 2),
        exact("a fortnight", 14, DURATION),
    ),
    case(
        "Scam centres cheat victims of some US$40 billion every year, and at least 53 compounds "
        "operate in Cambodia.",
        Want("some US$40 billion every year", MONEY, 36e9, 44e9, currency="USD", rate="year"),
        Want("at least 53", COUNT, 53, INF, "[)"),
    ),
    case(
        "Exports reached 423,000 tonnes in the first six months of the year, earning about "
        "US$310 million.",
        exact("423,000 tonnes", 423000, MEASURE), exact("six months", 6 * MONTH, DURATION),
        Want("about US$310 million", MONEY, 279e6, 341e6, currency="USD"),
    ),
    case(
        "Of the 3,075, 606 were women and one of them was 17.",
        exact("3,075", 3075), exact("606", 606), exact("17", 17),
    ),
    case(
        "Officials counted between 270 and 280 Indonesians; raids rose from 200 to 300.",
        Want("between 270 and 280", COUNT, 270, 280), exact("200", 200), exact("300", 300),
    ),
    case(
        "In 2023, police arrested 1,200 people in 12 provinces over three days.",
        exact("1,200", 1200), exact("12", 12), exact("three days", 3, DURATION),
    ),
    case(
        "The crackdown has netted 1,000+ suspects, with nearly three thousand more expected "
        "within a week.",
        Want("1,000+", COUNT, 1000, INF, "()"),
        Want("nearly three thousand", COUNT, 2700, 3000, "[)"), exact("a week", WEEK, DURATION),
    ),
    case(
        "Police detained 3,075 people between June 27 and July 22, 2025, Interior Ministry "
        "spokesman Touch Sokhak said.",
        exact("3,075", 3075),
        exact("between June 27 and July 22, 2025", 26, DURATION),
    ),
    case(
        "He said officers on the 2nd floor of one building found hundreds of mobile phones and "
        "US$1.5bn in ledgers.",
        exact("one", 1),  # "of one building" counts one building; "2nd floor" is an ordinal
        Want("hundreds", COUNT, 200, 1e3, "[)"),
        exact("US$1.5bn", 1.5e9, MONEY, currency="USD"),
    ),
]

# Forms met in the wild: press releases, live blogs, radio scripts.
IN_THE_WILD = [
    # a date's second day never takes the start of the next number
    case("brought the total detained since June 27 to 2,137, the minister said",
         exact("2,137", 2137)),
    # passing a mark is "more than" it
    case("the total number detained has now passed 1,000",
         Want("passed 1,000", COUNT, 1000, INF, "()")),
    case("arrests topped 3,000 on Friday", Want("topped 3,000", COUNT, 3000, INF, "()")),
    # "-odd" is a little over; "-plus" is more than
    case("a thousand-odd young men", Want("a thousand-odd", COUNT, 1000, 1100, "(]")),
    case("1,000-plus arrests", Want("1,000-plus", COUNT, 1000, INF, "()")),
    # a country heads its count in a list; a numbered list item is not a count
    case("Indonesia 271; Viet Nam 213; Thailand 46",
         exact("271", 271), exact("213", 213), exact("46", 46)),
    case("3. The detained persons comprise 1,048 people", exact("1,048", 1048)),
    # an offset from an event is not the length of one
    case("In the two days since, 809 people were held", exact("809", 809)),
    case("three weeks after an initial three-day sweep", exact("three-day", 3, DURATION)),
    # a range whose first number has its own "and"
    case("between two hundred and fifty and three hundred people",
         Want("between two hundred and fifty and three hundred", COUNT, 250, 300)),
    # days of one month, counted inclusively
    case("raids from 14 to 16 July 2025", exact("from 14 to 16 July 2025", 3, DURATION)),
    case("raids from July 14 to 16", exact("from July 14 to 16", 3, DURATION)),
    case("from 10 to 20 people", exact("10", 10), exact("20", 20)),  # a change, not days
    # days named by their first and last weekday, with or without "from"; "and" needs "between"
    case("raids Monday to Wednesday", exact("Monday to Wednesday", 3, DURATION)),
    case("raids Monday-Friday", exact("Monday-Friday", 5, DURATION)),
    case("raids on Monday and Wednesday"),
]

# ---------------------------------------------------------------------------------------------
# Notation and scales: powers of ten, scales in words after digits, Indian scales
# ---------------------------------------------------------------------------------------------

NOTATION = [
    case("a sample of 1e6 cells", exact("1e6", 1e6)),
    case("some 2.5E3 units", Want("some 2.5E3", COUNT, 2250, 2750)),
    case("a mass of 6.4×10−3 kilograms", exact("6.4×10−3 kilograms", 6.4e-6, MEASURE)),
    case("about 3 x 10^8 metres a second", Want("about 3 x 10^8 metres", MEASURE, 2.7e5, 3.3e5)),
    case("4 hundred million people", exact("4 hundred million", 4e8)),
    case("Earth's 8 B people", exact("8 B", 8e9)),
    case("a deficit of Rs 5.95 lakh crore", exact("Rs 5.95 lakh crore", 5.95e12, MONEY, currency="INR")),
    case("bought for Rs 16 crores", exact("Rs 16 crores", 1.6e8, MONEY, currency="INR")),
    case("sold for 7.5 cr", exact("7.5 cr", 7.5e7)),
    case("a 2x10 plank"),  # a size, no power of ten
]

# ---------------------------------------------------------------------------------------------
# Ranges, and what is not one
# ---------------------------------------------------------------------------------------------

RANGES = [
    # the low end borrows the scale of the high one
    case("four to five thousand workers", Want("four to five thousand", COUNT, 4000, 5000)),
    case("between two and three million", Want("between two and three million", COUNT, 2e6, 3e6)),
    # a range of measures in one unit, the unit written on both ends or on the last
    case("between 4km and 9km across", Want("between 4km and 9km", MEASURE, 4, 9)),
    case("speeds of 1Gbps to 10Gbps", Want("1Gbps to 10Gbps", MEASURE, 1e3, 1e4)),
    case("cars doing 14-18 mpg", Want("14-18 mpg", MEASURE, 14, 18)),
    case("a swing of between 5-6%", Want("between 5-6%", PERCENT, 5, 6)),
    case("tallies ranged from 52 per cent to 67 per cent", Want("52 per cent to 67 per cent", PERCENT, 52, 67)),
    # "some" on a range of shares: a point either side of each end
    case("prices rose by some 20% to 45% for most", Want("some 20%", PERCENT, 19, 21), exact("45%", 45, PERCENT)),
    # a range of a change: the first number has no unit of its own
    case("growth of 2.8 to 3.3 per cent is expected", Want("2.8 to 3.3 per cent", PERCENT, 2.8, 3.3)),
    case("the economy will grow 2.8 to 3.3 per cent", Want("2.8 to 3.3 per cent", PERCENT, 2.8, 3.3)),
    # a change, then a level: not a range
    case("reserves rose by $43.6 billion to $419.2 billion",
         exact("$43.6 billion", 43.6e9, MONEY, currency="USD"), exact("$419.2 billion", 419.2e9, MONEY, currency="USD")),
    case("turnout was up by 4.2 percentage points to 76.2 per cent",
         exact("4.2 percentage points", 4.2, POINTS), exact("76.2 per cent", 76.2, PERCENT)),
    # two levels of one series; the second takes the first's unit, and "2000" there is no year
    case("hiring went from 1,000 to 2000 hires", exact("1,000", 1000), exact("2000", 2000)),
    case("the range went from 68 kilometers to 568", exact("68 kilometers", 68, MEASURE), exact("568", 568, MEASURE)),
    case("output in the first half of 2024 to 61.68 trillion yuan",
         exact("61.68 trillion yuan", 61.68e12, MONEY, currency="CNY")),
    # "up to" after a verb of motion is where something went, not a bound
    case("the dollar bounced up to 84.52 yen", exact("84.52 yen", 84.52, MONEY, currency="JPY")),
    # a year, then a sum: "from Rs 100 crore in 2019 to Rs 300 crore"
    case("damage rose from Rs 100 crore in 2019 to Rs 300 crore",
         exact("Rs 100 crore", 1e9, MONEY, currency="INR"), exact("Rs 300 crore", 3e9, MONEY, currency="INR")),
]

# ---------------------------------------------------------------------------------------------
# Hedge verbs and hedges after a figure
# ---------------------------------------------------------------------------------------------

HEDGE_VERBS = [
    case("the toll could exceed 5,000", Want("exceed 5,000", COUNT, 5000, INF, "()")),
    case("deaths topped 1,200", Want("topped 1,200", COUNT, 1200, INF, "()")),
    case("the fund has passed $2 billion", Want("passed $2 billion", MONEY, 2e9, INF, "()", currency="USD")),
    case("temperatures rose above 45C", Want("above 45C", MEASURE, 45, INF, "()")),
    case("arrests more than doubled", Want("more than doubled", Kind.MULTIPLIER, 2, INF, "()")),
    case("prices nearly tripled", Want("nearly tripled", Kind.MULTIPLIER, 2.7, 3, "[)")),
    case("the toll climbed past 9,400", Want("climbed past 9,400", COUNT, 9400, INF, "()")),
    case("sales surpassed 2 million", Want("surpassed 2 million", COUNT, 2e6, INF, "()")),
    case("highs are expected to top 45C", Want("to top 45C", MEASURE, 45, INF, "()")),
    case("in the past 24 hours", exact("24 hours", 1, DURATION)),  # "past" alone is no hedge
    case("a fee in the region of £10m", Want("in the region of £10m", MONEY, 9e6, 11e6, currency="GBP")),
    case("backing as high as 46.7 per cent", Want("as high as 46.7 per cent", PERCENT, 0, 46.7)),
    case("it may come as close as 11,000 miles",
         Want("as close as 11,000 miles", MEASURE, 11000 * 1.609344, INF, "[)")),
    case("within 7.5 million kilometres of Earth", Want("within 7.5 million kilometres", MEASURE, 0, 7.5e6)),
    case("gases at 1,340 degrees Fahrenheit or higher",
         Want("1,340 degrees Fahrenheit or higher", MEASURE, (1340 - 32) * 5 / 9, INF, "[)")),
    case("quakes of magnitude 2.0 and smaller", Want("magnitude 2.0 and smaller", MEASURE, 0, 2)),
    case("those aged 65 or older", Want("65 or older", Kind.AGE, 65, INF, "[)")),
    # "about" on a scale with no true zero is as wide as its written digits allow, not 10%
    case("a quake of around magnitude 7.7", Want("around magnitude 7.7", MEASURE, 7.65, 7.75)),
    case("highs of about 40C", Want("about 40C", MEASURE, 39, 41)),
]

ALL_CASES = (
    DIGITS + MONEY_CASES + PERCENT_CASES + SIGNS + NOTATION + RANGES + HEDGE_VERBS + DURATIONS + WORDS + HEDGES
    + VAGUE + NEGATIVES + NOT_CODES
    + NOT_DISTRACTORS + SENTENCES + IN_THE_WILD
)


@pytest.mark.parametrize(("text", "wanted"), ALL_CASES)
def test_reads_figures(text: str, wanted: list[Want]) -> None:
    check(text, wanted)


# ---------------------------------------------------------------------------------------------
# read_quantity, windows and descriptions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "wanted"),
    [
        ("more than 1,000", Want("more than 1,000", COUNT, 1000, INF, "()")),
        ("  75 ", exact("75", 75)),
        ("2025", exact("2025", 2025)),  # a rule's bare number is a quantity, even if year-like
        ("US$40 billion a year", exact("US$40 billion a year", 4e10, MONEY, currency="USD",
                                       rate="year")),
        ("three days", exact("three days", 3, DURATION)),
    ],
)
def test_read_quantity(quantity: str, wanted: Want) -> None:
    figure = read_quantity(quantity)
    assert (figure.text, figure.kind, figure.currency, figure.rate) == (
        wanted.text, wanted.kind, wanted.currency, wanted.rate)
    assert (figure.interval.low, figure.interval.high) == (wanted.low, wanted.high)


@pytest.mark.parametrize("quantity", ["", "no figure here", "1 and 2", "July 16"])
def test_read_quantity_rejects(quantity: str) -> None:
    with pytest.raises(QuantityError):
        read_quantity(quantity)


def test_window_keeps_hedge_before_start_and_stops_at_end() -> None:
    text = "more than 1,000 people and 75 Taiwanese"
    [first] = read_figures(text, text.index("1,000"), text.index("75"))
    assert (first.start, first.text, first.hedge) == (0, "more than 1,000", Hedge.MORE_THAN)
    [second] = read_figures(text, text.index("75"))
    assert second.text == "75"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("more than 1,000", "more than 1,000"),
        ("at least 271", "at least 271"),
        ("up to 700", "at most 700"),
        ("fewer than 100", "less than 100"),
        ("some US$40 billion every year", "36 billion to 44 billion USD a year"),
        ("nearly 3,000", "2,700 to under 3,000"),
        ("three days", "exactly 3 days"),
        ("40%", "exactly 40%"),
    ],
)
def test_describe(text: str, words: str) -> None:
    assert read_quantity(text).describe() == words


def test_format_number_and_interval_text() -> None:
    assert [format_number(x) for x in (1000, 4e10, 2.5, INF)] == [
        "1,000", "40 billion", "2.5", "inf"]
    assert str(Interval(1000, INF, True, True)) == "(1,000, inf)"
    assert describe_interval(Interval(5, 5), Hedge.EXACT, Kind.MONEY, "THB") == "exactly 5 THB"


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def below_thousand_in_words(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, ones = divmod(rest, 10)
        parts.append(ONES[rest] if rest < 20 else TENS[tens] + (f"-{ONES[ones]}" if ones else ""))
    return " and ".join(parts)


def in_words(n: int) -> str:
    """British English: 271 -> 'two hundred and seventy-one', 100005 -> '... thousand and five'."""
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return below_thousand_in_words(rest)
    head = f"{below_thousand_in_words(thousands)} thousand"
    if not rest:
        return head
    return head + (" and " if rest < 100 else " ") + below_thousand_in_words(rest)


def test_word_renderer() -> None:
    assert in_words(271) == "two hundred and seventy-one"
    assert in_words(100005) == "one hundred thousand and five"
    assert in_words(999999) == (
        "nine hundred and ninety-nine thousand nine hundred and ninety-nine")


# Each hedge with the interval it gives x: (low, high, low open, high open).
HEDGE_RULES = {
    "": lambda x: (x, x, False, False),
    "more than ": lambda x: (x, INF, True, True),
    "over ": lambda x: (x, INF, True, True),
    "upwards of ": lambda x: (x, INF, True, True),
    "at least ": lambda x: (x, INF, False, True),
    "no fewer than ": lambda x: (x, INF, False, True),
    "nearly ": lambda x: (0.9 * x, x, False, True),
    "almost ": lambda x: (0.9 * x, x, False, True),
    "close to ": lambda x: (0.9 * x, x, False, True),
    "just under ": lambda x: (0.9 * x, x, False, True),
    "just over ": lambda x: (x, 1.1 * x, True, False),
    "about ": lambda x: (0.9 * x, 1.1 * x, False, False),
    "around ": lambda x: (0.9 * x, 1.1 * x, False, False),
    "some ": lambda x: (0.9 * x, 1.1 * x, False, False),
    "roughly ": lambda x: (0.9 * x, 1.1 * x, False, False),
    "approximately ": lambda x: (0.9 * x, 1.1 * x, False, False),
    "an estimated ": lambda x: (0.9 * x, 1.1 * x, False, False),
    "up to ": lambda x: (0.0, x, False, False),
    "as many as ": lambda x: (0.0, x, False, False),
    "at most ": lambda x: (0.0, x, False, False),
    "fewer than ": lambda x: (0.0, x, False, True),
    "less than ": lambda x: (0.0, x, False, True),
    "under ": lambda x: (0.0, x, False, True),
}

SCALES = [(" thousand", 1e3), (" million", 1e6), (" billion", 1e9), (" trillion", 1e12),
          ("k", 1e3), ("m", 1e6), ("mn", 1e6), ("bn", 1e9), ("b", 1e9), ("tn", 1e12)]
PREFIXES = [("$", "USD"), ("US$", "USD"), ("USD ", "USD"), ("€", "EUR"), ("£", "GBP"),
            ("A$", "AUD"), ("THB ", "THB")]
SUFFIXES = [(" dollars", "USD"), (" baht", "THB"), (" euros", "EUR"), (" riel", "KHR")]


@st.composite
def written_numbers(draw) -> tuple[str, float]:
    """A number in one of the supported styles, with the value it stands for."""
    style = draw(st.sampled_from(["digits", "separators", "scaled", "words"]))
    if style == "digits":
        n = draw(st.integers(1, 999_999_999).filter(lambda n: not 1800 <= n <= 2100))
        return str(n), n
    if style == "separators":
        n = draw(st.integers(1000, 999_999_999_999))
        return f"{n:,}", n
    if style == "scaled":
        whole, tenths = draw(st.integers(1, 999)), draw(st.integers(0, 9))
        word, scale = draw(st.sampled_from(SCALES))
        return f"{whole}.{tenths}{word}", (whole + tenths / 10) * scale
    n = draw(st.integers(2, 999_999))
    return in_words(n), n


@st.composite
def figures_in_sentences(draw) -> tuple[str, str, Kind, str, float, str]:
    number, value = draw(written_numbers())
    unit = draw(st.sampled_from(["count", "prefix", "suffix", "percent"]))
    kind, currency = COUNT, ""
    if unit == "prefix" and number[0].isdigit():
        currency_text, currency = draw(st.sampled_from(PREFIXES))
        number, kind = currency_text + number, MONEY
    elif unit == "suffix":
        currency_text, currency = draw(st.sampled_from(SUFFIXES))
        number, kind = number + currency_text, MONEY
    elif unit == "percent" and value <= 1000:
        number += draw(st.sampled_from(["%", " per cent", " percent"]))
        kind = PERCENT
    hedge = draw(st.sampled_from(sorted(HEDGE_RULES)))
    return f"{hedge}{number}", hedge, kind, currency, value, number


@settings(max_examples=1500, deadline=None)
@given(figures_in_sentences())
def test_any_written_number_reads_back(drawn) -> None:
    words, hedge, kind, currency, value, _ = drawn
    text = f"Officials said {words} were involved."
    [figure] = read_figures(text)
    assert figure.text == words
    assert figure.start == len("Officials said ")
    assert (figure.kind, figure.currency) == (kind, currency)
    low, high, low_open, high_open = HEDGE_RULES[hedge](value)
    if kind is PERCENT and HEDGE_RULES[hedge](10.0) == (9.0, 11.0, False, False):
        low, high = value - 1, value + 1  # "about 34%" is a share rounded to the point: 33 to 35
    assert figure.interval.low == pytest.approx(low, rel=1e-9)
    assert figure.interval.high == pytest.approx(high, rel=1e-9)
    assert (figure.interval.low_open, figure.interval.high_open) == (low_open, high_open)


@settings(max_examples=500, deadline=None)
@given(figures_in_sentences(), st.data())
def test_look_alike_letters_read_as_the_letters_they_stand_for(drawn, data) -> None:
    """'ſome', 'mıllıon', 'İ': letters regular expressions take for s, i, I (and str.lower() does
    not) read as those letters, with the figure's words kept as written."""
    words, *_ = drawn
    plain = f"Officials said {words} were involved."
    swaps = {"s": "ſ", "S": "ſ", "i": "ı", "I": "İ"}
    odd = "".join(swaps[c] if c in swaps and data.draw(st.booleans()) else c for c in plain)
    expected = read_figures(plain)
    got = read_figures(odd)
    assert [(f.start, f.end, f.kind, f.currency, f.interval) for f in got] == [
        (f.start, f.end, f.kind, f.currency, f.interval) for f in expected]
    assert all(f.text == odd[f.start:f.end] for f in got)


@settings(max_examples=500, deadline=None)
@given(st.integers(1800, 2100))
def test_bare_years_are_not_counts(year: int) -> None:
    assert read_figures(f"Officials said {year} were involved.") == []
    assert read_figures(f"Officials said {year:,} were involved.")[0].value == year


RANGE_FORMS = ["between {} and {}", "{}-{}", "{} to {}", "{}–{}"]


@settings(max_examples=800, deadline=None)
@given(
    st.integers(1, 10**6), st.integers(1, 10**6), st.sampled_from(RANGE_FORMS),
    st.sampled_from(["", "$", "US$"]),
    st.sampled_from([("", 1.0), (" million", 1e6), ("bn", 1e9), ("%", 1.0)]),
    st.booleans(),
)
def test_ranges_read_back(a, b, form, prefix, scale, on_both) -> None:
    low, high = sorted((a, b))
    suffix, factor = scale
    if low == high or (prefix and suffix == "%"):
        return
    first = f"{prefix}{low:,}{suffix if on_both else ''}"
    words = form.format(first, f"{prefix}{high:,}{suffix}")
    [figure] = read_figures(f"Officials said {words} were involved.")
    assert figure.text == words
    assert figure.hedge is Hedge.RANGE
    assert figure.kind is (PERCENT if suffix == "%" else MONEY if prefix else COUNT)
    assert figure.currency == ("USD" if prefix else "")
    # A scale written only after the second number is shared: "$30-40 billion".
    assert figure.interval == Interval(low * factor, high * factor)


DURATION_UNITS = [("day", DAY), ("week", WEEK), ("month", MONTH), ("year", YEAR),
                  ("hour", 1 / 24), ("decade", DECADE)]


@settings(max_examples=800, deadline=None)
@given(st.integers(1, 5000), st.booleans(), st.sampled_from(DURATION_UNITS),
       st.sampled_from(sorted(HEDGE_RULES)))
def test_durations_read_back_in_days(n, as_words, unit, hedge) -> None:
    name, days = unit
    number = in_words(n) if as_words and n > 1 else str(n)
    words = f"{hedge}{number} {name}{'s' if n > 1 else ''}"
    [figure] = read_figures(f"The raids went on for {words} in all.")
    # "over three days" is the span itself, not "more than three days".
    rule = HEDGE_RULES["" if hedge == "over " else hedge]
    assert figure.text == (words[len(hedge):] if hedge == "over " else words)
    assert figure.kind is DURATION
    low, high, low_open, high_open = rule(n * days)
    assert figure.interval.low == pytest.approx(low, rel=1e-9)
    assert figure.interval.high == pytest.approx(high, rel=1e-9)
    assert (figure.interval.low_open, figure.interval.high_open) == (low_open, high_open)


NEWSY = st.sampled_from(
    list("0123456789 ,.-–+$€£%/:()'\n\t") + [
        " million", " billion", " and ", "more than ", "between ", "two", "hundred", "a ",
        " week", " days", "July ", "Monday", " to ", "from ", "bn", "US$", "one", "-year-old",
        "half ", " per cent", "dozen", "\x00", "\u00a0", "٣", "๑", "No. ", "Route ", "won ",
        " or more", "+", "thousands", "several ", " a year", "th", "am", "COVID-",
        "\u2009", "\u202f", "’", "٬", "٫", "，", "．", "３", "\u200b", "\u00ad", "^", "10^",
    ]
)
TEXTS = (
    st.text()
    | st.lists(NEWSY, max_size=30).map("".join)
    | st.tuples(st.text(max_size=20), st.integers(1, 3000), st.text(max_size=20)).map(
        lambda t: f"{t[0]}{'9' * t[1]}{t[2]}")
    | st.text(alphabet=st.characters(categories=["Nd", "Zs", "Po", "Cc"]))
)


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_any_text_reads_without_error_and_spans_slice_back(text: str) -> None:
    for figure in read_figures(text):
        assert 0 <= figure.start < figure.end <= len(text)
        assert text[figure.start:figure.end] == figure.text
        assert figure.interval.low <= figure.interval.high
        assert not math.isnan(figure.value)


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_reading_is_deterministic_ordered_and_without_overlap(text: str) -> None:
    figures = read_figures(text)
    assert read_figures(text) == figures
    for before, after in zip(figures, figures[1:]):
        assert before.end <= after.start


@settings(max_examples=1000, deadline=None)
@given(TEXTS, st.data())
def test_windows_stay_inside_their_end(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for figure in read_figures(text, start, end):
        assert start < figure.end <= end
        assert text[figure.start:figure.end] == figure.text


# ---------------------------------------------------------------------------------------------
# Numbers as people write them beyond the ASCII comma (issue 13). Each row: a sentence, and the
# figure's words and value expected in it. Read today as "075" (a contradiction of "more than
# 1,000"), these read as the number a reader sees.
# ---------------------------------------------------------------------------------------------

WRITTEN_NUMBERS = [
    ("Police arrested 3\u00a0075 people.", "3\u00a0075", 3075),  # no-break space (French)
    ("Police arrested 3\u2009075 people.", "3\u2009075", 3075),  # thin space (SI)
    ("Police arrested 3\u202f075 people.", "3\u202f075", 3075),  # narrow no-break space
    ("Police arrested 3\u2007075 people.", "3\u2007075", 3075),  # figure space
    ("Police arrested 3'075 people.", "3'075", 3075),  # Swiss
    ("Police arrested 3’075 people.", "3’075", 3075),  # Swiss, typographic apostrophe
    ("Police arrested ٣٬٠٧٥ people.", "٣٬٠٧٥", 3075),  # Arabic-Indic digits and separator
    ("Police arrested ۳٬۰۷۵ people.", "۳٬۰۷۵", 3075),  # extended Arabic-Indic (Persian, Urdu)
    ("Police arrested ３，０７５ people.", "３，０７５", 3075),  # full-width
    ("Police arrested 3\u200b075 people.", "3\u200b075", 3075),  # zero-width space
    ("Police arrested 3\u00ad075 people.", "3\u00ad075", 3075),  # soft hyphen
    ("Police arrested 30\u200d75 people.", "30\u200d75", 3075),  # zero-width joiner, anywhere
    ("Police arrested 3\u2060\ufeff075 people.", "3\u2060\ufeff075", 3075),  # two invisibles
    ("Police arrested 1\u00a0234\u00a0567 people.", "1\u00a0234\u00a0567", 1234567),
    ("Police arrested 1'234'567 people.", "1'234'567", 1234567),
    ("Police arrested 1.234.567 people.", "1.234.567", 1234567),  # "." between groups
    ("Police arrested 12\u00a0000\u00a0000 people.", "12\u00a0000\u00a0000", 12_000_000),
    ("Police seized 1.234,5 litres.", "1.234,5", 1234.5),  # German
    ("Police seized 3\u00a0075,5 litres.", "3\u00a0075,5", 3075.5),  # French
    ("Police seized 3'075.50 litres.", "3'075.50", 3075.5),  # Swiss
    ("Police seized ٣٫٥ litres.", "٣٫٥", 3.5),  # Arabic decimal separator
    ("Police seized ３．５ litres.", "３．５", 3.5),  # full-width full stop
    ("Inflation rose 3,5 % last year.", "3,5 %", 3.5),  # decimal comma: 1 or 2 digits follow
    ("Inflation rose 3,25% last year.", "3,25%", 3.25),
    ("Losses reached €1,5 million.", "€1,5 million", 1.5e6),
    ("Researchers counted 10^100 atoms.", "10^100", 1e100),
    ("Researchers counted 10^6 cells.", "10^6", 1e6),
]


@pytest.mark.parametrize(("text", "words", "value"), WRITTEN_NUMBERS)
def test_numbers_written_with_other_separators_read_as_one_number(text, words, value) -> None:
    [figure] = read_figures(text)
    assert figure.text == words
    assert text[figure.start:figure.end] == words  # a quote is an exact substring
    assert figure.value == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(("text", "expected"), [
    # plain ASCII spaces join digits only where they cannot be two numbers (a year is not a figure)
    ("In 2024 1,000 people were arrested.", ["1,000"]),
    ("Police arrested 12 345 people.", ["12", "345"]),
    ("Police arrested 3 075 people.", ["3 075"]),  # a number does not begin with 0
    ("The ANC leads with 4 307 701 votes.", ["4 307 701"]),  # three groups
    ("It drew 309 000 votes.", ["309 000"]),
    # a no-break space joins only groups of three after one to three digits
    ("In 2024\u00a01,000 people were arrested.", ["1,000"]),
    ("Police arrested 12\u00a03456 people.", ["12", "3456"]),
    # "." between two groups is a decimal; "," before three digits is a thousands separator
    ("The rate was 1.234 per unit.", ["1.234"]),
    ("Police arrested 1,234 people.", ["1,234"]),
    # an address, a version, a height: not numbers in groups
    ("The server at 192.168.100.100 failed.", []),
    ("Version 1.2.3 shipped.", []),
    ("He is 5'11\" tall.", ["5", "11"]),
    ("Researchers counted 10^400 atoms.", ["10", "400"]),  # beyond any float: as before
])
def test_what_is_not_joined_into_one_number(text, expected) -> None:
    assert [f.text for f in read_figures(text)] == expected


def test_a_figure_after_an_odd_number_keeps_its_offsets() -> None:
    text = "Of 3\u200b\u200b075 people held, 10^6 had paid, and more than 1,000 were freed."
    figures = read_figures(text)
    assert [f.text for f in figures] == ["3\u200b\u200b075", "10^6", "more than 1,000"]
    assert all(text[f.start:f.end] == f.text for f in figures)
    assert figures[2].interval == Interval(1000, INF, True, True)
    # a window that begins after the odd numbers still reads with the right offsets
    start = text.index("more")
    [late] = read_figures(text, start)
    assert (late.start, late.end) == (start, start + len("more than 1,000"))


GROUP_MARKS = ["\u00a0", "\u2009", "\u202f", "'", "’"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
TO_ARABIC = str.maketrans("0123456789,", "٠١٢٣٤٥٦٧٨٩٬")
TO_FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


@settings(max_examples=800, deadline=None)
@given(figures_in_sentences(), st.data())
def test_numbers_read_alike_whatever_separators_they_are_written_with(drawn, data) -> None:
    """A figure written with another thousands separator, other digits, or invisible characters
    inside its number reads as it does with ASCII commas, quoted as written."""
    words, *_ = drawn
    plain = f"Officials said {words} were involved."
    style = data.draw(st.sampled_from(["group", "arabic", "full-width", "invisible"]))
    if style == "group":
        mark = data.draw(st.sampled_from(GROUP_MARKS))
        odd = re.sub(r"(?<=\d),(?=\d{3})", mark, plain)
    elif style == "arabic":
        odd = re.sub(r"\d[\d,]*", lambda m: m.group().translate(TO_ARABIC), plain)
    elif style == "full-width":
        odd = re.sub(r"\d[\d,]*", lambda m: m.group().translate(TO_FULL_WIDTH), plain)
    else:
        odd = re.sub(r"(?<=\d)(?=\d)", lambda m: data.draw(st.sampled_from(["", *INVISIBLE])),
                     plain)
    expected = read_figures(plain)
    got = read_figures(odd)
    assert [(f.kind, f.currency, f.interval) for f in got] == [
        (f.kind, f.currency, f.interval) for f in expected]
    assert all(f.text == odd[f.start:f.end] for f in got)
    assert [odd[:f.start].count(" ") for f in got] == [plain[:f.start].count(" ") for f in expected]
