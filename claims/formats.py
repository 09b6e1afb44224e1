"""The verdicts file (format version 1) in and out, written atomically; the gold reader."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import json
import math
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import datetime, timezone
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import yaml

from .errors import Problem, VerdictsError
from .inputs import Refused, TooLarge, read_file
from .reports import META_KEYS, ReportMeta, meta_value
from .verdicts import RELATIONS, ClaimVerdict, Evidence, ReportVerdicts, Verdict, Verdicts

FORMAT_VERSION = 1
MAX_VERDICTS_BYTES = 200_000_000
_VERDICT_VALUES = ", ".join(v.value for v in Verdict)


# ---------------------------------------------------------------------------------------------
# Out
# ---------------------------------------------------------------------------------------------


def _number(x: float | None) -> float | int | None:
    """A bound or score as written: whole numbers without '.0', and to 12 significant digits, so
    that 'some 800' (800 + 10%) reads 880, not 880.0000000000001, in a file people diff."""
    if x is None or (isinstance(x, float) and math.isinf(x)):
        return None
    if not float(x).is_integer():
        x = float(f"{x:.12g}")
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else x


def verdicts_to_data(verdicts: Verdicts) -> dict:
    """Plain data in the documented key order (what YAML and JSON output share)."""
    return {**_head(verdicts.rules, verdicts.generated, verdicts.version),
            "reports": [report_to_data(r) for r in verdicts.reports]}


def _head(rules: str, generated: str, version: int = FORMAT_VERSION) -> dict:
    return {"version": version, "rules": rules, "generated": generated}


def report_to_data(report: ReportVerdicts) -> dict:
    claims = []
    for c in report.claims:
        item = {
            "id": c.id,
            "verdict": c.verdict.value,
            "auto": c.auto.value,
            "reviewed": c.reviewed,
            "evidence": [
                {
                    "quote": e.quote,
                    "start": e.start,
                    "end": e.end,
                    "figure": e.figure,
                    "low": _number(e.low),
                    "high": _number(e.high),
                    "score": _number(e.score),
                    **({"relation": e.relation} if e.relation else {}),
                }
                for e in c.evidence
            ],
        }
        if c.evidence_total > len(c.evidence):
            item["evidence_total"] = c.evidence_total
        item["note"] = c.note
        if c.reviewed_at:
            item["reviewed_at"] = c.reviewed_at
        if c.reviewer:
            item["reviewer"] = c.reviewer
        claims.append(item)
    out = {"file": report.file, "sha256": report.sha256}
    for key, value in _meta_items(report):
        out[key] = value
    out["claims"] = claims
    return out


def _meta_items(report: ReportVerdicts) -> list[tuple[str, str]]:
    """The optional report fields that are known, in the documented order."""
    return [(key, value) for key in META_KEYS if (value := getattr(report, key))]


# A verdicts file written piece by piece, one report at a time (so that a run over thousands
# of reports need not hold them): the pieces put together are exactly dump_yaml / dump_json.

def yaml_head(rules: str, generated: str) -> str:
    return safe_yaml(_head(rules, generated)) + "reports:\n"


def yaml_report(report: ReportVerdicts) -> str:
    return _plain_yaml_report(report) or safe_yaml([report_to_data(report)])


# Most reports' values are one-line text, numbers and the verdict words: such a report is
# written here directly, exactly as PyYAML would write it (safe_yaml) but far faster, as PyYAML's
# representer and resolver walk every value in Python. A report holding a value PyYAML would
# escape (in double quotes) is left to PyYAML.

_WIDTH = 100  # as safe_yaml's
_STR_TAG = "tag:yaml.org,2002:str"
_resolve = yaml.resolver.Resolver().resolve
# Characters PyYAML (and libyaml) escape or would not print (controls, surrogates, U+FEFF,
# U+FFFE/F, beyond the BMP), or take for line breaks (U+2028/9), and bidi marks (see
# safe_yaml): a string holding one is left to PyYAML. (Listed, not their complement: a class
# of the wide ranges allowed is slow to compile.) Compiled on first use: only YAML output needs
# it, and its 65,536-entry table would cost every start.
@functools.cache
def _special() -> re.Pattern[str]:
    return re.compile(
        r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff"
        r"\U00010000-\U0010ffff]"
    )


# What else keeps a string from being written plain (it is written in single quotes), as
# libyaml analyses it: an indicator at its start (this pattern), ': ' or ' #' within, ':' or
# a space at its end.
_LEADING_INDICATOR = re.compile(r"""[#,\[\]{}&*!|>'"%@`]|[?:-](?: |\Z)|---|\.\.\.| """)
_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


@functools.lru_cache(maxsize=1024)
def _claim_head(id_: str, verdict: Verdict, auto: Verdict, reviewed: bool) -> str | None:
    """A claim's first lines, up to its evidence (cached: every report repeats them)."""
    values = (_scalar(id_, 8, 6), _scalar(verdict.value, 13, 6), _scalar(auto.value, 10, 6))
    if None in values:
        return None
    return "  - id: {}\n    verdict: {}\n    auto: {}\n".format(*values) + (
        f"    reviewed: {'true' if reviewed else 'false'}\n")


@functools.lru_cache(maxsize=1024)
def _word(value: str, column: int, indent: int) -> str | None:
    """_scalar for a short value many reports repeat, such as a claim's note (cached)."""
    return _scalar(value, column, indent)


def _scalar(value: str, column: int, indent: int) -> str | None:
    """`value` as PyYAML writes it, starting at `column`, when that is plain or in single
    quotes; None when it would escape something (then PyYAML is left to write it)."""
    if not (value.isascii() and value.isprintable()) and _special().search(value):
        return None  # (printable ASCII holds none: the quick test spares most strings the scan)
    if (value and not _LEADING_INDICATOR.match(value) and ": " not in value and " #" not in value
            and value[-1] not in ": " and _resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG):
        return _folded(value, column, indent)
    return "'" + _folded(value.replace("'", "''"), column + 1, indent) + "'"


def _folded(text: str, column: int, indent: int) -> str:
    """`text` written from `column` as PyYAML does: once past the width, the line is broken at
    the next lone space (not one of a run, nor at either end), and goes on at `indent`."""
    if column + len(text) <= _WIDTH:
        return text
    lines = []
    start = 0  # where the line being written begins in `text`
    at = _WIDTH - column + 1  # the first place past the width
    while (at := text.find(" ", at)) >= 0:
        if text[at - 1] == " " or text[at + 1:at + 2] in (" ", ""):
            at += 1
            continue
        lines.append(text[start:at])
        start = at + 1
        at = start + _WIDTH - indent + 1
    lines.append(text[start:])
    return ("\n" + " " * indent).join(lines)


def _plain_number(x: float | None) -> str | None:
    """A number as PyYAML writes it (None for a float it would write in exponent form)."""
    x = _number(x)
    if x is None:
        return "null"
    if isinstance(x, int):
        return str(x)
    text = repr(x)
    return text if _DECIMAL.fullmatch(text) else None


def _plain_yaml_report(report: ReportVerdicts) -> str | None:
    """yaml_report's text when every value of the report is written plain or in single quotes,
    else None."""
    file = _scalar(report.file, 8, 4)
    sha = _scalar(report.sha256, 10, 4)
    if file is None or sha is None or not report.claims:
        return None
    out = [f"- file: {file}\n  sha256: {sha}\n"]
    for key, value in _meta_items(report):
        if (text := _scalar(value, len(key) + 4, 4)) is None:
            return None
        out.append(f"  {key}: {text}\n")
    out.append("  claims:\n")
    for c in report.claims:
        head = _claim_head(c.id, c.verdict, c.auto, c.reviewed)
        note = _word(c.note, 10, 6)
        if head is None or note is None:
            return None
        out.append(head)
        out.append("    evidence:\n" if c.evidence else "    evidence: []\n")
        for e in c.evidence:
            quote = _scalar(e.quote, 13, 8)
            figure = _scalar(e.figure, 14, 8)
            low, high, score = _plain_number(e.low), _plain_number(e.high), _plain_number(e.score)
            if quote is None or figure is None or low is None or high is None or score is None:
                return None
            out.append(f"    - quote: {quote}\n      start: {e.start}\n      end: {e.end}\n"
                       f"      figure: {figure}\n      low: {low}\n      high: {high}\n      score: {score}\n")
            if e.relation:
                out.append(f"      relation: {e.relation}\n")
        if c.evidence_total > len(c.evidence):
            out.append(f"    evidence_total: {c.evidence_total}\n")
        out.append(f"    note: {note}\n")
        for key, value in (("reviewed_at", c.reviewed_at), ("reviewer", c.reviewer)):
            if value:
                if (text := _scalar(value, len(key) + 6, 6)) is None:
                    return None
                out.append(f"    {key}: {text}\n")
    return "".join(out)


def json_head(rules: str, generated: str) -> str:
    return safe_json(json.dumps(_head(rules, generated), ensure_ascii=False, indent=2)[:-2]) + ',\n  "reports": ['


def json_report(report: ReportVerdicts) -> str:
    """One report, indented as an item of the reports list (join items with ',')."""
    text = json.dumps(report_to_data(report), ensure_ascii=False, indent=2)
    # split at "\n" only: str.splitlines would also split inside strings (U+2028, U+0085 ...)
    return safe_json("\n    " + text.replace("\n", "\n    "))


JSON_TAIL = "\n  ]\n}\n"


def dump_yaml(verdicts: Verdicts) -> str:
    if not verdicts.reports:  # `reports: []`, not an empty value (null), which reads back as no list
        return safe_yaml(verdicts_to_data(verdicts))
    return yaml_head(verdicts.rules, verdicts.generated) + "".join(yaml_report(r) for r in verdicts.reports)


def safe_yaml(data: object) -> str:
    """YAML for people (UTF-8, documented key order) that is also safe to print: PyYAML already
    escapes control characters; a value holding a bidi override or mark is written in double
    quotes with escapes too, so it cannot reorder what a terminal shows."""
    dumper = _SafeDumper if _python_only().search(json.dumps(data, ensure_ascii=False)) else _FAST_DUMPER
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


class _SafeDumper(yaml.SafeDumper):
    def analyze_scalar(self, scalar: str):  # noqa: ANN201 (PyYAML's ScalarAnalysis)
        analysis = super().analyze_scalar(scalar)
        # (NEL and the Unicode line and paragraph separators are line breaks to a YAML reader:
        # written in single quotes they would read back as spaces)
        if _bidi().search(scalar) or "\x85" in scalar or "\u2028" in scalar or "\u2029" in scalar:
            analysis.allow_flow_plain = analysis.allow_block_plain = False
            analysis.allow_single_quoted = analysis.allow_block = False
        return analysis

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        if not _bidi().search(text):
            return super().write_double_quoted(text, split)
        self.allow_unicode = False  # every non-ASCII character as an escape, for this value only
        try:
            return super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = True


@functools.cache  # compiled on first use: only YAML output needs it
def _bidi() -> re.Pattern[str]:
    return re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@functools.cache
def _python_only() -> re.Pattern[str]:
    """What only the pure-Python dumper writes: bidi marks (see above) and lone surrogates (a file
    name not in UTF-8, as os.fsdecode gives it), which libyaml cannot encode and PyYAML escapes."""
    return re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# libyaml's dumper (about ten times faster) when PyYAML was built with it; it escapes control
# characters as the pure-Python one does, but cannot be taught the bidi rule above.
_FAST_DUMPER = getattr(yaml, "CSafeDumper", _SafeDumper)


def dump_json(verdicts: Verdicts) -> str:
    """JSON (UTF-8 text). Characters a terminal may obey (C1 controls, bidi overrides) are written
    as \\u escapes, as JSON already writes the C0 ones: the same data, safe to print."""
    if not verdicts.reports:
        return safe_json(json.dumps(verdicts_to_data(verdicts), ensure_ascii=False, indent=2) + "\n")
    head = json_head(verdicts.rules, verdicts.generated)
    return head + ",".join(json_report(r) for r in verdicts.reports) + JSON_TAIL


def safe_json(text: str) -> str:
    """JSON text with C1 controls and bidi marks written as \\u escapes (they can only occur
    inside strings, so the data is unchanged); json.dumps already escapes the C0 controls."""
    return _json_unsafe().sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


@functools.cache  # compiled on first use: only JSON output needs it
def _json_unsafe() -> re.Pattern[str]:
    return re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def now() -> str:
    """The current time as the verdicts file writes it: ISO 8601, UTC, seconds."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def file_stamp(path: str | Path) -> tuple[int, int, int] | None:
    """(modification time, size, inode) of a file, or None if it does not exist: taken when a file
    is read and compared before it is overwritten, so someone else's save is never lost silently
    (a save renames a new file into place, so the inode tells even when time and size agree)."""
    try:
        st = Path(path).stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not stat.S_ISREG(st.st_mode):  # a device or FIFO: its times say nothing of our data
        return 0, -1, st.st_ino
    return st.st_mtime_ns, st.st_size, st.st_ino


def not_a_file(path: str | Path) -> str | None:
    """What `path` is when it exists and is not a regular file ('a FIFO', 'a character device'
    ...), else None. Links are followed."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


def writes_through(path: str | Path) -> bool:
    """Is `path` a character device or a FIFO, which a save writes into (never renames over)?"""
    return not_a_file(path) in ("a character device", "a FIFO")


def write_atomic(path: str | Path, text: str, *, backup: bool = True) -> None:
    """Write `text` so the file is always either its old or its new complete version.

    A temporary file in the same folder is written, fsynced, then renamed over the target; the
    previous version is kept as `<name>.bak` (itself replaced the same way). The new file keeps
    the old one's permissions (a new file gets the usual ones, not a temporary file's 0600). A
    link is followed: its target is replaced, the link kept. On any failure (a read-only folder,
    a full disk) OSError is raised, the target is untouched and no temporary file is left.

    A character device or FIFO (`/dev/null`, a pipe) is written through: opened and written,
    never renamed over and never given a `.bak`. Any other target that is not a regular file (a
    folder, a socket, a block device) is refused with OSError.
    """
    path = Path(path)
    kind = not_a_file(path)
    if kind is not None:
        if not writes_through(path):
            raise OSError(errno.EINVAL, f"{kind}, not a file a verdicts file can be written to", str(path))
        write_through(path, text)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    data = text.encode("utf-8")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    bak = path.with_name(path.name + ".bak")
    if backup and mode is not None and not_a_file(bak) is None:
        _replace_with(bak, path.read_bytes(), folder, mode)
    _replace_with(path, data, folder, mode)


def write_through(path: Path, text: str) -> None:
    """Write into a character device or FIFO as it is. A FIFO that no process reads is refused
    (OSError), not waited on for ever; a target that turns out to be a regular file once opened
    (replaced meanwhile) is left untouched (OSError)."""
    flags = os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "a FIFO that no process is reading", str(path)) from None
        raise
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EAGAIN, "replaced by a regular file while opening it; not written", str(path))
        os.set_blocking(fd, True)
        view = memoryview(text.encode("utf-8"))
        while view:
            written = os.write(fd, view[:1 << 20])
            if written <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            view = view[written:]
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock for writing `path` (a regular file): `.<name>.lock` beside it, so
    that two factdesk processes saving the same file take turns between their changed-on-disk
    test and their rename. The lock file is removed on release. OSError when the folder refuses."""
    path = Path(os.path.realpath(path))
    lock = path.with_name(f".{path.name}.lock")
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.stat(lock).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:  # its holder removed it as we waited: lock the next one
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        try:
            os.unlink(lock)  # before the unlock, so a waiter finds it gone and takes a new one
        except OSError:
            pass
        os.close(fd)


def _replace_with(path: Path, data: bytes, folder: Path, mode: int | None) -> None:
    fd, tmp = _temp_file(path, folder)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view[:1 << 20])
                if written <= 0:  # a device that takes nothing would loop for ever
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
                view = view[written:]
            if mode is not None:
                try:
                    os.fchmod(fd, mode)
                except OSError:  # a file system without permissions: keep its default
                    pass
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)  # the rename itself survives a power cut
    except OSError:
        pass
    try:
        os.close(dir_fd)
    except OSError:  # the file is saved; a folder handle that will not close changes nothing
        pass


def _temp_file(path: Path, folder: Path) -> tuple[int, str]:
    """A new hidden file beside `path`, created with the usual permissions (0666 less umask)."""
    for _ in range(100):
        tmp = os.path.join(folder, f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "cannot create a temporary file", str(folder))


# ---------------------------------------------------------------------------------------------
# In
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldPair:
    file: str  # resolved path of the report
    claim: str
    verdict: Verdict
    quotes: tuple[str, ...]
    note: str = ""
    line: int | None = field(default=None, compare=False)  # where the claim's id is written
    column: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Gold:
    path: str
    rules: str  # resolved path of the rules file
    pairs: tuple[GoldPair, ...]  # people's verdicts
    # what the gold file says of each report (by resolved path), for a report that does not say it
    meta: dict[str, ReportMeta] = field(default_factory=dict, compare=False)
    left_out: int = 0  # pairs not reviewed in a file that marks them (the checker's, not people's)

    def files(self) -> list[str]:
        """Every report, once, in the order of the file."""
        return list(dict.fromkeys(pair.file for pair in self.pairs))

    def require_claims(self, ids: set[str] | frozenset[str]) -> None:
        """VerdictsError naming every pair whose claim the rules file does not have."""
        _raise_all(self.path, [
            Problem(self.path, f"the claim '{p.claim}' is not in the rules file", p.line, p.column,
                    "a claim id of the rules file")
            for p in self.pairs if p.claim not in ids
        ])


MAX_PROBLEMS_SHOWN = 20


def _raise_all(name: str, problems: list[Problem]) -> None:
    """VerdictsError listing `problems` (the first MAX_PROBLEMS_SHOWN), if there are any."""
    if not problems:
        return
    shown = problems[:MAX_PROBLEMS_SHOWN]
    if len(problems) > len(shown):
        shown.append(Problem(name, f"and {len(problems) - len(shown)} more problems like these"))
    noun = "problem" if len(problems) == 1 else "problems"
    raise VerdictsError(f"{name}: {len(problems)} {noun}", tuple(shown))


def load_verdicts(path: str | Path) -> Verdicts:
    """Read a verdicts file; VerdictsError (with file:line:column) if it is not one."""
    return _read_verdicts(Path(path))[0]


def _read_verdicts(path: Path) -> tuple[Verdicts, dict[str, tuple[int, int, str | None]]]:
    """The verdicts file and where each of its values is written (see _safe_yaml)."""
    name = str(path)
    try:
        raw = read_file(name, MAX_VERDICTS_BYTES)
    except TooLarge as exc:
        raise VerdictsError(f"{name}: the file is too large (expected at most {MAX_VERDICTS_BYTES:,} bytes)") from None
    except Refused as exc:
        raise VerdictsError(f"{name}: {exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise VerdictsError(str(Problem(name, "not UTF-8 text", line, column, "a UTF-8 YAML file"))) from exc
    del raw
    marks: dict[str, tuple[int, int, str | None]] = {}
    try:
        return _parse_verdicts(text, name, marks), marks
    except (MemoryError, RecursionError) as exc:
        raise VerdictsError(f"{name}: too large for the memory available ({type(exc).__name__})") from None


def parse_verdicts(text: str, name: str = "<verdicts>") -> Verdicts:
    return _parse_verdicts(text, name, {})


def _parse_verdicts(text: str, name: str, marks: dict[str, tuple[int, int, str | None]]) -> Verdicts:
    data = _safe_yaml(text, name, marks)
    reader = _Reader(name, marks)
    if data is None:
        reader.fail("", "the file is empty", "a verdicts file: version, rules and reports keys")
    if not isinstance(data, dict):
        reader.fail("", "the file is not a mapping", "version, rules and reports keys")
    version = data.get("version")
    if version is None:
        reader.fail("", "'version' is missing", "version: 1")
    if type(version) is not int or version != FORMAT_VERSION:  # (True == 1 == 1.0 in Python)
        written = marks.get("version", (0, 0, None))[2] or repr(version)  # (`true`, not True)
        reader.fail("version", f"unknown verdicts format version {written}",
                    "version: 1, the only version this factdesk reads")
    reports_data = data.get("reports")
    if not isinstance(reports_data, list):
        reader.fail("reports" if "reports" in data else "", "'reports' is missing or not a list",
                    "reports: a list")
    reports = []
    for i, item in enumerate(reports_data):
        reports.append(reader.report(item, f"reports[{i}]"))
    return Verdicts(
        rules=reader.text(data.get("rules"), "rules"),
        generated=reader.text(data.get("generated"), "generated"),
        reports=tuple(reports),
        version=FORMAT_VERSION,
    )


def load_gold(path: str | Path, *, allow_outside: bool = False) -> Gold:
    """A human-written verdicts file; its `rules:` and each `file:` are relative to it. A report
    listed twice, or (unless `allow_outside`) one outside the gold file's folder, is an error.

    A file that says of some pair whether it was `reviewed` (one the review screen saved) holds
    people's verdicts only where `reviewed: true`: the others are the checker's own, left out
    (and counted in `left_out`). A file with no `reviewed` keys, written by hand, is all people's."""
    path = Path(path)
    verdicts, marks = _read_verdicts(path)
    base = path.parent
    if not verdicts.rules:
        raise VerdictsError(f"{path}: 'rules' is missing (expected the rules file, relative to this file)")
    root = os.path.realpath(base)
    seen: dict[str, int] = {}
    problems = []
    pairs = []
    meta: dict[str, ReportMeta] = {}
    left_out = 0
    marked = any(key.endswith(".reviewed") and _REVIEWED_KEY.fullmatch(key) for key in marks)
    for i, report in enumerate(verdicts.reports):
        file = str(base / report.file)
        if any(getattr(report, key) for key in META_KEYS):
            meta[file] = ReportMeta(*(getattr(report, key) for key in META_KEYS))
        line, column, _ = marks.get(f"reports[{i}].file", (None, None, None))
        real = os.path.realpath(file)
        if real in seen:
            problems.append(Problem(str(path), f"the report '{report.file}' is listed twice (first in "
                                    f"reports[{seen[real]}])", line, column, "each report once"))
        seen.setdefault(real, i)
        if not allow_outside and os.path.commonpath((real, root)) != root:
            problems.append(Problem(str(path), f"the report '{report.file}' is outside the gold file's "
                                    "folder", line, column, "a path inside it, or eval --allow-outside"))
        for j, c in enumerate(report.claims):
            if marked and not c.reviewed:
                left_out += 1
                continue
            quotes = tuple(e.quote for e in c.evidence if e.quote)
            at = marks.get(f"reports[{i}].claims[{j}].id", (None, None, None))
            pairs.append(GoldPair(file, c.id, c.verdict, quotes, c.note, at[0], at[1]))
    _raise_all(str(path), problems)
    return Gold(str(path), str(base / verdicts.rules), tuple(pairs), meta, left_out)


_REVIEWED_KEY = re.compile(r"reports\[\d+\]\.claims\[\d+\]\.reviewed")


def _safe_yaml(text: str, name: str, marks: dict[str, tuple[int, int, str | None]]) -> object:
    """Plain data from YAML text, noting where each value starts and, for a single value, how it
    was written (`reports[0].claims[2].verdict` -> (line, column, text)) so that later errors can
    say where, and quote `yes` rather than the True it reads as. Only the safe loader's composer is
    used; anchors, aliases, duplicate keys and deep nesting are refused."""
    from .rules import compose_yaml  # (rules does not import this module)

    root = compose_yaml(text, name, VerdictsError)
    if root is None:
        return None
    constructor = yaml.SafeLoader("")
    try:
        return _plain(root, "", marks, constructor, name)
    finally:
        constructor.dispose()


def _plain(node: yaml.Node, where: str, marks: dict, constructor: yaml.SafeLoader, name: str) -> object:
    raw = node.value if isinstance(node, yaml.ScalarNode) else None
    marks[where] = (node.start_mark.line + 1, node.start_mark.column + 1, raw)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None  # as written
            if key is None:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise VerdictsError(str(Problem(name, "a key that is not text", line, col, "text keys")))
            if key in out:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise VerdictsError(str(Problem(name, f"the key '{key}' twice", line, col, "each key once")))
            out[key] = _plain(value_node, f"{where}.{key}" if where else str(key), marks, constructor, name)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, f"{where}[{i}]", marks, constructor, name) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # a time as written, not a datetime
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. a bad !!binary or !!int
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        raise VerdictsError(str(Problem(name, f"a value that cannot be read ({type(exc).__name__})",
                                        line, col, "plain text or numbers"))) from None


class _Reader:
    def __init__(self, name: str, marks: dict[str, tuple[int, int, str | None]]) -> None:
        self.name = name
        self.marks = marks

    def fail(self, where: str, message: str, expected: str = "") -> NoReturn:
        """Raise VerdictsError at `where` (a path such as reports[0].claims[2].verdict), or at
        the nearest enclosing value whose position is known."""
        at = where
        while at and at not in self.marks:
            at = at[: max(at.rfind("."), at.rfind("["), 0)]
        line, col, _ = self.marks.get(at, (None, None, None))
        raise VerdictsError(str(Problem(self.name, message, line, col, expected)))

    def written(self, value: object, where: str) -> str:
        """`value` as the file wrote it (`yes`, not True), for a message."""
        raw = self.marks.get(where, (0, 0, None))[2]
        return repr(raw) if raw is not None and value is not None else repr(value)

    def text(self, value: object, where: str) -> str:
        if value is None:
            return ""
        if isinstance(value, (dict, list)):
            self.fail(where, f"{where} is a {'mapping' if isinstance(value, dict) else 'list'}", "text")
        return str(value)

    def report(self, item: object, where: str) -> ReportVerdicts:
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            self.fail(where, f"{where} has no 'file'", "file: the report's path")
        if not item["file"].strip():
            self.fail(f"{where}.file", f"{where}.file is empty", "file: the report's path")
        claims_data = item.get("claims") or []
        if not isinstance(claims_data, list):
            self.fail(f"{where}.claims", f"{where}.claims is not a list", "a list of claims")
        claims = tuple(self.claim(c, f"{where}.claims[{j}]") for j, c in enumerate(claims_data))
        first: dict[str, int] = {}
        for j, c in enumerate(claims):
            if first.setdefault(c.id, j) != j:
                self.fail(f"{where}.claims[{j}].id", f"the claim '{c.id}' twice in {where} (first in "
                          f"claims[{first[c.id]}])", "each claim once per report")
        return ReportVerdicts(item["file"], self.text(item.get("sha256"), f"{where}.sha256"), claims,
                              *(self.meta(item.get(key), key, f"{where}.{key}") for key in META_KEYS))

    def meta(self, value: object, key: str, where: str) -> str:
        """An optional report field: title and outlet are text; published a date, YYYY-MM-DD;
        url an address with its scheme (https://...)."""
        if value is None:
            return ""
        expected = {"published": "a date, YYYY-MM-DD", "url": "an address such as https://example.org/page"}
        if isinstance(value, (dict, list)) or (key in expected and not isinstance(value, str)):
            self.fail(where, f"{where} is {self.written(value, where)}", expected.get(key, "text"))
        text = str(value)
        if key == "published" and not (_ISO_DATE.fullmatch(text) and meta_value(key, text) == text):
            self.fail(where, f"{where} is {self.written(value, where)}", expected[key])
        if key == "url" and meta_value(key, text) != text:
            self.fail(where, f"{where} is {self.written(value, where)}", expected[key])
        return text

    def verdict(self, value: object, where: str) -> Verdict:
        try:
            return Verdict(str(value))
        except ValueError:
            self.fail(where, f"{where} is {self.written(value, where)}", f"one of {_VERDICT_VALUES}")

    def claim(self, item: object, where: str) -> ClaimVerdict:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            self.fail(where, f"{where} has no 'id'", "id: the claim's id")
        verdict = self.verdict(item.get("verdict"), f"{where}.verdict")
        auto = self.verdict(item.get("auto", verdict.value), f"{where}.auto")
        evidence = item.get("evidence") or []
        if isinstance(evidence, str):
            evidence = [{"quote": evidence}]
        if not isinstance(evidence, list):
            self.fail(f"{where}.evidence", f"{where}.evidence is not a list", "a list of {quote: ...}")
        return ClaimVerdict(
            id=item["id"],
            verdict=verdict,
            auto=auto,
            evidence=tuple(self.evidence(e, f"{where}.evidence[{k}]") for k, e in enumerate(evidence)),
            evidence_total=self.evidence_total(item.get("evidence_total"), len(evidence), where),
            reviewed=self.flag(item.get("reviewed", False), f"{where}.reviewed"),
            note=self.text(item.get("note"), f"{where}.note"),
            reviewed_at=self.text(item.get("reviewed_at"), f"{where}.reviewed_at"),
            reviewer=self.text(item.get("reviewer"), f"{where}.reviewer"),
        )

    def evidence_total(self, value: object, listed: int, where: str) -> int:
        """How many passages were found (optional: files written before it was kept have none)."""
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < listed:
            self.fail(f"{where}.evidence_total", f"{where}.evidence_total is {value!r}",
                      f"a whole number of passages, at least the {listed} listed")
        return value if value > listed else 0

    def flag(self, value: object, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, f"{where} is {self.written(value, where)}", "true or false")
        return value

    def evidence(self, item: object, where: str) -> Evidence:
        if isinstance(item, str):
            item = {"quote": item}
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str):
            self.fail(where, f"{where} has no 'quote'", "quote: the passage")
        quote = item["quote"]
        figure = self.text(item.get("figure"), f"{where}.figure")
        start = _int(item.get("start"), 0)
        at = quote.find(figure) if figure else -1
        return Evidence(
            quote=quote,
            start=start,
            end=_int(item.get("end"), start + len(quote)),
            figure=figure,
            low=_float(item.get("low")),
            high=_float(item.get("high")),
            score=_float(item.get("score")) or 0.0,
            figure_start=start + at if at >= 0 else -1,
            figure_end=start + at + len(figure) if at >= 0 else -1,
            relation=self.relation(item.get("relation"), f"{where}.relation"),
        )

    def relation(self, value: object, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str) or value not in RELATIONS:  # (a list is no key of it)
            self.fail(where, f"{where} is {self.written(value, where)}", " | ".join(RELATIONS))
        return str(value)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


# The format characters (Unicode Cf) that do not show: a soft hyphen, zero-width spaces and
# joiners, the word joiner and invisible operators, the byte-order mark, annotation and shorthand
# controls, musical beams, tag characters (which can spell hidden text). Those that show as a sign
# (the Arabic number signs, Egyptian hieroglyph controls) are left as they are.
_INVISIBLE = (r"\xad\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
              r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f")


# (Compiled on first use, as few texts hold any of these: see printable. Each class's 65,536-entry
# table would cost every start.)
@functools.cache
def _control() -> re.Pattern[str]:
    return re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                      + _INVISIBLE + "]")


@functools.cache
def _control_line() -> re.Pattern[str]:
    return re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                      + _INVISIBLE + "]")


def printable(text: str, *, one_line: bool = False) -> str:
    """Text safe to print to a terminal: control and escape characters (ANSI, OSC, C1, bidi
    overrides) and invisible ones (zero-width, soft hyphen, tags) are shown as `\\xNN`,
    `\\uNNNN` or `\\UNNNNNNNN`, not obeyed. With `one_line`, line breaks and tabs are shown too,
    so a message from a hostile file stays one line."""
    # Every character escaped is of a class str.isprintable refuses (Cc, Cf, Cn, Zl, Zp), and tabs
    # and line breaks are the only ones kept without one_line: text that passes needs no pattern.
    if (text if one_line else text.replace("\n", "").replace("\t", "")).isprintable():
        return text
    pattern = _control_line() if one_line else _control()
    return pattern.sub(_escaped, text)


def _escaped(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
