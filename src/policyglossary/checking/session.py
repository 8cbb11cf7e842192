"""The check session: stream segments from files through the registered checks.

This is the engine's one loop. `check_paths` opens each file (`formats`), hands its segments
to a `CheckSession` in batches; the session matches the Chinese side of a batch at once
(`matching.matcher`), lets the fast lane (`fastlane`) settle the segments it can prove clean,
runs the registered checks (`checks`) on the rest, spools findings (`spool`) and feeds the
consistency collectors; `finish` adds the collectors' findings and returns a `CheckResult`
that streams everything in file and line order. `--jobs` (`parallel`) runs sessions in
worker processes and absorbs their `Partial`s.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from ..checks import CHECKS, CheckContext, Collector, Unit, exemptions, is_exempt
from ..checks.terms import missing_finding
from ..errors import InputError, Problem, UsageError
from ..formats import ReadOptions, bilingual_extensions, detect, open_document
from ..langs import is_chinese
from ..matching.chinese import normalize_many
from ..matching.english import TargetText
from ..matching.matcher import Matcher
from ..model import Finding, Segment, TermBase, severity_counts
from .fastlane import quick_observation
from .locations import Locations
from .partial import Partial
from .sides import MissingSide, guarded
from .spool import FindingSpool

BATCH = 512
"""Segments normalised and matched together (one C call each instead of 512)."""
BATCH_CHARACTERS = 1 << 20
"""A batch ends early past this much text, so that memory stays flat with long segments."""
MAX_SEGMENT = 1_000_000
"""Characters a segment's source or target may have. Checking one holds several copies of
it and an object per term found (a million characters dense with terms take about 50 MB):
beyond this, memory would follow the input instead of staying under 300 MB."""


def _batches(segments: Iterable[Segment], size: int, file: str = "") \
        -> Iterator[list[Segment]]:
    batch: list[Segment] = []
    characters = 0
    for segment in segments:
        if len(segment.source) > MAX_SEGMENT or len(segment.target) > MAX_SEGMENT:
            side = "source" if len(segment.source) > MAX_SEGMENT else "target"
            raise InputError(file, f"segment {segment.id}: the {side} is longer than "
                                   f"{MAX_SEGMENT:,} characters (the limit of a segment)",
                             segment.line)
        batch.append(segment)
        characters += len(segment.source) + len(segment.target)
        if len(batch) == size or characters > BATCH_CHARACTERS:
            yield batch
            batch, characters = [], 0
    if batch:
        yield batch


@dataclass(frozen=True, slots=True)
class CheckOptions:
    disabled: frozenset[str] = frozenset()
    read: ReadOptions = field(default_factory=ReadOptions)
    keep_going: bool = False
    """Go on with the other files when one cannot be read (the failure is reported)."""
    format: str | None = None
    """Read every file as this format instead of detecting it."""
    jobs: int = 1
    """Processes that check a large TMX or PO file together (see `parallel.py`)."""
    fast_lane: bool = True
    """Let segments proven clean by substring tests skip the full checks (same findings;
    off only to test that claim)."""


@dataclass
class CheckResult:
    """What a check found. The findings may be on disk (see `spool.py`): `iter_findings`
    streams them in order; `findings` loads them all."""

    files: list[str]
    segments: int
    failures: list[Problem]
    counts: dict[str, int]
    """Findings by severity."""
    _stream: Callable[[], Iterator[Finding]]
    warnings: list[str] = field(default_factory=list)
    """Files that were read but held no segments (an empty PO, CSV or TSV file)."""

    def iter_findings(self) -> Iterator[Finding]:
        return self._stream()

    @property
    def findings(self) -> list[Finding]:
        return list(self._stream())


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


class CheckSession:
    """Checks segments from any number of files; consistency findings come at `finish`."""

    def __init__(self, termbase: TermBase | Matcher, options: CheckOptions | None = None) \
            -> None:
        self.options = options or CheckOptions()
        unknown = self.options.disabled - set(CHECKS)
        if unknown:
            raise UsageError(f"unknown check {sorted(unknown)[0]!r}; known: "
                             f"{', '.join(CHECKS)}")
        self.matcher = termbase if isinstance(termbase, Matcher) else Matcher(termbase)
        self.locations = Locations()
        self.ctx = CheckContext(self.matcher, self.locations)
        active = [info for info in CHECKS.values() if info.id not in self.options.disabled]
        # The lane decides for every check or for none: one that has not opted in must see
        # every segment (`CheckInfo.fast_lane`).
        self.fast_lane = self.options.fast_lane and all(info.fast_lane for info in active)
        self._segment_checks = [info.segment_check for info in active if info.segment_check]
        self._report_missing = "term-missing" not in self.options.disabled
        self._collectors: list[Collector] = [info.collector(self.ctx) for info in active
                                             if info.collector]
        self.files: list[str] = []
        self._file_order: dict[str, int] = {}
        self.findings = FindingSpool(self._order_key)
        self.segments = 0

    def _order_key(self, finding: Finding) -> tuple[int, int]:
        return self._file_order.get(finding.file, len(self._file_order)), finding.line or 0

    def add_file(self, file: str) -> None:
        if file not in self._file_order:
            self._file_order[file] = len(self.files)
            self.files.append(file)

    def add(self, segments: Iterable[Segment], file: str, reverse: bool = False,
            progress: Callable[[int], None] | None = None) -> None:
        """Check the segments of one file (`reverse`: the target is the Chinese side)."""
        self.add_file(file)
        for batch in _batches(segments, BATCH, file):
            self._add_batch(batch, file, reverse)
            if progress is not None:
                progress(self.segments)

    def _add_batch(self, batch: list[Segment], file: str, reverse: bool) -> None:
        matcher, ctx, findings = self.matcher, self.ctx, self.findings
        locations = self.locations
        fast = self.fast_lane
        chinese = [s.target if reverse else s.source for s in batch]
        normalized = normalize_many(chinese)
        all_matches = matcher.find_matches_many(normalized)
        for segment, source, norm, matches in zip(batch, chinese, normalized, all_matches,
                                                  strict=True):
            english = segment.source if reverse else segment.target
            self.segments += 1
            if fast and not segment.notes and segment.state in ("translated", "final") and \
                    english.strip() and source.strip():
                seq = locations.add(file, segment.line, segment.id, frozenset())
                quick = quick_observation(matcher, seq, norm, matches, english,
                                          segment.state, self._report_missing)
                if quick is not None:
                    observation, missing = quick
                    for match in missing:
                        findings.append(missing_finding(
                            Unit(seq, file, segment, source, TargetText(english), norm,
                                 matches, frozenset()), ctx, match))
                    for item in self._collectors:
                        item.observe(observation)
                    continue
            else:
                exempt = exemptions(segment.notes) if segment.notes else frozenset()
                seq = locations.add(file, segment.line, segment.id, exempt)
            unit = Unit(seq, file, segment, source, TargetText(english), norm, matches,
                        locations.exempt.get(seq, frozenset()))
            for segment_check in self._segment_checks:
                for finding in segment_check(unit, ctx):
                    if not is_exempt(finding, unit.exempt):
                        findings.append(finding)
            if self._collectors:
                observation = unit.observation(matcher)
                for item in self._collectors:
                    item.observe(observation)

    def spawn(self) -> CheckSession:
        """A new, empty session with the same matcher and options (a --jobs worker's)."""
        return CheckSession(self.matcher, self.options)

    def partial(self) -> Partial:
        """Everything a --jobs worker hands back: findings so far, locations, collector state."""
        return Partial(self.findings.export_runs(), self.findings.counts, self.segments,
                       self.files, self.locations.state(),
                       [item.state() for item in self._collectors])

    def absorb(self, partial: Partial) -> None:
        """Merge a worker's `partial()`; workers' results must come in file order."""
        offset = self.locations.absorb(partial.locations)
        for item, state in zip(self._collectors, partial.collectors, strict=True):
            item.absorb(state, offset)
        self.findings.import_runs(partial.findings, partial.counts)
        self.segments += partial.segments
        for name in partial.files:
            self.add_file(name)

    def finish(self) -> CheckResult:
        """Every finding, consistency checks included, in file and line order."""
        exempt = self.locations.exempt
        late = FindingSpool(self._order_key)  # a million segments may give 100,000 of these
        for item in self._collectors:
            for finding in item.finish():
                if not exempt or not any(is_exempt(finding, exempt.get(seq, frozenset()))
                                         for seq in _seqs_of(self.locations, finding)):
                    late.append(finding)
        counts = self.findings.counts + late.counts
        return CheckResult(self.files, self.segments, [], severity_counts(counts),
                           lambda: self.findings.merged(late))


Progress = Callable[[int, int, int, str], None]
"""Called now and then while checking: (segments checked, bytes read, bytes in all files,
the file being read)."""


def check_paths(paths: Sequence[str | Path], termbase: TermBase | Matcher,
                options: CheckOptions | None = None,
                progress: Progress | None = None) -> CheckResult:
    """Check bilingual files (or folders of them) against a term base."""
    session = CheckSession(termbase, options)
    # every plural form of a PO message is checked (convert keeps msgstr[0] only)
    options = replace(session.options, read=replace(session.options.read, plural_forms=True))
    targets = expand_paths(paths)
    if not targets:
        raise UsageError("no files to check")
    failures: list[Problem] = []
    ticker = _Ticker(progress, sum(_size(path) for path, _ in targets))
    warnings: list[str] = []
    for path, display in targets:
        tick = ticker.tick if progress is not None else None
        ticker.file = display
        before = session.segments
        try:
            with open_document(path, options.read, display, options.format,
                               ticker.opened) as doc:
                reverse = is_chinese(doc.target_lang) and not is_chinese(doc.source_lang)
                # a file without a Chinese or an English side is refused before any of it
                # is checked
                segments = guarded(doc.segments, display, doc, reverse)
                chunks = None
                if options.jobs > 1:
                    from . import parallel

                    spec = options.format or detect(path).name
                    read = replace(options.read, encoding=options.read.encoding or
                                   doc.properties.get("encoding"))
                    chunks = parallel.plan(path, display, spec, options.jobs, read, reverse)
                if chunks is None:
                    session.add(segments, display, reverse, tick)
            if chunks is not None:
                from . import parallel

                parallel.run(chunks, session, options.jobs, tick)
            if session.segments == before:
                warnings.append(f"{display}: no segments (an empty file?)")
        except MissingSide as exc:
            if not options.keep_going:
                raise
            warnings.append(f"{exc}; not checked")
        except InputError as exc:
            if not options.keep_going:
                raise
            failures.append(exc.problem)
            session.add_file(display)
        ticker.next_file(_size(path))
    result = session.finish()
    result.failures = failures
    result.warnings = warnings
    return result


class _Ticker:
    """Turns "segments checked, position in this file" into `Progress` calls."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0
        self.handle: IO[bytes] | None = None
        self.file = ""

    def opened(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def tick(self, segments: int, position: int | None = None) -> None:
        if self.progress is None:
            return
        if position is None:
            position = 0
            if self.handle is not None and not self.handle.closed:
                position = self.handle.tell()
        self.progress(segments, min(self.total, self.done + position), self.total, self.file)

    def next_file(self, size: int) -> None:
        self.done += size
        self.handle = None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _seqs_of(locations: Locations, finding: Finding) -> Iterator[int]:
    """Sequence numbers of exempted segments that a collector finding may refer to."""
    for seq in locations.exempt:
        file, line, segment_id = locations.get(seq)
        if file == finding.file and line == finding.line and segment_id == finding.segment:
            yield seq
