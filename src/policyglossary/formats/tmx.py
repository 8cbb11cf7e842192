"""TMX 1.4b translation memories (TMX 1.1 `lang=` is read too), streamed.

A translation unit becomes one `Segment`: the Chinese variant is the source and the English
one the target (other language pairs: `ReadOptions.source_lang/target_lang`, else the header's
srclang and the first other variant). The id is the tuid, else the 1-based index of the <tu>.
Inline codes (bpt, ept, it, ph, ut) are native markup and are dropped; <hi> text is kept.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError
from ..langs import is_chinese, is_english, normalize_tag, same_language
from ..model import BilingualDoc, Segment, TermBase
from ._options import ImportedTermBase, ReadOptions, WriteOptions
from ._spec import FormatFunctions
from ._xml import (
    XML_LANG,
    has_inline_codes,
    inline_text,
    iter_elements,
    local,
    refuse_unsafe_child,
    release,
    xml_text,
)

TEXT_TAGS = frozenset({"hi"})
STATE_PROP = "x-policyglossary-state"
REFERENCE_PROP = "x-policyglossary-reference"


def sniff(head: bytes) -> bool:
    return b"<tmx" in head[:4096] or b"<\x00t\x00m\x00x\x00" in head[:8192]


def read(source: IO[bytes], path: str, options: ReadOptions | None = None) -> BilingualDoc:
    """Read a TMX file; the header is parsed now, units are streamed as `segments` is iterated.
    """
    options = options or ReadOptions()
    stream = iter_elements(source, path, ("header", "tu"))
    header: dict[str, str] | None = None
    first_unit: Any = None
    for _, element in stream:
        if local(element.tag) == "header":
            header = {k: v for k, v in element.attrib.items() if isinstance(v, str)}
            release(element)
            continue
        first_unit = element
        break
    if header is None and first_unit is not None:
        raise InputError(path, "TMX without <header>", first_unit.sourceline)
    header = header or {}
    # no srclang (it is required, but tools leave it out): the Chinese variant is the source
    srclang = normalize_tag(header.get("srclang", ""))
    source_lang = options.source_lang or (srclang if srclang and srclang.lower() != "*all*"
                                          else "zh")
    target_lang = options.target_lang or "en"
    if not options.source_lang and not is_chinese(source_lang):
        source_lang = "zh"  # we check Chinese sources; a zh variant wins when there is one
    # TMX names no target language: the first unit's English variant gives its tag (en-US),
    # so that what `convert` writes keeps the region; matching still takes any English variant
    shown_target = (options.target_lang or _target_tag(first_unit, source_lang, target_lang,
                                                       srclang) or target_lang)
    doc = BilingualDoc(iter(()), source_lang, shown_target,
                       {k: v for k, v in header.items() if k in ("creationtool", "srclang")})
    doc.segments = _units(stream, first_unit, path, source_lang, target_lang, srclang,
                          doc.dropped, options.index_offset)
    return doc


def _units(stream: Iterator[tuple[str, Any]], first: Any, path: str, source_lang: str,
           target_lang: str, srclang: str, dropped: Counter[str],
           index: int = 0) -> Iterator[Segment]:
    element = first
    while element is not None:
        index += 1
        yield _unit(element, index, path, source_lang, target_lang, srclang, dropped)
        release(element)
        element = None
        for _, candidate in stream:
            if local(candidate.tag) == "tu":
                element = candidate
                break
            release(candidate)


_ROLES: dict[tuple[str, str, str, str, str], int] = {}


def _fast_unit(tu: Any, index: int, source_lang: str, target_lang: str,
               srclang: str) -> Segment | None:
    """The common unit, two plain variants with no notes, props or inline codes, read
    without the general loop. None: take the general path."""
    if len(tu) != 2:
        return None
    first, second = tu[0], tu[1]
    if first.tag != "tuv" or second.tag != "tuv" or len(first) != 1 or len(second) != 1:
        return None
    seg_a, seg_b = first[0], second[0]
    if seg_a.tag != "seg" or seg_b.tag != "seg" or len(seg_a) or len(seg_b):
        return None
    lang_a = first.get(XML_LANG) or first.get("lang") or ""
    lang_b = second.get(XML_LANG) or second.get("lang") or ""
    unit_src = tu.get("srclang") or srclang
    key = (lang_a, lang_b, unit_src, source_lang, target_lang)
    role = _ROLES.get(key)
    if role is None:
        variants: list[tuple[str, str, list[str]]] = [(lang_a, "a", []), (lang_b, "b", [])]
        source, target = _roles(variants, source_lang, target_lang, unit_src)
        if source is None or target is None or target is source:
            role = 0
        else:
            role = 1 if source[1] == "a" else 2
        _ROLES[key] = role
    if role == 0:
        return None
    source_text, target_text = (seg_a.text or "", seg_b.text or "") if role == 1 else \
        (seg_b.text or "", seg_a.text or "")
    return Segment(tu.get("tuid") or str(index), source_text, target_text, tu.sourceline,
                   "translated" if target_text.strip() else "new")


def _unit(tu: Any, index: int, path: str, source_lang: str, target_lang: str,
          srclang: str, dropped: Counter[str]) -> Segment:
    fast = _fast_unit(tu, index, source_lang, target_lang, srclang)
    if fast is not None:
        return fast
    variants: list[tuple[str, str, list[str]]] = []
    notes: list[str] = []
    references: list[str] = []
    state = ""
    for child in tu:
        name = local(child.tag)
        if name == "tuv":
            lang = child.get(XML_LANG) or child.get("lang") or ""
            text = None
            for part in child:
                part_name = local(part.tag)
                if part_name == "seg":
                    text = inline_text(part, path, TEXT_TAGS)
                    if len(part) and has_inline_codes(part, TEXT_TAGS):
                        dropped["inline codes"] += 1
                elif part_name == "note" and part.text:
                    notes.append(part.text)
                elif part_name == "prop" and part.get("type") == STATE_PROP:
                    state = part.text or ""
                else:
                    refuse_unsafe_child(part, path)
            if text is None:
                raise InputError(path, "<tuv> without <seg>", child.sourceline)
            variants.append((lang, text, []))
        elif name == "note" and child.text:
            notes.append(child.text)
        elif name == "prop" and child.get("type") == STATE_PROP:
            state = child.text or ""
        elif name == "prop" and child.get("type") == REFERENCE_PROP and child.text:
            references.append(child.text)
        else:
            refuse_unsafe_child(child, path)
    source, target = _roles(variants, source_lang, target_lang, tu.get("srclang") or srclang)
    if source is None:
        raise InputError(path, f"translation unit has no {source_lang} variant", tu.sourceline)
    if target is None:
        others = [v for v in variants if v is not source]
        target = others[0] if others and not is_english(source_lang) else None
    target_text = target[1] if target else ""
    for variant in variants:
        if variant is not source and variant is not target:
            dropped[f"{variant[0] or 'unlabelled'} variants"] += 1
    return Segment(
        id=tu.get("tuid") or str(index), source=source[1], target=target_text,
        line=tu.sourceline, state=state or ("translated" if target_text.strip() else "new"),
        notes=tuple(notes), references=tuple(references),
    )


def _target_tag(tu: Any, source_lang: str, target_lang: str, srclang: str) -> str:
    """The tag of the variant a unit's target is taken from, '' when there is none."""
    if tu is None:
        return ""
    variants: list[tuple[str, str, list[str]]] = [
        (tuv.get(XML_LANG) or tuv.get("lang") or "", "", [])
        for tuv in tu if isinstance(tuv.tag, str) and local(tuv.tag) == "tuv"]
    _, target = _roles(variants, source_lang, target_lang, tu.get("srclang") or srclang)
    return normalize_tag(target[0]) if target else ""


_Variant = tuple[str, str, list[str]]


def _roles(variants: list[_Variant], source_lang: str, target_lang: str, unit_src: str) \
        -> tuple[_Variant | None, _Variant | None]:
    """The variants a unit's source and target are taken from (either may be missing)."""
    source = _pick(variants, source_lang) or _pick(variants, unit_src)
    target = _pick(variants, target_lang, exclude=source[0]) if source else None
    return source, target


def _pick(variants: list[tuple[str, str, list[str]]], lang: str, exclude: str | None = None) \
        -> tuple[str, str, list[str]] | None:
    if not lang:
        return None
    wanted = normalize_tag(lang)
    for variant in variants:  # exact tag first (zh-TW before another zh variant)
        if normalize_tag(variant[0]) == wanted and variant[0] != exclude:
            return variant
    for variant in variants:
        if same_language(variant[0], wanted) and variant[0] != exclude:
            return variant
    return None


# ------------------------------------------------------------------ writing

CONCEPT_PROP = "x-policyglossary-concept"
STATUS_PROP = "x-policyglossary-status"


@contextlib.contextmanager
def _tmx_body(target: IO[bytes], srclang: str) -> Iterator[Any]:
    """An incremental TMX 1.4b writer positioned inside <body> (both writers use it)."""
    from lxml import etree

    from .._version import __version__

    header = {"creationtool": "policyglossary", "creationtoolversion": __version__,
              "segtype": "sentence", "o-tmf": "policyglossary", "adminlang": "en",
              "srclang": srclang, "datatype": "plaintext"}
    with etree.xmlfile(target, encoding="UTF-8") as xml:
        xml.write_declaration()
        xml.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
        with xml.element("tmx", version="1.4"):
            xml.write("\n", etree.Element("header", header), "\n")
            with xml.element("body"):
                yield xml  # the writer ends its units with a newline before </body>
            xml.write("\n")


def write_doc(target: IO[bytes], doc: BilingualDoc, options: WriteOptions) -> list[str]:
    """A TMX 1.4b memory, written incrementally: tuid = segment id, notes as <note>, state
    and references as x-policyglossary props (TMX has no fields for them)."""
    from lxml import etree

    source_lang = normalize_tag(doc.source_lang or options.source_lang)
    target_lang = normalize_tag(doc.target_lang or options.target_lang)
    with _tmx_body(target, source_lang) as xml:
        for segment in doc.segments:
            where = f"segment {segment.id}"
            for text in (segment.id, segment.source, segment.target, *segment.notes,
                         *segment.references):
                xml_text(text, where)
            tu = etree.Element("tu", tuid=segment.id)
            for note in segment.notes:
                etree.SubElement(tu, "note").text = note
            if segment.state != "translated":
                etree.SubElement(tu, "prop", type=STATE_PROP).text = segment.state
            for reference in segment.references:
                etree.SubElement(tu, "prop", type=REFERENCE_PROP).text = reference
            _tuv(tu, source_lang, segment.source)
            if segment.target:
                _tuv(tu, target_lang, segment.target)
            xml.write("\n", tu)
        xml.write("\n")
    return []


def _tuv(tu: Any, lang: str, text: str, status: str = "") -> None:
    from lxml import etree

    tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
    if status:
        etree.SubElement(tuv, "prop", type=STATUS_PROP).text = status
    etree.SubElement(tuv, "seg").text = text


# What term pairs hold (README "Using the exports in CAT tools"): the concept id (a prop), the
# definition (a note), the terms of every status with a status prop (forbidden ones with
# --forbidden include, their reason in a note), allowed Chinese synonyms paired with the
# preferred rendering. Forbidden and superseded Chinese terms are not written.
HOLDS = frozenset({"id", "definition", "zh:preferred", "zh:admitted", "en:preferred",
                   "en:admitted", "en:forbidden", "en:superseded", "en.reason", "en:none"})


def holds(options: WriteOptions) -> frozenset[str]:
    return HOLDS


def write_termbase(target: IO[bytes], termbase: TermBase, options: WriteOptions) -> list[str]:
    """Term pairs: one <tu> per English rendering given (tuid = concept id, then -2, -3 …),
    with the Chinese headword and its chosen Traditional forms; the definition as a note.
    Forbidden renderings only with --forbidden include (marked by a status prop). Which
    renderings are given is the caller's choice (`fidelity.filtered`: --renderings)."""
    from ..matching.chinese import variant_forms
    from ..model import Term

    include = options.forbidden == "include"
    doc_segments: list[Any] = []
    for concept in termbase:
        zh_terms = [t for t in concept.zh if t.allowed] or list(concept.zh[:1])
        headword = zh_terms[0]
        english = [t for t in concept.en if t.allowed or include]
        pairs: list[tuple[Term, Term]] = [(headword, t) for t in english]
        pairs += [(z, english[0]) for z in zh_terms[1:] if english]
        for number, (zh, en) in enumerate(pairs, start=1):
            for text in (concept.id, concept.definition, zh.text, en.text, en.reason):
                xml_text(text, f"concept {concept.id}")
            doc_segments.append((concept, number, zh, en, variant_forms(zh)))
    from lxml import etree

    zh_tag = normalize_tag(options.source_lang or "zh-CN")
    with _tmx_body(target, zh_tag) as xml:
        for concept, number, zh, en, forms in doc_segments:
            tu = etree.Element("tu", tuid=concept.id if number == 1
                               else f"{concept.id}-{number}")
            if concept.definition:
                etree.SubElement(tu, "note").text = concept.definition
            if en.rejected:  # always, as the last note: then it is told from the definition
                etree.SubElement(tu, "note").text = f"{en.status}: {en.reason}".rstrip()
            etree.SubElement(tu, "prop", type=CONCEPT_PROP).text = concept.id
            _tuv(tu, zh_tag, zh.text, zh.status)
            _tuv(tu, normalize_tag(options.target_lang or "en"), en.text, en.status)
            for tag in options.zh_variants or ():
                if forms.get(tag) and forms[tag] != zh.text:
                    _tuv(tu, tag, forms[tag], zh.status)
            xml.write("\n", tu)
        xml.write("\n")
    return []


def read_termbase(source: IO[bytes], path: str, options: ReadOptions) -> ImportedTermBase:
    """Term pairs from a TMX: units grouped by our concept prop, else by the Chinese text."""
    from ..model import Concept, Term

    grouped: dict[str, dict[str, Any]] = {}
    skipped = 0
    for _, tu in iter_elements(source, path, ("header", "tu")):  # a memory may have no unit
        if local(tu.tag) == "header":
            continue
        concept_id = ""
        variants: list[tuple[str, str, str]] = []
        notes: list[str] = []
        for child in tu:
            name = local(child.tag)
            if name == "prop" and child.get("type") == CONCEPT_PROP:
                concept_id = (child.text or "").strip()
            elif name == "note" and child.text:
                notes.append(child.text)
            elif name == "tuv":
                lang = child.get(XML_LANG) or child.get("lang") or ""
                status, text = "", None
                for part in child:
                    if local(part.tag) == "seg":
                        text = inline_text(part, path, TEXT_TAGS)
                    elif local(part.tag) == "prop" and part.get("type") == STATUS_PROP:
                        status = (part.text or "").strip()
                if text is not None:
                    variants.append((lang, text.strip(), status))
        release(tu)
        zh = next((v for v in variants if is_chinese(v[0])), None)
        en = next((v for v in variants if is_english(v[0])), None)
        if zh is None or en is None or not zh[1] or not en[1]:
            skipped += 1
            continue
        entry = grouped.setdefault(concept_id or zh[1], {"id": concept_id, "zh": [], "en": [],
                                                         "notes": []})
        if zh[1] not in [t.text for t in entry["zh"]]:
            entry["zh"].append(Term(zh[1], zh[2] or ("preferred" if not entry["zh"]
                                                     else "admitted")))
        status = en[2] or ("preferred" if not entry["en"] else "admitted")
        reason = ""
        # our writer ends a rejected rendering's notes with "forbidden: reason"
        if status in ("forbidden", "superseded") and notes and \
                (notes[-1] + " ").startswith(f"{status}: "):
            reason, notes = notes[-1][len(status) + 1:].strip(), notes[:-1]
        if en[1] not in [t.text for t in entry["en"]]:
            entry["en"].append(Term(en[1], status, reason=reason))
        entry["notes"].extend(n for n in notes if n not in entry["notes"])
    concepts = []
    for entry in grouped.values():
        definition = entry["notes"][0] if entry["notes"] else ""
        concepts.append(Concept(entry["id"], tuple(entry["zh"]), tuple(entry["en"]),
                                definition=definition))
    warnings = [f"{path}: {skipped} unit(s) without both a Chinese and an English text skipped"] \
        if skipped else []
    return ImportedTermBase(TermBase(tuple(concepts)), False, warnings, HOLDS)


FORMAT = FormatFunctions(read_doc=read, write_doc=write_doc, read_termbase=read_termbase,
                         write_termbase=write_termbase, sniff=sniff, holds=holds)
