"""The library surface: `from policyglossary import …` gives what the README promises, and
the README's example runs as written."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import policyglossary
from policyglossary import api

from .conftest import GLOSSARY, ROOT, TRANSLATIONS


def test_every_public_name_resolves() -> None:
    for name in policyglossary.__all__:
        assert getattr(policyglossary, name) is not None, name
    with pytest.raises(AttributeError):
        policyglossary.no_such_name  # noqa: B018


def test_public_functions_are_the_apis() -> None:
    for name in ("check", "convert", "diff", "export", "import_termbase", "lint",
                 "load_termbase", "lookup", "CheckOptions", "ReadOptions", "WriteOptions"):
        assert getattr(policyglossary, name) is getattr(api, name), name


def test_importing_the_package_loads_nothing_heavy() -> None:
    """`import policyglossary` (and so the command line's --help) imports no engine, format
    or matcher: the public names are loaded on first use."""
    code = ("import sys, policyglossary; "
            "print(sorted(m for m in sys.modules if m.startswith('policyglossary')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['policyglossary', 'policyglossary._version']"


def test_check_through_the_library(tmp_path: Path) -> None:
    broken = tmp_path / "x.po"
    text = (TRANSLATIONS / "article.po").read_text("utf-8")
    broken.write_text(text.replace("dual-gigabit networks", "double gigabit networks", 1),
                      "utf-8")
    result = policyglossary.check([broken], GLOSSARY)
    rules = {(f.rule, f.term) for f in result.iter_findings()}
    assert ("term-forbidden", "双千兆") in rules
    assert result.counts["error"] >= 1 and result.segments == 47
    quiet = policyglossary.check([broken], GLOSSARY, policyglossary.CheckOptions(
        disabled=frozenset({"term-forbidden", "term-missing"})))
    assert not any(f.rule.startswith("term-") for f in quiet.iter_findings())


def test_errors_are_the_packages_own(tmp_path: Path) -> None:
    with pytest.raises(policyglossary.PolicyGlossaryError) as error:
        policyglossary.check([tmp_path / "missing.po"], GLOSSARY)
    assert isinstance(error.value, policyglossary.InputError)
    assert "missing.po" in str(error.value)


def _readme_example() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("## Using it as a library"):]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match
    return match.group(1)


def test_the_readme_example_runs(tmp_path: Path) -> None:
    example = _readme_example()
    assert len(example.strip().splitlines()) <= 12
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    printed = io.StringIO()
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(printed):
            namespace: dict[str, object] = {}
            exec(compile(example, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    lines = printed.getvalue().splitlines()
    assert lines[0] == f"{len(policyglossary.load_termbase(GLOSSARY).concepts)} concepts"
    assert lines[-1] == "dual-gigabit"
    assert (tmp_path / "glossary.tbx").stat().st_size > 0
    assert not namespace["changes"]  # the TBX holds the whole term base: no change
