"""Every lint rule, each with a term base that triggers it and one that does not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from policyglossary import api
from policyglossary.model import Term
from policyglossary.termbase import lint as lint_rules

from ..conftest import GLOSSARY, concept

C = concept
# rule id → (concepts that trigger it, concepts that do not)
CASES = {
    "duplicate-concept": (
        [C("a", "双千兆", "dual-gigabit"), C("b", "雙千兆", "double")],
        [C("a", "双千兆", "dual-gigabit"), C("b", "千兆光网", "gigabit optical network")],
    ),
    "duplicate-term": (
        [C("a", ["中小企业", "中小企"], "SMEs"), C("b", ["小企业", "中小企"], "small firms")],
        [C("a", ["中小企业"], "SMEs"), C("b", ["小企业"], "small firms")],
    ),
    "allowed-and-forbidden": (
        [C("a", "双千兆", [("dual-gigabit", "preferred"), ("Dual Gigabits", "forbidden")])],
        [C("a", "双千兆", [("dual-gigabit", "preferred"), ("double gigabit", "forbidden")])],
    ),
    "duplicate-rendering": (
        [C("a", "局长", [("director general", "preferred"), ("director-general", "admitted")])],
        [C("a", "局长", [("director general", "preferred"), ("head", "admitted")])],
    ),
    "no-preferred": (
        [C("a", "局长", [("director general", "admitted")])],
        [C("a", "局长", [("director general", "preferred")])],
    ),
    "multiple-preferred": (
        [C("a", "局长", [("director general", "preferred"), ("head", "preferred")])],
        [C("a", "局长", [("director general", "preferred"), ("head", "admitted")])],
    ),
    "missing-source": (
        [C("a", "局长", "director general", sources=())],
        [C("a", "局长", "director general", sources=(), verified=False)],
    ),
    "no-primary-source": (
        [C("a", "局长", "director general", sources=("https://www.urdupoint.com/en/x.html",))],
        [C("a", "局长", "director general", sources=("https://www.urdupoint.com/en/x.html",
                                                   "https://english.news.cn/20231225/x.html"))],
    ),
    "not-simplified": (
        [C("a", "數字經濟", "digital economy")],
        [C("a", "数字经济", "digital economy")],
    ),
    "nested-term": (
        [C("a", "中小企业局", "SME Bureau"), C("b", "中小企业", "SMEs")],
        [C("a", "中小企业局", "SME Bureau"), C("b", "财政部", "Ministry of Finance")],
    ),
    "shared-rendering": (
        [C("a", "谢存", [("Xie Cun", "preferred"), ("Xie", "admitted")]),
         C("b", "谢少锋", [("Xie Shaofeng", "preferred"), ("Xie", "admitted")])],
        [C("a", "谢存", "Xie Cun"), C("b", "谢少锋", "Xie Shaofeng")],
    ),
    "forbidden-elsewhere": (
        [C("a", "压舱石", [("ballast", "preferred"), ("ballast stone", "admitted")]),
         C("b", "重要基石", [("cornerstone", "preferred"), ("ballast stone", "forbidden")])],
        [C("a", "压舱石", [("ballast", "preferred")]),
         C("b", "重要基石", [("cornerstone", "preferred"), ("ballast stone", "forbidden")])],
    ),
}


def _with_term(cid: str, zh: str, term: Term) -> object:
    base = C(cid, zh, "preferred rendering")
    return replace(base, en=(*base.en, term))


EXTRA_CASES = {
    "bad-replacement": (
        [_with_term("a", "局长", Term("director", "forbidden", reason="r",
                                      replacement="chief"))],
        [_with_term("a", "局长", Term("director", "forbidden", reason="r",
                                      replacement="preferred rendering"))],
    ),
    "missing-reason": (
        [_with_term("a", "局长", Term("director", "forbidden"))],
        [_with_term("a", "局长", Term("director", "forbidden", reason="ambiguous"))],
    ),
}


@pytest.mark.parametrize("rule_id", sorted({*CASES, *EXTRA_CASES}))
def test_rule_triggers_and_stays_quiet(rule_id: str, write_termbase) -> None:
    bad, good = {**CASES, **EXTRA_CASES}[rule_id]
    found = api.lint(write_termbase(*bad, folder="bad")).findings
    assert rule_id in {f.rule for f in found}
    finding = next(f for f in found if f.rule == rule_id)
    assert finding.severity == lint_rules.RULES[rule_id].severity
    assert finding.file.endswith(".toml") and finding.line is not None
    quiet = api.lint(write_termbase(*good, folder="good")).findings
    assert rule_id not in {f.rule for f in quiet}


def test_every_registered_rule_is_tested_and_documented() -> None:
    tested = {*CASES, *EXTRA_CASES, "noncanonical-format"}
    assert set(lint_rules.RULES) == tested
    for info in lint_rules.RULES.values():
        assert info.doc, info.id


def test_inner_inflection_clash_is_not_an_error(write_termbase) -> None:
    folder = write_termbase(C("cewc", "中央经济工作会议", [
        ("Central Economic Work Conference", "preferred"),
        ("Central Economic Working Conference", "forbidden")]))
    assert "allowed-and-forbidden" not in {f.rule for f in api.lint(folder).findings}


def test_noncanonical_format(raw_termbase) -> None:
    folder = raw_termbase({"a.toml": 'id="a"\n[[zh]]\nterm="甲"\nstatus="preferred"\n'})
    found = api.lint(folder).findings
    assert {f.rule for f in found} >= {"noncanonical-format"}


def test_schema_problems_make_the_term_base_unusable(raw_termbase) -> None:
    folder = raw_termbase({"a.toml": 'id = "a"\n[[zh]]\nterm = "甲"\nstatus = "nope"\n',
                           "b.toml": 'id = "b"\n[[zh]]\nterm = "甲"\nstatus = "preferred"\n'})
    result = api.lint(folder)
    assert result.unusable
    schema = [f for f in result.findings if f.rule == "schema"]
    assert len(schema) == 1 and schema[0].line == 4
    assert schema[0].file == str(Path(folder) / "concepts" / "a.toml")


def test_project_glossary_has_no_errors_or_warnings() -> None:
    result = api.lint(GLOSSARY)
    assert not result.unusable
    assert [f for f in result.findings if f.severity != "info"] == []



# ------------------------------------------------------------------ where findings point

def test_findings_point_at_the_term_they_are_about(write_termbase) -> None:  # type: ignore[no-untyped-def]
    """A term's finding names the line of that term in its file (its `term =` line), so an
    editor jumps to it; a concept's finding names the file's first line."""
    first = C("a", "局长", [("director general", "preferred"), ("head", "admitted"),
                          ("director-general", "admitted")], sources=())
    first = replace(first, en=(*first.en, Term("chief", "forbidden")))  # with no reason
    folder = write_termbase(first, C("b", "双千兆", "dual-gigabit"))
    findings = api.lint(folder).findings
    path = folder / "concepts" / "a.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    by_rule = {f.rule: f for f in findings if f.file == str(path)}
    duplicate = by_rule["duplicate-rendering"]
    assert lines[duplicate.line - 1] == 'term = "director-general"'  # type: ignore[operator]
    assert lines[by_rule["missing-reason"].line - 1] == 'term = "chief"'  # type: ignore[operator]
    assert by_rule["missing-source"].line == 1
    assert (duplicate.term, duplicate.concept) == ("局长", "a")
    assert findings == sorted(findings, key=lambda f: (f.file, f.line or 0, f.rule))


def test_lint_of_a_term_base_file_names_the_file(tmp_path: Path, write_termbase) -> None:  # type: ignore[no-untyped-def]
    folder = write_termbase(C("a", "局长", [("director general", "admitted")]))
    exported = tmp_path / "g.csv"
    api.export("csv", exported, folder)
    result = api.lint(exported)
    assert not result.unusable
    (finding,) = [f for f in result.findings if f.rule == "no-preferred"]
    assert (finding.file, finding.line) == (str(exported), None)


def test_only_the_rules_asked_for(write_termbase) -> None:  # type: ignore[no-untyped-def]
    folder = write_termbase(C("a", "局长", [("director general", "admitted")], sources=()))
    assert {f.rule for f in api.lint(folder, only={"missing-source"}).findings} == \
        {"missing-source"}
    assert {f.rule for f in api.lint(folder).findings} >= {"missing-source", "no-preferred"}
