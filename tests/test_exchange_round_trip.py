"""The project's own term base, exported in every format and layout and imported back through
the command line, comes back unchanged: no conflict, and `--on-conflict replace` rewrites not
one byte of it (it used to take TMX term types and OmegaT definitions as changes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policyglossary.cli._app import main

from .conftest import GLOSSARY

VARIANTS = [
    ("tbx", []), ("tbx2", []), ("xlsx", []), ("csv", []), ("tsv", []), ("tmx", []),
    ("omegat", []), ("tmx", ["--renderings", "all", "--forbidden", "include"]),
    ("omegat", ["--renderings", "all", "--forbidden", "include"]),
    ("tbx", ["--forbidden", "omit", "--renderings", "preferred"]),
    ("csv", ["--forbidden", "omit"]),
    *((fmt, ["--profile", profile]) for fmt in ("xlsx", "csv") for profile in ("memoq", "phrase")),
]
EXTENSIONS = {"tbx2": "tbx", "omegat": "txt"}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "concepts").iterdir())}


@pytest.mark.parametrize(("fmt", "options"), VARIANTS,
                         ids=[" ".join([f, *o]) for f, o in VARIANTS])
def test_export_then_import_changes_nothing(runner, tmp_path: Path, fmt: str,  # type: ignore[no-untyped-def]
                                            options: list[str]) -> None:
    exported = tmp_path / f"export.{EXTENSIONS.get(fmt, fmt)}"
    result = runner.invoke(main, ["export", "-t", str(GLOSSARY), "--to", fmt, *options,
                                  "-o", str(exported)])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, copy)
    before = _files(copy)
    result = runner.invoke(main, ["import", str(exported), "-t", str(copy)])
    assert result.exit_code == 0, result.output
    concepts = len(list((GLOSSARY / "concepts").glob("*.toml")))
    assert f"0 added, 0 changed, {concepts} unchanged, 0 skipped" in result.stderr
    result = runner.invoke(main, ["import", str(exported), "-t", str(copy),
                                  "--on-conflict", "replace"])
    assert result.exit_code == 0, result.output
    assert _files(copy) == before
