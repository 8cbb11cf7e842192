"""A file to check has a Chinese side and an English side, or it is not checked.

An en→fr TMX or a Russian PO would otherwise be "checked" with nothing found. A declared
target language other than English or Chinese (a PO's Language, XLIFF target-language)
decides; so do the first segments' texts: Chinese texts with letters but no Chinese
character, or English texts with letters of another script only. (A declared source language
is not trusted: translate-toolkit's po2xliff writes en-US whatever the PO is.)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from ..errors import InputError
from ..langs import is_chinese, is_english
from ..matching.chinese import has_cjk
from ..model import BilingualDoc, Segment

LOOK_AHEAD = 256
"""Segments read ahead to decide from the texts (at most; fewer once both sides showed)."""


class MissingSide(InputError):
    """The file has no Chinese or no English side: an error for one file, a warning and a
    skip under --keep-going."""


def declared_problem(doc: BilingualDoc, reverse: bool) -> str | None:
    """What the declared target language says is missing, or None."""
    target = doc.target_lang
    if not reverse and target and not is_english(target) and not is_chinese(target):
        return f"no English side (the target language is {target})"
    return None


def _latin(text: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in text)


def _other_letters(text: str) -> bool:
    """Letters of a script that is neither Latin nor Han (Cyrillic, kana, hangul, …)."""
    return any(ch.isalpha() and not ("a" <= ch.lower() <= "z") and not has_cjk(ch)
               for ch in text)


def texts_problem(segments: Iterable[Segment], reverse: bool) -> str | None:
    """What the texts say is missing: Chinese texts with letters but no Chinese character,
    English texts with letters of another script but no Latin letter (numbers alone tell
    nothing); None when nothing is missing or it cannot be told."""
    chinese = english = 0
    chinese_ok = english_ok = False
    for segment in segments:
        zh, en = (segment.target, segment.source) if reverse else (segment.source,
                                                                   segment.target)
        if any(ch.isalpha() for ch in zh):
            chinese += 1
            chinese_ok = chinese_ok or has_cjk(zh)
        if _other_letters(en) or _latin(en):
            english += 1
            english_ok = english_ok or _latin(en)
    if chinese and not chinese_ok:
        return "no Chinese side (no Chinese text in the " \
               f"{'targets' if reverse else 'sources'})"
    if english and not english_ok:
        return "no English side (no English text in the " \
               f"{'sources' if reverse else 'targets'})"
    return None


def guarded(segments: Iterable[Segment], path: str, doc: BilingualDoc, reverse: bool) \
        -> Iterator[Segment]:
    """`segments`, once the file is known to have both sides; `MissingSide` before the first
    segment otherwise (nothing of the file is checked)."""
    problem = declared_problem(doc, reverse)
    if problem is not None:
        raise MissingSide(path, problem)
    stream = iter(segments)
    ahead: list[Segment] = []
    for segment in stream:
        ahead.append(segment)
        zh, en = (segment.target, segment.source) if reverse else (segment.source,
                                                                   segment.target)
        if len(ahead) >= LOOK_AHEAD or (has_cjk(zh) and _latin(en)):
            break
    problem = texts_problem(ahead, reverse)
    if problem is not None:
        raise MissingSide(path, problem)
    return itertools.chain(ahead, stream)
