"""Concepts as people read them: lookup's card, the concept JSON contract (derived forms
marked), and the lines `import` prints for a changed concept."""

from __future__ import annotations

import json
from datetime import date

from policyglossary.model import Concept, LookupHit, Term
from policyglossary.report.concepts import change_lines, concept_card, lookup_json
from policyglossary.report.records import concept_record, term_record
from policyglossary.termbase.compare import FieldChange

LIANG = Concept("liang-zhifeng", (Term("梁志峰", hant="梁志峰", hk="梁志峰"),), (
    Term("Liang Zhifeng"), Term("Liang Zhi-feng", "superseded", reason="old romanisation"),
    Term("LZF", "admitted", "acronym", case_sensitive=True, part_of_speech="noun",
         note="rare")),
    subject_field="names", definition="A spokesperson.", sources=("https://a", "https://b"),
    created=date(2026, 1, 2), verified=False)


def test_the_card_shows_every_field() -> None:
    hit = LookupHit(LIANG, "Liang Zhi-feng", "en", "superseded", True)
    assert concept_card(LIANG, hit).splitlines() == [
        "梁志峰  [liang-zhifeng]  (matched en 'Liang Zhi-feng' — SUPERSEDED rendering)",
        "  zh  preferred  梁志峰 (zh-Hant 梁志峰 · zh-TW 梁志峰 · zh-HK 梁志峰)",
        "  en  preferred  Liang Zhifeng",
        "  en  superseded Liang Zhi-feng — old romanisation; use: Liang Zhifeng",
        "  en  admitted   LZF (acronym, case-sensitive, noun) [rare]",
        "  subject field: names",
        "  definition: A spokesperson.",
        "  source: https://a",
        "  source: https://b",
        "  created 2026-01-02 · unverified",
    ]


def test_a_chinese_or_allowed_match_is_not_called_out() -> None:
    for hit in (LookupHit(LIANG, "梁志峰", "zh-Hant", "preferred", True),
                LookupHit(LIANG, "LZF", "en", "admitted", True)):
        first = concept_card(LIANG, hit).splitlines()[0]
        assert first == f"梁志峰  [liang-zhifeng]  (matched {hit.lang} '{hit.text}')"
    assert concept_card(LIANG).splitlines()[0] == "梁志峰  [liang-zhifeng]"


def test_colour_on_the_card() -> None:
    hit = LookupHit(LIANG, "Liang Zhi-feng", "en", "superseded", True)
    lines = concept_card(LIANG, hit, color=True).splitlines()
    assert lines[0].startswith("\033[1m梁志峰\033[0m  [liang-zhifeng]")
    assert "\033[1;31m — SUPERSEDED rendering\033[0m" in lines[0]
    assert lines[3] == "  en  \033[1;31msuperseded\033[0m Liang Zhi-feng — old romanisation; " \
                       "use: Liang Zhifeng"


def test_the_concept_record_marks_derived_and_explicit_forms() -> None:
    record = concept_record(LIANG)
    assert list(record)[:4] == ["id", "zh", "en", "terms"]
    assert (record["zh"], record["en"]) == ("梁志峰", "Liang Zhifeng")
    zh_forms = [(t["lang"], t["text"], t.get("derived")) for t in record["terms"]
                if t["lang"] != "en"]
    # zh-Hant always; zh-TW and zh-HK only where they differ from the Simplified text
    assert zh_forms == [("zh", "梁志峰", None), ("zh-Hant", "梁志峰", False)]
    assert record["sources"] == ["https://a", "https://b"]
    assert record["created"] == "2026-01-02" and record["modified"] is None
    assert record["verified"] is False
    plain = concept_record(LIANG, derived=False)
    assert [t["lang"] for t in plain["terms"]] == ["zh", "en", "en", "en"]


def test_a_term_record_names_only_what_is_set() -> None:
    assert term_record(LIANG.en[2], "en") == {
        "lang": "en", "text": "LZF", "status": "admitted", "type": "acronym",
        "part-of-speech": "noun", "case-sensitive": True, "note": "rare"}


def test_lookup_json_adds_the_match() -> None:
    records = json.loads(lookup_json([LookupHit(LIANG, "LZF", "en", "admitted", True)]))
    assert records[0]["match"] == {"text": "LZF", "lang": "en", "status": "admitted"}
    assert json.loads(lookup_json([])) == []


def test_change_lines_for_import() -> None:
    changes = [
        FieldChange("definition", "Old.", "New."),
        FieldChange("en.status", "admitted", "forbidden", "LZF"),
        FieldChange("en", None, {"text": "Mr Liang", "status": "admitted", "note": "n"},
                    "Mr Liang"),
        FieldChange("en", {"text": "Liang Zhi-feng", "status": "superseded"}, None,
                    "Liang Zhi-feng"),
        FieldChange("sources", ["https://a"], ["https://a", "https://c"]),
    ]
    assert change_lines(LIANG, changes) == [
        "changed liang-zhifeng (梁志峰)",
        "  ~ definition: 'Old.' → 'New.'",
        "  ~ en.status 'LZF': 'admitted' → 'forbidden'",
        "  + en: 'Mr Liang' (admitted, note: n)",
        "  - en: 'Liang Zhi-feng' (superseded)",
        "  ~ sources: ['https://a'] → ['https://a', 'https://c']",
    ]
