"""formats/delimited.py: CSV and TSV files. The delimiter a header row uses, row numbers of
multi-line rows, located errors, and the writers' exact bytes (BOM and CRLF for CSV, quoting,
formula escapes). Encodings and line ends are in robustness/test_broken_input.py."""

from __future__ import annotations

import io

import pytest

from policyglossary.errors import InputError
from policyglossary.formats import delimited
from policyglossary.formats._options import ReadOptions, WriteOptions
from policyglossary.model import BilingualDoc, Concept, Segment, Term, TermBase

from .helpers import message


def read(data: bytes, delimiter: str | None = None, **options: str) -> BilingualDoc:
    doc = delimited.read(io.BytesIO(data), "x.csv", ReadOptions(**options), delimiter)
    doc.segments = list(doc.segments)
    return doc


def error(data: bytes, delimiter: str | None = None, **options: str) -> str:
    return message(lambda: read(data, delimiter, **options))


@pytest.mark.parametrize(("header", "row"), [
    ("id,source,target", "p1,双千兆,dual-gigabit"),
    ("id;source;target", "p1;双千兆;dual-gigabit"),
    ("id\tsource\ttarget", "p1\t双千兆\tdual-gigabit"),
    # the separator the header row uses most
    ("id;source;target;notes, comments", "p1;双千兆;dual-gigabit;a, b"),
    ("id\tsource\ttarget\tnotes; comments", "p1\t双千兆\tdual-gigabit\ta; b"),
])
def test_the_delimiter_is_the_one_the_header_uses_most(header: str, row: str) -> None:
    doc = read(f"{header}\n{row}\n".encode())
    assert [(s.id, s.source, s.target) for s in doc.segments] == \
        [("p1", "双千兆", "dual-gigabit")]


def test_tsv_is_always_tab_separated() -> None:
    doc = read("source\ttarget\n双千兆, 千兆\tdual-gigabit; gigabit\n".encode(), "\t")
    assert [(s.source, s.target) for s in doc.segments] == \
        [("双千兆, 千兆", "dual-gigabit; gigabit")]


def test_a_row_is_numbered_by_its_first_line() -> None:
    data = 'id,source,target\r\np1,"多行\r\n文本","multi\nline"\r\np2,甲,a\r\n\r\np3,乙,b\r\n'
    assert [(s.id, s.line, s.source) for s in read(data.encode()).segments] == \
        [("p1", 2, "多行\r\n文本"), ("p2", 5, "甲"), ("p3", 7, "乙")]


def test_encoding_and_bom() -> None:
    doc = read(b"\xef\xbb\xbfsource,target\n" + "双千兆,dual-gigabit\n".encode())
    assert doc.properties == {"encoding": "utf-8"}
    assert [s.source for s in doc.segments] == ["双千兆"]


@pytest.mark.parametrize(("data", "delimiter", "options", "expected"), [
    (b"", None, {}, "x.csv: empty file: no header row"),
    (b'source,target\n"a,b\n', None, {}, "x.csv:2: malformed CSV: unexpected end of data"),
    (b'source\ttarget\n"a\tb\n', "\t", {}, "x.csv:2: malformed TSV: unexpected end of data"),
    (b'source,target\na,b\nc,"d"e\n', None, {},
     "x.csv:3: malformed CSV: ',' expected after '\"'"),
    (b"zh,en\n\xff\xff,a\n", None, {}, "x.csv:1: not UTF-8, GB18030 or Big5 text; use --encoding"),
    (b"zh,en\na,b\n", None, {"encoding": "klingon"}, "x.csv: unknown encoding 'klingon' given with --encoding"),
    (b"zh,en\na,b\n", None, {"source_lang": "zh-TW"},
     "x.csv:1: header row needs source and target columns ('source'/'target' or language "
     "codes such as zh-CN and en); found: 'zh', 'en'"),
])
def test_errors(data: bytes, delimiter: str | None, options: dict[str, str],
                expected: str) -> None:
    assert error(data, delimiter, **options) == expected


def test_a_multi_line_row_with_an_error_is_named_at_its_first_line() -> None:
    data = 'zh,en\n"甲\n乙",a\n"丙,b\n'.encode()
    assert error(data) == "x.csv:4: malformed CSV: unexpected end of data"


# ------------------------------------------------------------------ writing

SEGMENTS = [
    Segment("p1", "推进,“双千兆”", 'say "hi"\nnext', state="needs-review", notes=("n1", "n2"),
            references=("a.txt:1",)),
    Segment("p2", "=1+1", "a\rb"),
]


def write(name: str, segments: list[Segment], source: str = "zh-CN",
          target: str = "en") -> bytes:
    writer = delimited.write_doc if name == "csv" else delimited.write_doc_tsv
    buffer = io.BytesIO()
    assert writer(buffer, BilingualDoc(segments, source, target), WriteOptions()) == []
    return buffer.getvalue()


def test_csv_writer_output() -> None:
    """UTF-8 with a BOM (Excel), CRLF (RFC 4180); a row holding a CR is quoted whole so that
    no reader takes the CR for the end of the row; formula-like text gets an apostrophe."""
    assert write("csv", SEGMENTS).decode("utf-8") == (
        "\ufeffid,zh-CN,en,state,notes,references\r\n"
        'p1,"推进,“双千兆”","say ""hi""\nnext",needs-review,"n1\nn2",a.txt:1\r\n'
        '"p2","\'=1+1","a\rb","translated","",""\r\n')


def test_tsv_writer_output() -> None:
    assert write("tsv", SEGMENTS).decode("utf-8") == (
        "id\tzh-CN\ten\tstate\tnotes\treferences\n"
        'p1\t推进,“双千兆”\t"say ""hi""\nnext"\tneeds-review\t"n1\nn2"\ta.txt:1\n'
        '"p2"\t"\'=1+1"\t"a\rb"\t"translated"\t""\t""\n')


@pytest.mark.parametrize("name", ["csv", "tsv"])
def test_what_the_writers_write_reads_back(name: str) -> None:
    doc = read(write(name, SEGMENTS), "\t" if name == "tsv" else None)
    assert [(s.id, s.source, s.target, s.state, s.notes, s.references, s.line)
            for s in doc.segments] == [
        ("p1", "推进,“双千兆”", 'say "hi"\nnext', "needs-review", ("n1", "n2"), ("a.txt:1",), 2),
        ("p2", "=1+1", "a\rb", "translated", (), (), 5)]
    assert (doc.source_lang, doc.target_lang) == ("zh-CN", "en")


def test_writer_header_without_languages() -> None:
    assert write("tsv", [], source="", target="") == \
        b"id\tsource\ttarget\tstate\tnotes\treferences\n"


def test_term_base_export() -> None:
    concept = Concept("a", (Term("双千兆"),), (Term("@dual"), Term("x", "forbidden", reason="y")),
                      definition="line one\nline two")
    buffer = io.BytesIO()
    delimited.write_termbase_tsv(buffer, TermBase((concept,)), WriteOptions())
    header, row = buffer.getvalue().decode("utf-8").split("\n", 1)
    assert header.split("\t")[:8] == ["id", "zh", "zh-Hant", "zh other", "en", "en admitted",
                                      "en forbidden", "en superseded"]
    assert row == "a\t双千兆\t雙千兆\t\t'@dual\t\tx [y]\t\t\t\t\"line one\nline two\"\t\t\t\t" \
        "verified\t\t\n"


def test_phrase_booleans_are_written_as_true_and_false() -> None:
    buffer = io.BytesIO()
    delimited.write_termbase(buffer, TermBase((Concept("a", (Term("甲"),), (Term("a"),)),)),
                             WriteOptions(profile="phrase"))
    lines = buffer.getvalue().decode("utf-8-sig").splitlines()
    assert lines[1:] == ["a,,,zh_cn,甲,TRUE,FALSE,FALSE,", "a,,,en,a,TRUE,FALSE,FALSE,"]


@pytest.mark.parametrize("reader", [delimited.read_termbase, delimited.read_termbase_tsv])
def test_an_empty_term_base_file_is_an_error(reader) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        reader(io.BytesIO(b"\xef\xbb\xbf"), "x.csv", ReadOptions())
    assert str(caught.value) == "x.csv: empty file: no header row"


def test_a_term_base_read_with_a_forced_encoding() -> None:
    data = "zh,en\n雙千兆,dual-gigabit\n".encode("big5")
    imported = delimited.read_termbase(io.BytesIO(data), "x.csv",
                                       ReadOptions(encoding="big5"))
    assert [c.headword for c in imported.termbase] == ["雙千兆"]
