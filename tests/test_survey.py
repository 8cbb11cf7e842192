"""`survey`: counts recomputed independently (polib and lxml read the files, a plain
leftmost-longest scan finds the Chinese terms, regular expressions find the English), agreement
with `check` segment by segment, and the CLI's formats and errors."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import polib
import pytest
from lxml import etree

from policyglossary import api
from policyglossary.cli._app import main
from policyglossary.matching.matcher import Matcher
from policyglossary.model import Concept, Segment
from policyglossary.terminology.survey import SurveySession, instead

from .conftest import GLOSSARY, INTEROP, TRANSLATIONS, concept, needs_shared, termbase

# ------------------------------------------------------------------ an independent count

_QUOTES = str.maketrans(dict.fromkeys("“”„‟「」『』〝〞＂", '"'))


def _zh_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_QUOTES)).lower()


def _scan(text: str, forms: dict[str, str]) -> list[str]:
    """Concept ids found by the plainest leftmost-longest scan."""
    text, found, start = _zh_key(text), [], 0
    longest = max(map(len, forms))
    while start < len(text):
        for length in range(min(longest, len(text) - start), 0, -1):
            concept_id = forms.get(text[start:start + length])
            if concept_id is not None:
                found.append(concept_id)
                start += length
                break
        else:
            start += 1
    return found


def _bases(word: str) -> set[str]:
    """What an inflected English word may be an inflection of (promoting: promot, promote)."""
    bases = {word}
    if word.endswith("ing") and len(word) > 5:
        bases |= {word[:-3], word[:-3] + "e", word[:-4]}
    if word.endswith("ed") and len(word) > 4:
        bases |= {word[:-2], word[:-1], word[:-3]}
    if word.endswith("ies") and len(word) > 4:
        bases.add(word[:-3] + "y")
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        bases |= {word[:-1], word[:-2]}
    return bases


def _word(word: str) -> str:
    """A regular expression for a word and its regular inflections."""
    if not word.isalpha() or len(word) < 3:
        return re.escape(word)
    if len(word) == 3:  # SME, SMEs; but AI is not AIs
        return f"(?:{re.escape(word)}s|{re.escape(word)})"
    forms: set[str] = set()
    for base in _bases(word.lower()):
        forms |= {base, base + "s", base + "es", base + "d", base + "ed", base + "ing",
                  base + base[-1] + "ed", base + base[-1] + "ing"}
        if base.endswith("y"):
            forms |= {base[:-1] + "ies", base[:-1] + "ied"}
        if base.endswith("e"):
            forms |= {base[:-1] + "ing", base[:-1] + "ed"}
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


def _pattern(text: str, case_sensitive: bool) -> re.Pattern[str]:
    text = re.sub(r"['’‘ʼ`´′]", "", text)
    words = re.findall(r"[^\W_]+|[^\w\s\-‐‑–—,/\"“”]", text)
    body = r"[\s\-‐‑–—,/\"“”]*".join(_word(w) if w[0].isalnum() else re.escape(w)
                                      for w in words)
    return re.compile(r"(?<![^\W_])" + body + r"(?![^\W_])", 0 if case_sensitive else re.I)


def _spans(target: str, rendering: str, case_sensitive: bool) -> list[tuple[int, int, int]]:
    """(start, end, words) of each occurrence."""
    plain = re.sub(r"['’‘ʼ`´′]", "", unicodedata.normalize("NFKC", target))
    return [(m.start(), m.end(), len(re.findall(r"[^\W_]+", m.group())))
            for m in _pattern(rendering, case_sensitive).finditer(plain)]


def _independent(pairs: list[tuple[str, str]], concepts: list[Concept]) \
        -> dict[str, tuple[int, int, dict[tuple[str, str], int]]]:
    """concept id → (occurrences, unrendered, {(rendering, status): count})."""
    forms = {_zh_key(t.text): c.id for c in concepts for t in c.zh}
    by_id = {c.id: c for c in concepts}
    nested = {c.id: {forms[f] for t in c.zh for f in forms
                     if f in _zh_key(t.text) and forms[f] != c.id} for c in concepts}
    result: dict[str, list] = {}
    for source, target in pairs:
        if not target.strip():
            continue
        met = list(dict.fromkeys(_scan(source, forms)))
        around = {n for m in met for n in (m, *nested[m])}
        allowed_spans = [(a, b) for cid in around for t in by_id[cid].en if t.allowed
                         for a, b, _ in _spans(target, t.text, t.case_sensitive)]
        for concept_id in met:
            entry = result.setdefault(concept_id, [0, 0, Counter()])
            entry[0] += 1
            terms = by_id[concept_id].en
            found = {t.text: _spans(target, t.text, t.case_sensitive) for t in terms}
            used = []
            for term in terms:
                spans = found[term.text]
                if not spans:
                    continue
                if term.allowed:
                    longer = [s for t in terms if t.allowed and t.text != term.text
                              for s in found[t.text]]
                    if all(any(o[0] < b and a < o[1] and o[2] > w for o in longer)
                           for a, b, w in spans):
                        continue
                elif all(any(x <= a and b <= y for x, y in allowed_spans)
                         for a, b, _ in spans):
                    continue
                used.append((term.text, term.status))
            entry[2].update(used)
            if not used:
                entry[1] += 1
    return {k: (v[0], v[1], dict(v[2])) for k, v in result.items()}


def _surveyed(paths: list[Path]) -> dict[str, tuple[int, int, dict[tuple[str, str], int]]]:
    result = api.survey(paths, GLOSSARY)
    return {s.concept.id: (s.occurrences, s.unrendered,
                           {(r.term.text, r.term.status): r.count
                            for r in s.renderings if r.count})
            for s in result.concepts}


def test_seed_translation_counts_recomputed_independently() -> None:
    po = polib.pofile(str(TRANSLATIONS / "article.po"))
    pairs = [(entry.msgid, entry.msgstr) for entry in po if not entry.obsolete]
    expected = _independent(pairs, list(api.load_termbase(GLOSSARY)))
    surveyed = _surveyed([TRANSLATIONS / "article.po"])
    assert surveyed == expected
    assert len(surveyed) > 100  # the article's concepts, not an empty agreement
    assert surveyed["smes"][2] == {("small and medium-sized enterprises", "preferred"): 1,
                                   ("SME", "admitted"): 4}


def _tmx_pairs(path: Path) -> list[tuple[str, str]]:
    """(Chinese, English) of each translation unit, read with lxml."""
    pairs = []
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True,
                                                  load_dtd=False))
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for unit in tree.iter("tu"):
        texts = {}
        for variant in unit.iter("tuv"):
            tag = (variant.get(lang) or variant.get("lang") or "").lower()
            seg = variant.find("seg")
            if seg is not None:
                texts.setdefault(tag.split("-")[0].split("_")[0], "".join(seg.itertext()))
        if "zh" in texts and "en" in texts:
            pairs.append((texts["zh"], texts["en"]))
    return pairs


@needs_shared
def test_interop_tmx_counts_recomputed_independently() -> None:
    files = sorted(p for p in (INTEROP / "tmx").glob("*.tmx")
                   if _tmx_pairs(p))  # the files with Chinese and English
    assert len(files) >= 2
    pairs = [pair for path in files for pair in _tmx_pairs(path)]
    expected = _independent(pairs, list(api.load_termbase(GLOSSARY)))
    assert _surveyed(files) == expected


# The policy term base meets nothing in the interop memories (software strings), so they are
# also surveyed with a term base of their own vocabulary: plurals (files, windows), a term
# inside a longer one (文件 in 文件夹), admitted and forbidden renderings.
SOFTWARE = termbase(
    concept("project", "项目", [("project", "preferred"), ("item", "forbidden")]),
    concept("file", "文件", [("file", "preferred"), ("document", "admitted")]),
    concept("folder", "文件夹", [("folder", "preferred"), ("directory", "forbidden")]),
    concept("directory", "目录", [("directory", "preferred"), ("folder", "forbidden")]),
    concept("translation", "翻译", [("translation", "preferred"), ("translate", "admitted")]),
    concept("term", "术语", [("term", "preferred"), ("glossary entry", "admitted")]),
    concept("test", "测试", [("test", "preferred")]),
    concept("window", "窗口", [("window", "preferred"), ("dialog", "admitted")]),
)


@needs_shared
def test_interop_tmx_with_their_own_vocabulary(tmp_path: Path) -> None:
    from policyglossary.formats import canonical

    files = sorted(p for p in (INTEROP / "tmx").glob("*.tmx") if _tmx_pairs(p))
    pairs = [pair for path in files for pair in _tmx_pairs(path)]
    folder = tmp_path / "software"
    canonical.write_dir(folder, SOFTWARE)
    result = api.survey(files, folder)
    surveyed = {s.concept.id: (s.occurrences, s.unrendered,
                               {(r.term.text, r.term.status): r.count
                                for r in s.renderings if r.count})
                for s in result.concepts}
    assert surveyed == _independent(pairs, list(SOFTWARE))
    assert len(surveyed) >= 6 and sum(v[0] for v in surveyed.values()) >= 40
    assert result.segments == sum(len(_tmx_pairs(p)) for p in files)


# ------------------------------------------------------------------ agreement with check

def _broken_po(tmp_path: Path) -> Path:
    text = (TRANSLATIONS / "article.po").read_text(encoding="utf-8")
    for old, new in (("dual-gigabit networks", "double gigabit networks"),
                     ("ballast", "pressure-bearing stone"), ("troika", "three horses"),
                     ("Central Economic Work Conference", "Central Economic Working Conference"),
                     ("industrial ecosystem", "industrial ecology"),
                     ("high-quality SMEs", "premium SMEs"), ("SMEs", "small firms")):
        text = text.replace(old, new)
    broken = tmp_path / "broken.po"
    broken.write_text(text, encoding="utf-8")
    return broken


def test_survey_agrees_with_check_segment_by_segment(tmp_path: Path) -> None:
    """Per segment and concept met: no allowed rendering counted ⇔ a term-missing finding;
    a forbidden rendering counted ⇔ a term-forbidden finding for that concept."""
    broken = _broken_po(tmp_path)
    matcher = api.load_matcher(GLOSSARY)
    findings = api.check([broken], GLOSSARY).findings
    missing = Counter((f.segment, f.concept) for f in findings if f.rule == "term-missing")
    forbidden = Counter((f.segment, f.concept) for f in findings
                        if f.rule == "term-forbidden")
    assert missing and forbidden  # the broken copy has both
    seen_missing: Counter[tuple[str, str]] = Counter()
    seen_forbidden: Counter[tuple[str, str]] = Counter()
    for entry in polib.pofile(str(broken)):
        session = SurveySession(matcher)
        session.add([Segment(entry.msgctxt or "", entry.msgid, entry.msgstr)], "x")
        for item in session.finish():
            key = (entry.msgctxt, item.concept.id)
            if not any(r.count for r in item.renderings if r.term.allowed):
                seen_missing[key] += 1
            seen_forbidden[key] += sum(1 for r in item.renderings
                                       if r.term.rejected and r.count)
    assert seen_missing == missing
    # check also reports forbidden renderings of a term nested in a longer one (双千兆 in
    # “双千兆”协同发展); survey counts them under the longer term, which is what was met
    direct = Counter({k: v for k, v in forbidden.items() if k in seen_forbidden})
    assert +seen_forbidden == direct
    assert sum(direct.values()) >= 3


# ------------------------------------------------------------------ details

TB = termbase(
    concept("gigabit", "千兆光网", [("gigabit optical network", "preferred"),
                                 ("gigabit network", "admitted"),
                                 ("gigabit fibre", "forbidden")]),
    concept("dual", "双千兆", [("dual-gigabit", "preferred"), ("dual-gigabit networks",
                                                               "admitted")]),
    concept("smes", "中小企业", [("SMEs", "preferred")]),
)


def _one(source: str, *targets: str) -> dict[str, object]:
    session = SurveySession(Matcher(TB))
    session.add([Segment(str(i), source, t) for i, t in enumerate(targets)], "f.po")
    return {s.concept.id: {"occurrences": s.occurrences, "unrendered": s.unrendered,
                           **{r.term.text: r.count for r in s.renderings}}
            for s in session.finish()}


def test_a_rendering_inside_a_longer_one_counts_once() -> None:
    counts = _one("推进双千兆网络建设", "build dual-gigabit networks", "dual-gigabit plans")
    assert counts["dual"] == {"occurrences": 2, "unrendered": 0, "dual-gigabit": 1,
                              "dual-gigabit networks": 1}


def test_inflected_and_forbidden_renderings_and_empty_targets() -> None:
    counts = _one("千兆光网建设", "Gigabit Optical Networks grew", "gigabit fibre grew",
                  "nothing here", "")
    assert counts["gigabit"] == {"occurrences": 3, "unrendered": 1,
                                 "gigabit optical network": 1, "gigabit network": 0,
                                 "gigabit fibre": 1}


def test_instead_lists_what_the_unrendered_targets_share() -> None:
    targets = ["small firms and the new gigabit network", "Small firms grew",
               "help small firms", "help", "the new gigabit networks"]
    # targets 0 and 4 render another concept of their segment as "gigabit network"
    elsewhere = {0: {"gigabit", "network"}, 4: {"gigabit", "network"}}
    assert instead(targets, lambda i: elsewhere.get(i, set())) == \
        (("small firms", 3), ("help", 2), ("new", 2))
    # without: "new gigabit" is shared ("network" and "networks" are two words here)
    assert instead(targets, lambda i: set()) == \
        (("small firms", 3), ("new gigabit", 2), ("help", 2))
    assert instead(targets[:1], lambda i: set()) == ()  # one target says nothing yet


def test_instead_on_a_translation(tmp_path: Path) -> None:
    session = SurveySession(Matcher(TB))
    session.add([Segment("1", "中小企业和千兆光网", "small firms and gigabit optical networks"),
                 Segment("2", "支持中小企业", "support small firms"),
                 Segment("3", "中小企业", "SMEs")], "f.po")
    smes = next(s for s in session.finish() if s.concept.id == "smes")
    assert (smes.occurrences, smes.unrendered) == (3, 2)
    assert smes.instead == (("small firms", 2),)  # "gigabit optical networks" is 千兆光网's
    assert [e.segment for e in smes.unrendered_examples] == ["1", "2"]


# ------------------------------------------------------------------ CLI

def test_json_contract(runner) -> None:
    result = runner.invoke(main, ["survey", str(TRANSLATIONS), "-t", str(GLOSSARY),
                                  "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert list(document) == ["concepts", "files", "segments", "untranslated"]
    first = document["concepts"][0]
    assert list(first) == ["id", "zh", "occurrences", "renderings", "unrendered",
                           "unrendered_examples", "instead"]
    assert list(first["renderings"][0]) == ["text", "status", "count", "examples"]
    occurrences = [c["occurrences"] for c in document["concepts"]]
    assert occurrences == sorted(occurrences, reverse=True)
    assert document["segments"] == 47
    assert result.stderr.endswith("concepts in 47 segments of 1 file\n")


def test_text_csv_and_xlsx(runner, tmp_path: Path) -> None:
    text = runner.invoke(main, ["survey", str(TRANSLATIONS / "article.po"), "-t",
                                str(GLOSSARY)])
    assert text.exit_code == 0
    assert text.stdout.startswith("工业和信息化部 (miit): 8 segments, 0 with none")
    csv_out = runner.invoke(main, ["survey", str(TRANSLATIONS / "article.po"), "-t",
                                   str(GLOSSARY), "-f", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.stdout_bytes.startswith("\ufeffid,zh,occurrences,unrendered,preferred,"
                                           "admitted,forbidden,superseded,instead,"
                                           "unrendered example\r\n".encode())
    sheet = tmp_path / "survey.xlsx"
    xlsx = runner.invoke(main, ["survey", str(TRANSLATIONS), "-t", str(GLOSSARY), "-f",
                                "xlsx", "-o", str(sheet)])
    assert xlsx.exit_code == 0
    import openpyxl

    workbook = openpyxl.load_workbook(sheet, read_only=True)
    rows = list(workbook["survey"].iter_rows(values_only=True))
    workbook.close()
    assert rows[0][:4] == ("id", "zh", "occurrences", "unrendered")
    assert rows[1][:4] == ("miit", "工业和信息化部", 8, 0)


def test_errors(runner, tmp_path: Path) -> None:
    usage = runner.invoke(main, ["survey", str(TRANSLATIONS), "-f", "xlsx"])
    assert usage.exit_code == 2 and "xlsx needs --output FILE" in usage.stderr
    missing = runner.invoke(main, ["survey", str(tmp_path / "x.tmx"), "-t", str(GLOSSARY)])
    assert (missing.exit_code, missing.stderr) == (2, f"Error: {tmp_path / 'x.tmx'}: "
                                                      "no such file\n")
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(main, ["survey", str(tmp_path / "empty"), "-t", str(GLOSSARY)])
    assert (empty.exit_code, empty.stderr) == (2, "Error: no files to survey\n")
    broken = tmp_path / "b.tmx"
    broken.write_text('<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>中小企业',
                      encoding="utf-8")
    bad = runner.invoke(main, ["survey", str(broken), "-t", str(GLOSSARY)])
    assert bad.exit_code == 2 and bad.stderr.startswith(f"Error: {broken}:")
    assert "Traceback" not in bad.output


@pytest.mark.parametrize("fmt", ["json", "csv", "text"])
def test_output_file(runner, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"survey.{fmt}"
    result = runner.invoke(main, ["survey", str(TRANSLATIONS), "-t", str(GLOSSARY), "-f", fmt,
                                  "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "工业和信息化部" in out.read_text(encoding="utf-8-sig")


def test_reversed_file_surveys_the_english_source(tmp_path: Path) -> None:
    po = tmp_path / "en-zh.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n"Content-Type: text/plain; '
                  'charset=UTF-8\\n"\n\nmsgid "support for SMEs"\nmsgstr "支持中小企业"\n',
                  encoding="utf-8")
    folder = tmp_path / "tb"
    from policyglossary.formats import canonical

    canonical.write_dir(folder, TB)
    result = api.survey([po], folder)
    assert [(s.concept.id, s.occurrences, s.unrendered) for s in result.concepts] == \
        [("smes", 1, 0)]



def test_readme_example_is_current(runner, monkeypatch) -> None:
    readme = (GLOSSARY.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ policyglossary survey translations/\n", 1)[1].split("```", 1)[0]
    head, summary = block.strip().split("\n…\n")
    monkeypatch.chdir(GLOSSARY.parent)  # examples are cut to a width that counts the path
    result = runner.invoke(main, ["survey", "translations/", "-t", str(GLOSSARY)])
    shown = result.stdout.splitlines()
    assert shown[:len(head.splitlines())] == head.splitlines()
    assert result.stderr.strip() == summary.strip()


# ------------------------------------------------------------------ files without a side

@needs_shared
def test_a_file_without_a_chinese_side_is_refused_as_check_refuses_it(runner) -> None:
    japanese = INTEROP / "tmx" / "lisa_ImportTest1I_ja.tmx"
    surveyed = runner.invoke(main, ["survey", str(japanese), "-t", str(GLOSSARY)])
    checked = runner.invoke(main, ["check", str(japanese), "-t", str(GLOSSARY)])
    assert surveyed.exit_code == checked.exit_code == 2
    assert surveyed.stderr == checked.stderr == \
        f"Error: {japanese}: no Chinese side (no Chinese text in the sources)\n"
    assert surveyed.stdout == ""


@needs_shared
def test_keep_going_surveys_the_other_files_and_names_the_skipped_ones(runner) -> None:
    folder = INTEROP / "tmx"
    result = runner.invoke(main, ["survey", str(folder), "-t", str(GLOSSARY), "-k",
                                  "-f", "json"])
    assert result.exit_code == 0, result.output
    with_sides = sorted(p for p in folder.glob("*.tmx") if _tmx_pairs(p))
    without = sorted(set(folder.glob("*.tmx")) - set(with_sides))
    assert with_sides and without
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == len(without)
    assert all(f"{path}: no " in w and w.endswith("; not surveyed")
               for path, w in zip(without, warnings, strict=True))
    summary = result.stderr.splitlines()[-1]
    segments = sum(len(_tmx_pairs(p)) for p in with_sides)
    assert summary.startswith(f"0 concepts in {segments} segments of {len(with_sides)} files")
    api_result = api.survey([folder], GLOSSARY, keep_going=True)
    assert api_result.skipped == [w.removeprefix("Warning: ").removesuffix("; not surveyed")
                                  for w in warnings]
