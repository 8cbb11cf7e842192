"""The check registry: exemption markers, what a registered check is, and the findings a
check context makes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from policyglossary.checks import CHECKS, ORDER, _registry
from policyglossary.checks._registry import (
    CheckContext,
    Unit,
    check,
    collector,
    exemptions,
    is_exempt,
)
from policyglossary.matching.english import TargetText
from policyglossary.matching.matcher import Matcher
from policyglossary.model import Finding, Segment, TermBase

# (id, notes, exemptions)
MARKERS = [
    ("one rule", ("policyglossary: ignore term-missing",), {("term-missing", None)}),
    ("list with commas and semicolons",
     ("policyglossary: ignore term-missing, number-mismatch;untranslated",),
     {("term-missing", None), ("number-mismatch", None), ("untranslated", None)}),
    ("term-scoped", ("policyglossary: ignore term-forbidden=双千兆",),
     {("term-forbidden", "双千兆")}),
    ("all", ("Reviewed. policyglossary: ignore all",), {("all", None)}),
    ("case-insensitive marker, rule lower-cased, term kept",
     ("PolicyGlossary: IGNORE Term-Missing=MIIT",), {("term-missing", "MIIT")}),
    ("marker on a later line of a note", ("Reviewer's note.\npolicyglossary:  ignore  all\n",),
     {("all", None)}),
    ("markers in several notes", ("policyglossary: ignore untranslated", "x",
                                  "policyglossary: ignore term-missing=局长"),
     {("untranslated", None), ("term-missing", "局长")}),
    ("the marker ends at the line's end", ("policyglossary: ignore all\nterm-missing",),
     {("all", None)}),
    ("nothing after ignore", ("policyglossary: ignore    ",), set()),
    ("no marker", ("ignore term-missing", "policyglossary ignore all"), set()),
]


@pytest.mark.parametrize(("notes", "expected"), [c[1:] for c in MARKERS],
                         ids=[c[0] for c in MARKERS])
def test_exemption_markers(notes: tuple[str, ...], expected: set[tuple[str, str | None]]) \
        -> None:
    assert exemptions(notes) == expected


def _finding(rule: str, term: str | None) -> Finding:
    return Finding(rule, "error", "m", "a.po", 1, "s1", term)


# (id, finding, exemptions, exempt?)
EXEMPT = [
    ("all", _finding("term-missing", "双千兆"), {("all", None)}, True),
    ("the rule", _finding("term-missing", "双千兆"), {("term-missing", None)}, True),
    ("the rule for this term", _finding("term-missing", "双千兆"),
     {("term-missing", "双千兆")}, True),
    ("the rule for another term", _finding("term-missing", "双千兆"),
     {("term-missing", "局长")}, False),
    ("another rule", _finding("term-missing", "双千兆"), {("term-forbidden", None)}, False),
    ("a rule without a term, term-scoped", _finding("untranslated", None),
     {("untranslated", "双千兆")}, False),
    ("nothing", _finding("term-missing", "双千兆"), set(), False),
]


@pytest.mark.parametrize(("finding", "exempt", "expected"), [c[1:] for c in EXEMPT],
                         ids=[c[0] for c in EXEMPT])
def test_is_exempt(finding: Finding, exempt: set[tuple[str, str | None]],
                   expected: bool) -> None:
    assert is_exempt(finding, frozenset(exempt)) == expected


def test_the_registry_is_in_documented_order() -> None:
    assert tuple(CHECKS) == ORDER
    assert all(CHECKS[rule].id == rule for rule in ORDER)


def test_registering_a_check_and_a_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_registry, "CHECKS", {})

    @check("new-rule", "info")
    def new_rule(unit: Unit, ctx: CheckContext) -> Iterator[Finding]:
        """Finds something new.

        Example: anything.
        """
        return iter(())

    @collector("new-collector", "warning", fast_lane=True)
    class NewCollector:
        """Collects."""

    registered = _registry.CHECKS
    assert list(registered) == ["new-rule", "new-collector"]
    rule = registered["new-rule"]
    assert (rule.severity, rule.segment_check, rule.collector, rule.fast_lane) == \
        ("info", new_rule, None, False)   # off unless declared
    assert rule.doc == "Finds something new.\n\nExample: anything."
    gathered = registered["new-collector"]
    assert (gathered.collector, gathered.segment_check, gathered.fast_lane) == \
        (NewCollector, None, True)


class _Places:
    def get(self, seq: int) -> tuple[str, int | None, str]:
        return ("b.tmx", 40 + seq, f"tu{seq}")


def test_findings_carry_the_text_their_span_points_into() -> None:
    ctx = CheckContext(Matcher(TermBase(())), _Places())
    segment = Segment("s1", "占比达42%", "accounts for 40%", line=7)
    unit = Unit(0, "a.po", segment, "占比达42%", TargetText("accounts for 40%"), "占比达42%",
                [], frozenset())
    source = ctx.finding("number-mismatch", unit, "42% is not in the target", None, None,
                         "source", (3, 6))
    assert (source.excerpt, source.severity, source.file, source.line, source.segment) == \
        ("占比达42%", "warning", "a.po", 7, "s1")
    target = ctx.finding("term-forbidden", unit, "m", "甲", "c", "target", (0, 8))
    assert target.excerpt == "accounts for 40%" and target.severity == "error"
    assert ctx.finding("untranslated", unit, "m").excerpt is None
    late = ctx.located_finding("segment-inconsistent", 2, "same source", None, None)
    assert (late.file, late.line, late.segment, late.severity) == \
        ("b.tmx", 42, "tu2", "warning")
