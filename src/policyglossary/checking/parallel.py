"""`check --jobs N`: one large TMX, PO or XLIFF file checked by N processes at once.

The file is cut into byte ranges on unit boundaries (`<tu` for TMX, `<trans-unit` or `<unit`
for XLIFF, a blank line before an entry for PO). Each worker process parses and checks its
ranges on its own: no segment text crosses a process boundary, only findings and the compact
records the consistency checks keep. A worker sees its range wrapped so that it is a document
of its own with the file's own line numbers (the TMX prolog and header, or everything before
the first XLIFF unit, in front; blank lines for the lines before the range; the closing tags
after), so every finding and every error names the line in the real file.

Workers are forked from the parent, so they share its term base and matcher and Python's
string hashes agree across them (the consistency checks compare hashes). Files that cannot
be cut this way are checked in one process: small files, files not in UTF-8, other formats,
TMX or XLIFF with comments or CDATA sections, and XLIFF with several <file>s or <group>s.
"""

from __future__ import annotations

import contextlib
import mmap
import multiprocessing
import re
from collections import deque
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, replace
from itertools import islice, pairwise
from pathlib import Path
from typing import Protocol

from ..columns import RepeatFinder
from ..errors import PolicyGlossaryError
from ..formats import ReadOptions, fail_on_repeat, get
from ..model import Segment
from .partial import Partial

MIN_BYTES = 4 * 1024 * 1024
"""Files smaller than this are checked in one process: starting workers costs more."""
CHUNKS_PER_JOB = 8
"""More ranges than workers, so that a slow range does not leave a core idle."""
CHUNK_BYTES = 16 * 1024 * 1024
"""Ranges are no larger than this, so that what a worker hands back stays small."""

_TU = re.compile(rb"<tu[\s>]")
_BODY = re.compile(rb"<body\s*>")
_PO_ENTRY = re.compile(rb"\n[ \t]*\n(?=[#m])")
_HIDDEN = re.compile(rb"<!(?:--|\[CDATA\[)|<\?")
"""Comments, CDATA sections and processing instructions: any of them may hold a "<tu" or
"<trans-unit" that is not a unit."""
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml[^>]*\?>")
_XLIFF_UNIT = re.compile(rb"<((?:[\w.-]+:)?(?:trans-unit|unit))[\s>]")
_XLIFF_STRUCTURE = re.compile(rb"</?(?:[\w.-]+:)?(?:group|file|body|xliff)[\s>/]")


@dataclass(frozen=True, slots=True)
class Chunk:
    path: str
    display: str
    format: str
    prefix: bytes
    """Bytes put in front of the range (the TMX prolog and header)."""
    start: int
    end: int
    suffix: bytes
    padding: int
    """Newlines between the prefix and the range, so that line numbers come out right."""
    index_offset: int
    """Units before the range (a TMX unit without tuid is named by its position)."""
    reverse: bool
    read: ReadOptions


def plan(path: Path, display: str, fmt: str, jobs: int, read: ReadOptions,
         reverse: bool) -> list[Chunk] | None:
    """Byte ranges of `path` for `jobs` workers, or None when the file is not to be split.
    The lines and units before each range are left at 0: `run` counts them as it hands the
    ranges out."""
    if jobs < 2 or fmt not in ("tmx", "po", "xliff", "xliff2") or \
            path.stat().st_size < MIN_BYTES:
        return None
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0,
                                              access=mmap.ACCESS_READ) as data:
        head = data[:4096]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:200]:
            return None  # UTF-16: ranges would have to be cut on code units
        declared = re.search(rb"encoding\s*=\s*[\"']([^\"']+)", head)
        if fmt != "po" and declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            return None
        if fmt == "tmx":
            return _plan_tmx(path, display, data, jobs, read, reverse)
        if fmt == "po":
            return _plan_po(path, display, data, jobs, read, reverse)
        return _plan_xliff(path, display, data, jobs, read, reverse)


def _parts(size: int, jobs: int) -> int:
    return max(jobs * CHUNKS_PER_JOB, -(-size // CHUNK_BYTES))


def _cuts(data: mmap.mmap, begin: int, end: int, parts: int, boundary: re.Pattern[bytes]) \
        -> list[int]:
    cuts = [begin]
    step = (end - begin) // parts
    for number in range(1, parts):
        found = boundary.search(data, max(cuts[-1] + 1, begin + number * step), end)
        if found is None:
            break
        if found.start() > cuts[-1]:
            cuts.append(found.start())
    cuts.append(end)
    return cuts


def _plan_tmx(path: Path, display: str, data: mmap.mmap, jobs: int, read: ReadOptions,
              reverse: bool) -> list[Chunk] | None:
    body = _BODY.search(data, 0, min(len(data), 1 << 20))
    closing = data.rfind(b"</body>")
    if body is None or closing < body.end():
        return None
    if _contains(data, _HIDDEN, body.end(), closing):
        return None  # "<tu" in a comment, CDATA section or PI would be taken for a unit
    prefix = bytes(data[:body.end()])
    cuts = _cuts(data, body.end(), closing, _parts(closing - body.end(), jobs), _TU)
    return [Chunk(str(path), display, "tmx", prefix, start, end, b"</body></tmx>", 0, 0,
                  reverse, read) for start, end in pairwise(cuts)]


def _plan_po(path: Path, display: str, data: mmap.mmap, jobs: int, read: ReadOptions,
             reverse: bool) -> list[Chunk] | None:
    cuts = _cuts(data, 0, len(data), _parts(len(data), jobs), _PO_ENTRY)
    return [Chunk(str(path), display, "po", b"", start, end, b"", 0, 0, reverse, read)
            for start, end in pairwise(cuts)]


def _plan_xliff(path: Path, display: str, data: mmap.mmap, jobs: int, read: ReadOptions,
                reverse: bool) -> list[Chunk] | None:
    """XLIFF 1.2 or 2.x with its units side by side: one <file>, no <group>. Every range gets
    what comes before the first unit (the root, the file and its languages) and what comes
    after the last (the closing tags)."""
    first = _XLIFF_UNIT.search(data)
    if first is None:
        return None
    name = first.group(1)  # the unit element's name as written (trans-unit or unit)
    last = data.rfind(b"</" + name)
    end = data.find(b">", last) + 1 if last > first.start() else 0
    declaration = _DECLARATION.match(data)
    after = declaration.end() if declaration else 0
    if not end or _contains(data, _HIDDEN, after, len(data)) or \
            _contains(data, _XLIFF_STRUCTURE, first.start(), end):
        return None  # a comment could hide a unit; groups and files cannot be cut apart
    prefix, suffix = bytes(data[:first.start()]), bytes(data[end:])
    unit = re.compile(b"<" + re.escape(name) + rb"[\s>]")
    cuts = _cuts(data, first.start(), end, _parts(end - first.start(), jobs), unit)
    return [Chunk(str(path), display, "xliff", prefix, start, stop, suffix, 0, 0, reverse,
                  read) for start, stop in pairwise(cuts)]


def _placed(chunks: list[Chunk]) -> Generator[Chunk, None, None]:
    """The chunks with the lines (and TMX units) before each filled in. They are counted as
    the chunks are handed out, so that counting overlaps the workers' checking instead of
    delaying their start (about 1.5 s for 500 MB)."""
    lines = units = 0
    with Path(chunks[0].path).open("rb") as handle, \
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for chunk in chunks:
            yield replace(chunk, padding=lines, index_offset=units)
            piece = data[chunk.start:chunk.end]
            _forget(data, chunk.start, chunk.end)
            lines += piece.count(b"\n")
            if chunk.format == "tmx":
                units += len(_TU.findall(piece))


def _contains(data: mmap.mmap, pattern: re.Pattern[bytes], begin: int, end: int) -> bool:
    """Whether `pattern` (matching at most 256 bytes) occurs in data[begin:end]. Searched a
    window at a time, each forgotten once searched: the pages of a mapped file count as this
    process's memory while they stay mapped (500 MB for a 500 MB file)."""
    for start in range(begin, end, CHUNK_BYTES):
        stop = min(end, start + CHUNK_BYTES + 256)  # windows overlap: a match may straddle
        found = pattern.search(data, start, stop)
        _forget(data, start, min(end, start + CHUNK_BYTES))
        if found:
            return True
    return False


def _forget(data: mmap.mmap, start: int, end: int) -> None:
    """Unmap the pages of a range counted already: reading a 500 MB file through the map
    otherwise leaves all of it in this process's resident memory until the map closes."""
    aligned = start - start % mmap.PAGESIZE
    with contextlib.suppress(OSError, ValueError, AttributeError):
        data.madvise(mmap.MADV_DONTNEED, aligned, end - aligned)


class Session(Protocol):
    """What `run` needs of a check session (`session.CheckSession`)."""

    segments: int

    def spawn(self) -> Session: ...

    def add(self, segments: Iterable[Segment], file: str, reverse: bool = False,
            progress: Callable[[int], None] | None = None) -> None: ...

    def partial(self) -> Partial: ...

    def absorb(self, partial: Partial) -> None: ...


# The session whose matcher and options the workers use: set in the parent before forking.
_PARENT: list[Session] = []


def _check_chunk(chunk: Chunk) -> Partial:
    import io

    session = _PARENT[0].spawn()
    with Path(chunk.path).open("rb") as handle:
        handle.seek(chunk.start)
        body = handle.read(chunk.end - chunk.start)
    data = chunk.prefix + b"\n" * chunk.padding + body + chunk.suffix
    reader = get(chunk.format).functions().read_doc
    assert reader is not None  # plan() cuts only formats that check reads
    repeats = RepeatFinder() if chunk.format == "po" else None
    read = replace(chunk.read, index_offset=chunk.index_offset, repeats=repeats)
    doc = reader(io.BytesIO(data), chunk.display, read)
    session.add(doc.segments, chunk.display, chunk.reverse)
    partial = session.partial()
    if repeats is not None:
        partial.repeats = repeats.state()
        repeats.close()
    return partial


def run(chunks: list[Chunk], session: Session, jobs: int,
        progress: Callable[[int, int], None] | None = None) -> None:
    """Check the chunks in `jobs` forked workers; merge their results into `session`, in
    file order. At most `jobs + 1` results wait to be merged, so memory stays flat however
    large the file."""
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if not chunks:
        return
    _PARENT[:] = [session]
    pending: deque[tuple[Chunk, Future[Partial]]] = deque()
    queue = _placed(chunks)
    # A PO file's duplicate messages may be in different parts: looked for across all.
    repeats = RepeatFinder() if chunks[0].format == "po" else None
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk in islice(queue, jobs + 1):
                pending.append((chunk, pool.submit(_check_chunk, chunk)))
            while pending:
                chunk, future = pending.popleft()
                result = future.result()
                for following in islice(queue, 1):
                    pending.append((following, pool.submit(_check_chunk, following)))
                if repeats is not None and result.repeats is not None:
                    repeats.absorb(result.repeats)
                    result.repeats = None
                session.absorb(result)
                if progress is not None:
                    progress(session.segments, chunk.end)
    except BrokenProcessPool:
        raise PolicyGlossaryError("a --jobs worker process died (out of memory?); "
                                  "try fewer --jobs") from None
    finally:
        _PARENT.clear()
        queue.close()  # its map of the file
    if repeats is not None:
        fail_on_repeat(repeats, chunks[0].display)
