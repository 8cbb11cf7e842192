"""A cache of built matchers, keyed on the term base's content, and of OpenCC conversions.

Loading a 50,000-concept term base means parsing 50,000 TOML files and converting every
Chinese term to three Traditional forms with a pure-Python OpenCC: about 13 s here. The
result depends only on the files' bytes (and this version of the toolkit), so it is kept
in `$POLICYGLOSSARY_CACHE_DIR`, else `$XDG_CACHE_HOME/policyglossary`, else
`~/.cache/policyglossary`, and rebuilt whenever a byte changes. `POLICYGLOSSARY_CACHE_DIR=off`
turns it off. Small term bases are not cached: building them is faster than hashing.

`lookup` keeps the OpenCC conversions of the terms it met (`load_conversions`): loading
OpenCC's dictionaries is most of a lookup's time, and the terms rarely change.

The content hash is remembered against the files' stat data (see `stat_key`), and only the
most recently used entries are kept. The cache is a pickle, so it is only read from a folder
that belongs to the current user and that no one else can write to.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .._version import __version__
from ..errors import OutputError
from ..formats import canonical
from ..matching.matcher import Matcher
from ..model import TermBase

CACHE_FORMAT = 5  # 5: TermBaseInfo gained primary_source_domains
MIN_CONCEPTS = 2000
"""Term bases smaller than this build faster than their cache key is computed."""


def cache_dir() -> Path | None:
    setting = os.environ.get("POLICYGLOSSARY_CACHE_DIR")
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "none") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policyglossary"


def _safe(folder: Path) -> bool:
    """The folder is ours and nobody else can write into it."""
    try:
        info = folder.stat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and \
        not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _files(path: Path) -> list[str]:
    """The files a term base is made of, as strings (50,000 Path objects cost a tenth of a
    second to make and to stat: a tenth of loading a cached term base)."""
    if not path.is_dir():
        return [str(path)]
    info = path / canonical.INFO_FILE
    concepts = str(path / canonical.CONCEPTS_DIR) + os.sep
    return ([str(info)] if info.exists() else []) + \
        [concepts + name for name in canonical.concept_names(path)]


def content_key(files: list[str]) -> str:
    """A digest of every byte the term base is made of (and of this toolkit's version)."""
    digest = hashlib.blake2b(f"{CACHE_FORMAT}:{__version__}".encode(), digest_size=20)
    for file in files:
        with open(file, "rb") as handle:
            data = handle.read()
        digest.update(os.path.basename(file).encode("utf-8"))
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


RACY_SECONDS = 2.0
"""A file changed this recently may change again within its timestamp's granularity."""


def stat_key(files: list[str]) -> tuple[str, bool]:
    """A digest of every file's name, size, inode and change times, and whether it may be
    trusted: like git's index, a file changed in the last moments may be changed again
    without its times moving, so such a term base is hashed byte by byte until it settles."""
    digest = hashlib.blake2b(f"{CACHE_FORMAT}:{__version__}:stat".encode(), digest_size=20)
    newest = 0
    for file in files:
        info = os.stat(file)
        newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
        digest.update(f"{file}\0{info.st_size}:{info.st_ino}:{info.st_mtime_ns}:"
                      f"{info.st_ctime_ns}\0".encode("utf-8", "surrogateescape"))
    settled = newest < time.time_ns() - RACY_SECONDS * 1e9
    return digest.hexdigest(), settled


def _known_key(folder: Path, files: list[str]) -> str:
    """The content key, read from a note keyed on the files' stat data when they have not
    changed since it was written: hashing 50,000 files' bytes took a second."""
    by_stat, settled = stat_key(files)
    note = folder / f"{by_stat}.key"
    if settled:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            known = note.read_text(encoding="ascii").strip()
            if len(known) == 40 and all(c in "0123456789abcdef" for c in known):
                return known
    key = content_key(files)
    if settled:
        _store(note, lambda handle: handle.write(key.encode("ascii") + b"\n"))
    return key


def _store(path: Path, write: Callable[[IO[bytes]], object]) -> bool:
    """Write a cache entry atomically, into a folder of our own; False when it cannot be
    (a full disk, a folder others can write to): the cache is best effort, never an error."""
    with contextlib.suppress(OSError, OutputError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if _safe(path.parent):
            from ..fsutil import atomic_write

            with atomic_write(path) as handle:
                write(handle)
            return True
    return False


def _worth_caching(path: Path, files: list[str]) -> bool:
    if path.is_dir():
        return len(files) >= MIN_CONCEPTS
    return path.stat().st_size > 1_000_000


def load_matcher(path: Path, load: Callable[[], TermBase]) -> Matcher:
    """The matcher for the term base at `path`, from the cache when its content is known."""
    folder = cache_dir()
    if folder is None:
        return Matcher(load())
    files = _files(path)
    if not _worth_caching(path, files):
        return Matcher(load())
    key = _known_key(folder, files)
    cached = folder / f"{key}.pickle"
    if cached.exists() and _safe(folder):
        with contextlib.suppress(Exception):  # a stale or broken entry is rebuilt
            with cached.open("rb") as handle:
                matcher = pickle.load(handle)
            if isinstance(matcher, Matcher):
                with contextlib.suppress(OSError):
                    os.utime(cached)  # recently used: kept by _prune
                return matcher
    matcher = Matcher(load())
    if _store(cached, lambda handle: pickle.dump(matcher, handle,
                                                 protocol=pickle.HIGHEST_PROTOCOL)):
        _prune(folder)
    return matcher


KEEP = {".pickle": 8, ".key": 256}
"""Cache entries kept per kind, most recently used first: each edit of a large term base
makes a new entry (about 11 MB for 50,000 concepts)."""


def _prune(folder: Path) -> None:
    for suffix, keep in KEEP.items():
        entries = []
        for entry in folder.iterdir():
            with contextlib.suppress(OSError):
                if entry.suffix == suffix and entry.is_file():
                    entries.append((entry.stat().st_mtime_ns, entry))
        entries.sort(reverse=True)
        for _, stale in entries[keep:]:
            with contextlib.suppress(OSError):
                stale.unlink()


CONVERSIONS_FILE = "opencc-conversions.json"
MAX_CONVERSIONS = 200_000
"""Conversions kept, the most recent; about 15 MB of JSON."""


def opencc_stamp() -> str:
    """A digest of the installed OpenCC's dictionaries and configurations (names, sizes and
    times): another OpenCC may convert differently, so its conversions are not reused."""
    from importlib.util import find_spec

    spec = find_spec("opencc")
    digest = hashlib.blake2b(f"{CACHE_FORMAT}:{__version__}:opencc".encode(), digest_size=20)
    if spec is None or spec.origin is None:
        return digest.hexdigest()
    root = Path(spec.origin).parent
    for folder in (root / "config", root / "dictionary"):
        with contextlib.suppress(OSError):
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                info = entry.stat()
                digest.update(f"{entry.name}\0{info.st_size}:{info.st_mtime_ns}\0".encode(
                    "utf-8", "surrogateescape"))
    return digest.hexdigest()


def load_conversions() -> dict[tuple[str, str], str]:
    """The OpenCC conversions remembered for this OpenCC, {(config, text): form}; empty when
    there are none, the cache is off, or the file is not ours or not as we write it."""
    folder = cache_dir()
    if folder is None or not _safe(folder):
        return {}
    with contextlib.suppress(OSError, ValueError, TypeError):
        with (folder / CONVERSIONS_FILE).open("rb") as handle:
            stored = json.load(handle)
        if isinstance(stored, dict) and stored.get("opencc") == opencc_stamp():
            return {(config, text): form for config, text, form in stored["conversions"]
                    if isinstance(config, str) and isinstance(text, str)
                    and isinstance(form, str)}
    return {}


def store_conversions(known: dict[tuple[str, str], str]) -> bool:
    """Remember `known` (the most recent MAX_CONVERSIONS) for the next run; best effort."""
    folder = cache_dir()
    if folder is None:
        return False
    kept = list(known.items())[-MAX_CONVERSIONS:]
    payload = json.dumps({"opencc": opencc_stamp(),
                          "conversions": [[c, t, f] for (c, t), f in kept]},
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _store(folder / CONVERSIONS_FILE, lambda handle: handle.write(payload))
