"""Findings joined with the segments they are about: texts, highlights, fingerprints."""

from __future__ import annotations

from pathlib import Path

import polib

from policyglossary import api
from policyglossary.checking.context import ContextSpool, FindingContext, contexts, fingerprint
from policyglossary.model import Finding

from .conftest import GLOSSARY
from .seeded import FINDINGS, seeded_translation


def _contexts(paths: list[Path]) -> list[FindingContext]:
    matcher = api.load_matcher(GLOSSARY)
    result = api.check([str(p) for p in paths], GLOSSARY)
    return list(contexts(result.iter_findings(), matcher))


def _marked(text: str | None, spans: list[tuple[int, int]]) -> list[str]:
    assert text is not None
    return [text[s:e] for s, e in spans]


def test_every_finding_of_the_seeded_article_gets_its_segment(tmp_path: Path) -> None:
    path = seeded_translation(tmp_path)
    found = _contexts([path])
    assert len(found) == FINDINGS
    entries = {e.msgctxt: e for e in polib.pofile(str(path))}  # an independent reader
    for context in found:
        entry = entries[context.finding.segment]
        assert (context.source, context.target) == (entry.msgid, entry.msgstr)
        assert [c.seq for c in found] == list(range(len(found)))
    by_rule = {(c.finding.rule, c.finding.concept): c for c in found}
    forbidden = by_rule[("term-forbidden", "dual-gigabit")]
    assert _marked(forbidden.target, forbidden.target_spans) == ["double gigabit"]
    assert _marked(forbidden.source, forbidden.source_spans) == ["双千兆"]  # nested in a term
    assert forbidden.expected == ["dual-gigabit", "dual-gigabit networks"]
    missing = by_rule[("term-missing",
                       "work-plans-for-stabilizing-growth-in-ten-key-industries")]
    assert _marked(missing.source, missing.source_spans) == ["十大重点行业稳增长工作方案"]
    assert missing.target_spans == []
    inconsistent = by_rule[("term-inconsistent",
                            "specialized-refined-distinctive-and-innovative")]
    assert inconsistent.source is not None and inconsistent.source.count("专精特新") == 2
    assert _marked(inconsistent.source, inconsistent.source_spans) == ["专精特新"] * 2
    assert _marked(inconsistent.target, inconsistent.target_spans) == \
        ["specialized, refined, differential and innovative"]
    number = by_rule[("number-mismatch", None)]
    assert _marked(number.source, number.source_spans) == ["42%"]
    assert number.expected == []


def _one_line_xliff(targets: list[str]) -> str:
    units = "".join(
        f'<trans-unit id="u{i}"><source>推进双千兆网络建设</source><target>{t}</target>'
        "</trans-unit>" for i, t in enumerate(targets, start=1))
    return ('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
            'source-language="zh-CN" target-language="en" datatype="plaintext"><body>'
            f"{units}</body></file></xliff>")


def test_units_sharing_one_line_and_late_findings_are_found(tmp_path: Path) -> None:
    """600 units on one line (minified XML), more than the window of recent segments: the
    consistency findings, which come after every other finding of that line, still meet
    their own units."""
    odd = {1, 2, 100, 333, 512, 513, 599, 600}
    targets = ["build double gigabit networks" if i in odd else
               f"promote dual-gigabit networks {'x' * (i % 3)}".strip()
               for i in range(1, 601)]
    path = tmp_path / "min.xlf"
    path.write_text(_one_line_xliff(targets), encoding="utf-8")
    found = _contexts([path])
    rules = {c.finding.rule for c in found}
    assert {"term-forbidden", "term-missing", "segment-inconsistent"} <= rules
    assert len(found) > 20
    for context in found:
        number = int(context.finding.segment.removeprefix("u"))
        assert context.target == targets[number - 1], context.finding
        assert context.source == "推进双千兆网络建设"


def test_an_en_to_zh_file_keeps_chinese_as_the_source(tmp_path: Path) -> None:
    path = tmp_path / "rev.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\n'
                    'msgid "build double gigabit networks"\nmsgstr "推进双千兆网络建设"\n',
                    encoding="utf-8")
    found = _contexts([path])
    forbidden = next(c for c in found if c.finding.rule == "term-forbidden")
    assert forbidden.source == "推进双千兆网络建设"
    assert forbidden.target == "build double gigabit networks"
    assert _marked(forbidden.target, forbidden.target_spans) == ["double gigabit"]
    assert _marked(forbidden.source, forbidden.source_spans) == ["双千兆"]


def test_a_segment_gone_since_the_check_falls_back_to_the_finding(tmp_path: Path) -> None:
    path = seeded_translation(tmp_path)
    matcher = api.load_matcher(GLOSSARY)
    result = api.check([str(path)], GLOSSARY)
    path.write_text('msgid "别的"\nmsgstr "other"\n', encoding="utf-8")
    found = list(contexts(result.iter_findings(), matcher))
    assert len(found) == FINDINGS
    forbidden = next(c for c in found if c.finding.rule == "term-forbidden")
    assert forbidden.source is None
    assert forbidden.target is not None and "double gigabit" in forbidden.target
    inconsistent = next(c for c in found if c.finding.rule == "term-inconsistent")
    assert (inconsistent.source, inconsistent.target) == (None, None)


BASE = Finding("term-forbidden", "error", "m", "a.po", 10, "p1", "双千兆", "dual-gigabit",
               "target", (6, 20), "build double gigabit networks")


def test_fingerprints_ignore_lines_and_layout_but_not_edits() -> None:
    first = fingerprint(BASE, "推进双千兆网络建设", "build double gigabit networks")
    from dataclasses import replace

    moved = replace(BASE, line=99, file="b.po", message="other words")
    assert fingerprint(moved, "推进双千兆网络建设", "build double gigabit networks") == first
    assert fingerprint(BASE, "推进双千兆\n网络建设", "build  double gigabit\nnetworks") == first
    assert fingerprint(BASE, "推进双千兆网络建设", "build double gigabit network") != first
    assert fingerprint(BASE, "推进双千兆网络", "build double gigabit networks") != first
    assert fingerprint(replace(BASE, rule="term-missing"), "推进双千兆网络建设",
                       "build double gigabit networks") != first
    assert fingerprint(replace(BASE, segment="p2"), "推进双千兆网络建设",
                       "build double gigabit networks") != first
    # two numbers missing from one segment are two findings
    one = replace(BASE, rule="number-mismatch", span_in="source", span=(0, 2),
                  excerpt="42%和71个", concept=None, term=None)
    two = replace(one, span=(4, 7))
    assert fingerprint(one, "42%和71个", "x") != fingerprint(two, "42%和71个", "x")


def test_context_spool_keeps_order_on_disk() -> None:
    spool = ContextSpool()
    items = [FindingContext(i, BASE, "源" * (i % 7), f"t{i}", [(0, 1)], [], ["e"], str(i))
             for i in range(1000)]
    for item in items:
        spool.append(item)
    assert spool.count == 1000
    assert list(spool) == items
    assert list(spool) == items  # read twice
    spool.close()
