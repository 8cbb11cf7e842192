"""Consistency checks across every checked file: they report once all segments are read.

Both keep compact arrays (hashes and sequence numbers), not segment texts, so checking a
million segments does not hold a million strings.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import repeat
from typing import Any

from ..columns import BucketedRecords
from ..model import Finding
from ._registry import CheckContext, Observation, collector

MAX_REPORTS = 50
"""Findings per (concept, rendering) or per source text; the last one says how many more."""


_BUCKETS = 256
_RECORD_BLOCK = 1024
"""Records per bucket held in memory: at most 256 × 1024 × 24 bytes, 6 MB."""
_POSITION_BITS = 20
_POSITION_MAX = (1 << _POSITION_BITS) - 1


def _hash(text: str) -> int:
    """A 64-bit hash of a text. Python's own string hash: fast, and the same in the worker
    processes of --jobs, which are forked from this one (the hash secret is inherited)."""
    return hash(text) & 0xFFFF_FFFF_FFFF_FFFF


def _more(count: int) -> str:
    return f" (and {count} more segments like this, not listed)" if count > 0 else ""


@collector("term-inconsistent", "warning", fast_lane=True)
class TermConsistency:
    """One concept is rendered by different full-form renderings across the checked files
    (each allowed on its own). Using an acronym or short form next to the full form is not an
    inconsistency.

    Example: 专精特新 as "specialized, refined, distinctive and innovative" in ten segments
    and "specialized and sophisticated" in one: the one is reported.
    """

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        # Memory depends on the term base, not on the number of segments: a count per
        # (concept, rendering) and the first MAX_REPORTS places of each, which is all that
        # can ever be reported. A place is (segment << 20 | position in the segment's list
        # of terms), packed in a typed array; concepts with one full-form rendering cannot be
        # inconsistent and are not recorded at all.
        self.counts: dict[tuple[int, int], int] = {}
        self.places: dict[tuple[int, int], array[int]] = {}
        self._varies = bytearray(len(ctx.matcher.concepts))
        """Per concept: 0 not known yet, 1 one full-form rendering, 2 several."""

    def state(self) -> dict[str, Any]:
        return {"counts": self.counts, "places": self.places}

    def absorb(self, state: dict[str, Any], seq_offset: int) -> None:
        for key, count in state["counts"].items():
            self.counts[key] = self.counts.get(key, 0) + count
        for key, places in state["places"].items():
            mine = self.places.setdefault(key, array("Q"))
            mine.extend(place + (seq_offset << _POSITION_BITS)
                        for place in places[:MAX_REPORTS - len(mine)])

    def _can_vary(self, concept: int) -> bool:
        varies = self._varies[concept]
        if not varies:
            full = sum(1 for form in self.ctx.matcher.quick_allowed[concept] if form.full)
            varies = self._varies[concept] = 2 if full > 1 else 1
        return varies == 2

    def observe(self, observation: Observation) -> None:
        counts, places = self.counts, self.places
        base = observation.seq << _POSITION_BITS
        for position, key in enumerate(observation.used):
            if not self._can_vary(key[0]):
                continue
            count = counts.get(key, 0)
            counts[key] = count + 1
            if count < MAX_REPORTS:
                if count == 0:
                    places[key] = array("Q")
                places[key].append(base + min(position, _POSITION_MAX))

    def finish(self) -> Iterator[Finding]:
        by_concept: dict[int, dict[int, int]] = defaultdict(dict)
        for (concept, rendering), count in self.counts.items():
            by_concept[concept][rendering] = count
        mixed = {c: n for c, n in by_concept.items() if len(n) > 1}
        if not mixed:
            return
        # The majority rendering is the norm; on a tie, the one listed first in the term base.
        norm = {c: min(n, key=lambda r: (-n[r], r)) for c, n in mixed.items()}
        # Each (concept, rendering)'s places are in input order already: merging them gives
        # the findings in input order while holding one place per rendering, not all.
        keys: list[tuple[int, int, int]] = []
        streams = []
        for concept, seen in mixed.items():
            for rendering, total in seen.items():
                if rendering != norm[concept]:
                    streams.append(zip(self.places[(concept, rendering)], repeat(len(keys))))
                    keys.append((concept, rendering, total))
        matcher = self.ctx.matcher
        for place, key in heapq.merge(*streams):
            concept, rendering, total = keys[key]
            places = self.places[(concept, rendering)]
            more = total - MAX_REPORTS \
                if len(places) == MAX_REPORTS and place == places[-1] else 0
            seq = place >> _POSITION_BITS
            allowed = matcher.allowed[concept]
            usual = allowed[norm[concept]].term.text
            c = matcher.concepts[concept]
            yield self.ctx.located_finding(
                "term-inconsistent", seq,
                f'{c.headword} ({c.id}): rendered "{allowed[rendering].term.text}" here but '
                f'"{usual}" in {mixed[concept][norm[concept]]} other segments{_more(more)}',
                c.headword, c.id)


@collector("segment-inconsistent", "warning", fast_lane=True)
class SegmentConsistency:
    """The same source text (after normalisation) is translated differently in different
    segments. Untranslated and unconfirmed segments are left out.

    Example: 稳工业关键要稳企业。 translated once as "The key to stabilizing industry is
    stabilizing enterprises." and once as "Stable industry needs stable firms."
    """

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        # (source hash, target hash, segment) per translated segment, bucketed by source hash
        # and spilled to disk: grouping reads one bucket at a time, so memory stays flat.
        self.records = BucketedRecords(3, buckets=_BUCKETS, block=_RECORD_BLOCK)

    def state(self) -> dict[str, Any]:
        return {"buckets": list(self.records.buckets())}

    def absorb(self, state: dict[str, Any], seq_offset: int) -> None:
        for bucket, records in enumerate(state["buckets"]):
            if seq_offset:
                records[2::3] = array("Q", [seq + seq_offset for seq in records[2::3]])
            self.records.extend(bucket, records)

    def observe(self, observation: Observation) -> None:
        if not observation.normalized.strip() or not observation.target.strip() or \
                observation.state in ("new", "needs-review"):
            return
        target = " ".join(observation.target.split())
        self.records.add(_hash(observation.normalized), _hash(target), observation.seq)

    def finish(self) -> Iterator[Finding]:
        findings: list[tuple[int, Finding]] = []
        for records in self.records.buckets():
            seen: set[int] = set()
            repeated: set[int] = set()
            for source in records[0::3]:
                if source in seen:
                    repeated.add(source)
                else:
                    seen.add(source)
            if not repeated:
                continue
            groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for i in range(0, len(records), 3):
                if records[i] in repeated:
                    groups[records[i]].append((records[i + 2], records[i + 1]))
            for members in groups.values():
                if len({target for _, target in members}) > 1:
                    findings.extend(self._conflict(sorted(members)))
        self.records.close()
        # input order: the buckets' order depends on the (per-process) string hash
        findings.sort(key=lambda item: item[0])
        for _, finding in findings:
            yield finding

    def _conflict(self, members: list[tuple[int, int]]) -> Iterator[tuple[int, Finding]]:
        """Findings for one source text's segments, (segment, target hash) in input order:
        the most frequent translation is the norm (on a tie, the one seen first)."""
        counts = Counter(target for _, target in members)
        first_seen: dict[int, int] = {}
        for seq, target in members:
            first_seen.setdefault(target, seq)
        norm = min(counts, key=lambda t: (-counts[t], first_seen[t]))
        where_file, where_line, where_id = self.ctx.locations.get(first_seen[norm])
        where = f"{where_file}:{where_line}" if where_line else where_file
        odd = [seq for seq, target in members if target != norm]
        for number, seq in enumerate(odd[:MAX_REPORTS], start=1):
            extra = _more(len(odd) - MAX_REPORTS) if number == MAX_REPORTS else ""
            yield seq, self.ctx.located_finding(
                "segment-inconsistent", seq,
                f"same source as segment {where_id} ({where}), translated differently"
                f"{extra}")
