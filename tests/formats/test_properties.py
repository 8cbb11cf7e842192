"""Property tests: arbitrary text survives every round trip that promises to keep it.

canonical → TBX / XLSX / CSV → import → canonical is lossless for every field, and bilingual
segments survive PO, XLIFF 1.2/2.0, TMX, XLSX and CSV. The text includes CJK, quotes,
ampersands, angle brackets, leading = + - @ (formula injection), ' | [ ] { } ; \\ and newlines.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyglossary.errors import OutputError
from policyglossary.formats import FORMATS, ReadOptions, WriteOptions
from policyglossary.formats.canonical import dumps_concept, in_canonical_order, loads_concept
from policyglossary.model import (
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    BilingualDoc,
    Concept,
    Segment,
    Term,
    TermBase,
    TermBaseInfo,
)

# Text that XML can carry (no C0 controls but tab and newline, no surrogates), as it appears
# in a canonical file (no surrounding whitespace).
_ALPHABET = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") \
    | st.sampled_from(list("\n\t=+-@'\"&<>|[]{};:\\  双千兆專精特新𠀀"))
_text = st.text(alphabet=_ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
_maybe = st.one_of(st.just(""), _text)
_line_text = _text.filter(lambda t: "\n" not in t and "\t" not in t)


@st.composite
def _terms(draw: st.DrawFn, zh: bool) -> Term:
    status = draw(st.sampled_from(STATUSES))
    rejected = status in ("forbidden", "superseded")
    return Term(
        text=draw(_line_text), status=status, type=draw(st.sampled_from(TERM_TYPES)),
        part_of_speech=draw(st.sampled_from(("", *PARTS_OF_SPEECH))),
        case_sensitive=draw(st.booleans()) if not zh else False,
        reason=draw(_maybe) if rejected else "", replacement=draw(_maybe) if rejected else "",
        note=draw(_maybe),
        hant=draw(_line_text | st.just("")) if zh else "",
        tw=draw(_line_text | st.just("")) if zh else "",
        hk=draw(_line_text | st.just("")) if zh else "",
    )


def _unique_texts(terms: list[Term]) -> bool:
    return len({t.text for t in terms}) == len(terms)


@st.composite
def _concepts(draw: st.DrawFn) -> Concept:
    zh = draw(st.lists(_terms(zh=True), min_size=1, max_size=3).filter(_unique_texts))
    zh[0] = replace(zh[0], status="preferred", reason="", replacement="")
    en = draw(st.lists(_terms(zh=False), max_size=4).filter(_unique_texts))
    concept_pos = draw(st.sampled_from(("", *PARTS_OF_SPEECH)))
    # A term's part of speech equal to the concept's says nothing more: formats that write the
    # effective part of speech on every term cannot tell the two apart.
    fix = [replace(t, part_of_speech="") if t.part_of_speech == concept_pos else t
           for t in (*zh, *en)]
    concept = Concept(
        id=draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)),
        zh=tuple(fix[:len(zh)]), en=tuple(fix[len(zh):]),
        subject_field=draw(_line_text | st.just("")), part_of_speech=concept_pos,
        definition=draw(_maybe), context=draw(_maybe), note=draw(_maybe),
        sources=tuple(draw(st.lists(_line_text, max_size=3, unique=True))),
        verified=draw(st.booleans()),
        created=draw(st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2040, 1, 1)))),
        modified=draw(st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2040, 1, 1)))),
    )
    if concept.created and concept.modified and concept.modified < concept.created:
        concept = replace(concept, created=concept.modified, modified=concept.created)
    # Only what a canonical file can hold is in scope.
    loaded, problems = loads_concept(dumps_concept(concept), f"{concept.id}.toml")
    if problems or loaded is None:
        raise AssertionError(problems)
    return replace(loaded, zh=in_canonical_order(loaded.zh), en=in_canonical_order(loaded.en))


def _round_trip(name: str, concept: Concept) -> Concept:
    buffer = io.BytesIO()
    termbase = TermBase((concept,), TermBaseInfo("t"))
    FORMATS[name].termbase_writer()(buffer, termbase, WriteOptions())
    imported = FORMATS[name].termbase_reader()(io.BytesIO(buffer.getvalue()),
                                                       f"x.{name}", ReadOptions())
    (back,) = imported.termbase.concepts
    return replace(back, zh=in_canonical_order(back.zh), en=in_canonical_order(back.en))


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@SETTINGS
@given(_concepts())
def test_tbx_round_trip_is_lossless(concept: Concept) -> None:
    assert _round_trip("tbx", concept) == concept


@SETTINGS
@given(_concepts())
def test_xlsx_round_trip_is_lossless(concept: Concept) -> None:
    assert _round_trip("xlsx", concept) == concept


@SETTINGS
@given(_concepts())
def test_csv_round_trip_is_lossless(concept: Concept) -> None:
    assert _round_trip("csv", concept) == concept


_segment_text = st.text(alphabet=_ALPHABET, max_size=40)


@st.composite
def _segments(draw: st.DrawFn) -> list[Segment]:
    count = draw(st.integers(0, 4))
    segments = []
    for index in range(count):
        target = draw(_segment_text)
        state = draw(st.sampled_from(("translated", "needs-review", "final")))
        if not target.strip():
            state = "new"
        segments.append(Segment(
            id=f"s{index}.{draw(st.from_regex(r'[a-z0-9]{0,4}', fullmatch=True))}",
            source=draw(_segment_text.filter(lambda t: t.strip())), target=target, state=state,
            notes=tuple(draw(st.lists(_line_text, max_size=2))),
            # a reference is a file:line location; PO separates references with spaces
            references=tuple(f"{draw(_line_text.filter(lambda t: ':' not in t and not any(c.isspace() for c in t)))}:{n}"
                             for n in draw(st.lists(st.integers(1, 999), max_size=2))),
        ))
    return segments


def _normalise(segment: Segment, name: str) -> Segment:
    state = "translated" if name == "po" and segment.state == "final" else segment.state
    return replace(segment, line=None, state=state)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_segments(), st.sampled_from(["po", "xliff", "xliff2", "tmx", "xlsx", "csv", "tsv"]))
def test_bilingual_round_trip(segments: list[Segment], name: str) -> None:
    buffer = io.BytesIO()
    FORMATS[name].doc_writer()(buffer, BilingualDoc(list(segments), "zh-CN", "en"),
                                        WriteOptions())
    doc = FORMATS[name].doc_reader()(io.BytesIO(buffer.getvalue()), f"x.{name}",
                                             ReadOptions())
    back = [replace(s, line=None) for s in doc.segments]
    expected = [_normalise(s, name) for s in segments]
    if name in ("csv", "tsv", "xlsx", "po"):
        # Whitespace-only sources are blank rows to a spreadsheet reader; a notes cell holds
        # one note per line.
        expected = [replace(s, notes=tuple(n for note in s.notes for n in note.split("\n")))
                    for s in expected]
    assert back == expected


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["\x01", "\x08", "\x0b", "\x1f", "\ufffe"]),
       st.sampled_from(["tbx", "tbx2", "tmx", "xlsx"]))
def test_unwritable_characters_are_a_clear_error(char: str, name: str) -> None:
    concept = Concept("c", (Term("双千兆"),), (Term("dual" + char, "preferred"),))
    try:
        FORMATS[name].termbase_writer()(io.BytesIO(), TermBase((concept,)),
                                                 WriteOptions())
    except OutputError as exc:
        assert "c" in str(exc) or "row" in str(exc)
    else:
        raise AssertionError(f"{name} accepted U+{ord(char):04X}")
