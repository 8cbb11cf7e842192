"""Checks on one segment that do not need the term base's renderings."""

from __future__ import annotations

from collections.abc import Iterator

from ..matching.chinese import original_span
from ..matching.numbers import NUMBER_HINT, missing_numbers
from ..model import Finding
from ._registry import CheckContext, Unit, check


@check("untranslated", "warning", fast_lane=True)
def untranslated(unit: Unit, ctx: CheckContext) -> Iterator[Finding]:
    """The target is empty, or marked fuzzy or unconfirmed (PO `#, fuzzy`, XLIFF
    needs-review-translation or initial).

    Example: a PO entry with `msgstr ""`.
    """
    segment = unit.segment
    if not segment.source.strip():
        return
    if not segment.target.strip():
        yield ctx.finding("untranslated", unit, "no translation")
    elif segment.state in ("new", "needs-review"):
        yield ctx.finding("untranslated", unit,
                          "the translation is marked fuzzy or unconfirmed (needs review)")


@check("number-mismatch", "warning", fast_lane=True)
def number_mismatch(unit: Unit, ctx: CheckContext) -> Iterator[Finding]:
    """A number, percentage or date of the source is missing from the target: Arabic numbers
    (42%, 71, 3.5, 3万 = 30,000), Chinese numerals before a measure word (十大 → ten, 3个月 →
    three months) and months (10月 → October). An ordinal or a multiple in the target renders
    its number (连续3个月 → "the third consecutive month"; 3倍 → "threefold"). Numbers inside
    matched terms are left to the term checks (三驾马车 is "troika").

    Example: source 占比达42%, target "accounts for 40%".
    """
    if not unit.target.text.strip() or not NUMBER_HINT.search(unit.normalized):
        return
    skip = [(start, end) for _, start, end in unit.matches]
    for number in missing_numbers(unit.normalized, unit.target.text, skip):
        yield ctx.finding(
            "number-mismatch", unit, f"{number.text} is not in the target", None, None,
            "source", original_span(unit.source, number.start, number.end))
