"""Scoring the figure reader against a sentence-level figure set (tests/corpora/figures/).

Each gold item is a sentence with its figures (the words as written, the interval, the unit
family and unit, level or change, modality) and the numbers in it that are not figures (dates,
years, codes). A predicted figure meets a gold one when their spans overlap; it is right in
value when the intervals agree, in value and unit when the family (and, for money, the currency)
agrees too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
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
    kind: str


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


@dataclass(frozen=True, slots=True)
class FigureScores:
    sentences: int
    gold: int
    predicted: int
    value: Score
    value_unit: Score
    kind: Score
    non_figures_read: int  # predictions that are a gold non-figure (a date, a year, a code)

    @property
    def non_figure_rate(self) -> float:
        return self.non_figures_read / self.predicted if self.predicted else 0.0


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
                                      str(f.get("unit", "")), str(f.get("kind", "level"))))
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
        return a == b or (math.isinf(a) and math.isinf(b))
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def _open_low(x: float) -> float:
    return 0.0 if math.isinf(x) and x < 0 else x


def score_items(items: Iterable[Item]) -> FigureScores:
    items = list(items)
    gold_n = pred_n = 0
    hits = {"value": 0, "value_unit": 0, "kind": 0}
    non_read = 0
    for item in items:
        predicted = read_figures(item.text)
        pred_n += len(predicted)
        gold_n += len(item.figures)
        used: set[int] = set()
        for p in predicted:
            if any(p.start < e and s < p.end for s, e in item.non_figures) and not any(
                    p.start < g.end and g.start < p.end for g in item.figures):
                non_read += 1
            for n, g in enumerate(item.figures):
                if n in used or not (p.start < g.end and g.start < p.end):
                    continue
                used.add(n)
                low, high = written_interval(p)
                value_ok = p.kind is Kind.DURATION or (
                    _close(_open_low(low), _open_low(g.low)) and _close(high, g.high))
                if value_ok:
                    hits["value"] += 1
                    fam = family(p)
                    unit_ok = fam == g.family and (fam != "money" or p.currency.upper() == g.unit.upper()[:3])
                    if unit_ok:
                        hits["value_unit"] += 1
                    if g.kind == "level":  # the reader does not tell a change from a level yet
                        hits["kind"] += 1
                break
    return FigureScores(len(items), gold_n, pred_n, *(_score(hits[k], pred_n, gold_n) for k in
                                                      ("value", "value_unit", "kind")), non_read)


def _score(hit: int, predicted: int, gold: int) -> Score:
    p = hit / predicted if predicted else 0.0
    r = hit / gold if gold else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)
