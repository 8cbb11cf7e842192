"""A matcher as plain data, for the matcher cache: quick to load, unpacked as it is used.

Unpickling 50,000 `Concept`s and their `Term`s object by object took most of the 1.4 s a
warm load of the benchmark term base cost. Packed, a concept is a tuple of strings and
numbers (the pickle's C loader reads those at memory speed) and becomes a `Concept` the
first time a check asks for it. The per-concept English tables the checks use (renderings,
verbatim forms, word pieces, nested concepts) are computed once when the cache is written
and stored the same way, so that no process, and no `--jobs` worker, builds them again.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields
from datetime import date
from typing import TYPE_CHECKING, overload

from ..model import Concept, Term, TermBase, TermBaseInfo

if TYPE_CHECKING:
    from .english import QuickForm, Rendering

PackedTerm = tuple[str, str, str, str, bool, str, str, str, str, str, str]
PackedConcept = tuple[str, tuple[PackedTerm, ...], tuple[PackedTerm, ...], str, str, str, str,
                      str, tuple[str, ...], bool, int, int]
PackedRendering = tuple[int, str, str, bool]
"""(index of the term in `concept.en`, key, strict key, strict)."""
PackedForm = tuple[str, int, bool, bool, tuple[str, ...]]
PackedTables = tuple[tuple[PackedRendering, ...], tuple[PackedRendering, ...],
                     tuple[PackedForm, ...], tuple[int, ...], tuple[tuple[str, ...], ...],
                     tuple[tuple[str, ...], ...]]
"""(allowed, rejected, quick allowed, nested, quick rejected within, allowed pieces)."""


def pack_term(term: Term) -> PackedTerm:
    return (term.text, term.status, term.type, term.part_of_speech, term.case_sensitive,
            term.reason, term.replacement, term.note, term.hant, term.tw, term.hk)


def pack_concept(concept: Concept) -> PackedConcept:
    return (concept.id, tuple(pack_term(t) for t in concept.zh),
            tuple(pack_term(t) for t in concept.en), concept.subject_field,
            concept.part_of_speech, concept.definition, concept.context, concept.note,
            concept.sources, concept.verified,
            concept.created.toordinal() if concept.created else 0,
            concept.modified.toordinal() if concept.modified else 0)


def unpack_concept(packed: PackedConcept) -> Concept:
    (concept_id, zh, en, subject_field, part_of_speech, definition, context, note, sources,
     verified, created, modified) = packed
    return Concept(concept_id, tuple(Term(*t) for t in zh), tuple(Term(*t) for t in en),
                   subject_field, part_of_speech, definition, context, note, sources, verified,
                   date.fromordinal(created) if created else None,
                   date.fromordinal(modified) if modified else None)


def pack_info(info: TermBaseInfo) -> tuple[object, ...]:
    """Every field of `TermBaseInfo`, in order (read back with `TermBaseInfo(*packed)`)."""
    return tuple(getattr(info, field.name) for field in fields(info))


class Concepts(Sequence[Concept]):
    """The term base's concepts, each unpacked the first time it is asked for."""

    __slots__ = ("_items", "_packed")

    def __init__(self, packed: list[PackedConcept]) -> None:
        self._packed = packed
        self._items: list[Concept | None] = [None] * len(packed)

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, index: int) -> Concept: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Concept]: ...

    def __getitem__(self, index: int | slice) -> Concept | Sequence[Concept]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        item = self._items[index]
        if item is None:
            item = self._items[index] = unpack_concept(self._packed[index])
        return item

    def __iter__(self) -> Iterator[Concept]:
        return (self[i] for i in range(len(self)))

    def termbase(self, info: TermBaseInfo) -> TermBase:
        return TermBase(tuple(self), info)


def pack_tables(concept: Concept, allowed: Sequence[Rendering], rejected: Sequence[Rendering],
                quick: Sequence[QuickForm], nested: tuple[int, ...],
                rejected_pieces: tuple[tuple[str, ...], ...],
                allowed_pieces: tuple[tuple[str, ...], ...]) -> PackedTables:
    def renderings(items: Sequence[Rendering]) -> tuple[PackedRendering, ...]:
        return tuple((_index_of(concept, r.term), r.key, r.strict_key, r.strict)
                     for r in items)

    return (renderings(allowed), renderings(rejected),
            tuple((f.raw, f.index, f.full, f.case_sensitive, f.tails) for f in quick),
            nested, rejected_pieces, allowed_pieces)


def _index_of(concept: Concept, term: Term) -> int:
    for index, candidate in enumerate(concept.en):
        if candidate is term:
            return index
    return concept.en.index(term)


def unpack_renderings(concept: Concept, packed: tuple[PackedRendering, ...]) \
        -> tuple[Rendering, ...]:
    from .english import Rendering

    return tuple(Rendering(concept.en[index], key, strict_key,
                           concept.en[index].case_sensitive, strict)
                 for index, key, strict_key, strict in packed)


def unpack_forms(packed: tuple[PackedForm, ...]) -> tuple[QuickForm, ...]:
    from .english import QuickForm

    return tuple(QuickForm(*form) for form in packed)
