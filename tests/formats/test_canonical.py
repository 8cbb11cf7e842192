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
from policyglossary.model import STATUSES, TERM_TYPES, Concept, Term, TermBaseInfo

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


# ------------------------------------------------------------------ the writer's exact text

def test_a_concept_file_is_written_in_the_documented_order() -> None:
    """README "Term base format": fields in a fixed order, one per line, defaults left out,
    terms grouped by status; `verified` only when false."""
    full = Concept(
        "dual-gigabit",
        (Term("千兆双网", "admitted", "variant"), Term("双千兆", hant="雙千兆網")),
        (Term("double gigabit", "forbidden", reason="Calque; reads like 2 Gbps",
              replacement="dual-gigabit"),
         Term("dual-gigabit", part_of_speech="adjective"),
         Term("MIIT", "admitted", "acronym", case_sensitive=True, note="n")),
        subject_field="telecom", part_of_speech="adjective", definition='Say "hi"\nthen go.',
        context="接续开展“双千兆”", note="x", sources=("http://a", "http://b"), verified=False,
        created=date(2026, 11, 25), modified=date(2026, 11, 26))
    assert canonical.dumps_concept(full) == '''id = "dual-gigabit"
subject-field = "telecom"
part-of-speech = "adjective"
definition = "Say \\"hi\\"\\nthen go."
context = "接续开展“双千兆”"
note = "x"
verified = false
sources = [
  "http://a",
  "http://b",
]
created = 2026-11-25
modified = 2026-11-26

[[zh]]
term = "双千兆"
status = "preferred"
hant = "雙千兆網"

[[zh]]
term = "千兆双网"
status = "admitted"
type = "variant"

[[en]]
term = "dual-gigabit"
status = "preferred"
part-of-speech = "adjective"

[[en]]
term = "MIIT"
status = "admitted"
type = "acronym"
case-sensitive = true
note = "n"

[[en]]
term = "double gigabit"
status = "forbidden"
reason = "Calque; reads like 2 Gbps"
replacement = "dual-gigabit"
'''
    assert canonical.dumps_concept(Concept("a", (Term("甲"),), ())) == \
        'id = "a"\n\n[[zh]]\nterm = "甲"\nstatus = "preferred"\n'


def test_info_file_text() -> None:
    info = TermBaseInfo("Policy terms", "", "zh-CN", "en", ("telecom", "industry"))
    assert canonical.dumps_info(info) == ('name = "Policy terms"\nsource-language = "zh-CN"\n'
                                          'target-language = "en"\nsubject-fields = [\n'
                                          '  "telecom",\n  "industry",\n]\n')
    assert canonical.loads_info(canonical.dumps_info(info), "termbase.toml") == (info, [])


def test_terms_of_unknown_status_sort_last() -> None:
    terms = (Term("x", "odd"), Term("a", "superseded"), Term("b"), Term("c", "admitted"),
             Term("d", "forbidden"), Term("e"))
    assert [t.text for t in canonical.in_canonical_order(terms)] == ["b", "e", "c", "d", "a",
                                                                     "x"]


# ------------------------------------------------------------------ more loader errors

HEAD = 'id = "a"\n'
ZH = '[[zh]]\nterm = "甲"\nstatus = "preferred"\n'


@pytest.mark.parametrize(("text", "problems"), [
    (HEAD + "verified = \"no\"\n" + ZH, [(2, "'verified' must be true or false")]),
    (HEAD + "created = 2024-01-01T10:00:00\n" + ZH,
     [(2, "'created' must be a date such as 2024-01-31")]),
    (HEAD + 'zh = "甲"\n', [(2, "'zh' must be written as [[zh]] tables")]),
    (HEAD + "en = [1, 2]\n" + ZH, [(2, "'en' must be written as [[en]] tables")]),
    (HEAD + '[[zh]]\nterm = "甲"\n', [(2, "missing required field 'status'")]),
    (HEAD + ZH + '\n[[en]]\nstatus = "preferred"\ncase-sensitive = "yes"\n',
     [(6, "missing required field 'term'"), (8, "'case-sensitive' must be true or false")]),
    (HEAD + '[[zh]]\nterm = "甲\\t乙"\nstatus = "preferred"\nhant = "甲\\n乙"\n',
     [(3, "'term' must be one line (no line breaks or tabs)"),
      (5, "'hant' must be one line (no line breaks or tabs)")]),
    (HEAD + ZH + '\n[[en]]\nterm = "a"\nstatus = "admitted"\nreplacement = "b"\n',
     [(9, "'replacement' is only for forbidden or superseded terms")]),
    (HEAD + '[[zh]]\nterm = ""\nstatus = "preferred"\n', [(3, "'term' is empty")]),
    ('[[zh]]\nterm = "甲"\nstatus = "preferred"\n', [(None, "missing required field 'id'")]),
    (HEAD + 'part-of-speech = "gerund"\n' + ZH,
     [(2, "'part-of-speech' is 'gerund'; expected one of: noun, verb, adjective, adverb, "
          "other")]),
])
def test_more_loader_problems(text: str, problems: list[tuple[int | None, str]]) -> None:
    concept, found = canonical.loads_concept(text, "a.toml")
    assert concept is None
    assert [(p.line, p.message) for p in found] == problems


def test_an_empty_zh_array_is_a_concept_without_chinese() -> None:
    concept, problems = canonical.loads_concept('id = "a"\nzh = []\n', "a.toml")
    assert concept is None
    assert [p.message for p in problems] == ["concept has no [[zh]] term"]


def test_termbase_toml_problems() -> None:
    info, problems = canonical.loads_info('name = "x"\nsubject-fields = "a"\n', "termbase.toml")
    assert info == TermBaseInfo("x")
    assert [(p.line, p.message) for p in problems] == \
        [(2, "'subject-fields' must be a list of strings")]
    info, problems = canonical.loads_info('name = ', "termbase.toml")
    assert info == TermBaseInfo()
    assert [str(p) for p in problems] == \
        ["termbase.toml: TOML syntax error: Invalid value at end of file"]


def test_an_unknown_key_in_termbase_toml_is_not_called_a_concept_field() -> None:
    _, problems = canonical.loads_info('colour = 1\n', "termbase.toml")
    assert [(p.line, p.message) for p in problems] == \
        [(1, "unknown field 'colour' in termbase.toml")]


@pytest.mark.parametrize(("written", "tag"), [
    ("zh_CN.UTF-8", "zh-CN"), ("ZH-hant-tw", "zh-Hant-TW"), ("en_US", "en-US"), ("en", "en"),
])
def test_termbase_languages_are_read_as_bcp47(written: str, tag: str) -> None:
    info, problems = canonical.loads_info(
        f'source-language = "{written}"\ntarget-language = "{written}"\n', "termbase.toml")
    assert problems == []
    assert (info.source_language, info.target_language) == (tag, tag)
    assert f'source-language = "{tag}"' in canonical.dumps_info(info)  # fmt writes the tag


# ------------------------------------------------------------------ folders

def test_reading_files_with_a_bom_hidden_files_and_other_files(raw_termbase) -> None:
    folder = raw_termbase({"a.toml": "x", ".b.toml": "hidden", "c.txt": "not toml"})
    (folder / "concepts" / "a.toml").write_bytes(
        b"\xef\xbb\xbf" + (HEAD + ZH).encode("utf-8"))
    termbase, problems, paths = canonical.read_dir_with_problems(folder)
    assert ([c.id for c in termbase], problems) == (["a"], [])
    assert paths == {"a": str(folder / "concepts" / "a.toml")}
    assert [p.name for p in canonical.concept_files(folder)] == ["a.toml"]


def test_a_concept_file_that_is_not_utf8(raw_termbase) -> None:
    folder = raw_termbase({"a.toml": HEAD + ZH})
    path = folder / "concepts" / "a.toml"
    path.write_bytes(b'id = "a"\n\n[[zh]]\nterm = "\xe7\x94"\n')
    _, problems, _ = canonical.read_dir_with_problems(folder)
    assert [str(p) for p in problems] == [f"{path}:4: not UTF-8: invalid continuation byte"]


@pytest.mark.parametrize(("layout", "concepts"), [
    ({"termbase.toml": 'name = "x"\n'}, 0),                 # a new, empty term base
    ({"concepts/a.toml": HEAD + ZH}, 1),                     # no termbase.toml: defaults
])
def test_minimal_term_bases(tmp_path: Path, layout: dict[str, str], concepts: int) -> None:
    for name, text in layout.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert canonical.is_canonical_dir(tmp_path)
    assert len(canonical.read_dir(tmp_path)) == concepts


def test_not_a_folder(tmp_path: Path) -> None:
    from policyglossary.errors import InputError

    (tmp_path / "file").write_text("x", encoding="utf-8")
    for path in (tmp_path / "missing", tmp_path / "file"):
        assert not canonical.is_canonical_dir(path)
        with pytest.raises(InputError) as caught:
            canonical.read_dir(path)
        assert str(caught.value) == f"{path}: no such term base folder"
    assert canonical.concept_files(tmp_path / "file") == []


def test_write_concepts_stages_then_renames(tmp_path: Path) -> None:
    from ..conftest import concept

    concepts = [concept("a", "甲", "a"), concept("b", "乙", "b")]
    canonical.write_concepts(tmp_path, concepts, TermBaseInfo("t"))
    assert sorted(p.name for p in tmp_path.rglob("*")) == \
        ["a.toml", "b.toml", "concepts", "termbase.toml"]
    assert canonical.read_dir(tmp_path).concepts == tuple(concepts)
    assert (tmp_path / "termbase.toml").read_text(encoding="utf-8") == \
        'name = "t"\nsource-language = "zh-CN"\ntarget-language = "en"\n'


def test_write_concepts_changes_nothing_when_a_file_cannot_be_staged(tmp_path: Path) -> None:
    from policyglossary.errors import OutputError

    from ..conftest import concept

    (tmp_path / "termbase.toml").write_text('name = "old"\n', encoding="utf-8")
    (tmp_path / "concepts").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        canonical.write_concepts(tmp_path, [concept("a", "甲", "a")], TermBaseInfo("new"))
    assert str(caught.value) == \
        f"{tmp_path}: cannot write the term base: File exists; nothing was changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["concepts", "termbase.toml"]
    assert (tmp_path / "termbase.toml").read_text(encoding="utf-8") == 'name = "old"\n'


def test_files_staged_before_a_failure_are_removed(tmp_path: Path) -> None:
    """The first concept file is staged, the second cannot be (its folder is a file): the
    staged file goes, and nothing is renamed into place."""
    from policyglossary.errors import OutputError

    from ..conftest import concept

    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "sub").write_text("a file", encoding="utf-8")
    with pytest.raises(OutputError):
        canonical.write_concepts(tmp_path, [concept("a", "甲", "a"), concept("sub/b", "乙", "b")])
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["concepts", "sub"]
