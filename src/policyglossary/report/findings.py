"""Pure renderers: findings and concepts to text, JSON and GitHub annotations.

Nothing here writes to a stream or imports click; the CLI decides where output goes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import orjson

from ..model import Finding, severity_counts
from .terminal import style

if TYPE_CHECKING:
    from ..checking.review import Review


def location(finding: Finding) -> str:
    if finding.line is not None:
        return f"{finding.file}:{finding.line}"
    return finding.file


def finding_line(finding: Finding, color: bool = False) -> str:
    """`file:line: severity rule: message`, the one-line form every finding has."""
    severity = style(finding.severity, finding.severity, color)
    segment = f" [segment {finding.segment}]" if finding.segment is not None else ""
    return f"{location(finding)}: {severity} {finding.rule}: {finding.message}{segment}"


def excerpt_line(finding: Finding, color: bool, width: int = 100) -> str | None:
    """The source or target text around the finding's span, with the span highlighted."""
    if finding.excerpt is None or finding.span is None:
        return None
    text = finding.excerpt.replace("\n", " ")
    start, end = finding.span
    left = max(0, start - (width - (end - start)) // 2)
    right = min(len(text), left + max(width, end - start))
    before, term, after = text[left:start], text[start:end], text[end:right]
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    label = f"{finding.span_in}: " if finding.span_in else ""
    return f"    {label}{prefix}{before}{style(term, 'mark', color)}{after}{suffix}"


def findings_text(findings: Iterable[Finding], color: bool = False,
                  excerpts: bool = False) -> Iterator[str]:
    for finding in findings:
        yield finding_line(finding, color)
        if excerpts:
            extra = excerpt_line(finding, color)
            if extra:
                yield extra


def finding_record(finding: Finding) -> dict[str, Any]:
    record: dict[str, Any] = {
        "rule": finding.rule, "severity": finding.severity, "file": finding.file,
        "segment": finding.segment, "line": finding.line, "term": finding.term,
        "concept": finding.concept, "message": finding.message,
    }
    if finding.span is not None and finding.excerpt is not None:
        start, end = finding.span
        record["span"] = {"in": finding.span_in, "start": start, "end": end,
                          "text": finding.excerpt[start:end]}
    return record


def severity_summary(findings: Iterable[Finding]) -> dict[str, int]:
    return severity_counts(Counter(f.severity for f in findings))


def findings_json(findings: list[Finding], extra: dict[str, Any] | None = None) -> str:
    return "".join(findings_json_chunks(findings, severity_summary(findings), extra))


def findings_json_chunks(findings: Iterable[Finding], counts: dict[str, int],
                         extra: dict[str, Any] | None = None) -> Iterator[str]:
    """The findings document piece by piece, byte for byte what `json.dumps(document,
    indent=2)` gives, without building the document (a million-segment check may have
    half a million findings)."""
    def dumps(value: Any, depth: int) -> str:
        text = json.dumps(value, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * depth)

    yield '{\n  "findings": ['
    empty = True
    for finding in findings:
        yield ("\n    " if empty else ",\n    ") + _record_json(finding_record(finding))
        empty = False
    yield "]" if empty else "\n  ]"
    for key, value in {"summary": counts, **(extra or {})}.items():
        yield f",\n  {json.dumps(key, ensure_ascii=False)}: {dumps(value, 1)}"
    yield "\n}\n"


def _record_json(record: dict[str, Any]) -> str:
    """One finding record as `json.dumps(record, indent=2, ensure_ascii=False)` writes it at
    depth 2. orjson writes the same bytes (same escapes, same layout) five times faster than
    the standard encoder's scalars (about 5 µs against 29 a finding, measured); it refuses
    lone surrogates, which the standard encoder writes as they are, so those records take
    the slow path."""
    try:
        return orjson.dumps(record, option=orjson.OPT_INDENT_2).decode().replace("\n", "\n    ")
    except orjson.JSONEncodeError:
        return _record_json_standard(record)


def _record_json_standard(record: dict[str, Any]) -> str:
    """`_record_json` built from the standard C encoder's scalars (its indenting encoder is
    pure Python and took 17 µs a finding)."""
    lines = []
    for key, value in record.items():
        if isinstance(value, dict):
            inner = ",\n".join(f"        {_SCALAR(k)}: {_SCALAR(v)}" for k, v in value.items())
            text = "{\n" + inner + "\n      }" if value else "{}"
        else:
            text = _SCALAR(value)
        lines.append(f"      {_SCALAR(key)}: {text}")
    return "{\n" + ",\n".join(lines) + "\n    }" if lines else "{}"


_SCALAR = json.JSONEncoder(ensure_ascii=False).encode


def _escape_github(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def findings_github(findings: Iterable[Finding]) -> Iterator[str]:
    """GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`)."""
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    for finding in findings:
        props = [f"file={_escape_github(finding.file, True)}"]
        if finding.line is not None:
            props.append(f"line={finding.line}")
        props.append(f"title={_escape_github(finding.rule, True)}")
        message = finding.message + (f" [segment {finding.segment}]"
                                     if finding.segment is not None else "")
        yield f"::{kinds[finding.severity]} {','.join(props)}::{_escape_github(message)}"


def summary_line(findings: list[Finding], hidden: int = 0) -> str:
    return summary_text(severity_summary(findings), hidden)


def summary_text(counts: dict[str, int], hidden: int = 0) -> str:
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items()]
    text = ", ".join(parts)
    if hidden:
        text += f" ({hidden} info findings not shown; use --min-severity info)"
    return text


def review_json_chunks(review: Review, extra: dict[str, Any]) -> Iterator[str]:
    """The JSON report of the findings shown, then (with a baseline) two more keys:
    `suppressed` (the findings the baseline silenced, in the findings' form) and `baseline`
    (its file, counts, and its stale entries)."""
    pieces = findings_json_chunks(review.result.iter_findings(), review.result.counts, extra)
    if review.baseline is None:
        yield from pieces
        return
    previous = next(pieces)
    for piece in pieces:
        yield previous
        previous = piece
    assert previous == "\n}\n", previous  # the document's end, reopened below
    yield ',\n  "suppressed": ['
    first = True
    for context in review.suppressed:
        record = json.dumps(finding_record(context.finding), ensure_ascii=False, indent=2)
        yield ("\n    " if first else ",\n    ") + record.replace("\n", "\n    ")
        first = False
    yield "]" if first else "\n  ]"
    info = {"file": review.baseline.path, "entries": len(review.baseline),
            "suppressed": review.suppressed_counts, "stale": len(review.stale),
            "stale_entries": review.stale}
    yield ',\n  "baseline": ' + json.dumps(info, ensure_ascii=False, indent=2).replace(
        "\n", "\n  ") + "\n}\n"
