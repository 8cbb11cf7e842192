"""Concepts as JSON-ready records, with the canonical format's field names.

Used by `lookup --format json`, `diff --format json` and the tabular exports, so that one
concept looks the same everywhere (README "JSON contracts").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..matching.chinese import variant_forms
from ..model import CONCEPT_FIELDS, TERM_FIELDS, Concept, Term

if TYPE_CHECKING:
    from ..matching.matcher import Matcher


def term_record(term: Term, lang: str) -> dict[str, Any]:
    record: dict[str, Any] = {"lang": lang, "text": term.text, "status": term.status}
    for key, attr in TERM_FIELDS[2:]:
        value = getattr(term, attr)
        if value not in ("", False) and not (key == "type" and value == "fullForm"):
            record[key] = value
    return record


def concept_record(concept: Concept, derived: bool = True) -> dict[str, Any]:
    """A concept as a JSON object: `id`, `zh` (Simplified headword), `en` (preferred English),
    `terms` (every term, with derived Traditional and regional forms marked `derived`), then the
    concept fields under their canonical names."""
    preferred = concept.preferred_en
    terms: list[dict[str, Any]] = []
    for term in concept.zh:
        terms.append(term_record(term, "zh"))
        if derived:
            for tag, form in variant_forms(term).items():
                if form != term.text or tag == "zh-Hant":
                    terms.append({"lang": tag, "text": form, "status": term.status,
                                  "derived": not term.explicit_variant(tag)})
    terms.extend(term_record(term, "en") for term in concept.en)
    record: dict[str, Any] = {
        "id": concept.id,
        "zh": concept.headword,
        "en": preferred.text if preferred else None,
        "terms": terms,
    }
    for key, attr in CONCEPT_FIELDS[1:]:
        value = getattr(concept, attr)
        if isinstance(value, tuple):
            value = list(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        record[key] = value
    return record


def concept_records(matcher: Matcher, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Lookup records (the `lookup --format json` form) of these concepts."""
    by_id = {concept.id: concept for concept in matcher.concepts}
    return {cid: concept_record(by_id[cid]) for cid in ids if cid in by_id}
