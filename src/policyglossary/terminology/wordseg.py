"""Chinese word segmentation with part-of-speech tags (jieba), for `extract`.

jieba keeps a cache of its dictionary (a marshal file, read back with `marshal.load`) in the
system's temporary folder, where anyone can plant one. Ours goes to the toolkit's own cache
folder when that folder is ours and nobody else can write to it (as the matcher cache does,
`cache.py`), else to a private temporary folder that is removed afterwards. jieba's progress
messages are silenced: stderr is for our own warnings.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    tag: str
    """jieba's (ICTCLAS) part-of-speech tag: n noun, v verb, nr person name, m numeral, x
    punctuation or symbol, ..."""
    start: int
    """Offset of the word in the text it came from."""


@cache
def _tagger() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    from ..checking.cache import _safe, cache_dir

    folder = cache_dir()
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if folder is not None and _safe(folder):
        tokenizer.tmp_dir = str(folder)
        tokenizer.initialize()
    else:
        with tempfile.TemporaryDirectory(prefix="policyglossary-jieba-") as private:
            tokenizer.tmp_dir = private
            tokenizer.initialize()
    return jieba.posseg.POSTokenizer(tokenizer)


def tag(text: str) -> list[Word]:
    """The words of `text` with their part-of-speech tags and offsets."""
    words: list[Word] = []
    position = 0
    for pair in _tagger().cut(text):
        word, flag = pair.word, pair.flag
        start = text.find(word, position)
        if start < 0:  # jieba returns the text's own characters; this is only a safeguard
            start = position
        words.append(Word(word, flag, start))
        position = start + len(word)
    return words


def word_frequency(word: str) -> int:
    """How often jieba's dictionary has seen `word` (0 when it does not know it)."""
    frequency: int = _tagger().tokenizer.FREQ.get(word, 0)
    return frequency


def dictionary_total() -> int:
    """The sum of the dictionary's word frequencies."""
    total: int = _tagger().tokenizer.total
    return total
