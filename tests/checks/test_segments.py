"""number-mismatch, untranslated, and the exemption markers, table-driven."""

from __future__ import annotations

import pytest

from policyglossary.matching.numbers import chinese_numeral_value, source_numbers, target_values
from policyglossary.model import Segment

from ..conftest import concept
from .conftest import found, run

TROIKA = [concept("troika", "三驾马车", "troika"), concept("gigabit", "千兆光网", "gigabit optical network")]

# (id, source, target, number of number-mismatch findings)
NUMBER_CASES = [
    ("percentage", "占比达42%", "accounts for 42%", 0),
    ("percent word", "占比达42%", "accounts for 42 percent", 0),
    ("wrong percentage", "占比达42%", "accounts for 40%", 1),
    ("plain number", "已融入71个国民经济大类", "integrated into 71 categories", 0),
    ("missing number", "已融入71个国民经济大类", "integrated into many categories", 1),
    ("month name", "今年10月", "in October", 0),
    ("month abbreviation", "12月25日电", "Dec. 25", 0),
    ("wrong month", "今年10月", "in November", 1),
    ("Chinese numeral to word", "实施十大重点行业方案", "plans for ten key industries", 0),
    ("Chinese numeral to digits", "实施十大重点行业方案", "plans for 10 key industries", 0),
    ("Chinese numeral missing", "实施十大重点行业方案", "plans for key industries", 1),
    ("months count", "连续3个月增长", "grew for three consecutive months", 0),
    ("four aspects", "从四方面发力", "make efforts in four areas", 0),
    ("year", "2024年经济工作", "economic work in 2024", 0),
    ("wan multiplier", "3万家企业", "30,000 enterprises", 0),
    ("wan as thousand", "3万家企业", "30 thousand enterprises", 0),
    ("yi multiplier", "投资5亿元", "an investment of 500 million yuan", 0),
    ("thousands separator", "共1,200家", "1200 firms in all", 0),
    ("yi alone is 'a'", "新遴选一批试点城市", "select a new batch of pilot cities", 0),
    ("ordinal ignored", "第一次会议", "the first meeting", 0),
    ("code not a number", "5G网络", "5G networks", 0),
    ("full-width digits", "占比达４２％", "42%", 0),
    ("numbers inside terms left to the term checks", "三驾马车", "troika", 0),
    ("hex colour", "背景颜色（例如 #391C31）", "background colour (e.g. #391C31)", 0),
    ("decimal", "增长3.5%", "grew by 3.5%", 0),
    ("wrong decimal", "增长3.5%", "grew by 3.6%", 1),
    # An ordinal or a multiplicative renders its number.
    ("ordinal word", "连续3个月增长", "grew for the third consecutive month", 0),
    ("ordinal suffix", "连续3个月增长", "grew for the 3rd consecutive month", 0),
    ("compound ordinal", "连续21个月增长", "for the twenty-first consecutive month", 0),
    ("hyphenated number word", "连续3个月增长", "a three-month rise", 0),
    ("triple", "增长3倍", "a triple rise", 0),
    ("tripled", "增长3倍", "output tripled", 0),
    ("threefold", "增长3倍", "a threefold increase", 0),
    ("three-fold", "增长3倍", "a three-fold increase", 0),
    ("tenfold", "增长10倍", "a tenfold increase", 0),
    ("ordinal month and count", "今年10月连续3个月增长", "in October, the third month in a row", 0),
    # ... and only its own number: these still warn.
    ("another ordinal", "连续3个月增长", "grew for the fourth consecutive month", 1),
    ("another suffixed ordinal", "连续3个月增长", "grew for the 4th consecutive month", 1),
    ("twenty-third is not three", "连续3个月增长", "for the twenty-third consecutive month", 1),
    ("thirtieth is not three", "连续3个月增长", "for the thirtieth consecutive month", 1),
    ("thirdly is not an ordinal", "连续3个月增长", "thirdly, growth continued for months", 1),
    ("another multiple", "增长3倍", "a fourfold increase", 1),
    ("manifold is not a number", "增长3倍", "a manifold increase", 1),
    ("doubled is two", "增长3倍", "output doubled", 1),
]


@pytest.mark.parametrize(("source", "target", "count"), [c[1:] for c in NUMBER_CASES],
                         ids=[c[0] for c in NUMBER_CASES])
def test_number_mismatch(source: str, target: str, count: int) -> None:
    findings = run(TROIKA, [(source, target)], disabled=["term-missing"])
    assert len(found(findings, "number-mismatch")) == count


@pytest.mark.parametrize(("numeral", "value"), [
    ("三", 3), ("十", 10), ("十二", 12), ("二十一", 21), ("一百零五", 105), ("两万", 20000),
    ("三千五百", 3500), ("二〇二四", 2024), ("一亿二千万", 120_000_000),
])
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_numeral_value(numeral) == value


def test_source_and_target_number_extraction() -> None:
    assert [(n.value, n.month) for n in source_numbers("今年10月连续3个月")] == \
        [(10, True), (3.0, False)]
    values, months = target_values("twenty-one firms; 1.2 trillion yuan; Sept. 3")
    assert {21.0, 1.2e12, 3.0} <= values
    assert 9 in months


UNTRANSLATED = [
    ("empty", Segment("1", "双千兆", ""), ["no translation"]),
    ("whitespace", Segment("1", "双千兆", "  "), ["no translation"]),
    ("fuzzy", Segment("1", "双千兆", "dual-gigabit", state="needs-review"),
     ["the translation is marked fuzzy or unconfirmed (needs review)"]),
    ("translated", Segment("1", "双千兆", "dual-gigabit"), []),
    ("final", Segment("1", "双千兆", "dual-gigabit", state="final"), []),
    ("empty source", Segment("1", "", ""), []),
]


@pytest.mark.parametrize(("segment", "messages"), [c[1:] for c in UNTRANSLATED],
                         ids=[c[0] for c in UNTRANSLATED])
def test_untranslated(segment: Segment, messages: list[str]) -> None:
    findings = run(TROIKA, [segment])
    assert [f.message for f in findings if f.rule == "untranslated"] == messages


EXEMPTIONS = [
    ("rule", "policyglossary: ignore number-mismatch", [("term-missing", "千兆光网")]),
    ("rule list", "policyglossary: ignore term-missing, number-mismatch", []),
    ("all", "Checked by the reviewer. policyglossary: ignore all", []),
    ("other rule", "policyglossary: ignore untranslated",
     [("number-mismatch", None), ("term-missing", "千兆光网")]),
    ("term-scoped", "policyglossary: ignore term-missing=千兆光网", [("number-mismatch", None)]),
    ("other term", "policyglossary: ignore term-missing=双千兆",
     [("number-mismatch", None), ("term-missing", "千兆光网")]),
    ("no marker", "a plain note", [("number-mismatch", None), ("term-missing", "千兆光网")]),
]


@pytest.mark.parametrize(("note", "expected"), [c[1:] for c in EXEMPTIONS],
                         ids=[c[0] for c in EXEMPTIONS])
def test_exemption_markers(note: str, expected: list[tuple[str, str | None]]) -> None:
    segment = Segment("1", "千兆光网占比达42%", "fibre accounts for 40%", notes=(note,))
    assert sorted(found(run(TROIKA, [segment]))) == sorted(expected)
