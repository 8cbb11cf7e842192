"""Findings as a translator reads them: one line each, an excerpt with the term marked,
GitHub annotations that survive commas and newlines, and the JSON contract."""

from __future__ import annotations

import json

import pytest

from policyglossary.model import Finding
from policyglossary.report import findings as report

MISSING = Finding("term-missing", "error", '双千兆 (dual-gigabit): the target has none of '
                  '"dual-gigabit"', "a.po", 7, "p01.s02", "双千兆", "dual-gigabit", "source",
                  (2, 5), "推进双千兆网络建设")
LINT = Finding("missing-source", "warning", "no source cited", "glossary/concepts/a.toml")


def test_one_line_per_finding() -> None:
    assert report.finding_line(MISSING) == (
        'a.po:7: error term-missing: 双千兆 (dual-gigabit): the target has none of '
        '"dual-gigabit" [segment p01.s02]')
    assert report.finding_line(LINT) == \
        "glossary/concepts/a.toml: warning missing-source: no source cited"


def test_colour_marks_the_severity_and_the_term() -> None:
    assert report.finding_line(MISSING, color=True).startswith(
        "a.po:7: \033[1;31merror\033[0m term-missing:")
    assert report.excerpt_line(MISSING, color=True) == \
        "    source: 推进\033[1;4;31m双千兆\033[0m网络建设"


# (id, excerpt, span, width, line)
EXCERPTS = [
    ("short text whole", "推进双千兆网络建设", (2, 5), 100, "    source: 推进双千兆网络建设"),
    ("long text cut on both sides", "a" * 50 + "TERM" + "b" * 50, (50, 54), 20,
     "    source: …" + "a" * 8 + "TERM" + "b" * 8 + "…"),
    ("term at the start", "TERM" + "b" * 50, (0, 4), 10, "    source: TERM" + "b" * 6 + "…"),
    ("term longer than the width", "x" + "T" * 30 + "y", (1, 31), 10,
     "    source: …" + "T" * 30 + "y"),
    ("line breaks flattened", "第一行\n双千兆", (4, 7), 100, "    source: 第一行 双千兆"),
]


@pytest.mark.parametrize(("excerpt", "span", "width", "line"), [c[1:] for c in EXCERPTS],
                         ids=[c[0] for c in EXCERPTS])
def test_excerpt_lines(excerpt: str, span: tuple[int, int], width: int, line: str) -> None:
    finding = Finding("term-missing", "error", "m", "a.po", 1, span_in="source", span=span,
                      excerpt=excerpt)
    assert report.excerpt_line(finding, color=False, width=width) == line


def test_no_excerpt_without_a_span() -> None:
    assert report.excerpt_line(LINT, color=False) is None
    assert list(report.findings_text([LINT, MISSING], excerpts=True)) == [
        report.finding_line(LINT), report.finding_line(MISSING),
        "    source: 推进双千兆网络建设"]


def test_github_annotations_escape_what_would_break_them() -> None:
    finding = Finding("term-missing", "info", "50% done\r\nsecond line", "dir, v1/a:b.po", 3,
                      "s,1")
    (line,) = report.findings_github([finding])
    assert line == ("::notice file=dir%2C v1/a%3Ab.po,line=3,title=term-missing::"
                    "50%25 done%0D%0Asecond line [segment s,1]")
    (no_line,) = report.findings_github([LINT])
    assert no_line == ("::warning file=glossary/concepts/a.toml,title=missing-source::"
                       "no source cited")


def test_the_json_record_contract() -> None:
    record = report.finding_record(MISSING)
    assert list(record) == ["rule", "severity", "file", "segment", "line", "term", "concept",
                            "message", "span"]
    assert record["span"] == {"in": "source", "start": 2, "end": 5, "text": "双千兆"}
    assert "span" not in report.finding_record(LINT)
    assert report.finding_record(LINT)["segment"] is None


@pytest.mark.parametrize("findings", [[], [LINT], [MISSING, LINT]], ids=["none", "one", "two"])
def test_the_json_document_is_what_json_dumps_writes(findings: list[Finding]) -> None:
    text = report.findings_json(findings, {"files": ["a.po"], "segments": 3})
    document = json.loads(text)
    assert text == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert list(document) == ["findings", "summary", "files", "segments"]
    assert document["summary"] == report.severity_summary(findings)


@pytest.mark.parametrize(("counts", "hidden", "text"), [
    ({"error": 1, "warning": 2, "info": 0}, 0, "1 error, 2 warnings, 0 infos"),
    ({"error": 0, "warning": 1, "info": 5}, 5,
     "0 errors, 1 warning, 5 infos (5 info findings not shown; use --min-severity info)"),
])
def test_summary_text(counts: dict[str, int], hidden: int, text: str) -> None:
    assert report.summary_text(counts, hidden) == text
    findings = [Finding("r", severity, "m") for severity, n in counts.items()
                for _ in range(n)]
    assert report.summary_line(findings, hidden) == text
