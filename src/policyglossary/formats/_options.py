"""Options shared by the format readers and writers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ReadOptions:
    encoding: str | None = None
    """Force a text encoding (CSV, TSV, PO); otherwise BOM, declaration, then detection."""
    source_lang: str | None = None
    """Language of the source column or variant; default: the Chinese one."""
    target_lang: str | None = None
    """Language of the target column or variant; default: the English one."""


@dataclass(frozen=True, slots=True)
class WriteOptions:
    source_lang: str = "zh-CN"
    target_lang: str = "en"
    hant_lang: str = "zh-Hant"
    """Tag for Traditional forms in term base exports (zh-Hant, zh-TW, ...)."""
    zh_variants: tuple[str, ...] = ("zh-Hant",)
    """Which derived Traditional/regional forms a term base export includes."""
    forbidden: str | None = None
    """'include' or 'omit' forbidden renderings; None: the format's default."""
    profile: str = "default"
    extra: dict[str, str] = field(default_factory=dict)
