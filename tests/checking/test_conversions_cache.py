"""The OpenCC conversions `lookup` remembers between runs: the same hits without loading
OpenCC's dictionaries, never reused from another OpenCC, a broken file or a folder others
can write to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policyglossary import api
from policyglossary.checking import cache
from policyglossary.matching import chinese
from policyglossary.model import LookupHit

from ..conftest import GLOSSARY

QUERIES = ["雙千兆", "专精特新", "數位經濟", "千兆", "dual gigabit"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICYGLOSSARY_CACHE_DIR", str(folder))
    return folder


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process: nothing remembered in memory, no OpenCC dictionary loaded."""
    monkeypatch.setattr(chinese, "_remembered", None)
    chinese.converter.cache_clear()


def _seen(hits: list[LookupHit]) -> list[tuple[str, str, str, str, bool]]:
    return [(h.concept.id, h.text, h.lang, h.status, h.exact) for h in hits]


def _loaded_dictionaries() -> int:
    return chinese.converter.cache_info().currsize


def test_a_second_lookup_gives_the_same_hits_without_loading_opencc(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh_process(monkeypatch)
    first = {q: _seen(api.lookup(q, GLOSSARY)) for q in QUERIES}
    assert _loaded_dictionaries() == 4  # s2t, s2tw, s2hk and t2s for the query
    assert (folder / cache.CONVERSIONS_FILE).is_file()
    _fresh_process(monkeypatch)
    again = {q: _seen(api.lookup(q, GLOSSARY)) for q in QUERIES}
    assert again == first
    assert _loaded_dictionaries() == 1  # only t2s, which converts the query
    assert first["雙千兆"][0][:3] == ("dual-gigabit", "雙千兆", "zh-Hant")


def test_remembered_conversions_are_used_as_they_are(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The remembered form is what lookup matches (so the tests below, which show a planted
    form being ignored, could fail)."""
    cache.store_conversions({("s2t", "双千兆"): "双千兆X"})
    _fresh_process(monkeypatch)
    assert ("dual-gigabit", "双千兆X", "zh-Hant") in [
        hit[:3] for hit in _seen(api.lookup("双千兆X", GLOSSARY))]


@pytest.mark.parametrize("content", [
    b"not json",
    b'{"opencc": "another", "conversions": [["s2t", "\\u53cc\\u5343\\u5146", "X"]]}',
    b'{"conversions": [["s2t", "\\u53cc\\u5343\\u5146", "X"]]}',
    b"[]",
], ids=["broken", "another OpenCC", "no stamp", "not an object"])
def test_a_file_not_as_we_write_it_is_not_used(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                               content: bytes) -> None:
    folder.mkdir(mode=0o700)
    (folder / cache.CONVERSIONS_FILE).write_bytes(content)
    assert cache.load_conversions() == {}
    _fresh_process(monkeypatch)
    assert _seen(api.lookup("雙千兆", GLOSSARY))[0][:3] == ("dual-gigabit", "雙千兆", "zh-Hant")
    stored = json.loads((folder / cache.CONVERSIONS_FILE).read_bytes())
    assert stored["opencc"] == cache.opencc_stamp()  # rewritten with this OpenCC's forms


def test_a_folder_others_can_write_is_not_read(folder: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache.store_conversions({("s2t", "双千兆"): "X"})
    assert cache.load_conversions() == {("s2t", "双千兆"): "X"}
    folder.chmod(0o777)
    assert cache.load_conversions() == {}


def test_off_means_nothing_is_written(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYGLOSSARY_CACHE_DIR", "off")
    _fresh_process(monkeypatch)
    assert api.lookup("雙千兆", GLOSSARY)
    assert not folder.exists()


def test_only_the_most_recent_conversions_are_kept(folder: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_CONVERSIONS", 2)
    cache.store_conversions({("s2t", "一"): "一", ("s2t", "发"): "發", ("s2t", "国"): "國"})
    assert cache.load_conversions() == {("s2t", "发"): "發", ("s2t", "国"): "國"}


def test_the_stamp_follows_the_installed_opencc(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    """A different OpenCC (here: one whose dictionaries are elsewhere) gets another stamp."""
    from importlib.machinery import ModuleSpec

    here = cache.opencc_stamp()
    assert here == cache.opencc_stamp()
    fake = tmp_path / "opencc"
    (fake / "dictionary").mkdir(parents=True)
    (fake / "dictionary" / "STCharacters.txt").write_text("发\t發\n", encoding="utf-8")
    spec = ModuleSpec("opencc", None, origin=str(fake / "__init__.py"))
    monkeypatch.setattr("importlib.util.find_spec", lambda name: spec)
    assert cache.opencc_stamp() != here
