"""`check --jobs N`: the same report as one process, for TMX and PO files cut into ranges."""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from policyglossary.checking import parallel
from policyglossary.cli._app import main
from policyglossary.errors import (
    InputError,
    OutputError,
    PolicyGlossaryError,
    Problem,
    TermBaseError,
    UsageError,
)
from policyglossary.formats import ReadOptions

from ..conftest import ROOT


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def workload(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str, str]]]:
    """A generated term base and 3,000 segments with missing, forbidden and inflected
    renderings, plus hand-made oddities: repeated sources translated differently, units
    without ids, exempted units."""
    generate = _generator()
    folder = tmp_path_factory.mktemp("workload")
    work = generate.Workload(300)
    work.write_termbase(folder / "tb")
    segments = list(work.segments(3000))
    repeated = segments[10][1]
    for position in (700, 1500, 2600):  # the same source, translated differently
        segments.insert(position, (f"dup{position}", repeated, f"Another rendering {position}."))
    return folder / "tb", segments


def _tmx(path: Path, segments: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header creationtool="test" creationtoolversion="1" segtype="sentence" '
                  'o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n<body>\n')
        for number, (ident, source, target) in enumerate(segments):
            tuid = "" if number % 7 == 0 else f' tuid="{ident}"'  # id by position
            note = "<note>policyglossary: ignore all</note>" if number % 97 == 0 else ""
            out.write(f'<tu{tuid}>{note}\n  <tuv xml:lang="zh-CN"><seg>{escape(source)}</seg>'
                      f'</tuv>\n  <tuv xml:lang="en"><seg>{escape(target)}</seg></tuv>\n</tu>\n')
        out.write("</body>\n</tmx>\n")
    return path


def _po(path: Path, segments: list[tuple[str, str, str]]) -> Path:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    with path.open("w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Language: en\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for number, (ident, source, target) in enumerate(segments):
            if number % 11 == 0:
                out.write("#, fuzzy\n")
            if number % 97 == 0:
                out.write("# policyglossary: ignore all\n")
            out.write(f"#: article.txt:{number}\nmsgctxt {quoted(ident)}\n")
            half = len(source) // 2  # multi-line strings, as msgmerge wraps them
            out.write(f'msgid ""\n{quoted(source[:half])}\n{quoted(source[half:])}\n'
                      f"msgstr {quoted(target)}\n\n")
        out.write('#~ msgid "obsolete"\n#~ msgstr "gone"\n')
    return path


def _xliff(path: Path, segments: list[tuple[str, str, str]], version: int) -> Path:
    from policyglossary.formats import FORMATS, WriteOptions
    from policyglossary.model import BilingualDoc, Segment

    units = [Segment(ident, source, target, state="new" if number % 11 == 0 else "translated",
                     notes=("policyglossary: ignore all",) if number % 97 == 0 else ())
             for number, (ident, source, target) in enumerate(segments)]
    writer = FORMATS["xliff" if version == 1 else "xliff2"].doc_writer()
    with path.open("wb") as out:
        writer(out, BilingualDoc(units, "zh-CN", "en", {"original": "big.txt"}),
               WriteOptions())
    return path


def _xliff12(path: Path, segments: list[tuple[str, str, str]]) -> Path:
    return _xliff(path, segments, 1)


def _xliff20(path: Path, segments: list[tuple[str, str, str]]) -> Path:
    return _xliff(path, segments, 2)


def _xliff12_prefixed(path: Path, segments: list[tuple[str, str, str]]) -> Path:
    """Units written with a namespace prefix (<x:trans-unit>), as some tools do."""
    _xliff(path, segments, 1)
    ns = "urn:oasis:names:tc:xliff:document:1.2"
    text = path.read_text(encoding="utf-8").replace(
        f'<trans-unit xmlns="{ns}" ', f'<x:trans-unit xmlns:x="{ns}" ').replace(
        "</trans-unit>", "</x:trans-unit>")
    path.write_text(text, encoding="utf-8")
    return path


def _check(runner, termbase: Path, path: Path, *extra: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["check", "-q", "-f", "json", "--termbase", str(termbase),
                                  str(path), *extra])
    return result.exit_code, result.output


@pytest.mark.parametrize(("writer", "name", "fmt"), [
    (_tmx, "big.tmx", "tmx"), (_po, "big.po", "po"), (_xliff12, "big.xlf", "xliff"),
    (_xliff20, "big.xlf", "xliff2"), (_xliff12_prefixed, "big.xlf", "xliff")],
    ids=["tmx", "po", "xliff1.2", "xliff2.0", "xliff1.2-prefixed"])
def test_jobs_give_the_same_report(runner, workload, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                   writer, name: str, fmt: str) -> None:
    termbase, segments = workload
    path = writer(tmp_path / name, segments)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    chunks = parallel.plan(path, str(path), fmt, 3, ReadOptions(), False)
    assert chunks is not None and len(chunks) > 10  # really cut into ranges

    single = _check(runner, termbase, path)
    for jobs in ("2", "3"):
        assert _check(runner, termbase, path, "--jobs", jobs) == single
    code, text = single
    report = json.loads(text)
    rules = {f["rule"] for f in report["findings"]}
    # the workload exercises every kind of finding the merge must keep in order
    assert {"term-missing", "term-forbidden", "term-inconsistent",
            "segment-inconsistent"} <= rules, rules
    assert code == 1 and report["segments"] == len(segments)


def test_line_numbers_and_ids_are_those_of_the_real_file(runner, workload, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch) -> None:
    termbase, segments = workload
    path = _tmx(tmp_path / "big.tmx", segments)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    _, text = _check(runner, termbase, path, "--jobs", "2")
    lines = path.read_text(encoding="utf-8").splitlines()
    findings = json.loads(text)["findings"]
    assert findings
    for finding in findings:
        line = lines[finding["line"] - 1]
        assert line.startswith("<tu"), (finding, line)
        if 'tuid="' in line:
            assert f'tuid="{finding["segment"]}"' in line
        else:  # no tuid: the 1-based position of the unit in the whole file
            assert int(finding["segment"]) == sum(
                1 for earlier in lines[:finding["line"]] if earlier.startswith("<tu"))


def test_a_broken_unit_is_reported_at_its_line_with_jobs(runner, workload, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch) -> None:
    termbase, segments = workload
    path = _tmx(tmp_path / "big.tmx", segments)
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = len(text) * 2 // 3
    while not text[broken].startswith("  <tuv xml:lang=\"en\">"):
        broken += 1
    text[broken] = text[broken].replace("</seg>", "</sge>")
    path.write_text("".join(text), encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    outputs = []
    for jobs in ("1", "2"):
        result = runner.invoke(main, ["check", "-q", "--termbase", str(termbase), str(path),
                                      "--jobs", jobs])
        assert result.exit_code == 2
        outputs.append(result.output.strip().splitlines()[-1])
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(f"Error: {path}:{broken + 1}:"), outputs[0]


def test_files_that_are_not_cut(tmp_path: Path) -> None:
    small = tmp_path / "small.tmx"
    small.write_text('<tmx version="1.4"><header srclang="zh"/><body></body></tmx>')
    assert parallel.plan(small, "small.tmx", "tmx", 2, ReadOptions(), False) is None  # small
    utf16 = tmp_path / "wide.tmx"
    utf16.write_bytes('<?xml version="1.0" encoding="UTF-16"?><tmx/>'.encode("utf-16")
                      + b"\x00" * parallel.MIN_BYTES)
    assert parallel.plan(utf16, "wide.tmx", "tmx", 2, ReadOptions(), False) is None
    assert parallel.plan(small, "small.tmx", "tmx", 1, ReadOptions(), False) is None


@pytest.mark.parametrize("error", [
    InputError("a.tmx", "bad", 3), InputError("a.tmx", "bad"),
    TermBaseError([Problem("c.toml", 1, "x"), Problem("d.toml", None, "y")]),
    UsageError("no"), OutputError("full disk"),
], ids=repr)
def test_errors_cross_process_boundaries(error: PolicyGlossaryError) -> None:
    """A worker's error reaches the parent by pickle; one that cannot be unpickled would
    leave the parent waiting for ever."""
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    if isinstance(error, InputError):
        assert copy.problem == error.problem


def _die(chunk: parallel.Chunk) -> dict[str, object]:
    os._exit(3)


def test_a_dead_worker_is_an_error_not_a_hang(runner, workload, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              monkeypatch) -> None:
    termbase, segments = workload
    path = _tmx(tmp_path / "big.tmx", segments)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "_check_chunk", _die)  # workers are forked: they see it
    result = runner.invoke(main, ["check", "-q", "--termbase", str(termbase), str(path),
                                  "--jobs", "2"])
    assert result.exit_code == 2
    assert "worker process died" in result.output


@pytest.mark.parametrize("hidden", ["<!-- <tu> -->", "<![CDATA[<tu>]]>", "<?pi <tu> ?>"])
def test_a_tmx_with_comments_in_its_body_is_not_cut(workload, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                     monkeypatch, hidden: str) -> None:
    """A "<tu" inside a comment would be taken for a unit and shift the ids of units without
    a tuid: such a file is checked in one process. The file is searched a window at a time;
    a comment is found wherever it falls, across the edge of a window too."""
    _, segments = workload
    path = _tmx(tmp_path / "big.tmx", segments)
    clean = path.read_bytes()
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 4096)
    assert parallel.plan(path, "big.tmx", "tmx", 2, ReadOptions(), False) is not None
    body = clean.index(b"<body>") + len(b"<body>")
    marker = hidden.encode()
    at_start = clean[:body] + marker + clean[body:]
    path.write_bytes(at_start)
    assert parallel.plan(path, "big.tmx", "tmx", 2, ReadOptions(), False) is None
    for window_edge in (body + 4096 * 3, body + 4096 * 40):  # (the plan does not parse)
        for before in range(len(marker)):  # the comment straddles the edge by `before`
            at = window_edge - before
            path.write_bytes(clean[:at] + marker + clean[at:])
            assert parallel.plan(path, "big.tmx", "tmx", 2, ReadOptions(), False) is None, at


def test_spilling_to_disk_changes_no_finding(runner, workload, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             monkeypatch) -> None:
    """The consistency checks' columns and the findings spill to temp files; with blocks of
    a few items (everything spilled) the report is the same as with everything in memory."""
    from policyglossary import columns
    from policyglossary.checking import spool
    from policyglossary.checks import consistency

    termbase, segments = workload
    path = _tmx(tmp_path / "big.tmx", segments)
    in_memory = _check(runner, termbase, path)
    monkeypatch.setattr(columns, "BLOCK", 7)
    monkeypatch.setattr(consistency, "_RECORD_BLOCK", 2)
    monkeypatch.setattr(spool, "RUN_LIMIT", 40)  # workers hand over several runs each
    assert _check(runner, termbase, path) == in_memory
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    assert _check(runner, termbase, path, "--jobs", "2") == in_memory
    assert "segment-inconsistent" in in_memory[1]


def test_duplicate_messages_are_found_across_parts(runner, workload, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   monkeypatch) -> None:
    """A PO message repeated in another part of the file is the same error with --jobs as
    in one process: the earliest repeat, wherever its first occurrence is."""
    termbase, segments = workload
    segments = list(segments)
    segments.insert(2500, segments[100])           # the first repeat, across parts
    segments.insert(2810, segments[2800])          # a later repeat within one part
    path = _po(tmp_path / "dup.po", segments)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    chunks = parallel.plan(path, str(path), "po", 3, ReadOptions(), False)
    assert chunks is not None
    lines = path.read_text(encoding="utf-8").splitlines()
    contexts = [n + 1 for n, line in enumerate(lines)
                if line == f'msgctxt "{segments[100][0]}"']
    first, again = (n + 1 for n in contexts)       # msgid follows msgctxt
    part = [c for c in chunks if c.start <= sum(len(x) + 1 for x in lines[:again - 1]) < c.end]
    assert part and part[0] is not chunks[0]        # really in another part than the first
    errors = []
    for jobs in ("1", "2", "3"):
        result = runner.invoke(main, ["check", "-q", "--termbase", str(termbase), str(path),
                                      "--jobs", jobs])
        assert result.exit_code == 2, result.output
        errors.append(result.output.strip().splitlines()[-1])
    assert errors == [errors[0]] * 3
    assert errors[0] == (f"Error: {path}:{again}: duplicate message: the same msgid and "
                         f"msgctxt as at line {first}")


@pytest.mark.parametrize("change", ["group", "two files", "comment", "cdata", "pi", "none"])
def test_xliff_that_cannot_be_cut(workload, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                  change: str) -> None:
    """Ranges of XLIFF units are cut only where units are side by side: groups and several
    files would be cut apart, and a comment could hide a unit. Such files are checked in one
    process."""
    _, segments = workload
    path = _xliff12(tmp_path / "big.xlf", segments[:500])
    text = path.read_text(encoding="utf-8")
    first, last = text.index("<trans-unit"), text.rindex("</trans-unit>") + len("</trans-unit>")
    middle = text.index("<trans-unit", len(text) // 2)
    if change == "group":
        text = text[:middle] + '<group id="g">' + text[middle:last] + "</group>" + text[last:]
    elif change == "two files":
        file_start = text.index("<file")
        body_end = text.index("</file>") + len("</file>")
        text = text[:body_end] + text[file_start:body_end] + text[body_end:]
    elif change == "comment":
        text = text[:first] + "<!-- <trans-unit id='x'> -->" + text[first:]
    elif change == "cdata":
        text = text.replace("</source>", "<![CDATA[ & ]]></source>", 1)
    elif change == "pi":
        text = text[:middle] + "<?pi <trans-unit id='x'> ?>" + text[middle:]
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    chunks = parallel.plan(path, "big.xlf", "xliff", 2, ReadOptions(), False)
    assert (chunks is None) == (change != "none")


MUTATIONS = [
    "<!-- <tu> <trans-unit id='c'> -->", "<?pi <tu> <trans-unit id='p'> ?>",
    "&amp;", "&undefined;", "&#x4e2d;", "</broken>", "<", "\n\n", "<![CDATA[<tu>]]>",
]


@pytest.mark.parametrize("writer", [_tmx, _xliff12, _xliff20], ids=["tmx", "xliff1.2", "xliff2.0"])
def test_mutated_files_give_the_same_result_with_jobs(runner, workload, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch, writer) -> None:
    """Whatever is inserted wherever (a comment or PI holding a unit tag, entities, broken
    markup, blank lines), --jobs gives what one process gives: the same report, or the same
    error at the same line. Seeded, so a failure can be replayed."""
    import random

    termbase, segments = workload
    clean = writer(tmp_path / "clean.xml", segments[:400]).read_text(encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 4096)  # many ranges, cut everywhere
    rng = random.Random(6)
    outcomes = set()
    for attempt in range(10):
        text = clean
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(MUTATIONS) + text[at:]
        path = tmp_path / f"mutated{attempt}{'.tmx' if writer is _tmx else '.xlf'}"
        path.write_text(text, encoding="utf-8")
        single = _check(runner, termbase, path)
        assert _check(runner, termbase, path, "--jobs", "2") == single, (attempt, text)
        outcomes.add(single[0])
    assert 2 in outcomes  # some mutations broke the file, and both modes said so alike
