"""The terminology commands of the command line: extract and survey.

Registered on `cli.main` when `cli` is imported; the same rules hold as there (options → one
api call → render; errors become `Error: …` and exit 2 in `cli._Group`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

import click

from ._app import main, termbase_option


def _emit(text: str | None, write: Callable[[IO[bytes]], None] | None,
          output: Path | None) -> None:
    """Write a report (text, or a writer of bytes) to `output` atomically, or to stdout."""
    import sys

    if output is not None:
        from ..fsutil import atomic_write

        with atomic_write(output) as handle:
            if write is not None:
                write(handle)
            else:
                handle.write((text or "").encode("utf-8"))
    elif write is not None:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        click.echo(text or "", nl=False)


def _write_chunks(handle: IO[bytes], chunks: Iterable[str]) -> None:
    for chunk in chunks:
        handle.write(chunk.encode("utf-8"))


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@termbase_option
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json", "csv"]),
              default="text", show_default=True,
              help="csv: the term base layout `import` reads, one row per candidate.")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the list to this file (atomically) instead of standard output.")
@click.option("--limit", "-n", type=click.IntRange(min=0), default=100, show_default=True,
              help="Candidates to list, best first (0: all).")
@click.option("--encoding", help="Force the encoding of text, CSV, TSV and PO files.")
def extract_command(paths: tuple[Path, ...], termbase: Path | None, output_format: str,
                    output: Path | None, limit: int, encoding: str | None) -> None:
    """List candidate terms of Chinese texts that the term base does not hold, best first.

    PATHS are plain-text articles (.txt) or bilingual files `check` reads (their Chinese
    side), or folders of them. Candidates: quoted expressions and 《titles》, numbered formulas
    (三驾马车), names ending in 行动, 计划, 体系, 机制, 局, 司, … and recurring word units,
    ranked by C-value; dates, numbers, function words and names are left out. From a
    bilingual file each candidate gets suggested English renderings.

    Example: policyglossary extract article-zh.txt
    """
    from .. import api
    from ..terminology import report

    result = api.extract(list(paths), termbase, encoding)
    shown = result.candidates[:limit] if limit else result.candidates
    if output_format == "json":
        _emit(report.extract_json(shown, result.files, result.sentences), None, output)
    elif output_format == "csv":
        _emit(None, lambda handle: report.extract_csv(handle, shown), output)
    else:
        _emit("".join(line + "\n" for line in report.extract_text(shown)), None, output)
    click.echo(f"{len(shown)} of {len(result.candidates)} candidates from "
               f"{result.sentences} sentences in {len(result.files)} file"
               f"{'s' if len(result.files) != 1 else ''}", err=True)


@main.command("survey")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@termbase_option
@click.option("--format", "-f", "output_format",
              type=click.Choice(["text", "json", "csv", "xlsx"]), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the report to this file (atomically); needed for xlsx.")
@click.option("--encoding", help="Force the encoding of CSV, TSV and PO files.")
@click.option("--keep-going", "-k", is_flag=True,
              help="Survey the other files when one has no Chinese or English side.")
def survey_command(paths: tuple[Path, ...], termbase: Path | None, output_format: str,
                   output: Path | None, encoding: str | None, keep_going: bool) -> None:
    """Count how each concept met in the sources was rendered in the targets.

    PATHS are bilingual files `check` reads, or folders of them. For every concept: the
    segments whose source has it, how many targets use each of its renderings (preferred,
    admitted, forbidden, superseded), how many use none, and what those targets most often
    say instead. Matching is the checker's, so survey agrees with `check`.

    Example: policyglossary survey translations/ -f xlsx -o survey.xlsx
    """
    from .. import api
    from ..terminology import report

    if output_format == "xlsx" and output is None:
        raise click.UsageError("xlsx needs --output FILE")
    result = api.survey(list(paths), termbase, encoding, keep_going)
    if output_format == "json":
        _emit(None, lambda handle: _write_chunks(handle, report.survey_json_chunks(result)),
              output)
    elif output_format == "csv":
        _emit(None, lambda handle: report.survey_csv(handle, result), output)
    elif output_format == "xlsx":
        _emit(None, lambda handle: report.survey_xlsx(handle, result), output)
    else:
        _emit("".join(line + "\n" for line in report.survey_text(result)), None, output)
    for skipped in result.skipped:
        click.echo(f"Warning: {skipped}; not surveyed", err=True)
    files = len(result.files)
    click.echo(f"{len(result.concepts)} concepts in {result.segments} segments of {files} "
               f"file{'s' if files != 1 else ''}"
               + (f"; {result.untranslated} without a translation skipped"
                  if result.untranslated else ""), err=True)
