"""Issue 13, the writers: where `check --output` and the review's saves may write, in which
format, with whom at once, and what a closed pipe does. Every test works on real files, device
nodes, FIFOs, sockets and processes in tmp_path; none writes to a system path."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.claims.formats import dump_json, dump_yaml, load_verdicts, locked, verdicts_to_data, write_atomic
from factdesk.claims.verdicts import ClaimVerdict, Evidence, ReportVerdicts, Verdict, Verdicts
from factdesk.tui.session import VerdictsFile

AGREES = "Police arrested more than 1,000 people in raids, including 75 Taiwanese.\n"
CONTRADICTS = "Police arrested 120 people in raids, including 12 Taiwanese.\n"
FACTDESK = [sys.executable, "-m", "factdesk.tui.cli"]


def _null_device(path: Path) -> Path:
    """A character device node like /dev/null (1, 3) at `path`, or the test is skipped."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"cannot make a device node here ({exc})")
    return path


def _report(folder: Path, text: str = AGREES, name: str = "r.txt") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------------------------------------
# --output onto what is not a regular file
# ---------------------------------------------------------------------------------------------


def test_output_onto_a_device_node_writes_through_it_and_leaves_no_bak(tmp_path, cli, small_rules):
    device = _null_device(tmp_path / "mynull")
    report = _report(tmp_path)
    before = _listing(tmp_path)
    for _ in range(2):
        code, out, err = cli("check", small_rules, report, "--output", device)
        assert code == 0 and err == ""
        assert out == "1 reports x 2 claims: 2 supports, 0 contradicts, 0 conflicting, 0 not mentioned; " \
                      f"verdicts written to {device}\n"
    assert stat.S_ISCHR(device.stat().st_mode) and device.stat().st_rdev == os.makedev(1, 3)
    assert _listing(tmp_path) == before  # no .bak, no temporary file, no lock file


def test_a_save_onto_a_device_never_renames_over_it_nor_over_a_device_bak(tmp_path):
    device = _null_device(tmp_path / "v.yaml")
    write_atomic(device, "version: 1\n")
    assert stat.S_ISCHR(device.stat().st_mode) and _listing(tmp_path) == ["v.yaml"]
    target = tmp_path / "w.yaml"
    target.write_text("old\n")
    bak = _null_device(tmp_path / "w.yaml.bak")
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n" and stat.S_ISCHR(bak.stat().st_mode)


def test_output_onto_a_fifo_is_written_through_to_its_reader(tmp_path, cli, small_rules):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waiting (the output fits its buffer)
    try:
        code, out, err = cli("check", small_rules, _report(tmp_path), "--output", fifo)
        os.set_blocking(reader, True)
        received = b"".join(iter(lambda: os.read(reader, 1 << 16), b""))
    finally:
        os.close(reader)
    assert code == 0 and err == ""
    data = yaml.safe_load(received.decode())
    assert data["reports"][0]["claims"][0]["verdict"] == "supports"
    assert stat.S_ISFIFO(fifo.stat().st_mode) and not (tmp_path / "out.fifo.bak").exists()


def test_output_onto_a_fifo_nobody_reads_is_a_clear_error_not_a_hang(tmp_path, cli, small_rules):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    code, out, err = cli("check", small_rules, _report(tmp_path), "--output", fifo)
    assert code == 2 and out == ""
    assert err == f"factdesk: {fifo}: cannot write: a FIFO that no process is reading\n"
    assert stat.S_ISFIFO(fifo.stat().st_mode) and _listing(tmp_path) == ["out.fifo", "r.txt", "rules.yaml"]


def test_output_onto_a_socket_or_a_folder_is_refused_before_checking(tmp_path, cli, small_rules):
    report = _report(tmp_path)
    sock_path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(sock_path))
        code, out, err = cli("check", small_rules, report, "--output", sock_path)
        assert code == 2 and out == ""
        assert err == f"factdesk: {sock_path}: cannot write: a socket, not a file\n"
        assert stat.S_ISSOCK(sock_path.stat().st_mode)
    finally:
        sock.close()
    code, _, err = cli("check", small_rules, report, "--output", tmp_path)
    assert code == 2 and err == f"factdesk: {tmp_path}: cannot write: a folder, not a file\n"


def test_output_dash_writes_the_verdicts_to_standard_output(tmp_path, cli, small_rules):
    report = _report(tmp_path, CONTRADICTS)
    code, out, err = cli("check", small_rules, report, "-o", "-")
    assert code == 1 and err == "" and not (tmp_path / "-").exists()
    assert yaml.safe_load(out)["reports"][0]["file"] == str(report)
    code, out, _ = cli("check", small_rules, report, "-o", "-", "--format", "json")
    assert code == 1 and json.loads(out)["reports"][0]["claims"][0]["verdict"] == "contradicts"


# ---------------------------------------------------------------------------------------------
# --output naming an input
# ---------------------------------------------------------------------------------------------


def test_output_naming_a_report_or_the_rules_is_refused_and_nothing_is_touched(tmp_path, cli, small_rules):
    report = _report(tmp_path, name="r1.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(report)
    rules_before = small_rules.read_text()
    for target, what, given in ((report, "a report being checked", report),
                                (link, "a report being checked", report),
                                (small_rules, "the rules file", small_rules)):
        code, out, err = cli("check", small_rules, report, "--output", target)
        assert code == 2 and out == ""
        assert err == f"factdesk: {target}: --output names {what} ({given}); not overwritten (give another file)\n"
    code, _, err = cli("check", small_rules, link, "--output", report)  # the report, through a link given
    assert code == 2 and "--output names a report being checked" in err
    code, _, err = cli("check", small_rules, tmp_path, "--output", tmp_path / "new.txt")
    assert code == 2 and "--output names a report in the folder being checked" in err
    assert report.read_text() == AGREES and small_rules.read_text() == rules_before
    assert _listing(tmp_path) == ["link.txt", "r1.txt", "rules.yaml"]


def test_review_verdicts_naming_the_rules_file_is_refused(tmp_path, cli, small_rules):
    code, out, err = cli("review", small_rules, "--verdicts", small_rules)
    assert code == 2 and out == ""
    assert "--verdicts names the rules file" in err


# ---------------------------------------------------------------------------------------------
# --output and --format
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt", "expected"), [
    ("v.json", None, "json"), ("v.yaml", None, "yaml"), ("v.yml", None, "yaml"), ("verdicts", None, "yaml"),
    ("v.json", "json", "json"), ("v.out", "json", "json"), ("v.YAML", "yaml", "yaml")])
def test_the_output_file_takes_the_format_asked_for_or_its_extension(tmp_path, cli, small_rules, name, fmt, expected):
    report = _report(tmp_path)
    target = tmp_path / name
    code, out, err = cli("check", small_rules, report, "--output", target, *(["--format", fmt] if fmt else []))
    assert code == 0 and err == ""
    assert out.count("\n") == 1 and out.endswith(f"verdicts written to {target}\n")  # one line, no table
    text = target.read_text()
    data = json.loads(text) if expected == "json" else yaml.safe_load(text)
    if expected == "yaml":
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
    assert data["rules"] == "rules.yaml" and data["reports"][0]["file"] == "r.txt"


@pytest.mark.parametrize("args", [("--format", "json", "-o", "v.yaml"), ("--format", "yaml", "-o", "v.json"),
                                  ("--format", "table", "-o", "v.yaml")])
def test_a_format_that_conflicts_with_the_output_file_is_a_usage_error(tmp_path, cli, small_rules, capsys, args):
    report = _report(tmp_path)
    with pytest.raises(SystemExit) as exited:
        cli("check", small_rules, report, *args[:3], tmp_path / args[3])
    assert exited.value.code == 2
    assert "error: --" in capsys.readouterr().err
    assert not (tmp_path / args[3]).exists()


# ---------------------------------------------------------------------------------------------
# Two writers at once
# ---------------------------------------------------------------------------------------------


def _lock_waiters(lock: Path) -> int:
    """How many processes wait for the flock on `lock` (from /proc/locks)."""
    inode = f":{lock.stat().st_ino} "
    lines = Path("/proc/locks").read_text().splitlines()
    return sum(1 for line in lines if "->" in line and "FLOCK" in line and inode in line)


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux's /proc/locks to see who waits")
def test_two_checks_writing_one_file_at_once_never_lose_a_result_silently(tmp_path, small_rules):
    target = tmp_path / "v.yaml"
    target.write_text("version: 1\nrules: rules.yaml\nreports: []\n")
    agree, contra = _report(tmp_path, AGREES, "a.txt"), _report(tmp_path, CONTRADICTS, "b.txt")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with locked(target):  # both checks finish, then meet at the lock, as two at once would
        lock = tmp_path / ".v.yaml.lock"
        procs = [subprocess.Popen([*FACTDESK, "check", str(small_rules), str(report), "--output", str(target)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for report in (agree, contra)]
        deadline = time.monotonic() + 60
        while _lock_waiters(lock) < 2:
            assert time.monotonic() < deadline, "the two checks never waited for the lock"
            assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
            time.sleep(0.05)
    results = [(p.wait(60), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    refused = [err for code, _, err in results if code == 2]
    assert len(refused) == 1, results
    assert refused[0] == f"factdesk: {target}: changed on disk while checking; not overwritten " \
                         "(use --force to overwrite it)\n"
    winner = [report for report, (code, _, _) in zip(("a.txt", "b.txt"), results) if code != 2]
    assert codes in ([0, 2], [1, 2])
    assert [r.file for r in load_verdicts(target).reports] == winner
    assert _listing(tmp_path) == ["a.txt", "b.txt", "rules.yaml", "v.yaml", "v.yaml.bak"]


def _review_holding_a_recovery(verdicts: Path) -> subprocess.Popen:
    """Another process with a review of `verdicts` open: it has autosaved, and stays."""
    code = textwrap.dedent(f"""
        import sys
        from factdesk.tui.session import VerdictsFile
        VerdictsFile.at({str(verdicts)!r}).autosave("version: 1\\nrules: r.yaml\\nreports: []\\n# other\\n")
        print("saved", flush=True)
        sys.stdin.read()
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert proc.stdout.readline() == "saved\n"
    return proc


def test_two_reviews_of_one_file_keep_one_recovery_file_each(tmp_path):
    verdicts = tmp_path / "v.yaml"
    other = _review_holding_a_recovery(verdicts)
    try:
        theirs = tmp_path / f"v.yaml.recovery.{other.pid}"
        assert theirs.exists()
        mine = VerdictsFile.at(verdicts)
        assert mine.orphan() is None  # a review still open is not offered as a crashed one
        mine.autosave("version: 1\nrules: r.yaml\nreports: []\n# mine\n")
        saved = mine.save("version: 1\nrules: r.yaml\nreports: []\n")
        assert saved is not None
        saved.drop_recovery()  # what the screen does after a save
        assert theirs.read_text().endswith("# other\n")  # their unsaved work is still there
        assert not mine.recovery.exists()
    finally:
        other.stdin.close()
        other.wait(30)
    os.utime(theirs)  # (newer than the save above: their review ended after it, uncleanly)
    assert VerdictsFile.at(verdicts).orphan() == theirs  # once gone, it is offered
    adopted = VerdictsFile.at(verdicts)
    assert adopted.adopt(theirs).reports == () and adopted.recovery.read_text().endswith("# other\n")
    assert not theirs.exists()


def test_a_recovery_file_of_an_older_factdesk_is_still_offered(tmp_path):
    old = tmp_path / "v.yaml.recovery"
    old.write_text("version: 1\nrules: r.yaml\nreports: []\n")
    assert VerdictsFile.at(tmp_path / "v.yaml").orphan() == old


def test_start_fresh_never_moves_a_device_aside(tmp_path):
    device = _null_device(tmp_path / "v.yaml")
    with pytest.raises(OSError, match="is a character device, not a regular file; it is left as it is"):
        VerdictsFile.at(device).set_aside()
    assert stat.S_ISCHR(device.stat().st_mode) and _listing(tmp_path) == ["v.yaml"]


# ---------------------------------------------------------------------------------------------
# Outputs other programs parse
# ---------------------------------------------------------------------------------------------

_LINE_BREAKERS = "\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e\r"  # all split by str.splitlines


def test_json_output_stays_valid_with_any_line_separator_in_quotes_and_file_names(tmp_path, cli, small_rules):
    for n, char in enumerate(_LINE_BREAKERS):
        report = _report(tmp_path, f"Police arrested more{char}than 1,000 people{char} in raids.\n", f"r{n}{char}.txt")
        code, out, err = cli("check", small_rules, report, "--format", "json")
        data = json.loads(out)
        assert data["reports"][0]["file"] == str(report), repr(char)
        assert data["reports"][0]["claims"][0]["verdict"] == "supports", repr(char)


_ANY_TEXT = st.one_of(st.text(), st.text(alphabet=st.sampled_from(list(_LINE_BREAKERS + "\u202e\ufeff\x00\t\n \"\\:#'-"))),
                      st.text(st.characters(codec="utf-8", exclude_categories=())))
_FILE_NAME = st.one_of(_ANY_TEXT, st.binary(max_size=12).map(os.fsdecode))  # undecodable bytes as surrogates
_BOUND = st.one_of(st.none(), st.integers(-10**15, 10**15).map(float),
                   st.floats(allow_nan=False, allow_infinity=False))


@st.composite
def _verdicts(draw) -> Verdicts:
    reports = []
    for _ in range(draw(st.integers(0, 3))):
        claims = tuple(
            ClaimVerdict(draw(_ANY_TEXT), draw(st.sampled_from(list(Verdict))), draw(st.sampled_from(list(Verdict))),
                         tuple(Evidence(draw(_ANY_TEXT), draw(st.integers(0, 10**9)), draw(st.integers(0, 10**9)),
                                        draw(_ANY_TEXT), draw(_BOUND), draw(_BOUND), draw(st.floats(0, 100)))
                               for _ in range(draw(st.integers(0, 2)))),
                         draw(st.booleans()), draw(_ANY_TEXT), draw(_ANY_TEXT), draw(_ANY_TEXT))
            for _ in range(draw(st.integers(0, 3))))
        reports.append(ReportVerdicts(draw(_FILE_NAME), draw(_ANY_TEXT), claims))
    return Verdicts(draw(_FILE_NAME), draw(_ANY_TEXT), tuple(reports))


def _expected(verdicts: Verdicts) -> dict:
    data = verdicts_to_data(verdicts)
    for report in data["reports"]:
        for claim in report["claims"]:  # optional keys are written only when set
            for key in ("reviewed_at", "reviewer"):
                if not claim.get(key):
                    claim.pop(key, None)
    return data


@settings(max_examples=300, deadline=None)
@given(_verdicts())
def test_json_output_parses_back_to_what_was_written(verdicts):
    text = dump_json(verdicts)
    assert json.loads(text) == _expected(verdicts)
    assert "\u2028" not in text and "\u2029" not in text and "\x85" not in text  # escaped, safe to print


@settings(max_examples=300, deadline=None)
@given(_verdicts())
def test_yaml_output_parses_back_to_what_was_written(verdicts):
    assert yaml.safe_load(dump_yaml(verdicts)) == _expected(verdicts)


# ---------------------------------------------------------------------------------------------
# A closed pipe
# ---------------------------------------------------------------------------------------------


def _folder_of_reports(tmp_path: Path, first: str, n: int = 60) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "000.txt").write_text(first)
    for i in range(1, n):
        (folder / f"{i:03}.txt").write_text(AGREES + "More text about the raids. " * 40 + "\n")
    return folder


@pytest.mark.parametrize(("first", "expected"), [(CONTRADICTS, 1), (AGREES, 141)], ids=["contradicted", "agreeing"])
def test_a_reader_that_stops_early_gets_the_verdicts_code_and_no_traceback(tmp_path, small_rules, first, expected):
    folder = _folder_of_reports(tmp_path, first)
    proc = subprocess.Popen([*FACTDESK, "check", str(small_rules), str(folder), "--format", "yaml", "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert proc.stdout.readline().startswith(b"version: 1")  # as `| head -1` reads
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(60) == expected, err
    assert err == ""
