"""What a `--jobs` worker hands back to the parent: the findings it spooled, still packed,
and the compact records the consistency collectors keep, all picklable."""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .locations import LocationsState


@dataclass
class Partial:
    findings: list[list[bytes]]
    """The worker's spooled runs, compressed blocks appended by the parent unopened."""
    counts: Counter[str]
    """Findings by severity."""
    segments: int
    files: list[str]
    locations: LocationsState
    collectors: list[dict[str, Any]]
    """Each collector's `state()`, in registry order (collectors define their own state)."""
    repeats: list[array[int]] | None = None
    """A PO part's message keys, for duplicates across parts (see `columns.RepeatFinder`)."""
