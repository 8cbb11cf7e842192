"""XLIFF 1.1/1.2 and 2.x bilingual files, streamed unit by unit.

XLIFF 1.x: a <trans-unit> is one segment (id = its id attribute); <alt-trans> proposals are not
the translation and are ignored. XLIFF 2.x: a <unit> is one segment; its <segment>s and
<ignorable>s are joined in order and the least finished segment state is the unit's state.
Units marked translate="no" are skipped. Inline placeholders and native codes are dropped;
text inside g/mrk/pc is kept; XLIFF 2 <cp hex> becomes its character.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError
from ..langs import normalize_tag
from ..model import SEGMENT_STATES, BilingualDoc, Segment
from ._options import ReadOptions, WriteOptions
from ._spec import FormatFunctions
from ._xml import (
    has_inline_codes,
    inline_text,
    iter_elements,
    local,
    refuse_unsafe_child,
    release,
    xml_text,
)

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"
TEXT_TAGS_1 = frozenset({"g", "mrk"})
TEXT_TAGS_2 = frozenset({"pc", "mrk"})

# XLIFF 1.2 target@state → our segment state.
STATES_1 = {
    "new": "new", "needs-translation": "new",
    "needs-adaptation": "needs-review", "needs-l10n": "needs-review",
    "needs-review-translation": "needs-review", "needs-review-adaptation": "needs-review",
    "needs-review-l10n": "needs-review",
    "translated": "translated", "signed-off": "final", "final": "final",
}
# XLIFF 2 segment@state.
STATES_2 = {"initial": "needs-review", "translated": "translated", "reviewed": "translated",
            "final": "final"}


# Streamed elements declare the default namespace themselves (lxml would invent an ns0:
# prefix); typed loosely because the stubs want str keys, and None means "default".
_DEFAULT_NS_12: Any = {None: NS_12}
_DEFAULT_NS_20: Any = {None: NS_20}

def sniff(head: bytes) -> bool:
    return b"<xliff" in head[:4096] or b"<\x00x\x00l\x00i\x00f\x00f\x00" in head[:8192]


def read(source: IO[bytes], path: str, options: ReadOptions | None = None) -> BilingualDoc:
    stream = iter_elements(source, path, ("xliff", "file", "trans-unit", "unit"),
                           events=("start", "end"))
    for event, element in stream:
        if event == "start" and local(element.tag) == "xliff":
            version = element.get("version", "")
            if version.startswith("2"):
                doc = BilingualDoc(iter(()), normalize_tag(element.get("srcLang", "")),
                                   normalize_tag(element.get("trgLang", "")),
                                   {"version": version})
                doc.segments = _units_2(stream, path, doc.dropped)
            else:
                doc = BilingualDoc(iter(()), "", "", {"version": version or "1.2"})
                # the first <file>'s languages are known before the caller iterates (a PO
                # written from this document needs them in its header)
                first = _first_file(stream, doc)
                doc.segments = _units_1(itertools.chain(first, stream), path, doc)
            return doc
        raise InputError(path, "not an XLIFF document (no <xliff> root)", element.sourceline)
    raise InputError(path, "empty XLIFF document")


def _first_file(stream: Iterator[tuple[str, Any]], doc: BilingualDoc) \
        -> list[tuple[str, Any]]:
    """Read up to the first <file> start (its languages go into `doc`); the events read."""
    for event, element in stream:
        if local(element.tag) == "file" and event == "start":
            _file_languages(element, doc)
            return []
        return [(event, element)]  # a trans-unit before any <file>: left to _units_1
    return []


def _file_languages(element: Any, doc: BilingualDoc) -> None:
    doc.source_lang = doc.source_lang or normalize_tag(element.get("source-language", ""))
    doc.target_lang = doc.target_lang or normalize_tag(element.get("target-language", ""))


# translate-toolkit's po2xliff writes the PO header as a trans-unit of this restype: it is
# the file's metadata, not a segment
HEADER_RESTYPE = "x-gettext-domain-header"


def _units_1(stream: Iterator[tuple[str, Any]], path: str, doc: BilingualDoc) \
        -> Iterator[Segment]:
    dropped = doc.dropped
    for event, element in stream:
        name = local(element.tag)
        if name == "file" and event == "start":
            _file_languages(element, doc)
        elif name == "trans-unit" and event == "end":
            if element.get("restype") == HEADER_RESTYPE:
                pass
            elif element.get("translate") != "no":
                yield _trans_unit(element, path, dropped)
            else:
                dropped["units marked translate=no"] += 1
            release(element)


def _trans_unit(unit: Any, path: str, dropped: Counter[str]) -> Segment:
    source = target = None
    notes: list[str] = []
    references: list[str] = []
    state = ""
    for child in unit:
        name = local(child.tag)
        if name == "source":
            source = inline_text(child, path, TEXT_TAGS_1)
            if len(child) and has_inline_codes(child, TEXT_TAGS_1):
                dropped["inline codes"] += 1
                _check_pairs([child], path, "bpt", "ept")
        elif name == "target":
            target = inline_text(child, path, TEXT_TAGS_1)
            state = STATES_1.get(child.get("state", ""), "")
            if len(child):
                _check_pairs([child], path, "bpt", "ept")
        elif name == "alt-trans":
            dropped["alternative translations (alt-trans)"] += 1
        elif name == "note" and child.text:
            notes.append(child.text)
        elif name == "context-group":
            contexts = {c.get("context-type", ""): (c.text or "") for c in child
                        if local(c.tag) == "context"}
            if "sourcefile" in contexts and contexts.get("linenumber", "").isdigit():
                references.append(f"{contexts['sourcefile']}:{contexts['linenumber']}")
            else:
                references.extend(v for v in contexts.values() if v)
        else:
            refuse_unsafe_child(child, path)
    if source is None:
        raise InputError(path, f"<trans-unit id={unit.get('id')!r}> has no <source>",
                         unit.sourceline)
    text = target or ""
    if unit.get("approved") == "yes" and text.strip():
        state = "final"
    if not state:
        state = "translated" if text.strip() else "new"
    return Segment(id=unit.get("id") or unit.get("resname") or str(unit.sourceline),
                   source=source, target=text, line=unit.sourceline, state=state,
                   notes=tuple(notes), references=tuple(references))


def _units_2(stream: Iterator[tuple[str, Any]], path: str, dropped: Counter[str]) \
        -> Iterator[Segment]:
    for event, element in stream:
        if local(element.tag) == "unit" and event == "end":
            if element.get("translate") != "no":
                yield _unit_2(element, path, dropped)
            else:
                dropped["units marked translate=no"] += 1
            release(element)


def _unit_2(unit: Any, path: str, dropped: Counter[str]) -> Segment:
    sources: list[str] = []
    targets: list[str] = []
    notes: list[str] = []
    references: list[str] = []
    states: list[str] = []
    original_id = ""
    for child in unit:
        name = local(child.tag)
        if name in ("segment", "ignorable"):
            source = target = None
            for part in child:
                part_name = local(part.tag)
                if part_name == "source":
                    source = inline_text(part, path, TEXT_TAGS_2, frozenset({"cp"}))
                    if len(part) and has_inline_codes(part, TEXT_TAGS_2 | {"cp"}):
                        dropped["inline codes"] += 1
                elif part_name == "target":
                    target = inline_text(part, path, TEXT_TAGS_2, frozenset({"cp"}))
            if source is None:
                raise InputError(path, f"<{name}> without <source>", child.sourceline)
            sources.append(source)
            targets.append(target or "")
            if name == "segment":
                state = STATES_2.get(child.get("state", ""), "")
                if not state:
                    state = "translated" if (target or "").strip() else "new"
                elif state == "needs-review" and not (target or "").strip():
                    state = "new"
                states.append(state)
        elif name == "notes":
            for note in child:
                if local(note.tag) != "note" or not note.text:
                    continue
                category = note.get("category", "")
                if category == "location":
                    references.append(note.text)
                elif category == "x-policyglossary-id":
                    original_id = note.text
                else:
                    notes.append(note.text)
        else:
            refuse_unsafe_child(child, path)
    if not sources:
        raise InputError(path, f"<unit id={unit.get('id')!r}> has no <segment>",
                         unit.sourceline)
    # a code may open in one segment of a unit and close in another: pairs are per unit
    for side in ("source", "target"):
        parts = [p for c in unit if local(c.tag) in ("segment", "ignorable") for p in c
                 if local(p.tag) == side and len(p)]
        if parts:
            _check_pairs(parts, path, "sc", "ec")
    state = min(states, key=SEGMENT_STATES.index) if states else "translated"
    if len(sources) > 1:
        dropped["segment boundaries inside units (segments joined)"] += 1
    return Segment(id=original_id or unit.get("id") or str(unit.sourceline),
                   source="".join(sources), target="".join(targets), line=unit.sourceline,
                   state=state, notes=tuple(notes), references=tuple(references))


def _check_pairs(elements: list[Any], path: str, opening: str, closing: str) -> None:
    """Every paired inline code that opens (XLIFF 1.2 <bpt>, 2.0 <sc>) closes later (<ept>,
    <ec>), and nothing closes what was not opened before; isolated codes (2.0
    isolated="yes") stand alone."""
    opened: dict[str, Any] = {}
    closed: set[str] = set()
    for element in elements:
        for code in element.iter():
            name = local(code.tag)
            if name not in (opening, closing) or code.get("isolated") == "yes":
                continue
            if name == opening:
                opened.setdefault(code.get("rid") or code.get("id") or "", code)
                continue
            key = code.get("startRef") or code.get("rid") or code.get("id") or ""
            if key not in opened:
                raise InputError(path, f"inline code <{closing}> closes {key!r} before any "
                                       f"<{opening}> opened it", code.sourceline)
            closed.add(key)
    for key, code in opened.items():
        if key not in closed:
            raise InputError(path, f"inline code <{opening} id={key!r}> is never closed by an "
                                   f"<{closing}>", code.sourceline)


# ------------------------------------------------------------------ writing

STATE_OUT_1 = {"needs-review": "needs-review-translation", "translated": "translated",
               "final": "final", "new": "new"}
STATE_OUT_2 = {"needs-review": "initial", "translated": "translated", "final": "final",
               "new": "initial"}
ID_NOTE = "x-policyglossary-id"
LOCATION = "location"


def _check_segment(segment: Segment) -> None:
    for text in (segment.id, segment.source, segment.target, *segment.notes,
                 *segment.references):
        xml_text(text, f"segment {segment.id}")


def _unique(ids: dict[str, int], wanted: str) -> str:
    count = ids.get(wanted, 0)
    ids[wanted] = count + 1
    return wanted if count == 0 else f"{wanted}-{count + 1}"


def write_doc(target: IO[bytes], doc: BilingualDoc, options: WriteOptions) -> list[str]:
    """XLIFF 1.2 (valid against the strict schema): one <trans-unit> per segment; notes as
    <note>; references as a location context-group; state on <target>."""
    from lxml import etree

    from .._version import __version__

    source_lang = normalize_tag(doc.source_lang or options.source_lang)
    target_lang = normalize_tag(doc.target_lang or options.target_lang)
    ids: dict[str, int] = {}
    renamed = 0
    with etree.xmlfile(target, encoding="UTF-8") as xml:
        xml.write_declaration()
        with xml.element(f"{{{NS_12}}}xliff", version="1.2", nsmap={None: NS_12}):
            attrs = {"original": doc.properties.get("original", "policyglossary"),
                     "source-language": source_lang, "datatype": "plaintext"}
            if target_lang:
                attrs["target-language"] = target_lang
            with xml.element(f"{{{NS_12}}}file", attrs):
                header = etree.Element(f"{{{NS_12}}}header", nsmap=_DEFAULT_NS_12)
                etree.SubElement(header, f"{{{NS_12}}}tool", {
                    "tool-id": "policyglossary", "tool-name": "policyglossary",
                    "tool-version": __version__})
                xml.write("\n", header, "\n")
                with xml.element(f"{{{NS_12}}}body"):
                    for segment in doc.segments:
                        _check_segment(segment)
                        unit_id = _unique(ids, segment.id)
                        renamed += unit_id != segment.id
                        xml.write("\n", _trans_unit_out(segment, unit_id))
                    xml.write("\n")
    return [f"{renamed} duplicate segment id(s) made unique with a -N suffix"] if renamed else []


def _trans_unit_out(segment: Segment, unit_id: str) -> Any:
    from lxml import etree

    q = f"{{{NS_12}}}"
    unit = etree.Element(q + "trans-unit", id=unit_id, nsmap=_DEFAULT_NS_12)
    etree.SubElement(unit, q + "source").text = segment.source
    if segment.target or segment.state != "new":
        target = etree.SubElement(unit, q + "target", state=STATE_OUT_1[segment.state])
        target.text = segment.target
        if segment.state == "final":
            unit.set("approved", "yes")
    for note in segment.notes:
        etree.SubElement(unit, q + "note").text = note
    for reference in segment.references:
        group = etree.SubElement(unit, q + "context-group", purpose="location")
        name, _, line = reference.rpartition(":")
        if name and line.isdigit():
            etree.SubElement(group, q + "context", {"context-type": "sourcefile"}).text = name
            etree.SubElement(group, q + "context", {"context-type": "linenumber"}).text = line
        else:
            etree.SubElement(group, q + "context", {"context-type": "sourcefile"}).text = \
                reference
    return unit


def write_doc_2(target: IO[bytes], doc: BilingualDoc, options: WriteOptions) -> list[str]:
    """XLIFF 2.0 core: one <unit> with one <segment> per segment. Unit ids must be NMTOKENs:
    others are rewritten and the original kept in a note (category x-policyglossary-id);
    references are notes of category location."""
    import re

    from lxml import etree

    q = f"{{{NS_20}}}"
    source_lang = normalize_tag(doc.source_lang or options.source_lang)
    target_lang = normalize_tag(doc.target_lang or options.target_lang)
    ids: dict[str, int] = {}
    renamed = 0
    with etree.xmlfile(target, encoding="UTF-8") as xml:
        xml.write_declaration()
        attrs = {"version": "2.0", "srcLang": source_lang}
        if target_lang:
            attrs["trgLang"] = target_lang
        with xml.element(q + "xliff", attrs, nsmap={None: NS_20}), \
                xml.element(q + "file", id="f1",
                            original=doc.properties.get("original", "policyglossary")):
                for segment in doc.segments:
                    _check_segment(segment)
                    token = re.sub(r"[^\w.:-]", "_", segment.id) or "u"
                    unit_id = _unique(ids, token)
                    unit = etree.Element(q + "unit", id=unit_id, nsmap=_DEFAULT_NS_20)
                    notes: list[tuple[str | None, str]] = [(None, n) for n in segment.notes]
                    notes += [(LOCATION, r) for r in segment.references]
                    if unit_id != segment.id:
                        renamed += 1
                        notes.append((ID_NOTE, segment.id))
                    if notes:
                        holder = etree.SubElement(unit, q + "notes")
                        for category, text in notes:
                            note = etree.SubElement(holder, q + "note")
                            if category:
                                note.set("category", category)
                            note.text = text
                    seg = etree.SubElement(unit, q + "segment", state=STATE_OUT_2[segment.state])
                    etree.SubElement(seg, q + "source").text = segment.source
                    if segment.target:
                        etree.SubElement(seg, q + "target").text = segment.target
                    xml.write("\n", unit)
                xml.write("\n")
    return [f"{renamed} segment id(s) are not XML name tokens; written as unit ids with the "
            "original in a note"] if renamed else []


XLIFF = FormatFunctions(read_doc=read, write_doc=write_doc, sniff=sniff)
XLIFF2 = FormatFunctions(read_doc=read, write_doc=write_doc_2)
