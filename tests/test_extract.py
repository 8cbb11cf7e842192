"""`extract`: the candidate generators and filters (tables), recall on the seed article with
concepts removed from the term base, suggested renderings, the CLI and the CSV round trip."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from policyglossary import api
from policyglossary.cli._app import main
from policyglossary.matching.chinese import normalize_source
from policyglossary.matching.matcher import Matcher
from policyglossary.model import TermBase
from policyglossary.terminology.candidates import Extractor, Sentence, article_sentences
from policyglossary.terminology.wordseg import tag

from .conftest import GLOSSARY, SEED_ARTICLE, TRANSLATIONS, concept, needs_shared, termbase

# A small term base the tables run against.
KNOWN = termbase(
    concept("sci-tech", "产业科技创新", "industrial sci-tech innovation"),
    concept("dual-gigabit", "双千兆", "dual-gigabit"),
    concept("smes", "中小企业", "SMEs"),
    concept("liang", "梁志峰", "Liang Zhifeng", subject_field="person"),
    concept("director-general", "局长", "director general"),
)


def _candidates(*sentences: str, known: TermBase = KNOWN) -> dict[str, tuple[str, ...]]:
    extractor = Extractor(Matcher(known))
    for number, text in enumerate(sentences, start=1):
        extractor.add(Sentence(text, "t.txt", number))
    return {c.zh: c.kinds for c in extractor.candidates()}


# (sentences, candidate expected, the kind that marks it)
FOUND = [
    (["推动消费、投资、出口“三驾马车”协同发力。"], "三驾马车", "quoted"),
    (["他说:「新质生产力」是关键。"], "新质生产力", "quoted"),
    (["印发《中小企业促进法》。"], "中小企业促进法", "quoted"),
    (["提出“坚持稳中求进、以进促稳、先立后破”。"], "以进促稳", "quoted"),
    (["提出“坚持稳中求进、以进促稳、先立后破”。"], "稳中求进", "quoted"),  # 坚持 governs
    (["深入实施好十大重点行业稳增长工作方案。"], "十大重点行业", "numbered"),
    (["将其列为九项重点任务之首。"], "九项重点任务", "numbered"),
    (["完善产业科技创新体系,支撑现代化建设。"], "产业科技创新体系", "named"),
    (["工业和信息化部运行监测协调局局长表示。"], "运行监测协调局", "named"),
    (["持续打造以制造业创新中心为关键节点的网络。"], "制造业创新中心", "named"),
    (["促进经济运行回升。", "保持经济运行平稳。"], "经济运行", "unit"),
    (["加快网络基础设施建设。", "网络基础设施不断完善。"], "网络基础设施", "unit"),
    (["推进5G技术演进。", "5G技术演进加快。"], "5G技术演进", "unit"),
]


@pytest.mark.parametrize(("sentences", "expected", "kind"), FOUND)
def test_generators_find(sentences: list[str], expected: str, kind: str) -> None:
    found = _candidates(*sentences)
    assert expected in found, sorted(found)
    assert kind in found[expected]


def test_a_fragment_found_only_inside_a_recurring_unit_is_no_candidate() -> None:
    """C-value: a fragment that never occurs outside a longer recurring unit scores nothing,
    however its occurrences are marked (named here, like the unit); one that also occurs
    on its own keeps a score."""
    found = _candidates("完善数据要素市场化配置机制。", "健全数据要素市场化配置机制。")
    assert "数据要素市场化配置机制" in found
    assert not {"市场化配置机制", "配置机制", "数据要素市场化"} & set(found), sorted(found)
    again = _candidates("完善数据要素市场化配置机制。", "健全数据要素市场化配置机制。",
                        "建立市场化配置机制。", "改革市场化配置机制。", "完善市场化配置机制。")
    assert "市场化配置机制" in again


# (sentences, candidate, a kind it must not be given): words that end like a name but are
# none, and 一 that starts no numbered formula
MISKINDS = [
    (["加强中长期系统布局。", "完善中长期系统布局。"], "中长期系统布局", "named"),
    (["优化区域产业布局。", "区域产业布局更加合理。"], "区域产业布局", "named"),
    (["加强企业内部管理。", "企业内部管理规范。"], "企业内部管理", "named"),
    (["一体化推进体制机制创新。", "一体化发展加快。", "推进一体化发展。"], "一体化发展", "numbered"),
    (["深化体制机制改革。", "完善体制机制。"], "体制机制", "numbered"),  # 体: no numeral
]


@pytest.mark.parametrize(("sentences", "expected", "kind"), MISKINDS)
def test_kinds_are_not_given_by_look_alikes(sentences: list[str], expected: str,
                                            kind: str) -> None:
    found = _candidates(*sentences)
    assert expected in found, sorted(found)
    assert kind not in found[expected]


# (sentences, text that must not be a candidate): filters and the term base
LEFT_OUT = [
    (["新华社北京12月25日电", "2024年12月25日召开。"], "12月25日"),  # a date
    (["2024年经济工作。", "2024年经济工作会议。"], "2024年"),
    (["占比达42%。", "占比达42%左右。"], "42%"),  # a number
    (["融入71个国民经济大类。", "共有71个国民经济大类。"], "71个"),
    (["这是发展的关键。", "这是发展的基础。"], "的"),  # function words
    (["这是发展的关键。", "这是发展的基础。"], "这是"),
    (["推动发展。", "加快发展。"], "发展"),  # a common word on its own
    (["记者张辛欣报道。", "张辛欣表示,工作推进。"], "张辛欣"),  # a person's name
    (["谢少锋表示,这很关键。", "谢少锋说,要推进。"], "谢少锋"),
    (["梁志峰表示,要推进。", "梁志峰说,要推进。"], "梁志峰"),  # a person concept
    (["推进“双千兆”网络建设。"], "双千兆"),  # held by the term base
    (["推進「雙千兆」網絡建設。"], "雙千兆"),  # held, in Traditional script
    (["中小企业发展。", "支持中小企业发展。"], "中小企业"),
    (["产业科技创新能力。", "产业科技创新水平。"], "科技创新"),  # only inside a known term
]


@pytest.mark.parametrize(("sentences", "absent"), LEFT_OUT)
def test_filters_leave_out(sentences: list[str], absent: str) -> None:
    assert absent not in _candidates(*sentences)


def test_known_terms_nested_and_containing_are_listed() -> None:
    extractor = Extractor(Matcher(KNOWN))
    extractor.add(Sentence("完善产业科技创新体系。", "t.txt", 1))
    extractor.add(Sentence("科技创新很重要,产业科技创新也重要,科技创新要加强。", "t.txt", 2))
    found = {c.zh: c for c in extractor.candidates()}
    assert [(k.id, k.relation) for k in found["产业科技创新体系"].known] == \
        [("sci-tech", "nested")]
    assert [(k.id, k.relation) for k in found["科技创新"].known] == [("sci-tech", "containing")]


def test_contexts_name_sentence_file_and_line() -> None:
    extractor = Extractor(Matcher(KNOWN))
    tails = ["回升", "平稳", "向好", "稳定", "改善"]  # no longer unit recurs around it
    for line, tail in enumerate(tails, start=1):
        extractor.add(Sentence(f"第{line}句:推动经济运行{tail}。", "a.txt", line * 2))
    found = {c.zh: c for c in extractor.candidates()}["经济运行"]
    assert found.count == 5
    assert [(c.sentence, c.file, c.line) for c in found.contexts] == [
        ("第1句:推动经济运行回升。", "a.txt", 2), ("第2句:推动经济运行平稳。", "a.txt", 4),
        ("第3句:推动经济运行向好。", "a.txt", 6)]


def test_segmentation_keeps_every_character_in_place() -> None:
    text = "5G应用“扬帆”行动计划,2024年推进双千兆。"
    words = tag(text)
    assert "".join(w.text for w in words) == text
    assert all(text[w.start:w.start + len(w.text)] == w.text for w in words)


# ------------------------------------------------------------------ recall

def _key(text: str) -> str:
    return normalize_source(text).replace('"', "")


def _recall(fold: int, top: int) -> tuple[int, int]:
    """Remove every third concept whose headword is in the seed article (starting at `fold`),
    extract, and count the removed headwords that rank in the top `top`. Only headwords with
    an occurrence outside the remaining term base's terms count: one seen only inside a known
    term is not new, by design."""
    full = api.load_termbase(GLOSSARY)
    sentences = list(article_sentences(SEED_ARTICLE.read_text(encoding="utf-8"), "a.txt"))
    in_article = [c for c in sorted(full, key=lambda c: c.id)
                  if c.subject_field != "person"
                  and any(_key(c.headword) in _key(s.text) for s in sentences)]
    removed = in_article[fold::3]
    matcher = Matcher(TermBase(tuple(c for c in full if c not in removed), full.info))

    def outside_known(headword: str) -> bool:
        word = normalize_source(headword)
        for sentence in sentences:
            text = normalize_source(sentence.text)
            spans = [(m.start, m.end) for m in matcher.find_terms(text)]
            start = text.find(word)
            while start >= 0:
                if not any(a <= start and start + len(word) <= b for a, b in spans):
                    return True
                start = text.find(word, start + 1)
        return False

    eligible = [c for c in removed if outside_known(c.headword)]
    extractor = Extractor(matcher)
    for sentence in sentences:
        extractor.add(sentence)
    ranked = [_key(c.zh) for c in extractor.candidates()[:top]]
    hits = [c for c in eligible if any(_key(t.text) in ranked for t in c.zh)]
    return len(hits), len(eligible)


@needs_shared
def test_recall_of_removed_concepts_in_the_seed_article() -> None:
    """The README's figure: about a third of the removed headwords rank in the top 50 and 48%
    in the top 100 (over three folds)."""
    totals = {50: [0, 0], 100: [0, 0]}
    for fold in range(3):
        for top in totals:
            hits, eligible = _recall(fold, top)
            assert eligible >= 30  # the folds are not trivially small
            totals[top][0] += hits
            totals[top][1] += eligible
    assert totals[50][0] / totals[50][1] >= 0.27
    assert totals[100][0] / totals[100][1] >= 0.40


# ------------------------------------------------------------------ suggestions

def _reduced(tmp_path: Path, *removed: str) -> Path:
    folder = tmp_path / "tb"
    shutil.copytree(GLOSSARY, folder)
    for concept_id in removed:
        (folder / "concepts" / f"{concept_id}.toml").unlink()
    return folder


REMOVED = ("advanced-manufacturing-cluster", "pilot-cities", "industrial-ecosystem",
           "supply-capacity")


def test_suggestions_from_the_seed_translation(tmp_path: Path) -> None:
    result = api.extract([TRANSLATIONS / "article.po"], _reduced(tmp_path, *REMOVED))
    assert result.bilingual
    found = {c.zh: [s.en for s in c.suggestions] for c in result.candidates}
    assert "advanced manufacturing clusters" in found["先进制造业集群"]
    assert "pilot cities" in found["试点城市"]
    assert "industrial ecosystems" in found["产业生态"]  # as the translation has it
    assert "supply capacity" in found["供给能力"]
    for candidate in result.candidates:
        assert len(candidate.suggestions) <= 3
        assert all(0 < s.score <= 1 and s.count >= 1 for s in candidate.suggestions)


def test_a_plain_article_gets_no_suggestions(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("推动低空经济发展。\n培育低空经济平稳。\n", encoding="utf-8")
    result = api.extract([article], GLOSSARY)
    assert not result.bilingual
    assert result.candidates[0].zh == "低空经济" and result.candidates[0].count == 2
    assert all(c.suggestions == [] for c in result.candidates)


# ------------------------------------------------------------------ CLI

@needs_shared
def test_json_contract(runner) -> None:
    result = runner.invoke(main, ["extract", str(SEED_ARTICLE), "-t", str(GLOSSARY),
                                  "-f", "json", "-n", "5"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert list(document) == ["candidates", "files", "sentences"]
    assert len(document["candidates"]) == 5
    first = document["candidates"][0]
    assert list(first) == ["zh", "score", "count", "kinds", "contexts", "known", "suggestions"]
    assert list(first["contexts"][0]) == ["sentence", "file", "line"]
    scores = [c["score"] for c in document["candidates"]]
    assert scores == sorted(scores, reverse=True)
    assert result.stderr.startswith("5 of ") and "candidates from 47 sentences in 1 file" \
        in result.stderr


@needs_shared
def test_text_output(runner) -> None:
    result = runner.invoke(main, ["extract", str(SEED_ARTICLE), "-t", str(GLOSSARY),
                                  "-n", "3"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. ") and "score " in lines[0]
    assert lines[1].startswith(f"   {SEED_ARTICLE}:")
    assert sum(1 for line in lines if line[:1].isdigit()) == 3


def test_errors_are_one_line_and_exit_2(runner, tmp_path: Path) -> None:
    missing = runner.invoke(main, ["extract", str(tmp_path / "none.txt"), "-t", str(GLOSSARY)])
    assert missing.exit_code == 2
    assert missing.stderr == f"Error: {tmp_path / 'none.txt'}: no such file\n"
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(main, ["extract", str(tmp_path / "empty"), "-t", str(GLOSSARY)])
    assert (empty.exit_code, empty.stderr) == (2, "Error: no files to read\n")
    odd = tmp_path / "x.doc"
    odd.write_bytes(b"\xd0\xcf\x11\xe0")
    unknown = runner.invoke(main, ["extract", str(odd), "-t", str(GLOSSARY)])
    assert unknown.exit_code == 2 and unknown.stderr.startswith(f"Error: {odd}: unknown file")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("推动经济运行".encode() + b"\x00\xff")
    broken = runner.invoke(main, ["extract", str(bad), "-t", str(GLOSSARY)])
    assert broken.exit_code == 2 and broken.stderr.startswith(f"Error: {bad}")
    assert "Traceback" not in broken.output


def test_output_file_is_written_atomically(runner, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("推动低空经济发展。\n培育低空经济平稳。\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = runner.invoke(main, ["extract", str(article), "-t", str(GLOSSARY), "-f", "json",
                                  "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["candidates"][0]["zh"] == "低空经济"
    assert [p.name for p in tmp_path.iterdir()] == sorted(["a.txt", "out.json"]) or \
        sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.json"]


@needs_shared
def test_csv_round_trip_through_import(runner, tmp_path: Path) -> None:
    """Extract as CSV, fill in English for two rows and delete the rest, import: the two
    concepts are in the term base, and a second extract no longer lists them."""
    folder = _reduced(tmp_path, *REMOVED)
    sheet = tmp_path / "candidates.csv"
    result = runner.invoke(main, ["extract", str(SEED_ARTICLE), "-t", str(folder),
                                  "-f", "csv", "-o", str(sheet)])
    assert result.exit_code == 0, result.output
    text = sheet.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:2] == ["id", "zh"] and header[-6:] == ["count", "score", "kinds",
                                                        "suggestions", "contexts",
                                                        "known terms"]
    by_zh = {row[1]: row for row in rows[1:]}
    assert by_zh["先进制造业集群"][header.index("status")] == "unverified"
    kept = []
    for zh, en in (("先进制造业集群", "advanced manufacturing cluster"),
                   ("试点城市", "pilot cities")):
        row = list(by_zh[zh])
        row[header.index("en")] = en
        kept.append(row)
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header, *kept])
    imported = runner.invoke(main, ["import", str(edited), "-t", str(folder)])
    assert imported.exit_code == 0, imported.output
    assert "2 added, 0 changed" in imported.stderr
    added = {c.headword: c for c in api.load_termbase(folder)}
    cluster = added["先进制造业集群"]
    assert cluster.id == "advanced-manufacturing-cluster"
    assert [t.text for t in cluster.en] == ["advanced manufacturing cluster"]
    assert not cluster.verified and "先进制造业集群" in cluster.context
    again = runner.invoke(main, ["extract", str(SEED_ARTICLE), "-t", str(folder), "-f",
                                 "json", "-n", "0"])
    listed = {c["zh"] for c in json.loads(again.stdout)["candidates"]}
    assert "先进制造业集群" not in listed and "试点城市" not in listed
    assert "产业生态" in listed  # removed, not imported: still a candidate


def test_a_folder_gives_its_articles_and_bilingual_files(tmp_path: Path) -> None:
    from policyglossary.terminology.extract import input_files

    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("a.txt", "sub/b.po", "sub/README.md", ".hidden/c.txt", "notes.doc"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [Path(p).relative_to(tmp_path).as_posix() for p, _ in input_files([tmp_path])] == \
        ["a.txt", "sub/b.po"]


def _readme_block(command: str) -> list[str]:
    readme = (GLOSSARY.parent / "README.md").read_text(encoding="utf-8")
    return readme.split(f"$ {command}\n", 1)[1].split("```", 1)[0].strip().splitlines()


@needs_shared
def test_readme_examples_are_current(runner) -> None:
    article = runner.invoke(main, ["extract", str(SEED_ARTICLE), "-t", str(GLOSSARY),
                                   "-n", "6"])
    shown = (article.stdout + article.stderr).replace(str(SEED_ARTICLE),
                                                      "../shared/seed/article-zh.txt")
    assert shown.strip().splitlines() == \
        _readme_block("policyglossary extract ../shared/seed/article-zh.txt -n 6")
    po = runner.invoke(main, ["extract", str(TRANSLATIONS / "article.po"), "-t",
                              str(GLOSSARY), "-n", "2"])
    shown = (po.stdout + po.stderr).replace(str(TRANSLATIONS) + "/", "translations/")
    assert shown.strip().splitlines() == \
        _readme_block("policyglossary extract translations/article.po -n 2")


def test_readme_json_example_is_real(runner) -> None:
    """The JSON contract's example candidate is the real first candidate of the seed
    translation (its second context's sentence is shortened with an ellipsis)."""
    readme = (GLOSSARY.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Candidates (`extract --format json`)", 1)[1]
    example = json.loads(block.split("```json\n", 1)[1].split("```", 1)[0])
    result = runner.invoke(main, ["extract", str(TRANSLATIONS / "article.po"), "-t",
                                  str(GLOSSARY), "-f", "json"])
    real = json.loads(result.stdout)
    shown, first = example["candidates"][0], real["candidates"][0]
    for key in ("zh", "score", "count", "kinds", "known", "suggestions"):
        assert shown[key] == first[key], key
    assert [(c["line"], c["sentence"].split("…")[0]) for c in shown["contexts"]] == \
        [(c["line"], c["sentence"][:len(s["sentence"].split("…")[0])])
         for c, s in zip(first["contexts"], shown["contexts"], strict=True)]
    assert example["sentences"] == real["sentences"]
