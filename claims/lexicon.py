"""Word lists the matcher reads: stop words, measures, people; the peoples of countries
(places.py knows the places).

These are general English and geography, not tuned to any one story. Words are compared by a
shared stem (`same_word`), so "Taiwan" meets "Taiwanese" and "arrested" meets "arrests".
"""

from __future__ import annotations

import functools
import re

STOPWORDS = frozenset(
    """a an the and or but nor of in on at by for from to with without into onto over under
    about above below after before since during until than as is are was were be been being
    have has had do does did will would could should may might must can shall this that these
    those it its they them their he she his her we our you your i me my who whom whose which
    what when where why how all any both each few more most other some such no not only own
    same so too very just also there here then once while because if though although yet
    said says say according including include includes included among per via across around
    up down out off again further whether one ones s t don now new made make makes inside
    outside within near behind beyond along throughout towards toward upon amid amongst
    despite like unlike alongside""".split()
)

# Letters that re.IGNORECASE takes for ASCII ones but str.lower() does not ('ſ' for 's', 'ı' and
# 'İ' for 'i'): the engine looks up in lower case the words its patterns find, so a text is read
# with them replaced, one for one, so that offsets hold.
_LOOKALIKES = str.maketrans({"ſ": "s", "ı": "i", "İ": "I"})


def has_lookalikes(text: str, start: int = 0, end: int | None = None) -> bool:
    # str.find is a quick C scan (and returns at once in a text without characters as wide as
    # these, most texts): several times quicker than a regular expression's "[ſıİ]"
    start, end = max(start, 0), len(text) if end is None else max(end, 0)
    return text.find("ſ", start, end) >= 0 or text.find("ı", start, end) >= 0 or text.find("İ", start, end) >= 0


def fold_lookalikes(text: str) -> str:
    return text.translate(_LOOKALIKES)


# Measures: what happened to the things counted. A figure whose sentence speaks of another
# measure (rescued, not deported) is not a figure for the claim.
MEASURES: dict[str, tuple[str, ...]] = {
    "arrest": ("arrest", "detain", "detention", "detainee", "held", "nabbed", "apprehend",
               "caught", "custody", "captur", "rounded up", "round-up", "roundup", "jailed",
               "locked up", "picked up", "taken in", "catch"),
    "raid": ("raid", "operation", "crackdown", "sweep", "swoop", "targeted", "searched",
             "stormed", "busted"),
    "rescue": ("rescu", "freed", "liberat", "saved"),
    "deport": ("deport", "repatriat", "expel", "expuls", "sent back", "sent home", "send back",
               r"re:\bsen(?:t|d|ding)\b[^.;,]{0,40}?\b(?:back|home)\b",
               "handed over", "handover", "hand over", "returned", "flown home", "flew home"),
    "prosecute": ("prosecut", "charged", "indict", "convict", "sentenced", "court", "trial"),
    "kill": ("killed", "dead", "died", "death", "murder", "fatal", "perish", "drowned", "lives lost", "lost their lives",
             "lost lives", r"re:\bclaim(?:ed|ing|s)?\b[^.;]{0,30}?\blives\b"),
    "injure": ("injur", "wounded", "hurt"),
    "close": ("shut", "closed", "closure", "dismantl", "demolish"),
    "exist": ("there are", "there were", "identif", "exist", "document", "operating", "counted",
              "listed", "mapped", "located"),
    "arrive": ("arriv", "entered", "flew in", "flown in", "crossed into"),
    "traffic": ("traffic$", "trafficked", "lured", "smuggl", "recruited"),
    "work": ("working", "worked", "employ"),
    "missing": ("missing", "disappeared", "unaccounted"),
    "proceeds": ("defraud", "fraud", "cheat", "stole", "stolen", "steal", "swindl", "earn",
                 "generat", "profit", "revenue", "takings", "proceeds", "loss", "lost", "cost",
                 "con$", "scammed", "extort", "launder", "worth"),
    # the economy, elections and health: what a share or a rate measures
    "grow": ("growth", "grow", "gdp", "expand", "expansion", "contract", "shrank", "shrink"),
    "inflation": ("inflation", "cpi", "consumer price"),
    "unemployment": ("unemploy", "jobless"),
    "interest": ("interest rate", "base rate", "bank rate", "mortgage rate"),
    "turnout": ("turnout", "turned out"),
    "evacuate": ("evacuat",),
    "displace": ("displac", "homeless", "uprooted"),
    "affect": ("affected",),
    "markets": ("s&p", "nasdaq", "dow jones", "ftse", "nikkei", "stock", "shares", "index", "indices", "bond yield",
                "treasury yield"),
}
# Measures that tell a figure apart from the claim's (inflation is not growth) but are too common
# beside other figures to tie one to it ("with 60% of votes counted, the ANC had 42%").
TELLING_APART = frozenset({"grow", "inflation", "unemployment", "interest", "turnout", "evacuate", "displace", "affect",
                           "markets"})


def alternation(words: list[str] | set[str]) -> str:
    """A regex for any of `words` (case as given is ignored), factored by shared prefixes so
    that a miss fails at the first letter: ("thai", "taiwan") -> t(?:aiwan|hai)."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(tree)


def _trie_pattern(node: dict) -> str:
    alts = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not alts:
        return ""
    if len(alts) == 1 and "" not in node:
        return alts[0]
    return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")


def _measure_regex(names: list[str], scan: bool = False,
                   ) -> tuple[re.Pattern[str], dict[str, str], list[tuple[str, str]]]:
    """One pattern for the words of the given measures, factored into a trie so that it runs in
    one fast pass; and how to tell which measure a match belongs to. A stem is the beginning of
    a word, a whole word when it ends in '$', or a regular expression when it starts with 're:'
    (all in lower case). With `scan`, the pattern is _measures_found's (see there). The regular
    expressions are returned as written, with their measures: they are only ever matched as parts
    of the one pattern (compiled alone, at import, they cost as much as a dozen short patterns)."""
    prefixes: dict[str, str] = {}
    wholes: dict[str, str] = {}
    regexes: list[tuple[str, str]] = []
    for name in names:
        for stem_ in MEASURES[name]:
            if stem_.startswith("re:"):
                regexes.append((stem_[3:], name))
            elif stem_.endswith("$"):
                wholes[stem_[:-1]] = name
            else:
                prefixes[stem_] = name
    parts = [r"(?P<prefix>" + alternation(set(prefixes)) + ")"]
    if wholes:
        parts.append(r"(?P<whole>" + alternation(set(wholes)) + r")\b")
    parts += [f"(?P<re{i}>" + r + ")" for i, (r, _) in enumerate(regexes)]
    firsts = {w[0] for w in (*prefixes, *wholes)} | {r.lstrip("\\b")[0] for r, _ in regexes}
    lead = "(?=[" + "".join(sorted({c.lower() for c in firsts} | {c.upper() for c in firsts})) + "])"
    if scan:
        return re.compile(r"\W(?:" + "|".join(parts) + ")"), {**prefixes, **wholes}, regexes
    pattern = re.compile(r"\b" + lead + "(?:" + "|".join(parts) + ")", re.I)
    return pattern, {**prefixes, **wholes}, regexes


# measure_pattern(MEASURES) for a text in lower case, with the character before each word
# matched in place of the "\b" before it
_MEASURE_SCAN, _MEASURE_OF, _MEASURE_REGEXES = _measure_regex(list(MEASURES), scan=True)


def _measures_found(text: str, folded: bool = False):
    r"""(start, end, measure) for every measure word in `text`.

    Its words are found as measure_pattern would, ignoring case, but in the text in lower case
    with a pattern that heeds case, and after the character before each word (a space put
    before the text's first) rather than at "\b". Ignoring case, the regex engine tries each
    of the trie's branches in turn wherever a word begins; heeding it, it skips those whose first
    letter differs at once; and a pattern that begins with a class of characters ("\W") is
    scanned for in C, where one that begins with "\b" is tried at every position. (The lower
    case of a text without look-alike letters matches as the text ignoring case, letter for
    letter; a text with them is folded first.)"""
    if not folded and has_lookalikes(text):
        text = fold_lookalikes(text)
    for m in _MEASURE_SCAN.finditer(" " + text.lower()):
        group = m.lastgroup or ""
        if group.startswith("re"):
            name = _MEASURE_REGEXES[int(group[2:])][1]
        else:
            word = m.group(0)[1:]  # as a key, with single spaces ("rounded  up")
            name = _MEASURE_OF.get(word) or _MEASURE_OF[" ".join(word.split())]
        yield m.start(), m.end() - 1, name  # (" " + text: the word's start in text is m.start())


def measure_pattern(names: frozenset[str] | set[str]) -> re.Pattern[str]:
    """A pattern that finds any word of the given measures ('arrest' -> arrested, detained, ...)."""
    return _measure_regex(sorted(names))[0]


def measure_heads(names: frozenset[str] | set[str]) -> frozenset[str]:
    """Beginnings in lower case, one of which any text that measure_pattern(names) finds holds
    (in lower case, its look-alike letters folded): a quick str.find before the pattern."""
    heads = set()
    for name in names:
        for stem_ in MEASURES[name]:
            if stem_.startswith("re:"):  # its leading letters: "re:\\bsen(?:t|d|ding)..." -> "sen"
                heads.add(re.match(r"(?:\\b)?([a-z]*)", stem_[3:]).group(1))
            else:  # up to its first space: a space stands for any run of white space
                heads.add(stem_.rstrip("$").split(" ")[0])
    return frozenset(heads)


# Nouns for people in general: a claim about "people" is met by "suspects" or "detainees".
PEOPLE = frozenset(
    """people persons person individuals individual suspects suspect detainees detainee
    arrestees others men women lives residents victims""".split()
)
# Modifiers that do not narrow what is counted ("suspected organisers" are organisers).
NEUTRAL_MODIFIERS = frozenset(
    """suspected alleged more additional further reported estimated total overall
    confirmed known registered young""".split()
)
# Words that report an event rather than date it: "said on Wednesday" does not scope a count.
REPORTING = frozenset(
    """said says told announced reported stated confirmed added published released issued
    dated conference statement statements briefing meeting interview report reports posted
    wrote write claimed noted""".split()
)

# Peoples whose names do not begin as their country's ("Filipino" / "Philippines"), by a name of
# the country (places.py reads them with GeoNames' countries; GeoNames names no peoples).
DEMONYM_ALIASES = {
    "philippines": ("filipino", "filipina"), "myanmar": ("burmese",), "burma": ("burmese",),
    "france": ("french",), "spain": ("spanish", "spaniard"), "netherlands": ("dutch",),
    "laos": ("lao", "laotian"), "switzerland": ("swiss",), "wales": ("welsh",), "scotland": ("scottish", "scot"),
    "england": ("english",), "ireland": ("irish",), "britain": ("british", "briton"), "uk": ("british", "briton"),
    "us": ("american",), "usa": ("american",), "peru": ("peruvian",), "china": ("chinese",),
    "thailand": ("thai",), "vietnam": ("vietnamese", "viet"), "taiwan": ("taiwanese",),
    "south korea": ("korean", "south korean"), "north korea": ("north korean",), "denmark": ("danish", "dane"),
    "sweden": ("swedish", "swede"), "finland": ("finnish", "finn"), "poland": ("polish", "pole"),
    "turkey": ("turkish", "turk"), "united arab emirates": ("emirati",), "saudi arabia": ("saudi",),
    "new zealand": ("new zealander", "kiwi"), "sri lanka": ("sri lankan",), "south africa": ("south african",),
    "cyprus": ("cypriot",), "madagascar": ("malagasy",),
}
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'-]++|’)*+")  # "[A-Za-z'’-]*", quicker to compile (see context._RUN)


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude, shared stem: lower case, British spellings folded, common endings removed."""
    w = word.lower().strip("'’-").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _TRE.sub(r"ter\1", w)  # centre -> center
    return _ISE.sub(r"iz\1", w)  # organise -> organize


_TRE = re.compile(r"tre(s?)$")
_ISE = re.compile(r"is(e|es|ed|ing|er|ers|ation)$")


@functools.lru_cache(maxsize=1 << 16)
def same_word(a: str, b: str) -> bool:
    """Do two words share a stem? ('taiwan', 'taiwanese'), ('compound', 'compounds').

    Cached: the matcher asks about the same few hundred word pairs again and again.
    """
    a, b = stem(a), stem(b)
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    shorter = min(len(a), len(b))
    return n >= 4 and n >= shorter - 3 and n >= shorter * 0.6 or _alias(a, b)


def _alias(a: str, b: str) -> bool:
    """'filipino' and 'philippines': one country's names whose stems do not meet."""
    names = _ALIAS_GROUPS.get(a) or _ALIAS_GROUPS.get(a[:-1])  # a name, or its plural
    return names is not None and (b in names or b[:-1] in names)


def alias_names(word: str) -> frozenset[str]:
    """Other names of the country a word names: 'filipino' -> {'philippines', 'filipina', ...}."""
    return _ALIAS_GROUPS.get(word) or _ALIAS_GROUPS.get(word[:-1]) or frozenset()


def _alias_groups() -> dict[str, frozenset[str]]:
    """Every name of a country, mapped to all the names it shares a country with."""
    groups: dict[str, set[str]] = {}
    for country, demonyms in DEMONYM_ALIASES.items():
        names = {country, *demonyms}
        for name in list(names):
            names |= groups.get(name, set())
        for name in names:
            groups[name] = names
    return {name: frozenset(names) for name, names in groups.items()}


_ALIAS_GROUPS = _alias_groups()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def content_words(text: str) -> list[str]:
    """Words of a statement that carry meaning (no stop words, no number words), in order."""
    seen: list[str] = []
    for word in words(text):
        low = word.lower()
        if low in STOPWORDS or low in _NUMBER_WORDS or len(low) < 3:
            continue
        if low not in (s.lower() for s in seen):
            seen.append(word)
    return seen


def measures_in(text: str, *, folded: bool = False) -> frozenset[str]:
    """The measures a piece of text speaks of: {'arrest', 'raid'} for 'arrested in raids'.
    `folded`: the text has no look-alike letters (as Analysis.text), so none are looked for."""
    return frozenset(name for _, _, name in _measures_found(text, folded))


def nearest_measures(text: str, at: int, slack: int = 20, *, folded: bool = False) -> frozenset[str]:
    """The measures said closest to position `at` in `text` (the verb that governs a figure,
    not another clause's): those within `slack` characters of the nearest one. (`folded`: as
    for measures_in.)"""
    found = [(min(abs(start - at), abs(end - at)), name) for start, end, name in _measures_found(text, folded)]
    if not found:
        return frozenset()
    nearest = min(d for d, _ in found)
    return frozenset(g for d, g in found if d <= nearest + slack)


_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion dozen""".split()
)
