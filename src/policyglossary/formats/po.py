"""Gettext PO/POT files.

Reading is a streaming line parser of our own (a PO file is read at several times polib's
speed and in flat memory, and every syntax error carries its line); writing uses polib.

An entry is one segment: id = msgctxt, else the line number of its msgid; source = msgid;
target = msgstr (msgstr[0] for plural entries, the only form Chinese has); notes = translator
and extracted comments; references = `#:` lines; `#, fuzzy` → needs-review. The header entry
and obsolete `#~` entries are not segments. For `check` (`ReadOptions.plural_forms`), each
further plural form is a segment too: id `ID msgstr[N]`, source msgid_plural.
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from ..columns import RepeatFinder
from ..errors import InputError
from ..fsutil import (
    MAX_FIELD,
    BorrowedText,
    _decode_error_line,
    bom_encoding,
    bounded_lines,
    field_too_long,
)
from ..fsutil import buffered as as_buffered
from ..langs import normalize_tag
from ..model import BilingualDoc, Segment
from ._options import ReadOptions
from ._spec import FormatFunctions

_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_ESCAPE = re.compile(r'\\(?:([ntrabfv"\\])|([0-7]{1,3})|x([0-9a-fA-F]{1,2}))')
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f",
                   "v": "\v", '"': '"', "\\": "\\"}


def sniff(head: bytes) -> bool:
    return b'msgid "' in head[:8192] or b"msgid \"" in head[:8192]


@dataclass
class _Entry:
    line: int = 0
    msgid_line: int = 0
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


def _unescape(text: str, path: str, line: int) -> str:
    if "\\" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        simple, octal, hexa = match.groups()
        if simple:
            return _SIMPLE_ESCAPES[simple]
        return chr(int(octal, 8)) if octal else chr(int(hexa, 16))

    result = _ESCAPE.sub(replace, text)
    if "\\" in _ESCAPE.sub("", text):
        raise InputError(path, "unknown escape sequence in string", line)
    return result


def _string(rest: str, path: str, line: int) -> str:
    rest = rest.strip()
    if len(rest) < 2 or not rest.startswith('"') or not rest.endswith('"') or \
            _unterminated(rest):
        raise InputError(path, "unterminated or malformed string", line)
    return _unescape(rest[1:-1], path, line)


def _unterminated(quoted: str) -> bool:
    # The closing quote must not be escaped: count the backslashes before it.
    body = quoted[1:-1]
    trailing = len(body) - len(body.rstrip("\\"))
    if trailing % 2:
        return True
    # An unescaped quote inside the string means two strings on one line or garbage.
    return bool(re.search(r'(?<!\\)(?:\\\\)*"', body))


def detect_encoding(head: bytes, forced: str | None) -> tuple[str, int]:
    """(encoding, BOM length): forced, else BOM, else the header's charset, else UTF-8."""
    if forced:
        return forced, 0
    bom = bom_encoding(head)
    if bom:
        return bom
    match = _CHARSET.search(head)
    if match:
        charset = match.group(1).decode("ascii")
        if charset.upper() not in ("CHARSET",):  # the template placeholder
            return charset, 0
    return "utf-8", 0


def read(source: IO[bytes], path: str, options: ReadOptions | None = None) -> BilingualDoc:
    options = options or ReadOptions()
    buffered = as_buffered(source)
    head = buffered.peek(16384)[:16384]
    encoding, bom = detect_encoding(head, options.encoding)
    try:
        codecs.lookup(encoding)
    except LookupError:
        where = "given with --encoding" if options.encoding else "in the header"
        raise InputError(path, f"unknown encoding {encoding!r} {where}") from None
    if bom:
        buffered.read(bom)
    text = BorrowedText(buffered, encoding=encoding, newline=None)
    doc = BilingualDoc(iter(()), "", "", {"encoding": encoding})
    entries = _entries(text, path, encoding)
    # The header comes first; read it now so that the languages are known before the caller
    # iterates (an en→zh file is checked with its roles reversed).
    first = next(entries, None)
    if first is not None and first.msgid == "" and first.msgctxt is None and first.msgstr:
        _header(first.msgstr.get(0, ""), doc)
    doc.segments = _segments(itertools.chain([first] if first else [], entries), path,
                             doc.dropped, options.repeats, options.plural_forms)
    return doc


# The forms of one message differ on purpose ("1 file", "%d files"): they are not the
# same source translated two ways.
PLURAL_EXEMPTION = "policyglossary: ignore segment-inconsistent"


def _segments(entries: Iterator[_Entry], path: str, dropped: Counter[str],
              collect: RepeatFinder | None, plural_forms: bool = False) -> Iterator[Segment]:
    # Duplicate keys are looked for at the end, on disk: a set of a million msgids would
    # take 200 MB. Under --jobs, the caller looks across all parts of the file.
    repeats = collect or RepeatFinder()
    for entry in entries:
        if entry.msgid is None:
            raise InputError(path, "entry without msgid", entry.line)
        if not entry.msgstr and entry.msgid_plural is None:
            raise InputError(path, "msgid without msgstr", entry.msgid_line)
        repeats.add((entry.msgctxt, entry.msgid), entry.msgid_line)
        if entry.msgid == "" and entry.msgctxt is None:
            continue  # the header
        target = entry.msgstr.get(0, "")
        if entry.msgid_plural is not None and not plural_forms:
            dropped["plural forms (msgid_plural, msgstr[1…])"] += 1
        if entry.flags - {"fuzzy"}:
            dropped["format flags (" + ", ".join(sorted(entry.flags - {"fuzzy"})) + ")"] += 1
        state = _state(entry.flags, target)
        ident = entry.msgctxt if entry.msgctxt is not None else str(entry.msgid_line)
        yield Segment(
            id=ident, source=entry.msgid, target=target, line=entry.msgid_line, state=state,
            notes=tuple(entry.notes), references=tuple(entry.references),
        )
        if entry.msgid_plural is not None and plural_forms:
            for form in sorted(entry.msgstr)[1:] if 0 in entry.msgstr else []:
                text = entry.msgstr[form]
                yield Segment(
                    id=f"{ident} msgstr[{form}]", source=entry.msgid_plural, target=text,
                    line=entry.msgid_line, state=_state(entry.flags, text),
                    notes=(*entry.notes, PLURAL_EXEMPTION),
                    references=tuple(entry.references))
    if collect is None:
        fail_on_repeat(repeats, path)


def _state(flags: set[str], target: str) -> str:
    if not target.strip():
        return "new"
    return "needs-review" if "fuzzy" in flags else "translated"


def fail_on_repeat(repeats: RepeatFinder, path: str) -> None:
    """The InputError for the first message whose msgctxt and msgid were seen before."""
    found = repeats.first_repeat()
    repeats.close()
    if found is not None:
        line, first = found
        raise InputError(path, f"duplicate message: the same msgid and msgctxt as at line "
                         f"{first}", line)


def _header(text: str, doc: BilingualDoc) -> None:
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "Language" and value:
            doc.target_lang = normalize_tag(value)
        elif key == "X-Source-Language" and value:
            doc.source_lang = normalize_tag(value)


def _entries(text: IO[str], path: str, encoding: str) -> Iterator[_Entry]:
    entry = _Entry()
    started = False
    last: tuple[str, int] | None = None  # which string a continuation line extends
    number = 0
    lines = bounded_lines(text)
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            break
        except UnicodeDecodeError as exc:
            # the wrapper decodes ahead of the lines handed out: find the line again
            where = _decode_error_line(getattr(text, "buffer", None), encoding) or number + 1
            raise InputError(path, f"cannot decode as {encoding}: {exc.reason}",
                             where) from None
        number += 1
        if "\x00" in raw:
            raise InputError(path, "NUL character in file", number)
        if len(raw) > MAX_FIELD:
            raise InputError(path, f"line {field_too_long()}", number)
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#~"):
                continue  # obsolete entry
            if entry.msgid is not None and entry.msgstr:
                yield entry
                entry, last = _Entry(), None
            if not started:
                entry.line, started = number, True
            kind = line[1:2]
            body = line[2:].strip() if kind in (".", ":", ",", "|") else line[1:].strip()
            if kind == ",":
                entry.flags.update(f.strip() for f in body.split(",") if f.strip())
            elif kind == ":":
                entry.references.extend(body.split())
            elif kind in (".", " ", ""):
                entry.notes.append(body)
            continue
        if line.startswith('"'):
            if last is None:
                raise InputError(path, "string continuation without a keyword", number)
            _extend(entry, last, _string(line, path, number))
            if _length(entry, last) > MAX_FIELD:
                raise InputError(path, f"string {field_too_long()}", number)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and entry.msgid is not None and entry.msgstr:
            yield entry
            entry = _Entry()
            started = False
        if not started:
            entry.line, started = number, True
        value = _string(rest, path, number)
        if keyword == "msgctxt":
            if entry.msgid is not None:
                raise InputError(path, "msgctxt after msgid", number)
            entry.msgctxt, last = value, ("msgctxt", 0)
        elif keyword == "msgid":
            if entry.msgid is not None:
                raise InputError(path, "second msgid without msgstr", number)
            entry.msgid, entry.msgid_line, last = value, number, ("msgid", 0)
        elif keyword == "msgid_plural":
            entry.msgid_plural, last = value, ("msgid_plural", 0)
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            if entry.msgid is None:
                raise InputError(path, "msgstr without msgid", number)
            index = 0
            if keyword != "msgstr":
                try:
                    index = int(keyword[7:-1])
                except ValueError:
                    raise InputError(path, f"bad keyword {keyword!r}", number) from None
            entry.msgstr[index], last = value, ("msgstr", index)
        else:
            raise InputError(path, f"unexpected text {line[:30]!r}", number)
        started = True
    if entry.msgid is not None or entry.msgctxt is not None:
        yield entry


def _length(entry: _Entry, last: tuple[str, int]) -> int:
    name, index = last
    value = entry.msgstr.get(index) if name == "msgstr" else getattr(entry, name)
    return len(value or "")


def _extend(entry: _Entry, last: tuple[str, int], value: str) -> None:
    name, index = last
    if name == "msgstr":
        entry.msgstr[index] += value
    elif name == "msgid":
        entry.msgid = (entry.msgid or "") + value
    elif name == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    else:
        entry.msgid_plural = (entry.msgid_plural or "") + value


def write(target: IO[bytes], doc: BilingualDoc, options: object = None) -> list[str]:
    """Write segments as PO with polib: msgctxt = id, references from `#:`, notes as translator
    comments, needs-review as `#, fuzzy`. Lines are not wrapped, so that a changed word changes
    one line in a diff. Returns warnings (nothing here is lost: PO holds every field we
    model)."""
    import polib

    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Project-Id-Version": doc.properties.get("project", "policyglossary"),
        "Language": normalize_tag(doc.target_lang),
        "X-Source-Language": normalize_tag(doc.source_lang),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "policyglossary",
    }
    if "header" in doc.properties:
        catalog.header = doc.properties["header"]
    final = spaced = 0
    for segment in doc.segments:
        final += segment.state == "final"
        spaced += any(any(ch.isspace() for ch in r) for r in segment.references)
        occurrences = []
        for reference in segment.references:
            name, _, line = reference.rpartition(":")
            occurrences.append((name, line) if name and line.isdigit() else (reference, ""))
        catalog.append(polib.POEntry(
            msgctxt=segment.id, msgid=segment.source, msgstr=segment.target,
            occurrences=occurrences, tcomment="\n".join(segment.notes),
            flags=["fuzzy"] if segment.state == "needs-review" else [],
        ))
    target.write(str(catalog).encode("utf-8"))
    warnings = [f"PO has no approved state: {final} final segment(s) written as translated"] \
        if final else []
    if spaced:
        warnings.append(f"{spaced} segment(s) have references with spaces, which PO reads as "
                        "several references")
    return warnings


FORMAT = FormatFunctions(read_doc=read, write_doc=write, sniff=sniff)
