"""export, import and convert through the CLI, and import of real term bases from other tools."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from policyglossary import api
from policyglossary.cli._app import main
from policyglossary.formats.canonical import concept_files, read_dir

from ..conftest import GLOSSARY, INTEROP, TRANSLATIONS, concept, needs_shared

# ------------------------------------------------------------------ export

def test_export_tbx_to_stdout(runner) -> None:
    result = runner.invoke(main, ["export", "--to", "tbx", "-t", str(GLOSSARY)])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b'<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca"' in \
        result.stdout_bytes
    assert result.stderr == ""


def test_export_format_from_extension_and_warnings(runner, tmp_path: Path) -> None:
    out = tmp_path / "glossary.tmx"
    result = runner.invoke(main, ["export", "-o", str(out), "-t", str(GLOSSARY)])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert "Warning: TMX cannot hold: " in result.stderr
    termbase = list(api.load_termbase(GLOSSARY))
    with_sources = sum(1 for concept in termbase if concept.sources)
    with_note = sum(1 for concept in termbase if concept.note)
    assert f"sources ({with_sources} concepts)" in result.stderr
    assert f"note ({with_note} concepts)" in result.stderr
    admitted = sum(1 for c in termbase if any(t.status == "admitted" for t in c.en))
    forbidden = sum(1 for c in termbase if any(t.status == "forbidden" for t in c.en))
    assert f"Warning: left out (--renderings preferred): admitted renderings ({admitted} " \
        "concepts)\n" in result.stderr
    assert f"Warning: left out (--forbidden omit): forbidden renderings ({forbidden} concepts)" \
        in result.stderr


def test_export_xlsx_layout(tmp_path: Path) -> None:
    out = tmp_path / "g.xlsx"
    api.export("xlsx", out, GLOSSARY)
    workbook = openpyxl.load_workbook(out)
    sheet = workbook["termbase"]
    assert workbook.sheetnames == ["termbase", "columns", "info"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert all(cell.font.bold for cell in sheet[1])
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["id", "zh", "zh-Hant", "zh other"]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2,
                                                                             values_only=True)}
    gigabit = rows["dual-gigabit"]
    assert gigabit["zh"] == "双千兆" and gigabit["zh-Hant"] == "雙千兆"
    assert gigabit["en"] == "dual-gigabit"
    assert gigabit["en forbidden"].startswith("double gigabit [Calque")
    assert sheet.cell(2, 2).alignment.wrap_text
    assert workbook["columns"]["A2"].value == "id"


def test_formula_injection_is_neutralised(tmp_path: Path, write_termbase) -> None:
    folder = write_termbase(concept("f", "公式", "=HYPERLINK(\"http://x\")",
                                    definition="+1+1", note="@SUM(A1)", context="-2"))
    xlsx, csv_path = tmp_path / "f.xlsx", tmp_path / "f.csv"
    api.export("xlsx", xlsx, folder)
    api.export("csv", csv_path, folder)
    sheet = openpyxl.load_workbook(xlsx)["termbase"]
    cells = {c.value: c.data_type for c in sheet[2] if c.value}
    assert cells['=HYPERLINK("http://x")'] == "s"  # a string cell, not a formula
    assert cells["+1+1"] == "s"
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        row = list(csv.reader(handle))[1]
    assert "'=HYPERLINK(\"http://x\")" in row and "'+1+1" in row and "'@SUM(A1)" in row
    for path in (xlsx, csv_path):
        back = api.import_termbase(path, tmp_path / f"back-{path.suffix}").result.added[0]
        assert back.preferred_en.text == '=HYPERLINK("http://x")'  # type: ignore[union-attr]
        assert (back.definition, back.note, back.context) == ("+1+1", "@SUM(A1)", "-2")


def test_export_usage_errors(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["export", "--to", "xlsx", "-t", str(GLOSSARY)])
    assert result.exit_code == 2 and "xlsx needs --output" in result.stderr
    result = runner.invoke(main, ["export", "-o", str(tmp_path / "x.doc"), "-t", str(GLOSSARY)])
    assert result.exit_code == 2 and "cannot tell the format" in result.stderr
    result = runner.invoke(main, ["export", "--to", "po", "-t", str(GLOSSARY)])
    assert result.exit_code == 2 and "cannot write 'po' here" in result.stderr
    assert not list(tmp_path.iterdir())


def test_zh_tag_and_variants(runner) -> None:
    result = runner.invoke(main, ["export", "--to", "tbx", "--zh-tag", "zh-Hans",
                                  "--zh-variants", "zh-TW,zh-HK", "-t", str(GLOSSARY)])
    text = result.stdout
    assert 'xml:lang="zh-Hans"' in text and 'xml:lang="zh-TW"' in text
    assert 'xml:lang="zh-HK"' in text and 'xml:lang="zh-Hant"' not in text
    assert "<term>梁志峰</term>" in text  # the explicit Hong Kong/Taiwan-safe form
    bad = runner.invoke(main, ["export", "--to", "tbx", "--zh-variants", "zh-XX"])
    assert bad.exit_code == 2


def test_forbidden_omit(tmp_path: Path) -> None:
    _, warnings = api.export("tbx", tmp_path / "g.tbx", GLOSSARY,
                             api.WriteOptions(forbidden="omit"))
    text = (tmp_path / "g.tbx").read_text(encoding="utf-8")
    assert "deprecatedTerm-admn-sts" not in text and "double gigabit" not in text
    assert any("left out (--forbidden omit)" in w for w in warnings)


# ------------------------------------------------------------------ import

def test_import_into_a_new_folder_and_again_is_unchanged(runner, tmp_path: Path) -> None:
    tbx, folder = tmp_path / "g.tbx", tmp_path / "new"
    api.export("tbx", tbx, GLOSSARY)
    first = runner.invoke(main, ["import", str(tbx), "-t", str(folder)])
    assert first.exit_code == 0, first.output
    count = len(read_dir(GLOSSARY).concepts)  # the term base grows; every concept must go through
    assert f"{count} added, 0 changed, 0 unchanged, 0 skipped" in first.stderr
    assert read_dir(folder) == read_dir(GLOSSARY)
    again = runner.invoke(main, ["import", str(tbx), "-t", str(folder)])
    assert f"0 added, 0 changed, {count} unchanged" in again.stderr


def _edited_xlsx(tmp_path: Path, edits: dict[tuple[str, str], str]) -> Path:
    path = tmp_path / "edited.xlsx"
    api.export("xlsx", path, GLOSSARY)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["termbase"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for (cid, column), value in edits.items():
            if row[0].value == cid:
                row[header.index(column)].value = value
    workbook.save(path)
    return path


@pytest.fixture
def copy_of_glossary(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, folder)
    return folder


def test_conflict_fails_by_default_and_writes_nothing(runner, tmp_path: Path,
                                                      copy_of_glossary: Path) -> None:
    edited = _edited_xlsx(tmp_path, {("dual-gigabit", "definition"): "New definition."})
    before = {p.name: p.read_bytes() for p in concept_files(copy_of_glossary)}
    result = runner.invoke(main, ["import", str(edited), "-t", str(copy_of_glossary)])
    assert result.exit_code == 1
    assert "changed dual-gigabit (双千兆)" in result.stdout
    assert "~ definition: 'Umbrella for gigabit mobile (5G) and gigabit fixed (fibre) " \
           "networks.' → 'New definition.'" in result.stdout
    assert result.stderr.startswith("Error: 1 concept(s) would change; nothing written.")
    assert {p.name: p.read_bytes() for p in concept_files(copy_of_glossary)} == before


def test_conflict_keep_and_replace(runner, tmp_path: Path, copy_of_glossary: Path) -> None:
    edited = _edited_xlsx(tmp_path, {("dual-gigabit", "definition"): "New definition.",
                                     ("dual-gigabit", "en forbidden"): ""})
    keep = runner.invoke(main, ["import", str(edited), "-t", str(copy_of_glossary),
                                "--on-conflict", "keep"])
    assert keep.exit_code == 0
    assert "skipped dual-gigabit" in keep.stdout
    assert read_dir(copy_of_glossary).by_id()["dual-gigabit"].definition != "New definition."
    dry = runner.invoke(main, ["import", str(edited), "-t", str(copy_of_glossary),
                               "--on-conflict", "replace", "--dry-run"])
    assert "(dry run: nothing written)" in dry.stderr
    assert read_dir(copy_of_glossary).by_id()["dual-gigabit"].definition != "New definition."
    replace = runner.invoke(main, ["import", str(edited), "-t", str(copy_of_glossary),
                                   "--on-conflict", "replace"])
    assert replace.exit_code == 0
    assert "- en: 'double gigabit' (forbidden" in replace.stdout
    updated = read_dir(copy_of_glossary).by_id()["dual-gigabit"]
    assert updated.definition == "New definition."
    assert [t.text for t in updated.en if t.rejected] == []
    assert updated.modified is not None and updated.modified.isoformat() >= "2026-11-25"
    others = len(read_dir(GLOSSARY).concepts) - 1
    assert f"0 added, 1 changed, {others} unchanged" in replace.stderr


def test_import_matches_by_headword_and_adds_terms(tmp_path: Path, copy_of_glossary: Path) -> None:
    glossary = tmp_path / "g.txt"
    glossary.write_text("# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
                        "雙千兆\tgigabit-plus networks\tfrom a CAT tool\n"
                        "新术语\tnew term\n", encoding="utf-8")
    with pytest.raises(api.ImportConflict) as caught:
        api.import_termbase(glossary, copy_of_glossary)
    (target, changes), = caught.value.result.conflicts
    assert target.id == "dual-gigabit"  # found through the Traditional headword
    assert [(c.field, c.new["text"]) for c in changes if c.field == "en"] == \
        [("en", "gigabit-plus networks")]
    report = api.import_termbase(glossary, copy_of_glossary, on_conflict="replace")
    assert [c.id for c in report.result.added] == ["new-term"]
    texts = [t.text for t in read_dir(copy_of_glossary).by_id()["dual-gigabit"].en]
    assert "dual-gigabit" in texts and "gigabit-plus networks" in texts


@needs_shared
@pytest.mark.parametrize(("name", "fmt", "concepts", "warning"), [
    ("tbx/microsoft_termcollection_zh-Hant_excerpt.tbx", None, 2, "Traditional-only"),
    ("tbx/ltac_basic_Example_Astronomy_DCA_VALID.tbx", None, 0, "in es skipped"),
    ("tbx/lisa2008_medtronic_TBX.tbx", None, 0, "without a Chinese term skipped"),
    ("tbx/okapi_test02_win1254.tbx", None, 0, "1 term(s) in tr skipped"),
    ("tbx/omegat_sampleTBXfile.tbx", None, 0, "in hu skipped"),
    ("glossary/omegat_l10n_zh_CN_glossary.txt", None, 82, "9 line(s) without a Chinese"),
    ("glossary/omegat_phpunit_zh_CN_glossary.txt", None, 8, None),
    ("glossary/omegat_testUTF16LE.txt", None, 0, "2 line(s) without a Chinese"),
    ("glossary/omegat_test-magiccomment-bom.tab", None, 0, "no glossary lines found"),
    # Japanese and Korean entries are not Chinese terms, even with Han characters
    ("glossary/omegat_test.tab", None, 0, "4 line(s) without a Chinese"),
    ("glossary/omegat_test.csv", "omegat", 0, "7 line(s) without a Chinese"),
    # 300 rows, of which some repeat an English source term: one concept each
    ("glossary/mstermcoll_en-zh_CN_Termbase_EXCERPT.csv", None, 293, None),
    ("tmx/omegat319_phpunit-zh_CN-level2_EXCERPT.tmx", None, 208, None),
])
def test_import_real_files_from_other_tools(tmp_path: Path, name: str, fmt: str | None,
                                            concepts: int, warning: str | None) -> None:
    report = api.import_termbase(INTEROP / name, tmp_path / "tb", fmt, dry_run=True)
    added = report.result.added
    assert len(added) == concepts
    for concept_ in added:
        assert concept_.zh and all(t.text.strip() == t.text for t in concept_.zh)
        assert concept_.en and concept_.preferred_en is not None
    if warning:
        assert any(warning in w for w in report.warnings), report.warnings
    else:
        assert report.warnings == []
    assert not (tmp_path / "tb").exists()  # a dry run writes nothing


@needs_shared
def test_import_microsoft_traditional_terms(tmp_path: Path) -> None:
    report = api.import_termbase(INTEROP / "tbx/microsoft_termcollection_zh-Hant_excerpt.tbx",
                                 tmp_path / "tb")
    first = report.result.added[0]
    assert first.headword == "上下文"
    assert first.preferred_en is not None and first.preferred_en.text == "context"
    assert first.definition
    written = read_dir(tmp_path / "tb")
    assert len(written) == 2


@needs_shared
def test_import_multilingual_xlsx_without_chinese_is_a_clear_error(runner) -> None:
    result = runner.invoke(main, ["import", str(INTEROP / "glossary/excel_engineering_glossary_"
                                                          "en-pt.xlsx"), "--dry-run"])
    assert result.exit_code == 2
    assert "header needs a Chinese and an English column" in result.stderr


def test_import_bad_input_is_one_line(runner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><text><body><conceptEntry id='x'>", encoding="utf-8")
    result = runner.invoke(main, ["import", str(bad), "-t", str(tmp_path / "tb")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}:")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "tb").exists()


# ------------------------------------------------------------------ convert

@pytest.mark.parametrize("target", ["a.tmx", "a.xlf", "a.xlsx", "a.csv", "a.tsv"])
def test_convert_po_round_trip(tmp_path: Path, target: str) -> None:
    out, back = tmp_path / target, tmp_path / "back.po"
    assert api.convert(TRANSLATIONS / "article.po", out) == []
    api.convert(out, back)
    import polib

    original = [(e.msgctxt, e.msgid, e.msgstr, e.occurrences, e.tcomment)
                for e in polib.pofile(str(TRANSLATIONS / "article.po"))]
    again = [(e.msgctxt, e.msgid, e.msgstr, e.occurrences, e.tcomment)
             for e in polib.pofile(str(back))]
    assert again == original


def test_convert_to_xliff2_keeps_ids(tmp_path: Path) -> None:
    out = tmp_path / "a.xlf"
    api.convert(TRANSLATIONS / "article.po", out, to_fmt="xliff2")
    assert 'xmlns="urn:oasis:names:tc:xliff:document:2.0"' in out.read_text(encoding="utf-8")
    result = api.check([out], GLOSSARY)
    assert result.segments == 47 and result.findings == []


def test_review_sheet_lists_terms(tmp_path: Path) -> None:
    out = tmp_path / "review.xlsx"
    api.convert(TRANSLATIONS / "article.po", out, termbase=GLOSSARY)
    sheet = openpyxl.load_workbook(out)["segments"]
    header = [c.value for c in sheet[1]]
    assert header == ["id", "zh-CN", "en", "state", "notes", "terms", "references"]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "p22.s03")
    assert "双千兆 → dual-gigabit" not in row[5]  # the nested term is inside the longer one
    assert "“双千兆”协同发展 → coordinated development of dual-gigabit networks" in row[5]


@needs_shared
def test_convert_reports_what_it_drops(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["convert", str(INTEROP / "tmx/omegat_en-US_en-GB_fr_sr.tmx"),
                                  "-o", str(tmp_path / "x.po")])
    assert result.exit_code == 0
    assert "not converted" in result.stderr and "variants" in result.stderr
    codes = runner.invoke(main, ["convert", str(INTEROP / "xliff/angular_ctrl_messages.zh-CN"
                                                ".xlf"), "-o", str(tmp_path / "y.po")])
    assert "inline codes not converted" in codes.stderr


def test_convert_refuses_to_overwrite_its_input(runner, tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_bytes((TRANSLATIONS / "article.po").read_bytes())
    result = runner.invoke(main, ["convert", str(path), "-o", str(path)])
    assert result.exit_code == 2 and "would overwrite the input" in result.stderr


def test_check_accepts_a_termbase_file(tmp_path: Path) -> None:
    for name in ("tbx", "xlsx", "csv"):
        path = tmp_path / f"g.{name}"
        api.export(name, path, GLOSSARY)
        result = api.check([TRANSLATIONS], path)
        assert result.findings == [], name
