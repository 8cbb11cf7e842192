"""The cell syntax for several terms in one spreadsheet cell, with their attributes.

    dual-gigabit | dual gigabit networks {note: 5G + gigabit optical networks}
    double gigabit [Calque; reads like 2 Gbps] {replacement: dual-gigabit}

Items are separated by ` | `. An item is the term, then optionally a reason in [brackets],
then optionally attributes in {key: value; key: value}. A backslash escapes \\ | [ ] { } ;
inside any part, so every text survives a round trip.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

SPECIAL = frozenset("\\|[]{};")


def escape(text: str) -> str:
    return "".join("\\" + ch if ch in SPECIAL else ch for ch in text)


def format_item(text: str, reason: str = "", attrs: list[tuple[str, str]] | None = None) -> str:
    out = escape(text)
    if reason:
        out += f" [{escape(reason)}]"
    if attrs:
        out += " {" + "; ".join(f"{key}: {escape(value)}" for key, value in attrs) + "}"
    return out


def join_items(items: list[str]) -> str:
    return " | ".join(items)


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    reason: str
    attrs: dict[str, str]


def _split(text: str, separator: str) -> list[str]:
    """Split on unescaped `separator`, keeping escapes in the parts."""
    parts, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index:index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    out, index = [], 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            out.append(text[index + 1])
            index += 2
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def _find(text: str, char: str) -> int:
    index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == char:
            return index
        index += 1
    return -1


def parse_items(cell: str, path: str, line: int | None, column: str) -> list[Item]:
    """Parse a multi-term cell; blank items are skipped, whitespace around parts trimmed."""
    items = []
    for raw in _split(cell, "|"):
        raw = raw.strip()
        if not raw:
            continue
        attrs: dict[str, str] = {}
        brace = _find(raw, "{")
        if brace >= 0:
            if not raw.endswith("}"):
                raise InputError(path, f"column {column!r}: unclosed {{ in {raw[:40]!r}", line)
            for pair in _split(raw[brace + 1:-1], ";"):
                if not pair.strip():
                    continue
                key, colon, value = pair.partition(":")
                if not colon:
                    raise InputError(path, f"column {column!r}: attribute {pair.strip()!r} "
                                           "needs the form key: value", line)
                attrs[key.strip().lower()] = _unescape(value.strip())
            raw = raw[:brace].rstrip()
        reason = ""
        bracket = _find(raw, "[")
        if bracket >= 0:
            if not raw.endswith("]"):
                raise InputError(path, f"column {column!r}: unclosed [ in {raw[:40]!r}", line)
            reason = _unescape(raw[bracket + 1:-1].strip())
            raw = raw[:bracket].rstrip()
        text = _unescape(raw).strip()
        if text:
            items.append(Item(text, reason, attrs))
    return items


def split_plain(cell: str) -> list[str]:
    """A ` | `-joined list of plain values (sources), unescaped."""
    return [_unescape(part.strip()) for part in _split(cell, "|") if part.strip()]


def join_plain(values: list[str] | tuple[str, ...]) -> str:
    return " | ".join(v.replace("\\", "\\\\").replace("|", "\\|") for v in values)
