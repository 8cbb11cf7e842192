"""File-system helpers: atomic writes and encoding detection for text inputs."""

from __future__ import annotations

import codecs
import contextlib
import functools
import io
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

from .errors import InputError, OutputError


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back until the block is done, then raise KeyboardInterrupt.

    Around the steps that create, rename or remove a temporary file: an interrupt between
    creating a temporary file and noting it down (or in the middle of the renames that
    commit an import) would leave it behind. Only the main thread can handle signals;
    elsewhere the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: received.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary file in the same folder, then rename it over `path`.

    An interrupted write (an exception, Ctrl-C, a full disk) leaves the old file as it was
    and no temporary file behind. Text writers wrap the binary handle themselves.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with interrupts_deferred():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=folder)
            tmp = Path(tmp_name)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            # Keep the permissions an existing file had (mkstemp creates 0600).
            os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        with interrupts_deferred():
            os.replace(tmp, path)
    except BaseException as exc:
        with interrupts_deferred(), contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(head: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the BOM's length."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    return None


# Legacy encodings tried, in order, when a file has no BOM, no declaration and is not UTF-8.
# GB18030 is a superset of GBK and GB2312; it decodes most byte strings, so Big5 is tried
# only where the text would be implausible as GB18030 (see `decode_text`).
_FALLBACKS = ("gb18030", "big5")


def decode_text(data: bytes, path: str, encoding: str | None = None,
                declared: str | None = None) -> str:
    """Decode a text file: forced encoding, else BOM, else declared charset, else detection.

    NUL bytes in the decoded text are an error: no text format we read may contain them, and
    they usually mean a UTF-16 file without a BOM or a binary file.
    """
    chosen = encoding
    start = 0
    if chosen is None:
        bom = bom_encoding(data[:4])
        if bom:
            chosen, start = bom
        elif declared:
            chosen = declared
    if chosen is not None:
        try:
            codecs.lookup(chosen)
        except LookupError:
            where = " given with --encoding" if encoding else " declared in the file"
            raise InputError(path, f"unknown encoding {chosen!r}{where}") from None
        try:
            text = data[start:].decode(chosen)
        except UnicodeDecodeError as exc:
            line = data[start:start + exc.start].count(b"\n") + 1
            raise InputError(path, f"cannot decode as {chosen}: {exc.reason}", line) from None
    else:
        text = _detect(data, path)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(path, "NUL character in text (binary file or UTF-16 without BOM?)",
                         text.count("\n", 0, nul) + 1)
    return text


def _detect(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    candidates = []
    for name in _FALLBACKS:
        try:
            candidates.append((name, data.decode(name)))
        except UnicodeDecodeError:
            continue
    if not candidates:
        line = data[:utf8_error.start].count(b"\n") + 1
        raise InputError(path, "not UTF-8 and not GB18030 or Big5; use --encoding", line)
    # Text valid in both: prefer the one whose characters are common in the script.
    return max(candidates, key=lambda c: _plausibility(c[1]))[1]


def _plausibility(text: str) -> float:
    """Share of characters in the CJK Unified Ideographs block's most common range.

    Big5 bytes decoded as GB18030 give rare ideographs and symbols, and the other way round.
    """
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fa5")
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or "\u3400" <= ch <= "\u4dbf"
              or "\u9fa6" <= ch <= "\u9fff")
    return (cjk - 5 * odd) / max(1, len(text))


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """Read a whole input file, with a clear error for every way that can fail."""
    try:
        with open(path, "rb") as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if limit is not None and len(data) > limit:
        raise InputError(str(path), f"larger than the limit of {limit} bytes")
    return data


def detect_stream_encoding(head: bytes, path: str, forced: str | None = None) -> tuple[str, int]:
    """(encoding, BOM length) for a text stream from its first bytes.

    Forced encoding, else BOM, else UTF-8 if the sample decodes (a multi-byte character cut
    at the end of the sample is allowed), else GB18030 or Big5, whichever reads more
    plausibly as Chinese.
    """
    if forced:
        try:
            codecs.lookup(forced)
        except LookupError:
            raise InputError(path, f"unknown encoding {forced!r} given with --encoding") \
                from None
        return forced, 0
    bom = bom_encoding(head[:4])
    if bom:
        return bom
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8", 0
    except UnicodeDecodeError:
        pass
    candidates = []
    for name in _FALLBACKS:
        try:
            candidates.append((name, codecs.getincrementaldecoder(name)().decode(
                head, final=False)))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError(path, "not UTF-8, GB18030 or Big5 text; use --encoding", 1)
    return max(candidates, key=lambda c: _plausibility(c[1]))[0], 0


MAX_FIELD = 16 * 1024 * 1024
"""Characters one field, segment or line of a text input may have: beyond it a file is refused
(a 195 MB msgstr line would take gigabytes to hold). XML readers have libxml2's own limit of
10,000,000 characters per text."""


def field_too_long() -> str:
    return f"longer than {MAX_FIELD:,} characters (the limit of one field or segment)"


def bounded_lines(stream: IO[str], limit: int = MAX_FIELD) -> Iterator[str]:
    """The lines of `stream`, each read only up to `limit` characters: a longer one comes out
    cut (without its line end), and the caller refuses it."""
    return iter(functools.partial(stream.readline, limit + 1), "")


def text_lines(stream: IO[str], path: str) -> Iterator[tuple[int, str]]:
    """Numbered lines of a decoded stream; decoding errors, NUL bytes and lines longer than
    `MAX_FIELD` become InputErrors."""
    number = 0
    lines = bounded_lines(stream)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            encoding = getattr(stream, "encoding", "?")
            # the wrapper decodes 8 KB at a time, ahead of the lines handed out: find the line
            where = _decode_error_line(getattr(stream, "buffer", None), encoding) or number + 1
            raise InputError(path, f"cannot decode as {encoding}: {exc.reason}", where) from None
        number += 1
        if "\x00" in line:
            raise InputError(path, "NUL character in text", number)
        if len(line) > MAX_FIELD:
            raise InputError(path, f"line {field_too_long()}", number)
        yield number, line


def _decode_error_line(source: IO[bytes] | None, encoding: str) -> int | None:
    """The line on which `source` stops decoding as `encoding`, read again from the start
    piece by piece (only ever run to report an error)."""
    try:
        if source is None:
            return None
        source.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
    except (OSError, LookupError, ValueError):
        return None
    line, previous = 1, ""
    for piece in iter(source.readline, b""):
        try:
            text = decoder.decode(piece)
        except UnicodeDecodeError:
            return line
        line += text.count("\n") + text.count("\r") - text.count("\r\n") - \
            (previous == "\r" and text.startswith("\n"))
        previous = text[-1:] or previous
    return None


def temp_space_error(exc: OSError) -> OutputError:
    """The error for temporary data (spooled findings, spilled columns) that cannot be
    written: it names the folder, which the user can change with TMPDIR."""
    return OutputError(f"cannot write temporary data in {tempfile.gettempdir()}: "
                       f"{exc.strerror or exc} (set TMPDIR to a folder with more room)")


def close_quietly(file: IO[bytes]) -> None:
    """Close a temporary file whose content no longer matters: on a full disk, closing a
    buffered file fails to flush, and at exit that would print a traceback."""
    with contextlib.suppress(OSError):
        file.close()


def buffered(source: IO[bytes]) -> io.BufferedReader:
    """`source` as a BufferedReader, whose peek() lets readers sniff without consuming."""
    if isinstance(source, io.BufferedReader):
        return source
    return _BorrowedBuffer(cast(io.RawIOBase, source))


class _LetsGo:
    """A layer over a stream the caller opened and will close.

    Readers stream: the caller may stop iterating early (an error, `head`, a partial read)
    and drop the reader. A plain io wrapper would then close the caller's stream when it is
    collected (with a ResourceWarning in development mode); these let go of it instead.
    """

    def __del__(self) -> None:
        with contextlib.suppress(ValueError):  # detached or closed already
            cast(io.BufferedIOBase, self).detach()


class _BorrowedBuffer(_LetsGo, io.BufferedReader):
    """A buffer over a stream the caller owns."""


class BorrowedText(_LetsGo, io.TextIOWrapper):
    """A text layer over a binary stream the caller owns."""
