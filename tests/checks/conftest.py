"""Helpers for table-driven check tests: segments in, (rule, term) pairs out."""

from __future__ import annotations

from collections.abc import Sequence

from policyglossary.checking.session import CheckOptions, CheckSession
from policyglossary.model import Concept, Finding, Segment

from ..conftest import termbase


def run(concepts: Sequence[Concept], pairs: Sequence[tuple[str, str]] | Sequence[Segment],
        disabled: Sequence[str] = (), files: int = 1) -> list[Finding]:
    """Check (source, target) pairs or segments against `concepts`, as `files` files."""
    session = CheckSession(termbase(*concepts), CheckOptions(disabled=frozenset(disabled)))
    segments = [p if isinstance(p, Segment) else Segment(str(i), p[0], p[1], line=i + 1)
                for i, p in enumerate(pairs)]
    per_file = max(1, len(segments) // files)
    for index in range(files):
        chunk = segments[index * per_file:] if index == files - 1 else \
            segments[index * per_file:(index + 1) * per_file]
        session.add(chunk, f"file{index + 1}.po")
    return session.finish().findings


def found(findings: Sequence[Finding], rule: str | None = None) -> list[tuple[str, str | None]]:
    return [(f.rule, f.term) for f in findings if rule is None or f.rule == rule]
