"""CSV and TSV files: bilingual sheets (this module) and term bases (`termtable`).

Encoding: --encoding, else a BOM, else UTF-8 if the first 64 KiB decode, else GB18030 or Big5.
CSV delimiter: comma, semicolon or tab, whichever the header row uses most; TSV: tab.
A leading apostrophe before =, +, -, @, tab or CR (our formula-injection escape) is removed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO

from ..errors import InputError
from ..fsutil import buffered as as_buffered
from ..fsutil import detect_stream_encoding, text_lines
from ..model import BilingualDoc
from ._options import ReadOptions
from ._tabular import bilingual_columns, rows_to_segments

csv.field_size_limit(16 * 1024 * 1024)


def open_rows(source: IO[bytes], path: str, delimiter: str | None,
              encoding: str | None = None) -> tuple[Iterator[tuple[int, list[str]]], str]:
    """(numbered rows, encoding) of a delimited text file; the number is the row's first line.
    """
    buffered = as_buffered(source)
    head = buffered.peek(65536)[:65536]
    name, bom = detect_stream_encoding(head, path, encoding)
    if bom:
        buffered.read(bom)
    stream = io.TextIOWrapper(buffered, encoding=name, newline="")
    numbered = text_lines(stream, path)
    first = next(numbered, None)
    if first is None:
        return iter(()), name
    if delimiter is None:
        header_line = first[1]
        delimiter = max([",", ";", "\t"], key=header_line.count)
    state = {"line": first[0]}

    def lines() -> Iterator[str]:
        yield first[1]
        for number, line in numbered:
            state["line"] = number
            yield line

    reader = csv.reader(lines(), delimiter=delimiter, strict=True)

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = 1
        try:
            for row in reader:
                yield start, row
                start = state["line"] + 1
        except csv.Error as exc:
            raise InputError(path, f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: "
                                   f"{exc}", start) from None

    return rows(), name


def read(source: IO[bytes], path: str, options: ReadOptions | None = None,
         delimiter: str | None = None) -> BilingualDoc:
    options = options or ReadOptions()
    rows, encoding = open_rows(source, path, delimiter, options.encoding)
    header = next(rows, None)
    if header is None:
        raise InputError(path, "empty file: no header row")
    columns = bilingual_columns(header[1], path, header[0], options.source_lang,
                                options.target_lang)
    return BilingualDoc(rows_to_segments(rows, columns, path), columns.source_lang,
                        columns.target_lang, {"encoding": encoding})


def read_tsv(source: IO[bytes], path: str, options: ReadOptions | None = None) -> BilingualDoc:
    return read(source, path, options, delimiter="\t")
