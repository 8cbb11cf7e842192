"""What the reviewers' outputs of `check` share: each finding joined with its segment (one
pass over the checked files), a baseline applied, the findings to show and the suppressed
ones kept apart, on disk, in order.

The CLI calls `review` when a report or a baseline needs more than the findings themselves
(`--format xlsx|html`, `--baseline`, `--write-baseline`); the other reports never pay for it.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..matching.matcher import Matcher
from ..model import severity_counts
from .baseline import Baseline
from .context import ContextSpool, FindingContext, contexts
from .session import CheckOptions, CheckResult


@dataclass
class Review:
    result: CheckResult
    """The check's result with only the findings to show (counts included)."""
    kept: ContextSpool
    suppressed: ContextSpool
    baseline: Baseline | None = None
    suppressed_counts: dict[str, int] = field(default_factory=dict)
    stale: list[dict[str, Any]] = field(default_factory=list)
    """Baseline entries that matched no finding (to prune)."""

    def contexts(self) -> Iterator[FindingContext]:
        return iter(self.kept)

    def all_contexts(self) -> Iterator[FindingContext]:
        """Every finding, suppressed or not, in the order the check reported them."""
        return heapq.merge(self.kept, self.suppressed, key=lambda c: c.seq)

    def summary(self) -> str:
        """What the baseline did, for the summary line (empty without one)."""
        if self.baseline is None:
            return ""
        suppressed = sum(self.suppressed_counts.values())
        return (f"; {suppressed} suppressed by the baseline, {len(self.stale)} stale baseline "
                f"entr{'y' if len(self.stale) == 1 else 'ies'}")

    def close(self) -> None:
        self.kept.close()
        self.suppressed.close()


def review(result: CheckResult, matcher: Matcher, options: CheckOptions | None = None,
           baseline: Baseline | None = None) -> Review:
    """Join every finding with its segment and apply `baseline` (see the module docstring).
    """
    options = options or CheckOptions()
    kept, suppressed = ContextSpool(), ContextSpool()
    kept_counts: Counter[str] = Counter()
    suppressed_counts: Counter[str] = Counter()
    matched: set[str] = set()
    entries = baseline.entries if baseline is not None else {}
    for context in contexts(result.iter_findings(), matcher, options.read, options.format):
        if context.fingerprint in entries:
            matched.add(context.fingerprint)
            suppressed.append(context)
            suppressed_counts[context.finding.severity] += 1
        else:
            kept.append(context)
            kept_counts[context.finding.severity] += 1
    shown = CheckResult(result.files, result.segments, result.failures,
                        severity_counts(kept_counts),
                        lambda: (context.finding for context in kept), result.warnings)
    stale = [entry for fingerprint, entry in entries.items() if fingerprint not in matched]
    return Review(shown, kept, suppressed, baseline, severity_counts(suppressed_counts), stale)


def termbase_digest(path: Path) -> str:
    """SHA-256 over the term base's files (names and bytes), for the reports' info."""
    import hashlib

    from ..formats import canonical

    digest = hashlib.sha256()
    files = [path] if not path.is_dir() else \
        [*([path / canonical.INFO_FILE] if (path / canonical.INFO_FILE).exists() else []),
         *canonical.concept_files(path)]
    for file in files:
        data = file.read_bytes()
        digest.update(file.name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()
