"""Typed columns that keep only their newest items in memory and the rest on disk.

What the consistency checks must remember about every segment (where it is, hashes of its
source and target) is small per segment but grows with the file: about 50 bytes a segment,
50 MB per million, 500 MB for ten million. These columns hold at most one block of items in
memory and write full blocks to an anonymous temporary file (never named on disk, deleted by
the operating system even if the process dies), so memory stays flat whatever the number of
segments. Reads of spilled items are `os.pread` calls: the checks read sequentially (whole
columns, block by block) or a few thousand items at the end (places of findings).
"""

from __future__ import annotations

import os
import tempfile
import weakref
from array import array
from collections.abc import Iterable, Iterator
from typing import IO

from .errors import OutputError
from .fsutil import close_quietly, temp_space_error

BLOCK = 1 << 16
"""Items a column holds in memory before it writes them out."""
PAGE = 4096
"""Items read from disk at a time for lookups of single items."""


class BlockFile:
    """An anonymous temp file that blocks are appended to and read back from by offset,
    opened on first use (the findings spool keeps its runs in one too). A full disk is an
    `OutputError` naming the folder."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self.size = 0

    def append(self, data: bytes | array[int]) -> int:
        """Write data at the end; returns its offset."""
        offset = self.size
        view = memoryview(data).cast("B")
        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(buffering=0)  # noqa: SIM115 (see close())
                # closed in close(), or with its owner, whoever drops it
                weakref.finalize(self, close_quietly, self._file)
            written = 0
            while written < len(view):
                written += self._file.write(view[written:]) or 0
        except OSError as exc:
            raise temp_space_error(exc) from None
        self.size += len(view)
        return offset

    def read(self, offset: int, length: int) -> bytes:
        assert self._file is not None
        data = os.pread(self._file.fileno(), length, offset)
        if len(data) != length:
            raise OutputError(f"temporary data truncated at byte {offset + len(data)}")
        return data

    def close(self) -> None:
        if self._file is not None:
            close_quietly(self._file)
            self._file = None
        self.size = 0


class SpilledArray:
    """An append-only typed array (`array.array` type codes) spilled to disk a block at a time.

    `tail` is the in-memory part; it is emptied in place when spilled, so callers may keep
    `tail.append` as a fast bound method and call `spill_if_full()` now and then.
    """

    def __init__(self, typecode: str, block: int | None = None) -> None:
        self.tail: array[int] = array(typecode)
        self.block = block or BLOCK
        self.spilled = 0
        self._disk = BlockFile()
        self._cached: tuple[int, array[int]] = (0, array(typecode))
        """The last page of spilled items read: lookups in input order hit it."""

    def __len__(self) -> int:
        return self.spilled + len(self.tail)

    def spill(self) -> None:
        if self.tail:
            self._disk.append(self.tail)
            self.spilled += len(self.tail)
            del self.tail[:]

    def spill_if_full(self) -> None:
        if len(self.tail) >= self.block:
            self.spill()

    def extend(self, items: Iterable[int]) -> None:
        self.tail.extend(items)
        self.spill_if_full()

    def frombytes(self, data: bytes) -> None:
        self.tail.frombytes(data)
        self.spill_if_full()

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += len(self)
        if index >= self.spilled:
            return self.tail[index - self.spilled]
        start, page = self._page(index)
        return page[index - start]

    def _page(self, index: int) -> tuple[int, array[int]]:
        """The page of spilled items holding `index`: the last one read, else from disk."""
        start, page = self._cached
        if not start <= index < start + len(page):
            start = index - index % PAGE
            page = self._slice(start, min(start + PAGE, self.spilled))
            self._cached = (start, page)
        return start, page

    def _slice(self, start: int, stop: int) -> array[int]:
        """Items start..stop of the spilled part."""
        size = self.tail.itemsize
        items = array(self.tail.typecode)
        items.frombytes(self._disk.read(start * size, (stop - start) * size))
        return items

    def read(self, start: int, stop: int) -> array[int]:
        """Items start..stop, from disk, memory or both."""
        if start < stop <= self.spilled and start // PAGE == (stop - 1) // PAGE:
            first, page = self._page(start)  # a short range, read in input order
            return page[start - first:stop - first]
        if start >= self.spilled:
            return self.tail[start - self.spilled:stop - self.spilled]
        items = self._slice(start, min(stop, self.spilled))
        if stop > self.spilled:
            items.extend(self.tail[:stop - self.spilled])
        return items

    def blocks(self) -> Iterator[array[int]]:
        """Every item in order, a block at a time."""
        for start in range(0, self.spilled, self.block):
            yield self._slice(start, min(start + self.block, self.spilled))
        if self.tail:
            yield self.tail

    def __iter__(self) -> Iterator[int]:
        for block in self.blocks():
            yield from block

    def materialize(self) -> array[int]:
        """All items as one in-memory array (for a --jobs worker's share, which is small)."""
        return self.read(0, len(self))

    def close(self) -> None:
        self._disk.close()
        self.spilled = 0
        self._cached = (0, array(self.tail.typecode))
        del self.tail[:]


class BucketedRecords:
    """Fixed-width records of unsigned 64-bit fields, partitioned into buckets by a key.

    Each bucket keeps at most `block` records in memory; full blocks of every bucket go to one
    shared temp file, so that a bucket can be read back alone: grouping by key then needs one
    bucket's records in memory at a time, not all of them.
    """

    def __init__(self, width: int, buckets: int = 64, block: int = 4096) -> None:
        assert buckets & (buckets - 1) == 0, "buckets must be a power of two"
        self.width = width
        self.mask = buckets - 1
        self.tails: list[array[int]] = [array("Q") for _ in range(buckets)]
        self._limit = block * width
        self._spilled: list[list[tuple[int, int]]] = [[] for _ in range(buckets)]
        self._disk = BlockFile()
        self.count = 0

    def add(self, key: int, *fields: int) -> None:
        tail = self.tails[key & self.mask]
        tail.append(key)
        tail.extend(fields)
        self.count += 1
        if len(tail) >= self._limit:
            self._spill(key & self.mask)

    def extend(self, bucket: int, records: array[int]) -> None:
        """Add records (flattened, `width` fields each) that all belong to `bucket`."""
        tail = self.tails[bucket]
        tail.extend(records)
        self.count += len(records) // self.width
        if len(tail) >= self._limit:
            self._spill(bucket)

    def _spill(self, bucket: int) -> None:
        tail = self.tails[bucket]
        offset = self._disk.append(tail)
        self._spilled[bucket].append((offset, len(tail) * tail.itemsize))
        del tail[:]

    def bucket(self, bucket: int) -> array[int]:
        """A bucket's records, flattened (width fields each), in the order they were added."""
        records = array("Q")
        for offset, length in self._spilled[bucket]:
            records.frombytes(self._disk.read(offset, length))
        records.extend(self.tails[bucket])
        return records

    def buckets(self) -> Iterator[array[int]]:
        for bucket in range(len(self.tails)):
            yield self.bucket(bucket)

    def close(self) -> None:
        self._disk.close()
        for tail in self.tails:
            del tail[:]
        for spilled in self._spilled:
            spilled.clear()
        self.count = 0


class RepeatFinder:
    """Finds the first key seen twice among millions, in flat memory.

    Each key is kept as two independent 64-bit hashes (a false match among a billion keys has
    odds of about 10⁻²⁰) with the line it was seen on, bucketed on disk; the check runs once
    at the end, one bucket at a time. The hashes are Python's own, so forked --jobs workers
    (which share the parent's hash secret) give comparable records.
    """

    def __init__(self) -> None:
        self.records = BucketedRecords(3, buckets=256, block=512)

    def add(self, key: object, line: int) -> None:
        self.records.add(hash(key) & _U64, hash((key, 1)) & _U64, line)

    def first_repeat(self) -> tuple[int, int] | None:
        """(line of the first key seen again, line where it was first seen), else None."""
        best: tuple[int, int] | None = None
        for records in self.records.buckets():
            first: dict[tuple[int, int], int] = {}
            for i in range(0, len(records), 3):
                key = (records[i], records[i + 1])
                earlier = first.setdefault(key, records[i + 2])
                if earlier != records[i + 2] and (best is None or records[i + 2] < best[0]):
                    best = (records[i + 2], earlier)
        return best

    def state(self) -> list[array[int]]:
        return list(self.records.buckets())

    def absorb(self, state: list[array[int]]) -> None:
        for bucket, records in enumerate(state):
            self.records.extend(bucket, records)

    def close(self) -> None:
        self.records.close()


_U64 = 0xFFFF_FFFF_FFFF_FFFF
