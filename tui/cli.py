"""The command line: a thin layer over the engine. It imports the screen only for `review`.

Exit codes: 0 nothing contradicted; 1 a claim is contradicted or conflicting (check), or a
target is missed (eval); 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from factdesk.claims.errors import FactdeskError
from factdesk.claims.formats import (
    JSON_TAIL,
    file_stamp,
    json_head,
    json_report,
    load_gold,
    locked,
    not_a_file,
    now,
    printable,
    safe_json,
    write_atomic,
    writes_through,
    yaml_head,
    yaml_report,
)
from factdesk.claims.inputs import parse_size
from factdesk.claims.reports import MAX_REPORT_BYTES, REPORT_SUFFIXES, STDIN_NAME, Skipped
from factdesk.claims.figures import Kind
from factdesk.claims.rules import RuleSet, load_rules, reading
from factdesk.claims.run import check_paths, processors
from factdesk.claims.verdicts import ReportVerdicts, Verdict

EXIT_OK, EXIT_CONTRADICTED, EXIT_BAD_INPUT = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # as a shell reports a process ended by SIGPIPE
BUNDLED_RULES = "cambodia-scam-crackdown.yaml"


def bundled_rules() -> Path:
    from importlib import resources  # here, not at the top: it costs every start ~10 ms

    return Path(str(resources.files("factdesk.rules").joinpath(BUNDLED_RULES)))


def bundled_reports() -> Path:
    from importlib import resources

    return Path(str(resources.files("factdesk.seeds.reports")))


class _Version(argparse.Action):
    """--version, looked up only when asked (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001
        from importlib import metadata

        try:
            version = metadata.version("factdesk")
        except metadata.PackageNotFoundError:
            version = "unknown"
        print(f"factdesk {version}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factdesk",
        description="Check the numbers in a news article against other reports of the same events. "
        "With no command, opens the review screen on the bundled example.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check reports against a rules file, headless",
                           description="Check reports against the claims of a rules file. "
                           "With no paths, checks the bundled example.")
    check.add_argument("rules", nargs="?", help="the rules file (YAML, format version 1)")
    check.add_argument("reports", nargs="*", help="report files (.txt, .md, .html), folders, or - for standard input")
    check.add_argument("--format", choices=("table", "yaml", "json"), default=None,
                       help="output format (default: table; with --output, by the file's extension: "
                       ".json, else yaml)")
    check.add_argument("--output", "-o", metavar="FILE",
                       help="write the verdicts file here, atomically (- for standard output); the "
                       "terminal then gets a one-line summary")
    check.add_argument("--force", action="store_true",
                       help="overwrite --output even if it changed on disk since it was read")
    check.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                       help="check reports in N processes; the output is the same (default: one per "
                       "processor for 40 reports or more, else 1; at most one per processor)")
    _max_report_size(check)

    review = sub.add_parser("review", help="open the review screen (the default command)",
                            description="Review the checker's verdicts with the keyboard and save them. "
                            "With no paths, opens the bundled example.")
    review.add_argument("rules", nargs="?", help="the rules file (YAML, format version 1)")
    review.add_argument("reports", nargs="*", help="report files or folders (more can be opened on screen)")
    review.add_argument("--verdicts", metavar="FILE",
                        help="the verdicts file to resume and save (default: beside the rules file)")
    review.add_argument("--reviewer", metavar="NAME", help="name saved with each verdict (default: login name)")

    validate = sub.add_parser("validate", help="check that rules files are valid",
                              description="Validate rules files; every problem is listed as file:line:column.")
    validate.add_argument("rules", nargs="+", help="rules files")

    evaluate = sub.add_parser("eval", help="score the checker against human verdicts",
                              description="Check every report of a gold verdicts file and score the "
                              "checker's verdicts against the people's. With several gold files or a "
                              "folder (every gold.yaml below it), one line per corpus and the total.")
    evaluate.add_argument("gold", nargs="+", help="a verdicts file written (or reviewed) by people, or a folder")
    evaluate.add_argument("--show-errors", action="store_true", help="list every disagreement")
    evaluate.add_argument("--format", choices=("table", "yaml", "json"), default="table")
    evaluate.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                          help="check reports in N processes (default: as for check)")
    evaluate.add_argument("--allow-outside", action="store_true",
                          help="read reports the gold file names outside its own folder")
    _max_report_size(evaluate)

    figures = sub.add_parser("eval-figures", help="score the figure reader against a figure set",
                             description="Read every sentence of a figure set (tests/corpora/figures/) and "
                             "score the figures found against the people's.")
    figures.add_argument("sets", nargs="+", help="figure set files (YAML)")
    figures.add_argument("--format", choices=("table", "json"), default="table")
    figures.add_argument("--show-errors", nargs="?", const="all", default="", metavar="WHAT",
                         choices=("all", "missed", "extra", "non-figure", "value", "unit", "kind", "modality"),
                         help="list every disagreement, or those of one kind: missed, extra, non-figure, "
                         "value, unit, kind, modality")

    from factdesk.claims.exports import FORMATS

    export = sub.add_parser("export", help="export a verdicts file for editors or the public",
                            description="Export a verdicts file: " + "; ".join(
                                f"{f.name}: {f.description}" for f in FORMATS.values()) + ".")
    export.add_argument("verdicts", help="a verdicts file (from check --output or the review screen)")
    export.add_argument("--format", choices=tuple(FORMATS), default="markdown",
                        help="export format (default: markdown)")
    export.add_argument("--output", "-o", metavar="FILE", help="write here, atomically (default: standard output)")
    export.add_argument("--publisher", metavar="NAME", help="who publishes the review (claimreview: author, publisher)")
    export.add_argument("--url", metavar="URL", help="where the review is published (claimreview: url)")
    return parser


def _max_report_size(command: argparse.ArgumentParser) -> None:
    command.add_argument("--max-report-size", type=_size, default=MAX_REPORT_BYTES, metavar="SIZE",
                         help="skip reports larger than this, unread (e.g. 200M; default: "
                         f"{MAX_REPORT_BYTES >> 20}M)")


def _size(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args, parser)
        if args.command == "validate":
            return cmd_validate(args)
        if args.command == "eval":
            return cmd_eval(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "eval-figures":
            return cmd_eval_figures(args)
        return cmd_review(args if args.command == "review" else parser.parse_args(["review"]))
    except FactdeskError as exc:
        for line in error_lines(exc, prefix="factdesk: "):
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("factdesk: interrupted", file=sys.stderr)
        return 130
    except (MemoryError, RecursionError) as exc:  # each reader names its file; this is the last net
        print(f"factdesk: not enough memory to go on ({type(exc).__name__})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return _broken_pipe(EXIT_BROKEN_PIPE)


def _broken_pipe(code: int) -> int:
    """`code`, once the reader of standard output has gone (`| head -1`): what is still buffered
    is dropped, so Python's exit does not fail writing it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file (a test's capture)
        pass
    return code


def _warn(message: str) -> None:
    print(f"factdesk: {printable(message, one_line=True)}", file=sys.stderr)


def error_lines(exc: FactdeskError, prefix: str = "") -> list[str]:
    """One line per problem, safe for a terminal; under it, indented, the offending line of the
    file and a caret under the column, when the problem knows them."""
    if not exc.problems:
        return [prefix + printable(line, one_line=True) for line in exc.lines()]
    out = []
    for problem in exc.problems:
        out.append(prefix + printable(str(problem), one_line=True))
        if problem.snippet:
            snippet, column = problem.snippet, problem.column or 0
            if len(snippet) > SNIPPET_WIDTH:  # a long line: the part around the column
                start = max(0, min(column - 1 - SNIPPET_WIDTH // 2, len(snippet) - SNIPPET_WIDTH))
                snippet = ("…" if start else "") + snippet[start:start + SNIPPET_WIDTH] + (
                    "…" if start + SNIPPET_WIDTH < len(problem.snippet) else "")
                column = column - start + (1 if start else 0) if column else 0
            out.append("    " + printable(snippet, one_line=True))
            if column:
                lead = printable(snippet[: column - 1], one_line=True)
                out.append("    " + " " * len(lead) + "^")
    return out


SNIPPET_WIDTH = 100


class _Progress:
    """A one-line progress count on standard error, only when it is a terminal."""

    def __init__(self) -> None:
        self.on = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int, current: str) -> None:
        if self.on and total >= 10 and (done % 10 == 0 or done == total):
            sys.stderr.write(f"\rchecking {done}/{total} reports")
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def cmd_check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    rules_path = args.rules
    paths = list(args.reports)
    if rules_path is None:
        rules_path, paths = str(bundled_rules()), [str(bundled_reports())]
    elif not paths:
        parser.error("give at least one report (a file, a folder, or - for standard input)")
    to_file = args.output not in (None, STDIN_NAME)
    fmt = output_format(args.format, args.output, parser)
    if to_file:
        refuse_input_as_output(args.output, rules_path, paths)
    rules = load_rules(rules_path)
    guard = _OutputGuard(args.output) if to_file else None
    gc.freeze()  # what is loaded so far lives to the end: the collector need not walk it again
    generated = now()
    # The verdicts file names files relative to its own folder (so it is also a gold file).
    output_dir = Path(args.output).parent if to_file else None
    render = partial(_render, fmt=fmt, id_width=max(len(c.id) for c in rules.claims), output_dir=output_dir)
    counts = {v: 0 for v in Verdict}
    # Standard output is written as reports come; a file is written once all are checked.
    out = io.StringIO() if guard is not None else sys.stdout
    try:
        written = _check_into(out, rules, rules_path if guard is None else relative_to(rules_path, output_dir),
                              paths, _jobs(args.jobs), render, fmt, generated, counts, args.max_report_size)
        if not written:
            _warn("no report could be read")
            return EXIT_BAD_INPUT
        summary = (f"{written} reports x {len(rules.claims)} claims: "
                   + ", ".join(f"{n} {v.value.replace('_', ' ')}" for v, n in counts.items()))
        if fmt == "json":
            out.write(JSON_TAIL)
        elif fmt == "table":
            out.write(summary + "\n")
        if guard is not None:
            guard.write(out.getvalue(), force=args.force)
            print(f"{summary}; verdicts written to {printable(args.output, one_line=True)}")
        sys.stdout.flush()
    except BrokenPipeError:
        return _broken_pipe(_verdict_code(counts) or EXIT_BROKEN_PIPE)
    return _verdict_code(counts)


def _verdict_code(counts: dict[Verdict, int]) -> int:
    return EXIT_CONTRADICTED if counts[Verdict.CONTRADICTS] + counts[Verdict.CONFLICTING] else EXIT_OK


def _check_into(out: io.TextIOBase, rules: RuleSet, rules_name: str, paths: list[str], jobs: int | None,
                render: partial, fmt: str, generated: str, counts: dict[Verdict, int],
                max_bytes: int = MAX_REPORT_BYTES) -> int:
    """Check `paths`, writing each report to `out` as it comes and adding up `counts`; how many
    reports were written."""
    progress = _Progress()
    written = 0
    try:
        for item in check_paths(rules, paths, jobs=jobs, progress=progress, render=render, max_bytes=max_bytes):
            if isinstance(item, Skipped):
                progress.close()
                _warn(str(item))
                continue
            if written == 0:
                out.write({"yaml": yaml_head, "json": json_head}.get(fmt, lambda r, g: "")(rules_name, generated))
            for verdict, n in zip(Verdict, item.counts):
                counts[verdict] += n
            out.write(("," if written and fmt == "json" else "") + item.text)
            written += 1
    finally:
        progress.close()
    return written


_BY_EXTENSION = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def output_format(asked: str | None, output: str | None, parser: argparse.ArgumentParser) -> str:
    """The format to write: as asked, else table; with --output FILE, as asked or by the file's
    extension (YAML when it has neither). A format its extension contradicts is a usage error."""
    if output is None:
        return asked or "table"
    if output == STDIN_NAME:
        return asked or "yaml"
    by_extension = _BY_EXTENSION.get(Path(output).suffix.lower())
    if asked == "table":
        parser.error("--output writes a verdicts file: give --format yaml or json (or leave it out)")
    if asked and by_extension and asked != by_extension:
        parser.error(f"--format {asked} but --output {printable(output, one_line=True)} names a "
                     f"{by_extension.upper()} file: give one or the other")
    return asked or by_extension or "yaml"


def refuse_input_as_output(output: str, rules_path: str, paths: list[str], option: str = "--output") -> None:
    """FactdeskError when the output file is one of the inputs (after links), or a report file
    inside a folder being checked, which it would overwrite."""
    target = Path(os.path.realpath(output))
    for given in [rules_path, *paths]:
        if given == STDIN_NAME:
            continue
        source = Path(os.path.realpath(given))
        if source == target or _same_file(source, target):
            what = "the rules file" if given == rules_path else "a report being checked"
            raise FactdeskError(f"{output}: {option} names {what} ({given}); not overwritten (give another file)")
        if source.is_dir() and source in target.parents and target.suffix.lower() in REPORT_SUFFIXES:
            raise FactdeskError(f"{output}: {option} names a report in the folder being checked ({given}); "
                                "not overwritten (give another file)")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _jobs(asked: int | None) -> int | None:
    """--jobs, capped at the processors available (with a warning when it is)."""
    if asked is None or asked <= (most := processors()):
        return asked
    _warn(f"--jobs {asked}: using {most}, the processors available")
    return most


@dataclass(frozen=True, slots=True)
class _Rendered:
    """One report as the check command writes it (made in the process that checked it)."""

    text: str  # in the chosen format, for standard output or (named from its folder) the --output file
    counts: tuple[int, ...]  # how many claims got each verdict, in Verdict order


def _render(report: ReportVerdicts, *, fmt: str, id_width: int, output_dir: Path | None) -> _Rendered:
    counts = tuple(sum(c.verdict is v for c in report.claims) for v in Verdict)
    if output_dir is not None:
        report = replace(report, file=relative_to(report.file, output_dir))
    if fmt == "yaml":
        return _Rendered(yaml_report(report), counts)
    if fmt == "json":
        return _Rendered(json_report(report), counts)
    return _Rendered(table_block(report, id_width), counts)


def relative_to(path: str, folder: Path | None) -> str:
    """`path` (as given, from the current folder) seen from `folder`; standard input stays '-'."""
    if folder is None or path == "-":
        return path
    return os.path.relpath(os.path.abspath(path), os.path.abspath(folder))


class _OutputGuard:
    """Refuses to overwrite a verdicts file that someone else changed while we worked, and to
    write over anything that is not a regular file but a character device or FIFO (written
    through). The changed-on-disk test and the rename are made under a lock, so two checks
    writing one file at once never lose a result unnoticed: the second is refused."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        kind = not_a_file(self.path)
        if kind is not None and not writes_through(self.path):
            raise FactdeskError(f"{self.path}: cannot write: {kind}, not a file")
        try:
            self.seen = file_stamp(self.path)
        except OSError as exc:
            raise FactdeskError(f"{self.path}: cannot write: {exc.strerror or exc}") from exc

    def write(self, text: str, *, force: bool) -> None:
        try:
            if writes_through(self.path):
                write_atomic(self.path, text)  # (written into; nothing renamed, no .bak)
                return
            with locked(self.path):
                if not force and file_stamp(self.path) != self.seen:
                    raise FactdeskError(f"{self.path}: changed on disk while checking; not overwritten "
                                        "(use --force to overwrite it)")
                write_atomic(self.path, text)
        except OSError as exc:
            raise FactdeskError(f"{self.path}: cannot write: {exc.strerror or exc}") from exc


_GLYPH = {
    Verdict.SUPPORTS: "supports",
    Verdict.CONTRADICTS: "CONTRADICTS",
    Verdict.CONFLICTING: "CONFLICTING",
    Verdict.NOT_MENTIONED: "-",
}


def table_block(report: ReportVerdicts, id_width: int, width: int = 100) -> str:
    """One report in the readable plain-text table: its file, then a line per claim."""
    rows = []
    for c in report.claims:
        line = f"  {c.id:<{id_width}}  {_GLYPH[c.verdict]:<11}"
        if c.evidence:
            e = c.evidence[0]
            quote = " ".join(e.quote.split())
            room = max(20, width - len(line) - len(e.figure) - 6)
            if len(quote) > room:
                quote = quote[: room - 1] + "…"
            line += f"  {e.figure}  \"{quote}\""
        rows.append("\n" + line)
    # the rows made printable at once: printable leaves line breaks be, and escapes character by character
    return printable(report.file, one_line=True) + printable("".join(rows)) + "\n\n"


def default_verdicts_path(rules_path: str | Path, bundled: bool = False) -> Path:
    """Where a review's verdicts are saved unless told otherwise: beside the rules file; the
    bundled example's (and those of rules in an installed package or a read-only folder) in the
    current folder, else the user data folder; never into site-packages."""
    from factdesk.tui.session import default_verdicts

    return default_verdicts(rules_path, bundled)


def cmd_review(args: argparse.Namespace) -> int:
    rules_path, paths = args.rules, list(args.reports)
    bundled = rules_path is None
    if bundled:
        rules_path, paths = str(bundled_rules()), [str(bundled_reports())]
    rules = load_rules(rules_path)  # a bad rules file is answered here, before any screen
    verdicts = Path(args.verdicts) if args.verdicts else default_verdicts_path(rules_path, bundled)
    refuse_input_as_output(str(verdicts), rules_path, paths, option="--verdicts")
    from factdesk.tui.app import run_review  # the only import of the screen

    return run_review(rules, rules_path, paths, verdicts, reviewer=args.reviewer)


def cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.rules:
        try:
            rules = load_rules(path)
        except FactdeskError as exc:
            for line in error_lines(exc):
                print(line, file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        print(f"{printable(path, one_line=True)}: ok, {len(rules.claims)} claims")
        for claim in rules.claims:  # how each quantity is read; the text is the rules file's
            print(f"  {printable(reading(claim), one_line=True)}")
        if rules.rates.given or any(claim.kind is Kind.MONEY for claim in rules.claims):
            print(f"  rates: {rules.rates.described()}")
    return status


def cmd_eval(args: argparse.Namespace) -> int:
    from factdesk.claims.evaluate import evaluate_gold, find_gold, render_corpora, render_scores

    golds = find_gold(args.gold)
    options = dict(allow_outside=args.allow_outside, jobs=_jobs(args.jobs), max_bytes=args.max_report_size,
                   warn=_warn)
    if len(args.gold) == 1 and not Path(args.gold[0]).is_dir():  # one file: its full scores
        scores = evaluate_gold(args.gold[0], **options)
        out = render_scores(scores, args.format, show_errors=args.show_errors, base=str(Path(args.gold[0]).parent))
    else:
        corpora = [(name, str(path), evaluate_gold(path, **options)) for name, path in golds]
        out = render_corpora(corpora, args.format, show_errors=args.show_errors)
    # claim ids, files and quotes here come from the gold file: never raw to the terminal
    sys.stdout.write(printable(out) if args.format == "table" else safe_json(out) if args.format == "json" else out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from factdesk.claims.exports import ExportOptions, export, url_problem

    if args.format != "claimreview" and (args.publisher is not None or args.url is not None):
        raise FactdeskError("--publisher and --url are for --format claimreview only")
    publisher, url = (args.publisher or "").strip(), (args.url or "").strip()
    if args.publisher is not None and not publisher:
        raise FactdeskError("--publisher: give a name")
    if args.url is not None and (problem := url_problem(url)):
        raise FactdeskError(f"--url {url!r}: {problem}")
    if args.output and os.path.realpath(args.output) == os.path.realpath(args.verdicts):
        raise FactdeskError(f"{args.output}: is the verdicts file itself; not overwritten")
    if args.format == "claimreview" and not (url and publisher):
        _warn("a ClaimReview needs --url (the review's page) and --publisher to be used by search engines")
    options = ExportOptions(publisher, url, terminal=not args.output and sys.stdout.isatty())
    text = export(args.verdicts, args.format, options)
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomic(args.output, text)
    except OSError as exc:
        raise FactdeskError(f"{args.output}: cannot write: {exc.strerror or exc}") from exc
    return EXIT_OK


def cmd_eval_figures(args: argparse.Namespace) -> int:
    import yaml

    from factdesk.claims.figure_scores import figure_errors, load_items, render_errors, render_scores, score_items

    items = []
    for path in args.sets:
        try:
            items += load_items(path)
        except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
            print(f"factdesk: {printable(path, one_line=True)}: cannot read the figure set ({exc})", file=sys.stderr)
            return EXIT_BAD_INPUT
    sys.stdout.write(render_scores(score_items(items), args.format))
    if args.show_errors:
        sys.stdout.write(render_errors(figure_errors(items), "" if args.show_errors == "all" else args.show_errors))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
