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
    assert s.value.f1 >= 0.90  # first score 0.852
    assert s.value_unit.f1 >= 0.84  # first score 0.652
    assert s.non_figure_rate <= 0.02  # dates, years and codes read as figures


def test_eval_figures_scores_what_was_labelled(tmp_path):
    labelled = tmp_path / "set.yaml"
    labelled.write_text(
        "- id: a\n  story: disaster\n  text: 'The quake of magnitude 7.7 killed at least 1,644 people on March 28, 2025.'\n"
        "  figures:\n"
        "  - {text: magnitude 7.7, low: 7.7, high: 7.7, family: magnitude, unit: magnitude, kind: level}\n"
        "  - {text: 'at least 1,644', low: 1644, high: null, family: count, unit: people, kind: level}\n"
        "  non_figures: ['March 28, 2025']\n"
        "- id: b\n  story: economy\n  text: Prices rose about 34% while the pound fell 25p.\n"
        "  figures:\n"
        "  - {text: about 34%, low: 33, high: 35, family: percent, unit: '%', kind: change}\n"
        "  - {text: 25p, low: 0.25, high: 0.25, family: money, unit: GBP, kind: change}\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "factdesk.tui.cli", "eval-figures", str(labelled),
                           "--format", "json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["sentences"], data["gold"], data["predicted"]) == (2, 4, 4)
    assert data["value"]["f1"] == 1.0 and data["value_unit"]["f1"] == 1.0
    assert data["kind"]["recall"] == 0.5  # the reader does not tell a change from a level yet
    assert data["non_figures_read"] == 0


def test_eval_figures_refuses_a_missing_set(tmp_path):
    done = subprocess.run([sys.executable, "-m", "factdesk.tui.cli", "eval-figures", str(tmp_path / "none.yaml")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "cannot read the figure set" in done.stderr
