"""Concept-aware diff: the library (table-driven), the CLI outputs, git revisions and the
textconv driver in a real repository, --impact, and the reviewer's spreadsheet round trip."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from policyglossary.cli._app import main
from policyglossary.formats.canonical import read_dir, write_concept
from policyglossary.model import Term, TermBase
from policyglossary.termbase.diff import diff_termbases

from ..conftest import GLOSSARY, TRANSLATIONS, concept

BASE = concept("dual-gigabit", "双千兆", [("dual-gigabit", "preferred"),
                                        ("dual-gigabit networks", "admitted"),
                                        ("double gigabit", "forbidden")],
               definition="Umbrella for gigabit mobile (5G) and fixed networks.")
OTHER = concept("troika", "三驾马车", "troika")


def _changes(old: list, new: list) -> list[tuple[str, str | None, object, object]]:  # type: ignore[type-arg]
    result = diff_termbases(TermBase(tuple(old)), TermBase(tuple(new)))
    return [(c.field, c.term, c.old, c.new) for item in result.changed for c in item.changes]


CASES = [
    ("definition changed", replace(BASE, definition="New text."),
     [("definition", None, "Umbrella for gigabit mobile (5G) and fixed networks.", "New text.")]),
    ("re-wrapped definition is no change",
     replace(BASE, definition="Umbrella for gigabit mobile (5G)\n   and fixed networks."), []),
    ("terms reordered is no change", replace(BASE, en=tuple(reversed(BASE.en))), []),
    ("status transition", replace(BASE, en=(BASE.en[0], replace(BASE.en[1], status="forbidden",
                                                                 reason="too long"), BASE.en[2])),
     [("en.status", "dual-gigabit networks", "admitted", "forbidden"),
      ("en.reason", "dual-gigabit networks", "", "too long")]),
    ("rendering added", replace(BASE, en=(*BASE.en, Term("gigabit-plus", "admitted"))),
     [("en", "gigabit-plus", None, {"text": "gigabit-plus", "status": "admitted"})]),
    ("rendering removed", replace(BASE, en=BASE.en[:2]),
     [("en", "double gigabit", {"text": "double gigabit", "status": "forbidden",
                                "reason": "test reason"}, None)]),
    ("headword changed, same id", replace(BASE, zh=(Term("雙千兆"),)),
     [("zh", "雙千兆", None, {"text": "雙千兆", "status": "preferred"}),
      ("zh", "双千兆", {"text": "双千兆", "status": "preferred"}, None)]),
    ("id changed, matched by headword", replace(BASE, id="gigabit-2"),
     [("id", None, "dual-gigabit", "gigabit-2")]),
    ("sources changed", replace(BASE, sources=("https://example.org/new",)),
     [("sources", None, ["https://example.org/source"], ["https://example.org/new"])]),
]


@pytest.mark.parametrize(("new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_concept_changes(new, expected) -> None:  # type: ignore[no-untyped-def]
    assert _changes([BASE, OTHER], [new, OTHER]) == expected


def test_added_and_removed_and_matching_without_ids() -> None:
    result = diff_termbases(TermBase((BASE, OTHER)), TermBase((BASE, concept("new", "新", "new"))))
    assert [c.id for c in result.added] == ["new"]
    assert [c.id for c in result.removed] == ["troika"]
    # a CAT export without ids pairs up by headword
    no_ids = diff_termbases(TermBase((BASE, OTHER)),
                            TermBase((replace(BASE, id=""), replace(OTHER, id=""))))
    assert not no_ids.added and not no_ids.removed
    assert [c.id for c in no_ids.changed] == []


# ------------------------------------------------------------------ CLI


@pytest.fixture
def two(write_termbase) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    old = write_termbase(BASE, OTHER, folder="old")
    new = write_termbase(replace(BASE, en=(BASE.en[0], replace(BASE.en[1], status="forbidden",
                                                                reason="too long"), BASE.en[2])),
                         concept("new", "新术语", "new term"), folder="new")
    return old, new


def test_text_output_and_exit_codes(runner, two) -> None:  # type: ignore[no-untyped-def]
    old, new = two
    result = runner.invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"diff {old} → {new}: 1 added, 1 removed, 1 changed"
    assert '+ added    new  新术语  "new term"' in lines
    assert '- removed  troika  三驾马车  "troika"' in lines
    assert '    en "dual-gigabit networks" status: admitted → forbidden (status transition)' \
        in lines
    assert runner.invoke(main, ["diff", str(old), str(new), "--exit-code"]).exit_code == 1
    assert runner.invoke(main, ["diff", str(old), str(old), "--exit-code"]).exit_code == 0


def test_json_contract(runner, two) -> None:  # type: ignore[no-untyped-def]
    old, new = two
    document = json.loads(runner.invoke(main, ["diff", str(old), str(new), "-f", "json"]).stdout)
    assert document["summary"] == {"added": 1, "removed": 1, "changed": 1}
    assert document["added"][0]["id"] == "new" and document["added"][0]["zh"] == "新术语"
    assert document["added"][0]["en"] == "new term"
    assert document["removed"][0]["id"] == "troika"
    changed = document["changed"][0]
    assert (changed["id"], changed["zh"]) == ("dual-gigabit", "双千兆")
    assert changed["changes"][0] == {"field": "en.status", "term": "dual-gigabit networks",
                                     "old": "admitted", "new": "forbidden"}


def test_markdown_and_xlsx(runner, two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = two
    markdown = runner.invoke(main, ["diff", str(old), str(new), "-f", "markdown"]).stdout
    assert markdown.startswith("### Term base changes: 1 added, 1 removed, 1 changed")
    assert "| en.status | dual-gigabit networks | admitted | **forbidden** (status " \
           "transition) |" in markdown
    out = tmp_path / "review.xlsx"
    assert runner.invoke(main, ["diff", str(old), str(new), "-f", "xlsx", "-o", str(out)]) \
        .exit_code == 0
    sheet = openpyxl.load_workbook(out)["changes"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert ("changed", "dual-gigabit", "双千兆", "en.status", "dual-gigabit networks",
            "admitted", "forbidden") in rows
    status_row = next(i for i, r in enumerate(rows, start=2) if r[3] == "en.status")
    assert sheet.cell(status_row, 6).fill.start_color.rgb.endswith("FFC7CE")
    assert sheet.cell(status_row, 7).fill.start_color.rgb.endswith("C6EFCE")


def test_unreadable_side_exits_2(runner, tmp_path: Path, two) -> None:  # type: ignore[no-untyped-def]
    old, _ = two
    result = runner.invoke(main, ["diff", str(old), "no-such-thing"])
    assert result.exit_code == 2
    assert "neither a term base path nor a git revision" in result.stderr


def test_impact_lists_segments_whose_findings_change(runner, tmp_path: Path) -> None:
    edited = tmp_path / "edited"
    shutil.copytree(GLOSSARY, edited)
    tb = read_dir(edited).by_id()
    gigabit = tb["coordinated-development-of-dual-gigabit-networks"]
    write_concept(edited, replace(gigabit, en=tuple(
        replace(t, status="forbidden", reason="changed") if t.status == "preferred" else t
        for t in gigabit.en)))
    result = runner.invoke(main, ["diff", str(GLOSSARY), str(edited), "--impact",
                                  str(TRANSLATIONS), "-f", "json"])
    impact = json.loads(result.stdout)["impact"]
    assert impact["segments"] == 47
    failing = impact["newly_failing"]
    assert {(f["segment"], f["rule"]) for f in failing} == {("p22.s03", "term-missing"),
                                                           ("p22.s03", "term-forbidden")}
    assert impact["newly_passing"] == []
    back = json.loads(runner.invoke(main, ["diff", str(edited), str(GLOSSARY), "--impact",
                                           str(TRANSLATIONS), "-f", "json"]).stdout)["impact"]
    assert {(f["segment"], f["rule"]) for f in back["newly_passing"]} == \
        {("p22.s03", "term-missing"), ("p22.s03", "term-forbidden")}


# ------------------------------------------------------------------ git


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                          env=env).stdout


def new_repo(tmp_path: Path) -> Path:
    """An empty repository on branch main (the test skips where git is not installed)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    path = tmp_path / "repo"
    path.mkdir()
    _git(path, "init", "-q", "-b", "main")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = new_repo(tmp_path)
    shutil.copytree(GLOSSARY, path / "glossary")
    _git(path, "add", "-A")
    _git(path, "commit", "-qm", "init")
    return path


def _edit(repo: Path, cid: str, **changes: object) -> None:
    folder = repo / "glossary"
    write_concept(folder, replace(read_dir(folder).by_id()[cid], **changes))


def test_diff_git_revisions_and_ranges(runner, repo: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(repo)
    _edit(repo, "troika", definition="Changed.")
    working = runner.invoke(main, ["diff", "HEAD", "-f", "json"])
    assert working.exit_code == 0, working.output
    assert [c["id"] for c in json.loads(working.stdout)["changed"]] == ["troika"]
    _git(repo, "checkout", "-qb", "feature")
    _git(repo, "commit", "-qam", "change troika")
    (repo / "glossary" / "concepts" / "xinhua.toml").unlink()
    _git(repo, "commit", "-qam", "remove xinhua")
    for args in (["main", "feature"], ["main..feature"], ["main...feature"], ["HEAD~2"]):
        result = runner.invoke(main, ["diff", *args, "-f", "json"])
        document = json.loads(result.stdout)
        assert [c["id"] for c in document["changed"]] == ["troika"], args
        assert [c["id"] for c in document["removed"]] == ["xinhua"], args
    assert runner.invoke(main, ["diff", "HEAD~1", "--exit-code"]).exit_code == 1
    assert runner.invoke(main, ["diff", "HEAD", "--exit-code"]).exit_code == 0


def test_git_textconv_shows_concept_changes(repo: Path) -> None:
    (repo / ".gitattributes").write_text("glossary/**/*.toml diff=policyglossary\n",
                                         encoding="utf-8")
    _git(repo, "config", "diff.policyglossary.textconv",
         f"{sys.executable} -m policyglossary textconv")
    _edit(repo, "dual-gigabit", definition="Umbrella for gigabit mobile (5G)\n  and gigabit "
                                           "fixed (fibre) networks.")
    assert "dual-gigabit.toml" in _git(repo, "status", "--porcelain")  # the file changed…
    assert "definition" in _git(repo, "diff", "--no-textconv")
    assert _git(repo, "diff") == ""  # …but re-wrapping is no change in the concept view
    concept_ = read_dir(repo / "glossary").by_id()["dual-gigabit"]
    _edit(repo, "dual-gigabit", en=tuple(replace(t, status="forbidden", reason="too long")
                                         if t.text == "dual-gigabit networks" else t
                                         for t in concept_.en))
    shown = _git(repo, "diff")
    assert "-en admitted: dual-gigabit networks  (note 5G + gigabit optical networks)" in shown
    assert "+en forbidden: dual-gigabit networks  (reason too long; note 5G + gigabit " \
           "optical networks)" in shown
    _git(repo, "commit", "-qam", "forbid")
    assert "+en forbidden: dual-gigabit networks" in _git(repo, "log", "-p", "-1")


def test_branches_editing_different_concepts_merge_without_conflicts(repo: Path) -> None:
    _git(repo, "checkout", "-qb", "left")
    _edit(repo, "troika", definition="Left edit.")
    (repo / "glossary" / "concepts" / "xinhua.toml").unlink()
    write_concept(repo / "glossary", concept("left-new", "左", "left"))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "left")
    _git(repo, "checkout", "-q", "main")
    _git(repo, "checkout", "-qb", "right")
    _edit(repo, "dual-gigabit", definition="Right edit.")
    (repo / "glossary" / "concepts" / "yuan-bo.toml").unlink()
    write_concept(repo / "glossary", concept("right-new", "右", "right"))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "right")
    _git(repo, "merge", "-q", "--no-edit", "left")  # raises if git reports a conflict
    merged = read_dir(repo / "glossary").by_id()
    assert merged["troika"].definition == "Left edit."
    assert merged["dual-gigabit"].definition == "Right edit."
    assert "left-new" in merged and "right-new" in merged
    assert "xinhua" not in merged and "yuan-bo" not in merged


# ------------------------------------------------------------------ reviewer round trip


def test_reviewer_spreadsheet_round_trip(runner, tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, folder)
    sheet_path = tmp_path / "review.xlsx"
    assert runner.invoke(main, ["export", "-t", str(folder), "-o", str(sheet_path)]) \
        .exit_code == 0
    workbook = openpyxl.load_workbook(sheet_path)
    sheet = workbook["termbase"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "dual-gigabit":
            row[header.index("definition")].value = "Reviewed definition."
            row[header.index("en admitted")].value = ""
            row[header.index("en forbidden")].value = (
                row[header.index("en forbidden")].value
                + " | dual-gigabit networks [reviewer] {note: 5G + gigabit optical networks}")
        if row[0].value == "troika":
            row[header.index("note")].value = "Checked by the reviewer."
    workbook.save(sheet_path)
    shown = json.loads(runner.invoke(main, ["diff", str(folder), str(sheet_path), "-f",
                                            "json"]).stdout)
    assert shown["added"] == [] and shown["removed"] == []
    changes = {c["id"]: c["changes"] for c in shown["changed"]}
    assert set(changes) == {"dual-gigabit", "troika"}
    assert changes["troika"] == [{"field": "note", "old": "Follow the order of the source "
                                  "text when listing the three: the article has 消费、投资、出口 "
                                  "(consumption, investment, exports).",
                                  "new": "Checked by the reviewer."}]
    fields = [(c["field"], c.get("term")) for c in changes["dual-gigabit"]]
    assert fields == [("definition", None), ("en.status", "dual-gigabit networks"),
                      ("en.reason", "dual-gigabit networks")]
    applied = runner.invoke(main, ["import", str(sheet_path), "-t", str(folder),
                                   "--on-conflict", "replace"])
    assert applied.exit_code == 0, applied.output
    after = json.loads(runner.invoke(main, ["diff", str(folder), str(sheet_path), "-f",
                                            "json"]).stdout)
    # only the modification date the import set differs from the sheet
    assert after["added"] == after["removed"] == []
    assert all(c["field"] == "modified" for item in after["changed"] for c in item["changes"])
