"""translate-toolkit (the library behind Pootle, Virtaal and Weblate's converters) reads our
exports as we mean them: its TM matcher fills every Chinese term with the preferred rendering
from our term TMX (it takes the *first* unit of a source, OmegaT the last), its TBX reader
gives each headword its preferred rendering, and it reads the language tags `convert` writes
from a PO with POSIX locales."""

from __future__ import annotations

import io
from pathlib import Path

import polib
import pytest
from lxml import etree

from policyglossary import api
from policyglossary.formats import WriteOptions
from policyglossary.formats.canonical import read_dir
from policyglossary.model import TermBase

from ..conftest import GLOSSARY, INTEROP, TRANSLATIONS, needs_shared
from .helpers import chinese_terms, preferred, status_of

pytestmark = pytest.mark.slow
tmx = pytest.importorskip("translate.storage.tmx")


@pytest.fixture(scope="module")
def termbase() -> TermBase:
    return read_dir(GLOSSARY)


def _matched(memory: Path, terms: list[str]) -> dict[str, str]:
    """What translate-toolkit's TM matcher (pretranslate, Virtaal) proposes for each term."""
    from translate.search import match

    # one candidate: with several of equal quality the matcher cannot order them (a bug)
    matcher = match.matcher(tmx.tmxfile.parsefile(str(memory)), max_candidates=1,
                            min_similarity=100, max_length=1000)
    found = {}
    for term in terms:
        candidates = matcher.matches(term)
        found[term] = candidates[0].target if candidates else ""
    return found


@pytest.mark.parametrize("renderings", ["preferred", "all"])
def test_its_tm_matcher_proposes_the_preferred_rendering(tmp_path: Path, termbase: TermBase,
                                                         renderings: str) -> None:
    memory = tmp_path / "g.tmx"
    api.export("tmx", memory, GLOSSARY, WriteOptions(renderings=renderings))
    by_term = chinese_terms(termbase)
    proposed = _matched(memory, list(by_term))
    wrong = {t: (text, status_of(by_term[t], text)) for t, text in proposed.items()
             if text not in preferred(by_term[t])}
    assert wrong == {}  # with every rendering too: translate-toolkit takes the first unit


def test_its_tbx_reader_gives_each_headword_its_preferred_rendering(tmp_path: Path,
                                                                    termbase: TermBase) -> None:
    tbx = pytest.importorskip("translate.storage.tbx")
    path = tmp_path / "g.tbx"
    api.export("tbx2", path, GLOSSARY)
    units = {u.source: u.target for u in tbx.tbxfile.parsefile(str(path)).units}
    wrong = {c.headword: units.get(c.headword) for c in termbase
             if units.get(c.headword) not in preferred(c)}
    assert wrong == {}


def _posix_po(folder: Path) -> Path:
    catalog = polib.pofile(str(TRANSLATIONS / "article.po"))
    catalog.metadata["Language"] = "en_US.UTF-8"
    catalog.metadata["X-Source-Language"] = "zh_CN"
    path = folder / "posix.po"
    catalog.save(str(path))
    return path


def test_it_reads_the_language_tags_convert_writes(tmp_path: Path) -> None:
    xliff = pytest.importorskip("translate.storage.xliff")
    source = _posix_po(tmp_path)
    api.convert(source, tmp_path / "a.tmx")
    api.convert(source, tmp_path / "a.xlf")
    memory = tmx.tmxfile.parsefile(str(tmp_path / "a.tmx"))
    assert memory.getsourcelanguage() == "zh-CN"
    assert {u.xmlelement.findall("tuv")[1].get(
        "{http://www.w3.org/XML/1998/namespace}lang") for u in memory.units} == {"en-US"}
    document = xliff.xlifffile.parsefile(str(tmp_path / "a.xlf"))
    assert (document.getsourcelanguage(), document.gettargetlanguage()) == ("zh-CN", "en-US")
    assert len(document.units) == 47


@needs_shared
def test_converted_files_from_posix_locales_are_valid(tmp_path: Path) -> None:
    """The XLIFF XSD types source-language as xml:lang (a BCP 47 tag): zh_CN is invalid."""
    source = _posix_po(tmp_path)
    schemas = INTEROP / "schemas"
    api.convert(source, tmp_path / "a.xlf")
    api.convert(source, tmp_path / "a2.xlf", to_fmt="xliff2")
    api.convert(source, tmp_path / "a.tmx")
    for path, schema in ((tmp_path / "a.xlf", "xliff-core-1.2-strict.xsd"),
                         (tmp_path / "a2.xlf", "xliff_core_2.0.xsd")):
        validator = etree.XMLSchema(etree.parse(str(schemas / schema)))
        assert validator.validate(etree.parse(str(path))), validator.error_log
    dtd = etree.DTD(str(schemas / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(tmp_path / "a.tmx"))), dtd.error_log
    invalid = (tmp_path / "a.xlf").read_text(encoding="utf-8").replace('"zh-CN"', '"zh_CN"')
    assert not etree.XMLSchema(etree.parse(str(schemas / "xliff-core-1.2-strict.xsd"))) \
        .validate(etree.parse(io.BytesIO(invalid.encode("utf-8"))))
