"""XLSX workbooks: bilingual review sheets (this module) and term bases (`termtable`).

Reading uses openpyxl in read-only mode after a zip safety check (size limits against zip
bombs); the first worksheet holds the data, its first non-empty row is the header.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError
from ..model import BilingualDoc
from ._options import ReadOptions
from ._tabular import bilingual_columns, rows_to_segments

# Limits on what a workbook may unpack to (README "Limits").
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_ROWS = 1_048_576


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"xl/" in head[:2048]


def check_zip(source: IO[bytes], path: str) -> None:
    """Refuse what is not a zip, is truncated, or would unpack beyond the limits."""
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members)
            names = {m.filename for m in members}
    except zipfile.BadZipFile as exc:
        raise InputError(path, f"not a valid XLSX file (zip archive): {exc}") from None
    except (OSError, EOFError) as exc:
        raise InputError(path, f"not a valid XLSX file: {exc}") from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InputError(path, "not an XLSX workbook (a zip file without xl/ parts)")
    if total > MAX_UNCOMPRESSED:
        raise InputError(path, f"workbook unpacks to {total} bytes, over the limit of "
                               f"{MAX_UNCOMPRESSED}")
    if packed and total / packed > MAX_RATIO and total > 16 * 1024 * 1024:
        raise InputError(path, f"workbook compression ratio {total // packed}:1 looks like a "
                               "zip bomb; refused")
    source.seek(0)


def open_sheet(source: IO[bytes], path: str, sheet: str | None = None) -> tuple[Any, Any]:
    """(workbook, worksheet) in read-only mode, after the safety checks."""
    import openpyxl

    check_zip(source, path)
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken parts
        raise InputError(path, f"cannot read workbook: {type(exc).__name__}: {exc}") from None
    if sheet is not None:
        if sheet not in workbook.sheetnames:
            raise InputError(path, f"no sheet named {sheet!r}")
        return workbook, workbook[sheet]
    return workbook, workbook.worksheets[0]


def numbered_rows(worksheet: Any, path: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise InputError(path, f"more than {MAX_ROWS} rows", number)
            yield number, row
    except InputError:
        raise
    except Exception as exc:
        raise InputError(path, f"cannot read sheet: {type(exc).__name__}: {exc}") from None


def header_and_rows(worksheet: Any, path: str) \
        -> tuple[tuple[int, list[str]] | None, Iterator[tuple[int, tuple[Any, ...]]]]:
    rows = numbered_rows(worksheet, path)
    for number, row in rows:
        if any(v is not None and str(v).strip() for v in row):
            return (number, ["" if v is None else str(v) for v in row]), rows
    return None, rows


def read(source: IO[bytes], path: str, options: ReadOptions | None = None) -> BilingualDoc:
    options = options or ReadOptions()
    workbook, worksheet = open_sheet(source, path)
    header, rows = header_and_rows(worksheet, path)
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
