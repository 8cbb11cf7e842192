"""OmegaT 3.6 applies what we export as we mean it (README "Using the exports in CAT tools").

Two console runs: one project with every Chinese term of the term base as a segment and our
term TMX in tm/auto, plus the article's sentences with TMX files `convert` made from its PO
(half of it with POSIX locales in the header, as gettext tools write them); and one with the
`--renderings all` TMX, to show OmegaT's own rule for several units of one source. OmegaT's
glossary code reads our glossary files through OmegatGlossaryProbe.java.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree

from policyglossary import api
from policyglossary.formats import WriteOptions
from policyglossary.formats.canonical import read_dir
from policyglossary.model import TermBase

from ..conftest import GLOSSARY, TRANSLATIONS
from .helpers import (
    chinese_terms,
    needs_omegat,
    needs_omegat_jar,
    omegat_project,
    paragraphs,
    preferred,
    probe_glossaries,
    read_paragraphs,
    run_omegat,
    status_of,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def termbase() -> TermBase:
    return read_dir(GLOSSARY)


def _split_po(folder: Path, terms: list[str]) -> tuple[Path, Path, list[polib.POEntry]]:
    """The article's PO cut in two: the first half as it is, the second with the POSIX
    locales gettext tools write in the header (zh_CN, en_US.UTF-8). Headlines that are terms
    themselves are left out: the last unit of a source read wins, across files too."""
    catalog = polib.pofile(str(TRANSLATIONS / "article.po"))
    entries = [e for e in catalog if e.msgstr and e.msgid not in terms]
    half = len(entries) // 2
    paths = []
    for name, part, metadata in (
            ("first.po", entries[:half], {}),
            ("posix.po", entries[half:], {"Language": "en_US.UTF-8",
                                          "X-Source-Language": "zh_CN"})):
        out = polib.POFile(wrapwidth=0)
        out.metadata = {**catalog.metadata, **metadata}
        for entry in part:
            out.append(entry)
        path = folder / name
        out.save(str(path))
        paths.append(path)
    return paths[0], paths[1], entries


@pytest.fixture(scope="module")
def default_run(tmp_path_factory: pytest.TempPathFactory, termbase: TermBase) \
        -> dict[str, object]:
    root = tmp_path_factory.mktemp("omegat")
    project = omegat_project(root / "project")
    terms = list(chinese_terms(termbase))
    (project / "source" / "terms.txt").write_text(paragraphs(terms), encoding="utf-8")
    _, warnings = api.export("tmx", project / "tm" / "auto" / "glossary.tmx", GLOSSARY)
    first, posix, entries = _split_po(root, terms)
    api.convert(first, project / "tm" / "auto" / "article-first.tmx")
    api.convert(posix, project / "tm" / "auto" / "article-posix.tmx")
    api.convert(posix, project / "source" / "posix.xlf")
    (project / "source" / "article.txt").write_text(paragraphs(e.msgid for e in entries),
                                                    encoding="utf-8")
    log = run_omegat(project)
    return {"project": project, "terms": terms, "log": log, "entries": entries,
            "warnings": warnings}


@needs_omegat
def test_every_term_is_filled_with_its_preferred_rendering(default_run, termbase) -> None:  # type: ignore[no-untyped-def]
    project: Path = default_run["project"]  # type: ignore[assignment]
    terms: list[str] = default_run["terms"]  # type: ignore[assignment]
    by_term = chinese_terms(termbase)
    filled = read_paragraphs(project / "target" / "terms.txt")
    assert len(filled) == len(terms) >= len(list(termbase))  # every Chinese term of every concept
    wrong = {term: (text, status_of(by_term[term], text))
             for term, text in zip(terms, filled, strict=True)
             if text not in preferred(by_term[term])}
    assert wrong == {}
    # the three the issue found inserted wrongly from a TMX with every rendering
    result = dict(zip(terms, filled, strict=True))
    assert result["双千兆"] == "dual-gigabit"
    assert result["工业和信息化部"] == "Ministry of Industry and Information Technology"
    assert result["梁志峰"] == "Liang Zhifeng"


@needs_omegat
def test_omegat_takes_every_unit_of_a_tmx_convert_made(default_run) -> None:  # type: ignore[no-untyped-def]
    """The PO header's POSIX locales become BCP 47 tags in the TMX, which OmegaT matches
    against the project's languages (zh_CN made it skip every unit)."""
    project: Path = default_run["project"]  # type: ignore[assignment]
    entries: list[polib.POEntry] = default_run["entries"]  # type: ignore[assignment]
    log: str = default_run["log"]  # type: ignore[assignment]
    filled = read_paragraphs(project / "target" / "article.txt")
    assert filled == [e.msgstr for e in entries]
    assert "could not be located" not in log
    assert "is different from the project source language" not in log
    tmx = (project / "tm" / "auto" / "article-posix.tmx").read_text(encoding="utf-8")
    assert 'srclang="zh-CN"' in tmx and 'xml:lang="en-US"' in tmx and "zh_CN" not in tmx


@needs_omegat
def test_omegat_reads_the_xliff_convert_made(default_run) -> None:  # type: ignore[no-untyped-def]
    project: Path = default_run["project"]  # type: ignore[assignment]
    entries: list[polib.POEntry] = default_run["entries"]  # type: ignore[assignment]
    source = (project / "source" / "posix.xlf").read_text(encoding="utf-8")
    assert 'source-language="zh-CN"' in source and 'target-language="en-US"' in source
    units = etree.parse(str(project / "target" / "posix.xlf")).getroot().iter(
        "{urn:oasis:names:tc:xliff:document:1.2}trans-unit")
    targets = ["".join(u.find("{*}target").itertext()) for u in units]
    assert targets == [e.msgstr for e in entries[len(entries) // 2:]]


@needs_omegat
def test_omegat_inserts_the_last_unit_of_a_source(tmp_path: Path, termbase: TermBase) -> None:
    """OmegaT's rule, which the README states: of several units with one source in tm/auto,
    the last one read is inserted (dates do not matter). A TMX with every rendering
    (`--renderings all`, the preferred one first) therefore gets admitted ones inserted."""
    project = omegat_project(tmp_path / "project")
    headwords = [c.headword for c in termbase]
    (project / "source" / "terms.txt").write_text(paragraphs(headwords), encoding="utf-8")
    memory = project / "tm" / "auto" / "all.tmx"
    api.export("tmx", memory, GLOSSARY, WriteOptions(renderings="all"))
    last: dict[str, str] = {}
    for tu in etree.parse(str(memory)).getroot().iter("tu"):
        zh, en = ("".join(tuv.find("seg").itertext()) for tuv in tu.findall("tuv")[:2])
        last[zh] = en
    run_omegat(project)
    filled = dict(zip(headwords, read_paragraphs(project / "target" / "terms.txt"),
                      strict=True))
    assert filled == {h: last[h] for h in headwords}
    by_headword = {c.headword: c for c in termbase}
    admitted = [h for h in headwords if status_of(by_headword[h], filled[h]) == "admitted"]
    assert len(admitted) > 100
    assert filled["人工智能"] == "AI" and filled["梁志峰"] == "Liang"
    assert f"{len(admitted)} of the {len(headwords)} concepts" in _readme()


def _readme() -> str:
    """README "Using the exports in CAT tools", its lines joined (its figures are checked)."""
    text = (GLOSSARY.parent / "README.md").read_text(encoding="utf-8")
    return " ".join(text.split("## Using the exports in CAT tools", 1)[1].split())


# ------------------------------------------------------------------ glossaries

@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, tuple[list[str],
                                                                                   list[str]]]]:
    """OmegaT's glossary pane for our OmegaT glossary (default and with every rendering) and
    for our TBX 2008, in one run of OmegaT's code."""
    folder = tmp_path_factory.mktemp("glossaries")
    files = {"default": folder / "default.txt", "all": folder / "all.txt",
             "allowed": folder / "allowed.txt", "tbx2": folder / "glossary.tbx"}
    api.export("omegat", files["default"], GLOSSARY)
    api.export("omegat", files["all"], GLOSSARY,
               WriteOptions(renderings="all", forbidden="include"))
    api.export("omegat", files["allowed"], GLOSSARY, WriteOptions(renderings="all"))
    api.export("tbx2", files["tbx2"], GLOSSARY)
    found = probe_glossaries(*files.values())
    return {name: found[path] for name, path in files.items()}


@needs_omegat_jar
def test_omegat_glossary_offers_the_preferred_rendering_of_every_term(shown, termbase) -> None:  # type: ignore[no-untyped-def]
    entries = shown["default"]
    by_term = chinese_terms(termbase)
    assert set(entries) == set(by_term)  # every Chinese term, synonyms included
    wrong = {term: translations for term, (translations, _) in entries.items()
             if not set(translations) <= preferred(by_term[term])}
    assert wrong == {}
    translations, comments = entries["双千兆"]
    assert translations == ["dual-gigabit"]
    assert comments[0].startswith("Umbrella for gigabit mobile (5G)")  # the definition
    assert entries["工信部"] == (["Ministry of Industry and Information Technology"],
                               ["synonym of 工业和信息化部"])


@needs_omegat_jar
def test_omegat_lists_the_renderings_of_a_term_alphabetically(shown, termbase) -> None:  # type: ignore[no-untyped-def]
    """Why the glossary holds the preferred renderings only by default: OmegaT sorts the
    renderings of one term alphabetically (not in file order), and lists forbidden ones as
    any other (only the comment says FORBIDDEN)."""
    by_term = chinese_terms(termbase)
    entries = shown["all"]
    for translations, _ in entries.values():
        assert translations == sorted(translations, key=str.lower)
    assert entries["人工智能"][0][0] == "AI"
    admitted_first = [t for t, (shown_first, _) in entries.items()
                      if status_of(by_term[t], shown_first[0]) != "preferred"]
    assert len(admitted_first) > 50
    translations, comments = entries["双千兆"]
    assert translations[0] == "double gigabit" and comments[0].startswith("FORBIDDEN")
    # the README's figures, with every allowed rendering and with forbidden ones as well
    allowed = shown["allowed"]
    admitted = sum(status_of(by_term[t], first[0]) == "admitted"
                   for t, (first, _) in allowed.items())
    rejected = sum(status_of(by_term[t], first[0]) in ("forbidden", "superseded")
                   for t, (first, _) in entries.items())
    readme = _readme()
    assert f"{admitted} of the {len(allowed)} terms show an admitted one first" in readme
    assert f"{rejected} show a forbidden or superseded one first" in readme
    assert f"({len(by_term)} terms: {len(termbase)} headwords and " \
           f"{len(by_term) - len(termbase)} synonyms)" in readme


@needs_omegat_jar
def test_omegat_ignores_term_status_in_a_tbx(shown, termbase) -> None:  # type: ignore[no-untyped-def]
    """OmegaT 3.6 reads TBX 2008 but not term status: every rendering of our TBX, forbidden
    ones included, is offered (README: use --to omegat for OmegaT)."""
    entries = shown["tbx2"]
    translations, comments = entries["双千兆"]
    assert "double gigabit" in translations and translations[0] == "double gigabit"
    assert "deprecatedTerm-admn-sts" in "".join(comments)
