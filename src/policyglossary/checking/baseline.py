"""Baselines: findings a reviewer has judged stay quiet on the next check.

A baseline is a list of finding fingerprints (see `checking.context.fingerprint`): rule,
concept, segment id, the text the finding points at and the normalised source and target
texts, so that a finding survives moved lines and re-wrapped files but comes back when its
segment is edited. It is read from the JSON file `--write-baseline` writes (kept in git), or
from an XLSX check report, where the rows a reviewer marked `false positive` or `ignore` in
the `review` column are the baseline.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..fsutil import read_bytes
from .context import FindingContext

FORMAT_KEY = "policyglossary-baseline"
FORMAT_VERSION = 1
REVIEW_CHOICES = ("ok", "fix", "false positive", "ignore")
"""The drop-down of the XLSX report's `review` column."""
SUPPRESSING = frozenset({"false positive", "ignore"})
"""Review values that put a finding in the baseline."""
ENTRY_FIELDS = ("fingerprint", "rule", "term", "concept", "file", "segment", "message")


@dataclass
class Baseline:
    path: str
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Entries by fingerprint (the first of several with one fingerprint)."""

    def __len__(self) -> int:
        return len(self.entries)


def load(path: Path) -> Baseline:
    """Read a baseline: our JSON, or an XLSX check report with reviewed rows.

    Raises:
        InputError: the file cannot be read or is neither.
    """
    data = read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        return _from_report(path, data)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(str(path), "not a baseline (neither JSON in UTF-8 nor an XLSX "
                                    "check report)") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not a baseline: invalid JSON ({exc.msg})",
                         exc.lineno) from None
    if not isinstance(document, dict) or document.get(FORMAT_KEY) != FORMAT_VERSION or \
            not isinstance(document.get("entries"), list):
        raise InputError(str(path), f'not a baseline: expected {{"{FORMAT_KEY}": '
                                    f'{FORMAT_VERSION}, "entries": [...]}} (written by '
                                    "`check --write-baseline`)")
    baseline = Baseline(str(path))
    for number, entry in enumerate(document["entries"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) or \
                not entry["fingerprint"]:
            raise InputError(str(path), f"entry {number} has no fingerprint")
        baseline.entries.setdefault(entry["fingerprint"], entry)
    return baseline


def _from_report(path: Path, data: bytes) -> Baseline:
    from ..formats.xlsx import header_and_rows, open_sheet

    workbook, _ = open_sheet(io.BytesIO(data), str(path))
    try:
        if "findings" not in workbook.sheets:
            raise InputError(str(path), "not a check report: no sheet named 'findings' "
                                        "(write one with `check --format xlsx`)")
        header, rows = header_and_rows(workbook, "findings")
        names = [name.strip().lower() for name in header[1]] if header else []
        if "fingerprint" not in names or "review" not in names:
            raise InputError(str(path), "not a check report: the findings sheet has no "
                                        "'review' and 'fingerprint' columns", header and header[0])
        column = {name: names.index(name) for name in (*ENTRY_FIELDS, "review", "comment")
                  if name in names}
        baseline = Baseline(str(path))
        for number, row in rows:
            def cell(name: str, row: tuple[Any, ...] = row) -> str:
                index = column.get(name)
                value = row[index] if index is not None and index < len(row) else None
                return "" if value is None else str(value).strip()

            review = " ".join(cell("review").lower().split())
            if review not in SUPPRESSING:
                if review and review not in REVIEW_CHOICES:
                    raise InputError(str(path), f"review {cell('review')!r} is not one of "
                                                f"{', '.join(REVIEW_CHOICES)}", number)
                continue
            if not cell("fingerprint"):
                raise InputError(str(path), "a reviewed row has no fingerprint", number)
            entry: dict[str, Any] = {name: cell(name) or None for name in ENTRY_FIELDS}
            entry["review"] = review
            if cell("comment"):
                entry["comment"] = cell("comment")
            baseline.entries.setdefault(cell("fingerprint"), entry)
        return baseline
    finally:
        workbook.close()


def entry_of(context: FindingContext) -> dict[str, Any]:
    finding = context.finding
    return {"fingerprint": context.fingerprint, "rule": finding.rule, "term": finding.term,
            "concept": finding.concept, "file": finding.file, "segment": finding.segment,
            "message": finding.message}


def baseline_chunks(contexts: Iterable[FindingContext]) -> Iterator[str]:
    """The baseline JSON for these findings, one entry per line (diffs stay readable in
    git), streamed. The fields other than the fingerprint are there for the reader."""
    yield f'{{\n  "{FORMAT_KEY}": {FORMAT_VERSION},\n  "entries": ['
    first = True
    for context in contexts:
        entry = json.dumps(entry_of(context), ensure_ascii=False)
        yield ("\n    " if first else ",\n    ") + entry
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"
