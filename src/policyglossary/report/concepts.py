"""Concepts as people read them: `lookup`'s card, its JSON, and the lines `import` prints
for a changed concept."""

from __future__ import annotations

import json

from ..matching.chinese import variant_forms
from ..model import Concept, LookupHit
from ..termbase.compare import FieldChange
from .records import concept_record
from .terminal import style


def concept_card(concept: Concept, hit: LookupHit | None = None, color: bool = False) -> str:
    """A concept with all its fields, as `lookup` prints it."""
    lines = []
    head = f"{style(concept.headword, 'bold', color)}  [{concept.id}]"
    if hit is not None:
        status = "" if hit.status in ("preferred", "admitted") or hit.lang != "en" else \
            style(f" — {hit.status.upper()} rendering", "error", color)
        head += f"  (matched {hit.lang} '{hit.text}'{status})"
    lines.append(head)
    for term in concept.zh:
        forms = " · ".join(f"{tag} {form}" for tag, form in variant_forms(term).items())
        extra = f", {term.type}" if term.type != "fullForm" else ""
        lines.append(f"  zh  {term.status:<10} {term.text} ({forms}){extra}")
    for term in concept.en:
        details = [term.type] if term.type != "fullForm" else []
        if term.case_sensitive:
            details.append("case-sensitive")
        if term.part_of_speech:
            details.append(term.part_of_speech)
        text = term.text + (f" ({', '.join(details)})" if details else "")
        kind = "error" if term.rejected else ("bold" if term.status == "preferred" else "dim")
        line = f"  en  {style(f'{term.status:<10}', kind, color)} {text}"
        if term.reason:
            line += f" — {term.reason}"
        if term.rejected:
            line += f"; use: {concept.replacement_for(term)}"
        if term.note:
            line += f" [{term.note}]"
        lines.append(line)
    for label, value in (("subject field", concept.subject_field),
                         ("part of speech", concept.part_of_speech),
                         ("definition", concept.definition), ("context", concept.context),
                         ("note", concept.note)):
        if value:
            lines.append(f"  {label}: {value}")
    for source in concept.sources:
        lines.append(f"  source: {source}")
    dates = []
    if concept.created:
        dates.append(f"created {concept.created.isoformat()}")
    if concept.modified:
        dates.append(f"modified {concept.modified.isoformat()}")
    dates.append("verified" if concept.verified else "unverified")
    lines.append("  " + " · ".join(dates))
    return "\n".join(lines)


def lookup_json(hits: list[LookupHit]) -> str:
    records = []
    for hit in hits:
        record = concept_record(hit.concept)
        record["match"] = {"text": hit.text, "lang": hit.lang, "status": hit.status}
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _value(value: object) -> str:
    if isinstance(value, dict):
        extra = ", ".join(f"{k}: {v}" for k, v in value.items() if k not in ("text", "status"))
        return f"{value['text']!r} ({value['status']}{', ' + extra if extra else ''})"
    if isinstance(value, list):
        return "[" + ", ".join(repr(v) for v in value) + "]"
    return repr(value)


def change_lines(concept: Concept, changes: list[FieldChange]) -> list[str]:
    """A changed concept as lines a reviewer reads: one per changed field."""
    lines = [f"changed {concept.id} ({concept.headword})"]
    for change in changes:
        label = change.field if change.term is None else f"{change.field} {change.term!r}"
        if change.old is None:
            lines.append(f"  + {change.field}: {_value(change.new)}")
        elif change.new is None:
            lines.append(f"  - {change.field}: {_value(change.old)}")
        else:
            lines.append(f"  ~ {label}: {_value(change.old)} → {_value(change.new)}")
    return lines
