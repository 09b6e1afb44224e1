"""Ranking passages for a claim and tying a report's figures to it.

A figure is tied to a claim when it counts the same thing (its noun, or "from <country>"), in
the same measure (arrested, not rescued), of a compatible kind (money per the same period, in
the claim's currency or one verdicts.py converts to it; a duration for a duration). Each tie
records whether its scope is narrower than the claim's (one city, one day, one raid): such a
partial count speaks to the claim only when it matches an exact claim exactly or already
exceeds it. What the report says around each figure is read by context.py; this module decides,
claim by claim, which figures are its.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from . import attribution
from .attribution import Anchors
from .context import EVENT_SPAN, PLACE_NAME, WHEN, Analysis, Mention, Part
from .figures import Interval, Kind, currency_marks, read_figures
from .units import BY_NAME, family_of
from .lexicon import (
    MEASURES, NEUTRAL_MODIFIERS, PEOPLE, STOPWORDS, TELLING_APART, alias_names, content_words, fold_lookalikes,
    has_lookalikes, measure_heads, measure_pattern, measures_in, same_word, stem, words,
)
from .places import countries_in, is_country, is_demonym, is_region, places_scoping
from .reports import Report, Sentence
from .rules import Claim, RuleSet


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
    firm: bool = True  # tied closely enough to contradict the claim, not only to support it
    relation: str = ""  # how the figure stands to the claim's: later_tally | narrower_scope | other_source | projection
    named: bool = False  # the figure's own words name what the claim counts ("260 Indonesians")


@dataclass(frozen=True, slots=True)
class Passage:
    index: int
    sentence: Sentence
    score: float


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
    counted: re.Pattern[str] | None  # for people in general: the claim's verb right before a number
    # derived from the above once, rather than for every figure of every report (see _tie)
    kind: Kind  # the claim's
    people_only: bool  # every unit is a word for people in general: "people", "suspects"
    agreeing: frozenset[str]  # the measures a figure's must meet (see _agreement)
    processed_query: str  # the query as rapidfuzz's default_process makes it
    also_heads: frozenset[str] = frozenset()  # in lower case, one of which `also` cannot match without
    anchors: Anchors = Anchors()  # what singles the claim out among its rules file's (attribution.py)
    own_words: frozenset[str] = frozenset()  # stems of its statement's, unit's and context's words
    family: str = ""  # a measure's unit family ("length")
    published: str = ""  # the source's date: what "this year" means
    about_former: bool = False  # the claim is itself about a replaced level ("the previous goal")

    @classmethod
    def of(cls, claim: Claim, source_title: str = "", anchors: Anchors | None = None,
           published: str = "") -> ClaimTerms:
        claim, source_title = _folded(claim), fold_lookalikes(source_title)
        units = tuple(tuple(w for w in words(u)) for u in claim.units if words(u))
        measures = measures_in(claim.statement + " " + " ".join(claim.context))
        # a unit that names what happened rather than what is counted ("missing", "people
        # killed", "dead") counts people in that measure
        by_measure = tuple(u for u in units if _measure_unit(u))
        if by_measure and claim.kind is Kind.COUNT:
            measures |= measures_in(" ".join(w for u in by_measure for w in u))
            units = tuple(u for u in units if u not in by_measure)
            units = units + (("people",),) if units else units  # "at least 292 people" beside "death toll"
        places = tuple(m.group("name") for m in PLACE_NAME.finditer(claim.statement)
                       if not WHEN.fullmatch(m.group("name").split()[0]))
        local = tuple(p for p in places if not is_country(p.split()[0]) and not is_region(p.split()[0]))
        known = places + tuple(w for w in claim.context if w[:1].isupper() and " " not in w)
        countries = countries_in(f"{claim.statement}. {source_title}. {' '.join(claim.context)}") \
            | places_scoping(claim.statement)  # "in Texas": the United States'
        rate = claim.figure.rate
        if not rate:
            for f in read_figures(claim.statement):
                rate = rate or f.rate
            if not rate and re.search(r"\b(?:annually|a year|per year|each year|every year|yearly)\b",
                                      claim.statement, re.I):
                rate = "year"
        people = any(len(u) == 1 and u[0].lower() in PEOPLE for u in units) or not units or bool(by_measure)
        query = " ".join([claim.statement, *claim.units, *claim.context])
        people_only = people and not any(len(u) > 1 or u[0].lower() not in PEOPLE for u in units)
        also, also_heads = _also(claim, measures, rate, people)
        anchors = anchors if anchors is not None else attribution.anchors_for([claim])[0]
        return cls(claim, units, measures, local, known, countries, rate, people, query,
                   _cues(claim, units, people, measures, anchors.keys), also,
                   _counted_by(claim, measures) if people else None,
                   claim.kind, people_only, _agreeing(measures, strict=claim.kind is Kind.DURATION),
                   default_process(query), also_heads, anchors,
                   frozenset(stem(w) for w in words(" ".join((claim.statement, *claim.units, *claim.context)))),
                   family_of(claim.figure.unit).family if claim.kind is Kind.MEASURE else "", published,
                   _FORMER_WORD.search(" ".join((claim.statement, *claim.context))) is not None)


def claim_terms(rules: RuleSet) -> list[ClaimTerms]:
    """The terms of every claim of a rules file, each set against the others (attribution.py)."""
    anchors = attribution.anchors_for(rules.claims, rules.source.published, rules.source.title)
    return [ClaimTerms.of(c, rules.source.title, a, rules.source.published) for c, a in zip(rules.claims, anchors)]


def _measure_unit(unit: tuple[str, ...]) -> bool:
    """Is every word of the unit a measure, a word for people or a stop word ("missing",
    "people killed", "unaccounted for"), with at least one measure?"""
    found = False
    for w in unit:
        low = w.lower()
        if measures_in(low) - {"exist"}:
            found = True
        elif low not in PEOPLE and low not in STOPWORDS:
            return False
    return found


def _folded(claim: Claim) -> Claim:
    """The claim with look-alike letters folded in the words the matcher reads ('arreſted'):
    the matcher looks words up in lower case (see lexicon.fold_lookalikes)."""
    if not any(has_lookalikes(t) for t in (claim.statement, *claim.units, *claim.context)):
        return claim
    return replace(claim, statement=fold_lookalikes(claim.statement),
                   units=tuple(map(fold_lookalikes, claim.units)),
                   context=tuple(map(fold_lookalikes, claim.context)))


@dataclass(frozen=True, slots=True)
class Cues:
    """Words without which no figure in a sentence can be tied to a claim: what it counts (as
    word beginnings), its currency, a unit of time. Sentences without any are not read."""

    prefixes: frozenset[str] = frozenset()
    wholes: frozenset[str] = frozenset()  # whole words and currency marks ("people", "$", "usd")
    spans: bool = False  # "from June 27 to July 22": days named by their ends


def _counted_by(claim: Claim, measures: frozenset[str]) -> re.Pattern[str] | None:
    """'arrests over 1,000', 'detained 746': a verb of the claim's measure, then the number."""
    wanted = measures - {"exist", "raid"}
    if claim.kind is not Kind.COUNT or not wanted:
        return None
    return re.compile("(?:" + measure_pattern(wanted).pattern + r")\w*\s*$", re.I)


def _cues(claim: Claim, units: tuple[tuple[str, ...], ...], people: bool,
          measures: frozenset[str] = frozenset(), keys: tuple[str, ...] = ()) -> Cues:
    if claim.kind is Kind.MONEY:
        return _money_cues(claim, keys)
    if claim.kind is Kind.DURATION:
        return Cues(prefixes=_TIME_WORDS, spans=True)
    if claim.kind is Kind.PERCENT:
        return Cues(prefixes=frozenset({"percent", "pct"}), wholes=frozenset({"%", "per cent"}))
    if claim.kind is Kind.POINTS:
        return Cues(prefixes=frozenset({"point"}), wholes=frozenset({"pp", "ppt", "ppts", "bps"}))
    if claim.kind is Kind.MEASURE:  # every way its family is written: "km", "miles", "7.7-magnitude"
        forms = BY_NAME[family_of(claim.figure.unit).family].after
        return Cues(wholes=frozenset(f.lstrip("-") for f in forms if len(f.lstrip("-")) > 1))
    prefixes, wholes = set(), set()
    for word in (w for unit in units for w in unit):
        for name in (stem(word), *alias_names(stem(word))):
            if len(name) < 4:
                wholes.add(name)
            else:  # as much of the word as `same_word` needs two words to share
                prefixes.add(name[:5] if len(name) >= 6 else name[:4])
    if people:
        wholes |= {*PEOPLE, "total", "number", "tally", "figure", "count"}
        # and the claim's own verbs, for numbers without a noun ("arrests over 1,000")
        prefixes |= {stem_ for m in measures - {"exist", "raid"} for stem_ in MEASURES[m]
                     if stem_.isalpha() and len(stem_) >= 4}
    return Cues(frozenset(prefixes), frozenset(wholes))


def _money_cues(claim: Claim, keys: tuple[str, ...]) -> Cues:
    """The marks of the claim's currency; and, when sums in other currencies convert to it
    (verdicts.in_claims_currency), the claim's key words (stems), one of which such a sum's
    clause must say (attribution.keyed): cheaper than a scan for each other currency's marks."""
    currency = claim.figure.currency
    wholes = {" ".join(m.lower().split()) for m in currency_marks(currency)}
    if not claim.rates.converts(currency):
        return Cues(wholes=frozenset(wholes))
    if not keys:  # every clause is keyed: every currency's marks, then
        others = claim.rates.convertible(currency)
        wholes |= {" ".join(m.lower().split()) for code in others for m in currency_marks(code)}
        return Cues(wholes=frozenset(wholes))
    # same_word needs two words to share their first four letters at least
    return Cues(prefixes=frozenset(k[:4] for k in keys if len(k) >= 4),
                wholes=frozenset(wholes | {k for k in keys if len(k) < 4}))


_TIME_WORDS = frozenset({"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade"})


class CueIndex:
    """Finds, for every claim at once, the sentences of a report that hold its cues.

    Each cue is looked for with str.find over the lower-cased text (a fast scan in C), then
    checked for word boundaries: far quicker than one big regular expression.
    """

    def __init__(self, terms: list[ClaimTerms]) -> None:
        self.terms = terms
        # (token, must start a word, must end a word (a plural 's' allowed), the claims it cues,
        # the claims whose `also` words it begins)
        self.tokens: list[tuple[str, bool, bool, tuple[int, ...], tuple[int, ...]]] = []
        prefixes: dict[str, set[int]] = {}
        for kind in ("prefixes", "wholes"):
            cued: dict[str, set[int]] = {}
            for n, t in enumerate(terms):
                for token in getattr(t.cues, kind):
                    cued.setdefault(token, set()).add(n)
            for token, claims in sorted(cued.items()):
                if any(_covers(other, token, kind) and claims <= cued[other] for other in cued if other != token):
                    continue  # "thai" finds all that "thail" would; "dollars" all that "us dollars" would
                word = token[:1].isalpha()
                if word and any(token.startswith(p) and claims <= prefixes[p] for p in prefixes):
                    continue  # the word beginning "peopl" finds all that the whole word "people" would
                self.tokens.append((token, word, word and kind == "wholes", tuple(sorted(claims)), ()))
            if kind == "prefixes":
                prefixes = cued
        self.spans = tuple(n for n, t in enumerate(terms) if t.cues.spans)
        # Sentences without any of a claim's also_heads cannot match its `also` pattern: those are
        # found in the same scan, and the pattern is searched only in the others.
        self.quick = tuple(n for n, t in enumerate(terms)
                           if t.also is not None and t.also_heads and "" not in t.also_heads)
        heads: dict[str, set[int]] = {}
        for n in self.quick:
            for head in terms[n].also_heads:
                heads.setdefault(head, set()).add(n)
        for head, claims in sorted(heads.items(), key=lambda item: (len(item[0]), item[0])):
            # a token the head begins with is found wherever the head is
            at = next((k for k, token in enumerate(self.tokens) if head.startswith(token[0])), None)
            if at is None:
                self.tokens.append((head, False, False, (), tuple(sorted(claims))))
            else:
                token, starts, ends, cued, loose = self.tokens[at]
                self.tokens[at] = (token, starts, ends, cued, tuple(sorted({*loose, *claims})))
        # the tokens that begin `also` words (scanned first), and the others
        self._leaning = [t for t in self.tokens if t[4]]
        self._plain = [t for t in self.tokens if not t[4]]

    def sentences(self, analysis: Analysis) -> list[list[int]]:
        """For each claim (in the order given), the indexes of the sentences it should read
        (for a loose claim, only those that say its `also` words: see Analysis.figures_say)."""
        found: list[set[int]] = [set() for _ in self.terms]
        may_say: list[set[int] | None] = [set() if n in self.quick else None for n in range(len(self.terms))]
        windows = list(analysis.lowered())
        # The `also` words first: a loose claim whose pattern can match in no sentence reads none,
        # and the cues of such claims alone are not looked for.
        self._scan(analysis, windows, self._leaning, found, may_say)
        hopeless = {n for n in self.quick if not may_say[n]}
        self._scan(analysis, windows, [t for t in self._plain if not hopeless.issuperset(t[3])] if hopeless
                   else self._plain, found, may_say)
        if self.spans and not hopeless.issuperset(self.spans):
            for offset, lower in windows:
                for at in _span_cues(lower):
                    index = analysis.sentence_at(offset + at)
                    if index is not None:
                        for n in self.spans:
                            found[n].add(index)
        out = []
        for n, (terms, seen, may) in enumerate(zip(self.terms, found, may_say)):
            if n in hopeless:
                out.append([])
            elif terms.also is None:
                out.append(sorted(seen))
            else:
                earliest = None if may is None else min(may, default=len(analysis.report.sentences))
                out.append(sorted(i for i in seen if analysis.figures_say(i, terms.also, may, earliest)))
        return out

    @staticmethod
    def _scan(analysis: Analysis, windows: list[tuple[int, str]],
              tokens: list[tuple[str, bool, bool, tuple[int, ...], tuple[int, ...]]],
              found: list[set[int]], may_say: list[set[int] | None]) -> None:
        """Adds to `found` the sentences where `tokens` cue their claims, and to `may_say` those
        where they begin `also` words."""
        # (a hot loop: each occurrence's sentence is found by bisect on the offsets, as
        # Analysis.sentence_at does, and added to one set per token, which is then added to its
        # claims' sets at once)
        starts, ends = analysis.report.sentences.starts, analysis.report.sentences.ends
        for offset, lower in windows:
            size = len(lower)
            for token, starts_word, ends_word, claims, loose in tokens:
                at = lower.find(token)
                if at < 0:
                    continue
                width = len(token)
                cued: set[int] = set()
                leaning: set[int] = set()
                while at >= 0:
                    end = at + width
                    if loose:
                        # the sentence of its last letter: which holds too any occurrence this scan
                        # steps over (one that overlaps this one), if that begins a match
                        position = offset + end - 1
                        index = bisect_right(starts, position) - 1
                        if index >= 0 and position < ends[index]:
                            leaning.add(index)
                    if claims and (not starts_word or at == 0 or not lower[at - 1].isalpha()) and (
                        not ends_word or end >= size or not lower[end].isalpha()
                        or (lower[end] == "s" and (end + 1 >= size or not lower[end + 1].isalpha()))
                    ):
                        position = offset + at
                        index = bisect_right(starts, position) - 1
                        if index >= 0 and position < ends[index]:
                            cued.add(index)
                    at = lower.find(token, end)
                if cued:
                    for n in claims:
                        found[n] |= cued
                if leaning:
                    for n in loose:
                        may_say[n] |= leaning


def _covers(token: str, other: str, kind: str) -> bool:
    """Does every place `other` is found also hold `token`? ('thai' covers 'thail'; 'dollars'
    covers 'us dollars'; as whole words, 'suspect' covers 'suspects')."""
    if kind == "prefixes":
        return other.startswith(token)
    return other == token + "s" or (" " in other and token in other.split()) or (
        not token[:1].isalpha() and token in other)


def _also(claim: Claim, measures: frozenset[str], rate: str,
          people: bool) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """What else a sentence (or the one before it) must say for a loosely described claim: its
    event for people in general or a span of days (see `_tie`), its period for money per year;
    and words in lower case, one of which the pattern cannot match without (see CueIndex)."""
    if claim.kind is Kind.MONEY and rate:
        return _RATE_WORDS, _RATE_HEADS
    wanted = measures - {"exist"}
    if wanted and (claim.kind is Kind.DURATION or (people and claim.kind is Kind.COUNT)):
        related = set(wanted)
        if claim.kind is not Kind.DURATION:
            for m in wanted:
                related |= _RELATED.get(m, set())
        return measure_pattern(related), measure_heads(related)
    return None, frozenset()


_MONTH_OR_DAY = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday"
               r"|friday|saturday|sunday)")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAYS = "(?:" + "|".join(_WEEKDAYS) + ")"
_SPAN_CUE = re.compile(  # on lower-case text: "from june 27 to july 22", "monday to wednesday"
    r"\b(?:from|between)\s+(?:\S+\s+){0,3}?" + _MONTH_OR_DAY
    + r"|\b" + _DAYS + r"\s*(?:to|through|until|-|–)\s*" + _DAYS)
_SPAN_CUE_FIRST = ("from", "between")  # the words a _SPAN_CUE match begins with, and _WEEKDAYS
_WEEKDAY_BEFORE_DAY = {name[-6:-3]: name for name in _WEEKDAYS}  # "mon": "monday", "ues": "tuesday"


def _span_cues(lower: str) -> Iterator[int]:
    """Where _SPAN_CUE.finditer(lower) finds its matches. A match begins with one of its first
    words: they are found with str.find, and the pattern tried only there, which is far quicker
    than the regular expression's own scan of every character. (The weekdays are found by their
    common ending: one scan for "day" rather than seven.)"""
    starts = []
    for word in _SPAN_CUE_FIRST:
        at = lower.find(word)
        while at >= 0:
            starts.append(at)
            at = lower.find(word, at + 1)
    at = lower.find("day")
    while at >= 0:
        weekday = _WEEKDAY_BEFORE_DAY.get(lower[at - 3:at]) if at >= 3 else None
        begin = at + 3 - len(weekday) if weekday is not None else -1
        if begin >= 0 and lower[begin:at + 3] == weekday:
            starts.append(begin)
        at = lower.find("day", at + 1)
    end = 0
    for at in sorted(starts):
        if at >= end and (m := _SPAN_CUE.match(lower, at)) is not None:
            yield at
            end = m.end()


def ties(claim: Claim, analysis: Analysis, terms: ClaimTerms | None = None,
         sentences: list[int] | None = None) -> list[Tie]:
    """Every figure in the report that speaks of the claim's quantity, strongest first.

    `sentences` are the ones to read (from a CueIndex built for all the claims at once).
    """
    terms = terms or ClaimTerms.of(claim)
    if sentences is None:
        sentences = CueIndex([terms]).sentences(analysis)[0]
    out: list[Tie] = []
    if sentences and not attribution.names_story(terms.anchors, analysis.text, analysis.folded):
        return out  # a report that never names the story ("COP29") is of another
    scores: dict[int, float] = {}
    for index in sentences:
        for mention in analysis.in_sentence(index):
            tie = _tie(terms, analysis, mention, scores)
            if tie is not None:
                out.append(tie)
    out.sort(key=lambda t: (-t.strength, t.mention.figure.start))
    return out


_NOT_ITS_OWN = frozenset({Part.OF_THE, Part.OTHER})  # parts never counted as the claim's


def _tie(terms: ClaimTerms, analysis: Analysis, mention: Mention, scores: dict[int, float]) -> Tie | None:
    # The cheap tests come first: most figures of a report are not the claim's.
    claim = terms.claim
    kind = terms.kind
    figure = mention.figure
    if figure.kind is not kind:
        return None
    if kind is Kind.MONEY and figure.currency != claim.figure.currency and not claim.rates.converts(claim.figure.currency):
        return None  # (whether this currency has a rate is asked when the verdict is decided)
    if kind is Kind.MEASURE and family_of(figure.unit).family != terms.family:
        return None  # a length is not a speed
    interval = figure.compared
    member = False
    quality = 0.6
    counts = ""
    named = False
    if kind is Kind.COUNT:
        if mention.part in _NOT_ITS_OWN:
            return None
        if mention.part is Part.OF_THEM and (terms.people or not (mention.noun or mention.origin)):
            return None  # "45 of them women" is part of another count
        matched = _unit_quality(terms, mention)
        if matched is None:
            matched = _elliptic(terms, analysis, mention)
        if matched is None:
            matched = _unit_said_after(terms, analysis, mention)
        if matched is None:
            if not _bare_tie(terms, analysis, mention):
                return None
            quality, counts = 0.5, "(no noun; its sentence speaks of the claim)"
            named = not terms.people  # "The count of Taiwanese ... was raised to 82": its clause names the unit
        else:
            quality, member, counts = matched
            if member:
                interval = Interval(0.0, interval.high, False, interval.high_open)
    elif kind is Kind.DURATION:
        if _window_of_a_count(analysis, mention):
            return None
        counts = "days"
    elif kind is Kind.MONEY:
        quality = 0.8
        if terms.rate and figure.rate != terms.rate:
            if figure.rate or not _RATE_WORDS.search(analysis.sentence_text(mention.index)):
                return None
        counts = figure.currency
    if _superseded(analysis.text, figure.start):
        return None  # "up from 190 this morning": an earlier value, not the report's figure
    agree = _agreement(terms, analysis.measures(mention))
    if agree is False:
        return None  # another measure: rescued, not deported
    anchors = terms.anchors
    phrase = analysis.phrase(mention)
    when = analysis.report.published
    if when and terms.published and kind is Kind.COUNT and when < terms.published[:10] \
            and interval.high < claim.interval.low:
        return None  # a lower count in a report published before the source: an earlier tally
    if when and attribution.another_year_report(anchors, phrase, when, terms.published):
        return None  # a report of another year, the figure undated: that year's
    if attribution.other_claims(anchors, phrase):
        return None  # "the Conservatives 121": another claim's figure
    if not (kind is Kind.COUNT and quality >= 0.9) and attribution.other_measure(anchors, phrase):
        return None  # another claim's measure in the figure's own words
    if attribution.other_year(anchors, phrase, terms.published):
        return None  # "365 seats in 2019": another year's
    if attribution.other_month(anchors, phrase, when or terms.published):
        return None  # "rose 0.4% in August" beside a claim for July: another month's
    if attribution.projection(phrase) is not anchors.projected and not (
            anchors.projected and attribution.looks_ahead(phrase)):
        return None  # "could exceed 10,000": a projection is not a count, nor a count a projection
    if attribution.another_instance(anchors, analysis.sentence_text(mention.index), analysis.around(mention)):
        return None  # "the death toll from Typhoon Bualoi": another event of the same kind
    if anchors.names and not attribution.names_near(anchors, analysis.around(mention)):
        return None  # the claim's actor or place is not named near the figure
    if attribution.aggregate(analysis.text, figure.start) and not attribution.aggregate(claim.statement, len(claim.statement)):
        return None  # "revised down by a combined 29,000": a total of the claim's thing and others
    after = analysis.noun_end(mention)
    if attribution.combined(anchors, analysis.text[after:after + 60], terms.own_words) or (
            after > figure.end and attribution.combined(anchors, analysis.text[figure.end:figure.end + 80],
                                                        terms.own_words)):
        return None  # "329 people dead and missing": a total of this claim's and another's
    per_period = kind is Kind.MONEY and bool(terms.rate) and figure.rate == terms.rate  # "a year" said with it
    # the claim's actor named in the figure's own clause: "the DA finished second with 22%"
    actor = bool(anchors.names) and attribution.names_near(anchors, phrase.clause)
    if not agree and not per_period and anchors.qualifiers and not actor and not attribution.qualified(
            anchors, analysis.leaning_text(mention)):
        return None  # "124 cases" for a claim of cases in people fully vaccinated
    in_clause, in_phrase = attribution.keyed(anchors, phrase)
    if actor and not in_clause and kind is not Kind.COUNT:
        in_clause = loose_actor = True  # may agree; a share whose measure is unsaid never contradicts
    else:
        loose_actor = False
    if kind is Kind.MONEY and terms.rate and figure.rate == terms.rate:
        # money per the claim's period: the period says what it measures; firmly so when no other
        # sum per that period stands in the sentence
        in_clause = True
        in_phrase = in_phrase or not any(
            m.figure is not figure and m.figure.kind is Kind.MONEY and m.figure.rate == figure.rate
            for m in analysis.in_sentence(mention.index))
    if kind is Kind.COUNT:
        firm = quality >= 0.9 or bool(agree) or in_phrase or named or bool(mention.origin)
    else:
        if not (in_clause or agree):
            return None  # "the pound fell 1.2%": not what the claim measures
        firm = in_phrase or bool(agree)
    former = "" if terms.about_former else _former_level(analysis.text, figure.start, figure.end)
    if former == "from":
        return None  # "from £11.44 to £12.21": the level it rose to is the report's
    if kind is not Kind.COUNT and when and terms.published and when < terms.published[:10]:
        firm = False  # an estimate in a report older than the source: an earlier one, never a contradiction
    # 'Claim 3: "The raids lasted three days."': a fact-check quoting what it checks; its own
    # finding speaks first
    quoted = _QUOTED_CLAIM.match(analysis.text, analysis.report.sentences.starts[mention.index], figure.start)
    if former or loose_actor or quoted or (not anchors.proposal and attribution.proposed(phrase)):
        firm = False  # "its previous forecast of 0.8%", "an offer of $250bn": may agree, never contradict
    if agree is None and kind is not Kind.MONEY and (quality <= 0.6 or (terms.people and kind is Kind.COUNT)) \
            and terms.measures - TELLING_APART - {"exist"}:
        return None  # a duration, or people in general, must be counted in the claim's event
    if terms.countries and analysis.elsewhere(mention, terms.countries):
        return None  # "Thailand's police arrested 53": another country's count
    if terms.places and kind is Kind.COUNT:  # "near Mandalay" locates a quake; it does not scope its magnitude
        near = analysis.places_near(mention)
        if not any(p in near for p in terms.places):
            return None  # the claim is about Poipet; this figure is about somewhere else
    score = scores.get(mention.index)
    if score is None:
        score = scores[mention.index] = fuzz.token_set_ratio(
            terms.processed_query, default_process(analysis.sentence_text(mention.index)), processor=None)
    partial = kind is not Kind.DURATION and analysis.scope(mention, terms.known_places)
    strength = quality + (0.3 if agree else 0.0) + 0.4 * score / 100 - (0.2 if partial else 0.0) \
        - (0.3 if former else 0.0) - (0.5 if quoted else 0.0)  # the level that replaced it, the finding, first
    relation = ("narrower_scope" if partial else "projection" if anchors.projected
                else "later_tally" if kind is Kind.COUNT and when > terms.published[:10] and terms.published
                else "other_source" if attribution.other_source(anchors, analysis.sentence_text(mention.index)) else "")
    named_here = firm and ((kind is Kind.COUNT and quality >= 0.8) or in_phrase)
    return Tie(mention, interval, strength, score, partial, counts, member, firm, relation, named_here)


# "up from 190", "first announced as 75", "an earlier report said 198", "five days, not three"
_CHANGED = ("up", "down", "rising", "falling", "rose", "fell", "revised", "compared")  # from, with
_AT_FIRST = ("first", "initially", "originally", "previously", "earlier")
_FIRST_SAID = ("announced", "reported", "put", "given", "said", "stated", "registered", "listed")
_REPORTS = ("report", "count", "tally", "figure", "estimate")  # (and their plurals in 's')
_REPORT_SAID = ("said", "put", "gave", "showed", "of")
_SUPERSEDED = re.compile(
    r"(?:\b(?:" + "|".join(_CHANGED) + r")\s+(?:from|with)"
    r"|\b(?:" + "|".join(_AT_FIRST) + r")\s+(?:" + "|".join(_FIRST_SAID) + r")(?:\s+(?:as|at))?"
    r"|\b(?:an?|the)\s+(?:earlier|previous|initial|first)\s+(?:" + "|".join(_REPORTS) + r")s?"
    r"\s+(?:" + "|".join(_REPORT_SAID) + r")(?:\s+(?:it|the\s+\w+)\s+(?:at|as))?"
    r"|\bnot)\s+$",
    re.I,
)
# The last word of a _SUPERSEDED match (but "not"), in lower case, and what the word before it
# ends with (after "as" or "at", any word: "the count put it at")
_SUPERSEDED_AFTER = {
    "from": _CHANGED, "with": _CHANGED, "as": (), "at": (),
    **{word: _AT_FIRST for word in _FIRST_SAID},
    **{word: (_AT_FIRST if word in _FIRST_SAID else ()) + _REPORTS + tuple(r + "s" for r in _REPORTS)
       for word in _REPORT_SAID},
}


def _superseded(text: str, start: int) -> bool:
    """_SUPERSEDED.search(text, max(0, start - 40), start): does an earlier value's phrase come
    right before the figure? The pattern tries its many words at every one of the 40 characters,
    ignoring case, which costs far more than reading the two words before the figure: a match
    ends with a word of _SUPERSEDED_AFTER after one it names, and white space, so the pattern is
    searched only then."""
    lo = max(0, start - 40)
    head = text[lo:start].rstrip()
    if not head or len(head) == start - lo:
        return False  # no word, or no space after it
    if head.isascii():  # (ignoring case, the pattern also meets a few letters beyond ASCII: 'ſ')
        last_two = head.lower().rsplit(None, 2)[-2:]
        if not last_two[-1].endswith("not"):  # ("\bnot": perhaps the end of a longer word)
            after = _SUPERSEDED_AFTER.get(last_two[-1])
            if after is None or (after and not (len(last_two) == 2 and last_two[0].endswith(after))):
                return False
    return _SUPERSEDED.search(text, lo, start) is not None


# A fact-check's restatement of what it checks, up to the figure: 'Claim 3: "The raids lasted three'
_QUOTED_CLAIM = re.compile(r"[*_#>\s]*(?:the\s+)?(?:claims?|rumou?rs?|the\s+post|viral\s+post)(?:\s+\d+)?\s*:\s*[\"“'‘][^\"”’]*$",
                           re.I)


# A level the figure's sentence says was replaced: "from X to Y", "its previous forecast of X"
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_TO_BEFORE = re.compile(r"\bto\s+$", re.I)  # "from 10 to 18 per cent": 18 is the level it went to
_TO_AFTER = re.compile(r"[^.;:]{0,50}?\bto\s+(?:about\s+|around\s+|some\s+|just\s+)?[~$£€¥\d]", re.I)
_FORMER = r"\b(?:previous|previously|earlier|old|existing|former|prior|original|originally)\b"
_FORMER_WORD = re.compile(_FORMER, re.I)
_FORMER_BEFORE = re.compile(_FORMER + r"(?:\s+[\w'’-]+){0,3}\s+(?:of|at|was|were|had\s+been|stood\s+at)?\s*$",
                            re.I)


def _former_level(text: str, start: int, end: int) -> str:
    """Is the figure a level its sentence says was replaced: "from" ("from £11.44 to £12.21"),
    "former" ("an earlier target of $250bn"), or "" (no)?"""
    head = text[max(0, start - 50):start]
    if _FROM_BEFORE.search(head) and not _TO_BEFORE.search(head) and _TO_AFTER.match(text, end, end + 80):
        return "from"
    return "former" if _FORMER_BEFORE.search(head) else ""


_RATE_PHRASES = ("annual", "annually", "a year", "per year", "each year", "every year", "yearly", "last year")
_RATE_WORDS = re.compile(r"\b(?:" + "|".join(_RATE_PHRASES) + r")\b", re.I)
_LAST_WORDS = {p.split()[-1] for p in _RATE_PHRASES}
# what every match of _RATE_WORDS holds: the phrases' last words, less those another begins
_RATE_HEADS = frozenset(w for w in _LAST_WORDS if not any(w.startswith(o) and w != o for o in _LAST_WORDS))


_RELATED = {"arrest": {"raid"}, "raid": {"arrest"}}


def _agreeing(claimed: frozenset[str], strict: bool) -> frozenset[str]:
    """The measures a figure's measures must include to agree with `claimed` (but 'exist')."""
    wanted = set(claimed)
    if not strict:
        for measure in claimed:
            wanted |= _RELATED.get(measure, set())
    return frozenset(wanted - {"exist"})


def _agreement(terms: ClaimTerms, found: frozenset[str]) -> bool | None:
    """True: the figure is of the claim's measure; False: of another; None: nothing said.

    'exist' ("listed", "identified") says nothing on its own; arrests and raids go together,
    except for a duration: the days of the raids are not the days of arrests (terms.agreeing)."""
    if not terms.measures or not found or found == _EXIST_ONLY:
        return None
    shared = terms.agreeing & found
    if not shared:
        return False
    return None if shared <= TELLING_APART else True


_EXIST_ONLY = frozenset({"exist"})


def _unit_quality(terms: ClaimTerms, mention: Mention) -> tuple[float, bool, str] | None:
    """How well the figure's noun (or origin) meets one of the claim's units; None if not."""
    noun, origin = mention.noun, mention.origin
    if terms.people_only:
        # A claim about people in general: met by "suspects", "detainees", "people".
        if origin or not noun:
            return None
        if noun[-1].lower() in PEOPLE and (len(noun) == 1 or all(m.lower() in NEUTRAL_MODIFIERS for m in noun[:-1])):
            return 0.8, False, " ".join(noun)
        return None
    best: tuple[float, bool] | None = None
    for unit in terms.units:
        got = _meets(unit, noun, origin)
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    if best is None:
        return None
    return best[0], best[1], " ".join((*noun, "from", ", ".join(origin)) if origin else noun)


_LINK_VERBS = r"(?:(?:are|were|is|was|have|has|had|been|who|that|now|already)\s+){0,3}"


def _unit_said_after(terms: ClaimTerms, analysis: Analysis, mention: Mention) -> tuple[float, bool, str] | None:
    """A unit of several words said right after the figure's people ("27.7 million South
    Africans registered to vote", "27 million people are registered to vote")."""
    if mention.noun and mention.noun[-1].lower() not in PEOPLE and not is_demonym(mention.noun[-1]):
        return None
    end = analysis.noun_end(mention)
    after = analysis.text[end:end + 60]
    for unit in terms.units:
        if len(unit) > 1 and re.match(r"\s+" + _LINK_VERBS + r"\s+".join(map(re.escape, unit)) + r"\b", after, re.I):
            return 0.9, False, " ".join(unit)
    return None


def _elliptic(terms: ClaimTerms, analysis: Analysis, mention: Mention) -> tuple[float, bool, str] | None:
    """'Labour won 411 seats, the Conservatives 121': a bare number in a list after a figure
    whose noun is the claim's unit counts the same things."""
    if mention.noun or mention.origin or mention.part is not Part.WHOLE:
        return None
    earlier = [m for m in analysis.in_sentence(mention.index)
               if m.figure.end <= mention.figure.start and m.figure.kind is Kind.COUNT]
    if not earlier or not earlier[-1].noun:
        return None
    between = analysis.text[earlier[-1].figure.end:mention.figure.start]
    steps = list(_LIST_STEP.finditer(between))
    if not steps or len(between) > 80:
        return None
    item = words(between[steps[-1].end():])
    if any(not w[:1].isupper() and w.lower() not in STOPWORDS for w in item):
        return None  # "other nationalities 60": the item names what it counts itself
    got = _unit_quality(terms, replace(mention, noun=earlier[-1].noun))
    return None if got is None else (got[0] * 0.9, got[1], got[2])


_LIST_STEP = re.compile(r"[,;]|\band\b|\bwhile\b|\bwhereas\b")


def _meets(unit: tuple[str, ...], noun: tuple[str, ...], origin: tuple[str, ...]) -> tuple[float, bool] | None:
    member = False
    words_ = noun
    if len(origin) == 1:
        words_ = (origin[0], *noun)
    elif len(origin) > 1:
        if not any(same_word(o.split()[-1], u) for o in origin for u in unit):
            return None
        return (0.7, True) if not noun or any(w.lower() in PEOPLE for w in noun) else None
    if not words_:
        return None
    head, mods = words_[-1], words_[:-1]
    for m in mods:
        if m.lower() not in NEUTRAL_MODIFIERS and not _shares(m, unit):
            return None  # "Indonesian nationals" is not "foreign nationals"
    mod_hits = _any_same(mods, unit[0])  # the unit's distinctive word
    if _shares(head, unit):
        quality = 1.0 if (mod_hits or len(unit) == 1 or not mods) else 0.9
        return quality, member
    if mod_hits and head.lower() in _GROUP_HEADS:
        return 0.95, member  # "Vietnamese nationals" for "Vietnamese"
    if mod_hits:
        return 0.75, member  # "scam centres" for "scam compounds"
    return None


# (a noun or a unit runs to a word or two: plain loops, where any() over a generator costs more)


def _shares(word: str, unit: tuple[str, ...]) -> bool:
    """Does `word` share a stem with a word of `unit`? (any(same_word(word, u) for u in unit))"""
    for u in unit:
        if same_word(word, u):
            return True
    return False


def _any_same(words_: Sequence[str], word: str) -> bool:
    """any(same_word(w, word) for w in words_)"""
    for w in words_:
        if same_word(w, word):
            return True
    return False


_GROUP_HEADS = PEOPLE | {"nationals", "citizens"}


def _bare_tie(terms: ClaimTerms, analysis: Analysis, mention: Mention) -> bool:
    """A number with no noun ("brought the total to 2,137") ties when its sentence says what."""
    if mention.noun or mention.origin or mention.part is not Part.WHOLE:
        return False
    before = analysis.text[analysis.report.sentences.starts[mention.index]:mention.figure.start]
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"), before.rfind("("))
    if not _says_something(before[cut + 1:]):  # "Indonesians were the largest group, at nearly 300"
        limit = max(cut, 0)
        cut = max(before.rfind(",", 0, limit), before.rfind(";", 0, limit), before.rfind(":", 0, limit),
                  before.rfind("(", 0, limit))
    clause = before[cut + 1:]
    if not _revises(clause):
        before = clause  # the figure's own clause, unless it revises an earlier one:
        # "The count of Taiwanese, first announced as 75, was raised to 82"
    if not terms.people:
        said = words(before)
        for unit in terms.units:  # every word of one unit said
            for u in unit:
                if not _any_same(said, u):
                    break
            else:
                return True
        return False
    if terms.counted is not None and terms.counted.search(before[-24:]):
        return True  # "Cambodia arrests over 1,000": the number is what was arrested
    after = _MEASURE_AFTER.match(analysis.text, mention.figure.end)
    if after and terms.measures & measures_in(after.group("word")):
        return True  # "while 145 are still missing"
    if not terms.measures:
        return False
    return _may_hold(before, _COUNT_WORDS) and bool(re.search(_COUNT_WORDS_PATTERN, before, re.I)) \
        and bool(terms.measures & measures_in(before))


_MEASURE_AFTER = re.compile(r"\s+(?:(?:are|were|is|was|went|remain|remained|have\s+been|had\s+been|have|had)\s+)?"
                            r"(?:still\s+)?(?P<word>[a-z]+)")
_COUNT_WORDS = ("people", "persons", "suspects", "detainees", "number", "total", "tally", "toll", "figure", "count")
_COUNT_WORDS_PATTERN = r"\b(?:" + "|".join(_COUNT_WORDS) + r")\b"


def _says_something(text: str) -> bool:
    """bool(content_words(text)): is one of its words not a stop word, a number or too short? The
    first that may be is asked, rather than every word (content_words lists them all)."""
    for word in words(text):
        if len(word) >= 3 and word.lower() not in STOPWORDS and content_words(word):
            return True
    return False


def _may_hold(text: str, parts: tuple[str, ...]) -> bool:
    """Might a search that ignores case find one of `parts` (lower case) in `text`? False only
    when it cannot: an ASCII text without any of them (beyond ASCII, ignoring case meets letters
    such as 'ſ' for 's', so those texts are left to the search). `in` is a quick scan in C, where
    a pattern that ignores case tries its words at every character."""
    if not text.isascii():
        return True
    lower = text.lower()
    for part in parts:
        if part in lower:
            return True
    return False


_REVISION_STEMS = ("revis", "rais", "lower", "correct", "updat", "adjust", "amend")


@functools.cache  # compiled on first use: few reports have a bare figure's clause to test
def _revision() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(_REVISION_STEMS) + r")\w*\b", re.I)


def _revises(text: str) -> bool:
    """_revision().search(text) is not None."""
    return _may_hold(text, _REVISION_STEMS) and _revision().search(text) is not None
_WITHIN = re.compile(r"\bwithin\s+$", re.I)
_OF_AFTER = re.compile(r"\s+of\b", re.I)


def _window_of_a_count(analysis: Analysis, mention: Mention) -> bool:
    """'809 people detained over the two days': the days are the count's window, not an event's span."""
    figure = mention.figure
    if figure.text.lower().startswith(("between", "from")):
        return False  # a span named by its first and last day is the event's own
    if _WITHIN.search(analysis.text, max(0, figure.start - 8), figure.start) and _OF_AFTER.match(
        analysis.text, figure.end
    ):
        return True  # "within six months of earlier raids": a time since an event, not its span
    if EVENT_SPAN.match(analysis.text, figure.end) or "-" in figure.text:
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
