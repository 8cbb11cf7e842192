"""Lookup in Simplified, Traditional and English, in the library and through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policyglossary import api
from policyglossary.cli._app import main
from policyglossary.model import Concept, Term, TermBase
from policyglossary.termbase.lookup import lookup as find

from ..conftest import GLOSSARY

# (query, expected first concept id, matched lang, matched status)
LOOKUPS = [
    ("双千兆", "dual-gigabit", "zh", "preferred"),
    ("雙千兆", "dual-gigabit", "zh-Hant", "preferred"),
    ("专精特新", "specialized-refined-distinctive-and-innovative", "zh", "preferred"),
    ("專精特新", "specialized-refined-distinctive-and-innovative", "zh-Hant", "preferred"),
    ("梁志峰", "liang-zhifeng", "zh", "preferred"),
    ("數位經濟", "digital-economy", "zh-TW", "preferred"),      # explicit Taiwan form
    ("dual-gigabit", "dual-gigabit", "en", "preferred"),
    ("Dual Gigabit", "dual-gigabit", "en", "preferred"),          # case, hyphen
    ("double gigabit", "dual-gigabit", "en", "forbidden"),
    ("little giant", "specialized-refined-distinctive-and-innovative", "en", "forbidden"),
    ("MIIT", "miit", "en", "admitted"),
    ("Performance Inspection and Coordination Bureau",
     "bureau-of-operation-monitoring-and-coordination", "en", "superseded"),
]


@pytest.mark.parametrize(("query", "cid", "lang", "status"), LOOKUPS, ids=[q[0] for q in LOOKUPS])
def test_lookup_finds_concept(query: str, cid: str, lang: str, status: str) -> None:
    hits = api.lookup(query, GLOSSARY)
    assert hits, query
    assert hits[0].concept.id == cid
    assert (hits[0].lang, hits[0].status) == (lang, status)
    assert hits[0].exact


def test_partial_chinese_query_finds_every_term_containing_it() -> None:
    ids = {h.concept.id for h in api.lookup("千兆", GLOSSARY)}
    assert {"dual-gigabit", "gigabit-optical-network",
            "coordinated-development-of-dual-gigabit-networks"} <= ids
    hits = api.lookup("千兆", GLOSSARY)
    assert not hits[0].exact


def test_lookup_cli_text_shows_all_fields(runner) -> None:
    result = runner.invoke(main, ["lookup", "双千兆", "--termbase", str(GLOSSARY)])
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("双千兆  [dual-gigabit]")
    for expected in ("preferred  dual-gigabit", "forbidden  double gigabit", "雙千兆",
                     "subject field: telecom", "definition:", "source: http"):
        assert expected in out


def test_lookup_cli_says_when_a_rendering_is_forbidden(runner) -> None:
    result = runner.invoke(main, ["lookup", "double gigabit", "-t", str(GLOSSARY)])
    assert result.exit_code == 0
    assert "FORBIDDEN rendering" in result.output.splitlines()[0]


def test_lookup_json_contract(runner) -> None:
    result = runner.invoke(main, ["lookup", "雙千兆", "-t", str(GLOSSARY), "-f", "json"])
    assert result.exit_code == 0
    records = json.loads(result.output)
    first = records[0]
    assert first["id"] == "dual-gigabit"
    assert first["zh"] == "双千兆"
    assert first["en"] == "dual-gigabit"
    assert first["match"] == {"text": "雙千兆", "lang": "zh-Hant", "status": "preferred"}
    statuses = {(t["lang"], t["text"]): t["status"] for t in first["terms"]}
    assert statuses[("en", "double gigabit")] == "forbidden"
    assert statuses[("zh-Hant", "雙千兆")] == "preferred"
    assert all(t["status"] in ("preferred", "admitted", "forbidden", "superseded")
               for t in first["terms"])
    assert first["subject-field"] == "telecom"


def test_lookup_no_match_exits_1(runner) -> None:
    result = runner.invoke(main, ["lookup", "不存在的术语", "-t", str(GLOSSARY)])
    assert result.exit_code == 1
    assert "No concept matches '不存在的术语'" in result.stderr
    assert result.stdout == ""


def test_lookup_works_from_any_directory_with_the_bundled_term_base(
        runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(api.ENV_TERMBASE, raising=False)
    result = runner.invoke(main, ["lookup", "双千兆"])
    assert result.exit_code == 0, result.output
    assert "dual-gigabit" in result.output


# ------------------------------------------------------------------ ranking, on a small term base

def _concept(cid: str, zh: str, *en: tuple[str, str]) -> Concept:
    return Concept(cid, (Term(zh),), tuple(Term(text, status) for text, status in en))


SMALL = TermBase((
    _concept("gigabit", "千兆", ("gigabit", "preferred")),
    _concept("dual-gigabit", "双千兆", ("dual-gigabit", "preferred"),
             ("dual-gigabit networks", "admitted"), ("double gigabit", "forbidden")),
    _concept("gigabit-optical-network", "千兆光网", ("gigabit optical network", "preferred")),
    _concept("x-17", "某机构", ("some body", "preferred")),
))


# (query, ids in order, exact flags)
RANKED = [
    ("千兆", ["gigabit", "dual-gigabit", "gigabit-optical-network"], [True, False, False]),
    ("千兆光網", ["gigabit-optical-network"], [True]),       # Traditional, whole
    ("光網", ["gigabit-optical-network"], [False]),          # Traditional, part
    ("gigabit", ["gigabit", "dual-gigabit", "gigabit-optical-network"], [True, False, False]),
    ("Dual Gigabit Network", ["dual-gigabit"], [True]),      # an inflected admitted rendering
    ("x-17", ["x-17"], [True]),                              # an id no rendering matches
    ("  ", [], []),
    ("no such thing", [], []),
]


@pytest.mark.parametrize(("query", "ids", "exact"), RANKED, ids=[r[0] or "blank" for r in RANKED])
def test_lookup_ranks_exact_then_shorter(query: str, ids: list[str], exact: list[bool]) -> None:
    hits = find(SMALL, query)
    assert [h.concept.id for h in hits] == ids
    assert [h.exact for h in hits] == exact


def test_an_id_match_shows_the_preferred_rendering() -> None:
    (hit,) = find(SMALL, "x-17")
    assert (hit.text, hit.lang, hit.status) == ("some body", "en", "preferred")


def test_the_best_rendering_of_a_concept_is_the_exact_one() -> None:
    (hit,) = [h for h in find(SMALL, "dual-gigabit networks") if h.concept.id == "dual-gigabit"]
    assert (hit.text, hit.status, hit.exact) == ("dual-gigabit networks", "admitted", True)
    (forbidden,) = find(SMALL, "double gigabits")
    assert (forbidden.text, forbidden.status) == ("double gigabit", "forbidden")


def test_a_chinese_hit_names_the_script_it_matched_in() -> None:
    (hit,) = find(SMALL, "雙千兆")  # 千兆 is inside the query, not the query inside it
    assert (hit.concept.id, hit.text, hit.lang, hit.exact) == \
        ("dual-gigabit", "雙千兆", "zh-Hant", True)
    (simplified,) = find(SMALL, "双千兆")
    assert (simplified.text, simplified.lang) == ("双千兆", "zh")
