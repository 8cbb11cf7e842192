"""formats/tmx.py: which variant is the source and which the target, the fast and the general
path through a unit, what is counted as dropped, located errors, the two writers' exact
output (checked against tmx14.dtd) and the term-pair reader."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from policyglossary import __version__
from policyglossary.api import export_options
from policyglossary.errors import InputError
from policyglossary.formats import tmx
from policyglossary.formats._options import ImportedTermBase, ReadOptions, WriteOptions
from policyglossary.formats.fidelity import export_termbase
from policyglossary.model import BilingualDoc, Concept, Segment, Term, TermBase

from ..conftest import INTEROP, needs_shared
from .helpers import message

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'


def tmx_text(body: str, header: str = '<header srclang="zh-CN"/>') -> str:
    return f"{HEAD}{header}\n<body>\n{body}\n</body>\n</tmx>\n"


def read(text: str | bytes, **options: object) -> BilingualDoc:
    data = text.encode("utf-8") if isinstance(text, str) else text
    doc = tmx.read(io.BytesIO(data), "x.tmx", ReadOptions(**options))  # type: ignore[arg-type]
    doc.segments = list(doc.segments)
    return doc


def pairs(doc: BilingualDoc) -> list[tuple[str, str, str]]:
    return [(s.id, s.source, s.target) for s in doc.segments]


def error(text: str) -> str:
    return message(lambda: read(text))


# ------------------------------------------------------------------ languages

TU_ZH_EN = '<tu tuid="a"><tuv xml:lang="en-US"><seg>dual-gigabit</seg></tuv>' \
           '<tuv xml:lang="zh-CN"><seg>双千兆</seg></tuv></tu>'


# The target language is the tag of the first unit's English variant (TMX names none), so
# that `convert` keeps the region.
@pytest.mark.parametrize(("header", "languages"), [
    ('<header srclang="zh-CN"/>', ("zh-CN", "en-US")),
    ('<header srclang="zh_tw"/>', ("zh-TW", "en-US")),
    # TMX's "any language" and a non-Chinese srclang: we check Chinese sources
    ('<header srclang="*All*"/>', ("zh", "en-US")),
    ('<header srclang="en-US"/>', ("zh", "en-US")),
    ("<header/>", ("zh", "en-US")),
])
def test_languages_from_the_header(header: str, languages: tuple[str, str]) -> None:
    doc = read(tmx_text(TU_ZH_EN, header))
    assert (doc.source_lang, doc.target_lang) == languages
    assert pairs(doc) == [("a", "双千兆", "dual-gigabit")]


@pytest.mark.parametrize(("variant", "target"), [
    ("en", "en"), ("EN_gb", "en-GB"), ("en-US", "en-US")])
def test_the_target_language_is_the_first_units_english_tag(variant: str, target: str) -> None:
    unit = (f'<tu><tuv xml:lang="zh-CN"><seg>双千兆</seg></tuv><tuv xml:lang="fr">'
            f'<seg>double gigabit</seg></tuv><tuv xml:lang="{variant}"><seg>dual-gigabit</seg>'
            '</tuv></tu>')
    doc = read(tmx_text(unit, '<header srclang="zh-CN"/>'))
    assert doc.target_lang == target
    assert [s.target for s in doc.segments] == ["dual-gigabit"]  # the English one, not fr
    # asked for, a language wins; a file without units keeps the default
    assert read(tmx_text(unit, '<header srclang="zh-CN"/>'), target_lang="fr").target_lang == "fr"
    assert read(tmx_text("", '<header srclang="zh-CN"/>')).target_lang == "en"


def test_header_properties() -> None:
    doc = read(tmx_text(TU_ZH_EN, '<header creationtool="OmegaT" srclang="zh-CN" '
                                  'adminlang="en"/>'))
    assert doc.properties == {"creationtool": "OmegaT", "srclang": "zh-CN"}


@pytest.mark.parametrize(("options", "expected"), [
    ({}, ("双千兆", "dual-gigabit")),
    ({"source_lang": "zh-TW"}, ("雙千兆", "dual-gigabit")),  # the exact tag before another zh
    ({"target_lang": "fr"}, ("双千兆", "gigabit double")),
    ({"source_lang": "en", "target_lang": "fr"}, ("dual-gigabit", "gigabit double")),
    # an English source with no variant for the target asked for: no target
    ({"source_lang": "en", "target_lang": "de"}, ("dual-gigabit", "")),
])
def test_source_and_target_variants(options: dict[str, str],
                                    expected: tuple[str, str]) -> None:
    body = ('<tu><tuv xml:lang="fr"><seg>gigabit double</seg></tuv>'
            '<tuv xml:lang="zh-CN"><seg>双千兆</seg></tuv>'
            '<tuv xml:lang="en"><seg>dual-gigabit</seg></tuv>'
            '<tuv xml:lang="zh-TW"><seg>雙千兆</seg></tuv></tu>')
    (segment,) = read(tmx_text(body), **options).segments
    assert (segment.source, segment.target) == expected


def test_without_an_english_variant_the_first_other_one_is_the_target() -> None:
    body = '<tu><tuv xml:lang="zh-CN"><seg>双千兆</seg></tuv>' \
           '<tuv xml:lang="ja"><seg>デュアルギガビット</seg></tuv></tu>'
    assert pairs(read(tmx_text(body))) == [("1", "双千兆", "デュアルギガビット")]


def test_tmx_1_1_lang_attribute() -> None:
    body = '<tu><tuv lang="ZH-CN"><seg>双千兆</seg></tuv><tuv lang="EN-US"><seg>dual-gigabit' \
           '</seg></tuv></tu>'
    doc = read(tmx_text(body, '<header srclang="ZH-CN"/>').replace('"1.4"', '"1.1"'))
    assert pairs(doc) == [("1", "双千兆", "dual-gigabit")]


@needs_shared
def test_a_unit_srclang_overrides_the_header() -> None:
    """LISA's test file: header srclang en-us, units in de-de and fr-ca, each with a UK
    English variant. No Chinese: each unit's own srclang is its source."""
    with (INTEROP / "tmx" / "lisa_ImportTest1K.tmx").open("rb") as handle:
        doc = tmx.read(handle, "lisa.tmx", ReadOptions())
        assert [(s.source, s.target) for s in doc.segments] == [
            ("First Entry - German", "First Entry - UK English"),
            ("Second Entry - French Canadian", "Second Entry - UK English")]


@needs_shared
def test_other_variants_are_counted_as_dropped() -> None:
    with (INTEROP / "tmx" / "omegat_en-US_en-GB_fr_sr.tmx").open("rb") as handle:
        doc = tmx.read(handle, "omegat.tmx", ReadOptions())
        assert [(s.source, s.target) for s in doc.segments] == [("XXx", "XXX")]
    assert doc.dropped == {"fr variants": 1, "sr variants": 1}


# ------------------------------------------------------------------ units

def test_notes_props_and_references_at_every_level() -> None:
    body = ('<tu tuid="t1" srclang="zh-CN"><note>unit note</note>'
            '<prop type="x-policyglossary-state">needs-review</prop>'
            '<prop type="x-policyglossary-reference">article.txt:9</prop>'
            '<prop type="x-other">ignored</prop>'
            '<tuv xml:lang="zh-CN"><note>variant note</note><seg>双千兆</seg></tuv>'
            '<tuv xml:lang="en"><prop type="x-policyglossary-state">final</prop>'
            '<prop type="x-other">ignored</prop><seg>dual-gigabit</seg></tuv></tu>')
    (segment,) = read(tmx_text(body)).segments
    assert segment == Segment("t1", "双千兆", "dual-gigabit", 5, "final",
                              ("unit note", "variant note"), ("article.txt:9",))


def test_ids_are_tuids_else_indexes_counted_from_the_offset() -> None:
    body = "\n".join(f'<tu{" tuid=" + chr(34) + "named" + chr(34) if n == 2 else ""}>'
                     f'<tuv xml:lang="zh"><seg>第{n}</seg></tuv></tu>' for n in range(1, 4))
    assert [s.id for s in read(tmx_text(body)).segments] == ["1", "named", "3"]
    assert [s.id for s in read(tmx_text(body), index_offset=100).segments] == \
        ["101", "named", "103"]


def test_inline_codes_are_dropped_and_counted_hi_text_is_kept() -> None:
    body = ('<tu><tuv xml:lang="zh"><seg>推进<bpt i="1">&lt;b&gt;</bpt>双千兆<ept i="1">'
            '&lt;/b&gt;</ept><ph>&lt;br/&gt;</ph></seg></tuv>'
            '<tuv xml:lang="en"><seg><hi>dual</hi>-gigabit<it pos="begin">&lt;i&gt;</it>'
            '<ut>x</ut></seg></tuv></tu>'
            '<tu><tuv xml:lang="zh"><seg>纯文本</seg></tuv><tuv xml:lang="en"><seg><hi>plain'
            '</hi></seg></tuv></tu>')
    doc = read(tmx_text(body))
    assert [(s.source, s.target) for s in doc.segments] == \
        [("推进双千兆", "dual-gigabit"), ("纯文本", "plain")]
    assert doc.dropped == {"inline codes": 2}  # two variants of the first unit


def test_unlabelled_variants_are_counted() -> None:
    body = '<tu><tuv xml:lang="zh"><seg>甲</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv>' \
           '<tuv><seg>?</seg></tuv></tu>'
    doc = read(tmx_text(body))
    assert pairs(doc) == [("1", "甲", "a")]
    assert doc.dropped == {"unlabelled variants": 1}


@pytest.mark.parametrize(("body", "expected"), [
    ('<tu>\n<tuv xml:lang="zh"><seg>甲</seg></tuv>\n<tuv xml:lang="en"><note>n</note></tuv>\n'
     "</tu>", "x.tmx:7: <tuv> without <seg>"),
    ('<tu tuid="u">\n<tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg>'
     "</tuv></tu>", "x.tmx:5: translation unit has no zh-CN variant"),
])
def test_unit_errors(body: str, expected: str) -> None:
    assert error(tmx_text(body)) == expected


def test_a_unit_before_the_header_is_an_error() -> None:
    text = f'{HEAD}<body>\n{TU_ZH_EN}\n</body>\n<header srclang="zh"/></tmx>'
    assert error(text) == "x.tmx:4: TMX without <header>"


def test_a_memory_without_units_has_no_segments() -> None:
    assert read(tmx_text("")).segments == []


_LANGS = st.sampled_from(["zh-CN", "zh", "zh-TW", "en", "en-US", "fr", "ja", ""])
_SEG = st.text(alphabet="双千兆网络 abc&<>", max_size=8)


@settings(max_examples=80, deadline=None)
@given(_LANGS, _SEG, _LANGS, _SEG, st.sampled_from(["", "zh-CN", "en", "*All*"]))
def test_the_fast_path_agrees_with_the_general_one(lang_a: str, text_a: str, lang_b: str,
                                                   text_b: str, srclang: str) -> None:
    """A unit of two plain variants takes a short cut; an unrelated prop sends the same
    unit down the general path. Both give the same segment, or the same error."""
    def unit(extra: str) -> str:
        attrs = [f' xml:lang="{lang}"' if lang else "" for lang in (lang_a, lang_b)]
        a, b = (etree.Element("seg"), etree.Element("seg"))
        a.text, b.text = text_a, text_b
        return (f"<tu>{extra}<tuv{attrs[0]}>{etree.tostring(a, encoding='unicode')}</tuv>"
                f"<tuv{attrs[1]}>{etree.tostring(b, encoding='unicode')}</tuv></tu>")

    header = f'<header srclang="{srclang}"/>' if srclang else "<header/>"
    results = []
    for extra in ("", '<prop type="x-unrelated">1</prop>'):
        try:
            results.append(read(tmx_text(unit(extra), header)).segments)
        except InputError as exc:
            results.append(str(exc))
    assert results[0] == results[1]


# ------------------------------------------------------------------ writing a memory

def _header(srclang: str = "zh-CN") -> str:
    return (f"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
            f'<tmx version="1.4">\n<header creationtool="policyglossary" creationtoolversion='
            f'"{__version__}" segtype="sentence" o-tmf="policyglossary" adminlang="en" '
            f'srclang="{srclang}" datatype="plaintext"/>\n<body>\n')


DOC_GOLDEN = _header() + (
    '<tu tuid="p01.s01"><note>n1</note><prop type="x-policyglossary-reference">a.txt:3</prop>'
    '<tuv xml:lang="zh-CN"><seg>推进“双千兆” &amp; &lt;b&gt;</seg></tuv>'
    '<tuv xml:lang="en"><seg>Build dual-gigabit</seg></tuv></tu>\n'
    '<tu tuid="p01.s02"><prop type="x-policyglossary-state">new</prop>'
    '<tuv xml:lang="zh-CN"><seg>待译</seg></tuv></tu>\n'
    '</body>\n</tmx>')


def _write_doc(segments: list[Segment]) -> str:
    buffer = io.BytesIO()
    assert tmx.write_doc(buffer, BilingualDoc(segments, "zh-CN", "en"), WriteOptions()) == []
    return buffer.getvalue().decode("utf-8")


def test_memory_writer_output() -> None:
    text = _write_doc([
        Segment("p01.s01", "推进“双千兆” & <b>", "Build dual-gigabit", notes=("n1",),
                references=("a.txt:3",)),
        Segment("p01.s02", "待译", "", state="new")])
    assert text == DOC_GOLDEN


def test_memory_writer_uses_the_options_languages_when_the_document_has_none() -> None:
    buffer = io.BytesIO()
    tmx.write_doc(buffer, BilingualDoc([Segment("1", "甲", "a")], "", ""),
                  WriteOptions(source_lang="zh-TW", target_lang="en-GB"))
    text = buffer.getvalue().decode("utf-8")
    assert 'srclang="zh-TW"' in text
    assert '<tuv xml:lang="zh-TW"><seg>甲</seg></tuv><tuv xml:lang="en-GB">' in text


# ------------------------------------------------------------------ term pairs

CONCEPT = Concept("dual-gigabit", (Term("双千兆"), Term("两千兆", "forbidden", reason="x")),
                  (Term("dual-gigabit"), Term("double gigabit", "forbidden", reason="calque")),
                  definition="Gigabit & more")


def _status(status: str) -> str:
    return f'<prop type="x-policyglossary-status">{status}</prop>'


TERMBASE_GOLDEN = _header() + (
    '<tu tuid="dual-gigabit"><note>Gigabit &amp; more</note>'
    '<prop type="x-policyglossary-concept">dual-gigabit</prop>'
    f'<tuv xml:lang="zh-CN">{_status("preferred")}<seg>双千兆</seg></tuv>'
    f'<tuv xml:lang="en">{_status("preferred")}<seg>dual-gigabit</seg></tuv>'
    f'<tuv xml:lang="zh-Hant">{_status("preferred")}<seg>雙千兆</seg></tuv></tu>\n'
    '<tu tuid="dual-gigabit-2"><note>Gigabit &amp; more</note><note>forbidden: calque</note>'
    '<prop type="x-policyglossary-concept">dual-gigabit</prop>'
    f'<tuv xml:lang="zh-CN">{_status("preferred")}<seg>双千兆</seg></tuv>'
    f'<tuv xml:lang="en">{_status("forbidden")}<seg>double gigabit</seg></tuv>'
    f'<tuv xml:lang="zh-Hant">{_status("preferred")}<seg>雙千兆</seg></tuv></tu>\n'
    '</body>\n</tmx>')


def _export(concepts: tuple[Concept, ...], **options: object) -> tuple[str, list[str]]:
    """As `export --to tmx` writes it, every rendering given (`--renderings all`) unless the
    options say otherwise; the warnings name what the file leaves out (formats/fidelity.py)."""
    buffer = io.BytesIO()
    options.setdefault("renderings", "all")
    warnings = export_termbase("tmx", buffer, TermBase(concepts), export_options(
        "tmx", WriteOptions(**options)))  # type: ignore[arg-type]
    return buffer.getvalue().decode("utf-8"), warnings


def test_term_pair_writer_output() -> None:
    text, warnings = _export((CONCEPT,), forbidden="include", zh_variants=("zh-Hant",))
    assert text == TERMBASE_GOLDEN
    assert warnings == ["TMX cannot hold: reasons of rejected Chinese terms (1 concept), "
                        "forbidden Chinese terms (1 concept)"]


def test_term_pair_writer_pairs_other_chinese_terms_with_the_first_english_one() -> None:
    concept = replace(CONCEPT, zh=(Term("双千兆"), Term("双千兆网络", "admitted")),
                      en=(Term("dual-gigabit"), Term("gigabit-plus", "admitted")))
    text, _ = _export((concept,))
    units = etree.fromstring(text.encode("utf-8")).findall(".//tu")
    assert [(u.get("tuid"), [s.text for s in u.iter("seg")]) for u in units] == [
        ("dual-gigabit", ["双千兆", "dual-gigabit"]),
        ("dual-gigabit-2", ["双千兆", "gigabit-plus"]),
        ("dual-gigabit-3", ["双千兆网络", "dual-gigabit"])]


def test_a_traditional_form_equal_to_the_term_is_not_repeated() -> None:
    text, _ = _export((Concept("5g", (Term("5G"),), (Term("5G"),)),), zh_variants=("zh-Hant",))
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in
            etree.fromstring(text.encode("utf-8")).iter("tuv")] == ["zh-CN", "en"]


def test_term_pair_writer_warnings_count_concepts() -> None:
    concepts = tuple(replace(CONCEPT, id=f"c{n}", sources=("s",), context="上下文")
                     for n in range(2))
    _, warnings = _export(concepts, renderings="preferred")
    assert warnings == ["TMX cannot hold: context (2 concepts), sources (2 concepts), reasons "
                        "of rejected Chinese terms (2 concepts), forbidden Chinese terms "
                        "(2 concepts)", "left out (--forbidden omit): forbidden renderings "
                        "(2 concepts)"]


@needs_shared
@pytest.mark.parametrize("golden", ["memory", "term pairs"])
def test_writer_output_is_valid_against_the_dtd(golden: str) -> None:
    dtd = etree.DTD(str(INTEROP / "schemas" / "tmx14.dtd"))
    text = DOC_GOLDEN if golden == "memory" else TERMBASE_GOLDEN
    document = etree.fromstring(text.encode("utf-8"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()[:3]


def _import(text: str) -> ImportedTermBase:
    return tmx.read_termbase(io.BytesIO(text.encode("utf-8")), "x.tmx", ReadOptions())


def test_term_pairs_read_back_grouped_by_concept() -> None:
    imported = _import(TERMBASE_GOLDEN)
    assert not imported.complete and imported.warnings == []
    (concept,) = imported.termbase.concepts
    # the reason comes back too, from the unit's last note (issue 11)
    assert concept == Concept("dual-gigabit", (Term("双千兆"),),
                              (Term("dual-gigabit"),
                               Term("double gigabit", "forbidden", reason="calque")),
                              definition="Gigabit & more")


def test_term_pairs_without_our_props_group_by_chinese_text() -> None:
    body = ('<tu><note>forbidden: not a definition</note><note>the definition</note>'
            '<tuv xml:lang="zh-CN"><seg> 双千兆 </seg></tuv>'
            '<tuv xml:lang="en"><seg>dual-gigabit</seg></tuv></tu>'
            '<tu><tuv xml:lang="en-US"><seg>gigabit-plus</seg></tuv>'
            '<tuv xml:lang="zh"><seg>双千兆</seg></tuv></tu>'
            '<tu><tuv lang="zh"><seg>千兆</seg></tuv><tuv lang="en"><seg>gigabit</seg></tuv></tu>'
            '<tu><tuv xml:lang="zh"><seg>只有中文</seg></tuv></tu>'
            '<tu><tuv xml:lang="zh"><seg></seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>')
    imported = _import(tmx_text(body))
    assert [(c.id, [t.text for t in c.zh], [(t.text, t.status) for t in c.en], c.definition)
            for c in imported.termbase] == [
        # a reason is only ever the last note of a rejected rendering's unit: on an allowed
        # rendering the first note is the definition, whatever it says
        ("", ["双千兆"], [("dual-gigabit", "preferred"), ("gigabit-plus", "admitted")],
         "forbidden: not a definition"),
        ("", ["千兆"], [("gigabit", "preferred")], "")]
    assert imported.warnings == \
        ["x.tmx: 2 unit(s) without both a Chinese and an English text skipped"]


@pytest.mark.xfail(strict=True, reason="bug: term pairs in a zh-TW/zh-HK variant are imported "
                   "as Simplified terms unchanged (雙千兆 becomes a 'Simplified' headword); the "
                   "TBX and plain-glossary readers convert Traditional-only Chinese with OpenCC "
                   "t2s and keep the original as the explicit form")
def test_traditional_term_pairs_are_stored_in_simplified() -> None:
    body = '<tu><tuv xml:lang="zh-TW"><seg>雙千兆</seg></tuv><tuv xml:lang="en"><seg>' \
           'dual-gigabit</seg></tuv></tu>'
    (concept,) = _import(tmx_text(body, '<header srclang="zh-TW"/>')).termbase.concepts
    assert concept.headword == "双千兆"
