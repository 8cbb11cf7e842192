"""term-missing and term-forbidden, table-driven: cases that must be found and look-alikes
that must not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from policyglossary.model import Term

from ..conftest import concept
from .conftest import found, run

C = concept
TERMS = [
    C("dual-gigabit", "双千兆", [("dual-gigabit", "preferred"), ("double gigabit", "forbidden"),
                                 ("two-gigabit", "forbidden")]),
    C("dual-gigabit-dev", "“双千兆”协同发展", [
        ("coordinated development of dual-gigabit networks", "preferred")]),
    C("srdi", "专精特新", [("specialized, refined, distinctive and innovative", "preferred"),
                          ("specialized and innovative", "admitted"),
                          ("little giant", "forbidden")]),
    C("srdi-smes", "专精特新中小企业", [
        ("specialized, refined, distinctive and innovative SMEs", "preferred")]),
    C("smes", "中小企业", [("small and medium-sized enterprises", "preferred"),
                          ("SMEs", "admitted")]),
    C("director-general", "局长", [("director general", "preferred"), ("director", "forbidden")]),
    C("ballast", "压舱石", [("ballast", "preferred"), ("ballast stone", "admitted"),
                         ("cornerstone", "forbidden")]),
    C("cornerstone", "重要基石", [("important cornerstone", "preferred"),
                               ("ballast stone", "forbidden")]),
    C("cewc", "中央经济工作会议", [("Central Economic Work Conference", "preferred"),
                                ("Central Economic Working Conference", "forbidden")]),
    C("finance", "财政部", [("Ministry of Finance", "preferred"), ("Treasury", "forbidden")]),
]
_miit = C("miit", "工业和信息化部", "Ministry of Industry and Information Technology")
TERMS.append(replace(_miit, en=(*_miit.en, Term("MIIT", "admitted", "acronym",
                                               case_sensitive=True))))

# (id, source, target, expected (rule, term) findings)
CASES = [
    # --- term-missing
    ("preferred present", "推进双千兆网络建设", "build dual-gigabit networks", []),
    ("hyphen variant", "推进双千兆网络建设", "build dual gigabit networks", []),
    ("missing", "推进双千兆网络建设", "build fast networks",
     [("term-missing", "双千兆")]),
    ("Traditional source", "推進雙千兆網絡建設", "build dual-gigabit networks", []),
    ("Traditional source missing", "推進雙千兆網絡建設", "build fast networks",
     [("term-missing", "双千兆")]),
    ("admitted variant", "专精特新企业", "specialized and innovative firms", []),
    ("Oxford comma", "专精特新", "specialized, refined, distinctive, and innovative", []),
    ("longest match only", "专精特新中小企业",
     "specialized, refined, distinctive and innovative SMEs", []),
    ("longer term missing", "专精特新中小企业", "specialized, refined, distinctive and "
     "innovative companies", [("term-missing", "专精特新中小企业")]),
    ("acronym counts", "中小企业发展", "the development of SMEs", []),
    ("case-sensitive acronym", "工业和信息化部表示", "miit said",
     [("term-missing", "工业和信息化部")]),
    ("acronym exact case", "工业和信息化部表示", "MIIT said", []),
    ("possessive", "中小企业的成本", "small and medium-sized enterprises' costs", []),
    ("inflected", "局长", "the directors general", []),
    ("headline case", "中央经济工作会议", "CENTRAL ECONOMIC WORK CONFERENCE OPENS", []),
    ("empty target is untranslated, not missing", "双千兆", "", [("untranslated", None)]),
    # --- term-forbidden
    ("forbidden", "推进双千兆", "build double gigabit networks",
     [("term-missing", "双千兆"), ("term-forbidden", "双千兆")]),
    ("forbidden with preferred", "推进双千兆", "dual-gigabit, not double-gigabit",
     [("term-forbidden", "双千兆")]),
    ("forbidden inflected", "双千兆", "two gigabits", [("term-missing", "双千兆"),
                                                      ("term-forbidden", "双千兆")]),
    ("forbidden inside allowed", "局长", "the director general", []),
    ("forbidden alone", "局长", "the director", [("term-missing", "局长"),
                                                ("term-forbidden", "局长")]),
    ("forbidden of nested term", "接续开展“双千兆”协同发展",
     "the coordinated development of double gigabit networks",
     [("term-missing", "“双千兆”协同发展"), ("term-forbidden", "双千兆")]),
    ("forbidden here, allowed for the other term", "压舱石和重要基石",
     "ballast stone and important cornerstone", []),
    ("forbidden look-alike by inflection", "中央经济工作会议",
     "the Central Economic Working Conference",
     [("term-missing", "中央经济工作会议"), ("term-forbidden", "中央经济工作会议")]),
    ("forbidden rendering inside another word", "财政部", "Ministry of Finance, not Treasury-like",
     [("term-forbidden", "财政部")]),
    ("no false forbidden inside word", "财政部", "Ministry of Finance and its treasurers", []),
    ("term not in source: no check", "一般文本", "double gigabit little giant", []),
]


@pytest.mark.parametrize(("source", "target", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_term_checks(source: str, target: str, expected: list[tuple[str, str | None]]) -> None:
    findings = run(TERMS, [(source, target)], disabled=["number-mismatch"])
    assert sorted(found(findings)) == sorted(expected)


def test_forbidden_message_names_reason_and_replacement() -> None:
    findings = run(TERMS, [("双千兆", "double gigabit")])
    forbidden = next(f for f in findings if f.rule == "term-forbidden")
    assert forbidden.message == ('双千兆 (dual-gigabit): "double gigabit" is forbidden '
                                 '(test reason); use "dual-gigabit"')
    assert forbidden.span_in == "target"
    assert forbidden.excerpt is not None and forbidden.span is not None
    assert forbidden.excerpt[forbidden.span[0]:forbidden.span[1]] == "double gigabit"


def test_missing_finding_points_at_the_source_term() -> None:
    findings = run(TERMS, [("今年推進「雙千兆」網絡", "this year, fast networks")])
    missing = next(f for f in findings if f.rule == "term-missing")
    assert missing.span_in == "source"
    assert missing.excerpt is not None and missing.span is not None
    assert missing.excerpt[missing.span[0]:missing.span[1]] == "雙千兆"
    assert missing.term == "双千兆" and missing.concept == "dual-gigabit"
    assert missing.segment == "0" and missing.line == 1 and missing.file == "file1.po"
