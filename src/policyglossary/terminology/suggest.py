"""Suggested English renderings of candidate terms, from the segments of a bilingual file.

For each candidate, the English n-grams of the segments that contain it are ranked by the Dice
coefficient (2 × segments with both / (segments with the candidate + segments with the
n-gram)), after taking out of each target the renderings of the other known terms of its
source. A candidate seen in one segment ties every n-gram of that segment at 1.0; the tie goes
to the n-gram whose length (about one word per two characters) and place in the sentence fit
the candidate's best.
"""

from __future__ import annotations

from collections.abc import Sequence

from .candidates import Candidate, Extractor, Suggestion, distinct_sentences
from .english_ngrams import english_words, ngrams


def suggest(extractor: Extractor, candidates: Sequence[Candidate], limit: int = 3) -> None:
    """Fill each candidate's `suggestions`: the English n-grams most associated with the
    segments that contain it (Dice coefficient over segments), once the renderings of the
    other known terms in each segment are taken out. Ties (a candidate seen once) go to the
    n-gram whose length and place in the sentence fit the candidate's best."""
    sentences = extractor.sentences
    with_target = [i for i, s in enumerate(sentences) if s.target and s.target.strip()]
    if not with_target:
        return
    frequency: dict[str, int] = {}
    for index in with_target:
        for key in ngrams(sentences[index].target or ""):
            frequency[key] = frequency.get(key, 0) + 1
    for candidate in candidates:
        together: dict[str, int] = {}
        fit: dict[str, float] = {}
        surfaces: dict[str, str] = {}
        segments = 0
        for index in distinct_sentences(candidate.occurrences):
            target = sentences[index].target
            if not target or not target.strip():
                continue
            segments += 1
            start, end = next((s, e) for i, s, e in candidate.occurrences if i == index)
            grams = ngrams(target, extractor.explained(index, start, end))
            words = max(1, len(english_words(target)))
            where = (start + end) / 2 / max(1, len(sentences[index].text))
            for key, gram in grams.items():
                together[key] = together.get(key, 0) + 1
                surfaces.setdefault(key, gram.surface)
                expected = max(1.0, len(candidate.zh) / 2)
                place = (gram.first + gram.words / 2) / words
                score = (1 / (1 + abs(gram.words - expected))) * (1 - abs(place - where))
                fit[key] = max(fit.get(key, 0.0), score)
        ranked = sorted(together, key=lambda k: (-2 * together[k] / (segments + frequency[k]),
                                                 -fit[k], k))
        candidate.suggestions = [
            Suggestion(surfaces[k], round(2 * together[k] / (segments + frequency[k]), 3),
                       together[k]) for k in ranked[:limit]]
