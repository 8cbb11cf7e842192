"""TMX 1.4b translation memories (TMX 1.1 `lang=` is read too), streamed.

A translation unit becomes one `Segment`: the Chinese variant is the source and the English
one the target (other language pairs: `ReadOptions.source_lang/target_lang`, else the header's
srclang and the first other variant). The id is the tuid, else the 1-based index of the <tu>.
Inline codes (bpt, ept, it, ph, ut) are native markup and are dropped; <hi> text is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError
from ..langs import is_chinese, is_english, normalize_tag, same_language
from ..model import BilingualDoc, Segment
from ._options import ReadOptions
from ._xml import XML_LANG, inline_text, iter_elements, local, refuse_unsafe_child, release

TEXT_TAGS = frozenset({"hi"})
STATE_PROP = "x-policyglossary-state"


def sniff(head: bytes) -> bool:
    return b"<tmx" in head[:4096] or b"<\x00t\x00m\x00x\x00" in head[:8192]


def read(source: IO[bytes], path: str, options: ReadOptions | None = None) -> BilingualDoc:
    """Read a TMX file; the header is parsed now, units are streamed as `segments` is iterated.
    """
    options = options or ReadOptions()
    stream = iter_elements(source, path, ("header", "tu"))
    header: dict[str, str] = {}
    first_unit: Any = None
    for _, element in stream:
        if local(element.tag) == "header":
            header = {k: v for k, v in element.attrib.items() if isinstance(v, str)}
            release(element)
            continue
        first_unit = element
        break
    srclang = normalize_tag(header.get("srclang", ""))
    if not header and first_unit is not None:
        raise InputError(path, "TMX without <header>", first_unit.sourceline)
    source_lang = options.source_lang or (srclang if srclang and srclang != "*All*" else "zh")
    target_lang = options.target_lang or "en"
    if not options.source_lang and not is_chinese(source_lang):
        source_lang = "zh"  # we check Chinese sources; a zh variant wins when there is one
    doc = BilingualDoc(iter(()), source_lang, target_lang,
                       {k: v for k, v in header.items() if k in ("creationtool", "srclang")})
    doc.segments = _units(stream, first_unit, path, source_lang, target_lang, srclang)
    return doc


def _units(stream: Iterator[tuple[str, Any]], first: Any, path: str, source_lang: str,
           target_lang: str, srclang: str) -> Iterator[Segment]:
    index = 0
    element = first
    while element is not None:
        index += 1
        yield _unit(element, index, path, source_lang, target_lang, srclang)
        release(element)
        element = None
        for _, candidate in stream:
            if local(candidate.tag) == "tu":
                element = candidate
                break
            release(candidate)


def _unit(tu: Any, index: int, path: str, source_lang: str, target_lang: str,
          srclang: str) -> Segment:
    variants: list[tuple[str, str, list[str]]] = []
    notes: list[str] = []
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
        else:
            refuse_unsafe_child(child, path)
    unit_src = tu.get("srclang") or srclang
    source = _pick(variants, source_lang) or _pick(variants, unit_src)
    if source is None:
        raise InputError(path, f"translation unit has no {source_lang} variant", tu.sourceline)
    target = _pick(variants, target_lang, exclude=source[0])
    if target is None:
        others = [v for v in variants if v is not source]
        target = others[0] if others and not is_english(source_lang) else None
    target_text = target[1] if target else ""
    return Segment(
        id=tu.get("tuid") or str(index), source=source[1], target=target_text,
        line=tu.sourceline, state=state or ("translated" if target_text.strip() else "new"),
        notes=tuple(notes),
    )


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
