"""`factdesk review` in a real pseudo-terminal, ended by SIGTERM or SIGHUP: the terminal is
given back (main screen, mouse tracking off) and the unsaved review stays in its recovery file."""

from __future__ import annotations

import os
import select
import signal
import struct
import sys
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty", reason="needs a POSIX pseudo-terminal")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN = b"\x1b[?1049h", b"\x1b[?1049l"
MOUSE = [(b"\x1b[?%dh" % mode, b"\x1b[?%dl" % mode) for mode in (1000, 1003, 1006)]


class Terminal:
    """A program on a pseudo-terminal of 120x40, and every byte it wrote."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the program asks
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
                os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = b""
        self.code: int | None = None

    def read_until(self, done, timeout: float = 60.0) -> bool:
        deadline = time.monotonic() + timeout
        while not done() and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    data = os.read(self.fd, 1 << 16)
                except OSError:  # EIO: the program closed the terminal
                    data = b""
                if not data:
                    break
                self.output += data
        return done()

    def ended(self, timeout: float = 30.0) -> int | None:
        self.read_until(lambda: False, timeout=0.5)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.read_until(lambda: False, timeout=0.2)
                return os.waitstatus_to_exitcode(status)
            self.read_until(lambda: False, timeout=0.1)
        return None

    def close(self) -> None:
        try:
            if os.waitpid(self.pid, os.WNOHANG)[0] == 0:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_review_gives_the_terminal_back_and_keeps_the_recovery_file(desk, signum):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL") and k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm-256color", XDG_CONFIG_HOME=str(desk.root / "config"))
    argv = [sys.executable, "-m", "factdesk.tui.cli", "review", desk.rules, desk.reports]
    term = Terminal(argv, desk.root, env)
    recovery = desk.path(f"{desk.verdicts}.recovery.{term.pid}")  # one recovery file per open review
    try:
        # the three reports checked: 27 pairs in the status line
        assert term.read_until(lambda: b"of 27 pairs reviewed" in term.output), term.output[-2000:]
        os.write(term.fd, b"2")  # a verdict, not saved: autosaved to the recovery file
        deadline = time.monotonic() + 30
        while not recovery.exists() and time.monotonic() < deadline:
            term.read_until(lambda: False, timeout=0.1)
        assert recovery.exists()
        os.kill(term.pid, signum)
        code = term.ended()
    finally:
        term.close()
    assert code == 128 + signum  # ended by the signal, as a shell reports it; not killed by it
    out = term.output
    assert out.rfind(LEAVE_ALT_SCREEN) > out.rfind(ENTER_ALT_SCREEN) >= 0
    for on, off in MOUSE:
        assert out.rfind(off) > out.rfind(on) >= 0, on
    assert recovery.exists()  # the unsaved review is offered back next time
    assert not desk.path(desk.verdicts).exists()
