"""The engine and the headless command line never import the screen's toolkit (Textual):
`factdesk check` starts fast and runs where Textual is not wanted."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import factdesk.claims

ROOT = Path(__file__).resolve().parent.parent


def loaded_after(code: str) -> set[str]:
    """The top-level modules loaded by a fresh interpreter after running `code`."""
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_every_engine_module_imports_without_textual():
    names = [f"factdesk.claims.{m.name}" for m in pkgutil.iter_modules(factdesk.claims.__path__)]
    assert "factdesk.claims.review" in names and "factdesk.claims.match" in names
    modules = loaded_after("\n".join(f"import {name}" for name in names))
    assert "textual" not in modules


def test_factdesk_check_runs_without_textual():
    code = ("from factdesk.tui.cli import main, bundled_rules, bundled_reports\n"
            "import contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    code = main(['check', str(bundled_rules()), str(bundled_reports()) + '/01-wire-agreement.txt'])\n"
            "assert code in (0, 1), code\n")
    assert "textual" not in loaded_after(code)


def test_the_review_command_is_what_brings_textual_in():
    assert "textual" in loaded_after("import factdesk.tui.app")


def test_the_review_checks_reports_in_a_child_that_loads_no_textual():
    modules = loaded_after("import factdesk.tui.checking, factdesk.tui.session")
    assert "textual" not in modules


def test_the_review_journal_pairs_and_passages_load_no_textual():
    modules = loaded_after("import factdesk.tui.journal, factdesk.tui.pairs, factdesk.tui.passages")
    assert "textual" not in modules
