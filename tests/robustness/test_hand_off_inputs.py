"""Inputs a new user met handing files between CAT tools and this toolkit (issue 11): each is
one `Error: file[:line]: …` line and exit 2, or a clear warning; never a silent wrong result.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policyglossary import api
from policyglossary.cli._app import main
from policyglossary.formats import FORMATS, ReadOptions, detect
from policyglossary.langs import normalize_tag

from ..conftest import GLOSSARY, INTEROP, TRANSLATIONS, needs_shared

PO_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
             '"Language: en\\n"\n\n')

# ------------------------------------------------------------------ PO plural forms

PLURAL = PO_HEADER.replace('"Language: en\\n"\n', '"Language: en\\n"\n'
                           '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n') + """\
msgctxt "p1"
msgid "%d个双千兆网络"
msgid_plural "%d个双千兆网络"
msgstr[0] "%d dual-gigabit network"
msgstr[1] "%d double gigabit networks"

msgctxt "p2"
msgid "%d家中小企业"
msgid_plural "%d家中小企业"
msgstr[0] "%d SME"
msgstr[1] "%d SMEs"
"""


def test_every_plural_form_is_checked(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plural.po"
    path.write_text(PLURAL, encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "-t", str(GLOSSARY)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ", 2)[1] for line in lines] == ["error term-missing",
                                                          "error term-forbidden"]
    assert all(line.endswith("[segment p1 msgstr[1]]") for line in lines)
    # the forms of one message differ on purpose: not "translated differently"
    assert "segment-inconsistent" not in result.stdout
    assert result.stderr.endswith("in 1 file, 4 segments\n")


def test_convert_keeps_the_first_plural_form_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "plural.po"
    path.write_text(PLURAL, encoding="utf-8")
    warnings = api.convert(path, tmp_path / "plural.tmx")
    assert warnings == ["2 segment(s): plural forms (msgid_plural, msgstr[1…]) not converted "
                        "(tmx or this toolkit cannot hold it)"]


# ------------------------------------------------------------------ content over extension

@pytest.fixture
def xliff(tmp_path: Path) -> Path:
    path = tmp_path / "article.xlf"
    api.convert(TRANSLATIONS / "article.po", path)
    return path


def test_an_xliff_named_tmx_is_read_as_xliff(tmp_path: Path, xliff: Path, runner) -> None:  # type: ignore[no-untyped-def]
    misnamed = tmp_path / "article.tmx"
    shutil.copy(xliff, misnamed)
    result = runner.invoke(main, ["check", str(misnamed), "-t", str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    assert result.stderr == "0 errors, 0 warnings, 0 infos in 1 file, 47 segments\n"


def test_an_xliff_named_tbx_is_no_term_base(tmp_path: Path, xliff: Path, runner) -> None:  # type: ignore[no-untyped-def]
    misnamed = tmp_path / "glossary.tbx"
    shutil.copy(xliff, misnamed)
    result = runner.invoke(main, ["import", str(misnamed), "-t", str(tmp_path / "tb")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {misnamed}: this is an XLIFF document, not a term base\n"
    assert not (tmp_path / "tb").exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("page.tmx", "<!DOCTYPE html>\n<html><body/></html>",
     "not a TMX document: the root element is <html> (an HTML page)"),
    ("notes.xlf", '<?xml version="1.0"?>\n<!-- x -->\n<notes/>',
     "not an XLIFF document: the root element is <notes> (an XML document with root <notes>)"),
])
def test_an_xml_file_of_no_format_we_read_is_named(tmp_path: Path, runner, name: str,  # type: ignore[no-untyped-def]
                                                  content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "-t", str(GLOSSARY)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: {message}\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-le", "utf-16"])
def test_the_root_is_found_in_any_unicode_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "x.tmx"
    path.write_bytes('<?xml version="1.0"?>\n<!DOCTYPE xliff>\n<xliff version="1.2"/>'
                     .encode(encoding))
    assert detect(path).name == "xliff"
    assert detect(path, head=b"").name == "tmx"  # an output file: by its extension


def test_tab_files_are_tsv_for_check_and_omegat_for_import(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "sheet.tab"
    sheet.write_text("source\ttarget\n推进双千兆\tpush dual-gigabit\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(sheet), "-t", str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    assert result.stderr == "0 errors, 0 warnings, 0 infos in 1 file, 1 segment\n"
    glossary = tmp_path / "glossary.tab"
    glossary.write_text("双千兆\tdual-gigabit\n", encoding="utf-8")
    assert detect(glossary, kind="termbase").name == "omegat"


# ------------------------------------------------------------------ a missing side

EN_FR_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>Open the file</seg></tuv><tuv xml:lang="fr"><seg>Ouvrir le fichier
</seg></tuv></tu>
</body></tmx>
"""
RU_PO = PO_HEADER.replace("Language: en", "Language: ru") + \
    'msgid "Open the file"\nmsgstr "Открыть файл"\n'
ZH_JA_CSV = "source,target\n推进双千兆网络,ギガビットネットワーク\n"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("en-fr.tmx", EN_FR_TMX, "no Chinese side (no Chinese text in the sources)"),
    ("ru.po", RU_PO, "no English side (the target language is ru)"),
    ("zh-ja.csv", ZH_JA_CSV, "no English side (no English text in the targets)"),
])
def test_a_file_without_a_chinese_or_english_side_is_refused(  # type: ignore[no-untyped-def]
        tmp_path: Path, runner, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "-t", str(GLOSSARY)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: {message}\n"
    # with --keep-going: a warning, the file skipped, the others checked
    result = runner.invoke(main, ["check", "-k", str(path), str(TRANSLATIONS / "article.po"),
                                  "-t", str(GLOSSARY)])
    assert result.exit_code == 0
    assert result.stderr == f"Warning: {path}: {message}; not checked\n" \
                            "0 errors, 0 warnings, 0 infos in 1 file, 47 segments\n"


def test_numbers_alone_are_no_missing_side(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "numbers.po"
    path.write_text(PO_HEADER + 'msgid "占比达42%"\nmsgstr "42%"\n', encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "-t", str(GLOSSARY)])
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------ interrupted import

def _interrupted_import(tmp_path: Path, when: str) -> tuple[int, str, Path, int]:
    """Import 300 new concepts through a real process and send it SIGINT as soon as the
    first temporary file exists (`staging`) or the first new concept file does
    (`renaming`). Returns (exit status, stderr, the term base, new concepts before)."""
    incoming = tmp_path / "incoming.csv"
    digits = "零一二三四五六七八九"
    rows = ["zh,en"] + [f"新术语{''.join(digits[int(d)] for d in f'{n:03d}')},new term {n}"
                        for n in range(300)]
    incoming.write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, folder)
    concepts = folder / "concepts"
    before = set(os.listdir(concepts))
    process = subprocess.Popen([sys.executable, "-m", "policyglossary", "import",
                                str(incoming), "-t", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        names = os.listdir(concepts)
        if when == "staging" and any(n.endswith(".tmp") for n in names):
            break
        if when == "renaming" and any(n not in before and n.endswith(".toml") for n in names):
            break
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr, folder, len(before)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["staging", "renaming"])
def test_ctrl_c_leaves_no_temporary_file_and_exits_130(tmp_path: Path, when: str) -> None:
    status, stderr, folder, before = _interrupted_import(tmp_path, when)
    assert status == 130, stderr
    assert stderr.endswith("Interrupted\n")
    names = os.listdir(folder / "concepts")
    assert [n for n in names if n.startswith(".") or n.endswith(".tmp")] == []
    # all or nothing: an interrupt while staging changes nothing; once renaming has begun,
    # it finishes first
    assert len(names) == (before if when == "staging" else before + 300)


# ------------------------------------------------------------------ small ones

def test_an_undecodable_byte_is_reported_at_its_line(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.po"
    entries = "".join(f'msgctxt "s{n}"\nmsgid "第{n}句"\nmsgstr "sentence {n}"\n\n'
                      for n in range(60))
    data = (PO_HEADER + entries).encode("utf-8") + b'msgid "x"\nmsgstr "\xff"\n'
    path.write_bytes(data)
    line = data.count(b"\n")  # the last line
    result = runner.invoke(main, ["check", str(path), "-t", str(GLOSSARY)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}:{line}: cannot decode as UTF-8: invalid start " \
                            "byte\n"


@pytest.mark.parametrize("command", [
    ["check", "article.po"], ["check", "sheet.csv"], ["convert", "article.po", "-o", "x.tmx"],
    ["import", "sheet.csv", "-t", "tb"],
])
def test_an_unknown_encoding_names_the_option(tmp_path: Path, runner, command: list[str]) \
        -> None:  # type: ignore[no-untyped-def]
    shutil.copy(TRANSLATIONS / "article.po", tmp_path / "article.po")
    (tmp_path / "sheet.csv").write_text("zh,en\n双千兆,dual-gigabit\n", encoding="utf-8")
    args = [str(tmp_path / a) if a.endswith((".po", ".csv", ".tmx")) or a == "tb" else a
            for a in command]
    result = runner.invoke(main, [*args, "--encoding", "nonsense", "-t", str(GLOSSARY)]
                           if command[0] == "check" else [*args, "--encoding", "nonsense"])
    assert result.exit_code == 2
    assert result.stderr.endswith(": unknown encoding 'nonsense' given with --encoding\n")


def test_xliff_to_po_keeps_the_languages(tmp_path: Path, xliff: Path) -> None:
    api.convert(xliff, tmp_path / "back.po")
    text = (tmp_path / "back.po").read_text(encoding="utf-8")
    assert '"Language: en\\n"' in text and '"X-Source-Language: zh-CN\\n"' in text


def test_a_gettext_header_unit_is_not_a_segment() -> None:
    """translate-toolkit's po2xliff writes the PO header as a unit of this restype."""
    document = """<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1">
<file original="a.po" source-language="en-US" target-language="en" datatype="po"><body>
<trans-unit xml:space="preserve" id="2" approved="no" restype="x-gettext-domain-header">
<source>Project-Id-Version: x\nLanguage: en\n</source></trans-unit>
<trans-unit id="p01.s01"><source>推进双千兆</source><target>push dual-gigabit</target>
</trans-unit></body></file></xliff>""".encode()
    doc = FORMATS["xliff"].doc_reader()(io.BytesIO(document), "a.xlf", ReadOptions())
    assert [s.id for s in doc.segments] == ["p01.s01"]


@needs_shared
def test_microsoft_part_of_speech_is_kept_and_unknown_values_named(tmp_path: Path) -> None:
    report = api.import_termbase(INTEROP / "tbx/microsoft_termcollection_zh-Hant_excerpt.tbx",
                                 tmp_path / "ms")
    assert [c.part_of_speech for c in report.result.added] == ["noun", "noun"]  # "Noun"
    report = api.import_termbase(INTEROP / "tbx/ltac_testfiles_basic_bad.tbx",
                                 tmp_path / "bad", dry_run=True)
    assert any("partOfSpeech 'nominal' on 1 term(s) is not a TBX-Basic value" in w
               for w in report.warnings)


def test_the_progress_bar_names_the_file() -> None:
    from policyglossary.cli.progress import render

    assert render(10, 5, 10, 1.0, "translations/article.po").startswith(
        "checking translations/article.po [")
    assert render(10, 5, 10, 1.0, "x" * 40 + ".po").startswith("checking …" + "x" * 28 + ".po [")


def test_one_segment_is_one_segment(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.po"
    path.write_text(PO_HEADER + 'msgid "双千兆"\nmsgstr "dual-gigabit"\n', encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "-t", str(GLOSSARY)])
    assert result.stderr == "0 errors, 0 warnings, 0 infos in 1 file, 1 segment\n"


@pytest.mark.parametrize(("given", "expected"), [
    ("zh_CN", "zh-CN"), ("zh_CN.UTF-8", "zh-CN"), ("en_US.UTF-8@euro", "en-US"),
    ("zh_Hant_TW", "zh-Hant-TW"), ("ZH-HANT", "zh-Hant"), ("zh-cn", "zh-CN"),
    ("sr_RS@latin", "sr-Latn-RS"), ("zh_CN.GB2312", "zh-CN"), ("EN", "en"), (" en-gb ", "en-GB"),
])
def test_language_tags_become_bcp47(given: str, expected: str) -> None:
    assert normalize_tag(given) == expected


def test_posix_locales_in_a_po_header_become_bcp47_tags(tmp_path: Path) -> None:
    source = tmp_path / "posix.po"
    text = (TRANSLATIONS / "article.po").read_text(encoding="utf-8")
    source.write_text(text.replace('"Language: en\\n"', '"Language: en_US.UTF-8\\n"')
                      .replace('"X-Source-Language: zh-CN\\n"', '"X-Source-Language: zh_CN\\n"'),
                      encoding="utf-8")
    for name in ("a.tmx", "a.xlf", "a.po", "a.csv"):
        api.convert(source, tmp_path / name)
    tmx = (tmp_path / "a.tmx").read_text(encoding="utf-8")
    assert 'srclang="zh-CN"' in tmx and 'xml:lang="en-US"' in tmx and "_" not in tmx[:400]
    xlf = (tmp_path / "a.xlf").read_text(encoding="utf-8")
    assert 'source-language="zh-CN"' in xlf and 'target-language="en-US"' in xlf
    po = (tmp_path / "a.po").read_text(encoding="utf-8")
    assert '"Language: en-US\\n"' in po and '"X-Source-Language: zh-CN\\n"' in po
    assert (tmp_path / "a.csv").read_text(encoding="utf-8-sig").startswith(
        "id,zh-CN,en-US,state")
