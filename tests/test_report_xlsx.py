"""check --format xlsx: the reviewer's sheet, read back by openpyxl, our reader and LibreOffice."""

from __future__ import annotations

import io
import re
import shlex
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock

from policyglossary.cli._app import main
from policyglossary.errors import OutputError
from policyglossary.report.xlsx import MAX_ROWS, ReportInfo, write

from .cat.helpers import libreoffice_csv, needs_libreoffice
from .conftest import GLOSSARY
from .seeded import FINDINGS, line_of, seeded_translation


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("xlsx")
    seeded = seeded_translation(folder)
    out = folder / "report.xlsx"
    result = CliRunner().invoke(main, ["check", str(seeded), "-t", str(GLOSSARY), "-f", "xlsx",
                                       "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "3 errors, 2 warnings, 0 infos in 1 file, 47 segments" in result.stderr
    return out


def _rows(sheet) -> list[dict[str, object]]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True))
            for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_layout_for_reviewers(report: Path) -> None:
    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames == ["findings", "summary", "info", "columns"]
    sheet = workbook["findings"]
    header = [c.value for c in sheet[1]]
    assert header == ["file", "line", "segment", "severity", "rule", "term", "concept",
                      "expected", "source", "target", "message", "review", "comment",
                      "fingerprint"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:N{FINDINGS + 1}"
    assert sheet.column_dimensions["J"].width == 60
    assert sheet["I2"].alignment.wrap_text
    # rows as tall as their wrapped text (spreadsheet programs do not fit them on opening)
    assert sheet.row_dimensions[1].height is None
    heights = [sheet.row_dimensions[r].height for r in range(2, FINDINGS + 2)]
    assert all(h is not None and 15 <= h <= 409 for h in heights)
    assert heights[1] > heights[2]  # 专精特新's seven renderings against a short number row
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"ok,fix,false positive,ignore"'
    assert str(validation.sqref) == f"L2:L{FINDINGS + 1}"
    rows = _rows(sheet)
    assert [r["rule"] for r in rows] == ["term-missing", "term-inconsistent", "number-mismatch",
                                         "term-missing", "term-forbidden"]
    forbidden = rows[4]
    assert forbidden["line"] == line_of(report.parent / "article.po", "p22.s03")
    assert forbidden["segment"] == "p22.s03"
    assert forbidden["term"] == "双千兆" and forbidden["concept"] == "dual-gigabit"
    assert forbidden["expected"] == "dual-gigabit | dual-gigabit networks"
    assert forbidden["review"] is None and forbidden["comment"] is None
    assert len(str(forbidden["fingerprint"])) == 20


def test_term_and_rendering_are_rich_text(report: Path) -> None:
    sheet = openpyxl.load_workbook(report, rich_text=True)["findings"]
    source, target = sheet["I6"].value, sheet["J6"].value  # the term-forbidden row
    assert isinstance(source, CellRichText) and isinstance(target, CellRichText)
    bold = [(b.text, b.font.color.rgb) for b in source if isinstance(b, TextBlock)]
    assert bold == [("双千兆", "001F4E79")]
    bold = [(b.text, b.font.color.rgb) for b in target if isinstance(b, TextBlock)]
    assert bold == [("double gigabit", "00C00000")]
    assert "".join(str(b) for b in target).startswith("and deepening empowerment")


def test_summary_and_info_sheets(report: Path) -> None:
    workbook = openpyxl.load_workbook(report)
    summary = [tuple(r) for r in workbook["summary"].iter_rows(min_row=2, values_only=True)]
    assert ("severity", "error", 3) in summary and ("severity", "warning", 2) in summary
    assert ("rule", "term-missing", 2) in summary
    assert ("term", "双千兆 (dual-gigabit)", 1) in summary
    assert [r for r in summary if r[0] == "file"] == [("file", str(report.parent /
                                                                  "article.po"), 5)]
    info = dict(workbook["info"].iter_rows(values_only=True))
    assert info["term base"] == str(GLOSSARY)
    assert re.fullmatch(r"[0-9a-f]{64}", str(info["term base sha256"]))
    assert info["command"] == shlex.join(["policyglossary", "check", str(report.parent /
                                                                      "article.po"),
                                          "-t", str(GLOSSARY), "-f", "xlsx", "-o", str(report)])
    assert re.match(r"\d{4}-\d\d-\d\dT", str(info["date"]))
    assert info["findings"] == "3 errors, 2 warnings, 0 infos"
    assert info["segments"] == "47"


def test_our_own_reader_reads_it_back(report: Path) -> None:
    from policyglossary.formats.xlsx import header_and_rows, open_sheet

    with report.open("rb") as handle:
        workbook, _ = open_sheet(handle, str(report))
        header, rows = header_and_rows(workbook, "findings")
        assert header is not None and header[1][-1] == "fingerprint"
        texts = [row[9] for _, row in rows]
        workbook.close()
    assert any("double gigabit networks" in str(t) for t in texts)


def test_cells_that_look_like_formulas_stay_text(runner, tmp_path: Path) -> None:
    po = tmp_path / "f.po"
    po.write_text('msgctxt "=1+1"\nmsgid "推进双千兆网络建设"\n'
                  'msgstr "=HYPERLINK(\\"http://example.org\\",\\"double gigabit\\")"\n\n'
                  'msgctxt "c"\nmsgid "双千兆"\nmsgstr "@SUM(A1) \\a bell"\n', encoding="utf-8")
    out = tmp_path / "r.xlsx"
    result = runner.invoke(main, ["check", str(po), "-t", str(GLOSSARY), "-f", "xlsx", "-o",
                                  str(out)])
    assert result.exit_code == 1, result.output
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    rows = _rows(openpyxl.load_workbook(out)["findings"])
    assert rows[0]["segment"] == "=1+1"
    assert str(rows[0]["target"]).startswith("=HYPERLINK(")
    assert any(str(r["target"]) == "@SUM(A1) \ufffd bell" for r in rows)  # BEL cannot be in XML


def test_more_findings_than_a_sheet_holds_is_an_error_before_writing() -> None:
    target = io.BytesIO()
    info = ReportInfo("t", "0", "c", "d", "v", [], 0, {})
    with pytest.raises(OutputError, match="do not fit in one XLSX sheet"):
        write(target, iter(()), MAX_ROWS, info)
    assert target.getvalue() == b""


def test_xlsx_needs_an_output_file(runner, tmp_path: Path) -> None:
    seeded = seeded_translation(tmp_path)
    result = runner.invoke(main, ["check", str(seeded), "-t", str(GLOSSARY), "-f", "xlsx"])
    assert result.exit_code == 2
    assert "Error: xlsx needs --output FILE" in result.stderr


@pytest.mark.slow
@needs_libreoffice
def test_libreoffice_reads_the_report(report: Path, tmp_path: Path) -> None:
    rows = libreoffice_csv(report, tmp_path)
    expected = _rows(openpyxl.load_workbook(report)["findings"])
    assert rows[0][:3] == ["file", "line", "segment"]
    assert len(rows) == FINDINGS + 1
    for row, mine in zip(rows[1:], expected, strict=True):
        assert row[8] == mine["source"] and row[9] == mine["target"]  # CJK intact
        assert row[13] == mine["fingerprint"]
