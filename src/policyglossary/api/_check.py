"""Checking translations, and the effect of a term base change on them."""

from __future__ import annotations

from pathlib import Path

from ..checking import CheckOptions, CheckResult, Progress, check_paths
from ..errors import UsageError
from ..model import TermBase
from ..termbase.diff import Impact, ImpactItem
from ._termbase import load_matcher


def check(paths: list[str] | list[Path], termbase: str | Path | None = None,
          options: CheckOptions | None = None,
          progress: Progress | None = None) -> CheckResult:
    """Check bilingual files against the term base (see `checker.check_paths`)."""
    from ..checking.session import check_paths

    return check_paths(paths, load_matcher(termbase), options, progress)



def impact(paths: list[Path], old: TermBase, new: TermBase) -> Impact:
    """Check `paths` with both term bases; findings that appear or disappear, per segment."""
    def keyed(termbase: TermBase) -> tuple[dict[tuple[str, str | None, str, str],
                                                 ImpactItem], int]:
        result = check_paths(paths, termbase)
        items = {}
        for f in result.findings:
            items[(f.file, f.segment, f.rule, f.concept or f.message)] = ImpactItem(
                f.file, f.segment, f.line, f.rule, f.term, f.message)
        return items, result.segments

    before, segments = keyed(old)
    after, _ = keyed(new)
    report = Impact(segments=segments)
    report.newly_failing = [after[k] for k in after if k not in before]
    report.newly_passing = [before[k] for k in before if k not in after]
    return report


def segment(article: str | Path, output: str | Path, encoding: str | None = None) -> int:
    """Split a Chinese article into sentence segments and write them as PO (or POT).

    Returns the number of segments written.
    """
    from ..formats import po
    from ..formats.article import segment_article
    from ..fsutil import atomic_write, decode_text, read_bytes
    from ..model import BilingualDoc, Segment

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

