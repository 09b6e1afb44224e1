"""The floor for `factdesk check`: one Python process, one regex pass over the same files.

It reads every report under the given paths (folders expand like factdesk's: sorted, report
suffixes only, hidden entries skipped), decodes it, and finds the digit runs and number words
in one pass of one regular expression. Nothing is parsed, matched or written: this is the
least work any checker of the same files must do, in the same language.

    python tests/benchmarks/floor.py REPORT_OR_DIR...     # prints the count of numbers found
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion dozen"
).split()


def _trie(words: list[str]) -> str:
    """An alternation factored by shared prefixes ("t(?:en|h(?:irt...") so a miss fails fast."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        alts = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return pattern(tree)


# A reasonably tuned pass (about 3x faster than a plain "\b(?:zero|one|...)\b"), so that the
# floor is honest: digit runs (with , or . groups), or a number word at a word start.
_FIRST = "".join(sorted({w[0] for w in NUMBER_WORDS}))
NUMBERS = re.compile(
    r"\d+(?:[.,]\d+)*|\b(?=[" + _FIRST + _FIRST.upper() + r"])" + _trie(NUMBER_WORDS) + r"\b",
    re.IGNORECASE,
)


def files(paths: list[str]):
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    yield child
        else:
            yield path


def main(argv: list[str]) -> int:
    found = 0
    for path in files(argv):
        text = path.read_bytes().decode("utf-8", errors="replace")
        found += len(NUMBERS.findall(text))
    print(found)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
