"""`import`'s merge rules, table-driven: how concepts match, which ids new ones get, what a
conflict is and how each `--on-conflict` resolves it, whole concepts against CAT glossaries
that list only some terms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from policyglossary.model import Concept, Term, TermBase, TermBaseInfo
from policyglossary.termbase.merge import merge, new_id

TODAY = date(2027, 3, 4)
CREATED = date(2026, 1, 2)
GIGABIT = Concept("dual-gigabit", (Term("双千兆"),), (
    Term("dual-gigabit"), Term("dual-gigabit networks", "admitted"),
    Term("double gigabit", "forbidden", reason="calque")),
    definition="Gigabit mobile and fixed networks.", created=CREATED, modified=CREATED)
MIIT = Concept("miit", (Term("工业和信息化部"),), (
    Term("Ministry of Industry and Information Technology"),
    Term("MIIT", "admitted", "acronym", case_sensitive=True)), created=CREATED,
    modified=CREATED)
EXISTING = TermBase((GIGABIT, MIIT), TermBaseInfo(name="ours"))


def _merge(*incoming: Concept, complete: bool = True, on_conflict: str = "replace"):  # type: ignore[no-untyped-def]
    return merge(EXISTING, TermBase(incoming), complete, on_conflict, today=TODAY)


def _new(zh: str, *en: str, cid: str = "") -> Concept:
    return Concept(cid, (Term(zh),), tuple(Term(text) for text in en))


# (id, incoming concept, id it is added under)
NEW_IDS = [
    ("its own id", _new("新动能", "new growth drivers", cid="new-drivers"), "new-drivers"),
    ("from the preferred English", _new("新动能", "New Growth-Drivers!"), "new-growth-drivers"),
    ("an invalid id is replaced", _new("新动能", "new growth drivers", cid="New_Drivers"),
     "new-growth-drivers"),
    ("a taken slug gets a number", _new("双千兆网", "Dual gigabit"), "dual-gigabit-2"),
    ("no English: a hash of the headword", _new("新动能"), "zh-" + "0" * 8),
    ("a long slug is cut at a word", _new("新动能", " ".join(["development"] * 9)),
     "-".join(["development"] * 5)),
]


@pytest.mark.parametrize(("incoming", "cid"), [c[1:] for c in NEW_IDS],
                         ids=[c[0] for c in NEW_IDS])
def test_new_concepts_are_added_under_a_readable_id(incoming: Concept, cid: str) -> None:
    result = _merge(incoming)
    (added,) = result.added
    if cid.startswith("zh-"):
        assert added.id.startswith("zh-") and len(added.id) == 11
        assert added.id == new_id(incoming, set())  # the same headword, the same id
    else:
        assert added.id == cid
    assert len(added.id) <= 60
    assert (added.created, added.modified) == (TODAY, TODAY)
    assert result.termbase.by_id()[added.id] == added
    assert not result.changed and not result.conflicts


def test_dates_the_file_gives_are_kept() -> None:
    incoming = replace(_new("新动能", "new growth drivers"), created=CREATED,
                       modified=date(2026, 5, 6))
    (added,) = _merge(incoming).added
    assert (added.created, added.modified) == (CREATED, date(2026, 5, 6))


@pytest.mark.parametrize("incoming", [
    replace(GIGABIT, id="other-id"),                          # the id is unknown: headword
    replace(GIGABIT, id=""),                                  # no id: headword
    replace(GIGABIT, zh=(Term("双千兆"),), id="dual-gigabit"),  # by id
    replace(GIGABIT, en=tuple(reversed(GIGABIT.en))),         # term order is no change
    replace(GIGABIT, definition="Gigabit  mobile and fixed\n networks."),  # nor wrapping
    replace(GIGABIT, modified=TODAY),                         # nor the dates alone
], ids=["unknown id", "no id", "by id", "reordered", "re-wrapped", "dates"])
def test_an_unchanged_concept_is_counted_not_written(incoming: Concept) -> None:
    result = _merge(incoming)
    assert result.unchanged == 1
    assert not result.added and not result.changed and not result.conflicts
    assert result.termbase.concepts == EXISTING.concepts


def test_a_traditional_headword_finds_its_concept() -> None:
    incoming = Concept("", (Term("雙千兆"),), (Term("dual-gigabit"), Term("gigabit-plus",
                                                                         "admitted")))
    result = _merge(incoming, complete=False)
    (target, changes) = result.conflicts[0]
    assert target.id == "dual-gigabit"
    assert [(c.field, c.term) for c in changes] == [("zh", "雙千兆"), ("en", "gigabit-plus")]


CHANGED = replace(GIGABIT, definition="Reviewed.", en=GIGABIT.en[:2])


def test_fail_reports_the_conflict_field_by_field() -> None:
    result = _merge(CHANGED, on_conflict="fail")
    ((target, changes),) = result.conflicts
    assert target is GIGABIT
    assert [(c.field, c.term, c.old, c.new) for c in changes] == [
        ("definition", None, "Gigabit mobile and fixed networks.", "Reviewed."),
        ("en", "double gigabit", {"text": "double gigabit", "status": "forbidden",
                                  "reason": "calque"}, None)]


def test_keep_leaves_the_concept_and_says_so() -> None:
    result = _merge(CHANGED, on_conflict="keep")
    assert result.skipped == [("dual-gigabit", "2 conflicting change(s) kept as they are "
                                               "(--on-conflict keep)")]
    assert result.termbase.by_id()["dual-gigabit"] is GIGABIT
    assert not result.conflicts and not result.changed


def test_replace_takes_a_whole_concept_from_a_complete_file() -> None:
    result = _merge(replace(CHANGED, id="", created=None, modified=None))
    ((old, new, changes),) = result.changed
    assert old is GIGABIT and len(changes) == 2
    assert new == replace(CHANGED, created=CREATED, modified=TODAY)  # id and created kept
    assert result.termbase.by_id()["dual-gigabit"] == new
    assert result.termbase.info == EXISTING.info


def test_replace_keeps_a_modification_date_the_file_changed() -> None:
    result = _merge(replace(CHANGED, modified=date(2026, 12, 24)))
    assert result.changed[0][1].modified == date(2026, 12, 24)


def test_a_partial_file_adds_terms_and_fills_fields_without_removing() -> None:
    """A CAT glossary lists what it lists: its missing terms and empty fields are no change."""
    incoming = Concept("", (Term(" 双千兆 "),), (
        Term("dual-gigabit networks", "admitted", note="5G + fibre"),
        Term(" gigabit-plus ", "admitted")), subject_field="telecom")
    result = _merge(incoming, complete=False)
    ((_, merged, changes),) = result.changed
    assert [(c.field, c.term) for c in changes] == [
        ("subject-field", None), ("en.note", "dual-gigabit networks"), ("en", "gigabit-plus")]
    assert [t.text for t in merged.en] == ["dual-gigabit", "dual-gigabit networks",
                                           "double gigabit", "gigabit-plus"]
    assert merged.en[1].note == "5G + fibre" and merged.en[2] == GIGABIT.en[2]
    assert merged.definition == GIGABIT.definition and merged.subject_field == "telecom"


def test_rows_repeating_a_chinese_term_are_one_concept() -> None:
    result = _merge(_new("新动能", "new growth drivers"), _new(" 新动能", "new drivers"),
                    _new("新动能 ", "new momentum"))
    (added,) = result.added
    assert [t.text for t in added.en] == ["new growth drivers", "new drivers", "new momentum"]
    assert [t.text for t in added.zh] == ["新动能"]


def test_importing_a_partial_file_twice_changes_nothing_the_second_time() -> None:
    glossary = TermBase((Concept("", (Term("工业和信息化部"),), (Term("MIIT", "admitted"),)),))
    first = merge(EXISTING, glossary, complete=False, on_conflict="replace", today=TODAY)
    second = merge(first.termbase, glossary, complete=False, on_conflict="replace",
                   today=TODAY)
    assert second.unchanged == 1 and not second.changed
