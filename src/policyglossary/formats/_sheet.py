"""Reading XLSX workbooks: the zip archive, then every part through the safe XML parser.

openpyxl writes our workbooks; reading is done here because a workbook comes from people and
tools we do not control. openpyxl's read-only mode pads rows up to the dimension a sheet
declares (a two-row sheet claiming A1:XFD1048576 becomes a million rows of 16,384 cells) and
parses parts with the standard library, which expands internal entities unless defusedxml is
installed. Here:

- the archive is checked before anything is unpacked: a zip, not truncated, an XLSX, and
  unpacking to at most `MAX_UNCOMPRESSED` bytes at a ratio that is not a zip bomb's (the sizes
  a member declares bound what it can unpack to: `zipfile` stops there and checks the CRC);
- every part is streamed through `_xml.iter_elements` (no DTD, no entities, no XInclude);
- rows are streamed as the sheet stores them: rows it does not store are not made up, and a
  sheet of a million empty rows costs a pass over them, not a million padded tuples;
- at most `MAX_ROWS` rows and `MAX_COLUMNS` columns, Excel's own limits.

Cells come back as openpyxl's `values_only` would give them: shared and inline strings as
str, numbers as int or float, dates (a number in a date format) as datetime, booleans as bool,
error values as their text ("#N/A"), formulas as their cached result.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import IO, Any

from ..errors import InputError
from ._xml import iter_elements, local, release

MAX_UNCOMPRESSED = 256 * 1024 * 1024
"""Bytes a workbook may unpack to in all."""
MAX_RATIO = 200
"""Above this compression ratio (and 16 MB unpacked) a workbook is taken for a zip bomb."""
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_STRICT_REL = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d*)$")
# Built-in number formats that are dates or times (ECMA-376 18.8.30, with the CJK ones).
_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47,
                           27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55,
                           56, 57, 58})
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')

_UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError)
"""What a damaged member can raise while it is unpacked (NotImplementedError: a compression
method zipfile does not support, as a corrupted header can claim)."""


def check_zip(source: IO[bytes], path: str) -> zipfile.ZipFile:
    """The workbook's archive, after refusing what is not one or would unpack too far."""
    head = source.read(8)
    source.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, "an encrypted workbook or a legacy .xls file (OLE2), not "
                               "XLSX; save it as an unprotected .xlsx")
    try:
        archive = zipfile.ZipFile(source)
        members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise InputError(path, f"not a valid XLSX file (zip archive): {exc}") from None
    except (OSError, EOFError, ValueError) as exc:
        raise InputError(path, f"not a valid XLSX file: {exc}") from None
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InputError(path, "not an XLSX workbook (a zip file without xl/ parts)")
    if any(m.flag_bits & 0x1 for m in members):
        raise InputError(path, "the workbook's zip members are encrypted")
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise InputError(path, f"workbook unpacks to {total:,} bytes, over the limit of "
                               f"{MAX_UNCOMPRESSED:,}")
    if packed and total / packed > MAX_RATIO and total > 16 * 1024 * 1024:
        raise InputError(path, f"workbook compression ratio {total // packed}:1 looks like a "
                               "zip bomb; refused")
    return archive


class Workbook:
    """An XLSX workbook opened for streaming its sheets' rows."""

    def __init__(self, source: IO[bytes], path: str) -> None:
        self.path = path
        self.archive = check_zip(source, path)
        self._names = set(self.archive.namelist())
        self.sheets: dict[str, str] = {}
        """Sheet name → part name, in workbook order."""
        self._date1904 = False
        targets = self._relationships("xl/_rels/workbook.xml.rels", "xl")
        for _, element in self._parse("xl/workbook.xml", ("sheet", "workbookPr")):
            if local(element.tag) == "workbookPr":
                self._date1904 = element.get("date1904", "").lower() in ("1", "true")
                continue
            rel = element.get(_REL) or element.get(_STRICT_REL) or ""
            target = targets.get(rel, ("", ""))[1]
            if element.get("name") is not None and target:
                self.sheets[element.get("name")] = target
        if not self.sheets:
            raise InputError(path, "the workbook has no worksheets")
        by_type = {kind.rsplit("/", 1)[-1]: target for kind, target in targets.values()}
        self._strings = self._shared_strings(by_type.get("sharedStrings",
                                                         "xl/sharedStrings.xml"))
        self._dates = self._date_styles(by_type.get("styles", "xl/styles.xml"))

    @property
    def sheetnames(self) -> list[str]:
        return list(self.sheets)

    def close(self) -> None:
        self.archive.close()

    # ------------------------------------------------------------ parts

    def _open(self, name: str) -> IO[bytes]:
        try:
            return self.archive.open(name)
        except KeyError:
            raise InputError(self.path, f"the workbook has no part {name}") from None
        except _UNPACK_ERRORS as exc:
            raise InputError(self.path, f"{name}: cannot unpack: {exc}") from None

    def _parse(self, name: str, tags: tuple[str, ...], events: tuple[str, ...] = ("end",)) \
            -> Iterator[tuple[str, Any]]:
        where = f"{self.path} ({name})"
        with self._open(name) as part:
            try:
                yield from iter_elements(part, where, tags, events)
            except InputError as exc:
                if exc.problem.message.startswith("no expected elements"):
                    return  # a part without the elements looked for is an empty one
                raise
            except _UNPACK_ERRORS as exc:
                raise InputError(where, f"cannot unpack: {exc}") from None

    def _relationships(self, name: str, base: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, part name) of a .rels part."""
        found: dict[str, tuple[str, str]] = {}
        if name not in self._names:
            return found
        for _, element in self._parse(name, ("Relationship",)):
            target = element.get("Target", "")
            if element.get("TargetMode") == "External" or not target:
                continue
            part = target[1:] if target.startswith("/") else \
                posixpath.normpath(posixpath.join(base, target))
            found[element.get("Id", "")] = (element.get("Type", ""), part)
        return found

    def _shared_strings(self, name: str) -> list[str]:
        strings: list[str] = []
        if name not in self._names:
            return strings
        for _, element in self._parse(name, ("si",)):
            strings.append(_rich_text(element))
            release(element)
        return strings

    def _date_styles(self, name: str) -> list[bool]:
        """Per cell style (the `s` attribute): whether its number format is a date."""
        if name not in self._names:
            return []
        custom: dict[int, bool] = {}
        styles: list[bool] = []
        in_cell_xfs = False
        for event, element in self._parse(name, ("numFmt", "cellXfs", "xf"),
                                          ("start", "end")):
            tag = local(element.tag)
            if tag == "cellXfs":
                in_cell_xfs = event == "start"
            elif event == "start":
                continue
            elif tag == "numFmt":
                code = _FORMAT_NOISE.sub("", element.get("formatCode", ""))
                custom[_int(element.get("numFmtId"))] = bool(re.search("[dmyhs]", code, re.I))
            elif tag == "xf" and in_cell_xfs:
                number = _int(element.get("numFmtId"))
                styles.append(custom.get(number, number in _DATE_FORMATS))
        return styles

    # ------------------------------------------------------------ rows

    def rows(self, sheet: str | None = None) -> Iterator[tuple[int, tuple[object, ...]]]:
        """(row number, cell values) for each row the sheet stores, in order."""
        part = self.sheets[sheet] if sheet is not None else next(iter(self.sheets.values()))
        where = f"{self.path}"
        previous = 0
        for _, row in self._parse(part, ("row",)):
            number = _int(row.get("r")) or previous + 1
            if number > MAX_ROWS:
                raise InputError(where, f"more than {MAX_ROWS:,} rows", number)
            previous = number
            values: list[object] = []
            for cell in row:
                if local(cell.tag) != "c":
                    continue
                column = _column(cell.get("r"), len(values) + 1, where, number)
                if column > len(values):
                    values.extend([None] * (column - len(values)))
                values[column - 1] = self._value(cell, where, number)
            release(row)
            yield number, tuple(values)

    def _value(self, cell: Any, where: str, row: int) -> object:
        kind = cell.get("t", "n")
        value = None
        inline = None
        formula = False
        for child in cell:
            name = local(child.tag)
            if name == "v":
                value = child.text or ""
            elif name == "is":
                inline = _rich_text(child)
            elif name == "f":
                formula = True
        if kind == "inlineStr":
            return inline if inline is not None else value
        if value is None:
            if formula:  # what the cell shows was never computed: nothing to read
                raise InputError(where, f"cell {cell.get('r', '?')} holds a formula without a "
                                        "computed value; open and save the workbook in a "
                                        "spreadsheet program, or paste it as values", row)
            return None
        if kind == "s":
            index = _int(value, -1)
            if not 0 <= index < len(self._strings):
                raise InputError(where, f"cell {cell.get('r', '?')}: shared string {value!r} "
                                        "does not exist", row)
            return self._strings[index]
        if kind in ("str", "e", "d"):
            return value
        if kind == "b":
            return value.strip() in ("1", "true")
        try:
            number = float(value)
        except ValueError:
            raise InputError(where, f"cell {cell.get('r', '?')}: {value!r} is not a number",
                             row) from None
        style = _int(cell.get("s"))
        if style < len(self._dates) and self._dates[style]:
            try:
                return _as_date(number, self._date1904)
            except (ValueError, OverflowError):
                raise InputError(where, f"cell {cell.get('r', '?')}: {value!r} is not a "
                                        "date Excel can show", row) from None
        return int(number) if number.is_integer() and "." not in value and "E" not in \
            value.upper() else number


def _rich_text(element: Any) -> str:
    """A string item or inline string: its <t>, or its runs' <t>s; phonetic runs left out."""
    parts = []
    for child in element.iter():
        if local(child.tag) == "t" and local(child.getparent().tag) != "rPh":
            parts.append(child.text or "")
    return "".join(parts)


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _column(reference: str | None, default: int, where: str, row: int) -> int:
    if not reference:
        return default
    found = _CELL_REF.match(reference.upper())
    if found is None:
        raise InputError(where, f"bad cell reference {reference!r}", row)
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - 64
    if column > MAX_COLUMNS:
        raise InputError(where, f"cell {reference}: beyond column XFD", row)
    return column


def _as_date(serial: float, date1904: bool) -> datetime:
    base = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
    if not date1904 and serial < 60:
        serial += 1  # Excel's phantom 29 February 1900
    return base + timedelta(days=serial)
