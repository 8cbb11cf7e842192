"""The exchange commands: export, import, convert, diff, textconv."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click

from ._app import main, termbase_option, use_color


def _warn(warnings: Iterable[str]) -> None:
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


def _zh_variants(value: str) -> tuple[str, ...]:
    tags = tuple(t.strip() for t in value.split(",") if t.strip())
    unknown = [t for t in tags if t not in ("zh-Hant", "zh-TW", "zh-HK")]
    if unknown:
        raise click.BadParameter(f"{unknown[0]!r}: choose from zh-Hant, zh-TW, zh-HK",
                                 param_hint="--zh-variants")
    return tags


@main.command("export")
@termbase_option
@click.option("--to", "to_format", metavar="FORMAT",
              help="tbx, tbx2, xlsx, csv, tsv, tmx or omegat (default: from -o's extension).")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="File to write (atomically). Default: standard output (not for xlsx).")
@click.option("--profile", type=click.Choice(["default", "memoq", "phrase"]), default="default",
              show_default=True, help="Spreadsheet layout (xlsx, csv, tsv).")
@click.option("--zh-tag", type=click.Choice(["zh-CN", "zh-Hans"]), default="zh-CN",
              show_default=True, help="Language tag of the Simplified Chinese terms.")
@click.option("--zh-variants", metavar="TAGS",
              help="Traditional forms to include, comma-separated: zh-Hant, zh-TW, zh-HK "
                   "(default: zh-Hant for TBX, XLSX, CSV and TSV; none for TMX).")
@click.option("--forbidden", type=click.Choice(["include", "omit"]),
              help="Forbidden renderings: included by default where the format can mark them "
                   "(TBX, XLSX, CSV, TSV), omitted where it cannot (TMX, OmegaT).")
@click.option("--renderings", type=click.Choice(["preferred", "all"]),
              help="Allowed English renderings: the preferred ones only (default for TMX and "
                   "OmegaT, whose clients insert one of them) or all (default elsewhere).")
def export_command(termbase: Path | None, to_format: str | None, output: Path | None,
                   profile: str, zh_tag: str, zh_variants: str | None,
                   forbidden: str | None, renderings: str | None) -> None:
    """Export the term base for CAT tools: TBX v3 (TBX-Basic), TBX 2008, XLSX, CSV, TSV, TMX
    term pairs or an OmegaT glossary. What the format cannot hold is named in a warning.

    Example: policyglossary export --to tbx -o glossary.tbx
    """
    from .. import api

    if output is None and to_format == "xlsx":
        raise click.UsageError("xlsx needs --output FILE")
    options = api.WriteOptions(source_lang=zh_tag,
                           zh_variants=_zh_variants(zh_variants) if zh_variants else None,
                           forbidden=forbidden, renderings=renderings, profile=profile)
    data, warnings = api.export(to_format, output, termbase, options)
    if data is not None:
        sys.stdout.buffer.write(data)
    _warn(warnings)


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@termbase_option
@click.option("--from", "from_format", metavar="FORMAT",
              help="tbx, xlsx, csv, tsv, tmx or omegat (default: from the extension).")
@click.option("--on-conflict", type=click.Choice(["fail", "keep", "replace"]), default="fail",
              show_default=True, help="When a concept would change: write nothing (fail), "
                                      "leave it (keep) or take the file's version (replace).")
@click.option("--dry-run", "-n", is_flag=True, help="Show what would change; write nothing.")
@click.option("--encoding", help="Force the encoding of a CSV, TSV or OmegaT file.")
@click.option("--verbose", "-v", is_flag=True, help="List every added concept (--dry-run does).")
def import_command(source: Path, termbase: Path | None, from_format: str | None,
                   on_conflict: str, dry_run: bool, encoding: str | None,
                   verbose: bool) -> None:
    """Merge a term base file into the canonical term base (created if the folder is new).

    Concepts match by id, else by Chinese headword. New concepts are added; a concept the file
    would change is a conflict, resolved by --on-conflict.

    Exit status: 0 merged, 1 conflicts with --on-conflict fail (nothing written), 2 unreadable
    input.

    Example: policyglossary import reviewed.xlsx --on-conflict replace
    """
    from .. import api
    from ..report.concepts import change_lines

    try:
        report = api.import_termbase(source, termbase, from_format, on_conflict, dry_run,
                                     encoding)
    except api.ImportConflict as conflict:
        for concept, changes in conflict.result.conflicts:
            for line in change_lines(concept, changes):
                click.echo(line)
        click.echo(f"Error: {conflict}", err=True)
        sys.exit(1)
    _warn(report.warnings)
    result = report.result
    if verbose or dry_run:
        for concept in result.added:
            click.echo(f"added {concept.id} ({concept.headword})")
    for old, _new, changes in result.changed:
        for line in change_lines(old, changes):
            click.echo(line)
    for concept_id, reason in result.skipped:
        click.echo(f"skipped {concept_id}: {reason}")
    verb = "would be" if dry_run else "were"
    click.echo(f"{len(result.added)} added, {len(result.changed)} changed, {result.unchanged} "
               f"unchanged, {len(result.skipped)} skipped: concepts that {verb} merged into "
               f"{api.termbase_path(termbase)}" + (" (dry run: nothing written)" if dry_run
                                                  else ""), err=True)


@main.command("convert")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True)
@click.option("--from", "from_format", metavar="FORMAT",
              help="Input format (default: from the extension).")
@click.option("--to", "to_format", metavar="FORMAT",
              help="po, xliff (1.2), xliff2, tmx, xlsx, csv or tsv (default: from -o).")
@termbase_option
@click.option("--encoding", help="Force the encoding of a CSV, TSV or PO input.")
def convert_command(source: Path, output: Path, from_format: str | None,
                    to_format: str | None, termbase: Path | None, encoding: str | None) -> None:
    """Convert translations between PO, XLIFF 1.2/2.0, TMX 1.4b, CSV/TSV and an XLSX review
    sheet (which lists each segment's terms from the term base). Segment ids, notes,
    references and states carry over; what the output cannot hold is named in a warning.

    Example: policyglossary convert translations/article.po -o article.tmx
    """
    from .. import api

    _warn(api.convert(source, output, from_format, to_format, termbase, encoding))


@main.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@termbase_option
@click.option("--format", "-f", "output_format",
              type=click.Choice(["text", "markdown", "json", "xlsx"]), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the report to this file (needed for xlsx).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are differences, as "
                                                "`git diff --exit-code` does.")
@click.option("--impact", "impact_paths", multiple=True, type=click.Path(path_type=Path),
              metavar="PATH", help="Check these translations with both term bases and list "
                                   "the segments whose findings change (repeatable).")
def diff_command(old: str, new: str | None, termbase: Path | None, output_format: str,
                 output: Path | None, exit_code: bool, impact_paths: tuple[Path, ...]) -> None:
    """Show concept-level changes between two term bases.

    OLD and NEW are term bases (a canonical folder, TBX, XLSX, CSV, …) or git revisions of the
    canonical term base (HEAD~1, main, main..feature); NEW defaults to the working tree.
    Concepts match by id, else by Chinese headword; each changed field is shown with its old
    and new value, and status transitions are called out.

    Example: policyglossary diff HEAD~1 --impact translations/
    """
    from .. import api
    from ..report import diff as diffreport

    result, old_tb, new_tb = api.diff(old, new, termbase)
    effect = api.impact(list(impact_paths), old_tb, new_tb) if impact_paths else None
    if output_format == "xlsx":
        if output is None:
            raise click.UsageError("xlsx needs --output FILE")
        from ..fsutil import atomic_write

        with atomic_write(output) as handle:
            diffreport.xlsx(handle, result, effect)
    else:
        if output_format == "json":
            text = diffreport.json_document(result, effect)
        elif output_format == "markdown":
            text = diffreport.markdown(result, effect)
        else:
            color = output is None and use_color()
            text = "".join(line + "\n" for line in diffreport.text(result, color, effect))
        if output is not None:
            from ..fsutil import atomic_write

            with atomic_write(output) as handle:
                handle.write(text.encode("utf-8"))
        else:
            click.echo(text, nl=False)
    if exit_code and result:
        sys.exit(1)


@main.command("textconv")
@click.argument("path", type=click.Path(path_type=Path))
def textconv_command(path: Path) -> None:
    """Print a term base file as the concept text `git diff` shows (a git textconv driver).

    Set up once per clone: `git config diff.policyglossary.textconv "policyglossary textconv"`
    with `glossary/**/*.toml diff=policyglossary` in .gitattributes (README "Git integration").
    """
    from .. import api

    click.echo(api.textconv(path), nl=False)
