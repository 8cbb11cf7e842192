"""The format registry: the single source of truth for every file format we read or write.

CLI choices, file detection, `policyglossary formats`, the README table and the contract
tests all come from `FORMATS`.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, UsageError
from ..model import BilingualDoc, TermBase
from ._options import ImportedTermBase, ReadOptions, WriteOptions

DocReader = Callable[[IO[bytes], str, ReadOptions], BilingualDoc]
DocWriter = Callable[[IO[bytes], BilingualDoc, WriteOptions], list[str]]
TermBaseReader = Callable[[IO[bytes], str, ReadOptions], ImportedTermBase]
TermBaseWriter = Callable[[IO[bytes], TermBase, WriteOptions], list[str]]


@dataclass(frozen=True, slots=True)
class FormatSpec:
    """One file format. Functions are named, not imported, so that a command loads only the
    format modules it uses."""

    name: str
    title: str
    extensions: tuple[str, ...]
    module: str
    read_doc: str | None = None
    write_doc: str | None = None
    read_termbase: str | None = None
    write_termbase: str | None = None
    sniff: str | None = None
    holds: str | None = None
    """The function that says which facets (`fidelity.FACETS`) a term base export holds."""

    @property
    def bilingual(self) -> bool:
        return self.read_doc is not None or self.write_doc is not None

    @property
    def termbase(self) -> bool:
        return self.read_termbase is not None or self.write_termbase is not None

    def function(self, role: str) -> Any:
        """The module's function for `role` (read_doc, write_termbase, ...)."""
        name = getattr(self, role)
        if name is None:
            raise UsageError(f"{self.title} has no {role.replace('_', ' ')} support")
        module = importlib.import_module(f"{__name__}.{self.module}")
        return getattr(module, name)


FORMATS: dict[str, FormatSpec] = {}


def register(spec: FormatSpec) -> FormatSpec:
    FORMATS[spec.name] = spec
    return spec


register(FormatSpec("po", "Gettext PO/POT", (".po", ".pot"), "po", read_doc="read",
                    write_doc="write", sniff="sniff"))
register(FormatSpec("xliff", "XLIFF 1.2 (reads 1.1, 1.2 and 2.x)",
                    (".xlf", ".xliff", ".sdlxliff", ".mqxliff"), "xliff", read_doc="read",
                    write_doc="write_doc", sniff="sniff"))
register(FormatSpec("xliff2", "XLIFF 2.0", (), "xliff", read_doc="read", write_doc="write_doc_2"))
register(FormatSpec("tmx", "TMX 1.4b translation memory or term pairs", (".tmx",), "tmx",
                    read_doc="read", write_doc="write_doc", read_termbase="read_termbase",
                    write_termbase="write_termbase", sniff="sniff", holds="holds"))
register(FormatSpec("tbx", "TBX v3 (ISO 30042:2019) TBX-Basic, DCA; reads TBX 2008 too",
                    (".tbx",), "tbx", read_termbase="read_termbase",
                    write_termbase="write_termbase", sniff="sniff", holds="holds"))
register(FormatSpec("tbx2", "TBX 2008 (martif) for OmegaT, Weblate, translate-toolkit", (),
                    "tbx", read_termbase="read_termbase", write_termbase="write_termbase_v2",
                    holds="holds"))
register(FormatSpec("xlsx", "Excel workbook: term base, or bilingual review sheet", (".xlsx",),
                    "xlsx", read_doc="read", write_doc="write_doc",
                    read_termbase="read_termbase", write_termbase="write_termbase",
                    sniff="sniff", holds="holds"))
register(FormatSpec("csv", "CSV (comma or semicolon separated, header row)", (".csv",),
                    "delimited", read_doc="read", write_doc="write_doc",
                    read_termbase="read_termbase", write_termbase="write_termbase",
                    holds="holds"))
register(FormatSpec("tsv", "TSV (tab separated, header row)", (".tsv", ".tab"), "delimited",
                    read_doc="read_tsv", write_doc="write_doc_tsv",
                    read_termbase="read_termbase_tsv", write_termbase="write_termbase_tsv",
                    holds="holds"))
register(FormatSpec("omegat", "OmegaT glossary (tab separated, no header)",
                    (".tab", ".txt", ".utf8"), "omegat", read_termbase="read_termbase",
                    write_termbase="write_termbase", sniff="sniff", holds="holds"))


def get(name: str) -> FormatSpec:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; known: {', '.join(FORMATS)}") from None


def _reads(spec: FormatSpec, kind: str) -> bool:
    return (spec.read_doc if kind == "bilingual" else spec.read_termbase) is not None


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
        return next((s for s in by_extension if s.sniff and s.function("sniff")(head)),
                    by_extension[-1])
    if by_extension:
        return by_extension[0]
    for spec in FORMATS.values():
        wanted = spec.read_doc if kind == "bilingual" else spec.read_termbase
        if spec.sniff is not None and wanted is not None and spec.function("sniff")(head):
            return spec
    raise InputError(str(path), f"unknown file type {suffix or '(no extension)'}; known: "
                     + ", ".join(e for s in FORMATS.values() for e in s.extensions))


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
    reader: DocReader = spec.function("read_doc")
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
    reader: TermBaseReader = spec.function("read_termbase")
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


__all__ = ["FORMATS", "FormatSpec", "ImportedTermBase", "ReadOptions", "WriteOptions",
           "detect", "get", "import_termbase_file", "open_document", "read_termbase_file"]
