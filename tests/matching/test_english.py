"""Source and target matching, table-driven: what must be found and look-alikes that must not."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from policyglossary.matching.chinese import normalize_source
from policyglossary.matching.english import (
    Rendering,
    TargetText,
    english_key,
    inside,
    locate,
    quick_find,
    quick_tails,
    quick_text,
    renderings_of,
)
from policyglossary.matching.matcher import Matcher
from policyglossary.model import Term

from ..conftest import concept, termbase

# (rendering, case-sensitive, target, found?)
TARGET_CASES = [
    # hyphen, space, dash variants and closed compounds
    ("dual-gigabit", False, "the dual gigabit networks", True),
    ("dual-gigabit", False, "dual–gigabit (en dash)", True),
    ("dual gigabit", False, "a dualgigabit plan", True),
    ("health care", False, "healthcare reform", True),
    ("healthcare", False, "health-care reform", True),
    # inflection: plural, -ed, -ing, on the last word and inner words
    ("gigabit optical network", False, "gigabit optical networks", True),
    ("expand demand", False, "expanding demand", True),
    ("stabilize industry", False, "stabilized industries", True),
    ("economy", False, "economies", True),
    ("plan", False, "planned", True),
    # possessive and quotes
    ("the world’s largest", False, "the world's largest network", True),
    ("SME", True, "SMEs’ costs", True),
    ("troika", False, "the “troika” of consumption", True),
    ("Sailing Action Plan", False, 'the "Sailing" Action Plan', True),
    # case
    ("Central Economic Work Conference", False, "CENTRAL ECONOMIC WORK CONFERENCE", True),
    ("MIIT", True, "MIIT officials", True),
    ("MIIT", True, "miit officials", False),
    ("MOST", True, "most of them", False),
    # whitespace and non-breaking spaces, Oxford comma
    ("new era", False, "new\u00a0 era", True),
    ("specialized, refined, distinctive and innovative", False,
     "specialized, refined, distinctive, and innovative", True),
    # full-width letters
    ("5G network", False, "５Ｇ network", True),
    # word boundaries
    ("new era", False, "renew era", False),
    ("AI", True, "said", False),
    ("dual gigabit", False, "individual gigabit", False),
    ("troika", False, "troikas", True),
    ("SEP", True, "SEPTEMBER", False),
    ("art", False, "start", False),
    ("art", False, "artists", False),
]


@pytest.mark.parametrize(("rendering", "case_sensitive", "target", "found"), TARGET_CASES,
                         ids=[f"{c[0]}|{c[2]}" for c in TARGET_CASES])
def test_target_matching(rendering: str, case_sensitive: bool, target: str, found: bool) -> None:
    match = TargetText(target).find(Rendering.of(Term(rendering, case_sensitive=case_sensitive)))
    assert (match is not None) == found


def test_strict_rendering_keeps_inner_words_exact() -> None:
    work = Rendering.of(Term("Central Economic Work Conference"), strict=True)
    working = Rendering.of(Term("Central Economic Working Conference"), strict=True)
    target = TargetText("the Central Economic Working Conferences")
    assert target.find(work) is None
    assert target.find(working) is not None


def test_locate_gives_character_span_in_original_text() -> None:
    text = "China has built “dual-gigabit” networks."
    span = locate(text, Rendering.of(Term("dual gigabit networks")))
    assert span is not None
    assert text[span[0]:span[1]] == "dual-gigabit” networks"


# ------------------------------------------------------------------ source side

MATCHER = Matcher(termbase(
    concept("smes", "中小企业", "SMEs"),
    concept("sme-bureau", "中小企业局", "SME Bureau"),
    concept("srdi", "专精特新", "specialized, refined, distinctive and innovative"),
    concept("srdi-smes", "专精特新中小企业", "SRDI SMEs"),
    concept("dual-gigabit", "双千兆", "dual-gigabit"),
    concept("dual-gigabit-dev", "“双千兆”协同发展", "coordinated development of ..."),
    concept("network", "网络", "network"),
    concept("5g", "5G网络", "5G network"),
))

# (source, expected matched concept ids, in order)
SOURCE_CASES = [
    ("中小企业局局长", ["sme-bureau"]),
    ("以专精特新中小企业为代表的优质中小企业", ["srdi-smes", "smes"]),
    ("引导更多中小企业走专精特新发展道路", ["smes", "srdi"]),
    ("以專精特新中小企業為代表", ["srdi-smes"]),   # Traditional
    ("雙千兆", ["dual-gigabit"]),
    ("接续开展「双千兆」协同发展", ["dual-gigabit-dev"]),  # corner quotes = curly quotes
    ("接续开展＂双千兆＂协同发展", ["dual-gigabit-dev"]),  # full-width straight quotes
    ("５Ｇ网络", ["5g"]),                        # full-width letters and digits
    ("5g網絡", ["5g"]),                          # case and Hong Kong form
    ("中小\n企业", ["smes"]),                    # line break inside a term
    ("千兆光网", []),
    ("双千", []),
]


@pytest.mark.parametrize(("source", "expected"), SOURCE_CASES, ids=[c[0] for c in SOURCE_CASES])
def test_source_matching_longest_first_any_script(source: str, expected: list[str]) -> None:
    found = [MATCHER.concepts[m.concept].id for m in MATCHER.find_in(source)]
    assert found == expected


def test_nested_concepts() -> None:
    by_id = {c.id: i for i, c in enumerate(MATCHER.concepts)}
    nested = {MATCHER.concepts[i].id for i in MATCHER.nested[by_id["srdi-smes"]]}
    assert nested == {"srdi", "smes"}
    assert {MATCHER.concepts[i].id for i in MATCHER.nested[by_id["dual-gigabit-dev"]]} == \
        {"dual-gigabit"}


def test_normalize_source() -> None:
    assert normalize_source("“双千兆”") == normalize_source("「双千兆」") == '"双千兆"'
    assert normalize_source("５Ｇ　网络") == "5g 网络"
    assert normalize_source("中小 企业") == "中小企业"


# ------------------------------------------------------------------ keys, stems, quick tests

@pytest.mark.parametrize("forms", [
    ("stabilize", "stabilizes", "stabilized", "stabilizing"),
    ("policy", "policies", "policied"),
    ("plan", "plans", "planned", "planning"),
    ("class", "classes"),
    ("tax", "taxes"),
    ("approach", "approaches"),
    ("economy", "economies"),
], ids=lambda forms: forms[0])
def test_regular_inflections_share_a_key(forms: tuple[str, ...]) -> None:
    assert len({english_key(form) for form in forms}) == 1


@pytest.mark.parametrize(("a", "b"), [
    ("status", "statu"), ("analysis", "analysi"), ("business", "busines"),  # -us, -is, -ss kept
    ("AI", "ais"), ("art", "artist"), ("new era", "renew era"),
])
def test_different_words_keep_different_keys(a: str, b: str) -> None:
    assert english_key(a) != english_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("health care", "health-care"), ("health care", "healthcare"), ("world's", "worlds"),
    ("“troika”", "troika"), ("Ｄｕａｌ—Gigabit", "dual gigabit"), ("a/b", "a b"),
])
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert english_key(a) == english_key(b)


def test_case_sensitive_keys_keep_case() -> None:
    assert english_key("MIIT", case_sensitive=True) == "MIIT"
    assert english_key("MIITs", case_sensitive=True) == "MIIT"
    assert english_key("miit", case_sensitive=True) != english_key("MIIT", case_sensitive=True)


# (haystack, raw rendering, tails, found?)
QUICK = [
    ("build dual-gigabit networks", "dual-gigabit", (), True),
    ("build dual-gigabit networks", "dual-gigabit network", ("s",), True),
    ("build dual-gigabit networks", "dual-gigabit network", (), False),  # no tail allowed
    ("individual gigabit", "dual gigabit", (), False),                  # inside a word
    ("the sme's costs", "sme", ("'s",), True),
    ("smes", "sme", ("s",), True),
    ("smesx", "sme", ("s",), False),                                    # tail then a letter
    ("ai said", "ai", (), True),
    ("said", "ai", (), False),
    ("a, b and ai", "ai", (), True),                                    # at the very end
    ("", "ai", (), False),
]


@pytest.mark.parametrize(("haystack", "raw", "tails", "found"), QUICK,
                         ids=[f"{c[1]}|{c[0]}" for c in QUICK])
def test_quick_find(haystack: str, raw: str, tails: tuple[str, ...], found: bool) -> None:
    assert quick_find(haystack, raw, tails) == found


def test_quick_tails_are_the_endings_the_stemmer_folds() -> None:
    every = ("s", "es", "ed", "ing", "'s", "’s", "s'", "s’")
    assert quick_tails("dual-gigabit network") == quick_tails("policy") == every
    assert quick_tails("class") == ("es", "ed", "ing")  # "classs" stems to itself, not class
    assert quick_tails("ai") == ()          # a three-letter word is not stemmed
    assert quick_tails("5g (") == ()        # ends in punctuation


_WORDS = ["gigabit", "network", "policy", "economy", "plan", "ai", "sme", "care", "health",
          "industry", "stabilize", "general", "director"]
_SEPARATORS = [" ", "-", ", ", " – ", "  ", "/", "“", "”"]
_ENDINGS = ["", "s", "es", "ed", "ing"]
_APOSTROPHES = ["'s", "’s", "s'"]


@st.composite
def _rendering_and_target(draw: st.DrawFn, separators: list[str],
                          endings: list[str]) -> tuple[str, str]:
    rendering = " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3)))
    words = draw(st.lists(st.sampled_from([*_WORDS, rendering]), min_size=1, max_size=6))
    glue = [draw(st.sampled_from(separators)) for _ in words]
    ends = [draw(st.sampled_from(endings)) for _ in words]
    target = "".join(word + end + sep for word, end, sep in zip(words, ends, glue, strict=True))
    if draw(st.booleans()):
        target = target.upper()
    return rendering, target


@given(_rendering_and_target(_SEPARATORS, _ENDINGS))
def test_a_quick_hit_is_always_a_hit_of_the_full_matcher(pair: tuple[str, str]) -> None:
    """The fast lane trusts a verbatim hit: whatever `quick_find` finds, the inflection-
    tolerant matcher must find too (a miss only means "ask the full matcher")."""
    rendering, target = pair
    raw = quick_text(rendering, False)
    if quick_find(target.lower(), raw, quick_tails(raw)):
        assert TargetText(target).find(Rendering.of(Term(rendering))) is not None


@pytest.mark.xfail(strict=True, reason=(
    "bug: quick_find takes an apostrophe for a word boundary, the full matcher drops it and "
    "joins the letters, so a rendering followed by an apostrophe is a quick hit and may be a "
    "full miss: \"AI's\" becomes 'AIs', a three-letter word the stemmer leaves alone, and "
    "\"Xi'an\" becomes 'Xian'. The fast lane and the full checks then disagree"))
@given(_rendering_and_target([*_SEPARATORS, "'"], [*_ENDINGS, *_APOSTROPHES]))
@example(("ai", "AI's potential"))
def test_a_quick_hit_next_to_an_apostrophe_is_a_full_hit(pair: tuple[str, str]) -> None:
    rendering, target = pair
    raw = quick_text(rendering, False)
    if quick_find(target.lower(), raw, quick_tails(raw)):
        assert TargetText(target).find(Rendering.of(Term(rendering))) is not None


def test_clashing_keys_make_both_renderings_strict() -> None:
    allowed, rejected = renderings_of([
        Term("Central Economic Work Conference"),
        Term("Central Economic Working Conference", "forbidden"),
        Term("CEWC", "admitted", "acronym"), Term("economic meeting", "superseded")])
    assert [(r.term.text, r.strict) for r in allowed] == [
        ("Central Economic Work Conference", True), ("CEWC", False)]
    assert [(r.term.text, r.strict) for r in rejected] == [
        ("Central Economic Working Conference", True), ("economic meeting", False)]


def test_find_all_finds_every_occurrence_on_boundaries() -> None:
    target = TargetText("Policy, policies and a policy-maker; impolicy")
    # tokens: Policy policies and a policy maker ; impolicy (the comma is a boundary)
    assert target.find_all(Rendering.of(Term("policy"))) == [(0, 1), (1, 2), (4, 5)]
    assert target.find_all(Rendering.of(Term("+++"))) == []  # a rendering with no key


@pytest.mark.parametrize(("text", "rendering", "span_text"), [
    ("the ＳＭＥs’ costs", "SME", "ＳＭＥs"),                                    # full width
    ("plain dual-gigabit text", "dual gigabit", "dual-gigabit"),
    ("“dual—gigabit” plans", "dual gigabit", "dual—gigabit"),                    # em dash
    pytest.param("the ﬁrst dual-gigabit network", "dual-gigabit", "dual-gigabit",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "bug: when NFKC changes the target's length (a ligature such as ﬁ, "
                     "common in text copied from PDFs), `locate` searches the NFKC text and "
                     "returns offsets into it, not into the original: the span of "
                     "dual-gigabit after 'ﬁrst' reads 'ual-gigabit '")),
                 id="after a ligature"),
])
def test_locate_finds_the_rendering_where_normalisation_moved_it(
        text: str, rendering: str, span_text: str) -> None:
    span = locate(text, Rendering.of(Term(rendering)))
    assert span is not None
    assert text[span[0]:span[1]] == span_text


def test_locate_gives_nothing_for_an_absent_rendering() -> None:
    assert locate("fast networks", Rendering.of(Term("dual-gigabit"))) is None


@pytest.mark.parametrize(("span", "spans", "expected"), [
    ((1, 2), [(0, 3)], True), ((0, 3), [(0, 3)], True), ((0, 4), [(0, 3), (3, 5)], False),
    ((2, 4), [], False),
])
def test_inside(span: tuple[int, int], spans: list[tuple[int, int]], expected: bool) -> None:
    assert inside(span, spans) == expected
