"""The `policyglossary` command line: options → one api call → render.

Library errors become `Error: …` on stderr and exit status 2 in one place (`_Group.invoke`).
Modules a command needs are imported inside it, so `--help` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import PolicyGlossaryError, TermBaseError

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """Turns every toolkit error into `Error: …` and exit 2; restores SIGPIPE behaviour."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TermBaseError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Error: the term base has {len(exc.problems)} problem"
                       f"{'s' if len(exc.problems) != 1 else ''}; run `policyglossary lint`",
                       err=True)
            ctx.exit(2)
        except PolicyGlossaryError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            # Ctrl-C: 128 + SIGINT, as shells report it (click would say "Aborted!" and 1)
            click.echo("Interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # `policyglossary … | head` closed the pipe: stop quietly, as other tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)


def termbase_option(function: F) -> F:
    return click.option(
        "--termbase", "-t", "termbase", type=click.Path(path_type=Path),
        help="Term base: a canonical glossary folder or a TBX/XLSX/CSV/TSV term base file. "
             "Default: $POLICYGLOSSARY_TERMBASE, else ./glossary/, else the bundled one.",
    )(function)


def use_color(stream: Any = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _echo_lines(lines: Iterable[str]) -> None:
    for line in lines:
        click.echo(line)


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", "-V", prog_name="policyglossary")
def main() -> None:
    """Term base, consistency checker and CAT-tool exchange for Chinese policy texts
    translated into English."""


@main.command()
@click.argument("query")
@termbase_option
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True)
def lookup(query: str, termbase: Path | None, output_format: str) -> None:
    """Look up QUERY in Simplified or Traditional Chinese (whole or part of a term) or in
    English (any rendering, including forbidden ones).

    Exit status: 0 when something matched, 1 when nothing did.

    Example: policyglossary lookup 双千兆
    """
    from . import api, report

    hits = api.lookup(query, termbase)
    if output_format == "json":
        click.echo(report.lookup_json(hits), nl=False)
    else:
        color = use_color()
        click.echo("\n\n".join(report.concept_text(h.concept, h, color) for h in hits)
                   if hits else "", nl=bool(hits))
    if not hits:
        click.echo(f"No concept matches {query!r} in {api.termbase_path(termbase)}", err=True)
        sys.exit(1)


@main.command()
@termbase_option
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True)
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]),
              default="warning", show_default=True,
              help="Text and GitHub output: hide findings below this severity.")
def lint(termbase: Path | None, output_format: str, min_severity: str) -> None:
    """Validate the term base: schema, duplicates, conflicting renderings, missing preferred
    terms and sources, nested terms.

    Exit status: 0 clean, 1 error findings, 2 unusable term base (schema or syntax errors).
    """
    from . import api, report
    from .model import SEVERITIES

    result = api.lint(termbase)
    findings = result.findings
    if output_format == "json":
        click.echo(report.findings_json(findings), nl=False)
    else:
        rank = SEVERITIES.index(min_severity)
        shown = [f for f in findings if SEVERITIES.index(f.severity) <= rank]
        lines = (report.findings_github(shown) if output_format == "github"
                 else report.findings_text(shown, use_color()))
        _echo_lines(lines)
        hidden = sum(1 for f in findings if f.severity == "info") if rank < 2 else 0
        click.echo(f"{api.termbase_path(termbase)}: {report.summary_line(findings, hidden)}",
                   err=True)
    if result.unusable:
        sys.exit(2)
    if any(f.severity == "error" for f in findings):
        sys.exit(1)


@main.command()
@termbase_option
@click.option("--check", is_flag=True,
              help="Change nothing; exit 1 if a file is not in canonical form.")
def fmt(termbase: Path | None, check: bool) -> None:
    """Rewrite the canonical term base's files into canonical form (field order, quoting,
    layout), so that automatic rewrites never produce noisy diffs."""
    from . import api

    changed = api.format_termbase(termbase, check)
    for path in changed:
        click.echo(f"{'would reformat' if check else 'reformatted'} {path}")
    if check and changed:
        sys.exit(1)


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="PO file to write (.po to translate, .pot for a template).")
@click.option("--encoding", help="Encoding of the article (default: detected).")
def segment(article: Path, output: Path, encoding: str | None) -> None:
    """Split a Chinese ARTICLE into sentence segments and write a PO file to translate.

    Paragraphs are cut after 。！？； and their closing quotes; headlines, bylines and
    datelines stay whole. Each entry's msgctxt is a stable id (p05.s02: paragraph 5,
    sentence 2) and its reference points to the paragraph's line in the article.

    Example: policyglossary segment article-zh.txt -o translations/article.po
    """
    from . import api

    count = api.segment(article, output, encoding)
    click.echo(f"{output}: {count} segment{'s' if count != 1 else ''}", err=True)


def _fail_on_reached(counts: dict[str, int], fail_on: str) -> bool:
    from .model import SEVERITIES

    if fail_on == "never":
        return False
    return any(counts.get(severity) for severity in SEVERITIES[:SEVERITIES.index(fail_on) + 1])


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@termbase_option
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error",
              show_default=True, help="Exit 1 when a finding of this severity (or worse) is found.")
@click.option("--disable", "disabled", multiple=True, metavar="CHECK",
              help="Turn a check off (repeatable): term-missing, term-forbidden, ...")
@click.option("--keep-going", "-k", is_flag=True,
              help="Check the other files when one cannot be read; exit 2 at the end.")
@click.option("--encoding", help="Force the encoding of CSV, TSV and PO files.")
@click.option("--source-lang", help="Language of the source column or variant (default: zh*).")
@click.option("--target-lang", help="Language of the target column or variant (default: en*).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes to check a large TMX, PO or XLIFF file with.")
@click.option("--quiet", "-q", is_flag=True, help="No summary or progress on stderr.")
def check(paths: tuple[Path, ...], termbase: Path | None, output_format: str,
          output: Path | None, fail_on: str, disabled: tuple[str, ...], keep_going: bool,
          encoding: str | None, source_lang: str | None, target_lang: str | None,
          jobs: int, quiet: bool) -> None:
    """Check translations against the term base.

    PATHS are PO/POT, XLIFF 1.2/2.x, TMX, CSV, TSV or XLSX files, or folders searched for them.
    Reports terms whose agreed rendering is missing, forbidden renderings, inconsistent
    renderings and translations, untranslated segments and missing numbers.

    Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 for usage errors and
    unreadable input.

    Example: policyglossary check translations/
    """
    from . import api, report
    from .checker import CheckOptions
    from .formats import ReadOptions

    options = CheckOptions(
        disabled=frozenset(disabled), keep_going=keep_going, jobs=jobs,
        read=ReadOptions(encoding=encoding, source_lang=source_lang, target_lang=target_lang),
    )
    bar = None
    if not quiet and sys.stderr.isatty():
        from .progress import ProgressBar

        bar = ProgressBar(sys.stderr)
    try:
        result = api.check(list(paths), termbase, options, bar)
    finally:
        if bar is not None:
            bar.close()
    color = output is None and use_color()
    findings = result.iter_findings()
    chunks: Iterable[str]
    if output_format == "json":
        chunks = report.findings_json_chunks(findings, result.counts, {
            "files": result.files, "segments": result.segments,
            "failures": [str(p) for p in result.failures], "warnings": result.warnings})
    elif output_format == "github":
        chunks = (line + "\n" for line in report.findings_github(findings))
    else:
        chunks = (line + "\n" for line in report.findings_text(findings, color,
                                                                 excerpts=color))
    _write(chunks, output)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for problem in result.failures:
        click.echo(f"Error: {problem}", err=True)
    if not quiet:
        files = len(result.files)
        click.echo(f"{report.summary_text(result.counts)} in {files} file"
                   f"{'s' if files != 1 else ''}, {result.segments} segment"
                   f"{'s' if result.segments != 1 else ''}"
                   + (f"; {len(result.failures)} unreadable" if result.failures else ""),
                   err=True)
    if result.failures:
        sys.exit(2)
    if _fail_on_reached(result.counts, fail_on):
        sys.exit(1)


def _write(chunks: Iterable[str], output: Path | None) -> None:
    """Stream a report to `output` (atomically) or to standard output, in large pieces."""
    from itertools import islice

    pieces = iter(chunks)
    groups = iter(lambda: "".join(islice(pieces, 1000)), "")
    if output is not None:
        from .fsutil import atomic_write

        with atomic_write(output) as handle:
            for group in groups:
                handle.write(group.encode("utf-8"))
    else:
        for group in groups:
            click.echo(group, nl=False)


@main.command("formats")
def formats_command() -> None:
    """List the file formats, their extensions, and what each can be used for."""
    from .formats import FORMATS

    rows = [("name", "extensions", "check", "term base in", "term base out", "convert out",
             "description")]
    for spec in FORMATS.values():
        rows.append((spec.name, " ".join(spec.extensions), "yes" if spec.read_doc else "-",
                     "yes" if spec.read_termbase else "-", "yes" if spec.write_termbase else "-",
                     "yes" if spec.write_doc else "-", spec.title))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  "
                   + row[-1])


@main.command("checks")
def checks_command() -> None:
    """List the checks `check` runs, with their severity and what each finds."""
    from .checks import CHECKS

    for info in CHECKS.values():
        first = info.doc.split("\n\n")[0].replace("\n", " ")
        click.echo(f"{info.id:<22} {info.severity:<8} {first}")


# The exchange commands live in their own module (kept under 400 lines each); importing it
# registers them on `main`.
from . import cli_exchange  # noqa: E402, F401
