"""`--jobs` planning: which files are cut into ranges and where, and progress while workers
check them. (tests/checking/test_parallel.py shows the reports are the same.)"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from policyglossary.checking import parallel
from policyglossary.checking.session import CheckOptions, CheckSession, check_paths
from policyglossary.formats import ReadOptions
from policyglossary.model import Concept, Term, TermBase

HEADER = ('<tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
          'segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>')
UNIT = ('<tu tuid="u{n}"><tuv xml:lang="zh-CN"><seg>推进双千兆{n}</seg></tuv>'
        '<tuv xml:lang="en"><seg>build double gigabit networks</seg></tuv></tu>\n')


def _tmx(path: Path, units: int, declaration: str = "") -> Path:
    body = "".join(UNIT.format(n=n) for n in range(units))
    path.write_text(f"{declaration}{HEADER}\n<body>\n{body}</body></tmx>\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)


def _plan(path: Path, fmt: str = "tmx", jobs: int = 2) -> list[parallel.Chunk] | None:
    return parallel.plan(path, str(path), fmt, jobs, ReadOptions(), False)


def test_ranges_start_on_units_and_cover_the_body(tmp_path: Path) -> None:
    path = _tmx(tmp_path / "a.tmx", 200)
    chunks = _plan(path)
    assert chunks is not None and len(chunks) == 2 * parallel.CHUNKS_PER_JOB
    data = path.read_bytes()
    assert all(data[c.start:c.start + 3] == b"<tu" for c in chunks[1:])
    assert chunks[0].start == data.index(b"<body>") + len(b"<body>")
    assert chunks[-1].end == data.rindex(b"</body>")
    assert all(a.end == b.start for a, b in pairwise(chunks))
    assert all(c.prefix == data[:chunks[0].start] and c.suffix == b"</body></tmx>"
               for c in chunks)


def test_one_unit_is_one_range(tmp_path: Path) -> None:
    chunks = _plan(_tmx(tmp_path / "a.tmx", 1))
    assert chunks is not None and len(chunks) == 1


# (id, file text, format, jobs)
NOT_CUT = [
    ("one job", None, "tmx", 1),
    ("a format that is not cut", None, "csv", 2),
    ("declared GB18030", '<?xml version="1.0" encoding="GB18030"?>', "tmx", 2),
    ("no body", "<tmx><header/></tmx>", "tmx", 2),
    ("XLIFF without units", '<xliff version="1.2"><file><body></body></file></xliff>',
     "xliff", 2),
]


@pytest.mark.parametrize(("text", "fmt", "jobs"), [c[1:] for c in NOT_CUT],
                         ids=[c[0] for c in NOT_CUT])
def test_files_checked_in_one_process(tmp_path: Path, text: str | None, fmt: str,
                                      jobs: int) -> None:
    path = tmp_path / "a.xml"
    if text is None or text.startswith("<?xml"):
        _tmx(path, 50, text or "")
    else:
        path.write_text(text, encoding="utf-8")
    assert _plan(path, fmt, jobs) is None


def test_a_declared_utf8_tmx_is_cut(tmp_path: Path) -> None:
    path = _tmx(tmp_path / "a.tmx", 50, '<?xml version="1.0" encoding="utf-8"?>\n')
    assert _plan(path) is not None


def test_no_ranges_leave_the_session_alone() -> None:
    session = CheckSession(TermBase(()))
    parallel.run([], session, 2)
    assert session.segments == 0 and session.files == []


def test_progress_follows_the_workers_to_the_end(tmp_path: Path) -> None:
    path = _tmx(tmp_path / "a.tmx", 300)
    termbase = TermBase((Concept("dual-gigabit", (Term("双千兆"),), (
        Term("dual-gigabit"), Term("double gigabit", "forbidden", reason="r"))),))
    ticks: list[tuple[int, int, int]] = []
    result = check_paths([path], termbase, CheckOptions(jobs=2, disabled=frozenset({
                                                     "number-mismatch"})),
                         lambda *tick: ticks.append(tick))
    size = path.stat().st_size
    assert result.segments == 300 and len(result.findings) == 600
    assert len(ticks) >= 2 * parallel.CHUNKS_PER_JOB  # one per range merged
    assert [t[0] for t in ticks] == sorted(t[0] for t in ticks)
    assert ticks[-1][0] == 300 and all(t[2] == size for t in ticks)
    assert ticks[-1][1] == path.read_bytes().rindex(b"</body>")  # the last range's end
