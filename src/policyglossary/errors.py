"""The toolkit's error types. Every failure a user can cause is a `PolicyGlossaryError`.

The CLI turns these into one `Error: ...` line on stderr and exit status 2, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass


class PolicyGlossaryError(Exception):
    """Base class of every error the toolkit reports to a user."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in an input file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class InputError(PolicyGlossaryError):
    """An input file cannot be read: bad syntax, bad encoding, hostile content."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.problem = Problem(path, line, message)
        super().__init__(str(self.problem))

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        # `check --jobs` workers hand errors to the parent by pickling them
        return type(self), (self.problem.path, self.problem.message, self.problem.line)

    @property
    def path(self) -> str:
        return self.problem.path

    @property
    def line(self) -> int | None:
        return self.problem.line


class TermBaseError(PolicyGlossaryError):
    """A term base failed validation; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid term base"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)

    def __reduce__(self) -> tuple[type[TermBaseError], tuple[list[Problem]]]:
        return type(self), (self.problems,)


class UsageError(PolicyGlossaryError):
    """The user asked for something that cannot be done (unknown format, bad option mix)."""


class OutputError(PolicyGlossaryError):
    """An output file could not be written."""
