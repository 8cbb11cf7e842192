"""LibreOffice (headless) opens our spreadsheet exports as a reviewer or a CAT tool's
spreadsheet import would: in every layout, the column a tool maps to the term's translation
holds the preferred rendering (memoQ: the first of the `;` alternatives; Phrase: the rows
marked Preferred), and admitted and forbidden renderings sit in their own columns."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import openpyxl
import pytest

from policyglossary import api
from policyglossary.formats import WriteOptions
from policyglossary.formats.canonical import read_dir
from policyglossary.model import TermBase

from ..conftest import GLOSSARY
from .helpers import LIBREOFFICE_CSV as CSV_OUT
from .helpers import needs_libreoffice, preferred, soffice

pytestmark = [pytest.mark.slow, needs_libreoffice]


def _convert(folder: Path, files: list[Path], target: str, infilter: str | None = None) \
        -> None:
    command = [str(soffice()), "--headless", "--norestore",
               f"-env:UserInstallation=file://{folder}/profile", "--convert-to", target,
               "--outdir", str(folder / "out")]
    if infilter:
        command.insert(3, f"--infilter={infilter}")
    result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[str]]]:
    """Each export as LibreOffice reads it: the workbooks saved by LibreOffice as CSV, our CSV
    and TSV files opened by its text import and saved as workbooks."""
    folder = tmp_path_factory.mktemp("libreoffice")
    books = []
    for profile in ("default", "memoq", "phrase"):
        path = folder / f"{profile}.xlsx"
        api.export("xlsx", path, GLOSSARY, WriteOptions(profile=profile))
        books.append(path)
    api.export("csv", folder / "csv.csv", GLOSSARY)
    api.export("tsv", folder / "tsv.tsv", GLOSSARY)
    _convert(folder, books, CSV_OUT)
    _convert(folder, [folder / "csv.csv"], "xlsx", "CSV:44,34,76,1")
    _convert(folder, [folder / "tsv.tsv"], "xlsx", "CSV:9,34,76,1")
    tables: dict[str, list[list[str]]] = {}
    for profile in ("default", "memoq", "phrase"):
        with (folder / "out" / f"{profile}.csv").open(encoding="utf-8", newline="") as handle:
            tables[profile] = list(csv.reader(handle))
    for name in ("csv", "tsv"):
        sheet = openpyxl.load_workbook(folder / "out" / f"{name}.xlsx").active
        tables[name] = [["" if v is None else str(v) for v in row]
                        for row in sheet.iter_rows(values_only=True)]
    return tables


@pytest.fixture(scope="module")
def termbase() -> TermBase:
    return read_dir(GLOSSARY)


@pytest.mark.parametrize("name", ["default", "csv", "tsv"])
def test_the_en_column_holds_the_preferred_renderings(opened, termbase, name: str) -> None:  # type: ignore[no-untyped-def]
    header, *rows = opened[name]
    by_id = {c.id: c for c in termbase}
    assert len(rows) == len(termbase)
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        concept = by_id[cells["id"]]
        # a term's attributes follow it in {braces} (README "Term base columns")
        assert {c.split(" {")[0] for c in cells["en"].split(" | ")} == preferred(concept), \
            cells["id"]
        admitted = {t.text for t in concept.en if t.status == "admitted"}
        assert {c.split(" {")[0] for c in cells["en admitted"].split(" | ") if c} == admitted


def test_memoq_layout_lists_the_preferred_rendering_first(opened, termbase) -> None:  # type: ignore[no-untyped-def]
    header, *rows = opened["memoq"]
    by_id = {c.id: c for c in termbase}
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        concept = by_id[cells["Entry_ID"]]
        assert cells["English"].split(";")[0] in preferred(concept)
        forbidden = {t.text for t in concept.en if t.rejected}
        assert not forbidden & set(cells["English"].split(";"))
        assert set(filter(None, cells["English_Forbidden"].split(";"))) == forbidden


def test_phrase_layout_marks_the_preferred_rendering(opened, termbase) -> None:  # type: ignore[no-untyped-def]
    header, *rows = opened["phrase"]
    by_id = {c.id: c for c in termbase}
    marked: dict[str, set[str]] = {}
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        if cells["Language"] == "en" and cells["Preferred"] == "TRUE":
            marked.setdefault(cells["Entry_ID"], set()).add(cells["Term"])
    assert marked == {cid: preferred(c) for cid, c in by_id.items()}
