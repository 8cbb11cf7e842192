"""The check registry. A check is a small function that yields findings for one segment, or a
collector that sees every segment and reports when all files are read (consistency checks).

Check ids are part of the output contract. A check's docstring is its user documentation.
"""

from __future__ import annotations

import inspect
import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..columns import SpilledArray
from ..matcher import Matcher, SourceMatch
from ..matching import TargetText
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
    matches: list[SourceMatch]
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
        for match in self.matches:
            if match.concept in seen:
                continue
            seen.add(match.concept)
            rendering = matcher.used_rendering(match.concept, lower, text, self.target)
            if rendering is not None:
                used.append((match.concept, rendering))
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


class Locations:
    """Where each checked segment is, kept compactly so that consistency checks over a
    million segments stay small: file index and line in typed columns, ids (only where they
    differ from the line number) as UTF-8 in one byte column, about 20 bytes a segment
    instead of a 60-byte string object each. The columns spill to disk (`columns`), so memory
    does not grow with the number of segments."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self._file_index: dict[str, int] = {}
        self._file = SpilledArray("I")
        self._line = SpilledArray("I")
        self._ids = SpilledArray("B")
        """Each id as a 1 byte followed by its UTF-8; nothing for an id equal to the line."""
        self._id_ends = SpilledArray("Q")
        self._count = 0
        self._ids_size = 0
        self.exempt: dict[int, frozenset[tuple[str, str | None]]] = {}

    def add(self, file: str, line: int | None, segment_id: str,
            exempt: frozenset[tuple[str, str | None]]) -> int:
        index = self._file_index.get(file)
        if index is None:
            index = self._file_index[file] = len(self.files)
            self.files.append(file)
        seq = self._count
        self._count = seq + 1
        self._file.tail.append(index)
        self._line.tail.append(line or 0)
        if line is None or segment_id != str(line):
            stored = b"\x01" + segment_id.encode("utf-8", "surrogatepass")
            self._ids.tail.frombytes(stored)
            self._ids_size += len(stored)
        self._id_ends.tail.append(self._ids_size)
        if exempt:
            self.exempt[seq] = exempt
        if len(self._line.tail) >= self._line.block:
            self._spill()
        return seq

    def _spill(self) -> None:
        for column in (self._file, self._line, self._ids, self._id_ends):
            column.spill()

    def __len__(self) -> int:
        return self._count

    def state(self) -> dict[str, Any]:
        return {"files": self.files, "file": self._file.materialize(),
                "line": self._line.materialize(), "ids": self._ids.materialize().tobytes(),
                "id_ends": self._id_ends.materialize(), "exempt": self.exempt}

    def absorb(self, state: dict[str, Any]) -> int:
        """Append a worker's locations; returns the offset its segment numbers move by."""
        offset = self._count
        mapping = array("I")
        for name in state["files"]:
            index = self._file_index.get(name)
            if index is None:
                index = self._file_index[name] = len(self.files)
                self.files.append(name)
            mapping.append(index)
        self._file.extend(mapping[i] for i in state["file"])
        self._line.extend(state["line"])
        shift = self._ids_size
        self._ids.frombytes(state["ids"])
        self._ids_size += len(state["ids"])
        self._id_ends.extend(end + shift for end in state["id_ends"])
        self._count += len(state["line"])
        for seq, exempt in state["exempt"].items():
            self.exempt[seq + offset] = exempt
        return offset

    def get(self, seq: int) -> tuple[str, int | None, str]:
        line = self._line[seq] or None
        start = self._id_ends[seq - 1] if seq else 0
        end = self._id_ends[seq]
        segment_id = self._ids.read(start + 1, end).tobytes().decode(
            "utf-8", "surrogatepass") if end > start else str(line)
        return self.files[self._file[seq]], line, segment_id


@dataclass
class CheckContext:
    matcher: Matcher
    locations: Locations = field(default_factory=Locations)
    options: dict[str, object] = field(default_factory=dict)

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


@dataclass(frozen=True, slots=True)
class CheckInfo:
    id: str
    severity: str
    doc: str
    segment_check: SegmentCheck | None = None
    collector: Callable[[CheckContext], Collector] | None = None


CHECKS: dict[str, CheckInfo] = {}


def check(check_id: str, severity: str) -> Callable[[SegmentCheck], SegmentCheck]:
    """Register a per-segment check."""
    def register(function: SegmentCheck) -> SegmentCheck:
        CHECKS[check_id] = CheckInfo(check_id, severity, inspect.cleandoc(function.__doc__ or ""),
                                     segment_check=function)
        return function
    return register


def collector(check_id: str, severity: str) \
        -> Callable[[Callable[[CheckContext], Collector]], Callable[[CheckContext], Collector]]:
    """Register a check that needs every segment before it can report."""
    def register(factory: Callable[[CheckContext], Collector]) \
            -> Callable[[CheckContext], Collector]:
        CHECKS[check_id] = CheckInfo(check_id, severity, inspect.cleandoc(factory.__doc__ or ""),
                                     collector=factory)
        return factory
    return register


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


# The order checks run and are documented in (ids are the output contract).
ORDER = ("term-missing", "term-forbidden", "term-inconsistent", "segment-inconsistent",
         "untranslated", "number-mismatch")


def _load() -> None:
    from . import consistency, segments, terms  # noqa: F401  (importing registers the checks)

    registered = dict(CHECKS)
    CHECKS.clear()
    CHECKS.update({key: registered[key] for key in ORDER})
    CHECKS.update({k: v for k, v in registered.items() if k not in CHECKS})


_load()
