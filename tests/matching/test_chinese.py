"""The Chinese side: source normalisation (what the automaton sees), mapping its spans back to
the text a translator wrote, and Traditional and regional forms of terms (OpenCC)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from policyglossary.matching.chinese import (
    all_forms,
    from_traditional,
    has_cjk,
    is_chinese_text,
    normalize_many,
    normalize_source,
    original_span,
    to_simplified,
    variant_forms,
    with_regional_form,
)
from policyglossary.model import Term

# (id, source, normalised)
NORMALISED = [
    ("full-width Latin and digits", "５Ｇ网络", "5g网络"),
    ("quote styles", "「双千兆」『双千兆』〝双千兆〞＂双千兆＂", '"双千兆""双千兆""双千兆""双千兆"'),
    ("single quotes", "‘试点’＇示范＇", "'试点''示范'"),
    ("line break inside a sentence", "推进双千兆\n网络建设", "推进双千兆网络建设"),
    ("ideographic space between Chinese", "中小\u3000企业", "中小企业"),
    ("spaces next to Latin kept as one", "发展 AI  产业", "发展 ai 产业"),
    ("no-break space", "5G\u00a0网络", "5g 网络"),
    ("case folded", "MIIT和ＭＯＳＴ", "miit和most"),
    ("Greek folded too", "Δ值", "δ值"),
    ("plain Chinese untouched", "巩固增强工业经济回升向好态势", "巩固增强工业经济回升向好态势"),
    ("full-width punctuation", "占比达４２％，", "占比达42%,"),
    ("tabs and CRLF", "数字\r\n经济\t发展", "数字经济发展"),
]


@pytest.mark.parametrize(("source", "normalised"), [c[1:] for c in NORMALISED],
                         ids=[c[0] for c in NORMALISED])
def test_normalize_source(source: str, normalised: str) -> None:
    assert normalize_source(source) == normalised


@given(st.text())
@example("İstanbul 中 文")
@example("ǅ\u3000Ⅻ")
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalize_source(text)
    assert normalize_source(once) == once


@given(st.lists(st.text(st.sampled_from("中文双千兆 \n\x00５Ｇ“”AbÅ\u3000\t")), max_size=6))
def test_normalising_many_at_once_is_normalising_each(texts: list[str]) -> None:
    """The batch path joins texts with NUL; a text holding a NUL, or normalisation that would
    merge across the join, falls back to one text at a time and must give the same."""
    assert normalize_many(texts) == [normalize_source(t) for t in texts]


# Characters normalisation changes in place: Chinese, quotes, full-width and upper-case Latin.
_IN_PLACE = st.text(st.sampled_from("中小企业双千兆网络“”「」ＡＢab５GＭ"), min_size=1, max_size=16)


def _every_span_maps_back(text: str) -> None:
    normalised = normalize_source(text)
    for start in range(len(normalised)):
        for end in range(start + 1, len(normalised) + 1):
            begin, stop = original_span(text, start, end)
            assert normalize_source(text[begin:stop]) == normalised[start:end], (start, end)


@given(_IN_PLACE)
def test_a_span_maps_back_onto_the_text_it_came_from(text: str) -> None:
    """Findings point into the text the translator wrote: every span of the normalised text,
    mapped back, is text that normalises to that span."""
    _every_span_maps_back(text)


@pytest.mark.parametrize(("text", "term"), [
    ("５Ｇ和“双千兆”", "双千兆"),
    ("双千兆 网络\n建设", "双千兆"),      # dropped whitespace after the term
    ("ＭＩＩＴ 双千兆", "双千兆"),         # a space next to Latin is kept
])
def test_spans_of_terms_in_text_normalisation_changed(text: str, term: str) -> None:
    normalised = normalize_source(text)
    start = normalised.index(term)
    begin, end = original_span(text, start, start + len(term))
    assert text[begin:end] == term


@pytest.mark.xfail(strict=True, reason=(
    "bug: original_span measures prefixes of the text, and a prefix ending in whitespace "
    "keeps it (it is dropped only between two Chinese characters), so a span next to dropped "
    "whitespace is off by it: in 推进 双千兆网络 the span of 双千兆 is ' 双千兆', and in "
    "推进中小企\\n业发展 (a line break inside a term, which the README says vanishes) the "
    "span of 中小企业 is '中小企\\n' (JSON span.text and the highlight)"))
@given(st.text(st.sampled_from("中小企业双千兆 \n\u3000ＡＢ"), max_size=12))
@example("推进 双千兆网络")
@example("推进中小企\n业发展")
def test_a_span_next_to_dropped_whitespace_maps_back(text: str) -> None:
    _every_span_maps_back(text)


@pytest.mark.xfail(strict=True, reason=(
    "bug: original_span assumes normalisation never lengthens text, but NFKC expands ㎡ "
    "(m2), ① and ligatures; when an expansion before a term and a dropped space after it "
    "cancel out, the length test takes the shortcut and the span is off: for "
    "'建筑面积10万㎡，推进双千兆网络 建设' the span of 双千兆 reads '千兆网'"))
def test_a_span_after_an_nfkc_expansion_is_the_term() -> None:
    text = "建筑面积10万㎡，推进双千兆网络 建设"
    normalised = normalize_source(text)
    start = normalised.index("双千兆")
    begin, end = original_span(text, start, start + 3)
    assert text[begin:end] == "双千兆"


# ------------------------------------------------------------------ scripts

def test_regional_forms_are_derived_unless_given() -> None:
    assert variant_forms(Term("双千兆")) == {"zh-Hant": "雙千兆", "zh-TW": "雙千兆",
                                            "zh-HK": "雙千兆"}
    explicit = Term("数字经济", tw="數位經濟")
    assert variant_forms(explicit)["zh-TW"] == "數位經濟"
    assert variant_forms(explicit)["zh-Hant"] == "數字經濟"
    assert all_forms(explicit) == ["数字经济", "數字經濟", "數位經濟"]  # distinct, Simplified first
    assert all_forms(Term("5G")) == ["5G"]


# (id, Traditional text, tag, expected term)
FROM_TRADITIONAL = [
    ("OpenCC gives it back: nothing explicit", "雙千兆", "zh-Hant", Term("双千兆")),
    ("vocabulary OpenCC does not map back", "數位經濟", "zh-TW", Term("数位经济")),
    ("Taiwan form", "梁志峯", "zh-TW", Term("梁志峰", tw="梁志峯")),
    ("Hong Kong form", "梁志峰", "zh_HK", Term("梁志峰", hk="梁志峰")),
    ("Macau is kept as Hong Kong", "梁志峰", "zh-MO", Term("梁志峰", hk="梁志峰")),
    ("a bare zh-Hant form", "梁志峰", "zh-Hant", Term("梁志峰", hant="梁志峰")),
]


@pytest.mark.parametrize(("text", "tag", "term"), [c[1:] for c in FROM_TRADITIONAL],
                         ids=[c[0] for c in FROM_TRADITIONAL])
def test_from_traditional_keeps_what_opencc_would_not_derive(text: str, tag: str,
                                                              term: Term) -> None:
    converted = from_traditional(text, tag)
    assert converted == term
    assert variant_forms(converted)["zh-TW" if tag == "zh-TW" else
                                    "zh-HK" if tag[-2:] in ("HK", "MO") else "zh-Hant"] == text


def test_with_regional_form_leaves_a_derivable_form_implicit() -> None:
    term = Term("双千兆", "admitted")
    assert with_regional_form(term, "zh-TW", "雙千兆") is term
    assert with_regional_form(term, "zh-TW", "双千兆网").tw == "双千兆网"


def test_to_simplified() -> None:
    assert to_simplified("推進雙千兆網絡建設") == "推进双千兆网络建设"


@pytest.mark.parametrize(("text", "cjk", "chinese"), [
    ("双千兆", True, True), ("Extension A: 㐀", True, True), ("dual-gigabit", False, False),
    ("地球システム", True, False), ("한국어 文字", True, False), ("", False, False),
])
def test_chinese_text(text: str, cjk: bool, chinese: bool) -> None:
    assert (has_cjk(text), is_chinese_text(text)) == (cjk, chinese)
