"""OmegaT glossaries: tab-separated `source <TAB> target [<TAB> comment]`, no header.

Written: one line per rendering given (by default the preferred ones only: OmegaT 3.6 lists
the renderings of one term sorted alphabetically, so with admitted ones too it would offer
"AI" before "artificial intelligence"), the Chinese headword as the source, the definition
as the comment of the first line; the file opens with OmegaT's magic comment so OmegaT reads
it as UTF-8. Forbidden renderings are left out unless --forbidden include, which writes them
with a "FORBIDDEN" comment (OmegaT cannot mark them otherwise).

Read: UTF-8/UTF-16 with or without BOM (the magic comment or a BOM decides), `#` comment
lines skipped, CSV-style OmegaT glossaries too. The direction is found per line: the column
with Chinese characters is the source of our term base (OmegaT's zh_CN team writes en→zh).
A term's first comment is its definition (as our writer puts it); `admitted`, `preferred`
and `FORBIDDEN: reason` comments give the status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


DEFINITION = "Definition: "
"""Written before a definition that reads like a status comment, and taken off on reading."""


def _definition_comment(definition: str) -> str:
    text = _clean(definition)
    if text in ("admitted", "preferred") or text.upper().startswith("FORBIDDEN") or \
            text.startswith((SYNONYM, DEFINITION)):
        return DEFINITION + text
    return text


def _one_line(text: str) -> str:
    """A term as a field: tabs and line breaks (which a canonical term cannot have) become
    spaces; other spacing is the term's own."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


# An OmegaT glossary line holds a term, a translation and a comment: the definition, and the
# status of each rendering (a second preferred one says "preferred", admitted ones
# "admitted", forbidden ones "FORBIDDEN: reason"; superseded ones are written as forbidden).
# Allowed Chinese synonyms get a line of their own with the preferred rendering and the
# comment "synonym of HEADWORD", so that OmegaT finds them too.
HOLDS = frozenset({"definition", "en:preferred", "en:admitted", "en:forbidden", "en.reason",
                   "zh:admitted"})
SYNONYM = "synonym of "


def holds(options: WriteOptions) -> frozenset[str]:
    return HOLDS


def write_termbase(target: IO[bytes], termbase: TermBase, options: WriteOptions) -> list[str]:
    include = options.forbidden == "include"
    lines = [MAGIC]
    changed = 0
    for concept in termbase:
        zh = concept.headword
        lead = concept.preferred_en
        if lead is None:  # nothing to offer for the term (lint: no-preferred); named lost
            continue
        for term in concept.en:
            if term.rejected and not include:
                continue
            comment = term.status
            if term is lead:  # the definition is the comment of the first preferred rendering
                comment = _definition_comment(concept.definition)
            if term.rejected:
                comment = f"FORBIDDEN: {term.reason}" if term.reason else "FORBIDDEN"
            changed += any(ch in text for text in (zh, term.text, comment) for ch in "\t\r\n")
            lines.append("\t".join((_one_line(zh), _one_line(term.text), _clean(comment)))
                         .rstrip("\t"))
        for synonym in concept.zh:
            if synonym.text != zh and synonym.allowed:
                lines.append("\t".join((_one_line(synonym.text), _one_line(lead.text),
                                        _clean(SYNONYM + zh))))
    target.write(("\n".join(lines) + "\n").encode("utf-8"))
    warnings = []
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
    grouped: dict[str, _Entry] = {}
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
        headword = comment[len(SYNONYM):] if comment.startswith(SYNONYM) else ""
        if headword in grouped and zh not in grouped[headword].zh:
            grouped[headword].zh.append(zh)  # an allowed synonym of a term read before
            continue
        forbidden = comment.upper().startswith("FORBIDDEN")
        entry = grouped.setdefault(zh, _Entry([zh]))
        if en not in [t.text for t in entry.en]:
            # a status the comment says wins; otherwise the first rendering is the preferred one
            status = "forbidden" if forbidden else "preferred" if comment == "preferred" or (
                comment != "admitted" and not any(t.status == "preferred" for t in entry.en)) \
                else "admitted"
            reason = comment.split(":", 1)[1].strip() if forbidden and ":" in comment else ""
            entry.en.append(Term(en, status, reason=reason))
        if comment and not forbidden and comment not in ("admitted", "preferred") and \
                not entry.definition:
            entry.definition = comment[len(DEFINITION):] if comment.startswith(DEFINITION) \
                else comment
    concepts = tuple(Concept("", tuple(Term(z, "preferred" if i == 0 else "admitted")
                                       for i, z in enumerate(entry.zh)),
                             tuple(entry.en), definition=entry.definition)
                     for entry in grouped.values())
    warnings = [f"{path}: {skipped} line(s) without a Chinese and a non-Chinese term skipped"] \
        if skipped else []
    if not concepts and skipped == 0:
        warnings.append(f"{path}: no glossary lines found")
    return ImportedTermBase(TermBase(concepts), False, warnings, HOLDS)


@dataclass
class _Entry:
    zh: list[str]
    en: list[Term] = field(default_factory=list)
    definition: str = ""


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter == "\t":
        return line.split("\t")
    import csv

    return next(csv.reader([line]))


FORMAT = FormatFunctions(read_termbase=read_termbase, write_termbase=write_termbase, sniff=sniff,
                         holds=holds)
