"""English n-grams of target text: what `extract` suggests and what `survey` finds instead.

An n-gram is a run of one to five words that crosses no punctuation and no excluded span (a
rendering already accounted for), and that neither starts nor ends with a function word
("the", "of", "and"). Words keep their hyphens and apostrophes (dual-gigabit, world's); the
key is the lower-cased words, the surface the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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


def ngrams(text: str, exclude: Sequence[tuple[int, int]] = (),
           max_words: int = MAX_WORDS) -> dict[str, Gram]:
    """The n-grams of `text` by key (the first occurrence of each)."""
    spans = english_words(text)
    lowered = [text[s:e].lower() for s, e in spans]
    usable = [not any(a < e and s < b for a, b in exclude) for s, e in spans]
    grams: dict[str, Gram] = {}
    for first in range(len(spans)):
        if not usable[first] or lowered[first] in STOPWORDS:
            continue
        for last in range(first, min(len(spans), first + max_words)):
            if not usable[last]:
                break
            if last > first and text[spans[last - 1][1]:spans[last][0]].strip():
                break  # punctuation between the words
            if lowered[last] in STOPWORDS or not any(c.isalpha() for c in lowered[last]):
                continue
            key = " ".join(lowered[first:last + 1])
            if key not in grams:
                grams[key] = Gram(key, text[spans[first][0]:spans[last][1]], first,
                                  last - first + 1)
    return grams


def word_count(text: str) -> int:
    return len(english_words(text))
