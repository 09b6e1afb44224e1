"""Reading an input file safely: only a regular file (or a stream the user gave, such as standard
input), never more than a limit, and never waiting on a pipe or a device.

A path is opened without blocking and checked after opening (fstat), so that a FIFO, a device or
a socket, even one put in a file's place after its folder was listed, is refused, not waited on.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from typing import BinaryIO

SNIFF = 8192  # the first block, where binary content shows
_BLOCK = 1 << 16

Sniff = Callable[[bytes], "str | None"]  # the first block -> why it is refused, or None


class Refused(Exception):
    """An input that is not read; the message says why (each reader words its own error)."""


class TooLarge(Refused):
    def __init__(self, limit: int, size: int | None = None) -> None:
        shown = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
        super().__init__(f"too large ({shown}; the limit is {limit:,} bytes)")
        self.limit, self.size = limit, size


def read_file(path: str, limit: int, sniff: Sniff | None = None) -> bytes:
    """The bytes of the regular file at `path`, refused (Refused) when it is anything else, is
    larger than `limit` (the file is not read then), or when `sniff` refuses its first block."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise Refused(f"cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Refused(f"cannot read: {os.strerror(errno.EISDIR)}")
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"not a regular file ({kind_of(info.st_mode)})")
        if info.st_size > limit:
            raise TooLarge(limit, info.st_size)
        if sniff is not None and (reason := sniff(os.pread(fd, SNIFF, 0))):
            raise Refused(reason)
        with os.fdopen(os.dup(fd), "rb", buffering=0) as file:
            return _read_upto(file, limit, info.st_size)
    except OSError as exc:
        raise Refused(f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limit: int, sniff: Sniff | None = None) -> bytes:
    """Up to `limit` bytes of a stream (standard input), refused as read_file refuses a file: a
    stream that never ends is cut at the limit, not read until memory runs out."""
    try:
        head = stream.read(SNIFF)
        if sniff is not None and head and (reason := sniff(head)):
            raise Refused(reason)
        rest = _read_upto(stream, limit - len(head), 0) if head else b""
    except (OSError, ValueError) as exc:
        raise Refused(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
    except TooLarge:
        raise TooLarge(limit) from None
    return head + rest if rest else head


def _read_upto(file: BinaryIO, limit: int, expected: int) -> bytes:
    """Everything left in `file`, in one read when it is the `expected` size (so a report's
    bytes are never copied), else a block at a time; TooLarge past `limit`."""
    chunks: list[bytes] = []
    total = 0
    want = min(limit + 1, expected + 1)
    while total <= limit:
        chunk = file.read(min(limit + 1 - total, max(want - total, _BLOCK)))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise TooLarge(limit)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def parse_size(text: str) -> int:
    """A size as people write it on a command line: 64M, 512k, 1G or a number of bytes."""
    text = text.strip().upper().removesuffix("B")
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    try:
        value = int(float(number) * scale)
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a size (expected bytes, or a number with K, M or G)") from None
    if value < 1:
        raise ValueError("a size must be at least 1 byte")
    return value
