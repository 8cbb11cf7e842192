"""check --baseline / --write-baseline: judged findings stay quiet, edited segments come back."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from policyglossary.cli._app import main

from .conftest import GLOSSARY
from .seeded import FINDINGS, line_of, seeded_translation


def _check(runner, *args: str):
    return runner.invoke(main, ["check", "-t", str(GLOSSARY), *args])


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    return seeded_translation(tmp_path)


def test_write_baseline_then_check_against_it(runner, seeded: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    first = _check(runner, str(seeded), "--write-baseline", str(baseline))
    assert first.exit_code == 1  # the findings are still reported when writing
    assert f"{baseline}: baseline of {FINDINGS} findings written" in first.stderr
    document = json.loads(baseline.read_text(encoding="utf-8"))
    assert document["policyglossary-baseline"] == 1
    entries = document["entries"]
    assert len(entries) == FINDINGS
    assert {e["rule"] for e in entries} == {"term-missing", "term-forbidden",
                                            "term-inconsistent", "number-mismatch"}
    assert all(len(e["fingerprint"]) == 20 for e in entries)
    assert baseline.read_text(encoding="utf-8").count("\n") == FINDINGS + 5  # one entry per line

    again = _check(runner, str(seeded), "--baseline", str(baseline))
    assert again.exit_code == 0, again.output
    assert again.stdout == ""
    assert again.stderr.strip() == ("0 errors, 0 warnings, 0 infos in 1 file, 47 segments; "
                                    f"{FINDINGS} suppressed by the baseline, 0 stale "
                                    "baseline entries")


def test_moved_lines_stay_quiet_and_edited_segments_come_back(runner, seeded: Path,
                                                              tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    _check(runner, str(seeded), "--write-baseline", str(baseline))
    text = seeded.read_text(encoding="utf-8")
    # a new entry at the top moves every line; one segment fixed; one edited
    text = text.replace('\n\n#: article-zh.txt:1\n', '\n\nmsgctxt "new"\nmsgid "新增"\n'
                        'msgstr "added"\n\n#: article-zh.txt:1\n', 1)
    text = text.replace("40%", "42%")
    text = text.replace("double gigabit networks", "double gigabit networks (edited)")
    seeded.write_text(text, encoding="utf-8")
    result = _check(runner, str(seeded), "--baseline", str(baseline))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["error term-missing",
                                                       "error term-forbidden"]
    assert all("[segment p22.s03]" in line for line in lines)
    line = line_of(seeded, "p22.s03")
    assert f":{line}:" in lines[0]  # four lines further down than when the baseline was made
    assert result.stderr.strip().endswith("; 2 suppressed by the baseline, 3 stale baseline "
                                          "entries")


def _without_msgctxt(seeded: Path) -> Path:
    """The seeded translation as plain gettext writes it: no msgctxt, so each entry's id is
    its msgid's line."""
    text = "".join(line for line in seeded.read_text(encoding="utf-8").splitlines(True)
                   if not line.startswith("msgctxt "))
    seeded.write_text(text, encoding="utf-8")
    return seeded


def _as_csv_without_ids(seeded: Path, tmp_path: Path) -> Path:
    import csv

    import polib

    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target"])
        writer.writerows([e.msgid, e.msgstr] for e in polib.pofile(str(seeded)) if e.msgid)
    return sheet


@pytest.mark.parametrize("layout", ["po-without-msgctxt", "csv-without-ids"])
def test_line_and_row_numbers_taken_as_ids_do_not_unsuppress(runner, seeded: Path,
                                                             tmp_path: Path,
                                                             layout: str) -> None:
    """Where a segment's id is its line or row, a line added above moves every id: the
    baseline still holds (README: moved segments keep their fingerprints)."""
    path = _without_msgctxt(seeded)
    if layout == "csv-without-ids":
        path = _as_csv_without_ids(path, tmp_path)
    baseline = tmp_path / "baseline.json"
    first = _check(runner, str(path), "--write-baseline", str(baseline))
    assert first.exit_code == 1 and f"baseline of {FINDINGS} findings written" in first.stderr
    ids = {e["segment"] for e in json.loads(baseline.read_text(encoding="utf-8"))["entries"]}
    assert all(i.isdigit() for i in ids)  # positions: they are what moves
    text = path.read_text(encoding="utf-8")
    if layout == "csv-without-ids":
        header, rest = text.split("\n", 1)
        text = f"{header}\n新增一行,an added row\n{rest}"
    else:
        text = text.replace('\n\n#: article-zh.txt:1\n',
                            '\n\n# a comment added by a translator\n#: article-zh.txt:1\n', 1)
    path.write_text(text, encoding="utf-8")
    again = _check(runner, str(path), "--baseline", str(baseline))
    assert again.stdout == ""
    assert again.stderr.strip().endswith(f"; {FINDINGS} suppressed by the baseline, 0 stale "
                                         "baseline entries"), again.stderr
    assert again.exit_code == 0


def test_json_lists_suppressed_findings_separately(runner, seeded: Path,
                                                   tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    plain = _check(runner, str(seeded), "-f", "json", "--write-baseline", str(baseline))
    alone = _check(runner, str(seeded), "-f", "json")
    assert plain.stdout == alone.stdout  # writing a baseline changes nothing in the report
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    kept = [e for e in entries if e["rule"] == "term-forbidden"]
    baseline.write_text(json.dumps({"policyglossary-baseline": 1, "entries": [
        e for e in entries if e["rule"] != "term-forbidden"] + [
        {"fingerprint": "0" * 20, "rule": "untranslated", "segment": "gone"}]}),
        encoding="utf-8")
    result = _check(runner, str(seeded), "-f", "json", "--baseline", str(baseline))
    document = json.loads(result.stdout)
    assert list(document) == [*json.loads(alone.stdout), "suppressed", "baseline"]
    # the same layout as json.dumps(document, indent=2), like the report without a baseline
    assert result.stdout == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert [f["rule"] for f in document["findings"]] == ["term-forbidden"]
    assert document["findings"][0]["segment"] == kept[0]["segment"]
    assert document["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert len(document["suppressed"]) == FINDINGS - 1
    assert document["suppressed"][0] == json.loads(alone.stdout)["findings"][0]
    assert document["baseline"] == {
        "file": str(baseline), "entries": FINDINGS, "suppressed": {"error": 2, "warning": 2,
                                                                   "info": 0},
        "stale": 1, "stale_entries": [{"fingerprint": "0" * 20, "rule": "untranslated",
                                       "segment": "gone"}]}


def test_rewriting_the_baseline_prunes_stale_entries(runner, seeded: Path,
                                                     tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    _check(runner, str(seeded), "--write-baseline", str(baseline))
    seeded.write_text(seeded.read_text(encoding="utf-8").replace("40%", "42%"),
                      encoding="utf-8")
    result = _check(runner, str(seeded), "--baseline", str(baseline), "--write-baseline",
                    str(baseline))
    assert result.exit_code == 0
    assert "1 stale baseline entry" in result.stderr
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["entries"]) == FINDINGS - 1


def _review(report: Path, marks: dict[str, str]) -> None:
    """What a reviewer does in a spreadsheet program: fill in the review column."""
    workbook = openpyxl.load_workbook(report)
    sheet = workbook["findings"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        rule = row[header.index("rule")].value
        if rule in marks:
            row[header.index("review")].value = marks[rule]
            row[header.index("comment")].value = f"judged: {rule}"
    workbook.save(report)


def test_the_xlsx_report_is_a_baseline(runner, seeded: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    assert _check(runner, str(seeded), "-f", "xlsx", "-o", str(report)).exit_code == 1
    _review(report, {"term-forbidden": "false positive", "number-mismatch": "Ignore",
                     "term-missing": "fix", "term-inconsistent": "ok"})
    result = _check(runner, str(seeded), "--baseline", str(report), "-f", "json")
    document = json.loads(result.stdout)
    assert sorted(f["rule"] for f in document["findings"]) == \
        ["term-inconsistent", "term-missing", "term-missing"]
    assert sorted(f["rule"] for f in document["suppressed"]) == \
        ["number-mismatch", "term-forbidden"]
    assert document["baseline"]["stale"] == 0


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed "
                    "(apt-get install libreoffice-calc-nogui; .ci/run installs it)")
def test_a_report_saved_by_libreoffice_is_still_a_baseline(runner, seeded: Path,
                                                           tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    _check(runner, str(seeded), "-f", "xlsx", "-o", str(report))
    _review(report, {"term-forbidden": "false positive"})
    out = tmp_path / "lo"
    done = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/p",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(report)],
        capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    result = _check(runner, str(seeded), "--baseline", str(out / "report.xlsx"))
    assert result.exit_code == 1
    assert "term-forbidden" not in result.stdout
    assert result.stdout.count("\n") == FINDINGS - 1
    assert "1 suppressed by the baseline, 0 stale baseline entries" in result.stderr


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "b.json:1: not a baseline: invalid JSON (Expecting value)"),
    ('{"entries": []}', 'b.json: not a baseline: expected {"policyglossary-baseline": 1, '
                        '"entries": [...]} (written by `check --write-baseline`)'),
    ('{"policyglossary-baseline": 1, "entries": [{"rule": "x"}]}',
     "b.json: entry 1 has no fingerprint"),
])
def test_a_bad_baseline_is_one_error_line(runner, seeded: Path, tmp_path: Path, content: str,
                                          message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    result = _check(runner, str(seeded), "--baseline", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path}/{message}\n"
    assert result.stdout == ""


def test_an_xlsx_that_is_not_a_report_or_has_a_bad_review(runner, seeded: Path,
                                                           tmp_path: Path) -> None:
    other = tmp_path / "terms.xlsx"
    assert runner.invoke(main, ["export", "-o", str(other), "-t", str(GLOSSARY)]).exit_code == 0
    result = _check(runner, str(seeded), "--baseline", str(other))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {other}: not a check report: no sheet named 'findings' "
                             "(write one with `check --format xlsx`)\n")
    report = tmp_path / "report.xlsx"
    _check(runner, str(seeded), "-f", "xlsx", "-o", str(report))
    _review(report, {"number-mismatch": "maybe"})
    result = _check(runner, str(seeded), "--baseline", str(report))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {report}:")
    assert "review 'maybe' is not one of ok, fix, false positive, ignore" in result.stderr
    missing = _check(runner, str(seeded), "--baseline", str(tmp_path / "none.json"))
    assert missing.exit_code == 2
    assert missing.stderr == f"Error: {tmp_path / 'none.json'}: no such file\n"
