"""Interrupted writes leave the old file as it was and nothing half-written; commands that
read never touch their inputs."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyglossary.cli._app import main

from ..conftest import GLOSSARY, TRANSLATIONS
from .helpers import run_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the term base and translation, and earlier outputs of every command."""
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    shutil.copy(TRANSLATIONS / "article.po", tmp_path / "article.po")
    for name in ("old.xlsx", "old.tmx", "old.tbx", "old.csv", "report.json", "article.xlf",
                 "diff.xlsx", "new.po"):
        (tmp_path / name).write_bytes(b"the previous version\n")
    return tmp_path


# command line, files it writes (relative to the project)
WRITERS: dict[str, tuple[list[str], list[str]]] = {
    "export xlsx": (["export", "-t", "glossary", "--to", "xlsx", "-o", "old.xlsx"],
                    ["old.xlsx"]),
    "export tmx": (["export", "-t", "glossary", "--to", "tmx", "-o", "old.tmx"], ["old.tmx"]),
    "export tbx": (["export", "-t", "glossary", "--to", "tbx", "-o", "old.tbx"], ["old.tbx"]),
    "export csv": (["export", "-t", "glossary", "--to", "csv", "-o", "old.csv"], ["old.csv"]),
    "convert": (["convert", "article.po", "-o", "article.xlf"], ["article.xlf"]),
    "check report": (["check", "-t", "glossary", "-f", "json", "-o", "report.json",
                      "article.po"], ["report.json"]),
    "diff workbook": (["diff", "glossary", "glossary", "-f", "xlsx", "-o", "diff.xlsx"],
                      ["diff.xlsx"]),
    "segment": (["segment", "article.txt", "-o", "new.po"], ["new.po"]),
    "import": (["import", "incoming.csv", "-t", "glossary"], ["glossary"]),
}


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).digest(),
                                         p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _prepare(project: Path) -> None:
    (project / "article.txt").write_text("推进双千兆网络建设。\n\n加快培育专精特新企业。\n",
                                         encoding="utf-8")
    (project / "incoming.csv").write_text(
        "zh,en\n新质生产力,new quality productive forces\n数字孪生,digital twin\n",
        encoding="utf-8")


def _interrupt_at_flush(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Every write here ends in fsync before its rename: failing there is a disk that fills
    up (or a Ctrl-C) after the data was written, the worst moment."""
    def fail(fd: int) -> None:
        raise error

    monkeypatch.setattr(os, "fsync", fail)


@pytest.mark.parametrize("name", sorted(WRITERS))
@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"),
                                   KeyboardInterrupt()], ids=["disk full", "ctrl-c"])
def test_an_interrupted_write_changes_nothing(project: Path, monkeypatch: pytest.MonkeyPatch,
                                              name: str, error: BaseException) -> None:
    _prepare(project)
    before = _snapshot(project)
    _interrupt_at_flush(monkeypatch, error)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, WRITERS[name][0])
    if isinstance(error, OSError):
        assert result.exit_code == 2, result.output
        errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and "No space left on device" in errors[0], result.output
    else:
        assert result.exit_code != 0
    assert _snapshot(project) == before  # no byte changed, no temporary file left


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_write_that_succeeds_replaces_the_file(project: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 name: str) -> None:
    """The same commands without the interruption do write: the test above tests
    something."""
    _prepare(project)
    before = _snapshot(project)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, WRITERS[name][0])
    assert result.exit_code in (0, 1), result.output
    after = _snapshot(project)
    changed = {key for key in after if before.get(key) != after[key]}
    assert changed and all(any(key.startswith(w) for w in WRITERS[name][1]) for key in changed)
    assert not any(Path(key).name.startswith(".") and key.endswith(".tmp") for key in after)


@pytest.fixture(scope="module")
def full_disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A small tmpfs holding the project, then filled up to the last block."""
    disk = tmp_path_factory.mktemp("disk")
    with _tmpfs(disk, "2m"):
        shutil.copytree(GLOSSARY, disk / "glossary")
        shutil.copy(TRANSLATIONS / "article.po", disk / "article.po")
        for name in ("old.xlsx", "old.tmx", "old.tbx", "old.csv", "report.json",
                     "article.xlf", "diff.xlsx", "new.po"):
            (disk / name).write_bytes(b"the previous version\n")
        _prepare(disk)
        with (disk / "filler").open("wb", buffering=0) as filler, \
                contextlib.suppress(OSError):
            while True:
                filler.write(b"\0" * 4096)
        yield disk


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[None]:
    """A real tmpfs of `size` mounted on `folder` for the duration; skips the test where
    mounting is not allowed."""
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                       check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=False, capture_output=True)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_really_full_disk(full_disk: Path, name: str) -> None:
    """Each writer on a full tmpfs, in a child process (so that anything it prints at exit is
    seen): one error line, the old files as they were, no temporary file left."""
    before = _snapshot(full_disk)
    result = run_cli(*WRITERS[name][0], cwd=full_disk)
    assert result.code == 2, result
    assert "No space left on device" in result.error_line
    assert result.stderr.strip() == result.error_line, result.stderr  # nothing else at exit
    assert _snapshot(full_disk) == before


@pytest.fixture
def small_temp(tmp_path: Path) -> Iterator[Path]:
    """An empty 128 KB tmpfs for $TMPDIR. (A full one would not do: Python's tempfile
    silently falls back to /tmp when $TMPDIR cannot be written at start-up.)"""
    disk = tmp_path / "temp"
    disk.mkdir()
    with _tmpfs(disk, "128k"):
        yield disk


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_temporary_space_running_out(small_temp: Path, tmp_path: Path, jobs: str) -> None:
    """A large check spools findings to $TMPDIR: when that fills up, one error line naming
    the folder, no report written, no traceback (also when a worker hits it)."""
    units = "".join(f'<tu tuid="u{n}"><tuv xml:lang="zh-CN"><seg>第{n}段待译文本</seg></tuv>'
                    f'<tuv xml:lang="en"><seg></seg></tuv></tu>\n' for n in range(60_000))
    tmx = tmp_path / "untranslated.tmx"  # 60,000 untranslated segments: 60,000 findings
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                   'srclang="zh-CN" adminlang="en" segtype="sentence" o-tmf="x" '
                   'datatype="plaintext" creationtool="t" creationtoolversion="1"/>\n<body>\n'
                   + units + "</body></tmx>\n", encoding="utf-8")
    assert tmx.stat().st_size > 4_000_000  # large enough for --jobs to split it
    report = tmp_path / "report.json"
    result = run_cli("check", "-q", "-f", "json", "-o", str(report), "-j", jobs, str(tmx),
                     tmpdir=small_temp)
    assert result.code == 2, result
    assert result.error_line == (f"Error: cannot write temporary data in {small_temp}: No "
                                 "space left on device (set TMPDIR to a folder with more room)")
    assert result.stderr.strip() == result.error_line, result.stderr
    assert not report.exists()


READERS = [
    ["check", "-t", "glossary", "article.po"],
    ["check", "-t", "glossary", "-j", "2", "article.po"],
    ["lint", "-t", "glossary"],
    ["fmt", "--check", "-t", "glossary"],
    ["lookup", "-t", "glossary", "双千兆"],
    ["export", "-t", "glossary", "--to", "tbx"],
    ["diff", "glossary", "glossary"],
    ["textconv", "glossary/concepts/dual-gigabit.toml"],
    ["import", "incoming.csv", "-t", "glossary", "--dry-run"],
]


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a[:2]))
def test_commands_that_read_leave_their_inputs_alone(project: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     argv: list[str]) -> None:
    _prepare(project)
    before = _snapshot(project)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, argv)
    assert result.exit_code in (0, 1), result.output
    assert _snapshot(project) == before
