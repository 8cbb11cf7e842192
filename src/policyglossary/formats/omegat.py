"""OmegaT glossaries: tab-separated `source <TAB> target [<TAB> comment]`, no header.

Written: one line per allowed rendering (OmegaT shows every line as a glossary hit), the
Chinese headword as the source, the first line opens with OmegaT's magic comment so OmegaT
reads it as UTF-8. Forbidden renderings are left out unless --forbidden include, which writes
them with a "FORBIDDEN" comment (OmegaT cannot mark them otherwise).

Read: UTF-8/UTF-16 with or without BOM (the magic comment or a BOM decides), `#` comment
lines skipped, CSV-style OmegaT glossaries too. The direction is found per line: the column
with Chinese characters is the source of our term base (OmegaT's zh_CN team writes en→zh).
"""

from __future__ import annotations

from typing import IO

from ..fsutil import BorrowedText, buffered, detect_stream_encoding, text_lines
from ..matching.chinese import has_cjk, is_chinese_text
from ..model import Concept, Term, TermBase
from ._options import ImportedTermBase, ReadOptions, WriteOptions
from ._spec import FormatFunctions

MAGIC = "# Glossary in tab-separated format -*- coding: utf-8 -*-"


def sniff(head: bytes) -> bool:
    return b"Glossary in tab-separated format" in head[:200] or \
        "Glossary in tab-separated format".encode("utf-16-le") in head[:400]


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def write_termbase(target: IO[bytes], termbase: TermBase, options: WriteOptions) -> list[str]:
    include = options.forbidden == "include"
    lines = [MAGIC]
    changed = 0
    for concept in termbase:
        zh = concept.headword
        for term in concept.en:
            if term.rejected and not include:
                continue
            comment = concept.definition if term.status == "preferred" else term.status
            if term.rejected:
                comment = f"FORBIDDEN: {term.reason}" if term.reason else "FORBIDDEN"
            fields = [zh, term.text, comment]
            cleaned = [_clean(f) for f in fields]
            changed += cleaned != fields
            lines.append("\t".join(cleaned).rstrip("\t"))
    target.write(("\n".join(lines) + "\n").encode("utf-8"))
    warnings = ["OmegaT glossaries hold a term, its translation and one comment: sources, "
                "context, dates, notes and Traditional forms are left out"]
    if not include:
        forbidden = sum(len(c.rejected_en) for c in termbase)
        if forbidden:
            warnings.append(f"{forbidden} forbidden or superseded rendering(s) left out "
                            "(OmegaT cannot mark them; --forbidden include writes them with "
                            "a FORBIDDEN comment)")
    if changed:
        warnings.append(f"{changed} line(s) had tabs or line breaks, written as spaces")
    return warnings


def read_termbase(source: IO[bytes], path: str, options: ReadOptions) -> ImportedTermBase:
    handle = buffered(source)
    head = handle.peek(65536)[:65536]
    encoding, bom = detect_stream_encoding(head, path, options.encoding)
    if bom:
        handle.read(bom)
    stream = BorrowedText(handle, encoding=encoding, newline=None)
    grouped: dict[str, dict[str, list[Term] | str]] = {}
    order: list[str] = []
    skipped = 0
    delimiter = "\t"
    for number, line in text_lines(stream, path):
        line = line.rstrip("\r\n")
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if delimiter == "\t" and "\t" not in line and "," in line and path.endswith(".csv"):
            delimiter = ","
        fields = _split(line, delimiter)
        if len(fields) < 2 or not fields[0].strip() or not fields[1].strip():
            skipped += 1
            continue
        first, second = fields[0].strip(), fields[1].strip()
        comment = fields[2].strip() if len(fields) > 2 else ""
        if is_chinese_text(first) and not has_cjk(second):
            zh, en = first, second
        elif is_chinese_text(second) and not has_cjk(first):
            zh, en = second, first
        else:
            skipped += 1
            continue
        forbidden = comment.upper().startswith("FORBIDDEN")
        entry = grouped.get(zh)
        if entry is None:
            entry = grouped[zh] = {"en": [], "definition": ""}
            order.append(zh)
        terms = entry["en"]
        assert isinstance(terms, list)
        if en not in [t.text for t in terms]:
            status = "forbidden" if forbidden else ("preferred" if not any(
                t.status == "preferred" for t in terms) else "admitted")
            reason = comment.split(":", 1)[1].strip() if forbidden and ":" in comment else ""
            terms.append(Term(en, status, reason=reason))
        if comment and not forbidden and comment not in ("admitted", "preferred") and \
                not entry["definition"]:
            entry["definition"] = comment
    concepts = tuple(Concept("", (Term(zh),), tuple(grouped[zh]["en"]),  # type: ignore[arg-type]
                             note=str(grouped[zh]["definition"])) for zh in order)
    warnings = [f"{path}: {skipped} line(s) without a Chinese and a non-Chinese term skipped"] \
        if skipped else []
    if not concepts and skipped == 0:
        warnings.append(f"{path}: no glossary lines found")
    return ImportedTermBase(TermBase(concepts), False, warnings)


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter == "\t":
        return line.split("\t")
    import csv

    return next(csv.reader([line]))


FORMAT = FormatFunctions(read_termbase=read_termbase, write_termbase=write_termbase, sniff=sniff)
