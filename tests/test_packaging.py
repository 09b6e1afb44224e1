"""The wheel carries everything `pip install .` users need: the screen, its styles and the
bundled example (rules, source article, sample reports)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_the_screen_and_the_bundled_example(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("factdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "factdesk/claims/figures.py",
        "factdesk/tui/cli.py",
        "factdesk/tui/app.tcss",
        "factdesk/tui/screens/review.py",
        "factdesk/tui/widgets/fields.py",
        "factdesk/rules/cambodia-scam-crackdown.yaml",
        "factdesk/seeds/cambodia-scam-crackdown-taipei-times-2025-07-17.txt",
        "factdesk/seeds/reports/10-news-page.html",
        "factdesk/seeds/reports/11-nationality-breakdown.md",
        "factdesk/seeds/reports/expected.yaml",
    ):
        assert needed in names, needed
    assert not any(n.startswith(("factdesk/tests", "tests/")) for n in names)
