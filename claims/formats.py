"""The verdicts file (format version 1) in and out, written atomically; the gold reader."""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from .errors import Problem, VerdictsError
from .verdicts import ClaimVerdict, Evidence, ReportVerdicts, Verdict, Verdicts

FORMAT_VERSION = 1
MAX_VERDICTS_BYTES = 200_000_000
_VERDICT_VALUES = ", ".join(v.value for v in Verdict)


# ---------------------------------------------------------------------------------------------
# Out
# ---------------------------------------------------------------------------------------------


def _number(x: float | None) -> float | int | None:
    if x is None or (isinstance(x, float) and math.isinf(x)):
        return None
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else x


def verdicts_to_data(verdicts: Verdicts) -> dict:
    """Plain data in the documented key order (what YAML and JSON output share)."""
    reports = []
    for report in verdicts.reports:
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
                    }
                    for e in c.evidence
                ],
                "note": c.note,
            }
            if c.reviewed_at:
                item["reviewed_at"] = c.reviewed_at
            if c.reviewer:
                item["reviewer"] = c.reviewer
            claims.append(item)
        reports.append({"file": report.file, "sha256": report.sha256, "claims": claims})
    return {
        "version": verdicts.version,
        "rules": verdicts.rules,
        "generated": verdicts.generated,
        "reports": reports,
    }


def dump_yaml(verdicts: Verdicts) -> str:
    return yaml.safe_dump(verdicts_to_data(verdicts), sort_keys=False, allow_unicode=True, width=100)


def dump_json(verdicts: Verdicts) -> str:
    return json.dumps(verdicts_to_data(verdicts), ensure_ascii=False, indent=2) + "\n"


def now() -> str:
    """The current time as the verdicts file writes it: ISO 8601, UTC, seconds."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def file_stamp(path: str | Path) -> tuple[int, int] | None:
    """(modification time, size) of a file, or None if it does not exist: taken when a file is
    read and compared before it is overwritten, so someone else's save is never lost silently."""
    try:
        st = Path(path).stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def write_atomic(path: str | Path, text: str, *, backup: bool = True) -> None:
    """Write `text` so the file is always either its old or its new complete version.

    A temporary file in the same folder is written, flushed and fsynced, then renamed over the
    target; the previous version is kept as `<name>.bak` (itself replaced atomically).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    data = text.encode("utf-8")
    if backup and path.exists():
        _replace_with(path.with_name(path.name + ".bak"), path.read_bytes(), folder)
    _replace_with(path, data, folder)


def _replace_with(path: Path, data: bytes, folder: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
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
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


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


@dataclass(frozen=True, slots=True)
class Gold:
    path: str
    rules: str  # resolved path of the rules file
    pairs: tuple[GoldPair, ...]

    def files(self) -> list[str]:
        seen: list[str] = []
        for pair in self.pairs:
            if pair.file not in seen:
                seen.append(pair.file)
        return seen


def load_verdicts(path: str | Path) -> Verdicts:
    """Read a verdicts file; VerdictsError (with file:line:column) if it is not one."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_VERDICTS_BYTES:
            raise VerdictsError(f"{name}: the file is too large ({size:,} bytes)")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise VerdictsError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise VerdictsError(f"{name}: not UTF-8 text") from exc
    return parse_verdicts(text, name)


def parse_verdicts(text: str, name: str = "<verdicts>") -> Verdicts:
    data = _safe_yaml(text, name)
    reader = _Reader(name)
    if not isinstance(data, dict):
        reader.fail("the file is not a mapping", "version, rules and reports keys")
    version = data.get("version")
    if version != FORMAT_VERSION:
        reader.fail(f"unknown verdicts format version {version!r}", "version: 1")
    reports_data = data.get("reports")
    if not isinstance(reports_data, list):
        reader.fail("'reports' is missing or not a list", "reports: a list")
    reports = []
    for i, item in enumerate(reports_data):
        reports.append(reader.report(item, f"reports[{i}]"))
    return Verdicts(
        rules=str(data.get("rules") or ""),
        generated=str(data.get("generated") or ""),
        reports=tuple(reports),
        version=FORMAT_VERSION,
    )


def load_gold(path: str | Path) -> Gold:
    """A human-written verdicts file; its `rules:` and each `file:` are relative to it."""
    path = Path(path)
    verdicts = load_verdicts(path)
    base = path.parent
    if not verdicts.rules:
        raise VerdictsError(f"{path}: 'rules' is missing (expected the rules file, relative to this file)")
    pairs = []
    for report in verdicts.reports:
        file = str(base / report.file)
        for c in report.claims:
            quotes = tuple(e.quote for e in c.evidence if e.quote)
            pairs.append(GoldPair(file, c.id, c.verdict, quotes, c.note))
    return Gold(str(path), str(base / verdicts.rules), tuple(pairs))


def _safe_yaml(text: str, name: str):
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                m = event.start_mark
                raise VerdictsError(f"{name}:{m.line + 1}:{m.column + 1}: aliases are not allowed "
                                    "(expected plain values)")
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise VerdictsError(f"{where}: YAML syntax error: {exc.problem or exc.context} "
                            "(expected valid YAML)") from exc
    except yaml.YAMLError as exc:
        raise VerdictsError(f"{name}: YAML error: {exc}") from exc


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, message: str, expected: str = "") -> None:
        raise VerdictsError(str(Problem(self.name, message, expected=expected)))

    def report(self, item: object, where: str) -> ReportVerdicts:
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            self.fail(f"{where} has no 'file'", "file: the report's path")
        claims_data = item.get("claims") or []
        if not isinstance(claims_data, list):
            self.fail(f"{where}.claims is not a list", "a list of claims")
        claims = tuple(self.claim(c, f"{where}.claims[{j}]") for j, c in enumerate(claims_data))
        return ReportVerdicts(item["file"], str(item.get("sha256") or ""), claims)

    def verdict(self, value: object, where: str) -> Verdict:
        try:
            return Verdict(str(value))
        except ValueError:
            self.fail(f"{where} is {value!r}", f"one of {_VERDICT_VALUES}")
            raise  # unreachable: fail raises

    def claim(self, item: object, where: str) -> ClaimVerdict:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            self.fail(f"{where} has no 'id'", "id: the claim's id")
        verdict = self.verdict(item.get("verdict"), f"{where}.verdict")
        auto = self.verdict(item.get("auto", verdict.value), f"{where}.auto")
        evidence = item.get("evidence") or []
        if isinstance(evidence, str):
            evidence = [{"quote": evidence}]
        if not isinstance(evidence, list):
            self.fail(f"{where}.evidence is not a list", "a list of {quote: ...}")
        return ClaimVerdict(
            id=item["id"],
            verdict=verdict,
            auto=auto,
            evidence=tuple(self.evidence(e, f"{where}.evidence[{k}]") for k, e in enumerate(evidence)),
            reviewed=bool(item.get("reviewed", False)),
            note=str(item.get("note") or ""),
            reviewed_at=str(item.get("reviewed_at") or ""),
            reviewer=str(item.get("reviewer") or ""),
        )

    def evidence(self, item: object, where: str) -> Evidence:
        if isinstance(item, str):
            item = {"quote": item}
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str):
            self.fail(f"{where} has no 'quote'", "quote: the passage")
        quote = item["quote"]
        figure = str(item.get("figure") or "")
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
        )


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to print to a terminal: control and escape characters shown, not obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                        else f"\\u{ord(m.group(0)):04x}", text)
