"""What an XML file is, from its root element: content wins over the extension.

An XLIFF file named `.tmx` is read as XLIFF, not as a TMX with no units; a file whose root
belongs to no format we read is refused with what it is (`<html>`, `<xliff>` where a term
base is wanted). Only the first bytes are looked at: the prolog (declaration, comments,
processing instructions, DOCTYPE) is skipped, in UTF-8, UTF-16 or UTF-32.
"""

from __future__ import annotations

import codecs
import re

from ..fsutil import bom_encoding

# root element → format name (the formats' registry names)
ROOTS = {"tmx": "tmx", "xliff": "xliff", "tbx": "tbx", "martif": "tbx"}
XML_FORMATS = frozenset(ROOTS.values())

_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^<>\[]|\[.*?\])*>)", re.DOTALL)
_ROOT = re.compile(r"\s*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def _text(head: bytes) -> str:
    bom = bom_encoding(head[:4])
    if bom is not None:
        encoding, skip = bom
    elif head.startswith(b"<\x00"):
        encoding, skip = "utf-16-le", 0
    elif head.startswith(b"\x00<"):
        encoding, skip = "utf-16-be", 0
    else:
        encoding, skip = "utf-8", 0
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(head[skip:])


def root_element(head: bytes) -> str | None:
    """The local name of the root element in the first bytes of an XML file; None when
    they are not the start of an XML document (or the prolog is longer than they are)."""
    text = _text(head)
    position = 0
    while True:
        prolog = _PROLOG.match(text, position)
        if prolog is None or prolog.end() == position:
            break
        position = prolog.end()
    root = _ROOT.match(text, position)
    return root.group(2) if root else None


def describe(root: str) -> str:
    """What a file with this root element is, for error messages."""
    names = {"tmx": "a TMX memory", "xliff": "an XLIFF document", "tbx": "a TBX term base",
             "martif": "a TBX 2008 term base", "html": "an HTML page"}
    return names.get(root, f"an XML document with root <{root}>")
