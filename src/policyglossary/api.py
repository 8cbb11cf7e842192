"""The library façade the CLI calls: one function per command, no click, no printing."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import PolicyGlossaryError, UsageError
from .formats import WriteOptions, canonical
from .merge import MergeResult
from .model import Finding, TermBase, TermBaseInfo

if TYPE_CHECKING:

    from .checker import CheckOptions, CheckResult, Progress
    from .diff import TermBaseDiff
    from .lookup import LookupHit
    from .matcher import Matcher

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


def load_matcher(termbase: str | Path | None = None) -> Matcher:
    """The term base's matcher, from the cache when the term base is large and unchanged."""
    from .cache import load_matcher as cached

    path = termbase_path(termbase)
    if not path.exists():
        raise UsageError(f"{path}: no such term base")
    return cached(path, lambda: load_termbase(path))


def check(paths: list[str] | list[Path], termbase: str | Path | None = None,
          options: CheckOptions | None = None,
          progress: Progress | None = None) -> CheckResult:
    """Check bilingual files against the term base (see `checker.check_paths`)."""
    from .checker import check_paths

    return check_paths(paths, load_matcher(termbase), options, progress)


# ------------------------------------------------------------------ exchange

# Formats that can mark forbidden renderings include them unless told otherwise.
FORBIDDEN_BY_DEFAULT = {"tbx": "include", "tbx2": "include", "xlsx": "include",
                        "csv": "include", "tsv": "include", "tmx": "omit", "omegat": "omit"}
# A CAT tool inserts one unit of a source, and which one is its own rule (OmegaT: the last one
# of a TMX, the alphabetically first rendering of a glossary entry; translate-toolkit: the
# first): the formats it inserts from hold the preferred rendering only unless told otherwise
# (README "Using the exports in CAT tools").
RENDERINGS_BY_DEFAULT = {"tmx": "preferred", "omegat": "preferred"}


def _output_format(fmt: str | None, output: str | Path | None, kind: str) -> str:
    from .formats import FORMATS, detect

    if fmt:
        spec = FORMATS.get(fmt)
        if spec is None or (kind == "termbase" and not spec.write_termbase) or \
                (kind == "bilingual" and not spec.write_doc):
            choices = [n for n, s in FORMATS.items()
                       if (s.write_termbase if kind == "termbase" else s.write_doc)]
            raise UsageError(f"cannot write {fmt!r} here; choose one of: {', '.join(choices)}")
        return fmt
    if output is None:
        raise UsageError("give --to FORMAT (or an output file whose extension names one)")
    try:
        return detect(Path(output), head=b"", kind=kind).name
    except PolicyGlossaryError:
        raise UsageError(f"{output}: cannot tell the format from the extension; give --to") \
            from None


def export_options(name: str, options: WriteOptions | None = None) -> WriteOptions:
    """`options` with the format's defaults where they leave a choice open."""
    import dataclasses

    options = options or WriteOptions()
    return dataclasses.replace(
        options, forbidden=options.forbidden or FORBIDDEN_BY_DEFAULT.get(name, "include"),
        renderings=options.renderings or RENDERINGS_BY_DEFAULT.get(name, "all"))


def export(fmt: str | None, output: str | Path | None, termbase: str | Path | None = None,
           options: WriteOptions | None = None) -> tuple[bytes | None, list[str]]:
    """Export the term base. Writes `output` atomically (returns None), or returns the bytes.

    Returns the warnings: what the format could not hold.
    """
    import io

    from .formats.fidelity import export_termbase
    from .fsutil import atomic_write

    name = _output_format(fmt, output, "termbase")
    options = export_options(name, options)
    data = load_termbase(termbase)
    if output is None:
        buffer = io.BytesIO()
        warnings = export_termbase(name, buffer, data, options)
        return buffer.getvalue(), warnings
    with atomic_write(Path(output)) as handle:
        warnings = export_termbase(name, handle, data, options)
    return None, warnings


@dataclass
class ImportReport:
    result: MergeResult
    warnings: list[str]
    written: bool
    created: bool
    """The term base folder did not exist (or was empty) and was created."""


def import_termbase(source: str | Path, termbase_dir: str | Path | None = None,
                    fmt: str | None = None, on_conflict: str = "fail", dry_run: bool = False,
                    encoding: str | None = None) -> ImportReport:
    """Merge a term base file into the canonical term base (see `merge.merge`).

    Raises:
        ImportConflict: with on_conflict="fail", when a concept would change; nothing is
            written.
    """
    from .formats import ReadOptions, import_termbase_file
    from .merge import merge

    folder = termbase_path(termbase_dir)
    if not folder.is_dir() and folder.exists():
        raise UsageError(f"{folder}: import writes into a canonical term base folder")
    imported = import_termbase_file(Path(source), ReadOptions(encoding=encoding), fmt)
    created = not canonical.is_canonical_dir(folder)
    existing = TermBase(()) if created else canonical.read_dir(folder)
    result = merge(existing, imported.termbase, imported.complete, on_conflict,
                   holds=imported.holds)
    if result.conflicts and on_conflict == "fail":
        raise ImportConflict(result)
    info = existing.info if not created else (imported.termbase.info if
                                                imported.termbase.info.name else
                                                TermBaseInfo(name=Path(source).stem))
    if created and not info.subject_fields:
        fields = sorted({c.subject_field for c in result.termbase if c.subject_field})
        info = TermBaseInfo(info.name, info.description, info.source_language,
                            info.target_language, tuple(fields))
    elif not created and info.subject_fields:
        missing = sorted({c.subject_field for c in result.termbase if c.subject_field}
                         - set(info.subject_fields))
        if missing:
            info = TermBaseInfo(info.name, info.description, info.source_language,
                                info.target_language, (*info.subject_fields, *missing))
    written = False
    if not dry_run and (result.added or result.changed or created):
        canonical.write_concepts(folder, [*result.added, *(new for _, new, _ in result.changed)],
                                 info if created or info != existing.info else None)
        written = True
    return ImportReport(result, imported.warnings, written, created)


class ImportConflict(PolicyGlossaryError):
    """Concepts would change and --on-conflict is fail."""

    def __init__(self, result: MergeResult) -> None:
        self.result = result
        super().__init__(f"{len(result.conflicts)} concept(s) would change; nothing written. "
                         "Use --on-conflict replace to take the file's version or keep to "
                         "leave them")


def convert(source: str | Path, output: str | Path, from_fmt: str | None = None,
            to_fmt: str | None = None, termbase: str | Path | None = None,
            encoding: str | None = None) -> list[str]:
    """Convert a bilingual file into another bilingual format; returns warnings."""
    import dataclasses

    from .formats import ReadOptions, get, open_document
    from .fsutil import atomic_write

    name = _output_format(to_fmt, output, "bilingual")
    writer = get(name).function("write_doc")
    options = WriteOptions()
    if name == "xlsx":
        options = dataclasses.replace(options, termbase=load_termbase(termbase))
    if Path(source).resolve() == Path(output).resolve():
        raise UsageError(f"{output}: the output would overwrite the input")
    with open_document(Path(source), ReadOptions(encoding=encoding), fmt=from_fmt) as doc, \
            atomic_write(Path(output)) as handle:
        doc.properties.setdefault("original", Path(source).name)
        warnings: list[str] = writer(handle, doc, options)
    for what, count in sorted(doc.dropped.items()):
        warnings.append(f"{count} segment(s): {what} not converted ({name} or this toolkit "
                        "cannot hold it)")
    return warnings


# ------------------------------------------------------------------ diff

def _load_side(spec: str | None, folder: Path) -> tuple[TermBase, str]:
    """A term base named on the diff command line: a path, else a git revision of the
    canonical term base in `folder`; None is the working tree."""
    from .gitsource import is_revision, read_at_revision

    if spec is None:
        return load_termbase(folder), f"{folder} (working tree)"
    path = Path(spec)
    if path.exists():
        return load_termbase(path), spec
    if is_revision(spec, Path.cwd()):
        return read_at_revision(spec, folder), f"{spec}:{folder}"
    raise UsageError(f"{spec!r} is neither a term base path nor a git revision")


def diff(old: str, new: str | None = None, termbase: str | Path | None = None) \
        -> tuple[TermBaseDiff, TermBase, TermBase]:
    """Compare two term bases (paths or git revisions; `a..b` and `a...b` ranges too).

    Returns the diff and both term bases (for `--impact`).
    """
    from .diff import diff_termbases
    from .gitsource import split_range

    folder = termbase_path(termbase)
    if new is None and not Path(old).exists() and ".." in old:
        pair = split_range(old, Path.cwd())
        if pair is not None:
            old, new = pair
    old_tb, old_label = _load_side(old, folder)
    new_tb, new_label = _load_side(new, folder)
    return diff_termbases(old_tb, new_tb, old_label, new_label), old_tb, new_tb


def textconv(path: str | Path) -> str:
    """A term base file as the text git shows in diffs (see README "Git integration")."""
    from .diffreport import concept_text
    from .fsutil import read_bytes

    path = Path(path)
    if path.suffix == ".toml" and path.name != canonical.INFO_FILE:
        raw = read_bytes(path).decode("utf-8", "replace")
        concept, _ = canonical.loads_concept(raw, str(path))
        if concept is None:  # show invalid files as they are, so the diff still works
            return raw
        return "\n".join(concept_text(concept)) + "\n"
    if path.name == canonical.INFO_FILE:
        return read_bytes(path).decode("utf-8", "replace")
    termbase = load_termbase(path)
    lines: list[str] = []
    for concept in sorted(termbase, key=lambda c: c.id or c.headword):
        lines += [*concept_text(concept), ""]
    return "\n".join(lines)
