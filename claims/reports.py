"""Reading a report: from a path, a folder or standard input, to article text with sentences.

Bytes are decoded by their byte-order mark, else as UTF-8 (stray bytes in otherwise UTF-8 text
are read as Windows-1252), else as Windows-1252 when they are valid in it and mostly ASCII (the
usual case of an English report saved by an old program, where detectors guess wrong on short
texts), else by charset detection (charset-normalizer). Binary files are refused. HTML pages
are reduced to their article text by trafilatura, which never fetches anything. Line endings are normalised to "\\n"; every offset factdesk reports
is an offset into this loaded text. Sentences come from sentencex, with offsets.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sentencex import segment

from .errors import ReportError
from .inputs import Refused, TooLarge, read_file, read_stream

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_SENTENCE = 600  # longer "sentences" (no full stops) are cut at spaces into pieces
STDIN_NAME = "-"
MAX_REPORT_BYTES = 64 << 20  # a report larger than this is refused unread (--max-report-size)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


class Sentences(Sequence[Sentence]):
    """A report's sentences, kept as two arrays of offsets (a 100 MB report has millions of
    sentences: objects for each would cost far more than the text); read as Sentence values."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts, self._ends = array("q"), array("q")
        self.add(spans)

    def add(self, spans: Iterable[tuple[int, int]]) -> None:
        """Append sentences (only while the report is being read)."""
        for start, end in spans:
            self._starts.append(start)
            self._ends.append(end)

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 (an int or a slice, as for a tuple)
        if isinstance(index, slice):
            return tuple(Sentence(a, b) for a, b in zip(self._starts[index], self._ends[index]))
        return Sentence(self._starts[index], self._ends[index])

    @property
    def starts(self) -> array:
        """Every sentence's start, in order (for bisect)."""
        return self._starts

    @property
    def ends(self) -> array:
        """Every sentence's end (hot loops read offsets here rather than build Sentence values)."""
        return self._ends

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sentences) and self._starts == other._starts and self._ends == other._ends

    def __hash__(self) -> int:
        return hash((self._starts.tobytes(), self._ends.tobytes()))

    def __repr__(self) -> str:
        return f"Sentences({len(self)})"


@dataclass(frozen=True, slots=True)
class Report:
    """One report as loaded: `file` is the path as given; offsets are into `text`."""

    file: str
    text: str
    sha256: str
    title: str
    sentences: Sentences
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


def load_report(path: str | Path, data: bytes | None = None, max_bytes: int = MAX_REPORT_BYTES) -> Report:
    """Load one report from `path` (or from `data`, its bytes, already read); a report larger
    than `max_bytes` is refused without being read."""
    name = str(path)
    try:
        if data is None:
            data = _read_report(path, name, max_bytes)
        loaded = _decoded(name, data)
        del data  # a huge report's bytes need not outlive its text
        return _report(name, *loaded)
    except (MemoryError, RecursionError) as exc:
        raise ReportError(f"{name}: too large to read in the memory available ({type(exc).__name__})") from None


def _read_report(path: str | Path, name: str, max_bytes: int) -> bytes:
    try:
        if name == STDIN_NAME:
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                raise ReportError(f"{name}: standard input is not open")
            return read_stream(stream, max_bytes, _binary_head)
        # ("notes.txt/" reads notes.txt, as Path does)
        return read_file(str(Path(path)) if os.path.basename(name) in ("", ".") else name, max_bytes, _binary_head)
    except TooLarge as exc:
        raise ReportError(f"{name}: the report is {exc} (--max-report-size raises it)") from None
    except Refused as exc:
        raise ReportError(f"{name}: {exc}") from None


def report_from_bytes(name: str, data: bytes) -> Report:
    return _report(name, *_decoded(name, data))


def _decoded(name: str, data: bytes) -> tuple[str, str, str, str]:
    """(text, sha256, title, kind) of a report's bytes."""
    digest = hashlib.sha256(data).hexdigest()
    if not data or data.isspace():  # (isspace stops at the first other byte; strip would copy)
        raise ReportError(f"{name}: the file is empty")
    raw = decode(data, name)
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    suffix = _suffix(name)
    if suffix in (".html", ".htm") or (suffix not in (".txt", ".md") and _looks_like_html(raw)):
        text, title = html_article(raw, name)
        kind = "html"
    else:
        text = raw
        kind = "markdown" if suffix in (".md", ".markdown") else "text"
        title = _first_line_title(text) or _file_name(name)
    if not text or text.isspace():
        raise ReportError(f"{name}: no text found")
    return text, digest, title, kind


# Path(name) costs ~27k instructions, paid for every report: a report's name is read without one
# when Path would take it as it stands (all but names ending in a separator or "/.")


def _file_name(name: str) -> str:
    """Path(name).name."""
    base = os.path.basename(name)
    return base if base not in ("", ".") else Path(name).name


def _suffix(name: str) -> str:
    """Path(name).suffix.lower()."""
    base = _file_name(name)
    dot = base.rfind(".")
    return base[dot:].lower() if 0 < dot < len(base) - 1 else ""


def _report(name: str, text: str, digest: str, title: str, kind: str) -> Report:
    return Report(name, text, digest, title, split_sentences(text), kind)


_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_SAMPLE = 1_000_000  # the encoding is judged on the first megabyte
_STRAY = re.compile("[\udc80-\udcff]+")


def decode(data: bytes, name: str = "<report>") -> str:
    """Bytes to text: a BOM decides, else UTF-8, else Windows-1252 for mostly-ASCII text valid
    in it, else charset detection. Binary is refused (ReportError)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if _looks_binary(data):
        codec = _utf16_without_bom(data)
        if codec is None:
            raise ReportError(f"{name}: this is a binary file, not text")
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE]
    mixed = sample.decode("utf-8", errors="surrogateescape")
    stray = sum(len(m) for m in _STRAY.findall(mixed))
    if len(mixed) - len(mixed.encode("ascii", errors="ignore")) - stray > stray:
        # UTF-8 with a few bytes from elsewhere (a pasted quote mark, say): keep the UTF-8 and
        # read each stray byte as Windows-1252.
        return _STRAY.sub(_cp1252_bytes, data.decode("utf-8", errors="surrogateescape"))
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    if high <= len(sample) * 0.3 or high < 16:  # mostly ASCII (or too short to judge otherwise)
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass  # bytes Windows-1252 leaves undefined: some other code page
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    try:
        best = from_bytes(sample).best()
    except Exception:  # noqa: BLE001 (a detector failure is "cannot tell", not a crash)
        best = None
    if best is None or best.encoding is None:
        raise ReportError(f"{name}: cannot tell the text encoding")
    return data.decode(best.encoding, errors="replace")


def _cp1252_bytes(m: re.Match[str]) -> str:
    return m.group(0).encode("utf-8", errors="surrogateescape").decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: every other byte of ASCII text is NUL."""
    codec = _utf16_head(data[:8192])
    if codec is None or len(data) % 2:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    controls = sum(ch < " " and ch not in "\t\n\r\f" for ch in text[:4096])
    return codec if controls == 0 else None


def _utf16_head(head: bytes) -> str | None:
    """The UTF-16 codec `head` looks written in (no byte-order mark), or None."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for codec, zeros, letters in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and 0 not in letters:
            return codec
    return None


def _binary_head(head: bytes) -> str | None:
    """Why a report is refused from its first block alone (a 2 GB file of zeros is not read
    to find it binary), or None."""
    if head.startswith(tuple(bom for bom, _ in _BOMS)) or not _looks_binary(head):
        return None
    return None if _utf16_head(head) else "this is a binary file, not text"


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    magic = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"RIFF",
             b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"II*\x00", b"MM\x00*")
    return head.startswith(magic)


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def html_article(html: str, name: str) -> tuple[str, str]:
    """The article text and title of an HTML page (menus, ads, scripts and forms dropped).

    trafilatura picks the article out of a page, but its work grows with the page's elements
    and their depth: a page beyond its budget (see fits_full_extractor; no news page is) is read
    by a plain linear pass instead."""
    tree = _parsed_within_budget(html)
    if tree is None:
        return _large_html_text(html, name)
    import trafilatura  # imported here: a plain-text run does not pay for it

    try:
        text = trafilatura.extract(
            tree, include_comments=False, include_tables=True, include_links=False,
            include_images=False, favor_recall=True, with_metadata=False, prune_xpath=_NOT_ARTICLE,
        )
    except Exception as exc:  # noqa: BLE001 (a page the parser chokes on is skipped, not fatal)
        raise ReportError(f"{name}: cannot read the HTML page ({type(exc).__name__})") from exc
    if not text:
        raise ReportError(f"{name}: no article text found in the HTML page")
    return text, _page_title(tree) or Path(name).name  # (extract worked on a copy of the tree)


LARGE_HTML = 4_000_000  # characters; trafilatura takes ~3 s at 2 MB and ~30 s at 9 MB
MAX_HTML_ELEMENTS = 20_000  # trafilatura takes ~0.15 ms an element, more when deep
MAX_HTML_DEPTH = 100  # news pages nest 20-50 deep; the HTML parser stops reading at 256


def fits_full_extractor(html: str) -> bool:
    """Whether trafilatura reads this page: at most LARGE_HTML characters, MAX_HTML_ELEMENTS
    elements, nested at most MAX_HTML_DEPTH deep."""
    return _parsed_within_budget(html) is not None


def _parsed_within_budget(html: str):  # noqa: ANN202 (an lxml HtmlElement, or None)
    """The page as trafilatura parses it, or None when it is beyond the full extractor's budget
    or the parser gives no tree (then the linear pass reads it, or says why not)."""
    if len(html) > LARGE_HTML:
        return None
    from lxml import etree
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception:  # noqa: BLE001 (the linear pass gives the reason)
        return None
    if tree is None:
        return None
    depth = elements = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        elements += 1
        if depth > MAX_HTML_DEPTH or elements > MAX_HTML_ELEMENTS:
            return None
    return tree


def _page_title(tree) -> str:  # noqa: ANN001 (an lxml HtmlElement)
    """The page's title as trafilatura's metadata finds it (meta tags, JSON-LD, <title>, <h1>),
    without the rest of extract_metadata: its date search alone costs seconds on first use."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    try:
        meta = examine_meta(tree)
        try:
            meta = extract_meta_json(tree, meta)
        except Exception:  # noqa: BLE001 (trafilatura guards this call the same way)
            pass
        return " ".join((meta.title or extract_title(tree) or "").split())
    except Exception:  # noqa: BLE001 (no title is not a reason to skip the report)
        return ""


_BLOCKS = ("p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
           "br", "section", "article", "dd", "dt", "figcaption", "caption")


def _large_html_text(html: str, name: str) -> tuple[str, str]:
    """The text of a page beyond the full extractor's budget, in time linear in its size: everything that is never
    article text (and navigation, headers, footers) dropped, one line per block."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.LxmlError, ValueError) as exc:
        raise ReportError(f"{name}: cannot read the HTML page ({type(exc).__name__})") from exc
    title = " ".join((root.findtext(".//title") or "").split()) or Path(name).name
    if _deeper_than(root, PARSER_DEPTH):  # the parser stopped reading at its depth limit
        return _stripped_text(html, name), title
    for element in root.xpath(_NOT_ARTICLE + "|//head|//nav|//header|//footer|//aside"):
        element.drop_tree()  # (keeps the text that follows it)
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    text = "\n".join(line for line in lines if line)
    if not text:
        raise ReportError(f"{name}: no article text found in the HTML page")
    return text, title


PARSER_DEPTH = 2000  # libxml2 stops at 2048 elements deep (at 256 without huge_tree)


def _deeper_than(root, limit: int) -> bool:  # noqa: ANN001 (an lxml element)
    from lxml import etree

    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > limit:
            return True
    return False


def _stripped_text(html: str, name: str) -> str:
    """The text of a page nested too deep for any HTML parser: what is never article text cut
    out, a line break for each block tag, other tags dropped; one pass, with no parser."""
    import html as entities

    kept, at = [], 0
    while (opening := _UNWANTED_OPEN.search(html, at)) is not None:
        kept.append(html[at:opening.start()])
        closing = re.compile(f"</{opening.group(1)}[^<>]*>", re.IGNORECASE).search(html, opening.end())
        at = closing.end() if closing else len(html)
    kept.append(html[at:])
    body = _BLOCK_TAG.sub("\n", "".join(kept))
    text = entities.unescape(_ANY_TAG.sub("", body))
    lines = (" ".join(line.split()) for line in text.splitlines())
    text = "\n".join(line for line in lines if line)
    if not text:
        raise ReportError(f"{name}: no article text found in the HTML page")
    return text


_UNWANTED_OPEN = re.compile(r"<(script|style|noscript|template|head|nav|header|footer|aside|svg|math)\b",
                            re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:%s)\b[^<>]*>" % "|".join(
    ("p", "div", "li", "tr", "td", "th", "h[1-6]", "pre", "blockquote", "br", "section", "article", "dd",
     "dt", "figcaption", "caption")), re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*>")  # (not [^>]: a run of "<" with no ">" would be quadratic)


# Never article text, even when trafilatura falls back to a page's whole body.
_NOT_ARTICLE = "|".join(f"//{tag}" for tag in (
    "script", "style", "noscript", "template", "form", "button", "input", "select", "textarea",
    "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas",
))


def _first_line_title(text: str) -> str:
    """The first line that is not blank, if it reads as a title (a short line of words).

    Only that line matters: it is looked for in the head of the text, a longer head each time,
    as splitting a whole report into lines costs more than all the rest of finding its title."""
    size = 256
    while True:
        lines = text[:size].splitlines()
        if size < len(text):
            lines.pop()  # (perhaps cut short)
        title = _title_line(lines)
        if title is not None or size >= len(text):
            return title or ""
        size *= 8


def _title_line(lines: list[str]) -> str | None:
    """The first of `lines` that is not blank, if it reads as a title; "" if it does not; None
    if all are blank."""
    for line in lines:
        line = line.strip().lstrip("#").strip()
        if line and len(line) <= 120 and len(line.split()) >= 2:
            return line
        if line:
            return ""
    return None


def split_sentences(text: str) -> Sentences:
    """Sentences with offsets; very long runs without sentence ends are cut at spaces.

    Lines wrapped inside a sentence (text copied from a PDF) stay one sentence; a table row, a
    list item, a heading or a short headline line is a sentence of its own.
    """
    out = Sentences()
    for chunk_start, chunk_end in _chunks(text):
        _segment(text, chunk_start, chunk_end, out)
    return out


CHUNK = 1 << 20  # the segmenter reads a huge report a piece at a time, so memory stays bounded


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of about CHUNK characters that end where a sentence cannot continue: at a blank
    line if there is one, else after a full stop, else at a space."""
    start = 0
    while len(text) - start > CHUNK:
        limit = start + CHUNK
        cut = text.rfind("\n\n", start + CHUNK // 2, limit)
        if cut < 0:
            cut = text.rfind(". ", start + CHUNK // 2, limit) + 1
        if cut <= 0:
            cut = text.rfind(" ", start + CHUNK // 2, limit)
        if cut <= start:
            cut = limit
        yield start, cut
        start = cut
    yield start, len(text)


def _segment(text: str, begin: int, finish: int, out: Sentences) -> None:
    # (a hot loop: offsets go straight onto the arrays, and pieces are trimmed by str.strip,
    # which trims what str.isspace calls space, in C)
    add_start, add_end = out.starts.append, out.ends.append
    chunk = read = text[begin:finish]
    # (`in` finds one character by memchr, far quicker than a regex's class tried at every one)
    if not chunk.isascii() and any(space in chunk for space in WIDE_SPACES):
        # sentencex 1.0.32 panics (a Rust panic, which ends the whole run) on a letter, spaces of
        # which one is beyond ASCII, and a full stop: "Plan B\xa0.". Those spaces are given to it
        # as plain ones, one character for one, so the offsets still hold.
        read = _PANICS_SENTENCEX.sub(lambda m: m.group().translate(_AS_PLAIN_SPACE), chunk)
    pieces = segment("en", read)
    # as they should, the pieces tile the text: then each begins where the last ended
    tiled = "".join(pieces) == read
    pos = begin
    for piece in pieces:
        start = pos if tiled else text.find(piece, pos, finish)
        if start < 0:  # the segmenter changed the text; fall back to where we are
            start = pos
        end = pos = start + len(piece)
        trimmed = (piece if tiled and read is chunk else text[start:end]).rstrip()
        if not trimmed:
            continue
        end = start + len(trimmed)
        trimmed = trimmed.lstrip()
        start = end - len(trimmed)
        if "\n" in trimmed:
            for line_start, line_end in _lines(text, start, end):
                out.add(_cut(text, line_start, line_end))
        elif end - start <= MAX_SENTENCE:
            add_start(start)
            add_end(end)
        else:
            out.add(_cut(text, start, end))


WIDE_SPACES = (  # every space beyond ASCII
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_AS_PLAIN_SPACE = str.maketrans(WIDE_SPACES, " " * len(WIDE_SPACES))
# ([^\x00-\x7f\S] is a space beyond ASCII, one of WIDE_SPACES: a class listing them compiles to a
# 65,536-entry table, ~1.3M instructions more at every start.)
_PANICS_SENTENCEX = re.compile(r"(?<=[^\W\d_])\s*[^\x00-\x7f\S]\s*(?=\.)")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a segment at the line breaks that always end a sentence (see _ends_a_line)."""
    spans = []
    block_start = line_start = start
    while (newline := text.find("\n", line_start, end)) >= 0:
        next_end = text.find("\n", newline + 1, end)
        following = text[newline + 1:next_end if next_end >= 0 else end]
        if _ends_a_line(text[line_start:newline], following):
            spans.append((block_start, newline))
            block_start = newline + 1
        line_start = newline + 1
    spans.append((block_start, end))
    out = []
    for lo, hi in spans:  # without the blank edges a break may leave
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            out.append((lo, hi))
    return out


def _ends_a_line(line: str, following: str) -> bool:
    if _ONE_LINE.match(line) or _NEW_PART.match(following) or not line.strip():
        return True  # table rows, list items, headings; a new speaker in a transcript
    stripped = line.rstrip()
    if stripped[-1:] in ".!?":
        return True
    # A short line with no sentence end, followed by a capital, is a headline or a dateline.
    return len(stripped) < 50 and stripped[-1:] not in ",;:-–(" and following[:1].isupper()


# ("•" and "’" are kept out of the classes beside them: a class holding a character beyond U+00FF
# and more than two ranges compiles to a 65,536-entry table, ~1.5M instructions at every start.
# The atomic group keeps the parser from merging "’" back into the class; it matches the same.)
_ONE_LINE = re.compile(r"\s*(?:\||#{1,6}\s|[-*+]\s|•\s|\d{1,3}[.)]\s)")
_NEW_PART = re.compile(r"\s*(?:\||#{1,6}\s|[-*+]\s|•\s|\d{1,3}[.)]\s|[A-Z](?:[A-Z .'-]|(?>’)){1,30}:\s)")


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


MAX_FOLDER_DEPTH = 32  # folders inside a folder given; deeper ones are skipped with a warning


def expand_paths(paths: Iterable[str]) -> Iterator[str | Skipped]:
    """Report paths as given; a folder yields every report file inside it, sorted, and a
    Skipped for each folder inside it that cannot be read or lies too deep."""
    for given in paths:
        if given == STDIN_NAME:
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            found = False
            for child in _entries(str(path)):
                if isinstance(child, Skipped):
                    found = found or child.file == str(path)  # (one warning for the folder itself)
                    yield child
                    continue
                if os.path.splitext(child.name)[1].lower() not in REPORT_SUFFIXES:
                    continue
                if child.is_file():
                    found = True
                    yield child.path
                elif not child.is_dir():
                    found = True
                    yield Skipped(child.path, _not_a_file(Path(child.path)))
            if not found:
                yield Skipped(given, "no .txt, .md or .html reports in this folder")
        elif path.is_file():
            yield given
        else:
            yield Skipped(given, _not_a_file(path))


def _entries(folder: str) -> Iterator[os.DirEntry[str] | Skipped]:
    """Everything below `folder` but hidden entries, sorted part by part ("a/b" before "a.txt"),
    without going into links to folders (as Path.rglob does, at a third of its cost: os.scandir
    gives each entry's type without another stat). A folder that cannot be read, or lies more
    than MAX_FOLDER_DEPTH below `folder`, is a Skipped. Walked with a stack, not by recursion,
    so no depth of folders can exhaust Python's."""
    stack = [iter(_listing(folder))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        yield entry
        if isinstance(entry, Skipped):
            continue
        try:
            inside = entry.is_dir(follow_symlinks=False)
        except OSError:
            inside = False
        if inside and len(stack) > MAX_FOLDER_DEPTH:
            yield Skipped(entry.path, f"folder nested more than {MAX_FOLDER_DEPTH} deep; not read")
        elif inside:
            stack.append(iter(_listing(entry.path)))


def _listing(folder: str) -> list[os.DirEntry[str] | Skipped]:
    try:
        with os.scandir(folder) as listing:
            return sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        return [Skipped(folder, f"cannot read this folder: {exc.strerror or exc}")]


def _not_a_file(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "a link to nothing (its target does not exist)"
    if path.exists():
        return "not a regular file (a device, a pipe or a socket)"
    return "no such file or folder"


def iter_reports(paths: Iterable[str], max_bytes: int = MAX_REPORT_BYTES) -> Iterator[Report | Skipped]:
    """Load reports one at a time (so a folder of thousands is never held at once)."""
    for item in expand_paths(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield load_report(item, max_bytes=max_bytes)
        except ReportError as exc:
            reason = str(exc)
            prefix = f"{item}: "
            yield Skipped(item, reason[len(prefix):] if reason.startswith(prefix) else reason)

