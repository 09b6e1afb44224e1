"""The review desk fixture: the bundled rules, their source article and a few sample reports,
copied to a temporary folder that becomes the current folder (so paths on screen are short)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_helpers import ROOT, RULES, SAMPLES, SOURCE, Desk


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    (tmp_path / "rules").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "reports").mkdir()
    shutil.copy(ROOT / RULES, tmp_path / RULES)
    shutil.copy(ROOT / SOURCE, tmp_path / SOURCE)
    for name in SAMPLES:
        shutil.copy(ROOT / "seeds" / "reports" / name, tmp_path / "reports" / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    return Desk(tmp_path)
