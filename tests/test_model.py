"""The plain data model: what a concept's headword, preferred and rejected renderings are, the
schema tables every reader and writer follows, and pickling (the matcher cache and --jobs
workers rely on it)."""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import fields
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyglossary.model import (
    ALLOWED_STATUSES,
    CONCEPT_FIELDS,
    ID_PATTERN,
    REJECTED_STATUSES,
    SEVERITIES,
    STATUSES,
    TERM_FIELDS,
    Concept,
    Finding,
    Segment,
    Term,
    TermBase,
    severity_counts,
)

PREFERRED, ADMITTED = Term("dual-gigabit"), Term("dual-gigabit networks", "admitted")
FORBIDDEN = Term("double gigabit", "forbidden", reason="calque")
SUPERSEDED = Term("two-gigabit", "superseded", reason="old", replacement="dual-gigabit networks")


@pytest.mark.parametrize(("status", "allowed", "rejected"), [
    ("preferred", True, False), ("admitted", True, False),
    ("forbidden", False, True), ("superseded", False, True),
])
def test_statuses_are_allowed_or_rejected(status: str, allowed: bool, rejected: bool) -> None:
    term = Term("x", status)
    assert (term.allowed, term.rejected) == (allowed, rejected)


def test_the_status_sets_partition_the_statuses() -> None:
    assert set(STATUSES) == ALLOWED_STATUSES | REJECTED_STATUSES
    assert not ALLOWED_STATUSES & REJECTED_STATUSES


# (id, Chinese terms, expected headword)
HEADWORDS = [
    ("the first preferred", (Term("甲", "admitted"), Term("乙"), Term("丙")), "乙"),
    ("no preferred: the first", (Term("甲", "admitted"), Term("乙", "admitted")), "甲"),
    ("no Chinese term", (), ""),
]


@pytest.mark.parametrize(("zh", "headword"), [c[1:] for c in HEADWORDS],
                         ids=[c[0] for c in HEADWORDS])
def test_headword(zh: tuple[Term, ...], headword: str) -> None:
    assert Concept("c", zh, (PREFERRED,)).headword == headword


def test_renderings_by_status_keep_their_order() -> None:
    concept = Concept("c", (Term("双千兆"),), (FORBIDDEN, ADMITTED, SUPERSEDED, PREFERRED))
    assert concept.preferred_en is PREFERRED
    assert concept.allowed_en == (ADMITTED, PREFERRED)
    assert concept.rejected_en == (FORBIDDEN, SUPERSEDED)
    assert Concept("c", (), (ADMITTED,)).preferred_en is None


@pytest.mark.parametrize(("en", "term", "replacement"), [
    ((PREFERRED, FORBIDDEN), FORBIDDEN, "dual-gigabit"),            # the preferred term
    ((PREFERRED, SUPERSEDED), SUPERSEDED, "dual-gigabit networks"),  # its own replacement
    ((ADMITTED, FORBIDDEN), FORBIDDEN, ""),                          # nothing to offer
], ids=["preferred", "explicit", "none"])
def test_replacement_for_a_rejected_term(en: tuple[Term, ...], term: Term,
                                         replacement: str) -> None:
    assert Concept("c", (Term("双千兆"),), en).replacement_for(term) == replacement


def test_explicit_variants_by_tag() -> None:
    term = Term("梁志峰", hant="梁志峯", tw="", hk="梁志峯")
    assert [term.explicit_variant(tag) for tag in ("zh-Hant", "zh-TW", "zh-HK", "zh-CN")] == \
        ["梁志峯", "", "梁志峯", ""]


def test_termbase_is_a_sequence_of_concepts() -> None:
    first = Concept("a", (Term("甲"),), (PREFERRED,))
    second = Concept("b", (Term("乙"),), (ADMITTED,))
    termbase = TermBase((first, second))
    assert len(termbase) == 2 and list(termbase) == [first, second]
    assert termbase.by_id() == {"a": first, "b": second}


def test_severity_counts_name_every_severity_in_order() -> None:
    counts = severity_counts(Counter({"info": 2, "error": 1}))
    assert list(counts) == list(SEVERITIES) == ["error", "warning", "info"]
    assert counts == {"error": 1, "warning": 0, "info": 2}


def test_the_schema_tables_name_real_attributes() -> None:
    """Readers, writers, diffs and records walk these tables with getattr: a typo here would
    silently drop a field everywhere."""
    concept_attrs = {f.name for f in fields(Concept)}
    term_attrs = {f.name for f in fields(Term)}
    assert {attr for _, attr in CONCEPT_FIELDS} <= concept_attrs
    assert {attr for _, attr in TERM_FIELDS} <= term_attrs
    # every term attribute has a canonical key; the concept's terms are written as tables
    assert {attr for _, attr in TERM_FIELDS} == term_attrs
    assert {attr for _, attr in CONCEPT_FIELDS} == concept_attrs - {"zh", "en"}
    assert CONCEPT_FIELDS[0] == ("id", "id") and TERM_FIELDS[0] == ("term", "text")


@pytest.mark.parametrize(("cid", "valid"), [
    ("dual-gigabit", True), ("5g", True), ("a1-b2-c3", True),
    ("Dual-gigabit", False), ("dual--gigabit", False), ("-dual", False), ("dual-", False),
    ("dual gigabit", False), ("双千兆", False), ("", False), ("dual_gigabit", False),
])
def test_id_pattern(cid: str, valid: bool) -> None:
    assert bool(ID_PATTERN.match(cid)) == valid


texts = st.text(max_size=8)
terms = st.builds(Term, text=texts, status=st.sampled_from(STATUSES), reason=texts,
                  case_sensitive=st.booleans(), hant=texts)
concepts = st.builds(Concept, id=texts, zh=st.tuples(terms), en=st.lists(terms, max_size=3)
                     .map(tuple), definition=texts, sources=st.lists(texts, max_size=2)
                     .map(tuple), verified=st.booleans(),
                     created=st.one_of(st.none(), st.dates()))
findings = st.builds(Finding, rule=texts, severity=st.sampled_from(SEVERITIES), message=texts,
                     line=st.one_of(st.none(), st.integers(1, 10**6)),
                     span=st.one_of(st.none(), st.tuples(st.integers(0, 9), st.integers(0, 9))))


@given(st.one_of(terms, concepts, findings))
def test_pickling_gives_an_equal_value(value: object) -> None:
    """Terms, concepts and findings pickle as plain tuples of their fields (see
    `_quick_pickle`); whatever the values, what comes back is equal and of the same type."""
    copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == value and type(copy) is type(value)


def test_pickled_concepts_are_frozen_like_the_original() -> None:
    concept = Concept("c", (Term("甲"),), (PREFERRED,), created=date(2026, 1, 2))
    copy = pickle.loads(pickle.dumps(concept))
    assert copy.created == date(2026, 1, 2) and copy.en[0] == PREFERRED
    with pytest.raises(AttributeError):
        copy.id = "other"  # type: ignore[misc]


def test_segments_default_to_a_confirmed_translation() -> None:
    segment = Segment("1", "双千兆", "dual-gigabit")
    assert (segment.state, segment.line, segment.notes, segment.references) == \
        ("translated", None, (), ())
