"""The library façade: one function per command, no click, no printing.

The command line calls these and nothing below them; a library user does the same (the
package's top level re-exports the main ones, see `policyglossary/__init__.py`). Each
function takes paths or plain values, raises `PolicyGlossaryError` subclasses that name the
file and line, and returns plain data (`model`) for the caller to render (`report`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..checking import (
        CheckOptions,
        CheckResult,
        Progress,
    )
    from ..formats import (
        ReadOptions,
        WriteOptions,
    )
    from ._check import (
        check,
        impact,
        segment,
    )
    from ._diff import (
        diff,
        textconv,
    )
    from ._exchange import (
        FORBIDDEN_BY_DEFAULT,
        RENDERINGS_BY_DEFAULT,
        ImportConflict,
        ImportReport,
        convert,
        export,
        export_options,
        import_termbase,
    )
    from ._termbase import (
        ENV_TERMBASE,
        LintResult,
        bundled_termbase,
        checks,
        format_termbase,
        formats,
        lint,
        load_matcher,
        load_termbase,
        lookup,
        termbase_path,
    )
    from ._terminology import (
        extract,
        survey,
    )

# Where each name lives: imported on first use, so that a light command (lookup, --help)
# does not load the check engine, the formats and the matcher.
_HOMES = {
    "..checking": ("CheckOptions", "CheckResult", "Progress"),
    "..formats": ("ReadOptions", "WriteOptions"),
    "._check": ("check", "impact", "segment"),
    "._diff": ("diff", "textconv"),
    "._exchange": ("FORBIDDEN_BY_DEFAULT", "RENDERINGS_BY_DEFAULT", "ImportConflict",
                   "ImportReport", "convert", "export", "export_options", "import_termbase"),
    "._terminology": ("extract", "survey"),
    "._termbase": ("ENV_TERMBASE", "LintResult", "bundled_termbase", "checks",
                   "format_termbase", "formats", "lint", "load_matcher", "load_termbase",
                   "lookup", "termbase_path"),
}


__all__ = [
    "ENV_TERMBASE", "FORBIDDEN_BY_DEFAULT", "RENDERINGS_BY_DEFAULT", "CheckOptions",
    "CheckResult", "ImportConflict", "ImportReport", "LintResult", "Progress", "ReadOptions",
    "WriteOptions", "bundled_termbase", "check", "checks", "convert", "diff", "export",
    "export_options", "extract", "format_termbase", "formats", "impact", "import_termbase",
    "lint", "load_matcher", "load_termbase", "lookup", "segment", "survey", "termbase_path",
    "textconv",
]


def __getattr__(name: str) -> Any:
    import importlib

    for module, names in _HOMES.items():
        if name in names:
            value = getattr(importlib.import_module(module, __name__), name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
