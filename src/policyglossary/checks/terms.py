"""Term checks on one segment: required renderings present, forbidden renderings absent."""

from __future__ import annotations

from collections.abc import Iterator

from ..matching.chinese import original_span
from ..matching.english import Rendering, inside, locate
from ..matching.matcher import TermMatch
from ..model import Concept, Finding
from ._registry import CheckContext, Unit, check


def _quote(renderings: tuple[Rendering, ...], limit: int = 3) -> str:
    shown = ", ".join(f'"{r.term.text}"' for r in renderings[:limit])
    return shown + (f" (or {len(renderings) - limit} more)" if len(renderings) > limit else "")


@check("term-missing", "error", fast_lane=True)
def term_missing(unit: Unit, ctx: CheckContext) -> Iterator[Finding]:
    """The source contains a term and the target contains none of its preferred or admitted
    renderings (in any case, hyphenation or regular inflection).

    Example: source 推进“双千兆”网络建设, target "build double gigabit networks": the term
    双千兆 requires "dual-gigabit".
    """
    if not unit.target.text.strip():
        return  # `untranslated` reports empty targets
    matcher = ctx.matcher
    seen: set[int] = set()
    for match in unit.matches:
        concept = match[0]
        if concept in seen:
            continue
        seen.add(concept)
        allowed = matcher.allowed[concept]
        if not allowed or unit.found_allowed(matcher, concept):
            continue
        yield missing_finding(unit, ctx, match)


def missing_finding(unit: Unit, ctx: CheckContext, match: TermMatch) -> Finding:
    """The `term-missing` finding for `match` (the checker's fast lane makes it too)."""
    index, start, end = match
    concept: Concept = ctx.matcher.concepts[index]
    allowed = ctx.matcher.allowed[index]
    return ctx.finding(
        "term-missing", unit,
        f"{concept.headword} ({concept.id}): the target has none of {_quote(allowed)}",
        concept.headword, concept.id, "source",
        original_span(unit.source, start, end))


@check("term-forbidden", "error", fast_lane=True)
def term_forbidden(unit: Unit, ctx: CheckContext) -> Iterator[Finding]:
    """The target contains a forbidden or superseded rendering of a term found in the source,
    or of a term nested inside it. A forbidden rendering inside an allowed one ("director"
    in "director general") is not reported.

    Example: source 双千兆, target "double gigabit": forbidden, use "dual-gigabit".
    """
    matcher = ctx.matcher
    concepts: list[int] = []
    for match in unit.matches:
        for index in (match[0], *matcher.nested[match[0]]):
            if index not in concepts:
                concepts.append(index)
    allowed_spans: list[tuple[int, int]] | None = None
    for index in concepts:
        concept = matcher.concepts[index]
        for rendering in matcher.rejected[index]:
            spans = unit.target.find_all(rendering)
            if not spans:
                continue
            if allowed_spans is None:
                allowed_spans = matcher.allowed_spans(unit.target, concepts)
            if all(inside(span, allowed_spans) for span in spans):
                continue
            term = rendering.term
            reason = f" ({term.reason})" if term.reason else ""
            replacement = concept.replacement_for(term)
            advice = f'; use "{replacement}"' if replacement else ""
            yield ctx.finding(
                "term-forbidden", unit,
                f'{concept.headword} ({concept.id}): "{term.text}" is {term.status}'
                f"{reason}{advice}",
                concept.headword, concept.id, "target", locate(unit.target.text, rendering))
