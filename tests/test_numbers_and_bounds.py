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


# ---------------------------------------------------------------------------------------------
# Evidence is bounded: the best passages per pair, each a short window, and how many there were
# ---------------------------------------------------------------------------------------------

def test_a_run_on_paragraph_of_thousands_of_figures_gives_five_short_quotes_per_pair(tmp_path, cli, small_rules):
    text = ", and ".join(["police arrested 1,500 people in raids including 75 Taiwanese"] * 5000) + ".\n"
    report = tmp_path / "run-on.txt"
    report.write_text(text, encoding="utf-8")
    out_file = tmp_path / "verdicts.yaml"
    for fmt in ("json", "yaml"):
        code, out, err = cli("check", small_rules, report, "--format", fmt)
        assert code == 0, err
        data = json.loads(out) if fmt == "json" else yaml.safe_load(out)
        assert len(out) < 20_000  # bounded by reports x claims, not by the text
        for claim in data["reports"][0]["claims"]:
            assert claim["verdict"] == "supports"
            assert len(claim["evidence"]) == 5 and claim["evidence_total"] == 5000
            for e in claim["evidence"]:
                assert len(e["quote"]) <= 300
                assert text[e["start"]:e["end"]] == e["quote"]
                assert e["figure"] in e["quote"]
                assert not e["quote"][0].isspace() and not e["quote"][-1].isspace()
    code, _, err = cli("check", small_rules, report, "--output", out_file)
    assert code == 0, err
    # read back (as review and eval read it): the total is kept
    from factdesk.claims.formats import dump_yaml, load_verdicts

    verdicts = load_verdicts(out_file)
    assert [c.evidence_total for c in verdicts.reports[0].claims] == [5000, 5000]
    assert dump_yaml(verdicts).count("evidence_total: 5000") == 2


def test_a_report_with_few_passages_has_no_evidence_total(tmp_path, cli, small_rules):
    report = tmp_path / "short.txt"
    report.write_text("Police arrested more than 1,000 people in raids. They included 75 Taiwanese.\n")
    code, out, _ = cli("check", small_rules, report, "--format", "json")
    assert code == 0
    assert all("evidence_total" not in c for c in json.loads(out)["reports"][0]["claims"])


def test_six_passages_keep_the_best_five_and_say_six(tmp_path, cli, small_rules):
    report = tmp_path / "six.txt"
    report.write_text("".join(f"Police arrested {n:,} people in raids.\n" for n in range(1100, 1700, 100)))
    code, out, _ = cli("check", small_rules, report, "--format", "json")
    [arrests, _] = json.loads(out)["reports"][0]["claims"]
    assert len(arrests["evidence"]) == 5 and arrests["evidence_total"] == 6


def test_a_long_sentence_is_quoted_as_a_window_around_its_figure(tmp_path, cli, small_rules):
    filler = " ".join(["the operation, officials said, went on"] * 20)
    text = f"In a sweep that {filler}, police arrested 3,075 people in raids and {filler}.\n"
    report = tmp_path / "long.txt"
    report.write_text(text)
    code, out, _ = cli("check", small_rules, report, "--format", "json")
    [e] = json.loads(out)["reports"][0]["claims"][0]["evidence"]
    assert len(text) > 1500 and len(e["quote"]) <= 300
    assert "police arrested 3,075 people in raids" in e["quote"]
    assert text[e["start"]:e["end"]] == e["quote"]
    assert e["quote"].split()[0] in filler.split() and e["quote"].split()[-1] in filler.split()  # whole words


OLD_VERDICTS = """\
version: 1
rules: rules.yaml
generated: 2026-11-28T18:00:00Z
reports:
  - file: r.txt
    sha256: ""
    claims:
      - id: taiwanese
        verdict: supports
        evidence:
          - quote: including 75 Taiwanese
        note: ""
{extra}"""


@pytest.mark.parametrize(("extra", "total"), [("", 0), ("        evidence_total: 9\n", 9)])
def test_verdicts_files_with_and_without_evidence_total_load(tmp_path, extra, total):
    from factdesk.claims.formats import load_verdicts

    path = tmp_path / "v.yaml"
    path.write_text(OLD_VERDICTS.format(extra=extra))
    assert load_verdicts(path).reports[0].claims[0].evidence_total == total


@pytest.mark.parametrize("value", ["many", "-1", "0", "true", "2.5"])
def test_a_bad_evidence_total_is_a_positioned_error(tmp_path, cli, small_rules, value):
    (tmp_path / "r.txt").write_text("Police arrested 120 people in raids, including 75 Taiwanese.\n")
    gold = tmp_path / "gold.yaml"
    gold.write_text(OLD_VERDICTS.format(extra=f"        evidence_total: {value}\n"))
    code, out, err = cli("eval", gold)
    assert code == 2 and out == ""
    assert f"gold.yaml:13:25: reports[0].claims[0].evidence_total is" in err
    assert "at least the 1 listed" in err


# ---------------------------------------------------------------------------------------------
# Ids and statements are bounded in the rules format
# ---------------------------------------------------------------------------------------------

def rules_with(claim_id: str, statement: str = "including 75 Taiwanese") -> str:
    return (f"version: 1\nsource:\n  title: A headline\nclaims:\n"
            f"  - id: {claim_id}\n    statement: {statement}\n    quantity: '75'\n    unit: Taiwanese\n")


def test_a_huge_claim_id_is_refused_with_its_position_not_printed(tmp_path, cli):
    rules = tmp_path / "rules.yaml"
    rules.write_text(rules_with("a" * 1_200_000))
    report = tmp_path / "r.txt"
    report.write_text("Police arrested 75 Taiwanese.\n")
    for args in (("validate", rules), ("check", rules, report)):
        code, out, err = cli(*args)
        assert code == 2 and out == ""
        assert "rules.yaml:5:9: claims[0].id is 1,200,000 characters long (expected at most 64 characters" in err
        assert len(err) < 1_000


def test_a_huge_statement_is_refused_with_its_position(tmp_path, cli):
    rules = tmp_path / "rules.yaml"
    rules.write_text(rules_with("taiwanese", "including 75 Taiwanese" + " and more" * 200))
    code, _, err = cli("validate", rules)
    assert code == 2
    assert "rules.yaml:6:16: claims[0].statement is 1,822 characters long (expected at most 1,000 characters" in err


def test_ids_and_statements_up_to_the_limits_are_accepted(tmp_path, cli):
    rules = tmp_path / "rules.yaml"
    rules.write_text(rules_with("a" * 64, "including 75 Taiwanese" + "x" * (1_000 - 22)))
    code, out, err = cli("validate", rules)
    assert code == 0 and err == "" and "ok, 1 claims" in out
    rules.write_text(rules_with("a" * 65))
    assert cli("validate", rules)[0] == 2
    rules.write_text(rules_with("taiwanese", "including 75 Taiwanese" + "x" * (1_001 - 22)))
    assert cli("validate", rules)[0] == 2
