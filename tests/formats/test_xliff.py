"""formats/xliff.py: XLIFF 1.x and 2.x reading (states, ids, notes, references, inline codes
and their pairing, what is counted as dropped, located errors) and both writers (exact
output, checked against the XLIFF 1.2 strict and 2.0 core schemas; ids; states back)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree

from policyglossary import __version__
from policyglossary.formats import xliff
from policyglossary.formats._options import ReadOptions, WriteOptions
from policyglossary.model import SEGMENT_STATES, BilingualDoc, Segment

from ..conftest import INTEROP, needs_shared
from .helpers import message

NS1, NS2 = xliff.NS_12, xliff.NS_20


def xliff1(units: str, file_attrs: str = 'source-language="zh-CN" target-language="en"',
           version: str = ' version="1.2"') -> str:
    return (f'<?xml version="1.0"?>\n<xliff{version} xmlns="{NS1}">\n<file original="x" '
            f'datatype="plaintext" {file_attrs}>\n<body>\n{units}\n</body>\n</file>\n</xliff>\n')


def xliff2(units: str) -> str:
    return (f'<?xml version="1.0"?>\n<xliff version="2.0" xmlns="{NS2}" srcLang="zh-CN" '
            f'trgLang="en">\n<file id="f">\n{units}\n</file>\n</xliff>\n')


def read(text: str) -> BilingualDoc:
    doc = xliff.read(io.BytesIO(text.encode("utf-8")), "x.xlf", ReadOptions())
    doc.segments = list(doc.segments)
    return doc


def error(text: str) -> str:
    return message(lambda: read(text))


# ------------------------------------------------------------------ XLIFF 1.x

def test_languages_and_version_come_from_the_first_file() -> None:
    text = xliff1('<trans-unit id="a"><source>甲</source></trans-unit>\n</body></file>\n'
                  '<file original="y" datatype="x" source-language="fr" target-language="de">'
                  '<body><trans-unit id="b"><source>乙</source></trans-unit>',
                  version=' version="1.1"')
    doc = read(text)
    assert (doc.source_lang, doc.target_lang, doc.properties) == \
        ("zh-CN", "en", {"version": "1.1"})
    assert [s.id for s in doc.segments] == ["a", "b"]


# XLIFF 1.2 target states (the spec's list) and what they mean here
STATES_1 = {"new": "new", "needs-translation": "new", "needs-adaptation": "needs-review",
            "needs-l10n": "needs-review", "needs-review-translation": "needs-review",
            "needs-review-adaptation": "needs-review", "needs-review-l10n": "needs-review",
            "translated": "translated", "signed-off": "final", "final": "final"}


@pytest.mark.parametrize(("target", "state"), [
    *[(f'<target state="{name}">t</target>', ours) for name, ours in STATES_1.items()],
    ('<target state="x-custom">t</target>', "translated"),
    ("<target>t</target>", "translated"),
    ("<target> </target>", "new"),
    ("", "new"),
])
def test_target_states(target: str, state: str) -> None:
    (segment,) = read(xliff1(f'<trans-unit id="u"><source>甲</source>{target}</trans-unit>'))\
        .segments
    assert segment.state == state


@pytest.mark.parametrize(("target", "state"), [
    ('<target state="needs-review-translation">t</target>', "final"),
    ("<target>t</target>", "final"),
    ("<target></target>", "new"),  # approved, but nothing to approve
])
def test_approved_units_are_final(target: str, state: str) -> None:
    unit = f'<trans-unit id="u" approved="yes"><source>甲</source>{target}</trans-unit>'
    assert read(xliff1(unit)).segments[0].state == state  # type: ignore[index]


def test_ids_fall_back_to_resname_then_the_line() -> None:
    units = ('<trans-unit id="a"><source>甲</source></trans-unit>\n'
             '<trans-unit resname="key.b"><source>乙</source></trans-unit>\n'
             '<trans-unit><source>丙</source></trans-unit>')
    assert [(s.id, s.line) for s in read(xliff1(units)).segments] == \
        [("a", 5), ("key.b", 6), ("7", 7)]


def test_notes_and_location_contexts() -> None:
    unit = ('<trans-unit id="u"><source>甲</source><note>first</note><note/>'
            '<note>policyglossary: ignore all</note>'
            '<context-group purpose="location"><context context-type="sourcefile">a.txt'
            '</context><context context-type="linenumber">12</context></context-group>'
            '<context-group><context context-type="sourcefile">b.txt</context></context-group>'
            '<context-group><context context-type="sourcefile">c.txt</context>'
            '<context context-type="linenumber">n/a</context><context context-type="x"/>'
            "</context-group></trans-unit>")
    (segment,) = read(xliff1(unit)).segments
    assert segment.notes == ("first", "policyglossary: ignore all")
    assert segment.references == ("a.txt:12", "b.txt", "c.txt", "n/a")


def test_what_is_not_translation_is_counted() -> None:
    units = ('<trans-unit id="a"><source>推进<x id="1"/>双千兆</source><target>build'
             '<x id="1"/> dual-gigabit</target><alt-trans><target>double</target></alt-trans>'
             '<alt-trans><target>twice</target></alt-trans></trans-unit>'
             '<trans-unit id="b" translate="no"><source>跳过</source></trans-unit>'
             '<trans-unit id="c"><source><g id="1">格式</g><mrk mtype="term">术语</mrk></source>'
             "</trans-unit>")
    doc = read(xliff1(units))
    assert [(s.id, s.source, s.target) for s in doc.segments] == \
        [("a", "推进双千兆", "build dual-gigabit"), ("c", "格式术语", "")]
    assert doc.dropped == {"inline codes": 1, "alternative translations (alt-trans)": 2,
                           "units marked translate=no": 1}


@pytest.mark.xfail(strict=True, reason="bug: inline codes are counted only in <source>; a code "
                   "in the <target> alone is dropped from the converted text and never "
                   "reported (README convert: 'inline codes … counted and named in a "
                   "warning'; the TMX reader counts every variant)")
@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_inline_codes_in_the_target_alone_are_counted(version: str) -> None:
    if version == "1.2":
        text = xliff1('<trans-unit id="u"><source>甲</source><target>a<x id="1"/>b</target>'
                      "</trans-unit>")
    else:
        text = xliff2('<unit id="u"><segment><source>甲</source><target>a<ph id="1"/>b'
                      "</target></segment></unit>")
    assert read(text).dropped["inline codes"] == 1


@pytest.mark.parametrize(("units", "expected"), [
    ('<trans-unit id="u1"><note>no source</note></trans-unit>',
     "x.xlf:5: <trans-unit id='u1'> has no <source>"),
    ('<trans-unit id="u">\n<source>a<bpt id="1">&lt;b&gt;</bpt>b</source></trans-unit>',
     "x.xlf:6: inline code <bpt id='1'> is never closed by an <ept>"),
    ('<trans-unit id="u">\n<source>a</source>\n<target>b<ept id="2">&lt;/b&gt;</ept></target>'
     "</trans-unit>", "x.xlf:7: inline code <ept> closes '2' before any <bpt> opened it"),
    ('<trans-unit id="u"><source>a<bpt id="1" rid="r1">&lt;b&gt;</bpt>b<ept id="2" rid="r2">'
     "&lt;/b&gt;</ept></source></trans-unit>",
     "x.xlf:5: inline code <ept> closes 'r2' before any <bpt> opened it"),
])
def test_xliff_1_errors(units: str, expected: str) -> None:
    assert error(xliff1(units)) == expected


def test_paired_codes_by_id_or_rid_are_fine() -> None:
    unit = ('<trans-unit id="u"><source><bpt id="1">&lt;b&gt;</bpt>甲<ept id="1">&lt;/b&gt;'
            '</ept><bpt id="2" rid="r">&lt;i&gt;</bpt>乙<ept id="3" rid="r">&lt;/i&gt;</ept>'
            '</source><target><bpt id="1"/>a<ept id="1"/></target></trans-unit>')
    assert read(xliff1(unit)).segments[0].source == "甲乙"  # type: ignore[index]


@pytest.mark.parametrize(("text", "expected"), [
    ('<?xml version="1.0"?>\n<root>\n<file/></root>',
     "x.xlf:3: not an XLIFF document (no <xliff> root)"),
    ('<?xml version="1.0"?>\n<root><other/></root>',
     "x.xlf: no expected elements found: xliff, file, trans-unit, unit"),
])
def test_not_xliff(text: str, expected: str) -> None:
    assert error(text) == expected


@needs_shared
def test_an_xliff_1_1_file_with_every_kind_of_inline_code() -> None:
    """OmegaT's filter test: units without ids (the line stands in), mrk text kept, the
    content of bpt/ept/it/ph (native code) left out."""
    path = INTEROP / "xliff" / "omegat_XLIFFFilter-tags_1.1.xlf"
    with path.open("rb") as handle:
        doc = xliff.read(handle, str(path), ReadOptions())
        segments = list(doc.segments)
    lines = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if "<trans-unit" in line]
    assert [s.line for s in segments] == lines
    assert [s.id for s in segments] == [str(n) if n != 9 else "7" for n in lines]
    assert [s.target for s in segments[:3]] == \
        ["Link to http://localhost.", "About Gandalf", "Tags translation zz2z -NONTRANSLATED"]
    assert segments[6].target == "one  three"  # <ph>two</ph> is a code, not text
    assert (doc.source_lang, doc.target_lang) == ("en", "be")


@needs_shared
def test_units_of_every_file_are_read() -> None:
    """Xcode exports one <file> per strings table."""
    path = INTEROP / "xliff" / "xcode14_loopkit_zh-Hans.xliff"
    units = etree.parse(str(path)).getroot().iter(f"{{{NS1}}}trans-unit")
    expected = [(u.get("id"), u.findtext(f"{{{NS1}}}source")) for u in units]
    with path.open("rb") as handle:
        doc = xliff.read(handle, str(path), ReadOptions())
        assert [(s.id, s.source) for s in doc.segments] == expected
    assert len(expected) > 2000


# ------------------------------------------------------------------ XLIFF 2

@pytest.mark.parametrize(("segments", "state"), [
    *[(f'<segment state="{name}"><source>甲</source><target>t</target></segment>', ours)
      for name, ours in (("initial", "needs-review"), ("translated", "translated"),
                         ("reviewed", "translated"), ("final", "final"))],
    ('<segment state="initial"><source>甲</source></segment>', "new"),
    ('<segment state="x"><source>甲</source><target>t</target></segment>', "translated"),
    ("<segment><source>甲</source></segment>", "new"),
    # the least finished segment of a unit is the unit's state
    ('<segment state="final"><source>甲</source><target>a</target></segment>'
     '<segment state="reviewed"><source>乙</source><target>b</target></segment>', "translated"),
    ('<segment state="final"><source>甲</source><target>a</target></segment>'
     "<segment><source>乙</source></segment>", "new"),
    ('<ignorable><source> </source></ignorable>', "translated"),
])
def test_xliff_2_states(segments: str, state: str) -> None:
    (segment,) = read(xliff2(f'<unit id="u">{segments}</unit>')).segments
    assert segment.state == state


def test_xliff_2_notes_references_and_original_ids() -> None:
    unit = ('<unit id="p01_s01"><notes><note category="location">a.txt:3</note>'
            '<note category="x-policyglossary-id">p01 s01</note><note>plain</note>'
            '<note category="comment">with a category</note><note/></notes>'
            "<segment><source>甲</source><target>a</target></segment></unit>")
    (segment,) = read(xliff2(unit)).segments
    assert (segment.id, segment.notes, segment.references) == \
        ("p01 s01", ("plain", "with a category"), ("a.txt:3",))


def test_xliff_2_inline_markup() -> None:
    unit = ('<unit id="u"><segment><source><pc id="1">推进</pc><mrk id="m" translate="no">'
            '双千兆</mrk><ph id="2"/><cp hex="4E2D"/><sc id="3"/>网络</source></segment>'
            '<segment><source><ec startRef="3"/>建设</source></segment></unit>'
            '<unit id="v" translate="no"><segment><source>跳过</source></segment></unit>'
            '<unit id="w"><segment><source>乙<ph id="1" isolated="yes"/><ec isolated="yes" '
            'id="9"/></source></segment></unit>')
    doc = read(xliff2(unit))
    assert [(s.id, s.source) for s in doc.segments] == [("u", "推进双千兆中网络建设"),
                                                       ("w", "乙")]
    assert doc.dropped == {"inline codes": 3, "units marked translate=no": 1,
                           "segment boundaries inside units (segments joined)": 1}


@pytest.mark.parametrize(("units", "expected"), [
    ('<unit id="u">\n<notes><note>n</note></notes></unit>',
     "x.xlf:4: <unit id='u'> has no <segment>"),
    ('<unit id="u">\n<segment><target>t</target></segment></unit>',
     "x.xlf:5: <segment> without <source>"),
    ('<unit id="u">\n<segment><source>a<cp hex="zz"/></source></segment></unit>',
     "x.xlf:5: bad <cp hex='zz'>"),
    ('<unit id="u">\n<segment><source>a<sc id="1"/></source></segment>\n'
     '<segment><source>b</source><target><sc id="1"/><ec startRef="1"/></target></segment>'
     "</unit>", "x.xlf:5: inline code <sc id='1'> is never closed by an <ec>"),
])
def test_xliff_2_errors(units: str, expected: str) -> None:
    assert error(xliff2(units)) == expected


# ------------------------------------------------------------------ writing

SEGMENTS = [
    Segment("p01.s01", "推进双千兆 & <b>", "Build dual-gigabit", notes=("n1",),
            references=("a.txt:3", "nofile")),
    Segment("p01.s02", "待译", "", state="new"),
    Segment("p01 s02", "终稿", "Final", state="final"),
    Segment("p01.s01", "重复", "dup", state="needs-review"),
]

GOLDEN_1 = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    f'<xliff xmlns="{NS1}" version="1.2"><file original="policyglossary" source-language='
    '"zh-CN" datatype="plaintext" target-language="en">\n'
    f'<header xmlns="{NS1}"><tool tool-id="policyglossary" tool-name="policyglossary" '
    f'tool-version="{__version__}"/></header>\n<body>\n'
    f'<trans-unit xmlns="{NS1}" id="p01.s01"><source>推进双千兆 &amp; &lt;b&gt;</source>'
    '<target state="translated">Build dual-gigabit</target><note>n1</note>'
    '<context-group purpose="location"><context context-type="sourcefile">a.txt</context>'
    '<context context-type="linenumber">3</context></context-group>'
    '<context-group purpose="location"><context context-type="sourcefile">nofile</context>'
    "</context-group></trans-unit>\n"
    f'<trans-unit xmlns="{NS1}" id="p01.s02"><source>待译</source></trans-unit>\n'
    f'<trans-unit xmlns="{NS1}" id="p01 s02" approved="yes"><source>终稿</source>'
    '<target state="final">Final</target></trans-unit>\n'
    f'<trans-unit xmlns="{NS1}" id="p01.s01-2"><source>重复</source>'
    '<target state="needs-review-translation">dup</target></trans-unit>\n'
    "</body></file></xliff>")

GOLDEN_2 = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    f'<xliff xmlns="{NS2}" version="2.0" srcLang="zh-CN" trgLang="en">'
    '<file id="f1" original="policyglossary">\n'
    f'<unit xmlns="{NS2}" id="p01.s01"><notes><note>n1</note><note category="location">'
    'a.txt:3</note><note category="location">nofile</note></notes><segment state='
    '"translated"><source>推进双千兆 &amp; &lt;b&gt;</source><target>Build dual-gigabit'
    "</target></segment></unit>\n"
    f'<unit xmlns="{NS2}" id="p01.s02"><segment state="initial"><source>待译</source>'
    "</segment></unit>\n"
    f'<unit xmlns="{NS2}" id="p01_s02"><notes><note category="x-policyglossary-id">p01 s02'
    '</note></notes><segment state="final"><source>终稿</source><target>Final</target>'
    "</segment></unit>\n"
    f'<unit xmlns="{NS2}" id="p01.s01-2"><notes><note category="x-policyglossary-id">'
    'p01.s01</note></notes><segment state="initial"><source>重复</source><target>dup'
    "</target></segment></unit>\n"
    "</file></xliff>")


def write(name: str, segments: list[Segment], source: str = "zh-CN", target: str = "en",
          **options: str) -> tuple[str, list[str]]:
    writer = xliff.write_doc if name == "xliff" else xliff.write_doc_2
    buffer = io.BytesIO()
    warnings = writer(buffer, BilingualDoc(segments, source, target),
                      WriteOptions(**options))
    return buffer.getvalue().decode("utf-8"), warnings


@pytest.mark.parametrize(("name", "golden", "warning"), [
    ("xliff", GOLDEN_1, "1 duplicate segment id(s) made unique with a -N suffix"),
    ("xliff2", GOLDEN_2, "2 segment id(s) are not XML name tokens; written as unit ids with "
                         "the original in a note"),
])
def test_writer_output(name: str, golden: str, warning: str) -> None:
    assert write(name, SEGMENTS) == (golden, [warning])


@needs_shared
@pytest.mark.parametrize(("golden", "schema"), [(GOLDEN_1, "xliff-core-1.2-strict.xsd"),
                                                (GOLDEN_2, "xliff_core_2.0.xsd")])
def test_writer_output_is_valid_against_the_schema(golden: str, schema: str) -> None:
    xsd = etree.XMLSchema(etree.parse(str(INTEROP / "schemas" / schema)))
    assert xsd.validate(etree.fromstring(golden.encode("utf-8"))), \
        xsd.error_log.filter_from_errors()[:3]


def test_read_back_what_each_writer_wrote() -> None:
    """XLIFF 1.2 makes a duplicate id unique; XLIFF 2 keeps the original in a note."""
    one = read(GOLDEN_1).segments
    two = read(GOLDEN_2).segments
    assert [s.id for s in one] == ["p01.s01", "p01.s02", "p01 s02", "p01.s01-2"]
    assert [s.id for s in two] == [s.id for s in SEGMENTS]
    for back in (one, two):
        assert [(s.source, s.target, s.state, s.notes, s.references) for s in back] == \
            [(s.source, s.target, s.state, s.notes, s.references) for s in SEGMENTS]


@pytest.mark.parametrize("name", ["xliff", "xliff2"])
def test_writer_languages_fall_back_to_the_options(name: str) -> None:
    text, _ = write(name, [Segment("1", "甲", "a")], source="", target="",
                    source_lang="zh-TW", target_lang="")
    assert ('source-language="zh-TW"' in text) or ('srcLang="zh-TW"' in text)
    assert "target-language" not in text and "trgLang" not in text


def test_xliff_2_empty_and_odd_ids_become_tokens() -> None:
    text, warnings = write("xliff2", [Segment("", "甲", "a"), Segment("a/b c", "乙", "b")])
    root = etree.fromstring(text.encode("utf-8"))
    assert [u.get("id") for u in root.iter(f"{{{NS2}}}unit")] == ["u", "a_b_c"]
    assert [s.id for s in read(text).segments][1] == "a/b c"
    assert len(warnings) == 1 and warnings[0].startswith("2 segment id(s)")


STATE_CASES = [(state, target) for state in SEGMENT_STATES for target in ("", "text")
               if not (state != "new" and target == "")]


@pytest.mark.parametrize("name", ["xliff", "xliff2"])
@pytest.mark.parametrize(("state", "target"), STATE_CASES)
def test_states_survive_a_round_trip(name: str, state: str, target: str,
                                     request: pytest.FixtureRequest) -> None:
    if (name, state, target) == ("xliff2", "new", "text"):
        request.applymarker(pytest.mark.xfail(strict=True, reason=(
            "bug: XLIFF 2 writes 'new' as initial, which reads back as needs-review when "
            "there is a target; the state changes with no warning")))
    text, warnings = write(name, [Segment("u", "甲", target, state=state)])
    back = read(text).segments[0]  # type: ignore[index]
    assert back.state == state or warnings


def test_a_round_trip_through_a_file(tmp_path: Path) -> None:
    """The writer works on a real file handle too (lxml's incremental writer)."""
    path = tmp_path / "a.xlf"
    with path.open("wb") as handle:
        xliff.write_doc_2(handle, BilingualDoc(SEGMENTS[:2], "zh-CN", "en"), WriteOptions())
    with path.open("rb") as handle:
        assert [s.source for s in xliff.read(handle, str(path), ReadOptions()).segments] == \
            ["推进双千兆 & <b>", "待译"]
