"""`policyglossary extract`: read articles and bilingual files, collect candidates, rank them,
suggest renderings (README "policyglossary extract")."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UsageError
from ..formats import ReadOptions
from ..matching.matcher import Matcher
from .candidates import Candidate, Extractor, Sentence, article_sentences, is_article
from .suggest import suggest


@dataclass
class ExtractResult:
    candidates: list[Candidate]
    files: list[str]
    sentences: int
    bilingual: bool
    """Some input had English targets, so candidates carry suggested renderings."""


def input_files(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Files to read: each file as given; under each folder, plain-text articles (.txt) and
    the bilingual files `check` reads (recursively, hidden folders skipped, sorted)."""
    from ..checking.session import expand_paths

    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            # .txt only: a folder's README.md is not an article to mine
            articles = sorted(p for p in path.rglob("*.txt") if p.is_file()
                              and not any(part.startswith(".")
                                          for part in p.relative_to(path).parts))
            found += sorted([*((p, str(p)) for p in articles), *expand_paths([path])])
        else:
            found.append((path, str(given)))
    return found


def read_sentences(path: Path, display: str, options: ReadOptions) -> Iterator[Sentence]:
    """The Chinese sentences of an article, or the segments of a bilingual file (its Chinese
    side, with the English as the target)."""
    from ..formats import open_document
    from ..fsutil import decode_text, read_bytes
    from ..langs import is_chinese

    if is_article(path):
        try:
            data = read_bytes(path)
        except IsADirectoryError:
            raise InputError(display, "is a directory") from None
        except FileNotFoundError:
            raise InputError(display, "no such file") from None
        yield from article_sentences(decode_text(data, display, options.encoding), display)
        return
    with open_document(path, options, display) as doc:
        reverse = is_chinese(doc.target_lang) and not is_chinese(doc.source_lang)
        for segment in doc.segments:
            chinese, english = (segment.target, segment.source) if reverse else \
                (segment.source, segment.target)
            yield Sentence(chinese, display, segment.line, english, segment.id)


def run(paths: Sequence[str | Path], matcher: Matcher, options: ReadOptions | None = None,
        suggestions: int = 3) -> ExtractResult:
    """Extract candidate terms from every file under `paths`, best first."""
    options = options or ReadOptions()
    files = input_files(paths)
    if not files:
        raise UsageError("no files to read")
    extractor = Extractor(matcher)
    bilingual = False
    for path, display in files:
        for sentence in read_sentences(path, display, options):
            bilingual = bilingual or bool(sentence.target and sentence.target.strip())
            extractor.add(sentence)
    candidates = extractor.candidates()
    if bilingual:
        suggest(extractor, candidates, suggestions)
    return ExtractResult(candidates, [d for _, d in files], len(extractor.sentences), bilingual)
