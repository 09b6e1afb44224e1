"""The theme the user chose, kept between runs: `$XDG_CONFIG_HOME/factdesk/theme.toml` (else
~/.config/...), beside the keymap, e.g.

    theme = "nord"

It is written when the theme is changed (the command palette's "Change theme") and read when
the review starts. A file that cannot be read, or names a theme this version lacks, is ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path

from textual.app import App
from textual.theme import Theme


def theme_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "factdesk" / "theme.toml"


def load_theme(path: Path) -> str | None:
    """The theme's name saved in `path`, or None (no file, or one that cannot be read)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    name = data.get("theme")
    return name if isinstance(name, str) and name else None


def save_theme(path: Path, name: str) -> None:
    """Write `theme = "<name>"` to `path` atomically (its folder made if need be); OSError when
    the folder refuses."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f"theme = {json.dumps(name)}\n")  # a JSON string is a TOML basic string
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def keep_theme(app: App, path: Path | None = None) -> None:
    """Apply the saved theme to `app` (if this version has it) and save every change from now on.
    A save that fails is told once, as a warning."""
    path = theme_path() if path is None else path
    saved = load_theme(path)
    if saved is not None and saved in app.available_themes:
        app.theme = saved
    told = False

    def changed(theme: Theme) -> None:
        nonlocal told, saved
        if theme.name == saved:
            return
        try:
            save_theme(path, theme.name)
            saved = theme.name
        except OSError as exc:
            if not told:
                told = True
                app.notify(f"Cannot keep the theme in {path}: {exc.strerror or exc}", severity="warning",
                           markup=False)

    app.theme_changed_signal.subscribe(app, changed)
