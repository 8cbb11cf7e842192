"""The checks: rules only. Each rule module registers its checks with the decorators of
`_registry` (`@check` for one segment at a time, `@collector` for checks that report once
every segment is seen); importing this package registers them all, in documented order.

To add a rule: write a function that yields `Finding`s in the module of its kind (`terms`,
`segments`, `consistency`), decorate it, document it in its docstring, add its id to `ORDER`
and to the README's check table. Leave `fast_lane` off unless the engine's fast lane
(`checking.fastlane`) provably decides for it; off is always correct.
"""

from __future__ import annotations

from . import consistency, segments, terms  # noqa: F401  (importing registers the checks)
from ._registry import (
    CHECKS,
    CheckContext,
    CheckInfo,
    Collector,
    CollectorFactory,
    Locator,
    Observation,
    SegmentCheck,
    Unit,
    check,
    collector,
    exemptions,
    is_exempt,
)

# The order checks run and are documented in (ids are the output contract).
ORDER = ("term-missing", "term-forbidden", "term-inconsistent", "segment-inconsistent",
         "untranslated", "number-mismatch")


def _in_order() -> None:
    registered = dict(CHECKS)
    CHECKS.clear()
    CHECKS.update({key: registered[key] for key in ORDER})
    CHECKS.update({k: v for k, v in registered.items() if k not in CHECKS})


_in_order()

__all__ = ["CHECKS", "ORDER", "CheckContext", "CheckInfo", "Collector", "CollectorFactory",
           "Locator", "Observation", "SegmentCheck", "Unit", "check", "collector", "exemptions",
           "is_exempt"]
