"""Contract tests over every registered format: what each writer writes, its reader (or ours)
reads back; detection by extension; empty documents."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from policyglossary.api import export_options
from policyglossary.errors import UsageError
from policyglossary.formats import FORMATS, ImportedTermBase, ReadOptions, WriteOptions, detect
from policyglossary.formats.canonical import in_canonical_order
from policyglossary.formats.fidelity import export_termbase
from policyglossary.model import BilingualDoc, Concept, Segment, Term, TermBase, TermBaseInfo

from ..conftest import GLOSSARY

DOC_WRITERS = sorted(n for n, s in FORMATS.items() if s.write_doc)
TERMBASE_WRITERS = sorted(n for n, s in FORMATS.items() if s.write_termbase)
# Formats whose term base export holds every field (with the default layout).
COMPLETE = {"tbx", "tbx2", "xlsx", "csv", "tsv"}

SEGMENTS = [
    Segment("p01.s01", "推进“双千兆”网络 & <建设>", 'build "dual-gigabit" networks & <more>',
            state="translated", notes=("a note", "policyglossary: ignore all"),
            references=("article-zh.txt:9",)),
    Segment("p01.s02", "=SUM(1) 开头", "=SUM(1) first", state="final"),
    Segment("p01.s03", "待译", "", state="new"),
    Segment("p01.s04", "多行\n文本", "multi-line\ntext", state="needs-review",
            references=("article-zh.txt:11",)),
    Segment("p01.s05", "雙千兆 ☃ 𠀀", "dual-gigabit ☃ 𠀀"),
]


def _write_doc(name: str, segments: list[Segment], warnings: list[str] | None = None) -> bytes:
    buffer = io.BytesIO()
    doc = BilingualDoc(list(segments), "zh-CN", "en", {"original": "test"})
    said = FORMATS[name].doc_writer()(buffer, doc, WriteOptions())
    if warnings is not None:
        warnings.extend(said)
    return buffer.getvalue()


def _read_doc(name: str, data: bytes) -> BilingualDoc:
    reader = FORMATS[name].doc_reader()
    doc = reader(io.BytesIO(data), f"test.{name}", ReadOptions())
    doc.segments = list(doc.segments)
    return doc


@pytest.mark.parametrize("name", DOC_WRITERS)
def test_bilingual_write_then_read_keeps_every_field(name: str) -> None:
    warnings: list[str] = []
    doc = _read_doc(name, _write_doc(name, SEGMENTS, warnings))
    got = [replace(s, line=None) for s in doc.segments]
    expected = SEGMENTS
    if name == "po":  # PO has fuzzy but no approved state, and says so
        expected = [replace(s, state="translated") if s.state == "final" else s
                    for s in SEGMENTS]
        assert warnings == ["PO has no approved state: 1 final segment(s) written as "
                            "translated"]
    else:
        assert warnings == []
    assert [(s.id, s.source, s.target, s.state, s.notes, s.references) for s in got] == \
        [(s.id, s.source, s.target, s.state, s.notes, s.references) for s in expected]
    assert (doc.source_lang, doc.target_lang) == ("zh-CN", "en")


@pytest.mark.parametrize("name", DOC_WRITERS)
def test_bilingual_empty_document(name: str) -> None:
    doc = _read_doc(name, _write_doc(name, []))
    assert list(doc.segments) == []


@pytest.mark.parametrize("name", DOC_WRITERS)
def test_bilingual_lines_point_at_units(name: str) -> None:
    doc = _read_doc(name, _write_doc(name, SEGMENTS))
    lines = [s.line for s in doc.segments]
    assert all(isinstance(n, int) and n > 0 for n in lines)
    assert lines == sorted(lines)


def _sample_termbase() -> TermBase:
    concepts = (
        Concept("dual-gigabit", (Term("双千兆", "preferred", hant="雙千兆網"),),
                (Term("dual-gigabit", "preferred"),
                 Term("DG", "admitted", "acronym", case_sensitive=True, note="rare"),
                 Term("double gigabit", "forbidden", reason="calque | [sic] {x}; y",
                      replacement="dual-gigabit"),
                 Term("two-gigabit", "superseded", reason="older")),
                subject_field="telecom", part_of_speech="adjective",
                definition="=gigabit & \"more\"\nsecond line", context="接续开展“双千兆”",
                note="@note", sources=("https://a.example/x|y", "-minus"), verified=False,
                created=date(2024, 1, 2), modified=date(2024, 3, 4)),
        Concept("5g", (Term("5G网络"), Term("5G網路", "admitted", "variant", tw="5G網路")),
                (Term("5G network", "preferred", part_of_speech="noun"),),
                part_of_speech="other"),
    )
    return TermBase(concepts, TermBaseInfo("sample", "a sample", "zh-CN", "en",
                                           ("telecom",)))


def _export(name: str, termbase: TermBase, **options: object) -> tuple[bytes, list[str]]:
    """As `export` writes it: the format's defaults, the warnings naming what is left out."""
    buffer = io.BytesIO()
    warnings = export_termbase(name, buffer, termbase, export_options(
        name, WriteOptions(**options)))  # type: ignore[arg-type]
    return buffer.getvalue(), warnings


def _import(name: str, data: bytes) -> ImportedTermBase:
    reader = FORMATS[name].termbase_reader()
    result: ImportedTermBase = reader(io.BytesIO(data), f"test.{name}", ReadOptions())
    return result


def _canonical(termbase: TermBase) -> list[Concept]:
    return [replace(c, zh=in_canonical_order(c.zh), en=in_canonical_order(c.en))
            for c in termbase]


@pytest.mark.parametrize("name", sorted(COMPLETE))
def test_complete_termbase_round_trip(name: str) -> None:
    """Every concept field comes back; the term base's own fields with TBX and XLSX, and
    a CSV or TSV table says it cannot hold them."""
    termbase = _sample_termbase()
    data, warnings = _export(name, termbase)
    in_a_table = name in ("csv", "tsv")
    assert warnings == ([f"{name.upper()} cannot hold: term base name, term base description, "
                         "subject-field list"] if in_a_table else [])
    imported = _import(name, data)
    assert imported.complete
    assert _canonical(imported.termbase) == _canonical(termbase)
    assert (imported.termbase.info == termbase.info) is not in_a_table


@pytest.mark.parametrize("name", sorted(COMPLETE))
def test_project_glossary_round_trip(name: str) -> None:
    from policyglossary.formats.canonical import read_dir

    termbase = read_dir(GLOSSARY)
    imported = _import(name, _export(name, termbase)[0])
    assert _canonical(imported.termbase) == _canonical(termbase)


@pytest.mark.parametrize("name", sorted(set(TERMBASE_WRITERS) - COMPLETE))
def test_partial_termbase_formats_name_what_they_leave_out(name: str) -> None:
    termbase = _sample_termbase()
    data, warnings = _export(name, termbase)
    assert warnings, "a format that cannot hold every field must say so"
    imported = _import(name, data)
    assert not imported.complete
    first = imported.termbase.concepts[0]
    assert first.headword == "双千兆"
    assert first.preferred_en is not None and first.preferred_en.text == "dual-gigabit"
    assert "double gigabit" not in [t.text for t in first.en]  # omitted by default


@pytest.mark.parametrize("name", ["tmx", "omegat"])
def test_forbidden_included_on_request_and_read_back(name: str) -> None:
    data, _ = _export(name, _sample_termbase(), forbidden="include")
    first = _import(name, data).termbase.concepts[0]
    statuses = {t.text: t.status for t in first.en}
    assert statuses["double gigabit"] == "forbidden"


@pytest.mark.parametrize("profile", ["memoq", "phrase"])
@pytest.mark.parametrize("name", ["xlsx", "csv"])
def test_profiles_are_read_back(name: str, profile: str) -> None:
    data, warnings = _export(name, _sample_termbase(), profile=profile)
    assert any("cannot hold" in w for w in warnings)
    imported = _import(name, data)
    first = imported.termbase.concepts[0]
    assert (first.id, first.headword) == ("dual-gigabit", "双千兆")
    statuses = {t.text: t.status for t in first.en}
    assert statuses["dual-gigabit"] == "preferred"
    assert statuses["double gigabit"] == "forbidden"


@pytest.mark.parametrize("name", sorted(n for n, s in FORMATS.items() if s.extensions))
def test_detection_by_extension(name: str, tmp_path: Path) -> None:
    spec = FORMATS[name]
    kind = "bilingual" if spec.read_doc else "termbase"
    assert detect(tmp_path / f"x{spec.extensions[0]}", head=b"", kind=kind).name == name


def test_registry_is_consistent() -> None:
    """What the registry says a format can do (without importing it) is what its module
    provides, and nothing more."""
    for name, spec in FORMATS.items():
        assert spec.name == name and spec.title
        functions = spec.functions()
        for role in ("read_doc", "write_doc", "read_termbase", "write_termbase", "sniff"):
            provided = getattr(functions, role)
            assert getattr(spec, role) == (provided is not None), (name, role)
            assert provided is None or callable(provided), (name, role)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_missing_role_is_a_usage_error(name: str) -> None:
    spec = FORMATS[name]
    getters = {"read_doc": spec.doc_reader, "write_doc": spec.doc_writer,
               "read_termbase": spec.termbase_reader, "write_termbase": spec.termbase_writer}
    for role, getter in getters.items():
        if getattr(spec, role):
            assert callable(getter())
        else:
            with pytest.raises(UsageError, match=re.escape(f"{spec.title} has no")):
                getter()


@pytest.mark.parametrize("name", DOC_WRITERS)
def test_an_abandoned_reader_leaves_the_callers_stream_open(name: str) -> None:
    """Readers stream over a handle the caller opened: stopping after one segment and
    dropping the reader must not close it (a plain text wrapper would, when collected)."""
    import gc

    handle = io.BytesIO(_write_doc(name, SEGMENTS))
    doc = FORMATS[name].doc_reader()(handle, f"test.{name}", ReadOptions())
    first = next(iter(doc.segments))
    assert first.source == SEGMENTS[0].source
    del doc
    gc.collect()
    assert not handle.closed
    handle.seek(0)
    assert handle.read(1)  # still the caller's to use and close
