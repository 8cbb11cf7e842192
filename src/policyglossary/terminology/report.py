"""Renderers for `extract` and `survey`: text, JSON, CSV and XLSX. Nothing here prints; the CLI
decides where output goes. The JSON and column layouts are contracts (README)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import IO, Any

from ..matching.chinese import variant_forms
from ..model import Term
from .candidates import Candidate
from .survey import Example, SurveyResult

# ------------------------------------------------------------------ extract

_EXTRA_COLUMNS = ("count", "score", "kinds", "suggestions", "contexts", "known terms")
"""Columns after the term base layout: `import` ignores them."""


def _where(file: str, line: int | None) -> str:
    return f"{file}:{line}" if line is not None else file


def _one_line(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def extract_text(candidates: Sequence[Candidate]) -> Iterator[str]:
    width = len(str(len(candidates)))
    for rank, candidate in enumerate(candidates, start=1):
        known = "; ".join(f"{'contains' if k.relation == 'nested' else 'part of'} {k.zh} "
                          f"({k.id})" for k in candidate.known)
        yield (f"{rank:>{width}}. {candidate.zh}  score {candidate.score:g}, "
               f"{candidate.count}×, {', '.join(candidate.kinds)}"
               + (f"; {known}" if known else ""))
        pad = " " * (width + 2)
        if candidate.suggestions:
            yield pad + "en? " + " · ".join(f"{s.en} ({s.score:g})"
                                           for s in candidate.suggestions)
        for context in candidate.contexts:
            yield f"{pad}{_where(context.file, context.line)}  {_one_line(context.sentence)}"


def extract_json(candidates: Sequence[Candidate], files: Sequence[str], sentences: int) -> str:
    document = {
        "candidates": [{
            "zh": c.zh, "score": c.score, "count": c.count, "kinds": list(c.kinds),
            "contexts": [{"sentence": x.sentence, "file": x.file, "line": x.line}
                         for x in c.contexts],
            "known": [{"id": k.id, "zh": k.zh, "relation": k.relation} for k in c.known],
            "suggestions": [{"en": s.en, "score": s.score, "count": s.count}
                            for s in c.suggestions],
        } for c in candidates],
        "files": list(files), "sentences": sentences,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def extract_csv(target: IO[bytes], candidates: Sequence[Candidate]) -> None:
    """The term base's default column layout (so that `import` reads the sheet once `en` is
    filled in), one row per candidate, marked unverified, with the first context as the
    concept's context; then columns `import` ignores: count, score, kinds, suggestions,
    contexts and known terms."""
    from ..formats import WriteOptions
    from ..formats.delimited import _write_rows
    from ..formats.termtable import header

    columns = header(WriteOptions())
    rows: list[list[str]] = []
    for candidate in candidates:
        values = dict.fromkeys(columns, "")
        values["zh"] = candidate.zh
        values["zh-Hant"] = variant_forms(Term(candidate.zh))["zh-Hant"]
        values["context"] = candidate.contexts[0].sentence if candidate.contexts else ""
        values["status"] = "unverified"
        extra = [str(candidate.count), f"{candidate.score:g}", " | ".join(candidate.kinds),
                 " | ".join(f"{s.en} ({s.score:g})" for s in candidate.suggestions),
                 " | ".join(f"{_where(x.file, x.line)}: {x.sentence}"
                            for x in candidate.contexts),
                 " | ".join(f"{k.zh} ({k.id}, {k.relation})" for k in candidate.known)]
        rows.append([values[c] for c in columns] + extra)
    _write_rows(target, [*columns, *_EXTRA_COLUMNS], rows, ",")


# ------------------------------------------------------------------ survey

SURVEY_COLUMNS = ("id", "zh", "occurrences", "unrendered", "preferred", "admitted",
                  "forbidden", "superseded", "instead", "unrendered example")


def _example(example: Example) -> str:
    return f"{_where(example.file, example.line)} [{example.segment}]: {example.target}"


def survey_text(result: SurveyResult) -> Iterator[str]:
    for item in result.concepts:
        concept = item.concept
        yield (f"{concept.headword} ({concept.id}): {item.occurrences} segment"
               f"{'s' if item.occurrences != 1 else ''}, {item.unrendered} with none of its "
               "renderings")
        for rendering in item.renderings:
            if not rendering.count and rendering.term.status != "preferred":
                continue
            yield f"  {rendering.term.status:<10} {rendering.count:>5}  {rendering.term.text}"
            if rendering.term.status != "preferred":
                for example in rendering.examples[:1]:
                    yield f"      {_one_line(_example(example), 110)}"
        if item.unrendered:
            yield f"  {'none':<10} {item.unrendered:>5}"
            for example in item.unrendered_examples[:1]:
                yield f"      {_one_line(_example(example), 110)}"
        if item.instead:
            yield "  instead: " + ", ".join(f'"{en}" {count}' for en, count in item.instead)


def _examples(examples: Sequence[Example]) -> list[dict[str, Any]]:
    return [{"file": e.file, "line": e.line, "segment": e.segment, "target": e.target}
            for e in examples]


def survey_json_chunks(result: SurveyResult) -> Iterator[str]:
    """The survey as JSON, one concept a line (a large survey is written as it is made; the
    C encoder does a line at a time)."""
    yield '{"concepts": ['
    for number, item in enumerate(result.concepts):
        record = {
            "id": item.concept.id, "zh": item.concept.headword,
            "occurrences": item.occurrences,
            "renderings": [{"text": r.term.text, "status": r.term.status, "count": r.count,
                            "examples": _examples(r.examples)} for r in item.renderings],
            "unrendered": item.unrendered,
            "unrendered_examples": _examples(item.unrendered_examples),
            "instead": [{"en": en, "count": count} for en, count in item.instead],
        }
        yield ("," if number else "") + "\n  " + json.dumps(record, ensure_ascii=False)
    tail = {"files": result.files, "segments": result.segments,
            "untranslated": result.untranslated}
    yield "\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n"


def survey_rows(result: SurveyResult) -> list[list[object]]:
    rows: list[list[object]] = []
    for item in result.concepts:
        cells: dict[str, object] = {"id": item.concept.id, "zh": item.concept.headword,
                                    "occurrences": item.occurrences,
                                    "unrendered": item.unrendered}
        for status in ("preferred", "admitted", "forbidden", "superseded"):
            cells[status] = " | ".join(f"{r.term.text} ({r.count})" for r in item.renderings
                                       if r.term.status == status)
        cells["instead"] = " | ".join(f"{en} ({count})" for en, count in item.instead)
        cells["unrendered example"] = _example(item.unrendered_examples[0]) \
            if item.unrendered_examples else ""
        rows.append([cells[c] for c in SURVEY_COLUMNS])
    return rows


def survey_csv(target: IO[bytes], result: SurveyResult) -> None:
    from ..formats.delimited import _write_rows

    _write_rows(target, list(SURVEY_COLUMNS), survey_rows(result), ",")


def survey_xlsx(target: IO[bytes], result: SurveyResult) -> None:
    from ..formats.xlsx import write_table

    write_table(target, "survey", list(SURVEY_COLUMNS), survey_rows(result),
                widths={"zh": 24, "preferred": 40, "admitted": 40, "forbidden": 30,
                        "superseded": 30, "instead": 40, "unrendered example": 60},
                info=[("files", " | ".join(result.files)),
                      ("segments", str(result.segments)),
                      ("untranslated (skipped)", str(result.untranslated))])

