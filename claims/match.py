"""Ranking passages for a claim and tying a report's figures to it.

A figure is tied to a claim when it counts the same thing (its noun, or "from <country>"), in
the same measure (arrested, not rescued), of a compatible kind (money in the same currency and
per the same period; a duration for a duration). Each tie records whether its scope is narrower
than the claim's (one city, one day, one raid): such a partial count speaks to the claim only
when it matches an exact claim exactly or already exceeds it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from .figures import Figure, Hedge, Interval, Kind, currency_marks, read_figures
from .lexicon import (
    NEUTRAL_MODIFIERS, PEOPLE, REPORTING, STOPWORDS, SUBNATIONAL, content_words, countries_in,
    is_country,
    alias_names, is_demonym, is_region, measure_pattern, measures_in, nearest_measures, same_word, stem, words,
)
from .reports import Report, Sentence
from .rules import Claim

WINDOW = 80  # characters either side of a figure that speak of its scope and measure


class Part(StrEnum):
    """How a figure's count stands to the others around it."""

    WHOLE = "whole"  # "1,000 people": a count in its own right
    OF_THEM = "of them"  # "45 of them women": part of the figure before, of the kind named
    OF_THE = "of the"  # "10 of the compounds": some of the things counted, never their number
    OTHER = "other"  # "13 other Taiwanese", "people of other nationalities": another group


@dataclass(frozen=True, slots=True)
class Mention:
    """A figure in its sentence, with what it counts."""

    figure: Figure
    index: int  # of its sentence in the report
    noun: tuple[str, ...]  # the words after the figure: ("scam", "centres"); () when bare
    origin: tuple[str, ...]  # places after "from": ("Taiwan",) or ("Vietnam", "China")
    part: Part = Part.WHOLE  # a part of another count, or another group




@dataclass(frozen=True, slots=True)
class Tie:
    """A figure read as a value of the claim's quantity."""

    mention: Mention
    interval: Interval  # what the figure says of the claim's quantity
    strength: float  # how surely the figure speaks of this claim (0..2)
    score: float  # rapidfuzz similarity of its sentence to the claim (0..100)
    partial: bool  # a narrower scope than the claim's
    counts: str  # what it counts, as read: "Taiwanese", "suspects from Taiwan"
    member: bool = False  # the figure counts a group the claim's unit belongs to


@dataclass(frozen=True, slots=True)
class Passage:
    index: int
    sentence: Sentence
    score: float


class Analysis:
    """A report read for matching: figures and their context, worked out sentence by sentence
    as the claims ask (a claim only looks at sentences holding one of its cue words)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.text = report.text
        self._starts = report.sentences.starts
        self._mentions: dict[int, list[Mention]] = {}
        self._antecedents: dict[int, int | None] = {}
        self._measures: dict[int, frozenset[str]] = {}
        self._countries: dict[int, frozenset[str]] = {}
        self._said: dict[tuple[int, str], bool] = {}

    def in_sentence(self, index: int) -> list[Mention]:
        """The figures of one sentence, with what each counts (read once, on first use)."""
        found = self._mentions.get(index)
        if found is None:
            sentence = self.report.sentences[index]
            found = []
            for figure in read_figures(self.text, sentence.start, sentence.end):
                if figure.end > sentence.end:
                    figure = _clip(figure, sentence.end, self.text)
                noun, origin, part = _counted(self.text, figure, sentence)
                found.append(Mention(figure, index, noun, origin, part))
            self._mentions[index] = found
        return found

    def lowered(self, size: int = 1 << 20) -> Iterator[tuple[int, str]]:
        """The text in lower case, a window of whole sentences at a time: (offset, window)."""
        sentences = self.report.sentences
        i = 0
        while i < len(sentences):
            j = bisect_right(self._starts, sentences[i].start + size, lo=i + 1)
            lo, hi = sentences[i].start, sentences[j - 1].end
            yield lo, self.text[lo:hi].lower()
            i = j

    def sentence_at(self, position: int) -> int | None:
        """The index of the sentence holding `position`, if any."""
        index = bisect_right(self._starts, position) - 1
        if index < 0 or position >= self.report.sentences[index].end:
            return None
        return index

    def sentence_text(self, index: int) -> str:
        s = self.report.sentences[index]
        return self.text[s.start:s.end]

    def says(self, index: int, pattern: re.Pattern[str]) -> bool:
        """Does the sentence, or the one it leans on ("They included ..."), match `pattern`?"""
        key = (index, pattern.pattern)
        if key not in self._said:
            s = self.report.sentences[index]
            found = pattern.search(self.text, s.start, s.end) is not None
            if not found and (_LEANS_BACK.match(self.text, s.start) or _BULLET.match(self.text, s.start)
                              or _TABLE_ROW.match(self.text, s.start)):
                ante = self.antecedent(index)
                found = ante is not None and self.says(ante, pattern)
            self._said[key] = found
        return self._said[key]

    def antecedent(self, index: int) -> int | None:
        """The earlier sentence a sentence leans on ("They included ...", "The 215 foreigners were")."""
        if index in self._antecedents:
            return self._antecedents[index]
        s = self.sentence_text(index)
        ante: int | None = None
        if index > 0 and _LEANS_BACK.match(s):
            ante = self._group_before(index)
        elif index > 0 and _TABLE_ROW.match(s):
            # a table row leans on the table's first row, its header ("| Nationality | Detained |")
            ante = index
            while ante > 0 and _TABLE_ROW.match(self.sentence_text(ante - 1)):
                ante -= 1
            ante = ante if ante != index else None
        elif index > 0 and _BULLET.match(s):
            ante = next((j for j in range(index - 1, -1, -1) if not _BULLET.match(self.sentence_text(j))), None)
        for m in self.in_sentence(index):
            if m.figure.kind is Kind.COUNT and _DEFINITE_BEFORE.search(
                self.text, max(0, m.figure.start - 7), m.figure.start
            ):
                # "The 215 foreign nationals were ...": the sentence that first gave 215
                earlier = next((j for j in range(index) if any(
                    o.figure.kind is Kind.COUNT and o.figure.value == m.figure.value
                    for o in self.in_sentence(j))), None)
                if earlier is not None:
                    ante = earlier
                    break
        self._antecedents[index] = ante
        return ante

    def _group_before(self, index: int) -> int:
        """The sentence that "They" or "Those held" points back to: the nearest of the three
        before that counts people, else the one just before."""
        for j in range(index - 1, max(-1, index - 4), -1):
            if any(_counts_people(m) for m in self.in_sentence(j)):
                return j
        return index - 1

    def measures(self, mention: Mention) -> frozenset[str]:
        """What happened to the things counted: from the figure's clause, else its sentence,
        else the sentence it leans on."""
        key = mention.figure.start
        if key not in self._measures:
            self._measures[key] = self._find_measures(mention)
        return self._measures[key]

    def _find_measures(self, mention: Mention) -> frozenset[str]:
        s = self.report.sentences[mention.index]
        text = self.text
        lo, hi = mention.figure.start, mention.figure.end
        while lo > s.start and text[lo - 1] not in _CLAUSE_MARKS:
            lo -= 1
        while hi < s.end and text[hi] not in _CLAUSE_MARKS:
            hi += 1
        found = nearest_measures(text[lo:hi], mention.figure.start - lo) or measures_in(text[s.start:s.end])
        ante = self.antecedent(mention.index)
        if not found and ante is not None:
            found = measures_in(self.sentence_text(ante))
        return found

    def scope(self, mention: Mention, claim_places: tuple[str, ...]) -> bool:
        """Is the figure's scope narrower than a whole-country count (one city, day or raid)?"""
        narrow = self._narrow(mention.index, mention.figure, claim_places)
        ante = self.antecedent(mention.index)
        if narrow is None and ante is not None:
            narrow = self._narrow_sentence(ante, claim_places)
        return bool(narrow)

    def _narrow(self, index: int, figure: Figure, claim_places: tuple[str, ...]) -> bool | None:
        """True: narrower; False: explicitly the whole count; None: the sentence does not say."""
        s = self.report.sentences[index]
        text = self.text
        before = text[max(s.start, figure.start - WINDOW):figure.start]
        after = text[figure.end:min(s.end, figure.end + WINDOW)]
        sentence = text[s.start:s.end]
        window = _TIME_WINDOW_AFTER.match(after)
        if window and not _EVENT_SPAN.match(after, window.end()):
            return True  # "809 people detained over the two days" (not "in three days of raids")
        lo = max(s.start, figure.start - 2 * WINDOW)
        near = text[lo:min(s.end, figure.end + 2 * WINDOW)]
        fronted = _FRONTED.match(sentence)
        clause = _clause(sentence, figure.start - s.start, figure.end - s.start)
        if (_alone(near, figure.start - lo, claim_places) or _time_scoped(clause)
                or (fronted and _time_scoped(fronted.group(0))) or _ONE_NIGHT.search(before + after)):
            return True
        if _WHOLE_BEFORE.search(before) or _WHOLE_AFTER.match(after) or _WHOLE.search(sentence):
            return False
        local = before + " " + after + (" " + fronted.group(0) if fronted else "")
        if _place_scoped(local, claim_places) or _SINGLE_SITE.search(local) or _LOCAL_FORCE.search(before):
            return True
        return None

    def _narrow_sentence(self, index: int, claim_places: tuple[str, ...]) -> bool | None:
        sentence = self.sentence_text(index)
        if _WHOLE.search(sentence):
            return False
        if (_time_scoped(sentence) or _place_scoped(sentence, claim_places)
                or _SINGLE_SITE.search(sentence) or _alone(sentence, 0, claim_places)):
            return True
        return None

    def places_near(self, mention: Mention) -> str:
        """The text a claim's own place must appear in for the figure to be about that place:
        its sentence, the sentence it leans on, and the two before ("a raid in the town")."""
        index = mention.index
        parts = [self.sentence_text(i) for i in range(max(0, index - 2), index + 1)]
        ante = self.antecedent(index)
        if ante is not None and ante < index - 2:
            parts.append(self.sentence_text(ante))
        return " ".join(parts)

    def elsewhere(self, mention: Mention, countries: frozenset[str]) -> bool:
        """Does the figure's sentence (or, when it names none, the dateline) speak of other
        countries only?"""
        named = self.countries(mention.index)
        # "Indonesia's ministry said 271 Indonesians were held": a country counting its own people
        named = frozenset(c for c in named if not any(same_word(w, c) for w in (*mention.noun, *mention.origin)))
        if not named:
            ante = self.antecedent(mention.index)
            named = self.countries(ante) if ante is not None else frozenset()
        if not named:
            named = self.dateline
        return bool(named) and not (named & countries)

    def countries(self, index: int) -> frozenset[str]:
        if index not in self._countries:
            self._countries[index] = countries_in(self.sentence_text(index))
        return self._countries[index]

    @cached_property
    def dateline(self) -> frozenset[str]:
        """Countries in a dateline such as 'CHIANG RAI, Thailand - ' at the top of the report."""
        m = _DATELINE.match(self.text)
        return countries_in(m.group(1)) if m else frozenset()


def _counts_people(mention: Mention) -> bool:
    if mention.figure.kind is not Kind.COUNT or mention.part is not Part.WHOLE:
        return False
    if not mention.noun:
        return True
    head = mention.noun[-1].lower()
    return head in PEOPLE or head in ("foreigners", "nationals", "citizens", "workers") or is_demonym(head)


def _clip(figure: Figure, end: int, text: str) -> Figure:
    return Figure(figure.start, end, text[figure.start:end], figure.kind, figure.interval,
                  figure.value, figure.hedge, figure.currency, figure.rate)


# ---------------------------------------------------------------------------------------------
# What a figure counts
# ---------------------------------------------------------------------------------------------

_PARTITIVE = re.compile(r"\s+of\s+(?:them|whom|these|those)\b,?(?:\s+(?:were|are))?", re.I)
_OF_THE = re.compile(r"\s+of\s+(?=the\s)", re.I)
_SKIP_AFTER = re.compile(r"(?:\s+(?:of|more|additional|further|new)\b)+", re.I)
_OTHER = re.compile(r"\s+other\b", re.I)
_OF_KIND = re.compile(r"\s+of\s+(?:other|another|various other)\s+(?:nationalit|countr)|\s+of\s+[A-Z]\w+\s+(?:origin|descent)")
_NOUN_WORD = re.compile(r"\s*(?:the\s+)?([A-Za-z][\w'’]*(?:-[A-Za-z][\w'’]*)*)")
_NOUN_BEFORE = re.compile(
    r"([A-Z][\w'’-]+(?:\s+[A-Za-z][\w'’-]+)?)\s*(?P<paren>\([^()]{0,40}\)\s*)?(?P<mark>[:=–|]\s*)?$"
)
_ORIGIN = re.compile(
    r"\s*,?\s*(?:from|of)\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    r"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*)"
)


def _counted(text: str, figure: Figure, sentence: Sentence) -> tuple[tuple[str, ...], tuple[str, ...], Part]:
    """(noun words, origin places, part) for the figure ending at `figure.end`.

    "75 suspects from Taiwan" -> (("suspects",), ("Taiwan",), WHOLE);
    "45 of them women" -> (("women",), (), OF_THEM).
    """
    pos, limit = figure.end, sentence.end
    part = Part.WHOLE
    if _OTHER.match(text, pos, limit):
        return (), (), Part.OTHER
    if figure.hedge is not Hedge.VAGUE and _OF_THE.match(text, pos, limit):
        return (), (), Part.OF_THE
    if (m := _PARTITIVE.match(text, pos, limit)) is not None:
        part, pos = Part.OF_THEM, m.end()
    elif (m := _SKIP_AFTER.match(text, pos, limit)) is not None:
        pos = m.end()
    noun: list[str] = []
    while len(noun) < 3 and (m := _NOUN_WORD.match(text, pos, limit)) is not None:
        word = m.group(1)
        if word.lower() in STOPWORDS or (noun and word.lower().endswith("ed")):
            break  # "230 foreigners detained in raids": the noun ends before the verb
        noun.append(word)
        pos = m.end()
        if word.lower() in PEOPLE:
            break
    origin: tuple[str, ...] = ()
    if noun and _OF_KIND.match(text, pos, limit):
        part = Part.OTHER  # "33 people of other nationalities"
    if (m := _ORIGIN.match(text, pos, limit)) is not None:
        names = [re.sub(r"^the\s+", "", n.strip()) for n in re.split(r",|\band\b", m.group(1))]
        origin = tuple(n for n in names if n)
    if not noun and not origin and figure.kind is Kind.COUNT:
        # "Vietnamese: 213", "Indonesia 271", "China (including Taiwan) 391" in a list
        if (m := _NOUN_BEFORE.search(text, max(sentence.start, figure.start - 60), figure.start)):
            name = m.group(1).split()
            if m.group("mark") or is_country(name[-1]) or is_demonym(name[-1]) or name == ["Viet", "Nam"]:
                noun = ["Vietnam"] if name == ["Viet", "Nam"] else name
    return tuple(noun), origin, part


# ---------------------------------------------------------------------------------------------
# Scope: narrower than the claim?
# ---------------------------------------------------------------------------------------------

_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_DAY_WORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ON_DAY = re.compile(
    r"\b[Oo]n\s+(?:the\s+)?(?:" + _DAY_WORD + r"|"
    + _MONTHS + r"\.?\s+\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r")\b"
)
_TIME_WINDOW_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:over|in|during|within)\s+(?:the\s+|just\s+|only\s+)*(?:past\s+|last\s+|first\s+)?"
    r"(?:two|three|four|five|six|seven|\d+)\s+(?:days|hours|weeks)\b",
    re.I,
)
_ALONE = re.compile(r"\b(?:in|at|on|from|for|inside)\b(?P<where>[^.;]{0,60})\balone\b", re.I)
_NEW_CLAUSE = re.compile(r";|,\s+(?:and|but|while|whereas)\s|\.\s")
_CLAUSE_BREAK = re.compile(r";|—|,\s+(?:and|but|while|whereas|after|before|when|although|though)\b")


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause of a sentence that holds the span [start, end): between semicolons, dashes
    and conjunctions such as ', after' (but not the commas of lists and asides)."""
    lo = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        lo = m.end()
    m = _CLAUSE_BREAK.search(sentence, end)
    return sentence[lo:m.start() if m else len(sentence)]
_ONE_NIGHT = re.compile(r"\b(?:overnight|that night|that day|this morning|in a single day)\b", re.I)
_LOCAL_FORCE = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:provincial|municipal|district|city)\s+"
                          r"(?:police|authorities|officials|officers)\b")
_CLAUSE_MARKS = frozenset(",;:()[]—–")
_WHOLE = re.compile(r"\b(?:nationwide|across the country|around the country|throughout the country|"
                    r"country-?wide|all told)\b", re.I)
_WHOLE_BEFORE = re.compile(r"\b(?:total|tally|overall|in all|altogether|all)\b", re.I)
_WHOLE_AFTER = re.compile(r"[^.;]{0,30}?\b(?:in total|in all|altogether|overall|all told|nationwide)\b", re.I)
_FRONTED = re.compile(r"(?:In|On|During|Between|From|Over|Within)\b[^,]{2,70},")
_SINGLE_SITE = re.compile(
    r"\b(?:a|one|single|that|the same)\s+(?:[\w-]+\s+){0,2}?(?:raid|building|compound|house|"
    r"guesthouse|hotel|casino|property|apartment|villa|complex)\b"
    r"|\bthe latest (?:raid|operation)\b",
    re.I,
)
_PLACE_AFTER_PREP = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ii]nside)\s+(?:the\s+)?(?:[a-z]+ern\s+|border\s+|coastal\s+|resort\s+)?"
    r"(?:(?:capital|city|town|province|district|village|commune|state|county|port)\s+(?:of\s+)?)?"
    r"(?P<name>(?!(?:In|On|At|The)\b)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
_SUBNATIONAL = re.compile(
    r"\b(?:in|at|of|across)\s+(?:(?P<hedge>at least|more than|over|some)\s+)?(?:the\s+|a\s+|"
    r"(?P<n>two|three|four|\d+)\s+)?(?:[a-z]+ern\s+)?(?:" + "|".join(sorted(SUBNATIONAL)) + r")\b",
    re.I,
)


def _alone(text: str, at: int, claim_places: tuple[str, ...]) -> bool:
    """'In Poipet alone' narrows the figure at `at` in its own clause; 'inside Cambodia alone',
    the claim's own place, does not."""
    for m in _ALONE.finditer(text):
        where = m.group("where")
        between = text[min(at, m.start()):max(at, m.end())]
        if any(p in where for p in claim_places) or _NEW_CLAUSE.search(between):
            continue
        return True
    return False


def _time_scoped(sentence: str) -> bool:
    """'arrested on Wednesday', 'On July 15, ...', 'said that on July 16 ...': a count of one day
    (but not 'said on Wednesday' or 'welcomed on Thursday', which date the telling)."""
    for m in _ON_DAY.finditer(sentence):
        lead = sentence[max(0, m.start() - 40):m.start()]
        if not lead.strip() or re.search(r"(?:\bthat|[,;:])\s*$", lead):
            return True
        last = [w for w in lead.split() if w.lower() not in ("late", "early")][-2:]
        if last and last[-1].lower().strip(",") in REPORTING:
            continue
        if measures_in(" ".join(last)) - {"exist"}:
            return True
    return False


def _place_scoped(text: str, claim_places: tuple[str, ...]) -> bool:
    """'In Phnom Penh', 'in the province of Kratie', 'in two provinces': narrower than a country.
    A list of three or more places ('in Phnom Penh, Poipet and Sihanoukville') spans the
    country rather than narrowing it."""
    for m in _PLACE_AFTER_PREP.finditer(text):
        name = m.group("name")
        first = name.split()[0].rstrip("'’s")
        if name in claim_places or first in claim_places:
            continue
        if is_country(first) or is_region(first) or is_demonym(first) or _WHEN.fullmatch(first):
            continue
        if _PLACE_LIST.match(text, m.end()):
            continue
        return True
    for m in _SUBNATIONAL.finditer(text):
        if m.group("hedge"):
            continue  # "in at least five provinces" spans the country, it does not narrow it
        n = m.group("n")
        if n and n.isdigit() and int(n) > 4:
            continue
        return True
    return False


_PLACE_LIST = re.compile(
    r"(?:\s*,\s*(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)+,?\s+(?:and|or)\s+(?:the\s+)?[A-Z]"
)
_DATELINE = re.compile(r"\s*([A-Z][A-Z .'’-]+,\s+[A-Z][a-z]+(?:[ ,][A-Z][a-z.]+)*)[^\n]{0,20}?\s[-–—]\s")
_WHEN = re.compile(_MONTHS + r"|" + _DAY_WORD)
_LEANS_BACK = re.compile(
    r"(?:They|Those|These|Among them|Of them|Of these|Most of them|Most of those|The detainees|"
    r"The suspects|The group|The foreigners|The rest)\b"
)
_TABLE_ROW = re.compile(r"\s*\|")
_BULLET = re.compile(r"\s*(?:[-*+•]|\d+[.)])\s")
_DEFINITE_BEFORE = re.compile(r"\b(?:the|all|those|these)\s+$", re.I)


# ---------------------------------------------------------------------------------------------
# Tying figures to a claim
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimTerms:
    """What the matcher needs of a claim, derived once."""

    claim: Claim
    units: tuple[tuple[str, ...], ...]  # each alias as words
    measures: frozenset[str]
    places: tuple[str, ...]  # non-country places the statement is about ("in Poipet")
    known_places: tuple[str, ...]  # those, countries, capitalised context words: not narrower
    countries: frozenset[str]  # the countries the claim (and its source) are about
    rate: str
    people: bool  # the unit is people in general ("people", "suspects")
    query: str  # the text passages are ranked against
    cues: Cues  # words one of which a sentence must hold to speak of the claim
    also: re.Pattern[str] | None  # and, for a loose claim, words its sentence must hold too

    @classmethod
    def of(cls, claim: Claim, source_title: str = "") -> ClaimTerms:
        units = tuple(tuple(w for w in words(u)) for u in claim.units if words(u))
        measures = measures_in(claim.statement + " " + " ".join(claim.context))
        places = tuple(m.group("name") for m in _PLACE_AFTER_PREP.finditer(claim.statement)
                       if not _WHEN.fullmatch(m.group("name").split()[0]))
        local = tuple(p for p in places if not is_country(p.split()[0]) and not is_region(p.split()[0]))
        known = places + tuple(w for w in claim.context if w[:1].isupper() and " " not in w)
        countries = countries_in(f"{claim.statement}. {source_title}. {' '.join(claim.context)}")
        rate = claim.figure.rate
        if not rate:
            for f in read_figures(claim.statement):
                rate = rate or f.rate
            if not rate and re.search(r"\b(?:annually|a year|per year|each year|every year|yearly)\b",
                                      claim.statement, re.I):
                rate = "year"
        people = any(len(u) == 1 and u[0].lower() in PEOPLE for u in units) or not units
        query = " ".join([claim.statement, *claim.units, *claim.context])
        return cls(claim, units, measures, local, known, countries, rate, people, query,
                   _cues(claim, units, people), _also(claim, measures, rate, people))


@dataclass(frozen=True, slots=True)
class Cues:
    """Words without which no figure in a sentence can be tied to a claim: what it counts (as
    word beginnings), its currency, a unit of time. Sentences without any are not read."""

    prefixes: frozenset[str] = frozenset()
    wholes: frozenset[str] = frozenset()  # whole words and currency marks ("people", "$", "usd")
    spans: bool = False  # "from June 27 to July 22": days named by their ends


def _cues(claim: Claim, units: tuple[tuple[str, ...], ...], people: bool) -> Cues:
    if claim.kind is Kind.MONEY:
        return Cues(wholes=frozenset(" ".join(m.lower().split()) for m in currency_marks(claim.figure.currency)))
    if claim.kind is Kind.DURATION:
        return Cues(prefixes=_TIME_WORDS, spans=True)
    if claim.kind is Kind.PERCENT:
        return Cues(prefixes=frozenset({"percent", "pct"}), wholes=frozenset({"%", "per cent"}))
    prefixes, wholes = set(), set()
    for word in (w for unit in units for w in unit):
        for name in (stem(word), *alias_names(stem(word))):
            if len(name) < 4:
                wholes.add(name)
            else:  # as much of the word as `same_word` needs two words to share
                prefixes.add(name[:5] if len(name) >= 6 else name[:4])
    if people:
        wholes |= {*PEOPLE, "total", "number", "tally", "figure", "count"}
    return Cues(frozenset(prefixes), frozenset(wholes))


_TIME_WORDS = frozenset({"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade"})


class CueIndex:
    """Finds, for every claim at once, the sentences of a report that hold its cues.

    Each cue is looked for with str.find over the lower-cased text (a fast scan in C), then
    checked for word boundaries: far quicker than one big regular expression.
    """

    def __init__(self, terms: list[ClaimTerms]) -> None:
        self.terms = terms
        # (token, must start a word, must end a word (a plural 's' allowed), the claims it cues)
        self.tokens: list[tuple[str, bool, bool, tuple[int, ...]]] = []
        for kind in ("prefixes", "wholes"):
            cued: dict[str, set[int]] = {}
            for n, t in enumerate(terms):
                for token in getattr(t.cues, kind):
                    cued.setdefault(token, set()).add(n)
            for token, claims in sorted(cued.items()):
                if any(_covers(other, token, kind) and claims <= cued[other] for other in cued if other != token):
                    continue  # "thai" finds all that "thail" would; "dollars" all that "us dollars" would
                word = token[:1].isalpha()
                self.tokens.append((token, word, word and kind == "wholes", tuple(sorted(claims))))
        self.spans = tuple(n for n, t in enumerate(terms) if t.cues.spans)

    def sentences(self, analysis: Analysis) -> list[list[int]]:
        """For each claim (in the order given), the indexes of the sentences it should read."""
        found: list[set[int]] = [set() for _ in self.terms]
        for offset, lower in analysis.lowered():
            size = len(lower)
            for token, starts, ends, claims in self.tokens:
                at = lower.find(token)
                while at >= 0:
                    end = at + len(token)
                    if (not starts or at == 0 or not lower[at - 1].isalpha()) and (
                        not ends or end >= size or not lower[end].isalpha()
                        or (lower[end] == "s" and (end + 1 >= size or not lower[end + 1].isalpha()))
                    ):
                        index = analysis.sentence_at(offset + at)
                        if index is not None:
                            for n in claims:
                                found[n].add(index)
                    at = lower.find(token, end)
            if self.spans:
                for m in _SPAN_CUE.finditer(lower):
                    index = analysis.sentence_at(offset + m.start())
                    if index is not None:
                        for n in self.spans:
                            found[n].add(index)
        return [
            sorted(i for i in seen if terms.also is None or analysis.says(i, terms.also))
            for terms, seen in zip(self.terms, found)
        ]


def _covers(token: str, other: str, kind: str) -> bool:
    """Does every place `other` is found also hold `token`? ('thai' covers 'thail'; 'dollars'
    covers 'us dollars'; as whole words, 'suspect' covers 'suspects')."""
    if kind == "prefixes":
        return other.startswith(token)
    return other == token + "s" or (" " in other and token in other.split()) or (
        not token[:1].isalpha() and token in other)


def _also(claim: Claim, measures: frozenset[str], rate: str, people: bool) -> re.Pattern[str] | None:
    """What else a sentence (or the one before it) must say for a loosely described claim: its
    event for people in general or a span of days (see `_tie`), its period for money per year."""
    if claim.kind is Kind.MONEY and rate:
        return _RATE_WORDS
    wanted = measures - {"exist"}
    if wanted and (claim.kind is Kind.DURATION or (people and claim.kind is Kind.COUNT)):
        related = set(wanted)
        if claim.kind is not Kind.DURATION:
            for m in wanted:
                related |= _RELATED.get(m, set())
        return measure_pattern(related)
    return None


_WHEN_WORDS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday"
               r"|friday|saturday|sunday)")
_SPAN_CUE = re.compile(r"\b(?:from|between)\s+(?:\S+\s+){0,3}?" + _WHEN_WORDS)  # on lower-case text


def ties(claim: Claim, analysis: Analysis, terms: ClaimTerms | None = None,
         sentences: list[int] | None = None) -> list[Tie]:
    """Every figure in the report that speaks of the claim's quantity, strongest first.

    `sentences` are the ones to read (from a CueIndex built for all the claims at once).
    """
    terms = terms or ClaimTerms.of(claim)
    if sentences is None:
        sentences = CueIndex([terms]).sentences(analysis)[0]
    out: list[Tie] = []
    scores: dict[int, float] = {}
    for index in sentences:
        for mention in analysis.in_sentence(index):
            tie = _tie(terms, analysis, mention, scores)
            if tie is not None:
                out.append(tie)
    out.sort(key=lambda t: (-t.strength, t.mention.figure.start))
    return out


def _tie(terms: ClaimTerms, analysis: Analysis, mention: Mention, scores: dict[int, float]) -> Tie | None:
    claim = terms.claim
    figure = mention.figure
    if figure.kind is not claim.kind:
        return None
    if claim.kind is Kind.MONEY and figure.currency != claim.figure.currency:
        return None
    interval = figure.interval
    member = False
    quality = 0.6
    counts = ""
    if claim.kind is Kind.COUNT:
        if mention.part in (Part.OF_THE, Part.OTHER):
            return None
        if mention.part is Part.OF_THEM and (terms.people or not (mention.noun or mention.origin)):
            return None  # "45 of them women" is part of another count
        matched = _unit_quality(terms, mention)
        if matched is None:
            if not _bare_tie(terms, analysis, mention):
                return None
            quality, counts = 0.5, "(no noun; its sentence speaks of the claim)"
        else:
            quality, member, counts = matched
            if member:
                interval = Interval(0.0, interval.high, False, interval.high_open)
    elif claim.kind is Kind.DURATION:
        if _window_of_a_count(analysis, mention):
            return None
        counts = "days"
    elif claim.kind is Kind.MONEY:
        quality = 0.8
        if terms.rate and figure.rate != terms.rate:
            if figure.rate or not _RATE_WORDS.search(analysis.sentence_text(mention.index)):
                return None
        counts = figure.currency
    if _SUPERSEDED.search(analysis.text, max(0, figure.start - 40), figure.start):
        return None  # "up from 190 this morning": an earlier value, not the report's figure
    agree = measures_agree(terms.measures, analysis.measures(mention), strict=claim.kind is Kind.DURATION)
    if agree is False:
        return None  # another measure: rescued, not deported
    loose = quality <= 0.6 or (terms.people and claim.kind is Kind.COUNT)
    if agree is None and terms.measures - {"exist"} and claim.kind is not Kind.MONEY and loose:
        return None  # a duration, or people in general, must be counted in the claim's event
    if terms.countries and analysis.elsewhere(mention, terms.countries):
        return None  # "Thailand's police arrested 53": another country's count
    sentence_places = analysis.places_near(mention)
    if terms.places and not any(p in sentence_places for p in terms.places):
        return None  # the claim is about Poipet; this figure is about somewhere else
    if mention.index not in scores:
        scores[mention.index] = fuzz.token_set_ratio(
            terms.query, analysis.sentence_text(mention.index), processor=default_process)
    score = scores[mention.index]
    partial = claim.kind is not Kind.DURATION and analysis.scope(mention, terms.known_places)
    strength = quality + (0.3 if agree else 0.0) + 0.4 * score / 100 - (0.2 if partial else 0.0)
    return Tie(mention, interval, strength, score, partial, counts, member)


_SUPERSEDED = re.compile(
    r"(?:\b(?:up|down|rising|falling|rose|fell|revised|compared)\s+(?:from|with)"
    r"|\b(?:first|initially|originally|previously|earlier)\s+(?:announced|reported|put|given|said|"
    r"stated|registered|listed)(?:\s+(?:as|at))?"
    r"|\b(?:an?|the)\s+(?:earlier|previous|initial|first)\s+(?:report|count|tally|figure|estimate)s?"
    r"\s+(?:said|put|gave|showed|of)(?:\s+(?:it|the\s+\w+)\s+(?:at|as))?"
    r"|\bnot)\s+$",
    re.I,
)  # "up from 190", "first announced as 75", "an earlier report said 198", "five days, not three"
_RATE_WORDS = re.compile(r"\b(?:annual|annually|a year|per year|each year|every year|yearly|last year)\b", re.I)


_RELATED = {"arrest": {"raid"}, "raid": {"arrest"}}


def measures_agree(claimed: frozenset[str], found: frozenset[str], strict: bool = False) -> bool | None:
    """True: the figure is of the claim's measure; False: of another; None: nothing said.

    'exist' ("listed", "identified") says nothing on its own; arrests and raids go together,
    except for a duration (`strict`): the days of the raids are not the days of arrests.
    """
    found = found - {"exist"}
    if not claimed or not found:
        return None
    wanted = set(claimed)
    for measure in claimed:
        wanted |= set() if strict else _RELATED.get(measure, set())
    return bool(found & wanted)


def _unit_quality(terms: ClaimTerms, mention: Mention) -> tuple[float, bool, str] | None:
    """How well the figure's noun (or origin) meets one of the claim's units; None if not."""
    noun = [w for w in mention.noun]
    origin = list(mention.origin)
    shown = " ".join(noun + (["from", ", ".join(origin)] if origin else []))
    if terms.people and not any(len(u) > 1 or u[0].lower() not in PEOPLE for u in terms.units):
        # A claim about people in general: met by "suspects", "detainees", "people".
        if origin or not noun:
            return None
        head, mods = noun[-1].lower(), [w.lower() for w in noun[:-1]]
        if head in PEOPLE and all(m in NEUTRAL_MODIFIERS for m in mods):
            return 0.8, False, shown
        return None
    best: tuple[float, bool, str] | None = None
    for unit in terms.units:
        got = _meets(unit, noun, origin)
        if got is not None and (best is None or got[0] > best[0]):
            best = (got[0], got[1], shown)
    return best


def _meets(unit: tuple[str, ...], noun: list[str], origin: list[str]) -> tuple[float, bool] | None:
    member = False
    words_ = list(noun)
    if len(origin) == 1:
        words_ = [origin[0], *words_]
    elif len(origin) > 1:
        if not any(same_word(o.split()[-1], u) for o in origin for u in unit):
            return None
        member = True
        words_ = [w for w in words_ if w.lower() in PEOPLE]
        return (0.7, True) if words_ or not noun else None
    if not words_:
        return None
    head, mods = words_[-1], words_[:-1]
    head_hits = any(same_word(head, u) for u in unit)
    for m in mods:
        if m.lower() in NEUTRAL_MODIFIERS:
            continue
        if not any(same_word(m, u) for u in unit):
            return None  # "Indonesian nationals" is not "foreign nationals"
    distinctive = unit[0]
    mod_hits = any(same_word(m, distinctive) for m in mods)
    if head_hits:
        quality = 1.0 if (mod_hits or len(unit) == 1 or not mods) else 0.9
        return quality, member
    if mod_hits and head.lower() in PEOPLE | {"nationals", "citizens"}:
        return 0.95, member  # "Vietnamese nationals" for "Vietnamese"
    if mod_hits:
        return 0.75, member  # "scam centres" for "scam compounds"
    return None


def _bare_tie(terms: ClaimTerms, analysis: Analysis, mention: Mention) -> bool:
    """A number with no noun ("brought the total to 2,137") ties when its sentence says what."""
    if mention.noun or mention.origin or mention.part is not Part.WHOLE:
        return False
    s = analysis.report.sentences[mention.index]
    before = analysis.text[s.start:mention.figure.start]
    cut = max(before.rfind(c) for c in ",;:(")
    if not content_words(before[cut + 1:]):  # "Indonesians were the largest group, at nearly 300"
        cut = max(before.rfind(c, 0, max(cut, 0)) for c in ",;:(")
    if not _REVISION.search(before[cut + 1:]):
        before = before[cut + 1:]  # the figure's own clause, unless it revises an earlier one:
        # "The count of Taiwanese, first announced as 75, was raised to 82"
    if not terms.people:
        return any(all(any(same_word(w, u) for w in words(before)) for u in unit) for unit in terms.units)
    return bool(re.search(r"\b(?:people|persons|suspects|detainees|number|total|tally|figure|count)\b",
                          before, re.I)) and bool(terms.measures & measures_in(before))


_REVISION = re.compile(r"\b(?:revis|rais|lower|correct|updat|adjust|amend)\w*\b", re.I)
_WITHIN = re.compile(r"\bwithin\s+$", re.I)
_OF_AFTER = re.compile(r"\s+of\b", re.I)
_EVENT_SPAN = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,2}?(?:raids?|operations?|crackdowns?|sweeps?|searches)\b", re.I)


def _window_of_a_count(analysis: Analysis, mention: Mention) -> bool:
    """'809 people detained over the two days': the days are the count's window, not an event's span."""
    figure = mention.figure
    if figure.text.lower().startswith(("between", "from")):
        return False  # a span named by its first and last day is the event's own
    if _WITHIN.search(analysis.text, max(0, figure.start - 8), figure.start) and _OF_AFTER.match(
        analysis.text, figure.end
    ):
        return True  # "within six months of earlier raids": a time since an event, not its span
    if _EVENT_SPAN.match(analysis.text, figure.end) or "-" in figure.text:
        return False  # "three days of raids", "a three-day operation": the event's own span
    for other in analysis.in_sentence(mention.index):
        if other.figure.kind is Kind.COUNT and figure.start - 60 <= other.figure.end <= figure.start:
            if not re.search(r"[;.]", analysis.text[other.figure.end:figure.start]):
                return True
    return False


def source_passage(claim: Claim, source: Report) -> Passage | None:
    """The sentence of the source article that makes the claim."""
    sentences = [source.sentence_text(s) for s in source.sentences]
    if not sentences:
        return None
    hit = process.extractOne(claim.statement, sentences, scorer=fuzz.partial_ratio,
                             processor=default_process)
    if hit is None:
        return None
    _, score, index = hit
    return Passage(index, source.sentences[index], score)


def rank_passages(query: str, report: Report, limit: int = 8) -> list[Passage]:
    """The report's sentences most like `query`, best first: alternatives for a reviewer."""
    sentences = [report.sentence_text(s) for s in report.sentences]
    hits = process.extract(query, sentences, scorer=fuzz.token_set_ratio,
                           processor=default_process, limit=limit)
    return [Passage(i, report.sentences[i], score) for _, score, i in hits]


def statement_figure(claim: Claim) -> tuple[int, int] | None:
    """Where the claimed figure stands in the claim's statement, for highlighting."""
    figures = read_figures(claim.statement)
    target = claim.figure.interval
    for f in figures:
        if f.interval == target or f.value == claim.figure.value:
            return f.start, f.end
    return (figures[0].start, figures[0].end) if figures else None
