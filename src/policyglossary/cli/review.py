"""The reviewers' side of the command line: `check`'s XLSX and HTML reports and baselines
(helpers `check` calls), and the `site` command.

Registered on `cli._app.main` when `cli` is imported; the same rules hold as there (options →
library calls → render; errors become `Error: …` and exit 2 in `cli._app._Group`).
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .._version import __version__
from ._app import main, termbase_option

if TYPE_CHECKING:
    from ..checking.baseline import Baseline
    from ..checking.context import FindingContext
    from ..checking.review import Review
    from ..checking.session import CheckOptions, CheckResult
    from ..matching.matcher import Matcher
    from ..report.xlsx import ReportInfo

REVIEW_FORMATS = ("xlsx", "html")


def load_baseline(path: Path | None) -> Baseline | None:
    """The baseline, read before checking so that a bad one fails at once."""
    if path is None:
        return None
    from ..checking.baseline import load

    return load(path)


def start_review(result: CheckResult, termbase: Path | None, options: CheckOptions,
                 baseline: Baseline | None) -> tuple[Review, Matcher]:
    """Join the findings with their segments and apply the baseline (see `checking.review`)."""
    from .. import api
    from ..checking.review import review

    matcher = api.load_matcher(termbase)
    return review(result, matcher, options, baseline), matcher


def report_info(review: Review, termbase: Path | None) -> ReportInfo:
    from .. import api
    from ..checking.review import termbase_digest
    from ..report.xlsx import ReportInfo

    path = api.termbase_path(termbase)
    result = review.result
    return ReportInfo(
        termbase=str(path), termbase_sha256=termbase_digest(path),
        command=shlex.join(["policyglossary", *click.get_current_context().meta.get(
            "policyglossary.argv", sys.argv[1:])]),
        date=datetime.now().astimezone().isoformat(timespec="seconds"), version=__version__,
        files=result.files, segments=result.segments, counts=result.counts,
        failures=[str(p) for p in result.failures],
        baseline=review.baseline.path if review.baseline is not None else None,
        suppressed=review.suppressed_counts, stale=len(review.stale))


def write_report(review: Review, matcher: Matcher, output_format: str, output: Path | None,
                 termbase: Path | None) -> None:
    """Write the XLSX report to `output`, or the HTML report to `output` or stdout."""
    from ..fsutil import atomic_write

    info = report_info(review, termbase)
    if output_format == "xlsx":
        from ..report import xlsx as report_xlsx

        if output is None:
            raise click.UsageError("xlsx needs --output FILE")
        with atomic_write(output) as handle:
            report_xlsx.write(handle, review.contexts(), sum(review.result.counts.values()),
                              info)
        return
    from dataclasses import asdict

    from ..report.html import html_chunks
    from ..report.records import concept_records

    def meta() -> dict[str, object]:
        data = asdict(info)
        data["baseline"] = None if info.baseline is None else {
            "file": info.baseline, "suppressed": info.suppressed, "stale": info.stale}
        return data

    chunks = html_chunks(review.contexts(), lambda ids: concept_records(matcher, ids), meta)
    # Written chunk by chunk: a chunk is a data block of up to 200 findings (`cli._write`
    # joins a thousand chunks, which suits lines, not blocks).
    if output is None:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    with atomic_write(output) as handle:
        for chunk in chunks:
            handle.write(chunk.encode("utf-8"))


def write_baseline(review: Review, path: Path, quiet: bool) -> None:
    from ..checking.baseline import baseline_chunks
    from ..fsutil import atomic_write

    count = 0

    def counted() -> Iterator[FindingContext]:
        nonlocal count
        for context in review.all_contexts():
            count += 1
            yield context

    with atomic_write(path) as handle:
        for chunk in baseline_chunks(counted()):
            handle.write(chunk.encode("utf-8"))
    if not quiet:
        click.echo(f"{path}: baseline of {count} finding{'s' if count != 1 else ''} written",
                   err=True)


@main.command("site")
@termbase_option
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="Folder to write the site into (replaced when it holds an earlier site).")
@click.option("--title", help="The site's title (default: the term base's name).")
def site_command(termbase: Path | None, output: Path, title: str | None) -> None:
    """Write a static website of the term base: an index with search (Simplified,
    Traditional, Taiwan/Hong Kong forms, English of any status), browsing by subject field
    and status, and one page per concept. It works from file:// and any static host.

    Example: policyglossary site -o public/
    """
    from .. import api
    from ..api._site import write_folder
    from ..report.site import site_files

    data = api.load_termbase(termbase)
    count = write_folder(output, site_files(data, title))
    click.echo(f"{output}: {len(data)} concepts, {count} files", err=True)
