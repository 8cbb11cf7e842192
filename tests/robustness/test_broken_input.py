"""Broken and oddly encoded input: one line `file:line: what is wrong` and exit 2, or the
right reading; never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policyglossary.cli._app import main
from policyglossary.formats import ReadOptions, open_document

from ..conftest import GLOSSARY, INTEROP, needs_shared

SOURCE, TARGET = "雙千兆網絡", "dual-gigabit networks"  # Traditional: Big5 can hold it


def _po(newline: str, charset: str) -> str:
    lines = ['msgid ""', 'msgstr ""', f'"Content-Type: text/plain; charset={charset}\\n"', "",
             f'msgid "{SOURCE}"', f'msgstr "{TARGET}"', ""]
    return newline.join(lines)


def _table(newline: str, separator: str) -> str:
    return newline.join([f"zh-TW{separator}en", f"{SOURCE}{separator}{TARGET}", ""])


ENCODINGS = {
    "utf-8": ("utf-8", b""), "utf-8 with BOM": ("utf-8", b"\xef\xbb\xbf"),
    "utf-16-le with BOM": ("utf-16-le", b"\xff\xfe"),
    "utf-16-be with BOM": ("utf-16-be", b"\xfe\xff"),
    "gb18030": ("gb18030", b""), "big5": ("big5", b""),
}


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("fmt", ["po", "csv", "tsv"])
def test_encodings_and_line_ends(tmp_path: Path, fmt: str, encoding: str,
                                 newline: str) -> None:
    codec, bom = ENCODINGS[encoding]
    # a PO header naming UTF-8 where a BOM says otherwise: the BOM wins
    text = _po(newline, "UTF-8" if bom else codec.upper()) if fmt == "po" else \
        _table(newline, "," if fmt == "csv" else "\t")
    path = tmp_path / f"x.{fmt}"
    path.write_bytes(bom + text.encode(codec))
    with open_document(path, ReadOptions()) as doc:
        segments = [(s.source, s.target, s.line) for s in doc.segments]
    assert segments == [(SOURCE, TARGET, 5 if fmt == "po" else 2)]


def test_forced_encoding(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.csv"
    path.write_bytes(_table("\n", ",").encode("big5"))
    result = runner.invoke(main, ["check", "-q", "-t", str(GLOSSARY), "-f", "json",
                                  "--encoding", "big5", str(path)])
    assert result.exit_code in (0, 1) and json.loads(result.output)["segments"] == 1
    wrong = runner.invoke(main, ["check", "-t", str(GLOSSARY), "--encoding", "utf-8",
                                 str(path)])
    assert wrong.exit_code == 2
    assert wrong.output.startswith(f"Error: {path}:2: ") and "utf-8" in wrong.output.lower()


MALFORMED = {
    # name: (file name, content, line, message fragment)
    "NUL in a PO string": ("x.po", 'msgid "a\0b"\nmsgstr "c"\n', 1, "NUL"),
    "NUL in a CSV cell": ("x.csv", "zh,en\na\0b,c\n", 2, "NUL"),
    "NUL in TMX": ("x.tmx", '<tmx version="1.4"><header srclang="zh"/><body><tu><tuv '
                   'xml:lang="zh"><seg>a\0</seg></tuv></tu></body></tmx>', 1, "malformed XML"),
    "unclosed PO string": ("x.po", 'msgid "abc\nmsgstr "x"\n', 1, "unterminated"),
    "duplicate msgid": ("x.po", 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4,
                        "duplicate message"),
    "truncated TMX": ("x.tmx", '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="zh"'
                      '/><body>\n<tu><tuv xml:lang="zh"><seg>a</seg>', 3, "malformed XML"),
    "truncated XLIFF": ("x.xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:'
                        'document:1.2"><file original="x" source-language="zh" datatype="x">'
                        '\n<body><trans-unit id="1"><source>a', 2, "malformed XML"),
    "unpaired inline code": ("x.xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:'
                             'document:1.2"><file original="x" source-language="zh-CN" '
                             'target-language="en" datatype="x"><body>\n<trans-unit id="1">'
                             '<source>推进<bpt id="1">&lt;b&gt;</bpt>双千兆</source>'
                             '</trans-unit></body></file></xliff>', 2, "never closed"),
    "ragged CSV row": ("x.csv", "zh,en\na,b,c\n", 2, "3 fields but the header has 2"),
    "CSV without a header": ("x.csv", "a,b\nc,d\n", 1, "header row needs source and target"),
    "empty TMX": ("x.tmx", "", None, "empty file"),
    "empty XLIFF": ("x.xlf", "", None, "empty file"),
    "empty XLSX": ("x.xlsx", "", None, "empty file"),
    "empty CSV": ("x.csv", "", None, "empty file"),
    "empty TSV": ("x.tsv", "", None, "empty file"),
    "XML that is not XML": ("x.tmx", "not xml at all", 1, "empty or not an XML file"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_files(tmp_path: Path, runner, name: str) -> None:  # type: ignore[no-untyped-def]
    file_name, content, line, fragment = MALFORMED[name]
    path = tmp_path / file_name
    path.write_bytes(content.encode("utf-8"))
    result = runner.invoke(main, ["check", "-t", str(GLOSSARY), str(path)])
    assert result.exit_code == 2, result.output
    where = f"{path}:{line}: " if line else f"{path}: "
    assert result.output.startswith(f"Error: {where}"), result.output
    assert fragment in result.output
    assert result.output.count("\n") == 1  # one line


def test_an_empty_po_file_is_zero_segments_with_a_warning(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.po"
    path.write_bytes(b"")
    result = runner.invoke(main, ["check", "-t", str(GLOSSARY), "-f", "json", str(path)])
    assert result.exit_code == 0
    report = json.loads(result.output.split("Warning:")[0])
    assert report["segments"] == 0 and report["warnings"] == [f"{path}: no segments (an "
                                                              "empty file?)"]


def test_tmx_without_srclang_reads_the_chinese_variant_as_source(tmp_path: Path) -> None:
    path = tmp_path / "x.tmx"
    path.write_text('<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>'
                    'dual-gigabit</seg></tuv><tuv xml:lang="zh-CN"><seg>双千兆</seg></tuv></tu>'
                    "</body></tmx>", encoding="utf-8")
    with open_document(path, ReadOptions()) as doc:
        assert [(s.source, s.target) for s in doc.segments] == [("双千兆", "dual-gigabit")]


@needs_shared
def test_xliff_2_closing_code_before_its_opening(runner) -> None:  # type: ignore[no-untyped-def]
    path = INTEROP / "xliff" / "okapi_xliff2_INVALID_EcBeforeSc.xlf"
    result = runner.invoke(main, ["check", "-t", str(GLOSSARY), "--source-lang", "en",
                                  "--target-lang", "fr", str(path)])
    assert result.exit_code == 2
    assert result.output == (f"Error: {path}:6: inline code <ec> closes '1' before any <sc> "
                             "opened it\n")


def test_keep_going_checks_the_rest_and_summarises(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "good.po").write_text('msgid "推进双千兆网络建设"\nmsgstr "Build double gigabit '
                                      'networks."\n', encoding="utf-8")
    (tmp_path / "broken.tmx").write_text("<tmx", encoding="utf-8")
    (tmp_path / "gone.po").symlink_to(tmp_path / "nowhere.po")
    (tmp_path / "nul.csv").write_bytes(b"zh,en\na\0,b\n")
    result = runner.invoke(main, ["check", "-k", "-t", str(GLOSSARY), str(tmp_path)])
    assert result.exit_code == 2
    assert "good.po:1: error term-forbidden" in result.output  # the readable file was checked
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert [e.split(":")[1].strip().rsplit("/", 1)[-1] for e in errors] == \
        ["broken.tmx", "gone.po", "nul.csv"]
    assert "3 unreadable" in result.output


def test_corrupt_term_base_lint_names_every_problem_and_check_refuses(
        tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    import shutil

    folder = tmp_path / "tb"
    shutil.copytree(GLOSSARY, folder)
    concepts = sorted((folder / "concepts").glob("*.toml"))
    concepts[0].write_text(concepts[0].read_text(encoding="utf-8") + "\n[[en]\n",
                           encoding="utf-8")                     # TOML syntax
    concepts[1].write_text(concepts[1].read_text(encoding="utf-8").replace(
        'status = "preferred"', 'status = "prefered"', 1), encoding="utf-8")  # schema
    concepts[2].write_bytes(b"\xff\xfe broken")                  # not UTF-8
    lint = runner.invoke(main, ["lint", "-t", str(folder)])
    assert lint.exit_code == 2
    for path in concepts[:3]:
        assert f"{path}:" in lint.output, path
    check = runner.invoke(main, ["check", "-t", str(folder), str(folder / ".." / "x.po")])
    assert check.exit_code == 2
    lines = check.output.splitlines()
    assert lines[-1] == "Error: the term base has 3 problems; run `policyglossary lint`"
    assert [line.split(":")[0] for line in lines[:-1]] == [str(p) for p in concepts[:3]]


def test_a_decoding_error_far_into_a_file_names_its_line(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    """Decoders read ahead in blocks; the line reported is the one holding the bad byte."""
    path = tmp_path / "x.tsv"
    rows = "".join(f"源{n}\ttarget {n}\r\n" for n in range(3000))
    path.write_bytes(b"zh\ten\r\n" + rows.encode("utf-8") + b"\xff\xfe\tbad\r\nok\tok\r\n")
    result = runner.invoke(main, ["check", "-t", str(GLOSSARY), "--encoding", "utf-8",
                                  str(path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {path}:3002: cannot decode as utf-8")


@pytest.mark.parametrize("content", [
    '<?xml version="1.0"?>\n<p>hello</p>\n',
    "<p>Manual test</p>\n<martif>",  # what the fuzzer made: a header <p> as the root
])
def test_a_term_base_whose_root_is_not_tbx(tmp_path: Path, runner, content: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.tbx"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(main, ["lint", "-t", str(path)])
    assert result.exit_code == 2, result.output
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"Error: {path}:") and "not a TBX document" in line, line
