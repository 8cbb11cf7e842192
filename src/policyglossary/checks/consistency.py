"""Consistency checks across every checked file: they report once all segments are read.

Both keep compact arrays (hashes and sequence numbers), not segment texts, so checking a
million segments does not hold a million strings.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from ..model import Finding
from . import CheckContext, Observation, collector

MAX_REPORTS = 50
"""Findings per (concept, rendering) or per source text; the last one says how many more."""


_BUCKETS = 64
_POSITION_BITS = 20
_POSITION_MAX = (1 << _POSITION_BITS) - 1


def _hash(text: str) -> int:
    """A 64-bit hash of a text. Python's own string hash: fast, and the same in the worker
    processes of --jobs, which are forked from this one (the hash secret is inherited)."""
    return hash(text) & 0xFFFF_FFFF_FFFF_FFFF


def _more(count: int) -> str:
    return f" (and {count} more segments like this, not listed)" if count > 0 else ""


@collector("term-inconsistent", "warning")
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
        reports: list[tuple[int, int, int, int]] = []
        for concept, seen in mixed.items():
            for rendering, total in seen.items():
                if rendering == norm[concept]:
                    continue
                for number, place in enumerate(self.places[(concept, rendering)], 1):
                    more = total - MAX_REPORTS if number == MAX_REPORTS else 0
                    reports.append((place, concept, rendering, more))
        reports.sort()
        matcher = self.ctx.matcher
        for place, concept, rendering, more in reports:
            seq = place >> _POSITION_BITS
            allowed = matcher.allowed[concept]
            usual = allowed[norm[concept]].term.text
            c = matcher.concepts[concept]
            yield self.ctx.located_finding(
                "term-inconsistent", seq,
                f'{c.headword} ({c.id}): rendered "{allowed[rendering].term.text}" here but '
                f'"{usual}" in {mixed[concept][norm[concept]]} other segments{_more(more)}',
                c.headword, c.id)


@collector("segment-inconsistent", "warning")
class SegmentConsistency:
    """The same source text (after normalisation) is translated differently in different
    segments. Untranslated and unconfirmed segments are left out.

    Example: 稳工业关键要稳企业。 translated once as "The key to stabilizing industry is
    stabilizing enterprises." and once as "Stable industry needs stable firms."
    """

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.sources = array("Q")
        self.targets = array("Q")
        self.seqs = array("I")

    def state(self) -> dict[str, Any]:
        return {"sources": self.sources, "targets": self.targets, "seqs": self.seqs}

    def absorb(self, state: dict[str, Any], seq_offset: int) -> None:
        self.sources.extend(state["sources"])
        self.targets.extend(state["targets"])
        self.seqs.extend(seq + seq_offset for seq in state["seqs"])

    def observe(self, observation: Observation) -> None:
        if not observation.normalized.strip() or not observation.target.strip() or \
                observation.state in ("new", "needs-review"):
            return
        target = " ".join(observation.target.split())
        self.sources.append(_hash(observation.normalized))
        self.targets.append(_hash(target))
        self.seqs.append(observation.seq)

    def finish(self) -> Iterator[Finding]:
        # Sources seen more than once: the hashes are split into buckets (typed arrays) and
        # each bucket sorted on its own, so that at most 1/64 of them is ever a list of
        # Python ints (sorting a million at once held 40 MB more).
        buckets = [array("Q") for _ in range(_BUCKETS)]
        for source in self.sources:
            buckets[source & (_BUCKETS - 1)].append(source)
        repeated: set[int] = set()
        while buckets:
            ordered = sorted(buckets.pop())
            repeated.update(h for h, following in pairwise(ordered) if h == following)
        groups: dict[int, list[int]] = defaultdict(list)
        for index, source in enumerate(self.sources):
            if source in repeated:
                groups[source].append(index)
        conflicts = [members for members in groups.values()
                     if len({self.targets[i] for i in members}) > 1]
        findings: list[Finding] = []
        for members in conflicts:
            members.sort(key=self.seqs.__getitem__)
            counts = Counter(self.targets[i] for i in members)
            norm = min(counts, key=lambda t: (-counts[t], members.index(
                next(i for i in members if self.targets[i] == t))))
            first = next(i for i in members if self.targets[i] == norm)
            where_file, where_line, where_id = self.ctx.locations.get(self.seqs[first])
            where = f"{where_file}:{where_line}" if where_line else where_file
            odd = [i for i in members if self.targets[i] != norm]
            for number, index in enumerate(odd[:MAX_REPORTS], start=1):
                extra = _more(len(odd) - MAX_REPORTS) if number == MAX_REPORTS else ""
                findings.append(self.ctx.located_finding(
                    "segment-inconsistent", self.seqs[index],
                    f"same source as segment {where_id} ({where}), translated differently"
                    f"{extra}"))
        findings.sort(key=lambda f: (f.file, f.line or 0))
        yield from findings
