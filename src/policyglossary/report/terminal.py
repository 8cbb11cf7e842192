"""Terminal styling shared by the text renderers (ANSI escapes, only when asked for)."""

from __future__ import annotations

_STYLES = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m",
           "bold": "\033[1m", "dim": "\033[2m", "mark": "\033[1;4;31m", "reset": "\033[0m"}


def style(text: str, kind: str, color: bool) -> str:
    """`text` in the style `kind` (a severity, bold, dim or mark) when `color` is on."""
    return f"{_STYLES[kind]}{text}{_STYLES['reset']}" if color else text
