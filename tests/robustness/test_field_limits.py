"""The size of one field or segment is bounded in every reader, and memory stays under 300 MB
whatever the input (issue 11: a PO with a 195 MB msgstr line took 12 GB). Peak memory is
measured in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from policyglossary.cli._app import main

from ..conftest import GLOSSARY
from .test_hand_off_inputs import PO_HEADER

# ------------------------------------------------------------------ size of one field

# Peak memory of this process image: VmHWM, not getrusage's ru_maxrss, which a process
# started by fork and exec inherits from its parent (a large test runner's own peak).
MEASURE = """
import os, sys
from policyglossary.cli._app import main
try:
    main(sys.argv[1:])
finally:
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["MAX_RSS_FILE"], "w") as out:
        out.write(peak)
"""


def _run_measured(tmp_path: Path, *args: str) -> tuple[int, str, int]:
    """Exit status, stderr and peak memory (MB) of the command line in a process of its own."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc/self/status (Linux)")
    rss = tmp_path / "rss"
    result = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True,
                            text=True, timeout=600, check=False,
                            env={**os.environ, "MAX_RSS_FILE": str(rss)})
    return result.returncode, result.stderr, int(rss.read_text()) // 1024


def _write_repeated(path: Path, head: str, piece: str, count: int, tail: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        for _ in range(count):
            handle.write(piece)
        handle.write(tail)


@pytest.mark.slow
def test_a_195_mb_msgstr_line_is_refused_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    _write_repeated(path, PO_HEADER + 'msgid "双千兆"\nmsgstr "', "a" * 1_000_000, 195, '"\n')
    status, stderr, peak = _run_measured(tmp_path, "check", str(path), "-t", str(GLOSSARY))
    assert status == 2
    assert stderr == f"Error: {path}:7: line longer than 16,777,216 characters (the limit of " \
                     "one field or segment)\n"
    assert peak < 300, peak


@pytest.mark.slow
def test_a_string_continued_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.po"
    line = '"' + "a" * 999_998 + '"\n'
    _write_repeated(path, PO_HEADER + 'msgid "双千兆"\nmsgstr ""\n', line, 17, "")
    status, stderr, peak = _run_measured(tmp_path, "check", str(path), "-t", str(GLOSSARY))
    assert status == 2
    assert stderr == f"Error: {path}:24: string longer than 16,777,216 characters (the limit " \
                     "of one field or segment)\n"
    assert peak < 300, peak


@pytest.mark.slow
@pytest.mark.parametrize(("name", "head", "tail"), [
    ("big.csv", "source,target\n双千兆,", "\n"),
    ("big.tsv", "source\ttarget\n双千兆\t", "\n"),
    ("big.txt", "# Glossary in tab-separated format -*- coding: utf-8 -*-\n双千兆\t", "\n"),
])
def test_a_huge_cell_is_refused_in_flat_memory(tmp_path: Path, name: str, head: str,
                                              tail: str) -> None:
    path = tmp_path / name
    _write_repeated(path, head, "a" * 1_000_000, 40, tail)
    command = ["import", str(path), "-t", str(tmp_path / "tb")] if name.endswith(".txt") \
        else ["check", str(path), "-t", str(GLOSSARY)]
    status, stderr, peak = _run_measured(tmp_path, *command)
    assert status == 2
    assert stderr == f"Error: {path}:2: line longer than 16,777,216 characters (the limit of " \
                     "one field or segment)\n"
    assert peak < 300, peak


@pytest.mark.slow
@pytest.mark.parametrize(("name", "document"), [
    ("big.tmx", '<tmx version="1.4"><header srclang="zh-CN"/><body><tu>'
                '<tuv xml:lang="zh-CN"><seg>双千兆</seg></tuv><tuv xml:lang="en"><seg>{}</seg>'
                '</tuv></tu></body></tmx>'),
    ("big.xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                'source-language="zh-CN" target-language="en" datatype="plaintext" '
                'original="x"><body><trans-unit id="1"><source>双千兆</source><target>{}'
                '</target></trans-unit></body></file></xliff>'),
])
def test_a_huge_xml_text_is_refused_in_flat_memory(tmp_path: Path, name: str,
                                                   document: str) -> None:
    path = tmp_path / name
    before, after = document.split("{}")
    _write_repeated(path, before, "a" * 1_000_000, 40, after)
    status, stderr, peak = _run_measured(tmp_path, "check", str(path), "-t", str(GLOSSARY))
    assert status == 2
    assert stderr == f"Error: {path}:1: a text or name longer than 10,000,000 characters (the " \
                     "limit of one field or segment)\n"
    assert peak < 300, peak


@pytest.mark.slow
def test_long_segments_are_checked_in_flat_memory(tmp_path: Path) -> None:
    """Sources and targets of almost a million characters, dense with terms: checked one at
    a time (the automaton sees a window at a time), well under 300 MB."""
    path = tmp_path / "long.po"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(PO_HEADER)
        for number in range(6):
            handle.write(f'msgctxt "s{number}"\nmsgid "' + "推进双千兆网络建设" * 110_000 +
                         '"\nmsgstr "' + "dual-gigabit networks " * 45_000 + '"\n\n')
    status, stderr, peak = _run_measured(tmp_path, "check", str(path), "-t", str(GLOSSARY))
    assert status == 0, stderr
    assert stderr.endswith("in 1 file, 6 segments\n")
    assert peak < 300, peak


def test_a_segment_past_a_million_characters_is_refused(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "long.po"
    path.write_text(PO_HEADER + 'msgctxt "p1"\nmsgid "推进双千兆' + "网" * 1_000_000 +
                    '"\nmsgstr "dual-gigabit"\n', encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "-t", str(GLOSSARY)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}:7: segment p1: the source is longer than " \
                            "1,000,000 characters (the limit of a segment)\n"
