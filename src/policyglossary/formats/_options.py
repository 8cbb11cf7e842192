"""Options shared by the format readers and writers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..columns import RepeatFinder
from ..model import TermBase


@dataclass(frozen=True, slots=True)
class ReadOptions:
    encoding: str | None = None
    """Force a text encoding (CSV, TSV, PO); otherwise BOM, declaration, then detection."""
    source_lang: str | None = None
    """Language of the source column or variant; default: the Chinese one."""
    target_lang: str | None = None
    """Language of the target column or variant; default: the English one."""
    index_offset: int = 0
    """Units before this part of the file (internal: --jobs reads a file in parts)."""
    plural_forms: bool = False
    """PO: every plural form (msgstr[1], …) is a segment of its own, as `check` wants;
    otherwise (`convert`) msgstr[0] is the target and the other forms are counted as dropped.
    """
    repeats: RepeatFinder | None = None
    """Internal (--jobs): a PO reader records its message keys here, and the caller looks
    for duplicates across all parts, instead of the reader failing at the end of its part."""


@dataclass(frozen=True, slots=True)
class WriteOptions:
    source_lang: str = "zh-CN"
    target_lang: str = "en"
    zh_variants: tuple[str, ...] | None = None
    """Which Traditional/regional forms a term base export includes (zh-Hant, zh-TW, zh-HK);
    None: the format's default (zh-Hant for TBX and spreadsheets, none for TMX)."""
    forbidden: str | None = None
    """'include' or 'omit' forbidden renderings; None: the format's default."""
    renderings: str | None = None
    """'all' allowed English renderings or the 'preferred' ones only; None: the format's
    default (preferred for TMX and OmegaT, whose clients insert one unit of a source)."""
    profile: str = "default"
    term_lines: Callable[[str], list[str]] | None = None
    """For bilingual exports that list each segment's terms (the XLSX review sheet): the
    lines to show for a source text ("headword → agreed rendering"), from the term base."""


@dataclass
class ImportedTermBase:
    """A term base read from a file, and whether the file holds whole concepts.

    `complete` is true for our own exports (default layout XLSX/CSV/TSV, TBX with our layout
    mark): a concept in the file is the whole concept, so an empty field or a missing term
    means it was removed. Other files list what they list: on merge their empty fields leave
    the term base alone and their terms are added, not substituted.
    """

    termbase: TermBase
    complete: bool
    warnings: list[str] = field(default_factory=list)
    holds: frozenset[str] | None = None
    """The facets the file can hold (`fidelity`); None: all of them. What it cannot hold
    stays as the term base has it when the file is merged in."""
