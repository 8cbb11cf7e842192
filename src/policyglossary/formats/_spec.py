"""The shape of a format: typed reader and writer callables, and the record each format
module exports (`FORMAT`, or one per variant: `CSV`/`TSV`, `TBX`/`TBX2`, `XLIFF`/`XLIFF2`).

The Protocols take their arguments positionally, so mypy checks each module's functions
against them where the module builds its record, whatever the parameters are called.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Protocol

from ..model import BilingualDoc, TermBase
from ._options import ImportedTermBase, ReadOptions, WriteOptions


class DocReader(Protocol):
    """Read a bilingual file; its segments may stream while `source` stays open."""

    def __call__(self, source: IO[bytes], name: str, options: ReadOptions, /) \
        -> BilingualDoc: ...


class DocWriter(Protocol):
    """Write a bilingual document; returns warnings (what the format cannot hold)."""

    def __call__(self, target: IO[bytes], doc: BilingualDoc, options: WriteOptions, /) \
        -> list[str]: ...


class TermBaseReader(Protocol):
    """Read a term base file, saying whether it holds whole concepts."""

    def __call__(self, source: IO[bytes], name: str, options: ReadOptions, /) \
        -> ImportedTermBase: ...


class TermBaseWriter(Protocol):
    """Write a term base; returns warnings (what the format cannot hold)."""

    def __call__(self, target: IO[bytes], termbase: TermBase, options: WriteOptions, /) \
        -> list[str]: ...


class Holds(Protocol):
    """Which facets (`fidelity.FACETS`) a term base export with these options holds."""

    def __call__(self, options: WriteOptions, /) -> frozenset[str]: ...


class Sniffer(Protocol):
    """Whether the first bytes of a file look like this format."""

    def __call__(self, head: bytes, /) -> bool: ...


@dataclass(frozen=True, slots=True)
class FormatFunctions:
    """What one format module can do; None where the format cannot."""

    read_doc: DocReader | None = None
    write_doc: DocWriter | None = None
    read_termbase: TermBaseReader | None = None
    write_termbase: TermBaseWriter | None = None
    sniff: Sniffer | None = None
    holds: Holds | None = None
