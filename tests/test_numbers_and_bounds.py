"""Issue 13, as a user of `factdesk check` meets it: numbers written with other separators,
evidence and rules bounded, invisible characters shown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SMALL_RULES

FACTDESK = [sys.executable, "-m", "factdesk.tui.cli"]


def factdesk(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FACTDESK, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_a_french_thousands_separator_supports_more_than_1000(tmp_path):
    (tmp_path / "rules.yaml").write_text(SMALL_RULES, encoding="utf-8")
    report = ("Police said they had arrested 3\u00a0075 people in raids across the country, "
              "including 75 Taiwanese.\n")
    (tmp_path / "report.txt").write_text(report, encoding="utf-8")
    done = factdesk("check", "rules.yaml", "report.txt", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr  # not "contradicted"
    [claims] = [r["claims"] for r in json.loads(done.stdout)["reports"]]
    arrests = next(c for c in claims if c["id"] == "total-arrests")
    assert arrests["verdict"] == "supports"
    [evidence] = arrests["evidence"]
    assert (evidence["figure"], evidence["low"], evidence["high"]) == ("3\u00a0075", 3075, 3075)
    assert report[evidence["start"]:evidence["end"]] == evidence["quote"]
