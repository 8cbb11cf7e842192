"""TBX term bases: TBX v3 (ISO 30042:2019) TBX-Basic in DCA style, and TBX 2008 `martif`.

Writing maps every canonical field to a TBX-Basic data category (README "TBX mapping"):
subjectField, definition and source on the concept; context on the headword's termSec;
termType, partOfSpeech and administrativeStatus on each term; created and modified as
transacGrp origination/modification. What TBX-Basic has no category for is written as a
<note> starting with `[policyglossary:KEY]`. Traditional and regional forms get their own
langSec (zh-Hant, and zh-TW/zh-HK with --zh-variants), one termSec per Chinese term, in order.

Reading takes v3 (conceptEntry/langSec/termSec) and 2008 (termEntry/langSet/tig or ntig),
streams entries, and maps statuses from administrativeStatus, normativeAuthorization or
usageStatus. Languages other than Chinese and English are skipped and counted.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import IO, Any

from ..errors import InputError
from ..langs import chinese_script, is_chinese, is_english, normalize_tag
from ..matching.chinese import from_traditional, with_regional_form
from ..model import PARTS_OF_SPEECH, TERM_TYPES, Concept, Term, TermBase, TermBaseInfo
from ._options import ImportedTermBase, ReadOptions, WriteOptions
from ._spec import FormatFunctions
from ._tbx_names import PREFIX, TBX_TO_STATUS
from ._xml import (
    XML_LANG,
    inline_text,
    iter_elements,
    local,
    refuse_unsafe_child,
    release,
)


def sniff(head: bytes) -> bool:
    text = head[:4096]
    return b"<martif" in text or b"<tbx" in text or b"m\x00a\x00r\x00t\x00i\x00f" in head


def sniff_v3(head: bytes) -> bool:
    return b"<tbx" in head[:4096]


# ------------------------------------------------------------------ writing (_tbx_writer)

def holds(options: WriteOptions) -> frozenset[str]:
    """TBX holds every field (README "TBX mapping") but the term base's language tags (the
    language sections are zh and en); an export that leaves renderings out says which in its
    header (`[policyglossary:left-out]`), so that import keeps them."""
    from .fidelity import ALL

    return ALL - {"termbase.source-language", "termbase.target-language"}

def write_termbase(target: IO[bytes], termbase: TermBase, options: WriteOptions) -> list[str]:
    from ._tbx_writer import write

    write(target, termbase, options, 3)
    return []


def write_termbase_v2(target: IO[bytes], termbase: TermBase, options: WriteOptions) \
        -> list[str]:
    from ._tbx_writer import write

    write(target, termbase, options, 2)
    return []


# ------------------------------------------------------------------ reading

@dataclass
class _Reading:
    path: str
    skipped_languages: Counter[str] = field(default_factory=Counter)
    converted: int = 0
    english_tags: set[str] = field(default_factory=set)
    no_chinese: list[str] = field(default_factory=list)
    ours: bool = False
    info: dict[str, Any] = field(default_factory=dict)
    left_out: frozenset[str] = frozenset()
    unknown: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(data category, value) of picklist values that are not TBX-Basic's, by count."""


def read_termbase(source: IO[bytes], path: str, options: ReadOptions) -> ImportedTermBase:
    reading = _Reading(path)
    concepts: list[Concept] = []
    tags = ("title", "p", "conceptEntry", "termEntry")
    root_checked = False
    for _, element in iter_elements(source, path, tags):
        if not root_checked:
            root = element.getroottree().getroot()
            if local(root.tag) not in ("tbx", "martif"):
                raise InputError(path, f"not a TBX document: the root element is "
                                       f"<{local(root.tag)}>, not <tbx> or <martif>",
                                 root.sourceline)
            root_checked = True
        name = local(element.tag)
        if name == "title":
            reading.info.setdefault("name", (element.text or "").strip())
        elif name == "p":
            _header_p(element, reading)
        else:
            concept = _entry(element, reading)
            if concept is not None:
                concepts.append(concept)
            release(element)
    domains = reading.info.get("primary-source-domains")
    info = TermBaseInfo(name=reading.info.get("name", ""),
                        description=reading.info.get("description", ""),
                        subject_fields=tuple(reading.info.get("subject-fields", ())),
                        primary_source_domains=None if domains is None else tuple(domains))
    from .fidelity import ALL

    return ImportedTermBase(TermBase(tuple(concepts), info), reading.ours, _warnings(reading),
                            ALL - reading.left_out)


def _header_p(element: Any, reading: _Reading) -> None:
    text = (element.text or "").strip()
    if text.startswith(PREFIX + "layout]"):
        reading.ours = True
    elif text.startswith(PREFIX + "primary-source-domains]"):
        reading.info["primary-source-domains"] = [
            s.strip() for s in text.split("]", 1)[1].split("|") if s.strip()]
    elif text.startswith(PREFIX + "left-out]"):
        reading.left_out = frozenset(k.strip() for k in text.split("]", 1)[1].split(","))
    elif text.startswith(PREFIX + "subject-fields]"):
        reading.info["subject-fields"] = [s.strip() for s in text.split("]", 1)[1].split("|")
                                          if s.strip()]
    elif (parent := element.getparent()) is not None and local(parent.tag) == "sourceDesc" \
            and "description" not in reading.info:
        reading.info["description"] = text


def _warnings(reading: _Reading) -> list[str]:
    warnings = []
    for lang, count in sorted(reading.skipped_languages.items()):
        warnings.append(f"{reading.path}: {count} term(s) in {lang} skipped: the term base "
                        "holds Chinese and English only")
    if reading.converted:
        warnings.append(f"{reading.path}: {reading.converted} Traditional-only Chinese term(s) "
                        "converted to Simplified with OpenCC t2s; check them")
    if len(reading.english_tags) > 1:
        tags = ", ".join(sorted(reading.english_tags))
        warnings.append(f"{reading.path}: English terms in {tags} merged into one language (en)")
    for (category, value), count in sorted(reading.unknown.items()):
        allowed = PARTS_OF_SPEECH if category == "partOfSpeech" else TERM_TYPES
        warnings.append(f"{reading.path}: {category} {value!r} on {count} term(s) is not a "
                        f"TBX-Basic value ({', '.join(allowed)}): left out")
    if reading.no_chinese:
        shown = ", ".join(reading.no_chinese[:5])
        more = f" and {len(reading.no_chinese) - 5} more" if len(reading.no_chinese) > 5 else ""
        warnings.append(f"{reading.path}: {len(reading.no_chinese)} entr"
                        f"{'y' if len(reading.no_chinese) == 1 else 'ies'} without a Chinese "
                        f"term skipped ({shown}{more})")
    return warnings


def _canonical_id(raw: str) -> str:
    value = raw[1:] if raw.startswith("_") else raw
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def _prefixed(text: str) -> tuple[str, str] | None:
    if text.startswith(PREFIX) and "]" in text:
        key, value = text[len(PREFIX):].split("]", 1)
        return key, value.strip()
    return None


def _entry(entry: Any, reading: _Reading) -> Concept | None:
    fields: dict[str, Any] = {"sources": [], "notes": []}
    sections: list[tuple[str, list[Term], str]] = []
    for child in _flatten(entry, reading.path):
        name = local(child.tag)
        if name in ("langSec", "langSet"):
            sections.append(_section(child, reading, fields))
        else:
            _aux(child, fields)
    zh_simplified = [s for s in sections if is_chinese(s[0]) and chinese_script(s[0]) == "Hans"]
    zh_traditional = [s for s in sections if is_chinese(s[0]) and chinese_script(s[0]) == "Hant"]
    english = [t for s in sections if is_english(s[0]) for t in s[1]]
    zh = [t for s in zh_simplified for t in s[1]]
    if zh:
        for tag, terms, _ in zh_traditional:
            zh = _attach_variants(zh, tag, terms)
    else:
        for tag, terms, _ in zh_traditional:
            for term in terms:
                simplified = from_traditional(term.text, tag)
                zh.append(replace(term, text=simplified.text, hant=simplified.hant,
                                  tw=simplified.tw, hk=simplified.hk))
                reading.converted += 1
    if not zh:
        reading.no_chinese.append(entry.get("id") or f"at line {entry.sourceline}")
        return None
    pos = _concept_pos(fields, zh, english, reading.ours)
    if pos:  # written on every term; keep only the terms' own, different, values
        zh = [replace(t, part_of_speech="") if t.part_of_speech == pos else t for t in zh]
        english = [replace(t, part_of_speech="") if t.part_of_speech == pos else t
                   for t in english]
    return Concept(
        id=_canonical_id(entry.get("id", "")), zh=tuple(_statuses(zh)),
        en=tuple(_statuses(english)), subject_field=fields.get("subjectField", ""),
        part_of_speech=pos, definition=fields.get("definition", ""),
        context=fields.get("context", ""), note="\n".join(fields["notes"]),
        sources=tuple(dict.fromkeys(fields["sources"])),
        verified=fields.get("verified", "true") != "false",
        created=fields.get("origination"), modified=fields.get("modification"),
    )


def _flatten(parent: Any, path: str) -> Iterator[Any]:
    """Children, with the members of descripGrp/adminGrp/termGrp groups in their place."""
    for child in parent:
        refuse_unsafe_child(child, path)
        if local(child.tag) in ("descripGrp", "adminGrp", "termGrp", "termNoteGrp"):
            yield from _flatten(child, path)
        elif isinstance(child.tag, str):
            yield child


def _aux(child: Any, fields: dict[str, Any]) -> None:
    """A concept- or term-level data category into `fields`."""
    name, kind, text = local(child.tag), child.get("type", ""), (child.text or "").strip()
    if name == "descrip" and kind in ("subjectField", "definition", "context") and text:
        fields.setdefault(kind, text)
    elif name == "admin" and kind == "source" and text:
        fields["sources"].append(text)
    elif name == "note" and text:
        prefixed = _prefixed(text)
        if prefixed is None:
            fields["notes"].append(text)
        else:
            fields[prefixed[0]] = prefixed[1]
    elif name == "transacGrp":
        kind_text = date_text = ""
        for part in child:
            if local(part.tag) == "transac":
                kind_text = (part.text or "").strip()
            elif local(part.tag) == "date":
                date_text = (part.text or "").strip()
        kind_text = {"creation": "origination"}.get(kind_text, kind_text)
        if kind_text in ("origination", "modification") and date_text:
            with contextlib.suppress(ValueError):
                fields.setdefault(kind_text, date.fromisoformat(date_text[:10]))


def _section(section: Any, reading: _Reading, concept_fields: dict[str, Any]) \
        -> tuple[str, list[Term], str]:
    tag = normalize_tag(section.get(XML_LANG) or section.get("lang") or "")
    terms: list[Term] = []
    if not (is_chinese(tag) or is_english(tag)):
        reading.skipped_languages[tag or "(no language)"] += sum(
            1 for c in section.iter() if local(c.tag) == "term")
        return tag, terms, ""
    if is_english(tag):
        reading.english_tags.add(tag)
    for holder in _flatten(section, reading.path):
        name = local(holder.tag)
        if name in ("termSec", "tig", "ntig"):
            terms.append(_term(holder, reading, concept_fields))
        else:
            _aux(holder, concept_fields)
    return tag, terms, ""


def _term(holder: Any, reading: _Reading, concept_fields: dict[str, Any]) -> Term:
    values: dict[str, Any] = {"sources": concept_fields["sources"], "notes": []}
    text = ""
    notes: dict[str, str] = {}
    for part in _flatten(holder, reading.path):
        name, kind = local(part.tag), part.get("type", "")
        value = (part.text or "").strip()
        if name == "term":
            text = inline_text(part, reading.path, frozenset({"hi"})).strip()
            if any(ch in text for ch in "\n\r\t"):  # a pretty-printed term: one line
                text = " ".join(text.split())
        elif name == "termNote":
            notes[kind] = value
        else:
            _aux(part, values)
    if not text:
        raise InputError(reading.path, "empty <term>", holder.sourceline)
    if "context" in values:
        concept_fields.setdefault("context", values["context"])
    status = ""
    for kind in ("administrativeStatus", "normativeAuthorization", "usageStatus"):
        if notes.get(kind) in TBX_TO_STATUS:
            status = TBX_TO_STATUS[notes[kind]]
            break
    term_type = _picklist(notes.get("termType", ""), TERM_TYPES, "termType", reading) \
        or "fullForm"
    pos = _picklist(notes.get("partOfSpeech", ""), PARTS_OF_SPEECH, "partOfSpeech", reading)
    return Term(
        text=text, status=status, type=term_type, part_of_speech=pos,
        case_sensitive=values.get("case-sensitive") == "true",
        reason=values.get("reason", ""), replacement=values.get("replacement", ""),
        note="\n".join(values["notes"]), hant=values.get("hant", ""),
        tw=values.get("tw", ""), hk=values.get("hk", ""),
    )


def _picklist(value: str, allowed: tuple[str, ...], category: str, reading: _Reading) -> str:
    """A picklist value as TBX-Basic spells it, matched in any case (Microsoft's Terminology
    Collection writes "Noun"); an unknown value is left out and counted for a warning."""
    if not value:
        return ""
    found = next((a for a in allowed if a.lower() == value.strip().lower()), "")
    if not found:
        reading.unknown[(category, value.strip())] += 1
    return found


def _statuses(terms: list[Term]) -> list[Term]:
    """Terms without a status: the first is preferred, the rest admitted."""
    out = []
    for index, term in enumerate(terms):
        if not term.status:
            term = replace(term, status="preferred" if index == 0 else "admitted")
        out.append(term)
    return out


def _attach_variants(zh: list[Term], tag: str, forms: list[Term]) -> list[Term]:
    """Traditional forms listed next to the Simplified terms, by position: a form that differs
    from the OpenCC one becomes explicit."""
    attr = {"zh-TW": "tw", "zh-HK": "hk", "zh-MO": "hk"}.get(normalize_tag(tag), "hant")
    return [with_regional_form(term, tag, forms[i].text)
            if i < len(forms) and not getattr(term, attr) else term
            for i, term in enumerate(zh)]


def _concept_pos(fields: dict[str, Any], zh: list[Term], en: list[Term], ours: bool) -> str:
    """The concept's part of speech: our note (in our own files), else the one all terms of a
    foreign file share."""
    declared = fields.get("part-of-speech", "")
    if declared or ours:
        return str(declared)
    values = {t.part_of_speech for t in (*zh, *en)}
    return values.pop() if len(values) == 1 else ""


TBX = FormatFunctions(read_termbase=read_termbase, write_termbase=write_termbase, sniff=sniff,
                      holds=holds)
TBX2 = FormatFunctions(read_termbase=read_termbase, write_termbase=write_termbase_v2,
                       holds=holds)
