"""The `policyglossary` command line: options → one `api` call → render.

`_app` holds the command group (the one place where library errors become `Error: …` and
exit status 2) and the shared options; each module below registers its commands on it.
Modules a command needs are imported inside it, so `--help` stays fast. Only this package
imports click, and nothing imports this package.
"""

from __future__ import annotations

from . import (  # noqa: F401  (importing registers the commands)
    checking,
    exchange,
    review,
    termbase,
    terminology,
)
from ._app import main

__all__ = ["main"]
