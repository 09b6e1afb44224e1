"""Which review holds a verdicts file: `<name>.review.lock` beside it says who (pid, host, when it
began, the reviewer) and is held with flock for as long as that review runs.

A lock is live when its holder still holds the flock, or when it is on another host (which we
cannot look into). On this host, a lock whose process has ended, or whose flock nobody holds (the
process died and its pid went to another program), is stale and is taken over. Taking and taking
over are done under a lock of their own, so two reviews starting at once cannot both win.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from factdesk.claims.formats import locked
from factdesk.tui.session import pid_alive


@dataclass(frozen=True)
class Holder:
    """Who holds a verdicts file."""

    pid: int
    host: str
    started: str  # local time, YYYY-MM-DD HH:MM:SS
    reviewer: str = ""

    def describe(self) -> str:
        who = f" ({self.reviewer})" if self.reviewer else ""
        return f"the review of process {self.pid} on {self.host}{who}, open since {self.started}"


def lock_path(verdicts: Path) -> Path:
    return verdicts.with_name(f"{verdicts.name}.review.lock")


def this_host() -> str:
    return socket.gethostname()


def read_holder(path: Path) -> Holder | None:
    """The holder a lock file names; None when there is no lock file or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["started"]), str(data.get("reviewer", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _flock_held(path: Path) -> bool | None:
    """Does any open review hold the lock file's flock (None: this file system cannot say)?"""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return None
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def live(path: Path, holder: Holder) -> bool:
    """Is the review that wrote `path` still running (as far as this host can tell)?"""
    if holder.host != this_host():
        return True
    if not pid_alive(holder.pid):
        return False
    held = _flock_held(path)
    return True if held is None else held


@dataclass(frozen=True)
class Taken:
    """The outcome of trying to take a verdicts file: `lock` when this review holds it now (then
    `replaced` names a stale holder it took over from), else `holder`, who holds it."""

    lock: ReviewLock | None
    holder: Holder | None = None
    replaced: Holder | None = None


class ReviewLock:
    """A lock this review holds: its file, kept open with a flock until `release()`."""

    def __init__(self, path: Path, fd: int, holder: Holder) -> None:
        self.path, self.fd, self.holder = path, fd, holder

    @classmethod
    def take(cls, verdicts: Path, reviewer: str = "") -> Taken:
        """Take the lock of `verdicts` unless a live review holds it. OSError when the folder
        refuses (a read-only folder: then nobody else can save there either)."""
        path = lock_path(verdicts)
        with locked(path):
            current = read_holder(path) if os.path.lexists(path) else None
            replaced = None
            if os.path.lexists(path):
                if current is not None and live(path, current):
                    return Taken(None, current)
                replaced = current
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
            holder = Holder(os.getpid(), this_host(), datetime.now().strftime("%Y-%m-%d %H:%M:%S"), reviewer)
            return Taken(cls._create(path, holder), replaced=replaced)

    @classmethod
    def _create(cls, path: Path, holder: Holder) -> ReviewLock:
        """Write the lock file whole before it appears (a reader never sees half of it), and hold
        its flock."""
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{id(holder)}")
        temporary.write_text(json.dumps(asdict(holder)) + "\n", encoding="utf-8")
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise OSError(errno.EEXIST, "taken meanwhile", str(path)) from None
        except OSError:  # a file system without hard links
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        with contextlib.suppress(OSError):  # (a file system without flock: the pid still tells)
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return cls(path, fd, holder)

    def release(self) -> None:
        """Remove the lock file (if it is still ours) and let go of it; safe to call twice."""
        if self.fd < 0:
            return
        try:
            if read_holder(self.path) == self.holder and os.path.samestat(os.stat(self.path), os.fstat(self.fd)):
                os.unlink(self.path)
        except OSError:
            pass
        os.close(self.fd)
        self.fd = -1
