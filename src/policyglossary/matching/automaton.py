"""The source side's multi-pattern matcher: every Chinese term of the term base, in every
script, found in a segment in one pass, leftmost-longest.

Two implementations with one interface. The compiled hash matcher (`_hashmatch.c`, built by
`pip install` when a compiler is present) slides over the text and looks up the few term
lengths there are in a hash table; the fallback is an ahocorasick-rs automaton, used when the
extension was not built or when `POLICYGLOSSARY_PURE=1` asks for it. They give the same
matches (tests compare them on random term sets and texts); offsets are in code points.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from types import ModuleType
from typing import Any, Protocol

PURE_ENV = "POLICYGLOSSARY_PURE"

Match = tuple[int, int, int]
"""(pattern index, or the pattern's value, start, end) in the searched text."""
Value = int | tuple[int, ...]
"""What a match of a pattern reports instead of its index: one match per int."""


class Automaton(Protocol):
    def find_many(self, texts: list[str]) -> list[list[Match]]:
        """Leftmost-longest, non-overlapping matches in each text, as (value, start, end)
        when the automaton was given values, else (pattern, start, end)."""
        ...

    def find_overlapping(self, text: str) -> list[Match]:
        """Every occurrence of every pattern in `text`, as (pattern, start, end)."""
        ...


def _compiled() -> ModuleType | None:
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return None
    try:
        from . import _hashmatch  # type: ignore[attr-defined]
    except ImportError:
        return None
    module: ModuleType = _hashmatch
    return module


def backend() -> str:
    """Which matcher this installation uses, for `policyglossary --version`."""
    if _compiled() is not None:
        return "compiled (C hash matcher)"
    reason = f"{PURE_ENV} is set" if os.environ.get(PURE_ENV, "") not in ("", "0") else \
        "the C extension was not built"
    return f"pure Python fallback (ahocorasick-rs; {reason})"


def build(patterns: list[str], values: list[Value] | None = None) -> Automaton | None:
    """A matcher over `patterns` (non-empty, distinct), or None when there are none.
    `values[p]`: what a leftmost-longest match of pattern p reports (see `Value`)."""
    if not patterns:
        return None
    compiled = _compiled()
    if compiled is not None:
        return HashMatcher(compiled.HashMatcher(patterns, values))
    return AhoCorasick(patterns, values)


class HashMatcher:
    """The compiled matcher, with overlapping matches in the automaton's order."""

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled
        self.find_many: Callable[[list[str]], list[list[Match]]] = compiled.find_many

    def find_overlapping(self, text: str) -> list[Match]:
        # By end, then longest first: the order an automaton reports them in, so that
        # whatever is built from them (nested concepts) comes out the same either way.
        found: list[Match] = self._compiled.find_overlapping(text)
        return sorted(found, key=lambda match: (match[2], match[1]))


class AhoCorasick:
    """The fallback: ahocorasick-rs, leftmost-longest; an overlapping automaton on demand."""

    def __init__(self, patterns: list[str], values: list[Value] | None = None) -> None:
        import ahocorasick_rs

        self._patterns = patterns
        self._values = values
        # ContiguousNFA searched Chinese text about 1.6× faster than the default here, and
        # builds in a quarter second for 50k terms (BENCHMARKS.md).
        self._longest: Any = ahocorasick_rs.AhoCorasick(
            patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        self._overlapping: Any = None

    def find_many(self, texts: list[str]) -> list[list[Match]]:
        find = self._longest.find_matches_as_indexes
        values = self._values
        if values is None:
            return [find(text) for text in texts]
        found: list[list[Match]] = []
        for text in texts:
            here: list[Match] = []
            for pattern, start, end in find(text):
                value = values[pattern]
                if isinstance(value, int):
                    here.append((value, start, end))
                else:
                    here.extend((v, start, end) for v in value)
            found.append(here)
        return found

    def find_overlapping(self, text: str) -> list[Match]:
        if self._overlapping is None:
            import ahocorasick_rs

            self._overlapping = ahocorasick_rs.AhoCorasick(self._patterns)
        found: list[Match] = self._overlapping.find_matches_as_indexes(text, overlapping=True)
        return found
