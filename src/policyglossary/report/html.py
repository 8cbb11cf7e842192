"""The check report as one self-contained HTML page (`check --format html`): findings grouped
by rule, term or file, filters by severity, rule, term, file and text, pages of 100, source
and target side by side with the term and the rendering highlighted, and each term's lookup
card (renderings, statuses, reasons, sources) on click.

The page is streamed: the findings go out as small JSON data blocks as they come from the
check, each followed by the lookup records of the concepts it introduces, and the counts and
the viewer's script come last. Nothing is held but the ids of the concepts already written.
No network: the style and script are inlined, no fonts or libraries are fetched.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import Any

from .._version import __version__
from ..checking.context import FindingContext

BLOCK = 200
"""Findings per data block."""

_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no `<`, `>` or `&` appear literally, so
    no text (a segment holding `</script>` or `<!--`) can end or change the element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(
        _SCRIPT_ESCAPES)


def asset(name: str) -> str:
    return resources.files(__package__ or "policyglossary.report").joinpath(
        "assets", name).read_text("utf-8")


def record(context: FindingContext) -> dict[str, Any]:
    finding = context.finding
    return {"rule": finding.rule, "severity": finding.severity, "file": finding.file,
            "line": finding.line, "segment": finding.segment, "term": finding.term,
            "concept": finding.concept, "message": finding.message,
            "source": context.source, "target": context.target,
            "source_spans": context.source_spans, "target_spans": context.target_spans,
            "expected": context.expected}


_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policyglossary {version}">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="meta" id="meta"></p>
<p class="counts" id="counts"></p>
<noscript><p>This report shows its findings with JavaScript; the findings are also in the
page source as JSON.</p></noscript>
</header>
<section id="controls">
<span><label>severity</label>
<label><input type="checkbox" id="f-error" checked> error<span id="n-error"></span></label>
<label><input type="checkbox" id="f-warning" checked> warning<span id="n-warning"></span></label>
<label><input type="checkbox" id="f-info" checked> info<span id="n-info"></span></label></span>
<label>rule <select id="f-rule"><option value="">all rules</option></select></label>
<label>term <select id="f-term"><option value="*">all terms</option></select></label>
<label>file <select id="f-file"><option value="">all files</option></select></label>
<label>text <input type="search" id="f-text" placeholder="in source, target or message"></label>
<label>group by <select id="group"><option value="rule">rule</option>
<option value="term">term</option><option value="file">file</option>
<option value="none">nothing (file order)</option></select></label>
</section>
<div class="bar"><span class="pager"><button type="button" id="prev">‹ previous</button>
<span id="page"></span> <button type="button" id="next">next ›</button></span>
<span class="status" id="status"></span></div>
<main id="list"></main>
<aside id="card" hidden></aside>
"""


def html_chunks(contexts: Iterable[FindingContext],
                concept_records: Callable[[list[str]], dict[str, dict[str, Any]]],
                meta: Callable[[], dict[str, Any]],
                title: str = "policyglossary check report") -> Iterator[str]:
    """The report page, piece by piece.

    Args:
        contexts: the findings to show, in order.
        concept_records: lookup records for concept ids (only the ones not yet written are
            asked for).
        meta: the header's data (files, segments, counts, term base, date, version,
            failures, baseline), called once every finding has been written.
        title: the page's title.
    """
    yield _HEAD.format(title=html.escape(title), css=asset("report.css"),
                       version=html.escape(__version__))
    written: set[str] = set()
    block: list[dict[str, Any]] = []
    new: list[str] = []
    for context in contexts:
        block.append(record(context))
        concept = context.finding.concept
        if concept and concept not in written:
            written.add(concept)
            new.append(concept)
        if len(block) >= BLOCK:
            yield from _block(block, new, concept_records)
            block, new = [], []
    if block or new:
        yield from _block(block, new, concept_records)
    yield f'<script type="application/json" id="pg-meta">{script_json(meta())}</script>\n'
    yield f"<script>\n{asset('report.js')}</script>\n</body>\n</html>\n"


def _block(block: list[dict[str, Any]], new: list[str],
           concept_records: Callable[[list[str]], dict[str, dict[str, Any]]]) -> Iterator[str]:
    yield f'<script type="application/json" class="pg-findings">{script_json(block)}</script>\n'
    if new:
        yield (f'<script type="application/json" class="pg-concepts">'
               f"{script_json(concept_records(new))}</script>\n")
