"""A program run in a pseudo-terminal, as a user's terminal runs it, and what it draws.

`PtyChild` forks the program on a new pseudo-terminal of a given size (set before it starts),
reads everything it writes, keeps a tiny model of the screen (`Grid`: cursor moves and text,
colours ignored) and timestamps every frame. Textual asks the terminal whether it supports
synchronized output (DECRQM 2026); we answer "yes", as modern terminals do, so Textual brackets
every frame between BSU/ESU (`ESC[?2026h` ... `ESC[?2026l`) and a frame's end is exact: the moment
its ESU arrives. Linux only (pty, termios).
"""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Mapping, Sequence

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # mode 2026 is supported and reset
SYNC_END = b"\x1b[?2026l"

_TOKEN = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[P_^][^\x1b]*\x1b\\"  # DCS, APC, PM
    r"|\x1b[ -/]*(?![\[\]P^_])[0-~]"  # other escapes
    r"|[^\x1b]+"  # text
)


class Grid:
    """The characters on a terminal screen: enough of a terminal to read what a program drew."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.cells = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self.painted: set[int] = set()  # rows something was written on
        self._pending = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        at = 0
        while at < len(text):
            m = _TOKEN.match(text, at)
            if m is None:  # an escape sequence cut by the end of this chunk (or one we cannot read)
                if len(text) - at < 64:
                    break
                at += 1
                continue
            token, at = m.group(), m.end()
            if token.startswith("\x1b["):
                self._csi(token)
            elif not token.startswith("\x1b"):
                self._text(token)
        self._pending = text[at:]

    def _csi(self, seq: str) -> None:
        final, params = seq[-1], seq[2:-1]
        if final in "Hf" and not params.startswith("?"):
            parts = [int(p) if p.isdigit() else 1 for p in (params.split(";") if params else [])]
            row, col = (parts + [1, 1])[:2]
            self.row, self.col = min(max(row, 1), self.rows) - 1, min(max(col, 1), self.cols) - 1
        elif final == "J" and params in ("2", "3"):
            self.cells = [[" "] * self.cols for _ in range(self.rows)]

    def _text(self, text: str) -> None:
        for ch in text:
            if ch == "\r":
                self.col = 0
            elif ch == "\n":
                self.row = min(self.row + 1, self.rows - 1)
            elif ch >= " ":
                if self.col < self.cols:
                    self.cells[self.row][self.col] = ch
                    self.painted.add(self.row)
                self.col += 1

    def text(self) -> str:
        return "\n".join("".join(row) for row in self.cells)

    def full(self) -> bool:
        """Every row has been drawn at least once."""
        return len(self.painted) == self.rows


class PtyChild:
    """`argv` running on a pseudo-terminal of `size` (columns, rows)."""

    def __init__(self, argv: Sequence[str], size: tuple[int, int], env: Mapping[str, str] | None = None,
                 cwd: str | None = None) -> None:
        cols, rows = size
        self.grid = Grid(cols, rows)
        self.frames: list[float] = []  # perf_counter at each frame's end (ESU received)
        self.output = 0  # bytes read
        self.last_output = 0.0
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the program can ask
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                if cwd:
                    os.chdir(cwd)
                os.execvpe(argv[0], list(argv), dict(env) if env is not None else os.environ)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.code: int | None = None
        self._tail = b""

    # -- reading ---------------------------------------------------------------------------------

    def _read(self, timeout: float) -> bool:
        """Read what is there within `timeout` s; False when nothing came (or the child ended)."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0.0))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        now = time.perf_counter()
        if not data:
            self._reap(block=False)
            return False
        self.output += len(data)
        self.last_output = now
        seen, old = self._tail + data, len(self._tail)  # a sequence may be cut between two reads
        for _ in _ends(seen, SYNC_QUERY, old):
            os.write(self.fd, SYNC_REPLY)
        # feed frame by frame, so that a frame's end is judged on the screen as it was then
        start = 0
        for end in _ends(seen, SYNC_END, old):
            self.grid.feed(data[start:end - old])
            self.frames.append(now)
            start = end - old
        self.grid.feed(data[start:])
        self._tail = seen[-16:]
        return True

    def until(self, done: Callable[[Grid], bool], timeout: float) -> float | None:
        """Read until a frame ends with `done(grid)` true; the perf_counter of that frame's end,
        or None after `timeout` s (or when the child ends first)."""
        deadline = time.perf_counter() + timeout
        frames = len(self.frames)
        while time.perf_counter() < deadline:
            got = self._read(min(0.05, deadline - time.perf_counter()))
            if len(self.frames) > frames:
                frames = len(self.frames)
                if done(self.grid):
                    return self.frames[-1]
            if not got and self.code is not None:
                return None
        return None

    def quiet(self, seconds: float, timeout: float = 10.0) -> None:
        """Read until nothing has come for `seconds` s."""
        deadline = time.perf_counter() + timeout
        last = time.perf_counter()
        while time.perf_counter() < deadline:
            if self._read(min(seconds, 0.05)):
                last = time.perf_counter()
            elif time.perf_counter() - last >= seconds or self.code is not None:
                return

    def key(self, data: bytes, quiet: float = 0.15, timeout: float = 5.0) -> tuple[float, float] | None:
        """Type `data`; (seconds to the end of the first frame it caused, to the end of the last
        one before `quiet` s of silence), or None when it caused no frame."""
        self.quiet(quiet)
        frames = len(self.frames)
        t = time.perf_counter()
        os.write(self.fd, data)
        self.quiet(quiet, timeout)
        after = self.frames[frames:]
        return (after[0] - t, after[-1] - t) if after else None

    # -- ending ----------------------------------------------------------------------------------

    def _reap(self, block: bool) -> None:
        if self.code is not None:
            return
        pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        if pid:
            self.code = os.waitstatus_to_exitcode(status)

    def close(self, quit_keys: bytes = b"\x11", timeout: float = 10.0) -> int:
        """Ask the program to quit (ctrl+q), then kill it if it has not ended within `timeout` s."""
        try:
            if self.code is None:
                os.write(self.fd, quit_keys)
            deadline = time.perf_counter() + timeout
            while self.code is None and time.perf_counter() < deadline:
                self._read(0.05)
                self._reap(block=False)
            if self.code is None:
                os.kill(self.pid, signal.SIGKILL)
                self._reap(block=True)
        except (OSError, ChildProcessError):
            pass
        finally:
            try:
                os.close(self.fd)
            except OSError:
                pass
        return self.code if self.code is not None else -9


def _ends(data: bytes, sequence: bytes, after: int) -> list[int]:
    """Where each `sequence` in `data` ends, for those ending past offset `after`."""
    return [m.end() for m in re.finditer(re.escape(sequence), data) if m.end() > after]
