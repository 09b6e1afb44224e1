"""What a report says around each figure: what it counts, what happened to those counted, and
whether its scope is narrower than a whole country's (one city, one day, one raid).

The matcher (match.py) asks; this module reads the report, sentence by sentence, and remembers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Container, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property

from .attribution import Phrase, phrase_of
from .figures import Figure, Hedge, Kind, read_figures
from .lexicon import PEOPLE, REPORTING, STOPWORDS, fold_lookalikes, has_lookalikes, measures_in, nearest_measures
from .places import (
    SUBNATIONAL, countries_in, country_of, is_country, is_demonym, is_region, places_scoping, readings,
)
from .reports import Report

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


# The members read for every figure, read from their classes once: on Python 3.11 every
# Part.WHOLE reads through EnumType.__getattr__
_PART_WHOLE, _PART_OF_THEM, _PART_OF_THE, _PART_OTHER = Part.WHOLE, Part.OF_THEM, Part.OF_THE, Part.OTHER
_KIND_COUNT, _HEDGE_VAGUE = Kind.COUNT, Hedge.VAGUE


class Analysis:
    """A report read for matching: figures and their context, worked out sentence by sentence
    as the claims ask (a claim only looks at sentences holding one of its cue words)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        # read with look-alike letters folded ("arreſted"); quotes come from report.text
        self.text = fold_lookalikes(report.text) if has_lookalikes(report.text) else report.text
        self._starts = report.sentences.starts
        self._ends = report.sentences.ends
        self._mentions: dict[int, list[Mention]] = {}
        self._antecedents: dict[int, int | None] = {}
        self._measures: dict[int, frozenset[str]] = {}
        self._countries: dict[int, frozenset[str]] = {}
        self._scoped: dict[str, frozenset[str]] = {}
        self._said: dict[tuple[int, str], bool] = {}

    def in_sentence(self, index: int) -> list[Mention]:
        """The figures of one sentence, with what each counts (read once, on first use)."""
        found = self._mentions.get(index)
        if found is None:
            start, end = self._starts[index], self._ends[index]
            found = []
            for figure in read_figures(self.text, start, end, folded=True):
                if figure.end > end:
                    figure = _clip(figure, end, self.text)
                if self.text is not self.report.text:  # folded: the figure's words as written
                    figure = replace(figure, text=self.report.text[figure.start:figure.end])
                noun, origin, part = _counted(self.text, figure, start, end)
                found.append(Mention(figure, index, noun, origin, part))
            self._mentions[index] = found
        return found

    def phrase(self, mention: Mention) -> Phrase:
        """The words the figure stands among, between its neighbours and the clause marks."""
        index = mention.index
        figure = mention.figure
        spans = [(m.figure.start, self.noun_end(m)) for m in self.in_sentence(index) if m.figure is not figure]
        return phrase_of(self.text, self._starts[index], self._ends[index], figure.start, figure.end, spans)

    def noun_end(self, mention: Mention) -> int:
        """Where the figure's noun ends ("119 Thais"): a neighbour's noun is its, not the next figure's."""
        end = mention.figure.end
        for word in mention.noun:
            at = self.text.find(word, end, end + 40)
            if at < 0:
                break
            end = at + len(word)
        return end

    def lowered(self, size: int = 1 << 20) -> Iterator[tuple[int, str]]:
        """The text in lower case, a window of whole sentences at a time: (offset, window)."""
        sentences = self.report.sentences
        i = 0
        while i < len(sentences):
            j = bisect_right(self._starts, sentences[i].start + size, lo=i + 1)
            lo, hi = sentences[i].start, sentences[j - 1].end
            yield lo, _lower(self.text[lo:hi])
            i = j

    def sentence_at(self, position: int) -> int | None:
        """The index of the sentence holding `position`, if any."""
        index = bisect_right(self._starts, position) - 1
        if index < 0 or position >= self._ends[index]:
            return None
        return index

    def sentence_text(self, index: int) -> str:
        return self.text[self._starts[index]:self._ends[index]]

    def says(self, index: int, pattern: re.Pattern[str], may_match: Container[int] | None = None) -> bool:
        """Does the sentence, or the one it leans on ("They included ..."), match `pattern`?
        `may_match`, if given, holds every sentence the pattern may match (by a quicker test):
        the others are not searched."""
        key = (index, pattern.pattern)
        if key not in self._said:
            found = self._matches(index, pattern, may_match)
            if not found and self._leans(index):
                ante = self.antecedent(index)
                found = ante is not None and self.says(ante, pattern, may_match)
            self._said[key] = found
        return self._said[key]

    def figures_say(self, index: int, pattern: re.Pattern[str], may_match: Collection[int] | None = None,
                    earliest: int | None = None) -> bool:
        """Does the sentence hold figures and `says` `pattern`? A sentence that leans on another
        is checked for figures first: without any it cannot matter, and finding the sentence it
        leans on would read the figures of those before it. `earliest` is min(may_match), if
        the caller knows it (asking it here for every sentence would cost a huge report dearly)."""
        if self._matches(index, pattern, may_match):
            return True
        if not self._leans(index):
            return False
        if may_match is not None and (min(may_match, default=index) if earliest is None else earliest) >= index:
            return False  # the sentences it may lean on come before it, and none of those may match
        if not self.in_sentence(index):
            return False
        ante = self.antecedent(index)  # (what `says` would do next: the sentence is searched once)
        return ante is not None and self.says(ante, pattern, may_match)

    def _matches(self, index: int, pattern: re.Pattern[str], may_match: Container[int] | None) -> bool:
        return (may_match is None or index in may_match) and pattern.search(
            self.text, self._starts[index], self._ends[index]) is not None

    def _leans(self, index: int) -> bool:
        """Does the sentence begin as one that leans on another ("They ...", a bullet, a table row)?"""
        return _LEANS.match(self.text, self._starts[index]) is not None

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
            if m.figure.kind is _KIND_COUNT and _DEFINITE_BEFORE.search(
                self.text, max(0, m.figure.start - 7), m.figure.start
            ):
                # "The 215 foreign nationals were ...": the sentence that first gave 215
                earlier = next((j for j in range(index) if any(
                    o.figure.kind is _KIND_COUNT and o.figure.value == m.figure.value
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
        start, end = self._starts[mention.index], self._ends[mention.index]
        text = self.text
        figure = mention.figure
        lo = _TO_LAST_CLAUSE_MARK.match(text, start, figure.start).end()  # after the last mark before it
        hi = _NO_CLAUSE_MARK.match(text, figure.end, end).end()
        if self._has_dashes:  # (the dashes apart: see _NO_CLAUSE_MARK)
            lo = _TO_LAST_DASH.match(text, lo, figure.start).end()
            hi = _NO_DASH.match(text, figure.end, hi).end()
        # its own words first, not back past the figure before it: "281 lives lost and 67 people
        # reported missing" - the 67 are missing; "inflation of 2.5% this year and 2.6% next" - the
        # 2.6% says none of its own, and is inflation too
        found = frozenset()
        before = [self.noun_end(m) for m in self.in_sentence(mention.index) if m.figure.end <= figure.start]
        if before and lo < before[-1] < figure.start:
            found = nearest_measures(text[before[-1]:hi], figure.start - before[-1], folded=True)
        found = found or nearest_measures(text[lo:hi], figure.start - lo, folded=True)
        if not found and (lo, hi) != (start, end):  # (the clause is the sentence: nothing more to find)
            found = measures_in(text[start:end], folded=True)
        if not found and (ante := self.antecedent(mention.index)) is not None:
            found = measures_in(self.sentence_text(ante), folded=True)
        return found

    @cached_property
    def folded(self) -> str:
        """The text in lower case, once."""
        return self.text.lower()

    @cached_property
    def _has_dashes(self) -> bool:
        """Does the text hold a dash that may end a clause (— or –)? A report without any is not
        searched for them at each figure."""
        return "—" in self.text or "–" in self.text

    def scope(self, mention: Mention, claim_places: tuple[str, ...]) -> bool:
        """Is the figure's scope narrower than a whole-country count (one city, day or raid)?"""
        narrow = self._narrow(mention.index, mention.figure, claim_places)
        if narrow is None and (ante := self.antecedent(mention.index)) is not None:
            narrow = self._narrow_sentence(ante, claim_places)
        return bool(narrow)

    def _narrow(self, index: int, figure: Figure, claim_places: tuple[str, ...]) -> bool | None:
        """True: narrower; False: explicitly the whole count; None: the sentence does not say."""
        start, end = self._starts[index], self._ends[index]
        text = self.text
        before = text[max(start, figure.start - WINDOW):figure.start]
        after = text[figure.end:min(end, figure.end + WINDOW)]
        sentence = text[start:end]
        window = _may_hold(_TIME_WINDOW_WORDS, after) and _TIME_WINDOW_AFTER.match(after)
        if window and not EVENT_SPAN.match(after, window.end()):
            return True  # "809 people detained over the two days" (not "in three days of raids")
        lo = max(start, figure.start - 2 * WINDOW)
        near = text[lo:min(end, figure.end + 2 * WINDOW)]
        fronted = _FRONTED.match(sentence)
        clause = _clause(sentence, figure.start - start, figure.end - start)
        around = before + after
        if (_alone(near, figure.start - lo, claim_places) or _time_scoped(clause)
                or (fronted and _time_scoped(fronted.group(0))) or _PARTIAL_COUNT.search(sentence)
                or (_may_hold(_ONE_NIGHT_WORDS, around) and _ONE_NIGHT.search(around))):
            return True
        if ((_may_hold(_ALL_WORDS, before) and _WHOLE_BEFORE.search(before))
                or (_may_hold(_ALL_WORDS, after) and _WHOLE_AFTER.match(after))
                or (_may_hold(_WHOLE_WORDS, sentence) and _WHOLE.search(sentence))):
            return False
        local = before + " " + after + (" " + fronted.group(0) if fronted else "")
        if (_place_scoped(local, claim_places) or _single_site(local)
                or (_holds(_LOCAL_FORCE_WORDS, before) and _LOCAL_FORCE.search(before))):
            return True
        return None

    def _narrow_sentence(self, index: int, claim_places: tuple[str, ...]) -> bool | None:
        sentence = self.sentence_text(index)
        if _may_hold(_WHOLE_WORDS, sentence) and _WHOLE.search(sentence):
            return False
        if (_time_scoped(sentence) or _place_scoped(sentence, claim_places)
                or _single_site(sentence) or _alone(sentence, 0, claim_places)):
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

    def leaning_text(self, mention: Mention) -> str:
        """The figure's sentence and the sentence it leans on, if any."""
        ante = self.antecedent(mention.index)
        text = self.sentence_text(mention.index)
        return text if ante is None else self.sentence_text(ante) + " " + text

    def around(self, mention: Mention) -> str:
        """The figure's sentence with the two before it, the one after ("They had been among ...
        in Poipet") and the one it leans on: where a claim's actor or place must be named."""
        index = mention.index
        last = min(len(self.report.sentences), index + 2)
        parts = [self.places_near(mention)]
        parts += [self.sentence_text(i) for i in range(index + 1, last)]
        return " ".join(parts)

    def elsewhere(self, mention: Mention, countries: frozenset[str]) -> bool:
        """Is the figure about other countries than `countries` (ISO codes)? Its clause's places
        say it first ("ten killed across the Thai capital", "in Bangkok"); else the countries its
        sentence speaks of, else the sentence it leans on, else the dateline."""
        # "Indonesia's ministry said 271 Indonesians were held": a country counting its own people
        own = {country_of(w) for w in (*mention.noun, *mention.origin)}
        start = self._starts[mention.index]
        sentence = self.sentence_text(mention.index)
        clause = _clause(sentence, mention.figure.start - start, mention.figure.end - start)
        if (scoped := self._scoped.get(clause)) is None:  # (the figures of a clause share it)
            scoped = self._scoped[clause] = places_scoping(clause)
        scoped -= own
        if scoped:
            return not (scoped & countries)
        named = self.countries(mention.index) - own
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


def _lower(text: str) -> str:
    """text.lower(), quicker for a text whose only characters beyond ASCII are signs, spaces and
    punctuation without case (U+0080-U+00BF and U+2000-U+20FF: '£', '€', '’', '–'). str.lower
    takes a slow path for any text beyond ASCII; bytes.lower, a fast one that changes only the
    ASCII letters, which in UTF-8 are bytes of their own."""
    if text.isascii():
        return text.lower()
    data = text.encode()
    # In UTF-8 those characters begin with C2 (two bytes) or E2 80 to E2 83 (three): when bytes
    # C2 and E2 account for all the bytes beyond one a character, the text holds no others but
    # some from U+2100-U+2FFF (E2 84 to E2 BF), which the few E2s are looked at for
    if len(data) - len(text) != data.count(b"\xc2") + 2 * data.count(b"\xe2"):
        return text.lower()
    at = data.find(b"\xe2")
    while at >= 0:
        if data[at + 1] > 0x83:
            return text.lower()
        at = data.find(b"\xe2", at + 3)
    return data.lower().decode()


def _counts_people(mention: Mention) -> bool:
    if mention.figure.kind is not _KIND_COUNT or mention.part is not _PART_WHOLE:
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
_LINK_WORD = re.compile(r"\s+(?:other|of|more|additional|further|new)\b", re.I)  # what the four above begin with
_OF_KIND = re.compile(r"\s+of\s+(?:other|another|various other)\s+(?:nationalit|countr)|\s+of\s+[A-Z]\w+\s+(?:origin|descent)")
_FROM_OR_OF = re.compile(r"\s*,?\s*(?:from|of)\s")  # what _OF_KIND and _ORIGIN begin with
# A run of letters, digits, hyphens and apostrophes (' ’) is "[\w'’-]*" written so as to compile
# quickly: a class of \w with ', - and ’ costs ~1.2M instructions to compile (sre maps all 65,536
# characters for three runs of them, one beyond 255), paid at import, before the workers fork,
# for each of the dozen places it was written; "(?:[\w'-]++|’)*+" costs a tenth. Each run is taken
# whole: in every pattern here what follows it is never a character of it.
_RUN = r"(?:[\w'-]++|’)"
_NAME = r"[A-Z]" + _RUN + r"*+(?:\s+[A-Z]" + _RUN + r"*+)*"  # "Phnom Penh", "Xi'an", "Preah Sihanouk"
_NOUN_WORD = re.compile(r"\s*(?:the\s+)?([A-Za-z][\w'’]*(?:-[A-Za-z][\w'’]*)*)")
# (its words possessive: what may follow a word is never a letter of it, and searched for at each
# capital of the 60 characters before the figure, a word given back letter by letter cost dearly)
_NOUN_BEFORE = re.compile(
    r"([A-Z]" + _RUN + r"++(?:\s+[A-Za-z]" + _RUN + r"++)?)\s*(?P<paren>\([^()]{0,40}\)\s*)?"
    r"(?P<mark>[:=|]\s*|–\s*)?$"  # (a class of [:=–|], its four runs and one beyond 255, as _RUN)
)
_ORIGIN = re.compile(
    r"\s*,?\s*(?:from|of)\s+((?:the\s+)?" + _NAME + r"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?" + _NAME + r")*)"
)


def _counted(text: str, figure: Figure, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...], Part]:
    """(noun words, origin places, part) for the figure ending at `figure.end`, in the sentence
    `text[start:end]`.

    "75 suspects from Taiwan" -> (("suspects",), ("Taiwan",), WHOLE);
    "45 of them women" -> (("women",), (), OF_THEM).
    """
    pos, limit = figure.end, end
    part = _PART_WHOLE
    if _LINK_WORD.match(text, pos, limit):  # (a quick test first: the four patterns need its words)
        if _OTHER.match(text, pos, limit):
            return (), (), _PART_OTHER
        if figure.hedge is not _HEDGE_VAGUE and _OF_THE.match(text, pos, limit):
            return (), (), _PART_OF_THE
        if (m := _PARTITIVE.match(text, pos, limit)) is not None:
            part, pos = _PART_OF_THEM, m.end()
        elif (m := _SKIP_AFTER.match(text, pos, limit)) is not None:
            pos = m.end()
    noun: list[str] = []
    while len(noun) < 3 and (m := _NOUN_WORD.match(text, pos, limit)) is not None:
        word = m.group(1)
        low = word.lower()
        if low in STOPWORDS or (noun and low.endswith("ed")):
            break  # "230 foreigners detained in raids": the noun ends before the verb
        noun.append(word)
        pos = m.end()
        if low in PEOPLE:
            break
    origin: tuple[str, ...] = ()
    if _FROM_OR_OF.match(text, pos, limit):  # (a quick test first: both patterns need its words)
        if noun and _OF_KIND.match(text, pos, limit):
            part = _PART_OTHER  # "33 people of other nationalities"
        if (m := _ORIGIN.match(text, pos, limit)) is not None:
            names = [re.sub(r"^the\s+", "", n.strip()) for n in re.split(r",|\band\b", m.group(1))]
            origin = tuple(n for n in names if n)
    if not noun and not origin and figure.kind is _KIND_COUNT:
        # "Vietnamese: 213", "Indonesia 271", "China (including Taiwan) 391" in a list
        if (m := _NOUN_BEFORE.search(text, max(start, figure.start - 60), figure.start)):
            name = m.group(1).split()
            if m.group("mark") or is_country(name[-1]) or is_demonym(name[-1]) or name == ["Viet", "Nam"]:
                noun = ["Vietnam"] if name == ["Viet", "Nam"] else name
    return tuple(noun), origin, part


# ---------------------------------------------------------------------------------------------
# Scope: narrower than the claim?
# ---------------------------------------------------------------------------------------------

_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_DAY_WORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "[Oo](?<!\w[Oo])" is "\b[Oo]" written to begin with the letter (as lexicon's _CAPITALISED):
# the regex engine then skips to the letter, rather than trying every position.
_ON_DAY = re.compile(
    r"[Oo](?<!\w[Oo])n\s+(?:the\s+)?(?:" + _DAY_WORD + r"|"
    + _MONTHS + r"\.?\s+\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r")\b"
)
# what every match of _ON_DAY holds (see _holds): a day's name ends in "day"; a month's name
# begins with the first three letters of its own
_DATE_WORDS = ("day", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TIME_WINDOW_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:over|in|during|within)\s+(?:the\s+|just\s+|only\s+)*(?:past\s+|last\s+|first\s+)?"
    r"(?:two|three|four|five|six|seven|\d+)\s+(?:days|hours|weeks)\b",
    re.I,
)
_TIME_WINDOW_WORDS = ("days", "hours", "weeks")  # (see _may_hold)
_ALONE = re.compile(r"\b(?:in|at|on|from|for|inside)\b(?P<where>[^.;]{0,60})\balone\b", re.I)
_NEW_CLAUSE = re.compile(r";|,\s+(?:and|but|while|whereas)\s|\.\s")
# (and the dash "—", looked for apart: with it, the pattern's first characters cost ~1.2M
# instructions to compile, as _RUN)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|after|before|when|although|though)\b")


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause of a sentence that holds the span [start, end): between semicolons, dashes
    and conjunctions such as ', after' (but not the commas of lists and asides)."""
    lo = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        lo = m.end()
    m = _CLAUSE_BREAK.search(sentence, end)
    hi = m.start() if m else len(sentence)
    if "—" in sentence:
        lo = max(lo, sentence.rfind("—", 0, start) + 1)
        if (at := sentence.find("—", end, hi)) >= 0:
            hi = at
    return sentence[lo:hi]
# An incomplete count: "with results in from 8.5% of polling stations", "partial results"
_PARTIAL_COUNT = re.compile(
    r"\b(?:partial|early|earlier|preliminary|provisional|incomplete|initial)\s+(?:official\s+)?"
    r"(?:results?|counts?|tall(?:y|ies)|returns)\b"
    r"|\b(?:results?|votes?|ballots?)\s+(?:counted\s+)?so\s+far\b"
    r"|\bresults?\s+(?:are\s+|were\s+)?in\s+from\s+(?:about\s+|just\s+|over\s+)?\d"
    r"|\d\s*(?:%|per\s*cent|percent)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:votes?|ballots?|polling\s+stations?"
    r"|voting\s+districts?|districts?|precincts?|results?|constituencies|VDs)\s+(?:had\s+been\s+|have\s+been\s+"
    r"|were\s+|was\s+)?(?:counted|reporting|reported|declared|captured|in|tallied|processed|counted)\b"
    r"|\bwith\s+(?:just\s+)?(?:over\s+|about\s+|nearly\s+|almost\s+|more\s+than\s+)?\d[\d.,]*\s*(?:%|per\s*cent|percent)"
    r"\s+(?:of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?)?(?:counted|reporting|declared|captured)\b"
    r"|\bwith\s+(?:about\s+|nearly\s+|almost\s+|just\s+over\s+|more\s+than\s+)?(?:half|a\s+third|a\s+quarter"
    r"|two-thirds|three-quarters)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:results?|votes?|ballots?)\s+(?:in|counted|declared)\b"
    r"|\b(?:leads?|led|leading)\s+(?:\w+\s+){0,2}?with\b",
    re.I,
)
_ONE_NIGHT = re.compile(r"\b(?:overnight|that night|that day|this morning|in a single day)\b", re.I)
_ONE_NIGHT_WORDS = ("day", "night", "morning")  # (see _may_hold)
_LOCAL_FORCE = re.compile(r"[A-Z](?<!\w[A-Z])" + _RUN + r"*+(?:\s+[A-Z]" + _RUN + r"*+)*"
                          r"\s+(?:provincial|municipal|district|city)\s+(?:police|authorities|officials|officers)\b")
_LOCAL_FORCE_WORDS = ("provincial", "municipal", "district", "city")  # (see _holds)
# The marks that end a figure's clause: , ; : ( ) [ ] and the dashes — and –, found in one pass
# each way (str.rfind per mark cost more in parsing its arguments), the dashes in a pass of their
# own: a class of them with the others costs ~1.2M instructions to compile (as _RUN), of them alone
# a fifth.
_NO_CLAUSE_MARK = re.compile(r"[^,;:()\[\]]*")  # up to the first mark
_TO_LAST_CLAUSE_MARK = re.compile(r"(?:[^,;:()\[\]]*+[,;:()\[\]])*")  # up to the last mark, if any
_NO_DASH = re.compile(r"[^—–]*")
_TO_LAST_DASH = re.compile(r"(?:[^—–]*+[—–])*")
_WHOLE = re.compile(r"\b(?:nationwide|across the country|around the country|throughout the country|"
                    r"country-?wide|all told)\b", re.I)
_WHOLE_WORDS = ("nationwide", "country", "all told")  # (see _may_hold)
_WHOLE_BEFORE = re.compile(r"\b(?:total|tally|overall|in all|altogether|all)\b", re.I)
_WHOLE_AFTER = re.compile(r"[^.;]{0,30}?\b(?:in total|in all|altogether|overall|all told|nationwide)\b", re.I)
_ALL_WORDS = ("al", "nationwide")  # (see _may_hold) for _WHOLE_BEFORE and _WHOLE_AFTER
_FRONTED = re.compile(r"(?:In|On|During|Between|From|Over|Within)\b[^,]{2,70},")
# "\b(?:a|one|single|that|the same)\s+..." ignoring case, written to begin with the letters it
# may begin with (as _ON_DAY), the rest ignoring case: the regex engine then skips to those letters
_SINGLE_SITE = re.compile(
    r"[AaOoSsTt](?<!\w[AaOoSsTt])(?i:(?:(?<=a)|(?<=o)ne|(?<=s)ingle|(?<=t)hat|(?<=t)he same)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:raid|building|compound|house|"
    r"guesthouse|hotel|casino|property|apartment|villa|complex)\b"
    r"|(?<=t)he latest (?:raid|operation)\b)"
)
_SINGLE_SITE_WORDS = ("raid", "building", "compound", "house", "hotel", "casino", "property",  # (see _may_hold)
                      "apartment", "villa", "complex", "operation")
# "\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ii]nside)", written to begin with the words themselves, the "\b"
# looked back for after each (as lexicon's _ORIGINS): the regex engine then skips to their first
# letters and, there, past the words whose letters differ at once.
PLACE_NAME = re.compile(
    r"(?:in(?<!\win)|In(?<!\wIn)|at(?<!\wat)|At(?<!\wAt)|near(?<!\wnear)|Near(?<!\wNear)"
    r"|inside(?<!\winside)|Inside(?<!\wInside))\s+(?:the\s+)?(?:[a-z]+ern\s+|border\s+|coastal\s+|resort\s+)?"
    r"(?:(?:capital|city|town|province|district|village|commune|state|county|port)\s+(?:of\s+)?)?"
    r"(?P<name>(?!(?:In|On|At|The)\b)" + _NAME + ")"
)
# "\b(?:in|at|of|across)\s+..." ignoring case, written as _SINGLE_SITE
_SUBNATIONAL = re.compile(
    r"[IiAaOo](?<!\w[IiAaOo])(?i:(?:(?<=i)n|(?<=a)t|(?<=o)f|(?<=a)cross)\s+"
    r"(?:(?P<hedge>at least|more than|over|some)\s+)?(?:the\s+|a\s+|"
    r"(?P<n>two|three|four|\d+)\s+)?(?:[a-z]+ern\s+)?(?:(?-i:[A-Z][a-z]+)\s+)?(?:" + "|".join(sorted(SUBNATIONAL)) + r")\b)"
)
_SUBNATIONAL_WORDS = tuple(sorted(SUBNATIONAL))  # (see _may_hold)


def _may_hold(words: tuple[str, ...], text: str) -> bool:
    """A quick test before a pattern that ignores case, and so scans slowly: does the text, in
    lower case, hold one of the `words` (_WHOLE_WORDS for _WHOLE, ...) without which the pattern
    cannot match? The texts are Analysis.text's, whose look-alike letters are folded ('ſ', 'ı',
    'İ'), so the lower case holds the words wherever the pattern finds them.

    A str.find per word is a fast C scan; an alternation of the words as a regular expression
    is several times slower, the engine trying each position."""
    return _holds(words, text.lower())


def _holds(words: tuple[str, ...], text: str) -> bool:
    """Does the text hold one of the `words`? A quick test before a pattern that cannot match
    without them (and scans slowly, trying each capital letter or each 'on').
    (A loop of `in`: any(map(text.__contains__, words)) costs more, in calling the method.)"""
    for word in words:
        if word in text:
            return True
    return False


def _single_site(text: str) -> bool:
    return _may_hold(_SINGLE_SITE_WORDS, text) and _SINGLE_SITE.search(text) is not None


def _alone(text: str, at: int, claim_places: tuple[str, ...]) -> bool:
    """'In Poipet alone' narrows the figure at `at` in its own clause; 'inside Cambodia alone',
    the claim's own place, does not."""
    if "alone" not in text.lower():
        return False  # (a quick test first: the pattern needs the word, and scans slowly)
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
    if not _holds(_DATE_WORDS, sentence):
        return False
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
    for m in PLACE_NAME.finditer(text):
        name = m.group("name")
        first = name.split()[0].rstrip("'’s")
        if name in claim_places or first in claim_places:
            continue
        if is_country(first) or is_region(first) or WHEN.fullmatch(first) or (
                is_demonym(first) and not (" " in name and readings(name))):
            continue  # the country, a wider region, "in Thai custody"; but "in Lao Cai" is a place
        if _PLACE_LIST.match(text, m.end()):
            continue
        return True
    if not _may_hold(_SUBNATIONAL_WORDS, text):
        return False
    for m in _SUBNATIONAL.finditer(text):
        if m.group("hedge"):
            continue  # "in at least five provinces" spans the country, it does not narrow it
        n = m.group("n")
        if n and n.isdigit() and int(n) > 4:
            continue
        return True
    return False


_PLACE_LIST = re.compile(
    r"(?:\s*,\s*(?:the\s+)?" + _NAME + r")+,?\s+(?:and|or)\s+(?:the\s+)?[A-Z]"
)
_DATELINE = re.compile(r"\s*([A-Z](?:[A-Z .'-]++|’)++,\s+[A-Z][a-z]+(?:[ ,][A-Z][a-z.]+)*)[^\n]{0,20}?\s[-–—]\s")
WHEN = re.compile(_MONTHS + r"|" + _DAY_WORD)
_LEANS_BACK = re.compile(
    r"(?:They|Those|These|Among them|Of them|Of these|Most of them|Most of those|The detainees|"
    r"The suspects|The group|The foreigners|The rest)\b"
)
_TABLE_ROW = re.compile(r"\s*\|")
_BULLET = re.compile(r"\s*(?:[-*+]|•|\d+[.)])\s")  # ("[-*+•]" would compile as slowly as a class in _RUN)
_LEANS = re.compile("|".join(p.pattern for p in (_LEANS_BACK, _TABLE_ROW, _BULLET)))  # any of them
_DEFINITE_BEFORE = re.compile(r"\b(?:the|all|those|these)\s+$", re.I)
EVENT_SPAN = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,2}?(?:raids?|operations?|crackdowns?|sweeps?|searches)\b", re.I)
