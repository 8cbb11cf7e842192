"""formats/tbx.py and _tbx_writer.py: the README "TBX mapping" in both directions.

Writing: the exact TBX v3 and TBX 2008 documents for one concept that uses every field
(checked by eye against the mapping table, and against the TBX core RNG). Reading: foreign
files, hand-written for one behaviour each (statuses from three data categories, groups
unwrapped, Traditional-only Chinese, regional forms, merged English, skipped languages and
entries, dates, part of speech, ids, header), and the interop corpus' skip counts against
an independent count."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from policyglossary import __version__
from policyglossary.errors import InputError
from policyglossary.formats import tbx
from policyglossary.formats._options import ImportedTermBase, ReadOptions, WriteOptions
from policyglossary.formats._tbx_names import NS
from policyglossary.model import Concept, Term, TermBase, TermBaseInfo

from ..conftest import INTEROP, needs_shared

# ------------------------------------------------------------------ writing

CONCEPT = Concept(
    "5g", (Term("双千兆", hant="雙千兆網"),),
    (Term("dual-gigabit"),
     Term("double gigabit", "forbidden", reason="calque", replacement="dual-gigabit"),
     Term("DG", "admitted", "acronym", part_of_speech="noun", case_sensitive=True,
          note="rare")),
    subject_field="telecom", part_of_speech="adjective", definition="Def.",
    context="接续开展“双千兆”", note="n", sources=("http://a",), verified=False,
    created=date(2024, 1, 2), modified=date(2024, 3, 4))
TERMBASE = TermBase((CONCEPT,), TermBaseInfo("sample", "a sample",
                                             subject_fields=("telecom", "industry")))


def _term(tag: str, text: str, kind: str, pos: str, status: str, *extra: str) -> str:
    lines = [f"<{tag}>", f"  <term>{text}</term>", f'  <termNote type="termType">{kind}</termNote>',
             f'  <termNote type="partOfSpeech">{pos}</termNote>',
             f'  <termNote type="administrativeStatus">{status}-admn-sts</termNote>',
             *(f"  {e}" for e in extra), f"</{tag}>"]
    return "".join(f"          {line}\n" for line in lines)


def _golden(v3: bool) -> str:
    entry, section, holder = ("conceptEntry", "langSec", "termSec") if v3 else \
        ("termEntry", "langSet", "tig")
    head = ('<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/'
            'master/TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng'
            '.org/ns/structure/1.0"?><?xml-model href="https://raw.githubusercontent.com/'
            'LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml"'
            ' schematypens="http://purl.oclc.org/dsdl/schematron"?><tbx xmlns="urn:iso:std:iso'
            ':30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">\n  <tbxHeader>\n') if v3 \
        else '<martif type="TBX" xml:lang="en">\n  <martifHeader>\n'
    encoding = "" if v3 else ('    <encodingDesc>\n      <p type="XCSURI">TBXXCSV02.xcs</p>\n'
                              "    </encodingDesc>\n")
    # no line break after the root's end tag (lxml's ElementTree.write)
    close_header, close_root = ("  </tbxHeader>\n", "</tbx>") if v3 else \
        ("  </martifHeader>\n", "</martif>")
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n" + head +
        "    <fileDesc>\n      <titleStmt>\n        <title>sample</title>\n"
        "      </titleStmt>\n      <sourceDesc>\n        <p>a sample</p>\n"
        f"        <p>[policyglossary:layout] policyglossary {__version__}</p>\n"
        "        <p>[policyglossary:subject-fields] telecom | industry</p>\n"
        "      </sourceDesc>\n    </fileDesc>\n" + encoding + close_header +
        "  <text>\n    <body>\n"
        f'      <{entry} id="_5g">\n'
        '        <descrip type="subjectField">telecom</descrip>\n'
        '        <descrip type="definition">Def.</descrip>\n'
        '        <admin type="source">http://a</admin>\n'
        "        <note>n</note>\n"
        "        <note>[policyglossary:verified] false</note>\n"
        "        <note>[policyglossary:part-of-speech] adjective</note>\n"
        "        <transacGrp>\n"
        '          <transac type="transactionType">origination</transac>\n'
        "          <date>2024-01-02</date>\n        </transacGrp>\n"
        "        <transacGrp>\n"
        '          <transac type="transactionType">modification</transac>\n'
        "          <date>2024-03-04</date>\n        </transacGrp>\n"
        f'        <{section} xml:lang="zh-CN">\n'
        + _term(holder, "双千兆", "fullForm", "adjective", "preferredTerm",
                '<descrip type="context">接续开展“双千兆”</descrip>',
                "<note>[policyglossary:hant] 雙千兆網</note>")
        + f'        </{section}>\n        <{section} xml:lang="en">\n'
        + _term(holder, "dual-gigabit", "fullForm", "adjective", "preferredTerm")
        + _term(holder, "double gigabit", "fullForm", "adjective", "deprecatedTerm",
                "<note>[policyglossary:reason] calque</note>",
                "<note>[policyglossary:replacement] dual-gigabit</note>")
        + _term(holder, "DG", "acronym", "noun", "admittedTerm", "<note>rare</note>",
                "<note>[policyglossary:case-sensitive] true</note>")
        + f'        </{section}>\n        <{section} xml:lang="zh-Hant">\n'
        + _term(holder, "雙千兆網", "fullForm", "adjective", "preferredTerm")
        + f"        </{section}>\n      </{entry}>\n    </body>\n  </text>\n" + close_root)


def write(version: int, termbase: TermBase = TERMBASE, **options: object) -> str:
    writer = tbx.write_termbase if version == 3 else tbx.write_termbase_v2
    buffer = io.BytesIO()
    assert writer(buffer, termbase, WriteOptions(**options)) == []  # type: ignore[arg-type]
    return buffer.getvalue().decode("utf-8")


@pytest.mark.parametrize("version", [3, 2])
def test_writer_output(version: int) -> None:
    assert write(version) == _golden(version == 3)


@needs_shared
def test_v3_output_is_valid_against_the_core_rng() -> None:
    rng = etree.RelaxNG(etree.parse(str(INTEROP / "schemas" / "TBXcoreStructV03.rng")))
    assert rng.validate(etree.fromstring(write(3).encode("utf-8"))), \
        rng.error_log.filter_from_errors()[:3]


@pytest.mark.parametrize(("variants", "sections"), [
    (None, ["zh-CN", "en", "zh-Hant"]),
    ((), ["zh-CN", "en"]),
    (("zh-HK", "zh-TW"), ["zh-CN", "en", "zh-TW", "zh-HK"]),  # always in this order
    (("zh-Hant", "zh-TW", "zh-HK"), ["zh-CN", "en", "zh-Hant", "zh-TW", "zh-HK"]),
])
def test_variant_sections(variants: tuple[str, ...] | None, sections: list[str]) -> None:
    root = etree.fromstring(write(3, zh_variants=variants).encode("utf-8"))
    found = root.iter(f"{{{NS}}}langSec")
    assert [s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in found] == sections


def test_languages_from_the_options_and_a_concept_without_english() -> None:
    concept = Concept("a", (Term("数字经济"), Term("数码经济", "admitted")), ())
    root = etree.fromstring(write(3, TermBase((concept,)), source_lang="zh-Hans",
                                  zh_variants=("zh-TW",)).encode("utf-8"))
    sections = {s.get("{http://www.w3.org/XML/1998/namespace}lang"):
                [t.text for t in s.iter(f"{{{NS}}}term")]
                for s in root.iter(f"{{{NS}}}langSec")}
    # one Traditional term per Chinese term, in the same order
    assert sections == {"zh-Hans": ["数字经济", "数码经济"], "zh-TW": ["數字經濟", "數碼經濟"]}
    assert root.find(f".//{{{NS}}}title") is None  # a term base without a name


def test_an_id_starting_with_a_letter_or_underscore_is_kept() -> None:
    concepts = (Concept("a1", (Term("甲"),), ()), Concept("9a", (Term("乙"),), ()))
    root = etree.fromstring(write(3, TermBase(concepts)).encode("utf-8"))
    assert [e.get("id") for e in root.iter(f"{{{NS}}}conceptEntry")] == ["a1", "_9a"]


# ------------------------------------------------------------------ reading

def v3(entries: str, header: str = "") -> str:
    return (f'<?xml version="1.0"?>\n<tbx xmlns="{NS}" type="TBX-Basic" style="dca" '
            f'xml:lang="en">\n<tbxHeader><fileDesc>{header}<sourceDesc><p>x</p></sourceDesc>'
            f"</fileDesc></tbxHeader>\n<text><body>\n{entries}\n</body></text></tbx>\n")


def martif(entries: str) -> str:
    return (f'<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en">\n<martifHeader>'
            f"<fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>\n"
            f"<text><body>\n{entries}\n</body></text></martif>\n")


def entry(*sections: str, extra: str = "", cid: str = "c1") -> str:
    return f'<conceptEntry id="{cid}">{extra}{"".join(sections)}</conceptEntry>'


def section(lang: str, *terms: str) -> str:
    holders = "".join(f"<termSec><term>{t}</term></termSec>" if "<" not in t else t
                      for t in terms)
    return f'<langSec xml:lang="{lang}">{holders}</langSec>'


def read(text: str) -> ImportedTermBase:
    return tbx.read_termbase(io.BytesIO(text.encode("utf-8")), "x.tbx", ReadOptions())


def one(text: str) -> Concept:
    (concept,) = read(text).termbase.concepts
    return concept


def statuses(terms: tuple[Term, ...]) -> list[tuple[str, str]]:
    return [(t.text, t.status) for t in terms]


def test_reading_our_own_output_gives_the_term_base_back_and_says_it_is_whole() -> None:
    for version in (3, 2):
        imported = read(write(version))
        assert imported.complete and imported.warnings == []
        assert imported.termbase.info == TermBaseInfo("sample", "a sample",
                                                      subject_fields=("telecom", "industry"))
        assert imported.termbase.concepts == TERMBASE.concepts


@pytest.mark.parametrize(("notes", "status"), [
    ('<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>', "forbidden"),
    ('<termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>', "superseded"),
    ('<termNote type="administrativeStatus">legalTerm-admn-sts</termNote>', "preferred"),
    ('<termNote type="normativeAuthorization">admittedTerm</termNote>', "admitted"),
    ('<termNote type="normativeAuthorization">deprecatedTerm</termNote>', "forbidden"),
    ('<termNote type="usageStatus">notRecommended</termNote>', "forbidden"),
    ('<termNote type="usageStatus">obsolete</termNote>', "superseded"),
    ('<termNote type="usageStatus">preferred</termNote>', "preferred"),
    # administrativeStatus wins over the others
    ('<termNote type="usageStatus">obsolete</termNote><termNote type="administrativeStatus">'
     "admittedTerm-admn-sts</termNote>", "admitted"),
    # an unknown value is no status: the term's position decides (second: admitted)
    ('<termNote type="administrativeStatus">mysteryTerm</termNote>', "admitted"),
])
def test_statuses(notes: str, status: str) -> None:
    concept = one(v3(entry(section("zh", "双千兆"), section(
        "en", "dual-gigabit", f"<termSec><term>double gigabit</term>{notes}</termSec>"))))
    assert statuses(concept.en) == [("dual-gigabit", "preferred"), ("double gigabit", status)]


def test_without_statuses_the_first_term_of_a_language_is_preferred() -> None:
    concept = one(v3(entry(section("zh", "双千兆", "千兆双网"), section("en", "a", "b", "c"))))
    assert statuses(concept.zh) == [("双千兆", "preferred"), ("千兆双网", "admitted")]
    assert statuses(concept.en) == [("a", "preferred"), ("b", "admitted"), ("c", "admitted")]


def test_tbx_2008_groups_are_unwrapped() -> None:
    text = martif(
        '<termEntry id="G-1"><descripGrp><descrip type="definition">Def.</descrip>'
        '<admin type="source">src</admin></descripGrp>'
        '<langSet xml:lang="zh-CN"><descripGrp><descrip type="context">上下文</descrip>'
        "</descripGrp><ntig><termGrp><term>双千兆</term><termNoteGrp><termNote type="
        '"partOfSpeech">adjective</termNote></termNoteGrp></termGrp></ntig></langSet>'
        '<langSet xml:lang="en"><tig><term>dual-gigabit</term><termNote type="termType">'
        'acronym</termNote><adminGrp><admin type="source">term src</admin></adminGrp>'
        "</tig></langSet></termEntry>")
    imported = read(text)
    assert not imported.complete
    (concept,) = imported.termbase.concepts
    # the part of speech only the Chinese term has stays on it
    assert concept == Concept("g-1", (Term("双千兆", part_of_speech="adjective"),),
                              (Term("dual-gigabit", type="acronym"),),
                              definition="Def.", context="上下文",
                              sources=("src", "term src"))


def test_term_level_data_categories() -> None:
    term = ("<termSec><term>dual\n      gigabit</term><termNote type=\"termType\">madeUp"
            '</termNote><termNote type="partOfSpeech">gerund</termNote>'
            '<descrip type="context">context at the term</descrip><note>one</note>'
            "<note>two</note><note>[policyglossary:hk] 雙千兆香港</note></termSec>")
    concept = one(v3(entry(section("zh", term), section("en", "x"))))
    # a pretty-printed term is one line; unknown picklist values fall back
    assert concept.zh == (Term("dual gigabit", note="one\ntwo", hk="雙千兆香港"),)
    assert concept.context == "context at the term"


def test_an_empty_term_is_an_error() -> None:
    text = v3(entry(section("zh", "双千兆"), '\n<langSec xml:lang="en">\n<termSec>'
                    "<term> </term></termSec></langSec>"))
    with pytest.raises(InputError) as caught:
        read(text)
    assert str(caught.value) == "x.tbx:7: empty <term>"


@pytest.mark.parametrize(("tag", "form", "attribute"), [
    ("zh-Hant", "雙千兆網", "hant"),
    ("zh-TW", "雙千兆網", "tw"),
    ("zh-HK", "雙千兆網", "hk"),
    ("zh-MO", "雙千兆網", "hk"),
    ("zh-Hant", "雙千兆", ""),  # what OpenCC derives anyway is not made explicit
])
def test_traditional_sections_give_explicit_forms(tag: str, form: str, attribute: str) -> None:
    concept = one(v3(entry(section("zh-CN", "双千兆", "千兆"), section(tag, form),
                           section("en", "dual-gigabit"))))
    first = concept.zh[0]
    assert first.text == "双千兆"
    assert {"hant": first.hant, "tw": first.tw, "hk": first.hk} == \
        {key: form if key == attribute else "" for key in ("hant", "tw", "hk")}
    assert concept.zh[1] == Term("千兆", "admitted")  # no form at its position: derived


@pytest.mark.parametrize(("note", "tag", "expected"), [
    # a form our note gives wins over the section's
    ("hant", "zh-Hant", {"hant": "雙千兆甲"}),
    ("tw", "zh-TW", {"tw": "雙千兆甲"}),
    # a note for another region leaves the section's form to its own region
    ("tw", "zh-MO", {"tw": "雙千兆甲", "hk": "雙千兆乙"}),
    ("hk", "zh-Hant", {"hk": "雙千兆甲", "hant": "雙千兆乙"}),
])
def test_explicit_forms_in_notes_and_sections(note: str, tag: str,
                                              expected: dict[str, str]) -> None:
    term = f"<termSec><term>双千兆</term><note>[policyglossary:{note}] 雙千兆甲</note></termSec>"
    concept = one(v3(entry(section("zh-CN", term), section(tag, "雙千兆乙"))))
    first = concept.zh[0]
    assert {k: v for k, v in (("hant", first.hant), ("tw", first.tw), ("hk", first.hk)) if v} \
        == expected


def test_traditional_only_chinese_is_converted() -> None:
    imported = read(v3(entry(section("zh-TW", "雙千兆", "數位經濟"), section("en", "x"))
                       + entry(section("zh-Hant", "梁志峯"), section("en", "y"), cid="c2")))
    assert [[t.text for t in c.zh] for c in imported.termbase] == [["双千兆", "数位经济"],
                                                                  ["梁志峰"]]
    assert imported.warnings == ["x.tbx: 3 Traditional-only Chinese term(s) converted to "
                                 "Simplified with OpenCC t2s; check them"]


def test_english_variants_are_merged_and_other_languages_skipped() -> None:
    imported = read(v3(entry(section("zh", "双千兆"), section("en-US", "dual-gigabit"),
                             section("en-GB", "dual gigabit"), section("fr", "a", "b"),
                             section("", "c"), section("de", "d"))))
    (concept,) = imported.termbase.concepts
    assert statuses(concept.en) == [("dual-gigabit", "preferred"), ("dual gigabit", "admitted")]
    assert imported.warnings == [
        "x.tbx: 1 term(s) in (no language) skipped: the term base holds Chinese and English only",
        "x.tbx: 1 term(s) in de skipped: the term base holds Chinese and English only",
        "x.tbx: 2 term(s) in fr skipped: the term base holds Chinese and English only",
        "x.tbx: English terms in en-GB, en-US merged into one language (en)"]


@pytest.mark.parametrize(("count", "listed"), [
    (1, "1 entry without a Chinese term skipped (e0)"),
    (5, "5 entries without a Chinese term skipped (e0, e1, e2, e3, e4)"),
    (6, "6 entries without a Chinese term skipped (e0, e1, e2, e3, e4 and 1 more)"),
    (7, "7 entries without a Chinese term skipped (e0, e1, e2, e3, e4 and 2 more)"),
])
def test_entries_without_chinese_are_skipped_and_named(count: int, listed: str) -> None:
    entries = "".join(entry(section("en", "x"), cid=f"e{n}") for n in range(count))
    imported = read(v3(entries + entry(section("zh", "甲"), section("en", "a"))))
    assert [c.headword for c in imported.termbase] == ["甲"]
    assert imported.warnings == [f"x.tbx: {listed}"]


def test_an_entry_without_an_id_is_named_by_its_line() -> None:
    imported = read(v3('<conceptEntry>\n<langSec xml:lang="en"><termSec><term>x</term>'
                       "</termSec></langSec></conceptEntry>"))
    assert imported.warnings == ["x.tbx: 1 entry without a Chinese term skipped (at line 5)"]


@pytest.mark.parametrize(("transactions", "created", "modified"), [
    (("origination", "2024-01-02"), date(2024, 1, 2), None),
    (("creation", "2024-01-02T10:30:00Z"), date(2024, 1, 2), None),  # TBX 2008 wording
    (("modification", "2024-03-04"), None, date(2024, 3, 4)),
    (("origination", "not a date"), None, None),
    (("origination", ""), None, None),
    (("approval", "2024-01-02"), None, None),
])
def test_transactions(transactions: tuple[str, str], created: date | None,
                      modified: date | None) -> None:
    kind, when = transactions
    group = f'<transacGrp><transac type="transactionType">{kind}</transac><date>{when}</date>' \
            "</transacGrp>"
    concept = one(v3(entry(section("zh", "甲"), extra=group)))
    assert (concept.created, concept.modified) == (created, modified)


def test_the_first_of_repeated_fields_wins_and_sources_are_unique() -> None:
    extra = ('<descrip type="definition">first</descrip><descrip type="definition">second'
             '</descrip><descrip type="subjectField">a</descrip><admin type="source">s</admin>'
             '<admin type="source">s</admin><admin type="source">t</admin>'
             '<descrip type="definition"> </descrip><note>n1</note><note>n2</note>')
    concept = one(v3(entry(section("zh", "甲"), extra=extra)))
    assert (concept.definition, concept.subject_field, concept.sources, concept.note) == \
        ("first", "a", ("s", "t"), "n1\nn2")


def _pos(value: str) -> str:
    return f'<termNote type="partOfSpeech">{value}</termNote>'


@pytest.mark.parametrize(("zh_pos", "en_pos", "concept_pos", "terms_pos"), [
    ("noun", "noun", "noun", ("", "")),       # shared by every term: the concept's
    ("noun", "verb", "", ("noun", "verb")),   # different: each term keeps its own
    ("noun", "", "", ("noun", "")),
])
def test_part_of_speech_of_a_foreign_file(zh_pos: str, en_pos: str, concept_pos: str,
                                          terms_pos: tuple[str, str]) -> None:
    concept = one(v3(entry(
        section("zh", f"<termSec><term>甲</term>{_pos(zh_pos) if zh_pos else ''}</termSec>"),
        section("en", f"<termSec><term>a</term>{_pos(en_pos) if en_pos else ''}</termSec>"))))
    assert concept.part_of_speech == concept_pos
    assert (concept.zh[0].part_of_speech, concept.en[0].part_of_speech) == terms_pos


@pytest.mark.parametrize(("raw", "expected"), [
    ("_5g", "5g"), ("C-123 Foo", "c-123-foo"), ("TE_42", "te-42"), ("--x--", "x"), ("", ""),
])
def test_ids(raw: str, expected: str) -> None:
    assert one(v3(entry(section("zh", "甲"), cid=raw))).id == expected


def test_header() -> None:
    text = v3(entry(section("zh", "甲")),
              header="<titleStmt><title> My glossary </title></titleStmt>").replace(
        "<sourceDesc><p>x</p></sourceDesc>",
        "<sourceDesc><p>[policyglossary:subject-fields] a | | b </p><p>The description.</p>"
        "<p>Not the description.</p></sourceDesc>")
    imported = read(text)
    assert imported.termbase.info == TermBaseInfo("My glossary", "The description.",
                                                  subject_fields=("a", "b"))
    assert not imported.complete  # no layout mark: not our file


def test_a_root_that_is_not_tbx() -> None:
    with pytest.raises(InputError) as caught:
        read('<?xml version="1.0"?>\n<glossary><conceptEntry id="x"/></glossary>')
    assert str(caught.value) == \
        "x.tbx:2: not a TBX document: the root element is <glossary>, not <tbx> or <martif>"


def _independent_skip_counts(path: Path) -> tuple[Counter[str], int]:
    """Terms per language other than Chinese and English, and entries without Chinese,
    counted with lxml alone."""
    root = etree.parse(str(path)).getroot()
    skipped: Counter[str] = Counter()
    without_chinese = 0
    for concept in root.iter("{*}conceptEntry", "{*}termEntry"):
        langs = set()
        for lang_section in concept.iter("{*}langSec", "{*}langSet"):
            lang = lang_section.get("{http://www.w3.org/XML/1998/namespace}lang", "")
            langs.add(lang.split("-")[0].lower())
            if lang.split("-")[0].lower() not in ("zh", "en"):
                skipped[lang] += sum(1 for _ in lang_section.iter("{*}term"))
        without_chinese += "zh" not in langs
    return skipped, without_chinese


@needs_shared
@pytest.mark.parametrize("name", ["byutrg_TBX-basic-sample_v2.tbx",
                                  "lisa2008_medtronic_TBX.tbx", "lisa2008_ibm_tbx.tbx"])
def test_skip_counts_on_real_files(name: str) -> None:
    path = INTEROP / "tbx" / name
    with path.open("rb") as handle:
        imported = tbx.read_termbase(handle, str(path), ReadOptions())
    skipped, without_chinese = _independent_skip_counts(path)
    assert imported.termbase.concepts == ()
    for lang, count in skipped.items():
        assert f"{path}: {count} term(s) in {lang} skipped: the term base holds Chinese and " \
               "English only" in imported.warnings
    assert any(w.startswith(f"{path}: {without_chinese} entr") for w in imported.warnings)
