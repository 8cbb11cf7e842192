"""Term extraction: candidate terms of Chinese text that the term base does not hold yet.

Candidates come from what marks a policy term in Chinese text, and from what recurs:

- `quoted`: an expression in quotation marks (“…”, 「…」, 『…』, ‘…’) or a title in 《…》;
- `numbered`: a numbered formula (双千兆, 三驾马车, 十大重点行业, 九项重点任务, 两个…);
- `named`: a name ending in 行动, 计划, 工程, 方案, 试点, 示范, 体系, 机制, 战略, 政策, 部, 局,
  司 or 中心, with the words before it;
- `unit`: a unit of one to six words (jieba's segmentation, with the term base's own terms
  kept whole), the more likely a term the more often it recurs.

Each is scored by C-value (Frantzi, Ananiadou and Mima 2000) over characters: log2 of the
length times the weighted frequency, less the mean frequency of the recurring longer
candidates it is nested in, so that a fragment that only ever occurs inside a longer unit
scores low; then by factors for the shape of the unit (see the constants below and README
"policyglossary extract"). Dates, numbers, function words and person names are filtered out,
and so is anything the term base holds in any script, or that only occurs inside a term it
holds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..matching.chinese import normalize_source, original_span
from ..matching.matcher import Matcher
from .units import (
    CJK,
    CLAUSE_MARKS,
    MIN_CHARS,
    NOMINAL_TAGS,
    SentenceWords,
    end_of,
    quoted_spans,
    units,
)
from .wordseg import word_frequency

CONTEXTS = 3
MARK_BONUS = 1.0
"""Added for a marked occurrence (quoted, numbered, named)."""
UNBOUNDED_WEIGHT = 0.5
BOUND_WEIGHT = 0.5
"""An occurrence weighs 0.5, and 0.5 more for each side with a term's boundary."""
KNOWN_HEAD_WEIGHT = 0.5
"""Added once for a known term extended by another word (先进制造业集群)."""
LONG_UNIT_FACTOR = 0.5
"""Each word past three halves the score: a long string of words is rarely one term."""
NOMINAL_FACTOR = 1.5
"""A noun phrase (every word a noun, an abbreviation or a known term) is a likelier term."""
VERBAL_FACTOR = 0.5
"""A unit that starts with a verb (推广应用新一代信息技术) is a clause more often than a term."""
LENGTH_CAP = 8
"""Characters past this add nothing to the score: long strings are rarely one term."""
GENERIC_FREQUENCY = 100
"""A single word at least this frequent in jieba's dictionary is generic."""
RARE_FREQUENCY = 10
"""A two-character word is a candidate on its own only when jieba hardly knows it (清欠)."""

_NUMBERS_ONLY = re.compile(
    r"^[\d０-９.,，．%％\s一二三四五六七八九十百千万亿零两几余多第"
    r"年月日时分秒号个项次家元倍成期季度周天]+$")
_DATE = re.compile(r"\d+\s*(?:年|月|日|号)|[一二三四五六七八九十]+月")
# Common single-character surnames (the hundred most frequent), for the name filter.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史"
    "陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟")
_NAME_AFTER = ("表示", "说", "指出", "介绍", "认为", "强调", "称", "透露", "坦言")
_NAME_BEFORE = ("记者", "局长", "司长", "部长", "主任", "书记", "院长", "主席", "总理",
                "委员", "教授", "专家", "责编", "编辑", "、")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A Chinese sentence (an article's sentence or a segment's Chinese side)."""

    text: str
    file: str
    line: int | None
    target: str | None = None
    """The English side, for a segment of a bilingual file."""
    segment: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    sentence: str
    file: str
    line: int | None


@dataclass(frozen=True, slots=True)
class KnownTerm:
    id: str
    zh: str
    relation: str
    """"nested": the known term is inside the candidate; "containing": the candidate is inside
    the known term (and also occurs outside it)."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    en: str
    score: float
    count: int
    """Segments containing both the candidate and this English."""


@dataclass
class Candidate:
    zh: str
    count: int
    score: float
    kinds: tuple[str, ...]
    contexts: list[Context]
    known: list[KnownTerm] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    occurrences: list[tuple[int, int, int]] = field(default_factory=list, repr=False)
    """(sentence index, start, end) of each occurrence counted."""


@dataclass
class _Occurrences:
    places: dict[tuple[int, int], int] = field(default_factory=dict)
    """(sentence, start) → end."""
    marked: set[tuple[int, int]] = field(default_factory=set)
    bounds: dict[tuple[int, int], int] = field(default_factory=dict)
    """For each occurrence, on how many sides (0-2) it has the boundary a term would have (a
    break, a function word or a verb next to it, not another noun)."""
    kinds: set[str] = field(default_factory=set)
    single: str | None = None
    """jieba's tag when the unit is one word."""
    words: int = 1
    verbal: bool = False
    nominal: bool = False
    """Every word a noun, a noun-like verb, an abbreviation or a known term (射频 器件)."""
    content: tuple[str, ...] = ()
    """The unit's words that are not known terms (for `specificity`)."""
    """Starts with a verb (推广应用…)."""
    """Words in the unit (jieba's, known terms counted as one)."""
    extends_known: bool = False
    """A known term and a head noun after it: 先进制造业 + 集群."""


class Extractor:
    """Collects candidate occurrences sentence by sentence, then ranks them."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.known_forms = set(matcher.patterns)
        self.sentences: list[Sentence] = []
        self.known_spans: list[list[tuple[int, int, int]]] = []
        """Per sentence: (start, end, concept) of each known term, in original offsets."""
        self.found: dict[str, _Occurrences] = {}
        self.person_concepts = frozenset(i for i, c in enumerate(matcher.concepts)
                                         if c.subject_field == "person")

    # ------------------------------------------------------------ collecting

    def add(self, sentence: Sentence) -> None:
        index = len(self.sentences)
        self.sentences.append(sentence)
        text = sentence.text
        spans = [(*original_span(text, m.start, m.end), m.concept)
                 for m in self.matcher.find_in(text)]
        self.known_spans.append(spans)
        if not CJK.search(text):
            return
        words = SentenceWords(text, [(s, e) for s, e, _ in spans],
                       frozenset(s for s, _, c in spans if c in self.person_concepts))
        for start, end in quoted_spans(text):
            self._note(index, start, end, "quoted", 2)
        for first, last, kind in units(words):
            items = words.words
            entry = self._note(index, items[first].start, end_of(items[last]), kind,
                               words.boundary(first - 1) + words.boundary(last + 1))
            if entry is not None:
                entry.words = last - first + 1
                entry.verbal = items[first].tag.startswith(("v", "i", "l")) and kind != "named"
                entry.nominal = all(w.tag.startswith(NOMINAL_TAGS) for w in items[first:last + 1])
                entry.content = tuple(w.text for w, k in zip(items[first:last + 1],
                                                             words.kinds[first:last + 1],
                                                             strict=True) if k == "content")
                if first == last:
                    entry.single = items[first].tag
                elif last == first + 1 and words.kinds[first] == "known" and \
                        items[last].tag.startswith(NOMINAL_TAGS) and words.boundary(last + 1):
                    entry.extends_known = True

    def _note(self, index: int, start: int, end: int, kind: str, bounds: int) \
            -> _Occurrences | None:
        text = self.sentences[index].text[start:end]
        if not MIN_CHARS <= len(text) <= 40 or CLAUSE_MARKS.search(text):
            return None
        entry = self.found.setdefault(text, _Occurrences())
        entry.places.setdefault((index, start), end)
        entry.kinds.add(kind)
        if kind != "unit":
            entry.marked.add((index, start))
        entry.bounds[(index, start)] = max(bounds, entry.bounds.get((index, start), 0))
        return entry

    # ------------------------------------------------------------ ranking

    def candidates(self) -> list[Candidate]:
        counted: dict[str, list[tuple[int, int, int]]] = {}
        for text, entry in self.found.items():
            if not self._plausible(text, entry):
                continue
            places = [(i, s, e) for (i, s), e in sorted(entry.places.items())
                      if not self._inside_known(i, s, e)]
            if places:
                counted[text] = places
        if not counted:
            return []
        containers = _containers(list(counted))
        result: list[Candidate] = []
        for text, places in counted.items():
            entry = self.found[text]
            keys = [(i, s) for i, s, _ in places]
            weight = sum(UNBOUNDED_WEIGHT + BOUND_WEIGHT * entry.bounds.get(k, 0)
                         + (MARK_BONUS if k in entry.marked else 0) for k in keys)
            if entry.extends_known:
                weight += KNOWN_HEAD_WEIGHT
            # C-value's nesting penalty, from containers that recur: a unit seen once inside
            # a longer unit seen once says nothing about which of the two is the term
            # (counted in this unit's own occurrence weight, so that a fragment found only
            # inside a longer unit scores nothing, whatever marks its occurrences carry)
            outer = [len(counted[o]) for o in containers.get(text, ()) if len(counted[o]) > 1]
            nested_penalty = sum(outer) / len(outer) * weight / len(keys) if outer else 0.0
            score = math.log2(min(len(text), LENGTH_CAP) + 1) * (weight - nested_penalty) \
                * LONG_UNIT_FACTOR ** max(0, entry.words - 3) * specificity(entry.content) \
                * (VERBAL_FACTOR if entry.verbal and not entry.marked else 1.0) \
                * (NOMINAL_FACTOR if entry.nominal else 1.0)
            if score <= 0:
                continue
            kinds = tuple(k for k in ("quoted", "numbered", "named", "unit")
                          if k in entry.kinds)
            contexts = [Context(self.sentences[i].text, self.sentences[i].file,
                                self.sentences[i].line)
                        for i in distinct_sentences(places)[:CONTEXTS]]
            result.append(Candidate(text, len(places), round(score, 3), kinds, contexts,
                                    self._known(text), occurrences=places))
        result.sort(key=lambda c: (-c.score, -c.count, -len(c.zh), c.zh))
        return result

    def _plausible(self, text: str, entry: _Occurrences) -> bool:
        if normalize_source(text) in self.known_forms or not CJK.search(text):
            return False
        if _NUMBERS_ONLY.match(text) or _DATE.search(text):
            return False
        if entry.single is not None and not entry.marked and (
                entry.single.startswith(("nr", "t", "m", "q")) or generic_word(text)
                or (len(text) < 3 and word_frequency(text) >= RARE_FREQUENCY)):
            return False
        return not self._person_name(text, entry)

    def _person_name(self, text: str, entry: _Occurrences) -> bool:
        """Two or three characters starting with a common surname, next to a reporting verb
        or a title somewhere (梁志峰表示, 记者张辛欣): not a policy term."""
        if not 2 <= len(text) <= 3 or text[0] not in SURNAMES or not CJK.fullmatch(text[-1]):
            return False
        for (index, start), end in entry.places.items():
            sentence = self.sentences[index].text
            if sentence.startswith(_NAME_AFTER, end) or sentence[:start].endswith(_NAME_BEFORE):
                return True
        return False

    def _inside_known(self, index: int, start: int, end: int) -> bool:
        """The occurrence lies inside a known term, or cuts through one (then its boundary is
        not a term's)."""
        for known_start, known_end, _ in self.known_spans[index]:
            if known_start <= start and end <= known_end:
                return True
            if start < known_start < end < known_end or known_start < start < known_end < end:
                return True
        return False

    def explained(self, index: int, start: int, end: int) -> list[tuple[int, int]]:
        """Character spans of the target of sentence `index` that render the known terms
        found outside `start:end` of its source (what is left may render the candidate)."""
        from ..matching.english import TargetText, locate

        target = self.sentences[index].target or ""
        spans: list[tuple[int, int]] = []
        tokens: TargetText | None = None
        for known_start, known_end, concept in self.known_spans[index]:
            if start <= known_start and known_end <= end:
                continue  # nested in the candidate: its rendering is part of the candidate's
            tokens = tokens or TargetText(target)
            for rendering in self.matcher.allowed[concept]:
                if tokens.find(rendering) is not None:
                    span = locate(target, rendering)
                    if span is not None:
                        spans.append(span)
        return spans

    def _known(self, text: str) -> list[KnownTerm]:
        """Known terms nested in the candidate, and known terms the candidate is part of."""
        result: list[KnownTerm] = []
        seen: set[str] = set()
        normalized = normalize_source(text)
        for match in self.matcher.find_terms(normalized):
            concept = self.matcher.concepts[match.concept]
            if concept.id not in seen:
                seen.add(concept.id)
                result.append(KnownTerm(concept.id, concept.headword, "nested"))
        for pattern_index, pattern in enumerate(self.matcher.patterns):
            if normalized in pattern and len(pattern) > len(normalized):
                for index in self.matcher.concepts_of(pattern_index):
                    concept = self.matcher.concepts[index]
                    if concept.id not in seen:
                        seen.add(concept.id)
                        result.append(KnownTerm(concept.id, concept.headword, "containing"))
        return result


def specificity(words: Sequence[str]) -> float:
    """0.75 to 1.25: how rare the unit's words are in general Chinese (jieba's dictionary
    frequencies). 射频器件 is more likely a term than 鲜明信号."""
    from .wordseg import dictionary_total, word_frequency

    if not words:
        return 1.0
    total = dictionary_total()
    rarity = [min(1.0, math.log10(total / (word_frequency(w) + 1)) / 8) for w in words]
    return 0.75 + 0.5 * sum(rarity) / len(rarity)


def generic_word(text: str) -> bool:
    """A word jieba's dictionary knows as common (发展, 增长点): not a term on its own."""
    return word_frequency(text) >= GENERIC_FREQUENCY


def _containers(texts: Sequence[str]) -> dict[str, list[str]]:
    """For each text, the longer texts of the list that contain it."""
    containers: dict[str, list[str]] = {}
    by_length = sorted(texts, key=len)
    for position, inner in enumerate(by_length):
        for outer in by_length[position + 1:]:
            if len(outer) > len(inner) and inner in outer:
                containers.setdefault(inner, []).append(outer)
    return containers


def distinct_sentences(places: Iterable[tuple[int, int, int]]) -> list[int]:
    seen: list[int] = []
    for index, _, _ in places:
        if index not in seen:
            seen.append(index)
    return seen


def article_sentences(text: str, file: str) -> Iterator[Sentence]:
    """The sentences of a plain-text article, with the line of each paragraph."""
    from ..formats.article import segment_article

    for piece in segment_article(text):
        yield Sentence(piece.text, file, piece.line, segment=piece.id)


def is_article(path: Path) -> bool:
    return path.suffix.lower() in (".txt", ".text", ".md")
