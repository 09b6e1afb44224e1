"""Reading a report: from a path, a folder or standard input, to article text with sentences.

Bytes are decoded as UTF-8 (or by their byte-order mark), else by charset detection
(charset-normalizer); HTML pages are reduced to their article text by trafilatura, which
never fetches anything. Line endings are normalised to "\\n"; every offset factdesk reports
is an offset into this loaded text. Sentences come from sentencex, with offsets.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sentencex import segment

from .errors import ReportError

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_SENTENCE = 600  # longer "sentences" (no full stops) are cut at spaces into pieces
STDIN_NAME = "-"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Report:
    """One report as loaded: `file` is the path as given; offsets are into `text`."""

    file: str
    text: str
    sha256: str
    title: str
    sentences: tuple[Sentence, ...]
    kind: str = "text"  # text | markdown | html

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A report that was not read, and why (shown as a warning; the others go on)."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: skipped: {self.reason}"


def load_report(path: str | Path, data: bytes | None = None) -> Report:
    """Load one report from `path` (or from `data`, its bytes, already read)."""
    name = str(path)
    if data is None:
        try:
            data = sys.stdin.buffer.read() if name == STDIN_NAME else Path(path).read_bytes()
        except OSError as exc:
            raise ReportError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    return report_from_bytes(name, data)


def report_from_bytes(name: str, data: bytes) -> Report:
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ReportError(f"{name}: the file is empty")
    raw = decode(data, name)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm") or (suffix not in (".txt", ".md") and _looks_like_html(raw)):
        text, title = html_article(raw, name)
        kind = "html"
    else:
        text = raw
        kind = "markdown" if suffix in (".md", ".markdown") else "text"
        title = _first_line_title(text) or Path(name).name
    if not text.strip():
        raise ReportError(f"{name}: no text found")
    return Report(name, text, digest, title, split_sentences(text), kind)


def decode(data: bytes, name: str = "<report>") -> str:
    """Bytes to text: a BOM decides, else UTF-8, else charset detection; binary is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if _looks_binary(data):
        raise ReportError(f"{name}: this is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ReportError(f"{name}: cannot tell the text encoding")
    return data.decode(best.encoding, errors="replace")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    magic = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF")
    return head.startswith(magic)


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def html_article(html: str, name: str) -> tuple[str, str]:
    """The article text and title of an HTML page (menus, ads, scripts and forms dropped)."""
    import trafilatura  # imported here: a plain-text run does not pay for it

    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, include_links=False,
        include_images=False, favor_recall=True, with_metadata=False,
    )
    if not text:
        raise ReportError(f"{name}: no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta is not None and meta.title else "") or Path(name).name
    return text, title


def _first_line_title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line and len(line) <= 120 and len(line.split()) >= 2:
            return line
        if line:
            return ""
    return ""


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences with offsets; very long runs without sentence ends are cut at spaces."""
    out: list[Sentence] = []
    pos = 0
    for piece in segment("en", text):
        start = text.find(piece, pos)
        if start < 0:  # the segmenter changed the text; fall back to where we are
            start = pos
        end = start + len(piece)
        pos = end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.extend(_cut(text, start, end))
    return tuple(out)


def _cut(text: str, start: int, end: int) -> Iterator[Sentence]:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        yield Sentence(start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield Sentence(start, end)


def expand_paths(paths: Iterable[str]) -> Iterator[str | Skipped]:
    """Report paths as given; a folder yields every report file inside it, sorted."""
    for given in paths:
        if given == STDIN_NAME:
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in REPORT_SUFFIXES and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    found = True
                    yield str(child)
            if not found:
                yield Skipped(given, "no .txt, .md or .html reports in this folder")
        elif path.is_file():
            yield given
        else:
            yield Skipped(given, "no such file or folder")


def iter_reports(paths: Iterable[str]) -> Iterator[Report | Skipped]:
    """Load reports one at a time (so a folder of thousands is never held at once)."""
    for item in expand_paths(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield load_report(item)
        except ReportError as exc:
            reason = str(exc)
            prefix = f"{item}: "
            yield Skipped(item, reason[len(prefix):] if reason.startswith(prefix) else reason)

