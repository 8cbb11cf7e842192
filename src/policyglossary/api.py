"""The library façade the CLI calls: one function per command, no click, no printing."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError
from .formats import canonical
from .model import Finding, TermBase

if TYPE_CHECKING:
    from collections.abc import Callable

    from .checker import CheckOptions, CheckResult
    from .lookup import LookupHit

ENV_TERMBASE = "POLICYGLOSSARY_TERMBASE"


def bundled_termbase() -> Path:
    """The term base installed with the package (or the checkout's glossary/ in development)."""
    package = Path(__file__).parent
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
    from .formats import read_termbase_file

    return read_termbase_file(resolved)


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: list[Finding]
    unusable: bool
    """The term base could not be loaded completely (schema or syntax errors)."""


def lint(path: str | Path | None = None, only: set[str] | None = None) -> LintResult:
    """Validate a term base and run every lint rule on what loaded."""
    from . import lint as lint_rules

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
    """Concepts matching `query` (see `lookup.lookup`), best first."""
    from .lookup import lookup as find

    return find(load_termbase(path), query)


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
                from .fsutil import atomic_write

                with atomic_write(file) as handle:
                    handle.write(canonical.dumps_info(termbase.info).encode("utf-8"))
            else:
                canonical.write_concept(resolved, by_path[file])
    return changed


def segment(article: str | Path, output: str | Path, encoding: str | None = None) -> int:
    """Split a Chinese article into sentence segments and write them as PO (or POT).

    Returns the number of segments written.
    """
    from .formats import po
    from .fsutil import atomic_write, decode_text, read_bytes
    from .model import BilingualDoc, Segment
    from .segment import segment_article

    article, output = Path(article), Path(output)
    if output.suffix.lower() not in (".po", ".pot"):
        raise UsageError(f"{output}: segment writes .po or .pot files")
    text = decode_text(read_bytes(article), str(article), encoding)
    pieces = segment_article(text)
    if not pieces:
        raise UsageError(f"{article}: no text to segment")
    template = output.suffix.lower() == ".pot"
    doc = BilingualDoc(
        [Segment(p.id, p.text, "", references=(f"{article.name}:{p.line}",)) for p in pieces],
        "zh-CN", "" if template else "en",
        {"header": f"Translation of {article.name}, segmented by policyglossary."},
    )
    with atomic_write(output) as handle:
        po.write(handle, doc)
    return len(pieces)


def check(paths: list[str] | list[Path], termbase: str | Path | None = None,
          options: CheckOptions | None = None,
          progress: Callable[[int], None] | None = None) -> CheckResult:
    """Check bilingual files against the term base (see `checker.check_paths`)."""
    from .checker import check_paths

    return check_paths(paths, load_termbase(termbase), options, progress)
