"""Workbooks that are not what they claim: a clear error or a correct reading, within the
limits of `formats/_sheet.py` (README, "Limits")."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from policyglossary.errors import InputError
from policyglossary.formats import ReadOptions, _sheet, open_document

from ..conftest import GLOSSARY
from .helpers import (
    SHEET_HEAD,
    SHEET_TAIL,
    bilingual_sheet,
    inline_row,
    run_cli,
    write_xlsx,
)


def _check(path: Path) -> tuple[int, str]:
    result = run_cli("check", "--termbase", str(GLOSSARY), "-f", "json", str(path))
    return result.code, result.error_line if result.code == 2 else result.stdout


def _segments(path: Path) -> list[tuple[str, str, int | None]]:
    with open_document(path, ReadOptions()) as doc:
        return [(s.source, s.target, s.line) for s in doc.segments]


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("source,target\n", encoding="utf-8")
    code, line = _check(path)
    assert code == 2 and "not a valid XLSX file" in line


def test_truncated_zip(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", bilingual_sheet(("双千兆", "dual-gigabit")))
    path = tmp_path / "x.xlsx"
    path.write_bytes(whole.read_bytes()[:-200])
    code, line = _check(path)
    assert code == 2 and line.startswith(f"Error: {path}: not a valid XLSX file"), line


def test_legacy_or_encrypted_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    code, line = _check(path)
    assert code == 2 and "encrypted workbook or a legacy .xls" in line


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 1 MB on disk; its sheet inflates to 1 GiB of spaces inside <sheetData>."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    write_xlsx(path, bilingual_sheet(("a", "b")))
    block = b" " * (1 << 20)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive, \
            archive.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as member:
        member.write(SHEET_HEAD.encode())
        for _ in range(1024):
            member.write(block)
        member.write(SHEET_TAIL.encode())
    assert path.stat().st_size < 4 << 20
    return path


def test_zip_bomb_is_refused_before_unpacking(zip_bomb: Path) -> None:
    code, line = _check(zip_bomb)
    assert code == 2
    assert f"over the limit of {_sheet.MAX_UNCOMPRESSED:,}" in line, line


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_member_that_lies_about_its_size(tmp_path: Path) -> None:
    """A member declaring a small size that inflates to far more: unpacking stops at the
    declared size and the CRC check fails; never 100 MB in memory."""
    path = write_xlsx(tmp_path / "x.xlsx", bilingual_sheet(("a", "b")))
    padding = SHEET_HEAD + "<!-- " + " " * (100 << 20) + " -->" + SHEET_TAIL
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", padding)  # a second entry, same name
    data = bytearray(path.read_bytes())
    declared = 4096
    # patch the last entry's sizes in its local header and in the central directory
    local = data.rfind(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, declared)
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)
    path.write_bytes(bytes(data))
    code, line = _check(path)
    assert code == 2, line
    assert str(path) in line and "Bad CRC-32" in line, line


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_a_compression_method_zipfile_does_not_know(tmp_path: Path, member: str) -> None:
    """A member whose header claims Deflate64 (or any method zipfile lacks), as a damaged
    file can: an error naming the member, not NotImplementedError's traceback. (Found by
    benchmarks/fuzz.py.)"""
    path = write_xlsx(tmp_path / "x.xlsx", bilingual_sheet(("a", "b")))
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    while central >= 0:  # the member's central directory entry: compression method = 9
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == member.encode():
            struct.pack_into("<H", data, central + 10, 9)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    code, line = _check(path)
    assert code == 2, line
    assert line.startswith(f"Error: {path}") and member in line, line
    assert "compression method is not supported" in line, line


def test_two_rows_then_a_million_empty_rows(tmp_path: Path) -> None:
    empty = "".join(f'<row r="{n}"/>' for n in range(4, 1_000_004))
    sheet = SHEET_HEAD + inline_row(1, "zh-CN", "en") + inline_row(2, "双千兆", "dual-gigabit") \
        + inline_row(3, "专精特新", "specialized, refined, distinctive and innovative") \
        + empty + SHEET_TAIL
    path = write_xlsx(tmp_path / "x.xlsx", sheet)
    code, text = _check(path)
    assert code == 0, text
    assert '"segments": 2' in text


def test_a_declared_dimension_does_not_make_rows(tmp_path: Path) -> None:
    """openpyxl's read-only mode pads to the declared dimension; rows not stored are not
    made up here."""
    sheet = bilingual_sheet(("双千兆", "dual-gigabit")).replace(
        "<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    path = write_xlsx(tmp_path / "x.xlsx", sheet)
    assert _segments(path) == [("双千兆", "dual-gigabit", 2)]


@pytest.mark.parametrize(("cells", "expected"), [
    # a formula with its computed value: the value, as the spreadsheet shows it
    ('<c r="B2" t="str"><f>"dual-"&amp;"gigabit"</f><v>dual-gigabit</v></c>', "dual-gigabit"),
    # an error value: its text
    ('<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', "#DIV/0!"),
    # a number and a boolean
    ('<c r="B2"><v>42</v></c>', "42"),
    ('<c r="B2" t="b"><v>1</v></c>', "True"),
])
def test_formulas_errors_and_values(tmp_path: Path, cells: str, expected: str) -> None:
    sheet = SHEET_HEAD + inline_row(1, "zh-CN", "en") + \
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>双千兆</t></is></c>{cells}</row>' + SHEET_TAIL
    path = write_xlsx(tmp_path / "x.xlsx", sheet)
    assert _segments(path) == [("双千兆", expected, 2)]


@pytest.mark.parametrize(("row", "message"), [
    ('<row r="2"><c r="A2" t="inlineStr"><is><t>双千兆</t></is></c><c r="B2"><f>A1</f></c>'
     "</row>", "formula without a computed value"),
    ('<row r="2"><c r="A2" t="s"><v>7</v></c></row>', "shared string '7' does not exist"),
    ('<row r="2"><c r="XFE2"><v>1</v></c></row>', "beyond column XFD"),
    ('<row r="1048577"><c r="A1048577"><v>1</v></c></row>', "more than 1,048,576 rows"),
    ('<row r="2"><c r="B2"><v>abc</v></c></row>', "'abc' is not a number"),
])
def test_broken_cells_are_located(tmp_path: Path, row: str, message: str) -> None:
    sheet = SHEET_HEAD + inline_row(1, "zh-CN", "en") + row + SHEET_TAIL
    path = write_xlsx(tmp_path / "x.xlsx", sheet)
    with pytest.raises(InputError) as caught:
        _segments(path)
    assert message in str(caught.value)
    assert caught.value.line is not None


def test_rich_text_and_phonetic_runs(tmp_path: Path) -> None:
    cell = ('<c r="B2" t="inlineStr"><is><r><t>dual-</t></r><r><rPr><b/></rPr><t>gigabit</t>'
            '</r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c>')
    sheet = SHEET_HEAD + inline_row(1, "zh-CN", "en") + \
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>双千兆</t></is></c>{cell}</row>' + SHEET_TAIL
    path = write_xlsx(tmp_path / "x.xlsx", sheet)
    assert _segments(path) == [("双千兆", "dual-gigabit", 2)]


def test_our_own_workbook_reads_back_dates_as_the_spreadsheet_shows_them(
        tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "zh", "en", "created"])
    sheet.append(["c1", "双千兆", "dual-gigabit", __import__("datetime").date(2024, 3, 1)])
    path = tmp_path / "tb.xlsx"
    workbook.save(path)
    with path.open("rb") as handle:
        rows = list(_sheet.Workbook(handle, str(path)).rows())
    assert str(rows[1][1][3]).startswith("2024-03-01")


INJECTIONS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=already quoted", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "tsv"])
def test_formula_injection_is_defused_and_reads_back(tmp_path: Path, fmt: str) -> None:
    """Written so that no spreadsheet evaluates it (XLSX: string cells; CSV/TSV: a leading
    apostrophe), and read back exactly as it was."""
    from policyglossary.formats import WriteOptions, get
    from policyglossary.model import BilingualDoc, Segment

    segments = [Segment(str(n), f"源{n}", value, line=n + 2) for n, value in enumerate(INJECTIONS)]
    path = tmp_path / f"x.{fmt}"
    with path.open("wb") as handle:
        get(fmt).doc_writer()(handle, BilingualDoc(iter(segments), "zh-CN", "en"),
                                       WriteOptions(source_lang="zh-CN", target_lang="en"))
    if fmt == "xlsx":
        with zipfile.ZipFile(path) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "<f>" not in sheet and "<f " not in sheet  # no formula anywhere
    else:
        raw = path.read_text(encoding="utf-8-sig")
        assert "'=1+1" in raw and "'@SUM(A1)" in raw and "''=already quoted" in raw
    with open_document(path, ReadOptions()) as doc:
        assert [s.target for s in doc.segments] == INJECTIONS
