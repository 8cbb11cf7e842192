"""Exchange with CAT tools: export the term base, import term base files, convert
translations between formats."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import PolicyGlossaryError, UsageError
from ..formats import WriteOptions, canonical
from ..matching.matcher import Matcher
from ..model import TermBase, TermBaseInfo
from ..termbase.merge import MergeResult
from ._termbase import load_termbase, termbase_path

# Formats that can mark forbidden renderings include them unless told otherwise.
FORBIDDEN_BY_DEFAULT = {"tbx": "include", "tbx2": "include", "xlsx": "include",
                        "csv": "include", "tsv": "include", "tmx": "omit", "omegat": "omit"}
# A CAT tool inserts one unit of a source, and which one is its own rule (OmegaT: the last one
# of a TMX, the alphabetically first rendering of a glossary entry; translate-toolkit: the
# first): the formats it inserts from hold the preferred rendering only unless told otherwise
# (README "Using the exports in CAT tools").
RENDERINGS_BY_DEFAULT = {"tmx": "preferred", "omegat": "preferred"}


def _output_format(fmt: str | None, output: str | Path | None, kind: str) -> str:
    from ..formats import FORMATS, detect

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

    from ..formats.fidelity import export_termbase
    from ..fsutil import atomic_write

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
    import dataclasses

    from ..formats import ReadOptions, import_termbase_file
    from ..termbase.merge import merge

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
        info = dataclasses.replace(info, subject_fields=tuple(fields))
    elif not created and info.subject_fields:
        missing = sorted({c.subject_field for c in result.termbase if c.subject_field}
                         - set(info.subject_fields))
        if missing:
            info = dataclasses.replace(info, subject_fields=(*info.subject_fields, *missing))
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

    from ..formats import ReadOptions, get, open_document
    from ..fsutil import atomic_write

    name = _output_format(to_fmt, output, "bilingual")
    writer = get(name).doc_writer()
    options = WriteOptions()
    if name == "xlsx":
        options = dataclasses.replace(options, term_lines=_term_lines(load_termbase(termbase)))
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


def _term_lines(termbase: TermBase) -> Callable[[str], list[str]]:
    """"headword → agreed rendering" for each concept found in a source text, once each, in
    the order found (the review sheet's `terms` column)."""
    matcher = Matcher(termbase)

    def lines(source: str) -> list[str]:
        seen: list[str] = []
        for match in matcher.find_in(source):
            concept = matcher.concepts[match.concept]
            preferred = concept.preferred_en
            entry = f"{concept.headword} → {preferred.text if preferred else '?'}"
            if entry not in seen:
                seen.append(entry)
        return seen

    return lines
