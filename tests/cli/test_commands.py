"""The commands' exact output and exit status for what the other CLI tests leave out: the
listings, summaries and warnings on stderr, reports written with -o, import's lines,
lint's severities, and a reader that closes the pipe early."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policyglossary.cli._app import main
from policyglossary.formats import FORMATS

from ..conftest import GLOSSARY, concept

PO = 'msgctxt "s1"\nmsgid "推进双千兆网络建设"\nmsgstr "build double gigabit networks"\n'


@pytest.fixture
def po_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.po"
    path.write_text(PO, encoding="utf-8")
    return path


def test_checks_lists_each_check_with_its_first_paragraph(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["checks"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [
        "term-missing", "term-forbidden", "term-inconsistent", "segment-inconsistent",
        "untranslated", "number-mismatch"]
    assert lines[0] == ("term-missing           error    The source contains a term and the "
                        "target contains none of its preferred or admitted renderings (in any "
                        "case, hyphenation or regular inflection).")
    assert lines[4].startswith("untranslated           warning  The target is empty")


def test_formats_lists_every_format_in_aligned_columns(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["formats"])
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["name", "extensions", "check", "term", "base", "in", "term",
                              "base", "out", "convert", "out", "description"]
    assert [row.split()[0] for row in rows] == list(FORMATS)
    column = header.index("check")
    po_row = next(row for row in rows if row.startswith("po "))
    assert po_row[column:column + 3] == "yes" and ".po .pot" in po_row
    tbx_row = next(row for row in rows if row.startswith("tbx "))
    assert tbx_row[column] == "-"  # a term base format: nothing to check
    assert tbx_row[header.index("term base out")] == "y"


def test_check_summary_counts_files_and_the_quiet_flag_silences_it(runner, po_file: Path,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    other = tmp_path / "b.po"
    other.write_text('msgid "财政部"\nmsgstr "Ministry of Finance"\n', encoding="utf-8")
    args = ["check", str(po_file), str(other), "-t", str(GLOSSARY)]
    loud = runner.invoke(main, args)
    assert loud.exit_code == 1
    assert loud.stderr == "2 errors, 0 warnings, 0 infos in 2 files, 2 segments\n"
    quiet = runner.invoke(main, [*args, "-q"])
    assert (quiet.exit_code, quiet.stderr) == (1, "")
    assert quiet.stdout == loud.stdout


def test_an_empty_file_is_a_warning_on_stderr(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.po"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["check", str(empty), "-t", str(GLOSSARY)])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == (f"Warning: {empty}: no segments (an empty file?)\n"
                             "0 errors, 0 warnings, 0 infos in 1 file, 0 segments\n")
    document = json.loads(runner.invoke(main, ["check", str(empty), "-t", str(GLOSSARY),
                                               "-f", "json", "-q"]).stdout)
    assert document["warnings"] == [f"{empty}: no segments (an empty file?)"]


def test_github_report_written_to_a_file(runner, po_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "reports" / "check.txt"
    result = runner.invoke(main, ["check", str(po_file), "-t", str(GLOSSARY), "-f", "github",
                                  "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [line.split(" ")[0] for line in lines] == ["::error", "::error"]
    assert lines[1].startswith(f"::error file={po_file},line=2,title=term-forbidden::")
    assert sorted(p.name for p in out.parent.iterdir()) == ["check.txt"]  # no temp file left


def _two_termbases(write_termbase) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    old = write_termbase(concept("a", "甲", "alpha"), folder="old")
    new = write_termbase(concept("a", "甲", "alpha"), concept("b", "乙", "beta"), folder="new")
    return old, new


def test_diff_report_to_a_file_and_xlsx_needs_one(runner, tmp_path: Path, write_termbase) \
        -> None:  # type: ignore[no-untyped-def]
    old, new = _two_termbases(write_termbase)
    out = tmp_path / "diff.md"
    result = runner.invoke(main, ["diff", str(old), str(new), "-f", "markdown", "-o", str(out)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert out.read_text(encoding="utf-8").splitlines()[:3] == [
        "### Term base changes: 1 added, 0 removed, 0 changed", "", f"`{old}` → `{new}`"]
    text = tmp_path / "diff.txt"
    assert runner.invoke(main, ["diff", str(old), str(new), "-o", str(text)]).exit_code == 0
    assert text.read_text(encoding="utf-8") == (f"diff {old} → {new}: 1 added, 0 removed, "
                                                '0 changed\n+ added    b  乙  "beta"\n')
    sheet = runner.invoke(main, ["diff", str(old), str(new), "-f", "xlsx"])
    assert sheet.exit_code == 2 and "xlsx needs --output FILE" in sheet.stderr


def test_import_lists_what_it_adds_and_says_where(runner, tmp_path: Path, write_termbase) \
        -> None:  # type: ignore[no-untyped-def]
    old, new = _two_termbases(write_termbase)
    sheet = tmp_path / "new.csv"
    assert runner.invoke(main, ["export", "-t", str(new), "-o", str(sheet)]).exit_code == 0
    dry = runner.invoke(main, ["import", str(sheet), "-t", str(old), "--dry-run"])
    assert dry.exit_code == 0
    assert dry.stdout == "added b (乙)\n"
    assert dry.stderr == (f"1 added, 0 changed, 1 unchanged, 0 skipped: concepts that would be "
                          f"merged into {old} (dry run: nothing written)\n")
    quiet = runner.invoke(main, ["import", str(sheet), "-t", str(old)])
    assert quiet.exit_code == 0 and quiet.stdout == ""
    assert quiet.stderr == (f"1 added, 0 changed, 1 unchanged, 0 skipped: concepts that were "
                            f"merged into {old}\n")
    again = runner.invoke(main, ["import", str(sheet), "-t", str(old), "--verbose"])
    assert (again.stdout, again.exit_code) == ("", 0)  # nothing new to list


def test_lookup_json_without_a_match(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["lookup", "不存在的术语", "-t", str(GLOSSARY), "-f", "json"])
    assert result.exit_code == 1
    assert result.stdout == "[]\n"
    assert result.stderr == f"No concept matches '不存在的术语' in {GLOSSARY}\n"


def test_lint_hides_info_findings_unless_asked(runner, write_termbase) -> None:  # type: ignore[no-untyped-def]
    primary = ("https://english.www.gov.cn/policies/",)  # no no-primary-source warning
    folder = write_termbase(concept("a", "中小企业", "SMEs", sources=primary),
                            concept("b", "中小企业局", "SME Bureau", sources=primary))
    default = runner.invoke(main, ["lint", "-t", str(folder)])
    assert default.exit_code == 0 and default.stdout == ""
    assert default.stderr == (f"{folder}: 0 errors, 0 warnings, 1 info (1 info findings not "
                              "shown; use --min-severity info)\n")
    shown = runner.invoke(main, ["lint", "-t", str(folder), "--min-severity", "info"])
    path = folder / "concepts" / "b.toml"
    line = path.read_text(encoding="utf-8").splitlines().index('term = "中小企业局"') + 1
    assert shown.stdout == f"{path}:{line}: info nested-term: 中小企业局 contains 中小企业 (a)\n"
    assert shown.stderr == f"{folder}: 0 errors, 0 warnings, 1 info\n"
    errors_only = runner.invoke(main, ["lint", "-t", str(folder), "--min-severity", "error"])
    assert errors_only.stdout == "" and "1 info findings not shown" in errors_only.stderr


def test_a_reader_that_stops_early_is_no_error() -> None:
    """`policyglossary export --to tbx | head -c 100`: the pipe closes while we write; we
    stop quietly with status 0, as other tools do."""
    process = subprocess.Popen([sys.executable, "-m", "policyglossary", "export", "--to",
                                "tbx", "-t", str(GLOSSARY)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    head = process.stdout.read(100)
    process.stdout.close()
    errors = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert head.startswith(b"<?xml")
    assert errors == b""
