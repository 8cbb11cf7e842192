"""Term matching: Chinese terms in sources, English renderings in targets.

Source side: one leftmost-longest Aho-Corasick automaton over every Chinese term in every
script (Simplified, and the Traditional, Taiwan and Hong Kong forms derived once from the term
base), run on normalised source text. A term inside a longer matched term is not reported on
its own. No tokenising: Chinese has no spaces.

Target side: English is reduced to a *key*: NFKC, case-folded (unless the term is case
sensitive), apostrophes dropped (possessives), hyphens, dashes, quotes, commas, slashes and
whitespace turned into token boundaries, and every word cut to a crude stem that strips
regular inflection (plural, -ed, -ing, final -e). The stems are concatenated without spaces, so
"health care", "health-care" and "healthcare" give one key; a match must start and end on a
token boundary, so a rendering never matches inside another word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import Any

from .chinese import all_forms, normalize_source
from .model import Concept, Term, TermBase

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
        return [_stems(token) for token in self.tokens]

    @cached_property
    def key(self) -> str:
        return "".join(pair[0] for pair in self._stem_pairs)

    @cached_property
    def cased_key(self) -> str:
        return "".join(pair[1] for pair in self._stem_pairs)

    @cached_property
    def _bounds(self) -> tuple[list[int], dict[int, int], dict[int, int]]:
        ends = list(accumulate(len(pair[0]) for pair in self._stem_pairs))
        starts = [0, *ends[:-1]]
        return ends, {s: i for i, s in enumerate(starts)}, {e: i for i, e in enumerate(ends)}

    def find(self, rendering: Rendering) -> tuple[int, int] | None:
        """Token span (first, last+1) of the first occurrence of `rendering`, or None."""
        spans = self.find_all(rendering, first_only=True)
        return spans[0] if spans else None

    def find_all(self, rendering: Rendering, first_only: bool = False) -> list[tuple[int, int]]:
        """Token spans of every occurrence of `rendering`."""
        spans: list[tuple[int, int]] = []
        if not rendering.key:
            return spans
        haystack = self.cased_key if rendering.case_sensitive else self.key
        index = haystack.find(rendering.key)
        if index < 0:
            return spans
        _, starts, ends = self._bounds
        while index >= 0:
            first = starts.get(index)
            last = ends.get(index + len(rendering.key))
            if first is not None and last is not None and (
                    not rendering.strict or self._strict_match(first, last + 1, rendering)):
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
        return cls(term, english_key(term.text, term.case_sensitive),
                   strict_english_key(term.text, term.case_sensitive), term.case_sensitive,
                   strict)


def english_key(text: str, case_sensitive: bool = False) -> str:
    """The inflection-tolerant matching key of an English phrase (see the module docstring)."""
    pairs = [_stems(token) for token in english_tokens(text)]
    return "".join(pair[1] if case_sensitive else pair[0] for pair in pairs)


def strict_english_key(text: str, case_sensitive: bool = False) -> str:
    """The key with every word but the last kept as written (case-folded unless sensitive)."""
    tokens = english_tokens(text)
    if not tokens:
        return ""
    head = "".join(tokens[:-1])
    last = _stems(tokens[-1])
    return head + last[1] if case_sensitive else head.lower() + last[0]


def renderings_of(terms: Sequence[Term]) -> tuple[list[Rendering], list[Rendering]]:
    """(allowed, rejected) renderings of one concept's English terms, with `strict` set on
    those whose loose keys collide with a term of the opposite kind."""
    allowed_keys = {english_key(t.text, t.case_sensitive) for t in terms if t.allowed}
    rejected_keys = {english_key(t.text, t.case_sensitive) for t in terms if t.rejected}
    clash = allowed_keys & rejected_keys
    allowed: list[Rendering] = []
    rejected: list[Rendering] = []
    for term in terms:
        if term.allowed or term.rejected:
            rendering = Rendering.of(term)
            if rendering.key in clash:
                rendering = Rendering.of(term, strict=True)
            (allowed if term.allowed else rejected).append(rendering)
    return allowed, rejected


def locate(text: str, rendering: Rendering) -> tuple[int, int] | None:
    """Character span of `rendering` in the original `text`, for highlighting only."""
    target = TargetText(text)
    span = target.find(rendering)
    if span is None:
        return None
    words = target.tokens[span[0]:span[1]]
    pattern = r"[\W_]*".join(re.escape(w[:max(1, len(_stems(w)[0]) - 1)]) + r"\w*" for w in words)
    flags = 0 if rendering.case_sensitive else re.IGNORECASE
    found = re.search(pattern, unicodedata.normalize("NFKC", text).replace("’", "'"), flags)
    return (found.start(), found.end()) if found else None


# ------------------------------------------------------------------ Chinese source

@dataclass(frozen=True, slots=True)
class SourceMatch:
    concept: int
    """Index of the matched concept in `Matcher.concepts`."""
    start: int
    end: int
    """Span in the *normalised* source text."""
    text: str


class Matcher:
    """Everything needed to check segments against one term base, built once."""

    def __init__(self, termbase: TermBase) -> None:
        import ahocorasick_rs

        self.termbase = termbase
        self.concepts: tuple[Concept, ...] = termbase.concepts
        pattern_index: dict[str, int] = {}
        self.patterns: list[str] = []
        self.pattern_concepts: list[list[int]] = []
        for index, concept in enumerate(self.concepts):
            for term in concept.zh:
                for form in all_forms(term):
                    key = normalize_source(form)
                    if not key:
                        continue
                    slot = pattern_index.get(key)
                    if slot is None:
                        slot = pattern_index[key] = len(self.patterns)
                        self.patterns.append(key)
                        self.pattern_concepts.append([])
                    if index not in self.pattern_concepts[slot]:
                        self.pattern_concepts[slot].append(index)
        kind = ahocorasick_rs.MatchKind.LeftmostLongest
        self._automaton: Any = (
            ahocorasick_rs.AhoCorasick(self.patterns, matchkind=kind) if self.patterns else None
        )
        self._overlapping: Any = None
        self.allowed: list[tuple[Rendering, ...]] = []
        self.rejected: list[tuple[Rendering, ...]] = []
        for concept in self.concepts:
            allowed, rejected = renderings_of(concept.en)
            self.allowed.append(tuple(allowed))
            self.rejected.append(tuple(rejected))

    def find_terms(self, normalized_source: str) -> list[SourceMatch]:
        """Concepts whose Chinese terms occur in an already normalised source, longest first."""
        if self._automaton is None:
            return []
        found = []
        for pattern, start, end in self._automaton.find_matches_as_indexes(normalized_source):
            for concept in self.pattern_concepts[pattern]:
                found.append(SourceMatch(concept, start, end, self.patterns[pattern]))
        return found

    def find_in(self, source: str) -> list[SourceMatch]:
        return self.find_terms(normalize_source(source))

    @cached_property
    def nested(self) -> list[tuple[int, ...]]:
        """For each concept, the other concepts whose Chinese terms occur inside its terms.

        A matched long term hides shorter terms inside it from `term-missing`, but a forbidden
        rendering of a nested term (双千兆 → "double gigabit" inside “双千兆”协同发展) is still
        wrong, so `term-forbidden` looks at these too.
        """
        import ahocorasick_rs

        automaton = ahocorasick_rs.AhoCorasick(self.patterns) if self.patterns else None
        result: list[tuple[int, ...]] = []
        for index, concept in enumerate(self.concepts):
            inner: list[int] = []
            if automaton is not None:
                for term in concept.zh:
                    for form in all_forms(term):
                        key = normalize_source(form)
                        for pattern, _, _ in automaton.find_matches_as_indexes(
                                key, overlapping=True):
                            for other in self.pattern_concepts[pattern]:
                                if other != index and other not in inner:
                                    inner.append(other)
            result.append(tuple(inner))
        return result

    def allowed_spans(self, target: TargetText, concepts: Iterable[int]) \
            -> list[tuple[int, int]]:
        """Token spans of every allowed rendering of `concepts` found in `target`."""
        spans: list[tuple[int, int]] = []
        for index in concepts:
            for rendering in self.allowed[index]:
                spans.extend(target.find_all(rendering))
        return spans


def inside(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether `span` lies within one of `spans`: a forbidden "director" inside an allowed
    "director general" is not a use of the forbidden term, and neither is a rendering that is
    forbidden for one concept but allowed, and found, for another concept in the segment."""
    return any(s <= span[0] and span[1] <= e for s, e in spans)
