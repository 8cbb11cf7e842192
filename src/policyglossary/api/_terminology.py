"""Terminology work: candidate terms a term base lacks, and how concepts were rendered."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ._termbase import load_matcher

if TYPE_CHECKING:
    from ..terminology.extract import ExtractResult
    from ..terminology.survey import SurveyResult


def extract(paths: list[str] | list[Path], termbase: str | Path | None = None,
            encoding: str | None = None) -> ExtractResult:
    """Candidate terms of Chinese articles and bilingual files that the term base lacks
    (see `terminology.extract.run`)."""
    from ..formats import ReadOptions
    from ..terminology.extract import run

    return run(paths, load_matcher(termbase), ReadOptions(encoding=encoding))


def survey(paths: list[str] | list[Path], termbase: str | Path | None = None,
           encoding: str | None = None, keep_going: bool = False) -> SurveyResult:
    """How each concept met in the sources was rendered in the targets (see
    `terminology.survey.run`)."""
    from ..formats import ReadOptions
    from ..terminology.survey import run

    return run(paths, load_matcher(termbase), ReadOptions(encoding=encoding), keep_going)
