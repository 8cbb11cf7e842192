"""Error types: every error names its file (and line where known), in one line."""

from __future__ import annotations

import pytest

from policyglossary import errors
from policyglossary.errors import InputError, Problem, TermBaseError


@pytest.mark.parametrize(("problem", "text"), [
    (Problem("a.po", 7, "unterminated string"), "a.po:7: unterminated string"),
    (Problem("a.po", None, "no such file"), "a.po: no such file"),
    (Problem("a.po", 0, "first line"), "a.po:0: first line"),
], ids=["line", "no line", "line zero"])
def test_problem_text(problem: Problem, text: str) -> None:
    assert str(problem) == text


def test_input_error_carries_its_problem() -> None:
    error = InputError("x.tmx", "undefined entity &nbsp;", 12)
    assert str(error) == "x.tmx:12: undefined entity &nbsp;"
    assert (error.path, error.line) == ("x.tmx", 12)
    assert error.problem == Problem("x.tmx", 12, "undefined entity &nbsp;")
    assert InputError("x.tmx", "empty file").line is None


@pytest.mark.parametrize(("problems", "text"), [
    ([], "invalid term base"),
    ([Problem("a.toml", 3, "bad status")], "a.toml:3: bad status"),
    ([Problem("a.toml", 3, "bad status"), Problem("b.toml", None, "id mismatch"),
      Problem("c.toml", 1, "syntax")], "a.toml:3: bad status (and 2 more problems)"),
], ids=["none", "one", "three"])
def test_term_base_error_names_the_first_problem_and_counts_the_rest(
        problems: list[Problem], text: str) -> None:
    error = TermBaseError(problems)
    assert str(error) == text and error.problems == problems


@pytest.mark.parametrize("name", ["InputError", "TermBaseError", "UsageError", "OutputError"])
def test_every_error_is_a_policyglossary_error(name: str) -> None:
    assert issubclass(getattr(errors, name), errors.PolicyGlossaryError)
