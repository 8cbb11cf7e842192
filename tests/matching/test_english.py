"""Source and target matching, table-driven: what must be found and look-alikes that must not."""

from __future__ import annotations

import pytest

from policyglossary.matching.chinese import normalize_source
from policyglossary.matching.english import Rendering, TargetText, locate
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
