"""formats/_xml.py, the one XML parser of the package: what it refuses and with which message
and line, text of inline markup, and which characters XML can carry. (Each attack through
every reader, in a child process, is in robustness/test_hostile_xml.py.)"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from policyglossary.errors import OutputError
from policyglossary.formats import _xml

from .helpers import message


@pytest.mark.parametrize(("tag", "local", "namespace"), [
    ("{urn:x}seg", "seg", "urn:x"), ("seg", "seg", ""), ("{}seg", "seg", ""),
])
def test_names(tag: str, local: str, namespace: str) -> None:
    assert (_xml.local(tag), _xml.namespace(tag)) == (local, namespace)


def test_a_comment_has_no_local_name() -> None:
    assert _xml.local(etree.Comment("x").tag) == ""


def elements(data: bytes, tags: tuple[str, ...] = ("a",)) -> list[str]:
    return [element.text or "" for _, element in
            _xml.iter_elements(io.BytesIO(data), "x.xml", tags)]


def error(data: bytes, tags: tuple[str, ...] = ("a",)) -> str:
    return message(lambda: elements(data, tags))


SUBSET = "the DOCTYPE before this line declares entities or elements (an internal DTD " \
         "subset); refused for safety"


@pytest.mark.parametrize(("data", "message"), [
    (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "x">]>\n<r><a/></r>', f"x.xml:3: {SUBSET}"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ELEMENT r ANY>]>\n\n<r><a/></r>',
     f"x.xml:4: {SUBSET}"),
    (b'<!DOCTYPE r SYSTEM "r.dtd">\n<r>\n<a>&nbsp;</a></r>',
     "x.xml:3: undefined entity &nbsp; (entities from an external DTD are not loaded)"),
    (b"<r>\n<a>x</a>\n<a>&bogus;</a></r>",
     "x.xml:3: undefined entity &bogus; (without a DTD, only the five XML entities and "
     "character references can be used)"),
    (b'<r xmlns:xi="http://www.w3.org/2001/XInclude">\n<a><xi:include href="x"/></a></r>',
     "x.xml:2: XInclude is not supported and is refused"),
    (b"<r>\n<a>\n</b></r>",
     "x.xml:3: malformed XML: Opening and ending tag mismatch: a line 2 and b"),
    (b"<r><b/></r>", "x.xml: no expected elements found: a, c"),
    (b"   ", "x.xml:1: malformed XML: empty or not an XML file"),
    (b"plain text", "x.xml:1: malformed XML: empty or not an XML file"),
    (b"", "x.xml: malformed XML: no element found"),
    (b"\xef\xbb\xbf<!-- only a comment -->", "x.xml:1: malformed XML: empty or not an XML file"),
    (b'<?xml version="1.0"?>\n\n', "x.xml:3: malformed XML: Start tag expected, '<' not found"),
    (b'<?xml version="1.0" encoding="klingon"?>\n<r><a/></r>',
     "x.xml:1: malformed XML: Unsupported encoding: klingon"),
])
def test_refusals(data: bytes, message: str) -> None:
    assert error(data, ("a", "c") if b"<b/>" in data else ("a",)) == message


def test_a_long_message_is_cut_and_loses_libxml2s_position() -> None:
    message = error(b"<r>\n<a>x</a>\n<a b=\"" + b"y" * 300 + b"></r>")
    assert message == "x.xml:3: malformed XML: Unescaped '<' not allowed in attributes values"
    assert len(_xml._short("word " * 100 + ", line 3, column 7")) == 200
    assert _xml._short("Bad  thing,\n here, line 3, column 7") == "Bad thing, here"


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?>\n<!DOCTYPE r []>\n<r><a>x</a></r>',      # an empty subset
    b'<!DOCTYPE r PUBLIC "-//X//EN" "r.dtd"><r><a>x</a></r>',         # a named DTD, unread
    b'<r><a>&amp;&lt;&gt;&quot;&apos;&#x4e2d;&#20013;</a></r>',       # what XML predefines
])
def test_accepted(data: bytes) -> None:
    assert elements(data)[0] in ("x", "&<>\"'中中")


def test_comments_and_processing_instructions_are_left_out() -> None:
    data = b"<r><a>x<!-- hidden --><?pi data?>y</a></r>"
    assert elements(data) == ["xy"]


@pytest.mark.parametrize(("data", "found"), [
    (b"a\nb\n&amp; &lt; &nbsp;", (3, "nbsp")),
    (b"&#x4e2d; &#20013; &gt;", None),
    (b"x" * ((1 << 20) - 3) + b"&nbsp;", (1, "nbsp")),  # across two reads
    (b"\n" * 5 + b"x" * (1 << 20) + b"\n&ent;", (7, "ent")),
])
def test_finding_an_undefined_entity_again(data: bytes, found: tuple[int, str] | None) -> None:
    assert _xml._undefined_entity(io.BytesIO(data)) == found


def test_a_stream_that_cannot_be_read_again_is_not_searched() -> None:
    class OneWay(io.BytesIO):
        def seekable(self) -> bool:
            return False

    assert _xml._undefined_entity(OneWay(b"&nbsp;")) is None


def test_release_frees_what_was_read() -> None:
    root = etree.fromstring(b"<r><a>1</a><a>2</a><a>3</a></r>")
    second = root[1]
    _xml.release(second)
    # the siblings before it are gone, it is emptied, what follows is untouched
    assert [child.text for child in root] == [None, "3"]
    assert root[0] is second


@pytest.mark.parametrize(("xml", "text_tags", "code_tags", "text"), [
    ("<s>plain</s>", set(), set(), "plain"),
    ("<s>a<g>b<g>c</g></g>d<x/>e<ph>code</ph>f</s>", {"g"}, set(), "abcdef"),
    ("<s><mrk>term</mrk> and <bpt>&lt;b&gt;</bpt>bold</s>", {"mrk"}, set(), "term and bold"),
    ('<s>a<cp hex="4E2D"/>b<cp hex="0009"/></s>', set(), {"cp"}, "a中b\t"),
    ('<s>a<cp hex="4E2D"/>b</s>', set(), set(), "ab"),  # cp only where the format has it
    ("<s/>", set(), set(), ""),
])
def test_inline_text(xml: str, text_tags: set[str], code_tags: set[str], text: str) -> None:
    element = etree.fromstring(xml)
    assert _xml.inline_text(element, "x", frozenset(text_tags), frozenset(code_tags)) == text


@pytest.mark.parametrize(("xml", "codes"), [
    ("<s>a<g>b</g></s>", False), ("<s>a<g><x/></g></s>", True), ("<s>a<!--c--></s>", False),
    ("<s>plain</s>", False),
])
def test_has_inline_codes(xml: str, codes: bool) -> None:
    assert _xml.has_inline_codes(etree.fromstring(xml), frozenset({"g"})) is codes


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff",
                                  "\ud800"])
def test_characters_xml_cannot_carry(char: str) -> None:
    with pytest.raises(OutputError) as caught:
        _xml.xml_text(f"ab{char}c", "concept x")
    assert str(caught.value) == \
        f"concept x: character U+{ord(char):04X} cannot be written in XML"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20))
def test_what_xml_text_accepts_lxml_writes_and_reads_back(text: str) -> None:
    try:
        _xml.xml_text(text, "x")
    except OutputError:
        with pytest.raises(ValueError):
            etree.Element("a").text = text
        return
    element = etree.Element("a")
    element.text = text
    back = etree.fromstring(etree.tostring(element, encoding="UTF-8"))
    assert (back.text or "") == text
