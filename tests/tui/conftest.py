"""The review desk fixture: the bundled rules, their source article and a few sample reports,
copied to a temporary folder that becomes the current folder (so paths on screen are short)."""

from __future__ import annotations

import os
import shutil
import subprocess
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


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A folder nobody may write into (a read-only mount when running as root)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    mounted = False
    if os.access(folder, os.W_OK):  # root ignores permissions
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro", "tmpfs", str(folder)],
                                 capture_output=True).returncode == 0
        if not mounted:
            folder.chmod(0o755)
            pytest.skip("cannot make a read-only folder here")
    yield folder
    if mounted:
        subprocess.run(["umount", str(folder)], check=True)
    folder.chmod(0o755)
