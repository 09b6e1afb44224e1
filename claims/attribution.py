"""Whose figure is it? What keeps a report's figure from being read against a claim it is not
about, whatever the story.

A rules file is a contrast set: the words that single out one claim (its `context`, its unit,
the names in its statement) tell its figures from its neighbours'. A figure whose own phrase
names another claim's words and none of this claim's belongs to the other claim, if to any
("Labour won 411 seats, the Conservatives 121"). The same phrase says which year a figure is
of ("365 seats in 2019"), and whether it is a projection ("deaths could exceed 10,000") or a
count; a claim's capitalised `context` words (an actor, a place) must be named near its figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .units import family_of
from .lexicon import STOPWORDS, alias_names, measures_in, same_word, stem, words
from .places import is_country, is_demonym

_YEAR = re.compile(r"(?<![\d,.$£€-])(?:19|20)\d\d(?![\d%]|[.,]\d)")
_NOT_ITS_YEAR_BEFORE = re.compile(r"\b(?:since|until|till|before|after|by|as of|through)\s+(?:the\s+)?(?:end\s+of\s+)?$",
                                  re.I)
# A projection, not a count: "could exceed", "is expected to reach", "modelling suggests"
_PROJECTION = re.compile(
    r"\b(?:could|might|may|expected|expects|forecasts?|forecasted|projected|projects?|projections?"
    r"|predicted|predicts?|predictions?|likely|modell?ing|models?|scenarios?|estimates?\s+suggest"
    r"|probability|chance|worst[- ]case|on\s+(?:track|course)\s+to|set\s+to|will\s+finish)\b"
)
_FRONTED_YEAR = re.compile(r"\s*(?:In|During|For|At|Back in)\b[^,.;]{0,50}?\b(?:19|20)\d\d\b[^,.;]{0,30},")
_SEGMENT_BREAK_BEFORE = re.compile(r"[;:—–(\[]|,\s+(?:and|but|while|whereas|compared|against|versus|vs)\b|\bversus\b"
                                   r"|\bcompared\s+(?:with|to)\b|\bagainst\b|\bwhile\b|\bwhereas\b")
_SEGMENT_BREAK_AFTER = re.compile(r"[,;:—–(\[)]|\band\b|\bwhile\b|\bwhereas\b|\bbut\b|\bcompared\b|\bagainst\b")
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_ENUMERATION = re.compile(_NAME + r"(?:\s*,\s*" + _NAME + r")+,?\s+(?:and|or)\s+" + _NAME)
_MONTH_LIKE = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split())


@dataclass(frozen=True, slots=True)
class Anchors:
    """What singles a claim out among the claims of its rules file."""

    names: tuple[str, ...] = ()  # capitalised `context` words (not countries): one must be named near
    event: tuple[str, ...] = ()  # those that name the whole story ("COP29", "Yagi"): one must be named in the report
    own: tuple[str, ...] = ()  # the claim's distinctive words, as stems
    others: tuple[str, ...] = ()  # other claims' distinctive words that are not this claim's
    years: frozenset[str] = frozenset()  # the years the claim is about ('2024'); empty: any
    projected: bool = False  # the claim states a projection ("could exceed")
    keys: tuple[str, ...] = ()  # words of what the claim measures, one of which its figure's clause must say
    qualifiers: tuple[tuple[str, ...], ...] = ()  # the lower-case `context` phrases, as stems: one must be said
    foreign: tuple[str, ...] = ()  # other claims' lower-case context words that are not this claim's
    instances: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (its name, another event of its kind: "Typhoon Bualoi")
    past_year: bool = False  # the claim is about an earlier year than its source's ("In 1999, ...")
    proposal: bool = False  # the claim states a proposal, an offer or a demand
    months: frozenset[int] = frozenset()  # the months its statement names ("in July": 7); empty: any


def anchors_for(claims: Sequence, published: str = "", title: str = "") -> list[Anchors]:
    """The anchors of each claim of a rules file, in order (`claims` are rules.Claim).

    A claim's own names come from its context, unit and statement; what it sets against the
    other claims is what its user wrote for it: the names of its `context` and its unit."""
    own_names = [_distinctive(c, c.context if c.context_given else (), c.units, c.statement) for c in claims]
    given = [_distinctive(c, c.context if c.context_given else (), c.units, "") for c in claims]
    named = [_with_expansions(tuple(w for w in c.context if w[:1].isupper()), c.context) if c.context_given else ()
             for c in claims]
    event = _story_names(named, title)
    story_words = {stem(w) for name in event for w in words(name)}
    out = []
    for n, claim in enumerate(claims):
        own = own_names[n]
        said = [stem(w) for w in words(claim.statement)]
        others = []
        for m, theirs in enumerate(given):
            if m == n:
                continue
            for w in theirs:
                bare = w.lstrip("=")
                if w in others or any(same_word(bare, o.lstrip("=")) for o in own) or any(same_word(bare, s) for s in said):
                    continue
                if bare in story_words and not named[n]:
                    continue  # the story's name ("Yagi") sets no claim apart from one that names nothing
                others.append(w)
        years = set(_YEAR.findall(" ".join((claim.statement, *claim.context))))
        if published[:4].isdigit():
            years |= {str(int(published[:4]) + shift) for shift in _relative_years(claim.statement)}
            if not years:
                years.add(published[:4])
        names = named[n]
        stated = set(_YEAR.findall(claim.statement))  # ("In 1999, ..."; a year in `context` is a hint)
        past = bool(stated) and published[:4].isdigit() and all(y < published[:4] for y in stated)
        qualifiers = tuple(q for q in (tuple(stem(w) for w in words(c) if _content(w)) for c in claim.context)
                           if q) if claim.context_given else ()
        mine = {stem(w) for w in words(" ".join((claim.statement, *claim.units, *claim.context)))}
        foreign = tuple(sorted({stem(w) for o in claims if o is not claim and o.context_given
                                for c in o.context for w in words(c) if _content(w)} - mine))
        # one name of the story among a claim's names: the others are its other names ("Baku")
        story = names if event.intersection(names) else ()
        out.append(Anchors(() if story else names, story, tuple(own), tuple(others), frozenset(years),
                           _PROJECTION.search(claim.statement) is not None, _keys(claim), qualifiers, foreign,
                           _instances(names, " ".join((title, *(c.statement for c in claims)))), past,
                           _PROPOSAL.search(claim.statement) is not None, _months(claim.statement)))
    return out


def _with_expansions(names: tuple[str, ...], context: Sequence[str]) -> tuple[str, ...]:
    """The names and, for an acronym among them, the context's phrase it stands for ("NI" and
    "national insurance"): a report may write either."""
    out = list(names)
    for name in names:
        letters = name[:-1] if name.endswith("s") and name[:-1].isupper() else name
        if not (letters.isalpha() and letters.isupper() and len(letters) >= 2):
            continue
        for phrase in context:
            initials = "".join(w[0] for w in words(phrase) if w.lower() not in _LINKING)
            if " " in phrase and initials.upper() == letters and phrase not in out:
                out.append(phrase)
    return tuple(out)


_LINKING = frozenset({"of", "for", "and", "the", "on", "in"})


def _story_names(named: list[tuple[str, ...]], title: str) -> frozenset[str]:
    """The names that stand for the whole story rather than single out one claim: those of the
    source's title, and those in the context of more than half the claims ("COP29", "Baku")."""
    counts: dict[str, int] = {}
    for names in named:
        for name in set(names):
            counts[name] = counts.get(name, 0) + 1
    return frozenset(name for name, n in counts.items()
                     if _mentions(title, name) or (len(named) >= 3 and 2 * n > len(named)))


def _instances(names: Sequence[str], text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """For each of a claim's names that names an event of a kind, a pattern that finds another
    event of that kind: for "Yagi" in "Typhoon Yagi", any other "Typhoon <Name>"; for "COP29",
    any other "COP<number>". Places are left to scope (context.py)."""
    out = []
    for name in names:
        if is_country(name.split()[0]) or is_demonym(name.split()[0]):
            continue
        coded = re.fullmatch(r"([A-Za-z]+)\s?-?(\d+)", name)
        if coded:
            prefix, number = coded.groups()
            out.append((name, re.compile(r"\b" + re.escape(prefix) + r"\s?-?(?!" + number + r"\b)\d+\b", re.I)))
            continue
        head = re.search(r"\b([A-Z][a-z]+)\s+" + re.escape(name) + r"\b", text)
        if head and head.group(1) != name and head.group(1).lower() not in STOPWORDS:
            out.append((name, re.compile(r"\b" + head.group(1) + r"\s+(?!" + re.escape(name) + r"\b)[A-Z][a-z]+")))
    return tuple(out)


def another_instance(anchors: Anchors, sentence: str, around: str) -> bool:
    """Does the figure's sentence name another event of the claim's kind and not the claim's
    own ("the death toll from Typhoon Bualoi"), or do the sentences around it name only others?"""
    for name, other in anchors.instances:
        if _mentions(sentence, name):
            continue
        if other.search(sentence) or (other.search(around) and not _mentions(around, name)):
            return True
    return False


def _distinctive(claim, context: Sequence[str], units: Sequence[str], statement: str) -> list[str]:
    """Stems of the names in `context`, `units` and `statement` ("Labour", "ANC", "Taiwanese",
    "China"): capitalised words. A statement's first word counts only as a country, a demonym
    or an acronym ("Turnout was ..." names nothing). Common nouns are left to the unit and
    measure tests (match.py). A name from the unit is what is counted ("Thais"), met by itself
    only: "Thailand's government" is an actor, not a count of Thais; it is marked with '='."""
    found: list[str] = []
    said = words(statement)
    pool = [*context, *said[1:]]
    if said and (said[0].isupper() or is_country(said[0]) or is_demonym(said[0])):
        pool.append(said[0])
    counted = {stem(w) for u in units for w in words(u)}
    for phrase, mark in [*((u, "=") for u in units), *((p, "") for p in pool)]:
        for w in words(phrase):
            mark = "=" if stem(w) in counted else mark
            low = w.lower()
            if not w[:1].isupper() or len(low) < 2 or low in STOPWORDS or low in _MONTH_LIKE \
                    or low in _GENERIC or f"{w}$" in claim.statement:
                continue  # not a name, or the "US" of "US$"
            s = mark + stem(w)
            if s not in found and stem(w) not in found:
                found.append(s)
    return found


# what a claim's unit may say that names no particular thing
_GENERIC = frozenset(
    "percent per cent pct percentage points point usd eur gbp dollars euros pounds people persons number total "
    "figure share rate days years months weeks hours year month week day annual annually yearly today".split())


def _keys(claim) -> tuple[str, ...]:
    """The words a figure's clause must say to be of the claim's measure, for a claim that is not
    a count of things named right after the number (a share, money, a change): its unit's and
    context's words, and the content words round the figure in its statement."""
    found: list[str] = []
    for phrase in (*claim.units, *claim.context):
        if family_of(phrase) is not None:
            continue  # "km", "magnitude": the unit itself, which the figure carries
        for w in words(phrase):
            if _content(w):
                found.append(stem(w))
    statement = claim.statement
    at = statement.find(claim.quantity.split()[-1]) if claim.quantity.split() else -1
    if at < 0:
        at = len(statement) // 2
    before = [w for w in words(statement[:at]) if _content(w)][-4:]
    after = [w for w in words(statement[at:]) if _content(w)][:3]
    found += [stem(w) for w in before + after]
    out: list[str] = []
    for k in found:
        if k not in out:
            out.append(k)
    return tuple(out)


def _content(word: str) -> bool:
    """A common word that says what is measured (not a name: names are the contrast set's)."""
    low = word.lower()
    return not word[:1].isupper() and len(low) >= 3 and low not in STOPWORDS and low not in _GENERIC and not low.isdigit() \
        and low not in _MONTH_LIKE and low not in _HEDGE_WORDS


_HEDGE_WORDS = frozenset(
    "more than less fewer least most nearly almost around about some estimated approximately roughly over "
    "under just exactly million billion trillion thousand hundred".split())


@dataclass(frozen=True, slots=True)
class Phrase:
    """The words a figure stands among: `before` back to the previous figure or clause mark,
    `after` up to the next; `clause` its whole clause; `lead` the sentence's opening phrase."""

    before: str
    after: str
    clause: str
    lead: str
    sentence: str
    lead_in: str = ""  # the clause up to the figure

    @property
    def own(self) -> str:
        return self.before + " " + self.after


def phrase_of(text: str, start: int, end: int, fig_start: int, fig_end: int,
              neighbours: Sequence[tuple[int, int]]) -> Phrase:
    """The figure text[fig_start:fig_end] in its sentence text[start:end], among the other
    figures' spans `neighbours`."""
    lo = start
    hi = end
    for s, e in neighbours:
        if e <= fig_start:
            lo = max(lo, e)
        elif s >= fig_end:
            hi = min(hi, s)
    before = text[lo:fig_start]
    cut = 0
    for m in _SEGMENT_BREAK_BEFORE.finditer(before):
        cut = m.end()
    before = before[cut:]
    after = text[fig_end:hi]
    m = _SEGMENT_BREAK_AFTER.search(after)
    if m:
        after = after[:m.start()]
    sentence = text[start:end]
    clause_lo = max(sentence.rfind(";", 0, fig_start - start), sentence.rfind("—", 0, fig_start - start)) + 1
    clause_hi_candidates = [i for i in (sentence.find(";", fig_end - start), sentence.find("—", fig_end - start))
                            if i >= 0]
    clause_hi = min(clause_hi_candidates) if clause_hi_candidates else len(sentence)
    lead = _FRONTED_YEAR.match(sentence)
    return Phrase(before, after, sentence[clause_lo:clause_hi], lead.group(0) if lead else "", sentence,
                  sentence[clause_lo:fig_start - start])


def _holds_any(text: str, names: Sequence[str]) -> bool:
    """Does the text name one of the names (stems)? A place or actor meets its demonym
    ('Taiwan', 'Taiwanese'); a counted name (marked '=') only itself."""
    if not names:
        return False
    for w in words(text):
        if not w[:1].isupper():
            continue  # names are written with a capital
        s = stem(w)
        for k in names:
            if k[:1] == "=":
                if s == k[1:]:
                    return True
            elif s == k or (same_word(w, k) and (is_country(w) or is_country(k) or is_demonym(w)
                                                 or is_demonym(k))):
                return True
    return False


def other_claims(anchors: Anchors, phrase: Phrase) -> bool:
    """Does the figure's own phrase name another claim's words and none of this claim's?"""
    own = _ENUMERATION.sub(" ", phrase.own)  # "in Phnom Penh, Sihanoukville and Poipet": all of them
    return _holds_any(own, anchors.others) and not _holds_any(own, anchors.own)


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_MONTH_NAME = re.compile(
    r"\b(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?"
    r"|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![\w-])")
_RELATIVE_MONTH = re.compile(r"\b(last|this|next)\s+month\b", re.I)


def _month_of(word: str) -> int:
    return next(n for n, name in enumerate(_MONTH_NAMES, 1) if name.startswith(word.rstrip(".").lower()[:3]))


def _months(text: str) -> frozenset[int]:
    """The months a text names ("added 114,000 jobs in July"): 'May' only after 'in', 'for', 'of'
    or 'since', where it cannot be the verb."""
    out = set()
    for m in _MONTH_NAME.finditer(text):
        if m.group(1) == "May" and not re.search(r"\b(?:in|for|of|since|during)\s+$", text[:m.start()]):
            continue
        out.add(_month_of(m.group(1)))
    return frozenset(out)


def other_month(anchors: Anchors, phrase: Phrase, published: str) -> bool:
    """Is the figure dated to a month the claim is not about ("rose 0.4% in August" beside a claim
    for July)? 'last month' counts from `published`, the report's date."""
    if not anchors.months:
        return False
    said = set()
    for text in (phrase.after, phrase.before):
        said |= _months(text)
        if published[5:7].isdigit():
            for m in _RELATIVE_MONTH.finditer(text):
                said.add((int(published[5:7]) - 1 + {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]) % 12 + 1)
    return bool(said) and not said & anchors.months


def _relative_years(text: str) -> list[int]:
    """The years a text names relative to its own: "this year" 0, "next year" 1, "last year" -1."""
    return [_RELATIVE[m.group(1).lower()] for m in _RELATIVE_YEAR.finditer(text)]


_RELATIVE = {"this": 0, "the current": 0, "next": 1, "the coming": 1, "last": -1, "the previous": -1,
             "the past": -1}
_RELATIVE_YEAR = re.compile(r"\b(this|next|last|the current|the coming|the previous|the past)\s+year\b", re.I)


def another_year_report(anchors: Anchors, phrase: Phrase, published: str, source: str = "") -> bool:
    """Is the report from a year the claim is not about (a 2019 report against a 2024 claim),
    and its figure undated? A report of the source's time (a year either side of the source's
    date, or of the claim's year when the source has none) speaks of the same events."""
    year = published[:4]
    if not anchors.years or not year.isdigit():
        return False
    near = {source[:4]} if source[:4].isdigit() else set(anchors.years)
    if any(abs(int(year) - int(y)) <= 1 for y in near):
        return False
    return not _YEAR.search(" ".join((phrase.own, phrase.lead)))


def other_measure(anchors: Anchors, phrase: Phrase) -> bool:
    """Does the figure's own phrase say another claim's context words and none of this claim's
    ("a £25bn rise in national insurance" beside a claim on all tax rises)?"""
    if not anchors.foreign:
        return False
    said = {stem(w) for w in words(phrase.own)}
    if not said & set(anchors.foreign):
        return False
    mine = {k for q in anchors.qualifiers for k in q} | set(anchors.keys)
    return not (said & mine)


def other_year(anchors: Anchors, phrase: Phrase, published: str = "") -> bool:
    """Is the figure dated to a year that is not the claim's ("365 seats in 2019", "2% next
    year" beside a claim for this year)? Relative years count from `published`, the report's
    date, else the source's."""
    if not anchors.years:
        return False
    # the words after the figure first: in "1.1% this year, 2% next year" each year follows its figure
    if published[:4].isdigit():
        for text in (phrase.after, phrase.before):
            for shift in _relative_years(text):
                return str(int(published[:4]) + shift) not in anchors.years
    if anchors.past_year:  # "turnout of 58.76%" is this year's, not 1999's: the year must be said
        said = set(_YEAR.findall(" ".join((phrase.own, phrase.lead, phrase.clause))))
        return not said & anchors.years
    for text in (phrase.after, phrase.before, phrase.lead):
        for m in _YEAR.finditer(text):
            if m.group(0) in anchors.years:
                return False
            if _NOT_ITS_YEAR_BEFORE.search(text, 0, m.start()):
                continue  # "the lowest since 2001": not the 2001 figure
            return True
    return False


def projection(phrase: Phrase) -> bool:
    """Is the figure a projection or a model's estimate rather than a count? Its clause says so
    before it ("which supplies projections ..., estimates the ANC will finish with 42%"), or the
    words right after it ("far fewer than the 175,000 jobs expected")."""
    return _PROJECTION.search(phrase.lead_in[-120:]) is not None or _PROJECTED_AFTER.match(phrase.after) is not None


_PROJECTED_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:expected|forecast|forecasted|predicted|projected|anticipated)\b")


def proposed(phrase: Phrase) -> bool:
    """Is the figure a proposal, an offer or a demand rather than what was decided ("an offer of
    $250bn", "developing nations want $1.3 trillion", "a draft proposed $250 billion")?"""
    return _PROPOSAL.search(phrase.lead_in[-120:]) is not None


_PROPOSAL = re.compile(
    r"\b(?:drafts?|proposals?|proposed|proposes?|propose|offers?|offered|demands?|demanded|demanding"
    r"|wants?|wanted|asks?|asked|asking|calls?\s+for|called\s+for|calling\s+for|seeks?|sought|seeking"
    r"|hoped|hoping|urged|urging|bids?)\b", re.I)


def other_source(anchors: Anchors, sentence: str) -> str:
    """The institution the figure's sentence gives it to, when that is none of the claim's actors
    ("the CDC said 483" beside a claim on the state health department's count); else ""."""
    if not (anchors.names or anchors.event):
        return ""
    for pattern in _SAID_BY:
        for m in pattern.finditer(sentence):
            who = m.group("who")
            if who.split()[0] in _NOT_A_SOURCE or is_country(who.split()[-1]):
                continue
            if not any(_mentions(who, name) or _mentions(name, who) for name in (*anchors.names, *anchors.event)):
                return who
            return ""
    return ""


_WHO = r"(?P<who>(?:[A-Z][\w.&’'-]*|of|for|and)(?:\s+(?:[A-Z][\w.&’'-]*|of|for|and)){0,5})"
_SAID_BY = (
    re.compile(r"\b(?:according\s+to|data\s+from|figures\s+from|estimates?\s+(?:by|from))\s+(?:the\s+)?" + _WHO),
    re.compile(r"\b(?:the\s+)?" + _WHO + r"\s+(?:said|says|estimated|estimates|reported|reports|put\s+the)\b"),
)
_NOT_A_SOURCE = frozenset({"It", "He", "She", "They", "We", "This", "That", "The", "A", "An", "But", "And", "In", "On",
                           "At", "By", "Officials", "Police", "Authorities", "Reports", "Media", "State"})


def looks_ahead(phrase: Phrase) -> bool:
    """Does the figure's sentence speak of what is to come ("growth will be 1.1%", "the OBR
    forecasts ... 1.4% this year")? Not a projection on its own (a pledge "will provide $300bn"
    is not), but a projection's claim may be restated so."""
    return _FUTURE.search(phrase.lead_in[-120:]) is not None or _PROJECTION.search(phrase.sentence) is not None


_FUTURE = re.compile(r"\b(?:will|would|shall|is\s+to|are\s+to|going\s+to)\b|'ll\b")


def names_story(anchors: Anchors, text: str, folded: str) -> bool:
    """Does the report (its `text`, and that text in lower case) name the story the claim belongs
    to? True when the claim's own names single it out."""
    if not anchors.event or anchors.names:
        return True
    for name in anchors.event:
        # a word that names it shares its first four letters, or is an alias of it (see same_word)
        heads = {w.lower()[:4] for w in (name, *alias_names(name.lower()))}
        if any(head in folded for head in heads) and _mentions(text, name):
            return True
    return False


def names_near(anchors: Anchors, text: str) -> bool:
    """Does the text (the figure's sentence and those it leans on) name one of the claim's
    capitalised context words? True when the claim has none."""
    if not anchors.names:
        return True
    return any(_mentions(text, name) for name in anchors.names)


def _mentions(text: str, name: str) -> bool:
    if " " in name:
        return name.lower() in text.lower()
    if not name.isalpha():  # "COP29", "G-20": as written, between word boundaries
        return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text, re.I) is not None
    return any(same_word(w, name) for w in words(text) if w[:1].isupper() or w.isupper())


def keyed(anchors: Anchors, phrase: Phrase) -> tuple[bool, bool]:
    """(said in the figure's clause, said in its own phrase): is one of the claim's key words there?"""
    if not anchors.keys:
        return True, True
    return _says_any(phrase.clause, anchors.keys), _says_any(phrase.own, anchors.keys)


def combined(anchors: Anchors, after: str, mine: Sequence[str]) -> bool:
    """Is the figure a total of its claim's thing and another ("350 people dead and missing",
    "191,000 hectares of rice and crops")? `after` is the text after the figure's noun; `mine`
    the claim's own words (stems) and measures."""
    m = _COMBINED.match(after)
    if not m:
        return False
    listed = [stem(w) for w in (*_LISTED.findall(m.group("more") or ""), m.group("a"), m.group("b"))]
    if len(set(listed)) < 2:
        return False
    ours = [w for w in listed if w in mine]
    theirs = [w for w in listed if w in anchors.foreign or w not in mine and _measure_word(w)]
    return bool(ours) and bool(theirs) and set(ours) != set(theirs)


def _measure_word(word: str) -> bool:
    return bool(measures_in(word) - {"exist"})


# "revised down by a combined 29,000", "a collective 29,000 jobs": a total of several
_AGGREGATE_BEFORE = re.compile(r"\b(?:a\s+)?(?:combined|collective|cumulative\s+total\s+of|joint)\s+$", re.I)


def aggregate(text: str, start: int) -> bool:
    """Is the figure at `start` marked as the total of several ("a combined 29,000")?"""
    return _AGGREGATE_BEFORE.search(text, max(0, start - 30), start) is not None


# "dead and missing", "of rice and crops", "of rice, crops and fruit trees" (the list's words but its last)
_COMBINED = re.compile(r"\s*(?:people\s+|others\s+|of\s+)?(?P<more>(?:[a-z]+,\s+){0,4})(?P<a>[a-z]+),?\s+"
                       r"(?:and|or|&|and/or)\s+(?P<b>[a-z]+)\b")
_LISTED = re.compile(r"[a-z]+")


def qualified(anchors: Anchors, text: str) -> bool:
    """Does the text (the figure's sentence and the one it leans on) say one of the claim's
    lower-case context phrases, every word of it ("fully vaccinated")? True when it has none."""
    if not anchors.qualifiers:
        return True
    said = {stem(w) for w in words(text)}
    return any(all(k in said or any(same_word(k, w) for w in said) for k in q) for q in anchors.qualifiers)


def _says_any(text: str, stems: Sequence[str]) -> bool:
    """Does the text say one of the words (given as stems), in any case?"""
    for w in words(text):
        s = stem(w)
        for k in stems:
            if s == k or same_word(s, k):
                return True
    return False
