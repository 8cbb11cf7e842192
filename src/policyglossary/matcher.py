"""The term base prepared for checking: Chinese terms to find, English renderings to test.

Source side: one leftmost-longest Aho-Corasick automaton over every Chinese term in every
script (Simplified, and the Traditional, Taiwan and Hong Kong forms derived once from the
term base), run on normalised source text. A term inside a longer matched term is not
reported on its own. No tokenising: Chinese has no spaces.

The English side of each concept (its renderings, prepared for the inflection-tolerant
matcher and for verbatim tests) is built the first time the concept is matched: loading a
large term base stays quick, and a concept never seen costs nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, Generic, TypeVar

from .chinese import all_forms, normalize_source
from .matching import (
    SEPARATOR,
    QuickForm,
    Rendering,
    TargetText,
    _stems,
    english_tokens,
    quick_find,
    quick_tails,
    quick_text,
    renderings_of,
)
from .model import SHORT_TERM_TYPES, Concept, TermBase

T = TypeVar("T")
MATCH_WINDOW = 1 << 20
"""Characters of source text given to the automaton at a time."""


class PerConcept(Generic[T]):
    """A per-concept table filled one entry at a time, when first asked for."""

    __slots__ = ("_build", "_items")

    def __init__(self, count: int, build: Callable[[int], T]) -> None:
        self._items: list[T | None] = [None] * count
        self._build = build

    def __getitem__(self, index: int) -> T:
        item = self._items[index]
        if item is None:
            item = self._items[index] = self._build(index)
        return item

    def __len__(self) -> int:
        return len(self._items)


@dataclass(slots=True)  # not frozen: four million of these per million segments, and a
class SourceMatch:       # frozen dataclass takes three times as long to create
    concept: int
    """Index of the matched concept in `Matcher.concepts`."""
    start: int
    end: int
    """Span in the *normalised* source text."""
    text: str


class Matcher:
    """Everything needed to check segments against one term base."""

    def __init__(self, termbase: TermBase) -> None:
        self.termbase = termbase
        self.concepts: tuple[Concept, ...] = termbase.concepts
        pattern_index: dict[str, int] = {}
        self.patterns: list[str] = []
        owners: list[list[int]] = []
        for index, concept in enumerate(self.concepts):
            for term in concept.zh:
                for form in all_forms(term):
                    key = normalize_source(form)
                    if not key or SEPARATOR in key:
                        continue
                    slot = pattern_index.get(key)
                    if slot is None:
                        slot = pattern_index[key] = len(self.patterns)
                        self.patterns.append(key)
                        owners.append([])
                    if index not in owners[slot]:
                        owners[slot].append(index)
        # Most patterns belong to one concept: keep that as an int, the rest in a dict.
        self.owner: list[int] = [o[0] if len(o) == 1 else -1 for o in owners]
        self.shared_owners: dict[int, tuple[int, ...]] = {
            i: tuple(o) for i, o in enumerate(owners) if len(o) != 1}
        self._reset()

    def _reset(self) -> None:
        count = len(self.concepts)
        self._automaton: Any = _build_automaton(self.patterns)
        self._overlapping: Any = None
        self._renderings = PerConcept(count, self._build_renderings)
        self.allowed = PerConcept(count, lambda i: self._renderings[i][0])
        self.rejected = PerConcept(count, lambda i: self._renderings[i][1])
        self.quick_allowed = PerConcept(count, self._build_quick_allowed)
        self.nested = PerConcept(count, self._build_nested)
        self.quick_rejected_within = PerConcept(count, self._build_quick_rejected)
        self.allowed_pieces = PerConcept(count, self._build_allowed_pieces)

    def __getstate__(self) -> dict[str, Any]:
        # Only what the constructor computes; the lazy tables and the automaton (a Rust
        # object) are rebuilt, which keeps a cached matcher small and quick to load.
        return {"termbase": self.termbase, "concepts": self.concepts,
                "patterns": self.patterns, "owner": self.owner,
                "shared_owners": self.shared_owners}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._reset()

    # ------------------------------------------------------------ source

    def concepts_of(self, pattern: int) -> tuple[int, ...]:
        owner = self.owner[pattern]
        return (owner,) if owner >= 0 else self.shared_owners[pattern]

    def find_terms(self, normalized_source: str) -> list[SourceMatch]:
        """Concepts whose Chinese terms occur in an already normalised source, longest first."""
        return self.find_terms_many([normalized_source])[0]

    def find_in(self, source: str) -> list[SourceMatch]:
        return self.find_terms(normalize_source(source))

    def find_terms_many(self, normalized: list[str]) -> list[list[SourceMatch]]:
        """`find_terms` for many sources with one automaton pass over their concatenation."""
        found: list[list[SourceMatch]] = [[] for _ in normalized]
        if self._automaton is None or not normalized:
            return found
        if any(SEPARATOR in text for text in normalized):
            if len(normalized) > 1:
                return [self.find_terms_many([text])[0] for text in normalized]
            normalized = [normalized[0].replace(SEPARATOR, " ")]
        joined = SEPARATOR.join(normalized)
        starts = list(accumulate((len(t) + 1 for t in normalized[:-1]), initial=0))
        patterns, owner = self.patterns, self.owner
        for pattern, start, end in self._leftmost_longest(joined):
            index = bisect_right(starts, start) - 1
            offset = starts[index]
            concept = owner[pattern]
            if concept >= 0:
                found[index].append(SourceMatch(concept, start - offset, end - offset,
                                                patterns[pattern]))
            else:
                for shared in self.shared_owners[pattern]:
                    found[index].append(SourceMatch(shared, start - offset, end - offset,
                                                    patterns[pattern]))
        return found

    def _leftmost_longest(self, text: str) -> Iterator[tuple[int, int, int]]:
        """The automaton's (pattern, start, end) matches in `text`, a window at a time when
        the text is long: the automaton's index tables grow with the text it is given (280 MB
        for a 14-million-character segment). Each window reaches one longest pattern past its
        end, and the next starts where the last match taken ended: the matches are those of
        one pass over the whole text."""
        if len(text) <= MATCH_WINDOW:
            yield from self._automaton.find_matches_as_indexes(text)
            return
        longest = max(map(len, self.patterns))
        position = 0
        while position < len(text):
            window = text[position:position + MATCH_WINDOW + longest]
            resume = position + MATCH_WINDOW
            for pattern, start, end in self._automaton.find_matches_as_indexes(window):
                if start >= MATCH_WINDOW:
                    break
                yield pattern, position + start, position + end
                resume = max(resume, position + end)
            position = resume

    def _build_nested(self, index: int) -> tuple[int, ...]:
        """The other concepts whose Chinese terms occur inside this concept's terms.

        A matched long term hides shorter terms inside it from `term-missing`, but a forbidden
        rendering of a nested term (双千兆 → "double gigabit" inside “双千兆”协同发展) is still
        wrong, so `term-forbidden` looks at these too.
        """
        if self._overlapping is None:
            import ahocorasick_rs

            self._overlapping = ahocorasick_rs.AhoCorasick(self.patterns) \
                if self.patterns else False
            # Each concept's own patterns (every script form, already normalised), so that
            # no term has to go through OpenCC again here.
            self._patterns_of: dict[int, list[int]] = {}
            for pattern, owner in enumerate(self.owner):
                for concept in (owner,) if owner >= 0 else self.shared_owners[pattern]:
                    self._patterns_of.setdefault(concept, []).append(pattern)
        if not self._overlapping:
            return ()
        inner: list[int] = []
        for own in self._patterns_of.get(index, ()):
            for pattern, _, _ in self._overlapping.find_matches_as_indexes(
                    self.patterns[own], overlapping=True):
                for other in self.concepts_of(pattern):
                    if other != index and other not in inner:
                        inner.append(other)
        return tuple(inner)

    # ------------------------------------------------------------ target

    def _build_renderings(self, index: int) -> tuple[tuple[Rendering, ...],
                                                    tuple[Rendering, ...]]:
        allowed, rejected = renderings_of(self.concepts[index].en)
        return tuple(allowed), tuple(rejected)

    def _build_quick_allowed(self, index: int) -> tuple[QuickForm, ...]:
        """The allowed renderings as verbatim (case-folded) text, longest first."""
        forms = []
        for i, rendering in enumerate(self.allowed[index]):
            raw = quick_text(rendering.term.text, rendering.case_sensitive)
            forms.append(QuickForm(raw, i, rendering.term.type not in SHORT_TERM_TYPES,
                                   rendering.case_sensitive, quick_tails(raw)))
        return tuple(sorted((f for f in forms if f.raw), key=lambda f: (-len(f.raw), f.index)))

    def _build_quick_rejected(self, index: int) -> tuple[tuple[str, ...], ...]:
        """The rejected renderings of this concept and of the concepts nested in it, each as
        the word pieces every form of it contains (a stem without its final y), for ruling
        them out with substring tests."""
        return tuple(_pieces(rendering) for other in (index, *self.nested[index])
                     for rendering in self.rejected[other])

    def _build_allowed_pieces(self, index: int) -> tuple[tuple[str, ...], ...]:
        """The allowed renderings as word pieces (see `_build_quick_rejected`): when some
        piece of each is missing from a target, the term is certainly missing."""
        return tuple(_pieces(rendering) for rendering in self.allowed[index])

    def used_rendering(self, concept: int, lower: str, cased: str,
                       target: TargetText | None) -> int | None:
        """The full-form allowed rendering a target uses: the longest found verbatim, else the
        longest the inflection-tolerant matcher finds. Both check paths use this one rule."""
        full = [f for f in self.quick_allowed[concept] if f.full]
        for form in full:
            if quick_find(cased if form.case_sensitive else lower, form.raw, form.tails):
                return form.index
        if target is None:
            return None
        renderings = self.allowed[concept]
        for form in full:
            if target.find(renderings[form.index]) is not None:
                return form.index
        return None

    def allowed_spans(self, target: TargetText, concepts: Iterable[int]) \
            -> list[tuple[int, int]]:
        """Token spans of every allowed rendering of `concepts` found in `target`."""
        spans: list[tuple[int, int]] = []
        for index in concepts:
            for rendering in self.allowed[index]:
                spans.extend(target.find_all(rendering))
        return spans


def _pieces(rendering: Rendering) -> tuple[str, ...]:
    """Substrings that every form of `rendering` the inflection-tolerant matcher accepts
    contains, once lower-cased and stripped of everything but letters and digits: each
    word's stem, less a final y (policy → polic, policies → polici). ("",) when nothing can
    be said (a rendering of symbols only)."""
    words = [w for w in english_tokens(rendering.term.text) if w.isalnum()]
    stems = [_stems(w)[0] for w in words]
    return tuple(s[:-1] if s.endswith("y") and len(s) > 1 else s for s in stems if s) or ("",)


def _build_automaton(patterns: list[str]) -> Any:
    import ahocorasick_rs

    if not patterns:
        return None
    # ContiguousNFA searched Chinese text about 1.6× faster than the default here, and
    # builds in a quarter second for 50k terms (BENCHMARKS.md).
    return ahocorasick_rs.AhoCorasick(
        patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.ContiguousNFA)
