"""formats/profiles.py: the memoQ and Phrase spreadsheet layouts (README "Profiles"): exact
header and rows, the warnings for what each cannot hold, reading them back (with located
errors), and recognising them from a header row. (What each layout silently loses is in
test_lost_fields.py.)"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest

from policyglossary.api import export_options
from policyglossary.errors import InputError
from policyglossary.formats import profiles
from policyglossary.formats._options import ImportedTermBase, WriteOptions
from policyglossary.formats.fidelity import export_termbase
from policyglossary.model import Concept, Term, TermBase

CONCEPT = Concept(
    "5g", (Term("双千兆", hant="雙千兆網"), Term("千兆双网", "admitted")),
    (Term("dual-gigabit"), Term("DG", "admitted", "acronym", case_sensitive=True, note="rare"),
     Term("double gigabit", "forbidden", reason="calque", replacement="dual-gigabit"),
     Term("two gigabit", "superseded", reason="old")),
    subject_field="telecom", definition="Def.", note="n", created=date(2024, 1, 2),
    modified=date(2024, 3, 4))
TERMBASE = TermBase((CONCEPT,))


def export(name: str, termbase: TermBase = TERMBASE, **options: object) \
        -> tuple[list[str], list[list[object]], list[str]]:
    """The layout's header and rows, and the warnings `export` gives with it (the loss is
    worked out from the schema for every format: formats/fidelity.py)."""
    header, rows, _ = profiles.PROFILES[name].export(termbase, WriteOptions(**options))  # type: ignore[arg-type]
    warnings = export_termbase("csv", io.BytesIO(), termbase, export_options(
        "csv", WriteOptions(profile=name, **options)))  # type: ignore[arg-type]
    return header, rows, warnings


def test_memoq_layout() -> None:
    header, rows, warnings = export("memoq", zh_variants=("zh-TW", "zh-Hant"))
    assert header == ["Entry_ID", "Entry_Subject", "Entry_Note", "Entry_Created",
                      "Entry_LastModified", "Chinese (PRC)", "Chinese (PRC)_Def",
                      "Chinese (Traditional)", "Chinese (Taiwan)", "English", "English_Forbidden"]
    assert rows == [["5g", "telecom", "n", "2024-01-02", "2024-03-04", "双千兆;千兆双网", "Def.",
                     "雙千兆網;千兆雙網", "雙千兆;千兆雙網", "dual-gigabit;DG",
                     "double gigabit;two gigabit"]]
    assert warnings == [
        "The memoq layout cannot hold: explicit Traditional forms (1 concept), term types "
        "(1 concept), case sensitivity (1 concept), reasons (1 concept), replacements "
        "(1 concept), term notes (1 concept), superseded renderings (1 concept)"]


def test_memoq_regional_forms_are_listed_once() -> None:
    concept = Concept("a", (Term("台湾"), Term("臺灣", "admitted")), (Term("Taiwan"),))
    header, rows, _ = export("memoq", TermBase((concept,)), zh_variants=("zh-Hant",))
    assert dict(zip(header, rows[0], strict=True))["Chinese (Traditional)"] == "臺灣"


def test_phrase_layout() -> None:
    header, rows, warnings = export("phrase", source_lang="zh-Hans")
    assert header == ["Entry_ID", "Domain", "Definition", "Language", "Term", "Preferred",
                      "Forbidden", "Case sensitive", "Note"]
    common = ["5g", "telecom", "Def."]
    assert rows == [
        [*common, "zh_hans", "双千兆", True, False, False, ""],
        [*common, "zh_hans", "千兆双网", False, False, False, ""],
        [*common, "en", "dual-gigabit", True, False, False, ""],
        [*common, "en", "DG", False, False, True, "rare"],
        [*common, "en", "double gigabit", False, True, False, "calque"],
        [*common, "en", "two gigabit", False, True, False, "old"]]
    # the reason goes to the Note column, which import does not read back: lost too
    assert warnings == [
        "The phrase layout cannot hold: note (1 concept), created dates (1 concept), modified "
        "dates (1 concept), explicit Traditional forms (1 concept), term types (1 concept), "
        "reasons (1 concept), replacements (1 concept), term notes (1 concept), superseded "
        "renderings (1 concept)"]


@pytest.mark.parametrize("name", sorted(profiles.PROFILES))
def test_warnings_count_concepts(name: str) -> None:
    concepts = tuple(replace(CONCEPT, id=f"c{n}", sources=("s",), part_of_speech="noun",
                             context="上下文", verified=False) for n in range(3))
    _, _, warnings = export(name, TermBase(concepts))
    (said,) = warnings
    assert said.startswith(f"The {name} layout cannot hold: ")
    for field in ("sources", "context", "part of speech", "verified=false"):
        assert f"{field} (3 concepts)" in said
    assert export(name, TermBase(()))[2] == []


# ------------------------------------------------------------------ reading

def read(name: str, header: list[str], *rows: list[object]) -> ImportedTermBase:
    return profiles.PROFILES[name].read(list(enumerate(rows, 2)), header, "x.csv")


def test_memoq_rows() -> None:
    header, rows, _ = export("memoq")
    imported = read("memoq", header, [], *rows, [" "] * len(header))
    assert not imported.complete and imported.warnings == []
    (concept,) = imported.termbase.concepts
    assert concept == Concept(
        "5g", (Term("双千兆"), Term("千兆双网", "admitted")),
        (Term("dual-gigabit"), Term("DG", "admitted"), Term("double gigabit", "forbidden"),
         Term("two gigabit", "forbidden")),
        subject_field="telecom", note="n", definition="Def.", created=date(2024, 1, 2),
        modified=date(2024, 3, 4))  # memoQ's entry dates are read back


def test_memoq_minimal_columns_and_blank_alternatives() -> None:
    imported = read("memoq", ["Entry_ID", "Chinese (PRC)", "English"],
                    ["", " 甲 ; ;乙", "a;;b ;"])
    (concept,) = imported.termbase.concepts
    assert concept == Concept("", (Term("甲"), Term("乙", "admitted")),
                              (Term("a"), Term("b", "admitted")))


def test_memoq_row_without_chinese() -> None:
    with pytest.raises(InputError) as caught:
        read("memoq", ["Entry_ID", "Chinese (PRC)", "English"], ["a", "甲", "a"],
             ["b", " ; ", "b"])
    assert str(caught.value) == "x.csv:3: row has no term in 'Chinese (PRC)'"


def test_phrase_rows() -> None:
    header, rows, _ = export("phrase")
    (concept,) = read("phrase", header, *rows).termbase.concepts
    assert concept == Concept(
        "5g", (Term("双千兆"), Term("千兆双网", "admitted")),
        (Term("dual-gigabit"), Term("DG", "admitted", case_sensitive=True),
         Term("double gigabit", "forbidden"), Term("two gigabit", "forbidden")),
        subject_field="telecom", definition="Def.")


@pytest.mark.parametrize(("preferred", "forbidden", "status"), [
    (True, False, "preferred"), ("TRUE", "FALSE", "preferred"), ("true", None, "preferred"),
    (1, 0, "preferred"), ("1", "", "preferred"), (False, False, "admitted"),
    ("WAHR", "FALSCH", "admitted"),  # what Excel shows in German, not what it stores
    (True, True, "forbidden"),
])
def test_phrase_boolean_cells(preferred: object, forbidden: object, status: str) -> None:
    header = ["Entry_ID", "Language", "Term", "Preferred", "Forbidden"]
    concept = read("phrase", header, ["a", "zh", "甲", True, False],
                   ["a", "en", "a", preferred, forbidden]).termbase.concepts[0]
    assert concept.en == (Term("a", status),)


def test_phrase_rows_without_an_entry_id_are_concepts_of_their_own() -> None:
    header = ["Entry_ID", "Language", "Term", "Forbidden"]
    imported = read("phrase", header, ["", "zh-CN", "甲", False], [None, "zh-CN", "乙", False],
                    ["x", "en", "", False])  # a row without a term is skipped
    assert [(c.id, c.headword) for c in imported.termbase] == [("", "甲"), ("", "乙")]


@pytest.mark.parametrize(("rows", "message"), [
    ([["a", "zh", "甲", False], ["a", "fr", "un", False]],
     "x.csv:3: language 'fr' is neither Chinese nor English"),
    ([["a", "zh", "甲", False], ["b", "en", "b", False]], "x.csv:3: entry 'b' has no Chinese term"),
    ([["", "en", "b", False]], "x.csv:2: entry 'row-2' has no Chinese term"),
])
def test_phrase_errors(rows: list[list[object]], message: str) -> None:
    with pytest.raises(InputError) as caught:
        read("phrase", ["Entry_ID", "Language", "Term", "Forbidden"], *rows)
    assert str(caught.value) == message


@pytest.mark.parametrize(("header", "profile"), [
    (["Entry_ID", "Chinese (PRC)", "English", "English_Forbidden"], "memoq"),
    ([" Entry_ID ", "Chinese (PRC)", "English"], "memoq"),
    (["entry_id", "chinese (prc)", "english"], None),  # memoQ's names are case-sensitive
    (["ENTRY_ID", "Language", "TERM", "forbidden", "Note"], "phrase"),
    (["Entry_ID", "Language", "Term"], None),  # no Forbidden column: not Phrase's layout
    (["id", "zh", "en"], None),
    ([], None),
])
def test_recognise(header: list[str], profile: str | None) -> None:
    found = profiles.recognise(header)
    assert (found.name if found else None) == profile
