"""A cache of built matchers, keyed on the term base's content.

Loading a 50,000-concept term base means parsing 50,000 TOML files and converting every
Chinese term to three Traditional forms with a pure-Python OpenCC: about 13 s here. The
result depends only on the files' bytes (and this version of the toolkit), so it is kept
in `$POLICYGLOSSARY_CACHE_DIR`, else `$XDG_CACHE_HOME/policyglossary`, else
`~/.cache/policyglossary`, and rebuilt whenever a byte changes. `POLICYGLOSSARY_CACHE_DIR=off`
turns it off. Small term bases are not cached: building them is faster than hashing.

The cache is a pickle, so it is only read from a folder that belongs to the current user and
that no one else can write to.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .formats import canonical
from .matcher import Matcher
from .model import TermBase

CACHE_FORMAT = 2
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


def _files(path: Path) -> list[Path]:
    """The files a term base is made of."""
    if not path.is_dir():
        return [path]
    info = path / canonical.INFO_FILE
    return ([info] if info.exists() else []) + canonical.concept_files(path)


def content_key(files: list[Path]) -> str:
    """A digest of every byte the term base is made of (and of this toolkit's version)."""
    digest = hashlib.blake2b(f"{CACHE_FORMAT}:{__version__}".encode(), digest_size=20)
    for file in files:
        data = file.read_bytes()
        digest.update(file.name.encode("utf-8"))
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _worth_caching(path: Path, files: list[Path]) -> bool:
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
    key = content_key(files)
    cached = folder / f"{key}.pickle"
    if cached.exists() and _safe(folder):
        with contextlib.suppress(Exception):  # a stale or broken entry is rebuilt
            with cached.open("rb") as handle:
                matcher = pickle.load(handle)
            if isinstance(matcher, Matcher):
                return matcher
    matcher = Matcher(load())
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if _safe(folder):
            from .fsutil import atomic_write

            with atomic_write(cached) as handle:
                pickle.dump(matcher, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return matcher
