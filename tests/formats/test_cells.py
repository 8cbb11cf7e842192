"""formats/cells.py: several terms in one spreadsheet cell, `term [reason] {key: value}`
items joined by ` | `, backslash escapes (README "Term base columns")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyglossary.errors import InputError
from policyglossary.formats import cells
from policyglossary.formats.cells import Item


@pytest.mark.parametrize(("text", "reason", "attrs", "cell"), [
    ("dual-gigabit", "", None, "dual-gigabit"),
    ("double gigabit", "Calque; reads like 2 Gbps", None,
     "double gigabit [Calque\\; reads like 2 Gbps]"),
    ("MIIT", "", [("type", "acronym"), ("case-sensitive", "yes")],
     "MIIT {type: acronym; case-sensitive: yes}"),
    ("double gigabit", "calque", [("replacement", "dual-gigabit")],
     "double gigabit [calque] {replacement: dual-gigabit}"),
    ("a|b", "[x]", [("note", "1; 2 {3}")], "a\\|b [\\[x\\]] {note: 1\\; 2 \\{3\\}}"),
    ("x", "", [], "x"),
    # a backslash escapes \\ | [ ] { } ; and nothing else
    ("[sic] {x}; y\\z", "", None, "\\[sic\\] \\{x\\}\\; y\\\\z"),
    ("双千兆：5G+千兆光网", "", None, "双千兆：5G+千兆光网"),
])
def test_format_item(text: str, reason: str, attrs: list[tuple[str, str]] | None,
                     cell: str) -> None:
    assert cells.format_item(text, reason, attrs) == cell


def test_join_items() -> None:
    assert cells.join_items(["a", "b [r]", "c {k: v}"]) == "a | b [r] | c {k: v}"
    assert cells.join_items([]) == ""


# The README's and the module's own examples, as a reviewer would type them.
@pytest.mark.parametrize(("cell", "items"), [
    ("double gigabit [Calque; reads like 2 Gbps]",
     [Item("double gigabit", "Calque; reads like 2 Gbps", {})]),
    ("MIIT {type: acronym; case-sensitive: yes}",
     [Item("MIIT", "", {"type": "acronym", "case-sensitive": "yes"})]),
    ("dual-gigabit | dual gigabit networks {note: 5G + gigabit optical networks}",
     [Item("dual-gigabit", "", {}),
      Item("dual gigabit networks", "", {"note": "5G + gigabit optical networks"})]),
    ("double gigabit [Calque; reads like 2 Gbps] {replacement: dual-gigabit}",
     [Item("double gigabit", "Calque; reads like 2 Gbps", {"replacement": "dual-gigabit"})]),
    # whitespace around parts is trimmed, blank items and attributes skipped, keys lower-cased
    ("  a  |  | b [ why ] {  Type :  acronym ; ; }  |", [
        Item("a", "", {}), Item("b", "why", {"type": "acronym"})]),
    ("", []),
    (" | ", []),
    # escapes keep special characters literal
    ("a\\|b | c\\[d\\] [e\\]f] {note: g\\;h\\}}",
     [Item("a|b", "", {}), Item("c[d]", "e]f", {"note": "g;h}"})]),
    # an attribute value may hold a colon
    ("x {note: see: y}", [Item("x", "", {"note": "see: y"})]),
    # an item that is only a reason or attributes has no term: skipped
    ("[only a reason] | {note: only attributes}", []),
])
def test_parse_items(cell: str, items: list[Item]) -> None:
    assert cells.parse_items(cell, "x.csv", 3, "en") == items


@pytest.mark.parametrize(("cell", "message"), [
    ("a {type: acronym", "column 'en': unclosed { in 'a {type: acronym'"),
    ("a {type: acronym} b", "column 'en': unclosed { in 'a {type: acronym} b'"),
    ("a {acronym}", "column 'en': attribute 'acronym' needs the form key: value"),
    ("a [reason", "column 'en': unclosed [ in 'a [reason'"),
    ("ok | b [reason] tail", "column 'en': unclosed [ in 'b [reason] tail'"),
    ("x" * 60 + " {", f"column 'en': unclosed {{ in '{'x' * 40}'"),
])
def test_parse_errors_name_the_column_and_line(cell: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        cells.parse_items(cell, "x.csv", 3, "en")
    assert str(caught.value) == f"x.csv:3: {message}"


@pytest.mark.parametrize(("values", "cell"), [
    (("http://a.example/x|y", "plain", "back\\slash"),
     "http://a.example/x\\|y | plain | back\\\\slash"),
    ((), ""),
])
def test_plain_lists(values: tuple[str, ...], cell: str) -> None:
    assert cells.join_plain(values) == cell
    assert cells.split_plain(cell) == list(values)


def test_split_plain_trims_and_skips_blanks() -> None:
    assert cells.split_plain(" a |  | b\\|c ") == ["a", "b|c"]


# ------------------------------------------------------------------ property tests

_CHARS = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("\\|[]{};: "))
_part = st.text(alphabet=_CHARS, min_size=1, max_size=20).map(str.strip)
_KEYS = st.sampled_from(["type", "pos", "note", "replacement", "status", "hant"])


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(_part.filter(bool), _part,
                          st.lists(st.tuples(_KEYS, _part), max_size=3,
                                   unique_by=lambda kv: kv[0])), max_size=4))
def test_any_items_survive_format_then_parse(
        items: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
    cell = cells.join_items([cells.format_item(text, reason, attrs)
                             for text, reason, attrs in items])
    assert cells.parse_items(cell, "x", 1, "c") == \
        [Item(text, reason, dict(attrs)) for text, reason, attrs in items]


@settings(max_examples=100, deadline=None)
@given(st.lists(_part.filter(bool), max_size=5))
def test_any_plain_values_survive_join_then_split(values: list[str]) -> None:
    assert cells.split_plain(cells.join_plain(values)) == values
