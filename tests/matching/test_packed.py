"""A matcher from the cache (packed plain data) is the matcher that was built: the same
concepts, the same per-concept tables, the same findings; packed tables are let go once
unpacked."""

from __future__ import annotations

import pickle
from datetime import date

from policyglossary.checking.session import CheckSession
from policyglossary.formats.canonical import read_dir
from policyglossary.matching import packed
from policyglossary.matching.matcher import Matcher
from policyglossary.model import Concept, Segment, Term, TermBase, TermBaseInfo

from ..conftest import GLOSSARY, TRANSLATIONS


def _round_trip(matcher: Matcher) -> Matcher:
    loaded = pickle.loads(pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(loaded, Matcher)
    return loaded


def test_every_field_of_a_concept_survives_packing() -> None:
    concept = Concept(
        "x-1", (Term("双千兆", hant="雙千兆", tw="雙千兆x", hk="雙千兆y"),
                Term("千兆", "admitted", "shortForm", note="n")),
        (Term("dual-gigabit", part_of_speech="adjective"),
         Term("MIIT", "admitted", "acronym", case_sensitive=True),
         Term("double gigabit", "forbidden", reason="calque", replacement="dual-gigabit")),
        "telecom", "noun", "def", "ctx", "note", ("https://a", "https://b"), False,
        date(2026, 1, 2), date(2026, 3, 4))
    assert packed.unpack_concept(packed.pack_concept(concept)) == concept
    bare = Concept("y", (Term("中"),), ())
    assert packed.unpack_concept(packed.pack_concept(bare)) == bare


def test_a_cached_matcher_has_the_built_matchers_tables() -> None:
    built = Matcher(read_dir(GLOSSARY))
    loaded = _round_trip(Matcher(read_dir(GLOSSARY)))
    assert isinstance(loaded.concepts, packed.Concepts)
    assert list(loaded.concepts) == list(built.concepts)
    assert loaded.termbase == built.termbase
    for index in range(len(built.concepts)):
        assert loaded.allowed[index] == built.allowed[index]
        assert loaded.rejected[index] == built.rejected[index]
        assert loaded.quick_allowed[index] == built.quick_allowed[index]
        assert loaded.nested[index] == built.nested[index]
        assert loaded.quick_rejected_within[index] == built.quick_rejected_within[index]
        assert loaded.allowed_pieces[index] == built.allowed_pieces[index]
        # renderings point at the concept's own terms, as built ones do
        assert all(r.term in loaded.concepts[index].en for r in loaded.allowed[index])


def test_packed_tables_are_let_go_once_unpacked() -> None:
    loaded = _round_trip(Matcher(read_dir(GLOSSARY)))
    assert loaded._packed is not None and loaded._packed[0] is not None
    loaded.nested[0]
    assert loaded._packed[0] is None
    assert loaded.quick_allowed[0] == Matcher(read_dir(GLOSSARY)).quick_allowed[0]


def test_a_cached_matcher_reports_what_the_built_one_reports() -> None:
    from policyglossary.formats import open_document

    termbase = read_dir(GLOSSARY)
    with open_document(TRANSLATIONS / "article.po") as doc:
        segments = list(doc.segments)
    broken = [Segment(s.id, s.source, s.target.replace("dual-gigabit", "double gigabit")
                      .replace("SMEs", "small firms"), s.line) for s in segments]
    results = []
    for matcher in (Matcher(termbase), _round_trip(Matcher(termbase))):
        session = CheckSession(matcher)
        session.add(broken, "x.po")
        results.append(session.finish().findings)
    assert results[0] == results[1]
    assert any(f.rule == "term-forbidden" for f in results[0])


def test_an_empty_term_base_round_trips() -> None:
    loaded = _round_trip(Matcher(TermBase((), TermBaseInfo("empty"))))
    assert loaded.termbase == TermBase((), TermBaseInfo("empty"))
    assert loaded.find_matches_many(["任何文本"]) == [[]]
