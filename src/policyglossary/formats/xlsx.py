"""XLSX workbooks: bilingual review sheets (this module) and term bases (`termtable`).

Reading goes through `_sheet` (zip limits, the safe XML parser, rows streamed); writing
through openpyxl. The first worksheet holds the data, its first non-empty row is the header.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError, OutputError
from ..model import BilingualDoc, TermBase, TermBaseInfo
from ._options import ImportedTermBase, ReadOptions, WriteOptions
from ._sheet import Workbook
from ._spec import FormatFunctions
from ._tabular import bilingual_columns, rows_to_segments
from ._xml import xml_text


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"xl/" in head[:2048]


def open_sheet(source: IO[bytes], path: str, sheet: str | None = None) \
        -> tuple[Workbook, str | None]:
    """(workbook, sheet name) after the safety checks (see `_sheet`); None: the first."""
    workbook = Workbook(source, path)
    if sheet is not None and sheet not in workbook.sheets:
        workbook.close()
        raise InputError(path, f"no sheet named {sheet!r}")
    return workbook, sheet


def header_and_rows(workbook: Workbook, sheet: str | None) \
        -> tuple[tuple[int, list[str]] | None, Iterator[tuple[int, tuple[Any, ...]]]]:
    rows = workbook.rows(sheet)
    for number, row in rows:
        if any(v is not None and str(v).strip() for v in row):
            return (number, ["" if v is None else str(v) for v in row]), rows
    return None, rows


def read(source: IO[bytes], path: str, options: ReadOptions | None = None) -> BilingualDoc:
    options = options or ReadOptions()
    workbook, worksheet = open_sheet(source, path)
    header, rows = header_and_rows(workbook, worksheet)
    if header is None:
        workbook.close()
        raise InputError(path, "the first sheet is empty: no header row")
    columns = bilingual_columns(header[1], path, header[0], options.source_lang,
                                options.target_lang)

    def segments() -> Iterator[Any]:
        try:
            yield from rows_to_segments(rows, columns, path)
        finally:
            workbook.close()

    return BilingualDoc(segments(), columns.source_lang, columns.target_lang, {})


# ------------------------------------------------------------------ writing

MAX_CELL = 32_767  # Excel's limit on characters in one cell


def _put(sheet: Any, row: int, column: int, value: object, where: str) -> Any:
    """Write one cell; text always as a string cell, so that "=SUM(…)" is never a formula."""
    if isinstance(value, str):
        xml_text(value, where)  # an XLSX sheet is XML: the same characters are impossible
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        if len(value) > MAX_CELL:
            raise OutputError(f"{where}: {len(value)} characters, over Excel's limit of "
                              f"{MAX_CELL} per cell")
        cell.data_type = "s"
    return cell


def write_table(target: IO[bytes], title: str, header: list[str], rows: list[list[object]],
                widths: dict[str, int] | None = None, docs: dict[str, str] | None = None,
                info: list[tuple[str, str]] | None = None,
                fills: dict[tuple[int, int], str] | None = None) -> None:
    """A workbook for people: bold frozen header, autofilter, column widths, wrapped text,
    and optional sheets documenting the columns and describing the file."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet: Any = workbook.active
    sheet.title = title
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, name in enumerate(header, start=1):
        _put(sheet, 1, column, name, f"header {name!r}").font = bold
    for row_index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = _put(sheet, row_index, column, value,
                        f"row {row_index}, column {header[column - 1]!r}")
            cell.alignment = wrap
            color = (fills or {}).get((row_index, column))
            if color:
                cell.fill = PatternFill("solid", start_color=color, end_color=color)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    for column, name in enumerate(header, start=1):
        longest = max([len(str(r[column - 1])) for r in rows[:200] if r[column - 1] is not None]
                      + [len(name)])
        sheet.column_dimensions[get_column_letter(column)].width = \
            (widths or {}).get(name, min(60, max(10, longest + 2)))
    if docs:
        doc_sheet = workbook.create_sheet("columns")
        _put(doc_sheet, 1, 1, "column", "docs").font = bold
        _put(doc_sheet, 1, 2, "meaning", "docs").font = bold
        for index, name in enumerate(header, start=2):
            _put(doc_sheet, index, 1, name, "docs")
            _put(doc_sheet, index, 2, docs.get(name, ""), "docs").alignment = wrap
        doc_sheet.column_dimensions["A"].width = 18
        doc_sheet.column_dimensions["B"].width = 100
    if info:
        info_sheet = workbook.create_sheet("info")
        for index, (key, value) in enumerate(info, start=1):
            _put(info_sheet, index, 1, key, "info").font = bold
            _put(info_sheet, index, 2, value, "info")
        info_sheet.column_dimensions["A"].width = 20
        info_sheet.column_dimensions["B"].width = 100
    # Saved in memory first: openpyxl leaves its zip open when the target fails mid-way (a
    # full disk), and the zip's finaliser then prints a traceback at exit.
    buffer = io.BytesIO()
    workbook.save(buffer)
    target.write(buffer.getbuffer())


def write_termbase(target: IO[bytes], termbase: TermBase, options: WriteOptions) -> list[str]:
    from . import profiles, termtable

    warnings: list[str] = []
    if options.profile == "default":
        header, text_rows = termtable.export_rows(termbase, options)
        rows: list[list[object]] = [list(r) for r in text_rows]
        docs: dict[str, str] | None = termtable.COLUMN_DOCS
    else:
        header, rows, warnings = profiles.PROFILES[options.profile].export(termbase, options)
        docs = None
    info = termbase.info
    write_table(target, "termbase", header, rows,
                widths={"id": 28, "definition": 60, "context": 50, "note": 50},
                docs=docs, info=[("name", info.name), ("description", info.description),
                                 ("source-language", info.source_language),
                                 ("target-language", info.target_language),
                                 ("subject-fields", " | ".join(info.subject_fields)),
                                 *([] if info.primary_source_domains is None else
                                   [("primary-source-domains",
                                     " | ".join(info.primary_source_domains))]),
                                 ("layout", options.profile)])
    return warnings


def holds(options: WriteOptions) -> frozenset[str]:
    from .termtable import holds as table_holds

    return table_holds(options)


def read_termbase(source: IO[bytes], path: str, options: ReadOptions) -> ImportedTermBase:
    from .termtable import import_table

    workbook, worksheet = open_sheet(source, path)
    try:
        if "termbase" in workbook.sheets:
            worksheet = "termbase"
        header, rows = header_and_rows(workbook, worksheet)
        if header is None:
            raise InputError(path, "the sheet is empty: no header row")
        imported = import_table(rows, header[0], header[1], path)
        if "info" in workbook.sheets:
            imported.termbase = _with_info(imported.termbase, workbook.rows("info"))
        return imported
    finally:
        workbook.close()


def _with_info(termbase: TermBase, rows: Iterator[tuple[int, tuple[Any, ...]]]) -> TermBase:
    from dataclasses import replace

    values = {str(r[0]): "" if len(r) < 2 or r[1] is None else str(r[1])
              for _, r in rows if r and r[0]}
    info = TermBaseInfo(
        name=values.get("name", ""), description=values.get("description", ""),
        source_language=values.get("source-language") or "zh-CN",
        target_language=values.get("target-language") or "en",
        subject_fields=tuple(s.strip() for s in values.get("subject-fields", "").split("|")
                             if s.strip()),
        primary_source_domains=None if "primary-source-domains" not in values else tuple(
            s.strip() for s in values["primary-source-domains"].split("|") if s.strip()))
    return replace(termbase, info=info)


def write_doc(target: IO[bytes], doc: BilingualDoc, options: WriteOptions) -> list[str]:
    """A review sheet: id, source, target, state, notes, references, and the term base's
    agreed renderings of the terms each source contains."""
    header = ["id", options.source_lang or "source", options.target_lang or "target", "state",
              "notes", "terms", "references"]
    rows: list[list[object]] = []
    for segment in doc.segments:
        terms = "\n".join(options.term_lines(segment.source)) if options.term_lines else ""
        rows.append([segment.id, segment.source, segment.target, segment.state,
                     "\n".join(segment.notes), terms, "\n".join(segment.references)])
    write_table(target, "segments", header, rows,
                widths={"id": 14, header[1]: 50, header[2]: 60, "state": 12, "notes": 30,
                        "terms": 40, "references": 20})
    return []


FORMAT = FormatFunctions(read_doc=read, write_doc=write_doc, read_termbase=read_termbase,
                         write_termbase=write_termbase, sniff=sniff, holds=holds)
