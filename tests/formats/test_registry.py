"""formats/__init__.py, the registry: names, detection by extension and by content, opening
documents and term base files, and the errors on the way. (Every registered format's read
and write contract is in test_contract.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from policyglossary.errors import InputError, UsageError
from policyglossary.formats import (
    FORMATS,
    _record,
    bilingual_extensions,
    detect,
    get,
    import_termbase_file,
    open_document,
    read_termbase_file,
)


def test_an_unknown_format_name() -> None:
    with pytest.raises(UsageError) as caught:
        get("docx")
    assert str(caught.value) == f"unknown format 'docx'; known: {', '.join(FORMATS)}"
    assert get("xliff2").name == "xliff2"


def test_a_module_record_that_is_not_a_format_record() -> None:
    with pytest.raises(TypeError) as caught:
        _record("po", "sniff")()
    assert str(caught.value) == "po.sniff is not a FormatFunctions record"


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("a.PO", "bilingual", "po"), ("a.pot", "bilingual", "po"),
    ("a.sdlxliff", "bilingual", "xliff"), ("a.mqxliff", "bilingual", "xliff"),
    ("a.tmx", "bilingual", "tmx"), ("a.tmx", "termbase", "tmx"),
    ("a.tbx", "termbase", "tbx"), ("a.TSV", "termbase", "tsv"),
    ("a.txt", "termbase", "omegat"), ("a.utf8", "termbase", "omegat"),
])
def test_detection_by_extension(name: str, kind: str, expected: str) -> None:
    assert detect(Path(name), head=b"", kind=kind).name == expected


@pytest.mark.parametrize(("head", "kind", "expected"), [
    (b'# comment\nmsgid ""\nmsgstr ""\n', "bilingual", "po"),
    (b'<?xml version="1.0"?>\n<xliff version="2.0">', "bilingual", "xliff"),
    (b'<?xml version="1.0"?>\n<tmx version="1.4">', "bilingual", "tmx"),
    (b'<?xml version="1.0"?>\n<tmx version="1.4">', "termbase", "tmx"),
    (b'<?xml version="1.0"?>\n<martif type="TBX">', "termbase", "tbx"),
    (b"PK\x03\x04" + b"\0" * 26 + b"xl/workbook.xml", "bilingual", "xlsx"),
    (b"# Glossary in tab-separated format -*- coding: utf-8 -*-\n", "termbase", "omegat"),
])
def test_detection_by_content(head: bytes, kind: str, expected: str) -> None:
    assert detect(Path("download.bin"), head=head, kind=kind).name == expected


MAGIC = b"# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
XLSX_HEAD = b"PK\x03\x04" + b"\0" * 26 + b"[Content_Types].xml"

# What each format's sniffer says of the first bytes of a file (UTF-16 where tools write it).
SNIFFS = [
    ("po", b'msgid ""\nmsgstr ""\n', True),
    ("po", b'# comment\n\nmsgctxt "a"\nmsgid "b"\n', True),
    ("po", b"msgid without a quote", False),
    ("po", b'<tmx version="1.4">', False),
    ("po", b"", False),
    ("tmx", b'<?xml version="1.0"?><tmx version="1.4">', True),
    ("tmx", '<tmx version="1.4">'.encode("utf-16-le"), True),
    ("tmx", b'<xliff version="1.2">', False),
    ("xliff", b'<?xml version="1.0"?>\n<xliff version="1.2">', True),
    ("xliff", "<xliff>".encode("utf-16-le"), True),
    ("xliff", b'<tmx version="1.4">', False),
    ("tbx", b'<?xml version="1.0"?><tbx type="TBX-Basic">', True),
    ("tbx", b'<martif type="TBX">', True),
    ("tbx", "<martif>".encode("utf-16-le"), True),
    ("tbx", b'<tmx version="1.4">', False),
    ("xlsx", XLSX_HEAD + b"xl/workbook.xml", True),
    ("xlsx", XLSX_HEAD + b"word/document.xml", False),  # a Word document
    ("xlsx", b"\xd0\xcf\x11\xe0", False),               # legacy OLE2
    ("omegat", MAGIC, True),
    ("omegat", b"\xff\xfe" + MAGIC.decode().encode("utf-16-le"), True),
    ("omegat", b"kde\tcsv kde\n", False),
]


@pytest.mark.parametrize(("name", "head", "expected"), SNIFFS)
def test_sniffers(name: str, head: bytes, expected: bool) -> None:
    sniffer = FORMATS[name].sniffer()
    assert sniffer is not None and sniffer(head) is expected


def test_formats_without_a_sniffer() -> None:
    assert sorted(n for n, s in FORMATS.items() if s.sniffer() is None) == \
        ["csv", "tbx2", "tsv", "xliff2"]
    assert {name for name, _, _ in SNIFFS} == {n for n, s in FORMATS.items() if s.sniff}


def test_detection_reads_the_head_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "memory"
    path.write_bytes(b'<?xml version="1.0"?>\n<tmx version="1.4"><header/></tmx>')
    assert detect(path).name == "tmx"


TRANSLATION_EXTENSIONS = ".po, .pot, .xlf, .xliff, .sdlxliff, .mqxliff, .tmx, .xlsx, .csv, .tsv, .tab"
TERMBASE_EXTENSIONS = ".tmx, .tbx, .xlsx, .csv, .tsv, .tab, .txt, .utf8"


@pytest.mark.parametrize(("name", "kind", "message"), [
    # no extension, nothing recognisable (and no file)
    ("notes", "bilingual", f"unknown file type (no extension); known: {TRANSLATION_EXTENSIONS}"),
    ("a.doc", "bilingual", f"unknown file type .doc; known: {TRANSLATION_EXTENSIONS}"),
    ("a.doc", "termbase", f"unknown file type .doc; known: {TERMBASE_EXTENSIONS}"),
    # an OmegaT glossary is no bilingual document: the message says what .txt is for, and
    # lists only what the command reads (each extension once: .tab is TSV and OmegaT)
    ("a.txt", "bilingual", "a .txt file is a term base (OmegaT glossary), not translations to "
                           f"check or convert; known: {TRANSLATION_EXTENSIONS}"),
    ("a.tbx", "bilingual", "a .tbx file is a term base (TBX v3), not translations to check or "
                           f"convert; known: {TRANSLATION_EXTENSIONS}"),
    ("a.po", "termbase", "a .po file holds translations (Gettext PO/POT), not a term base; "
                         f"known: {TERMBASE_EXTENSIONS}"),
])
def test_an_unknown_file_type(name: str, kind: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        detect(Path(name), kind=kind)
    assert str(caught.value) == f"{name}: {message}"


def test_bilingual_extensions() -> None:
    assert bilingual_extensions() == {".po", ".pot", ".xlf", ".xliff", ".sdlxliff", ".mqxliff",
                                      ".tmx", ".xlsx", ".csv", ".tsv", ".tab"}  # .tab: TSV (README)


# ------------------------------------------------------------------ opening documents

PO = 'msgid "双千兆"\nmsgstr "dual-gigabit"\n'


def test_open_document_streams_and_reports_its_handle(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(PO, encoding="utf-8")
    handles = []
    with open_document(path, display="shown.po", on_open=handles.append) as doc:
        assert [s.source for s in doc.segments] == ["双千兆"]
        assert not handles[0].closed
    assert handles[0].closed  # closed when the context ends


def test_open_document_with_a_forced_format(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("source\ttarget\n双千兆\tdual-gigabit\n", encoding="utf-8")
    with open_document(path, fmt="tsv") as doc:
        assert [(s.source, s.target) for s in doc.segments] == [("双千兆", "dual-gigabit")]


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.mkdir(), "is a directory"),
    (lambda p: None, "no such file"),
    (lambda p: p.symlink_to(p.parent / "nowhere.po"), "no such file"),
    (lambda p: p.symlink_to(p), "cannot open: Too many levels of symbolic links"),
])
def test_open_document_errors(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.po"
    make(path)
    with pytest.raises(InputError) as caught, open_document(path, display="a.po"):
        pass
    assert str(caught.value) == f"a.po: {message}"


@pytest.mark.parametrize(("suffix", "title"), [
    (".tmx", "TMX 1.4b translation memory or term pairs"),
    (".xlf", "XLIFF 1.2 (reads 1.1, 1.2 and 2.x)"),
    (".xlsx", "Excel workbook: term base, or bilingual review sheet"),
])
def test_an_empty_xml_or_workbook_document(tmp_path: Path, suffix: str, title: str) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_bytes(b"")
    with pytest.raises(InputError) as caught, open_document(path):
        pass
    assert str(caught.value) == f"{path}: empty file (not a valid {title})"


# ------------------------------------------------------------------ term base files

def test_import_a_term_base_file(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("zh,en\n双千兆,dual-gigabit\n", encoding="utf-8")
    imported = import_termbase_file(path)
    assert not imported.complete
    assert [c.headword for c in imported.termbase] == ["双千兆"]
    assert read_termbase_file(path) == imported.termbase
    forced = tmp_path / "g.dat"
    forced.write_bytes(path.read_bytes())
    assert [c.headword for c in import_termbase_file(forced, fmt="csv").termbase] == ["双千兆"]


@pytest.mark.parametrize(("name", "make", "message"), [
    ("g.tbx", lambda p: None, "no such file"),
    ("g.tbx", lambda p: p.mkdir(), "is a directory"),
    ("g.tbx", lambda p: p.write_bytes(b""),
     "empty file (not a valid TBX v3 (ISO 30042:2019) TBX-Basic, DCA; reads TBX 2008 too)"),
    ("g.csv", lambda p: p.write_bytes(b""),
     "empty file (not a valid CSV (comma or semicolon separated, header row))"),
])
def test_term_base_file_errors(tmp_path: Path, name: str, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    make(path)
    with pytest.raises(InputError) as caught:
        import_termbase_file(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_format_without_a_term_base_reader(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(PO, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        import_termbase_file(path, fmt="po")
    assert str(caught.value) == "Gettext PO/POT has no read termbase support"
