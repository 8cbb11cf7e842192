"""Shared fixtures: paths to the project's data and ../shared, term base builders, a runner."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from policyglossary.formats import canonical
from policyglossary.model import Concept, Term, TermBase, TermBaseInfo

# CI runs the property tests on a fixed sequence of examples (HYPOTHESIS_PROFILE=ci in
# .ci/run), so that a landing never depends on a draw; everywhere else each run draws new
# examples, which is how new bugs are found (add them as @example when one is).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "glossary"
TRANSLATIONS = ROOT / "translations"
SHARED = ROOT.parent / "shared"
INTEROP = SHARED / "interop"
SEED_ARTICLE = SHARED / "seed" / "article-zh.txt"

needs_shared = pytest.mark.skipif(
    not INTEROP.is_dir(),
    reason="../shared (interop corpus, schemas, seed article) is not present next to the project",
)


@pytest.fixture(autouse=True)
def _no_remembered_conversions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no OpenCC conversions remembered in the process (a lookup
    turns that on for the rest of its process)."""
    from policyglossary.matching import chinese

    monkeypatch.setattr(chinese, "_remembered", None)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def concept(cid: str, zh: str | list[str], en: list[tuple[str, str]] | str, **fields: object) \
        -> Concept:
    """A concept from short notation: en is a preferred rendering or (text, status) pairs."""
    zh_terms = tuple(Term(z) for z in ([zh] if isinstance(zh, str) else zh))
    pairs = [(en, "preferred")] if isinstance(en, str) else en
    en_terms = []
    for text, status in pairs:
        extra: dict[str, object] = {}
        if status in ("forbidden", "superseded"):
            extra["reason"] = "test reason"
        en_terms.append(Term(text, status, **extra))  # type: ignore[arg-type]
    fields.setdefault("sources", ("https://example.org/source",))
    return Concept(cid, zh_terms, tuple(en_terms), **fields)  # type: ignore[arg-type]


def termbase(*concepts: Concept) -> TermBase:
    return TermBase(tuple(concepts), TermBaseInfo(name="test"))


@pytest.fixture
def write_termbase(tmp_path: Path) -> Callable[..., Path]:
    """Write concepts as a canonical term base folder and return its path."""
    def write(*concepts: Concept, folder: str = "tb") -> Path:
        path = tmp_path / folder
        canonical.write_dir(path, termbase(*concepts))
        return path
    return write


@pytest.fixture
def raw_termbase(tmp_path: Path) -> Callable[..., Path]:
    """Write concept files from raw TOML text (for loader error tests)."""
    def write(files: dict[str, str], info: str = 'name = "t"\n', folder: str = "raw") -> Path:
        path = tmp_path / folder
        (path / "concepts").mkdir(parents=True)
        (path / "termbase.toml").write_text(info, encoding="utf-8")
        for name, text in files.items():
            (path / "concepts" / name).write_text(textwrap.dedent(text).lstrip(),
                                                  encoding="utf-8")
        return path
    return write
