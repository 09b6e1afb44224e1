"""Reading a report: from a path, a folder or standard input, to article text with sentences.

Bytes are decoded by their byte-order mark, else as UTF-8 (stray bytes in otherwise UTF-8 text
are read as Windows-1252), else as Windows-1252 when they are valid in it and mostly ASCII (the
usual case of an English report saved by an old program, where detectors guess wrong on short
texts), else by charset detection (charset-normalizer). Binary files are refused. HTML pages
are reduced to their article text by trafilatura, which never fetches anything. Line endings are normalised to "\\n"; every offset factdesk reports
is an offset into this loaded text. Sentences come from sentencex, with offsets.

Where a report is from (title, outlet, date published, URL) is read where the report says it: an
HTML page's metadata (by trafilatura), a front matter at the top of a Markdown or text file
(`---` lines around `key: value` lines), or a plain text's first lines when they are such a
header. A front matter or header is not part of the loaded text: the engine never reads it.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
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
class ReportMeta:
    """Where a report is from, as far as it says: each field "" when unknown."""

    title: str = ""
    outlet: str = ""
    published: str = ""  # YYYY-MM-DD
    url: str = ""

    def or_else(self, other: ReportMeta | None) -> ReportMeta:
        """These fields, each missing one taken from `other`."""
        if other is None:
            return self
        return ReportMeta(*(mine or theirs for mine, theirs in zip(
            (self.title, self.outlet, self.published, self.url),
            (other.title, other.outlet, other.published, other.url))))

    def __bool__(self) -> bool:
        return bool(self.title or self.outlet or self.published or self.url)


NO_META = ReportMeta()
META_KEYS = ("title", "outlet", "published", "url")


@dataclass(frozen=True, slots=True)
class Report:
    """One report as loaded: `file` is the path as given; offsets are into `text`. `title` is
    the title to show (its metadata's, else its headline line, else the file's name); `meta` is
    what the report says of itself (see ReportMeta)."""

    file: str
    text: str
    sha256: str
    title: str
    sentences: Sentences
    kind: str = "text"  # text | markdown | html
    meta: ReportMeta = NO_META

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    @property
    def outlet(self) -> str:
        return self.meta.outlet

    @property
    def published(self) -> str:
        """The date the report was published, YYYY-MM-DD, or "" when unknown."""
        return self.meta.published

    @property
    def url(self) -> str:
        return self.meta.url

    def with_meta(self, defaults: ReportMeta | None) -> Report:
        """This report, each field of its metadata it lacks taken from `defaults` (what a gold
        file, or the person reviewing, knows of it)."""
        meta = self.meta.or_else(defaults)
        if meta == self.meta:
            return self
        title = self.title if self.meta.title or not meta.title else meta.title
        return replace(self, meta=meta, title=title)


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


def _decoded(name: str, data: bytes) -> tuple[str, str, str, str, ReportMeta]:
    """(text, sha256, title, kind, metadata) of a report's bytes."""
    digest = hashlib.sha256(data).hexdigest()
    if not data or data.isspace():  # (isspace stops at the first other byte; strip would copy)
        raise ReportError(f"{name}: the file is empty")
    raw = decode(data, name)
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    suffix = _suffix(name)
    if suffix in (".html", ".htm") or (suffix not in (".txt", ".md") and _looks_like_html(raw)):
        text, title, meta = _html_article(raw, name)
        kind = "html"
    else:
        kind = "markdown" if suffix in (".md", ".markdown") else "text"
        meta, body = read_header(raw)
        text = raw[body:] if body else raw
        title = meta.title or _first_line_title(text) or _file_name(name)
    if not text or text.isspace():
        raise ReportError(f"{name}: no text found")
    return text, digest, title, kind, meta


# Path(name) is slow beside a string test, and paid for every report: a report's name is read without one
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


def _report(name: str, text: str, digest: str, title: str, kind: str, meta: ReportMeta = NO_META) -> Report:
    return Report(name, text, digest, title, split_sentences(text), kind, meta)


# ---------------------------------------------------------------------------------------------
# Where a report is from: a front matter or a header of `key: value` lines at its top
# ---------------------------------------------------------------------------------------------

MAX_HEADER_LINES = 40  # a front matter longer than this is not looked for (its text is read)
MAX_META_TEXT = 500  # a title or outlet longer than this is cut, at a space
MAX_URL = 2000
_KEY_LINE = re.compile(r"([A-Za-z][\w -]{0,30}?)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
_FENCE = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
# the keys read, and the names people give them; other keys of a front matter are left alone
_META_NAMES = {"title": "title", "headline": "title", "outlet": "outlet", "publisher": "outlet",
               "source": "outlet", "site": "outlet", "sitename": "outlet", "site_name": "outlet",
               "published": "published", "date": "published", "url": "url", "link": "url"}
# a plain text's header takes fewer names, so that a first line "Source: police said ..." stays text
_HEADER_NAMES = ("title", "outlet", "published", "date", "url")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\x00-\x1f\x7f]+")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def read_header(text: str) -> tuple[ReportMeta, int]:
    """The metadata at the top of a text report, and where its text begins (0: no header).

    A front matter is a first line `---`, lines of `key: value` (other lines, as YAML lists or
    comments, are allowed and ignored) and a closing `---` or `...`. A header is one or more first
    lines `Title: ...`, `Outlet: ...`, `Published: ...` (or `Date:`), `URL: ...`, every one of
    those keys, followed by a blank line. Values are one line each, quoted or not."""
    fenced = text.startswith("---")
    if not fenced and text.find(":", 0, 40) < 0:  # (most reports: their first line has no key)
        return NO_META, 0
    head = text[:16384].split("\n", MAX_HEADER_LINES + 1)[:MAX_HEADER_LINES + 1]
    if fenced and _FENCE.fullmatch(head[0]):
        for n, line in enumerate(head[1:], 1):
            if _CLOSE.fullmatch(line):
                fields = [_key_value(item) for item in head[1:n]]
                if not any(f for f in fields):
                    return NO_META, 0
                return _meta(f for f in fields if f), _body_start(text, head, n + 1)
            if line and not line[0].isspace() and not line.startswith(("#", "- ")) and not _key_value(line):
                return NO_META, 0  # (a rule `---` above prose, not a front matter)
        return NO_META, 0
    fields = []
    for n, line in enumerate(head):
        if not line.strip():
            break
        field = _key_value(line)
        if field is None or field[0].lower() not in _HEADER_NAMES:
            return NO_META, 0
        fields.append(field)
    else:
        return NO_META, 0  # (no blank line after it)
    if not fields:
        return NO_META, 0
    return _meta(fields), _body_start(text, head, len(fields))


def _key_value(line: str) -> tuple[str, str] | None:
    m = _KEY_LINE.fullmatch(line)
    if m is None:
        return None
    return m.group(1).strip(), _unquoted(m.group(2) or "")


def _unquoted(value: str) -> str:
    """A one-line value as YAML reads it: in quotes, or plain up to a comment (` #`)."""
    if value[:1] in ("'", '"'):
        import yaml

        try:
            read = yaml.safe_load(value)  # (one quoted scalar: no anchors, tags or nesting to fear)
        except yaml.YAMLError:
            return value
        return read if isinstance(read, str) else value
    at = value.find(" #")
    return value[:at].rstrip() if at >= 0 else value


def _body_start(text: str, head: list[str], lines: int) -> int:
    """The offset of the first line after `lines` lines of `head`, past blank lines."""
    at = sum(len(line) + 1 for line in head[:lines])
    while at < len(text) and text[at] == "\n":
        at += 1
    return min(at, len(text))


def _meta(fields: Iterable[tuple[str, str]]) -> ReportMeta:
    found: dict[str, str] = {}
    for key, value in fields:
        name = _META_NAMES.get(key.lower().replace("-", "_"))
        if name is None or name in found:
            continue
        value = meta_value(name, value)
        if value:
            found[name] = value
    return ReportMeta(**found)


def meta_value(name: str, value: object) -> str:
    """A metadata value as factdesk keeps it, or "" when it is not one: text on one line (cut to
    MAX_META_TEXT characters); a date as YYYY-MM-DD (from an ISO date or time); a URL with a
    scheme and no spaces."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = " ".join(str(value).split())
    if name == "published":
        return normal_date(text)
    if name == "url":
        return text if len(text) <= MAX_URL and _URL.fullmatch(text) else ""
    if len(text) > MAX_META_TEXT:
        text = text[:MAX_META_TEXT].rsplit(" ", 1)[0] + "…"
    return text


def normal_date(text: str) -> str:
    """YYYY-MM-DD of an ISO date or date and time ("2024-09-09T08:15:00Z"), or ""."""
    m = _DATE.match(text.strip())
    if m is None:
        return ""
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return ""


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
    """The article text and title of an HTML page (menus, ads, scripts and forms dropped)."""
    text, title, _ = _html_article(html, name)
    return text, title


def _html_article(html: str, name: str) -> tuple[str, str, ReportMeta]:
    """The article text, title and metadata of an HTML page.

    trafilatura picks the article out of a page, but its work grows with the page's elements
    and their depth: a page beyond its budget (see fits_full_extractor; no news page is) is read
    by a plain linear pass instead (its title is its <title>; no other metadata is read)."""
    tree = _parsed_within_budget(html)
    if tree is None:
        text, title = _large_html_text(html, name)
        return text, title, ReportMeta(title=meta_value("title", title)) if title != Path(name).name else NO_META
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
    meta = _page_meta(tree)  # (extract worked on a copy of the tree)
    return text, meta.title or Path(name).name, meta


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


def _page_meta(tree) -> ReportMeta:  # noqa: ANN001 (an lxml HtmlElement)
    """The page's title, site name (else host name), date published and address, as
    trafilatura's extract_metadata finds them (meta tags, OpenGraph, JSON-LD, <title>, <h1>, the
    canonical link), nothing fetched. Its date search is htmldate's quick one (the page's markup
    and address, not dates found in its text: those are the events', and that search costs
    seconds on first use); the rest of extract_metadata (authors, tags, licence) is not needed."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url

    try:
        meta = examine_meta(tree)
        try:
            meta = extract_meta_json(tree, meta)
        except Exception:  # noqa: BLE001 (trafilatura guards this call the same way)
            pass
        title = meta.title or extract_title(tree) or ""
        url = meta_value("url", meta.url or extract_url(tree) or "")
        outlet = meta.sitename or extract_sitename(tree) or ""
        if not outlet and url:
            outlet = url.split("://", 1)[1].split("/", 1)[0].removeprefix("www.")
        return ReportMeta(meta_value("title", title), meta_value("outlet", outlet.lstrip("@")),
                          _page_date(tree, url), url)
    except Exception:  # noqa: BLE001 (no metadata is not a reason to skip the report)
        return NO_META


def _page_date(tree, url: str) -> str:  # noqa: ANN001 (an lxml HtmlElement)
    """The date the page says it was first published (meta tags, JSON-LD, <time>, its address)."""
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=False, original_date=True, url=url or None)
    except Exception:  # noqa: BLE001 (no date is not a reason to skip the report)
        return ""
    return normal_date(found or "")


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
    try:
        for element in root.xpath(_NOT_ARTICLE + "|//head|//nav|//header|//footer|//aside"):
            element.drop_tree()  # (keeps the text that follows it)
        for element in root.iter(*_BLOCKS):
            element.tail = "\n" + (element.tail or "")
    except ValueError:
        # text holding a control character ('\x1f', '&#x1b;'), which lxml reads but will not
        # write back into the tree: the tag-stripping pass reads such a page
        return _stripped_text(html, name), title
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
# 65,536-entry table that every start would pay for.)
_PANICS_SENTENCEX = re.compile(r"(?<=[^\W\d_])\s*[^\x00-\x7f\S]\s*(?=\.)")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a segment at the line breaks that always end a sentence (see _ends_a_line)."""
    spans = []
    block_start = line_start = start
    width = max(len(line) for line in text[start:end].split("\n"))
    while (newline := text.find("\n", line_start, end)) >= 0:
        next_end = text.find("\n", newline + 1, end)
        following = text[newline + 1:next_end if next_end >= 0 else end]
        if _ends_a_line(text[line_start:newline], following, width):
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


def _ends_a_line(line: str, following: str, width: int = 0) -> bool:
    if _ONE_LINE.match(line) or _NEW_PART.match(following) or not line.strip():
        return True  # table rows, list items, headings; a new speaker in a transcript
    stripped = line.rstrip()
    if stripped[-1:] in ".!?":
        return True
    # A line with no sentence end, followed by a capital or a figure, is a headline, a dateline or
    # an item of a list, when it is short or stops well before the width a wrapped text fills.
    keyed = _KEYED.match(following) is not None
    return (stripped[-1:] not in (",;-–(" if keyed else ",;:-–(") and (following[:1].isupper() or keyed)
            and (len(stripped) < 50 or len(stripped) < 0.8 * width))


_KEYED = re.compile(r"\d[\d,.]*\s*[:)–-]\s")  # "2024: Up from 0.8% to 1.1%"
# ("•" and "’" are kept out of the classes beside them: a class holding a character beyond U+00FF
# and more than two ranges compiles to a 65,536-entry table that every start would pay for.
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

