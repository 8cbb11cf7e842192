"""formats/article.py, the Chinese article segmenter (README `segment`): sentence ends,
the half-width marks next to Chinese text, closers, paragraphs and ids, and a property:
segmentation loses and adds nothing but whitespace. (The seed article against the committed
translation is in tests/test_check_cli.py.)"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyglossary.formats.article import ArticleSegment, segment_article, split_sentences

CASES = [
    ("plain", "第一句。第二句。", ["第一句。", "第二句。"]),
    ("all marks", "问？答！列；完。", ["问？", "答！", "列；", "完。"]),
    ("closing quote stays", "“今年以来,动能持续提升。”陶青说,将落实。",
     ["“今年以来,动能持续提升。”", "陶青说,将落实。"]),
    ("nested closers", "他说：“好（试点）。”）然后", ["他说：“好（试点）。”）", "然后"]),
    ("half-width after Chinese", "占比达42%;赋能效应持续彰显", ["占比达42%;", "赋能效应持续彰显"]),
    ("half-width inside Latin text", "见 a;b 和 x?y", ["见 a;b 和 x?y"]),
    ("headline stays whole", "巩固增强工业经济回升向好态势", ["巩固增强工业经济回升向好态势"]),
    ("ellipsis does not split", "如何巩固……怎样创新……", ["如何巩固……怎样创新……"]),
    ("double marks", "真的吗？！是的。", ["真的吗？！", "是的。"]),
    # a half-width mark ends a sentence when Chinese text is on either side of it
    ("half-width after Chinese, then Latin", "中文!abc。", ["中文!", "abc。"]),
    ("half-width before Chinese", "OK?好的", ["OK?", "好的"]),
    ("half-width at the end", "真的?", ["真的?"]),
    ("half-width between Latin words", "Yes!No?Maybe;ok", ["Yes!No?Maybe;ok"]),
    ("a lone half-width mark", "!", ["!"]),
    # closers of every kind stay with the sentence they close
    ("corner brackets", "他说「好。」『对。』然后", ["他说「好。」", "『对。』", "然后"]),
    ("book title marks", "见《规划。》和〈附件。〉。", ["见《规划。》", "和〈附件。〉。"]),
    ("straight quotes", "他说\"好。\"她说'行。'", ["他说\"好。\"", "她说'行。'"]),
    ("half-width closers", "甲(乙。)丙[丁。]", ["甲(乙。)", "丙[丁。]"]),
    # spaces between sentences go, spaces inside stay
    ("spaces", "  第一句。   第二 句。  ", ["第一句。", "第二 句。"]),
    ("only spaces", "   ", []),
    ("empty", "", []),
    ("marks only", "。。！", ["。。！"]),
    ("a mark after closers", "“好！”。下一句", ["“好！”。", "下一句"]),
]


@pytest.mark.parametrize(("paragraph", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


def test_paragraph_ids_lines_and_leading_spaces() -> None:
    text = "标题\n\n\u3000\u3000新华社北京12月25日电 题:标题\n\n  第一句。第二句。\n"
    segments = segment_article(text)
    assert [(s.id, s.line, s.text) for s in segments] == [
        ("p01.s01", 1, "标题"), ("p02.s01", 3, "新华社北京12月25日电 题:标题"),
        ("p03.s01", 5, "第一句。"), ("p03.s02", 5, "第二句。")]
    assert segment_article(text) == segments  # stable


def test_paragraphs_ids_and_lines() -> None:
    text = "标题\r\n\r\n\t\u3000第一段。第二句！\r\n   \r\n第二段\n" + \
        "".join(f"第{n}段。\n" for n in range(3, 101))
    segments = segment_article(text)
    assert segments[:4] == [ArticleSegment("p01.s01", "标题", 1, 1),
                            ArticleSegment("p02.s01", "第一段。", 2, 3),
                            ArticleSegment("p02.s02", "第二句！", 2, 3),
                            ArticleSegment("p03.s01", "第二段", 3, 5)]
    assert segments[-1] == ArticleSegment("p101.s01", "第100段。", 101, 103)  # 3 digits past 99


def test_an_article_of_blank_lines_has_no_segments() -> None:
    assert segment_article("\n \n\u3000\u3000\n\t\n") == []


_ALPHABET = st.sampled_from(list("中文的是一。！？；!?;”’」』）)]》〉\"' \u3000\tabc1"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_nothing_but_whitespace_is_lost_or_added(paragraph: str) -> None:
    sentences = split_sentences(paragraph)
    assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", paragraph)
    assert all(s and s == s.strip() for s in sentences)
    # every sentence but the last ends at a mark, perhaps followed by closers and marks
    for sentence in sentences[:-1]:
        assert re.search(r"[。！？；!?;][”’」』）)\]》〉\"'。！？；]*$", sentence), sentence


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=12), max_size=8))
def test_ids_are_numbered_from_one_without_gaps(lines: list[str]) -> None:
    segments = segment_article("\n".join(line.replace("\n", "") for line in lines))
    paragraphs = sorted({s.paragraph for s in segments})
    assert paragraphs == list(range(1, len(paragraphs) + 1))
    for segment in segments:
        number = int(segment.id.split(".s")[1])
        assert segment.id == f"p{segment.paragraph:02d}.s{number:02d}"
        same = [s for s in segments if s.paragraph == segment.paragraph]
        assert [s.id for s in same] == [f"p{segment.paragraph:02d}.s{n:02d}"
                                        for n in range(1, len(same) + 1)]
