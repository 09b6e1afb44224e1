"""Issue 13, as a user of `factdesk check` meets it: numbers written with other separators,
evidence and rules bounded, invisible characters shown."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.claims.formats import printable

FACTDESK = [sys.executable, "-m", "factdesk.tui.cli"]


def factdesk(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FACTDESK, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_a_french_thousands_separator_supports_more_than_1000(tmp_path, small_rules):
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


# ---------------------------------------------------------------------------------------------
# Invisible characters are shown escaped on the terminal, as control characters are
# ---------------------------------------------------------------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\U000e0041", "\U000e007f"]


def test_invisible_characters_are_escaped_in_the_table(tmp_path, cli, small_rules):
    report = tmp_path / "hidden.txt"
    report.write_text("In raids\u200b\u2060\U000e0041\U000e007f\u00ad\ufeff police arrested more than "
                      "1,000 people, including 75 Taiwanese.\n", encoding="utf-8")
    code, out, err = cli("check", small_rules, report)
    assert code == 0 and err == ""
    assert not any(ch in out for ch in INVISIBLE)
    assert '"In raids\\u200b\\u2060\\U000e0041\\U000e007f\\xad\\ufeff police' in out
    _, out, _ = cli("check", small_rules, report, "--format", "yaml")  # the data is kept as is
    quote = yaml.safe_load(out)["reports"][0]["claims"][0]["evidence"][0]["quote"]
    assert quote == report.read_text(encoding="utf-8").strip()


def test_invisible_characters_are_escaped_in_eval_show_errors(tmp_path, cli, small_rules):
    (tmp_path / "r.txt").write_text("Police arrested 120 people in raids, including 12 Taiwanese.\n")
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        f"version: 1\nrules: {small_rules.name}\nreports:\n  - file: r.txt\n    claims:\n"
        "      - id: taiwanese\n        verdict: supports\n"
        "        evidence: \"quote\\u200b with \\u200d hidden \\U000E0041 tags\\xad\"\n",
        encoding="utf-8")
    code, out, err = cli("eval", gold, "--show-errors")
    assert code == 0 and err == ""
    assert not any(ch in out for ch in INVISIBLE)
    assert "quote\\u200b with \\u200d hidden \\U000e0041 tags\\xad" in out


# Format characters that show as a sign, left as they are: the Arabic number signs and the like,
# Egyptian hieroglyph controls.
SHOWN_FORMAT = set("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
                   "\U000110bd\U000110cd") | {chr(c) for c in range(0x13430, 0x13440)}


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from([*INVISIBLE, "a", " ", "\n", "\t", "\x1b", "3", "\u00a0"]))
       | st.text(alphabet=st.characters(categories=["Cf", "Cc", "Zs", "Lo"])) | st.text(),
       st.booleans())
def test_printable_text_shows_no_invisible_or_control_character(text, one_line):
    kept = "" if one_line else "\n\t"
    for ch in printable(text, one_line=one_line):
        assert unicodedata.category(ch) not in ("Cc", "Cf") or ch in kept or ch in SHOWN_FORMAT, ch
