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
