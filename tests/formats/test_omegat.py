"""formats/omegat.py: OmegaT glossaries. The writer's exact lines and warnings; the reader's
direction per line, comments, FORBIDDEN lines, encodings, CSV-style files, and what it
skips; the project's zh_CN glossaries from OmegaT against an independent reading."""

from __future__ import annotations

import codecs
import io

import pytest

from policyglossary.api import export_options
from policyglossary.formats import omegat
from policyglossary.formats._options import ImportedTermBase, ReadOptions, WriteOptions
from policyglossary.formats.fidelity import export_termbase
from policyglossary.matching.chinese import has_cjk
from policyglossary.model import Concept, Term, TermBase

from ..conftest import INTEROP, needs_shared

MAGIC = "# Glossary in tab-separated format -*- coding: utf-8 -*-"
CONCEPT = Concept("a", (Term("双千兆"), Term("千兆双网", "admitted")),
                  (Term("dual-gigabit"), Term("gigabit plus", "admitted"),
                   Term("double gigabit", "forbidden", reason="calque"),
                   Term("two gigabit", "superseded")),
                  definition="Umbrella\nterm.\tSee also 5G.")


def write(*concepts: Concept, **options: str) -> tuple[str, list[str]]:
    """As `export --to omegat` writes it: the format's defaults, and the warnings naming what
    the glossary leaves out (formats/fidelity.py)."""
    buffer = io.BytesIO()
    warnings = export_termbase("omegat", buffer, TermBase(concepts),
                               export_options("omegat", WriteOptions(**options)))
    return buffer.getvalue().decode("utf-8"), warnings


IDS = "An OmegaT glossary cannot hold: concept ids (1 concept)"
SYNONYM = "千兆双网\tdual-gigabit\tsynonym of 双千兆"  # an admitted Chinese term: its own line


@pytest.mark.parametrize(("options", "lines", "warnings"), [
    ({}, [SYNONYM], [f"{IDS}, superseded renderings (1 concept)",
                     "left out (--renderings preferred): admitted renderings (1 concept)",
                     "left out (--forbidden omit): forbidden renderings (1 concept)"]),
    ({"forbidden": "include"},
     ["双千兆\tdouble gigabit\tFORBIDDEN: calque", "双千兆\ttwo gigabit\tFORBIDDEN", SYNONYM],
     [f"{IDS}, superseded renderings (1 concept)",
      "left out (--renderings preferred): admitted renderings (1 concept)"]),
    ({"forbidden": "include", "renderings": "all"},
     ["双千兆\tgigabit plus\tadmitted", "双千兆\tdouble gigabit\tFORBIDDEN: calque",
      "双千兆\ttwo gigabit\tFORBIDDEN", SYNONYM],
     # a superseded rendering is written as forbidden: the one status OmegaT files can say
     [f"{IDS}, superseded renderings (1 concept)"]),
])
def test_writer_output(options: dict[str, str], lines: list[str], warnings: list[str]) -> None:
    text, said = write(CONCEPT, **options)
    # the definition's line break and tab become spaces: one glossary line per rendering
    assert text == "\n".join([MAGIC, "双千兆\tdual-gigabit\tUmbrella term. See also 5G.",
                              *lines]) + "\n"
    assert said == warnings


def test_a_line_without_a_comment_has_no_trailing_tab() -> None:
    text, warnings = write(Concept("b", (Term("甲"),), (Term("a"),)))
    assert text == f"{MAGIC}\n甲\ta\n"
    assert warnings == [IDS]


# ------------------------------------------------------------------ reading

def read(data: bytes | str, name: str = "g.txt", **options: str) -> ImportedTermBase:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return omegat.read_termbase(io.BytesIO(raw), name, ReadOptions(**options))


def table(imported: ImportedTermBase) -> list[tuple[str, list[tuple[str, str, str]], str]]:
    return [(c.headword, [(t.text, t.status, t.reason) for t in c.en], c.definition)
            for c in imported.termbase]


def test_what_the_writer_writes_reads_back() -> None:
    imported = read(write(CONCEPT, forbidden="include", renderings="all")[0])
    assert not imported.complete and imported.warnings == []
    assert table(imported) == [("双千兆", [("dual-gigabit", "preferred", ""),
                                        ("gigabit plus", "admitted", ""),
                                        ("double gigabit", "forbidden", "calque"),
                                        ("two gigabit", "forbidden", "")],
                                "Umbrella term. See also 5G.")]


def test_the_direction_is_found_line_by_line() -> None:
    imported = read("# comment\n  # indented comment\n\n"
                    "data provider\t数据提供器\n"           # en → zh, as OmegaT's zh_CN team writes
                    "数据提供器\tdata supplier\tsecond\n"   # zh → en, same concept
                    "data supplier\t数据提供器\n"           # the same pair again: once
                    "固件\tfirmware\n"
                    "  空格  \t  spaced  \t  \n")
    assert table(imported) == [
        ("数据提供器", [("data provider", "preferred", ""), ("data supplier", "admitted", "")],
         "second"),
        ("固件", [("firmware", "preferred", "")], ""),
        ("空格", [("spaced", "preferred", "")], "")]
    assert imported.warnings == []


@pytest.mark.parametrize("line", [
    "only one field",
    "\t空\tno source",
    "中文\t\tno target",
    "中文\t中文\tboth Chinese",
    "english\tenglish\tneither",
    "地球システム\tEarth system",     # Japanese: kana beside the Han characters
    "密钥\tAPI 密钥",                 # Chinese on both sides: not a pair
])
def test_lines_that_are_not_a_chinese_english_pair_are_skipped(line: str) -> None:
    imported = read(f"固件\tfirmware\n{line}\n")
    assert [c.headword for c in imported.termbase] == ["固件"]
    assert imported.warnings == ["g.txt: 1 line(s) without a Chinese and a non-Chinese term "
                                 "skipped"]


def test_comment_words_that_are_statuses_are_not_definitions() -> None:
    imported = read("甲\ta\tadmitted\n甲\tb\tpreferred\n甲\tc\tThe definition.\n"
                    "甲\td\tAnother one.\n甲\te\tforbidden: lower case works too\n")
    # a status in the comment wins over the order of the lines
    assert table(imported) == [("甲", [("a", "admitted", ""), ("b", "preferred", ""),
                                      ("c", "admitted", ""), ("d", "admitted", ""),
                                      ("e", "forbidden", "lower case works too")],
                               "The definition.")]


@pytest.mark.parametrize(("data", "warnings"), [
    ("", ["g.txt: no glossary lines found"]),
    (f"{MAGIC}\n# only comments\n", ["g.txt: no glossary lines found"]),
    ("just text\n", ["g.txt: 1 line(s) without a Chinese and a non-Chinese term skipped"]),
])
def test_files_without_glossary_lines(data: str, warnings: list[str]) -> None:
    imported = read(data)
    assert imported.termbase.concepts == ()
    assert imported.warnings == warnings


@pytest.mark.parametrize(("data", "options"), [
    (codecs.BOM_UTF16_LE + "固件\tfirmware\r\n".encode("utf-16-le"), {}),
    (codecs.BOM_UTF8 + "固件\tfirmware\n".encode(), {}),
    (codecs.BOM_UTF8 + "固件\tfirmware\n".encode(), {"encoding": "utf-8"}),  # BOM kept, removed
    ("固件\tfirmware\r".encode("gb18030"), {}),
])
def test_encodings(data: bytes, options: dict[str, str]) -> None:
    assert table(read(data, **options)) == [("固件", [("firmware", "preferred", "")], "")]


def test_csv_style_glossaries() -> None:
    data = '固件,firmware,"a, b"\n"数据,提供器",data provider\n'
    assert table(read(data, name="g.csv")) == [
        ("固件", [("firmware", "preferred", "")], "a, b"),
        ("数据,提供器", [("data provider", "preferred", "")], "")]
    # in a .txt glossary a line without a tab is one field
    imported = read(data, name="g.txt")
    assert imported.termbase.concepts == ()
    assert imported.warnings == ["g.txt: 2 line(s) without a Chinese and a non-Chinese term "
                                 "skipped"]


@needs_shared
@pytest.mark.parametrize("name", ["omegat_phpunit_zh_CN_glossary.txt",
                                  "omegat_l10n_zh_CN_glossary.txt"])
def test_real_omegat_glossaries_against_an_independent_reading(name: str) -> None:
    path = INTEROP / "glossary" / name
    expected: dict[str, list[str]] = {}
    for line in path.read_text("utf-8-sig").splitlines():
        fields = [f.strip() for f in line.split("\t")]
        if line.lstrip().startswith("#") or len(fields) < 2 or not all(fields[:2]):
            continue
        first, second = fields[:2]
        if has_cjk(first) != has_cjk(second):
            zh, en = (first, second) if has_cjk(first) else (second, first)
            renderings = expected.setdefault(zh, [])
            if en not in renderings:
                renderings.append(en)
    with path.open("rb") as handle:
        imported = omegat.read_termbase(handle, str(path), ReadOptions())
    assert {c.headword: [t.text for t in c.en] for c in imported.termbase} == expected
