"""The compiled term base: Chinese terms found in every script, shared terms, nested terms,
the English side built lazily, and a matcher that survives pickling (the cache)."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyglossary.matching import matcher as matcher_module
from policyglossary.matching.chinese import normalize_source
from policyglossary.matching.english import SEPARATOR, Rendering, TargetText
from policyglossary.matching.matcher import Matcher, PerConcept
from policyglossary.model import Concept, Term, TermBase

SMES = Concept("smes", (Term("中小企业"),), (
    Term("small and medium-sized enterprises"), Term("SMEs", "admitted", "acronym"),
    Term("small businesses", "forbidden", reason="r")))
BUREAU = Concept("sme-bureau", (Term("中小企业局"),), (Term("SME Bureau"),))
GIGABIT = Concept("dual-gigabit", (Term("双千兆"),), (
    Term("dual-gigabit"), Term("dual-gigabit networks", "admitted"),
    Term("double gigabit", "forbidden", reason="r")))
# Two concepts share a Chinese term (a homonym): both are found where it occurs.
SHARED_A = Concept("fund-a", (Term("基金"),), (Term("fund"),))
SHARED_B = Concept("fund-b", (Term("基金"), Term("基金会")), (Term("foundation"),))
TERMBASE = TermBase((SMES, BUREAU, GIGABIT, SHARED_A, SHARED_B))


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(TERMBASE)


def _ids(matcher: Matcher, source: str) -> list[str]:
    return [matcher.concepts[m.concept].id for m in matcher.find_in(source)]


def test_a_shared_term_finds_every_concept_it_belongs_to(matcher: Matcher) -> None:
    assert _ids(matcher, "设立基金") == ["fund-a", "fund-b"]
    assert _ids(matcher, "设立基金会") == ["fund-b"]  # the longer term wins
    pattern = matcher.patterns.index("基金")
    assert matcher.concepts_of(pattern) == (3, 4)


def test_matches_carry_their_span_in_the_normalised_source(matcher: Matcher) -> None:
    source = "推進「雙千兆」和中小企業"
    normalised = normalize_source(source)
    for match in matcher.find_in(source):
        assert normalised[match.start:match.end] == match.text


def test_a_separator_in_a_source_is_not_a_boundary_between_sources(matcher: Matcher) -> None:
    """Sources are searched together, joined by NUL; one that holds a NUL itself must not
    shift the others' offsets."""
    texts = [f"双千兆{SEPARATOR}中小企业", "中小企业局", ""]
    found = matcher.find_terms_many(texts)
    assert [[(m.concept, m.start, m.end) for m in matches] for matches in found] == \
        [[(2, 0, 3), (0, 4, 8)], [(1, 0, 5)], []]


@given(st.lists(st.text(st.sampled_from("中小企业局双千兆基金会雙業 \n"), max_size=20), max_size=6))
def test_many_sources_at_once_are_each_source_alone(texts: list[str]) -> None:
    matcher = _shared_matcher()
    normalised = [normalize_source(t) for t in texts]
    together = matcher.find_terms_many(normalised)
    alone = [matcher.find_terms(t) for t in normalised]
    assert together == alone


_MATCHERS: list[Matcher] = []


def _shared_matcher() -> Matcher:
    """One matcher for every example (no fixtures under @given)."""
    if not _MATCHERS:
        _MATCHERS.append(Matcher(TERMBASE))
    return _MATCHERS[0]


def test_an_empty_term_base_matches_nothing() -> None:
    empty = Matcher(TermBase(()))
    assert empty.find_in("中小企业") == []
    assert empty.find_terms_many(["a", "b"]) == [[], []]
    assert len(empty.allowed) == 0


def test_terms_that_normalise_to_nothing_are_not_patterns() -> None:
    blank = Concept("blank", (Term(""), Term("试点")), (Term("pilot"),))
    matcher = Matcher(TermBase((blank,)))
    assert matcher.patterns == ["试点", "試點"]  # and its Traditional form, once


def test_nested_concepts_include_shared_terms(matcher: Matcher) -> None:
    nested = {matcher.concepts[i].id for i in matcher.nested[1]}
    assert nested == {"smes"}
    assert matcher.nested[0] == ()
    assert {matcher.concepts[i].id for i in matcher.nested[4]} == {"fund-a"}


def test_the_english_side_is_built_once_and_only_when_asked(monkeypatch: pytest.MonkeyPatch) \
        -> None:
    built: list[int] = []
    table = PerConcept(3, lambda index: built.append(index) or index * 10)
    assert len(table) == 3 and built == []
    assert (table[2], table[2], table[0]) == (20, 20, 0)
    assert built == [2, 0]


def test_quick_forms_are_longest_first_and_know_full_forms(matcher: Matcher) -> None:
    forms = matcher.quick_allowed[0]
    assert [(f.raw, f.index, f.full) for f in forms] == [
        ("small and medium-sized enterprises", 0, True), ("smes", 1, False)]
    assert forms[1].tails == ()  # "smes" takes no further ending


@pytest.mark.parametrize(("target", "used"), [
    ("small and medium-sized enterprises and their SMEs", 0),   # the full form, verbatim
    ("Small-and-medium-sized Enterprise", 0),                    # only the full matcher sees it
    ("SMEs only", None),                                         # a short form is no full form
    ("nothing here", None),
])
def test_used_rendering(matcher: Matcher, target: str, used: int | None) -> None:
    assert matcher.used_rendering(0, target.lower(), target, TargetText(target)) == used


def test_used_rendering_without_tokens_is_verbatim_only(matcher: Matcher) -> None:
    target = "Small-and-medium-sized Enterprise"
    assert matcher.used_rendering(0, target.lower(), target, None) is None


def test_allowed_spans_cover_every_allowed_rendering_of_the_concepts(matcher: Matcher) -> None:
    target = TargetText("dual-gigabit networks for SMEs")
    assert sorted(matcher.allowed_spans(target, [0, 2])) == [(0, 2), (0, 3), (4, 5)]


@pytest.mark.parametrize(("text", "pieces"), [
    ("economic policy", ("economic", "polic")),       # a final y may be an i (policies)
    ("small and medium-sized enterprises", ("small", "and", "medium", "siz", "enterpris")),
    ("+++", ("",)),                                    # nothing can be said
])
def test_word_pieces_every_inflected_form_contains(text: str, pieces: tuple[str, ...]) -> None:
    assert matcher_module._pieces(Rendering.of(Term(text))) == pieces


def test_a_pickled_matcher_matches_as_the_original(matcher: Matcher) -> None:
    """The cache stores matchers as pickles: the automaton (a C or Rust object) and the lazy
    tables are rebuilt on load, and find the same."""
    matcher.quick_allowed[0]  # a filled lazy table is not what gets pickled
    copy = pickle.loads(pickle.dumps(matcher))
    source = "推進雙千兆和中小企業局，设立基金会"
    assert [(m.concept, m.start, m.end) for m in copy.find_in(source)] == \
        [(m.concept, m.start, m.end) for m in matcher.find_in(source)]
    assert copy.nested[1] == matcher.nested[1]
    assert copy.allowed[2] == matcher.allowed[2]
    assert len(pickle.dumps(matcher)) == len(pickle.dumps(copy))
