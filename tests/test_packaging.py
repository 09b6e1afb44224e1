"""The wheel carries everything `pip install .` users need: the screen, its styles and the
bundled example (rules, source article, sample reports)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_the_screen_and_the_bundled_example(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("factdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "factdesk/claims/figures.py",
        "factdesk/tui/cli.py",
        "factdesk/tui/app.tcss",
        "factdesk/tui/screens/review.py",
        "factdesk/tui/widgets/fields.py",
        "factdesk/rules/cambodia-scam-crackdown.yaml",
        "factdesk/seeds/cambodia-scam-crackdown-taipei-times-2025-07-17.txt",
        "factdesk/seeds/reports/10-news-page.html",
        "factdesk/seeds/reports/11-nationality-breakdown.md",
        "factdesk/seeds/reports/expected.yaml",
    ):
        assert needed in names, needed
    assert not any(n.startswith(("factdesk/tests", "tests/")) for n in names)


DRIVER = '''
"""`factdesk` with no arguments, as a user runs it, with its App driven headless by Pilot."""
import asyncio, json, os, sys, time
from pathlib import Path

SEEN = {}
CR_PASTE = "Cambodia holds 75 Taiwanese in raids\\rPolice said 75 Taiwanese were arrested.\\r"


async def until(pilot, done, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)
    await pilot.pause(0.1)


def idle(app):
    from textual.worker import WorkerState
    return not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


async def drive(app):
    from textual import events
    from factdesk.tui.screens.dialogs import Paste
    async with app.run_test(size=(80, 24)) as pilot:
        review = app.screen_stack[0]
        await until(pilot, lambda: review.state.reports and idle(app))
        SEEN["reports"] = len(review.state.reports)
        SEEN["status"] = str(review.query_one("#status").content)
        SEEN["verdicts"] = str(review.file.path.resolve())
        await pilot.press("1")
        await until(pilot, lambda: review.file.recovery.exists())
        SEEN["recovery"] = str(review.file.recovery.resolve())
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, Paste))
        app.post_message(events.Paste(CR_PASTE))
        await pilot.pause(0.2)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(review.state.reports) == SEEN["reports"] + 1 and idle(app))
        SEEN["pasted"] = str(Path(review.state.reports[-1].file))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not review.dirty and idle(app))
        SEEN["saved"] = review.file.path.is_file()
        await pilot.press("q")
        await pilot.pause(0.2)


if __name__ == "__main__":
    from factdesk.tui import cli
    from factdesk.tui.app import FactdeskApp

    FactdeskApp.run = lambda self, *a, **k: asyncio.run(drive(self))
    SEEN["code"] = cli.main([])
    print(json.dumps(SEEN))
'''


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_installed_factdesk_writes_into_the_current_folder_never_into_site_packages(tmp_path):
    """The wheel installed into a venv of its own (its dependencies from the project's venv, by a
    .pth file), then `factdesk` run from another folder: the verdicts, the recovery file and a
    pasted report go into that folder, the header shows where, and site-packages is untouched."""
    import sysconfig

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                    str(ROOT)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("factdesk-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "-q", str(wheel)], check=True, capture_output=True)
    packages = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   check=True, capture_output=True, text=True).stdout.strip())
    # the dependencies: the project's venv's site-packages as a plain path (its editable
    # factdesk is not installed by it: .pth files there are not read)
    (packages / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "TEXTUAL", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), PYTHONDONTWRITEBYTECODE="1", TERM="xterm-256color")
    where = subprocess.run([str(python), "-c", "import factdesk.tui.cli as c; print(c.__file__)"], cwd=newsroom,
                           env=env, check=True, capture_output=True, text=True).stdout.strip()
    assert Path(where).is_relative_to(packages)  # the installed copy runs, not the project's
    before = _files(packages)

    (tmp_path / "drive.py").write_text(DRIVER)
    run = subprocess.run([str(python), str(tmp_path / "drive.py")], cwd=newsroom, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0 and seen["reports"] == 15 and seen["saved"]
    assert seen["verdicts"] == str(newsroom.resolve() / "cambodia-scam-crackdown.verdicts.yaml")
    # the header says where, shortened to fit 80 columns (beside the pairs' counts)
    assert re.search(r"verdicts: …[\w-]*crackdown\.verdicts\.yaml   new file$", seen["status"]), seen["status"]
    assert len(seen["status"]) <= 78
    assert Path(seen["recovery"]).parent == newsroom.resolve()
    assert seen["pasted"].startswith("cambodia-scam-crackdown.verdicts.pasted/")
    pasted = newsroom / seen["pasted"]
    assert pasted.read_text(encoding="utf-8").startswith("---\ntitle: Cambodia holds 75 Taiwanese in raids\n")
    assert (newsroom / "cambodia-scam-crackdown.verdicts.yaml").is_file()
    assert _files(packages) == before  # nothing written, changed or removed under site-packages

    check = subprocess.run([str(venv / "bin" / "factdesk"), "check", "--output", "checked.yaml"], cwd=newsroom,
                           env=env, capture_output=True, text=True, timeout=600)
    assert check.returncode in (0, 1), check.stderr
    assert (newsroom / "checked.yaml").is_file() and _files(packages) == before
