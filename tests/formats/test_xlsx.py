"""formats/xlsx.py: the review sheet and term base workbooks as openpyxl (an independent
reader) sees them: sheets, header, cell types, styles, the columns and info sheets; and
reading them back (the term base sheet and info sheet found by name, located errors)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from policyglossary.errors import InputError, OutputError
from policyglossary.formats import xlsx
from policyglossary.formats._options import ReadOptions, WriteOptions
from policyglossary.formats.termtable import COLUMN_DOCS
from policyglossary.model import BilingualDoc, Concept, Segment, Term, TermBase, TermBaseInfo


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


# ------------------------------------------------------------------ the review sheet

SEGMENTS = [Segment("p1", "推进双千兆网络建设", "=build dual-gigabit", state="needs-review",
                    notes=("n1", "n2"), references=("a.txt:1", "a.txt:2")),
            Segment("p2", "占比达42%", "", state="new")]


def review_sheet(**options: object) -> bytes:
    buffer = io.BytesIO()
    warnings = xlsx.write_doc(buffer, BilingualDoc(SEGMENTS, "zh-CN", "en"),
                              WriteOptions(**options))  # type: ignore[arg-type]
    assert warnings == []
    return buffer.getvalue()


def test_review_sheet_as_openpyxl_sees_it() -> None:
    workbook = load(review_sheet(term_lines=lambda source: [f"{len(source)} chars", "→ x"]))
    assert workbook.sheetnames == ["segments"]
    sheet = workbook["segments"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["id", "zh-CN", "en", "state", "notes", "terms", "references"],
        ["p1", "推进双千兆网络建设", "=build dual-gigabit", "needs-review", "n1\nn2",
         "9 chars\n→ x", "a.txt:1\na.txt:2"],
        ["p2", "占比达42%", None, "new", None, "6 chars\n→ x", None]]
    assert sheet["C2"].data_type == "s"  # text, never a formula
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:G3")
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["B2"].alignment.wrap_text and sheet["B2"].alignment.vertical == "top"
    assert {k: sheet.column_dimensions[k].width for k in "ABCDEFG"} == \
        {"A": 14, "B": 50, "C": 60, "D": 12, "E": 30, "F": 40, "G": 20}


def test_review_sheet_reads_back() -> None:
    doc = xlsx.read(io.BytesIO(review_sheet()), "r.xlsx", ReadOptions())
    assert (doc.source_lang, doc.target_lang) == ("zh-CN", "en")
    assert [(s.id, s.source, s.target, s.state, s.notes, s.references, s.line)
            for s in doc.segments] == [
        ("p1", "推进双千兆网络建设", "=build dual-gigabit", "needs-review", ("n1", "n2"),
         ("a.txt:1", "a.txt:2"), 2),
        ("p2", "占比达42%", "", "new", (), (), 3)]


def test_review_sheet_header_without_languages() -> None:
    sheet = load(review_sheet(source_lang="", target_lang=""))["segments"]
    assert [c.value for c in sheet[1]][:3] == ["id", "source", "target"]


# ------------------------------------------------------------------ write_table

def test_fills_colour_cells() -> None:
    buffer = io.BytesIO()
    xlsx.write_table(buffer, "diff", ["a", "b"], [["1", "2"], ["3", None]],
                     fills={(2, 2): "FFC7CE", (3, 1): "C6EFCE"})
    sheet = load(buffer.getvalue())["diff"]
    assert sheet["B2"].fill.start_color.rgb == "00FFC7CE"
    assert sheet["A3"].fill.start_color.rgb == "00C6EFCE"
    assert sheet["A2"].fill.fill_type is None
    assert sheet.auto_filter.ref == "A1:B3"


def test_widths_follow_the_longest_value_within_limits() -> None:
    buffer = io.BytesIO()
    xlsx.write_table(buffer, "t", ["a", "b", "long header name"],
                     [["x", "y" * 30, None], ["x", "y" * 100, None]])
    sheet = load(buffer.getvalue())["t"]
    assert [sheet.column_dimensions[k].width for k in "ABC"] == [10, 60, 18]


def test_an_empty_table_still_has_a_header_and_a_filter() -> None:
    buffer = io.BytesIO()
    xlsx.write_table(buffer, "t", ["a", "b"], [])
    sheet = load(buffer.getvalue())["t"]
    assert [c.value for c in sheet[1]] == ["a", "b"]
    assert sheet.auto_filter.ref == "A1:B1"


@pytest.mark.parametrize(("header", "rows", "message"), [
    (["en"], [["x" * 32_768]],
     "row 2, column 'en': 32768 characters, over Excel's limit of 32767 per cell"),
    (["bad\x01"], [], "header 'bad\\x01': character U+0001 cannot be written in XML"),
    (["en"], [["a\x0bb"]], "row 2, column 'en': character U+000B cannot be written in XML"),
])
def test_what_a_workbook_cannot_hold_is_an_error(header: list[str], rows: list[list[object]],
                                                 message: str) -> None:
    target = io.BytesIO()
    with pytest.raises(OutputError) as caught:
        xlsx.write_table(target, "t", header, rows)
    assert str(caught.value) == message
    assert target.getvalue() == b""  # nothing half-written


def test_the_longest_cell_excel_holds_is_written() -> None:
    buffer = io.BytesIO()
    xlsx.write_table(buffer, "t", ["en"], [["x" * 32_767]])
    assert load(buffer.getvalue())["t"]["A2"].value == "x" * 32_767


# ------------------------------------------------------------------ term bases

TERMBASE = TermBase(
    (Concept("dual-gigabit", (Term("双千兆"),), (Term("dual-gigabit"),),
             created=date(2024, 1, 2)),),
    TermBaseInfo("sample", "a sample", "zh-CN", "en", ("telecom", "industry")))


def termbase_workbook(**options: str) -> bytes:
    buffer = io.BytesIO()
    xlsx.write_termbase(buffer, TERMBASE, WriteOptions(**options))
    return buffer.getvalue()


def test_term_base_workbook_sheets() -> None:
    workbook = load(termbase_workbook())
    assert workbook.sheetnames == ["termbase", "columns", "info"]
    header = [c.value for c in workbook["termbase"][1]]
    columns = [[c.value for c in row] for row in workbook["columns"].iter_rows()]
    assert columns == [["column", "meaning"], *([name, COLUMN_DOCS[name]] for name in header)]
    assert [[c.value for c in row] for row in workbook["info"].iter_rows()] == [
        ["name", "sample"], ["description", "a sample"], ["source-language", "zh-CN"],
        ["target-language", "en"], ["subject-fields", "telecom | industry"],
        ["layout", "default"]]
    assert workbook["termbase"].column_dimensions["A"].width == 28


def test_a_profile_workbook_has_no_columns_sheet() -> None:
    workbook = load(termbase_workbook(profile="phrase"))
    assert workbook.sheetnames == ["termbase", "info"]
    assert workbook["termbase"]["F2"].value is True  # Preferred: a real boolean
    assert workbook["info"]["B6"].value == "phrase"


def test_term_base_reads_back_with_its_info() -> None:
    imported = xlsx.read_termbase(io.BytesIO(termbase_workbook()), "t.xlsx", ReadOptions())
    assert imported.complete
    assert imported.termbase == TERMBASE


def _workbook(*sheets: tuple[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_term_base_sheet_is_found_by_name_and_info_defaults() -> None:
    data = _workbook(("notes", [["something else"]]),
                     ("termbase", [["zh", "en"], ["双千兆", "dual-gigabit"]]),
                     ("info", [["name", "n"], ["subject-fields", None], [None, "skipped"],
                               ["source-language"]]))
    imported = xlsx.read_termbase(io.BytesIO(data), "t.xlsx", ReadOptions())
    assert [c.headword for c in imported.termbase] == ["双千兆"]
    assert imported.termbase.info == TermBaseInfo("n", "", "zh-CN", "en", ())


def test_without_a_termbase_sheet_the_first_sheet_is_read() -> None:
    data = _workbook(("Sheet", [[None], ["zh_CN", "en"], ["双千兆", "dual-gigabit"]]))
    imported = xlsx.read_termbase(io.BytesIO(data), "t.xlsx", ReadOptions())
    assert [(c.headword, c.preferred_en) for c in imported.termbase] == \
        [("双千兆", Term("dual-gigabit"))]


@pytest.mark.parametrize(("reader", "message"), [
    (xlsx.read, "x.xlsx: the first sheet is empty: no header row"),
    (xlsx.read_termbase, "x.xlsx: the sheet is empty: no header row"),
])
def test_empty_sheets(reader, message: str) -> None:  # type: ignore[no-untyped-def]
    data = _workbook(("termbase", [[None, None], ["", "  "]]))
    with pytest.raises(InputError) as caught:
        reader(io.BytesIO(data), "x.xlsx", ReadOptions())
    assert str(caught.value) == message


def test_open_sheet_by_name() -> None:
    data = _workbook(("a", [["x"]]), ("b", [["y"]]))
    workbook, name = xlsx.open_sheet(io.BytesIO(data), "x.xlsx", "b")
    assert name == "b" and list(workbook.rows(name)) == [(1, ("y",))]
    workbook.close()
    with pytest.raises(InputError) as caught:
        xlsx.open_sheet(io.BytesIO(data), "x.xlsx", "c")
    assert str(caught.value) == "x.xlsx: no sheet named 'c'"
