"""A tiny launcher that starts the benchmarked programs, so that their peak RSS is their own.

Linux counts, in a child's peak RSS (ru_maxrss), the memory of the process it was forked from:
a child forked by pytest (60 MB or more) reports at least that much. This launcher is a bare
Python process (about 10 MB); it spawns each child, waits for it with os.wait4 and answers with
the child's wall time, CPU time and peak RSS.

Protocol: one JSON request a line on standard input, one JSON answer a line on standard output.
    {"cmd": [...], "stdout": PATH|null, "stderr": PATH, "timeout": SECONDS|null, "env": {...}|null}
    -> {"wall": s, "cpu": s, "rss_kb": n, "code": exit code (negative: signal), "timed_out": bool,
        "busy": CPU seconds used by the whole machine meanwhile (from /proc/stat; -1 if unknown)}
"""

import json
import os
import signal
import sys
import threading
import time


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def busy_seconds():
    """CPU seconds the whole machine has spent busy since boot (all cores), or -1."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return -1.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / TICK  # guest time is already in user


def run(req):
    out = os.open(req.get("stdout") or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(req.get("stderr") or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    nul = os.open(os.devnull, os.O_RDONLY)
    actions = [(os.POSIX_SPAWN_DUP2, nul, 0), (os.POSIX_SPAWN_DUP2, out, 1), (os.POSIX_SPAWN_DUP2, err, 2)]
    env = req.get("env") or dict(os.environ)
    killed = []
    busy = busy_seconds()
    start = time.perf_counter()
    pid = os.posix_spawnp(req["cmd"][0], req["cmd"], env, file_actions=actions, setsid=True)
    for fd in (out, err, nul):
        os.close(fd)

    def kill():  # the child's own session: it and its workers
        killed.append(True)
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(req["timeout"], kill) if req.get("timeout") else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    after = busy_seconds()
    if timer:
        timer.cancel()
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss,
            "code": os.waitstatus_to_exitcode(status), "timed_out": bool(killed),
            "busy": after - busy if busy >= 0 and after >= 0 else -1.0}


def main():
    for line in sys.stdin:
        try:
            answer = run(json.loads(line))
        except Exception as exc:  # reported to the harness, which raises it
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
