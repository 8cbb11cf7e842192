"""The check registry and what checks see. A check is a small function that yields findings
for one segment, or a collector that sees every segment and reports when all files are read
(consistency checks).

Check ids are part of the output contract. A check's docstring is its user documentation.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..matching.english import TargetText
from ..matching.matcher import Matcher, TermMatch
from ..model import Finding, Segment


@dataclass(slots=True)
class Unit:
    """One segment as the checks see it, with the work every check shares done once."""

    seq: int
    """Position of the segment among all checked segments (see `Locations`)."""
    file: str
    segment: Segment
    source: str
    """The Chinese text (the target of a reversed en→zh file)."""
    target: TargetText
    """The English text."""
    normalized: str
    matches: list[TermMatch]
    """The terms found in `normalized`: (concept index, start, end)."""
    exempt: frozenset[tuple[str, str | None]]
    _found: dict[int, list[int]] = field(default_factory=dict)

    def found_allowed(self, matcher: Matcher, concept: int) -> list[int]:
        """Indexes of the concept's allowed renderings present in the target (cached)."""
        found = self._found.get(concept)
        if found is None:
            found = [i for i, r in enumerate(matcher.allowed[concept])
                     if self.target.find(r) is not None]
            self._found[concept] = found
        return found

    def observation(self, matcher: Matcher) -> Observation:
        """What the consistency collectors keep of this segment."""
        text = self.target.text
        lower = text.lower()
        used: list[tuple[int, int]] = []
        seen: set[int] = set()
        for concept, _, _ in self.matches:
            if concept in seen:
                continue
            seen.add(concept)
            rendering = matcher.used_rendering(concept, lower, text, self.target)
            if rendering is not None:
                used.append((concept, rendering))
        return Observation(self.seq, self.normalized, text, self.segment.state, used)


@dataclass(slots=True)  # not frozen: one per segment, and frozen ones are slow to create
class Observation:
    """A segment as the consistency collectors see it (the same from both check paths)."""

    seq: int
    normalized: str
    target: str
    state: str
    used: list[tuple[int, int]]
    """(concept, index of the allowed rendering used) for each concept in the source."""


class Locator(Protocol):
    """Where each checked segment is, by its sequence number (the engine keeps them: see
    `checking.locations`)."""

    def get(self, seq: int) -> tuple[str, int | None, str]:
        """(file, line, segment id) of the segment numbered `seq`."""
        ...


@dataclass
class CheckContext:
    """What every check may consult: the compiled term base and where segments are."""

    matcher: Matcher
    locations: Locator

    def located_finding(self, rule: str, seq: int, message: str, term: str | None = None,
                        concept: str | None = None) -> Finding:
        """A finding for a segment seen earlier (collectors report after reading everything).
        """
        file, line, segment_id = self.locations.get(seq)
        return Finding(rule, CHECKS[rule].severity, message, file, line, segment_id, term,
                       concept)

    def finding(self, rule: str, unit: Unit, message: str, term: str | None = None,
                concept: str | None = None, span_in: str | None = None,
                span: tuple[int, int] | None = None) -> Finding:
        excerpt = None
        if span is not None:
            excerpt = unit.source if span_in == "source" else unit.target.text
        return Finding(rule, CHECKS[rule].severity, message, unit.file, unit.segment.line,
                       unit.segment.id, term, concept, span_in, span, excerpt)


SegmentCheck = Callable[[Unit, CheckContext], Iterator[Finding]]


class Collector(Protocol):
    def observe(self, observation: Observation) -> None: ...

    def state(self) -> dict[str, Any]:
        """What the collector has kept, for a --jobs worker to hand to the parent."""
        ...

    def absorb(self, state: dict[str, Any], seq_offset: int) -> None:
        """Add a worker's state, its segment numbers shifted by `seq_offset`."""
        ...

    def finish(self) -> Iterator[Finding]: ...


CollectorFactory = Callable[[CheckContext], Collector]


@dataclass(frozen=True, slots=True)
class CheckInfo:
    id: str
    severity: str
    doc: str
    segment_check: SegmentCheck | None = None
    collector: CollectorFactory | None = None
    fast_lane: bool = False
    """The engine's fast lane (`checking.fastlane`) may decide for this check: on a segment
    that passes the lane's tests the check would report nothing beyond what the lane reports
    itself (`term-missing`), so the lane may skip it. A collector that opts in is content with
    the lane's `Observation`. A check that has not opted in turns the lane off for the whole
    run, so it sees every segment: correct by default, fast by declaration."""


CHECKS: dict[str, CheckInfo] = {}


def check(check_id: str, severity: str, *, fast_lane: bool = False) \
        -> Callable[[SegmentCheck], SegmentCheck]:
    """Register a per-segment check (`fast_lane`: see `CheckInfo.fast_lane`)."""
    def register(function: SegmentCheck) -> SegmentCheck:
        _register(CheckInfo(check_id, severity, _doc(function), segment_check=function,
                            fast_lane=fast_lane))
        return function
    return register


def collector(check_id: str, severity: str, *, fast_lane: bool = False) \
        -> Callable[[CollectorFactory], CollectorFactory]:
    """Register a check that needs every segment before it can report."""
    def register(factory: CollectorFactory) -> CollectorFactory:
        _register(CheckInfo(check_id, severity, _doc(factory), collector=factory,
                            fast_lane=fast_lane))
        return factory
    return register


def _doc(function: object) -> str:
    return inspect.cleandoc(getattr(function, "__doc__", None) or "")


def _register(info: CheckInfo) -> None:
    CHECKS[info.id] = info


# An exemption marker in a translator comment or note:
#   policyglossary: ignore term-missing, number-mismatch
#   policyglossary: ignore term-forbidden=双千兆
#   policyglossary: ignore all
_MARKER = re.compile(r"policyglossary:\s*ignore\s+([^\n]+)", re.IGNORECASE)


def exemptions(notes: tuple[str, ...]) -> frozenset[tuple[str, str | None]]:
    """(rule, term or None) pairs a segment's notes exempt it from."""
    found: set[tuple[str, str | None]] = set()
    for note in notes:
        for match in _MARKER.finditer(note):
            for item in re.split(r"[,;\s]+", match.group(1).strip()):
                if not item:
                    continue
                rule, _, term = item.partition("=")
                found.add((rule.lower(), term or None))
    return frozenset(found)


def is_exempt(finding: Finding, exempt: frozenset[tuple[str, str | None]]) -> bool:
    if not exempt:
        return False
    return bool({("all", None), (finding.rule, None), (finding.rule, finding.term)} & exempt)
