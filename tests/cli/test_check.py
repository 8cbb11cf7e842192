"""`policyglossary check` and `segment` through the CLI: exit codes, output formats, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policyglossary.cli._app import main

from ..conftest import GLOSSARY, SEED_ARTICLE, TRANSLATIONS

PO = '''msgid ""
msgstr ""
"Language: en\\n"
"X-Source-Language: zh-CN\\n"

msgctxt "s1"
msgid "推进双千兆网络建设"
msgstr "build double gigabit networks"

msgctxt "s2"
msgid "占比达42%"
msgstr "accounts for 40%"

msgctxt "s3"
msgid "财政部"
msgstr "Ministry of Finance"
'''


@pytest.fixture
def bad_po(tmp_path: Path) -> Path:
    path = tmp_path / "bad.po"
    path.write_text(PO, encoding="utf-8")
    return path


def test_project_translation_passes(runner) -> None:
    result = runner.invoke(main, ["check", str(TRANSLATIONS), "-t", str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "0 errors, 0 warnings, 0 infos in 1 file, 47 segments" in result.stderr


def test_text_output_and_exit_1(runner, bad_po: Path) -> None:
    result = runner.invoke(main, ["check", str(bad_po), "-t", str(GLOSSARY)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f'{bad_po}:7: error term-missing: 双千兆 (dual-gigabit): the target '
                        'has none of "dual-gigabit", "dual-gigabit networks" [segment s1]')
    assert lines[1].startswith(f"{bad_po}:7: error term-forbidden: 双千兆 (dual-gigabit): "
                               '"double gigabit" is forbidden')
    assert lines[2] == f"{bad_po}:11: warning number-mismatch: 42% is not in the target " \
                       "[segment s2]"
    assert len(lines) == 3
    assert "2 errors, 1 warning, 0 infos in 1 file, 3 segments" in result.stderr


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(runner, bad_po: Path, fail_on: str, code: int) -> None:
    result = runner.invoke(main, ["check", str(bad_po), "-t", str(GLOSSARY),
                                  "--fail-on", fail_on])
    assert result.exit_code == code


def test_fail_on_warning_with_only_warnings(runner, tmp_path: Path) -> None:
    path = tmp_path / "w.po"
    path.write_text('msgid "占比达42%"\nmsgstr "40%"\n', encoding="utf-8")
    args = ["check", str(path), "-t", str(GLOSSARY)]
    assert runner.invoke(main, args).exit_code == 0
    assert runner.invoke(main, [*args, "--fail-on", "warning"]).exit_code == 1


def test_json_contract(runner, bad_po: Path) -> None:
    result = runner.invoke(main, ["check", str(bad_po), "-t", str(GLOSSARY), "-f", "json"])
    document = json.loads(result.stdout)
    assert document["summary"] == {"error": 2, "warning": 1, "info": 0}
    first = document["findings"][0]
    assert {k: first[k] for k in ("rule", "severity", "file", "segment", "line", "term")} == {
        "rule": "term-missing", "severity": "error", "file": str(bad_po), "segment": "s1",
        "line": 7, "term": "双千兆"}
    assert first["span"] == {"in": "source", "start": 2, "end": 5, "text": "双千兆"}
    forbidden = document["findings"][1]
    assert forbidden["span"]["in"] == "target" and forbidden["span"]["text"] == "double gigabit"
    assert document["files"] == [str(bad_po)] and document["segments"] == 3


def test_github_annotations(runner, bad_po: Path) -> None:
    result = runner.invoke(main, ["check", str(bad_po), "-t", str(GLOSSARY), "-f", "github"])
    assert result.stdout.splitlines()[0].startswith(
        f"::error file={bad_po},line=7,title=term-missing::双千兆 (dual-gigabit)")


def test_output_file_is_written(runner, bad_po: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(main, ["check", str(bad_po), "-t", str(GLOSSARY), "-f", "json",
                                  "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["error"] == 2


def test_disable(runner, bad_po: Path) -> None:
    result = runner.invoke(main, ["check", str(bad_po), "-t", str(GLOSSARY), "--disable",
                                  "term-missing", "--disable", "term-forbidden"])
    assert result.exit_code == 0
    assert "term-" not in result.stdout


def test_unknown_check_is_a_usage_error(runner, bad_po: Path) -> None:
    result = runner.invoke(main, ["check", str(bad_po), "--disable", "nope"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown check 'nope'")


def test_directory_is_searched(runner, tmp_path: Path, bad_po: Path) -> None:
    folder = tmp_path / "dir"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.po").write_text(PO, encoding="utf-8")
    (folder / "b.csv").write_text("source,target\n财政部,Treasury\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a translation", encoding="utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "c.po").write_text("garbage", encoding="utf-8")
    result = runner.invoke(main, ["check", str(folder), "-t", str(GLOSSARY), "-f", "json"])
    document = json.loads(result.stdout)
    assert document["files"] == [str(folder / "b.csv"), str(folder / "sub" / "a.po")]
    assert {f["file"] for f in document["findings"]} == set(document["files"])


def test_unreadable_file_exits_2_with_one_line(runner, tmp_path: Path) -> None:
    path = tmp_path / "broken.po"
    path.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "-t", str(GLOSSARY)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}:2: unterminated or malformed string\n"


def test_keep_going_checks_the_others(runner, tmp_path: Path, bad_po: Path) -> None:
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    result = runner.invoke(main, ["check", str(broken), str(bad_po), "-t", str(GLOSSARY),
                                  "--keep-going"])
    assert result.exit_code == 2
    assert f"{bad_po}:7: error term-missing" in result.stdout
    assert f"Error: {broken}:" in result.stderr
    assert "1 unreadable" in result.stderr


def test_missing_file(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check", str(tmp_path / "nope.po"), "-t", str(GLOSSARY)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nope.po'}: no such file\n"


def test_reversed_po_checks_chinese_target(runner, tmp_path: Path) -> None:
    path = tmp_path / "zh.po"
    path.write_text('msgid ""\nmsgstr "Language: zh_CN\\n"\n\nmsgid "double gigabit"\n'
                    'msgstr "双千兆"\n', encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "-t", str(GLOSSARY)])
    assert result.exit_code == 1
    assert "term-forbidden: 双千兆" in result.stdout


# ------------------------------------------------------------------ segment

@pytest.mark.skipif(not SEED_ARTICLE.is_file(), reason="../shared/seed/article-zh.txt is absent")
def test_segment_article_matches_the_committed_translation(runner, tmp_path: Path) -> None:
    import polib

    out = tmp_path / "article.po"
    result = runner.invoke(main, ["segment", str(SEED_ARTICLE), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stderr == f"{out}: 47 segments\n"
    fresh = polib.pofile(str(out))
    committed = polib.pofile(str(TRANSLATIONS / "article.po"))
    assert [(e.msgctxt, e.msgid, e.occurrences) for e in fresh] == \
        [(e.msgctxt, e.msgid, e.occurrences) for e in committed]
    assert all(e.msgstr == "" for e in fresh)
    assert all(e.msgstr.strip() and "fuzzy" not in e.flags for e in committed)


def test_segment_pot_and_errors(runner, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("标题\n\n第一句。第二句！“第三句？”他说。\n", encoding="gb18030")
    out = tmp_path / "a.pot"
    assert runner.invoke(main, ["segment", str(article), "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'msgctxt "p02.s03"\nmsgid "“第三句？”"' in text
    assert '"Language: \\n"' in text
    bad = runner.invoke(main, ["segment", str(article), "-o", str(tmp_path / "a.txt2")])
    assert bad.exit_code == 2 and "writes .po or .pot" in bad.stderr
