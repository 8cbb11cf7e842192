"""Independent tools read what we write: translate-toolkit (TMX, TBX 2008, XLIFF 1.2, PO),
LibreOffice (XLSX, converted to CSV and compared) and OmegaT (uses our TMX as a memory).
Each test skips with a reason where its tool is absent; .ci/run installs them all."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from policyglossary import api
from policyglossary.formats import WriteOptions
from policyglossary.formats.canonical import read_dir

from ..cat.helpers import libreoffice_csv, needs_libreoffice, omegat_project, run_omegat
from ..conftest import GLOSSARY, TRANSLATIONS


@pytest.fixture(scope="module")
def termbase():  # type: ignore[no-untyped-def]
    return read_dir(GLOSSARY)


def test_translate_toolkit_reads_our_tbx2008(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    tbx = pytest.importorskip("translate.storage.tbx")
    path = tmp_path / "g.tbx"
    api.export("tbx2", path, GLOSSARY)
    units = tbx.tbxfile.parsefile(str(path)).units
    assert len(units) == len(termbase)
    by_source = {u.source: u.target for u in units}
    for concept in termbase:
        # translate-toolkit takes the first term of the first and second language sets
        assert concept.headword in by_source
    assert by_source["双千兆"] == "dual-gigabit"


def test_translate_toolkit_reads_our_term_pair_tmx(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    tmx = pytest.importorskip("translate.storage.tmx")
    path = tmp_path / "g.tmx"
    api.export("tmx", path, GLOSSARY)
    units = tmx.tmxfile.parsefile(str(path)).units
    pairs = {(u.source, u.target) for u in units}
    assert ("双千兆", "dual-gigabit") in pairs
    assert ("专精特新", "specialized, refined, distinctive and innovative") in pairs
    # the preferred renderings only (by default), and each allowed Chinese synonym with the
    # preferred rendering
    preferred = [[t for t in c.en if t.status == "preferred"] for c in termbase]
    expected = sum(len(p) + sum(1 for z in c.zh[1:] if z.allowed)
                   for c, p in zip(termbase, preferred, strict=True) if p)
    assert len(units) == expected


def test_translate_toolkit_reads_our_converted_memory_and_xliff(tmp_path: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    xliff = pytest.importorskip("translate.storage.xliff")
    po = pytest.importorskip("translate.storage.po")
    source = TRANSLATIONS / "article.po"
    reference = [u for u in po.pofile.parsefile(str(source)).units if not u.isheader()]
    api.convert(source, tmp_path / "a.tmx")
    api.convert(source, tmp_path / "a.xlf")
    api.convert(tmp_path / "a.xlf", tmp_path / "back.po")
    memory = tmx.tmxfile.parsefile(str(tmp_path / "a.tmx")).units
    units = xliff.xlifffile.parsefile(str(tmp_path / "a.xlf")).units
    again = [u for u in po.pofile.parsefile(str(tmp_path / "back.po")).units
             if not u.isheader()]
    expected = [(u.source, u.target) for u in reference]
    assert [(u.source, u.target) for u in memory] == expected
    assert [(u.source, u.target) for u in units] == expected
    assert [(u.source, u.target) for u in again] == expected
    assert units[0].getid().endswith("p01.s01")


@needs_libreoffice
def test_libreoffice_reads_our_xlsx_like_our_csv(tmp_path: Path) -> None:
    xlsx, ours = tmp_path / "g.xlsx", tmp_path / "g.csv"
    api.export("xlsx", xlsx, GLOSSARY)
    api.export("csv", ours, GLOSSARY, WriteOptions(forbidden="include"))
    from_libreoffice = libreoffice_csv(xlsx, tmp_path)
    with ours.open(encoding="utf-8-sig", newline="") as handle:
        from_us = list(csv.reader(handle))
    # Our CSV prefixes formula-like cells with an apostrophe; LibreOffice shows the cell text.
    from policyglossary.formats._tabular import unescape_formula

    assert [[unescape_formula(c) for c in row] for row in from_us] == from_libreoffice
    assert from_libreoffice[0][:3] == ["id", "zh", "zh-Hant"]


@pytest.mark.skipif(shutil.which("omegat") is None, reason="OmegaT is not installed (apt-get "
                    "install omegat; .ci/run installs it)")
def test_omegat_translates_with_our_tmx(tmp_path: Path) -> None:
    import polib

    project = omegat_project(tmp_path / "proj")
    entries = [e for e in polib.pofile(str(TRANSLATIONS / "article.po")) if e.msgstr][:6]
    (project / "source" / "demo.txt").write_text(
        "\n\n".join(e.msgid for e in entries) + "\n\n这一句不在翻译记忆里。\n", encoding="utf-8")
    api.convert(TRANSLATIONS / "article.po", project / "tm" / "auto" / "article.tmx")
    run_omegat(project)
    target = (project / "target" / "demo.txt").read_text(encoding="utf-8")
    for entry in entries:
        assert entry.msgstr in target
    assert "这一句不在翻译记忆里。" in target
