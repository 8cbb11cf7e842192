"""Term base diffs as reviewers read them: text with changed words marked, Markdown for a pull
request (impact included), the JSON contract, and the concept view git's textconv shows."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from policyglossary.model import Concept, Term, TermBase
from policyglossary.report import diff as render
from policyglossary.termbase.compare import FieldChange
from policyglossary.termbase.diff import Impact, ImpactItem, diff_termbases

OLD = Concept("dual-gigabit", (Term("双千兆"),), (
    Term("dual-gigabit"), Term("dual-gigabit networks", "admitted", note="5G | fibre")),
    definition="Gigabit mobile and fixed (fibre) networks.", sources=("https://a",))
NEW = replace(OLD, definition="Gigabit mobile and fixed (fiber) networks.", en=(
    OLD.en[0], replace(OLD.en[1], status="forbidden", reason="too long"),
    Term("gigabit-plus", "admitted")))
GONE = Concept("troika", (Term("三驾马车"),), (Term("troika"),))
ADDED = Concept("new", (Term("新术语"),), (Term("new | term"),))
DIFF = diff_termbases(TermBase((OLD, GONE)), TermBase((NEW, ADDED)), "HEAD~1:glossary",
                      "glossary (working tree)")
IMPACT = Impact(
    newly_failing=[ImpactItem("a.po", "p22.s03", 243, "term-forbidden", "双千兆", "m | x")],
    newly_passing=[ImpactItem("b.csv", "7", None, "term-missing", "双千兆", "gone")],
    segments=47)


def test_text() -> None:
    assert list(render.text(DIFF)) == [
        "diff HEAD~1:glossary → glossary (working tree): 1 added, 1 removed, 1 changed",
        '+ added    new  新术语  "new | term"',
        '- removed  troika  三驾马车  "troika"',
        "~ changed  dual-gigabit  双千兆",
        "    definition: Gigabit mobile and fixed [-(fibre)-] networks. → Gigabit mobile and "
        "fixed {+(fiber)+} networks.",
        '    en "dual-gigabit networks" status: admitted → forbidden (status transition)',
        '    en "dual-gigabit networks" reason: (empty) → too long',
        '    + en "gigabit-plus" (admitted)',
    ]


def test_text_with_impact() -> None:
    lines = list(render.text(DIFF, impact=IMPACT))
    assert lines[-3:] == [
        "impact on 47 segments: 1 newly failing, 1 newly passing",
        "  newly failing: a.po:243 [segment p22.s03] term-forbidden: m | x",
        "  newly passing: b.csv [segment 7] term-missing: gone",
    ]


def test_colour_replaces_the_word_markers() -> None:
    lines = list(render.text(DIFF, color=True))
    assert lines[0].startswith("\033[1mdiff ")
    assert lines[1] == '\033[32m+ added    new  新术语  "new | term"\033[0m'
    definition = lines[4]
    assert "\033[31m(fibre)\033[0m" in definition and "\033[32m(fiber)\033[0m" in definition
    assert "[-" not in definition and "{+" not in definition
    assert lines[5].startswith("    \033[1;33men \"dual-gigabit networks\" status")


# (id, change, text)
CHANGE_TEXT = [
    ("removed term with attributes",
     FieldChange("en", {"text": "double gigabit", "status": "forbidden", "reason": "calque",
                        "note": "n"}, None, "double gigabit"),
     '- en "double gigabit" (forbidden; reason: calque; note: n)'),
    ("list field", FieldChange("sources", ["https://a"], []), "sources: https://a → (none)"),
    ("emptied text", FieldChange("note", "A note.", ""), "note: A note. → (empty)"),
    ("a flag", FieldChange("verified", True, False), "verified: True → False"),
    ("Chinese form of a term", FieldChange("zh.hant", "局长", "局長", "局长"),
     'zh "局长" hant: [-局长-] → {+局長+}'),
]


@pytest.mark.parametrize(("change", "text"), [c[1:] for c in CHANGE_TEXT],
                         ids=[c[0] for c in CHANGE_TEXT])
def test_change_text(change: FieldChange, text: str) -> None:
    assert render.change_text(change, color=False) == text


def test_markdown_escapes_pipes_and_lists_the_impact() -> None:
    markdown = render.markdown(DIFF, IMPACT)
    assert markdown.startswith("### Term base changes: 1 added, 1 removed, 1 changed\n\n"
                               "`HEAD~1:glossary` → `glossary (working tree)`\n")
    assert "| `new` | 新术语 | new \\| term |" in markdown
    assert "| `troika` | 三驾马车 | troika |" in markdown
    assert ("| en.status | dual-gigabit networks | admitted | **forbidden** (status "
            "transition) |") in markdown
    assert '| en | gigabit-plus | (empty) | "gigabit-plus" (admitted) |' in markdown
    assert "**Impact** on 47 segments: 1 newly failing, 1 newly passing" in markdown
    assert "| newly failing | a.po:243 | p22.s03 | term-forbidden | m \\| x |" in markdown
    assert markdown.endswith("|\n\n")


def test_markdown_of_no_change_is_a_heading_only() -> None:
    same = diff_termbases(TermBase((OLD,)), TermBase((OLD,)), "a", "b")
    assert render.markdown(same) == "### Term base changes: 0 added, 0 removed, 0 changed\n\n" \
                                    "`a` → `b`\n\n"


def test_json_contract() -> None:
    document = json.loads(render.json_document(DIFF, IMPACT))
    assert list(document) == ["old", "new", "added", "removed", "changed", "summary", "impact"]
    assert document["summary"] == {"added": 1, "removed": 1, "changed": 1}
    assert document["added"][0]["en"] == "new | term"
    assert document["changed"][0]["changes"] == [
        {"field": "definition", "old": OLD.definition, "new": NEW.definition},
        {"field": "en.status", "term": "dual-gigabit networks", "old": "admitted",
         "new": "forbidden"},
        {"field": "en.reason", "term": "dual-gigabit networks", "old": "", "new": "too long"},
        {"field": "en", "term": "gigabit-plus", "old": None,
         "new": {"text": "gigabit-plus", "status": "admitted"}},
    ]
    assert document["impact"] == {
        "segments": 47,
        "newly_failing": [{"file": "a.po", "segment": "p22.s03", "line": 243,
                           "rule": "term-forbidden", "term": "双千兆", "message": "m | x"}],
        "newly_passing": [{"file": "b.csv", "segment": "7", "line": None,
                           "rule": "term-missing", "term": "双千兆", "message": "gone"}]}
    assert "impact" not in json.loads(render.json_document(DIFF))


def test_the_textconv_view_of_a_concept() -> None:
    concept = replace(NEW, verified=False, created=date(2026, 1, 2), note="two\n   lines",
                      zh=(Term("双千兆", hant="雙千兆"),))
    assert render.concept_lines(concept) == [
        "concept dual-gigabit",
        "definition: Gigabit mobile and fixed (fiber) networks.",
        "note: two lines",
        "verified: false",
        "source: https://a",
        "created: 2026-01-02",
        "zh preferred: 双千兆  (hant 雙千兆)",
        "en preferred: dual-gigabit",
        "en forbidden: dual-gigabit networks  (reason too long; note 5G | fibre)",
        "en admitted: gigabit-plus",
    ]
    assert render.concept_lines(replace(concept, en=tuple(reversed(concept.en)))) == \
        render.concept_lines(concept)  # term order is no change
