"""CSV and TSV files: bilingual sheets (this module) and term bases (`termtable`).

Encoding: --encoding, else a BOM, else UTF-8 if the first 64 KiB decode, else GB18030 or Big5.
CSV delimiter: comma, semicolon or tab, whichever the header row uses most; TSV: tab.
A leading apostrophe before =, +, -, @, tab or CR (our formula-injection escape) is removed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from ..errors import InputError
from ..fsutil import BorrowedText, detect_stream_encoding, text_lines
from ..fsutil import buffered as as_buffered
from ..langs import normalize_tag
from ..model import BilingualDoc, TermBase
from ._options import ImportedTermBase, ReadOptions, WriteOptions
from ._spec import FormatFunctions
from ._tabular import bilingual_columns, escape_formula, rows_to_segments, unescape_formula

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
    stream = BorrowedText(buffered, encoding=name, newline="")
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
                # the apostrophe our writer puts before formula-like text comes off here
                yield start, [unescape_formula(cell) for cell in row]
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


# ------------------------------------------------------------------ writing

def _write_rows(target: IO[bytes], header: list[str], rows: Iterable[Sequence[object]],
                delimiter: str) -> None:
    """UTF-8 (with a BOM for CSV, which Excel needs to see UTF-8), formula-escaped cells."""
    stream = io.TextIOWrapper(target, encoding="utf-8-sig" if delimiter == "," else "utf-8",
                              newline="", write_through=True)
    terminator = "\r\n" if delimiter == "," else "\n"
    writer = csv.writer(stream, delimiter=delimiter, lineterminator=terminator)
    # csv quotes a field holding the delimiter, a quote or a character of the line terminator;
    # a lone CR in a TSV field (LF-terminated) would go out bare and end the row on reading.
    quoting = csv.writer(stream, delimiter=delimiter, lineterminator=terminator,
                         quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        cells = [escape_formula(_text(v)) for v in row]
        (quoting if any("\r" in c for c in cells) else writer).writerow(cells)
    stream.flush()
    stream.detach()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def write_termbase(target: IO[bytes], termbase: TermBase, options: WriteOptions,
                   delimiter: str = ",") -> list[str]:
    from . import profiles, termtable

    warnings: list[str] = []
    if options.profile == "default":
        header, rows = termtable.export_rows(termbase, options)
        _write_rows(target, header, rows, delimiter)
    else:
        header, object_rows, warnings = profiles.PROFILES[options.profile].export(termbase,
                                                                                  options)
        _write_rows(target, header, object_rows, delimiter)
    return warnings


def holds(options: WriteOptions) -> frozenset[str]:
    """A table's columns, and nothing of the term base itself (XLSX has an info sheet)."""
    from .fidelity import INFO_ALL
    from .termtable import holds as table_holds

    return table_holds(options) - INFO_ALL


def write_termbase_tsv(target: IO[bytes], termbase: TermBase, options: WriteOptions) \
        -> list[str]:
    return write_termbase(target, termbase, options, "\t")


def read_termbase(source: IO[bytes], path: str, options: ReadOptions,
                  delimiter: str | None = None) -> ImportedTermBase:
    from .termtable import import_table

    rows, _ = open_rows(source, path, delimiter, options.encoding)
    header = next(rows, None)
    if header is None:
        raise InputError(path, "empty file: no header row")
    return import_table(rows, header[0], header[1], path)


def read_termbase_tsv(source: IO[bytes], path: str, options: ReadOptions) -> ImportedTermBase:
    return read_termbase(source, path, options, "\t")


BILINGUAL_HEADER = ["id", "source", "target", "state", "notes", "references"]


def write_doc(target: IO[bytes], doc: BilingualDoc, options: WriteOptions,
              delimiter: str = ",") -> list[str]:
    """Bilingual rows: id, source, target, state, notes and references (one per line)."""
    header = ["id", normalize_tag(doc.source_lang) or "source",
              normalize_tag(doc.target_lang) or "target", "state", "notes", "references"]
    rows = ([s.id, s.source, s.target, s.state, "\n".join(s.notes), "\n".join(s.references)]
            for s in doc.segments)
    _write_rows(target, header, rows, delimiter)
    return []


def write_doc_tsv(target: IO[bytes], doc: BilingualDoc, options: WriteOptions) -> list[str]:
    return write_doc(target, doc, options, "\t")


CSV = FormatFunctions(read_doc=read, write_doc=write_doc, read_termbase=read_termbase,
                      write_termbase=write_termbase, holds=holds)
TSV = FormatFunctions(read_doc=read_tsv, write_doc=write_doc_tsv,
                      read_termbase=read_termbase_tsv, write_termbase=write_termbase_tsv,
                      holds=holds)
