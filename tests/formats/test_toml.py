"""formats/_toml.py: TOML values written byte-stably (checked against the standard library's
reader), the line of a key for error messages, field validation, and syntax errors with
their line. (Whole concept files are in test_canonical.py.)"""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyglossary.errors import InputError, Problem
from policyglossary.formats._toml import Located, Validator, parse_toml, toml_string, toml_value


@pytest.mark.parametrize(("value", "text"), [
    ("dual-gigabit", '"dual-gigabit"'),
    ('say "hi"', '"say \\"hi\\""'),
    ("back\\slash", '"back\\\\slash"'),
    ("two\nlines\tand\r", '"two\\nlines\\tand\\r"'),
    ("\x00\x1f\x7f", '"\\u0000\\u001F\\u007F"'),
    ("双千兆 é \u0085 𠀀", '"双千兆 é \u0085 𠀀"'),  # non-ASCII is written as is
    ("", '""'),
])
def test_toml_string(value: str, text: str) -> None:
    assert toml_string(value) == text
    assert tomllib.loads(f"x = {text}")["x"] == value


@pytest.mark.parametrize(("value", "text"), [
    (True, "true"), (False, "false"), (date(2024, 1, 31), "2024-01-31"),
    ((), "[]"), (("a", 'b"'), '[\n  "a",\n  "b\\"",\n]'), ("x", '"x"'), (3, '"3"'),
])
def test_toml_value(value: object, text: str) -> None:
    assert toml_value(value) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_string_is_read_back_by_tomllib(value: str) -> None:
    assert tomllib.loads(f"x = {toml_string(value)}")["x"] == value
    assert tomllib.loads(f"x = {toml_value((value, value))}")["x"] == [value, value]


CONCEPT = '''id = "a"
"definition" = "quoted key"
  note = "indented"

[[zh]]
term = "甲"
status = "preferred"

[[en]]
term = "a"

[[en]]
  term = "b"
status = "admitted"

[[ zh ]]
term = "乙"
'''


@pytest.mark.parametrize(("where", "line"), [
    (("", 0, "id"), 1),
    (("", 0, "definition"), 2),
    (("", 0, "note"), 3),
    (("zh", 0, ""), 5),
    (("zh", 0, "status"), 7),
    (("en", 0, "term"), 10),
    (("en", 1, "term"), 13),
    (("en", 1, "status"), 14),
    (("en", 0, "status"), 9),   # a key the table lacks: the table's header
    (("zh", 1, "term"), 17),    # spaces inside the brackets
    (("", 0, "sources"), None),
    (("fr", 0, "term"), None),
])
def test_located_lines(where: tuple[str, int, str], line: int | None) -> None:
    assert Located(CONCEPT).line(*where) == line


def test_validator_messages() -> None:
    check = Validator("c.toml", CONCEPT)
    table = {"id": "", "note": " padded ", "count": 3, "status": "prefered", "odd": 1}
    assert check.string(table, "id", required=True) == ""
    assert check.string(table, "missing", required=True) == ""
    assert check.string(table, "note") == " padded "
    assert check.string(table, "count") == ""
    assert check.string(table, "absent") == ""
    assert check.choice(table, "status", ("preferred", "admitted"), "preferred") == "prefered"
    assert check.choice({}, "status", ("preferred",), "preferred") == "preferred"
    check.unknown_keys(table, {"id", "note", "count", "status"})
    check.unknown_keys({"hant": "x"}, {"term"}, "en", 1)
    assert check.problems == [
        Problem("c.toml", 1, "'id' is empty"),
        # keys the text does not hold at the top level have no line
        Problem("c.toml", None, "missing required field 'missing'"),
        Problem("c.toml", 3, "'note' has leading or trailing whitespace"),
        Problem("c.toml", None, "'count' must be a string, not int"),
        Problem("c.toml", None, "'status' is 'prefered'; expected one of: preferred, admitted"),
        Problem("c.toml", None, "unknown field 'odd' in concept"),
        Problem("c.toml", 12, "unknown field 'hant' in [[en]] table"),
    ]


@pytest.mark.parametrize(("text", "message"), [
    ('id = "a"\nname\n', "c.toml:2: TOML syntax error: Expected '=' after a key in a key/value "
                        "pair"),
    ('id = "a', "c.toml: TOML syntax error: Unterminated string at end of file"),
    ("a = 1\na = 2\n", "c.toml:2: TOML syntax error: Cannot overwrite a value"),
    ('[[zh]]\nterm = "x"\n[zh]\n', "c.toml:3: TOML syntax error: Cannot declare ('zh',) twice"),
])
def test_syntax_errors(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_toml(text, "c.toml")
    assert str(caught.value) == message


def test_parse_toml() -> None:
    assert parse_toml('id = "a"\ncreated = 2024-01-31\n', "c.toml") == \
        {"id": "a", "created": date(2024, 1, 31)}
