"""The reviewer's sheet of a check (`check --format xlsx`): one row per finding, source and
target with the term and the rendering highlighted as rich text, and `review` and `comment`
columns for the reviewer, whose `false positive` and `ignore` rows make a baseline.

Written with openpyxl's write-only workbook: rows stream to a temporary file, so a large
report does not sit in memory. Every text cell is an inline string, never a formula.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from ..checking.baseline import REVIEW_CHOICES
from ..checking.context import FindingContext
from ..errors import OutputError
from .findings import summary_text

MAX_ROWS = 1_048_576
MAX_CELL = 32_767
COLUMNS: tuple[tuple[str, int], ...] = (
    ("file", 24), ("line", 7), ("segment", 12), ("severity", 10), ("rule", 20), ("term", 16),
    ("concept", 22), ("expected", 34), ("source", 50), ("target", 60), ("message", 50),
    ("review", 15), ("comment", 30), ("fingerprint", 22),
)
"""Header names and widths. `review` and `fingerprint` are read back as a baseline."""
COLUMN_DOCS = {
    "file": "the checked file", "line": "the segment's line in it (row for spreadsheets)",
    "segment": "the segment's id", "severity": "error, warning or info",
    "rule": "the check that found it (README: Checks)",
    "term": "the concept's Simplified headword", "concept": "the concept's id",
    "expected": "the renderings the term base allows, preferred first",
    "source": "the Chinese text, the term (or number) in bold blue",
    "target": "the English text, the rendering found (or forbidden) in bold red",
    "message": "what is wrong", "review": "yours: ok, fix, false positive or ignore "
    "(false positive and ignore rows stay quiet with `check --baseline THIS.xlsx`)",
    "comment": "yours: a note for the translator",
    "fingerprint": "identifies the finding across runs (keep it for --baseline)",
}
TERM_COLOR = "1F4E79"
RENDERING_COLOR = "C00000"
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
                   "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")
"""Characters two columns wide (East Asian wide and full-width)."""
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class ReportInfo:
    """What the `info` sheet (and the HTML report's header) says about the check."""

    termbase: str
    termbase_sha256: str
    command: str
    date: str
    version: str
    files: list[str]
    segments: int
    counts: dict[str, int]
    failures: list[str] = field(default_factory=list)
    baseline: str | None = None
    suppressed: dict[str, int] = field(default_factory=dict)
    stale: int = 0

    def rows(self) -> list[tuple[str, str]]:
        rows = [("term base", self.termbase), ("term base sha256", self.termbase_sha256),
                ("command", self.command), ("date", self.date),
                ("policyglossary", self.version), ("files", str(len(self.files))),
                ("segments", str(self.segments)),
                ("findings", summary_text(self.counts))]
        rows += [("unreadable", failure) for failure in self.failures]
        if self.baseline is not None:
            rows += [("baseline", self.baseline),
                     ("suppressed", summary_text(self.suppressed)),
                     ("stale baseline entries", str(self.stale))]
        return rows


def _clean(text: str) -> str:
    """Characters an XLSX cell cannot hold become U+FFFD (one for one: spans stay valid)."""
    return _ILLEGAL.sub("\ufffd", text)


def _cut(text: str) -> str:
    if len(text) <= MAX_CELL:
        return text
    note = f" … [cut: {len(text)} characters, over Excel's limit of {MAX_CELL} per cell]"
    return text[:MAX_CELL - len(note)] + note


def _rich(text: str | None, spans: list[tuple[int, int]], color: str) -> Any:
    """Text with `spans` in bold colour, as an openpyxl rich text value."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles.colors import Color

    if not text:
        return ""
    text = _clean(text)
    limit = MAX_CELL - 200
    if len(text) > MAX_CELL or not spans:
        return _cut(text)
    font = InlineFont(b=True, color=Color(rgb=color))
    parts: list[Any] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text), limit)
        if start >= end:
            continue
        if start > position:
            parts.append(text[position:start])
        parts.append(TextBlock(font, text[start:end]))
        position = end
    if position < len(text):
        parts.append(text[position:])
    return CellRichText(*parts) if any(isinstance(p, TextBlock) for p in parts) else text


def _lines(text: str, width: int) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide (a Chinese
    character is two wide): spreadsheet programs do not fit row heights to wrapped text on
    opening a file, so the report sets them."""
    count = 0
    for part in text.split("\n"):
        wide = len(part) + len(_WIDE.findall(part))
        count += max(1, -(-wide // max(1, int(width * 1.1))))  # ~1.1 characters a unit
    return count


def _height(values: list[tuple[str, int]]) -> float:
    return min(409.0, 15.0 * max(_lines(text, width) for text, width in values))


def write(target: IO[bytes], contexts: Iterable[FindingContext], total: int,
          info: ReportInfo) -> None:
    """Write the report workbook to `target`.

    Raises:
        OutputError: more findings than one sheet holds (checked before anything is written).
    """
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if total >= MAX_ROWS:
        raise OutputError(f"{total} findings do not fit in one XLSX sheet ({MAX_ROWS - 1} "
                          "rows); use --format html or json, or check fewer files")
    workbook = openpyxl.Workbook(write_only=True)
    sheet: Any = workbook.create_sheet("findings")
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    names = [name for name, _ in COLUMNS]
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"

    def cell(value: Any, style: Alignment | None = wrap, font: Font | None = None) -> Any:
        if isinstance(value, str):
            value = _cut(_clean(value))
        item = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            item.data_type = "s"  # text, even when it starts with "=": never a formula
        if style is not None:
            item.alignment = style
        if font is not None:
            item.font = font
        return item

    sheet.append([cell(name, None, bold) for name in names])
    by_rule: Counter[str] = Counter()
    by_term: Counter[tuple[str, str]] = Counter()
    by_file: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    rows = 0
    for context in contexts:
        finding = context.finding
        rows += 1
        by_rule[finding.rule] += 1
        by_severity[finding.severity] += 1
        by_file[finding.file] += 1
        if finding.term or finding.concept:
            by_term[(finding.term or "", finding.concept or "")] += 1
        widths = dict(COLUMNS)
        sheet.row_dimensions[rows + 1].height = _height([
            (finding.file, widths["file"]), (finding.segment or "", widths["segment"]),
            (finding.term or "", widths["term"]), (finding.concept or "", widths["concept"]),
            (" | ".join(context.expected), widths["expected"]),
            ((context.source or "")[:MAX_CELL], widths["source"]),
            ((context.target or "")[:MAX_CELL], widths["target"]),
            (finding.message, widths["message"])])
        sheet.append([
            cell(finding.file), cell(finding.line, top), cell(finding.segment),
            cell(finding.severity, top), cell(finding.rule, top), cell(finding.term),
            cell(finding.concept), cell(" | ".join(context.expected)),
            cell(_rich(context.source, context.source_spans, TERM_COLOR)),
            cell(_rich(context.target, context.target_spans, RENDERING_COLOR)),
            cell(finding.message), cell(None), cell(None), cell(context.fingerprint, top),
        ])
        del sheet.row_dimensions[rows + 1]  # written: not kept for every row
    last = get_column_letter(len(names))
    sheet.auto_filter.ref = f"A1:{last}{rows + 1}"
    review = get_column_letter(names.index("review") + 1)
    choices = DataValidation(type="list", formula1='"' + ",".join(REVIEW_CHOICES) + '"',
                             allow_blank=True, showErrorMessage=True,
                             errorTitle="review", error="Choose " + ", ".join(REVIEW_CHOICES))
    choices.add(f"{review}2:{review}{max(2, rows + 1)}")
    sheet.data_validations.append(choices)
    _summary(workbook, cell, bold, by_severity, by_rule, by_term, by_file, info)
    _info(workbook, cell, bold, info)
    _columns(workbook, cell, bold)
    _save(workbook, target)


def _summary(workbook: Any, cell: Any, bold: Any, by_severity: Counter[str],
             by_rule: Counter[str], by_term: Counter[tuple[str, str]],
             by_file: Counter[str], info: ReportInfo) -> None:
    sheet = workbook.create_sheet("summary")
    for letter, width in (("A", 26), ("B", 34), ("C", 10)):
        sheet.column_dimensions[letter].width = width
    sheet.append([cell(text, None, bold) for text in ("count by", "value", "findings")])
    for severity in info.counts:
        sheet.append([cell("severity"), cell(severity), cell(by_severity.get(severity, 0))])
    for rule, count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
        sheet.append([cell("rule"), cell(rule), cell(count)])
    for (term, concept), count in sorted(by_term.items(), key=lambda item: (-item[1],
                                                                              item[0])):
        sheet.append([cell("term"), cell(f"{term} ({concept})" if concept else term),
                      cell(count)])
    for file, count in by_file.items():
        sheet.append([cell("file"), cell(file), cell(count)])
    if info.baseline is not None:
        for severity, count in info.suppressed.items():
            sheet.append([cell("suppressed by baseline"), cell(severity), cell(count)])
        sheet.append([cell("stale baseline entries"), cell(""), cell(info.stale)])


def _info(workbook: Any, cell: Any, bold: Any, info: ReportInfo) -> None:
    sheet = workbook.create_sheet("info")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    for key, value in info.rows():
        sheet.append([cell(key, None, bold), cell(value)])


def _columns(workbook: Any, cell: Any, bold: Any) -> None:
    sheet = workbook.create_sheet("columns")
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 100
    sheet.append([cell("column", None, bold), cell("meaning", None, bold)])
    for name, _ in COLUMNS:
        sheet.append([cell(name), cell(COLUMN_DOCS[name])])


def _save(workbook: Any, target: IO[bytes]) -> None:
    """Save to a temporary file, then copy: openpyxl leaves its zip open when the target
    fails mid-way (a full disk), and a large report should not sit in memory either."""
    with tempfile.TemporaryFile() as staged:
        try:
            workbook.save(staged)
        except OSError as exc:
            raise OutputError(f"cannot write the XLSX report: {exc.strerror or exc}") from exc
        staged.seek(0)
        shutil.copyfileobj(staged, target, 1 << 20)
