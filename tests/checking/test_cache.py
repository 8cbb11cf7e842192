"""The matcher cache: used when the term base is unchanged, rebuilt when a byte changes,
never trusted from a folder others can write to, never a reason for a check to fail."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from policyglossary.api import load_termbase
from policyglossary.checking import cache
from policyglossary.matching.matcher import Matcher

from ..conftest import concept


@pytest.fixture
def setup(tmp_path: Path, write_termbase: Callable[..., Path],
          monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICYGLOSSARY_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "MIN_CONCEPTS", 1)  # cache even a small term base
    path = write_termbase(concept("c1", "双千兆", "dual-gigabit"),
                          concept("c2", "专精特新", "specialized and sophisticated"))
    return path, folder


BUILDS: list[int] = []
"""One item per term base loaded from its files (not from the cache)."""


def _load(path: Path) -> Matcher:
    def load():  # type: ignore[no-untyped-def]
        BUILDS.append(1)
        return load_termbase(path)
    return cache.load_matcher(path, load)


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    BUILDS.clear()
    return BUILDS


def _settle(path: Path) -> None:
    """Make the files look long unchanged (mtime); ctime cannot be set, so the racy window
    is narrowed instead by the callers."""
    for file in path.rglob("*.toml"):
        os.utime(file, ns=(1_000_000_000, 1_000_000_000))


def test_second_load_comes_from_the_cache(setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, folder = setup
    builds = _count_builds(monkeypatch)
    first = _load(path)
    assert builds == [1] and len(list(folder.glob("*.pickle"))) == 1
    second = _load(path)
    assert builds == [1]  # not built again
    assert [m.concept for m in second.find_in("双千兆网络")] == \
        [m.concept for m in first.find_in("双千兆网络")] == [0]


def test_a_settled_term_base_is_not_hashed_again(setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, folder = setup
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    _settle(path)
    _load(path)
    assert len(list(folder.glob("*.key"))) == 1

    def refuse(files):  # type: ignore[no-untyped-def]
        raise AssertionError("hashed the files' bytes again")
    real = cache.content_key
    monkeypatch.setattr(cache, "content_key", refuse)
    _load(path)  # from the note: no hashing

    # the same size, one byte different: a new stat key, so the bytes are hashed again
    file = next(f for f in path.rglob("*.toml") if "dual-gigabit" in f.read_text("utf-8"))
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("dual-gigabit", "dual-gigabiT"), encoding="utf-8")
    monkeypatch.setattr(cache, "content_key", real)
    builds = _count_builds(monkeypatch)
    changed = _load(path)
    assert builds == [1]
    assert changed.allowed[0][0].term.text == "dual-gigabiT"


def test_a_just_changed_term_base_is_hashed_every_time(setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, folder = setup
    monkeypatch.setattr(cache, "RACY_SECONDS", 3600.0)  # everything is "just changed"
    hashed: list[int] = []
    real = cache.content_key
    monkeypatch.setattr(cache, "content_key", lambda files: hashed.append(1) or real(files))
    _load(path)
    _load(path)
    assert hashed == [1, 1] and not list(folder.glob("*.key"))


def test_a_folder_others_can_write_is_not_trusted(setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, folder = setup
    _load(path)
    folder.chmod(0o777)
    builds = _count_builds(monkeypatch)
    _load(path)
    assert builds == [1]  # the pickle there was not loaded


def test_a_cache_that_cannot_be_written_does_not_fail_the_check(setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, folder = setup

    def full_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(tempfile, "mkstemp", full_disk)
    matcher = _load(path)
    assert [m.concept for m in matcher.find_in("专精特新")] == [1]
    assert not list(folder.glob("*.pickle"))


def test_a_broken_cache_entry_is_rebuilt(setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, folder = setup
    _load(path)
    (entry,) = folder.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    builds = _count_builds(monkeypatch)
    assert [m.concept for m in _load(path).find_in("双千兆")] == [0]
    assert builds == [1]


def test_off_means_no_cache(setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, folder = setup
    monkeypatch.setenv("POLICYGLOSSARY_CACHE_DIR", "off")
    _load(path)
    assert not folder.exists()


def test_old_entries_are_pruned(setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, folder = setup
    monkeypatch.setattr(cache, "KEEP", {".pickle": 2, ".key": 2})
    (folder / "other.txt").parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    (folder / "other.txt").write_text("not ours")
    file = next(f for f in path.rglob("*.toml") if "gigabit" in f.read_text("utf-8"))
    original = file.read_text("utf-8")
    for number in range(4):  # four versions of the term base, four entries
        file.write_text(original.replace("gigabit", f"gigabit{number}"), "utf-8")
        _load(path)
    assert len(list(folder.glob("*.pickle"))) == 2 and (folder / "other.txt").exists()
    builds = _count_builds(monkeypatch)
    _load(path)  # the newest version is still cached
    assert builds == []
    file.write_text(original.replace("gigabit", "gigabit0"), "utf-8")
    _load(path)  # the oldest was pruned
    assert builds == [1]


@pytest.mark.parametrize(("env", "expected"), [
    ({"POLICYGLOSSARY_CACHE_DIR": "/srv/cache"}, "/srv/cache"),
    ({"POLICYGLOSSARY_CACHE_DIR": "OFF"}, None),
    ({"POLICYGLOSSARY_CACHE_DIR": " none "}, None),
    ({"POLICYGLOSSARY_CACHE_DIR": "0"}, None),
    ({"POLICYGLOSSARY_CACHE_DIR": ""}, None),
    ({"XDG_CACHE_HOME": "/xdg"}, "/xdg/policyglossary"),
    ({"HOME": "/home/translator"}, "/home/translator/.cache/policyglossary"),
], ids=["setting", "off", "none", "zero", "empty", "xdg", "home"])
def test_where_the_cache_lives(env: dict[str, str], expected: str | None,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("POLICYGLOSSARY_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache.cache_dir() == (None if expected is None else Path(expected))


def test_a_small_term_base_is_built_not_cached(tmp_path: Path, write_termbase,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICYGLOSSARY_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "MIN_CONCEPTS", 10)
    path = write_termbase(concept("c1", "双千兆", "dual-gigabit"),
                          concept("c2", "专精特新", "specialized and sophisticated"))
    builds = _count_builds(monkeypatch)
    _load(path)
    _load(path)
    assert builds == [1, 1] and not folder.exists()


def test_a_term_base_file_is_cached_when_large(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICYGLOSSARY_CACHE_DIR", str(folder))
    sheet = tmp_path / "glossary.csv"
    definition = "A long definition. " * 60_000  # more than a megabyte in one cell
    sheet.write_text(f"zh,en,definition\n双千兆,dual-gigabit,{definition}\n", encoding="utf-8")
    builds = _count_builds(monkeypatch)
    first = _load(sheet)
    second = _load(sheet)
    assert builds == [1] and len(list(folder.glob("*.pickle"))) == 1
    assert second.concepts[0].definition == first.concepts[0].definition == definition.strip()
    small = tmp_path / "small.csv"
    small.write_text("zh,en\n双千兆,dual-gigabit\n", encoding="utf-8")
    _load(small)
    assert builds == [1, 1] and len(list(folder.glob("*.pickle"))) == 1


def test_the_content_key_covers_names_sizes_and_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_bytes(b"xy")
    b.write_bytes(b"z")
    key = cache.content_key([a, b])
    assert len(key) == 40 and key == cache.content_key([a, b])
    b.write_bytes(b"")
    a.write_bytes(b"xyz")  # the same bytes in all, moved from one file to the other
    moved = cache.content_key([a, b])
    assert moved != key
    renamed = b.rename(tmp_path / "c.toml")  # the same bytes under another name
    assert cache.content_key([a, renamed]) != moved
