"""The figure reader: text in, figures out.

Every figure comes with its character span, its kind (count, money, percent, duration), an
interval with open or closed ends, and the words as written. The quantity grammar lives here and
nowhere else: hedges ("more than", "nearly"), scales ("1.2 million", "40bn"), number words
("two hundred and seventy-one"), vague amounts ("hundreds"), currencies, rates ("a year") and
spans of days ("between Monday and Wednesday"). Dates, years, times, ordinals, phone numbers and
numbers inside names and codes are recognised so that they are *not* read as figures.

Word numbers are converted by text2num (a maintained parser); everything around them is a small
grammar of compiled regular expressions, scanned left to right in one pass.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from text_to_num import text2num

from .errors import QuantityError
from .framing import Framing, Modality, changed_before  # noqa: F401 (Modality: a figure's, read from here)
from .lexicon import alternation, fold_lookalikes, has_lookalikes
from .places import is_country, is_demonym
from .units import BY_NAME, family_of, unit_after, unit_before

INF = math.inf


class Kind(StrEnum):
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    POINTS = "points"  # percentage points: a difference of percentages, never a percentage
    DURATION = "duration"
    MEASURE = "measure"  # a unit of a family in units.py; the value in the family's base unit
    AGE = "age"  # "a 15-year-old", "aged 15": a person's age in years, never a duration or a count
    MULTIPLIER = "multiplier"  # "tripled", "sixfold", "13 times": a factor
    FRACTION = "fraction"  # "two-thirds", "half of", "one in four": a share between 0 and 1


class Hedge(StrEnum):
    EXACT = "exact"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    NEARLY = "nearly"
    JUST_OVER = "just over"
    ABOUT = "about"
    UP_TO = "up to"
    LESS_THAN = "less than"
    RANGE = "range"
    VAGUE = "vague"


# The members the readers use, read from their classes once: on Python 3.11 every Kind.COUNT reads
# through EnumType.__getattr__ (~70 ns, against ~6 ns for a module-level name), and several are
# read for every figure.
_KIND_COUNT, _KIND_MONEY, _KIND_PERCENT, _KIND_DURATION = (
    Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.DURATION
)
_KIND_POINTS, _KIND_MEASURE = Kind.POINTS, Kind.MEASURE
_KIND_AGE, _KIND_MULTIPLIER, _KIND_FRACTION = Kind.AGE, Kind.MULTIPLIER, Kind.FRACTION
_HEDGE_EXACT, _HEDGE_RANGE, _HEDGE_VAGUE = Hedge.EXACT, Hedge.RANGE, Hedge.VAGUE
_HEDGE_MORE_THAN, _HEDGE_AT_LEAST = Hedge.MORE_THAN, Hedge.AT_LEAST
_HEDGE_JUST_OVER, _HEDGE_NEARLY, _HEDGE_ABOUT = Hedge.JUST_OVER, Hedge.NEARLY, Hedge.ABOUT
_HEDGE_UP_TO, _HEDGE_LESS_THAN = Hedge.UP_TO, Hedge.LESS_THAN


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of values with open or closed ends; `math.inf` marks an unbounded end."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        if self.low > other.high or other.low > self.high:
            return False
        if self.low == other.high and (self.low_open or other.high_open):
            return False
        if other.low == self.high and (other.low_open or self.high_open):
            return False
        return True

    def widened(self, relative: float) -> Interval:
        """The interval with `relative` slack on each finite end (a rule's tolerance)."""
        if relative <= 0:
            return self
        low = self.low - abs(self.low) * relative if math.isfinite(self.low) else self.low
        high = self.high + abs(self.high) * relative if math.isfinite(self.high) else self.high
        return Interval(low, high, False, False)

    def __str__(self) -> str:
        left = "(" if self.low_open or not math.isfinite(self.low) else "["
        right = ")" if self.high_open or not math.isfinite(self.high) else "]"
        return f"{left}{format_number(self.low)}, {format_number(self.high)}{right}"


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a text. Durations are measured in days; money in units of `currency`."""

    start: int
    end: int
    text: str
    kind: Kind
    interval: Interval
    value: float  # the number as stated (the lower end of a range)
    hedge: Hedge = Hedge.EXACT
    currency: str = ""  # ISO 4217 code, for money
    rate: str = ""  # "year", "month", "week" or "day" when the figure is per period
    unit: str = ""  # for a measure, the unit as units.py names it ("miles"); its interval is in the base
    slack: float = 0.0  # how far the value may be from what is written, at its written precision
    # How the sentence frames the figure, when read with `framed=True` (None otherwise): whether it
    # is the amount something moved by ("up 5pc", "fell 2.1%") rather than a level, and whether it
    # is reported, estimated ("about", "an estimated") or projected ("could", "is expected to").
    change: bool | None = None
    modality: Modality | None = None

    @property
    def compared(self) -> Interval:
        """The interval a comparison reads: the stated one, widened by the written precision."""
        if not self.slack:
            return self.interval
        iv = self.interval
        return Interval(iv.low - self.slack, iv.high + self.slack, iv.low_open, iv.high_open)

    def describe(self) -> str:
        """The figure in plain words, e.g. 'more than 1,000' or 'about 40 billion USD a year'."""
        return describe_interval(self.interval, self.hedge, self.kind, self.currency, self.rate, self.unit)


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_ABBREV = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6,
    "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12, "cr": 1e7,
}
_NUMWORD = alternation(_UNITS + _TENS + list(_SCALE_WORDS) + ["dozen"])  # a trie: longest first

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Capitalised and whole: "5 may be", "2 junior", "a decade" hold no month.
_MONTH = (
    r"(?-i:(?=[A-Z]))(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
# The words that _MONTH matches whole, case as written: a set look-up for _is_month, and one
# pattern fewer to compile at start-up.
_MONTH_WORDS = frozenset(
    form + dot
    for name in ("January February March April May June July August September October November "
                 "December Sept").split()
    for form in (name, name[:3])
    for dot in ("", ".")
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_DAYS_PER = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "fortnight": 14.0, "month": 30.4375, "year": 365.25, "decade": 3652.5, "century": 36525.0,
}
_TIME_ALIAS = {"min": "minute", "mins": "minute", "hr": "hour", "hrs": "hour", "yr": "year",
               "yrs": "year", "centuries": "century"}
_TIME_UNITS = frozenset(  # the words that _DURATION_AFTER reads as a unit
    [*_DAYS_PER, *(unit + "s" for unit in _DAYS_PER if unit != "century"), *_TIME_ALIAS]
)

# Currency written before the number (symbol or code) and after it (a word).
_CURRENCY_PREFIX = {
    "us$": "USD", "a$": "AUD", "au$": "AUD", "s$": "SGD", "hk$": "HKD", "nt$": "TWD",
    "c$": "CAD", "nz$": "NZD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₫": "VND",
    "฿": "THB", "₹": "INR", "₱": "PHP", "₩": "KRW", "rp": "IDR", "rs": "INR",
    "aus$": "AUD", "$us": "USD", "$a": "AUD", "rm": "MYR", "bt": "THB", "tk": "BDT", "r$": "BRL",
}
# Money written in a currency's hundredth after the number: "25p", "50 cents", "20 sen"
_SUBUNITS = {"p": "GBP", "pence": "GBP", "penny": "GBP", "cents": "USD", "cent": "USD", "sen": "MYR"}
_SUBUNIT_AFTER = re.compile(r"(?:(?P<glued>p)|\s*(?:(?:US|U\.S\.)\s+)?(?P<word>pence|penny|cents?|sen))(?![\w$£€])",
                            re.IGNORECASE)
_CURRENCY_CODES = (
    "USD EUR GBP THB KHR VND CNY RMB JPY MYR IDR PHP INR AUD SGD HKD TWD KRW CAD NZD CHF MMK LAK"
    " BDT PKR BRL ZAR NGN KES DKK SEK NOK PLN TRY MXN"
).split()
_CURRENCY_WORDS = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "australian dollars": "AUD", "singapore dollars": "SGD", "hong kong dollars": "HKD",
    "taiwan dollars": "TWD", "new taiwan dollars": "TWD", "canadian dollars": "CAD",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "pound": "GBP", "sterling": "GBP",
    "baht": "THB", "riel": "KHR", "riels": "KHR", "dong": "VND", "yuan": "CNY",
    "renminbi": "CNY", "yen": "JPY", "ringgit": "MYR", "rupiah": "IDR", "pesos": "PHP",
    "peso": "PHP", "rupees": "INR", "rupee": "INR", "won": "KRW", "kyat": "MMK", "kip": "LAK",
    "rand": "ZAR", "naira": "NGN", "shillings": "KES", "danish crowns": "DKK", "danish kroner": "DKK",
    "swedish crowns": "SEK", "swedish kronor": "SEK", "norwegian crowns": "NOK", "zloty": "PLN",
    "lira": "TRY", "taka": "BDT", "reais": "BRL", "real": "BRL", "francs": "CHF", "swiss francs": "CHF",
}
_CURRENCY_CODES_LOWER = frozenset(code.lower() for code in _CURRENCY_CODES)
# The currency words of more than one word, as a trie: the longest wins ("pounds sterling").
_CURRENCY_PHRASE_RE = alternation([words for words in _CURRENCY_WORDS if " " in words])

# Hedges before a figure; the leftmost wins, so "no more than" beats "more than".
_HEDGES_BEFORE: list[tuple[str, Hedge]] = [
    ("no more than", Hedge.UP_TO), ("not more than", Hedge.UP_TO),
    ("no fewer than", Hedge.AT_LEAST), ("no less than", Hedge.AT_LEAST),
    ("not less than", Hedge.AT_LEAST), ("a minimum of", Hedge.AT_LEAST),
    ("at least", Hedge.AT_LEAST), ("at a minimum", Hedge.AT_LEAST),
    ("slightly more than", Hedge.JUST_OVER), ("a little more than", Hedge.JUST_OVER),
    ("a little over", Hedge.JUST_OVER), ("just more than", Hedge.JUST_OVER),
    ("just over", Hedge.JUST_OVER), ("just above", Hedge.JUST_OVER),
    ("slightly over", Hedge.JUST_OVER),
    ("well over", Hedge.MORE_THAN), ("well above", Hedge.MORE_THAN),
    ("more than", Hedge.MORE_THAN), ("upwards of", Hedge.MORE_THAN),
    ("in excess of", Hedge.MORE_THAN), ("over", Hedge.MORE_THAN), ("above", Hedge.MORE_THAN),
    ("exceeding", Hedge.MORE_THAN), ("passed", Hedge.MORE_THAN), ("topped", Hedge.MORE_THAN),
    ("exceeded", Hedge.MORE_THAN), ("surpassed", Hedge.MORE_THAN), ("crossed", Hedge.MORE_THAN),
    ("passing", Hedge.MORE_THAN), ("topping", Hedge.MORE_THAN),
    # hedge verbs: "could exceed 40C", "climbed past 9,400", "expected to top 105 degrees"
    ("exceed", Hedge.MORE_THAN), ("exceeds", Hedge.MORE_THAN), ("surpass", Hedge.MORE_THAN),
    ("surpasses", Hedge.MORE_THAN), ("surpassing", Hedge.MORE_THAN), ("to top", Hedge.MORE_THAN),
    *((verb + " past", Hedge.MORE_THAN) for verb in
      "climbed climbing rose risen rising pushed went gone moved surged edged crept shot".split()),
    ("higher than", Hedge.MORE_THAN), ("greater than", Hedge.MORE_THAN), ("larger than", Hedge.MORE_THAN),
    ("warmer than", Hedge.MORE_THAN), ("longer than", Hedge.MORE_THAN),
    ("as close as", Hedge.AT_LEAST), ("as low as", Hedge.AT_LEAST),
    ("just under", Hedge.NEARLY), ("just below", Hedge.NEARLY), ("just shy of", Hedge.NEARLY),
    ("slightly less than", Hedge.NEARLY), ("slightly fewer than", Hedge.NEARLY),
    ("nearly", Hedge.NEARLY), ("almost", Hedge.NEARLY), ("close to", Hedge.NEARLY),
    ("approaching", Hedge.NEARLY), ("not quite", Hedge.NEARLY),
    ("an estimated", Hedge.ABOUT), ("estimated", Hedge.ABOUT), ("approximately", Hedge.ABOUT),
    ("approx.", Hedge.ABOUT), ("roughly", Hedge.ABOUT), ("around", Hedge.ABOUT),
    ("about", Hedge.ABOUT), ("some", Hedge.ABOUT), ("circa", Hedge.ABOUT), ("~", Hedge.ABOUT),
    ("an approximate", Hedge.ABOUT), ("a reported", Hedge.EXACT), ("in the region of", Hedge.ABOUT),
    ("on the order of", Hedge.ABOUT), ("of the order of", Hedge.ABOUT),
    ("up to", Hedge.UP_TO), ("as many as", Hedge.UP_TO), ("as much as", Hedge.UP_TO),
    ("at most", Hedge.UP_TO), ("a maximum of", Hedge.UP_TO), ("at the most", Hedge.UP_TO),
    ("as high as", Hedge.UP_TO), ("as far as", Hedge.UP_TO), ("capped at", Hedge.UP_TO),
    ("a cap of", Hedge.UP_TO), ("a ceiling of", Hedge.UP_TO), ("no higher than", Hedge.UP_TO),
    ("fewer than", Hedge.LESS_THAN), ("less than", Hedge.LESS_THAN), ("lower than", Hedge.LESS_THAN),
    ("smaller than", Hedge.LESS_THAN), ("closer than", Hedge.LESS_THAN), ("colder than", Hedge.LESS_THAN),
    ("shorter than", Hedge.LESS_THAN),
    ("under", Hedge.LESS_THAN), ("below", Hedge.LESS_THAN),
]
_HEDGE_BY_WORDS = {" ".join(h.split()): kind for h, kind in _HEDGES_BEFORE}
# The last words of the hedges: the text before a number that ends with none holds no hedge.
_HEDGE_ENDINGS = tuple({h.split()[-1] for h, _ in _HEDGES_BEFORE})
_HEDGE_ENDING_WORDS = frozenset(_HEDGE_ENDINGS)
_HEDGE_MOST_WORDS = max(len(h.split()) for h, _ in _HEDGES_BEFORE)


def _hedges_by_last_words() -> dict[tuple[str, ...], list[tuple[list[str], str]]]:
    """Each hedge under its last two words (its last, if it has one), as (the words before its
    last, all its words): ("more", "than") -> "no more than", "more than", ..."""
    by_last: dict[tuple[str, ...], list[tuple[list[str], str]]] = {}
    for words in _HEDGE_BY_WORDS:
        *before, last = words.split()
        by_last.setdefault((*before[-1:], last), []).append((before, words))
    return by_last


# Read by _hedge_before with str methods: a regular expression of all the hedges took ~8M
# instructions to compile at start-up, which is paid before the worker processes fork.
_HEDGES_BY_LAST_WORDS = _hedges_by_last_words()

# Vague amounts: the interval each one stands for.
_VAGUE = {
    "dozens": (24.0, 100.0), "scores": (40.0, 100.0), "hundreds": (200.0, 1e3),
    "thousands": (2e3, 1e4), "tens of thousands": (2e4, 1e5),
    "hundreds of thousands": (2e5, 1e6), "millions": (2e6, 1e7), "tens of millions": (2e7, 1e8),
    "hundreds of millions": (2e8, 1e9), "billions": (2e9, 1e10), "tens of billions": (2e10, 1e11),
    "hundreds of billions": (2e11, 1e12), "trillions": (2e12, 1e13),
}
_VAGUE_QUALIFIER = r"(?:several|many|a\s+few)\s+"
_VAGUE_RE = (
    r"(?:" + _VAGUE_QUALIFIER + r")?(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|dozens|scores(?=\s+of\b|\s+more\b)|hundreds|thousands|millions|billions|trillions)"
    # "several hundred", "a few thousand", "several hundred thousand": singulars need a qualifier
    r"|" + _VAGUE_QUALIFIER
    + r"(?:dozen|hundred(?:\s+(?:thousand|million|billion))?|thousand|million|billion)"
)

# Words that may precede a number without making it part of a name ("The 75", "All 75").
_FUNCTION_WORDS = frozenset(
    """a an the all some about around over under nearly almost only just another and or but
    nor yet so of in on at by for from to with without into onto among between including
    include includes included plus minus than as up down out off per via against those these
    this that its their his her our your my whose which who what when where while after before
    since until till during each every both either neither no not more less fewer most least
    many few several further another total roughly approximately estimated an some exactly
    precisely fully nearly barely merely least another then there here police officials
    authorities reports report said says say according already still now today overall altogether""".split()
)

# Words after which a number is a code, not a figure ("Route 5", "No. 12", "page 3").
_CODE_WORDS = frozenset(
    """no nos number page pages p pp para paragraph chapter section article clause
    route highway road street st avenue ave lane block building room floor level gate
    platform terminal flight phase stage version v ver model item line row column table
    figure fig exhibit appendix volume vol issue episode season grade class district ward
    zone sector unit box po hotline tel telephone phone fax call dial ext extension
    id code ref case decree resolution order law act sub-decree batch wave round week""".split()
)
# The word (or sign) that ends right before a number; the lookbehind tries word starts only.
# A character set that holds a character beyond Latin-1 and more than two runs of characters
# compiles to a table of 65,536 bits (~1M instructions of start-up each), so where it costs
# little such a character is tested on its own: `(?<!’)`, `(?!€)` (in an alternation of single
# characters, `[\w$£]|€`, the parser would make them one set again).
_VIET_NAM = re.compile(r"\bViet\s+Nam\s+$")
_UNIT_SLASH_BEFORE = re.compile(r"\d\s?[A-Za-z]{1,4}/$")
_NAMED_PLURAL = re.compile(r"\bthe\s+(?:[A-Z][a-z]+\s+)*[A-Z][a-z]+[^s\W]s\s+$")
_WORD_BEFORE = re.compile(
    r"(?:(?P<sign>[#№])|(?<![\w'.-])(?<!’)(?P<word>[A-Za-z][\w'’.-]*+))(?P<space>\s*)$"
)

_CLOCK = r"\s*(?:[ap]\.m\.|[ap]m\b|o'clock\b)"
# Spans that are never figures, tried before anything else at each position.
# A possessive run of digits (`\d{1,2}+`, `\d++`) is one that nothing after it could use: giving
# a digit back leaves a digit where the pattern needs a separator, a space or a letter.
_SKIP = (
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?Z?)?"
    r"|\d{1,2}+/\d{1,2}(?:/\d{2,4})?"
    r"|\d{1,2}+[:.]\d{2}\s*(?:[ap]\.?m\.?\b)|\d{1,2}+:\d{2}(?::\d{2})?"
    r"|\d{1,2}+" + _CLOCK
    + r"|(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}+\)?(?:[\s.-]\d{2,4}){2,}(?!\s*(?:" + "|".join(_SCALE_WORDS)
    + r")\b)"
    r"|\+\d[\d\s.-]{6,}\d"
    r"|\d{10,}"  # an account, card or phone number, not a count
    r"|0\d{2,3}[\s.-]?\d{3,4}[\s.-]?\d{3,4}"
    r"|\d++(?:(?:st|nd|rd|th)\b|(?:\.\d+){2,})"  # an ordinal, a version: the digits read once
    r"|(?:19|20)\d0s\b"
    r"|\d{1,2}+(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
    + _MONTH + r"(?:,?\s+\d{4}\b)?"
    # "July 4(, 2025)", else "July(,) 2025": one month read for both (a month is read one way
    # only, with its dot when one follows, so this finds what two alternatives would)
    r"|" + _MONTH
    + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"(?:\s*(?:-|–|and|to)\s*\d{1,2}(?:st|nd|rd|th)?\b(?![,.]?\d))?(?:,?\s+\d{4}\b)?"
    r"|,?\s+\d{4}\b)"
)

_DATE = (
    r"(?:(?P<{p}m1>" + _MONTH + r")\s+(?P<{p}d1>\d{{1,2}}+)(?:st|nd|rd|th)?"
    r"|(?P<{p}d2>\d{{1,2}}+)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<{p}m2>" + _MONTH + r"))"
    r"(?:,?\s+\d{{4}})?"
)
_DATE_RANGE = (
    r"(?:(?P<from>from|between)\s+)?" + _DATE.format(p="a")
    + r"\s*(?:-|–|to|until|through|and)\s*" + _DATE.format(p="b")
)
_DAY_RANGE = (
    r"(?:from|between)\s+(?:" + _MONTH + r"\s+(?P<dd1>\d{1,2})(?:st|nd|rd|th)?"
    r"\s*(?:-|–|to|until|through|and)\s*(?P<dd2>\d{1,2})(?:st|nd|rd|th)?\b(?![,.]?\d)"
    r"|(?P<dd3>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|until|through|and)\s*(?P<dd4>\d{1,2})"
    r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r")(?:,?\s+\d{4}\b)?"
)
_WEEKDAY_RANGE = (  # "between Monday and Wednesday", "Monday to Wednesday" (not "Monday and Wednesday")
    r"(?:(?:from|between)\s+(?P<w1>" + _WEEKDAY + r")\s+(?:to|until|through|and)\s+"
    r"|(?P<w3>" + _WEEKDAY + r")\s*(?:to|until|through|-|–)\s*)(?P<w2>" + _WEEKDAY + r")"
)

# ... with a power of ten after it: "1e6", "1.99×10−30", "6.02 x 10^23"
_DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+−]?\d{1,3}(?![\w.])"
           r"|\s?[×x]\s?10(?:\^|\*\*)?[-−]?\d{1,3}(?![\w.]))?|\.\d+")
# The lookahead lets a digit (most numbers) fail at once. It holds no set of the marks' first
# characters: under re.IGNORECASE a set of letters holds look-alikes beyond Latin-1 too ("K" the
# Kelvin sign, "ı", "ſ"), and so compiles to a table of 65,536 bits (see _WORD_BEFORE).
_PREFIX_CUR = (
    r"(?:(?=\D)"
    r"(?:US\$|U\.S\.?\s?\$|AUS\$|A\$|AU\$|S\$|HK\$|NT\$|C\$|NZ\$|R\$|\$US|\$A(?=\d)|\$|€|£|¥|₫|฿|₹|₱|₩"
    r"|Rp\.?|Rs\.?|RM|Bt\.?|Tk\.?|" + "|".join(_CURRENCY_CODES) + r")\s?)"
)
_WORDS = (
    r"(?:(?:half\s+)?(?:an?|one)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    r"(?:" + _NUMWORD + r")(?:(?:\s*-\s*|\s+|\s+and\s+)(?:" + _NUMWORD + r"))*"
    r"(?:\s+and\s+a\s+half\b(?:\s+(?:million|billion|trillion)\b)?)?"
)



# Where a match may begin: a digit or symbol, or a word that starts one of the alternatives below,
# but never inside a word or a token such as "v2.0". Finding these first lets the scan skip
# ordinary words without trying every alternative. They are found in lower-cased text, as the
# non-word character before each: that first step is a set of characters, which the regex engine
# scans for in a tight loop (a pattern that starts with a lookbehind is run whole at every
# position), and without re.IGNORECASE a trie's branches are skipped by their first letter.
# "a"/"an" and "(" lead only what the alternatives below read after them ("a hundred", "a week",
# "a few"; a phone number "(012) ..."): most of them in a report lead nothing.
# Factors and shares written as words: "tripled", "sixfold", "two-thirds", "one in four"
_MULTIPLIER_WORDS = {"doubled": 2, "doubling": 2, "twofold": 2, "two-fold": 2, "tripled": 3, "trebled": 3,
                     "tripling": 3, "threefold": 3, "three-fold": 3, "quadrupled": 4, "fourfold": 4,
                     "four-fold": 4, "fivefold": 5, "five-fold": 5, "sixfold": 6, "six-fold": 6,
                     "sevenfold": 7, "tenfold": 10, "ten-fold": 10, "twice": 2}
_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                   "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}
_FRACTION_RE = (
    r"(?:(?P<fnum>a|one|two|three|four)[\s-](?P<fden>thirds?|quarters?|fifths?|tenths?)"
    r"|(?P<halfof>half)(?=\s+(?:of|the|its|their|all)\b)"
    r"|(?P<inn>one|two|three|four|five|\d{1,2})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<ind>two|three|four|five|six|seven|eight|nine|ten|\d{1,3})"
    r"(?=\s+[a-z])(?!\s+(?:years?|months?|weeks?|days?)\b))"
)

_LEAD_AFTER = re.compile(
    r"\W(?=[\d$€£¥₫฿₹₱₩+.]|-\d|−\d|\(\d|an?\s+(?:hundred|thousand|million|billion|dozen|day|week|fortnight"
    r"|month|year|decade|hour|few|mile|kilomet|couple\s+of)|"
    + alternation(
        _UNITS + _TENS + list(_SCALE_WORDS) + list(_MONTHS) + _CURRENCY_CODES
        + ["dozen", "half", "tens", "scores", "several", "many", "from", "between", "http", "www.",
           *_WEEKDAYS, *_MULTIPLIER_WORDS, "double", "triple", "treble", "quadruple", "a third", "a quarter", "a fifth", "a tenth",
           "u.s.", "rp", "minus"]
        + [prefix for prefix in _CURRENCY_PREFIX if prefix[0].isalpha()]
    )
    + r")"
)

# Tried only where _LEAD_AFTER found a lead.
_SCAN = re.compile(
    r"(?<!\w[.,])(?:(?P<skip>" + _SKIP + r")"
    r"|(?P<drange>\b" + _DATE_RANGE + r")"
    r"|(?P<wrange>\b" + _WEEKDAY_RANGE + r"\b)"
    r"|(?P<dayrange>\b" + _DAY_RANGE + r")"
    r"|(?P<mult>\b(?:" + "|".join(_MULTIPLIER_WORDS) + r")\b(?!\s+(?:a|an|per|each|every)\b))"
    r"|(?P<factor>\b(?:double|triple|treble|quadruple)\b)"
    r"|(?P<couple>\ba\s+couple\s+of\b)"
    r"|(?P<frac>\b" + _FRACTION_RE + r"\b)"
    r"|(?P<num>(?P<sign>[-−+](?=[\d$€£.])|minus\s+(?=[\d$€£]))?(?P<cur>" + _PREFIX_CUR
    + r")?(?P<csign>-(?=\d))?(?P<digits>" + _DIGITS + r"))"
    r"|(?P<vague>\b(?:" + _VAGUE_RE + r")\b)"
    r"|(?P<words>\b" + _WORDS + r"\b)"
    r"|(?P<aunit>\b(?P<half>half\s+)?an?\s+(?=(?:day|week|fortnight|month|year|decade|hour|mile|kilometre|kilometer)\b)))",
    re.IGNORECASE,
)

# What may follow a number (all tried with .match at the number's end). A possessive `\s*+`
# marks spaces that no alternative after them could begin with: giving them back cannot help.
_SCALE_AFTER = re.compile(
    r"\s*+-?\s*(?P<word>(?:hundred|thousand|million|billion|trillion|lakhs?|crores?)"
    r"(?:\s+(?:thousand|million|billion|trillion|lakhs?|crores?))*)\b"  # "4 hundred million", "5.95 lakh crore"
    r"|(?P<space>\s?)(?P<abbr>mn|mln|bln|bn|tn|trn|cr|k|m|b)(?![\w$£])(?!€)",  # see _WORD_BEFORE
    re.IGNORECASE,
)
_SCALE_AFTER_WORDS = {**_SCALE_WORDS, "lakh": 1e5, "crore": 1e7, "lakhs": 1e5, "crores": 1e7}
_LOWER_WORD_AFTER = re.compile(r" [a-z]")
# Units that may be glued to digits without making a code of them ("5km" is 5, "5G" is a name).
_PERCENT = r"\s*+(?:%|per\s*cent\b|percent\b|pct\b|pc\b|(?P<points>percentage[\s-]+points?\b|pp\b|ppts?\b)" \
           r"|(?P<basis>basis\s+points?\b|bps\b))"
_PERCENT_AFTER = re.compile(_PERCENT, re.IGNORECASE)
# "points" alone are percentage points in a sentence about shares ("Labour's share fell 20
# points"), not an index's points ("the Dow gained 67 points")
_POINTS_AFTER = re.compile(r"(?:\s+|\s*-\s*)points?\b", re.IGNORECASE)
_SHARE_WORDS = re.compile(
    r"\b(?:" + alternation(["vote", "votes", "share", "shares of", "support", "poll", "polls", "polling",
                            "turnout", "swing", "lead", "margin", "approval", "rating", "ratings",
                            "per cent", "percent", "percentage", "interest rate", "interest rates"])
    + r")\b|%", re.IGNORECASE)
_INDEX_WORDS = re.compile(r"\b(?:" + alternation(["index", "indices", "dow", "ftse", "nikkei", "nasdaq", "s&p",
                                                  "topix", "hang seng", "kospi", "sensex", "nifty", "asx",
                                                  "dax", "cac", "stoxx"]) + r")\b", re.IGNORECASE)
# The second number of a range; a percent sign after the first ("10% to 20%") is carried over.
# After a dash or "to", or after "and" (a range only after "between": see _is_range_form). The
# two forms begin with different words, so at most one of them matches: one pattern to compile.
_RANGE_AFTER = re.compile(
    r"(?P<pct>" + _PERCENT + r")?(?:\s*+(?P<sep>-|–|—|to\b)\s*+|\s+(?P<and>and)\s+)"
    r"(?P<cur>" + _PREFIX_CUR + r")?(?P<digits>" + _DIGITS + r")",
    re.IGNORECASE,
)
# What parts the two numbers of a range in words; _words_at reads the second.
_WORDS_RANGE_SEP = re.compile(r"(?:\s*(?P<sep>-|–|to|or)\s*|\s+(?P<and>and)\s+)", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:first|second|latter|former|back|front|top|bottom|other)\s+$", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\b(?:in|of|since|until|by|during)\s+$", re.IGNORECASE)
_WITHIN_BEFORE = re.compile(r"\bwithin\s+$", re.IGNORECASE)
_FROM_TO_BEFORE = re.compile(r"\bfrom\s+(?:[$€£]\s?)?(\d[\d,.]*)\s+(?:[^\W\d]+\s+)?to\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_RANGED_FROM_BEFORE = re.compile(r"\b(?:range[sd]?|ranging|vary|varies|varied|varying)\s+from\s+$", re.IGNORECASE)
_LINE_START = re.compile(r"(?:^|\n)[ \t(]*$")
_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*$")
_NUMBER_HYPHEN_BEFORE = re.compile(r"\d\s?[-–]\s?$")
_SCORE_BEFORE = re.compile(r"\b(?:won|lost|beat|drew|defeated|draw|scored?|scoreline)\s+$", re.I)
# These two read any word, looked up in a set by _word_in (see _ONE_PRONOUN_AFTER).
_SCORE_AFTER = re.compile(r"\s*(?P<word>\w+)")
_SCORE_AFTER_WORDS = frozenset("win victory defeat draw loss season lead scoreline".split())
_ORDINAL_AFTER = re.compile(r"[-‐](?P<word>\w+)")
_FIXED_TERMS = frozenset("party state way horse off".split())  # after a number word and a hyphen
_ORDINAL_AFTER_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth".split()
)
_OVER = re.compile(r"over\b", re.IGNORECASE)
_CLOCK_AFTER = re.compile(_CLOCK, re.IGNORECASE)
_RACE_TIME = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})")
_RACE_TIME_BEFORE = re.compile(r"\b(?:in|clocked|clocking|clocks|ran|run|time\s+of|timed|record\s+of|best\s+of)\s+$",
                               re.IGNORECASE)
_GLUED_TIME = re.compile(r"(?:hrs?|mins?)\b", re.IGNORECASE)  # "a 5hr 34min ride"
# A currency phrase, else any word, which _currency_after looks up among the codes and the
# words: an alternation of them all took ~6M instructions to compile at start-up.
_CURRENCY_AFTER = re.compile(
    r"\s*+(?:-\s*+)?(?:(?P<phrase>" + _CURRENCY_PHRASE_RE + r")\b|(?P<word>\w+))",
    re.IGNORECASE,
)
# These two read any word, looked up in a set (see _ONE_PRONOUN_AFTER).
_OF_CURRENCY_AFTER = re.compile(
    r"\s++of\s++(?:(?:us|u\.s\.|american|australian|singapore)\s+)?(?P<word>\w+)", re.IGNORECASE
)
_OF_CURRENCY_WORDS = frozenset(
    "dollars euros pounds baht riel yuan yen dong ringgit rupees pesos".split()
)
# a unit of _TIME_UNITS, maybe after a word that says which ("18 straight days", "three fiscal years")
_DURATION_ADJECTIVES = frozenset(
    "straight consecutive successive financial fiscal calendar full long working business whole".split())
_DURATION_AFTER = re.compile(
    r"(?:\s*+-\s*+|\s*+)(?:(?:" + "|".join(_DURATION_ADJECTIVES) + r")\s+)?(?P<tunit>\w+)", re.IGNORECASE)
_TIMES_AFTER = re.compile(r"(?:\s+times\b(?!\s+(?:a|per|each|every)\b)|-?fold\b)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"[-\s]\s*(?P<unit>year|month|week|day)s?[-\s]\s*old\b", re.IGNORECASE)
_NOT_A_SPAN_AFTER = re.compile(r",?\s+(?:ago|earlier|later|old|since|after|before|from now)\b",
                               re.IGNORECASE)  # "three weeks after", "two days since": offsets
# A hedge written after the number; the first alternative that matches wins.
_HEDGE_AFTER = re.compile(
    r"(?P<plus>\+(?!\d)|-\s*plus\b)"  # "1,000+", "1,000-plus"
    r"|(?P<odd>\s*-\s*odd\b)"  # "a thousand-odd": a little over
    r"|\s+(?P<w>or\s+(?:more|so|fewer|less)|(?:or|and)\s+(?:above|up|over|higher|older|greater|larger|below"
    r"|under|lower|smaller|younger)|at\s+least|at\s+most)\b",
    re.IGNORECASE,
)
_HEDGE_AFTER_WORDS = {
    "or more": Hedge.AT_LEAST, "or so": Hedge.ABOUT, "at least": Hedge.AT_LEAST, "at most": Hedge.UP_TO,
    **{f"{joint} {word}": Hedge.AT_LEAST for joint in ("or", "and")
       for word in "above up over higher older greater larger".split()},
    **{f"{joint} {word}": Hedge.UP_TO for joint in ("or", "and")
       for word in "fewer less below under lower smaller younger".split()},
}
_RATE_AFTER = re.compile(
    r"\)?\s*+(?P<paren>\([^()]{0,60}\)\s*+)?"
    r"(?:(?:a|per|each|every)\s+(?P<per>year|annum|month|week|day)\b"
    r"|(?P<adv>annually|yearly|monthly|weekly|daily)\b"
    r"|(?:in|of)\s+(?P<adj>annual|yearly|monthly|weekly|daily)\b"
    r"|/\s*(?P<slash>year|yr|month|mo|week|day)\b)",
    re.IGNORECASE,
)
_RATE_NAMES = {"annum": "year", "annually": "year", "yearly": "year", "annual": "year",
               "monthly": "month", "weekly": "week", "daily": "day", "yr": "year", "mo": "month"}
_DESCRIPTOR_AFTER = re.compile(r"-(?:dollar|euro|pound|baht)\b", re.IGNORECASE)
# "one" is a pronoun before a sign, at the end, before "day," or before one of these words, or
# after one of those or "no-". Each pattern reads any word, then looked up in its set by
# _word_in: an alternation of the words took a few times longer to compile at start-up.
_ONE_PRONOUN_AFTER = re.compile(r"\s*(?:[,.;:!?)\"']|’|$|day\s*,|(?P<word>\w+))", re.IGNORECASE)
_ONE_PRONOUN_AFTER_WORDS = frozenset(
    """of another who that which is was has had would could can may might will must should does
    did said says and or to in at on by for with as but""".split()
)
_ONE_PRONOUN_BEFORE = re.compile(r"\b(?:(?P<word>\w+)|no-)\s*$", re.IGNORECASE)
_ONE_PRONOUN_BEFORE_WORDS = frozenset(
    """no any every each some the this that which someone anyone little only everyone one last
    next such a another""".split()
)
_FRACTION_AFTER = re.compile(r"[\s-]*(?P<word>\w+)")  # the word looked up by _word_in
_FRACTION_AFTER_WORDS = frozenset(
    ["halves", *(n + s for n in "third quarter fifth sixth seventh eighth ninth tenth".split()
                 for s in ("", "s"))]
)

# The first word or sign (after spaces) of whatever the patterns above read after a number: a
# scale, percent, range, currency, unit, hedge or rate, one set for each. A number followed by
# any other word ("75 people") is told by one match and a set lookup instead of eight failed
# matches, and one followed by "of" or "to" tries only the patterns that may begin so.
_FOLLOWER = re.compile(r"\s*+([^\W\d_]+|.)", re.DOTALL)
_SCALE_HEADS = frozenset(["-", "lakh", "crore", "lakhs", "crores", *_SCALE_WORDS, *_SCALE_ABBREV])
_PERCENT_HEADS = frozenset(["%", "per", "percent", "pct", "pc", "percentage", "pp", "ppt", "ppts", "basis", "bps"])
_POINT_HEADS = frozenset(["-", "point", "points"])
_RANGE_HEADS = _PERCENT_HEADS | {"-", "–", "—", "to", "and"}
_CURRENCY_HEADS = frozenset(
    ["-", "of", *(code.lower() for code in _CURRENCY_CODES), *_SUBUNITS,
     *(words.split()[0].split(".")[0] for words in _CURRENCY_WORDS)]  # "u.s. dollars": "u"
)
_DURATION_HEADS = _TIME_UNITS | _DURATION_ADJECTIVES | {"-"}
_HEDGE_AFTER_HEADS = frozenset(["+", "-", "or", "and", "at"])
_RATE_HEADS = frozenset(
    ["(", ")", "/", "a", "per", "each", "every", "in", "of", "annually", "yearly", "monthly",
     "weekly", "daily"]
)
_CLOCK_ZONES = frozenset(["gmt", "utc", "hrs"])  # "at 0830 GMT": a time, as are the "am" and "pm" of _SKIP
_FOLLOWER_HEADS = (_SCALE_HEADS | _RANGE_HEADS | _POINT_HEADS | _CURRENCY_HEADS | _DURATION_HEADS
                   | _HEDGE_AFTER_HEADS | _RATE_HEADS | _CLOCK_ZONES | {"="})


def _follower(text: str, end: int, limit: int) -> str:
    """The first word or sign after `end`, lower-cased, if one of the patterns after a number may
    begin with it, else "" (none of them matches there; the text is folded, so lower() gives what
    re.IGNORECASE matches)."""
    m = _FOLLOWER.match(text, end, limit)
    if m is None:
        return ""
    head = m.group(1).lower()
    return head if head in _FOLLOWER_HEADS else ""


_CONTEXT_BEFORE = 100  # characters before `start` that a figure's hedge or name may stand in


def read_figures(text: str, start: int = 0, end: int | None = None, *, folded: bool = False,
                 framed: bool = False) -> list[Figure]:
    """Every figure in `text[start:end]`, in order, with offsets into `text`.

    The surrounding text is used for context (a hedge just before `start` still counts).
    `folded`: the text has no look-alike letters (as Analysis.text), so none are looked for.
    `framed`: each figure says whether it is a change and its modality (framing.py); they cost
    about a quarter of the reading, so a caller that needs them for few figures can frame those
    alone (`framed_figures`).
    """
    end = len(text) if end is None else end
    lo = max(0, start - _CONTEXT_BEFORE)
    lookalikes = not folded and has_lookalikes(text, lo, end)
    if lookalikes or (figures := _scan(text, start, end, plain=False)) is None:
        # "aſ many aſ 5", "two mıllıon", "3 075": read as "as many as 5", "3,075", quoted as written
        plain = _Plain.of(fold_lookalikes(text[lo:end]) if lookalikes else text[lo:end])
        figures = []
        for f in _scan(plain.text, plain.plain(start - lo), len(plain.text)):
            f_start, f_end = plain.original(f.start) + lo, plain.original(f.end, end=True) + lo
            figures.append(replace(f, start=f_start, end=f_end, text=text[f_start:f_end]))
    return framed_figures(text, figures, end) if framed and figures else figures


def framed_figures(text: str, figures: list[Figure], end: int | None = None) -> list[Figure]:
    """`figures`, read from `text` in order (those of one sentence, or a few of them), each with
    how its sentence frames it: a level or a change; reported, estimated or projected."""
    if not figures:
        return figures
    at = max(0, figures[0].start - _CONTEXT_BEFORE)
    end = len(text) if end is None else max(end, figures[-1].end)
    return _framed(text, figures, Framing(text, text[at:end].lower(), at))


# Digits as people write them. Beside the ASCII comma, people put between groups of three digits
# spaces that do not break a line (French, SI: no-break, figure, thin, narrow no-break), an
# apostrophe (Swiss), the Arabic thousands separator or the full-width comma; beside "." and ",",
# the Arabic decimal separator or the full-width full stop mark decimals. Characters that do not
# show (zero-width spaces and joiners, the byte-order mark, a soft hyphen) are dropped inside a
# number. Plain ASCII spaces join digits only where they cannot be two numbers (_SPACED).
_GROUP_MARKS = "\u00a0\u2007\u2009\u202f'\u2019\u066c\uff0c"
_DECIMAL_MARKS = "\u066b\uff0e"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_MARKS = _GROUP_MARKS + _DECIMAL_MARKS + _INVISIBLE
# A number that one of these and a digit follow ("3 075", "3,5", "10^6"), or a skipped code
# that holds one or looks like "1.234.567", may not be plain: the scan then stops, and the text
# is read again with its numbers made plain.
_MARKS_AFTER_NUMBER = ",.^" + _MARKS
_UNPLAIN_SKIPPED = re.compile(r"\d[\^" + _MARKS + r"]|\d\.\d{3}\.\d{3}(?!\d)")
_NUMBER_RUN = re.compile(
    r"(?<![\w.,×*·^])10\^(?P<power>\d{1,3})(?![\w.,^])|\d(?:[\d.," + _MARKS + r"]*\d)?"
)
# Groups of three digits after plain ASCII spaces join only where they cannot be two numbers: a
# group that begins with 0 ("309 000", "3 075") or three groups and more ("4 307 701 votes");
# "12 345" and "in 2024 1,000" stay apart.
_SPACED = re.compile(r"(?<![\d.,])(?P<head>\d{1,3})(?P<groups>(?: \d{3})+)(?![\d]|[.,]\d)")


def _spaced_number(m: re.Match[str] | None) -> bool:
    if m is None:
        return False
    groups = m.group("groups").split()
    return len(groups) >= 2 or any(g.startswith("0") for g in groups)


# A number in groups of three with one mark between them, and a decimal part after another.
_GROUPED = re.compile(
    r"(?P<head>\d{1,3})(?P<groups>(?P<sep>[.," + _GROUP_MARKS + r"])\d{3}(?:(?P=sep)\d{3})*)"
    r"(?:(?!(?P=sep))[.," + _DECIMAL_MARKS + r"](?P<decimals>\d+))?"
)
_DECIMAL = re.compile(r"(?P<whole>\d+)(?P<mark>[.," + _DECIMAL_MARKS + r"])(?P<decimals>\d+)")


def _plain_number(run: str, power: str | None) -> str:
    """A number as the grammar reads it: ASCII digits, "," between groups of three and "." before
    decimals. A "." between groups needs two of them or a decimal "," ("1.234" is a decimal); a ","
    is a decimal mark unless three digits follow it ("3,5" is 3.5, "1,234" is 1234)."""
    if power is not None:
        return f"{10 ** int(power):,}" if int(power) <= 308 else run
    digits = "".join(_ascii_digit(char) for char in run if char not in _INVISIBLE)
    if digits.isdigit():
        return digits
    grouped = _GROUPED.fullmatch(digits)
    if grouped and grouped["sep"] == "." and _is_ip_address(digits):
        return run
    if grouped and (grouped["sep"] != "." or grouped["groups"].count(".") > 1 or grouped["decimals"]):
        decimals = grouped["decimals"]
        return grouped["head"] + grouped["groups"].replace(grouped["sep"], ",") + (
            "." + decimals if decimals else "")
    decimal = _DECIMAL.fullmatch(digits)
    if decimal and (decimal["mark"] != "," or len(decimal["decimals"]) != 3):
        return f"{decimal['whole']}.{decimal['decimals']}"
    return run  # not one number: "1,2,3", "0 0"


def _is_ip_address(digits: str) -> bool:
    parts = digits.split(".")
    return len(parts) == 4 and all(int(part) <= 255 for part in parts)


def _ascii_digit(char: str) -> str:
    return char if char < "\x80" else str(unicodedata.decimal(char, "")) or char


@dataclass(frozen=True, slots=True)
class _Plain:
    """A text with its numbers as the grammar reads them (see _plain_number), and the way back to
    the text's offsets: `rewrites` holds (start, end) in the plain text and (start, end) in the
    original of each number written anew."""

    text: str
    rewrites: tuple[tuple[int, int, int, int], ...]

    @classmethod
    def of(cls, text: str) -> _Plain:
        parts: list[str] = []
        rewrites: list[tuple[int, int, int, int]] = []
        last = size = 0
        spaced = [m for m in _SPACED.finditer(text) if _spaced_number(m)]
        runs = sorted([*spaced, *(m for m in _NUMBER_RUN.finditer(text)
                                  if not any(s.start() <= m.start() < s.end() for s in spaced))],
                      key=lambda m: m.start())
        for m in runs:
            if m.re is _SPACED:
                number = m.group("head") + m.group("groups").replace(" ", ",")
            else:
                number = _plain_number(m.group(), m.group("power"))
            if number == m.group():
                continue
            parts.append(text[last:m.start()])
            size += m.start() - last
            rewrites.append((size, size + len(number), m.start(), m.end()))
            parts.append(number)
            size += len(number)
            last = m.end()
        parts.append(text[last:])
        return cls("".join(parts), tuple(rewrites))

    def original(self, position: int, *, end: bool = False) -> int:
        """Where a position of the plain text is in the original; inside a number written with
        another length, its start (or its end, for the `end` of a span)."""
        i = bisect_right(self.rewrites, (position, math.inf)) - 1
        if i < 0:
            return position
        start, stop, was_start, was_stop = self.rewrites[i]
        if position >= stop:
            return position - stop + was_stop
        if stop - start == was_stop - was_start:
            return was_start + position - start
        return was_stop if end and position > start else was_start

    def plain(self, position: int) -> int:
        """Where a position of the original is in the plain text (the start of a number there)."""
        i = bisect_right(self.rewrites, position, key=lambda rewrite: rewrite[2]) - 1
        if i < 0:
            return position
        start, stop, was_start, was_stop = self.rewrites[i]
        return position - was_stop + stop if position >= was_stop else start


def _scan(text: str, start: int, end: int, *, plain: bool = True) -> list[Figure] | None:
    """The figures in `text[start:end]`; the text is folded (no "ſ", "ı" or "İ": lower() keeps
    its length and gives the letters that re.IGNORECASE matches). Unless the text's numbers are
    `plain` already, None at the first number that may not be (see _MARKS_AFTER_NUMBER)."""
    figures: list[Figure] = []
    pos = start
    # The character before `start` (a space before the text's first) may come before a lead.
    if start:
        offset, before = start - 1, text[start - 1:end].lower()
    else:
        offset, before = -1, " " + text[:end].lower()
    leads = _LEAD_AFTER.finditer(before)
    while pos < end:
        for lead in leads:
            if offset + lead.end() >= pos and (m := _SCAN.match(text, offset + lead.end(), end)):
                break
        else:
            break
        group = m.lastgroup
        figure: Figure | None = None
        if group == "skip":
            if not plain and _UNPLAIN_SKIPPED.search(text, m.start(), m.end()):
                return None
            if (clocked := _RACE_TIME.fullmatch(m.group())) and _RACE_TIME_BEFORE.search(
                    text, max(0, m.start() - 16), m.start()):
                h, mi, sec = (int(clocked.group(i)) for i in (1, 2, 3))  # "won in 2:13:44": a time taken
                days = (h * 3600 + mi * 60 + sec) / 86400
                figures.append(Figure(m.start(), m.end(), m.group(), _KIND_DURATION, Interval(days, days), days))
            pos = m.end()
            continue
        if group == "num":
            if not plain and (_may_not_be_plain(text, m.end(), end) or (
                    text[m.end():m.end() + 1] == " " and _spaced_number(_SPACED.match(text, m.start("digits"))))):
                return None
            figure = _read_digits(text, m, end)
        elif group == "words":
            figure = _read_words(text, m, end)
        elif group == "vague":
            figure = _read_vague(text, m, end)
        elif group == "drange":
            figure = _read_date_range(text, m)
        elif group == "wrange":
            figure = _read_weekday_range(text, m)
        elif group == "dayrange":
            figure = _read_day_range(text, m)
        elif group == "aunit":
            figure = _read_a_unit(text, m, end)
        elif group == "factor":
            figure = _read_factor(text, m, end)
        elif group == "couple":
            figure = _read_couple(text, m, end)
        elif group == "mult":
            hedge, hedge_start = _hedge_before(text, m.start())
            factor = _MULTIPLIER_WORDS[m.group("mult").lower()]
            figure = _figure(text, hedge_start, m.end(), _KIND_MULTIPLIER, factor, None, hedge, "", "", 1.0, None)
        elif group == "frac":
            figure = _read_fraction(text, m)
        if figure is None:
            pos = max(m.end(), pos + 1)
            continue
        figures.append(figure)
        pos = figure.end
    return _joined(text, figures) if len(figures) > 1 else figures


def _joined(text: str, figures: list[Figure]) -> list[Figure]:
    """Two measures in one unit that make a range ("between 4km and 9km", "1Gbps to 10Gbps") as
    one figure, and so two durations that make one ("2 hours, 35 seconds"); in "from 68
    kilometers to 568", the second takes the first's unit (and in "from $4 to 12", its currency;
    in "from 10% to 20", its percent)."""
    out = [figures[0]]
    for figure in figures[1:]:
        last = out[-1]
        between = text[last.end:figure.start]
        if (last.kind is figure.kind is _KIND_DURATION and last.hedge is figure.hedge is _HEDGE_EXACT
                and figure.value < last.value and len(between) < 6 and _COMPOUND_BETWEEN.fullmatch(between)):
            days = last.value + figure.value  # "2 hours, 35 seconds", "5hr 34min"
            out[-1] = Figure(last.start, figure.end, text[last.start:figure.end], _KIND_DURATION, Interval(days, days), days)
            continue
        if len(between) > 6 or not _RANGE_BETWEEN.fullmatch(between):
            out.append(_converted(text, last, figure) if last.hedge is not _HEDGE_EXACT else figure)
            continue
        joined = between.strip().lower()
        opened = _BETWEEN_BEFORE.search(text, max(0, last.start - 12), last.start)
        from_ = _FROM_BEFORE.search(text, max(0, last.start - 6), last.start)
        if (last.kind is _KIND_MEASURE and figure.kind is _KIND_MEASURE and last.unit == figure.unit
                and last.hedge is figure.hedge is _HEDGE_EXACT and last.interval.high < figure.interval.low
                and (opened if joined == "and" else joined != "to" or not from_
                     or _RANGED_FROM_BEFORE.search(text, max(0, last.start - 24), last.start))):
            start = opened.start() if opened else last.start
            out[-1] = Figure(start, figure.end, text[start:figure.end], _KIND_MEASURE,
                             Interval(last.interval.low, figure.interval.high), last.value, _HEDGE_RANGE,
                             unit=last.unit)
            continue
        if joined == "to" and from_ and figure.kind is _KIND_COUNT and figure.hedge is _HEDGE_EXACT and (
                last.kind in (_KIND_MEASURE, _KIND_MONEY, _KIND_PERCENT, _KIND_POINTS)):
            figure = _in_the_unit_of(figure, last)
        out.append(figure)
    return out


def _converted(text: str, last: Figure, figure: Figure) -> Figure:
    """`figure` with the hedge of `last` when it converts it ("about 20 km (12.4 miles)")."""
    if _converts(last, figure) and _restates(text, last, figure):
        return _as_conversion(figure, last)
    return figure


_RANGE_BETWEEN = re.compile(r"\s*(?:-|–|to|and)\s*", re.IGNORECASE)
_COMPOUND_BETWEEN = re.compile(r",?\s*(?:and\s+)?", re.IGNORECASE)


def _is_age(text: str, start: int, core_start: int, end: int, limit: int, hedge: Hedge) -> bool:
    """Whether the count at text[core_start:end] (its hedge from `start`) is a person's age: "Abdelhak
    El Amrani, 33, told AFP", "a woman (27)", "aged 15", "those over 60", "the 15-49 age bracket"."""
    before = text[max(0, start - 40):start].rstrip()
    if not before or not text[core_start].isdigit():
        return False
    sign = before[-1]
    if sign == ",":  # a name, then the age between commas
        name = _NAME_COMMA_BEFORE.search(before)
        return name is not None and _COMMA_AFTER.match(text, end, limit) is not None and not (
            is_country(name.group(1)) or _is_month(name.group(1)) or name.group(1).lower() in _WEEKDAYS)
    if sign == "(":  # "a woman (27)"
        return text.startswith(")", end) and _PERSON_PAREN_BEFORE.search(before) is not None
    word = before.rsplit(None, 1)[-1].lower()
    if word in ("aged", "age", "ages"):
        return True
    if hedge is not _HEDGE_EXACT and word in _AGE_GROUPS and text[start:core_start].strip().lower() in (
            "over", "under", "above", "below"):
        return True  # "those over 60", "children under 5"
    return text.startswith(" age ", end) and _AGE_NOUN_AFTER.match(text, end, limit) is not None


_NAME_COMMA_BEFORE = re.compile(r"(?<![\w'’])([A-Z][\w.'’-]*),$")
_COMMA_AFTER = re.compile(r"\s*[,)]")
_PERSON_PAREN_BEFORE = re.compile(
    r"\b(?:woman|man|boy|girl|mother|father|son|daughter|wife|husband|child|teenager|baby|brother|sister"
    r"|victim|suspect|driver|resident|pensioner|grandmother|grandfather)\s*\($", re.IGNORECASE)
_AGE_GROUPS = frozenset("""those people anyone everyone adults children kids residents patients women
    men voters aged persons individuals""".split())
_AGE_NOUN_AFTER = re.compile(r"\s+age\s+(?:bracket|group|range|band)", re.IGNORECASE)
_AGED_BEFORE = re.compile(r"\b(?:aged|ages?)\s+$", re.IGNORECASE)


def _in_the_unit_of(figure: Figure, of: Figure) -> Figure:
    """A bare number read in the unit of the figure before it ("from 68 kilometers to 568")."""
    x = figure.value
    if of.kind is _KIND_MEASURE:
        unit = family_of(of.unit)
        x = unit.to_base(x)
        return Figure(figure.start, figure.end, figure.text, _KIND_MEASURE, Interval(x, x), x, figure.hedge,
                      unit=of.unit, slack=half_a_digit(figure.text) * unit.factor)
    return Figure(figure.start, figure.end, figure.text, of.kind, Interval(x, x), x, figure.hedge, of.currency)


def _framed(text: str, figures: list[Figure], framing: Framing) -> list[Figure]:
    """The figures, each as its sentence frames it (a level or a change; reported, estimated or
    projected: framing.py). A restatement ("rose $2.16, or 2 percent", "0.4 percent (11 cents)")
    is a change when what it restates is one; a conversion into another unit of the family
    ("about 20 km (12.4 miles)") takes the hedge and the modality of the figure it converts."""
    framed = framing.frame([(f.start, f.end, f.hedge is _HEDGE_ABOUT, f.kind is _KIND_MULTIPLIER) for f in figures])
    out: list[Figure] = []
    last: Figure | None = None
    for figure, (change, modality) in zip(figures, framed):
        if figure.kind is _KIND_MULTIPLIER:
            change = change or figure.text.lower().endswith(_MULTIPLYING)  # "doubled", not "twice" or "13 times"
        elif figure.kind in (_KIND_PERCENT, _KIND_POINTS) and (figure.value < 0 or "+" in figure.text):
            change = True  # "-3.8%", "+0.2 points"
        if last is not None and _restates(text, last, figure):
            change = change or last.change
            if _converts(last, figure):
                modality = last.modality
        figure = Figure(figure.start, figure.end, figure.text, figure.kind, figure.interval, figure.value,
                        figure.hedge, figure.currency, figure.rate, figure.unit, figure.slack, change, modality)
        out.append(figure)
        last = figure
    return out


def _restates(text: str, first: Figure, second: Figure) -> bool:
    """Whether `second` follows `first` in a parenthesis or after "or": "rose $2.16, or 2 percent",
    "about 20 km (12.4 miles)"."""
    return second.start - first.end < 24 and (m := _RESTATED.match(text, first.end, second.start)) is not None and (
        m.end() == second.start)


_MULTIPLYING = tuple(word for word in _MULTIPLIER_WORDS if word.endswith(("ed", "ing")))
_RESTATED = re.compile(r"(?:\s+[^\W\d]+)?\s*(?:\(\s*|,?\s+or\s+)")  # "504 points, or 1%"


def _converts(first: Figure, second: Figure) -> bool:
    """Whether `second` restates `first` in another unit of its family: "6 kilometers (3.7
    miles)", "10 euros, or $11"."""
    if first.kind is not second.kind or first.kind not in (_KIND_MONEY, _KIND_MEASURE):
        return False
    if (first.currency, first.unit) == (second.currency, second.unit):
        return False
    return first.kind is _KIND_MONEY or family_of(first.unit).family == family_of(second.unit).family


def _as_conversion(figure: Figure, of: Figure) -> Figure:
    """`figure` with the hedge of the figure it converts: "about 20 km (12.4 miles)"."""
    if figure.hedge is not _HEDGE_EXACT or of.hedge is _HEDGE_EXACT or figure.interval.low != figure.interval.high:
        return figure
    x = figure.interval.low
    if of.hedge is _HEDGE_ABOUT and figure.kind is _KIND_MEASURE and (about := family_of(figure.unit).about):
        interval = Interval(x - figure.slack * about, x + figure.slack * about)  # "about 40C (104F)": 103 to 105F
    else:
        interval = _hedged(x, of.hedge)
    return replace(figure, hedge=of.hedge, slack=0.0, interval=interval)


def _may_not_be_plain(text: str, after: int, end: int) -> bool:
    return after + 1 < end and text[after] in _MARKS_AFTER_NUMBER and (
        text[after + 1].isdecimal() or text[after + 1] in _INVISIBLE)


def currency_marks(code: str) -> list[str]:
    """Every way the grammar reads `code` in a text: 'USD' -> '$', 'US$', 'USD', 'dollars', ..."""
    marks = [k for k, v in _CURRENCY_PREFIX.items() if v == code]
    marks += [w for w, v in _CURRENCY_WORDS.items() if v == code]
    marks += [c for c in _CURRENCY_CODES if c == code or (c == "RMB" and code == "CNY")]
    return marks


def read_quantity(text: str) -> Figure:
    """The single figure a rule's `quantity` states; a bare number may be any value (even 2025)."""
    stripped = text.strip()
    figures = read_figures(stripped)
    if not figures and re.fullmatch(_DIGITS, stripped):
        value = _to_float(stripped)
        return Figure(0, len(stripped), stripped, _KIND_COUNT, Interval(value, value), value)
    if len(figures) != 1:
        found = "no figure" if not figures else f"{len(figures)} figures"
        raise QuantityError(
            f"cannot read quantity {text!r}: found {found} "
            "(expected one figure, such as '75', 'more than 1,000', 'US$40 billion' "
            "or 'three days')"
        )
    return figures[0]


# ---------------------------------------------------------------------------------------------
# Readers for each kind of match
# ---------------------------------------------------------------------------------------------


def _to_float(digits: str) -> float:
    if "," in digits:
        return float(digits.replace(",", ""))  # (no power of ten is written after groups)
    try:
        return float(digits)  # "75", "7.7", "1e6"
    except ValueError:
        pass
    if (times := _POWER_OF_TEN.search(digits)) is not None:  # "1.99×10−30"
        return float(digits[:times.start()]) * 10.0 ** int(times.group(1).replace("−", "-"))
    return float(digits.replace("−", "-"))  # "1e−6"


_POWER_OF_TEN = re.compile(r"\s?[×x]\s?10(?:\^|\*\*)?([-−]?\d+)")
_EXPONENT = re.compile(r"[eE]([-+−]?\d+)$")


def _prefix_currency(raw: str | None) -> str:
    if not raw:
        return ""
    key = raw.strip().lower().replace("u.s.", "us").replace(" ", "").rstrip(".")
    if key.upper() in _CURRENCY_CODES:
        return "CNY" if key.upper() == "RMB" else key.upper()
    return _CURRENCY_PREFIX.get(key, "")


def _is_inside_name(text: str, start: int) -> bool:
    """A number glued to letters (G20, COVID-19, A320) or after a code word (Route 5, No. 12)."""
    if start > 0:
        before = text[start - 1]
        if before.isalpha() or (before in "_/\\@#" and not (before == "/" and (
                text[start] in "$€£¥" or _UNIT_SLASH_BEFORE.search(text, max(0, start - 12), start)))):
            return True  # (but "$7/$9" are two sums, "100MW/129MWh" two measures)
        if before in "-‐" and start > 1 and text[start - 2].isalpha() and not text[max(0, start - 10):start - 1].lower(
        ).endswith((" sub", "magnitude")):
            return True  # (but "sub-7 nanometre" is less than 7, "magnitude-6.6" a magnitude)
    # _WORD_BEFORE searched from the last space in the 24 characters before `start` on: no match
    # can begin before it, and trying those positions one by one is most of the cost.
    window_start = max(0, start - 24)
    head = text[window_start:start].rstrip().rsplit(None, 1)
    if len(head) == 2:
        if head[1].isalpha() and "a" <= head[1][0] <= "z":
            return head[1].lower() in _CODE_WORDS  # the word _WORD_BEFORE finds: "arrested 75"
        window_start += len(head[0])
    before = _WORD_BEFORE.search(text, window_start, start)
    if not before:
        return False
    if before.group("sign"):
        return True
    word = before.group("word")
    key = word.lower().rstrip(".")
    if key in _CODE_WORDS:
        return True
    if word.endswith(("'s", "’s", "s'")) or _NAMED_PLURAL.search(text, max(0, start - 40), start):
        return False  # "Black Saturday's 173", "the Conservatives 121": a count of theirs
    # A capitalised word that is not a function word names something: "Boeing 737", "Route 5";
    # but a country or a people heads a count in a list: "Indonesia 271; Viet Nam 213".
    return bool(before.group("space")) and word[0].isupper() and not (
        key in _FUNCTION_WORDS or key in _HEDGE_BY_WORDS or _is_month(word) or key in _WEEKDAYS
        or is_country(word) or is_demonym(word) or _VIET_NAM.search(text, max(0, start - 12), start)
    )


def _is_month(word: str) -> bool:
    return word in _MONTH_WORDS


def _is_list_marker(text: str, end: int) -> bool:
    """Whether ". " or ") " follows the number that ends at `end`, as after a list item's."""
    return text.startswith((".", ")"), end) and text[end + 1:end + 2].isspace()


def _hedge_before(text: str, start: int) -> tuple[Hedge, int]:
    """The hedge that ends right before `start`, and where it begins: of those whose words end
    the 24 characters before `start`, apart by spaces, the first word not right after a word
    character or "$", the one that begins first ("no more than", not "more than")."""
    window_start = max(0, start - 24)
    # str methods are C scans (the text is folded: lower() gives the letters that re.IGNORECASE
    # matches, and keeps which characters are word characters)
    window = text[window_start:start].rstrip().lower()
    tail = window[window.rfind(" ") + 1:]
    if tail not in _HEDGE_ENDING_WORDS and (tail.isalnum() or not window.endswith(_HEDGE_ENDINGS)):
        return _HEDGE_EXACT, start  # most numbers: the word before them ends no hedge
    # The last words of the window; the first of them holds the rest ("a b c d e": "a b", "c", ...).
    words = window.rsplit(None, _HEDGE_MOST_WORDS - 1)
    last = words[-1]
    found = len(window)  # where the hedge found so far begins, in the window
    found_words = ""
    candidates = _HEDGES_BY_LAST_WORDS.get((last,), [])
    if len(words) > 1:
        penult = words[-2]
        if not penult.isalnum():  # "(no more than", '"more than': the word after the last sign
            at = len(penult)
            while at and penult[at - 1].isalnum():
                at -= 1
            penult = penult[at:]
        if more := _HEDGES_BY_LAST_WORDS.get((penult, last)):
            candidates = candidates + more
    for before, hedge_words in candidates:
        count = len(before) + 1
        if count > len(words) or (count > 1 and words[1 - count:-1] != before[1:]):
            continue
        first = before[0] if before else last
        head = words[-count]
        if len(head) > len(first):  # "(no more than": the first word ends a longer one
            if not head.endswith(first) or _is_word_char(head[-len(first) - 1]):
                continue
        # else the whole word: after a space, or at the window's start after what precedes it
        elif head != first or (
            count == len(words) and window_start and not window[0].isspace()
            and _is_word_char(text[window_start - 1])
        ):
            continue
        begins = len(window.rsplit(None, count - 1)[0]) - len(first)
        if begins < found:
            found, found_words = begins, hedge_words
    if not last.isalnum():
        # "(about", "(~": a one-word hedge right after a sign inside the last word
        for at in range(1, len(last)):
            tail = last[at:]
            if tail in _HEDGE_BY_WORDS and not _is_word_char(last[at - 1]):
                begins = len(window) - len(tail)
                if begins < found:
                    found, found_words = begins, tail
                break
    if not found_words:
        return _HEDGE_EXACT, start
    if found_words == "up to" and text[max(0, window_start + found - 12):window_start + found].lower().split()[-1:] in (
            [w] for w in _MOVED):
        return _HEDGE_EXACT, start  # "the dollar bounced up to 84.52 yen": where it went, not a bound
    return _HEDGE_BY_WORDS[found_words], window_start + found


_MOVED = frozenset("""went go goes gone going bounced rose risen jumped climbed moved shot edged crept ticked
    surged came come comes pushed revised""".split())


def _is_word_char(char: str) -> bool:
    """Whether `char` is a word character (as regular expressions read one) or "$": no hedge
    begins right after one ("passed", not "surpassed")."""
    return char.isalnum() or char in "_$"


def _read_digits(text: str, m: re.Match[str], limit: int) -> Figure | None:
    start = m.start()
    sign = m.group("sign") or m.group("csign")
    if sign == "-" and m.group("sign") and _BULLET_BEFORE.search(text, max(0, start - 8), start):
        sign, start = None, start + 1  # "- 5 people": a list's dash, not a sign
    # (the dash of "3-1" is one of the two characters before the second number: two `in` tests
    # are quicker than searching for the pattern at three positions)
    if (_is_inside_name(text, start) and not (
        text[start - 1:start].isspace() and (m.group("cur") or _PERCENT_AFTER.match(text, m.end(), limit))
    )) or (
        ("-" in (dash := text[max(0, start - 2):start]) or "–" in dash)
        and _NUMBER_HYPHEN_BEFORE.search(text, max(0, start - 3), start)
    ):
        return None  # a code ("sector 7"; but a sum or a share is none: "Save $303.63", "sector 0.68 percent
        # lower"), or the second half of "3-1" or "2024-25"
    if _is_list_marker(text, m.end("digits")) and _LINE_START.search(
        text, max(0, start - 8), start
    ):
        return None  # "3. The detained persons ...": the number of a list item
    digits = m.group("digits")
    end = m.end()
    if start and text[start - 1] in "'’" and len(digits) == 2 and (start < 2 or text[start - 2] in " -–("):
        return None  # "2017-'18", "in '19": a year
    # Glued letters that are not a scale or unit: 5G, 3D, 4x4, 10am are not figures.
    if text[end:end + 1].isalpha() and not (
        _SCALE_AFTER.match(text, end, limit) or _PERCENT_AFTER.match(text, end, limit)
        or unit_after(text, end, limit) or _SUBUNIT_AFTER.match(text, end, limit)
        or _GLUED_TIME.match(text, end, limit)
    ):
        return None
    if follows_is := _follower(text, end, limit):
        if follows_is in _CLOCK_ZONES or follows_is == "=":
            return None  # "at 2345 GMT" is a time; "$1 = 34.46 baht" the base of a rate
    if text[start - 4:start] == "per " and (start == 4 or not text[start - 5].isalnum()):
        return None  # "$3.53 per 1,000 cubic feet", "deaths per 100,000 people": the base of a rate
    value = _to_float(digits)
    if sign and sign[0] in "-−mM":
        value = -value  # "-1.3%", "minus 130 degrees", "$-50.8bn"
    follows = follows_is
    scale, plus = 1.0, False
    if follows in _SCALE_HEADS:
        scale, scaled_end = _scale_at(text, end, limit)
        if scaled_end != end:
            end, follows = scaled_end, _follower(text, scaled_end, limit)
    elif follows == "+" and (scaled := _scale_at(text, end + 1, limit))[1] != end + 1:
        (scale, end), plus = scaled, True  # "$6.3+ billion"
        follows = _follower(text, end, limit)
    currency = _prefix_currency(m.group("cur"))
    if text[start - 1:start] == "-" and text[max(0, start - 4):start].lower() == "sub-":
        hedge, hedge_start = _HEDGE_LESS_THAN, start - 4  # "sub-7 nanometre"
    else:
        hedge, hedge_start = _hedge_before(text, start)
    if plus and hedge is _HEDGE_EXACT:
        hedge = _HEDGE_MORE_THAN
    high: float | None = None
    if follows not in _RANGE_HEADS or sign:
        range_m = None
    else:  # only a range reads `between`: not looked for before other figures
        between = hedge_start == start and _BETWEEN_BEFORE.search(text, max(0, start - 12), start)
        if not between and _FROM_BEFORE.search(text, max(0, hedge_start - 6), hedge_start) and not (
                _RANGED_FROM_BEFORE.search(text, max(0, hedge_start - 24), hedge_start)):
            range_m = None  # "from 200 to 300" is a change: two figures ("ranged from 52% to 67%" is one)
        else:
            range_m = _is_range_form(_RANGE_AFTER.match(text, end, limit), between)
            if range_m and range_m.group("sep") and range_m.group("sep").lower() == "to" and (
                    currency or range_m.group("pct") or scale != 1.0) and (
                    changed_before(text[max(0, hedge_start - 60):hedge_start].lower().split())):
                range_m = None  # "rose by $43.6 billion to $419.2 billion": a change, then a level
                # (but "grow 2.8 to 3.3 per cent" is a range of growth)
    if range_m:
        second = range_m.group("digits")
        if _is_year_like(digits) and (_is_year_like(second) or (range_m.group("cur") and not currency) or (
                _YEAR_BEFORE.search(text, max(0, start - 8), start))):
            return None  # "2020-2025" is a span of years; "in 2019 to Rs 46,617 crore", "of 2024 to 61.68" a year
        if _CLOCK_AFTER.match(text, range_m.end(), limit):
            return None  # "between 5 and 6 pm" are times
        if not between and range_m.group("sep").lower() != "to" and (
            _to_float(second) <= value or _SCORE_BEFORE.search(text, max(0, start - 12), start)
            or _word_in(_SCORE_AFTER.match(text, range_m.end(), limit), _SCORE_AFTER_WORDS)
        ):
            return None  # "won 3-1", "a 2-0 win", "the 2024-25 season"
        second_currency = _prefix_currency(range_m.group("cur"))
        ends = _range_ends(text, range_m, limit, value, scale)
        if ends and (not currency or not second_currency or currency == second_currency):
            value, scale, high, end = ends
            follows = None  # not known at the new end
            currency = currency or second_currency
            if between:
                hedge, hedge_start = _HEDGE_RANGE, between.start()
            elif hedge is _HEDGE_EXACT:
                hedge = _HEDGE_RANGE
    # Years: a bare four-digit number is a year unless something makes it a quantity ("from 1,000
    # to 2000 hires": the end of a series that does not start at a year).
    plain_year = scale == 1.0 and high is None and not currency and not sign and _is_year_like(digits) and not (
        (ft := _FROM_TO_BEFORE.search(text, max(0, start - 40), start)) and not _is_year_like(ft.group(1)))
    return _finish(text, start, hedge_start, end, limit, value * scale, high, hedge, currency,
                   plain_year=plain_year, follows=follows)


def _is_range_form(range_m: re.Match[str] | None, between: object) -> re.Match[str] | None:
    """`range_m` if its form fits what comes before: "and" after "between" ("between 5 and 7"),
    the other forms otherwise ("5-7", "5 to 7"; "between 5 to 7" is no range, but "between 5-6%"
    is one)."""
    if range_m is None or (range_m.group("and") and not between):
        return None
    if between and not range_m.group("and") and range_m.group("sep") not in ("-", "–"):
        return None
    return range_m


def _scale_at(text: str, pos: int, limit: int) -> tuple[float, int]:
    """The scale written right after a number ("million", "bn", "m") and where it ends."""
    m = _SCALE_AFTER.match(text, pos, limit)
    if not m:
        return 1.0, pos
    if words := m.group("word"):
        return math.prod(_SCALE_AFTER_WORDS[w] for w in words.lower().split()), m.end()
    abbr = m.group("abbr")
    if len(abbr) == 1 and m.group("space") and not (abbr in "BM" and _LOWER_WORD_AFTER.match(text, m.end(), limit)):
        return 1.0, pos  # a lone m/b/k scales when glued to the digits ("2.5m", "10k"), or "8 B people"
    return _SCALE_ABBREV[abbr.lower()], m.end()


def _range_ends(
    text: str, range_m: re.Match[str], limit: int, value: float, scale: float
) -> tuple[float, float, float, int] | None:
    """(low, its scale, high, end) of "30-40 billion" or "10% to 20%", or None if no range."""
    second = _to_float(range_m.group("digits"))
    second_scale, end = _scale_at(text, range_m.end(), limit)
    if range_m.group("pct") and (
            not (pm := _PERCENT_AFTER.match(text, end, limit)) or bool(pm.group("points")) != bool(range_m.group("points"))):
        return None  # "10% to 20 people", "4.2 percentage points to 76.2 per cent"
    if scale == 1.0 and value < second:
        scale = second_scale  # "$30-40 billion": the scale is shared
    if value * scale >= second * second_scale:
        return None
    return value, scale, second * second_scale, end


def _is_year_like(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2100


def _read_words(text: str, m: re.Match[str], limit: int) -> Figure | None:
    raw = m.group("words")
    start = m.start()
    value = _words_value(raw)
    if value is None and (pair := _two_numbers(raw)) and _BETWEEN_BEFORE.search(
        text, max(0, start - 12), start
    ):
        # "between two hundred and fifty and three hundred": the scan took both as one
        low, high, at = pair
        scale = _trailing_scale(raw[at:])
        if scale > 1 and _trailing_scale(raw[:at]) == 1 and low * scale < high:
            low *= scale  # "between two and three million"
        between = _BETWEEN_BEFORE.search(text, max(0, start - 12), start)
        return _finish(text, start, between.start(), start + len(raw), limit, low, high,
                       _HEDGE_RANGE, "")
    if value is None:
        # Not one number ("five six"): read the first word alone and go on from there.
        raw = _FIRST_WORD.match(raw).group(0)
        value = _words_value(raw)
        if value is None:
            return None
    end = start + len(raw)
    if raw.lower() in _SCALE_WORDS:
        return None  # a bare "hundred" or "million" is not a figure
    if text[end:end + 1] in "-‐" and _word_in(_ORDINAL_AFTER.match(text, end, limit), _FIXED_TERMS):
        return None  # "a two-party system", "a one-off payment": a term, not a count
    if _word_in(_FRACTION_AFTER.match(text, end, limit), _FRACTION_AFTER_WORDS) or _word_in(
        _ORDINAL_AFTER.match(text, end, limit), _ORDINAL_AFTER_WORDS
    ):
        return None  # "two-thirds", "three quarters", "twenty-first"
    if start > 1 and text[start - 1] in "-‐" and text[start - 2].isalpha():
        return None  # "COVID-nineteen" is a name
    hedge, hedge_start = _hedge_before(text, start)
    high = None
    between = hedge_start == start and _BETWEEN_BEFORE.search(text, max(0, start - 12), start)
    range_m = _is_range_form(_WORDS_RANGE_SEP.match(text, end, limit), between)
    second_m = _words_at(text, range_m.end(), limit) if range_m else None
    second = _words_value(second_m.group("words")) if second_m else None
    if second is not None and second > value and (
        between or range_m.group("sep") != "-" or second < 100
    ):
        high, end = second, second_m.end()
        scale = _trailing_scale(second_m.group("words"))
        if scale > 1 and _trailing_scale(raw) == 1 and value * scale < second:
            value *= scale  # "four to five thousand": the low end borrows the scale
        if between:
            hedge, hedge_start = _HEDGE_RANGE, between.start()
        elif hedge is _HEDGE_EXACT:
            hedge = _HEDGE_RANGE
    if raw.lower() == "one" and high is None and (
        _word_in(_ONE_PRONOUN_AFTER.match(text, end, limit), _ONE_PRONOUN_AFTER_WORDS)
        or _word_in(_ONE_PRONOUN_BEFORE.search(text, max(0, start - 12), start),
                    _ONE_PRONOUN_BEFORE_WORDS)
    ):
        return None  # "no one", "one of the", "the one that"
    return _finish(text, start, hedge_start, end, limit, value, high, hedge, "")


def _words_at(text: str, pos: int, limit: int) -> re.Match[str] | None:
    """Number words (_WORDS, then a word boundary) at `pos`, right after what parts a range,
    as a match's "words" group. _SCAN reads them there, unless the part is glued to them
    ("tofive": no word boundary before) or _SCAN reads an e-mail address or a ratio ("one in
    five") first; only then a pattern of their own is compiled (~9M instructions, once; at
    start-up it would be paid before the worker processes fork)."""
    m = _SCAN.match(text, pos, limit)
    if m is not None and m.lastgroup == "words":
        return m
    if (m is not None and m.lastgroup == "skip") or text[pos - 1].isalpha():  # "to", "or" glued
        return _words_pattern().match(text, pos, limit)
    return None  # nothing else _SCAN reads (a date, a sum, "hundreds") begins with number words


@functools.cache
def _words_pattern() -> re.Pattern[str]:
    """_WORDS on its own, compiled when first needed (see _words_at)."""
    return re.compile(r"(?P<words>" + _WORDS + r")\b", re.IGNORECASE)


_FIRST_WORD = re.compile(r"\w+")


def _trailing_scale(words: str) -> float:
    """The scale the last words of a number in words give: "five hundred thousand" -> 1e5."""
    scale = 1.0
    for word in reversed(words.lower().split()):
        if word not in _SCALE_WORDS:
            break
        scale *= _SCALE_WORDS[word]
    return scale
_AND = re.compile(r"\s+and\s+")
_HYPHEN = re.compile(r"\s*-\s*")
_A_FIRST = re.compile(r"^an?\s")


def _two_numbers(raw: str) -> tuple[float, float, int] | None:
    """Split 'two hundred and fifty and three hundred' at the 'and' that parts two numbers."""
    for m in reversed(list(_AND.finditer(raw))):
        low, high = _words_value(raw[:m.start()]), _words_value(raw[m.end():])
        if low is not None and high is not None and high > low:
            return low, high, m.start()
    return None


@functools.lru_cache(maxsize=4096)
def _words_value(raw: str) -> float | None:
    """The number that words such as "two hundred and seventy-one" state (they recur: cached)."""
    words = _HYPHEN.sub("-", " ".join(raw.lower().split()))
    factor = 1.0
    if words.startswith("half "):
        factor, words = 0.5, words[len("half "):]  # "half a million"
    words = _A_FIRST.sub("one ", words)
    number, and_a_half, scale = words.partition(" and a half")
    if and_a_half:
        # "two and a half", "one and a half million"
        whole = _words_value(number)
        if whole is None:
            return None
        return (whole + 0.5) * (_SCALE_WORDS[scale.strip()] if scale else 1.0)
    if words.endswith("dozen"):
        words = words[: -len("dozen")].strip(" -")  # "two dozen", "two-dozen"
        factor *= 12.0
        if not words:
            return factor
    try:
        return float(text2num(words, "en")) * factor
    except ValueError:
        return None


def _read_vague(text: str, m: re.Match[str], limit: int) -> Figure | None:
    # "several hundred thousand" stands for the same amounts as "hundreds of thousands".
    scales = [w for w in m.group("vague").lower().split() if w not in _VAGUE_SKIPPED_WORDS]
    low, high = _VAGUE[" of ".join(w if w.endswith("s") else w + "s" for w in scales)]
    return _finish(text, m.start(), m.start(), m.end(), limit, low, None, _HEDGE_VAGUE, "",
                   vague=(low, high))


_VAGUE_SKIPPED_WORDS = frozenset(("several", "many", "a", "few", "of"))


# A span follows the start of the text, a sign or one of these words ("for a week"); searched
# in lower-cased text, the word looked up by _word_in (see _ONE_PRONOUN_AFTER).
_SPAN_LEAD = re.compile(r"(?:^|[,;:(]|\b(?P<word>\w+))\s*$")
_SPAN_LEAD_WORDS = frozenset(
    """for in within over during than of about around nearly almost took take takes lasted last
    lasts lasting spent spend after under to only just barely least most whole entire full past
    roughly approximately""".split()
)


def _word_in(m: re.Match[str] | None, words: frozenset[str]) -> bool:
    """Whether `m` is a match whose word, if it read one, is one of `words` (lower-cased; the
    text is folded, so lower() gives what re.IGNORECASE matches)."""
    if m is None:
        return False
    word = m.group("word")
    return word is None or word.lower() in words


def _read_a_unit(text: str, m: re.Match[str], limit: int) -> Figure | None:
    """'a week', 'half an hour', 'about a mile': a duration or a length, unless it is a rate or a
    point in time."""
    start = m.start()
    before = text[max(0, start - 16):start].lower()
    if before.strip() and not _word_in(_SPAN_LEAD.search(before), _SPAN_LEAD_WORDS):
        return None  # "twice a week", "$40bn a year", "1,000 people a year" are rates
    hedge, hedge_start = _hedge_before(text, start)
    value = 0.5 if m.group("half") else 1.0
    return _finish(text, start, hedge_start, m.end() - 1, limit, value, None, hedge, "",
                   require_unit=True)


def _read_couple(text: str, m: re.Match[str], limit: int) -> Figure | None:
    """'a couple of points' is one to three percentage points; 'a couple of hundred' no figure of
    its own; 'a couple of people', one to three."""
    points = _POINTS_AFTER.match(text, m.end(), limit) or _COUPLE_POINTS.match(text, m.end(), limit)
    if points is not None:
        return Figure(m.start(), points.end(), text[m.start():points.end()], _KIND_POINTS, Interval(1.0, 3.0), 2.0,
                      _HEDGE_VAGUE)
    if _words_at(text, m.end() + 1, limit) is not None:
        return None
    if (dm := _DURATION_AFTER.match(text, m.end(), limit)) and (unit := dm.group("tunit").lower()) in _TIME_UNITS:
        if _NOT_A_SPAN_AFTER.match(text, dm.end(), limit):
            return None  # "a couple of weeks ago"
        days = _days_in(unit)  # "a couple of days"
        return Figure(m.start(), dm.end(), text[m.start():dm.end()], _KIND_DURATION, Interval(days, 3 * days),
                      2 * days, _HEDGE_VAGUE)
    return Figure(m.start(), m.end(), m.group(), _KIND_COUNT, Interval(1.0, 3.0), 2.0, _HEDGE_VAGUE)


_COUPLE_POINTS = re.compile(r"\s+percentage\s+points\b", re.IGNORECASE)


def _days_in(unit: str) -> float:
    """Days in a unit of _TIME_UNITS as written, lower-cased: 'hrs' -> 1/24, 'weeks' -> 7."""
    unit = _TIME_ALIAS.get(unit, unit.rstrip("s") if unit != "days" else "day")
    return _DAYS_PER[_TIME_ALIAS.get(unit, unit)]


def _read_factor(text: str, m: re.Match[str], limit: int) -> Figure | None:
    """'almost double the 2012 figure', 'could double or triple': a factor, when a hedge stands
    before the word or a determiner after it ("a double murder" is none)."""
    word = m.group("factor").lower()
    hedge, hedge_start = _hedge_before(text, m.start())
    after = _FACTOR_AFTER.match(text, m.end(), limit)
    if hedge is _HEDGE_EXACT and after is None:
        return None
    low = high = _FACTORS[word]
    end = m.end()
    if after is not None and after.group("or"):
        high, end = _FACTORS[after.group("or").lower()], after.end()
    if high < low:
        return None
    return _figure(text, hedge_start, end, _KIND_MULTIPLIER, low, high if high > low else None,
                   _HEDGE_RANGE if high > low else hedge, "", "", 1.0, None)


_FACTORS = {"double": 2, "triple": 3, "treble": 3, "quadruple": 4}
_FACTOR_AFTER = re.compile(
    r"\s+(?:or\s+(?P<or>double|triple|treble|quadruple)\b|(?:the|its|their|that|this|his|her|what|from|since|in|by)\b)",
    re.IGNORECASE)


def _read_fraction(text: str, m: re.Match[str]) -> Figure | None:
    """'two-thirds', 'a quarter', 'half of', 'one in four': a share between 0 and 1."""
    if m.group("halfof"):
        if _PART_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return None  # "the first half of 2024" is a time
        share = 0.5
    elif m.group("fden"):
        share = _SMALL[m.group("fnum").lower()] / _FRACTION_WORDS[m.group("fden").lower()]
    else:
        top, bottom = (_SMALL.get(g.lower()) or (int(g) if g.isdigit() else 0)
                       for g in (m.group("inn"), m.group("ind")))
        if not bottom or top >= bottom:
            return None
        share = top / bottom
    hedge, hedge_start = _hedge_before(text, m.start())
    return _figure(text, hedge_start, m.end(), _KIND_FRACTION, share, None, hedge, "", "", 1.0, None)


def _date_of(m: re.Match[str], p: str) -> date | None:
    month = m.group(f"{p}m1") or m.group(f"{p}m2")
    day = m.group(f"{p}d1") or m.group(f"{p}d2")
    try:
        return date(2001, _MONTHS[month[:3].lower()], int(day))
    except (ValueError, KeyError):
        return None


def _read_date_range(text: str, m: re.Match[str]) -> Figure | None:
    """'from June 27 to July 22': a span of days, counted inclusively."""
    if not m.group("from"):
        return None
    first, last = _date_of(m, "a"), _date_of(m, "b")
    if first is None or last is None:
        return None
    days = (last - first).days
    if days < 0:
        days += 365
    days += 1
    return Figure(m.start(), m.end(), m.group(0), _KIND_DURATION, Interval(days, days), days)


def _read_day_range(text: str, m: re.Match[str]) -> Figure | None:
    """'from 14 to 16 July', 'from July 14 to 16': days of one month, counted inclusively."""
    first = int(m.group("dd1") or m.group("dd3"))
    last = int(m.group("dd2") or m.group("dd4"))
    if not 1 <= first < last <= 31:
        return None
    days = float(last - first + 1)
    return Figure(m.start(), m.end(), m.group(0), _KIND_DURATION, Interval(days, days), days)


def _read_weekday_range(text: str, m: re.Match[str]) -> Figure | None:
    """'between Monday and Wednesday': three days, counted inclusively."""
    first = _WEEKDAYS.index((m.group("w1") or m.group("w3")).lower())
    last = _WEEKDAYS.index(m.group("w2").lower())
    days = float((last - first) % 7 + 1)
    return Figure(m.start(), m.end(), m.group(0), _KIND_DURATION, Interval(days, days), days)


# ---------------------------------------------------------------------------------------------
# The shared tail: what follows a number decides its kind.
# ---------------------------------------------------------------------------------------------


def _finish(
    text: str,
    core_start: int,
    start: int,
    end: int,
    limit: int,
    value: float,
    high_value: float | None,
    hedge: Hedge,
    currency: str,
    *,
    vague: tuple[float, float] | None = None,
    plain_year: bool = False,
    require_unit: bool = False,
    follows: str | None = None,
) -> Figure | None:
    """The figure whose number ends at `end`, with what follows it; `follows` is
    `_follower(text, end, limit)` when the caller knows it already."""
    if not math.isfinite(value) or not math.isfinite(high_value or 0.0):
        return None  # "1,000,000,...,000" hundreds of digits long is not a quantity
    kind = _KIND_MONEY if currency else _KIND_COUNT
    factor = 1.0
    number_end = end
    if follows is None:
        follows = _follower(text, end, limit)
    if kind is _KIND_COUNT and follows:
        if follows in _PERCENT_HEADS and (pm := _PERCENT_AFTER.match(text, end, limit)) and (
            vague is None
        ):
            kind, end = _KIND_PERCENT, pm.end()
            if pm.group("points"):
                kind = _KIND_POINTS
            elif pm.group("basis"):
                kind, factor = _KIND_POINTS, 0.01
        elif follows in _POINT_HEADS and vague is None and (pm := _POINTS_AFTER.match(text, end, limit)) and (
                _SHARE_WORDS.search(text, max(0, start - 100), min(limit, pm.end() + 60))) and not (
                _INDEX_WORDS.search(text, max(0, start - 100), start)):
            kind, end = _KIND_POINTS, pm.end()  # "a four-point drop in its share": percentage points
        elif (follows in _SUBUNITS or follows == "us" or follows == "u") and (sm := _SUBUNIT_AFTER.match(text, end, limit)):
            kind, end, factor = _KIND_MONEY, sm.end(), 0.01  # "25p" is £0.25
            currency = _SUBUNITS[(sm.group("glued") or sm.group("word")).lower()]
        elif follows in _CURRENCY_HEADS and (found := _currency_after(text, end, limit)):
            describes = _DESCRIPTOR_AFTER.match(text, end, limit)
            if describes and (vague or not text[core_start].isdigit()):
                return None  # "a billion-dollar industry" describes, it does not count
            code, word, currency_end = found
            currency = code.upper() if code else _CURRENCY_WORDS[" ".join(word.lower().split())]
            if word and word.lower() == "won" and vague is None and value < 1e3:
                currency = ""  # "3 won" is a verb more often than money
            else:
                kind, end = _KIND_MONEY, currency_end
        elif follows in _DURATION_HEADS and (dm := _DURATION_AFTER.match(text, end, limit)) and (
            dm.group("tunit").lower() in _TIME_UNITS and vague is None
        ):
            if (age := _AGE_AFTER.match(text, end, limit)) is not None:
                if age.group("unit").lower() != "year":
                    return None  # "a six-month-old": an age, not in years
                return _figure(text, start, age.end(), _KIND_AGE, value, high_value, hedge, "", "", 1.0, None)
            if dm.group("tunit").lower() in ("year", "years") and _AGED_BEFORE.search(text, max(0, start - 12), start):
                end = dm.end()  # "aged 16 years and older"
                if (hm := _HEDGE_AFTER.match(text, end, limit)) is not None and hedge is _HEDGE_EXACT:
                    hedge, end = _hedge_after(hm), hm.end()
                return _figure(text, start, end, _KIND_AGE, value, high_value, hedge, "", "", 1.0, None)
            if _NOT_A_SPAN_AFTER.match(text, dm.end(), limit):
                return None  # "three days ago", "more than 30 hours after the deadline": points in time
            factor = _days_in(dm.group("tunit").lower())
            kind, end = _KIND_DURATION, dm.end()
            if hedge is _HEDGE_MORE_THAN and _OVER.match(text, start, limit):
                hedge, start = _HEDGE_EXACT, core_start  # "over three days" = during three days
    if kind is _KIND_COUNT and vague is None and value <= 120 and _is_age(text, start, core_start, end, limit, hedge):
        if hedge is _HEDGE_EXACT and _follower(text, end, limit) in _HEDGE_AFTER_HEADS and (
                hm := _HEDGE_AFTER.match(text, end, limit)):
            hedge, end = _hedge_after(hm), hm.end()  # "aged 65 or older"
        return _figure(text, start, end, _KIND_AGE, value, high_value, hedge, "", "", 1.0, None)
    if kind is _KIND_COUNT and vague is None and (times := _TIMES_AFTER.match(text, end, limit)):
        return _figure(text, start, times.end(), _KIND_MULTIPLIER, value, high_value, hedge, "", "", 1.0, None)
    unit = ""
    if kind is _KIND_COUNT and vague is None:
        measured = unit_after(text, end, limit) or unit_before(text, start)
        if measured is not None:
            found, at = measured
            unit = found.written
            if at > end:
                end = at
            else:
                start = at
                if hedge is _HEDGE_EXACT:
                    hedge, start = _hedge_before(text, start)  # "around magnitude 7.7"
            kind = _KIND_MEASURE
            value, high_value, factor = found.to_base(value), None if high_value is None else found.to_base(
                high_value), 1.0
            if hedge is _HEDGE_EXACT and (within := _WITHIN_BEFORE.search(text, max(0, start - 8), start)):
                hedge, start = _HEDGE_UP_TO, within.start()  # "within 7.5 million kilometres"
            if high_value is None and _follower(text, end, limit) in _HEDGE_AFTER_HEADS and (
                    hm := _HEDGE_AFTER.match(text, end, limit)):
                hedge, end = _hedge_after(hm), hm.end()  # "1,340 degrees Fahrenheit or higher"
            if high_value is None and (hedge is _HEDGE_EXACT or (hedge is _HEDGE_ABOUT and found.about)):
                # a measure is as exact as it is written: "7.7" is 7.65 to 7.75, "16 km" 15.5 to 16.5;
                # "about" widens it by the family's rule ("about 40C" is 39 to 41)
                slack = half_a_digit(text[core_start:number_end]) * found.factor
                if hedge is _HEDGE_EXACT:
                    return _figure(text, start, end, kind, value, None, hedge, "", "", 1.0, None, unit, slack)
                figure = _figure(text, start, end, kind, value, None, _HEDGE_EXACT, "", "", 1.0, None, unit)
                width = slack * found.about
                return replace(figure, hedge=hedge, interval=Interval(value - width, value + width))
    if require_unit and kind is not _KIND_DURATION and kind is not _KIND_MEASURE:
        return None
    if plain_year and kind is _KIND_COUNT and hedge is _HEDGE_EXACT:
        return None
    if kind is _KIND_MONEY and currency == "":
        kind = _KIND_COUNT
    if end != number_end:
        follows = _follower(text, end, limit)
    if not follows:
        return _figure(text, start, end, kind, value, high_value, hedge, currency, "", factor, vague, unit)
    if hedge is _HEDGE_EXACT and vague is None and follows in _HEDGE_AFTER_HEADS and (
        hm := _HEDGE_AFTER.match(text, end, limit)
    ):
        hedge, end = _hedge_after(hm), hm.end()
        follows = _follower(text, end, limit)
    rate = ""
    if kind in (_KIND_MONEY, _KIND_COUNT) and follows in _RATE_HEADS and (
        rm := _RATE_AFTER.match(text, end, limit)
    ):
        per = rm.group("per") or rm.group("adv") or rm.group("slash")
        if per:
            rate = _RATE_NAMES.get(per.lower(), per.lower())
            if not rm.group("paren") and text[end:end + 1] != ")":
                end = rm.end()
        elif rm.group("adj"):
            rate = _RATE_NAMES[rm.group("adj").lower()]  # "in annual profits": not in the span
    return _figure(text, start, end, kind, value, high_value, hedge, currency, rate, factor, vague, unit)


def half_a_digit(number: str) -> float:
    """Half the last written digit's place: '7.7' -> 0.05, '16' -> 0.5, '1,200' -> 0.5,
    '1.99×10−30' -> 0.005e-30."""
    if (power := _POWER_OF_TEN.search(number) or _EXPONENT.search(number)) is not None:
        return half_a_digit(number[:power.start()]) * 10.0 ** int(power.group(1).replace("−", "-"))
    digits = "".join(c for c in number if c.isdigit() or c == ".")
    if "." in digits:
        places = len(digits.rsplit(".", 1)[1].rstrip("+"))
        return 0.5 * 10 ** -places
    return 0.5


def _currency_after(text: str, end: int, limit: int) -> tuple[str, str, int] | None:
    """The currency written right after a number ("USD", "- euros", "of dollars"): its code or
    its words as written (the other one ""), and where it ends. The text is folded, so lower()
    gives what re.IGNORECASE matches."""
    m = _CURRENCY_AFTER.match(text, end, limit)
    if m:
        if phrase := m.group("phrase"):
            return "", phrase, m.end()
        word = m.group("word")
        if word.lower() in _CURRENCY_CODES_LOWER:
            return word, "", m.end()
        if word.lower() in _CURRENCY_WORDS:
            return "", word, m.end()
    m = _OF_CURRENCY_AFTER.match(text, end, limit)
    if m and m.group("word").lower() in _OF_CURRENCY_WORDS:
        return "", m.group("word"), m.end()
    return None


def _figure(
    text: str,
    start: int,
    end: int,
    kind: Kind,
    value: float,
    high_value: float | None,
    hedge: Hedge,
    currency: str,
    rate: str,
    factor: float,
    vague: tuple[float, float] | None,
    unit: str = "",
    slack: float = 0.0,
) -> Figure:
    if vague is not None:
        low, high = vague
        interval = Interval(low * factor, high * factor, False, True)
        nominal = low
    elif hedge is _HEDGE_ABOUT and (kind is _KIND_PERCENT or kind is _KIND_POINTS):
        # "about 34%": a share rounded to the point; "some 20% to 85%": each end so
        interval = Interval(value * factor - 1, (value if high_value is None else high_value) * factor + 1)
        nominal = value
    else:
        interval = _interval(value * factor, None if high_value is None else high_value * factor,
                             hedge)
        nominal = value
    return Figure(start, end, text[start:end], kind, interval, nominal * factor, hedge, currency, rate, unit, slack)


def _hedge_after(m: re.Match[str]) -> Hedge:
    """The hedge that `_HEDGE_AFTER` found: "+", "-odd", "or more", ..."""
    if m.group("plus"):
        return _HEDGE_MORE_THAN
    if m.group("odd"):
        return _HEDGE_JUST_OVER
    return _HEDGE_AFTER_WORDS[" ".join(m.group("w").lower().split())]


def _interval(x: float, y: float | None, hedge: Hedge) -> Interval:
    if y is None:
        return _hedged(x, hedge)
    if hedge is _HEDGE_RANGE:
        return Interval(x, y)
    # A hedged range ("about 30-40", "up to 30-40"): the hedge moves each end outwards.
    low, high = _hedged(x, hedge), _hedged(y, hedge)
    return Interval(low.low, high.high, low.low_open, high.high_open)


def _hedged(x: float, hedge: Hedge) -> Interval:
    if hedge is _HEDGE_EXACT:
        return Interval(x, x)  # most figures: no case below to try first
    if x < 0:
        if hedge is _HEDGE_MORE_THAN or hedge is _HEDGE_AT_LEAST:  # "warmer than minus 50 degrees"
            return Interval(x, INF, hedge is _HEDGE_MORE_THAN, True)
        if hedge is _HEDGE_LESS_THAN or hedge is _HEDGE_UP_TO:  # "below -5C"
            return Interval(-INF, x, True, hedge is _HEDGE_LESS_THAN)
        iv = _hedged(-x, hedge)  # "nearly -3.8%", "about -2%": the hedge bounds the size of the fall
        return Interval(-iv.high, -iv.low, iv.high_open, iv.low_open)
    # An if-chain, not a match statement: a `case Hedge.MORE_THAN:` reads the member through
    # its class (see _KIND_COUNT)
    if hedge is _HEDGE_MORE_THAN:
        return Interval(x, INF, True, True)
    if hedge is _HEDGE_AT_LEAST:
        return Interval(x, INF, False, True)
    if hedge is _HEDGE_NEARLY:
        return Interval(0.9 * x, x, False, True)
    if hedge is _HEDGE_JUST_OVER:
        return Interval(x, 1.1 * x, True, False)
    if hedge is _HEDGE_ABOUT:
        return Interval(0.9 * x, 1.1 * x)
    if hedge is _HEDGE_UP_TO:
        return Interval(0.0, x)
    if hedge is _HEDGE_LESS_THAN:
        return Interval(0.0, x, False, True)
    return Interval(x, x)


# ---------------------------------------------------------------------------------------------
# Plain-words descriptions (for reasons shown to people)
# ---------------------------------------------------------------------------------------------


def format_number(x: float) -> str:
    """1000 -> '1,000'; 4e10 -> '40 billion'; inf -> 'inf'."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if abs(x) >= 1e15:
        return f"{x:.3g}"  # 10^100 as '1e+100', not a hundred digits of trillions
    for name, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(x) >= scale:
            return f"{_trim(x / scale)} {name}"
    return f"{x:,.2f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def _trim(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def describe_interval(
    interval: Interval, hedge: Hedge, kind: Kind, currency: str = "", rate: str = "", measure: str = ""
) -> str:
    low, high = interval.low, interval.high
    unit = ""
    if kind is _KIND_MONEY:
        unit = f" {currency}"
    elif kind is _KIND_PERCENT:
        unit = "%"
    elif kind is _KIND_POINTS:
        unit = " percentage points"
    elif kind is _KIND_MEASURE and (found := family_of(measure)) is not None:
        unit = f" {BY_NAME[found.family].base}"
    elif kind is _KIND_DURATION:
        unit = " days"
    if low == high:
        words = f"exactly {format_number(low)}{unit}"
    elif math.isinf(high):
        words = f"{'more than' if interval.low_open else 'at least'} {format_number(low)}{unit}"
    elif low == 0 and not interval.low_open:
        words = f"{'less than' if interval.high_open else 'at most'} {format_number(high)}{unit}"
    else:
        words = f"{format_number(low)} to {format_number(high)}{unit}"
        if interval.high_open:
            words = f"{format_number(low)} to under {format_number(high)}{unit}"
    if rate:
        words += f" a {rate}"
    return words
