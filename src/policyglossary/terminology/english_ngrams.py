"""English n-grams of target text: what `extract` suggests and what `survey` finds instead.

An n-gram is a run of one to five words that crosses no punctuation and no excluded span (a
rendering already accounted for), and that neither starts nor ends with a function word
("the", "of", "and"). Words keep their hyphens and apostrophes (dual-gigabit, world's); the
key is the lower-cased words, the surface the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

MAX_WORDS = 5
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_STOPWORDS_TEXT = """
a an the of and or but nor for to in on at by with from into onto over under as than then
that this these those which who whom whose what when where while how why it its it's they
them their there here we our us you your he him his she her i me my is are was were be been
being am do does did doing have has had having will would shall should can could may might
must not no so such also too very more most less least much many some any each every all
both either neither other another same own only just about above after before again against
between through during without within up down out off further once s t via per etc
said says say well even still yet
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
"""Function words: an n-gram neither starts nor ends with one (the world's largest → world's
largest)."""


@dataclass(frozen=True, slots=True)
class Gram:
    key: str
    """Lower-cased words joined by spaces."""
    surface: str
    """The text as written, from the first word's start to the last word's end."""
    first: int
    """Index of the first word among the target's words."""
    words: int


def english_words(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of `text`."""
    return [m.span() for m in _WORD.finditer(text)]


def word_keys(text: str) -> set[str]:
    """The lower-cased words of `text`."""
    return {w.lower() for w in _WORD.findall(text)}


def _runs(text: str, exclude: Sequence[tuple[int, int]], max_words: int,
          only: AbstractSet[str] | None = None) \
        -> tuple[list[re.Match[str]], dict[str, tuple[int, int]]]:
    """The words of `text`, and each n-gram key with its first and last word (first seen).
    With `only`, n-grams are made of those words alone."""
    words = list(_WORD.finditer(text))
    lowered = [w.group().lower() for w in words]
    edge = [w not in STOPWORDS and any(c.isalpha() for c in w) for w in lowered]
    usable = [not any(a < w.end() and w.start() < b for a, b in exclude) for w in words] \
        if exclude else [True] * len(words)
    if only is not None:
        usable = [u and w in only for u, w in zip(usable, lowered, strict=True)]
    joined = [index > 0 and not text[words[index - 1].end():words[index].start()].strip()
              for index in range(len(words))]
    found: dict[str, tuple[int, int]] = {}
    for first in range(len(words)):
        if not usable[first] or lowered[first] in STOPWORDS:
            continue
        key = ""
        for last in range(first, min(len(words), first + max_words)):
            if last > first and not (usable[last] and joined[last]):
                break  # punctuation, or a rendering accounted for, between the words
            key = f"{key} {lowered[last]}" if key else lowered[last]
            if edge[last] and key not in found:
                found[key] = (first, last)
    return words, found


def ngrams(text: str, exclude: Sequence[tuple[int, int]] = (),
           max_words: int = MAX_WORDS) -> dict[str, Gram]:
    """The n-grams of `text` by key (the first occurrence of each)."""
    words, found = _runs(text, exclude, max_words)
    return {key: Gram(key, text[words[first].start():words[last].end()], first,
                      last - first + 1) for key, (first, last) in found.items()}


def surfaces(text: str, exclude: Sequence[tuple[int, int]] = (),
             max_words: int = MAX_WORDS, only: AbstractSet[str] | None = None) \
        -> dict[str, str]:
    """The n-grams of `text`: key → the text as written (`ngrams` without the bookkeeping)."""
    words, found = _runs(text, exclude, max_words, only)
    return {key: text[words[first].start():words[last].end()]
            for key, (first, last) in found.items()}


def word_count(text: str) -> int:
    return len(english_words(text))
