"""The command line: formats, exit codes, the bundled example, --output and --jobs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factdesk.tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "cambodia-scam-crackdown.yaml"
SAMPLES = ROOT / "seeds" / "reports"
AGREE = SAMPLES / "01-wire-agreement.txt"
CONTRA = SAMPLES / "12-contradicting-figures.txt"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_agreeing_report_exits_0_with_a_readable_table(capsys):
    code, out, err = run(capsys, "check", RULES, AGREE)
    assert code == 0
    assert "01-wire-agreement.txt" in out
    assert "total-arrests" in out and "supports" in out
    assert "1 reports x 9 claims: 9 supports" in out


def test_contradicted_claim_exits_1(capsys):
    code, out, _ = run(capsys, "check", RULES, CONTRA)
    assert code == 1
    assert "CONTRADICTS" in out


def test_yaml_output_is_the_verdicts_format(capsys):
    code, out, _ = run(capsys, "check", RULES, AGREE, "--format", "yaml")
    data = yaml.safe_load(out)
    assert data["version"] == 1 and data["rules"] == str(RULES) and data["generated"].endswith("Z")
    (report,) = data["reports"]
    assert report["file"] == str(AGREE)
    import hashlib

    assert report["sha256"] == hashlib.sha256(AGREE.read_bytes()).hexdigest()
    first = report["claims"][0]
    assert list(first) == ["id", "verdict", "auto", "reviewed", "evidence", "note"]
    evidence = first["evidence"][0]
    assert list(evidence) == ["quote", "start", "end", "figure", "low", "high", "score"]
    text = AGREE.read_text()
    assert text[evidence["start"]:evidence["end"]] == evidence["quote"]
    assert evidence["figure"] in evidence["quote"]


def test_json_output_matches_yaml(capsys):
    _, out_json, _ = run(capsys, "check", RULES, AGREE, "--format", "json")
    _, out_yaml, _ = run(capsys, "check", RULES, AGREE, "--format", "yaml")
    a, b = json.loads(out_json), yaml.safe_load(out_yaml)
    a.pop("generated"), b.pop("generated")
    assert a == b


def test_folder_and_stdin(capsys, monkeypatch):
    import io

    code, out, _ = run(capsys, "check", RULES, SAMPLES, "--format", "json")
    files = [r["file"] for r in json.loads(out)["reports"]]
    assert len(files) == 15 and files == sorted(files)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(AGREE.read_bytes())))
    code, out, _ = run(capsys, "check", RULES, "-", "--format", "json")
    assert code == 0 and json.loads(out)["reports"][0]["file"] == "-"


def test_no_paths_checks_the_bundled_example(capsys):
    code, out, _ = run(capsys, "check")
    assert "15 reports x 9 claims" in out
    assert code == 1  # the bundled samples include contradictions on purpose


def test_output_file_is_written_and_the_previous_kept(tmp_path, capsys):
    target = tmp_path / "verdicts.yaml"
    assert run(capsys, "check", RULES, AGREE, "--output", target)[0] == 0
    first = target.read_text()
    assert run(capsys, "check", RULES, CONTRA, "--output", target)[0] == 1
    assert (tmp_path / "verdicts.yaml.bak").read_text() == first
    saved = yaml.safe_load(target.read_text())
    # paths are relative to the verdicts file, so it reads the same from anywhere
    assert (tmp_path / saved["reports"][0]["file"]).resolve() == CONTRA.resolve()
    assert (tmp_path / saved["rules"]).resolve() == RULES.resolve()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verdicts.yaml", "verdicts.yaml.bak"]


def test_a_saved_verdicts_file_is_a_gold_file(tmp_path, capsys, monkeypatch):
    target = tmp_path / "out" / "verdicts.yaml"
    target.parent.mkdir()
    assert run(capsys, "check", RULES, AGREE, CONTRA, "--output", target)[0] == 1
    # (as if a person had accepted every verdict: unreviewed pairs are the checker's, left out)
    target.write_text(target.read_text().replace("reviewed: false", "reviewed: true"))
    monkeypatch.chdir(tmp_path)  # read from elsewhere: the paths hold
    code, out, _ = run(capsys, "eval", target, "--allow-outside")  # (its reports are outside out/)
    assert code == 0 and "pairs                 18" in out and "accuracy              1.000" in out


def test_jobs_give_the_same_output(tmp_path, capsys):
    for name in os.listdir(SAMPLES):
        if name.endswith((".txt", ".md", ".html")):
            shutil.copy(SAMPLES / name, tmp_path / name)
    _, one, _ = run(capsys, "check", RULES, tmp_path, "--format", "yaml", "--jobs", "1")
    _, two, _ = run(capsys, "check", RULES, tmp_path, "--format", "yaml", "--jobs", "2")
    strip = lambda s: [line for line in s.splitlines() if not line.startswith("generated:")]  # noqa: E731
    assert strip(one) == strip(two)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "/no/such/rules.yaml", str(AGREE)],
        ["check", str(RULES)],  # no report
        ["check", str(RULES), "/no/such/report.txt"],
        ["check", str(RULES), str(AGREE), "--format", "xml"],
        ["check", str(RULES), str(AGREE), "--jobs", "0"],
        ["frobnicate"],
    ],
)
def test_bad_input_or_usage_exits_2(args, capsys):
    with pytest.raises(SystemExit) as exc_info:
        sys.exit(main(args))
    assert exc_info.value.code == 2
    assert capsys.readouterr().err.strip()


def test_validate_reports_every_problem_with_its_position(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nsource:\n  title: T\nclaims:\n"
        "  - id: a\n    statement: s\n    quantity: lots\n"
        "  - id: a\n    statement: s\n    quantity: '75'\n    unti: people\n"
    )
    code, _, err = run(capsys, "validate", bad)
    assert code == 2
    lines = err.splitlines()
    assert any(line.startswith(f"{bad}:7:15: claims[0].quantity") for line in lines)
    assert any(f"{bad}:8:5:" in line and "used twice" in line for line in lines)
    assert any(f"{bad}:11:5: unknown key 'unti'" in line and "did you mean 'unit'" in line for line in lines)
    assert run(capsys, "validate", RULES)[0] == 0


READABLE = """\
version: 1
source:
  title: Quake and aid
  published: 2025-03-29
claims:
  - id: taiwanese
    statement: including 75 Taiwanese
    quantity: '75'
    unit: Taiwanese
  - id: depth
    statement: The quake struck at a depth of 10 km
    quantity: '10'
    unit: km
  - id: aid
    statement: China pledged US$13.8 million in aid
    quantity: US$13.8 million
  - id: odd
    statement: 3 odd ones
    quantity: '3'
    unit: "odd \\e[31mones"
rates:
  CNY: 0.1377
"""


def test_validate_prints_how_each_quantity_is_read(tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text(READABLE, encoding="utf-8")
    code, out, err = run(capsys, "validate", rules)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{rules}: ok, 4 claims",
        "  taiwanese: 75 (exactly 75) Taiwanese",
        "  depth: 10 km (exactly 10 km; compared as 9.5 to 10.5 km)",
        "  aid: US$13.8 million (exactly 13.8 million USD)",
        "  odd: 3 (exactly 3) odd \\x1b[31mones",  # a control character is shown, never obeyed
        "  rates: 1 CNY = 0.1377 USD (the rules'); other currencies at the ECB's reference rate of 2025-03-29, "
        "or of the last day before it that has one",
    ]


def test_validate_refuses_a_quantity_it_cannot_read_whole_and_a_bad_rate(tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text(READABLE.replace("quantity: '75'", "quantity: seventy-fiv").replace("0.1377", "-1"),
                     encoding="utf-8")
    code, out, err = run(capsys, "validate", rules)
    assert code == 2 and out == ""
    assert err.splitlines()[::3] == [  # each followed by its line and a caret
        f"{rules}:8:23: claims[0].quantity: cannot read 'fiv' in 'seventy-fiv' (the rest reads as exactly 70) "
        "(expected the figure alone, such as 'seventy-five' or '75'; what it counts goes in unit)",
        f"{rules}:22:8: rates.CNY is '-1' (expected a positive number: what one CNY is worth in USD)",
    ]


def test_eval_on_the_samples_is_perfect(capsys):
    code, out, _ = run(capsys, "eval", SAMPLES / "expected.yaml")
    assert code == 0
    assert "accuracy              1.000" in out and "macro-F1              1.000" in out


def test_help_and_version_as_a_program():
    exe = [sys.executable, "-m", "factdesk.tui.cli"]
    version = subprocess.run([*exe, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("factdesk ")
    helptext = subprocess.run([*exe, "check", "--help"], capture_output=True, text=True, check=True)
    assert "--format" in helptext.stdout and "--jobs" in helptext.stdout
