"""Spilled columns: the same items as an in-memory list, whatever the block size."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from policyglossary import columns
from policyglossary.checking.locations import Locations
from policyglossary.columns import BucketedRecords, SpilledArray

u64 = st.integers(min_value=0, max_value=2**64 - 1)


@given(st.lists(u64, max_size=200), st.integers(min_value=1, max_value=17),
       st.lists(st.tuples(st.integers(0, 250), st.integers(0, 250)), max_size=10),
       st.sampled_from([1, 3, 8, columns.PAGE]))
def test_spilled_array_reads_back_every_item(items: list[int], block: int,
                                             ranges: list[tuple[int, int]], page: int) -> None:
    default, columns.PAGE = columns.PAGE, page  # (no monkeypatch fixture under @given)
    try:
        _reads_back(items, block, ranges)
    finally:
        columns.PAGE = default


def _reads_back(items: list[int], block: int, ranges: list[tuple[int, int]]) -> None:
    column = SpilledArray("Q", block=block)
    for item in items:
        column.tail.append(item)
        column.spill_if_full()
    assert len(column) == len(items)
    assert list(column) == items
    assert column.materialize().tolist() == items
    assert [column[i] for i in range(len(items))] == items
    if items:
        assert column[-1] == items[-1]
        assert column.spilled >= len(items) - block  # at most a block stays in memory
    for start, stop in ranges:
        start, stop = sorted((min(start, len(items)), min(stop, len(items))))
        assert column.read(start, stop).tolist() == items[start:stop]
    column.close()
    assert len(column) == 0


@given(st.lists(st.tuples(u64, u64), max_size=300), st.integers(min_value=1, max_value=9))
def test_buckets_keep_every_record_in_order(records: list[tuple[int, int]], block: int) -> None:
    store = BucketedRecords(2, buckets=8, block=block)
    for key, value in records:
        store.add(key, value)
    assert store.count == len(records)
    for bucket, flat in enumerate(store.buckets()):
        expected = [field for key, value in records if key & 7 == bucket for field in (key, value)]
        assert flat.tolist() == expected
    assert all(len(tail) <= block * 2 for tail in store.tails)


def test_spilled_items_are_on_disk_not_in_memory() -> None:
    column = SpilledArray("I", block=1000)
    column.extend(range(10_000))
    assert len(column.tail) == 0 and column.spilled == 10_000
    column.extend(range(5))
    assert column.tail.tolist() == [0, 1, 2, 3, 4] and column[10_003] == 3
    assert column[4321] == 4321
    fd = column._disk._file.fileno()  # type: ignore[union-attr]
    assert os.fstat(fd).st_size == 40_000  # 4-byte items, written once


def test_locations_spill_and_read_back(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(columns, "BLOCK", 3)
    locations = Locations()
    added = []
    for number in range(20):
        file = f"f{number % 3}.tmx"
        line = None if number % 5 == 0 else number + 1
        segment_id = str(line) if number % 2 else f"编号-{number}"
        assert locations.add(file, line, segment_id, frozenset()) == number
        added.append((file, line, segment_id if line is None or number % 2 == 0 else str(line)))
    assert locations._line.spilled == 18  # really spilled
    assert [locations.get(seq) for seq in range(20)] == added

    # a --jobs worker's share appended after the parent's own
    worker = Locations()
    worker.add("g.tmx", 7, "x", frozenset({("all", None)}))
    offset = locations.absorb(worker.state())
    assert offset == 20 and locations.get(20) == ("g.tmx", 7, "x")
    assert locations.exempt == {20: frozenset({("all", None)})}
