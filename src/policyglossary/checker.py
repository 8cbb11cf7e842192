"""The consistency checker: stream segments from files, run the registered checks."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .checks import CHECKS, CheckContext, Collector, Unit, exemptions, is_exempt
from .chinese import normalize_source
from .errors import InputError, Problem, UsageError
from .formats import ReadOptions, bilingual_extensions, open_document
from .langs import is_chinese
from .matching import Matcher, TargetText
from .model import Finding, Segment, TermBase


@dataclass(frozen=True, slots=True)
class CheckOptions:
    disabled: frozenset[str] = frozenset()
    read: ReadOptions = field(default_factory=ReadOptions)
    keep_going: bool = False
    """Go on with the other files when one cannot be read (the failure is reported)."""
    format: str | None = None
    """Read every file as this format instead of detecting it."""


@dataclass
class CheckResult:
    findings: list[Finding]
    files: list[str]
    segments: int
    failures: list[Problem]


def expand_paths(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Files to check: each file as given, and the bilingual files found under each directory
    (recursively, hidden folders skipped, in sorted order). Returns (path, display name)."""
    extensions = bilingual_extensions()
    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in extensions and not name.startswith("."):
                        file = Path(root) / name
                        found.append((file, str(file)))
        else:
            found.append((path, str(given)))
    return found


def _units(segments: Iterable[Segment], file: str, reverse: bool, matcher: Matcher,
           ctx: CheckContext) -> Iterator[Unit]:
    locations = ctx.locations
    for segment in segments:
        chinese, english = (segment.target, segment.source) if reverse else \
            (segment.source, segment.target)
        normalized = normalize_source(chinese)
        exempt = exemptions(segment.notes) if segment.notes else frozenset()
        seq = locations.add(file, segment.line, segment.id, exempt)
        yield Unit(seq, file, segment, chinese, TargetText(english), normalized,
                   matcher.find_terms(normalized), exempt)


def check_paths(paths: Sequence[str | Path], termbase: TermBase | Matcher,
                options: CheckOptions | None = None,
                progress: Callable[[int], None] | None = None) -> CheckResult:
    """Check bilingual files (or folders of them) against a term base."""
    options = options or CheckOptions()
    unknown = options.disabled - set(CHECKS)
    if unknown:
        raise UsageError(f"unknown check {sorted(unknown)[0]!r}; known: {', '.join(CHECKS)}")
    matcher = termbase if isinstance(termbase, Matcher) else Matcher(termbase)
    ctx = CheckContext(matcher)
    active = [info for info in CHECKS.values() if info.id not in options.disabled]
    segment_checks = [info.segment_check for info in active if info.segment_check]
    collectors: list[Collector] = [info.collector(ctx) for info in active if info.collector]
    findings: list[Finding] = []
    failures: list[Problem] = []
    files: list[str] = []
    count = 0
    targets = expand_paths(paths)
    if not targets:
        raise UsageError("no files to check")
    for path, display in targets:
        files.append(display)
        try:
            with open_document(path, options.read, display, options.format) as doc:
                reverse = is_chinese(doc.target_lang) and not is_chinese(doc.source_lang)
                for unit in _units(doc.segments, display, reverse, matcher, ctx):
                    count += 1
                    for segment_check in segment_checks:
                        for finding in segment_check(unit, ctx):
                            if not is_exempt(finding, unit.exempt):
                                findings.append(finding)
                    for item in collectors:
                        item.observe(unit)
                    if progress is not None and count % 1000 == 0:
                        progress(count)
        except InputError as exc:
            if not options.keep_going:
                raise
            failures.append(exc.problem)
    exempt = ctx.locations.exempt
    for item in collectors:
        for finding in item.finish():
            if not exempt or not any(is_exempt(finding, exempt.get(seq, frozenset()))
                                     for seq in _seqs_of(ctx, finding)):
                findings.append(finding)
    order = {name: index for index, name in enumerate(files)}
    findings.sort(key=lambda f: (order.get(f.file, len(order)), f.line or 0))
    return CheckResult(findings, files, count, failures)


def _seqs_of(ctx: CheckContext, finding: Finding) -> Iterator[int]:
    """Sequence numbers of exempted segments that a collector finding may refer to."""
    for seq in ctx.locations.exempt:
        file, line, segment_id = ctx.locations.get(seq)
        if file == finding.file and line == finding.line and segment_id == finding.segment:
            yield seq
