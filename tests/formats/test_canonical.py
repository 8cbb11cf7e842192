"""The canonical TOML term base: byte-stable round trip, and every loader error located."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyglossary.errors import TermBaseError
from policyglossary.formats import canonical
from policyglossary.model import STATUSES, TERM_TYPES, Concept, Term

from ..conftest import GLOSSARY


def test_project_glossary_loads_and_is_large_enough() -> None:
    termbase = canonical.read_dir(GLOSSARY)
    assert len(termbase) >= 120
    ids = [c.id for c in termbase]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", canonical.concept_files(GLOSSARY), ids=lambda p: p.name)
def test_every_project_concept_file_round_trips_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    concept, problems = canonical.loads_concept(text, str(path))
    assert problems == []
    assert concept is not None
    assert canonical.dumps_concept(concept) == text


def test_info_file_round_trips() -> None:
    text = (GLOSSARY / canonical.INFO_FILE).read_text(encoding="utf-8")
    info, problems = canonical.loads_info(text, "termbase.toml")
    assert problems == []
    assert canonical.dumps_info(info) == text


def test_agreed_renderings_are_preferred() -> None:
    by_headword = {c.headword: c for c in canonical.read_dir(GLOSSARY)}
    assert by_headword["专精特新"].preferred_en.text == \
        "specialized, refined, distinctive and innovative"  # type: ignore[union-attr]
    assert by_headword["双千兆"].preferred_en.text == "dual-gigabit"  # type: ignore[union-attr]
    forbidden = {t.text for t in by_headword["双千兆"].en if t.status == "forbidden"}
    assert "double gigabit" in forbidden
    srdi_forbidden = {t.text: t for t in by_headword["专精特新"].en if t.rejected}
    assert "little giant" in srdi_forbidden
    assert srdi_forbidden["little giant"].reason


def test_every_concept_cites_a_source_or_is_marked_unverified() -> None:
    for concept in canonical.read_dir(GLOSSARY):
        assert concept.sources or not concept.verified, concept.id


GOOD = '''
id = "dual-gigabit"
subject-field = "telecom"

[[zh]]
term = "双千兆"
status = "preferred"

[[en]]
term = "dual-gigabit"
status = "preferred"
'''

# (file name, text, expected "line: message" fragments)
BAD_FILES = [
    ("dual-gigabit.toml", GOOD.replace('status = "preferred"\n', 'status = "prefered"\n', 1),
     [(6, "'status' is 'prefered'; expected one of: preferred, admitted")]),
    ("dual-gigabit.toml", GOOD.replace('subject-field', 'subjct-field'),
     [(2, "unknown field 'subjct-field' in concept")]),
    ("other-name.toml", GOOD, [(1, "does not match the file name 'other-name'.toml")]),
    ("dual-gigabit.toml", GOOD.replace('[[en]]\nterm = "dual-gigabit"', '[[en]]\nterm = 3'),
     [(9, "'term' must be a string, not int")]),
    ("dual-gigabit.toml", GOOD.replace('term = "双千兆"', 'term = "双千兆'),
     [(5, "TOML syntax error")]),
    ("dual-gigabit.toml", GOOD + 'reason = "why"\n',
     [(11, "'reason' is only for forbidden or superseded terms")]),
    ("dual-gigabit.toml", GOOD.replace('[[zh]]\nterm = "双千兆"\nstatus = "preferred"\n', ''),
     [(None, "concept has no [[zh]] term")]),
    ("dual-gigabit.toml", 'sources = "http://x"\n' + GOOD,
     [(1, "'sources' must be a list of non-empty strings")]),
    ("dual-gigabit.toml", GOOD.replace('subject-field = "telecom"',
                                       'created = 2024-05-01\nmodified = 2024-01-01'),
     [(3, "'modified' is earlier than 'created'")]),
    ("dual-gigabit.toml", GOOD.replace('subject-field = "telecom"', 'created = "2024"'),
     [(2, "'created' must be a date")]),
    ("dual-gigabit.toml", GOOD.replace('[[en]]\nterm = "dual-gigabit"\nstatus = "preferred"',
                                       '[[en]]\nterm = "dual-gigabit"\nhant = "x"\n'
                                       'status = "preferred"'),
     [(10, "unknown field 'hant' in [[en]] table")]),
    ("dual-gigabit.toml", GOOD.replace('term = "dual-gigabit"', 'term = " dual-gigabit"'),
     [(9, "'term' has leading or trailing whitespace")]),
    ("dual-gigabit.toml", GOOD.replace('subject-field = "telecom"', 'subject-field = "telcom"'),
     [(2, "subject-field 'telcom' is not declared in termbase.toml")]),
    ("Dual.toml", GOOD.replace('"dual-gigabit"\nsubject', '"Dual"\nsubject'),
     [(1, "id 'Dual' must be lower-case letters, digits and single hyphens")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), BAD_FILES,
                         ids=[e[2][0][1][:40] for e in BAD_FILES])
def test_loader_reports_every_problem_with_file_and_line(
        raw_termbase, name: str, text: str, expected: list[tuple[int | None, str]]) -> None:
    folder = raw_termbase({name: text}, info='subject-fields = ["telecom"]\n')
    with pytest.raises(TermBaseError) as caught:
        canonical.read_dir(folder)
    problems = caught.value.problems
    path = str(folder / "concepts" / name)
    for line, fragment in expected:
        assert any(p.path == path and p.line == line and fragment in p.message
                   for p in problems), [str(p) for p in problems]
        expected_prefix = f"{path}:{line}: " if line is not None else f"{path}: "
        assert any(str(p).startswith(expected_prefix) for p in problems)


def test_loader_collects_problems_from_several_files(raw_termbase) -> None:
    folder = raw_termbase({
        "a.toml": 'id = "a"\n[[zh]]\nterm = "甲"\nstatus = "bad"\n',
        "b.toml": 'id = "b"\nfoo = 1\n[[zh]]\nterm = "乙"\nstatus = "preferred"\n',
        "c.toml": 'id = "c"\n[[zh]]\nterm = "丙"\nstatus = "preferred"\n',
    })
    with pytest.raises(TermBaseError) as caught:
        canonical.read_dir(folder)
    assert sorted(Path(p.path).name for p in caught.value.problems) == ["a.toml", "b.toml"]
    termbase, problems, _ = canonical.read_dir_with_problems(folder)
    assert [c.id for c in termbase] == ["c"]
    assert len(problems) == 2


def test_not_a_term_base(tmp_path: Path) -> None:
    from policyglossary.errors import InputError

    with pytest.raises(InputError, match="not a term base"):
        canonical.read_dir(tmp_path)


def test_write_dir_prunes_removed_concepts(write_termbase) -> None:
    from ..conftest import concept, termbase

    folder = write_termbase(concept("a", "甲", "a"), concept("b", "乙", "b"))
    canonical.write_dir(folder, termbase(concept("a", "甲", "a")), prune=True)
    assert [p.name for p in canonical.concept_files(folder)] == ["a.toml"]


def test_noncanonical_file_detected_and_fmt_fixes_it(raw_termbase) -> None:
    from policyglossary import api

    folder = raw_termbase({"dual-gigabit.toml": GOOD.replace('subject-field = "telecom"\n', '')
                           .replace('[[zh]]', '\n\n[[zh]]')})
    # termbase.toml lacks the language fields the writer always writes
    expected = ["dual-gigabit.toml", "termbase.toml"]
    assert [p.name for p in canonical.noncanonical_files(folder)] == expected
    assert [p.name for p in api.format_termbase(folder, check=True)] == expected
    assert canonical.noncanonical_files(folder) != []  # --check changes nothing
    api.format_termbase(folder)
    assert canonical.noncanonical_files(folder) == []


# ------------------------------------------------------------------ property test

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40) \
    .map(str.strip).filter(bool)
_one_line = _text.filter(lambda t: not any(ch in t for ch in "\n\r\t"))
_terms = st.builds(
    Term, text=_one_line, status=st.sampled_from(STATUSES), type=st.sampled_from(TERM_TYPES),
    case_sensitive=st.booleans(), note=st.one_of(st.just(""), _text),
)


@st.composite
def _concepts(draw: st.DrawFn) -> Concept:
    en = draw(st.lists(_terms, min_size=1, max_size=4))
    en = [t if t.rejected else Term(t.text, t.status, t.type, case_sensitive=t.case_sensitive,
                                    note=t.note) for t in en]
    en = [Term(t.text, t.status, t.type, case_sensitive=t.case_sensitive, note=t.note,
               reason=draw(st.one_of(st.just(""), _text)) if t.rejected else "") for t in en]
    zh = [Term(draw(_one_line), "preferred", hant=draw(st.one_of(st.just(""), _one_line)))]
    return Concept(
        id=draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)),
        zh=tuple(zh), en=tuple(en), definition=draw(st.one_of(st.just(""), _text)),
        note=draw(st.one_of(st.just(""), st.text(max_size=30).map(str.strip))),
        sources=tuple(draw(st.lists(_text, max_size=3))), verified=draw(st.booleans()),
        created=draw(st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2030, 1, 1)))),
    )


@settings(max_examples=150, deadline=None)
@given(_concepts())
def test_dump_then_load_is_the_identity(concept: Concept) -> None:
    text = canonical.dumps_concept(concept)
    loaded, problems = canonical.loads_concept(text, f"{concept.id}.toml")
    assert problems == []
    # Terms are written grouped by status (the canonical order), otherwise as given.
    assert loaded == replace(concept, zh=canonical.in_canonical_order(concept.zh),
                             en=canonical.in_canonical_order(concept.en))
    assert canonical.dumps_concept(loaded) == text
