"""Language tags: normalisation and the Chinese/English roles of a bilingual file."""

from __future__ import annotations

from functools import lru_cache

# Region subtags that imply a script for Chinese (zh-TW → Traditional, zh-CN → Simplified).
_HANT_REGIONS = frozenset({"tw", "hk", "mo"})
_HANS_REGIONS = frozenset({"cn", "sg", "my"})


# POSIX locale modifiers that name a script (sr_RS@latin is sr-Latn-RS); others are dropped.
_SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "hans": "Hans", "hant": "Hant"}


@lru_cache(maxsize=4096)
def normalize_tag(tag: str) -> str:
    """The BCP 47 tag for a language tag or a POSIX locale, as TMX, XLIFF and TBX need it.

    Any case, `_` or `-`, and a POSIX locale's `.codeset` and `@modifier` are accepted:
    zh_cn → zh-CN, ZH-HANT → zh-Hant, en_US.UTF-8 → en-US, zh_Hant_TW → zh-Hant-TW,
    sr_RS@latin → sr-Latn-RS. Every reader and writer of language tags goes through here.
    """
    text, _, modifier = tag.strip().partition("@")
    text = text.split(".", 1)[0]  # the codeset: zh_CN.UTF-8, zh_CN.GB2312
    # spaces around a subtag go ("- 0" and "0" are one tag); inside one they stay, so that a
    # column named "zh CN" is no language tag
    parts = [p.strip() for p in text.replace("_", "-").split("-") if p.strip()]
    script = _SCRIPT_MODIFIERS.get(modifier.strip().lower())
    if script and parts and not any(len(p) == 4 and p.isalpha() for p in parts[1:]):
        parts.insert(1, script)
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
