"""English renderings in targets (the Chinese side is in `matcher.py`).

English is reduced to a *key*: NFKC, case-folded (unless the term is case
sensitive), apostrophes dropped (possessives), hyphens, dashes, quotes, commas, slashes and
whitespace turned into token boundaries, and every word cut to a crude stem that strips
regular inflection (plural, -ed, -ing, final -e). The stems are concatenated without spaces, so
"health care", "health-care" and "healthcare" give one key; a match must start and end on a
token boundary, so a rendering never matches inside another word.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import accumulate

from ..model import Term

# ------------------------------------------------------------------ English keys

# Apostrophes vanish (world's → worlds → world); other punctuation that varies between
# writers of the same phrase becomes a boundary.
_TARGET_TRANSLATION = str.maketrans({
    **dict.fromkeys("'’‘ʼ`´′", ""),
    **dict.fromkeys('"“”„‟«»‹›「」『』〝〞＂', " "),
    **dict.fromkeys("-‐‑‒–—―−_,/、\u00a0\u2007\u202f\u2009\u200a\u3000", " "),
})
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_STEMS: dict[str, tuple[str, str]] = {}
_STEM_CACHE_LIMIT = 500_000


def _stem_lower(word: str) -> str:
    """A crude English stem: enough to equate regular inflections of one word.

    Both sides of every comparison go through this, so what matters is that the forms of a
    word agree (stabilize, stabilizes, stabilized, stabilizing → stabiliz), not that the stem
    is a real word.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ing") and len(word) > 5:
        base = word[:-3]
    elif (word.endswith("ed") and len(word) > 4) or (
            word.endswith("es") and (word[-3] in "sxz" or word.endswith(("ches", "shes")))):
        base = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        base = word[:-1]
    else:
        base = word
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouslz":
        base = base[:-1]  # planned → plann → plan
    if len(base) > 3 and base.endswith("e"):
        base = base[:-1]
    return base


def _stems(token: str) -> tuple[str, str]:
    """(case-folded stem, case-preserving stem) of one token, cached."""
    found = _STEMS.get(token)
    if found is None:
        lower = token.lower()
        stem = _stem_lower(lower)
        cased = token[:len(stem)] if lower.startswith(stem) and len(lower) == len(token) else stem
        if len(_STEMS) >= _STEM_CACHE_LIMIT:
            _STEMS.clear()
        found = _STEMS[token] = (stem, cased)
    return found


def english_tokens(text: str) -> list[str]:
    """Split English text into word and punctuation tokens, after normalising variants."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).translate(_TARGET_TRANSLATION))


class TargetText:
    """One target text, normalised once and queried for many renderings."""

    __slots__ = ("__dict__", "text")

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def tokens(self) -> list[str]:
        return english_tokens(self.text)

    @cached_property
    def _stem_pairs(self) -> list[tuple[str, str]]:
        cached = _STEMS.get  # most tokens are cached: no Python call for them
        return [cached(token) or _stems(token) for token in self.tokens]

    @cached_property
    def key(self) -> str:
        return "".join([pair[0] for pair in self._stem_pairs])

    @cached_property
    def cased_key(self) -> str:
        return "".join([pair[1] for pair in self._stem_pairs])

    @cached_property
    def _ends(self) -> list[int]:
        """Offset in `key` where each token's stem ends."""
        return list(accumulate(len(pair[0]) for pair in self._stem_pairs))

    def find(self, rendering: Rendering) -> tuple[int, int] | None:
        """Token span (first, last+1) of the first occurrence of `rendering`, or None."""
        spans = self.find_all(rendering, first_only=True)
        return spans[0] if spans else None

    def find_all(self, rendering: Rendering, first_only: bool = False) -> list[tuple[int, int]]:
        """Token spans of every occurrence of `rendering` that starts and ends on token
        boundaries."""
        spans: list[tuple[int, int]] = []
        if not rendering.key:
            return spans
        haystack = self.cased_key if rendering.case_sensitive else self.key
        index = haystack.find(rendering.key)
        if index < 0:
            return spans
        ends = self._ends
        count = len(ends)
        while index >= 0:
            # a start on a boundary is 0 or the end of a token; the end must end a token
            first = 0 if index == 0 else bisect_left(ends, index) + 1
            if index == 0 or (first - 1 < count and ends[first - 1] == index):
                last = bisect_left(ends, index + len(rendering.key))
                if last < count and ends[last] == index + len(rendering.key) and (
                        not rendering.strict or self._strict_match(first, last + 1,
                                                                   rendering)):
                    spans.append((first, last + 1))
                    if first_only:
                        break
            index = haystack.find(rendering.key, index + 1)
        return spans

    def _strict_match(self, first: int, end: int, rendering: Rendering) -> bool:
        words = self.tokens[first:end]
        pairs = self._stem_pairs[first:end]
        if rendering.case_sensitive:
            key = "".join(words[:-1]) + pairs[-1][1]
        else:
            key = "".join(words[:-1]).lower() + pairs[-1][0]
        return key == rendering.strict_key


SEPARATOR = "\x00"
"""Never part of a term (no text we read contains it: readers refuse NUL)."""

# Endings a rendering's last word may take and still be found verbatim (the inflection-
# tolerant matcher accepts these and more).
_TAILS = ("s", "es", "d", "ed", "ing", "'s", "’s", "s'", "s’")


@dataclass(frozen=True, slots=True)
class QuickForm:
    raw: str
    index: int
    """Index of the rendering in `Matcher.allowed[concept]`."""
    full: bool
    """A full form, not an acronym or short form (for term-inconsistent)."""
    case_sensitive: bool
    tails: tuple[str, ...] = ()
    """Endings of the last word that the stemmer folds back onto it (gigabit+s; not ai+s)."""


def quick_text(text: str, case_sensitive: bool) -> str:
    raw = " ".join(unicodedata.normalize("NFKC", text).split())
    return raw if case_sensitive else raw.lower()


def quick_tails(raw: str) -> tuple[str, ...]:
    """The `_TAILS` that the full matcher accepts after this rendering's last word."""
    words = _TOKEN.findall(raw.translate(_TARGET_TRANSLATION))
    if not words or not words[-1].isalnum():
        return ()
    return _tails_of(words[-1].lower())


@lru_cache(maxsize=65536)
def _tails_of(last: str) -> tuple[str, ...]:
    # cached: term bases repeat their last words (network, policy, ...) thousands of times
    stem = _stem_lower(last)
    return tuple(t for t in _TAILS
                 if _stem_lower(last + t.replace("'", "").replace("’", "")) == stem)


def quick_find(haystack: str, raw: str, tails: tuple[str, ...] = ()) -> bool:
    """Whether `raw` occurs in `haystack` as whole words (the last one may take one of
    `tails`). A hit here is always a hit for the inflection-tolerant matcher, never the
    other way round, so a miss only means "ask the full matcher"."""
    index = haystack.find(raw)
    while index >= 0:
        end = index + len(raw)
        if index == 0 or not haystack[index - 1].isalnum():
            if end == len(haystack) or not haystack[end].isalnum():
                return True
            for tail in tails:
                if haystack.startswith(tail, end):
                    after = end + len(tail)
                    if after == len(haystack) or not haystack[after].isalnum():
                        return True
        index = haystack.find(raw, index + 1)
    return False


@dataclass(frozen=True, slots=True)
class Rendering:
    """An English term prepared for matching."""

    term: Term
    key: str
    """Inflection-tolerant key: every word stemmed."""
    strict_key: str
    """Key with only the last word stemmed (words before it must match exactly)."""
    case_sensitive: bool
    strict: bool = False
    """Match inner words exactly: set when inflecting them would give a rendering of the
    opposite kind for the same concept ("Work Conference" allowed, "Working Conference"
    forbidden)."""

    @classmethod
    def of(cls, term: Term, strict: bool = False) -> Rendering:
        tokens = english_tokens(term.text)
        return cls(term, _key(tokens, term.case_sensitive),
                   _strict_key(tokens, term.case_sensitive), term.case_sensitive, strict)


def english_key(text: str, case_sensitive: bool = False) -> str:
    """The inflection-tolerant matching key of an English phrase (see the module docstring)."""
    return _key(english_tokens(text), case_sensitive)


def _key(tokens: list[str], case_sensitive: bool) -> str:
    pairs = [_stems(token) for token in tokens]
    return "".join(pair[1] if case_sensitive else pair[0] for pair in pairs)


def strict_english_key(text: str, case_sensitive: bool = False) -> str:
    """The key with every word but the last kept as written (case-folded unless sensitive)."""
    return _strict_key(english_tokens(text), case_sensitive)


def _strict_key(tokens: list[str], case_sensitive: bool) -> str:
    if not tokens:
        return ""
    head = "".join(tokens[:-1])
    last = _stems(tokens[-1])
    return head + last[1] if case_sensitive else head.lower() + last[0]


def renderings_of(terms: Sequence[Term]) -> tuple[list[Rendering], list[Rendering]]:
    """(allowed, rejected) renderings of one concept's English terms, with `strict` set on
    those whose loose keys collide with a term of the opposite kind."""
    renderings = [Rendering.of(t) for t in terms if t.allowed or t.rejected]
    clash = {r.key for r in renderings if r.term.allowed} & \
        {r.key for r in renderings if r.term.rejected}
    allowed: list[Rendering] = []
    rejected: list[Rendering] = []
    for rendering in renderings:
        if rendering.key in clash:
            rendering = replace(rendering, strict=True)
        (allowed if rendering.term.allowed else rejected).append(rendering)
    return allowed, rejected


def locate(text: str, rendering: Rendering) -> tuple[int, int] | None:
    """Character span of `rendering` in the original `text`, for highlighting only."""
    target = TargetText(text)
    span = target.find(rendering)
    if span is None:
        return None
    normalized = unicodedata.normalize("NFKC", text).translate(_TARGET_TRANSLATION)
    if len(normalized) == len(text):  # the tokens sit where they were: no search needed
        places = [m.span() for m in _TOKEN.finditer(normalized)]
        return places[span[0]][0], places[span[1] - 1][1]
    words = target.tokens[span[0]:span[1]]
    pattern = r"[\W_]*".join(re.escape(w[:max(1, len(_stems(w)[0]) - 1)]) + r"\w*" for w in words)
    flags = 0 if rendering.case_sensitive else re.IGNORECASE
    found = re.search(pattern, unicodedata.normalize("NFKC", text).replace("’", "'"), flags)
    return (found.start(), found.end()) if found else None


def inside(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether `span` lies within one of `spans`: a forbidden "director" inside an allowed
    "director general" is not a use of the forbidden term, and neither is a rendering that is
    forbidden for one concept but allowed, and found, for another concept in the segment."""
    return any(s <= span[0] and span[1] <= e for s, e in spans)
