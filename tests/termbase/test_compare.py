"""Field-by-field comparison of two versions of a concept (`import` and `diff` share it):
names as in the canonical format, terms matched by text, formatting no change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from policyglossary.model import Concept, Term
from policyglossary.termbase.compare import FieldChange, concept_changes, describe, merged

BASE = Concept("c", (Term("局长", hant="局長"),), (
    Term("director general"), Term("director", "forbidden", reason="too vague")),
    definition="Head of a bureau.", sources=("https://example.org/a",),
    created=date(2026, 1, 1))


def _fields(new: Concept, **options: object) -> list[tuple[str, str | None, object, object]]:
    return [(c.field, c.term, c.old, c.new) for c in concept_changes(BASE, new, **options)]  # type: ignore[arg-type]


# (id, new version, changes)
CHANGES = [
    ("date as ISO text", replace(BASE, created=date(2026, 2, 3)),
     [("created", None, "2026-01-01", "2026-02-03")]),
    ("sources as lists", replace(BASE, sources=()),
     [("sources", None, ["https://example.org/a"], [])]),
    ("whitespace inside a source is no change", replace(BASE, sources=(" https://example.org/a",)),
     []),
    ("verified", replace(BASE, verified=False), [("verified", None, True, False)]),
    ("a Chinese term's explicit form", replace(BASE, zh=(Term("局长"),)),
     [("zh.hant", "局长", "局長", "")]),
    ("case sensitivity", replace(BASE, en=(replace(BASE.en[0], case_sensitive=True),
                                           BASE.en[1])),
     [("en.case-sensitive", "director general", False, True)]),
    ("a term's type", replace(BASE, en=(replace(BASE.en[0], type="phrase"), BASE.en[1])),
     [("en.type", "director general", "fullForm", "phrase")]),
]


@pytest.mark.parametrize(("new", "expected"), [c[1:] for c in CHANGES],
                         ids=[c[0] for c in CHANGES])
def test_concept_changes(new: Concept, expected: list[tuple[str, str | None, object, object]]) \
        -> None:
    assert _fields(new) == expected


def test_only_the_fields_asked_for() -> None:
    new = replace(BASE, definition="Other.", note="A note.")
    assert [c[0] for c in _fields(new, fields={"note"})] == ["note"]


def test_an_additive_file_changes_only_what_it_gives() -> None:
    """A CAT glossary: empty fields, missing terms and unset attributes are not removals."""
    partial = Concept("", (Term("局长"),), (Term("director", "forbidden"),
                                           Term("bureau chief", "admitted")))
    assert _fields(partial, additive=True) == [
        ("en", "bureau chief", None, {"text": "bureau chief", "status": "admitted"})]
    assert _fields(replace(partial, verified=False), additive=True)[0][0] == "en"


def test_describe_names_only_what_is_set() -> None:
    assert describe(Term("MIIT", "admitted", "acronym", case_sensitive=True, note="n")) == {
        "text": "MIIT", "status": "admitted", "type": "acronym", "case-sensitive": True,
        "note": "n"}
    assert describe(Term("x")) == {"text": "x", "status": "preferred"}


def test_status_transitions_are_status_fields() -> None:
    assert FieldChange("en.status", "admitted", "forbidden", "x").is_status_transition
    assert not FieldChange("en.reason", "", "r", "x").is_status_transition
    assert not FieldChange("en", None, {"text": "x"}, "x").is_status_transition


def test_merged_complete_takes_the_new_version_under_the_old_id() -> None:
    new = replace(BASE, id="other", definition="New.")
    assert merged(BASE, new, additive=False) == replace(new, id="c")


def test_merged_additive_fills_and_appends() -> None:
    partial = Concept("", (Term("局长"),), (
        Term("director", "superseded", note="old usage"), Term("bureau chief", "admitted")),
        note="from a CAT tool")
    result = merged(BASE, partial, additive=True)
    assert result.definition == BASE.definition and result.note == "from a CAT tool"
    assert [(t.text, t.status) for t in result.en] == [
        ("director general", "preferred"), ("director", "superseded"),
        ("bureau chief", "admitted")]
    assert result.en[1].reason == "too vague" and result.en[1].note == "old usage"
    assert result.zh == BASE.zh  # the same term, its explicit form kept
