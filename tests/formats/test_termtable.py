"""formats/termtable.py: term bases as one row per concept (README "Term base columns"):
the default layout's header and cells, its import with every located error, edited
Traditional cells, plain glossaries, and which layout a header row selects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

import pytest

from policyglossary.errors import InputError
from policyglossary.formats import termtable
from policyglossary.formats._options import ImportedTermBase, WriteOptions
from policyglossary.model import Concept, Term, TermBase

CONCEPT = Concept(
    "5g",
    (Term("双千兆", hant="雙千兆網"), Term("千兆双网", "admitted", "variant", note="少用"),
     Term("两千兆", "forbidden", reason="错 | 误")),
    (Term("dual-gigabit"),
     Term("DG", "admitted", "acronym", part_of_speech="noun", case_sensitive=True,
          note="rare"),
     Term("double gigabit", "forbidden", reason="calque", replacement="dual-gigabit"),
     Term("two gigabit", "superseded", reason="old")),
    subject_field="telecom", part_of_speech="adjective", definition="Def.",
    context="接续开展“双千兆”", note="n", sources=("http://a", "b|c"), verified=False,
    created=date(2024, 1, 2), modified=date(2024, 3, 4))

ROW = {
    "id": "5g", "zh": "双千兆 {hant: 雙千兆網}", "zh-Hant": "雙千兆網", "zh-TW": "雙千兆",
    "zh-HK": "雙千兆",
    "zh other": "千兆双网 {status: admitted; type: variant; note: 少用} | "
                "两千兆 [错 \\| 误] {status: forbidden}",
    "en": "dual-gigabit",
    "en admitted": "DG {type: acronym; pos: noun; case-sensitive: yes; note: rare}",
    "en forbidden": "double gigabit [calque] {replacement: dual-gigabit}",
    "en superseded": "two gigabit [old]", "part of speech": "adjective",
    "subject field": "telecom", "definition": "Def.", "context": "接续开展“双千兆”",
    "note": "n", "sources": "http://a | b\\|c", "status": "unverified",
    "created": "2024-01-02", "modified": "2024-03-04",
}
TAIL = ["en", "en admitted", "en forbidden", "en superseded", "part of speech",
        "subject field", "definition", "context", "note", "sources", "status", "created",
        "modified"]


@pytest.mark.parametrize(("variants", "chinese"), [
    (None, ["zh", "zh-Hant", "zh other"]),
    ((), ["zh", "zh-Hant", "zh other"]),  # zh-Hant is always there: it can be edited
    (("zh-HK", "zh-TW"), ["zh", "zh-Hant", "zh-TW", "zh-HK", "zh other"]),
    (("zh-TW",), ["zh", "zh-Hant", "zh-TW", "zh other"]),
    (("zh-HK", "zh-Hant"), ["zh", "zh-Hant", "zh-HK", "zh other"]),
])
def test_header(variants: tuple[str, ...] | None, chinese: list[str]) -> None:
    assert termtable.header(WriteOptions(zh_variants=variants)) == ["id", *chinese, *TAIL]


def test_every_column_is_documented() -> None:
    columns = termtable.header(WriteOptions(zh_variants=("zh-TW", "zh-HK")))
    assert set(termtable.COLUMN_DOCS) == set(columns)
    assert all(termtable.COLUMN_DOCS[c] for c in columns)


def test_concept_row() -> None:
    columns = termtable.header(WriteOptions(zh_variants=("zh-TW", "zh-HK")))
    assert dict(zip(columns, termtable.concept_row(CONCEPT, columns), strict=True)) == ROW


def test_export_rows() -> None:
    columns, rows = termtable.export_rows(
        TermBase((CONCEPT, replace(CONCEPT, id="b", verified=True, created=None))),
        WriteOptions())
    assert columns == termtable.header(WriteOptions())
    assert [r[0] for r in rows] == ["5g", "b"]
    assert [(r[columns.index("status")], r[columns.index("created")]) for r in rows] == \
        [("unverified", "2024-01-02"), ("verified", "")]


# ------------------------------------------------------------------ default layout import

NAMES = list(ROW)


def import_rows(*rows: dict[str, object], names: Sequence[str] = NAMES) -> ImportedTermBase:
    numbered = [(n, [row.get(name, "") for name in names]) for n, row in enumerate(rows, 2)]
    return termtable.import_default(numbered, list(names), "x.csv")


def test_the_default_layout_reads_back_every_field() -> None:
    imported = import_rows(ROW)
    assert imported.complete and imported.warnings == []
    (concept,) = imported.termbase.concepts
    assert concept == CONCEPT


@pytest.mark.parametrize(("cells", "message"), [
    ({"en": "a {colour: red}"}, "column 'en': unknown attribute 'colour' on 'a'"),
    ({"zh": "甲 {tw: 甲}", "en admitted": "a {hant: x}"},
     "column 'en admitted': unknown attribute 'hant' on 'a'"),
    ({"zh other": "乙 {status: preferable}"},
     "column 'zh other': status 'preferable' is not one of preferred, admitted, forbidden, "
     "superseded"),
    ({"en": "a {type: nickname}"},
     "column 'en': type 'nickname' is not one of fullForm, acronym, abbreviation, shortForm, "
     "variant, phrase"),
    ({"created": "2024-13-01"}, "column 'created': '2024-13-01' is not a date (YYYY-MM-DD)"),
    ({"modified": "yesterday"}, "column 'modified': 'yesterday' is not a date (YYYY-MM-DD)"),
    ({"zh": " | "}, "row has no Chinese term in column 'zh'"),
    ({"part of speech": "Noun"},
     "column 'part of speech': 'Noun' is not one of noun, verb, adjective, adverb, other"),
    ({"status": "maybe"}, "column 'status': 'maybe' is neither verified nor unverified"),
    ({"en": "a {oops}"}, "column 'en': attribute 'oops' needs the form key: value"),
])
def test_default_layout_errors_name_file_line_and_column(cells: dict[str, str],
                                                         message: str) -> None:
    good = {"id": "a", "zh": "甲", "en": "a"}
    with pytest.raises(InputError) as caught:
        import_rows(good, {**good, "id": "b", **cells})
    assert str(caught.value) == f"x.csv:3: {message}"


def test_default_layout_cells() -> None:
    imported = import_rows(
        {},  # a blank row
        {"id": " a ", "zh": "甲", "en": "a [reason on an allowed term is not kept]",
         "status": "VERIFIED", "created": datetime(2024, 3, 1)},
        names=["id", "zh", "en", "status", "created"])
    (concept,) = imported.termbase.concepts
    assert (concept.id, concept.en, concept.verified, concept.created) == \
        ("a", (Term("a"),), True, date(2024, 3, 1))


@pytest.mark.parametrize(("cells", "first"), [
    # an edited Traditional cell makes that form explicit
    ({"zh-Hant": "雙千兆網"}, Term("双千兆", hant="雙千兆網")),
    ({"zh-TW": "雙千兆網路"}, Term("双千兆", tw="雙千兆網路")),
    ({"zh-HK": "雙千兆網"}, Term("双千兆", hk="雙千兆網")),
    # the derived form, or an empty cell, says nothing
    ({"zh-Hant": "雙千兆", "zh-TW": "雙千兆", "zh-HK": ""}, Term("双千兆")),
    # a form given in the zh cell wins over the column
    ({"zh": "双千兆 {hant: 雙千兆甲}", "zh-Hant": "雙千兆乙"}, Term("双千兆", hant="雙千兆甲")),
])
def test_traditional_columns(cells: dict[str, str], first: Term) -> None:
    row = {"id": "a", "zh": "双千兆", "en": "dual-gigabit", **cells}
    names = ["id", "zh", "zh-Hant", "zh-TW", "zh-HK", "en"]
    (concept,) = import_rows(row, names=names).termbase.concepts
    assert concept.zh == (first,)


# ------------------------------------------------------------------ plain glossaries

def plain(header: list[str], *rows: list[str]) -> ImportedTermBase:
    return termtable.import_plain(list(enumerate(rows, 2)), header, "g.csv", 1)


@pytest.mark.parametrize("header", [
    ["zh_CN", "en"], ["en-US", "zh-Hans"], ["source", "target"], ["Chinese", "English"],
    ["Term", "Translation"], ["ZH", "EN-GB", "zh-TW"], ["cmn", "en"],
])
def test_plain_glossary_columns(header: list[str]) -> None:
    zh_first = header[0].lower() not in ("en-us",)
    row = ["双千兆", "dual-gigabit"] if zh_first else ["dual-gigabit", "双千兆"]
    (concept,) = plain(header, row + [""] * (len(header) - 2)).termbase.concepts
    assert (concept.headword, concept.preferred_en) == ("双千兆", Term("dual-gigabit"))


def test_plain_glossary_without_the_columns_is_an_error() -> None:
    with pytest.raises(InputError) as caught:
        plain(["en", "pt"], ["a", "b"])
    assert str(caught.value) == ("g.csv:1: header needs a Chinese and an English column "
                                 "(zh/zh-CN/source and en/target); found: en, pt")


def test_plain_glossary_rows() -> None:
    imported = plain(
        ["zh-CN", "en", "Definition", "Notes", "POS", "Domain"],
        ["双千兆", "dual-gigabit", "Umbrella term.", "n", "Adjective", "telecom"],
        ["双千兆", "gigabit-plus", "ignored: the first row's extras count", "", "", ""],
        ["双千兆", "dual-gigabit", "", "", "", ""],  # the same rendering again
        ["", "", "", "", "", ""],
        ["只有中文", "", "", "", "", ""],
        ["新质生产力", "new quality productive forces", "", "", "gerund", ""])
    assert [(c.headword, [(t.text, t.status) for t in c.en], c.definition, c.note,
             c.part_of_speech, c.subject_field) for c in imported.termbase] == [
        ("双千兆", [("dual-gigabit", "preferred"), ("gigabit-plus", "admitted")],
         "Umbrella term.", "n", "adjective", "telecom"),
        ("新质生产力", [("new quality productive forces", "preferred")], "", "", "", "")]
    assert not imported.complete
    assert imported.warnings == [
        "g.csv:6: row without a Chinese or an English term skipped",
        "g.csv:7: part of speech 'gerund' is not a TBX-Basic value; left out"]


def test_plain_glossary_in_traditional_script_is_stored_in_simplified() -> None:
    imported = plain(["zh_TW", "en"], ["雙千兆", "dual-gigabit"], ["數位經濟", "digital economy"],
                     ["双千兆", "gigabit"])  # the Simplified form of the first: one concept
    assert [(c.headword, len(c.en)) for c in imported.termbase] == \
        [("双千兆", 2), ("数位经济", 1)]


# ------------------------------------------------------------------ which layout

@pytest.mark.parametrize(("header", "row", "complete", "concept_id"), [
    (["id", "zh", "en"], ["a", "甲", "a"], True, "a"),           # default layout
    (["ID", "ZH", "ZH-HANT", "EN"], ["a", "甲", "甲", "a"], True, "a"),
    (["zh", "en", "en admitted"], ["甲", "a", "b"], True, ""),
    (["Entry_ID", "Chinese (PRC)", "English"], ["a", "甲", "a"], False, "a"),  # memoQ
    (["Entry_ID", "Language", "Term", "Forbidden"], ["a", "zh_cn", "甲", "FALSE"], False,
     "a"),                                                        # Phrase
    (["zh", "en"], ["甲", "a"], False, ""),                       # a plain glossary
])
def test_the_header_selects_the_layout(header: list[str], row: list[str], complete: bool,
                                       concept_id: str) -> None:
    imported = termtable.import_table([(2, row)], 1, header, "x.csv")
    assert imported.complete is complete
    (concept,) = imported.termbase.concepts
    assert (concept.id, concept.headword) == (concept_id, "甲")
