"""The figure set (tests/corpora/figures/): the reader must not slide back on sentences nobody on
the project wrote, and `factdesk eval-figures` scores a set as people labelled it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factdesk.claims.figure_scores import load_items, score_items

FIGURES = Path(__file__).resolve().parent / "corpora" / "figures"


def test_the_figure_set_keeps_its_scores():
    items = [i for part in ("f1", "f2", "f3") for i in load_items(FIGURES / f"{part}.yaml")]
    assert len(items) == 610
    s = score_items(items)
    assert s.value.f1 >= 0.95  # first score 0.852
    assert s.value_unit.f1 >= 0.91  # first score 0.652
    assert s.kind.f1 >= 0.93  # level or change; first score 0.755
    assert s.modality.f1 >= 0.91  # reported, estimated, projected; first score 0.746
    assert s.non_figure_rate <= 0.01  # dates, years and codes read as figures


LABELLED = (
    "- id: a\n  story: disaster\n  text: 'The quake of magnitude 7.7 killed at least 1,644 people on March 28, 2025.'\n"
    "  figures:\n"
    "  - {text: magnitude 7.7, low: 7.7, high: 7.7, family: magnitude, unit: magnitude, kind: level}\n"
    "  - {text: 'at least 1,644', low: 1644, high: null, family: count, unit: people, kind: level}\n"
    "  non_figures: ['March 28, 2025']\n"
    "- id: b\n  story: economy\n  text: Prices rose about 34% while the pound fell 25p, and could fall 5p more.\n"
    "  figures:\n"
    "  - {text: about 34%, low: 33, high: 35, family: percent, unit: '%', kind: change, modality: estimated}\n"
    "  - {text: 25p, low: 0.25, high: 0.25, family: money, unit: GBP, kind: change}\n"
    "  - {text: 5p, low: 0.05, high: 0.05, family: money, unit: GBP, kind: change, modality: projected}\n"
)


def eval_figures(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factdesk.tui.cli", "eval-figures", str(path), *args],
                          capture_output=True, text=True, check=False)


def test_eval_figures_scores_what_was_labelled(tmp_path):
    labelled = tmp_path / "set.yaml"
    labelled.write_text(LABELLED, encoding="utf-8")
    done = eval_figures(labelled, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["sentences"], data["gold"], data["predicted"]) == (2, 5, 5)
    for aspect in ("value", "value_unit", "kind", "modality"):
        assert data[aspect]["f1"] == 1.0, aspect
    assert data["non_figures_read"] == 0


def test_eval_figures_lists_each_disagreement_under_what_went_wrong(tmp_path):
    labelled = tmp_path / "set.yaml"
    # the people say the pound's fall is a level, reported, and the quake's toll 1,700
    labelled.write_text(LABELLED.replace("unit: GBP, kind: change}", "unit: GBP, kind: level}", 1)
                        .replace("low: 1644", "low: 1700").replace(", modality: estimated", ""), encoding="utf-8")
    done = eval_figures(labelled, "--show-errors")
    assert done.returncode == 0, done.stderr
    errors = done.stdout[done.stdout.index("\nvalue: 1"):]
    assert "at least 1,644" in errors.split("kind: 1")[0]
    kind, modality = errors.split("kind: 1")[1].split("modality: 1")
    assert "people:   '25p' 0.25..0.25 money GBP level reported" in kind
    assert "factdesk: '25p' 0.25..0.25 money GBP change reported" in kind
    assert "factdesk: 'about 34%' 33..35 percent change estimated" in modality
    only = eval_figures(labelled, "--show-errors", "kind").stdout
    assert "kind: 1" in only and "value: 1" not in only and "modality: 1" not in only


def test_eval_figures_refuses_a_missing_set(tmp_path):
    done = eval_figures(tmp_path / "none.yaml")
    assert done.returncode == 2 and "cannot read the figure set" in done.stderr
