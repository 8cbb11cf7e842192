"""What the partial term base formats leave out is named (README export: "Every field that a
format cannot hold is named in a warning on stderr"; the team's standard: no data silently
dropped).

For each format that holds less than the canonical term base (TMX term pairs, OmegaT
glossaries, the memoQ and Phrase spreadsheet layouts) and each field, a concept that uses
the field is exported and imported again: either the field comes back, or a warning of the
export names it. (The formats that hold everything are tested for a lossless round trip in
test_contract.py and test_properties.py.)"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import pytest

from policyglossary.api import export_options
from policyglossary.formats import FORMATS, ReadOptions, WriteOptions
from policyglossary.formats.fidelity import export_termbase
from policyglossary.model import Concept, Term, TermBase

BASE = Concept("c", (Term("双千兆"),), (Term("dual-gigabit"),))


def _en(concept: Concept, text: str) -> Term | None:
    return next((t for t in concept.en if t.text == text), None)


def _zh(concept: Concept, text: str) -> Term | None:
    return next((t for t in concept.zh if t.text == text), None)


def _with_en(**attrs: object) -> Concept:
    return replace(BASE, en=(Term("dual-gigabit", **attrs),))  # type: ignore[arg-type]


def _plus_en(*terms: Term) -> Concept:
    return replace(BASE, en=(*BASE.en, *terms))


FORBIDDEN = Term("double gigabit", "forbidden", reason="calque", replacement="dual-gigabit")


@dataclass(frozen=True)
class Field:
    concept: Concept
    value: Callable[[Concept], object]
    """What must come back: the field's value in a concept."""
    words: tuple[str, ...]
    """A warning that names the field contains one of these."""


FIELDS: dict[str, Field] = {
    "subject field": Field(replace(BASE, subject_field="telecom"), lambda c: c.subject_field,
                           ("subject field",)),
    "part of speech": Field(replace(BASE, part_of_speech="noun"), lambda c: c.part_of_speech,
                            ("part of speech",)),
    "definition": Field(replace(BASE, definition="Def."), lambda c: c.definition,
                        ("definition",)),
    "context": Field(replace(BASE, context="接续开展“双千兆”"), lambda c: c.context, ("context",)),
    "concept note": Field(replace(BASE, note="a note"), lambda c: c.note, ("note",)),
    "sources": Field(replace(BASE, sources=("http://a.example",)), lambda c: c.sources,
                     ("source",)),
    "verified flag": Field(replace(BASE, verified=False), lambda c: c.verified, ("verified",)),
    "created": Field(replace(BASE, created=date(2024, 1, 2)), lambda c: c.created, ("date",)),
    "modified": Field(replace(BASE, modified=date(2024, 1, 2)), lambda c: c.modified,
                      ("date",)),
    "term type": Field(_with_en(type="acronym"), lambda c: c.en[0].type, ("type",)),
    "term part of speech": Field(_with_en(part_of_speech="noun"),
                                 lambda c: c.en[0].part_of_speech, ("part of speech",)),
    "case sensitivity": Field(_with_en(case_sensitive=True), lambda c: c.en[0].case_sensitive,
                              ("case",)),
    "term note": Field(_with_en(note="rare"), lambda c: c.en[0].note, ("note",)),
    "admitted rendering": Field(_plus_en(Term("gigabit-plus", "admitted")),
                                lambda c: getattr(_en(c, "gigabit-plus"), "status", None),
                                ("admitted",)),
    "forbidden rendering": Field(_plus_en(FORBIDDEN),
                                 lambda c: getattr(_en(c, "double gigabit"), "status", None),
                                 ("forbidden",)),
    "superseded rendering": Field(_plus_en(Term("two gigabit", "superseded", reason="old")),
                                  lambda c: getattr(_en(c, "two gigabit"), "status", None),
                                  ("superseded", "forbidden")),
    "reason": Field(_plus_en(FORBIDDEN),
                    lambda c: getattr(_en(c, "double gigabit"), "reason", None),
                    ("reason", "forbidden")),
    "replacement": Field(_plus_en(replace(FORBIDDEN, replacement="gigabit-plus")),
                         lambda c: getattr(_en(c, "double gigabit"), "replacement", None),
                         ("replacement", "forbidden")),
    "explicit Traditional form": Field(replace(BASE, zh=(Term("双千兆", hant="雙千兆網"),)),
                                       lambda c: c.zh[0].hant, ("Traditional",)),
    "admitted Chinese term": Field(replace(BASE, zh=(*BASE.zh, Term("千兆双网", "admitted"))),
                                   lambda c: getattr(_zh(c, "千兆双网"), "status", None),
                                   ("Chinese",)),
    "forbidden Chinese term": Field(replace(BASE, zh=(*BASE.zh, Term("两千兆", "forbidden",
                                                                     reason="x"))),
                                    lambda c: getattr(_zh(c, "两千兆"), "status", None),
                                    ("Chinese",)),
    "a ';' inside a term": Field(replace(BASE, en=(Term("Made in China 2025; MIC 2025"),)),
                                 lambda c: [t.text for t in c.en], (";",)),
}

# (format, options) of every partial writer; CSV stands for the spreadsheet profiles (the
# XLSX writer lays out the same rows).
WRITERS = {
    "tmx": ("tmx", {}),
    "tmx --forbidden include": ("tmx", {"forbidden": "include"}),
    "omegat": ("omegat", {}),
    "omegat --forbidden include": ("omegat", {"forbidden": "include"}),
    "memoq": ("csv", {"profile": "memoq"}),
    "phrase": ("csv", {"profile": "phrase"}),
}

KNOWN: dict[tuple[str, str], str] = {}
"""(writer, field) → a known bug that makes the case fail (the 42 this file found were fixed
with the export warnings derived from the schema: formats/fidelity.py)."""


def _round_trip(writer: str, concept: Concept) -> tuple[Concept, list[str]]:
    name, options = WRITERS[writer]
    buffer = io.BytesIO()
    # as `export` writes it: the format's defaults, and the warnings naming what it leaves out
    warnings = export_termbase(name, buffer, TermBase((concept,)), export_options(
        name, WriteOptions(**options)))  # type: ignore[arg-type]
    imported = FORMATS[name].termbase_reader()(io.BytesIO(buffer.getvalue()), f"x.{name}",
                                               ReadOptions())
    (back,) = imported.termbase.concepts
    return back, warnings


def _cases() -> list[object]:
    cases = []
    for writer in WRITERS:
        for field in FIELDS:
            reason = KNOWN.get((writer, field))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(writer, field, marks=marks, id=f"{writer}: {field}"))
    return cases


@pytest.mark.parametrize(("writer", "field"), _cases())
def test_a_field_comes_back_or_a_warning_names_it(writer: str, field: str) -> None:
    spec = FIELDS[field]
    back, warnings = _round_trip(writer, spec.concept)
    if spec.value(back) == spec.value(spec.concept):
        return
    assert any(word in warning for warning in warnings for word in spec.words), \
        (spec.value(back), warnings)


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_the_base_concept_itself_comes_back(writer: str) -> None:
    """So that a field's value coming back above means the field was kept."""
    back, _ = _round_trip(writer, BASE)
    assert (back.headword, [(t.text, t.status) for t in back.en]) == \
        ("双千兆", [("dual-gigabit", "preferred")])
