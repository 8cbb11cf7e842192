"""Split a Chinese article into sentence segments for translation.

A paragraph is a non-empty line. It is cut after 。！？； (and the half-width !?; when they
follow Chinese text), taking any closing quotes and brackets after the mark along. Lines
without such a mark (headlines, bylines, datelines, editor credits) stay whole. Segment ids are
`p<paragraph>.s<sentence>`, numbered from 1, so the same article always gives the same ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = "。！？；"
_HALF_END = "!?;"
_CLOSERS = "”’」』）)]》〉\"'"
_LEADING_SPACE = re.compile(r"^[\s\u3000]+")


@dataclass(frozen=True, slots=True)
class ArticleSegment:
    id: str
    text: str
    paragraph: int
    line: int
    """Line of the paragraph in the article (1-based)."""


def split_sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    index = 0
    length = len(paragraph)
    while index < length:
        char = paragraph[index]
        is_end = char in _END or (char in _HALF_END and (
            index + 1 == length or not paragraph[index + 1].isascii()
            or (index > 0 and not paragraph[index - 1].isascii())))
        if is_end:
            end = index + 1
            while end < length and (paragraph[end] in _CLOSERS or paragraph[end] in _END):
                end += 1
            piece = paragraph[start:end].strip()
            if piece:
                sentences.append(piece)
            start = index = end
            continue
        index += 1
    rest = paragraph[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def segment_article(text: str) -> list[ArticleSegment]:
    segments: list[ArticleSegment] = []
    paragraph = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _LEADING_SPACE.sub("", raw).rstrip()
        if not line:
            continue
        paragraph += 1
        for index, sentence in enumerate(split_sentences(line), start=1):
            segments.append(ArticleSegment(f"p{paragraph:02d}.s{index:02d}", sentence,
                                           paragraph, number))
    return segments
