"""How a sentence frames a figure: as a level or as a change, and as reported, estimated or
projected.

"Sterling rose 0.7 per cent to $1.3255": 0.7 per cent is a change, $1.3255 a level. "Forecasters
said it could cover two-thirds of the islands": a projection. "About 5.48 million people were
affected": an estimate. The words that tell are vocabulary, kept here as lists; the reader
(figures.py) asks a `Framing` of its text about each figure it finds, with its span and hedge.
The words are looked up in sets as the text's own words (split at spaces), not found by a regular
expression: a pattern of them all costs more per character than the whole reader.
"""

from __future__ import annotations

import re
from enum import StrEnum

from .lexicon import alternation


class Modality(StrEnum):
    """How a figure is put: as a fact, as an estimate ("about", "an estimated", "is thought to"),
    or as a projection ("could", "is expected to", "forecast", "modelling suggests")."""

    REPORTED = "reported"
    ESTIMATED = "estimated"
    PROJECTED = "projected"


_REPORTED, _ESTIMATED, _PROJECTED = Modality  # read once: a member read through its class is slow

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

# Verbs and adverbs of change: the figure right after one (a hedge, "by" or an adverb between)
# is the amount something moved by: "rose 2.1%", "fell more than 8 per cent", "up 5pc".
CHANGE_WORDS = frozenset(
    """up down rose rise rises risen rising fell fall falls fallen falling gained gain gains
    gaining lost lose loses losing added add adds adding increased increase increases increasing
    decreased decreases decreasing jumped jump jumps jumping climbed climbs climbing
    dropped drop drops dropping slipped slip slips slipping slid declined decline declines
    declining grew grow grows grown growing expanded expand expands expanding contracted
    contract contracts contracting shed sheds shedding plunged plunge plunges tumbled tumble
    tumbles plummeted plummet plummets soared soar soars surged surges dipped dip dips eased
    edged improved swung shrank shrink shrinks shrunk sank sink sinks widened narrowed
    rebounded rebound rebounds advanced retreated firmed weakened strengthened slumped slumps
    rallied skyrocketed""".split()
)
# Verbs that take the amount of a change after "by" only: "raised prices by 10%" (but "raised
# $800 million" is an amount raised), "beat the record by 34 seconds".
CHANGE_BY_WORDS = CHANGE_WORDS | frozenset(
    """increase raised raise raises lifted lift lifts cut cuts cutting slashed reduced reduce
    reduces lowered lower hiked trimmed improve improves beat beating beats missed exceeded
    topped outpolled led leads trailed""".split()
)
# "up" and "down" after these are part of another verb: "shot down 18 drones", "make up 75%".
PHRASAL_HEADS = frozenset(
    """shot shoot shoots set sets broke break breaks broken picked pick picks rounded round took
    take takes taken put puts turned turn turns backed back sign signed signs make makes made
    making locked lock shut pulled pull called call stepped step wound blew blown tore torn
    burned burnt hunted tracked show showed shown summed pile piled piling build built ramp
    ramped scaled scale stood stand mop mopped use used beef beefed gear geared sat sit cooled
    cool calmed calm bottled tied tie ties tying closed close""".split()
)
# Nouns of change: "an increase of 8.5 percent", "a 25p increase", "a four-point drop".
CHANGE_NOUNS = frozenset(
    """increase increases rise rises fall falls drop drops decline declines gain gains jump
    jumps swing swings cut cuts hike hikes reduction reductions slump decrease decreases growth
    saving savings improvement""".split()
)
# Comparatives after a figure: "96 percent higher than", "91 lower than"; "more" and "less"
# only before "than" ("15 per cent more than in 2016", not "30,000 more damaged").
CHANGE_AFTER = frozenset("higher lower bigger smaller larger".split())
CHANGE_AFTER_THAN = frozenset("more less fewer".split())
# "above" and "below" before a reference level: "1.52 °C above average", "40 per cent below the
# 2016 level" (not "15 feet above ground level").
CHANGE_REFERENCES = (
    "average", "normal", "the average", "the previous", "the old", "the record", "record",
    "the same", "last", "the lows", "the highs", "the low", "the high", "expectations",
    "forecasts", "the forecast", "pre-", "the pre-", "a year", "year-earlier", "its", "their",
)
# Words after a figure that make it a rate of change: "5.2% yoy", "3.8% qoq".
CHANGE_PERIODS = ("yoy", "y/y", "qoq", "q/q", "mom", "m/m", "year-on-year", "year-over-year",
                  "quarter-on-quarter", "month-on-month", "on the year", "on the month")
# Words before a figure that make it an increment: "an additional 105,015 deaths".
INCREMENT_BEFORE = ("an additional", "an extra")

# Words that put what follows in the clause as a projection or an expectation.
PROJECTION_CUES = (
    "could", "would", "may", "might", "should", "expect", "expects",
    "expected", "expecting", "expectation", "expectations", "forecast", "forecasts", "forecasted",
    "forecasting", "forecasters", "project", "projects", "projected", "projecting", "projection",
    "projections", "predict", "predicts", "predicted", "predicting", "prediction", "predictions",
    "likely", "tipped to", "tipping", "seen at", "set to", "on track to", "on course to", "potential",
    "hopes to", "hope to", "plans to", "plan to", "modelling suggests", "modeling suggests",
    "models suggest", "model suggests", "projects", "targeted to", "due to reach", "due a",
    "poised to", "anticipated", "anticipates",
)
# ... and as an estimate (a hedge of "about" does as much: see `frame`).
ESTIMATE_CUES = (
    "estimate", "estimates", "estimated", "estimating", "thought to", "believed to",
    "fears", "feared", "fear", "reckoned", "reckons", "guessed",
)
# Words after a figure that project it: "the 3.1% forecast by economists", "was expected".
PROJECTION_AFTER = ("forecast", "expected", "projected", "predicted", "anticipated")
# Where a clause ends, for the cues before a figure: a figure after "after" or "against" is
# not in the clause a cue before it opened ("expects a rebound of 42%, after a fall of 7.1%").
CLAUSE_BREAKS = ("but", "while", "whereas", "though", "although", "after", "against",
                 "compared", "versus", "since", "before")
# A figure right after these is an earlier level, as reported: "up from 190", "from 97.6 percent".
EARLIER_BEFORE = ("from",)

# Words that may stand between a change word and its figure: "rose by", "fell a further",
# "dropped by an average of", "climbed sharply by".
BETWEEN_CHANGE = frozenset(
    """by a further another an additional average on sharply slightly steeply strongly modestly
    back only just nearly almost around roughly some""".split()
)

# ---------------------------------------------------------------------------------------------
# Look-ups derived from the vocabulary
# ---------------------------------------------------------------------------------------------


def _by_last_word(phrases) -> dict[str, frozenset[tuple[str, ...]]]:
    """Each phrase under its last word, as the words before that: "set to" -> {"to": {("set",)}}."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for phrase in phrases:
        *head, last = phrase.split()
        assert len(head) <= 2, phrase  # _phrase_ends looks two words back
        out.setdefault(last, set()).add(tuple(head))
    return {last: frozenset(heads) for last, heads in out.items()}


_PROJECTION = _by_last_word(PROJECTION_CUES)
_ESTIMATE = _by_last_word(ESTIMATE_CUES)
_BREAKS = frozenset(CLAUSE_BREAKS)
# The longest word of each cue, bare or with a mark beside it as split() leaves it ("expected,"):
# a sentence that holds none of these holds no cue
_CUE_KEYS = frozenset(
    form for cue in (*PROJECTION_CUES, *ESTIMATE_CUES) for key in [max(cue.split(), key=len)]
    for form in (key, *(key + mark for mark in ",.;:!?)\"'’”"), *(mark + key for mark in "(\"'‘“"))
)
_STOPS = (".", ";", ":", "!", "?")
_PUNCTUATION = ",()\"'“”‘’"
_PROJECTION_AFTER = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:is|are|was|were|had\s+been|has\s+been|being)\s+)?(?:"
    + alternation(PROJECTION_AFTER) + r")\b"
)
_PERIOD_AFTER = re.compile(r"\s*\(?\s*(?:" + alternation(CHANGE_PERIODS) + r")\b")
_REFERENCE_AFTER = re.compile(r"\s+(?:" + alternation(CHANGE_REFERENCES) + r")")
_NOUN_OF_BEFORE = re.compile(
    r"\b(?P<noun>" + alternation(CHANGE_NOUNS) + r")\s+(?:(?:to|for|in)\s+[\w' ]{1,25}?\s+)?of$"
)
# The last word before a figure, and the first after it, that may make it a change
_BEFORE_CHANGE = CHANGE_WORDS | BETWEEN_CHANGE | frozenset(["of", *(p.split()[-1] for p in INCREMENT_BEFORE)])
_AFTER_CHANGE = CHANGE_NOUNS | CHANGE_AFTER | CHANGE_AFTER_THAN | frozenset(["above", "below", "up", "down"]) | frozenset(
    p.split()[0].split("/")[0].split("-")[0] for p in CHANGE_PERIODS)
_PROJECTION_AFTER_KEYS = frozenset(
    [*PROJECTION_AFTER, *("is are was were had has being".split())])
_INCREMENTS = {phrase.split()[-1]: phrase for phrase in INCREMENT_BEFORE}
_MAY = re.compile(r"\bmay\b")  # as written: "May" is a month
_LEAD_SPAN = 120  # characters before a figure its clause's cues are looked for in
_TAIL_SPAN = 48  # characters after it


class Framing:
    """The figures of a text as their sentences frame them, read from the words around each: the
    words before a figure back to where its clause begins, and the first words after it."""

    __slots__ = ("text", "low", "offset", "cued")

    def __init__(self, text: str, low: str, offset: int) -> None:
        """`low`: a part of `text` lower-cased (by the reader, which scans it so), low[i] being
        text[offset + i]."""
        self.text, self.low, self.offset = text, low, offset
        # most sentences hold no cue word at all: their figures' clauses are not walked
        self.cued = not _CUE_KEYS.isdisjoint(low.split())

    def frame(self, figures: list[tuple[int, int, bool, bool]]) -> list[tuple[bool, Modality]]:
        """For each figure, given as (start, end, estimated, factor), in order: whether it is a
        change, and its modality. `estimated`: its hedge is one of "about"; `factor`: it is a
        multiplier, a change only when it is a verb ("doubled": the reader tells) or a noun of
        change follows ("a threefold increase"). The words of the figure before one ("an
        estimated 20,000") are no cue for it."""
        offset, low, cued = self.offset, self.low, self.cued
        out = []
        last_start = last_end = 0
        for start, end, estimated, factor in figures:
            start, end = max(start - offset, 0), end - offset
            last_word = low[max(0, start - 24):start].rsplit(None, 1)
            last_word = last_word[-1] if last_word else ""
            after = low[end:end + _TAIL_SPAN]
            following = after.split(None, 2)
            if following and following[0][0] == "(" and (close := after.find(")")) >= 0:
                after = after[close + 1:]  # past a restatement: "37,000 square miles (97,000 square km) below"
                following = after.split(None, 2)
            first = following[0].strip(_PUNCTUATION) if following else ""
            if factor:
                change = first in CHANGE_NOUNS
            else:
                change = (last_word.strip(_PUNCTUATION) in _BEFORE_CHANGE and first != "of"
                          and changed_before(low[max(0, start - 60):start].split())) or (
                    first in _AFTER_CHANGE and _changed_after(after, following))
            if last_word in EARLIER_BEFORE:
                modality = _REPORTED  # "up from 190": an earlier level, as reported
            elif cued:
                modality = self._cue(start, last_start, last_end)
            else:
                modality = None
            if modality is None and not _PROJECTION_AFTER_KEYS.isdisjoint(following) and _PROJECTION_AFTER.match(after):
                modality = _PROJECTED  # "the 3.1% forecast by economists"
            if modality is None or (estimated and modality is _REPORTED):
                modality = _ESTIMATED if estimated else _REPORTED
            out.append((change, modality))
            last_start, last_end = start, end
        return out

    def _cue(self, start: int, last_start: int, last_end: int) -> Modality | None:
        """The modality that a cue word in the figure's clause before it gives, or None."""
        low = self.low
        lead = max(0, start - _LEAD_SPAN)
        if lead < last_end <= start:  # without the words of the figure before
            words = low[lead:max(lead, last_start)].split() + low[last_end:start].split()
        else:
            words = low[lead:start].split()
        found = None
        moved_to = False
        for i in range(len(words) - 1, -1, -1):
            word = words[i].strip(_PUNCTUATION)
            if word in _BREAKS or (word == "and" and i and words[i - 1].endswith(",")) or (
                    i < len(words) - 1 and words[i].endswith(_STOPS)):
                break  # the cues before it are another clause's
            if word == "to":
                moved_to = True
            elif word in EARLIER_BEFORE and not moved_to:
                break  # "expect cuts from the current rate of 5.25%": where it starts, as reported
            if word in _PROJECTION and _phrase_ends(words, i, _PROJECTION[word]):
                if word == "may" and _MAY.search(self.text, max(0, self.offset + lead), self.offset + start) is None:
                    continue  # "in May"
                return _PROJECTED
            if word in _ESTIMATE and _phrase_ends(words, i, _ESTIMATE[word]):
                found = _ESTIMATED
        return found


def _phrase_ends(words: list[str], i: int, heads: frozenset[tuple[str, ...]]) -> bool:
    """Whether words[i] ends one of the phrases whose words before the last are `heads`."""
    return () in heads or (i >= 1 and (words[i - 1],) in heads) or (
        i >= 2 and (words[i - 2], words[i - 1]) in heads)


def changed_before(words: list[str]) -> bool:
    """Whether the words right before a figure make it a change: a change word, maybe with "by",
    "a further" or an adverb between ("rose 2.1%", "fell by more than 8%", "(up 80p)"), "by"
    after a verb of change ("raised the prices of 43 drugs by at least 10%"), "an increase of",
    "an additional"."""
    n = len(words)
    for i in range(n - 1, max(n - 6, -1), -1):
        word = words[i].strip(_PUNCTUATION)
        if word in BETWEEN_CHANGE:
            continue
        if word in CHANGE_WORDS:
            # but "shot down 18 drones", "make up more than 75 percent"
            return word not in ("up", "down") or not i or words[i - 1].strip(_PUNCTUATION) not in PHRASAL_HEADS
        break
    if not n:
        return False
    tail = words[-1]
    if tail in _INCREMENTS:
        return " ".join(words[-2:]) == _INCREMENTS[tail]
    if tail == "of":
        return _NOUN_OF_BEFORE.search(" ".join(words[-6:])) is not None
    if tail == "by" or words[-4:] == ["by", "an", "average", "of"]:
        clause = []
        for word in reversed(words):
            if word.endswith(","):
                break
            clause.append(word)
        return any(w in CHANGE_BY_WORDS and w not in ("up", "down") for w in clause)
    return False


def _changed_after(after: str, following: list[str]) -> bool:
    """Whether the words right after a figure make it a change: "a 25p increase", "96 percent
    higher than", "15 per cent more than", "1.52 °C above average", "39.2p down at", "5.2% yoy"
    (but not "30,000 more damaged" or "15 feet above ground level")."""
    word = following[0].strip(_PUNCTUATION)
    if word in CHANGE_NOUNS or word in CHANGE_AFTER:
        return True
    second = following[1] if len(following) > 1 else ""
    if word in CHANGE_AFTER_THAN:
        return second == "than" and not following[0].endswith(",")
    if word in ("above", "below"):
        return _REFERENCE_AFTER.match(after, after.index(word) + len(word)) is not None
    if word in ("up", "down"):
        return following[0] == word and not second[:1].isdigit() and second not in ("from", "of", "by", "than")
    return _PERIOD_AFTER.match(after) is not None  # "5.2% yoy"
