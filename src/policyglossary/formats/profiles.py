"""Spreadsheet layouts that follow CAT tools' term base import conventions (`--profile`).

memoQ: one row per concept; `Entry_*` fields as in memoQ's own CSV export; one column per
language named as memoQ names it, several terms in one cell separated by `;` (tick "Split
alternatives in field by ;" in memoQ's import dialog); forbidden renderings in
`English_Forbidden`.

Phrase: one row per term, grouped by `Entry_ID` (Phrase shows a concept as a block of rows);
Preferred, Forbidden and Case sensitive as real TRUE/FALSE boolean cells, which is what Phrase
reads (Excel shows them in the user's language, WAHR/FALSCH in German, but stores booleans).

Both are written for those tools and read back by `import`, but hold less than the default
layout (`Profile.holds`): what they leave out is reported on export, and kept as it is when
their file is imported into the term base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from ..langs import normalize_tag
from ..matching.chinese import variant_forms
from ..model import Concept, Term, TermBase
from ._options import ImportedTermBase, WriteOptions
from ._tabular import cell_text

MEMOQ_LANGUAGES = {"zh-Hant": "Chinese (Traditional)", "zh-TW": "Chinese (Taiwan)",
                   "zh-HK": "Chinese (Hong Kong)"}


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    export: Callable[[TermBase, WriteOptions], tuple[list[str], list[list[object]], list[str]]]
    read: Callable[[Iterable[tuple[int, Sequence[object]]], list[str], str], ImportedTermBase]
    recognises: Callable[[set[str]], bool]
    holds: frozenset[str]
    """The facets (`fidelity.FACETS`) the layout holds."""


# memoQ: the entry fields it names, allowed Chinese and English terms (the first of each
# preferred), forbidden English ones (superseded ones as forbidden).
MEMOQ_HOLDS = frozenset({"id", "subject-field", "note", "created", "modified", "definition",
                         "zh:admitted", "en:admitted", "en:forbidden"})
# Phrase: one row per term with its Preferred, Forbidden and Case sensitive flags (superseded
# terms as forbidden); domain and definition on every row.
PHRASE_HOLDS = frozenset({"id", "subject-field", "definition", "zh:preferred", "zh:admitted",
                          "zh:forbidden", "en:preferred", "en:admitted", "en:forbidden",
                          "zh.case-sensitive", "en.case-sensitive"})
SEPARATOR = ";"
"""memoQ's "split alternatives in field by" character: it has no escape."""


def _memoq_export(termbase: TermBase, options: WriteOptions) \
        -> tuple[list[str], list[list[object]], list[str]]:
    variants = [t for t in ("zh-Hant", "zh-TW", "zh-HK") if t in (options.zh_variants or ())]
    header = ["Entry_ID", "Entry_Subject", "Entry_Note", "Entry_Created", "Entry_LastModified",
              "Chinese (PRC)", "Chinese (PRC)_Def", *(MEMOQ_LANGUAGES[v] for v in variants),
              "English", "English_Forbidden"]
    rows: list[list[object]] = []
    for concept in termbase:
        zh = [t for t in concept.zh if t.allowed]
        forms = [variant_forms(t) for t in zh]
        rows.append([
            concept.id, concept.subject_field, concept.note,
            concept.created.isoformat() if concept.created else "",
            concept.modified.isoformat() if concept.modified else "",
            ";".join(t.text for t in zh), concept.definition,
            *(";".join(dict.fromkeys(f[v] for f in forms)) for v in variants),
            ";".join(t.text for t in concept.allowed_en),
            ";".join(t.text for t in concept.rejected_en),
        ])
    split = sum(1 for c in termbase if any(SEPARATOR in t.text for t in (*c.zh, *c.en)))
    return header, rows, [f"the memoq layout cannot hold terms containing {SEPARATOR!r} "
                          f"(memoQ splits them in two): {split} concept"
                          f"{'s' if split != 1 else ''}"] if split else []


def _phrase_export(termbase: TermBase, options: WriteOptions) \
        -> tuple[list[str], list[list[object]], list[str]]:
    header = ["Entry_ID", "Domain", "Definition", "Language", "Term", "Preferred", "Forbidden",
              "Case sensitive", "Note"]
    rows: list[list[object]] = []
    # Phrase's own language codes (zh_cn, en_us), made from the BCP 47 tag
    zh_tag = normalize_tag(options.source_lang).lower().replace("-", "_")
    for concept in termbase:
        for lang, terms in ((zh_tag, concept.zh), ("en", concept.en)):
            for term in terms:
                note = "; ".join(p for p in (term.reason, term.note) if p)
                rows.append([concept.id, concept.subject_field, concept.definition, lang,
                             term.text, term.status == "preferred", term.rejected,
                             term.case_sensitive, note])
    return header, rows, []


def _read_memoq(rows: Iterable[tuple[int, Sequence[object]]], names: list[str], path: str) \
        -> ImportedTermBase:

    index = {n.strip(): i for i, n in enumerate(names)}
    concepts = []
    for line, raw in rows:
        row = [cell_text(v).strip() for v in raw] + [""] * len(names)
        if not any(row):
            continue

        def get(name: str, row: list[str] = row) -> str:
            return row[index[name]] if name in index else ""

        zh = [Term(t.strip(), "preferred" if i == 0 else "admitted")
              for i, t in enumerate(get("Chinese (PRC)").split(";")) if t.strip()]
        if not zh:
            raise InputError(path, "row has no term in 'Chinese (PRC)'", line)
        en = [Term(t.strip(), "preferred" if i == 0 else "admitted")
              for i, t in enumerate(get("English").split(";")) if t.strip()]
        en += [Term(t.strip(), "forbidden") for t in get("English_Forbidden").split(";")
               if t.strip()]
        concepts.append(Concept(get("Entry_ID"), tuple(zh), tuple(en),
                                subject_field=get("Entry_Subject"), note=get("Entry_Note"),
                                definition=get("Chinese (PRC)_Def"),
                                created=_date(get("Entry_Created"), path, line),
                                modified=_date(get("Entry_LastModified"), path, line)))
    return ImportedTermBase(TermBase(tuple(concepts)), False, [], MEMOQ_HOLDS)


def _date(value: str, path: str, line: int) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(path, f"{value!r} is not a date (YYYY-MM-DD)", line) from None


def _read_phrase(rows: Iterable[tuple[int, Sequence[object]]], names: list[str], path: str) \
        -> ImportedTermBase:
    from ..langs import is_chinese, is_english

    index = {n.strip().lower(): i for i, n in enumerate(names)}
    entries: dict[str, dict[str, object]] = {}
    for line, raw in rows:
        row = [*raw, *([None] * len(names))]
        text = cell_text(row[index["term"]]).strip()
        if not text:
            continue
        entry_id = cell_text(row[index["entry_id"]]).strip() if "entry_id" in index else ""
        entry = entries.setdefault(entry_id or f"row-{line}", {"zh": [], "en": [], "line": line})
        lang = cell_text(row[index["language"]]).strip()

        def flag(name: str, row: list[object] = row) -> bool:
            return name in index and row[index[name]] in (True, "TRUE", "true", "1", 1)

        status = "forbidden" if flag("forbidden") else \
            "preferred" if flag("preferred") else "admitted"
        term = Term(text, status, case_sensitive=flag("case sensitive"))
        if is_chinese(lang):
            entry["zh"].append(term)  # type: ignore[attr-defined]
        elif is_english(lang):
            entry["en"].append(term)  # type: ignore[attr-defined]
        else:
            raise InputError(path, f"language {lang!r} is neither Chinese nor English", line)
        for key in ("domain", "definition"):
            if key in index and cell_text(row[index[key]]).strip():
                entry[key] = cell_text(row[index[key]]).strip()
    concepts = []
    for entry_id, entry in entries.items():
        zh: list[Term] = entry["zh"]  # type: ignore[assignment]
        if not zh:
            raise InputError(path, f"entry {entry_id!r} has no Chinese term", int(entry["line"]))  # type: ignore[call-overload]
        concepts.append(Concept("" if entry_id.startswith("row-") else entry_id, tuple(zh),
                                tuple(entry["en"]),  # type: ignore[arg-type]
                                subject_field=str(entry.get("domain", "")),
                                definition=str(entry.get("definition", ""))))
    return ImportedTermBase(TermBase(tuple(concepts)), False, [], PHRASE_HOLDS)


PROFILES: dict[str, Profile] = {
    "memoq": Profile("memoq", _memoq_export, _read_memoq,
                     lambda names: {"Entry_ID", "Chinese (PRC)", "English"} <= names,
                     MEMOQ_HOLDS),
    "phrase": Profile("phrase", _phrase_export, _read_phrase,
                      lambda names: {"entry_id", "language", "term", "forbidden"}
                      <= {n.lower() for n in names}, PHRASE_HOLDS),
}


def recognise(names: list[str]) -> Profile | None:
    present = {n.strip() for n in names if n}
    for profile in PROFILES.values():
        if profile.recognises(present):
            return profile
    return None
