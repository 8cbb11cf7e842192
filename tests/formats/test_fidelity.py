"""Own exports come back without loss (README "Using the exports in CAT tools").

For every term base format, profile and the options that leave renderings out:
- `export` then `import` into the same term base changes no concept;
- `import` into an empty term base gives back the original except in what the export's
  warning named, with the number of concepts named right.

The facets come from the canonical schema (`fidelity.FACETS`, from `CONCEPT_FIELDS`,
`TERM_FIELDS` and `STATUSES`), and `test_every_schema_field_survives_or_is_named` gives each
its own concept: a field added to the schema that a writer forgets to write fails there.
"""

from __future__ import annotations

import io
import re
import string
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyglossary.api import export_options
from policyglossary.formats import FORMATS, ImportedTermBase, ReadOptions, WriteOptions
from policyglossary.formats.canonical import (
    CONCEPT_FIELDS,
    INFO_FIELDS,
    TERM_FIELDS,
    dumps_concept,
    in_canonical_order,
    loads_concept,
)
from policyglossary.formats.fidelity import (
    FACETS,
    INFO_FACETS,
    NO_PREFERRED,
    export_termbase,
    facet_of,
)
from policyglossary.model import (
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    Concept,
    Term,
    TermBase,
    TermBaseInfo,
)
from policyglossary.termbase.compare import concept_changes
from policyglossary.termbase.merge import _key, merge

# (format, export options): every term base writer, profile, and the choices that leave
# renderings out
VARIANTS: list[tuple[str, dict[str, str]]] = [
    *((name, options) for name in ("tbx", "tbx2", "xlsx", "csv", "tsv", "tmx", "omegat")
      for options in ({}, {"renderings": "all", "forbidden": "include"},
                      {"renderings": "preferred", "forbidden": "omit"})),
    *((name, {"profile": profile, **extra}) for name in ("xlsx", "csv", "tsv")
      for profile in ("memoq", "phrase") for extra in ({}, {"forbidden": "omit"})),
]
IDS = [f"{name}-{'-'.join(options.values()) or 'defaults'}" for name, options in VARIANTS]
LABELS = {facet.label: key for key, facet in FACETS.items()}
SEPARATOR_WARNING = re.compile(r"cannot hold terms containing '(.)'")


def _export(name: str, termbase: TermBase, options: dict[str, str]) \
        -> tuple[ImportedTermBase, list[str]]:
    buffer = io.BytesIO()
    warnings = export_termbase(name, buffer, termbase,
                               export_options(name, WriteOptions(**options)))  # type: ignore[arg-type]
    extension = "txt" if name == "omegat" else name.rstrip("2")
    imported = FORMATS[name].termbase_reader()(
        io.BytesIO(buffer.getvalue()), f"export.{extension}", ReadOptions())
    return imported, warnings


def _named(warnings: list[str]) -> dict[str, int]:
    """The facets the warnings name, with their concept counts."""
    named: dict[str, int] = {}
    for warning in warnings:
        if ": " not in warning or SEPARATOR_WARNING.search(warning):
            continue
        for label, count in re.findall(r"(?:^|, )([^,(]+?) \((\d+) concepts?\)",
                                       warning.split(": ", 1)[1]):
            named[LABELS[label]] = int(count)
    return named


def _unsplittable(warnings: list[str], concept: Concept) -> bool:
    """A concept with a term that holds a layout's unescapable separator (it is named)."""
    return any(match.group(1) in t.text for w in warnings
               for match in [SEPARATOR_WARNING.search(w)] if match
               for t in (*concept.zh, *concept.en))


def _differences(original: Concept, back: Concept | None) -> set[str]:
    """The facets in which `back` (imported into an empty term base) differs; dates the
    import stamps on a concept that had none are not a difference."""
    if back is None:
        return {"concept"}
    found = {NO_PREFERRED if original.preferred_en is None and
             (c.field, c.old, c.new) == ("en.status", "admitted", "preferred")
             else facet_of(c.field, c.old, c.new) for c in concept_changes(original, back)}
    if original.id != back.id:
        found.add("id")
    return {f for f in found
            if not (f in ("created", "modified") and getattr(original, f) is None)}


def check_round_trips(termbase: TermBase, name: str, options: dict[str, str]) -> None:
    imported, warnings = _export(name, termbase, options)
    named = _named(warnings)
    exempt = {c.id for c in termbase if _unsplittable(warnings, c)}
    # into the same term base: nothing changes, nothing is added
    same = merge(termbase, imported.termbase, imported.complete, "fail",
                 holds=imported.holds)
    assert [(old.id, changes) for old, _, changes in same.changed
            if old.id not in exempt] == []
    assert [c.headword for c in same.added if not exempt] == []
    # into an empty term base: the differences are what the warnings named
    empty = merge(TermBase(()), imported.termbase, imported.complete, "fail",
                  holds=imported.holds)
    by_headword = {_key(c.headword): c for c in empty.added}
    for concept in termbase:
        if concept.id in exempt:
            continue
        found = _differences(concept, by_headword.get(_key(concept.headword)))
        if found == {"concept"}:  # left out whole: nothing of it could be written
            assert concept.preferred_en is None, concept
            assert NO_PREFERRED in named or {f"en:{t.status}" for t in concept.en} <= \
                set(named), (concept, warnings)
            continue
        assert found <= set(named), (concept, found - set(named), warnings)
    for key, count in named.items():
        assert count == sum(1 for c in termbase if FACETS[key].present(c)), (key, warnings)
    # the term base's own fields: what does not come back is named, and only that
    cannot = next((w for w in warnings if " cannot hold: " in w), "")
    for key, attr in INFO_FIELDS:
        facet = INFO_FACETS[f"termbase.{key}"]
        if not facet.present(termbase.info):
            assert facet.label not in cannot
            continue
        kept = getattr(imported.termbase.info, attr) == getattr(termbase.info, attr)
        assert kept == (facet.label not in cannot), (key, warnings)


# ------------------------------------------------------------------ every schema field

def _sample_value(key: str, default: object) -> object:
    """A value other than the default for a canonical field, from its type."""
    known: dict[str, object] = {"part-of-speech": PARTS_OF_SPEECH[0], "type": TERM_TYPES[1],
                                "hant": "雙千兆網", "tw": "雙千兆網路", "hk": "雙千兆網絡",
                                "verified": False, "case-sensitive": True}
    if key in known:
        return known[key]
    if isinstance(default, bool):
        return not default
    if isinstance(default, tuple):
        return ("https://example.org/sample",)
    if default is None:
        return date(2024, 1, 2)
    return f"sample {key}"


def _concept_with(key: str, number: int) -> Concept:
    """A valid concept that has facet `key` (and the fields every concept has)."""
    zh = Term(f"测试概念{chr(0x4e00 + number)}")
    en = [Term(f"sample concept {number}")]
    concept = Concept(f"c{number}", (zh,), (), created=date(2024, 1, 1),
                      modified=date(2024, 2, 1))
    defaults = Concept("", (), ())
    if key in dict(CONCEPT_FIELDS) and key != "id":
        attr = dict(CONCEPT_FIELDS)[key]
        concept = replace(concept, **{attr: _sample_value(key, getattr(defaults, attr))})
    elif "." in key:
        lang, field = key.split(".")
        attr = dict(TERM_FIELDS)[field]
        status = "forbidden" if field in ("reason", "replacement") else "preferred"
        term = Term(f"{lang} sample {number}" if lang == "en" else f"样本{chr(0x4e00 + number)}",
                    status, **{attr: _sample_value(field, getattr(Term(""), attr))})
        if lang == "en":
            en.append(term)
        elif status == "forbidden":
            concept = replace(concept, zh=(zh, term))
        else:
            concept = replace(concept, zh=(replace(zh, **{attr: getattr(term, attr)}),))
    elif key == NO_PREFERRED:
        en = [Term(f"sample concept {number}", "admitted")]
    elif ":" in key:
        lang, status = key.split(":")
        term = Term(f"sample {status} {number}" if lang == "en"
                    else f"别称{chr(0x4e00 + number)}", status)
        if lang == "en":
            en.append(term)
        else:
            concept = replace(concept, zh=(zh, term))
    concept = replace(concept, en=tuple(en))
    loaded, problems = loads_concept(dumps_concept(concept), f"{concept.id}.toml")
    assert not problems and loaded is not None, problems
    assert FACETS[key].present(loaded) or key == "id", key
    return replace(loaded, zh=in_canonical_order(loaded.zh), en=in_canonical_order(loaded.en))


SCHEMA_TERMBASE = TermBase(tuple(_concept_with(key, n) for n, key in enumerate(FACETS)),
                           TermBaseInfo("schema", "every field of the schema", "zh-TW", "en-GB",
                                        ("telecom", "industry"), ("gov.cn", "xinhua.net")))


def test_the_facets_are_the_canonical_schema() -> None:
    expected = {key for key, _ in CONCEPT_FIELDS} | {NO_PREFERRED}
    expected |= {f"{lang}.{key}" for lang in ("zh", "en") for key, _ in TERM_FIELDS[2:]
                 if lang == "zh" or key not in ("hant", "tw", "hk")}
    expected |= {f"{lang}:{status}" for lang in ("zh", "en") for status in STATUSES}
    assert set(FACETS) == expected
    assert set(INFO_FACETS) == {f"termbase.{key}" for key, _ in INFO_FIELDS}
    assert all(f.present(SCHEMA_TERMBASE.info) for f in INFO_FACETS.values())


@pytest.mark.parametrize(("name", "options"), VARIANTS, ids=IDS)
def test_every_schema_field_survives_or_is_named(name: str, options: dict[str, str]) -> None:
    check_round_trips(SCHEMA_TERMBASE, name, options)


def test_the_warning_names_what_tmx_loses() -> None:
    _, warnings = _export("tmx", SCHEMA_TERMBASE, {})
    cannot, *left_out = warnings
    assert cannot.startswith("TMX cannot hold: ")
    assert "note (1 concept)" in cannot and "verified=false (1 concept)" in cannot
    assert "explicit Traditional forms (1 concept)" in cannot
    assert f"created dates ({len(SCHEMA_TERMBASE)} concepts)" in cannot
    assert "definition" not in cannot and "concept ids" not in cannot  # TMX holds these
    assert cannot.endswith(", term base name, term base description, source language tag, "
                           "target language tag, subject-field list, primary-source domains")
    assert left_out == [  # the concept without a preferred rendering has an admitted one
        "left out (--renderings preferred): admitted renderings (2 concepts), no preferred "
        "rendering (1 concept)",
        "left out (--forbidden omit): forbidden renderings (3 concepts), superseded "
        "renderings (1 concept)"]


# ------------------------------------------------------------------ generated term bases

_EN = string.ascii_letters + string.digits + " -'\"=+@&<>|[]{};:\\,./()"
_CJK = "双千兆专精特新工业信息化部中小企业网络数字经济人工智能发展创新质生产力稳进"
_line = st.text(alphabet=_EN, min_size=1, max_size=16).map(str.strip).filter(bool)
_free = st.text(alphabet=_EN + "\n\t双千兆", max_size=24).map(str.strip)
_zh_text = st.text(alphabet=_CJK, min_size=2, max_size=6)
_dates = st.dates(date(2000, 1, 1), date(2030, 1, 1))


@st.composite
def _term(draw: st.DrawFn, text: str, status: str, zh: bool) -> Term:
    rejected = status in ("forbidden", "superseded")
    return Term(
        text=text, status=status, type=draw(st.sampled_from(TERM_TYPES)),
        part_of_speech=draw(st.sampled_from(("", *PARTS_OF_SPEECH))),
        case_sensitive=draw(st.booleans()) and not zh,
        reason=draw(_free.filter(lambda t: "\n" not in t)) if rejected else "",
        replacement=draw(st.just("") | _line) if rejected else "",
        note=draw(st.just("") | _line),
        hant=draw(st.just("") | _zh_text) if zh else "",
        tw=draw(st.just("") | _zh_text) if zh else "",
        hk=draw(st.just("") | _zh_text) if zh else "",
    )


@st.composite
def _termbases(draw: st.DrawFn) -> TermBase:
    count = draw(st.integers(1, 4))
    # Chinese terms are unique across the term base as lint demands (compared as import does)
    zh_texts = draw(st.lists(_zh_text, min_size=count, max_size=count * 2,
                             unique_by=_key))
    concepts = []
    for number in range(count):
        own = zh_texts[number::count]
        zh = [draw(_term(own[0], "preferred", True))]
        zh += [draw(_term(text, draw(st.sampled_from(STATUSES)), True)) for text in own[1:]]
        en_texts = draw(st.lists(_line, min_size=1, max_size=4, unique=True))
        statuses = [draw(st.sampled_from(("preferred", "preferred", *STATUSES)))
                    for _ in en_texts]
        en = [draw(_term(text, status, False)) for text, status in zip(en_texts, statuses,
                                                                        strict=True)]
        created = draw(st.none() | _dates)
        modified = draw(st.none() | _dates.filter(lambda d, c=created: c is None or d >= c))
        concept = Concept(
            id=f"c{number}-{draw(st.from_regex(r'[a-z0-9]{1,6}', fullmatch=True))}",
            zh=tuple(zh), en=tuple(en), subject_field=draw(st.just("") | _line),
            part_of_speech=draw(st.sampled_from(("", *PARTS_OF_SPEECH))),
            definition=draw(_free), context=draw(_free), note=draw(_free),
            sources=tuple(draw(st.lists(_line, max_size=2, unique=True))),
            verified=draw(st.booleans()), created=created, modified=modified)
        # a term's part of speech equal to the concept's is no information (TBX writes the
        # effective one on every term)
        concept = replace(concept, **{lang: tuple(
            replace(t, part_of_speech="") if t.part_of_speech == concept.part_of_speech else t
            for t in getattr(concept, lang)) for lang in ("zh", "en")})
        loaded, problems = loads_concept(dumps_concept(concept), f"{concept.id}.toml")
        assert loaded is not None, problems
        concepts.append(replace(loaded, zh=in_canonical_order(loaded.zh),
                                en=in_canonical_order(loaded.en)))
    return TermBase(tuple(concepts), TermBaseInfo("generated"))


@pytest.mark.parametrize(("name", "options"), VARIANTS, ids=IDS)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(termbase=_termbases())
def test_generated_term_bases_round_trip(termbase: TermBase, name: str,
                                         options: dict[str, str]) -> None:
    check_round_trips(termbase, name, options)
