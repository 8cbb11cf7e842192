"""Look up concepts by Chinese (Simplified or Traditional, whole or part) or English."""

from __future__ import annotations

from ..matching.chinese import has_cjk, normalize_source, to_simplified, variant_forms
from ..matching.english import english_key
from ..model import Concept, LookupHit, TermBase


def lookup(termbase: TermBase, query: str) -> list[LookupHit]:
    """Concepts matching `query`, best first: exact matches, then shorter matching terms.

    A Chinese query matches any part of a term in any script; an English query matches any
    rendering of any status (so a translator learns when a rendering is forbidden), ignoring
    case, hyphens and inflection, and a concept id matches exactly.
    """
    query = query.strip()
    if not query:
        return []
    hits: list[LookupHit] = []
    if has_cjk(query):
        typed = normalize_source(query)
        simplified = normalize_source(to_simplified(query))
        for concept in termbase:
            hit = _zh_hit(concept, typed, simplified)
            if hit:
                hits.append(hit)
    else:
        key = english_key(query)
        folded = " ".join(query.lower().split())
        for concept in termbase:
            hit = _en_hit(concept, key, folded)
            if hit:
                hits.append(hit)
    hits.sort(key=lambda h: (not h.exact, len(h.text), h.concept.id))
    return hits


def _zh_hit(concept: Concept, typed: str, simplified: str) -> LookupHit | None:
    """The concept's best match: the form equal to the query as typed, else equal to its
    Simplified conversion, else a form containing either."""
    best: tuple[int, LookupHit] | None = None
    for term in concept.zh:
        forms = [("zh", term.text), *variant_forms(term).items()]
        for lang, form in forms:
            normalized = normalize_source(form)
            rank = (3 if normalized == typed else 2 if normalized == simplified
                    else 1 if typed in normalized or simplified in normalized else 0)
            if rank and (best is None or rank > best[0]):
                best = rank, LookupHit(concept, form, lang, term.status, rank >= 2)
    return best[1] if best else None


def _en_hit(concept: Concept, key: str, folded: str) -> LookupHit | None:
    best: LookupHit | None = None
    for term in concept.en:
        term_key = english_key(term.text)
        if (key and key in term_key) or folded in term.text.lower():
            hit = LookupHit(concept, term.text, "en", term.status, term_key == key)
            if best is None or (hit.exact and not best.exact):
                best = hit
    if best is None and folded == concept.id:
        preferred = concept.preferred_en
        text = preferred.text if preferred else concept.id
        best = LookupHit(concept, text, "en", "preferred", True)
    return best
