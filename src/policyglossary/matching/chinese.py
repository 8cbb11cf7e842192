"""Chinese script handling: Traditional/regional forms (OpenCC) and source normalisation.

OpenCC is used on the term base, never on every segment: converting each term once and
matching all forms is both faster (perf-notes.md: ~60 µs per segment for the pure-Python
OpenCC) and more accurate than converting text with t2s, which rewrites valid Simplified
characters (沈→沉, 乾→干).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Protocol

from ..model import ZH_VARIANTS, Term


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def converter(config: str) -> _Converter:
    """An OpenCC converter for `config` (s2t, s2tw, s2hk, t2s, ...), loaded once."""
    import opencc  # imported lazily: loading dictionaries costs time a --help should not pay

    result: _Converter = opencc.OpenCC(config)
    return result


_remembered: dict[tuple[str, str], str] | None = None
"""OpenCC conversions known without OpenCC, {(config, text): form}, once
`remember_conversions` has been given some; None (nothing remembered) by default."""


def remember_conversions(known: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """Use the conversions in `known` instead of OpenCC, and add every new conversion to it;
    the dictionary in use is returned (the one given before, if any, with `known` added).

    Loading OpenCC's s2t, s2tw and s2hk dictionaries takes 0.15 s, most of an interactive
    `lookup` on a small term base, whose terms are the same from one run to the next."""
    global _remembered
    if _remembered is None:
        _remembered = known
    else:
        _remembered.update(known)
    return _remembered


def _converted(config: str, text: str) -> str:
    if _remembered is None:
        return converter(config).convert(text)
    form = _remembered.get((config, text))
    if form is None:
        form = _remembered[config, text] = converter(config).convert(text)
    return form


def variant_forms(term: Term) -> dict[str, str]:
    """The regional forms of a Simplified Chinese term: {"zh-Hant": ..., "zh-TW": ..., ...}.

    A form given explicitly on the term wins over the OpenCC conversion.
    """
    return {
        tag: term.explicit_variant(tag) or _converted(config, term.text)
        for tag, config in ZH_VARIANTS
    }


def all_forms(term: Term) -> list[str]:
    """The term and its distinct regional forms, Simplified first."""
    forms = [term.text]
    for form in variant_forms(term).values():
        if form not in forms:
            forms.append(form)
    return forms


def to_simplified(text: str) -> str:
    return converter("t2s").convert(text)


# Quotation marks and brackets that different editors use for the same thing in Chinese
# text: curly, corner (Taiwan/Hong Kong) and full-width straight quotes all become ".
_QUOTES = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"', "『": '"', "』": '"',
    "〝": '"', "〞": '"', "＂": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "＇": "'",
    "\u00a0": " ", "\u3000": " ",
})
_QUOTES_KEYS = "“”„‟「」『』〝〞＂‘’‚‛＇\u00a0\u3000"
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")


# Characters `normalize_source` changes besides NFKC: one search finds whether any is there.
_TOUCHED = re.compile("[" + "".join(re.escape(c) for c in _QUOTES_KEYS) + r"\s]")
# Letters whose case folding matters (Latin, Greek, Cyrillic, Armenian, Georgian, …).
_CASED = re.compile(r"[A-Z\u00c0-\u058f\u10a0-\u10ff\u1e00-\u1fff\u2c00-\u2c7f\ua640-\ua7ff]")


def normalize_source(text: str) -> str:
    """Normalise Chinese text for term matching.

    NFKC folds full-width Latin letters, digits and punctuation (５Ｇ → 5G); quote styles
    are unified; whitespace between Chinese characters is dropped (line breaks inside a
    sentence) and other runs become one space; Latin letters are case-folded. Each step runs
    only when a quick search shows it would change something (Chinese text is mostly left
    as it is, and lower-casing it is the slowest step).
    """
    text = unicodedata.normalize("NFKC", text)
    if _TOUCHED.search(text):
        text = text.translate(_QUOTES)
        if " " in text or "\n" in text or "\t" in text or "\r" in text:
            text = _SPACES.sub(" ", _SPACE_BETWEEN_CJK.sub("", text))
    return text.lower() if text.isascii() or _CASED.search(text) else text


def normalize_many(texts: list[str]) -> list[str]:
    """`normalize_source` for many texts at once (a few C calls over their concatenation)."""
    if not texts:
        return []
    # NUL separates: no text we read contains it, it is not whitespace (\x1e would be), and
    # NFKC and lower() leave it alone.
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [normalize_source(t) for t in texts]
    result = normalize_source(joined).split("\x00")
    if len(result) != len(texts):  # NFKC or whitespace handling touched a separator
        return [normalize_source(t) for t in texts]
    return result


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def original_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Map a span of `normalize_source(text)` back to `text` (for highlighting findings).

    Normalisation only shortens or keeps text, so the prefix lengths grow monotonically and a
    binary search finds each boundary.
    """
    if len(normalize_source(text)) == len(text):
        return start, end  # normalisation kept every character in place (the usual case)

    def first_prefix_reaching(target: int) -> int:
        low, high = 0, len(text)
        while low < high:
            middle = (low + high) // 2
            if len(normalize_source(text[:middle])) < target:
                low = middle + 1
            else:
                high = middle
        return low

    begin = first_prefix_reaching(start + 1) - 1 if start < len(normalize_source(text)) \
        else len(text)
    return max(0, begin), max(begin, first_prefix_reaching(end))


def with_regional_form(term: Term, tag: str, form: str) -> Term:
    """`term` (Simplified) with `form` as its explicit zh-Hant/zh-TW/zh-HK form, unless OpenCC
    derives exactly that form anyway."""
    from dataclasses import replace

    region = tag.replace("_", "-").split("-")[-1].upper() if "-" in tag or "_" in tag else ""
    attr, wanted = {"TW": ("tw", "zh-TW"), "HK": ("hk", "zh-HK"), "MO": ("hk", "zh-HK")}.get(
        region, ("hant", "zh-Hant"))
    if variant_forms(replace(term, hant="", tw="", hk=""))[wanted] == form:
        return term
    if attr == "tw":
        return replace(term, tw=form)
    if attr == "hk":
        return replace(term, hk=form)
    return replace(term, hant=form)


def from_traditional(text: str, tag: str, status: str = "preferred") -> Term:
    """A Term for Chinese text written in Traditional script: Simplified text (OpenCC t2s)
    with the original kept as the explicit regional form where it differs from OpenCC's."""
    return with_regional_form(Term(to_simplified(text), status), tag, text)


_KANA_HANGUL = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u1100-\u11ff\uac00-\ud7af]")


def is_chinese_text(text: str) -> bool:
    """Han characters and no Japanese kana or Korean hangul (地球システム is Japanese)."""
    return has_cjk(text) and not _KANA_HANGUL.search(text)
