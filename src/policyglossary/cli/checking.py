"""Checking translations, and splitting an article into segments to translate."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click

from ._app import main, termbase_option, use_color, write_output


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
    from .. import api

    count = api.segment(article, output, encoding)
    click.echo(f"{output}: {count} segment{'s' if count != 1 else ''}", err=True)


def _fail_on_reached(counts: dict[str, int], fail_on: str) -> bool:
    from ..model import SEVERITIES

    if fail_on == "never":
        return False
    return any(counts.get(severity) for severity in SEVERITIES[:SEVERITIES.index(fail_on) + 1])


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@termbase_option
@click.option("--format", "-f", "output_format",
              type=click.Choice(["text", "json", "github", "xlsx", "html"]),
              default="text", show_default=True,
              help="Report format; xlsx (needs -o) and html are reviewers' reports.")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--baseline", type=click.Path(path_type=Path), metavar="FILE",
              help="Leave out the findings this baseline lists (a --write-baseline JSON "
                   "file, or an XLSX report's rows reviewed `false positive` or `ignore`).")
@click.option("--write-baseline", type=click.Path(path_type=Path), metavar="FILE",
              help="Write every current finding to FILE as a baseline (JSON).")
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
          jobs: int, quiet: bool, baseline: Path | None = None,
          write_baseline: Path | None = None) -> None:
    """Check translations against the term base.

    PATHS are PO/POT, XLIFF 1.2/2.x, TMX, CSV, TSV or XLSX files, or folders searched for them.
    Reports terms whose agreed rendering is missing, forbidden renderings, inconsistent
    renderings and translations, untranslated segments and missing numbers.

    Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 for usage errors and
    unreadable input.

    Example: policyglossary check translations/
    """
    from .. import api
    from ..report import findings as report
    from . import review as reviewing  # the reviewers’ reports and baselines

    if output_format == "xlsx" and output is None:
        raise click.UsageError("xlsx needs --output FILE")
    known = reviewing.load_baseline(baseline)
    options = api.CheckOptions(
        disabled=frozenset(disabled), keep_going=keep_going, jobs=jobs,
        read=api.ReadOptions(encoding=encoding, source_lang=source_lang,
                             target_lang=target_lang),
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
    review = None
    if known is not None or write_baseline is not None or \
            output_format in reviewing.REVIEW_FORMATS:
        review, matcher = reviewing.start_review(result, termbase, options, known)
        result = review.result
    color = output is None and use_color()
    findings = result.iter_findings()
    chunks: Iterable[str]
    if output_format in reviewing.REVIEW_FORMATS:
        assert review is not None
        reviewing.write_report(review, matcher, output_format, output, termbase)
    elif output_format == "json":
        extra = {"files": result.files, "segments": result.segments,
                 "failures": [str(p) for p in result.failures], "warnings": result.warnings}
        chunks = report.findings_json_chunks(findings, result.counts, extra) \
            if review is None else report.review_json_chunks(review, extra)
        write_output(chunks, output)
    elif output_format == "github":
        write_output((line + "\n" for line in report.findings_github(findings)), output)
    else:
        write_output((line + "\n" for line in report.findings_text(findings, color,
                                                                     excerpts=color)), output)
    if write_baseline is not None and review is not None:
        reviewing.write_baseline(review, write_baseline, quiet)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for problem in result.failures:
        click.echo(f"Error: {problem}", err=True)
    if not quiet:
        files = len(result.files)
        click.echo(f"{report.summary_text(result.counts)} in {files} file"
                   f"{'s' if files != 1 else ''}, {result.segments} segment"
                   f"{'s' if result.segments != 1 else ''}"
                   + (f"; {len(result.failures)} unreadable" if result.failures else "")
                   + (review.summary() if review is not None else ""), err=True)
    if result.failures:
        sys.exit(2)
    if _fail_on_reached(result.counts, fail_on):
        sys.exit(1)


@main.command("formats")
def formats_command() -> None:
    """List the file formats, their extensions, and what each can be used for."""
    from .. import api

    rows = [("name", "extensions", "check", "term base in", "term base out", "convert out",
             "description")]
    for spec in api.formats():
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
    from .. import api

    for info in api.checks():
        first = info.doc.split("\n\n")[0].replace("\n", " ")
        click.echo(f"{info.id:<22} {info.severity:<8} {first}")
