"""Concept-aware term base diff: added, removed and changed concepts, field by field.

Concepts match by id; those left over match by Chinese headword (compared in Simplified),
so a CAT export without ids, or a changed id, still pairs up. Reordering and formatting
(whitespace runs inside text, term order) are no change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..matching.chinese import normalize_source, to_simplified
from ..model import Concept, TermBase
from .compare import FieldChange, concept_changes


@dataclass(frozen=True, slots=True)
class ConceptChange:
    old: Concept
    new: Concept
    changes: tuple[FieldChange, ...]

    @property
    def id(self) -> str:
        return self.new.id or self.old.id


@dataclass
class TermBaseDiff:
    added: list[Concept] = field(default_factory=list)
    removed: list[Concept] = field(default_factory=list)
    changed: list[ConceptChange] = field(default_factory=list)
    old_label: str = ""
    new_label: str = ""

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _key(concept: Concept) -> str:
    return normalize_source(to_simplified(concept.headword))


def diff_termbases(old: TermBase, new: TermBase, old_label: str = "old",
                   new_label: str = "new") -> TermBaseDiff:
    result = TermBaseDiff(old_label=old_label, new_label=new_label)
    old_by_id = {c.id: c for c in old if c.id}
    matched_old: set[int] = set()
    pairs: list[tuple[Concept, Concept]] = []
    unmatched_new: list[Concept] = []
    old_index = {id(c): c for c in old}
    for concept in new:
        partner = old_by_id.get(concept.id) if concept.id else None
        if partner is not None and id(partner) not in matched_old:
            matched_old.add(id(partner))
            pairs.append((partner, concept))
        else:
            unmatched_new.append(concept)
    remaining_old = {_key(c): c for c in old if id(c) not in matched_old}
    for concept in unmatched_new:
        partner = remaining_old.pop(_key(concept), None)
        if partner is not None:
            matched_old.add(id(partner))
            pairs.append((partner, concept))
        else:
            result.added.append(concept)
    result.removed = [c for key, c in old_index.items() if key not in matched_old]
    for before, after in pairs:
        changes = concept_changes(before, after)
        if before.id and after.id and before.id != after.id:
            changes.insert(0, FieldChange("id", before.id, after.id))
        if changes:
            result.changed.append(ConceptChange(before, after, tuple(changes)))
    result.added.sort(key=lambda c: c.id or c.headword)
    result.removed.sort(key=lambda c: c.id or c.headword)
    result.changed.sort(key=lambda c: c.id)
    return result


# ------------------------------------------------------------------ impact

@dataclass(frozen=True, slots=True)
class ImpactItem:
    file: str
    segment: str | None
    line: int | None
    rule: str
    term: str | None
    message: str


@dataclass
class Impact:
    newly_failing: list[ImpactItem] = field(default_factory=list)
    newly_passing: list[ImpactItem] = field(default_factory=list)
    segments: int = 0
