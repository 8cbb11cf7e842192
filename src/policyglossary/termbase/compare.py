"""Field-by-field comparison of two versions of a concept.

Used by `import` (what an incoming concept would change) and by `diff` (what a term base
change does). Fields are named as in the canonical format; term changes name the term:
`en` / `zh` for a term added or removed, `en.status` for a status transition, `en.reason`,
`en.type`, … for other attributes of one term (README "Diff JSON").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import CONCEPT_FIELDS, TERM_FIELDS, Concept, Term


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any
    term: str | None = None
    """The term a term-level change is about (its text)."""

    @property
    def is_status_transition(self) -> bool:
        return self.field.endswith(".status")


def normalized_text(value: str) -> str:
    """Whitespace runs are formatting, not content (a re-wrapped definition is unchanged)."""
    return " ".join(value.split())


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return normalized_text(old) == normalized_text(new)
    if isinstance(old, tuple) and isinstance(new, tuple):
        return [normalized_text(str(v)) for v in old] == [normalized_text(str(v)) for v in new]
    return bool(old == new)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def concept_changes(old: Concept, new: Concept, fields: set[str] | None = None,
                    additive: bool = False) -> list[FieldChange]:
    """Changes from `old` to `new`.

    Args:
        fields: compare only these concept fields (None: all but the id).
        additive: `new` lists some terms only (a CAT glossary): its missing terms and empty
            fields are not removals.
    """
    changes: list[FieldChange] = []
    for key, attr in CONCEPT_FIELDS[1:]:
        if fields is not None and key not in fields:
            continue
        before, after = getattr(old, attr), getattr(new, attr)
        if additive and after in ("", (), None):
            continue
        if key == "verified" and additive:
            continue
        if not _same(before, after):
            changes.append(FieldChange(key, _plain(before), _plain(after)))
    for lang in ("zh", "en"):
        changes.extend(_term_changes(lang, getattr(old, lang), getattr(new, lang), additive))
    return changes


def _term_changes(lang: str, old: tuple[Term, ...], new: tuple[Term, ...],
                  additive: bool) -> list[FieldChange]:
    changes: list[FieldChange] = []
    old_by_text = {t.text: t for t in old}
    new_by_text = {t.text: t for t in new}
    for term in new:
        before = old_by_text.get(term.text)
        if before is None:
            changes.append(FieldChange(lang, None, describe(term), term.text))
            continue
        for key, attr in TERM_FIELDS[1:]:
            value_old, value_new = getattr(before, attr), getattr(term, attr)
            # a file that lists what it lists says nothing by a default value (as `merged`)
            if additive and key != "status" and (value_new in ("", False) or
                                                 (key == "type" and value_new == "fullForm")):
                continue
            if not _same(value_old, value_new):
                changes.append(FieldChange(f"{lang}.{key}", value_old, value_new, term.text))
    if not additive:
        changes.extend(FieldChange(lang, describe(term), None, term.text)
                       for term in old if term.text not in new_by_text)
    return changes  # terms matched by text: reordering alone is no change


def describe(term: Term) -> dict[str, Any]:
    """A term as a JSON-ready dict (text, status and the attributes that are set)."""
    record: dict[str, Any] = {"text": term.text, "status": term.status}
    for key, attr in TERM_FIELDS[2:]:
        value = getattr(term, attr)
        if value not in ("", False) and not (key == "type" and value == "fullForm"):
            record[key] = value
    return record


def merged(old: Concept, new: Concept, additive: bool) -> Concept:
    """`old` updated with `new`: all of it, or (additive) its non-empty fields and new terms."""
    from dataclasses import replace

    if not additive:
        return replace(new, id=old.id)
    values: dict[str, Any] = {}
    for _key, attr in CONCEPT_FIELDS[1:]:
        incoming = getattr(new, attr)
        if incoming not in ("", (), None) and attr != "verified":
            values[attr] = incoming
    for lang in ("zh", "en"):
        old_terms = {t.text: t for t in getattr(old, lang)}
        for term in getattr(new, lang):
            old_terms[term.text] = term if term.text not in old_terms else replace(
                old_terms[term.text], status=term.status,
                **{attr: getattr(term, attr) for _k, attr in TERM_FIELDS[2:]
                   if getattr(term, attr) not in ("", False, "fullForm")})
        values[lang] = tuple(old_terms.values())
    return replace(old, **values)
