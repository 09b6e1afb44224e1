"""Where each report is from (title, outlet, date published, address): read from an HTML page's
metadata, a Markdown front matter or a plain text's header; kept in the verdicts file as optional
report fields; given by a gold file to the reports `eval` checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from factdesk.claims.errors import VerdictsError
from factdesk.claims.formats import dump_json, dump_yaml, load_gold, load_verdicts, parse_verdicts
from factdesk.claims.reports import ReportMeta, load_report
from factdesk.claims.rules import load_rules
from factdesk.claims.run import check_loaded, check_paths
from factdesk.claims.verdicts import ClaimVerdict, ReportVerdicts, Verdict, Verdicts, check_report

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "corpora"

PAGE = """<!DOCTYPE html><html><head>
<title>Raids net 75 Taiwanese | Phnom Penh Post</title>
<meta property="og:title" content="Raids net 75 Taiwanese in Cambodia">
<meta property="og:site_name" content="Phnom Penh Post">
<meta property="og:url" content="https://www.phnompenhpost.com/national/raids-net-75-taiwanese">
<meta property="article:published_time" content="2025-07-18T09:30:00+07:00">
</head><body><nav>Home | World</nav><article><h1>Raids net 75 Taiwanese</h1>
<p>Police arrested more than 1,000 people in raids on scam compounds, including 75 Taiwanese.</p>
</article></body></html>"""


def report_yaml(cli, rules: Path, report: Path) -> dict:
    code, out, err = cli("check", rules, report, "--format", "yaml")
    assert err == ""
    return yaml.safe_load(out)["reports"][0]


# ---------------------------------------------------------------------------------------------
# Read from the report
# ---------------------------------------------------------------------------------------------


def test_an_html_pages_metadata_is_written_with_its_verdicts(tmp_path, cli, small_rules):
    page = tmp_path / "post.html"
    page.write_text(PAGE)
    saved = report_yaml(cli, small_rules, page)
    assert list(saved)[:6] == ["file", "sha256", "title", "outlet", "published", "url"]
    assert saved["title"] == "Raids net 75 Taiwanese in Cambodia"
    assert saved["outlet"] == "Phnom Penh Post"
    assert saved["published"] == "2025-07-18"  # the date alone, as written in the page
    assert saved["url"] == "https://www.phnompenhpost.com/national/raids-net-75-taiwanese"
    assert "Home" not in load_report(page).text  # (the page's text is read as before)


def test_an_html_page_dated_only_by_its_address_and_named_only_by_its_host(tmp_path, cli, small_rules):
    page = tmp_path / "post.html"
    page.write_text(
        '<html><head><title>Raids</title><link rel="canonical" '
        'href="https://news.example.org/2025/07/17/raids-net-75"></head><body><article><p>Police '
        "arrested 75 Taiwanese in raids on Wednesday, officials in Phnom Penh said.</p></article></body></html>")
    report = load_report(page)
    assert (report.published, report.outlet, report.url) == (
        "2025-07-17", "news.example.org", "https://news.example.org/2025/07/17/raids-net-75")


def test_a_page_that_says_nothing_of_itself_has_no_fields_but_its_title(tmp_path, cli, small_rules):
    page = tmp_path / "bare.html"
    page.write_text("<html><head><title>Raids in Poipet</title></head><body><article><p>Police arrested "
                    "75 Taiwanese in raids on 3 March 2024, officials said.</p></article></body></html>")
    saved = report_yaml(cli, small_rules, page)
    assert saved["title"] == "Raids in Poipet"
    assert "published" not in saved and "outlet" not in saved and "url" not in saved  # (no date from the text)


FRONT = """\
---
title: "Cambodia: more than 5,000 held"   # the headline, with a colon
outlet: Khmer Times
published: 2025-07-20
url: https://www.khmertimeskh.com/501-raids
tags:
  - scams
---

Police arrested more than 1,000 people in raids, including 75 Taiwanese.
"""


def test_a_markdown_front_matter_is_read_and_is_not_part_of_the_text(tmp_path, cli, small_rules):
    path = tmp_path / "pasted.md"
    path.write_text(FRONT)
    report = load_report(path)
    assert report.meta == ReportMeta("Cambodia: more than 5,000 held", "Khmer Times", "2025-07-20",
                                     "https://www.khmertimeskh.com/501-raids")
    assert report.title == "Cambodia: more than 5,000 held" and report.published == "2025-07-20"
    assert report.text == "Police arrested more than 1,000 people in raids, including 75 Taiwanese.\n"
    verdicts = check_report(load_rules(small_rules), report)
    # the headline's 5,000 is not read: the front matter is no part of the text; quotes are
    # exact substrings of the loaded text at their offsets
    quotes = [e for c in verdicts.claims for e in c.evidence]
    assert quotes and all(report.text[e.start:e.end] == e.quote for e in quotes)
    assert all("5,000" not in e.quote for e in quotes)
    assert [c.verdict for c in verdicts.claims] == [Verdict.SUPPORTS, Verdict.SUPPORTS]
    saved = report_yaml(cli, small_rules, path)
    assert (saved["title"], saved["outlet"], saved["published"]) == (
        "Cambodia: more than 5,000 held", "Khmer Times", "2025-07-20")


def test_a_plain_texts_header_is_read_and_left_out_of_the_text(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("Title: Raids net 75 Taiwanese\nOutlet: CNA\nPublished: 2025-07-18T10:00:00Z\n"
                    "URL: https://cna.example/raids\n\nPolice arrested 75 Taiwanese.\n")
    report = load_report(path)
    assert report.meta == ReportMeta("Raids net 75 Taiwanese", "CNA", "2025-07-18", "https://cna.example/raids")
    assert report.text == "Police arrested 75 Taiwanese.\n"


@pytest.mark.parametrize("text", [
    "Source: police said 75 Taiwanese were held\n\nMore text.\n",  # not one of the header's keys
    "Title: Raids net 75 Taiwanese\nPolice arrested 75 Taiwanese.\n",  # no blank line after it
    "Air date: Thursday, July 17\n\nANCHOR: Good evening.\n",
    "---\n\nPolice arrested 75 Taiwanese in raids.\n---\nMore.\n",  # a rule above prose
    "---\ntitle: never closed\n\nPolice arrested 75 Taiwanese.\n",
])
def test_first_lines_that_are_no_header_stay_in_the_text(tmp_path, text):
    path = tmp_path / "r.md"
    path.write_text(text)
    report = load_report(path)
    assert report.text == text and report.meta == ReportMeta()


def test_a_bad_date_or_address_in_a_report_is_left_out_and_the_report_still_read(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("---\ntitle: Raids\npublished: 2025-02-30\nurl: www.example.org/raids\n---\n"
                    "Police arrested 75 Taiwanese.\n")
    report = load_report(path)
    assert report.meta == ReportMeta(title="Raids") and report.text == "Police arrested 75 Taiwanese.\n"


def test_a_report_that_says_nothing_of_itself_is_written_as_before(cli):
    saved = report_yaml(cli, ROOT / "rules" / "cambodia-scam-crackdown.yaml",
                        ROOT / "seeds" / "reports" / "01-wire-agreement.txt")
    assert list(saved) == ["file", "sha256", "claims"]


# ---------------------------------------------------------------------------------------------
# The verdicts file
# ---------------------------------------------------------------------------------------------

CLAIMS = (ClaimVerdict("taiwanese", Verdict.SUPPORTS, Verdict.SUPPORTS),)
WITH_META = Verdicts("rules.yaml", "2026-12-01T10:00:00Z", (
    ReportVerdicts("a.md", "ab" * 32, CLAIMS, "Budget: the key points", "Sky News", "2024-10-30",
                   "https://news.sky.com/story/budget-2024#top"),
    ReportVerdicts("b.txt", "cd" * 32, CLAIMS, outlet="Reuters (via «FBC»)"),
))


def test_report_fields_read_back_from_yaml_and_json(tmp_path):
    for text in (dump_yaml(WITH_META), dump_json(WITH_META)):
        path = tmp_path / "v.yaml"
        path.write_text(text)
        assert load_verdicts(path) == WITH_META
    assert "  published: '2024-10-30'\n" in dump_yaml(WITH_META)  # a string, not a YAML date
    assert "title" not in json.loads(dump_json(WITH_META))["reports"][1]


def test_an_older_file_without_them_loads():
    text = dump_yaml(Verdicts("rules.yaml", "x", (ReportVerdicts("a.md", "ab", CLAIMS),)))
    report = parse_verdicts(text).reports[0]
    assert (report.title, report.outlet, report.published, report.url) == ("", "", "", "")


@pytest.mark.parametrize(("line", "where", "message"), [
    ("published: 2024-13-01", "7:14", "reports[0].published is '2024-13-01' (expected a date, YYYY-MM-DD)"),
    ("published: 30/10/2024", "7:14", "reports[0].published is '30/10/2024' (expected a date, YYYY-MM-DD)"),
    ("published: 2024-10-30T10:00:00Z", "7:14", "reports[0].published is '2024-10-30T10:00:00Z'"),
    ("published: 20241030", "7:14", "reports[0].published is '20241030' (expected a date"),
    ("url: www.example.org", "7:8", "reports[0].url is 'www.example.org' (expected an address such as https://"),
    ("url: https://example.org/a page", "7:8", "reports[0].url is 'https://example.org/a page'"),
    ("title: [a, b]", "7:10", "reports[0].title is ['a', 'b'] (expected text)"),
    ("outlet: {name: x}", "7:11", "reports[0].outlet is {'name': 'x'} (expected text)"),
])
def test_a_bad_report_field_is_a_positioned_error(tmp_path, cli, line, where, message):
    path = tmp_path / "gold.yaml"
    path.write_text("version: 1\nrules: rules.yaml\nreports:\n- file: a.txt\n  sha256: ab\n  claims: []\n"
                    f"  {line}\n")
    with pytest.raises(VerdictsError) as caught:
        load_verdicts(path)
    assert str(caught.value).startswith(f"{path}:{where}: {message}")
    code, out, err = cli("eval", path)
    assert code == 2 and out == "" and f"{path}:{where}: " in err


# ---------------------------------------------------------------------------------------------
# Gold files: their report fields, reviewed pairs only, several at once
# ---------------------------------------------------------------------------------------------

PEOPLE = """\
version: 1
rules: rules.yaml
reports:
- file: undated.txt
  outlet: Reuters
  published: '2025-07-17'
  claims:
  - id: total-arrests
    verdict: supports
    evidence: [more than 1,000 people]
  - id: taiwanese
    verdict: supports
- file: dated.md
  published: 2025-07-01
  url: https://gold.example/dated
  claims:
  - id: total-arrests
    verdict: supports
  - id: taiwanese
    verdict: not_mentioned
"""


def corpus(folder: Path, small_rules: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules.yaml").write_text(small_rules.read_text())
    (folder / "undated.txt").write_text("Police arrested more than 1,000 people in raids, including 75 Taiwanese.\n")
    (folder / "dated.md").write_text("---\noutlet: Khmer Times\npublished: 2025-07-20\n---\n"
                                     "Police detained more than 1,000 people in the raids.\n")
    gold = folder / "gold.yaml"
    gold.write_text(PEOPLE)
    return gold


def test_a_gold_files_report_fields_are_given_to_reports_that_do_not_say_them(tmp_path, small_rules):
    gold = load_gold(corpus(tmp_path, small_rules))
    undated, dated = gold.files()
    assert gold.meta[undated] == ReportMeta(outlet="Reuters", published="2025-07-17")
    rules = load_rules(gold.rules)
    for jobs in (1, 2):
        checked = {r.file: r for r in check_paths(rules, gold.files(), jobs=jobs, meta=gold.meta)}
        assert (checked[undated].outlet, checked[undated].published) == ("Reuters", "2025-07-17")
        # a report's own word stands; what it does not say comes from the gold file
        assert (checked[dated].outlet, checked[dated].published, checked[dated].url) == (
            "Khmer Times", "2025-07-20", "https://gold.example/dated")
    loaded = {report.file: report for report, _ in check_loaded(rules, gold.files(), meta=gold.meta)}
    assert loaded[undated].published == "2025-07-17"  # what the engine reads as the report's date
    assert loaded[dated].published == "2025-07-20"


def test_eval_counts_only_reviewed_pairs_and_says_how_many_it_left_out(tmp_path, cli, small_rules):
    corpus(tmp_path, small_rules)
    verdicts = tmp_path / "verdicts.yaml"
    assert cli("check", tmp_path / "rules.yaml", tmp_path / "undated.txt", tmp_path / "dated.md",
               "--output", verdicts)[0] == 0
    code, out, _ = cli("eval", verdicts)  # nobody reviewed anything: nothing to score
    assert code == 0 and "pairs                 0\n" in out and "left out              4 unreviewed pairs" in out
    # a person overrules one pair: that one pair is people's, and the checker now disagrees with it
    text = verdicts.read_text()
    first = text.index("reviewed: false")
    text = text[:first] + "reviewed: true" + text[first + len("reviewed: false"):]
    verdicts.write_text(text.replace("verdict: supports", "verdict: contradicts", 1))
    code, out, _ = cli("eval", verdicts)
    assert "pairs                 1\n" in out and "accuracy              0.000" in out
    assert "left out              3 unreviewed pairs (the checker's own verdicts, not people's)" in out
    code, out, _ = cli("eval", verdicts, "--format", "json")
    assert json.loads(out)["unreviewed_left_out"] == 3 and json.loads(out)["pairs"] == 1


def test_a_gold_file_written_by_hand_is_all_peoples_verdicts(tmp_path, cli, small_rules):
    gold = corpus(tmp_path, small_rules)
    code, out, _ = cli("eval", gold)
    assert code == 0 and "pairs                 4\n" in out and "left out" not in out
    assert json.loads(cli("eval", gold, "--format", "json")[1])["unreviewed_left_out"] == 0


def test_eval_over_a_folder_prints_one_table_a_line_per_corpus_and_the_total(tmp_path, cli, small_rules):
    corpus(tmp_path / "sets" / "alpha", small_rules)
    beta = corpus(tmp_path / "sets" / "beta", small_rules)
    beta.write_text(PEOPLE.replace("verdict: not_mentioned", "verdict: contradicts"))  # the checker misses it
    (tmp_path / "sets" / "alpha" / "gold-A.yaml").write_text(PEOPLE)  # an annotator's own: not a corpus
    code, out, err = cli("eval", tmp_path / "sets")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["corpus", "pairs", "accuracy", "macro-F1", "false", "alarms", "missed",
                                "evidence", "recall"]
    assert [line.split()[0] for line in lines[1:]] == ["alpha", "beta", "-" * len(lines[0]), "total"]
    assert lines[1].split()[:3] == ["alpha", "4", "1.000"]
    assert lines[2].split()[:3] == ["beta", "4", "0.750"] and lines[2].split()[6] == "1"  # one missed
    assert lines[4].split()[:3] == ["total", "8", "0.875"]
    data = json.loads(cli("eval", tmp_path / "sets", "--format", "json")[1])
    assert [c["corpus"] for c in data["corpora"]] == ["alpha", "beta"]
    assert data["total"]["pairs"] == 8 and data["total"]["missed_contradictions"] == 1
    assert data["total"]["evidence_found"] == 2 and data["total"]["evidence_quoted"] == 2
    assert yaml.safe_load(cli("eval", tmp_path / "sets", "--format", "yaml")[1]) == data
    # several gold files name their corpora by their folders, the same way
    code, out, _ = cli("eval", tmp_path / "sets" / "beta" / "gold.yaml", tmp_path / "sets" / "alpha" / "gold.yaml")
    assert [line.split()[0] for line in out.splitlines()[1:3]] == ["beta", "alpha"]
    code, out, _ = cli("eval", tmp_path / "sets", "--show-errors")
    assert "beta: dated.md  taiwanese: people contradicts, factdesk not_mentioned" in out


def test_eval_over_a_folder_without_gold_files_is_refused(tmp_path, cli):
    code, out, err = cli("eval", tmp_path)
    assert (code, out) == (2, "") and "no gold.yaml in this folder or below it" in err


def test_the_event_corpora_say_where_each_report_is_from_as_their_meta_files_do():
    # a corpus still awaiting its annotators has a meta file but no gold file yet
    labelled = sorted(p.parent for p in CORPORA.glob("*/meta.yaml") if (p.parent / "gold.yaml").exists())
    for folder in labelled:
        meta = yaml.safe_load((folder / "meta.yaml").read_text())
        gold = load_gold(folder / "gold.yaml")
        assert gold.left_out == 0
        for file, report in ((f, gold.meta[str(folder / f)]) for f in meta if f != "source.txt"):
            given = meta[file]
            assert report.outlet == given["outlet"] and report.url == given["url"]
            date = str(given["date"])
            # a date that starts with a day is taken ("2025-03-07 (Friday update)"); a month, a
            # year or an unknown one is left out
            day = len(date) >= 10 and date[4] == "-" and date[7] == "-" and date[:10].replace("-", "").isdigit()
            assert report.published == (date[:10] if day else "")
    assert len(labelled) == 7


def test_every_corpus_text_has_one_meta_entry_with_its_provenance():
    for meta_file in sorted(CORPORA.glob("*/meta.yaml")):
        folder = meta_file.parent
        meta = yaml.safe_load(meta_file.read_text())
        assert set(meta) == {"source.txt"} | {f"texts/{p.name}" for p in (folder / "texts").iterdir()}, folder.name
        for name, entry in meta.items():
            assert {"url", "outlet", "date", "completeness", "form"} <= set(entry), (folder.name, name)
            assert str(entry["completeness"]).startswith(("full", "partial")) and entry["form"] in ("digest", "verbatim"), name


def test_make_eval_runs_eval_over_the_corpora():
    import subprocess

    out = subprocess.run(["make", "-n", "--no-print-directory", "eval"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert any(line.endswith("factdesk eval tests/corpora") for line in out.splitlines())


@pytest.mark.parametrize("page", ["<p><body>&#x1b;", "<p><body>Police arrested 75 Taiwanese.<p>&#x1b; More.</p>",
                                  "0\x1f<script></script>-->Police arrested 75 Taiwanese."])
def test_a_control_character_in_a_pages_text_is_no_crash(page):
    """(Found by the HTML fuzz test: lxml refused to write such text back, a ValueError.)"""
    from factdesk.claims.errors import ReportError
    from factdesk.claims.reports import report_from_bytes

    try:
        report = report_from_bytes("page.html", page.encode())
    except ReportError as exc:
        assert "no article text" in str(exc)
    else:
        assert "Police arrested 75 Taiwanese." in report.text
