"""Issue 5, engine side: every bad input gets a clear message, the rest is still checked, nothing
read is ever run or fetched, and a verdicts file is never left half-written.

Each test writes real files to tmp_path and goes through the command line (`check`, `validate`,
`eval`) or the loader a user's file reaches. Failures of the operating system (a full disk, a
crash mid-save) are injected by replacing an `os` function or by killing a process.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.claims import formats
from factdesk.claims.errors import FactdeskError, ReportError, RulesError, VerdictsError
from factdesk.claims.figures import read_figures
from factdesk.claims.formats import load_verdicts, write_atomic
from factdesk.claims.reports import (
    LARGE_HTML, MAX_SENTENCE, WIDE_SPACES, decode, load_report, report_from_bytes,
)
from factdesk.claims.rules import MAX_RULES_BYTES, load_rules, parse_rules


# A short news text with everything a careless decoder breaks: curly quotes, é, £, €, a dash.
NEWS = ("Police said “more than 1,000 people” were held at the café, including 75 Taiwanese, "
        "and seized £3,000 and €40 — officials said.\n")
NEWS_LATIN1 = "Police said more than 1,000 people were held at the café, including 75 Taiwanese, and seized £3,000.\n"
AGREES = "Police arrested more than 1,000 people in raids, including 75 Taiwanese.\n"
CONTRADICTS = "Police arrested 120 people in raids, including 12 Taiwanese.\n"
UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e")  # ESC, BEL, 8-bit CSI, right-to-left override


def rules_text(claims_yaml: str, version: str = "1") -> str:
    claims = textwrap.indent(textwrap.dedent(claims_yaml), "  ")
    return f"version: {version}\nsource:\n  title: A headline\nclaims:\n{claims}"


def no_temp_files(folder: Path) -> bool:
    return not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# =============================================================================================
# Rules files
# =============================================================================================


def test_yaml_syntax_error_names_file_line_column_shows_the_line_and_what_was_expected(tmp_path, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nsource:\n  title: T\nclaims:\n  - id: a\n    statement: 3 dogs\n"
                   "    quantity: 3\n   unit: dogs\n")
    code, out, err = cli("validate", bad)
    assert code == 2 and out == ""
    first, shown, caret = err.splitlines()[:3]
    assert first.startswith(f"{bad}:8:4: YAML syntax error:")
    assert "(expected keys at the same indentation" in first
    assert shown == "       unit: dogs"  # the offending line, indented under the message
    assert caret == "       ^"  # under column 4
    code, _, err = cli("check", bad, tmp_path)
    assert code == 2 and err.splitlines()[0].startswith(f"factdesk: {bad}:8:4: YAML syntax error")
    assert err.splitlines()[1] == "       unit: dogs"


def test_schema_errors_are_all_listed_in_file_order_with_paths_and_expectations(tmp_path, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text(rules_text("""\
        - id: one
          statement: 3 dogs
          quantity: 3
        - id: Two
          statement: 4 cats
          quantity: 4
          tolerance: 2
        - id: three
          statement: x
        - id: four
          statement: lots of dogs
          quantity: lots
        """))
    code, _, err = cli("validate", bad)
    assert code == 2
    messages = [line for line in err.splitlines() if line.startswith(str(bad))]
    assert messages == [
        f"{bad}:8:9: claims[1].id 'Two' is not a lower-case slug "
        "(expected lower-case letters, digits and hyphens, e.g. total-arrests)",
        f"{bad}:11:16: claims[1].tolerance is '2' (expected a relative slack between 0 and 1, e.g. 0.05 for 5%)",
        f"{bad}:12:5: claims[2].quantity is missing (expected the figure claimed, e.g. 'more than 1,000')",
        f"{bad}:16:15: claims[3].quantity: cannot read quantity 'lots': found no figure "
        "(expected one figure, such as '75', 'more than 1,000', 'US$40 billion' or 'three days')",
    ]
    assert "    " + "    quantity: lots" in err.splitlines()  # each message is followed by its line


def test_unknown_keys_get_a_did_you_mean(tmp_path, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nsource:\n  titel: T\nclaim:\n  - id: a\n")
    code, _, err = cli("validate", bad)
    assert code == 2
    assert f"{bad}:3:3: unknown key 'titel' in source; did you mean 'title'?" in err
    assert f"{bad}:4:1: unknown key 'claim' in the file; did you mean 'claims'?" in err


def test_an_alias_bomb_is_refused_at_once(tmp_path, cli):
    lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    code, _, err = cli("validate", bomb)
    assert time.monotonic() - started < 5
    assert code == 2
    assert f"{bomb}:1:7: anchors and aliases (&, *) are not allowed" in err


def test_a_100_mb_rules_file_is_refused_without_reading_it(tmp_path, cli):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:  # sparse: 100 MB long, nothing on disk
        handle.write(b"version: 1\n")
        handle.truncate(100_000_000)
    code, _, err = cli("validate", huge)
    assert code == 2
    assert f"{huge}: rules file is too large (100,000,000 bytes) (expected at most {MAX_RULES_BYTES:,} bytes)" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_rules_source_is_read_only_up_to_the_limit():
    with pytest.raises(RulesError) as caught:
        load_rules("/dev/zero")  # says it is 0 bytes long, never ends
    assert caught.value.lines() == ["/dev/zero: cannot read the rules file: not a regular file (a device)"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "1:1: the file is a list (expected a mapping of 'key: value' lines)"),
        ("just some words\n", "1:1: the file is a single value"),
        ("", "the rules file is empty"),
        ("# only a comment\n", "the rules file is empty"),
    ],
)
def test_a_root_that_is_not_a_mapping_is_refused(tmp_path, cli, text, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    code, _, err = cli("validate", bad)
    assert code == 2 and message in err.splitlines()[0]


def test_tabs_for_indentation_are_refused_with_the_line(tmp_path, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nsource:\n  title: a\tb\nclaims:\n  - id: a\n\t  statement: 3 dogs\n")
    code, _, err = cli("validate", bad)
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == (f"{bad}:6:1: a tab is used for indentation "
                        "(expected spaces; YAML does not allow tabs for indentation)")
    assert lines[1] == "    \\x09  statement: 3 dogs"  # the tab shown, not obeyed


def test_duplicate_keys_are_refused_at_each_place(tmp_path, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text(rules_text("""\
        - id: a
          statement: 3 dogs
          quantity: 3
          quantity: 4
        """) + "version: 1\n")
    code, _, err = cli("validate", bad)
    assert code == 2
    assert f"{bad}:8:5: claims[0] has the key 'quantity' twice (expected each key once)" in err
    assert f"{bad}:9:1: the file has the key 'version' twice (expected each key once)" in err


@pytest.mark.parametrize("version", ["2", "'1.0'", "[1]", "v1"])
def test_a_version_we_do_not_know_is_refused(tmp_path, cli, version):
    bad = tmp_path / "bad.yaml"
    bad.write_text(rules_text("- id: a\n  statement: 3 dogs\n  quantity: 3\n", version=version))
    code, _, err = cli("validate", bad)
    assert code == 2
    assert err.startswith(f"{bad}:1:10: ")
    assert "(expected version: 1, the only version this factdesk reads)" in err.splitlines()[0]


def test_deep_nesting_is_refused_not_a_crash(tmp_path, cli):
    bad = tmp_path / "deep.yaml"
    bad.write_text("version: 1\nsource: " + "[" * 20_000 + "]" * 20_000 + "\n")
    code, _, err = cli("validate", bad)
    assert code == 2
    assert f"{bad}:2:" in err and "nested too deeply" in err


def test_yaml_tags_are_never_run(tmp_path, cli):
    witness = tmp_path / "pwned"
    bad = tmp_path / "tags.yaml"
    bad.write_text(f"version: 1\nsource:\n  title: !!python/object/apply:os.system ['touch {witness}']\n"
                   "claims:\n  - id: a\n    statement: 3 dogs\n    quantity: !!python/name:os.system\n")
    code, _, err = cli("validate", bad)
    assert code == 2 and not witness.exists()
    assert f"{bad}:3:10: source.title is a list (expected a text value)" in err


def test_control_characters_in_a_rules_file_are_refused_and_never_echoed_raw(tmp_path, cli):
    raw = tmp_path / "raw.yaml"
    raw.write_text("version: 1\nsource:\n  title: \x1b]0;pwned\x07\x1b[2J\nclaims: []\n")
    code, _, err = cli("validate", raw)
    assert code == 2
    assert f"{raw}:3:10: the character U+001B is not allowed in YAML" in err
    assert "    " + "  title: \\x1b]0;pwned\\x07\\x1b[2J" in err.splitlines()
    escaped = tmp_path / "escaped.yaml"  # escapes written in double quotes are legal YAML
    escaped.write_text('version: 1\nsource:\n  title: T\n  "\\e]8;;file:///etc/passwd\\a[@click=app.quit]": x\n'
                       "claims: []\n")
    code, _, err = cli("validate", escaped)
    assert code == 2
    assert "unknown key '\\x1b]8;;file:///etc/passwd\\x07[@click=app.quit]' in source" in err
    assert not any(ch in err for ch in UNSAFE)


def test_a_binary_or_non_utf8_rules_file_is_refused_with_a_position(tmp_path, cli):
    png = tmp_path / "image.yaml"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("version: 1\nsource:\n  title: Caf\u00e9\n".encode("latin-1"))
    code, _, err = cli("validate", png, latin)
    assert code == 2
    assert f"{png}: this is a binary file, not a YAML rules file" in err
    assert f"{latin}:3:13: the file is not UTF-8 text (expected a UTF-8 encoded YAML file)" in err


def test_validate_goes_on_to_the_next_file(tmp_path, cli, small_rules):
    missing = tmp_path / "missing.yaml"
    code, out, err = cli("validate", missing, small_rules)
    assert code == 2
    assert f"{missing}: cannot read the rules file: No such file or directory" in err
    assert out.splitlines()[0] == f"{small_rules}: ok, 2 claims"


# =============================================================================================
# Reports
# =============================================================================================


def test_a_missing_report_is_a_warning_and_the_others_are_checked(tmp_path, cli, small_rules):
    good = tmp_path / "good.txt"
    good.write_text(AGREES)
    code, out, err = cli("check", small_rules, tmp_path / "gone.txt", good)
    assert code == 0
    assert err == f"factdesk: {tmp_path / 'gone.txt'}: skipped: no such file or folder\n"
    assert "1 reports x 2 claims: 2 supports" in out


def test_a_folder_with_no_readable_reports_exits_2(tmp_path, cli, small_rules):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    code, out, err = cli("check", small_rules, folder)
    assert code == 2 and out == ""
    assert f"{folder}: skipped: no .txt, .md or .html reports in this folder" in err
    assert "no report could be read" in err
    (folder / "blank.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    code, out, err = cli("check", small_rules, folder)
    assert code == 2 and out == ""
    assert f"{folder / 'blank.txt'}: skipped: the file is empty" in err
    assert f"{folder / 'photo.txt'}: skipped: this is a binary file, not text" in err


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.md", b" \r\n\t\n", "the file is empty"),
        ("nul.txt", b"Police arrested 75\x00\x00\x01 people" * 10, "this is a binary file, not text"),
        ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "this is a binary file, not text"),
        ("archive.txt", b"PK\x03\x04" + bytes(100), "this is a binary file, not text"),
        ("script.html", b"<html><body><script>var x = 1;</script></body></html>",
         "no article text found in the HTML page"),
    ],
)
def test_unreadable_reports_are_skipped_with_a_warning_naming_the_file(tmp_path, cli, small_rules, name, data, reason):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(AGREES)
    code, out, err = cli("check", small_rules, bad, good)
    assert code == 0
    assert err == f"factdesk: {bad}: skipped: {reason}\n"
    assert str(good) in out and str(bad) not in out


ENCODED = [
    ("cp1252", NEWS, NEWS.encode("cp1252")),
    ("latin-1", NEWS_LATIN1, NEWS_LATIN1.encode("latin-1")),
    ("utf-8 with BOM", NEWS, NEWS.encode("utf-8-sig")),
    ("utf-16 LE with BOM", NEWS, b"\xff\xfe" + NEWS.encode("utf-16-le")),
    ("utf-16 BE with BOM", NEWS, b"\xfe\xff" + NEWS.encode("utf-16-be")),
    ("utf-16 LE without BOM", NEWS, NEWS.encode("utf-16-le")),
    ("utf-8 with a stray cp1252 quote", NEWS, NEWS[:12].encode() + "“".encode("cp1252") + NEWS[13:].encode()),
    ("mixed line endings", "Headline here\n\n" + NEWS + "Second line.\nThird line.\n",
     ("Headline here\r\n\r" + NEWS + "Second line.\rThird line.\r\n").encode()),
]


@pytest.mark.parametrize(("label", "text", "data"), ENCODED, ids=[e[0] for e in ENCODED])
def test_text_in_any_common_encoding_is_decoded_correctly(tmp_path, label, text, data):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    report = load_report(path)
    assert report.text == text.replace("\r\n", "\n")
    for s in report.sentences:
        assert report.text[s.start:s.end].strip() == report.text[s.start:s.end]


def test_encoded_reports_are_all_checked_and_quoted_correctly(tmp_path, cli, small_rules):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, (_, _, data) in enumerate(ENCODED):
        (folder / f"{i:02}.txt").write_bytes(data)
    code, out, err = cli("check", small_rules, folder, "--format", "json")
    assert code == 0 and err == ""
    reports = json.loads(out)["reports"]
    assert len(reports) == len(ENCODED)
    for report in reports:
        verdicts = {c["id"]: c["verdict"] for c in report["claims"]}
        assert verdicts == {"total-arrests": "supports", "taiwanese": "supports"}, report["file"]
        quote = report["claims"][1]["evidence"][0]["quote"]
        assert "café" in quote and "£3,000" in quote, quote


@pytest.mark.parametrize(
    "text",
    [
        "“Quoted,” he said.", "Café owners lost £5.", "It cost €3 — or so.", "Naïve, süß, Zürich.",
        "Señor Núñez paid £40.", "é", "£5", "“75”",
    ],
)
def test_short_cp1252_texts_are_not_mistaken_for_an_exotic_code_page(text):
    assert decode(text.encode("cp1252")) == text


def test_text_in_another_script_is_still_detected():
    russian = "Полиция задержала более 1000 человек в ходе рейдов на мошеннические центры в Камбодже."
    assert decode(russian.encode("cp1251")) == russian


def test_a_huge_report_is_checked_in_linear_time(tmp_path, cli, small_rules):
    filler = "The river valley farmers said the harvest season was long and the market price was fair. "
    big = tmp_path / "big.txt"
    with big.open("w") as handle:
        for i in range(36_000):  # about 3 MB
            handle.write(filler if i % 500 else f"The market sold {i} tonnes of rice. ")
        handle.write("Police arrested more than 1,000 people in raids, including 75 Taiwanese.\n")
    assert big.stat().st_size > 3_000_000
    started = time.monotonic()
    code, out, err = cli("check", small_rules, big, "--format", "json")
    assert time.monotonic() - started < 60
    assert code == 0 and err == ""
    claims = json.loads(out)["reports"][0]["claims"]
    assert [c["verdict"] for c in claims] == ["supports", "supports"]
    text = big.read_text()
    assert text[claims[1]["evidence"][0]["start"]:claims[1]["evidence"][0]["end"]].endswith("75 Taiwanese.")


def test_a_megabyte_paragraph_without_sentence_ends_is_cut_into_bounded_pieces(tmp_path, cli, small_rules):
    rng = random.Random(5)
    words = "the a river valley farmers harvest said weather season market price rain field crop".split()
    body = " ".join(rng.choice(words) if rng.random() > 0.002 else str(rng.randint(1, 2000))
                    for _ in range(250_000))
    paragraph = tmp_path / "paragraph.txt"
    paragraph.write_text(body + " and police arrested 75 Taiwanese")
    assert paragraph.stat().st_size > 1_000_000
    report = load_report(paragraph)
    assert len(report.sentences) > 1_000_000 // MAX_SENTENCE
    assert all(s.end - s.start <= MAX_SENTENCE for s in report.sentences)
    pieces = "".join(report.text[s.start:s.end] for s in report.sentences)
    assert "".join(pieces.split()) == "".join(report.text.split())  # nothing lost, nothing repeated
    started = time.monotonic()
    code, out, _ = cli("check", small_rules, paragraph)
    assert time.monotonic() - started < 60
    assert code == 0 and "taiwanese      supports" in out


def test_standard_input_is_a_report(cli, small_rules, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NEWS.encode("cp1252"))))
    code, out, err = cli("check", small_rules, "-", "--format", "json")
    assert code == 0 and err == ""
    (report,) = json.loads(out)["reports"]
    assert report["file"] == "-" and "café" in report["claims"][0]["evidence"][0]["quote"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02binary")))
    code, out, err = cli("check", small_rules, "-")
    assert code == 2 and "factdesk: -: skipped: this is a binary file, not text" in err
    monkeypatch.setattr(sys, "stdin", None)  # started with standard input closed
    code, out, err = cli("check", small_rules, "-")
    assert code == 2 and "factdesk: -: skipped: standard input is not open" in err


def test_a_folder_with_unreadable_entries_still_checks_the_readable_ones(tmp_path, cli, small_rules):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a-good.txt").write_text(AGREES)
    (folder / "b-dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "c-pipe.txt")  # reading it would block forever
    (folder / "d-folder.txt").mkdir()
    (folder / "d-folder.txt" / "e-inner.md").write_text(CONTRADICTS)
    locked = folder / "f-locked.txt"
    locked.write_text(AGREES)
    locked.chmod(0)
    try:
        code, out, err = cli("check", small_rules, folder)
    finally:
        locked.chmod(0o644)
    assert code == 1  # the contradicting report in the sub-folder was read
    assert f"{folder / 'b-dangling.txt'}: skipped: a link to nothing (its target does not exist)" in err
    assert f"{folder / 'c-pipe.txt'}: skipped: not a regular file (a device, a pipe or a socket)" in err
    if os.geteuid() != 0:  # root reads a file whatever its permissions
        assert f"{locked}: skipped: cannot read: Permission denied" in err
    assert str(folder / "a-good.txt") in out and str(folder / "d-folder.txt" / "e-inner.md") in out


@pytest.mark.parametrize(
    ("reports", "code"),
    [([AGREES], 0), ([AGREES, CONTRADICTS], 1), ([], 2)],
    ids=["supported: 0", "contradicted: 1", "no report: 2"],
)
def test_exit_codes(tmp_path, cli, small_rules, reports, code):
    paths = []
    for i, text in enumerate(reports):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text(text)
    if not paths:
        paths = [tmp_path / "missing.txt"]
    assert cli("check", small_rules, *paths)[0] == code


# =============================================================================================
# Markup and escape sequences
# =============================================================================================

HOSTILE_TEXT = (
    "Police arrested 75 Taiwanese \x1b[31mR\x1b[0m [@click=app.quit]q[/].\n"
    "In all, more than 1,000 people were arrested \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 "
    "\x1b]0;new title\x07 [link=file:///etc/passwd]x[/link] [/ \x9b2J \u202eevil\u202c.\n"
)


def test_markup_and_escapes_in_a_report_are_printed_as_plain_characters(tmp_path, cli, small_rules):
    report = tmp_path / "hostile.txt"
    report.write_text(HOSTILE_TEXT)
    code, out, err = cli("check", small_rules, report)
    assert code == 0 and err == ""
    assert not any(ch in out for ch in UNSAFE)
    assert "Taiwanese \\x1b[31mR\\x1b[0m [@click=app.quit]q[/]." in out  # shown, not obeyed
    assert "arrested \\x1b]8;;" in out
    # the machine formats keep the text exactly (escaped by the format itself)
    _, out, _ = cli("check", small_rules, report, "--format", "json")
    assert not any(ch in out for ch in UNSAFE) and "\\u001b[31mR" in out and "\\u009b2J" in out
    quotes = [c["evidence"][0]["quote"] for c in json.loads(out)["reports"][0]["claims"]]
    assert quotes[0].endswith("[/ \x9b2J \u202eevil\u202c.")  # the data itself is unchanged
    assert quotes[1] == "Police arrested 75 Taiwanese \x1b[31mR\x1b[0m [@click=app.quit]q[/]."
    _, out, _ = cli("check", small_rules, report, "--format", "yaml")
    assert not any(ch in out for ch in UNSAFE)
    assert yaml.safe_load(out)["reports"][0]["claims"][0]["evidence"][0]["quote"] == quotes[0]


def test_escapes_in_file_names_never_reach_the_terminal(tmp_path, cli, small_rules):
    evil = tmp_path / "\x1b]0;pwned\x07\x1b[2J.txt"
    evil.write_bytes(b"\x00binary")
    lying = tmp_path / "x.txt\nfactdesk: all good.txt"
    lying.write_bytes(b"")
    good = tmp_path / "\x1b[31mred.txt"
    good.write_text(AGREES)
    code, out, err = cli("check", small_rules, evil, lying, good)
    assert code == 0
    assert not any(ch in out + err for ch in UNSAFE)
    assert "\\x1b]0;pwned\\x07\\x1b[2J.txt: skipped: this is a binary file, not text" in err
    assert len(err.splitlines()) == 2  # a newline in a name does not forge a message line
    assert "x.txt\\x0afactdesk: all good.txt: skipped: the file is empty" in err
    assert "\\x1b[31mred.txt" in out


def test_escapes_in_a_gold_file_never_reach_the_terminal(tmp_path, cli, small_rules):
    (tmp_path / "r.txt").write_text(CONTRADICTS)
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        f"version: 1\nrules: {small_rules.name}\nreports:\n  - file: r.txt\n    claims:\n"
        "      - id: taiwanese\n        verdict: supports\n        evidence: \"\\e]0;pwned\\a quote \\u202eevil\\x9b2J\"\n"
        "      - id: \"\\e[2Jwiped\"\n        verdict: contradicts\n"
    )
    code, out, err = cli("eval", gold, "--show-errors")  # a claim the rules do not have: refused
    assert code == 2 and out == "" and not any(ch in err for ch in UNSAFE)
    assert "the claim '\\x1b[2Jwiped' is not in the rules file" in err
    gold.write_text(gold.read_text().split('      - id: "')[0])
    code, out, err = cli("eval", gold, "--show-errors")
    assert code == 0 and err == ""
    assert not any(ch in out for ch in UNSAFE)
    assert "\\x1b]0;pwned\\x07 quote" in out
    code, out, err = cli("eval", gold, "--show-errors", "--format", "json")
    assert code == 0 and not any(ch in out for ch in UNSAFE)
    assert json.loads(out)["errors"][0]["gold_quotes"] == ["\x1b]0;pwned\x07 quote \u202eevil\x9b2J"]


def switch_off_networking(monkeypatch) -> list[object]:
    """Every way to open a connection or look up a name raises, and is recorded."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError(errno.ENETUNREACH, "networking is switched off in this test")

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    return attempts


def test_html_is_read_without_fetching_anything_and_scripts_are_dropped(tmp_path, cli, small_rules, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text("""<!DOCTYPE html>
<html><head><title>Raids net 75 Taiwanese</title>
<script src="http://evil.example/x.js"></script>
<script>document.write("JS-TEXT 999 people arrested");</script>
<style>body::after { content: "STYLE-TEXT 888 people arrested"; }</style>
<link rel="stylesheet" href="http://evil.example/s.css">
<meta http-equiv="refresh" content="0; url=http://evil.example/">
</head><body>
<nav>Home | World | NAV-TEXT</nav>
<iframe src="http://evil.example/frame">IFRAME-TEXT</iframe>
<article><h1>Raids net 75 Taiwanese</h1>
<p>Police in Cambodia said on Wednesday that they had arrested more than 1,000 people in raids
on scam centres, including 75 Taiwanese.</p>
<img src="http://evil.example/pixel.gif" alt="IMG-ALT">
<p>The raids took three days, officials said, and covered sites across the country.</p>
<form action="http://evil.example/post"><input name="q" value="FORM-TEXT"><button>FORM-BUTTON</button></form>
<noscript>NOSCRIPT-TEXT 777 people arrested</noscript>
</article></body></html>
""")
    attempts = switch_off_networking(monkeypatch)
    report = load_report(page)
    assert attempts == []
    assert report.kind == "html" and report.title == "Raids net 75 Taiwanese"
    assert "including 75 Taiwanese" in report.text
    for marker in ("JS-TEXT", "STYLE-TEXT", "NAV-TEXT", "IFRAME-TEXT", "IMG-ALT", "FORM-TEXT",
                   "FORM-BUTTON", "NOSCRIPT-TEXT", "evil.example", "document.write"):
        assert marker not in report.text
    code, out, _ = cli("check", small_rules, page)
    assert code == 0 and "2 supports" in out and attempts == []


def test_a_huge_html_page_is_read_in_linear_time_without_its_scripts(tmp_path, monkeypatch):
    attempts = switch_off_networking(monkeypatch)
    paragraph = "<p>The river valley farmers said the harvest season was long, market price {} tonnes.</p>\n"
    page = tmp_path / "huge.html"
    page.write_text(
        "<html><head><title>Harvest &amp; raids</title><script src='http://evil.example/x.js'></script>"
        "<style>p::after { content: 'STYLE-TEXT' }</style></head><body><nav>NAV-TEXT</nav><article>"
        + "".join(paragraph.format(i) for i in range(60_000))
        + "<script>document.write('JS-TEXT 999 people arrested')</script><noscript>NOSCRIPT-TEXT</noscript>"
        "<form><button>FORM-BUTTON</button></form><p>Police arrested 75 Taiwanese.</p></article></body></html>")
    assert page.stat().st_size > LARGE_HTML
    started = time.monotonic()
    report = load_report(page)
    assert time.monotonic() - started < 30
    assert attempts == [] and report.title == "Harvest & raids"
    assert report.text.endswith("market price 59999 tonnes.\nPolice arrested 75 Taiwanese.")
    for marker in ("JS-TEXT", "STYLE-TEXT", "NAV-TEXT", "NOSCRIPT-TEXT", "FORM-BUTTON", "evil.example"):
        assert marker not in report.text


# =============================================================================================
# Verdicts files: atomic writes, a file changed meanwhile, broken files, failing disks
# =============================================================================================

OLD, NEW = "version: 1\nold: true\n" * 1000, "version: 1\nnew: true\n" * 3000


def _count_calls(monkeypatch, names: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(names, 0)
    for name in names:
        real = getattr(os, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            counts[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, counting)
    return counts


STEPS = ("open", "write", "fchmod", "fsync", "close", "replace")


@pytest.mark.parametrize("step", STEPS)
def test_a_failure_at_any_step_of_a_save_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, step):
    target = tmp_path / "verdicts.yaml"
    target.write_text(OLD)
    with monkeypatch.context() as m:  # how often does a save make this call?
        counts = _count_calls(m, STEPS)
        write_atomic(target, NEW)
    assert target.read_text() == NEW and (tmp_path / "verdicts.yaml.bak").read_text() == OLD
    total = counts[step]
    assert total >= 1
    for failing in range(1, total + 1):
        target.write_text(OLD)
        (tmp_path / "verdicts.yaml.bak").unlink(missing_ok=True)
        real = getattr(os, step)
        calls = 0

        def fail_once(*args, _real=real, _failing=failing, **kwargs):
            nonlocal calls
            calls += 1
            if calls == _failing:
                raise OSError(errno.ENOSPC, "No space left on device")
            return _real(*args, **kwargs)

        with monkeypatch.context() as m:
            m.setattr(os, step, fail_once)
            try:
                write_atomic(target, NEW)
                raised = False
            except OSError as exc:
                raised = True
                assert exc.errno == errno.ENOSPC
        content = target.read_text()
        state = "old" if content == OLD else "new" if content == NEW else "damaged"
        # a failure after the rename (syncing or closing the folder) is harmless: the save stands
        assert state == ("old" if raised else "new"), f"os.{step} call {failing}"
        bak = tmp_path / "verdicts.yaml.bak"
        assert not bak.exists() or bak.read_text() == OLD
        assert no_temp_files(tmp_path), f"os.{step} call {failing}"


KILLED_WRITER = """
import sys
from pathlib import Path
from factdesk.claims.formats import write_atomic
target, a, b = sys.argv[1:4]
versions = [Path(a).read_text(), Path(b).read_text()]
write_atomic(target, versions[0])
print("ready", flush=True)
i = 1
while True:
    write_atomic(target, versions[i % 2])
    i += 1
"""


def test_a_save_killed_at_random_moments_always_leaves_a_complete_version(tmp_path):
    verdicts = yaml.safe_load(
        "version: 1\nrules: rules.yaml\ngenerated: '2025-07-17T00:00:00Z'\nreports: []\n")
    versions = []
    for tag in ("supports", "contradicts"):
        reports = [{"file": f"report-{i}.txt", "sha256": f"{i:064x}",
                    "claims": [{"id": "taiwanese", "verdict": tag, "auto": tag, "reviewed": False,
                                "evidence": [{"quote": f"quote {i} " * 20, "start": 0, "end": 10}],
                                "note": ""}]} for i in range(3000)]
        versions.append(yaml.safe_dump({**verdicts, "reports": reports}, sort_keys=False))
    a, b = tmp_path / "a.src", tmp_path / "b.src"
    a.write_text(versions[0])
    b.write_text(versions[1])
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "verdicts.yaml"
    rng = random.Random(1234)
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target), str(a), str(b)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert target.read_text() in versions  # byte for byte one complete version
        bak = folder / "verdicts.yaml.bak"
        assert not bak.exists() or bak.read_text() in versions
    assert len(load_verdicts(target).reports) == 3000
    # a killed save may leave its hidden temporary file behind, never a damaged verdicts file
    assert all(p.name.startswith(".verdicts.yaml") for p in folder.iterdir() if p.name.endswith(".tmp"))


class _HeldStdin:
    """Standard input that waits: `check` reads its report from here, after it has noted the
    output file's state, and we change the output file meanwhile."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reading = threading.Event()
        self.release = threading.Event()

    @property
    def buffer(self) -> _HeldStdin:
        return self

    def read(self, *_: object) -> bytes:
        self.reading.set()
        assert self.release.wait(30)
        data, self.data = self.data, b""  # then the end of the stream, as a real one
        return data


def _check_while_someone_saves(monkeypatch, cli, rules: Path, target: Path, *extra: str) -> tuple[int, str, str]:
    stdin = _HeldStdin(AGREES.encode())
    monkeypatch.setattr(sys, "stdin", stdin)
    result: list[tuple[int, str, str]] = []
    worker = threading.Thread(target=lambda: result.append(cli("check", rules, "-", "--output", target, *extra)))
    worker.start()
    assert stdin.reading.wait(30)
    target.write_text(target.read_text() + "# someone else's review, saved meanwhile\n")
    stdin.release.set()
    worker.join(60)
    return result[0]


def test_check_output_refuses_to_overwrite_a_file_changed_since_it_was_read(tmp_path, cli, small_rules, monkeypatch):
    target = tmp_path / "verdicts.yaml"
    target.write_text("version: 1\nrules: rules.yaml\nreports: []\n")
    code, out, err = _check_while_someone_saves(monkeypatch, cli, small_rules, target)
    assert code == 2 and out == ""
    assert err == (f"factdesk: {target}: changed on disk while checking; not overwritten "
                   "(use --force to overwrite it)\n")
    assert target.read_text().endswith("# someone else's review, saved meanwhile\n")
    assert not (tmp_path / "verdicts.yaml.bak").exists()
    code, out, err = _check_while_someone_saves(monkeypatch, cli, small_rules, target, "--force")
    assert code == 0 and err == ""
    assert load_verdicts(target).reports[0].file == "-"
    assert (tmp_path / "verdicts.yaml.bak").read_text().endswith("saved meanwhile\n")


@pytest.mark.parametrize(
    ("broken", "where", "message"),
    [
        ("version: 1\nrules: r.yaml\nreports:\n  - file: a.txt\n    claims:\n      - id: x\n        verdict: maybe\n",
         "7:18", "reports[0].claims[0].verdict is 'maybe' (expected one of supports, contradicts, conflicting, "
         "not_mentioned)"),
        ("version: 1\nrules: r.yaml\nreports:\n  - file: a.txt\n    claims:\n      - id: x\n        verdict: [supp",
         "7:23", "YAML syntax error: expected ',' or ']', but got '<stream end>'"),
        ("version: 1\nrules: r.yaml\nreports:\n  - claims: []\n", "4:5", "reports[0] has no 'file'"),
        ("version: 3\nrules: r.yaml\nreports: []\n", "1:10", "unknown verdicts format version 3"),
        ("version: 1\nrules: r.yaml\nreports: []\nrules: s.yaml\n", "4:1", "the key 'rules' twice"),
        ("version: 1\nrules: r.yaml\nreports:\n  - file: a.txt\n    claims:\n      - id: x\n"
         "        verdict: supports\n        evidence: 12\n", "8:19", "reports[0].claims[0].evidence is not a list"),
    ],
    ids=["bad verdict", "truncated", "no file", "version", "duplicate key", "evidence"],
)
def test_a_broken_verdicts_file_is_a_clear_error_with_its_position(tmp_path, cli, broken, where, message):
    gold = tmp_path / "gold.yaml"
    gold.write_text(broken)
    with pytest.raises(VerdictsError) as caught:
        load_verdicts(gold)
    assert str(caught.value).startswith(f"{gold}:{where}: {message}")
    code, out, err = cli("eval", gold)
    assert code == 2 and out == ""
    assert err.startswith(f"factdesk: {gold}:{where}: {message}")


def test_a_full_disk_on_check_output_is_a_clear_error_and_nothing_is_half_written(tmp_path, cli, small_rules,
                                                                                   monkeypatch):
    report = tmp_path / "r.txt"
    report.write_text(AGREES)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "verdicts.yaml"
    assert cli("check", small_rules, report, "--output", target)[0] == 0
    before = target.read_bytes()
    real_write = os.write
    written: list[int] = []

    def disk_fills_up(fd: int, data: bytes) -> int:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(real_write(fd, bytes(data)[:100]))  # a short write, then the disk is full
        return written[-1]

    monkeypatch.setattr(os, "write", disk_fills_up)
    report.write_text(CONTRADICTS)
    code, out, err = cli("check", small_rules, report, "--output", target)
    assert code == 2 and out == ""
    assert err == f"factdesk: {target}: cannot write: No space left on device\n"
    assert target.read_bytes() == before
    assert no_temp_files(folder)


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(tmp_path, cli, small_rules):
    report = tmp_path / "r.txt"
    report.write_text(AGREES)
    not_a_folder = tmp_path / "plain-file"
    not_a_folder.write_text("x")
    code, out, err = cli("check", small_rules, report, "--output", not_a_folder / "verdicts.yaml")
    assert code == 2 and out == ""
    assert err == f"factdesk: {not_a_folder / 'verdicts.yaml'}: cannot write: Not a directory\n"
    code, _, err = cli("check", small_rules, report, "--output", tmp_path / "no" / "such" / "verdicts.yaml")
    assert code == 2 and "cannot write: No such file or directory" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_a_clear_error(tmp_path, cli, small_rules):
    report = tmp_path / "r.txt"
    report.write_text(AGREES)
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "verdicts.yaml"
    target.write_text("version: 1\nreports: []\n")
    folder.chmod(0o555)
    try:
        code, out, err = cli("check", small_rules, report, "--output", target)
    finally:
        folder.chmod(0o755)
    assert code == 2 and "cannot write: Permission denied" in err
    assert target.read_text() == "version: 1\nreports: []\n" and no_temp_files(folder)


def test_a_save_keeps_the_files_permissions_and_writes_through_a_link(tmp_path):
    target = tmp_path / "verdicts.yaml"
    target.write_text(OLD)
    target.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    write_atomic(link, NEW)
    assert link.is_symlink() and target.read_text() == NEW
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.yaml"
    write_atomic(fresh, NEW)
    assert fresh.stat().st_mode & 0o777 != 0o600  # not a temporary file's private mode
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# =============================================================================================
# Fuzzing: anything either loads or raises our own error with a message
# =============================================================================================

FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow],
                database=None)

YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
              st.sampled_from(["1", "75", "more than 1,000", "three days", "US$40 billion", "&a", "*a",
                               "!!python/object:os.system", "[", "{", ": -", "\t"])),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["version", "source", "claims", "id", "statement", "quantity",
                                         "unit", "context", "tolerance", "title", "file", "x"]) | st.text(max_size=8),
                        children, max_size=5),
    ),
    max_leaves=25,
)


def _our_error_or_nothing(call) -> None:
    try:
        call()
    except FactdeskError as exc:
        assert exc.lines() and all(line.strip() for line in exc.lines())


@FUZZ
@given(st.text(max_size=400))
def test_fuzz_rules_from_any_text(text):
    _our_error_or_nothing(lambda: parse_rules(text, "fuzz.yaml"))


@FUZZ
@given(YAMLISH)
def test_fuzz_rules_from_yaml_like_documents(document):
    text = yaml.safe_dump(document, allow_unicode=True)
    _our_error_or_nothing(lambda: parse_rules(text, "fuzz.yaml"))


@FUZZ
@given(st.lists(st.fixed_dictionaries({}, optional={
    "id": st.sampled_from(["a", "b", "A b", ""]) | st.text(max_size=6),
    "statement": st.text(max_size=40) | st.just("In March, Cambodia deported 119 Thais"),
    "quantity": st.text(max_size=20) | st.sampled_from(["75", "three days", "40 billion", "about 1,000"]),
    "unit": st.text(max_size=10) | st.lists(st.text(max_size=8), max_size=3) | st.sampled_from(["USD", "days"]),
    "context": st.lists(st.text(max_size=8), max_size=3),
    "tolerance": st.floats(allow_nan=True) | st.text(max_size=5),
}), max_size=4))
def test_fuzz_rules_with_claims_of_any_shape(claims):
    text = yaml.safe_dump({"version": 1, "source": {"title": "T"}, "claims": claims}, allow_unicode=True)
    _our_error_or_nothing(lambda: parse_rules(text, "fuzz.yaml"))


@FUZZ
@given(st.binary(max_size=600))
def test_fuzz_rules_files_of_any_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("rules") / "fuzz.yaml"
    path.write_bytes(data)
    _our_error_or_nothing(lambda: load_rules(path))


@FUZZ
@given(st.binary(max_size=1500), st.sampled_from(["r.txt", "r.md", "r.html", "-"]))
def test_fuzz_reports_of_any_bytes(data, name):
    try:
        report = report_from_bytes(name, data)
    except ReportError as exc:
        assert str(exc).startswith(f"{name}: ")
        return
    for s in report.sentences:
        assert 0 <= s.start < s.end <= len(report.text)


# Spaces beyond ASCII and full stops around letters: what made the sentence splitter panic
# ("Plan B\xa0." ended the whole run).
SPACED = st.lists(st.sampled_from(["A", "b", "É", "é", ".", " ", "\n", "75 ", "Taiwanese", *WIDE_SPACES]),
                  max_size=40).map("".join)


@FUZZ
@given(SPACED)
def test_fuzz_texts_with_wide_spaces_and_full_stops(text):
    try:
        report = report_from_bytes("r.txt", text.encode())
    except ReportError as exc:
        assert "empty" in str(exc) or "no text" in str(exc)
        return
    for s in report.sentences:
        assert 0 <= s.start < s.end <= len(report.text)
        assert report.text[s.start:s.end] == report.text[s.start:s.end].strip()


@pytest.mark.parametrize("space", ["\xa0", "\x85", "\u2009", "\u2028", "\u3000"])
def test_a_wide_space_before_a_full_stop_does_not_stop_the_run(tmp_path, cli, small_rules, space):
    (tmp_path / "a.txt").write_text(f"Officials described it as a Plan B{space}. {AGREES}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(AGREES, encoding="utf-8")
    code, out, err = cli("check", small_rules, tmp_path)
    assert (code, err) == (0, "")
    assert "2 reports x 2 claims: 4 supports" in out


HTMLISH = st.lists(st.sampled_from([
    "<html>", "<body>", "<p>", "</p>", "<script>", "</script>", "<style>", "<div>", "</div>", "<!--", "-->",
    "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x1b;", "<article>", "75 Taiwanese", " were arrested. ", "<a href='x'>",
    "<table><tr><td>", "<meta charset='utf-16'>", "\x00", "\ufeff", "<?xml version='1.0'?>", "<title>", "</title>",
]) | st.text(max_size=10), max_size=40).map("".join)


@FUZZ
@given(HTMLISH)
def test_fuzz_html_pages(page):
    try:
        report = report_from_bytes("page.html", page.encode("utf-8", errors="surrogatepass"))
    except ReportError:
        return
    assert report.kind == "html"


@FUZZ
@given(st.text(max_size=300))
def test_fuzz_the_figure_reader(text):
    try:
        figures = read_figures(text)
    except FactdeskError as exc:
        assert str(exc)
        return
    for figure in figures:
        assert 0 <= figure.start < figure.end <= len(text)
        assert text[figure.start:figure.end] == figure.text


@FUZZ
@given(st.text(max_size=400))
def test_fuzz_verdicts_files(text):
    _our_error_or_nothing(lambda: formats.parse_verdicts(text, "fuzz.yaml"))
