"""Language tags: normalisation and the Chinese/English roles of a bilingual file."""

from __future__ import annotations

from functools import lru_cache

# Region subtags that imply a script for Chinese (zh-TW → Traditional, zh-CN → Simplified).
_HANT_REGIONS = frozenset({"tw", "hk", "mo"})
_HANS_REGIONS = frozenset({"cn", "sg", "my"})


@lru_cache(maxsize=4096)
def normalize_tag(tag: str) -> str:
    """BCP 47 casing with hyphens: zh_cn → zh-CN, ZH-HANT → zh-Hant, en-us → en-US."""
    parts = [p for p in tag.strip().replace("_", "-").split("-") if p]
    if not parts:
        return ""
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def primary(tag: str) -> str:
    return normalize_tag(tag).split("-", 1)[0]


def is_chinese(tag: str) -> bool:
    return primary(tag) in ("zh", "cmn", "yue")


def is_english(tag: str) -> bool:
    return primary(tag) == "en"


def chinese_script(tag: str) -> str:
    """'Hant' or 'Hans' (default) for a Chinese tag."""
    parts = normalize_tag(tag).split("-")
    if "Hant" in parts:
        return "Hant"
    if "Hans" in parts:
        return "Hans"
    if any(p.lower() in _HANT_REGIONS for p in parts[1:]):
        return "Hant"
    return "Hans"


def same_language(a: str, b: str) -> bool:
    return primary(a) == primary(b) and bool(primary(a))
