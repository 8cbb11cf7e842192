"""formats/_sheet.py: reading XLSX workbooks with the zip module and the safe XML parser.

Real workbooks (Excel's and openpyxl's) are read as openpyxl reads them; small workbooks
written part by part show each cell type, number format, date system, relationship form and
refusal. (Hostile and broken archives, run in a child process, are in robustness/.)"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from policyglossary.formats._sheet import MAX_RATIO, Workbook

from ..conftest import INTEROP, needs_shared
from ..robustness.helpers import (
    CONTENT_TYPES,
    ROOT_RELS,
    SHEET_HEAD,
    SHEET_TAIL,
    WORKBOOK,
    WORKBOOK_RELS,
    inline_row,
)
from .helpers import message

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


STYLES, STRINGS = "xl/styles.xml", "xl/sharedStrings.xml"
BOOK, BOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"


def archive(sheet: str = "", parts: dict[str, str | None] | None = None) -> bytes:
    """A workbook zipped part by part; `parts` replaces, adds or (None) removes parts."""
    members: dict[str, str | None] = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, BOOK: WORKBOOK,
        BOOK_RELS: WORKBOOK_RELS, "xl/worksheets/sheet1.xml": SHEET_HEAD + sheet + SHEET_TAIL}
    members.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, text in members.items():
            if text is not None:
                zipped.writestr(name, text)
    return buffer.getvalue()


def rows(data: bytes, sheet: str | None = None) -> list[tuple[int, tuple[object, ...]]]:
    workbook = Workbook(io.BytesIO(data), "x.xlsx")
    try:
        return list(workbook.rows(sheet))
    finally:
        workbook.close()


def error(data: bytes) -> str:
    return message(lambda: rows(data))


# ------------------------------------------------------------------ real workbooks

@needs_shared
@pytest.mark.parametrize("name", ["openpyxl_engineering_glossary_multilang.xlsx",
                                  "excel_engineering_glossary_en-pt.xlsx"])
def test_real_workbooks_read_as_openpyxl_reads_them(name: str) -> None:
    path = INTEROP / "glossary" / name
    expected = []
    book = openpyxl.load_workbook(path, read_only=True)
    for row in book.active.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        expected.append(tuple(values))
    book.close()
    got = rows(path.read_bytes())
    assert [number for number, _ in got] == list(range(1, len(expected) + 1))
    assert [values for _, values in got] == expected


def test_a_workbook_openpyxl_wrote_with_every_cell_type(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "first"
    sheet.append(["text", 42, 2.5, True, datetime(2024, 3, 1), None, "no formula"])
    sheet["C3"] = "a gap row, not column A"
    book.create_sheet("second").append(["二"])
    path = tmp_path / "w.xlsx"
    book.save(path)
    with path.open("rb") as handle:
        workbook = Workbook(handle, str(path))
        assert workbook.sheetnames == ["first", "second"]
        assert list(workbook.rows("second")) == [(1, ("二",))]
    assert rows(path.read_bytes()) == [
        (1, ("text", 42, 2.5, True, datetime(2024, 3, 1), None, "no formula")),
        (3, (None, None, "a gap row, not column A"))]


@pytest.mark.xfail(strict=True, reason="bug: openpyxl writes a formula cell as <f>1+1</f><v></v>; "
                   "the empty <v> is read as a value and reported as \"cell G1: '' is not a "
                   "number\", not as the documented 'formula without a computed value; open "
                   "and save the workbook …' error")
def test_a_formula_openpyxl_wrote_is_named_as_a_formula(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["zh-CN", "en", None, None, None, None, "=1+1"])
    path = tmp_path / "f.xlsx"
    book.save(path)
    assert "cell G1 holds a formula without a computed value" in error(path.read_bytes())


@pytest.mark.xfail(strict=True, reason="bug (minor): a date-time is not rounded as openpyxl rounds "
                   "it: 08:30 comes back as 08:29:59.999999 (the module promises cells 'as "
                   "openpyxl's values_only would give them'; cell_text then shows the artefact)")
def test_a_time_of_day_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append([datetime(2024, 3, 1, 8, 30)])
    path = tmp_path / "t.xlsx"
    book.save(path)
    assert rows(path.read_bytes()) == [(1, (datetime(2024, 3, 1, 8, 30),))]


# ------------------------------------------------------------------ cells

def cell_row(*cells: str) -> str:
    return f'<row r="1">{"".join(cells)}</row>'


@pytest.mark.parametrize(("cell", "value"), [
    ('<c r="A1"><v>7</v></c>', 7),
    ('<c r="A1"><v>7.0</v></c>', 7.0),
    ('<c r="A1"><v>1E3</v></c>', 1000.0),
    ('<c r="A1"><v>-0.25</v></c>', -0.25),
    ('<c r="A1" t="n"><v>3</v></c>', 3),
    ('<c r="A1" t="str"><v>007</v></c>', "007"),
    ('<c r="A1" t="d"><v>2024-03-01T00:00:00</v></c>', "2024-03-01T00:00:00"),
    ('<c r="A1" t="e"><v>#N/A</v></c>', "#N/A"),
    ('<c r="A1" t="b"><v>0</v></c>', False),
    ('<c r="A1" t="b"><v> true </v></c>', True),
    ('<c r="A1" t="inlineStr"><v>legacy</v></c>', "legacy"),
    ('<c r="A1" t="inlineStr"><is><t xml:space="preserve"> a </t></is></c>', " a "),
    ('<c r="A1"/>', None),
])
def test_cell_types(cell: str, value: object) -> None:
    assert rows(archive(cell_row(cell))) == [(1, (value,))]


def test_cells_and_rows_without_references_follow_the_previous_ones() -> None:
    sheet = ('<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
             '<row r="5"><c r="C5"><v>2</v></c><c><v>3</v></c></row>'
             '<row r="x"><c r="b6"><v>4</v></c></row>')
    assert rows(archive(sheet)) == [(1, ("a", 1)), (5, (None, None, 2, 3)), (6, (None, 4))]


@pytest.mark.parametrize(("sheet", "message"), [
    (cell_row('<c r="A1B"><v>1</v></c>'), "x.xlsx:1: bad cell reference 'A1B'"),
    (cell_row('<c r="A1" s="1"><v>9999999999</v></c>'),
     "x.xlsx:1: cell A1: '9999999999' is not a date Excel can show"),
])
def test_cell_errors(sheet: str, message: str) -> None:
    assert error(archive(sheet, {STYLES: styles('<xf numFmtId="0"/><xf numFmtId="14"/>')})) == \
        message


# ------------------------------------------------------------------ dates

def styles(xfs: str, formats: str = "") -> str:
    return (f'<styleSheet xmlns="{MAIN}"><numFmts>{formats}</numFmts><cellStyleXfs><xf '
            f'numFmtId="14"/></cellStyleXfs><cellXfs>{xfs}</cellXfs></styleSheet>')


CUSTOM = ('<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
          '<numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/>'
          '<numFmt numFmtId="166" formatCode="[Red]#,##0;[Blue]\\-#,##0"/>'
          '<numFmt numFmtId="167" formatCode="[$-409]h:mm AM/PM"/>')
XFS = ('<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
       '<xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="49"/>')


@pytest.mark.parametrize(("style", "serial", "value"), [
    (0, "45352", 45352),                                   # General: a number
    (1, "45352", datetime(2024, 3, 1)),                    # built-in date format 14
    (2, "45352.5", datetime(2024, 3, 1, 12)),              # custom yyyy-mm-dd
    (3, "45352", 45352),                                   # "d" in quotes is text, not a day
    (4, "45352", 45352),                                   # [Red] is a colour, not a date
    (5, "0.75", datetime(1899, 12, 31, 18)),               # a time; serial < 60
    (6, "45352", 45352),                                   # text format @
    (1, "59", datetime(1900, 2, 28)),                      # before Excel's phantom 29 Feb
    (1, "61", datetime(1900, 3, 1)),
    (9, "45352", 45352),                                   # a style the sheet lacks
])
def test_number_formats_that_are_dates(style: int, serial: str, value: object) -> None:
    sheet = cell_row(f'<c r="A1" s="{style}"><v>{serial}</v></c>')
    assert rows(archive(sheet, {STYLES: styles(XFS, CUSTOM)})) == [(1, (value,))]


def test_the_1904_date_system() -> None:
    book = WORKBOOK.replace("<sheets>", '<workbookPr date1904="1"/><sheets>')
    sheet = cell_row('<c r="A1" s="1"><v>0</v></c>')
    assert rows(archive(sheet, {BOOK: book, STYLES: styles(XFS)})) == \
        [(1, (datetime(1904, 1, 1),))]


# ------------------------------------------------------------------ parts and relationships

def test_shared_strings_with_runs_and_phonetics() -> None:
    strings = (f'<sst xmlns="{MAIN}"><si><t>双千兆</t></si><si><r><t>dual-</t></r><r><rPr><b/>'
               '</rPr><t>gigabit</t></r><rPh sb="0" eb="1"><t>ふり</t></rPh></si></sst>')
    sheet = cell_row('<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>')
    assert rows(archive(sheet, {STRINGS: strings})) == \
        [(1, ("双千兆", "dual-gigabit"))]


def test_empty_parts_are_empty() -> None:
    data = archive("", {STRINGS: f'<sst xmlns="{MAIN}"/>',
                        STYLES: f'<styleSheet xmlns="{MAIN}"/>'})
    assert rows(data) == []


def _workbook(*sheets: str, ns: str = OFFICE) -> str:
    return (f'<workbook xmlns="{MAIN}" xmlns:r="{ns}"><sheets>{"".join(sheets)}</sheets>'
            "</workbook>")


def _rels(*relationships: str) -> str:
    return f'<Relationships xmlns="{RELS}">{"".join(relationships)}</Relationships>'


WORKSHEET = f"{OFFICE}/worksheet"


@pytest.mark.parametrize(("book", "rels"), [
    # an absolute target
    (_workbook('<sheet name="s" sheetId="1" r:id="rId1"/>'),
     _rels(f'<Relationship Id="rId1" Type="{WORKSHEET}" Target="/xl/worksheets/sheet1.xml"/>')),
    # Strict OOXML's relationship namespace
    (_workbook('<sheet name="s" sheetId="1" r:id="rId1"/>',
               ns="http://purl.oclc.org/ooxml/officeDocument/relationships"),
     _rels(f'<Relationship Id="rId1" Type="{WORKSHEET}" Target="worksheets/sheet1.xml"/>')),
    # a sheet without a name, an external target and a missing id are passed over
    (_workbook('<sheet sheetId="9" r:id="rId9"/>', '<sheet name="ext" r:id="rId2"/>',
               '<sheet name="none" r:id="rId3"/>', '<sheet name="s" sheetId="1" r:id="rId1"/>'),
     _rels(f'<Relationship Id="rId9" Type="{WORKSHEET}" Target="worksheets/sheet1.xml"/>',
           f'<Relationship Id="rId2" Type="{WORKSHEET}" Target="http://x/s.xml" '
           'TargetMode="External"/>',
           f'<Relationship Id="rId1" Type="{WORKSHEET}" Target="worksheets/sheet1.xml"/>')),
])
def test_relationships(book: str, rels: str) -> None:
    data = archive(inline_row(1, "甲"), {BOOK: book, BOOK_RELS: rels})
    workbook = Workbook(io.BytesIO(data), "x.xlsx")
    assert workbook.sheetnames == ["s"]
    assert list(workbook.rows()) == [(1, ("甲",))]


@pytest.mark.parametrize(("parts", "message"), [
    ({BOOK: _workbook()}, "x.xlsx: the workbook has no worksheets"),
    ({BOOK_RELS: _rels(
        f'<Relationship Id="rId1" Type="{WORKSHEET}" Target="worksheets/gone.xml"/>')},
     "x.xlsx: the workbook has no part xl/worksheets/gone.xml"),
    ({BOOK: None}, "x.xlsx: the workbook has no part xl/workbook.xml"),
    ({STRINGS: f'<sst xmlns="{MAIN}"><si><t>a</si></sst>'},
     "x.xlsx (xl/sharedStrings.xml):1: malformed XML: Opening and ending tag mismatch: t "
     "line 1 and si"),
])
def test_broken_parts(parts: dict[str, str | None], message: str) -> None:
    assert error(archive(inline_row(1, "甲"), parts)) == message


def test_a_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("[Content_Types].xml", CONTENT_TYPES)
        zipped.writestr("word/document.xml", "<w/>")
    assert error(buffer.getvalue()) == \
        "x.xlsx: not an XLSX workbook (a zip file without xl/ parts)"


def test_encrypted_members_are_refused() -> None:
    data = bytearray(archive(inline_row(1, "甲")))
    offset = data.find(b"PK\x01\x02")
    while offset >= 0:  # set bit 0 ("encrypted") of every central directory entry's flags
        data[offset + 8] |= 1
        offset = data.find(b"PK\x01\x02", offset + 4)
    assert error(bytes(data)) == "x.xlsx: the workbook's zip members are encrypted"


def test_a_compression_ratio_of_a_zip_bomb_is_refused() -> None:
    padding = "<!--" + " " * (17 << 20) + "-->"
    data = archive(inline_row(1, "甲") + padding)
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        members = zipped.infolist()
    total = sum(m.file_size for m in members)
    ratio = total // sum(m.compress_size for m in members)
    assert ratio > MAX_RATIO
    assert error(data) == f"x.xlsx: workbook compression ratio {ratio}:1 looks like a zip " \
                          "bomb; refused"
