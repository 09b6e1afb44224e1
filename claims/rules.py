"""The rules model (format version 1) and its loader, which reports every problem with a position.

A rules file states the quantitative claims of one source article. Only `id`, `statement` and
`quantity` are required of a claim; when `unit` or `context` is absent they are derived from the
statement (the words after the figure; the statement's content words). An optional `rates:`
says what currencies are worth in the claims' (see money.py).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .errors import FactdeskError, Problem, QuantityError, RulesError
from .figures import Figure, Interval, Kind, describe_interval, half_a_digit, read_figures, read_quantity
from .inputs import Refused, TooLarge, read_file
from .lexicon import content_words, same_word
from .money import NO_RATES, Rate, Rates
from .units import family_of

MAX_RULES_BYTES = 2_000_000  # a hand-written rules file is a few KB; refuse anything huge
MAX_YAML_NODES = 50_000

REQUIRED_TOP_KEYS = ("version", "source", "claims")
TOP_KEYS = (*REQUIRED_TOP_KEYS, "rates")
SOURCE_KEYS = ("title", "outlet", "published", "file", "url")
CLAIM_KEYS = ("id", "statement", "quantity", "unit", "context", "tolerance")
SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
# Ids head every line of a table and statements fill the review screen: bounded, so that output
# is bounded by reports x claims.
MAX_ID_CHARS = 64
MAX_STATEMENT_CHARS = 1_000


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    outlet: str = ""
    published: str = ""
    file: str = ""  # as written, relative to the rules file
    url: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    statement: str
    quantity: str
    figure: Figure  # the quantity as the grammar reads it, in the unit's kind
    units: tuple[str, ...]  # what the number counts, with aliases
    context: tuple[str, ...]  # words that tie a sentence to this claim
    tolerance: float = 0.0
    line: int = 0
    unit_given: bool = True
    context_given: bool = True
    read_in: str = ""  # the unit a bare number was read in ("km" for quantity 10 with unit km)
    rates: Rates = NO_RATES  # the rules file's, for money in other currencies

    @property
    def stated(self) -> str:
        """The quantity with the unit it was read in: '10 km' for quantity 10 with unit km."""
        return f"{self.quantity} {self.read_in}" if self.read_in else self.quantity

    @property
    def kind(self) -> Kind:
        return self.figure.kind

    @property
    def interval(self) -> Interval:
        """The claim's values: its figure's interval, widened by its tolerance, else (a measure)
        by the precision it is written to."""
        if self.tolerance:
            return self.figure.interval.widened(self.tolerance)
        return self.figure.compared


@dataclass(frozen=True, slots=True)
class RuleSet:
    path: str
    source: Source
    claims: tuple[Claim, ...]
    source_path: Path | None = field(default=None, compare=False)  # resolved source.file
    rates: Rates = NO_RATES

    def claim(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)


def load_rules(path: str | Path) -> RuleSet:
    """Read and validate a rules file; raise RulesError listing every problem found."""
    path = Path(path)
    name = str(path)
    try:
        raw = read_file(name, MAX_RULES_BYTES)
    except TooLarge as exc:
        raise _too_large(name, f"{exc.size:,}" if exc.size is not None else f"more than {MAX_RULES_BYTES:,}") from None
    except Refused as exc:
        reason = str(exc).removeprefix("cannot read: ")
        raise _refusal(Problem(name, f"cannot read the rules file: {reason}")) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refusal(Problem(name, "the file is UTF-16 text", expected="a UTF-8 encoded YAML file"))
    if b"\x00" in raw[:8192]:
        raise _refusal(Problem(name, "this is a binary file, not a YAML rules file",
                               expected="a UTF-8 encoded YAML file"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _refusal(Problem(name, "the file is not UTF-8 text", line, column,
                               "a UTF-8 encoded YAML file")) from exc
    try:
        return parse_rules(text, name, base=path.parent)
    except (MemoryError, RecursionError) as exc:
        raise _refusal(Problem(name, f"cannot read the rules file: too large for the memory available "
                               f"({type(exc).__name__})")) from None


def _refusal(problem: Problem) -> RulesError:
    return RulesError(str(problem), (problem,))


def _too_large(name: str, size: str) -> RulesError:
    return _refusal(Problem(name, f"rules file is too large ({size} bytes)",
                            expected=f"at most {MAX_RULES_BYTES:,} bytes"))


def parse_rules(text: str, name: str = "<rules>", base: Path | None = None) -> RuleSet:
    """Validate rules given as YAML text. `base` resolves `source.file`."""
    root = compose_yaml(text, name, RulesError, max_nodes=MAX_YAML_NODES)
    problems: list[Problem] = []
    checker = _Checker(name, text, problems)
    ruleset = checker.ruleset(root, base)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))  # in file order
        raise RulesError(f"{name}: {len(problems)} {noun}", tuple(problems))
    assert ruleset is not None
    return ruleset


# ---------------------------------------------------------------------------------------------
# YAML with positions
# ---------------------------------------------------------------------------------------------


MAX_YAML_DEPTH = 64  # rules nest four deep, verdicts five; deeper is hostile (and would recurse)


class _Refusal(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str, expected: str) -> None:
        super().__init__(message)
        self.mark, self.message, self.expected = mark, message, expected


class _LimitedLoader(yaml.SafeLoader):
    """The safe loader's composer (no tags run), refusing anchors, aliases and huge or deep
    graphs as it goes, so an alias bomb or a deeply nested document is stopped early."""

    def __init__(self, text: str, max_nodes: int | None, max_depth: int) -> None:
        super().__init__(text)
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.nodes = self.depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 (PyYAML's signature)
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refusal(event.start_mark, "anchors and aliases (&, *) are not allowed",
                           "plain values written out")
        self.nodes += 1
        if self.max_nodes is not None and self.nodes > self.max_nodes:
            raise _Refusal(event.start_mark, "the file has too many YAML nodes",
                           f"at most {self.max_nodes:,}")
        self.depth += 1
        if self.depth > self.max_depth:
            raise _Refusal(event.start_mark, "the YAML is nested too deeply",
                           f"at most {self.max_depth} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def compose_yaml(
    text: str,
    name: str,
    error: type[FactdeskError] = RulesError,
    *,
    max_nodes: int | None = None,
    max_depth: int = MAX_YAML_DEPTH,
) -> yaml.Node | None:
    """YAML text to its node graph (with positions), or `error` with one positioned Problem:
    a syntax error (with the offending line and what was expected), a tab used for
    indentation, a character YAML does not allow, an anchor or alias, too many or too deeply
    nested nodes. Nothing in the text is ever run: only the safe loader's composer is used."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        content = line.lstrip(" \t")
        indent = line[: len(line) - len(content)]
        if "\t" in indent and content and not content.startswith("#"):
            found = Problem(name, "a tab is used for indentation", i + 1, indent.index("\t") + 1,
                            "spaces; YAML does not allow tabs for indentation", line)
            raise error(str(found), (found,))

    def fault(found: Problem) -> FactdeskError:
        return error(str(found), (found,))

    def problem(mark: yaml.Mark | None, message: str, expected: str) -> FactdeskError:
        line = col = None
        snippet = ""
        if mark is not None:
            line, col = mark.line + 1, mark.column + 1
            snippet = lines[mark.line] if mark.line < len(lines) else ""
        return fault(Problem(name, message, line, col, expected, snippet))

    fast = _fast_compose(text, max_nodes, max_depth)
    if fast is not _UNSURE:
        return fast
    loader = None
    try:
        loader = _LimitedLoader(text, max_nodes, max_depth)  # refuses unprintable characters
        return loader.get_single_node()
    except _Refusal as exc:
        raise problem(exc.mark, exc.message, exc.expected) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. ESC
        upto = (text[: exc.position] + "x").splitlines()  # counts line breaks as YAML does
        mark = yaml.Mark(name, exc.position, len(upto) - 1, len(upto[-1]) - 1, None, None)
        raise problem(mark, f"the character U+{exc.character:04X} is not allowed in YAML",
                      "printable text; write control characters as escapes in double quotes") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:  # "... while parsing X", or "expected X" "but found Y"
            what = (f"{exc.problem} {exc.context}" if exc.context.startswith("while")
                    else f"{exc.context}, {exc.problem}")
        raise problem(mark, f"YAML syntax error: {what}", _yaml_expectation(exc)) from None
    except yaml.YAMLError as exc:
        raise fault(Problem(name, f"YAML error: {' '.join(str(exc).split())}")) from None
    finally:
        if loader is not None:
            loader.dispose()


_UNSURE = object()


def _fast_compose(text: str, max_nodes: int | None, max_depth: int) -> object:
    """The same graph through libyaml when PyYAML has it (several times faster on a large
    verdicts file), after a first pass over its events that refuses what the careful loader
    refuses. Any doubt answers _UNSURE, and the careful loader then says exactly what is wrong."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return _UNSURE
    depth = nodes = 0
    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    try:
        for event in yaml.parse(text, Loader=loader_class):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return _UNSURE
            if isinstance(event, (yaml.ScalarEvent, *opening)):
                nodes += 1
                if max_nodes is not None and nodes > max_nodes:
                    return _UNSURE
            if isinstance(event, opening):
                depth += 1
                if depth > max_depth:
                    return _UNSURE
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
        return yaml.compose(text, Loader=loader_class)
    except Exception:  # noqa: BLE001 (whatever libyaml dislikes, the careful loader explains)
        return _UNSURE


def _yaml_expectation(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").lower()
    if "expected <block end>" in problem or "block mapping" in problem:
        return "keys at the same indentation, each 'key: value'"
    if "mapping values are not allowed" in problem:
        return "a space after ':' and quotes around text that contains ': '"
    if "found character" in problem and "tab" in problem:
        return "spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "'key: value'"
    if "found undefined alias" in problem:
        return "no aliases"
    context = (exc.context or "").lower()
    if "quoted scalar" in context:
        return "the closing quote"
    if "flow mapping" in context or "flow sequence" in context:
        return "items separated by ', ' and a closing '}' or ']'"
    if "single document" in context:
        return "one document (no '---' line after the first)"
    return "valid YAML"


class _Checker:
    """Walks the composed YAML, collecting problems instead of stopping at the first."""

    def __init__(self, name: str, text: str, problems: list[Problem]) -> None:
        self.name = name
        self.lines = text.splitlines()
        self.problems = problems

    def add(self, node: yaml.Node | None, message: str, expected: str = "", column: int | None = None) -> None:
        line = col = None
        snippet = ""
        if node is not None:
            line, col = node.start_mark.line + 1, column or node.start_mark.column + 1
            if node.start_mark.line < len(self.lines):
                snippet = self.lines[node.start_mark.line]
        self.problems.append(Problem(self.name, message, line, col, expected, snippet))

    def mapping(self, node: yaml.Node, where: str, allowed: tuple[str, ...]) -> dict[str, tuple]:
        """Keys of a mapping node -> (key node, value node); flags unknown and duplicate keys."""
        out: dict[str, tuple] = {}
        if not isinstance(node, yaml.MappingNode):
            self.add(node, f"{where} is a {_kind(node)}", "a mapping of 'key: value' lines")
            return out
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.add(key_node, f"{where} has a key that is not text", "text keys")
                continue
            if key in out:
                self.add(key_node, f"{where} has the key '{key}' twice", "each key once")
                continue
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
                self.add(key_node, f"unknown key '{key}' in {where}{suggestion}",
                         "one of " + ", ".join(allowed))
                continue
            out[key] = (key_node, value_node)
        return out

    def text(self, node: yaml.Node, where: str, *, required: bool = True) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            if required or not (isinstance(node, yaml.ScalarNode)):
                self.add(node, f"{where} is {'empty' if isinstance(node, yaml.ScalarNode) else 'a ' + _kind(node)}",
                         "a text value")
            return None
        value = node.value.strip()
        if required and not value:
            self.add(node, f"{where} is empty", "a text value")
            return None
        return value

    def ruleset(self, root: yaml.Node | None, base: Path | None) -> RuleSet | None:
        if root is None:
            self.add(None, "the rules file is empty", "a mapping with version, source and claims")
            return None
        top = self.mapping(root, "the file", TOP_KEYS)
        if not isinstance(root, yaml.MappingNode):
            return None
        for key in REQUIRED_TOP_KEYS:
            if key not in top:
                self.add(root, f"{key} is missing", _TOP_HINTS[key])
        if "version" in top:
            version_node = top["version"][1]
            if not isinstance(version_node, yaml.ScalarNode):
                self.add(version_node, f"version is a {_kind(version_node)}",
                         "version: 1, the only version this factdesk reads")
            elif version_node.value.strip() != "1":
                self.add(version_node, f"unknown rules format version {version_node.value.strip()!r}",
                         "version: 1, the only version this factdesk reads")
        source = self.source(top["source"][1], base) if "source" in top else None
        claims = self.claims(top["claims"][1]) if "claims" in top else ()
        published = source.published if source is not None else ""
        rates = self.rates(top["rates"][1], claims, published) if "rates" in top else Rates(on=published)
        if self.problems or source is None:
            return None
        source_path = (base / source.file).resolve() if (base and source.file) else None
        claims = [replace(c, rates=rates) if c.kind is Kind.MONEY else c for c in claims]
        return RuleSet(self.name, source, tuple(claims), source_path, rates)

    def source(self, node: yaml.Node, base: Path | None) -> Source | None:
        fields = self.mapping(node, "source", SOURCE_KEYS)
        if not isinstance(node, yaml.MappingNode):
            return None
        if "title" not in fields:
            self.add(node, "source.title is missing", "the source article's headline")
        values = {k: self.text(v, f"source.{k}", required=(k == "title")) for k, (_, v) in fields.items()}
        if values.get("file") and base is not None:
            try:
                exists = (base / values["file"]).is_file()
            except (OSError, ValueError):  # a name too long, or with a NUL in it
                exists = False
            if not exists:
                self.add(fields["file"][1], f"source.file '{values['file']}' does not exist",
                         "a path relative to the rules file")
        if not values.get("title"):
            return None
        return Source(**{k: v or "" for k, v in values.items()})

    def claims(self, node: yaml.Node) -> list[Claim]:
        if not isinstance(node, yaml.SequenceNode):
            self.add(node, f"claims is a {_kind(node)}", "a list of claims, each starting with '- id:'")
            return []
        if not node.value:
            self.add(node, "claims is empty", "at least one claim")
        seen: dict[str, int] = {}
        out = []
        for i, item in enumerate(node.value):
            claim = self.claim(item, f"claims[{i}]")
            claim_id = _id_of(item)  # checked even when the claim has other faults
            if claim_id is not None and len(claim_id) <= MAX_ID_CHARS:
                if claim_id in seen:
                    self.add(item, f"claims[{i}].id '{claim_id}' is used twice (first at line {seen[claim_id]})",
                             "a unique id for each claim")
                    continue
                seen[claim_id] = item.start_mark.line + 1
            if claim is not None:
                out.append(claim)
        return out

    def claim(self, node: yaml.Node, where: str) -> Claim | None:
        fields = self.mapping(node, where, CLAIM_KEYS)
        if not isinstance(node, yaml.MappingNode):
            return None
        for key in ("id", "statement", "quantity"):
            if key not in fields:
                self.add(node, f"{where}.{key} is missing", _CLAIM_HINTS[key])
        values: dict[str, object] = {}
        for key in ("id", "statement", "quantity"):
            if key in fields:
                values[key] = self.text(fields[key][1], f"{where}.{key}")
        claim_id = values.get("id")
        if isinstance(claim_id, str) and len(claim_id) > MAX_ID_CHARS:
            self.add(fields["id"][1], f"{where}.id is {len(claim_id):,} characters long",
                     f"at most {MAX_ID_CHARS} characters, e.g. total-arrests")
            values["id"] = None
        elif isinstance(claim_id, str) and not SLUG.fullmatch(claim_id):
            self.add(fields["id"][1], f"{where}.id '{claim_id}' is not a lower-case slug",
                     "lower-case letters, digits and hyphens, e.g. total-arrests")
        statement = values.get("statement")
        if isinstance(statement, str) and len(statement) > MAX_STATEMENT_CHARS:
            self.add(fields["statement"][1], f"{where}.statement is {len(statement):,} characters long",
                     f"at most {MAX_STATEMENT_CHARS:,} characters: the sentence that makes the claim")
            values["statement"] = None
        units = self.words(fields["unit"][1], f"{where}.unit") if "unit" in fields else None
        context = self.words(fields["context"][1], f"{where}.context") if "context" in fields else None
        tolerance = 0.0
        if "tolerance" in fields:
            tolerance = self.tolerance(fields["tolerance"][1], f"{where}.tolerance")
        figure = None
        read_in = ""
        quantity = values.get("quantity")
        derived = derive_units(statement) if isinstance(statement, str) and not units else ()
        if isinstance(quantity, str):
            try:
                figure, read_in = read_claim_quantity(quantity, units or ())
            except QuantityError as exc:
                message = str(exc)
                expected = "a figure such as '75', 'more than 1,000', 'US$40 billion' or 'three days'"
                if "(expected" in message:  # the grammar already says what it expected
                    expected = ""
                self.add(fields["quantity"][1], f"{where}.quantity: {message}", expected)
            else:
                if not self.fully_read(fields["quantity"][1], f"{where}.quantity", figure, units or derived):
                    figure = None
                elif units and not self.unit_fits(fields["unit"][1], f"{where}.unit", figure, units):
                    figure = None
        if figure is None or not all(isinstance(values.get(k), str) for k in ("id", "statement")):
            return None
        assert isinstance(statement, str) and isinstance(claim_id, str)
        return Claim(
            id=claim_id,
            statement=statement,
            quantity=quantity,
            figure=figure,
            units=tuple(units) if units else derived,
            context=tuple(context) if context else tuple(content_words(statement)),
            tolerance=tolerance,
            line=node.start_mark.line + 1,
            unit_given=units is not None,
            context_given=context is not None,
            read_in=read_in,
        )

    def fully_read(self, node: yaml.Node, where: str, figure: Figure, units: tuple[str, ...] | list[str]) -> bool:
        """Are all the quantity's words read, as its figure or as what it counts ('75 Taiwanese')?
        'seventy-fiv' is read as 70 and leaves 'fiv'."""
        quantity = node.value.strip()
        counted = [w for unit in units for w in _LEFT_WORD.findall(unit)]
        left = [(offset + m.start(), m.group())
                for offset, part in ((0, quantity[:figure.start]), (figure.end, quantity[figure.end:]))
                for m in _LEFT_WORD.finditer(part) if not any(same_word(m.group(), w) for w in counted)]
        if not left:
            return True
        column = None
        if "\n" not in node.value and node.start_mark.line == node.end_mark.line:
            lead = node.value.index(quantity) + (1 if node.style in ("'", '"') else 0)
            column = node.start_mark.column + 1 + lead + left[0][0]
        self.add(node, f"{where}: cannot read {' '.join(w for _, w in left)!r} in {quantity!r} "
                 f"(the rest reads as {figure.describe()})",
                 "the figure alone, such as 'seventy-five' or '75'; what it counts goes in unit", column=column)
        return False

    def unit_fits(self, node: yaml.Node, where: str, figure: Figure, units: list[str]) -> bool:
        """Does a quantity that says its own kind ('$40 billion', '10 miles') agree with a unit that
        names one ('EUR', 'kg')? Any alias that agrees will do."""
        if figure.kind is Kind.COUNT:
            return True
        named = [(unit, probe) for unit in units if (probe := _unit_probe(unit)) is not None]
        if not named or any(_same_kind(probe, figure) for _, probe in named):
            return True
        unit, probe = named[0]
        self.add(node, f"{where} '{unit}' is {_kind_words(probe)}, but the quantity "
                 f"'{figure.text}' is {_kind_words(figure)}", "a unit of the quantity's kind, or no unit")
        return False

    def rates(self, node: yaml.Node, claims: list[Claim], published: str) -> Rates:
        """`rates:`: each entry what one unit of a currency is worth, either in the claims' currency
        (`CNY: 0.1377`, when the money claims are all in one) or in the currencies it names
        (`EUR: {USD: 1.08}`)."""
        if not isinstance(node, yaml.MappingNode):
            self.add(node, f"rates is {_described(node)}", _RATES_EXPECTED)
            return Rates(on=published)
        theirs = sorted({c.figure.currency for c in claims if c.kind is Kind.MONEY})
        unsure = bool(self.problems)  # a faulty claim may be the money claim a single number is for
        given: dict[tuple[str, str], Rate] = {}
        for of, key_node, value_node in self.currencies(node, "rates"):
            where = f"rates.{of}"
            if isinstance(value_node, yaml.MappingNode) and value_node.value:
                for to, to_node, rate_node in self.currencies(value_node, where):
                    self.rate(given, of, to, rate_node, to_node, f"{where}.{to}")
            elif isinstance(value_node, yaml.ScalarNode) and value_node.tag != "tag:yaml.org,2002:null":
                if len(theirs) == 1:
                    self.rate(given, of, theirs[0], value_node, key_node, where)
                elif theirs or not unsure:
                    said = "no claim is money" if not theirs else f"the claims are in {' and '.join(theirs)}"
                    self.add(value_node, f"{where} is a single number, but {said}",
                             f"the currency it is worth in, e.g. '{of}: {{{theirs[-1] if theirs else 'USD'}: 1.08}}'")
            else:
                self.add(value_node, f"{where} is {_described(value_node)}",
                         f"a positive number, or a mapping such as '{of}: {{USD: 1.08}}'")
        return Rates(tuple(given.values()), published)

    def currencies(self, node: yaml.MappingNode, where: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """The mapping's entries as (currency code, key node, value node), each currency once."""
        seen: set[str] = set()
        for key_node, value_node in node.value:
            code = self.currency(key_node, where)
            if code is None:
                continue
            if code in seen:
                self.add(key_node, f"{where} has {code} twice", "each currency once")
                continue
            seen.add(code)
            yield code, key_node, value_node

    def currency(self, node: yaml.Node, where: str) -> str | None:
        """A currency code the figure reader reads ('USD', 'cny'), as its ISO 4217 code."""
        expected = "the ISO 4217 code of a currency factdesk reads, e.g. USD, EUR, GBP, CNY"
        if not isinstance(node, yaml.ScalarNode):
            self.add(node, f"{where} has a key that is a {_kind(node)}", expected)
            return None
        code = node.value.strip()
        found = read_figures(f"1 {code.upper()}") if re.fullmatch(r"[A-Za-z]{3}", code) else []
        if len(found) == 1 and found[0].kind is Kind.MONEY and found[0].currency:
            return found[0].currency
        self.add(node, f"{where} has an unknown currency code '{code}'", expected)
        return None

    def rate(self, given: dict[tuple[str, str], Rate], of: str, to: str, node: yaml.Node,
             key_node: yaml.Node, where: str) -> None:
        if of == to:
            self.add(key_node, f"{where} is a rate of {of} to itself", f"another currency than {of}")
            return
        if (of, to) in given:
            self.add(key_node, f"{where}: the rate of {of} in {to} is given twice", "each rate once")
            return
        try:
            value = float(node.value) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or value <= 0:
            shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else f"a {_kind(node)}"
            self.add(node, f"{where} is {shown}", f"a positive number: what one {of} is worth in {to}")
            return
        given[(of, to)] = Rate(of, to, value)

    def words(self, node: yaml.Node, where: str) -> list[str] | None:
        if isinstance(node, yaml.ScalarNode) and node.value.strip():
            return [node.value.strip()]
        if isinstance(node, yaml.SequenceNode) and node.value:
            out = []
            for i, item in enumerate(node.value):
                if isinstance(item, yaml.ScalarNode) and item.value.strip():
                    out.append(item.value.strip())
                else:
                    self.add(item, f"{where}[{i}] is not a word or phrase", "text")
            return out or None
        self.add(node, f"{where} is {'empty' if isinstance(node, yaml.ScalarNode) else 'a ' + _kind(node)}",
                 "a word, a phrase or a list of them")
        return None

    def tolerance(self, node: yaml.Node, where: str) -> float:
        try:
            value = float(node.value) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:
            value = None
        if value is None or not 0 <= value < 1:  # (NaN fails the comparison too)
            shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else f"a {_kind(node)}"
            self.add(node, f"{where} is {shown}", "a relative slack between 0 and 1, e.g. 0.05 for 5%")
            return 0.0
        return value


_TOP_HINTS = {
    "version": "version: 1",
    "source": "source: with at least a title",
    "claims": "claims: a list of claims",
}
_CLAIM_HINTS = {
    "id": "a unique lower-case slug, e.g. total-arrests",
    "statement": "the sentence of the source that makes the claim",
    "quantity": "the figure claimed, e.g. 'more than 1,000'",
}


_RATES_EXPECTED = ("a mapping of currency codes to what one unit is worth, "
                   "e.g. 'CNY: 0.1377' or 'EUR: {USD: 1.08}'")
_LEFT_WORD = re.compile(r"[^\W_]+")


def _unit_probe(unit: str) -> Figure | None:
    """What a unit names, read as the figure '1 <unit>': money, a measure, a percentage..."""
    probe = read_figures(f"1 {unit}")
    return probe[0] if len(probe) == 1 and probe[0].kind is not Kind.COUNT else None


def _same_kind(a: Figure, b: Figure) -> bool:
    if a.kind is not b.kind:
        return False
    if a.kind is Kind.MONEY:
        return a.currency == b.currency
    if a.kind is Kind.MEASURE:
        return family_of(a.unit).family == family_of(b.unit).family
    return True


def _kind_words(figure: Figure) -> str:
    """'money in EUR', 'a length', 'a percentage'."""
    if figure.kind is Kind.MONEY:
        return f"money in {figure.currency}"
    if figure.kind is Kind.MEASURE:
        return f"a {family_of(figure.unit).family}"
    return {Kind.PERCENT: "a percentage", Kind.POINTS: "percentage points", Kind.DURATION: "a duration",
            Kind.AGE: "an age", Kind.MULTIPLIER: "a factor", Kind.FRACTION: "a share"}.get(figure.kind, "a count")


def _described(node: yaml.Node) -> str:
    """'empty', 'a single value', 'a list', 'a mapping'."""
    if isinstance(node, yaml.ScalarNode):
        return "empty" if node.tag == "tag:yaml.org,2002:null" or not node.value.strip() else "a single value"
    return f"a {_kind(node)}" if node.value else "empty"


def _id_of(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
                return value.value.strip() or None
    return None


def _kind(node: yaml.Node | None) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    if isinstance(node, yaml.ScalarNode):
        return "single value"
    return "nothing"


def read_claim_quantity(quantity: str, units: tuple[str, ...] | list[str]) -> tuple[Figure, str]:
    """Read a claim's quantity, and the unit a bare number was read in ("" when it says its own):
    a unit that names a kind (a currency, a time unit, a unit of measure, percent or points)
    makes a bare number that kind.

    `quantity: 40 billion` with `unit: USD` is money; `quantity: 3` with `unit: days` a duration;
    `quantity: 16` with `unit: km` a length. The unit is read by the same grammar, as '1 <unit>'.
    """
    figure = read_quantity(quantity)
    if figure.kind is not Kind.COUNT or not units:
        return figure, ""
    for unit in units:
        probe = _unit_probe(unit)
        if probe is None:
            continue
        kind, scale = probe.kind, probe.interval.low
        if kind is Kind.MEASURE:  # "7.7" with unit "magnitude", "16" with "km": in the family's base
            return measured(figure, probe.unit), unit
        if kind in (Kind.MONEY, Kind.DURATION, Kind.PERCENT, Kind.POINTS):
            iv = figure.interval
            return Figure(
                figure.start, figure.end, figure.text, kind,
                Interval(iv.low * scale, iv.high * scale, iv.low_open, iv.high_open),
                figure.value * scale, figure.hedge, probe.currency, figure.rate,
            ), unit
    return figure, ""


def measured(figure: Figure, unit: str) -> Figure:
    """A bare number read in a unit of measure ("7.7" in "magnitude"): in the family's base, as
    exact as it is written."""
    found = family_of(unit)
    iv = figure.interval
    low = iv.low if math.isinf(iv.low) else found.to_base(iv.low)
    high = iv.high if math.isinf(iv.high) else found.to_base(iv.high)
    slack = half_a_digit(figure.text) * found.factor if iv.low == iv.high else 0.0
    return Figure(figure.start, figure.end, figure.text, Kind.MEASURE, Interval(low, high, iv.low_open, iv.high_open),
                  found.to_base(figure.value), figure.hedge, "", figure.rate, unit, slack)


def reading(claim: Claim) -> str:
    """How a claim's quantity is read, for `factdesk validate`: 'taiwanese: 75 (exactly 75)
    Taiwanese', 'depth: 10 km (exactly 10 km; compared as 9.5 to 10.5 km)'."""
    figure = claim.figure
    said = figure.describe()
    if claim.interval != figure.interval:
        said += "; compared as " + describe_interval(claim.interval, figure.hedge, figure.kind, figure.currency,
                                                     figure.rate, figure.unit)
        if claim.tolerance:
            said += f", tolerance {claim.tolerance:g}"
    counted = f" {claim.units[0]}" if claim.kind is Kind.COUNT and claim.units else ""
    return f"{claim.id}: {claim.stated} ({said}){counted}"


def derive_units(statement: str) -> tuple[str, ...]:
    """The words after the figure in a statement: 'arrested 119 Thais in March' -> ('Thais',)."""
    figures = read_figures(statement)
    if not figures:
        return ()
    after = statement[figures[0].end:]
    m = re.match(r"\s*((?:[A-Za-z][\w'’-]*\s*){1,3})", after)
    if not m:
        return ()
    words = []
    for word in m.group(1).split():
        if word.lower() in _UNIT_STOP:
            break
        words.append(word)
    return (" ".join(words),) if words else ()


_UNIT_STOP = frozenset(
    """in on at of for from to by with and or but who which that were was are is have has had
    be been being during after before since as than into across over under among including
    a year annually each per""".split()
)
