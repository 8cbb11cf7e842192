"""`import`: merge a term base read from a file into the canonical term base.

Concepts match by id, else by Chinese headword (Simplified, so a Traditional-only import
finds its concept). New concepts are added; a concept that would change is a conflict,
resolved as the user says: keep (leave it), replace (take the file's version), fail (write
nothing). Files that hold whole concepts (our own exports) replace whole concepts; other files
add terms and fill fields (see `ImportedTermBase.complete`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date

from ..matching.chinese import normalize_source, to_simplified
from ..model import ID_PATTERN, Concept, TermBase
from .compare import FieldChange, concept_changes, merged


@dataclass
class MergeResult:
    termbase: TermBase
    added: list[Concept] = field(default_factory=list)
    changed: list[tuple[Concept, Concept, list[FieldChange]]] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[tuple[Concept, list[FieldChange]]] = field(default_factory=list)


def _key(headword: str) -> str:
    return normalize_source(to_simplified(headword))


def new_id(concept: Concept, taken: set[str]) -> str:
    """A readable id: the preferred English as a slug, else a hash of the headword."""
    preferred = concept.preferred_en
    words = re.findall(r"[a-z0-9]+", (preferred.text if preferred else "").lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 60:
            break
        slug = f"{slug}-{word}" if slug else word
    if not slug:
        slug = "zh-" + hashlib.blake2b(concept.headword.encode("utf-8"), digest_size=4).hexdigest()
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def merge(existing: TermBase, incoming: TermBase, complete: bool, on_conflict: str,
          today: date | None = None, holds: frozenset[str] | None = None) -> MergeResult:
    """Merge `incoming` (read from a file that holds the facets `holds`, all when None) into
    `existing`; what the file cannot hold stays as `existing` has it."""
    from ..formats.fidelity import restore_unheld

    today = today or date.today()
    by_id = {c.id: c for c in existing}
    by_headword = {_key(c.headword): c for c in existing}
    taken = set(by_id)
    result_concepts = {c.id: c for c in existing}
    result = MergeResult(existing)
    for concept in _collapsed(incoming):
        target = by_id.get(concept.id) if concept.id else None
        if target is None:
            target = by_headword.get(_key(concept.headword))
        if target is not None and holds is not None:
            concept = restore_unheld(target, concept, holds)
        if target is None:
            cid = concept.id if concept.id and ID_PATTERN.match(concept.id) and \
                concept.id not in taken else new_id(concept, taken)
            taken.add(cid)
            added = replace(concept, id=cid, created=concept.created or today,
                            modified=concept.modified or today)
            result.added.append(added)
            result_concepts[cid] = added
            by_headword[_key(added.headword)] = added
            continue
        changes = [c for c in concept_changes(target, concept, additive=not complete)
                   if c.field not in ("created", "modified")]
        if not changes:
            result.unchanged += 1
            continue
        if on_conflict == "keep":
            result.skipped.append((target.id, f"{len(changes)} conflicting change(s) kept "
                                              "as they are (--on-conflict keep)"))
            continue
        result.conflicts.append((target, changes))
        updated = merged(target, concept, additive=not complete)
        if updated.modified == target.modified or updated.modified is None:
            updated = replace(updated, modified=today)
        updated = replace(updated, created=target.created or updated.created)
        result.changed.append((target, updated, changes))
        result_concepts[target.id] = updated
    result.termbase = TermBase(tuple(result_concepts.values()), existing.info)
    return result


def _collapsed(incoming: TermBase) -> list[Concept]:
    """Incoming concepts, with entries the file lists twice (same id, or same headword when
    there is no id) combined: a glossary that repeats a source term means one concept."""
    combined: dict[str, Concept] = {}
    for concept in incoming:
        concept = _trimmed(concept)
        key = f"id:{concept.id}" if concept.id else f"zh:{_key(concept.headword)}"
        if key in combined:
            combined[key] = merged(combined[key], concept, additive=True)
        else:
            combined[key] = concept
    return list(combined.values())


def _trimmed(concept: Concept) -> Concept:
    """Surrounding whitespace of terms is trimmed on import."""
    return replace(concept, zh=tuple(replace(t, text=t.text.strip()) for t in concept.zh),
                   en=tuple(replace(t, text=t.text.strip()) for t in concept.en))
