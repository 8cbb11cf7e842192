"""Term bases as tables: one row per concept (XLSX, CSV and TSV share this).

The default layout carries every field of the canonical format, so export then import gives
back the same term base (README "Term base columns"). Import also recognises the memoQ and
Phrase layouts (`profiles.py`) and plain glossaries: a Chinese and an English column (`zh`,
`zh_CN`, `source`, …), with optional definition, note, part-of-speech and domain columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..errors import InputError
from ..langs import is_chinese, is_english, normalize_tag
from ..matching.chinese import from_traditional, variant_forms
from ..model import (
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    Concept,
    Term,
    TermBase,
    TermBaseInfo,
)
from . import cells
from ._options import ImportedTermBase, WriteOptions
from ._tabular import cell_text, looks_like_tag

EN_STATUS_COLUMNS = (("en", "preferred"), ("en admitted", "admitted"),
                     ("en forbidden", "forbidden"), ("en superseded", "superseded"))
VARIANT_COLUMNS = {"zh-Hant": "hant", "zh-TW": "tw", "zh-HK": "hk"}
TEXT_COLUMNS = (("part of speech", "part_of_speech"), ("subject field", "subject_field"),
                ("definition", "definition"), ("context", "context"), ("note", "note"))

# What each column of the default layout holds (also the XLSX "columns" sheet).
COLUMN_DOCS: dict[str, str] = {
    "id": "Concept id: lower-case letters, digits and hyphens. Matches concepts on import.",
    "zh": "Preferred Chinese term(s), Simplified. Attributes in {…}: type, pos, note, and "
          "explicit hant/tw/hk forms.",
    "zh-Hant": "Traditional form of the first zh term (OpenCC s2t unless given). Edit it to "
               "give an explicit form.",
    "zh-TW": "Taiwan form (OpenCC s2tw unless given).",
    "zh-HK": "Hong Kong form (OpenCC s2hk unless given).",
    "zh other": "Other Chinese terms, each with {status: admitted|forbidden|superseded} and "
                "other attributes.",
    "en": "Preferred English term(s). Attributes: type, pos, case-sensitive, note.",
    "en admitted": "Admitted English renderings.",
    "en forbidden": "Forbidden renderings, each with its reason in [brackets] and optionally "
                    "{replacement: …}.",
    "en superseded": "Superseded renderings, with reason and optional replacement.",
    "part of speech": "TBX-Basic: noun, verb, adjective, adverb, other.",
    "subject field": "Subject field (domain).",
    "definition": "Definition of the concept.",
    "context": "A sentence showing the term in use.",
    "note": "Free notes.",
    "sources": "Sources, separated by ' | '.",
    "status": "verified, or unverified when the renderings are not attested.",
    "created": "Date created (YYYY-MM-DD).",
    "modified": "Date last modified (YYYY-MM-DD).",
}


def _attrs(term: Term, lang: str, with_status: bool = False,
           with_variants: bool = True) -> list[tuple[str, str]]:
    attrs: list[tuple[str, str]] = []
    if with_status:
        attrs.append(("status", term.status))
    if term.type != "fullForm":
        attrs.append(("type", term.type))
    if term.part_of_speech:
        attrs.append(("pos", term.part_of_speech))
    if term.case_sensitive:
        attrs.append(("case-sensitive", "yes"))
    if term.replacement:
        attrs.append(("replacement", term.replacement))
    if term.note:
        attrs.append(("note", term.note))
    if lang == "zh" and with_variants:
        attrs.extend((key, value) for key, value in (("hant", term.hant), ("tw", term.tw),
                                                     ("hk", term.hk)) if value)
    return attrs


def _item(term: Term, lang: str, with_status: bool = False) -> str:
    reason = term.reason if term.rejected else ""
    return cells.format_item(term.text, reason, _attrs(term, lang, with_status))


# The facets (`fidelity.FACETS`) each optional column holds: a file without the column does
# not hold them, and import leaves them as the term base has them.
COLUMN_FACETS: dict[str, tuple[str, ...]] = {
    "id": ("id",), "zh other": ("zh:admitted", "zh:forbidden", "zh:superseded"),
    **{column: (f"en:{status}",) for column, status in EN_STATUS_COLUMNS[1:]},
    **{column: (attr.replace("_", "-"),) for column, attr in TEXT_COLUMNS},
    "sources": ("sources",), "status": ("verified",), "created": ("created",),
    "modified": ("modified",),
}


def holds(options: WriteOptions) -> frozenset[str]:
    """What a term base table holds: everything in the default layout, else the profile's;
    the term base's own fields with the XLSX info sheet only (`delimited.holds`)."""
    from .fidelity import ALL, INFO_ALL
    from .profiles import PROFILES

    return ALL if options.profile == "default" else PROFILES[options.profile].holds | INFO_ALL


def header(options: WriteOptions) -> list[str]:
    from .fidelity import left_out_by

    wanted = options.zh_variants or ()
    variants = [tag for tag in ("zh-Hant", "zh-TW", "zh-HK") if tag in wanted]
    if "zh-Hant" not in variants:
        variants.insert(0, "zh-Hant")
    # renderings an option leaves out get no column: the file then says it does not hold them
    left_out = set(left_out_by(options))
    english = [c for c, status in EN_STATUS_COLUMNS if f"en:{status}" not in left_out]
    return ["id", "zh", *variants, "zh other", *english, *(c for c, _ in TEXT_COLUMNS),
            "sources", "status", "created", "modified"]


def concept_row(concept: Concept, columns: Sequence[str]) -> list[str]:
    preferred_zh = [t for t in concept.zh if t.status == "preferred"]
    other_zh = [t for t in concept.zh if t.status != "preferred"]
    forms = variant_forms(preferred_zh[0]) if preferred_zh else {}
    values: dict[str, str] = {
        "id": concept.id,
        "zh": cells.join_items([_item(t, "zh") for t in preferred_zh]),
        "zh other": cells.join_items([_item(t, "zh", with_status=True) for t in other_zh]),
        "sources": cells.join_plain(concept.sources),
        "status": "verified" if concept.verified else "unverified",
        "created": concept.created.isoformat() if concept.created else "",
        "modified": concept.modified.isoformat() if concept.modified else "",
    }
    for tag in VARIANT_COLUMNS:
        values[tag] = forms.get(tag, "")
    for column, status in EN_STATUS_COLUMNS:
        values[column] = cells.join_items([_item(t, "en") for t in concept.en
                                           if t.status == status])
    for column, attr in TEXT_COLUMNS:
        values[column] = getattr(concept, attr)
    return [values[c] for c in columns]


def export_rows(termbase: TermBase, options: WriteOptions) -> tuple[list[str], list[list[str]]]:
    columns = header(options)
    return columns, [concept_row(c, columns) for c in termbase.concepts]


# ------------------------------------------------------------------ import

def _term(item: cells.Item, status: str, lang: str, path: str, line: int | None,
          column: str) -> Term:
    attrs = dict(item.attrs)
    if "status" in attrs:
        status = attrs.pop("status")
    values = {
        "type": attrs.pop("type", "fullForm"),
        "part_of_speech": attrs.pop("pos", ""),
        "case_sensitive": attrs.pop("case-sensitive", "no").lower() in ("yes", "true", "1"),
        "replacement": attrs.pop("replacement", ""),
        "note": attrs.pop("note", ""),
    }
    for key in ("hant", "tw", "hk"):
        if key in attrs and lang == "zh":
            values[key] = attrs.pop(key)
    if attrs:
        raise InputError(path, f"column {column!r}: unknown attribute "
                               f"{sorted(attrs)[0]!r} on {item.text!r}", line)
    if status not in STATUSES:
        raise InputError(path, f"column {column!r}: status {status!r} is not one of "
                               f"{', '.join(STATUSES)}", line)
    if values["type"] not in TERM_TYPES:
        raise InputError(path, f"column {column!r}: type {values['type']!r} is not one of "
                               f"{', '.join(TERM_TYPES)}", line)
    reason = item.reason if status in ("forbidden", "superseded") else ""
    return Term(item.text, status, reason=reason, **values)  # type: ignore[arg-type]


def _date(value: str, path: str, line: int | None, column: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(path, f"column {column!r}: {value!r} is not a date (YYYY-MM-DD)",
                         line) from None


def import_default(rows: Iterable[tuple[int, Sequence[object]]], names: list[str],
                   path: str) -> ImportedTermBase:
    """Rows in the default layout (our own export, perhaps edited by a reviewer)."""
    index = {name: i for i, name in enumerate(names)}
    concepts: list[Concept] = []
    warnings: list[str] = []
    for line, raw in rows:
        row = [cell_text(v) for v in raw] + [""] * len(names)
        if not any(c.strip() for c in row):
            continue
        cells_by_name = {name: row[i].strip() for name, i in index.items()}

        def get(name: str, values: dict[str, str] = cells_by_name) -> str:
            return values.get(name, "")

        zh = [_term(i, "preferred", "zh", path, line, "zh")
              for i in cells.parse_items(get("zh"), path, line, "zh")]
        zh = _apply_variant_columns(zh, cells_by_name)
        zh += [_term(i, "admitted", "zh", path, line, "zh other")
               for i in cells.parse_items(get("zh other"), path, line, "zh other")]
        en = [_term(i, status, "en", path, line, column)
              for column, status in EN_STATUS_COLUMNS
              for i in cells.parse_items(get(column), path, line, column)]
        if not zh:
            raise InputError(path, "row has no Chinese term in column 'zh'", line)
        pos = get("part of speech")
        if pos and pos not in PARTS_OF_SPEECH:
            raise InputError(path, f"column 'part of speech': {pos!r} is not one of "
                                   f"{', '.join(PARTS_OF_SPEECH)}", line)
        status = get("status").lower()
        if status not in ("", "verified", "unverified"):
            raise InputError(path, f"column 'status': {status!r} is neither verified nor "
                                   "unverified", line)
        concepts.append(Concept(
            id=get("id"), zh=tuple(zh), en=tuple(en), subject_field=get("subject field"),
            part_of_speech=pos, definition=get("definition"), context=get("context"),
            note=get("note"), sources=tuple(cells.split_plain(get("sources"))),
            verified=status != "unverified", created=_date(get("created"), path, line, "created"),
            modified=_date(get("modified"), path, line, "modified"),
        ))
    from .fidelity import ALL

    absent = {facet for column, facets in COLUMN_FACETS.items() if column not in index
              for facet in facets}
    return ImportedTermBase(TermBase(tuple(concepts), TermBaseInfo()), True, warnings,
                            ALL - absent)


def _apply_variant_columns(zh: list[Term], row: dict[str, str]) -> list[Term]:
    """An edited zh-Hant/zh-TW/zh-HK cell that differs from the derived form gives that form
    explicitly (attributes in the zh cell win)."""
    if not zh:
        return zh
    first = zh[0]
    derived = variant_forms(Term(first.text))
    changes: dict[str, str] = {}
    for tag, attr in VARIANT_COLUMNS.items():
        value = row.get(tag, "")
        if not value or getattr(first, attr):
            continue
        if value != derived[tag]:
            changes[attr] = value
    if changes:
        from dataclasses import replace

        first = replace(first, hant=changes.get("hant", first.hant),
                        tw=changes.get("tw", first.tw), hk=changes.get("hk", first.hk))
        zh = [first, *zh[1:]]
    return zh


# ------------------------------------------------------------------ plain glossaries

_DEFINITION = ("definition", "description", "descr", "def", "explanation")
_NOTE = ("note", "notes", "comment", "comments", "remark")
_POS = ("pos", "part of speech", "part-of-speech", "partofspeech")
_DOMAIN = ("domain", "subject", "subject field", "category")


@dataclass
class _PlainEntry:
    zh: Term
    line: int
    en: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


def import_plain(rows: Iterable[tuple[int, Sequence[object]]], names: list[str], path: str,
                 line: int) -> ImportedTermBase:
    """A simple glossary: a Chinese and an English column, plus optional extras. Rows with the
    same Chinese term become one concept with several English terms (the first preferred)."""
    lowered = [n.strip().lower() for n in names]
    zh_col = en_col = None
    for i, name in enumerate(names):
        tag = name.strip()
        if zh_col is None and ((looks_like_tag(tag) and is_chinese(tag)) or
                               tag.lower() in ("chinese", "source", "term")):
            zh_col = i
        elif en_col is None and ((looks_like_tag(tag) and is_english(tag)) or
                                 tag.lower() in ("english", "target", "translation")):
            en_col = i
    if zh_col is None or en_col is None:
        raise InputError(path, "header needs a Chinese and an English column (zh/zh-CN/"
                               "source and en/target); found: " + ", ".join(names), line)
    extra = {key: next((i for i, n in enumerate(lowered) if n in candidates), None)
             for key, candidates in (("definition", _DEFINITION), ("note", _NOTE),
                                     ("pos", _POS), ("domain", _DOMAIN))}
    zh_tag = normalize_tag(names[zh_col]) if looks_like_tag(names[zh_col].strip()) else "zh-CN"
    entries: dict[str, _PlainEntry] = {}
    warnings: list[str] = []
    for number, raw in rows:
        row = [cell_text(v).strip() for v in raw] + [""] * len(names)
        zh_text, en_text = row[zh_col], row[en_col]
        if not zh_text and not en_text:
            continue
        if not zh_text or not en_text:
            warnings.append(f"{path}:{number}: row without a Chinese or an English term "
                            "skipped")
            continue
        zh_term = from_traditional(zh_text, zh_tag) if _traditional(zh_tag) else Term(zh_text)
        entry = entries.get(zh_term.text)
        if entry is None:
            entry = entries[zh_term.text] = _PlainEntry(zh_term, number, extra={
                key: row[index] for key, index in extra.items() if index is not None})
        if en_text not in entry.en:
            entry.en.append(en_text)
    concepts = []
    for entry in entries.values():
        pos = entry.extra.get("pos", "").lower()
        if pos and pos not in PARTS_OF_SPEECH:
            warnings.append(f"{path}:{entry.line}: part of speech {pos!r} is not a TBX-Basic "
                            "value; left out")
            pos = ""
        concepts.append(Concept(
            id="", zh=(entry.zh,), en=tuple(Term(text, "preferred" if i == 0 else "admitted")
                                           for i, text in enumerate(entry.en)),
            definition=entry.extra.get("definition", ""), note=entry.extra.get("note", ""),
            part_of_speech=pos, subject_field=entry.extra.get("domain", ""),
        ))
    # a plain glossary holds its terms (the first rendering of a term preferred, the others
    # admitted) and the extra columns it has
    facets = {"definition": "definition", "note": "note", "pos": "part-of-speech",
              "domain": "subject-field"}
    holding = frozenset({"en:admitted", *(facets[k] for k, i in extra.items() if i is not None)})
    return ImportedTermBase(TermBase(tuple(concepts)), False, warnings, holding)


def _traditional(tag: str) -> bool:
    parts = tag.split("-")
    return "Hant" in parts or any(p in ("TW", "HK", "MO") for p in parts[1:])


def import_table(rows: Iterable[tuple[int, Sequence[object]]], header_line: int,
                 names: list[str], path: str) -> ImportedTermBase:
    """Recognise the layout from the header and read the rows."""
    from . import profiles

    lowered = {n.strip().lower() for n in names if n}
    if {"id", "zh", "en"} <= lowered or {"zh", "en", "en admitted"} <= lowered:
        canonical_names = [n.strip().lower().replace("zh-hant", "zh-Hant")
                           .replace("zh-tw", "zh-TW").replace("zh-hk", "zh-HK") for n in names]
        return import_default(rows, canonical_names, path)
    profile = profiles.recognise(names)
    if profile is not None:
        return profile.read(rows, names, path)
    return import_plain(rows, names, path, header_line)
