"""The check engine: everything that runs checks, and nothing that is a check.

- `session`: the one loop. Files are opened and streamed in batches through the Chinese
  automaton, the fast lane and the registered checks; `check_paths` is its entry point.
- `fastlane`: substring tests that settle most segments without tokenising the target.
- `parallel`: `--jobs`, one file cut into ranges checked by forked workers.
- `locations`, `spool`, `partial`: where segments are, findings on disk, what a worker hands
  back.
- `cache`: the compiled matcher of a large term base, cached on disk.

Rules live in `checks`; formats in `formats`; matching in `matching`.
"""

from __future__ import annotations

from .session import CheckOptions, CheckResult, CheckSession, Progress, check_paths

__all__ = ["CheckOptions", "CheckResult", "CheckSession", "Progress", "check_paths"]
