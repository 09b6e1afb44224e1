"""Scoring the checker's verdicts against people's (a gold verdicts file, or several)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import VerdictsError
from .formats import Gold, load_gold
from .reports import MAX_REPORT_BYTES, Skipped
from .verdicts import ReportVerdicts, Verdict

ALARMS = (Verdict.CONTRADICTS, Verdict.CONFLICTING)


@dataclass(frozen=True, slots=True)
class Pair:
    file: str
    claim: str
    gold: Verdict
    got: Verdict
    gold_quotes: tuple[str, ...]
    got_quotes: tuple[str, ...]
    note: str = ""

    @property
    def evidence_found(self) -> bool:
        """Does one of our passages contain one of the quotes people gave?"""
        ours = [_norm(q) for q in self.got_quotes]
        return any(_norm(g) in o for g in self.gold_quotes for o in ours)


@dataclass(frozen=True, slots=True)
class ClassScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Scores:
    pairs: tuple[Pair, ...]
    skipped: tuple[str, ...] = ()
    classes: dict[Verdict, ClassScore] = field(default_factory=dict)
    left_out: int = 0  # unreviewed pairs of the gold file: the checker's verdicts, not people's

    @property
    def total(self) -> int:
        return len(self.pairs)

    @property
    def accuracy(self) -> float:
        return sum(p.gold == p.got for p in self.pairs) / self.total if self.total else 0.0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the verdicts that people or the checker used at least once."""
        present = [v for v in Verdict if any(p.gold == v or p.got == v for p in self.pairs)]
        return sum(self.classes[v].f1 for v in present) / len(present) if present else 0.0

    @property
    def false_alarms(self) -> list[Pair]:
        return [p for p in self.pairs if p.got in ALARMS and p.gold not in ALARMS]

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.total if self.total else 0.0

    @property
    def missed_contradictions(self) -> list[Pair]:
        return [p for p in self.pairs if p.gold in ALARMS and p.got not in ALARMS]

    @property
    def evidence_recall(self) -> tuple[int, int]:
        quoted = [p for p in self.pairs if p.gold_quotes]
        return sum(p.evidence_found for p in quoted), len(quoted)

    def confusion(self) -> dict[Verdict, dict[Verdict, int]]:
        table = {g: {v: 0 for v in Verdict} for g in Verdict}
        for p in self.pairs:
            table[p.gold][p.got] += 1
        return table

    @property
    def errors(self) -> list[Pair]:
        return [p for p in self.pairs if p.gold != p.got]


def score(gold: Gold, results: Iterable[ReportVerdicts], skipped: Iterable[str] = ()) -> Scores:
    """Pair each human verdict with the checker's and compute the measures."""
    by_file = {r.file: r for r in results}
    pairs = []
    for g in gold.pairs:
        report = by_file.get(g.file)
        got = report.claim(g.claim) if report else None
        pairs.append(Pair(
            g.file, g.claim, g.verdict,
            got.auto if got else Verdict.NOT_MENTIONED,
            g.quotes,
            tuple(e.quote for e in got.evidence) if got else (),
            g.note,
        ))
    return Scores(tuple(pairs), tuple(skipped), _classes(pairs), gold.left_out)


def combine(scores: Sequence[Scores]) -> Scores:
    """The scores of several gold files as one (every pair counted once, as if one file)."""
    pairs = tuple(p for s in scores for p in s.pairs)
    return Scores(pairs, tuple(f for s in scores for f in s.skipped), _classes(pairs),
                  sum(s.left_out for s in scores))


def _classes(pairs: Sequence[Pair]) -> dict[Verdict, ClassScore]:
    classes = {}
    for v in Verdict:
        tp = sum(p.gold == v and p.got == v for p in pairs)
        predicted = sum(p.got == v for p in pairs)
        actual = sum(p.gold == v for p in pairs)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        classes[v] = ClassScore(precision, recall, f1, actual)
    return classes


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def scores_to_data(scores: Scores, *, show_errors: bool = False, base: str = "") -> dict:
    found, quoted = scores.evidence_recall
    data = {
        "pairs": scores.total,
        "accuracy": round(scores.accuracy, 4),
        "macro_f1": round(scores.macro_f1, 4),
        "false_alarm_rate": round(scores.false_alarm_rate, 4),
        "false_alarms": len(scores.false_alarms),
        "missed_contradictions": [
            {"file": _rel(p.file, base), "claim": p.claim, "gold": p.gold.value, "got": p.got.value}
            for p in scores.missed_contradictions
        ],
        "evidence_recall": round(found / quoted, 4) if quoted else None,
        "evidence_found": found,
        "evidence_quoted": quoted,
        "per_verdict": {
            v.value: {"precision": round(c.precision, 4), "recall": round(c.recall, 4),
                      "f1": round(c.f1, 4), "support": c.support}
            for v, c in scores.classes.items()
        },
        "confusion": {g.value: {v.value: n for v, n in row.items()} for g, row in scores.confusion().items()},
        "skipped": list(scores.skipped),
        "unreviewed_left_out": scores.left_out,
    }
    if show_errors:
        data["errors"] = [
            {"file": _rel(p.file, base), "claim": p.claim, "gold": p.gold.value, "got": p.got.value,
             "gold_quotes": list(p.gold_quotes), "our_quotes": list(p.got_quotes[:2]), "note": p.note}
            for p in scores.errors
        ]
    return data


def render_scores(scores: Scores, fmt: str = "table", *, show_errors: bool = False, base: str = "") -> str:
    data = scores_to_data(scores, show_errors=show_errors, base=base)
    if fmt == "json":
        import json

        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        from .formats import safe_yaml

        return safe_yaml(data)
    return _table(scores, data, show_errors)


def _table(scores: Scores, data: dict, show_errors: bool) -> str:
    from .formats import printable

    found, quoted = scores.evidence_recall
    out = [f"pairs                 {scores.total}"]
    if scores.left_out:
        out.append(f"left out              {_left_out(scores.left_out)}")
    out += [
        f"accuracy              {scores.accuracy:.3f}",
        f"macro-F1              {scores.macro_f1:.3f}",
        f"false-alarm rate      {scores.false_alarm_rate:.3f}  ({len(scores.false_alarms)} pairs)",
        f"missed contradictions {len(scores.missed_contradictions)}",
        f"evidence recall       {found / quoted if quoted else 0:.3f}  ({found}/{quoted})",
        "",
        f"{'verdict':<14} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}",
    ]
    used = {p.gold for p in scores.pairs} | {p.got for p in scores.pairs}
    for v, c in scores.classes.items():
        if v in used:
            out.append(f"{v.value:<14} {c.precision:>9.3f} {c.recall:>7.3f} {c.f1:>6.3f} {c.support:>8}")
        else:  # used by nobody: no score, and not part of macro-F1
            out.append(f"{v.value:<14} {'-':>9} {'-':>7} {'-':>6} {c.support:>8}")
    out += ["", "confusion (rows: people, columns: factdesk)"]
    heads = [v.value[:13] for v in Verdict]
    out.append(" " * 14 + " ".join(f"{h:>13}" for h in heads))
    for g, row in scores.confusion().items():
        out.append(f"{g.value:<14}" + " ".join(f"{n:>13}" for n in row.values()))
    for p in scores.missed_contradictions:
        out.append(f"missed: {printable(p.file)} {p.claim}: people {p.gold.value}, factdesk {p.got.value}")
    if show_errors:
        for e in data.get("errors", []):
            out += ["", f"{printable(e['file'])}  {e['claim']}: people {e['gold']}, factdesk {e['got']}"]
            out.append(f"  people:   {printable(' | '.join(e['gold_quotes']) or '(no quote)')}")
            out.append(f"  factdesk: {printable(' | '.join(e['our_quotes']) or '(no passage)')}")
    return "\n".join(out) + "\n"


def _left_out(n: int) -> str:
    return f"{n} unreviewed {'pair' if n == 1 else 'pairs'} (the checker's own verdicts, not people's)"


def _rel(path: str, base: str) -> str:
    return os.path.relpath(path, base) if base else path


# ---------------------------------------------------------------------------------------------
# Several gold files: one line per corpus, and the total
# ---------------------------------------------------------------------------------------------

GOLD_NAME = "gold.yaml"


def find_gold(paths: Iterable[str | Path]) -> list[tuple[str, Path]]:
    """(name, path) of each gold file: a file as given, or every gold.yaml below a folder (its
    name the folder it is in, relative to the one given). A folder with none is an error."""
    found: list[tuple[str, Path]] = []
    for given in paths:
        given = Path(given)
        if not given.is_dir():
            name = given.parent.name or str(given.parent)
            found.append((name if given.name == GOLD_NAME else f"{name}/{given.name}", given))
            continue
        below = sorted(_gold_below(given))
        if not below:
            raise VerdictsError(f"{given}: no {GOLD_NAME} in this folder or below it")
        for path in below:
            name = os.path.relpath(path.parent, given)
            found.append((given.resolve().name if name == "." else name, path))
    return found


def _gold_below(folder: Path) -> Iterable[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        if GOLD_NAME in files:
            yield Path(root) / GOLD_NAME


def evaluate_gold(path: str | Path, *, allow_outside: bool = False, jobs: int | None = None,
                  max_bytes: int = MAX_REPORT_BYTES, warn: Callable[[str], None] | None = None) -> Scores:
    """Check every report of a gold file and score the checker against it. A gold file's report
    fields (published, outlet, title, url) are given to a report that does not say them."""
    from .rules import load_rules
    from .run import check_paths

    gold = load_gold(path, allow_outside=allow_outside)
    rules = load_rules(gold.rules)
    gold.require_claims({c.id for c in rules.claims})
    results, skipped = [], []
    for item in check_paths(rules, gold.files(), jobs=jobs, max_bytes=max_bytes, meta=gold.meta):
        if isinstance(item, Skipped):
            if warn is not None:
                warn(str(item))
            skipped.append(item.file)
        else:
            results.append(item)
    return score(gold, results, skipped)


def corpus_data(scores: Scores) -> dict:
    """One corpus's line of the table, as data."""
    found, quoted = scores.evidence_recall
    return {
        "pairs": scores.total,
        "accuracy": round(scores.accuracy, 4),
        "macro_f1": round(scores.macro_f1, 4),
        "false_alarm_rate": round(scores.false_alarm_rate, 4),
        "false_alarms": len(scores.false_alarms),
        "missed_contradictions": len(scores.missed_contradictions),
        "evidence_recall": round(found / quoted, 4) if quoted else None,
        "evidence_found": found,
        "evidence_quoted": quoted,
        "unreviewed_left_out": scores.left_out,
        "skipped": len(scores.skipped),
    }


def corpora_to_data(corpora: Sequence[tuple[str, str, Scores]], *, show_errors: bool = False) -> dict:
    """(name, gold path, scores) of each corpus, and the total over all their pairs."""
    rows = []
    for name, gold, scores in corpora:
        row = {"corpus": name, "gold": gold, **corpus_data(scores)}
        if show_errors:
            row["errors"] = scores_to_data(scores, show_errors=True, base=str(Path(gold).parent))["errors"]
        rows.append(row)
    return {"corpora": rows, "total": corpus_data(combine([s for _, _, s in corpora]))}


def render_corpora(corpora: Sequence[tuple[str, str, Scores]], fmt: str = "table", *,
                   show_errors: bool = False) -> str:
    data = corpora_to_data(corpora, show_errors=show_errors)
    if fmt == "json":
        import json

        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        from .formats import safe_yaml

        return safe_yaml(data)
    from .formats import printable

    width = max([len("corpus"), len("total")] + [len(printable(r["corpus"], one_line=True)) for r in data["corpora"]])
    heads = ("pairs", "accuracy", "macro-F1", "false alarms", "missed", "evidence recall")
    out = [f"{'corpus':<{width}}  {heads[0]:>5}  {heads[1]:>8}  {heads[2]:>8}  {heads[3]:<14}  "
           f"{heads[4]:>6}  {heads[5]}"]
    for row in [*data["corpora"], {"corpus": "total", **data["total"]}]:
        if row["corpus"] == "total" and data["corpora"]:
            out.append("-" * len(out[0]))
        recall = ("-" if row["evidence_recall"] is None
                  else f"{row['evidence_recall']:.3f} ({row['evidence_found']}/{row['evidence_quoted']})")
        alarms = f"{row['false_alarm_rate']:.3f} ({row['false_alarms']})"
        out.append(f"{printable(row['corpus'], one_line=True):<{width}}  {row['pairs']:>5}  "
                   f"{row['accuracy']:>8.3f}  {row['macro_f1']:>8.3f}  {alarms:<14}  "
                   f"{row['missed_contradictions']:>6}  {recall}")
    notes = []
    for row in data["corpora"]:
        if row["unreviewed_left_out"]:
            notes.append(f"{row['corpus']}: left out {_left_out(row['unreviewed_left_out'])}")
        if row["skipped"]:
            notes.append(f"{row['corpus']}: {row['skipped']} reports could not be read (their pairs "
                         "count as not mentioned)")
    if notes:
        out += [""] + notes
    if show_errors:
        for row in data["corpora"]:
            for e in row["errors"]:
                out += ["", f"{row['corpus']}: {e['file']}  {e['claim']}: people {e['gold']}, factdesk {e['got']}"]
                out.append(f"  people:   {' | '.join(e['gold_quotes']) or '(no quote)'}")
                out.append(f"  factdesk: {' | '.join(e['our_quotes']) or '(no passage)'}")
    return "\n".join(out) + "\n"
