"""The only way this package parses XML: streaming, no entities, no network, no DTD.

Every reader goes through `iter_elements`. It refuses, with an `InputError` naming file and
line:
- a DOCTYPE that declares entities or elements (billion laughs, quadratic blow-up, XXE): the
  internal subset is never expanded, and the file is refused before its body is read;
- an entity reference the document does not define itself (it would need the external DTD,
  which is never loaded, as `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` alone is fine);
- XInclude elements, which are never processed.
Malformed XML becomes `file:line: message`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree

from ..errors import InputError, OutputError

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XINCLUDE_ANY = f"{{{XINCLUDE_NS}}}*"


def local(tag: object) -> str:
    """Tag name without namespace ('' for comments and processing instructions)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _check_doctype(root: Any, path: str) -> bool:
    """Refuse an internal DTD subset that declares anything; True when the DOCTYPE names an
    external DTD (whose entities the document may use, and we never load)."""
    info = root.getroottree().docinfo
    external = bool(info.system_url or info.public_id)
    dtd = info.internalDTD
    if dtd is None:
        return external
    declared = [e.name for e in dtd.iterentities()] + [e.name for e in dtd.iterelements()]
    if declared:
        raise InputError(path, "the DOCTYPE before this line declares entities or elements "
                               "(an internal DTD subset); refused for safety", root.sourceline)
    return external


def iter_elements(source: IO[bytes], path: str, tags: tuple[str, ...],
                  events: tuple[str, ...] = ("end",)) -> Iterator[tuple[str, Any]]:
    """Stream (event, element) pairs for elements whose local name is in `tags`.

    The caller clears elements it has finished with (see `release`).
    """
    parser_args = {
        "events": events, "resolve_entities": False, "no_network": True, "load_dtd": False,
        "dtd_validation": False, "huge_tree": False, "remove_comments": True,
        "remove_pis": True, "recover": False,
    }
    parser_args["events"] = (*events, "start-ns")
    context = etree.iterparse(source, tag=[f"{{*}}{t}" for t in tags], **parser_args)
    checked = False
    # An undefined entity (only the external DTD, never read, could define it) and an
    # XInclude element are refused wherever they are, not silently left out of a text.
    # Looking costs a pass over each element, so it is done only where they can occur: after
    # a DOCTYPE naming an external DTD, and after a declaration of the XInclude namespace.
    unsafe: list[Any] = []
    try:
        for event, element in context:
            if event == "start-ns":
                if element[1] == XINCLUDE_NS and _XINCLUDE_ANY not in unsafe:
                    unsafe.append(_XINCLUDE_ANY)
                continue
            if not checked:
                if _check_doctype(element, path):
                    unsafe.append(etree.Entity)
                checked = True
            if unsafe and event == "end":
                for node in element.iter(*unsafe):
                    refuse_unsafe_child(node, path)
            yield event, element
    except etree.XMLSyntaxError as exc:
        line, message = _first_error(exc, context.error_log)
        undefined = _UNDEFINED.fullmatch(message)
        if undefined:
            raise InputError(path, _undefined(undefined.group(1)), line) from None
        if checked and line in (None, 1):
            # libxml2's push parser (a file object it is fed from) reports an undefined
            # entity in a document without a DOCTYPE as "Start tag expected" at line 1,
            # after elements were read fine: look for one
            found = _undefined_entity(source)
            if found is not None:
                raise InputError(path, _undefined(found[1]), found[0]) from None
        if "Document is empty" in message or ("Start tag expected" in message \
                and line in (None, 1)):
            message = "empty or not an XML file"
        if "XML_PARSE_HUGE" in message or "limit exceeded" in message.lower():
            raise InputError(path, "a text or name longer than 10,000,000 characters (the "
                                   "limit of one field or segment)", line) from None
        raise InputError(path, f"malformed XML: {_short(message)}", line) from None
    except LookupError as exc:  # an encoding declaration lxml does not know
        raise InputError(path, f"unknown encoding: {exc}") from None
    if not checked:
        raise InputError(path, "no expected elements found: " + ", ".join(tags))


_UNDEFINED = re.compile(r"Entity '(.+)' not defined")


def _undefined(name: str) -> str:
    return (f"undefined entity &{name}; (without a DTD, only the five XML entities and "
            "character references can be used)")


_ENTITY_REFERENCE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z_:][-\w.:]*);")


def _undefined_entity(source: IO[bytes]) -> tuple[int, str] | None:
    """(line, name) of the first reference to an entity XML does not predefine, read again
    from the start of a seekable source; None when there is none or the source cannot be
    read again. Only on the error path: it reads the whole file a megabyte at a time."""
    try:
        if not source.seekable():
            return None
        source.seek(0)
        line, tail = 1, b""
        while chunk := source.read(1 << 20):
            data = tail + chunk
            found = _ENTITY_REFERENCE.search(data)
            if found:
                return line + data.count(b"\n", 0, found.start()), \
                    found.group(1).decode("utf-8", "replace")
            keep = min(len(data), 256)  # a reference may straddle two reads
            line += data.count(b"\n", 0, len(data) - keep)
            tail = data[len(data) - keep:]
    except (OSError, ValueError):
        return None
    return None


def _first_error(exc: etree.XMLSyntaxError, log: Any) -> tuple[int | None, str]:
    """The line and message of the error that stopped the parser. With entities left
    unresolved, iterparse raises a summary ("no element found", "Start tag expected" at line
    1) while the parser's own log holds the real one ("Entity 'nbsp' not defined" at line
    3). (The exception's log is no use: it holds earlier parses' errors too.)"""
    for entry in log:
        if entry.level >= etree.ErrorLevels.ERROR:
            return (entry.line if entry.line > 0 else None), entry.message.strip()
    return (exc.lineno if exc.lineno and exc.lineno > 0 else None), str(exc.msg or exc).strip()


def _short(message: str) -> str:
    # libxml2 appends ", line N, column M" which we already carry as the line number.
    head = " ".join(message.split(", line ")[0].split())
    return head[:200]


def release(element: Any) -> None:
    """Free a finished element and the siblings before it, keeping memory flat."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def refuse_unsafe_child(child: Any, path: str) -> None:
    if child.tag is etree.Entity:
        raise InputError(path, f"undefined entity {child.text} (entities from an external "
                               "DTD are not loaded)", child.sourceline)
    if isinstance(child.tag, str) and namespace(child.tag) == XINCLUDE_NS:
        raise InputError(path, "XInclude is not supported and is refused", child.sourceline)


def inline_text(element: Any, path: str, text_tags: frozenset[str],
                code_tags: frozenset[str] = frozenset()) -> str:
    """Text of a segment element with inline markup.

    Children in `text_tags` contribute their text (XLIFF g/mrk, TMX hi); others (placeholders,
    native codes, sub-flows) contribute nothing, and their tails are kept. A child in
    `code_tags` whose text should appear verbatim (XLIFF 2 cp) is handled by the caller.
    """
    if len(element) == 0:
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        refuse_unsafe_child(child, path)
        name = local(child.tag)
        if name in text_tags:
            parts.append(inline_text(child, path, text_tags, code_tags))
        elif name == "cp" and "cp" in code_tags:
            hexcode = child.get("hex", "")
            try:
                parts.append(chr(int(hexcode, 16)))
            except ValueError:
                raise InputError(path, f"bad <cp hex={hexcode!r}>", child.sourceline) from None
        parts.append(child.tail or "")
    return "".join(parts)


def has_inline_codes(element: Any, text_tags: frozenset[str]) -> bool:
    """Whether a segment element holds placeholders or native codes the reader drops."""
    return any(isinstance(child.tag, str) and local(child.tag) not in text_tags
               for child in element.iter() if child is not element)


# XML 1.0 cannot carry these characters at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str, where: str) -> str:
    """`text` if XML can carry it; else an OutputError naming where it comes from."""
    found = _NOT_XML.search(text)
    if found:
        raise OutputError(f"{where}: character U+{ord(found.group()):04X} cannot be written "
                          "in XML")
    return text
