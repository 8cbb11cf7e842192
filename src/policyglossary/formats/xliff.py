"""XLIFF 1.1/1.2 and 2.x bilingual files, streamed unit by unit.

XLIFF 1.x: a <trans-unit> is one segment (id = its id attribute); <alt-trans> proposals are not
the translation and are ignored. XLIFF 2.x: a <unit> is one segment; its <segment>s and
<ignorable>s are joined in order and the least finished segment state is the unit's state.
Units marked translate="no" are skipped. Inline placeholders and native codes are dropped;
text inside g/mrk/pc is kept; XLIFF 2 <cp hex> becomes its character.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError
from ..model import SEGMENT_STATES, BilingualDoc, Segment
from ._options import ReadOptions
from ._xml import inline_text, iter_elements, local, refuse_unsafe_child, release

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


def sniff(head: bytes) -> bool:
    return b"<xliff" in head[:4096] or b"<\x00x\x00l\x00i\x00f\x00f\x00" in head[:8192]


def read(source: IO[bytes], path: str, options: ReadOptions | None = None) -> BilingualDoc:
    stream = iter_elements(source, path, ("xliff", "file", "trans-unit", "unit"),
                           events=("start", "end"))
    for event, element in stream:
        if event == "start" and local(element.tag) == "xliff":
            version = element.get("version", "")
            if version.startswith("2"):
                doc = BilingualDoc(iter(()), element.get("srcLang", ""),
                                   element.get("trgLang", ""), {"version": version})
                doc.segments = _units_2(stream, path)
            else:
                doc = BilingualDoc(iter(()), "", "", {"version": version or "1.2"})
                doc.segments = _units_1(stream, path, doc)
            return doc
        raise InputError(path, "not an XLIFF document (no <xliff> root)", element.sourceline)
    raise InputError(path, "empty XLIFF document")


def _units_1(stream: Iterator[tuple[str, Any]], path: str, doc: BilingualDoc) \
        -> Iterator[Segment]:
    for event, element in stream:
        name = local(element.tag)
        if name == "file" and event == "start":
            doc.source_lang = doc.source_lang or element.get("source-language", "")
            doc.target_lang = doc.target_lang or element.get("target-language", "")
        elif name == "trans-unit" and event == "end":
            if element.get("translate") != "no":
                yield _trans_unit(element, path)
            release(element)


def _trans_unit(unit: Any, path: str) -> Segment:
    source = target = None
    notes: list[str] = []
    references: list[str] = []
    state = ""
    for child in unit:
        name = local(child.tag)
        if name == "source":
            source = inline_text(child, path, TEXT_TAGS_1)
        elif name == "target":
            target = inline_text(child, path, TEXT_TAGS_1)
            state = STATES_1.get(child.get("state", ""), "")
        elif name == "note" and child.text:
            notes.append(child.text)
        elif name == "context-group":
            references.extend(c.text for c in child if local(c.tag) == "context" and c.text)
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


def _units_2(stream: Iterator[tuple[str, Any]], path: str) -> Iterator[Segment]:
    for event, element in stream:
        if local(element.tag) == "unit" and event == "end":
            if element.get("translate") != "no":
                yield _unit_2(element, path)
            release(element)


def _unit_2(unit: Any, path: str) -> Segment:
    sources: list[str] = []
    targets: list[str] = []
    notes: list[str] = []
    states: list[str] = []
    for child in unit:
        name = local(child.tag)
        if name in ("segment", "ignorable"):
            source = target = None
            for part in child:
                part_name = local(part.tag)
                if part_name == "source":
                    source = inline_text(part, path, TEXT_TAGS_2, frozenset({"cp"}))
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
            notes.extend(n.text for n in child if local(n.tag) == "note" and n.text)
        else:
            refuse_unsafe_child(child, path)
    if not sources:
        raise InputError(path, f"<unit id={unit.get('id')!r}> has no <segment>",
                         unit.sourceline)
    state = min(states, key=SEGMENT_STATES.index) if states else "translated"
    return Segment(id=unit.get("id") or str(unit.sourceline), source="".join(sources),
                   target="".join(targets), line=unit.sourceline, state=state,
                   notes=tuple(notes))
