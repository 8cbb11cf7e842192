"""The term base prepared for checking: Chinese terms to find, English renderings to test.

Source side: one leftmost-longest matcher (`automaton`: the compiled hash matcher, or the
ahocorasick-rs fallback) over every Chinese term in every script (Simplified, and the
Traditional, Taiwan and Hong Kong forms derived once from the term base), run on normalised
source text. A term inside a longer matched term is not reported on its own. No tokenising:
Chinese has no spaces.

The English side of each concept (its renderings, prepared for the inflection-tolerant
matcher and for verbatim tests) is built the first time the concept is matched: loading a
large term base stays quick, and a concept never seen costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..model import SHORT_TERM_TYPES, Concept, TermBase, TermBaseInfo
from . import automaton, packed
from .chinese import all_forms, normalize_source
from .english import (
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
from .packed import PackedTables

T = TypeVar("T")


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

    def fill(self, index: int, item: T) -> None:
        """Set an entry built elsewhere (from the cache's packed tables)."""
        self._items[index] = item


TermMatch = tuple[int, int, int]
"""(index of the concept in `Matcher.concepts`, start, end): a term found in a normalised
source, as the engine's loop handles it (plain tuples, made in C by the compiled matcher)."""


@dataclass(slots=True)  # the library's view of a match (`find_terms`); the engine uses
class SourceMatch:       # `TermMatch` tuples
    concept: int
    """Index of the matched concept in `Matcher.concepts`."""
    start: int
    end: int
    """Span in the *normalised* source text."""
    text: str


class Matcher:
    """Everything needed to check segments against one term base."""

    def __init__(self, termbase: TermBase) -> None:
        self._termbase: TermBase | None = termbase
        self.info = termbase.info
        self.concepts: Sequence[Concept] = termbase.concepts
        self._packed: list[PackedTables | None] | None = None
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
        self._automaton = automaton.build(self.patterns, [
            owner if owner >= 0 else self.shared_owners[pattern]
            for pattern, owner in enumerate(self.owner)])
        self._patterns_of: dict[int, list[int]] | None = None
        self._renderings = PerConcept(count, self._build_renderings)
        self.allowed = PerConcept(count, lambda i: self._renderings[i][0])
        self.rejected = PerConcept(count, lambda i: self._renderings[i][1])
        self.quick_allowed = PerConcept(count, self._build_quick_allowed)
        self.nested = PerConcept(count, self._build_nested)
        self.quick_rejected_within = PerConcept(count, self._build_quick_rejected)
        self.allowed_pieces = PerConcept(count, self._build_allowed_pieces)

    @property
    def termbase(self) -> TermBase:
        if self._termbase is None:  # loaded from the cache: every concept unpacked now
            assert isinstance(self.concepts, packed.Concepts)
            self._termbase = self.concepts.termbase(self.info)
        return self._termbase

    def __getstate__(self) -> dict[str, Any]:
        # Plain data (see `packed`): the concepts, the patterns, and every concept's English
        # tables computed now, once, for whoever loads this; the automaton (a C or Rust
        # object) is rebuilt on loading, which takes a twentieth of a second.
        tables = [packed.pack_tables(self.concepts[i], self.allowed[i], self.rejected[i],
                                     self.quick_allowed[i], self.nested[i],
                                     self.quick_rejected_within[i], self.allowed_pieces[i])
                  for i in range(len(self.concepts))]
        return {"concepts": [packed.pack_concept(c) for c in self.concepts],
                "info": packed.pack_info(self.info), "patterns": self.patterns,
                "owner": self.owner, "shared_owners": self.shared_owners, "tables": tables}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._termbase = None
        self.info = TermBaseInfo(*state["info"])
        self.concepts = packed.Concepts(state["concepts"])
        self.patterns, self.owner = state["patterns"], state["owner"]
        self.shared_owners = state["shared_owners"]
        self._reset()
        self._packed = state["tables"]

    def _unpack(self, index: int) -> bool:
        """Fill every table of concept `index` from the cache's packed tables, if there are
        any (then let go of them); False when they must be built."""
        tables = self._packed[index] if self._packed is not None else None
        if tables is None:
            return False
        self._packed[index] = None  # type: ignore[index]
        concept = self.concepts[index]
        allowed, rejected, quick, nested, rejected_pieces, allowed_pieces = tables
        self._renderings.fill(index, (packed.unpack_renderings(concept, allowed),
                                      packed.unpack_renderings(concept, rejected)))
        self.quick_allowed.fill(index, packed.unpack_forms(quick))
        self.nested.fill(index, nested)
        self.quick_rejected_within.fill(index, rejected_pieces)
        self.allowed_pieces.fill(index, allowed_pieces)
        return True

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
        """`find_terms` for many sources in one call to the automaton."""
        return [[SourceMatch(concept, start, end, text[start:end])
                 for concept, start, end in matches]
                for text, matches in zip(normalized, self.find_matches_many(normalized),
                                         strict=True)]

    def find_matches_many(self, normalized: list[str]) -> list[list[TermMatch]]:
        """The terms in each normalised source as `TermMatch` tuples, leftmost-longest (a
        term shared by several concepts gives one tuple per concept)."""
        if self._automaton is None or not normalized:
            return [[] for _ in normalized]
        return self._automaton.find_many(normalized)

    def _build_nested(self, index: int) -> tuple[int, ...]:
        """The other concepts whose Chinese terms occur inside this concept's terms.

        A matched long term hides shorter terms inside it from `term-missing`, but a forbidden
        rendering of a nested term (双千兆 → "double gigabit" inside “双千兆”协同发展) is still
        wrong, so `term-forbidden` looks at these too.
        """
        if self._unpack(index):
            return self.nested[index]
        if self._automaton is None:
            return ()
        if self._patterns_of is None:
            # Each concept's own patterns (every script form, already normalised), so that
            # no term has to go through OpenCC again here.
            self._patterns_of = {}
            for pattern, owner in enumerate(self.owner):
                for concept in (owner,) if owner >= 0 else self.shared_owners[pattern]:
                    self._patterns_of.setdefault(concept, []).append(pattern)
        inner: list[int] = []
        for own in self._patterns_of.get(index, ()):
            for pattern, _, _ in self._automaton.find_overlapping(self.patterns[own]):
                for other in self.concepts_of(pattern):
                    if other != index and other not in inner:
                        inner.append(other)
        return tuple(inner)

    # ------------------------------------------------------------ target

    def _build_renderings(self, index: int) -> tuple[tuple[Rendering, ...],
                                                    tuple[Rendering, ...]]:
        if self._unpack(index):
            return self._renderings[index]
        allowed, rejected = renderings_of(self.concepts[index].en)
        return tuple(allowed), tuple(rejected)

    def _build_quick_allowed(self, index: int) -> tuple[QuickForm, ...]:
        """The allowed renderings as verbatim (case-folded) text, longest first."""
        if self._unpack(index):
            return self.quick_allowed[index]
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
        if self._unpack(index):
            return self.quick_rejected_within[index]
        return tuple(_pieces(rendering) for other in (index, *self.nested[index])
                     for rendering in self.rejected[other])

    def _build_allowed_pieces(self, index: int) -> tuple[tuple[str, ...], ...]:
        """The allowed renderings as word pieces (see `_build_quick_rejected`): when some
        piece of each is missing from a target, the term is certainly missing."""
        if self._unpack(index):
            return self.allowed_pieces[index]
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
