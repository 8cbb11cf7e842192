"""Sentence segmentation of Chinese articles, table-driven."""

from __future__ import annotations

import pytest

from policyglossary.formats.article import segment_article, split_sentences

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
