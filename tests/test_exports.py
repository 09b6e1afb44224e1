"""Exports of a verdicts file (claims/exports.py and `factdesk export`): Markdown for editors, CSV,
schema.org ClaimReview JSON-LD; untrusted text escaped for each, on real files."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.claims.exports import (
    CSV_COLUMNS,
    FORMATS,
    Export,
    ExportOptions,
    csv_cell,
    load_export,
    md_text,
    rating_words,
    to_claimreview,
    to_csv,
    to_markdown,
)
from factdesk.claims.formats import dump_yaml, load_verdicts, printable
from factdesk.claims.verdicts import ClaimVerdict, Verdict
from factdesk.tui.cli import build_parser, main

PUBLISHER, URL = "The Desk", "https://desk.example/checks/cambodia"


# ---------------------------------------------------------------------------------------------
# Files: a verdicts file made by `factdesk check` on the bundled example
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example checked once (`factdesk check --output`); copied per test."""
    folder = tmp_path_factory.mktemp("checked")
    code = main(["check", "--output", str(folder / "verdicts.yaml")])
    assert code == 1  # the example holds contradictions
    return folder / "verdicts.yaml"


@pytest.fixture
def verdicts_file(checked: Path, tmp_path: Path) -> Path:
    path = tmp_path / "verdicts.yaml"
    shutil.copy(checked, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def edit_pair(path: Path, report: int, claim: int, **changes: object) -> ClaimVerdict:
    """Change one (report, claim) verdict of the file at `path` and save it; the new verdict."""
    verdicts = load_verdicts(path)
    reports = list(verdicts.reports)
    claims = list(reports[report].claims)
    claims[claim] = replace(claims[claim], **changes)
    reports[report] = replace(reports[report], claims=tuple(claims))
    path.write_text(dump_yaml(replace(verdicts, reports=tuple(reports))), encoding="utf-8")
    return claims[claim]


def hostile_rules(path: Path, statement: str, title: str = "A title", url: str = "") -> None:
    """Point the verdicts file at `path` to a copy of its rules whose first statement is `statement`."""
    verdicts = load_verdicts(path)
    rules = yaml.safe_load((path.parent / verdicts.rules).read_text(encoding="utf-8"))
    rules["claims"][0]["statement"] = statement
    rules["source"]["title"] = title
    rules["source"].pop("file", None)  # (relative to the bundled rules file)
    if url:
        rules["source"]["url"] = url
    (path.parent / "rules.yaml").write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    path.write_text(dump_yaml(replace(verdicts, rules="rules.yaml")), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Reading a Markdown table back
# ---------------------------------------------------------------------------------------------


def md_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, split at pipes that are not backslash-escaped."""
    assert row.startswith("| ") and row.endswith(" |"), row
    cells, cell, i, body = [], "", 0, row[1:-1]
    while i < len(body):
        if body[i] == "\\":
            cell += body[i:i + 2]
            i += 2
        elif body[i] == "|":
            cells.append(cell.strip())
            cell, i = "", i + 1
        else:
            cell += body[i]
            i += 1
    cells.append(cell.strip())
    return cells


def md_unescape(cell: str) -> str:
    """What a Markdown renderer shows for a cell md_text wrote (line breaks as '\\n')."""
    lines = cell.split("<br>")
    return "\n".join(re.sub(r"\\(.)", r"\1", line).replace("&lt;", "<").replace("&gt;", ">")
                     .replace("&amp;", "&") for line in lines)


def shown(text: str) -> str:
    """What a Markdown cell should show of `text`: its lines (kept apart), control characters as
    escapes, without the spaces around it (a table cell's own)."""
    return "\n".join(printable(line, one_line=True) for line in text.replace("\t", " ").strip().splitlines())


def md_tables(markdown: str) -> dict[str, list[list[str]]]:
    """The report table of each claim section ('## id'), as rows of cells (header left out)."""
    tables: dict[str, list[list[str]]] = {}
    section = None
    for line in markdown.split("\n"):
        if line.startswith("## "):
            section = line[3:]
            tables[section] = []
        elif section is not None and line.startswith("| ") and not line.startswith("| Report |"):
            tables[section].append(md_cells(line))
        elif section is not None and line.startswith("|---"):
            continue
    return tables


# ---------------------------------------------------------------------------------------------
# A small validator for Google's ClaimReview structured data (no network)
# ---------------------------------------------------------------------------------------------


def _is_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def _is_date(value: object) -> bool:
    try:
        datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _nonempty(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def claimreview_problems(item: object) -> list[str]:
    """What a ClaimReview object lacks, by the properties Google documents for its fact-check
    rich results: required claimReviewed, reviewRating (with ratingValue or alternateName), url;
    recommended author, itemReviewed (a Claim; its appearance a URL or a CreativeWork),
    datePublished. Empty when it has them all, well formed."""
    if not isinstance(item, dict):
        return ["not an object"]
    problems = []
    if item.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
        problems.append("@context is not schema.org")
    if item.get("@type") != "ClaimReview":
        problems.append("@type is not ClaimReview")
    if not _nonempty(item.get("claimReviewed")):
        problems.append("claimReviewed is missing")
    rating = item.get("reviewRating")
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        problems.append("reviewRating is not a Rating")
    elif not (_nonempty(rating.get("alternateName")) or isinstance(rating.get("ratingValue"), (int, float))):
        problems.append("reviewRating has neither ratingValue nor alternateName")
    if not _is_url(item.get("url")):
        problems.append("url is missing or not an absolute http(s) URL")
    author = item.get("author")
    if not (isinstance(author, dict) and author.get("@type") in ("Organization", "Person")
            and _nonempty(author.get("name"))):
        problems.append("author is missing (an Organization or Person with a name)")
    claim = item.get("itemReviewed")
    if not isinstance(claim, dict) or claim.get("@type") != "Claim":
        problems.append("itemReviewed is not a Claim")
    else:
        for key in ("appearance", "firstAppearance"):
            where = claim.get(key)
            if where is None:
                continue
            for one in where if isinstance(where, list) else [where]:
                if not (_is_url(one) or (isinstance(one, dict) and one.get("@type") in (
                        "CreativeWork", "NewsArticle", "Article")
                        and (_is_url(one.get("url")) or _nonempty(one.get("headline"))))):
                    problems.append(f"itemReviewed.{key} is neither a URL nor a CreativeWork")
        if "datePublished" in claim and not _is_date(claim["datePublished"]):
            problems.append("itemReviewed.datePublished is not an ISO 8601 date")
    if "datePublished" in item and not _is_date(item["datePublished"]):
        problems.append("datePublished is not an ISO 8601 date")
    return problems


def test_the_validator_finds_what_is_missing():
    assert claimreview_problems({}) == [
        "@context is not schema.org", "@type is not ClaimReview", "claimReviewed is missing",
        "reviewRating is not a Rating", "url is missing or not an absolute http(s) URL",
        "author is missing (an Organization or Person with a name)", "itemReviewed is not a Claim"]
    good = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x",
            "reviewRating": {"@type": "Rating", "ratingValue": 1}, "url": "https://a.example/",
            "author": {"@type": "Person", "name": "A"}, "itemReviewed": {"@type": "Claim"}}
    assert claimreview_problems(good) == []
    assert claimreview_problems({**good, "reviewRating": {"@type": "Rating"}}) == [
        "reviewRating has neither ratingValue nor alternateName"]
    assert claimreview_problems({**good, "url": "/relative"}) == ["url is missing or not an absolute http(s) URL"]


# ---------------------------------------------------------------------------------------------
# The registry and the command line
# ---------------------------------------------------------------------------------------------


def test_the_command_offers_every_registered_format():
    assert tuple(FORMATS) == ("markdown", "csv", "claimreview")
    for name in FORMATS:
        assert build_parser().parse_args(["export", "v.yaml", "--format", name]).format == name
    assert build_parser().parse_args(["export", "v.yaml"]).format == "markdown"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_format_writes_the_same_text_to_standard_output_and_to_a_file(capsys, verdicts_file, tmp_path, fmt):
    extra = ["--publisher", PUBLISHER, "--url", URL] if fmt == "claimreview" else []
    code, out, err = run(capsys, "export", verdicts_file, "--format", fmt, *extra)
    assert code == 0 and err == "" and out
    target = tmp_path / f"export.{fmt}"
    code, out2, _ = run(capsys, "export", verdicts_file, "--format", fmt, "--output", target, *extra)
    assert code == 0 and out2 == ""
    assert target.read_bytes().decode("utf-8") == out
    assert list(tmp_path.glob("*.tmp*")) == []  # written atomically: no temporary file left
    run(capsys, "export", verdicts_file, "--format", fmt, "--output", target, *extra)
    assert (tmp_path / f"export.{fmt}.bak").read_bytes().decode("utf-8") == out  # the previous one kept


@pytest.mark.parametrize(("args", "message"), [
    (["missing.yaml"], "missing.yaml: cannot read"),
    (["{dir}"], "cannot read"),
    (["{rules}"], "'reports' is missing"),  # a rules file given for a verdicts file
    (["{verdicts}", "--format", "csv", "--url", URL], "--publisher and --url are for --format claimreview only"),
    (["{verdicts}", "--format", "markdown", "--publisher", "X"], "--publisher and --url are for --format claimreview only"),
    (["{verdicts}", "--format", "claimreview", "--url", "ftp://desk.example/x"], "expected an absolute http:// or https://"),
    (["{verdicts}", "--format", "claimreview", "--url", "desk.example/x"], "expected an absolute http:// or https://"),
    (["{verdicts}", "--format", "claimreview", "--publisher", "  "], "--publisher: give a name"),
    (["{verdicts}", "--output", "{dir}/no/such/folder/x.md"], "cannot write"),
    (["{verdicts}", "--format", "claimreview", "--url", "http://[::1"], "expected an absolute http:// or https://"),
    (["{verdicts}", "--format", "claimreview", "--url", "https://desk.example/a\nb"], "expected an absolute http"),
    (["{verdicts}", "--output", "{verdicts}"], "is the verdicts file itself; not overwritten"),
    (["{broken}"], "cannot read the rules file"),
])
def test_bad_input_is_one_clear_line_and_exit_2(capsys, verdicts_file, tmp_path, args, message):
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nrules: gone.yaml\ngenerated: x\nreports: []\n", encoding="utf-8")
    names = {"dir": tmp_path, "verdicts": verdicts_file, "broken": broken,
             "rules": load_export(verdicts_file).rules.path}
    code, out, err = run(capsys, "export", *(a.format(**names) for a in args))
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if not line.startswith("    ")]  # (a snippet under it)
    assert len(lines) == 1 and lines[0].startswith("factdesk: ") and message in lines[0], err


def test_an_unknown_format_is_a_usage_error(capsys, verdicts_file):
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(verdicts_file), "--format", "pdf"])
    assert exit_.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_a_claimreview_without_url_or_publisher_is_written_with_a_warning(capsys, verdicts_file):
    code, out, err = run(capsys, "export", verdicts_file, "--format", "claimreview")
    assert code == 0
    assert "needs --url" in err and err.count("\n") == 1
    problems = claimreview_problems(json.loads(out)[0])
    assert problems == ["url is missing or not an absolute http(s) URL",
                        "author is missing (an Organization or Person with a name)"]


def test_the_rules_file_is_found_beside_the_verdicts_file_from_any_folder(capsys, verdicts_file, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, err = run(capsys, "export", Path("..") / verdicts_file.name, "--format", "markdown")
    assert code == 0, err
    assert "## total-arrests" in out


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------


def test_markdown_has_a_section_per_claim_with_a_row_per_report(verdicts_file):
    export = load_export(verdicts_file)
    text = to_markdown(export)
    tables = md_tables(text)
    assert list(tables) == [c.id for c in export.rules.claims]
    for claim in export.rules.claims:
        assert f"- **Quantity:** {md_text(claim.quantity)}" in text
        assert f"- **Statement:** {md_text(claim.statement)}" in text
        rows = tables[claim.id]
        assert len(rows) == len(export.verdicts.reports)
        assert all(len(row) == 4 for row in rows)
    first = tables["total-arrests"][0]
    report = export.verdicts.reports[0]
    assert md_unescape(first[0]) == report.file
    assert first[1] == "supports (auto)"
    best = report.claims[0].evidence[0]
    assert md_unescape(first[2]) == f"“{best.quote}” ({best.figure})"
    assert "| vietnamese | Disputed: contradicted by 2, supported by 6, conflicting in 1 of 15 reports |" in text


def test_markdown_marks_a_reviewed_verdict_with_its_reviewer_and_the_checkers(verdicts_file):
    edit_pair(verdicts_file, 0, 0, verdict=Verdict.CONTRADICTS, reviewed=True, reviewer="alice",
              note="the wire got it wrong")
    edit_pair(verdicts_file, 1, 0, reviewed=True, reviewer="bob")
    rows = md_tables(to_markdown(load_export(verdicts_file)))["total-arrests"]
    assert rows[0][1] == "contradicts (reviewed by alice; checker: supports)"
    assert rows[0][3] == "the wire got it wrong"
    assert rows[1][1] == "supports (reviewed by bob)"
    assert rows[2][1] == "supports (auto)"


HOSTILE = [
    "a | b",
    "line one\nline two\r\nthree\rfour\u2028five\u2029six\x85seven\x0beight\x0cnine",
    "`code` and ``more``",
    "# not a heading",
    "<script>alert(1)</script> <b>bold</b> &lt;entity&gt;",
    "*em* _em_ **strong** ~~gone~~ [link](https://evil.example) ![img](x.png)",
    "US$40 billion and $5 $x^2$",
    "back\\slash \\| \\",
    "\x1b[31mred\x1b[0m \x9b2J \u202eevil",
    "|",
    "",
    "   ",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_keeps_one_row_per_pair_and_shows_any_text_as_written(verdicts_file, text):
    edit_pair(verdicts_file, 0, 0, note=text)
    hostile_rules(verdicts_file, statement=text.strip() or "x", title=text.strip() or "t")
    export = load_export(verdicts_file)
    markdown = to_markdown(export)
    rows = md_tables(markdown)["total-arrests"]
    assert len(rows) == len(export.verdicts.reports) and all(len(r) == 4 for r in rows)
    assert "<script" not in markdown and "<b>" not in markdown and "\x1b" not in markdown
    assert "\u202e" not in markdown and "\x9b" not in markdown
    assert md_unescape(rows[0][3]) == shown(text)
    headings = [line for line in markdown.split("\n") if line.startswith("#")]
    assert len(headings) == 1 + len(export.rules.claims)  # the title and one per claim, no more


def test_a_source_url_is_a_link_that_cannot_break_out(verdicts_file):
    hostile_rules(verdicts_file, "x", title="T", url="https://e.example/a b>c<d")
    text = to_markdown(load_export(verdicts_file))
    assert "Source: [T](<https://e.example/a%20b%3Ec%3Cd>)" in text


@given(text=st.text(max_size=60))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_stays_in_its_markdown_cell(exported, text):
    export = with_text(exported, text)
    rows = md_tables(to_markdown(export))["total-arrests"]
    assert len(rows) == len(export.verdicts.reports) and all(len(r) == 4 for r in rows)
    assert md_unescape(rows[0][3]) == shown(text)


@given(text=st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_a_markdown_renderer_shows_any_text_in_its_one_cell(text):
    markdown_it = pytest.importorskip("markdown_it")  # (Rich's Markdown parser, here with Textual)
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    rendered = md.render(f"| a | b |\n|---|---|\n| {md_text(text)} | z |\n| y | z |\n")
    body = rendered.split("<tbody>")[1]
    rows = re.findall(r"<tr>\n<td>(.*?)</td>\n<td>z</td>\n</tr>", body, re.S)
    assert len(rows) == 2 and rows[1] == "y", rendered
    assert "<" not in rows[0].replace("<br>", "")  # no element but our line breaks
    assert html.unescape(rows[0].replace("<br>", "\n")) == shown(text)


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def test_csv_has_one_row_per_pair_with_the_documented_columns(verdicts_file):
    edit_pair(verdicts_file, 2, 1, reviewed=True, reviewer="alice", verdict=Verdict.CONFLICTING, note="see p. 2")
    export = load_export(verdicts_file)
    rows = list(csv.reader(io.StringIO(to_csv(export), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS == ("report", "claim", "statement", "quantity", "verdict",
                                             "auto", "reviewed", "reviewer", "quote", "figure", "note")
    pairs = [(r, c) for r in export.verdicts.reports for c in r.claims]
    assert len(rows) - 1 == len(pairs) == 15 * 9
    claims = {c.id: c for c in export.rules.claims}
    for row, (report, c) in zip(rows[1:], pairs):
        record = dict(zip(CSV_COLUMNS, row))
        best = c.evidence[0] if c.evidence else None
        assert record == {
            "report": report.file, "claim": c.id, "statement": claims[c.id].statement,
            "quantity": csv_cell(claims[c.id].quantity), "verdict": c.verdict.value, "auto": c.auto.value,
            "reviewed": "true" if c.reviewed else "false", "reviewer": c.reviewer,
            "quote": csv_cell(best.quote) if best else "", "figure": csv_cell(best.figure) if best else "",
            "note": csv_cell(c.note)}
    (edited,) = [r for r in rows[1:] if r[7] == "alice"]
    assert edited[1] == export.verdicts.reports[2].claims[1].id
    assert (edited[4], edited[6], edited[10]) == ("conflicting", "true", "see p. 2")


@pytest.mark.parametrize(("text", "cell"), [
    ("=HYPERLINK(\"https://evil.example\",\"click\")", "'=HYPERLINK(\"https://evil.example\",\"click\")"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("a = b", "a = b"),
    ("'quoted'", "'quoted'"),
    ("1,000 \"people\"\nnext line", "1,000 \"people\"\nnext line"),
    ("", ""),
])
def test_csv_cells_a_spreadsheet_would_run_are_kept_as_text(verdicts_file, text, cell):
    edit_pair(verdicts_file, 0, 0, note=text)
    hostile_rules(verdicts_file, statement=text.strip() or "x")
    rows = list(csv.reader(io.StringIO(to_csv(load_export(verdicts_file)), newline="")))
    record = dict(zip(CSV_COLUMNS, rows[1]))
    assert record["note"] == cell
    assert record["statement"] == (csv_cell(text.strip()) if text.strip() else "x")
    assert len(rows) == 1 + 15 * 9


def test_csv_to_a_terminal_shows_control_characters(exported):
    export = with_text(exported, "\x1b]52;c;ZXZpbA==\x07 \x9b2J \u202eevil")
    raw = to_csv(export)
    assert "\x1b" in raw  # a file keeps the data exactly
    shown = to_csv(export, ExportOptions(terminal=True))
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown and "\u202e" not in shown
    assert "\\x1b]52;c;ZXZpbA==\\x07" in shown


@given(note=st.text(max_size=80), quote=st.text(max_size=80))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_csv_reads_back_every_field_exactly(exported, note, quote):
    export = with_text(exported, note, quote=quote)
    rows = list(csv.reader(io.StringIO(to_csv(export), newline="")))
    assert len(rows) == 1 + sum(len(r.claims) for r in export.verdicts.reports)
    record = dict(zip(CSV_COLUMNS, rows[1]))
    assert record["note"] == csv_cell(note) and record["quote"] == csv_cell(quote)
    assert record["note"] in (note, "'" + note)  # (the apostrophe only before a formula's sign)


# ---------------------------------------------------------------------------------------------
# ClaimReview
# ---------------------------------------------------------------------------------------------


def test_claimreview_is_one_valid_object_per_claim(capsys, verdicts_file):
    edit_pair(verdicts_file, 0, 0, verdict=Verdict.CONTRADICTS, reviewed=True, reviewer="alice")
    hostile_rules(verdicts_file, "Cambodian authorities have arrested more than 1,000 people",
                  title="Cambodia arrests more than 1,000", url="https://www.taipeitimes.example/a/1")
    code, out, err = run(capsys, "export", verdicts_file, "--format", "claimreview",
                         "--publisher", PUBLISHER, "--url", URL)
    assert code == 0 and err == ""
    reviews = json.loads(out)
    export = load_export(verdicts_file)
    assert [r["claimReviewed"] for r in reviews] == [c.statement for c in export.rules.claims]
    for review in reviews:
        assert claimreview_problems(review) == []
        assert review["url"] == URL
        assert review["author"] == review["publisher"] == {"@type": "Organization", "name": PUBLISHER}
        assert review["datePublished"] == export.verdicts.generated
    first = reviews[0]
    assert first["reviewRating"]["alternateName"] == "Disputed: contradicted by 1, supported by 12 of 15 reports"
    assert first["reviewRating"]["ratingExplanation"].startswith("1 of 15 verdicts reviewed by a person")
    appearance = first["itemReviewed"]["appearance"]
    assert appearance["url"] == "https://www.taipeitimes.example/a/1"
    assert appearance["headline"] == "Cambodia arrests more than 1,000"
    assert first["itemReviewed"]["author"]["name"] == export.rules.source.outlet


@pytest.mark.parametrize("text", [*HOSTILE, "</script><script>alert(1)</script>", "a\u2028b\u2029c",
                                  "\"quotes\" and \\ backslash", "\x00nul\x7f", "emoji \U0001f600"])
def test_claimreview_text_is_valid_json_safe_in_a_script_element(verdicts_file, text):
    hostile_rules(verdicts_file, statement=text.strip() or "x", title=text.strip() or "t")
    out = to_claimreview(load_export(verdicts_file), ExportOptions(publisher=text or "p", url=URL))
    assert "</script" not in out.lower() and "<" not in out and "\u2028" not in out and "\u2029" not in out
    assert "\x1b" not in out and "\u202e" not in out
    reviews = json.loads(out)
    assert reviews[0]["claimReviewed"] == (text.strip() or "x")
    assert reviews[0]["author"]["name"] == (text or "p")


@given(text=st.text(max_size=80))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_claimreview_json_loads_for_any_text(exported, text):
    export = with_text(exported, text, statement=text)
    out = to_claimreview(export, ExportOptions(publisher=text or "p", url=URL))
    assert not set(out) & {"<", ">", "&", "\u2028", "\u2029", "\x1b", "\x9b"}
    reviews = json.loads(out)
    assert reviews[0]["claimReviewed"] == text
    assert reviews[0]["author"]["name"] == (text or "p")


@given(text=st.text(alphabet=st.characters(min_codepoint=0xd800, max_codepoint=0xdfff), min_size=1, max_size=3))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_claimreview_writes_lone_surrogates_as_escapes(exported, text):
    out = to_claimreview(with_text(exported, "", statement=text), ExportOptions(url=URL))
    out.encode("utf-8")  # can be written as UTF-8
    assert json.loads(out)[0]["claimReviewed"] == json.loads(json.dumps(text))  # (a pair joins, as in JSON)


# ---------------------------------------------------------------------------------------------
# The plain-words rating
# ---------------------------------------------------------------------------------------------

S, C, F, N = Verdict.SUPPORTS, Verdict.CONTRADICTS, Verdict.CONFLICTING, Verdict.NOT_MENTIONED


@pytest.mark.parametrize(("verdicts", "words"), [
    ([S] * 5 + [N] * 2, "Supported by 5 of 7 reports"),
    ([C] * 2 + [N] * 5, "Contradicted by 2 of 7 reports"),
    ([C, S, S, N], "Disputed: contradicted by 1, supported by 2 of 4 reports"),
    ([C, F, S], "Disputed: contradicted by 1, supported by 1, conflicting in 1 of 3 reports"),
    ([F, N], "Conflicting figures in 1 of 2 reports"),
    ([S], "Supported by 1 of 1 report"),
    ([N] * 3, "Not mentioned in 3 reports"),
    ([N], "Not mentioned in the one report"),
    ([], "Not checked against any report"),
])
def test_rating_words(verdicts, words):
    assert rating_words([ClaimVerdict("c", v, S) for v in verdicts]) == words


def test_a_reviewed_verdict_counts_as_the_person_gave_it():
    checker_said_supports = [ClaimVerdict("c", C, S, reviewed=True), ClaimVerdict("c", S, S)]
    assert rating_words(checker_said_supports) == "Disputed: contradicted by 1, supported by 1 of 2 reports"


# ---------------------------------------------------------------------------------------------
# In-memory variations of the checked file, for the property tests
# ---------------------------------------------------------------------------------------------


class _Checked(Export):
    """The checked example, with a short repr (Hypothesis prints its test's arguments)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<the bundled example, checked>"


@pytest.fixture(scope="module")
def exported(checked: Path) -> Export:
    export = load_export(checked)
    return _Checked(export.verdicts, export.rules)


def with_text(export: Export, note: str, *, quote: str | None = None, statement: str | None = None) -> Export:
    """`export` with the first pair's note (and best quote) and the first claim's statement replaced."""
    first = export.verdicts.reports[0]
    pair = first.claims[0]
    evidence = pair.evidence
    if quote is not None:
        evidence = (replace(evidence[0], quote=quote), *evidence[1:])
    claims = (replace(pair, note=note, evidence=evidence), *first.claims[1:])
    reports = (replace(first, claims=claims), *export.verdicts.reports[1:])
    rules = export.rules
    if statement is not None:
        rules = replace(rules, claims=(replace(rules.claims[0], statement=statement), *rules.claims[1:]))
    return Export(replace(export.verdicts, reports=reports), rules)
