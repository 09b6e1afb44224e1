"""Issue 13, the readers: nothing that is not a regular file is opened (and waited on), every
read has a limit, HTML extraction and folder walks are bounded, and hand-written gold files are
checked. Every test runs on real files in a temporary folder, under a deadline: a regression
that hangs fails the test instead of hanging the suite."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.claims.errors import ReportError, RulesError, VerdictsError
from factdesk.claims.formats import load_gold, load_verdicts
from factdesk.claims.inputs import Refused, TooLarge, parse_size, read_file, read_stream
from factdesk.claims.reports import (
    MAX_FOLDER_DEPTH,
    MAX_HTML_DEPTH,
    fits_full_extractor,
    load_report,
)
from factdesk.claims.rules import load_rules
from factdesk.claims.run import check_paths, processors
from factdesk.claims.verdicts import ReportVerdicts

AGREES = "Police arrested more than 1,000 people in raids, including 75 Taiwanese.\n"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (os.mkfifo)")


@contextmanager
def deadline(seconds: int = 60):
    """Fail (not hang) if the block takes longer: a blocked open() is interrupted too."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s (waiting on a pipe?)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------------------------
# FIFOs and other files that are not regular files
# ---------------------------------------------------------------------------------------------


@needs_fifo
def test_a_fifo_as_the_rules_file_is_refused_not_waited_on(tmp_path, cli):
    fifo = tmp_path / "rules.yaml"
    os.mkfifo(fifo)
    (tmp_path / "r.txt").write_text(AGREES)
    with deadline():
        code, out, err = cli("check", fifo, tmp_path / "r.txt")
        assert (code, out) == (2, "")
        assert err == f"factdesk: {fifo}: cannot read the rules file: not a regular file (a FIFO (named pipe))\n"
        code, out, err = cli("validate", fifo)
    assert code == 2 and "not a regular file (a FIFO (named pipe))" in err


@needs_fifo
def test_a_fifo_as_a_report_is_skipped_and_the_others_are_checked(tmp_path, cli, small_rules):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(AGREES)
    os.mkfifo(reports / "b.txt")
    os.mkfifo(tmp_path / "given.txt")
    with deadline():
        code, out, err = cli("check", small_rules, reports, tmp_path / "given.txt")
    assert code == 0 and "a.txt" in out and "1 reports x 2 claims" in out
    assert f"{reports / 'b.txt'}: skipped: not a regular file" in err
    assert f"{tmp_path / 'given.txt'}: skipped: not a regular file" in err


@needs_fifo
def test_a_report_replaced_by_a_fifo_after_the_folder_was_listed_is_skipped(tmp_path, small_rules):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(AGREES)

    def swap(done: int, total: int, current: str) -> None:  # after a.txt, b.txt becomes a FIFO
        if done == 1:
            (tmp_path / "b.txt").unlink()
            os.mkfifo(tmp_path / "b.txt")

    with deadline():
        results = list(check_paths(load_rules(small_rules), [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
                                   jobs=1, progress=swap))
    assert isinstance(results[0], ReportVerdicts)
    assert str(results[1]) == f"{tmp_path / 'b.txt'}: skipped: not a regular file (a FIFO (named pipe))"


@needs_fifo
def test_a_fifo_as_the_verdicts_or_gold_file_is_refused(tmp_path, cli):
    fifo = tmp_path / "v.yaml"
    os.mkfifo(fifo)
    with deadline():
        with pytest.raises(VerdictsError) as caught:
            load_verdicts(fifo)
        code, out, err = cli("eval", fifo)
    assert str(caught.value) == f"{fifo}: not a regular file (a FIFO (named pipe))"
    assert code == 2 and err == f"factdesk: {fifo}: not a regular file (a FIFO (named pipe))\n"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_not_read_as_a_report():
    with pytest.raises(ReportError) as caught:
        load_report("/dev/null")
    assert str(caught.value) == "/dev/null: not a regular file (a device)"


# ---------------------------------------------------------------------------------------------
# Size limits
# ---------------------------------------------------------------------------------------------


def test_a_report_over_the_size_limit_is_skipped_and_the_others_are_checked(tmp_path, cli, small_rules):
    (tmp_path / "big.txt").write_text(AGREES * 2000)  # 146 KB
    (tmp_path / "small.txt").write_text(AGREES)
    code, out, err = cli("check", small_rules, tmp_path, "--max-report-size", "100K")
    assert code == 0 and "1 reports x 2 claims" in out and "small.txt" in out
    assert err == (f"factdesk: {tmp_path / 'big.txt'}: skipped: the report is too large (146,000 bytes; the "
                   "limit is 102,400 bytes) (--max-report-size raises it)\n")
    code, out, err = cli("check", small_rules, tmp_path, "--max-report-size", "1M")
    assert code == 0 and "2 reports x 2 claims" in out and err == ""


def test_a_size_that_is_not_one_is_a_usage_error(cli, small_rules, tmp_path):
    with pytest.raises(SystemExit) as caught:
        cli("check", small_rules, tmp_path, "--max-report-size", "lots")
    assert caught.value.code == 2


def test_a_sparse_2_gb_file_is_refused_without_being_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as file:
        file.truncate(2 << 30)  # 2 GB of zeros, taking no disk
    tracemalloc.start()
    try:
        with pytest.raises(ReportError) as by_size:
            load_report(huge)  # the default limit
        with pytest.raises(ReportError) as by_content:
            load_report(huge, max_bytes=4 << 30)  # a limit above its size: its first block says binary
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "the report is too large (2,147,483,648 bytes" in str(by_size.value)
    assert str(by_content.value) == f"{huge}: this is a binary file, not text"
    assert peak < 1 << 20  # neither read it


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_zeros_on_standard_input_are_refused_and_the_other_reports_checked(tmp_path, small_rules):
    (tmp_path / "r.txt").write_text(AGREES)
    command = [sys.executable, "-c", "import sys; from factdesk.tui.cli import main; sys.exit(main())",
               "check", str(small_rules), "-", str(tmp_path / "r.txt")]
    with open("/dev/zero", "rb") as zeros:
        done = subprocess.run(command, stdin=zeros, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "factdesk: -: skipped: this is a binary file, not text\n"
    assert "r.txt" in done.stdout and "1 reports x 2 claims" in done.stdout


class _EndlessText(io.RawIOBase):
    """Standard input that never ends: the same sentence for ever."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001
        line = AGREES.encode()
        n = len(buffer)
        buffer[:n] = (line * (n // len(line) + 1))[:n]
        return n


def test_endless_text_on_standard_input_is_cut_at_the_limit(cli, small_rules, monkeypatch):
    endless = io.BufferedReader(_EndlessText())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(endless))
    with deadline():
        code, out, err = cli("check", small_rules, "-", "--max-report-size", "2M")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "factdesk: -: skipped: the report is too large (more than 2,097,152 bytes; the limit is 2,097,152 "
        "bytes) (--max-report-size raises it)",
        "factdesk: no report could be read",
    ]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300), limit=st.integers(min_value=1, max_value=400))
def test_a_bounded_read_gives_all_the_bytes_or_refuses_past_the_limit(tmp_path_factory, data, limit):
    path = tmp_path_factory.mktemp("read") / "f"
    path.write_bytes(data)
    for read in (lambda: read_file(str(path), limit), lambda: read_stream(io.BytesIO(data), limit)):
        if len(data) <= limit:
            assert read() == data
        else:
            with pytest.raises(TooLarge):
                read()


@given(st.text(max_size=12))
def test_a_size_is_read_or_refused_with_a_reason(text):
    try:
        size = parse_size(text)
    except ValueError as exc:
        assert "size" in str(exc)
    else:
        assert size >= 1


@pytest.mark.parametrize(("text", "size"), [("64M", 64 << 20), ("512k", 512 << 10), ("1G", 1 << 30),
                                            ("1000", 1000), ("1.5MB", 3 << 19)])
def test_sizes_as_people_write_them(text, size):
    assert parse_size(text) == size


def test_an_unreadable_file_is_refused_with_the_reason(tmp_path):
    with pytest.raises(Refused, match="cannot read: No such file or directory"):
        read_file(str(tmp_path / "missing.txt"), 100)


# ---------------------------------------------------------------------------------------------
# HTML extraction bounded
# ---------------------------------------------------------------------------------------------


def test_a_deeply_nested_page_is_read_by_the_linear_pass_with_all_its_text(tmp_path):
    sentence = "Police said {} people were arrested in the raids. "
    body = "".join("<div><p>" + sentence.format(i) for i in range(3000)) + "</p></div>" * 3000
    page = tmp_path / "deep.html"
    page.write_text(f"<html><head><title>Raids</title></head><body>{body}</body></html>")
    assert page.stat().st_size > 200_000
    html = page.read_text()
    assert not fits_full_extractor(html)  # the bounded path
    report = load_report(page)
    assert report.title == "Raids"
    assert "Police said 0 people" in report.text and "Police said 2999 people" in report.text  # all of it
    assert report.text.count("were arrested") == 3000


def test_a_page_nested_a_little_deep_is_still_read_by_the_article_extractor():
    paragraphs = "<p>Police arrested 1,200 people.</p>" * 3
    page = ("<html><body>" + "<div>" * (MAX_HTML_DEPTH - 5) + f"<article>{paragraphs}</article>"
            + "</div>" * (MAX_HTML_DEPTH - 5) + "</body></html>")
    assert fits_full_extractor(page)


# ---------------------------------------------------------------------------------------------
# --jobs and deep folders
# ---------------------------------------------------------------------------------------------


def test_jobs_above_the_processors_available_are_capped_with_a_note(tmp_path, cli, small_rules):
    for i in range(3):
        (tmp_path / f"r{i}.txt").write_text(AGREES)
    code, out, err = cli("check", small_rules, tmp_path, "--jobs", "99999999")
    most = processors()
    assert code == 0 and "3 reports x 2 claims" in out
    assert err == f"factdesk: --jobs 99999999: using {most}, the processors available\n"
    assert cli("check", small_rules, tmp_path, "--jobs", str(most))[2] == ""


def test_a_folder_nested_1000_deep_is_walked_with_a_warning(tmp_path, cli, small_rules):
    top = tmp_path / "reports"
    (top / "shallow").mkdir(parents=True)
    (top / "shallow" / "a.txt").write_text(AGREES)
    chain = [top]
    for _ in range(1000):  # (2,000 characters of path, below any path limit)
        chain.append(chain[-1] / "d")
        chain[-1].mkdir()
    (chain[-1] / "lost.txt").write_text(AGREES)
    cut = top.joinpath(*["d"] * (MAX_FOLDER_DEPTH + 1))
    try:
        code, out, err = cli("check", small_rules, top)
    finally:  # (shutil.rmtree, which cleans tmp_path, recurses: it could not remove them)
        (chain[-1] / "lost.txt").unlink()
        for folder in reversed(chain[1:]):
            folder.rmdir()
    assert code == 0 and "1 reports x 2 claims" in out and "a.txt" in out
    assert err == f"factdesk: {cut}: skipped: folder nested more than {MAX_FOLDER_DEPTH} deep; not read\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder, whatever its permissions")
def test_an_unreadable_subfolder_is_a_warning(tmp_path, cli, small_rules):
    (tmp_path / "a.txt").write_text(AGREES)
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0)
    try:
        code, out, err = cli("check", small_rules, tmp_path)
    finally:
        closed.chmod(0o755)
    assert code == 0 and "1 reports x 2 claims" in out
    assert err == f"factdesk: {closed}: skipped: cannot read this folder: Permission denied\n"


# ---------------------------------------------------------------------------------------------
# Gold files written by hand
# ---------------------------------------------------------------------------------------------


def _gold(folder: Path, reports: str, version: str = "1") -> Path:
    (folder / "r.txt").write_text(AGREES)
    (folder / "s.txt").write_text(AGREES)
    gold = folder / "gold.yaml"
    gold.write_text(f"version: {version}\nrules: rules.yaml\nreports:\n{reports}")
    return gold


CLAIM = "      - id: taiwanese\n        verdict: supports\n"


@pytest.mark.parametrize(
    ("reports", "version", "where", "message"),
    [
        (f"  - file: r.txt\n    claims:\n{CLAIM}  - file: ./r.txt\n    claims:\n{CLAIM}", "1", "8:11",
         "the report './r.txt' is listed twice (first in reports[0]) (expected each report once)"),
        (f"  - file: r.txt\n    claims:\n{CLAIM}{CLAIM}", "1", "8:13",
         "the claim 'taiwanese' twice in reports[0] (first in claims[0]) (expected each claim once per report)"),
        ("  - file: r.txt\n    claims:\n      - id: nationwide\n        verdict: supports\n", "1", "6:13",
         "the claim 'nationwide' is not in the rules file (expected a claim id of the rules file)"),
        (f"  - file: ''\n    claims:\n{CLAIM}", "1", "4:11",
         "reports[0].file is empty (expected file: the report's path)"),
        (f"  - file: r.txt\n    claims:\n{CLAIM}        reviewed: \"no\"\n", "1", "8:19",
         "reports[0].claims[0].reviewed is 'no' (expected true or false)"),
        (f"  - file: r.txt\n    claims:\n{CLAIM}", "true", "1:10",
         "unknown verdicts format version true (expected version: 1, the only version this factdesk reads)"),
        (f"  - file: r.txt\n    claims:\n{CLAIM}", "1.0", "1:10",
         "unknown verdicts format version 1.0 (expected version: 1, the only version this factdesk reads)"),
        (f"  - file: /etc/passwd\n    claims:\n{CLAIM}", "1", "4:11",
         "the report '/etc/passwd' is outside the gold file's folder (expected a path inside it, or eval "
         "--allow-outside)"),
        (f"  - file: ../../../../../../../../etc/shadow\n    claims:\n{CLAIM}", "1", "4:11",
         "the report '../../../../../../../../etc/shadow' is outside the gold file's folder (expected a path "
         "inside it, or eval --allow-outside)"),
    ],
    ids=["report twice", "claim twice", "unknown claim", "empty file", "reviewed 'no'", "version true",
         "version 1.0", "/etc/passwd", "../etc/shadow"],
)
def test_a_hand_written_gold_file_mistake_is_a_positioned_error(tmp_path, cli, small_rules, reports, version,
                                                                where, message):
    gold = _gold(tmp_path, reports, version)
    code, out, err = cli("eval", gold)
    assert (code, out) == (2, "")
    assert f"factdesk: {gold}:{where}: {message}\n" in err


def test_reports_outside_the_gold_folder_are_read_only_when_allowed(tmp_path, cli, small_rules):
    inside = tmp_path / "gold"
    inside.mkdir()
    (tmp_path / "elsewhere.txt").write_text(AGREES)
    gold = inside / "gold.yaml"
    gold.write_text(f"version: 1\nrules: ../rules.yaml\nreports:\n  - file: ../elsewhere.txt\n    claims:\n{CLAIM}")
    assert cli("eval", gold)[0] == 2
    code, out, err = cli("eval", gold, "--allow-outside")
    assert code == 0 and err == "" and "accuracy              1.000" in out


def test_a_reviewed_flag_written_as_a_boolean_is_read(tmp_path, cli, small_rules):
    gold = _gold(tmp_path, f"  - file: r.txt\n    claims:\n{CLAIM}        reviewed: yes\n")
    assert load_verdicts(gold).reports[0].claims[0].reviewed is True  # YAML's yes is a boolean


def test_a_gold_file_of_many_reports_lists_each_once_in_order(tmp_path):
    n = 40_000
    (tmp_path / "rules.yaml").write_text("")
    gold = tmp_path / "gold.yaml"
    gold.write_text("version: 1\nrules: rules.yaml\nreports:\n" + "".join(
        f"- file: r{i}.txt\n  claims:\n  - id: a\n    verdict: supports\n  - id: b\n    verdict: not_mentioned\n"
        for i in range(n)))
    loaded = load_gold(gold)
    assert len(loaded.pairs) == 2 * n
    assert loaded.files() == [str(tmp_path / f"r{i}.txt") for i in range(n)]
