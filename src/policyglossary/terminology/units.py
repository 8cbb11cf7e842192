"""The words of a Chinese sentence as `extract` sees them, and the spans worth counting in it.

jieba's segmentation is re-cut so that every term the term base holds is one word, Latin runs
(5G) are one word, and each word is classed: a known term, a break (punctuation), a stop word
(function words, and the verbs that govern terms in policy prose) or content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from .wordseg import Word, tag

SUFFIXES = ("行动", "计划", "工程", "方案", "试点", "示范", "体系", "机制", "战略", "政策",
            "中心", "部", "局", "司")
NOT_NAMES = ("布局", "格局", "全局", "大局", "结局", "开局", "局部", "内部", "外部", "全部", "东部",
             "西部", "中部", "南部", "北部", "干部", "头部", "底部", "顶部", "上司")
"""Words ending like a name (局, 部, 司) that end none: 系统布局 is a layout, not a bureau."""
MAX_WORDS = 6
MAX_CHARS = 16
MIN_CHARS = 2
NOMINAL_TAGS = ("n", "vn", "j", "b", "known", "eng")

# jieba tags (ICTCLAS) of words that cannot start or end a term: particles, prepositions,
# conjunctions, pronouns, adverbs, interjections, modal particles, onomatopoeia, locatives.
_STOP_TAGS = ("u", "p", "c", "r", "y", "o")
_INTERJECTION = "e"  # exactly: "eng" is a Latin word
_STOP_TEXT = (
    "的 地 得 了 着 过 和 与 及 或 并 而 等 是 在 将 把 被 为 对 从 以 由 于 向 要 也 更 "
    "又 都 就 还 这 那 该 其 之 所 已 均 则 即 且 但 如 若 这项 这些 一些 一系列 一批 有关 "
    "各 每 多 少 好 新 大 高 近 到 让 使 给 做 做好 进一步 不断 持续 切实 着力 大力 全力 "
    "认真 深入 加快 加大 加强 推进 推动 促进 提升 提出 实施 开展 坚持 发挥 引导 成为 "
    "支撑 实现 呈现 表示 说 指出 介绍 认为 强调 称 记者 日前 目前 当前 今年 今年以来 "
    "近几年 以来 上看 提供 按照 围绕 通过 既是 也是 方面 四方面 位置 问题 工作 情况 中 上 下 "
    "内 外 以上 以下 之间 前 后 里 时 已经 正在 必须 需要 可以 能够 应当 不 没有 非常 十分 "
    "很 最 较 较强 具体 完善 健全 深化 优化 强化 培育 打造 联合 谈 列为 释放 构筑 摆在 夯实 "
    "巩固 增强 稳住 出台 建成 融入 占 比达 达 取得 激发 帮助 采取 作为 对于 关于 根据 等为 "
    "展现 接受 采访 召开 蓬勃发展 推广应用")
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words that start or end no policy term (function words, and the verbs and adverbs that
govern terms in policy prose: 推进 in 推进新型工业化)."""
JOINERS = frozenset({"和", "与", "及"})
"""Function words allowed inside a recurring unit (工业和信息化部)."""

# Words no term contains: person names, times, numbers and measure words (a numbered formula
# starts with its numeral, which is matched on the text, not the tag).
NOT_IN_TERMS = ("nr", "t", "m", "q")
NUMERAL_START = re.compile(r"^(?:[二三四五六七八九十两双百千]|一带|一体(?!化))")
"""一带一路 and 一体两翼 are numbered formulas; 一体化 (integration) is not."""
_QUOTED = re.compile(r"“([^“”]{2,40})”|「([^「」]{2,40})」|『([^『』]{2,40})』|"
                     r"‘([^‘’]{2,40})’|《([^《》]{2,40})》|〈([^〈〉]{2,40})〉")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CLAUSE_MARKS = re.compile(r"[。！？；，,;!?：:]")
class SentenceWords:
    """A sentence's words: jieba's, re-cut so that every known term is one word."""

    def __init__(self, text: str, known: list[tuple[int, int]],
                 names: frozenset[int] = frozenset()) -> None:
        self.text = text
        words = tag(text)
        cuts = sorted({w.start for w in words} | {s for s, _ in known} | {e for _, e in known}
                      | {len(text)})
        tags = {w.start: w.tag for w in words}
        inside_known = {i for s, e in known for i in range(s + 1, e)}
        self.words: list[Word] = []
        last_tag = "x"
        for start, end in pairwise(cuts):
            if start in inside_known:
                continue
            known_end = next((e for s, e in known if s == start), None)
            if known_end is not None:
                self.words.append(Word(text[start:known_end],
                                       "nr" if start in names else "known", start))
                continue
            last_tag = tags.get(start, last_tag)
            piece = text[start:end]
            # jieba tags a lone 司 or 局 as a surname; in policy text it ends a name
            self.words.append(Word(piece, "n" if piece in SUFFIXES else last_tag, start))
        self.words = _join_latin(self.words)
        self.kinds = [self._kind(word) for word in self.words]

    @staticmethod
    def _kind(word: Word) -> str:
        if word.tag == "known":
            return "known"
        if not word.text.strip() or (word.tag == "x" and not CJK.search(word.text)
                                     and not word.text.isalnum()):
            return "break"
        if word.text in STOP_WORDS or word.tag.startswith(_STOP_TAGS) or \
                word.tag == _INTERJECTION:
            return "stop"
        if len(word.text) == 1 and not word.tag.startswith(("n", "j", "b")):
            return "stop"  # a lone verb, adjective or adverb character (谈, 好, 稳)
        return "content"

    def boundary(self, index: int) -> bool:
        """Whether a term may end before or start after word `index` (outside the text too)."""
        if index < 0 or index >= len(self.words):
            return True
        return self.kinds[index] in ("break", "stop") or self.words[index].tag.startswith("v")


def _join_latin(words: list[Word]) -> list[Word]:
    """5G, not 5 and G: runs of Latin letters and digits are one word (tagged eng when they
    hold a letter, m when they are a number)."""
    joined: list[Word] = []
    for word in words:
        if word.text.isascii() and word.text.isalnum() and joined and \
                joined[-1].text.isascii() and joined[-1].text.isalnum() and \
                end_of(joined[-1]) == word.start:
            text = joined[-1].text + word.text
            joined[-1] = Word(text, "m" if text.isdigit() else "eng", joined[-1].start)
        else:
            joined.append(word)
    return joined


def end_of(word: Word) -> int:
    return word.start + len(word.text)



def quoted_spans(text: str) -> Iterator[tuple[int, int]]:
    """Quoted expressions and titles; a quoted list (“稳中求进、以进促稳”) gives its items
    too, without a verb that governs the first (坚持稳中求进)."""
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 7) if match.group(g) is not None)
        if not CJK.search(match.group(group)):
            continue
        yield match.start(group), match.end(group)
        if "、" not in match.group(group):
            continue
        position = match.start(group)
        for item in match.group(group).split("、"):
            start, end = position, position + len(item)
            position = end + 1
            for word in sorted(STOP_WORDS, key=len, reverse=True):
                if len(word) > 1 and text.startswith(word, start) and \
                        end - start - len(word) >= MIN_CHARS:
                    start += len(word)
                    break
            if end - start >= MIN_CHARS:
                yield start, end

def units(words: SentenceWords) -> Iterator[tuple[int, int, str]]:
    """(first word, last word, kind) of every unit worth counting in one sentence."""
    items, kinds = words.words, words.kinds
    for first in range(len(items)):
        numbered = bool(NUMERAL_START.match(items[first].text))
        if kinds[first] not in ("content", "known") or (
                items[first].tag.startswith(NOT_IN_TERMS) and not numbered):
            continue
        chars = 0
        for last in range(first, min(len(items), first + MAX_WORDS)):
            kind = kinds[last]
            if kind == "break" or (kind == "stop" and items[last].text not in JOINERS):
                break
            chars += len(items[last].text)
            if chars > MAX_CHARS:
                break
            if kind == "stop" or all(k in ("known", "stop") for k in kinds[first:last + 1]):
                continue  # a joiner never ends a unit; known terms alone are not new
            if sum(1 for k in kinds[first:last + 1] if k == "known") > 1:
                break  # two known terms side by side are two terms, not a new one
            if items[last].tag.startswith(NOT_IN_TERMS) and not (numbered and
                                                                    last == first):
                break  # a name, a date or a number
            unit = "unit"
            if last > first and not items[last].text.endswith(NOT_NAMES) and \
                    items[last].text.endswith(SUFFIXES):
                unit = "named"
            elif numbered and kinds[first] == "content":
                unit = "numbered"
            yield first, last, unit
