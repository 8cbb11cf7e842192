"""Renderers for term base diffs: text (coloured on a terminal), Markdown for a pull request
comment, JSON, an XLSX reviewer's sheet, and the one-concept text that git's textconv shows."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from typing import IO, Any

from ..model import CONCEPT_FIELDS, TERM_FIELDS, Concept
from ..termbase.compare import FieldChange, normalized_text
from ..termbase.diff import Impact, TermBaseDiff
from .records import concept_record

_COLORS = {"add": "\033[32m", "del": "\033[31m", "head": "\033[1m", "warn": "\033[1;33m",
           "reset": "\033[0m"}


def _c(text: str, kind: str, color: bool) -> str:
    return f"{_COLORS[kind]}{text}{_COLORS['reset']}" if color else text


def diff_summary(diff: TermBaseDiff) -> str:
    return (f"{len(diff.added)} added, {len(diff.removed)} removed, "
            f"{len(diff.changed)} changed")


def _term_value(value: Any) -> str:
    if isinstance(value, dict):
        extra = [f"{k}: {v}" for k, v in value.items() if k not in ("text", "status")]
        return f'"{value["text"]}" ({value["status"]}{"; " + "; ".join(extra) if extra else ""})'
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    if value in (None, ""):
        return "(empty)"
    return str(value)


def _words_diff(old: str, new: str, color: bool) -> tuple[str, str]:
    """Old and new text with the changed words marked (colour, or [-…-] {+…+})."""
    a, b = normalized_text(old).split(" "), normalized_text(new).split(" ")
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        before, after = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(_c(before, "del", True) if color else f"[-{before}-]")
        if after:
            right.append(_c(after, "add", True) if color else f"{{+{after}+}}")
    return " ".join(p for p in left if p), " ".join(p for p in right if p)


def change_text(change: FieldChange, color: bool) -> str:
    if change.old is None:
        return _c(f"+ {change.field} {_term_value(change.new)}", "add", color)
    if change.new is None:
        return _c(f"- {change.field} {_term_value(change.old)}", "del", color)
    label = f'{change.field.split(".")[0]} "{change.term}" {change.field.split(".")[1]}' \
        if change.term is not None else change.field
    if change.is_status_transition:
        return _c(f"{label}: {change.old} → {change.new} (status transition)", "warn", color)
    if isinstance(change.old, str) and isinstance(change.new, str) and change.old and \
            change.new:
        old, new = _words_diff(change.old, change.new, color)
        return f"{label}: {old} → {new}"
    return f"{label}: {_term_value(change.old)} → {_term_value(change.new)}"


def _brief(concept: Concept) -> str:
    preferred = concept.preferred_en
    return f'{concept.id}  {concept.headword}  "{preferred.text if preferred else ""}"'


def text(diff: TermBaseDiff, color: bool = False, impact: Impact | None = None) -> Iterator[str]:
    yield _c(f"diff {diff.old_label} → {diff.new_label}: {diff_summary(diff)}", "head", color)
    for concept in diff.added:
        yield _c(f"+ added    {_brief(concept)}", "add", color)
    for concept in diff.removed:
        yield _c(f"- removed  {_brief(concept)}", "del", color)
    for item in diff.changed:
        yield f"~ changed  {item.id}  {item.new.headword}"
        for change in item.changes:
            yield "    " + change_text(change, color)
    if impact is not None:
        yield from impact_text(impact, color)


def impact_text(impact: Impact, color: bool) -> Iterator[str]:
    yield _c(f"impact on {impact.segments} segments: {len(impact.newly_failing)} newly "
             f"failing, {len(impact.newly_passing)} newly passing", "head", color)
    for label, items, kind in (("newly failing", impact.newly_failing, "del"),
                               ("newly passing", impact.newly_passing, "add")):
        for item in items:
            where = f"{item.file}:{item.line}" if item.line else item.file
            yield _c(f"  {label}: {where} [segment {item.segment}] {item.rule}: "
                     f"{item.message}", kind, color)


def _md(value: Any) -> str:
    return _term_value(value).replace("|", "\\|").replace("\n", " ")


def markdown(diff: TermBaseDiff, impact: Impact | None = None) -> str:
    out = [f"### Term base changes: {diff_summary(diff)}", "",
           f"`{diff.old_label}` → `{diff.new_label}`", ""]
    for title, concepts in (("Added", diff.added), ("Removed", diff.removed)):
        if concepts:
            out += [f"**{title}**", "", "| id | zh | en |", "|---|---|---|"]
            for c in concepts:
                preferred = c.preferred_en.text if c.preferred_en else ""
                out.append(f"| `{c.id}` | {c.headword} | {_md(preferred)} |")
            out.append("")
    if diff.changed:
        out += ["**Changed**", ""]
        for item in diff.changed:
            out += [f"#### `{item.id}` {item.new.headword}", "",
                    "| field | term | old | new |", "|---|---|---|---|"]
            for change in item.changes:
                new = _md(change.new)
                if change.is_status_transition:
                    new = f"**{new}** (status transition)"
                out.append(f"| {change.field} | {_md(change.term) if change.term else ''} | "
                           f"{_md(change.old)} | {new} |")
            out.append("")
    if impact is not None:
        out += [f"**Impact** on {impact.segments} segments: {len(impact.newly_failing)} newly "
                f"failing, {len(impact.newly_passing)} newly passing", ""]
        rows = [("newly failing", i) for i in impact.newly_failing] + \
            [("newly passing", i) for i in impact.newly_passing]
        if rows:
            out += ["| | file | segment | rule | message |", "|---|---|---|---|---|"]
            out += [f"| {label} | {i.file}:{i.line} | {i.segment} | {i.rule} | {_md(i.message)} |"
                    for label, i in rows]
            out.append("")
    return "\n".join(out) + "\n"


def _change_record(change: FieldChange) -> dict[str, Any]:
    record: dict[str, Any] = {"field": change.field}
    if change.term is not None:
        record["term"] = change.term
    record["old"] = change.old
    record["new"] = change.new
    return record


def json_document(diff: TermBaseDiff, impact: Impact | None = None) -> str:
    document: dict[str, Any] = {
        "old": diff.old_label, "new": diff.new_label,
        "added": [concept_record(c) for c in diff.added],
        "removed": [concept_record(c) for c in diff.removed],
        "changed": [{"id": item.id, "zh": item.new.headword,
                     "changes": [_change_record(c) for c in item.changes]}
                    for item in diff.changed],
        "summary": {"added": len(diff.added), "removed": len(diff.removed),
                    "changed": len(diff.changed)},
    }
    if impact is not None:
        document["impact"] = {
            "segments": impact.segments,
            "newly_failing": [vars_of(i) for i in impact.newly_failing],
            "newly_passing": [vars_of(i) for i in impact.newly_passing],
        }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def vars_of(item: Any) -> dict[str, Any]:
    return {k: getattr(item, k) for k in item.__slots__}


def xlsx(target: IO[bytes], diff: TermBaseDiff, impact: Impact | None = None) -> None:
    """A reviewer's sheet: one row per change, old cells red, new cells green."""
    from ..formats.xlsx import write_table

    header = ["change", "id", "zh", "field", "term", "old", "new"]
    rows: list[list[object]] = []
    fills: dict[tuple[int, int], str] = {}
    red, green = "FFC7CE", "C6EFCE"
    for concept in diff.added:
        rows.append(["added", concept.id, concept.headword, "", "", "",
                     concept.preferred_en.text if concept.preferred_en else ""])
        fills[(len(rows) + 1, 7)] = green
    for concept in diff.removed:
        rows.append(["removed", concept.id, concept.headword, "", "",
                     concept.preferred_en.text if concept.preferred_en else "", ""])
        fills[(len(rows) + 1, 6)] = red
    for item in diff.changed:
        for change in item.changes:
            rows.append(["changed", item.id, item.new.headword, change.field,
                         change.term or "", "" if change.old is None else _term_value(change.old),
                         "" if change.new is None else _term_value(change.new)])
            if change.old is not None:
                fills[(len(rows) + 1, 6)] = red
            if change.new is not None:
                fills[(len(rows) + 1, 7)] = green
    write_table(target, "changes", header, rows, widths={"old": 50, "new": 50, "zh": 20},
                fills=fills, info=[("old", diff.old_label), ("new", diff.new_label),
                                   ("summary", diff_summary(diff))])


# ------------------------------------------------------------------ textconv

def concept_lines(concept: Concept) -> list[str]:
    """One concept as lines for `git diff`: one field per line, whitespace runs collapsed,
    terms sorted, so that formatting and order alone show no change."""
    lines = [f"concept {concept.id}"]
    for key, attr in CONCEPT_FIELDS[1:]:
        value = getattr(concept, attr)
        if key == "sources":
            lines += [f"source: {normalized_text(v)}" for v in value]
        elif key == "verified":
            if value is False:
                lines.append("verified: false")
        elif value not in ("", None, ()):
            shown = value.isoformat() if hasattr(value, "isoformat") else value
            lines.append(f"{key}: {normalized_text(str(shown))}")
    for lang in ("zh", "en"):
        # by text, so that a status change shows as a changed line in place
        terms = sorted(getattr(concept, lang), key=lambda t: t.text)
        for term in terms:
            extra = [f"{key} {normalized_text(str(getattr(term, attr)))}"
                     for key, attr in TERM_FIELDS[2:]
                     if getattr(term, attr) not in ("", False)
                     and not (key == "type" and term.type == "fullForm")]
            lines.append(f"{lang} {term.status}: {term.text}"
                         + (f"  ({'; '.join(extra)})" if extra else ""))
    return lines
