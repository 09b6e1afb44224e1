"""Loading reports: plain text, Markdown, HTML, folders and standard input; the loaded text,
its sentences (every offset is into the loaded text), the title and the sha256 of the bytes."""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.claims.errors import ReportError
from factdesk.claims.reports import (
    MAX_SENTENCE,
    WIDE_SPACES,
    Skipped,
    expand_paths,
    iter_reports,
    load_report,
    report_from_bytes,
    split_sentences,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "seeds" / "reports"

ARTICLE = (
    "Cambodia detains more than 1,000 in scam raids\n"
    "\n"
    "PHNOM PENH - Police said on Wednesday that more than 1,000 people had been detained. "
    "They included 75 Taiwanese, 213 Vietnamese and at least 271 Indonesians.\n"
    "\n"
    "Dr. Sok said the U.S. had offered help. Officials declined to comment!\n"
)


def sentence_texts(report) -> list[str]:
    return [report.text[s.start:s.end] for s in report.sentences]


def test_a_text_report_has_its_text_title_sentences_and_sha256(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_bytes(ARTICLE.encode())
    report = load_report(path)
    assert report.file == str(path) and report.kind == "text"
    assert report.text == ARTICLE
    assert report.title == "Cambodia detains more than 1,000 in scam raids"
    assert report.sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert sentence_texts(report) == [
        "Cambodia detains more than 1,000 in scam raids",
        "PHNOM PENH - Police said on Wednesday that more than 1,000 people had been detained.",
        "They included 75 Taiwanese, 213 Vietnamese and at least 271 Indonesians.",
        "Dr. Sok said the U.S. had offered help.",
        "Officials declined to comment!",
    ]


def test_the_sha256_is_of_the_bytes_as_stored_not_the_decoded_text(tmp_path):
    data = ARTICLE.replace("\n", "\r\n").encode("utf-16")
    path = tmp_path / "windows.txt"
    path.write_bytes(data)
    report = load_report(path)
    assert report.text == ARTICLE  # line endings normalised, UTF-16 decoded
    assert report.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html")),
                         ids=lambda p: p.name)
def test_every_sentence_offset_points_into_the_loaded_text(path):
    report = load_report(path)
    assert report.sentences
    previous_end = 0
    for s in report.sentences:
        piece = report.text[s.start:s.end]
        assert piece and piece == piece.strip()
        assert previous_end <= s.start < s.end <= len(report.text)
        assert s.end - s.start <= MAX_SENTENCE
        assert report.sentence_text(s) == piece
        previous_end = s.end


def test_markdown_keeps_its_marks_and_takes_the_heading_as_title(tmp_path):
    path = tmp_path / "breakdown.md"
    path.write_text("# Cambodia scam raids: who was detained\n\nPolice held 1,000 people.\n\n"
                    "## By nationality\n\n- Indonesians: at least 271\n- Vietnamese: 213\n")
    report = load_report(path)
    assert report.kind == "markdown"
    assert report.title == "Cambodia scam raids: who was detained"
    assert sentence_texts(report) == [
        "# Cambodia scam raids: who was detained", "Police held 1,000 people.", "## By nationality",
        "- Indonesians: at least 271", "- Vietnamese: 213",
    ]


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Raids net 75 Taiwanese", "Raids net 75 Taiwanese"),
        ("   ## Raids net 75 Taiwanese  ", "Raids net 75 Taiwanese"),
        ("Short", "report.txt"),  # one word is not a headline: the file name stands in
        ("word " * 40, "report.txt"),  # nor is a whole paragraph
    ],
)
def test_the_title_is_the_first_line_when_it_looks_like_a_headline(tmp_path, first_line, title):
    path = tmp_path / "report.txt"
    path.write_text(f"\n\n{first_line}\nPolice arrested 75 Taiwanese.\n")
    assert load_report(path).title == title


def test_html_is_reduced_to_the_article_with_the_page_title():
    report = load_report(SAMPLES / "10-news-page.html")
    assert report.kind == "html"
    assert report.title == "Cambodia rounds up foreign workers in scam centre raids"
    assert report.text.startswith("Cambodia rounds up foreign workers in scam centre raids\nCambodian police said")
    assert "<" not in report.text
    assert report.sha256 == hashlib.sha256((SAMPLES / "10-news-page.html").read_bytes()).hexdigest()


def test_html_is_recognised_by_its_content_when_the_name_does_not_say():
    page = (b"<!DOCTYPE html><html><head><title>Raids</title></head><body><article><p>Police arrested "
            b"75 Taiwanese in raids on Wednesday, officials in Phnom Penh said.</p></article></body></html>")
    piped = report_from_bytes("-", page)
    assert piped.kind == "html" and piped.text == ("Police arrested 75 Taiwanese in raids on Wednesday, "
                                                   "officials in Phnom Penh said.")
    as_text = report_from_bytes("notes.txt", page)  # a .txt file is text, whatever it holds
    assert as_text.kind == "text" and as_text.text == page.decode()


def test_an_html_page_with_no_article_is_an_error():
    with pytest.raises(ReportError, match=r"^page.html: no article text found in the HTML page$"):
        report_from_bytes("page.html", b"<html><body><script>x()</script><form><button>Go</button></form></body></html>")


def test_standard_input_is_read_as_a_report(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("cp1252"))))
    report = load_report("-")
    assert report.file == "-" and report.text == ARTICLE
    assert report.sha256 == hashlib.sha256(ARTICLE.encode("cp1252")).hexdigest()


def test_a_folder_is_every_report_inside_it_sorted_hidden_ones_left_out(tmp_path):
    for name in ("b.txt", "a.md", "c.HTML", "notes.pdf", "README", ".hidden.txt", "sub/d.txt",
                 ".git/e.txt", "sub/.cache/f.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Police arrested 75 Taiwanese.")
    assert list(expand_paths([str(tmp_path)])) == [
        str(tmp_path / "a.md"), str(tmp_path / "b.txt"), str(tmp_path / "c.HTML"), str(tmp_path / "sub" / "d.txt")]


def test_a_folder_is_walked_part_by_part_without_following_links_to_folders(tmp_path):
    for name in ("a/b.txt", "a.txt", "a-b.txt", "B.txt", "real/x.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Police arrested 75 Taiwanese.")
    (tmp_path / "linked").symlink_to(tmp_path / "real")  # its reports are found once, under real/
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert list(expand_paths([str(tmp_path)])) == [
        str(tmp_path / "B.txt"), str(tmp_path / "a" / "b.txt"), str(tmp_path / "a-b.txt"),
        str(tmp_path / "a.txt"), Skipped(str(tmp_path / "gone.txt"), "a link to nothing (its target does not exist)"),
        str(tmp_path / "real" / "x.txt")]


_NAMES = st.lists(st.lists(st.sampled_from(["a", "A", "b", ".h", "a.txt", "B.txt", "a-1.md", "b.TXT", "c.html", "x.pdf", "a b"]),
                           min_size=1, max_size=3), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_NAMES)
def test_a_folder_lists_what_a_sorted_rglob_would(tmp_path_factory, names):
    """Any tree: the reports found are those of sorted(Path.rglob('*')) without hidden parts."""
    root = tmp_path_factory.mktemp("tree")
    for parts in names:
        path = root.joinpath(*parts)
        if any(p.exists() and not p.is_dir() for p in (path, *path.parents)):
            continue  # a file already stands where a folder would
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text("75 Taiwanese")
    expected = [str(p) for p in sorted(root.rglob("*"))
                if p.suffix.lower() in (".txt", ".md", ".markdown", ".html", ".htm") and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    found = [i for i in expand_paths([str(root)]) if isinstance(i, str)]
    assert found == expected


def test_paths_keep_their_order_and_missing_ones_are_skipped(tmp_path):
    (tmp_path / "z.txt").write_text("Police arrested 75 Taiwanese.")
    (tmp_path / "empty").mkdir()
    items = list(expand_paths([str(tmp_path / "z.txt"), "-", str(tmp_path / "gone.txt"), str(tmp_path / "empty")]))
    assert items == [
        str(tmp_path / "z.txt"), "-",
        Skipped(str(tmp_path / "gone.txt"), "no such file or folder"),
        Skipped(str(tmp_path / "empty"), "no .txt, .md or .html reports in this folder"),
    ]
    assert str(items[2]) == f"{tmp_path / 'gone.txt'}: skipped: no such file or folder"


def test_iter_reports_loads_the_good_and_names_the_bad(tmp_path):
    (tmp_path / "1-good.txt").write_text("Police arrested 75 Taiwanese.")
    (tmp_path / "2-empty.txt").write_text("")
    (tmp_path / "3-binary.txt").write_bytes(b"\x00\x01")
    results = list(iter_reports([str(tmp_path)]))
    assert [type(r).__name__ for r in results] == ["Report", "Skipped", "Skipped"]
    assert results[1] == Skipped(str(tmp_path / "2-empty.txt"), "the file is empty")
    assert results[2] == Skipped(str(tmp_path / "3-binary.txt"), "this is a binary file, not text")


def test_long_runs_without_full_stops_are_cut_at_spaces():
    text = " ".join(f"word{i}" for i in range(1000))
    pieces = [text[s.start:s.end] for s in split_sentences(text)]
    assert all(len(p) <= MAX_SENTENCE for p in pieces) and len(pieces) > 1
    assert " ".join(pieces) == text  # cut only at spaces, nothing lost
    unbroken = "x" * (MAX_SENTENCE * 2 + 10)  # no space at all: cut anyway
    assert [s.end - s.start for s in split_sentences(unbroken)] == [MAX_SENTENCE, MAX_SENTENCE, 10]


LINES = [
    # lines wrapped inside a sentence, as text copied from a PDF, stay one sentence
    ("Police said they had arrested more\nthan 1,000 people in raids across\nthe country. Then they left.",
     ["Police said they had arrested more\nthan 1,000 people in raids across\nthe country.", "Then they left."]),
    # a headline without a full stop is a sentence of its own
    ("Cambodia holds 1,000 in raids\nPolice said 75 Taiwanese were held.",
     ["Cambodia holds 1,000 in raids", "Police said 75 Taiwanese were held."]),
    # every table row and list item is its own sentence
    ("| Nationality | Detained |\n|---|---|\n| Indonesian | 271 |\n| Vietnamese | 213 |",
     ["| Nationality | Detained |", "|---|---|", "| Indonesian | 271 |", "| Vietnamese | 213 |"]),
    ("Detainees by nationality:\n- Thais: 58\n- Chinese: 12",
     ["Detainees by nationality:", "- Thais: 58", "- Chinese: 12"]),
    # the lines of a wire flash: each an item, however long, when the text is not wrapped to a width
    ("She confirms the earlier reported rise in the minimum wage\nA new National Wealth Fund will hold "
     "70 billion pounds\nThe changes to the GDP forecasts since March:\n2024: Up from 0.8% to 1.1%\n"
     "2025: Up from 1.9% to 2.0%\nCapital gains tax: the lower rate rises to 18% from 10%, the higher to 24% from 20%",
     ["She confirms the earlier reported rise in the minimum wage",
      "A new National Wealth Fund will hold 70 billion pounds",
      "The changes to the GDP forecasts since March:", "2024: Up from 0.8% to 1.1%", "2025: Up from 1.9% to 2.0%",
      "Capital gains tax: the lower rate rises to 18% from 10%, the higher to 24% from 20%"]),
    # a speaker's turn in a transcript may wrap; a new speaker starts a new sentence
    ("ANCHOR: Police now say more than\n1,000 people were held\nREPORTER: That is right.",
     ["ANCHOR: Police now say more than\n1,000 people were held", "REPORTER: That is right."]),
]


@pytest.mark.parametrize(("text", "sentences"), LINES)
def test_line_breaks_end_sentences_only_where_a_reader_would(text, sentences):
    assert [text[s.start:s.end] for s in split_sentences(text)] == sentences


def test_the_wide_spaces_are_every_space_beyond_ascii():
    # the sentence splitter is given these as plain spaces where it would panic on them
    assert WIDE_SPACES == "".join(chr(c) for c in range(0x80, 0x110000) if chr(c).isspace())
