"""The format registry: the single source of truth for every file format we read or write.

CLI choices, file detection, `policyglossary formats`, the README table and the contract
tests all come from `FORMATS`.
"""

from __future__ import annotations

import contextlib
import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from ..columns import RepeatFinder
from ..errors import InputError, UsageError
from ..model import BilingualDoc, TermBase
from ._options import ImportedTermBase, ReadOptions, WriteOptions
from ._spec import (
    DocReader,
    DocWriter,
    FormatFunctions,
    Holds,
    Sniffer,
    TermBaseReader,
    TermBaseWriter,
)

_F = TypeVar("_F")


@dataclass(frozen=True, slots=True)
class FormatSpec:
    """One file format: what the registry knows without importing the format's module (so
    that a command loads only the modules it uses), and `load`, which imports it."""

    name: str
    title: str
    extensions: tuple[str, ...]
    load: Callable[[], FormatFunctions]
    read_doc: bool = False
    write_doc: bool = False
    read_termbase: bool = False
    write_termbase: bool = False
    sniff: bool = False

    @property
    def bilingual(self) -> bool:
        return self.read_doc or self.write_doc

    @property
    def termbase(self) -> bool:
        return self.read_termbase or self.write_termbase

    def functions(self) -> FormatFunctions:
        return self.load()

    def _need(self, function: _F | None, role: str) -> _F:
        if function is None:
            raise UsageError(f"{self.title} has no {role} support")
        return function

    def doc_reader(self) -> DocReader:
        return self._need(self.load().read_doc, "read doc")

    def doc_writer(self) -> DocWriter:
        return self._need(self.load().write_doc, "write doc")

    def termbase_reader(self) -> TermBaseReader:
        return self._need(self.load().read_termbase, "read termbase")

    def termbase_writer(self) -> TermBaseWriter:
        return self._need(self.load().write_termbase, "write termbase")

    def holds(self) -> Holds:
        """What a term base export in this format holds (`fidelity`)."""
        return self._need(self.load().holds, "term base export")

    def sniffer(self) -> Sniffer | None:
        return self.load().sniff if self.sniff else None


FORMATS: dict[str, FormatSpec] = {}


def register(spec: FormatSpec) -> FormatSpec:
    FORMATS[spec.name] = spec
    return spec


def _record(module: str, name: str = "FORMAT") -> Callable[[], FormatFunctions]:
    """A loader for the record `name` of the format module `module`, imported on first use.
    mypy checks each record's functions against the Protocols in `_spec` where the module
    builds it; this checks that what was found is such a record."""
    def load() -> FormatFunctions:
        found = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        if not isinstance(found, FormatFunctions):
            raise TypeError(f"{module}.{name} is not a FormatFunctions record")
        return found
    return load


register(FormatSpec("po", "Gettext PO/POT", (".po", ".pot"), _record("po"),
                    read_doc=True, write_doc=True, sniff=True))
register(FormatSpec("xliff", "XLIFF 1.2 (reads 1.1, 1.2 and 2.x)",
                    (".xlf", ".xliff", ".sdlxliff", ".mqxliff"), _record("xliff", "XLIFF"),
                    read_doc=True, write_doc=True, sniff=True))
register(FormatSpec("xliff2", "XLIFF 2.0", (), _record("xliff", "XLIFF2"),
                    read_doc=True, write_doc=True))
register(FormatSpec("tmx", "TMX 1.4b translation memory or term pairs", (".tmx",),
                    _record("tmx"), read_doc=True, write_doc=True, read_termbase=True,
                    write_termbase=True, sniff=True))
register(FormatSpec("tbx", "TBX v3 (ISO 30042:2019) TBX-Basic, DCA; reads TBX 2008 too",
                    (".tbx",), _record("tbx", "TBX"), read_termbase=True,
                    write_termbase=True, sniff=True))
register(FormatSpec("tbx2", "TBX 2008 (martif) for OmegaT, Weblate, translate-toolkit", (),
                    _record("tbx", "TBX2"), read_termbase=True, write_termbase=True))
register(FormatSpec("xlsx", "Excel workbook: term base, or bilingual review sheet", (".xlsx",),
                    _record("xlsx"), read_doc=True, write_doc=True, read_termbase=True,
                    write_termbase=True, sniff=True))
register(FormatSpec("csv", "CSV (comma or semicolon separated, header row)", (".csv",),
                    _record("delimited", "CSV"), read_doc=True, write_doc=True,
                    read_termbase=True, write_termbase=True))
register(FormatSpec("tsv", "TSV (tab separated, header row)", (".tsv", ".tab"),
                    _record("delimited", "TSV"), read_doc=True, write_doc=True,
                    read_termbase=True, write_termbase=True))
register(FormatSpec("omegat", "OmegaT glossary (tab separated, no header)",
                    (".tab", ".txt", ".utf8"), _record("omegat"), read_termbase=True,
                    write_termbase=True, sniff=True))


def get(name: str) -> FormatSpec:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; known: {', '.join(FORMATS)}") from None


def _reads(spec: FormatSpec, kind: str) -> bool:
    return spec.read_doc if kind == "bilingual" else spec.read_termbase


def _sniffs(spec: FormatSpec, head: bytes) -> bool:
    sniffer = spec.sniffer()
    return sniffer is not None and sniffer(head)


def detect(path: Path, head: bytes | None = None, kind: str = "bilingual") -> FormatSpec:
    """The format of `path`: an XML file's root element says what it is (an XLIFF file named
    .tmx is XLIFF); otherwise the extension, else sniffing its first bytes. `head=b""`: by
    the extension only (an output file)."""
    from .sniffing import ROOTS, XML_FORMATS, describe, root_element

    suffix = path.suffix.lower()
    by_extension = [spec for spec in FORMATS.values() if suffix in spec.extensions and
                    (spec.bilingual if kind == "bilingual" else spec.termbase)]
    if head is None:
        try:
            with open(path, "rb") as handle:
                head = handle.read(8192)
        except OSError:
            head = b""
    xml_or_unknown = not by_extension or by_extension[0].name in XML_FORMATS
    root = root_element(head) if head and xml_or_unknown else None
    if root is not None and root in ROOTS:
        spec = FORMATS[ROOTS[root]]
        if _reads(spec, kind):
            return spec
        expected = "translations to check or convert" if kind == "bilingual" \
            else "a term base"
        raise InputError(str(path), f"this is {describe(root)}, not {expected}")
    if root is not None and by_extension:
        name = by_extension[0].name.upper()
        raise InputError(str(path), f"not {'an' if name[0] in 'AEIOUX' else 'a'} {name} "
                                    f"document: the root element is <{root}> "
                                    f"({describe(root)})")
    if len(by_extension) > 1:
        # .tab: a TSV sheet, or an OmegaT glossary (the later, more particular format, unless
        # the file's first bytes say otherwise)
        return next((s for s in by_extension if _sniffs(s, head)), by_extension[-1])
    if by_extension:
        return by_extension[0]
    for spec in FORMATS.values():
        if _reads(spec, kind) and _sniffs(spec, head):
            return spec
    known = dict.fromkeys(e for s in FORMATS.values() if _reads(s, kind) for e in s.extensions)
    # the extension of a format of the other kind (a .txt OmegaT glossary given to check)
    elsewhere = [re.split(r" \(|[;:]", s.title)[0] for s in FORMATS.values()
                 if suffix in s.extensions]
    problem = (f"a {suffix} file is a term base ({' or '.join(elsewhere)}), not translations "
               "to check or convert" if kind == "bilingual" else
               f"a {suffix} file holds translations ({' or '.join(elsewhere)}), not a term base")
    if not elsewhere:
        problem = f"unknown file type {suffix or '(no extension)'}"
    raise InputError(str(path), f"{problem}; known: {', '.join(known)}")


def bilingual_extensions() -> set[str]:
    return {e for s in FORMATS.values() if s.read_doc for e in s.extensions}


@contextlib.contextmanager
def open_document(path: Path, options: ReadOptions | None = None,
                  display: str | None = None, fmt: str | None = None,
                  on_open: Callable[[IO[bytes]], None] | None = None) \
        -> Iterator[BilingualDoc]:
    """Open a bilingual file; its segments stream while the context is open. `on_open` gets
    the file handle (the checker's progress bar asks it how far reading has come)."""
    name = display or str(path)
    spec = get(fmt) if fmt else detect(path)
    reader = spec.doc_reader()
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after streaming
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot open: {exc.strerror or exc}") from None
    with handle:
        if path.stat().st_size == 0 and spec.name in ("tmx", "xliff", "xlsx"):
            raise InputError(name, f"empty file (not a valid {spec.title})")
        if on_open is not None:
            on_open(handle)
        yield reader(handle, name, options or ReadOptions())


def import_termbase_file(path: Path, options: ReadOptions | None = None,
                         fmt: str | None = None) -> ImportedTermBase:
    """Read a term base file in any format that has a term base reader."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    spec = get(fmt) if fmt else detect(path, kind="termbase")
    reader = spec.termbase_reader()
    try:
        with open(path, "rb") as handle:
            if path.stat().st_size == 0:
                raise InputError(str(path), f"empty file (not a valid {spec.title})")
            return reader(handle, str(path), options or ReadOptions())
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None


def read_termbase_file(path: Path, options: ReadOptions | None = None) -> TermBase:
    """A term base file as a term base (for `check --termbase FILE`)."""
    return import_termbase_file(path, options).termbase


def fail_on_repeat(repeats: RepeatFinder, path: str) -> None:
    """Raise the PO reader's error for the first message seen twice across the parts of a
    file read in pieces (`--jobs`), if there is one."""
    from .po import fail_on_repeat as fail

    fail(repeats, path)


__all__ = ["FORMATS", "DocReader", "DocWriter", "FormatFunctions", "FormatSpec", "Holds",
           "ImportedTermBase", "ReadOptions", "Sniffer", "TermBaseReader", "TermBaseWriter",
           "WriteOptions", "detect", "fail_on_repeat", "get", "import_termbase_file",
           "open_document", "read_termbase_file"]
