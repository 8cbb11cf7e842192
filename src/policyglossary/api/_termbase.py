"""Term base operations of the library API: find, load, lint, look up, format."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..formats import canonical
from ..model import Finding, LookupHit, TermBase

if TYPE_CHECKING:
    from ..checks import CheckInfo
    from ..formats import FormatSpec
    from ..matching.matcher import Matcher

ENV_TERMBASE = "POLICYGLOSSARY_TERMBASE"


def bundled_termbase() -> Path:
    """The term base installed with the package (or the checkout's glossary/ in development)."""
    package = Path(__file__).parents[1]  # this module lives in policyglossary/api/
    installed = package / "_glossary"
    if canonical.is_canonical_dir(installed):
        return installed
    checkout = package.parents[1] / "glossary"
    if canonical.is_canonical_dir(checkout):
        return checkout
    raise UsageError("no term base found: pass --termbase PATH or set "
                     f"{ENV_TERMBASE}")


def termbase_path(given: str | Path | None = None) -> Path:
    """Which term base to use: --termbase, else $POLICYGLOSSARY_TERMBASE, else ./glossary/,
    else the bundled one."""
    if given:
        return Path(given)
    env = os.environ.get(ENV_TERMBASE)
    if env:
        return Path(env)
    local = Path("glossary")
    if canonical.is_canonical_dir(local):
        return local
    return bundled_termbase()


def load_termbase(path: str | Path | None = None) -> TermBase:
    """Load and validate a term base: a canonical folder or any term base file we read.

    Raises:
        TermBaseError: the canonical term base has problems (all of them are listed).
        InputError: the file cannot be read or parsed.
    """
    resolved = termbase_path(path)
    if resolved.is_dir():
        return canonical.read_dir(resolved)
    from ..formats import read_termbase_file

    return read_termbase_file(resolved)


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: list[Finding]
    unusable: bool
    """The term base could not be loaded completely (schema or syntax errors)."""


def lint(path: str | Path | None = None, only: set[str] | None = None) -> LintResult:
    """Validate a term base and run every lint rule on what loaded."""
    from ..termbase import lint as lint_rules

    resolved = termbase_path(path)
    if resolved.is_dir():
        termbase, problems, paths = canonical.read_dir_with_problems(resolved)
        noncanonical = canonical.noncanonical_files(resolved)
    else:
        termbase, problems, paths, noncanonical = load_termbase(resolved), [], {}, []
    ctx = lint_rules.LintContext(termbase, str(resolved), paths, noncanonical)
    findings = lint_rules.schema_findings(problems) + lint_rules.run(ctx, only)
    return LintResult(findings, bool(problems))


def lookup(query: str, path: str | Path | None = None) -> list[LookupHit]:
    """Concepts matching `query` (see `lookup.lookup`), best first.

    The OpenCC conversions of the terms are remembered between runs (see `cache`), and stay
    in use in this process, so that showing the hits converts nothing again."""
    from ..checking import cache
    from ..matching.chinese import remember_conversions
    from ..termbase.lookup import lookup as find

    known = remember_conversions(cache.load_conversions())
    before = len(known)
    hits = find(load_termbase(path), query)
    if len(known) != before:
        cache.store_conversions(known)
    return hits


def format_termbase(path: str | Path | None = None, check: bool = False) -> list[Path]:
    """Rewrite the canonical term base's files into canonical form; return those that were
    (or, with `check`, would be) changed. Files that do not load are left alone."""
    resolved = termbase_path(path)
    if not resolved.is_dir():
        raise UsageError(f"{resolved}: fmt works on a canonical term base folder")
    changed = canonical.noncanonical_files(resolved)
    if not check and changed:
        termbase, _, paths = canonical.read_dir_with_problems(resolved)
        by_path = {Path(p): termbase.by_id()[cid] for cid, p in paths.items()}
        for file in changed:
            if file.name == canonical.INFO_FILE:
                from ..fsutil import atomic_write

                with atomic_write(file) as handle:
                    handle.write(canonical.dumps_info(termbase.info).encode("utf-8"))
            else:
                canonical.write_concept(resolved, by_path[file])
    return changed



def load_matcher(termbase: str | Path | None = None) -> Matcher:
    """The term base's matcher, from the cache when the term base is large and unchanged."""
    from ..checking.cache import load_matcher as cached

    path = termbase_path(termbase)
    if not path.exists():
        raise UsageError(f"{path}: no such term base")
    return cached(path, lambda: load_termbase(path))



def formats() -> list[FormatSpec]:
    """Every file format the toolkit reads or writes, in the registry's order."""
    from ..formats import FORMATS

    return list(FORMATS.values())


def checks() -> list[CheckInfo]:
    """Every check `check` runs, in the order they are documented."""
    from ..checks import CHECKS

    return list(CHECKS.values())
