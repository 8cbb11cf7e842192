"""Bilingual readers on real files from other tools, compared with independent readers
(polib, translate-toolkit) where they run, and on small files made for one behaviour."""

from __future__ import annotations

import codecs
from pathlib import Path

import polib
import pytest

from policyglossary.errors import InputError
from policyglossary.formats import ReadOptions, open_document
from policyglossary.model import Segment

from ..conftest import INTEROP, needs_shared


def read(path: Path, **options: str) -> tuple[list[Segment], str, str]:
    with open_document(path, ReadOptions(**options)) as doc:
        segments = list(doc.segments)
        return segments, doc.source_lang, doc.target_lang


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ------------------------------------------------------------------ PO

# Okapi's Drupal file has "#Comment" lines polib rejects; it has its own test below.
PO_FILES = sorted(p for p in INTEROP.glob("po/*.po") if "Drupal" not in p.name) \
    if INTEROP.is_dir() else []


@needs_shared
@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: p.name)
def test_po_reader_agrees_with_polib(path: Path) -> None:
    segments, _, _ = read(path)
    reference = [e for e in polib.pofile(str(path)) if not e.obsolete]
    assert [(s.source, s.target) for s in segments] == \
        [(e.msgid, e.msgstr or e.msgstr_plural.get(0, "")) for e in reference]
    assert [s.id for s in segments if not s.id.isdigit()] == \
        [e.msgctxt for e in reference if e.msgctxt is not None]
    assert [s.state == "needs-review" for s in segments if s.target] == \
        ["fuzzy" in e.flags for e in reference if (e.msgstr or e.msgstr_plural.get(0))]
    lines = path.read_bytes().splitlines()
    for segment in segments:
        assert lines[segment.line - 1].startswith(b"msgid")  # type: ignore[operator]


@needs_shared
def test_po_legacy_charset_from_header() -> None:
    path = INTEROP / "po/okapi_Test_DrupalRussianCP1251.po"
    segments, _, _ = read(path)
    po = pytest.importorskip("translate.storage.po")
    units = [u for u in po.pofile.parsefile(str(path)).units if not u.isheader()]
    # translate-toolkit 3.20 ignores the charset here and decodes the bytes as Latin-1; the
    # bytes agree, and ours are the Cyrillic the header declares.
    assert [(s.source, s.target.encode("cp1251")) for s in segments] == \
        [(str(u.source), str(u.target).encode("latin-1")) for u in units]
    assert any("\u0400" <= ch <= "\u04ff" for s in segments for ch in s.target)


@needs_shared
def test_po_language_header_sets_target() -> None:
    _, source, target = read(INTEROP / "po/weblate_arctica-greeter_zh_TW.po")
    assert (source, target) == ("", "zh-TW")


def test_po_reader_basics(tmp_path: Path) -> None:
    path = write(tmp_path, "a.po", '''msgid ""
msgstr ""
"Language: en\\n"
"X-Source-Language: zh-CN\\n"

# translator note
#. extracted note
#: article.txt:3
#, fuzzy
msgctxt "p01.s01"
msgid "双千兆"
msgstr "dual-"
"gigabit \\"net\\"\\n"

msgid "三驾马车"
msgstr ""

#~ msgid "旧"
#~ msgstr "old"
''')
    segments, source, target = read(path)
    assert (source, target) == ("zh-CN", "en")
    first, second = segments
    assert first == Segment("p01.s01", "双千兆", 'dual-gigabit "net"\n', 11, "needs-review",
                            ("translator note", "extracted note"), ("article.txt:3",))
    assert (second.id, second.state, second.line) == ("15", "new", 15)


@pytest.mark.parametrize(("text", "line", "message"), [
    ('msgid "a"\nmsgstr "b\n', 2, "unterminated or malformed string"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate message"),
    ('msgstr "b"\n', 1, "msgstr without msgid"),
    ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 3, "second msgid without msgstr"),
    ('msgid "a"\nmsgstr "b" junk\n', 2, "unterminated or malformed string"),
    ('msgid "a"\nmsgstr "\\q"\n', 2, "unknown escape sequence"),
    ('msgid "a"\nfoo "b"\n', 2, "unexpected text"),
    ('msgid "a\x00"\nmsgstr "b"\n', 1, "NUL character"),
])
def test_po_syntax_errors_are_located(tmp_path: Path, text: str, line: int,
                                      message: str) -> None:
    path = write(tmp_path, "bad.po", text)
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_po_encodings(tmp_path: Path) -> None:
    body = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=GB18030\\n"\n\n' \
           'msgid "专精特新"\nmsgstr "specialized"\n'
    assert read(write(tmp_path, "gb.po", body, "gb18030"))[0][0].source == "专精特新"
    utf16 = codecs.BOM_UTF16_LE + body.replace("GB18030", "UTF-8").encode("utf-16-le")
    (tmp_path / "u16.po").write_bytes(utf16)
    assert read(tmp_path / "u16.po")[0][0].source == "专精特新"
    bad = write(tmp_path, "bad.po", body.replace("GB18030", "UTF-8"), "gb18030")
    with pytest.raises(InputError, match="cannot decode as UTF-8"):
        read(bad)
    assert read(bad, encoding="gb18030")[0][0].source == "专精特新"


# ------------------------------------------------------------------ TMX

@needs_shared
def test_tmx_chinese_omegat_memory_agrees_with_translate_toolkit() -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    path = INTEROP / "tmx/omegat319_phpunit-zh_CN-level2_EXCERPT.tmx"
    segments, _, _ = read(path)
    units = tmx.tmxfile.parsefile(str(path)).units
    assert len(segments) == len(units) == 210
    # translate-toolkit's source is the header srclang (English); ours is the Chinese variant.
    plain = [(s, u) for s, u in zip(segments, units, strict=True)
             if "<" not in u.source and "<" not in u.target]
    assert len(plain) > 100
    for segment, unit in plain:
        assert (segment.source, segment.target) == (unit.target, unit.source)


@needs_shared
@pytest.mark.parametrize("name", ["lisa_ImportTest2A_utf16le.tmx", "lisa_ImportTest1L_utf8bom.tmx",
                                  "lisa_ImportTest2C.tmx", "omegat_test-SMP.tmx",
                                  "omegat61_l10n-zh_CN_project_save_EXCERPT.tmx"])
def test_tmx_encodings_and_versions(name: str) -> None:
    segments, _, _ = read(INTEROP / "tmx" / name)
    assert segments
    assert all(s.source for s in segments)


@needs_shared
def test_tmx_1_1_lang_attribute_and_ids() -> None:
    segments, _, _ = read(INTEROP / "tmx/omegat61_l10n-zh_CN_project_save_EXCERPT.tmx")
    assert len(segments) == 177
    chinese = [s for s in segments if any("\u4e00" <= ch <= "\u9fff" for ch in s.source)]
    assert len(chinese) > 100  # the others keep the English text in the zh-CN variant
    assert all(s.target and not any("\u4e00" <= ch <= "\u9fff" for ch in s.target)
               for s in chinese)


def test_tmx_basics(tmp_path: Path) -> None:
    path = write(tmp_path, "a.tmx", '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"
 srclang="zh-CN" datatype="plaintext"/>
<body>
<tu tuid="t1"><note>policyglossary: ignore all</note>
 <tuv xml:lang="zh-CN"><seg>推进<bpt i="1">&lt;b&gt;</bpt>双千兆<ept i="1">&lt;/b&gt;</ept></seg></tuv>
 <tuv xml:lang="en-US"><seg>promote <hi>dual-gigabit</hi><ph>&lt;br/&gt;</ph> networks</seg></tuv>
</tu>
<tu><tuv xml:lang="zh-TW"><seg>雙千兆</seg></tuv></tu>
</body></tmx>''')
    first, second = read(path)[0]
    assert first == Segment("t1", "推进双千兆", "promote dual-gigabit networks", 7, "translated",
                            ("policyglossary: ignore all",))
    assert (second.id, second.source, second.target, second.state) == ("2", "雙千兆", "", "new")


# ------------------------------------------------------------------ XLIFF

@needs_shared
@pytest.mark.parametrize("name", ["symfony_validators.zh_CN.xlf", "symfony_validators.zh_TW.xlf",
                                  "angular_ctrl_messages.zh-CN.xlf"])
def test_xliff_1_2_agrees_with_translate_toolkit(name: str) -> None:
    xliff = pytest.importorskip("translate.storage.xliff")
    path = INTEROP / "xliff" / name
    segments, _, _ = read(path)
    units = [u for u in xliff.xlifffile.parsefile(str(path)).units if u.source]
    assert len(segments) == len(units)
    for segment, unit in zip(segments, units, strict=True):
        # translate-toolkit collapses the space an <x/> placeholder leaves; compare words.
        assert segment.source.split() == unit.source.split()
        assert segment.target.split() == (unit.target or "").split()


@needs_shared
def test_xliff_1_2_states_and_languages() -> None:
    segments, source, target = read(INTEROP / "xliff/symfony_validators.zh_CN.xlf")
    assert (source, target) == ("en", "zh-CN")
    unit = next(s for s in segments if s.id == "37")
    assert unit.state == "needs-review"


@needs_shared
def test_xliff_2_unit_segments_and_notes() -> None:
    segments, source, target = read(INTEROP / "xliff/symfony_resources-notes-meta_2.0.xlf")
    assert (source, target) == ("fr-FR", "en-US")
    assert segments[0].notes
    core, _, _ = read(INTEROP / "xliff/okapi_xliff2_everything-core.xlf")
    assert core and all(isinstance(s.source, str) for s in core)


def test_xliff_inline_codes(tmp_path: Path) -> None:
    path = write(tmp_path, "a.xlf", '''<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="zh-CN" target-language="en" datatype="plaintext" original="a">
<body>
<trans-unit id="u1"><source>推进<g id="1">双千兆</g><x id="2"/>网络</source>
 <target state="translated">build <g id="1">dual-gigabit</g><x id="2"/> networks</target>
 <alt-trans><target>double gigabit</target></alt-trans><note>n</note></trans-unit>
<trans-unit id="u2" translate="no"><source>跳过</source></trans-unit>
<trans-unit id="u3" approved="yes"><source>财政部</source><target>Ministry of Finance</target></trans-unit>
</body></file></xliff>''')
    segments, source, target = read(path)
    assert (source, target) == ("zh-CN", "en")
    assert [(s.id, s.source, s.target, s.state) for s in segments] == [
        ("u1", "推进双千兆网络", "build dual-gigabit networks", "translated"),
        ("u3", "财政部", "Ministry of Finance", "final")]
    assert segments[0].notes == ("n",)


def test_xliff_2_joins_segments_and_takes_least_finished_state(tmp_path: Path) -> None:
    path = write(tmp_path, "a.xlf", '''<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"
 srcLang="zh-CN" trgLang="en"><file id="f"><unit id="u1">
<notes><note>policyglossary: ignore number-mismatch</note></notes>
<segment state="final"><source>双千兆。</source><target>Dual-gigabit.</target></segment>
<ignorable><source> </source><target> </target></ignorable>
<segment state="initial"><source>财政部<cp hex="0021"/></source><target>MOF<ph id="1"/>!</target></segment>
</unit></file></xliff>''')
    (segment,), _, _ = read(path)
    assert segment.source == "双千兆。 财政部!"
    assert segment.target == "Dual-gigabit. MOF!"
    assert segment.state == "needs-review"
    assert segment.notes == ("policyglossary: ignore number-mismatch",)


# ------------------------------------------------------------------ CSV, TSV, XLSX

@pytest.mark.parametrize(("header", "source_lang", "target_lang"), [
    ("id,source,target,notes", "zh-CN", "en"),
    ("id,zh-CN,en", "zh-CN", "en"),
    ("key,zh_TW,en-US", "zh-TW", "en-US"),
    ("ID,ZH-HANS,EN", "zh-Hans", "en"),
])
def test_csv_header_recognition(tmp_path: Path, header: str, source_lang: str,
                                target_lang: str) -> None:
    path = write(tmp_path, "a.csv", f'{header}\r\np1,"双千兆, 千兆",dual-gigabit\r\n\r\n'
                                    ",财政部,Ministry of Finance\r\n")
    segments, source, target = read(path)
    assert (source, target) == (source_lang, target_lang)
    assert [(s.id, s.source, s.target, s.line) for s in segments] == [
        ("p1", "双千兆, 千兆", "dual-gigabit", 2), ("2", "财政部", "Ministry of Finance", 4)]


def test_tsv_and_legacy_encodings(tmp_path: Path) -> None:
    text = "source\ttarget\n双千兆\tdual-gigabit\n'=SUM(1)\t'-x\n"
    for encoding in ("utf-8-sig", "gb18030", "utf-16"):
        segments, _, _ = read(write(tmp_path, f"a-{encoding}.tsv", text, encoding))
        assert [(s.source, s.target) for s in segments] == [("双千兆", "dual-gigabit"),
                                                            ("=SUM(1)", "-x")]
    big5 = write(tmp_path, "big5.tsv", "source\ttarget\n雙千兆網絡建設\tdual-gigabit\n", "big5")
    assert read(big5)[0][0].source == "雙千兆網絡建設"


@pytest.mark.parametrize(("text", "line", "message"), [
    ("source,target\na,b,c\n", 2, "row has 3 fields but the header has 2"),
    ("foo,bar\na,b\n", 1, "header row needs source and target columns"),
    ("source,target\n\"a,b\n", 2, "malformed CSV"),
])
def test_csv_errors(tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read(write(tmp_path, "bad.csv", text))
    assert caught.value.line == line and message in str(caught.value)


def test_xlsx_review_sheet(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([None])
    sheet.append(["ID", "zh-CN", "en", "Notes"])
    sheet.append(["p1", "双千兆", "dual-gigabit", None])
    sheet.append([None, None, None, None])
    sheet.append([2, "占比达42%", 42, "policyglossary: ignore all"])
    path = tmp_path / "review.xlsx"
    workbook.save(path)
    segments, source, target = read(path)
    assert (source, target) == ("zh-CN", "en")
    assert [(s.id, s.source, s.target, s.line, s.notes) for s in segments] == [
        ("p1", "双千兆", "dual-gigabit", 3, ()),
        ("2", "占比达42%", "42", 5, ("policyglossary: ignore all",))]


# ------------------------------------------------------------------ safe XML

HOSTILE = {
    "billion laughs": '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b '
                      '"&a;&a;&a;&a;">]><tmx version="1.4"><header srclang="zh"/><body><tu>'
                      '<tuv xml:lang="zh"><seg>&b;</seg></tuv></tu></body></tmx>',
    "external entity": '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM '
                       '"file:///etc/passwd">]><tmx version="1.4"><header srclang="zh"/><body>'
                       '<tu><tuv xml:lang="zh"><seg>&x;</seg></tuv></tu></body></tmx>',
    "entity from external DTD": '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx '
                                'version="1.4"><header srclang="zh"/><body><tu><tuv '
                                'xml:lang="zh"><seg>a&nbsp;b</seg></tuv></tu></body></tmx>',
    "xinclude": '<?xml version="1.0"?><tmx version="1.4" xmlns:xi="http://www.w3.org/2001/'
                'XInclude"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>a'
                '<xi:include href="/etc/passwd" parse="text"/></seg></tuv></tu></body></tmx>',
    "truncated": '<?xml version="1.0"?><tmx version="1.4"><header srclang="zh"/><body><tu>',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_xml_is_refused(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, "x.tmx", HOSTILE[name])
    with pytest.raises(InputError) as caught:
        read(path)
    assert str(caught.value).startswith(str(path))
    assert "root:" not in str(caught.value)


def test_doctype_naming_a_dtd_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "x.tmx", '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd">'
                 '<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>'
                 'a &amp; &#x4e2d;</seg></tuv></tu></body></tmx>')
    assert read(path)[0][0].source == "a & 中"
