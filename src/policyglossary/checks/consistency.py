"""Consistency checks across every checked file: they report once all segments are read.

Both keep compact arrays (hashes and sequence numbers), not segment texts, so checking a
million segments does not hold a million strings.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..model import Finding
from . import CheckContext, Observation, collector

MAX_REPORTS = 50
"""Findings per (concept, rendering) or per source text; the last one says how many more."""


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
        self.concepts = array("I")
        self.renderings = array("H")
        self.seqs = array("I")

    def observe(self, observation: Observation) -> None:
        for concept, rendering in observation.used:
            self.concepts.append(concept)
            self.renderings.append(rendering)
            self.seqs.append(observation.seq)

    def finish(self) -> Iterator[Finding]:
        counts: dict[int, Counter[int]] = defaultdict(Counter)
        for concept, rendering in zip(self.concepts, self.renderings, strict=True):
            counts[concept][rendering] += 1
        mixed = {c: n for c, n in counts.items() if len(n) > 1}
        if not mixed:
            return
        # The majority rendering is the norm; on a tie, the one listed first in the term base.
        norm = {c: min(n, key=lambda r: (-n[r], r)) for c, n in mixed.items()}
        reported: Counter[tuple[int, int]] = Counter()
        matcher = self.ctx.matcher
        for concept, rendering, seq in zip(self.concepts, self.renderings, self.seqs,
                                           strict=True):
            if concept not in mixed or rendering == norm[concept]:
                continue
            reported[(concept, rendering)] += 1
            total = mixed[concept][rendering]
            if reported[(concept, rendering)] > MAX_REPORTS:
                continue
            renderings = matcher.allowed[concept]
            usual = renderings[norm[concept]].term.text
            c = matcher.concepts[concept]
            extra = _more(total - MAX_REPORTS) if reported[(concept, rendering)] == \
                MAX_REPORTS else ""
            yield self.ctx.located_finding(
                "term-inconsistent", seq,
                f'{c.headword} ({c.id}): rendered "{renderings[rendering].term.text}" here but '
                f'"{usual}" in {mixed[concept][norm[concept]]} other segments{extra}',
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

    def observe(self, observation: Observation) -> None:
        if not observation.normalized.strip() or not observation.target.strip() or \
                observation.state in ("new", "needs-review"):
            return
        target = " ".join(observation.target.split())
        self.sources.append(_hash(observation.normalized))
        self.targets.append(_hash(target))
        self.seqs.append(observation.seq)

    def finish(self) -> Iterator[Finding]:
        order = sorted(range(len(self.sources)), key=self.sources.__getitem__)
        conflicts: list[list[int]] = []
        group: list[int] = []
        for index in order:
            if group and self.sources[group[0]] != self.sources[index]:
                if len({self.targets[i] for i in group}) > 1:
                    conflicts.append(group)
                group = []
            group.append(index)
        if group and len({self.targets[i] for i in group}) > 1:
            conflicts.append(group)
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
