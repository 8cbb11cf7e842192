"""Temporary data: spooled findings and spilled columns live in anonymous files in $TMPDIR
(nothing named is ever left there), read back whole, and a full disk is one clear error."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from policyglossary.checking.spool import FindingSpool
from policyglossary.columns import BlockFile, SpilledArray
from policyglossary.errors import OutputError
from policyglossary.model import Finding


def _by_line(finding: Finding) -> tuple[int, int]:
    return 0, finding.line or 0


def _deleted_files_in(folder: Path) -> list[str]:
    """Files this process holds open in `folder` that have no name there any more."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


@pytest.fixture
def tmpdir_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to see open files")
def test_spilled_data_is_in_tmpdir_but_never_named_there(tmpdir_here: Path) -> None:
    spool = FindingSpool(_by_line, run_limit=4)
    spool.extend(Finding("term-missing", "error", f"m{n}", "a.po", 50 - n) for n in range(30))
    column = SpilledArray("I", block=8)
    column.extend(range(100))
    assert os.listdir(tmpdir_here) == []              # nothing with a name…
    held = _deleted_files_in(tmpdir_here)
    assert len(held) == 2 and all(h.endswith("(deleted)") for h in held)  # …but on disk there
    assert [f.line for f in spool.merged()] == sorted(50 - n for n in range(30))
    assert list(column) == list(range(100))
    spool.close()
    column.close()
    assert _deleted_files_in(tmpdir_here) == []       # closing lets go of them


def test_a_spool_counts_and_closes() -> None:
    spool = FindingSpool(_by_line, run_limit=3)
    spool.extend(Finding("r", severity, "m", "a.po", n) for n, severity in
                 enumerate(["error", "warning", "error", "info", "error"]))
    assert len(spool) == 5 and spool.counts == Counter(error=3, warning=1, info=1)
    assert [f.line for f in spool.merged()] == [0, 1, 2, 3, 4]
    spool.close()
    assert list(spool.merged()) == []


def test_what_came_before_a_workers_runs_stays_before_on_the_same_line() -> None:
    parent = FindingSpool(_by_line, run_limit=100)
    parent.append(Finding("mine", "error", "m", "a.po", 7))
    worker = FindingSpool(_by_line, run_limit=100)
    worker.extend([Finding("theirs", "error", "m", "a.po", 7),
                   Finding("theirs", "error", "m", "a.po", 3)])
    parent.import_runs(worker.export_runs(), worker.counts)
    assert [(f.rule, f.line) for f in parent.merged()] == [("theirs", 3), ("mine", 7),
                                                          ("theirs", 7)]
    assert parent.counts == Counter(error=3)


def test_reading_past_the_end_of_temporary_data_is_an_error() -> None:
    blocks = BlockFile()
    assert blocks.append(b"abcdef") == 0 and blocks.append(b"gh") == 6
    assert blocks.read(4, 4) == b"efgh"
    with pytest.raises(OutputError, match=r"^temporary data truncated at byte 8$"):
        blocks.read(6, 10)
    blocks.close()
    assert blocks.size == 0


FULL_DISK = """
import resource, signal, tempfile
from policyglossary.columns import SpilledArray
from policyglossary.errors import OutputError
tempfile.tempdir = {folder!r}
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
column = SpilledArray("Q", block=100)
try:
    column.extend(range(10_000))
except OutputError as error:
    print(error)
"""


def test_temporary_data_that_cannot_be_written_is_one_clear_error(tmp_path: Path) -> None:
    """A real write failure (the file size limit stands in for a full disk): the error names
    the folder and says what to do."""
    result = subprocess.run([sys.executable, "-c", FULL_DISK.format(folder=str(tmp_path))],
                            capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout == (f"cannot write temporary data in {tmp_path}: File too large "
                             "(set TMPDIR to a folder with more room)\n")
    assert result.stderr == ""
