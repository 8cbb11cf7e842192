"""Where segments are: numbered as they come, kept in spilled columns, read back exactly,
and a --jobs worker's share appended after the parent's own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policyglossary import columns
from policyglossary.checking.locations import Locations

# (file, line, segment id, exemptions). Readers number lines from 1, or give none.
places = st.tuples(
    st.sampled_from(["a.po", "b.tmx", "c d.xlf", "数据.csv"]),
    st.one_of(st.none(), st.integers(1, 2**32 - 1)),
    st.one_of(st.text(max_size=6), st.integers(1, 50).map(str)),   # ids like line numbers too
    st.sampled_from([frozenset(), frozenset({("all", None)}),
                     frozenset({("term-missing", "双千兆")})]),
)


def _fill(locations: Locations, items: list[tuple[str, int | None, str, frozenset]]) -> None:  # type: ignore[type-arg]
    for number, (file, line, segment_id, exempt) in enumerate(items):
        assert locations.add(file, line, segment_id, exempt) == number


@settings(max_examples=150, deadline=None)
@given(st.lists(places, max_size=40), st.lists(st.lists(places, max_size=15), max_size=3),
       st.sampled_from([1, 3, columns.BLOCK]))
def test_every_place_reads_back_after_spilling_and_absorbing(
        own: list[tuple[str, int | None, str, frozenset]],  # type: ignore[type-arg]
        workers: list[list[tuple[str, int | None, str, frozenset]]],  # type: ignore[type-arg]
        block: int) -> None:
    default, columns.BLOCK = columns.BLOCK, block  # (no monkeypatch fixture under @given)
    try:
        locations = Locations()
        _fill(locations, own)
        everything = list(own)
        for share in workers:
            worker = Locations()
            _fill(worker, share)
            assert locations.absorb(worker.state()) == len(everything)
            everything.extend(share)
        assert len(locations) == len(everything)
        assert [locations.get(seq) for seq in range(len(everything))] == \
            [(file, line, segment_id) for file, line, segment_id, _ in everything]
        assert locations.exempt == {seq: item[3] for seq, item in enumerate(everything)
                                    if item[3]}
        assert locations.files == list(dict.fromkeys(item[0] for item in everything))
    finally:
        columns.BLOCK = default


def test_ids_equal_to_the_line_cost_nothing() -> None:
    locations = Locations()
    for line in range(1, 101):
        locations.add("a.tmx", line, str(line), frozenset())
    locations.add("a.tmx", 101, "tu-101", frozenset())
    assert len(locations.state().ids) == len(b"\x01tu-101")
    assert locations.get(100) == ("a.tmx", 101, "tu-101")
    assert locations.get(41) == ("a.tmx", 42, "42")


def test_ids_of_any_text_survive() -> None:
    locations = Locations()
    odd = ["", "\udc80lone surrogate", "编号 7", "None"]
    for segment_id in odd:
        locations.add("x.xlf", None, segment_id, frozenset())
    assert [locations.get(seq)[2] for seq in range(len(odd))] == odd
