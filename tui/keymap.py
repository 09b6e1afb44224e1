"""The user's keymap: `$XDG_CONFIG_HOME/factdesk/keymap.toml` (else ~/.config/...), e.g.

    [keymap]
    "review.next_claim" = "j,down"
    "review.supports" = "y"

maps binding ids (listed on the help screen) to comma-separated keys, replacing the defaults.
The verdict keys are here too: the review screen and the matrix share them, ids and all, so one
keymap entry rebinds a verdict key on both.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from textual.binding import Binding


def keymap_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "factdesk" / "keymap.toml"


def load_keymap(path: Path | None, known: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """The keymap to apply and the problems found (an unreadable file gives no keymap)."""
    if path is None or not path.is_file():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: cannot read the keymap ({exc}); using the default keys"]
    table = data.get("keymap")
    if not isinstance(table, dict):
        return {}, [f"{path}: no [keymap] table; using the default keys"]
    known = set(known)
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for key, value in table.items():
        if key not in known:
            problems.append(f"{path}: unknown binding id {key!r} (the help screen lists them)")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"{path}: {key!r} needs keys as a string, like \"j,down\"")
        else:
            keymap[key] = ",".join(k.strip() for k in value.split(","))
    return keymap, problems


DECIDES = "; marks the pair reviewed, moves on"
VERDICT = Binding.Group("verdict")
# the verdict keys, on the review screen and in the matrix (one id each: one keymap entry for both)
VERDICT_BINDINGS = [
    Binding("1", "decide('supports')", "supports", id="review.supports", group=VERDICT,
            tooltip="verdict: supports" + DECIDES),
    Binding("2", "decide('contradicts')", "contradicts", id="review.contradicts", group=VERDICT,
            tooltip="verdict: contradicts" + DECIDES),
    Binding("3", "decide('conflicting')", "conflicting", id="review.conflicting", group=VERDICT,
            tooltip="verdict: conflicting" + DECIDES),
    Binding("4", "decide('not_mentioned')", "not mentioned", id="review.not_mentioned", group=VERDICT,
            tooltip="verdict: not mentioned" + DECIDES),
    Binding("enter", "decide('')", "accept", id="review.accept", tooltip="accept the checker's verdict" + DECIDES),
]
