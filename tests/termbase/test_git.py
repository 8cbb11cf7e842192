"""Term bases at git revisions, in a real repository: ranges as `git diff` reads them, the
canonical folder read from git's objects, and clear errors when git cannot help."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyglossary.errors import InputError, TermBaseError, UsageError
from policyglossary.formats.canonical import write_dir
from policyglossary.model import Concept, TermBase, TermBaseInfo
from policyglossary.termbase.git import (
    is_revision,
    read_at_revision,
    repository_root,
    split_range,
)

from ..conftest import concept
from .test_diff import _git, new_repo

INFO = TermBaseInfo(name="t", subject_fields=("telecom",))


def _commit(repo: Path, message: str, *concepts: Concept, branch: str = "") -> None:
    if branch:
        _git(repo, "checkout", "-q", *(["-b"] if branch.startswith("new:") else []),
             branch.removeprefix("new:"))
    write_dir(repo / "terms", TermBase(concepts, INFO))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", message)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """main: one concept; feature (from main): a second concept; main again: a change."""
    repo = new_repo(tmp_path)
    alpha = concept("a", "甲", "alpha", subject_field="telecom")
    _commit(repo, "one", alpha)
    _commit(repo, "two", alpha, concept("b", "乙", "beta"), branch="new:feature")
    _commit(repo, "changed", concept("a", "甲", "alpha prime"), branch="main")
    return repo


def _rev(repo: Path, spec: str) -> str:
    return _git(repo, "rev-parse", spec).strip()


@pytest.mark.parametrize(("spec", "expected"), [
    ("main..feature", ("main", "feature")), ("main..", ("main", "HEAD")),
    ("..feature", ("HEAD", "feature")), ("main", None),
])
def test_two_dot_ranges(history: Path, spec: str, expected: tuple[str, str] | None) -> None:
    assert split_range(spec, history) == expected


def test_three_dot_ranges_start_at_the_merge_base(history: Path) -> None:
    base = _rev(history, "main~1")
    assert split_range("main...feature", history) == (base, "feature")
    assert split_range("...feature", history) == (base, "feature")


def test_reading_the_term_base_at_revisions(history: Path) -> None:
    folder = history / "terms"
    at_feature = read_at_revision("feature", folder)
    assert [c.id for c in at_feature] == ["a", "b"]
    assert at_feature.info.subject_fields == ("telecom",)
    first = read_at_revision("main~1", folder)
    assert first.by_id()["a"].preferred_en.text == "alpha"  # type: ignore[union-attr]
    assert read_at_revision("HEAD", folder).by_id()["a"].preferred_en.text == \
        "alpha prime"  # type: ignore[union-attr]


def test_revisions_and_repositories(history: Path, tmp_path: Path) -> None:
    assert is_revision("feature", history) and is_revision("main~1", history)
    assert not is_revision("no-such-branch", history)
    assert repository_root(history / "terms") == history.resolve()
    outside = tmp_path / "outside"
    outside.mkdir()
    assert repository_root(outside) is None


def test_a_revision_without_the_term_base_is_an_input_error(history: Path) -> None:
    other = history / "elsewhere"
    other.mkdir()
    with pytest.raises(InputError) as caught:
        read_at_revision("main", other)
    assert str(caught.value) == "main:elsewhere: no canonical term base at this revision"


def test_an_unknown_revision_is_a_usage_error(history: Path) -> None:
    with pytest.raises(UsageError, match=r"^git ls-tree -r: fatal: "):
        read_at_revision("no-such-branch", history / "terms")


def test_a_folder_outside_any_repository_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    folder.mkdir()
    with pytest.raises(UsageError, match="not inside a git repository"):
        read_at_revision("HEAD", folder)


def test_a_broken_concept_at_a_revision_names_the_revision(history: Path) -> None:
    (history / "terms" / "concepts" / "a.toml").write_text('id = "a"\n[[zh]\n', "utf-8")
    _git(history, "commit", "-qam", "broken")
    with pytest.raises(TermBaseError) as caught:
        read_at_revision("HEAD", history / "terms")
    (problem,) = caught.value.problems
    assert problem.path == "HEAD:terms/concepts/a.toml" and problem.line == 2


def test_without_git_every_question_has_a_clear_answer(history: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # a machine without git
    assert not is_revision("HEAD", history)
    assert repository_root(history) is None
    with pytest.raises(UsageError, match=r"^git is not installed$"):
        split_range("main...feature", history)
