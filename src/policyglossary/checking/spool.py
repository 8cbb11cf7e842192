"""Findings kept in input order without holding them all in memory.

A million-segment translation memory can yield half a million findings, each carrying the
segment text its span points into: about a gigabyte as Python objects. The checker appends
findings to a `FindingSpool` as it goes; past `RUN_LIMIT` the buffered findings are sorted
into a run and written to an anonymous temporary file (deleted by the operating system even
if the process dies). Reading merges the runs with the findings the consistency checks report
at the end, so that the output is exactly what sorting one list would give, in a few
megabytes: each run is stably sorted and `heapq.merge` breaks ties by run order.
"""

from __future__ import annotations

import heapq
import pickle
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from ..columns import BlockFile
from ..model import Finding

RUN_LIMIT = 10_000
"""Findings buffered in memory before a run is written out."""
BLOCK = 256
"""Findings per compressed block of a run (what a reader holds of each run)."""

SortKey = Callable[[Finding], tuple[int, int]]


class FindingSpool:
    """An append-only collection of findings, iterated in (file order, line) order."""

    def __init__(self, key: SortKey, run_limit: int | None = None) -> None:
        self._key = key
        self._run_limit = run_limit or RUN_LIMIT
        self._buffer: list[Finding] = []
        self._disk = BlockFile()
        """The spilled runs; closed in close() or with the spool, whoever drops it (a result
        may be read more than once, so nothing else knows when it is done)."""
        self._runs: list[list[tuple[int, int]]] = []
        """Each spilled run as the (offset, length) of its blocks in the file."""
        self.counts: Counter[str] = Counter()
        """Findings by severity."""

    def __len__(self) -> int:
        return sum(self.counts.values())

    def append(self, finding: Finding) -> None:
        self._buffer.append(finding)
        self.counts[finding.severity] += 1
        if len(self._buffer) >= self._run_limit:
            self._spill()

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.append(finding)

    def _spill(self) -> None:
        self._buffer.sort(key=self._key)
        self._write_run(self._pack(self._buffer))
        self._buffer = []

    @staticmethod
    def _pack(findings: list[Finding]) -> Iterator[bytes]:
        for start in range(0, len(findings), BLOCK):
            yield zlib.compress(pickle.dumps(findings[start:start + BLOCK],
                                             protocol=pickle.HIGHEST_PROTOCOL), 1)

    def _write_run(self, blocks: Iterable[bytes]) -> None:
        self._runs.append([(self._disk.append(data), len(data)) for data in blocks])

    def _read_run(self, blocks: list[tuple[int, int]]) -> Iterator[Finding]:
        for offset, length in blocks:
            findings: list[Finding] = pickle.loads(zlib.decompress(
                self._disk.read(offset, length)))
            yield from findings

    def export_runs(self) -> list[list[bytes]]:
        """The findings as sorted runs of compressed blocks, for a --jobs worker to hand
        over: the parent appends them to its own spool as they are, without unpickling and
        pickling every finding again."""
        runs = [[self._disk.read(offset, length) for offset, length in run]
                for run in self._runs]
        if self._buffer:
            self._buffer.sort(key=self._key)
            runs.append(list(self._pack(self._buffer)))
        return runs

    def import_runs(self, runs: list[list[bytes]], counts: Counter[str]) -> None:
        """Append another spool's `export_runs()`, sorted by a key that orders them as this
        spool's key does (a worker's findings all come from one file)."""
        if self._buffer:  # what came before stays before, on the same line too
            self._spill()
        for run in runs:
            self._write_run(run)
        self.counts.update(counts)

    def merged(self, *later: FindingSpool) -> Iterator[Finding]:
        """Every finding in order; on the same line, the findings of `later` spools (the
        consistency checks', reported once all segments were read) after these. May be
        iterated more than once."""
        self._buffer.sort(key=self._key)
        sources: list[Iterable[Finding]] = [self._read_run(run) for run in self._runs]
        sources.append(list(self._buffer))
        sources.extend(spool.merged() for spool in later)
        return heapq.merge(*sources, key=self._key)

    def close(self) -> None:
        self._disk.close()
        self._runs = []
        self._buffer = []
