"""TOML for the canonical term base: writing values byte-stably, reading with located errors.

The standard library reads TOML (tomllib) but neither writes it nor says on which line a
field that parsed fine is wrong; these helpers do both for `canonical`.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from typing import Any

from ..errors import InputError, Problem


def toml_string(value: str) -> str:
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        if not value:
            return "[]"
        return "[\n" + "".join(f"  {toml_string(str(v))},\n" for v in value) + "]"
    return toml_string(str(value))


class Located:
    """Finds the line of a key in a concept file, for error messages."""

    _HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
    _KEY = re.compile(r'^\s*("?)([A-Za-z0-9_-]+)\1\s*=')

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[str, int, str], int] = {}
        section, counts = "", {"zh": -1, "en": -1}
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header:
                section = header.group(1)
                counts[section] = counts.get(section, -1) + 1
                self.lines.setdefault((section, counts[section], ""), number)
                continue
            key = self._KEY.match(line)
            if key:
                index = counts.get(section, 0) if section else 0
                self.lines.setdefault((section, index, key.group(2)), number)

    def line(self, section: str = "", index: int = 0, key: str = "") -> int | None:
        return self.lines.get((section, index, key)) or self.lines.get((section, index, ""))


class Validator:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.where = Located(text)
        self.problems: list[Problem] = []

    def error(self, message: str, section: str = "", index: int = 0, key: str = "") -> None:
        self.problems.append(Problem(self.path, self.where.line(section, index, key), message))

    def string(self, table: dict[str, Any], key: str, section: str = "", index: int = 0,
               required: bool = False) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.error(f"missing required field '{key}'", section, index)
            return ""
        if not isinstance(value, str):
            self.error(f"'{key}' must be a string, not {type(value).__name__}", section, index, key)
            return ""
        if value != value.strip():
            self.error(f"'{key}' has leading or trailing whitespace", section, index, key)
        if required and not value.strip():
            self.error(f"'{key}' is empty", section, index, key)
        return value

    def choice(self, table: dict[str, Any], key: str, choices: tuple[str, ...], default: str,
               section: str = "", index: int = 0) -> str:
        value = self.string(table, key, section, index) or default
        if value and value not in choices:
            self.error(f"'{key}' is {value!r}; expected one of: {', '.join(choices)}",
                       section, index, key)
        return value

    def unknown_keys(self, table: dict[str, Any], known: set[str], section: str = "",
                     index: int = 0, where: str = "concept") -> None:
        for key in table:
            if key not in known:
                what = f"[[{section}]] table" if section else where
                self.error(f"unknown field '{key}' in {what}", section, index, key)


def parse_toml(text: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        message = re.sub(r"\s*\(at end of document\)", " at end of file", message)
        raise InputError(path, f"TOML syntax error: {message}", line) from None
