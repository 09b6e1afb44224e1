"""A deterministic synthetic news corpus for the speed benchmarks (issue 4).

Each report is ~4 KB of news-like prose: a headline, a dateline and paragraphs that mix
sentences about Cambodia's 2025 scam-centre crackdown (arrest counts, nationalities, days of
raids, money estimates, compounds, deportations; some agreeing with the bundled rules, some
contradicting them, in digits and in words, with hedges) with off-topic news (economy, sport,
weather, courts, transport, health) full of numbers, dates, years, times, phone numbers,
percentages and money in several currencies.

Report `i` depends only on (seed, i): the 1,000-report corpus is the first 1,000 files of the
4,000-report one. Corpora are written to a cache folder (bench-out/ by default, git-ignored; or
$BENCH_OUT) whose name carries a digest of this file, so editing the generator regenerates them.

    python tests/benchmarks/bench_corpus.py --reports 1000        # prints the corpus folder
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
from pathlib import Path

SEED = 20250717
REPORT_BYTES = 4000  # the mean size of a report
MD_SHARE = 0.1  # share of reports written as Markdown (headings, bullet lists)
OFF_TOPIC_ONLY_SHARE = 0.25  # reports with no sentence about the crackdown

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def _source_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]


def out_root() -> Path:
    return Path(os.environ.get("BENCH_OUT") or REPO / "bench-out")


# ---------------------------------------------------------------------------------------------
# Number words
# ---------------------------------------------------------------------------------------------

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    """English words for 0 <= n < 10**12: 271 -> 'two hundred and seventy-one'."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            rest = n % scale
            head = words(n // scale) + " " + name
            if rest == 0:
                return head
            return head + (" and " if rest < 100 else " ") + words(rest)
    raise AssertionError(n)


def commas(n: int) -> str:
    return f"{n:,}"


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

MONTHS = ("January February March April May June July August September October November "
          "December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
PLACES_KH = ["Phnom Penh", "Sihanoukville", "Poipet", "Bavet", "Kampot", "Siem Reap", "Koh Kong",
             "Battambang", "Takeo", "Kandal", "Pursat", "Oddar Meanchey"]
OUTLETS = ["Khmer Times", "Phnom Penh Post", "the wire", "Kiripost", "CamboJA News", "VOD",
           "Radio Free Asia", "Nikkei Asia", "the Bangkok Post", "Tempo", "Tuoi Tre", "CNA"]
SPOKES = ["Touch Sokhak", "Khieu Sopheak", "Chhay Kim Khoeun", "a police spokesman",
          "a ministry spokeswoman", "the provincial governor", "an immigration official",
          "a senior police officer"]
NATIONS = [("Taiwanese", "Taiwan"), ("Indonesians", "Indonesia"), ("Vietnamese", "Vietnam"),
           ("Chinese", "China"), ("Thais", "Thailand"), ("Filipinos", "the Philippines"),
           ("Malaysians", "Malaysia"), ("South Koreans", "South Korea"), ("Bangladeshis", "Bangladesh"),
           ("Pakistanis", "Pakistan"), ("Nepalis", "Nepal"), ("Myanmar nationals", "Myanmar")]
HEDGES_UP = ["more than", "over", "upwards of", "well over", "in excess of"]
HEDGES_ABOUT = ["about", "around", "roughly", "some", "an estimated", "approximately", "nearly",
                "almost", "close to"]
HEDGES_LOW = ["at least", "no fewer than", "a minimum of"]


def _fmt_count(rng: random.Random, n: int, word_share: float = 0.25) -> str:
    """A count in digits (with or without a thousands comma) or in words."""
    r = rng.random()
    if r < word_share and n < 10_000:
        return words(n)
    if n >= 1000 and r < 0.9:
        return commas(n)
    return str(n)


def _date(rng: random.Random, year: int | None = None) -> str:
    year = year or rng.choice([2024, 2025, 2025, 2025])
    month, day = rng.randrange(12), rng.randint(1, 28)
    return rng.choice([
        f"{MONTHS[month]} {day}, {year}", f"{day} {MONTHS[month]} {year}", f"{MONTHS[month]} {day}",
        f"{day} {MONTHS[month]}", f"{year}-{month + 1:02d}-{day:02d}", f"{MONTHS[month]} {year}",
    ])


def _time(rng: random.Random) -> str:
    h, m = rng.randint(1, 12), rng.choice([0, 15, 30, 45, 5, 20])
    return rng.choice([f"{h}:{m:02d} pm", f"{h}:{m:02d} am", f"{h + 11:02d}:{m:02d}", f"{h} pm",
                       f"{h} o'clock"])


def _phone(rng: random.Random) -> str:
    d = lambda k: "".join(str(rng.randrange(10)) for _ in range(k))  # noqa: E731
    return rng.choice([f"+855 {d(2)} {d(3)} {d(3)}", f"0{d(2)} {d(3)} {d(3)}", f"+66 {d(1)} {d(4)} {d(4)}",
                       f"({d(3)}) {d(3)}-{d(4)}", f"+84 {d(2)} {d(3)} {d(4)}", f"0{d(9)}"])


def _pct(rng: random.Random) -> str:
    x = rng.choice([rng.randint(1, 95), round(rng.uniform(0.1, 12), 1)])
    return rng.choice([f"{x}%", f"{x} percent", f"{x} per cent", f"{x} pct"])


def _money(rng: random.Random) -> str:
    n = rng.choice([rng.randint(2, 950), round(rng.uniform(1, 99), 1)])
    scale = rng.choice(["million", "billion", "bn", "m", "", "thousand"])
    sp = "" if scale in ("bn", "m") else " "
    amount = f"{n}{sp}{scale}".strip()
    return rng.choice([
        f"US${amount}", f"${amount}", f"€{amount}", f"£{amount}", f"¥{amount}", f"{amount} baht",
        f"{amount} riel", f"{amount} dong", f"{amount} yuan", f"THB {amount}", f"{amount} euros",
        f"{amount} pounds", f"{amount} ringgit", f"Rp {amount}", f"{amount} US dollars", f"KHR {amount}",
    ])


# ---------------------------------------------------------------------------------------------
# On-topic sentences: claim id -> agreeing and contradicting renderings
# ---------------------------------------------------------------------------------------------

def _arrests(rng: random.Random, agree: bool) -> str:
    if agree:
        n = rng.choice([1000, 1000, 1000, 1050, 1200, 1300, 3075, 2100])
        hedge = rng.choice(HEDGES_UP + HEDGES_LOW) if n == 1000 else rng.choice(["", "", "about", "some"])
        num = rng.choice(["a thousand", "1,000", "one thousand", "1000"]) if n == 1000 else _fmt_count(rng, n, 0.1)
    else:
        n = rng.choice([600, 700, 750, 800, 850, 900])
        hedge = rng.choice(["", "", "fewer than", "just under"] + HEDGES_ABOUT)
        num = _fmt_count(rng, n)
    fig = f"{hedge} {num}".strip()
    place = rng.choice(PLACES_KH)
    return rng.choice([
        f"Police said {fig} people had been arrested in raids on online scam centres across the country.",
        f"Authorities have detained {fig} suspects since the crackdown began, {rng.choice(SPOKES)} said.",
        f"In all, {fig} people were arrested during the nationwide crackdown, according to {rng.choice(OUTLETS)}.",
        f"Cambodian authorities said on {rng.choice(WEEKDAYS)} that {fig} people were held in raids that reached as far as {place}.",
        f"The interior ministry put the number of detainees at {fig}, most of them foreigners.",
        f"A total of {fig} suspects have been rounded up in the crackdown on scam compounds so far.",
    ])


def _nationality(rng: random.Random, agree: bool, claim: str) -> str:
    truth = {"taiwanese": (75, "Taiwanese", "Taiwan", [57, 80, 105, 65]),
             "indonesians": (271, "Indonesians", "Indonesia", [172, 127, 300, 150]),
             "vietnamese": (213, "Vietnamese", "Vietnam", [231, 132, 180, 250])}[claim]
    value, demonym, country, wrong = truth
    if agree:
        n = value
        hedge = rng.choice(["", "", "at least", "about"]) if claim == "indonesians" else rng.choice(["", "", "about"])
    else:
        n = rng.choice(wrong)
        hedge = rng.choice(["", "", "about", "at least"])
    fig = f"{hedge} {_fmt_count(rng, n, 0.3)}".strip()
    other = rng.choice([x for x in NATIONS if x[0] != demonym])
    return rng.choice([
        f"Those arrested included {fig} {demonym}, {rng.randint(20, 400)} {other[0]} and dozens of others.",
        f"Among the detainees were {fig} {demonym}, {rng.choice(SPOKES)} told reporters.",
        f"{country}'s foreign ministry said {fig} of its citizens had been detained in the raids.",
        f"Police said they had detained {fig} suspects from {country} at a compound in {rng.choice(PLACES_KH)}.",
        f"A police list seen by {rng.choice(OUTLETS)} named {fig} {demonym} among those arrested.",
    ])


def _raid_days(rng: random.Random, agree: bool) -> str:
    days = 3 if agree else rng.choice([2, 5, 7, 10])
    d = rng.choice([words(days), str(days)])
    return rng.choice([
        f"The raids, which took {d} days, hit sites across the country.",
        f"Over {d} days, authorities raided sites in {rng.choice(PLACES_KH)}, {rng.choice(PLACES_KH)} and elsewhere.",
        f"Officers spent {d} days raiding buildings across the country, {rng.choice(SPOKES)} said.",
        f"The operation lasted {d} days and involved {rng.randint(200, 3000)} officers.",
    ])


def _losses(rng: random.Random, agree: bool) -> str:
    if agree:
        amount = rng.choice(["US$40 billion", "$40 billion", "40 billion US dollars", "US$40bn", "$40bn"])
        hedge = rng.choice(["an estimated", "some", "about", "nearly", "around", ""])
    else:
        amount = rng.choice(["US$12.5 billion", "$15 billion", "US$4 billion", "$100 billion", "US$64bn"])
        hedge = rng.choice(["an estimated", "some", "about", ""])
    fig = f"{hedge} {amount}".strip()
    per = rng.choice(["a year", "annually", "every year", "each year"])
    return rng.choice([
        f"The networks defraud victims worldwide of {fig} {per}, according to UN estimates.",
        f"Scam workers cheat people online out of {fig} {per}, researchers say.",
        f"The industry is thought to take {fig} {per} from victims around the world.",
        f"United Nations experts estimate the scams generate {fig} {per}.",
    ])


def _compounds(rng: random.Random, agree: bool) -> str:
    n = 53 if agree else rng.choice([35, 45, 60, 100])
    hedge = rng.choice(["at least", "no fewer than", "", "more than"]) if agree else rng.choice(["", "about", "at least"])
    fig = f"{hedge} {_fmt_count(rng, n, 0.3)}".strip()
    return rng.choice([
        f"Amnesty International has identified {fig} scam compounds in Cambodia.",
        f"Rights groups say there are {fig} scam centres in Cambodia, many of them behind high walls.",
        f"According to Amnesty, {fig} compounds in Cambodia have been used to hold trafficked workers.",
    ])


def _thais(rng: random.Random, agree: bool) -> str:
    n = 119 if agree else rng.choice([191, 91, 150, 219])
    fig = f"{rng.choice(['', '', 'some', 'as many as'])} {_fmt_count(rng, n, 0.3)}".strip()
    return rng.choice([
        f"In March, Cambodia deported {fig} Thais after raids in Poipet.",
        f"Earlier this year {fig} Thais were deported from Poipet across the border.",
        f"Thai officials said {fig} Thais had been deported in March.",
    ])


def _poipet(rng: random.Random, agree: bool) -> str:
    n = 230 if agree else rng.choice([320, 203, 130, 400])
    fig = f"{rng.choice(['', '', 'roughly', 'some'])} {_fmt_count(rng, n, 0.3)}".strip()
    return rng.choice([
        f"They were among {fig} foreign nationals detained during raids on alleged scam centres in Poipet.",
        f"Police in Poipet said {fig} foreigners had been detained in the March raids.",
        f"Raids in Poipet in March led to the detention of {fig} foreign nationals.",
    ])


ON_TOPIC = {
    "total-arrests": _arrests,
    "taiwanese": lambda rng, agree: _nationality(rng, agree, "taiwanese"),
    "indonesians": lambda rng, agree: _nationality(rng, agree, "indonesians"),
    "vietnamese": lambda rng, agree: _nationality(rng, agree, "vietnamese"),
    "raid-days": _raid_days,
    "annual-losses": _losses,
    "scam-compounds": _compounds,
    "thais-deported": _thais,
    "poipet-foreigners": _poipet,
}

# On-topic sentences that carry numbers but speak to no claim (rescues, dates, phone lines).
def _topic_filler(rng: random.Random) -> str:
    place = rng.choice(PLACES_KH)
    return rng.choice([
        f"The directive, signed on {_date(rng, 2025)}, ordered officials to act within {rng.choice(['two weeks', '14 days', 'a month', '30 days'])}.",
        f"Families can call a hotline on {_phone(rng)} between {_time(rng)} and {_time(rng)}.",
        f"Police rescued {rng.randint(12, 400)} workers who said they had been trafficked to {place}.",
        f"Officers seized {rng.randint(100, 5000)} mobile phones, {rng.randint(20, 900)} computers and {_money(rng)} in cash.",
        f"The compound in {place}, on Route {rng.randint(1, 70)}, had {rng.randint(2, 12)} buildings and its own casino.",
        f"Prime Minister Hun Manet said on {rng.choice(WEEKDAYS)} that officials who failed to act would lose their jobs.",
        f"The raids began at {_time(rng)} on {_date(rng, 2025)} and continued for most of the week.",
        f"Human rights groups said in {rng.choice(MONTHS)} {rng.choice([2023, 2024, 2025])} that tens of thousands of people were trapped in the compounds.",
        f"Police said {rng.randint(2, 40)} of those held were women and {rng.randint(1, 15)} were minors.",
        f"The suspects will be deported once their identities are confirmed, {rng.choice(SPOKES)} said.",
        f"Relations with Thailand have soured since a border clash on {_date(rng, 2025)}.",
        f"Some {rng.randint(2, 30)} buses were used to move the detainees to a centre at Kilometre {rng.randint(5, 20)}.",
    ])


# ---------------------------------------------------------------------------------------------
# Off-topic sentences
# ---------------------------------------------------------------------------------------------

def _economy(rng: random.Random) -> str:
    return rng.choice([
        f"The central bank left its key rate at {_pct(rng)} on {rng.choice(WEEKDAYS)}, as inflation eased to {_pct(rng)} in {rng.choice(MONTHS)}.",
        f"Exports rose {_pct(rng)} in the second quarter to {_money(rng)}, the commerce ministry said.",
        f"The riel traded at {rng.randint(3900, 4200)} to the dollar at {_time(rng)}.",
        f"Garment factories employ about {commas(rng.randint(500, 900) * 1000)} workers, {_pct(rng)} of them women.",
        f"Rice prices climbed to {_money(rng)} a tonne, up from {_money(rng)} a year earlier.",
        f"The budget for {rng.choice([2025, 2026])} foresees spending of {_money(rng)} and a deficit of {_pct(rng)} of GDP.",
        f"Tourist arrivals reached {commas(rng.randint(1, 7) * 1000000 + rng.randint(0, 999) * 1000)} in the first {words(rng.randint(3, 9))} months of the year.",
        f"Shares in the company fell {_pct(rng)} to {_money(rng)} after it cut its forecast for {rng.choice([2025, 2026])}.",
        f"The World Bank expects growth of {_pct(rng)} this year and {_pct(rng)} in {rng.choice([2026, 2027])}.",
        f"The new bridge, costing {_money(rng)}, is due to open on {_date(rng)}.",
    ])


def _sport(rng: random.Random) -> str:
    a, b = rng.randint(0, 5), rng.randint(0, 5)
    return rng.choice([
        f"The home side won {a + 1}-{b} in front of {commas(rng.randint(5, 60) * 1000)} fans on {rng.choice(WEEKDAYS)}.",
        f"She finished the {rng.choice(['marathon', '10,000 metres', '400m', 'half marathon'])} in {rng.randint(1, 2)}:{rng.randint(10, 59):02d}:{rng.randint(10, 59):02d}, a personal best.",
        f"The club paid a fee of {_money(rng)} for the {rng.randint(19, 33)}-year-old striker.",
        f"Kick-off is at {_time(rng)} on {_date(rng)}; tickets cost {_money(rng)}.",
        f"The team has lost {words(rng.randint(2, 9))} of its last {rng.randint(10, 15)} matches and sits {rng.choice(['3rd', '7th', '12th', '18th'])} in the table.",
        f"He scored {rng.randint(10, 40)} goals in {rng.randint(30, 50)} games last season.",
        f"The {rng.choice([2025, 2026, 2027])} SEA Games will feature {rng.randint(30, 50)} sports and about {commas(rng.randint(5, 12) * 1000)} athletes.",
        f"The boxer, {rng.randint(20, 38)}, has won {rng.randint(10, 30)} of his {rng.randint(31, 40)} fights.",
    ])


def _weather(rng: random.Random) -> str:
    return rng.choice([
        f"Temperatures are expected to reach {rng.randint(30, 41)}C in {rng.choice(PLACES_KH)} on {rng.choice(WEEKDAYS)}.",
        f"Forecasters warned of up to {rng.randint(50, 250)} mm of rain over the next {words(rng.randint(2, 5))} days.",
        f"Floods have affected {commas(rng.randint(2, 90) * 1000)} households in {rng.randint(3, 15)} provinces since {_date(rng)}.",
        f"The storm, with winds of {rng.randint(60, 180)} km/h, is due to make landfall at about {_time(rng)}.",
        f"The Mekong rose {round(rng.uniform(0.2, 3.5), 1)} metres overnight, the river commission said.",
        f"Residents can call the disaster line on {_phone(rng)} for help.",
        f"The dry season usually runs from November to April, with humidity near {_pct(rng)}.",
    ])


def _courts(rng: random.Random) -> str:
    return rng.choice([
        f"The court sentenced him to {words(rng.randint(2, 20))} years in prison and fined him {_money(rng)}.",
        f"The trial of the {rng.randint(3, 60)} defendants resumes on {_date(rng)} at {_time(rng)}.",
        f"Judges heard from {rng.randint(5, 40)} witnesses over {rng.randint(3, 12)} weeks.",
        f"Prosecutors sought {rng.randint(5, 25)} years for the former official, who denies the charges.",
        f"The appeal, filed under case No. {rng.randint(100, 9999)}/{rng.choice([2024, 2025])}, will be heard in {rng.choice(MONTHS)}.",
        f"The company agreed to pay {_money(rng)} to settle the claims of {commas(rng.randint(200, 20000))} customers.",
        f"The law, passed by {rng.randint(90, 120)} votes to {rng.randint(0, 10)}, takes effect on {_date(rng)}.",
    ])


def _general(rng: random.Random) -> str:
    return rng.choice([
        f"The new airport, {rng.randint(20, 70)} km south of the capital, will handle {rng.randint(5, 30)} million passengers a year by {rng.choice([2030, 2040, 2050])}.",
        f"Flight {rng.choice(['KR', 'PG', 'VN', 'TG'])}{rng.randint(100, 999)} was delayed by {rng.randint(2, 9)} hours on {_date(rng)}.",
        f"Health officials reported {rng.randint(3, 600)} cases of dengue last week, up from {rng.randint(3, 600)} a week earlier.",
        f"About {_pct(rng)} of adults have had a booster, according to a survey of {commas(rng.randint(1, 9) * 1000)} people.",
        f"The school on Street {rng.randint(1, 600)} has {rng.randint(300, 3000)} pupils and {rng.randint(15, 120)} teachers.",
        f"Train services between the two cities will run {words(rng.randint(2, 8))} times a day from {_date(rng)}.",
        f"The museum, founded in {rng.randint(1880, 1990)}, receives about {commas(rng.randint(20, 500) * 1000)} visitors a year.",
        f"Contact the embassy on {_phone(rng)} or visit its office on the {rng.choice(['2nd', '3rd', '5th', '11th'])} floor.",
        f"The festival on {_date(rng)} is expected to draw {rng.choice(['hundreds', 'thousands', 'tens of thousands'])} of visitors.",
    ])


OFF_TOPIC = [_economy, _sport, _weather, _courts, _general]

HEADLINES_ON = [
    "Cambodia arrests hundreds in raids on scam centres",
    "Police widen crackdown on online scam compounds",
    "Scam crackdown: foreigners detained across Cambodia",
    "Raids on scam hubs continue as tally rises",
    "Cambodia deports foreigners after scam raids",
]
HEADLINES_OFF = [
    "Central bank holds rates as inflation eases", "Home side clinch late win",
    "Heavy rain expected across the region", "Court jails former official",
    "New airport set to open next year", "Dengue cases climb as rainy season begins",
]


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------

def report(seed: int, index: int) -> tuple[str, str]:
    """(file name, text) of report `index`; depends only on (seed, index)."""
    rng = random.Random(f"factdesk-bench:{seed}:{index}")
    markdown = rng.random() < MD_SHARE
    on_topic = rng.random() >= OFF_TOPIC_ONLY_SHARE
    target = int(REPORT_BYTES * rng.uniform(0.7, 1.3))
    # Per claim: which way this report leans (absent, agreeing, contradicting).
    stance: dict[str, bool] = {}
    if on_topic:
        for claim in ON_TOPIC:
            r = rng.random()
            if r < 0.55:
                stance[claim] = r < 0.42  # mostly agreeing, some contradicting
    topic_share = rng.uniform(0.25, 0.6) if on_topic else 0.0

    headline = rng.choice(HEADLINES_ON if on_topic else HEADLINES_OFF)
    dateline = f"{rng.choice(['PHNOM PENH', 'BANGKOK', 'JAKARTA', 'TAIPEI', 'HANOI'])}, {_date(rng, 2025)} ({rng.choice(OUTLETS)}) -"
    paragraphs: list[list[str]] = [[]]
    size = len(headline) + len(dateline)
    pending = list(stance.items())
    rng.shuffle(pending)
    while size < target:
        if on_topic and rng.random() < topic_share:
            if pending and rng.random() < 0.6:
                claim, agree = pending.pop()
                sentence = ON_TOPIC[claim](rng, agree)
                if rng.random() < 0.3:  # repeat the claim later, as reports do
                    pending.insert(0, (claim, agree))
            else:
                sentence = _topic_filler(rng)
        else:
            sentence = rng.choice(OFF_TOPIC)(rng)
        paragraphs[-1].append(sentence)
        if len(paragraphs[-1]) > 1 and rng.random() < 0.35:
            paragraphs.append([])
        size += len(sentence) + 1
    paragraphs = [p for p in paragraphs if p]
    paragraphs[0][0] = f"{dateline} {paragraphs[0][0]}"
    if markdown:
        lines = [f"# {headline}", ""]
        for i, para in enumerate(paragraphs):
            if i and i % 3 == 0:
                lines += [f"## {rng.choice(['Background', 'The raids', 'Elsewhere', 'In brief', 'Reaction'])}", ""]
            if len(para) >= 3 and rng.random() < 0.3:
                lines += [para[0], ""] + [f"- {s}" for s in para[1:]] + [""]
            else:
                lines += [" ".join(para), ""]
        return f"r{index:05d}.md", "\n".join(lines)
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    return f"r{index:05d}.txt", f"{headline}\n\n{body}\n"


def corpus(reports: int, seed: int = SEED, root: Path | None = None) -> Path:
    """The folder holding `reports` reports, generated once and cached."""
    root = root or out_root()
    folder = root / f"corpus-{_source_digest()}-s{seed}-n{reports}"
    done = folder / ".complete"
    if done.exists():
        return folder
    tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    total = 0
    for i in range(reports):
        name, text = report(seed, i)
        data = text.encode("utf-8")
        (tmp / name).write_bytes(data)
        total += len(data)
    (tmp / ".complete").write_text(f"{reports} reports, {total} bytes\n")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return folder


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if not p.name.startswith("."))


def big_report(megabytes: float, seed: int = SEED, root: Path | None = None) -> Path:
    """One report of `megabytes` MB (10**6 bytes): consecutive report bodies, as one long article."""
    root = root or out_root()
    limit = int(megabytes * 10**6)
    path = root / f"big-{_source_digest()}-s{seed}-{limit}b.txt"
    if path.exists():
        return path
    size, parts, i = 0, [], 0
    while size < limit:
        _, text = report(seed, 100_000 + i)
        text = text.replace("# ", "").replace("## ", "")
        parts.append(text)
        size += len(text.encode("utf-8")) + 1
        i += 1
    data = "\n".join(parts).encode("utf-8")[: limit - 1].decode("utf-8", "ignore")
    _write(path, (data + "\n").encode("utf-8"))
    return path


def paragraph(megabytes: float, seed: int = SEED, root: Path | None = None) -> Path:
    """One report that is a single paragraph of `megabytes` MB with no sentence end at all:
    clauses joined by commas and conjunctions, no '.', '!', '?' or line break anywhere."""
    root = root or out_root()
    limit = int(megabytes * 10**6)
    path = root / f"para-{_source_digest()}-s{seed}-{limit}b.txt"
    if path.exists():
        return path
    rng = random.Random(f"factdesk-bench-para:{seed}")
    pieces, size = [], 0
    joins = [", ", ", and ", " while ", ", but ", "; ", " as ", ", after "]
    while size < limit:
        if rng.random() < 0.4:
            claim = rng.choice(list(ON_TOPIC))
            s = ON_TOPIC[claim](rng, rng.random() < 0.75)
        else:
            s = rng.choice(OFF_TOPIC)(rng)
        s = s.translate(_NO_ENDS).strip()
        piece = s + rng.choice(joins)
        pieces.append(piece)
        size += len(piece.encode("utf-8"))
    text = "".join(pieces).encode("utf-8")[: limit - 1].decode("utf-8", "ignore")
    _write(path, (text.rstrip(" ,;") + "\n").encode("utf-8"))
    return path


_NO_ENDS = str.maketrans({".": None, "!": None, "?": None, "\n": " "})


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_bytes(data)
    tmp.rename(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", help="cache folder (default: bench-out/ or $BENCH_OUT)")
    args = parser.parse_args()
    folder = corpus(args.reports, args.seed, Path(args.out) if args.out else None)
    print(folder, f"({corpus_bytes(folder):,} bytes)")


if __name__ == "__main__":
    main()
