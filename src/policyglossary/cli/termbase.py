"""Commands on the term base itself: lookup, lint, fmt."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._app import echo_lines, main, termbase_option, use_color


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
    from .. import api
    from ..report import concepts

    hits = api.lookup(query, termbase)
    if output_format == "json":
        click.echo(concepts.lookup_json(hits), nl=False)
    else:
        color = use_color()
        click.echo("\n\n".join(concepts.concept_card(h.concept, h, color) for h in hits)
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
    from .. import api
    from ..model import SEVERITIES
    from ..report import findings as report

    result = api.lint(termbase)
    findings = result.findings
    if output_format == "json":
        click.echo(report.findings_json(findings), nl=False)
    else:
        rank = SEVERITIES.index(min_severity)
        shown = [f for f in findings if SEVERITIES.index(f.severity) <= rank]
        lines = (report.findings_github(shown) if output_format == "github"
                 else report.findings_text(shown, use_color()))
        echo_lines(lines)
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
    from .. import api

    changed = api.format_termbase(termbase, check)
    for path in changed:
        click.echo(f"{'would reformat' if check else 'reformatted'} {path}")
    if check and changed:
        sys.exit(1)

