"""policyglossary: term base, consistency checker and CAT-tool exchange for Chinese policy
texts translated into English.

The library API, in ten lines::

    from policyglossary import check, diff, export, load_termbase

    termbase = load_termbase("glossary")             # a folder, or a TBX/XLSX/CSV/... file
    result = check(["translations/"], "glossary")    # PO, XLIFF, TMX, CSV, TSV, XLSX
    for finding in result.iter_findings():           # in file and line order
        print(finding.file, finding.line, finding.rule, finding.message)
    data, warnings = export("tbx", None, "glossary")  # bytes of a TBX-Basic file
    changes, old, new = diff("HEAD~1", None, "glossary")

Names are imported on first use, so that `import policyglossary` (and the command line's
`--help`) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import (
        CheckOptions,
        CheckResult,
        ReadOptions,
        WriteOptions,
        check,
        convert,
        diff,
        export,
        import_termbase,
        lint,
        load_termbase,
        lookup,
    )
    from .errors import InputError, PolicyGlossaryError, TermBaseError, UsageError
    from .model import BilingualDoc, Concept, Finding, Segment, Term, TermBase

__all__ = [
    "BilingualDoc", "CheckOptions", "CheckResult", "Concept", "Finding", "InputError",
    "PolicyGlossaryError", "ReadOptions", "Segment", "Term", "TermBase", "TermBaseError",
    "UsageError", "WriteOptions", "__version__", "check", "convert", "diff", "export",
    "import_termbase", "lint", "load_termbase", "lookup",
]

_HOMES = {"errors": ("InputError", "PolicyGlossaryError", "TermBaseError", "UsageError"),
          "model": ("BilingualDoc", "Concept", "Finding", "Segment", "Term", "TermBase")}


def __getattr__(name: str) -> Any:
    import importlib

    if name in __all__:
        home = next((m for m, names in _HOMES.items() if name in names), "api")
        value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
