"""What CSV, TSV and XLSX share: header recognition, cell cleaning, formula-injection escapes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..langs import is_chinese, is_english, normalize_tag
from ..model import SEGMENT_STATES, Segment

ID_NAMES = frozenset({"id", "key", "segment", "segment id", "segment_id", "tuid", "unit id"})
SOURCE_NAMES = frozenset({"source", "src", "source text", "source_text", "chinese"})
TARGET_NAMES = frozenset({"target", "tgt", "target text", "target_text", "translation",
                          "english"})
NOTE_NAMES = frozenset({"note", "notes", "comment", "comments", "remark", "remarks"})
STATE_NAMES = frozenset({"state", "status"})
REFERENCE_NAMES = frozenset({"references", "reference", "location", "locations"})

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: str) -> str:
    """Prefix text a spreadsheet would evaluate with an apostrophe (CSV/TSV export)."""
    if value.startswith(FORMULA_STARTS) or (value.startswith("'") and \
            value[1:].startswith((*FORMULA_STARTS, "'"))):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    """Undo `escape_formula` on import."""
    if value.startswith("'") and value[1:].startswith((*FORMULA_STARTS, "'")):
        return value[1:]
    return value


def looks_like_tag(name: str) -> bool:
    parts = normalize_tag(name).split("-")
    return bool(parts[0]) and len(parts[0]) in (2, 3) and parts[0].isalpha() and \
        all(p.isalnum() and len(p) <= 8 for p in parts)


@dataclass(frozen=True, slots=True)
class Columns:
    source: int
    target: int
    id: int | None
    notes: tuple[int, ...]
    state: int | None
    references: int | None
    source_lang: str
    target_lang: str
    width: int


def bilingual_columns(header: Sequence[str], path: str, line: int,
                      source_lang: str | None = None, target_lang: str | None = None) \
        -> Columns:
    """Find the columns of a bilingual sheet from its header row."""
    names = [(h or "").strip().lower() for h in header]
    source = target = ident = state = None
    src_tag, tgt_tag = "zh-CN", "en"
    for index, name in enumerate(names):
        if name in ID_NAMES and ident is None:
            ident = index
        elif name in STATE_NAMES and state is None:
            state = index
        elif name in SOURCE_NAMES and source is None:
            source = index
        elif name in TARGET_NAMES and target is None:
            target = index
    if source is None or target is None:
        for index, raw in enumerate(header):
            name = (raw or "").strip()
            if not looks_like_tag(name):
                continue
            wants_source = normalize_tag(source_lang) == normalize_tag(name) if source_lang \
                else is_chinese(name)
            wants_target = normalize_tag(target_lang) == normalize_tag(name) if target_lang \
                else is_english(name)
            if source is None and wants_source:
                source, src_tag = index, normalize_tag(name)
            elif target is None and wants_target:
                target, tgt_tag = index, normalize_tag(name)
    if source is None or target is None:
        raise InputError(path, "header row needs source and target columns ('source'/'target' "
                               "or language codes such as zh-CN and en); found: "
                               + ", ".join(repr(h) for h in header if h), line)
    notes = tuple(i for i, n in enumerate(names) if n in NOTE_NAMES)
    references = next((i for i, n in enumerate(names) if n in REFERENCE_NAMES), None)
    return Columns(source, target, ident, notes, state, references, src_tag, tgt_tag,
                   len(header))


def cell_text(value: object) -> str:
    """A cell as text: None is empty, numbers lose a spurious .0. (Formula escapes belong to
    CSV and TSV and are undone by their reader; an XLSX cell is taken as it is.)"""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value
    return str(value)


def rows_to_segments(rows: Iterable[tuple[int, Sequence[object]]], columns: Columns,
                     path: str) -> Iterator[Segment]:
    """Data rows (line or row number, cells) → segments; blank rows are skipped."""
    count = 0
    for number, row in rows:
        cells = [cell_text(v) for v in row]
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > columns.width and any(c.strip() for c in cells[columns.width:]):
            raise InputError(path, f"row has {len(cells)} fields but the header has "
                                   f"{columns.width}", number)
        count += 1
        cells += [""] * (columns.width - len(cells))
        source, target = cells[columns.source], cells[columns.target]
        state = cells[columns.state].strip().lower() if columns.state is not None else ""
        if state not in SEGMENT_STATES:
            state = "translated" if target.strip() else "new"
        ident = cells[columns.id].strip() if columns.id is not None else ""
        notes = tuple(n for i in columns.notes for n in cells[i].split("\n") if n)
        references = tuple(r for r in cells[columns.references].split("\n") if r) \
            if columns.references is not None else ()
        yield Segment(id=ident or str(count), source=source, target=target, line=number,
                      state=state, notes=notes, references=references)
