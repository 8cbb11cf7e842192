"""Findings with the segment they are about: source and target side by side, the term and
the rendering to highlight in each, the renderings the term base expects, and the finding's
fingerprint (for baselines).

A finding carries only the text its span points into, and the consistency checks' findings
carry none, so the reviewers' reports read each checked file again, alongside the findings:
both come in file and line order, so one forward pass over each file finds every segment.
Nothing is held but a small window of recent segments.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import re
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..columns import BlockFile
from ..formats import ReadOptions, open_document
from ..langs import is_chinese
from ..matching.chinese import all_forms, normalize_source, original_span
from ..matching.english import TargetText, locate
from ..matching.matcher import Matcher
from ..model import Concept, Finding, Segment

WINDOW = 512
"""Segments kept after they were read: the consistency checks' findings come after the
other findings of their line, and several units may share a line (minified XML)."""


@dataclass(slots=True)
class FindingContext:
    """A finding and what a reviewer needs to judge it."""

    seq: int
    """Position among all findings of the check (the order they are reported in)."""
    finding: Finding
    source: str | None
    """The Chinese side of the segment (None when the segment could not be read again)."""
    target: str | None
    source_spans: list[tuple[int, int]]
    """Where the term (or the number) is in `source`."""
    target_spans: list[tuple[int, int]]
    """Where the rendering found (or the forbidden one) is in `target`."""
    expected: list[str]
    """The concept's allowed renderings, preferred first."""
    fingerprint: str


def _clean_target(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


# A segment id that is a number is, or may be, a position: the line of a PO entry without
# msgctxt, a row of a sheet without an id column, the place of a TMX unit without tuid (and
# "12 msgstr[1]" for a plural form). It moves when a line is added above.
_POSITION = re.compile(r"^\d+(?= msgstr\[\d+\]$|$)")


def fingerprint(finding: Finding, source: str | None, target: str | None) -> str:
    """What identifies a finding across runs: its rule, its concept (else term), its segment
    id, the text it points at, and the normalised source and target texts. Line numbers and
    the message are left out, so that moving a segment keeps the fingerprint and editing its
    text changes it; so is an id that is a number, which may be a line or a row number
    (the texts then identify the segment: one entry covers identical segments)."""
    pointed = ""
    if finding.span is not None and finding.excerpt is not None:
        pointed = finding.excerpt[finding.span[0]:finding.span[1]]
    parts = [finding.rule, finding.concept or finding.term or "",
             _POSITION.sub("", finding.segment or ""),
             normalize_source(pointed) if finding.span_in == "source" else
             _clean_target(pointed), normalize_source(source or ""), _clean_target(target or "")]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]


class _Highlighter:
    """Spans of a concept's Chinese terms (any script) and renderings in segment texts."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.index = {concept.id: i for i, concept in enumerate(matcher.concepts)}
        self._forms: dict[int, list[str]] = {}

    def concept(self, concept_id: str | None) -> tuple[int, Concept] | None:
        index = self.index.get(concept_id or "")
        return None if index is None else (index, self.matcher.concepts[index])

    def forms(self, index: int) -> list[str]:
        forms = self._forms.get(index)
        if forms is None:
            found = {normalize_source(form) for term in self.matcher.concepts[index].zh
                     for form in all_forms(term)}
            forms = self._forms[index] = sorted((f for f in found if f), key=len, reverse=True)
        return forms

    def source_spans(self, index: int, source: str) -> list[tuple[int, int]]:
        normalized = normalize_source(source)
        spans: list[tuple[int, int]] = []
        for form in self.forms(index):
            start = normalized.find(form)
            while start >= 0:
                end = start + len(form)
                if not any(s < end and start < e for s, e in spans):
                    spans.append((start, end))
                start = normalized.find(form, end)
        return sorted(original_span(source, s, e) for s, e in spans)

    def rendering_span(self, index: int, target: str) -> tuple[int, int] | None:
        """Where the rendering the consistency check saw is (the same rule picks it)."""
        used = self.matcher.used_rendering(index, target.lower(), target, TargetText(target))
        if used is None:
            return None
        return locate(target, self.matcher.allowed[index][used])


class _Cursor:
    """One checked file read again: segments looked up by (line, id), moving forward, with a
    window of recent segments and a fresh pass when a finding points behind it."""

    def __init__(self, path: Path, display: str, read: ReadOptions, fmt: str | None) -> None:
        self.path, self.display, self.read, self.fmt = path, display, read, fmt
        self.reverse = False
        self._stack = contextlib.ExitStack()
        self._segments: Iterator[Segment] | None = None
        self._window: OrderedDict[tuple[int | None, str], Segment] = OrderedDict()

    def _open(self) -> None:
        self.close()
        doc = self._stack.enter_context(open_document(self.path, self.read, self.display,
                                                      self.fmt))
        self.reverse = is_chinese(doc.target_lang) and not is_chinese(doc.source_lang)
        segments = iter(doc.segments)
        self._segments = segments
        self._stack.callback(lambda: getattr(segments, "close", lambda: None)())

    def _next(self) -> Segment | None:
        if self._segments is None:
            self._open()
        assert self._segments is not None
        segment = next(self._segments, None)
        if segment is not None:
            self._window[(segment.line, segment.id)] = segment
            if len(self._window) > WINDOW:
                self._window.popitem(last=False)
        return segment

    def find(self, line: int | None, segment_id: str | None) -> Segment | None:
        if segment_id is None:
            return None
        key = (line, segment_id)
        found = self._window.get(key)
        if found is not None:
            return found
        fresh = self._segments is None
        while True:
            segment = self._next()
            if segment is not None and (segment.line, segment.id) == key:
                return segment
            passed = segment is None or (line is not None and segment.line is not None
                                         and segment.line > line)
            if passed:
                if fresh:
                    return None  # not in the file (it changed since it was checked?)
                self._open()
                fresh = True

    def close(self) -> None:
        self._stack.close()
        self._segments = None


def contexts(findings: Iterable[Finding], matcher: Matcher, read: ReadOptions | None = None,
             fmt: str | None = None) -> Iterator[FindingContext]:
    """Each finding with its segment's texts, highlights, expected renderings and
    fingerprint, in the order given (file by file, as the checker reports them)."""
    read = read or ReadOptions()
    highlight = _Highlighter(matcher)
    cursor: _Cursor | None = None
    try:
        for seq, finding in enumerate(findings):
            if cursor is None or cursor.display != finding.file:
                if cursor is not None:
                    cursor.close()
                cursor = _Cursor(Path(finding.file), finding.file, read, fmt)
            segment = cursor.find(finding.line, finding.segment)
            yield _context(seq, finding, segment, cursor.reverse, highlight)
    finally:
        if cursor is not None:
            cursor.close()


def _context(seq: int, finding: Finding, segment: Segment | None, reverse: bool,
             highlight: _Highlighter) -> FindingContext:
    source: str | None = None
    target: str | None = None
    if segment is not None:
        source, target = (segment.target, segment.source) if reverse else \
            (segment.source, segment.target)
    elif finding.excerpt is not None:  # what the finding itself carries
        source = finding.excerpt if finding.span_in == "source" else None
        target = finding.excerpt if finding.span_in == "target" else None
    source_spans: list[tuple[int, int]] = []
    target_spans: list[tuple[int, int]] = []
    expected: list[str] = []
    found = highlight.concept(finding.concept)
    if found is not None:
        index, concept = found
        expected = [t.text for t in sorted(concept.allowed_en,
                                           key=lambda t: t.status != "preferred")]
        if source:
            source_spans = highlight.source_spans(index, source)
        if target and finding.rule == "term-inconsistent":
            span = highlight.rendering_span(index, target)
            if span is not None:
                target_spans.append(span)
    if finding.span is not None:
        if finding.span_in == "source" and source == finding.excerpt and \
                finding.span not in source_spans:
            source_spans = sorted([*(s for s in source_spans
                                     if s[1] <= finding.span[0] or s[0] >= finding.span[1]),
                                   finding.span])
        elif finding.span_in == "target" and target == finding.excerpt:
            target_spans = [finding.span]
    return FindingContext(seq, finding, source, target, source_spans, target_spans, expected,
                          fingerprint(finding, source, target))


class ContextSpool:
    """Finding contexts kept in order on disk (compressed blocks in an anonymous temp file),
    so that a report of half a million findings does not hold them in memory."""

    BLOCK = 256

    def __init__(self) -> None:
        self._disk = BlockFile()
        self._blocks: list[tuple[int, int]] = []
        self._buffer: list[FindingContext] = []
        self.count = 0

    def append(self, item: FindingContext) -> None:
        self._buffer.append(item)
        self.count += 1
        if len(self._buffer) >= self.BLOCK:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            data = zlib.compress(pickle.dumps(self._buffer, pickle.HIGHEST_PROTOCOL), 1)
            self._blocks.append((self._disk.append(data), len(data)))
            self._buffer = []

    def __iter__(self) -> Iterator[FindingContext]:
        for offset, length in self._blocks:
            block: list[FindingContext] = pickle.loads(zlib.decompress(
                self._disk.read(offset, length)))
            yield from block
        yield from list(self._buffer)

    def close(self) -> None:
        self._disk.close()
        self._blocks = []
        self._buffer = []
