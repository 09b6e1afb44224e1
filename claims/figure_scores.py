"""Scoring the figure reader against a sentence-level figure set (tests/corpora/figures/).

Each gold item is a sentence with its figures (the words as written, the interval, the unit
family and unit, level or change, modality) and the numbers in it that are not figures (dates,
years, codes). A predicted figure meets a gold one when their spans overlap; it is right in
value when the intervals agree, in value and unit when the family (and, for money, the currency)
agrees too, in kind and in modality when, its value right, those labels agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .figures import Figure, Kind, read_figures
from .units import family_of


@dataclass(frozen=True, slots=True)
class GoldFigure:
    start: int
    end: int
    low: float
    high: float
    family: str
    unit: str
    kind: str  # "level" or "change"
    modality: str = "reported"  # or "estimated", "projected"

    @property
    def interval(self) -> str:
        return f"{_number(self.low)}..{_number(self.high)}"


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    story: str
    text: str
    figures: tuple[GoldFigure, ...]
    non_figures: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float


# What each score asks of a predicted figure that meets a gold one, in the order they are printed.
ASPECTS = ("value", "value_unit", "kind", "modality")


@dataclass(frozen=True, slots=True)
class FigureScores:
    sentences: int
    gold: int
    predicted: int
    value: Score
    value_unit: Score
    kind: Score
    modality: Score
    non_figures_read: int  # predictions that are a gold non-figure (a date, a year, a code)

    @property
    def non_figure_rate(self) -> float:
        return self.non_figures_read / self.predicted if self.predicted else 0.0


@dataclass(frozen=True, slots=True)
class Miss:
    """One disagreement with the people's labels: `what` is "missed" (a figure not read), "extra"
    (a figure read that is none; "non-figure" when people listed it as a date, year or code), or
    the first aspect a figure read at the right place gets wrong ("value", "unit", "kind",
    "modality")."""

    item: str
    what: str
    text: str  # the sentence
    gold: str  # the people's figure, described ("" for an extra one)
    read: str  # ours ("" for a missed one)


ERRORS = ("missed", "extra", "non-figure", "value", "unit", "kind", "modality")


def load_items(path: str | Path) -> list[Item]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    items = []
    for entry in data:
        text = entry["text"]
        figures = []
        at = 0
        for f in entry.get("figures") or []:
            start = text.find(f["text"], at)
            if start < 0:
                start = text.find(f["text"])
            at = start + len(f["text"])
            low = -math.inf if f.get("low") is None else float(f["low"])
            high = math.inf if f.get("high") is None else float(f["high"])
            figures.append(GoldFigure(start, start + len(f["text"]), low, high, str(f.get("family", "")),
                                      str(f.get("unit", "")), str(f.get("kind", "level")),
                                      str(f.get("modality", "reported"))))
        non = []
        for n in entry.get("non_figures") or []:
            start = text.find(str(n))
            if start >= 0:
                non.append((start, start + len(str(n))))
        items.append(Item(str(entry["id"]), str(entry.get("story", "")), text, tuple(figures), tuple(non)))
    return items


def family(figure: Figure) -> str:
    """The figure's family in the figure set's words."""
    if figure.kind is Kind.MEASURE:
        unit = family_of(figure.unit)
        return {"bandwidth": "data"}.get(unit.family, unit.family) if unit is not None else "other"
    return {"count": "count", "money": "money", "percent": "percent", "points": "points",
            "duration": "duration", "age": "age", "multiplier": "multiplier",
            "fraction": "fraction"}.get(figure.kind.value, "other")


def written_interval(figure: Figure) -> tuple[float, float]:
    """The figure's interval in the unit it is written in (the figure set converts nothing but
    money's pence and the scales)."""
    low, high = figure.interval.low, figure.interval.high
    if figure.kind is Kind.MEASURE and figure.unit:
        unit = family_of(figure.unit)
        if unit is not None:
            low = low if math.isinf(low) else (low - unit.offset) / unit.factor
            high = high if math.isinf(high) else (high - unit.offset) / unit.factor
    return low, high  # a duration in days: the set writes its own units, so it is compared by family only


def _close(a: float, b: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def _open_low(x: float) -> float:
    return 0.0 if math.isinf(x) and x < 0 else x


def _agrees(p: Figure, g: GoldFigure) -> dict[str, bool]:
    """For each aspect, whether `p` agrees with `g` in it (its value right, for the others)."""
    low, high = written_interval(p)
    if g.family == "points" and g.unit.lower() in ("bp", "bps", "basis points"):
        low, high = low * 100, high * 100  # the set writes basis points as written, the reader in points
    value = p.kind is Kind.DURATION or (_close(_open_low(low), _open_low(g.low)) and _close(high, g.high))
    fam = family(p)
    unit = fam == g.family and (fam != "money" or p.currency.upper() == g.unit.upper()[:3])
    return {"value": value, "value_unit": value and unit,
            "kind": value and ("change" if p.change else "level") == g.kind,
            "modality": value and p.modality.value == g.modality}


def _first_wrong(p: Figure, g: GoldFigure) -> str:
    """The first aspect in which `p` disagrees with `g` ("value", "unit", "kind", "modality"), or ""."""
    agrees = _agrees(p, g)
    return next((_ERROR_OF[a] for a in ASPECTS if not agrees[a]), "")


_ERROR_OF = {"value": "value", "value_unit": "unit", "kind": "kind", "modality": "modality"}


def _paired(item: Item, predicted: list[Figure]) -> Iterator[tuple[Figure | None, GoldFigure | None]]:
    """Each predicted figure with the first gold one its span overlaps and no other took (or
    None), then each gold figure nothing met, with None."""
    used: set[int] = set()
    for p in predicted:
        met = None
        for n, g in enumerate(item.figures):
            if n not in used and p.start < g.end and g.start < p.end:
                used.add(n)
                met = g
                break
        yield p, met
    for n, g in enumerate(item.figures):
        if n not in used:
            yield None, g


def _is_non_figure(item: Item, p: Figure) -> bool:
    return any(p.start < e and s < p.end for s, e in item.non_figures) and not any(
        p.start < g.end and g.start < p.end for g in item.figures)


def score_items(items: Iterable[Item]) -> FigureScores:
    items = list(items)
    gold_n = pred_n = non_read = 0
    hits = dict.fromkeys(ASPECTS, 0)
    for item in items:
        predicted = read_figures(item.text, framed=True)
        pred_n += len(predicted)
        gold_n += len(item.figures)
        for p, g in _paired(item, predicted):
            if p is not None and g is None and _is_non_figure(item, p):
                non_read += 1
            if p is None or g is None:
                continue
            for aspect, right in _agrees(p, g).items():
                hits[aspect] += right
    return FigureScores(len(items), gold_n, pred_n, *(_score(hits[k], pred_n, gold_n) for k in ASPECTS),
                        non_read)


def figure_errors(items: Iterable[Item]) -> list[Miss]:
    """Every disagreement of the reader with the people's labels, sentence by sentence."""
    out = []
    for item in items:
        for p, g in _paired(item, read_figures(item.text, framed=True)):
            if g is None:
                what = "non-figure" if _is_non_figure(item, p) else "extra"
            elif p is None:
                what = "missed"
            else:
                what = _first_wrong(p, g)
            if what:
                out.append(Miss(item.id, what, item.text, "" if g is None else describe_gold(item, g),
                                "" if p is None else describe_read(p)))
    return out


def describe_gold(item: Item, g: GoldFigure) -> str:
    return (f"{item.text[g.start:g.end]!r} {g.interval} {g.family} {g.unit} {g.kind} {g.modality}")


def describe_read(p: Figure) -> str:
    low, high = written_interval(p)
    unit = p.currency or p.unit
    return (f"{p.text!r} {_number(low)}..{_number(high)} {family(p)}{' ' + unit if unit else ''} "
            f"{'change' if p.change else 'level'} {p.modality.value}")


def _number(x: float) -> str:
    if math.isinf(x):
        return "" if x > 0 else "-inf"
    return f"{x:g}"


def _score(hit: int, predicted: int, gold: int) -> Score:
    p = hit / predicted if predicted else 0.0
    r = hit / gold if gold else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def render_scores(s: FigureScores, fmt: str = "table") -> str:
    """The scores as the command line prints them: a table, or JSON."""
    rows = {name: getattr(s, name) for name in ASPECTS}
    if fmt == "json":
        import json

        data = {"sentences": s.sentences, "gold": s.gold, "predicted": s.predicted,
                **{k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4)}
                   for k, v in rows.items()},
                "non_figures_read": s.non_figures_read, "non_figure_rate": round(s.non_figure_rate, 4)}
        return json.dumps(data, indent=2) + "\n"
    out = [f"sentences {s.sentences}   figures: {s.gold} labelled, {s.predicted} read", "",
           f"{'':<12} {'precision':>9} {'recall':>7} {'F1':>6}"]
    for name, v in rows.items():
        out.append(f"{name.replace('_', ' + '):<12} {v.precision:>9.3f} {v.recall:>7.3f} {v.f1:>6.3f}")
    out.append(f"\nnon-figures read as figures: {s.non_figures_read} ({s.non_figure_rate:.1%} of what was read)")
    return "\n".join(out) + "\n"


def render_errors(errors: Iterable[Miss], only: str = "") -> str:
    """Disagreements grouped by what went wrong, each with its sentence: `only` keeps one group."""
    errors = [e for e in errors if not only or e.what == only]
    out = []
    for what in ERRORS:
        group = [e for e in errors if e.what == what]
        if not group:
            continue
        out.append(f"\n{what}: {len(group)}")
        for e in group:
            out.append(f"  {e.item}: {e.text}")
            if e.gold:
                out.append(f"    people:   {e.gold}")
            if e.read:
                out.append(f"    factdesk: {e.read}")
    return "\n".join(out) + "\n" if out else ""
