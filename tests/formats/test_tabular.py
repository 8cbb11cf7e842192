"""formats/_tabular.py: what CSV, TSV and XLSX share. Spreadsheet column detection (README
"check": id/key/segment/tuid, source/target or language codes, notes/note/comment, state),
cells as text, rows to segments, and the formula-injection escape."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyglossary.errors import InputError
from policyglossary.formats._tabular import (
    FORMULA_STARTS,
    Columns,
    bilingual_columns,
    cell_text,
    escape_formula,
    looks_like_tag,
    rows_to_segments,
    unescape_formula,
)
from policyglossary.model import Segment


@pytest.mark.parametrize(("header", "options", "expected"), [
    (["id", "source", "target"], {}, Columns(1, 2, 0, (), None, None, "zh-CN", "en", 3)),
    (["Key", "Chinese", "English", "Status"], {},
     Columns(1, 2, 0, (), 3, None, "zh-CN", "en", 4)),
    (["TUID", "src", "tgt", "Note", "Comments", "Location"], {},
     Columns(1, 2, 0, (3, 4), None, 5, "zh-CN", "en", 6)),
    (["segment id", "source text", "translation", "remarks", "references"], {},
     Columns(1, 2, 0, (3,), None, 4, "zh-CN", "en", 5)),
    # language codes, in any case and with _ or -; Simplified or Traditional sources
    (["zh_CN", "en_US"], {}, Columns(0, 1, None, (), None, None, "zh-CN", "en-US", 2)),
    (["EN", "ZH-HANT"], {}, Columns(1, 0, None, (), None, None, "zh-Hant", "en", 2)),
    (["zh-HK", "zh-TW", "en-GB"], {}, Columns(0, 2, None, (), None, None, "zh-HK", "en-GB", 3)),
    (["yue", "en"], {}, Columns(0, 1, None, (), None, None, "yue", "en", 2)),
    # --source-lang / --target-lang pick exact columns
    (["zh-HK", "zh-TW", "en-GB"], {"source_lang": "zh_tw"},
     Columns(1, 2, None, (), None, None, "zh-TW", "en-GB", 3)),
    (["en", "fr", "zh"], {"source_lang": "en", "target_lang": "fr"},
     Columns(0, 1, None, (), None, None, "en", "fr", 3)),
    # a named column wins over a language code; blanks are skipped
    (["zh", "source", "target", None, ""], {},
     Columns(1, 2, None, (), None, None, "zh-CN", "en", 5)),
    # the first of two id or state columns counts
    (["id", "key", "zh", "en", "state", "status"], {},
     Columns(2, 3, 0, (), 4, None, "zh", "en", 6)),
])
def test_bilingual_columns(header: list[str], options: dict[str, str],
                           expected: Columns) -> None:
    assert bilingual_columns(header, "x.csv", 1, **options) == expected


@pytest.mark.parametrize(("header", "found"), [
    (["id", "zh"], "'id', 'zh'"),
    (["source", "chinese text"], "'source', 'chinese text'"),
    (["fr", "de", None], "'fr', 'de'"),
    ([], ""),
])
def test_a_header_without_source_and_target(header: list[str], found: str) -> None:
    with pytest.raises(InputError) as caught:
        bilingual_columns(header, "x.csv", 4)
    assert str(caught.value) == (
        "x.csv:4: header row needs source and target columns ('source'/'target' or language "
        f"codes such as zh-CN and en); found: {found}")


@pytest.mark.parametrize(("name", "expected"), [
    ("zh", True), ("zh-CN", True), ("zh_Hant_TW", True), ("yue", True), ("en-GB", True),
    ("x", False), ("zh-", True), ("english", False), ("zh CN", False), ("12", False),
    ("notes", False), ("", False), ("zh-toolongsubtag", False),
])
def test_looks_like_tag(name: str, expected: bool) -> None:
    assert looks_like_tag(name) is expected


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), ("x", "x"), (3.0, "3"), (3.5, "3.5"), (42, "42"), (True, "True"),
    (date(2024, 3, 1), "2024-03-01"), (datetime(2024, 3, 1, 12, 0), "2024-03-01 12:00:00"),
    ("=SUM(1)", "=SUM(1)"),  # an XLSX cell is taken as it is
])
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


COLUMNS = Columns(source=1, target=2, id=0, notes=(3, 4), state=5, references=6,
                  source_lang="zh-CN", target_lang="en", width=7)


@pytest.mark.parametrize(("row", "segment"), [
    (["p1", "甲", "a", "n1\nn2", "n3", "Final", "f.txt:1\n\ng.txt:2"],
     Segment("p1", "甲", "a", 2, "final", ("n1", "n2", "n3"), ("f.txt:1", "g.txt:2"))),
    # no id: the data row's number among non-blank rows; unknown state: from the target
    (["", "甲", "", "", "", "done", ""], Segment("1", "甲", "", 2, "new")),
    (["  ", "甲", "a"], Segment("1", "甲", "a", 2, "translated")),  # short rows are padded
    ([" p1 ", 1.0, 2, None, None, "NEEDS-REVIEW", None],
     Segment("p1", "1", "2", 2, "needs-review")),
    (["p1", "甲", "a", "", "", "", "", "", ""], Segment("p1", "甲", "a", 2, "translated")),
])
def test_rows_to_segments(row: list[object], segment: Segment) -> None:
    assert list(rows_to_segments([(2, row)], COLUMNS, "x.csv")) == [segment]


def test_blank_rows_are_skipped_and_not_counted() -> None:
    columns = Columns(0, 1, None, (), None, None, "zh-CN", "en", 2)
    rows = [(2, ["甲", "a"]), (3, ["", " "]), (4, []), (5, ["乙", "b"])]
    assert [(s.id, s.line) for s in rows_to_segments(rows, columns, "x.csv")] == \
        [("1", 2), ("2", 5)]


def test_a_row_wider_than_its_header() -> None:
    with pytest.raises(InputError) as caught:
        list(rows_to_segments([(2, ["p1", "甲", "a", "", "", "", "", "extra"])], COLUMNS,
                              "x.csv"))
    assert str(caught.value) == "x.csv:2: row has 8 fields but the header has 7"


@pytest.mark.parametrize(("value", "escaped"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("'=already quoted", "''=already quoted"), ("''", "'''"),
    ("'plain", "'plain"), ("plain", "plain"), ("a=b", "a=b"), ("", ""),
])
def test_escape_formula(value: str, escaped: str) -> None:
    assert escape_formula(value) == escaped
    assert unescape_formula(escaped) == value


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("'=+-@\t\rab 双")), max_size=6))
def test_the_formula_escape_is_undone_exactly_and_defuses(value: str) -> None:
    escaped = escape_formula(value)
    assert unescape_formula(escaped) == value
    assert not escaped.startswith(FORMULA_STARTS)
