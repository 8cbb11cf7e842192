"""The canonical term base: a folder of TOML files, one concept per file.

    glossary/
      termbase.toml            name, languages, the subject fields in use
      concepts/<id>.toml       one concept: fields, then [[zh]] and [[en]] term tables

One file per concept means that two branches adding, editing or removing different concepts
never touch the same file, so they merge without conflicts. Each field sits on its own line,
in a fixed order, and a loaded term base written back reproduces every file byte for byte;
`policyglossary fmt` puts hand-edited files into that form. See README "Term base format".
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError, OutputError, Problem, TermBaseError
from ..fsutil import atomic_write, interrupts_deferred, read_bytes
from ..langs import normalize_tag
from ..model import (
    CONCEPT_FIELDS,
    ID_PATTERN,
    INFO_FIELDS,
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_FIELDS,
    TERM_TYPES,
    Concept,
    Term,
    TermBase,
    TermBaseInfo,
)
from ._toml import Validator, parse_toml, toml_value

INFO_FILE = "termbase.toml"
CONCEPTS_DIR = "concepts"
ZH_ONLY_FIELDS = frozenset({"hant", "tw", "hk"})
REJECTED_ONLY_FIELDS = frozenset({"reason", "replacement"})


# ---------------------------------------------------------------------------- writing

def _is_default(key: str, value: object) -> bool:
    """Fields at their default value are not written (status is always written)."""
    if key == "status":
        return False
    if key == "type":
        return value == "fullForm"
    if key == "verified":
        return value is True
    return value in ("", (), None, False)


def in_canonical_order(terms: tuple[Term, ...]) -> tuple[Term, ...]:
    """Terms grouped by status (preferred, admitted, forbidden, superseded), otherwise in the
    order given: the canonical order, which every format can reproduce."""
    return tuple(sorted(terms, key=lambda t: STATUSES.index(t.status)
                        if t.status in STATUSES else len(STATUSES)))


def dumps_concept(concept: Concept) -> str:
    """The canonical text of one concept file."""
    lines = [
        f"{key} = {toml_value(getattr(concept, attr))}"
        for key, attr in CONCEPT_FIELDS
        if not _is_default(key, getattr(concept, attr))
    ]
    for lang, terms in (("zh", concept.zh), ("en", concept.en)):
        for term in in_canonical_order(terms):
            lines.append("")
            lines.append(f"[[{lang}]]")
            lines.extend(
                f"{key} = {toml_value(getattr(term, attr))}"
                for key, attr in TERM_FIELDS
                if not _is_default(key, getattr(term, attr))
            )
    return "\n".join(lines) + "\n"


def dumps_info(info: TermBaseInfo) -> str:
    return "".join(
        f"{key} = {toml_value(getattr(info, attr))}\n"
        for key, attr in INFO_FIELDS
        if getattr(info, attr) not in ("", (), None)
        or (key == "primary-source-domains" and getattr(info, attr) == ())
    )


def write_concept(folder: Path, concept: Concept) -> Path:
    path = Path(folder) / CONCEPTS_DIR / f"{concept.id}.toml"
    with atomic_write(path) as handle:
        handle.write(dumps_concept(concept).encode("utf-8"))
    return path


def write_concepts(folder: Path, concepts: list[Concept], info: TermBaseInfo | None = None) \
        -> None:
    """Write several concept files (and termbase.toml) as close to all-or-nothing as files
    allow: every file is written to a temporary name first, then all are renamed into place;
    a failure before the renames leaves the term base untouched."""
    import os
    import tempfile

    folder = Path(folder)
    planned: list[tuple[Path, bytes]] = [
        (folder / CONCEPTS_DIR / f"{c.id}.toml", dumps_concept(c).encode("utf-8"))
        for c in concepts]
    if info is not None:
        planned.append((folder / INFO_FILE, dumps_info(info).encode("utf-8")))
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in planned:
            path.parent.mkdir(parents=True, exist_ok=True)
            with interrupts_deferred():  # a temporary file is noted as soon as it exists
                fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=path.parent)
                staged.append((Path(name), path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException as exc:
        with interrupts_deferred():
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{folder}: cannot write the term base: "
                              f"{exc.strerror or exc}; nothing was changed") from exc
        raise
    # Ctrl-C now waits for the renames: the term base is then complete, never half-renamed
    with interrupts_deferred():
        for temporary, path in staged:
            os.replace(temporary, path)


def write_dir(folder: Path, termbase: TermBase, prune: bool = False) -> None:
    """Write a whole term base; with `prune`, delete concept files it no longer holds."""
    folder = Path(folder)
    with atomic_write(folder / INFO_FILE) as handle:
        handle.write(dumps_info(termbase.info).encode("utf-8"))
    keep = set()
    for concept in termbase.concepts:
        keep.add(write_concept(folder, concept).name)
    if prune:
        for path in (folder / CONCEPTS_DIR).glob("*.toml"):
            if path.name not in keep:
                path.unlink()


# ---------------------------------------------------------------------------- reading

def _read_text(path: Path) -> str:
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8: {exc.reason}",
                         data[:exc.start].count(b"\n") + 1) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def loads_concept(text: str, path: str, subject_fields: tuple[str, ...] = ()) \
        -> tuple[Concept | None, list[Problem]]:
    """Parse and validate one concept file. Returns the concept (None if unusable) and
    every problem found."""
    try:
        table = parse_toml(text, path)
    except InputError as exc:
        return None, [exc.problem]
    check = Validator(path, text)
    known = {key for key, _ in CONCEPT_FIELDS} | {"zh", "en"}
    check.unknown_keys(table, known)

    concept_id = check.string(table, "id", required=True)
    stem = Path(path).stem
    if concept_id and not ID_PATTERN.match(concept_id):
        check.error(f"id {concept_id!r} must be lower-case letters, digits and single hyphens",
                    key="id")
    elif concept_id and stem != concept_id:
        check.error(f"id {concept_id!r} does not match the file name {stem!r}.toml", key="id")

    subject = check.string(table, "subject-field")
    if subject and subject_fields and subject not in subject_fields:
        check.error(f"subject-field {subject!r} is not declared in {INFO_FILE} "
                    f"(declared: {', '.join(subject_fields)})", key="subject-field")
    pos = check.choice(table, "part-of-speech", PARTS_OF_SPEECH, "")
    verified = table.get("verified", True)
    if not isinstance(verified, bool):
        check.error("'verified' must be true or false", key="verified")
        verified = True
    sources = table.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) and s.strip()
                                                 for s in sources):
        check.error("'sources' must be a list of non-empty strings", key="sources")
        sources = []
    dates: dict[str, date | None] = {}
    for key in ("created", "modified"):
        value = table.get(key)
        if value is not None and (not isinstance(value, date) or hasattr(value, "hour")):
            check.error(f"'{key}' must be a date such as 2024-01-31", key=key)
            value = None
        dates[key] = value
    if dates["created"] and dates["modified"] and dates["modified"] < dates["created"]:
        check.error("'modified' is earlier than 'created'", key="modified")

    terms: dict[str, list[Term]] = {}
    for lang in ("zh", "en"):
        terms[lang] = list(_terms(table, lang, check))
    if not terms["zh"] and table.get("zh", []) == []:  # missing, or an empty `zh = []`
        check.error("concept has no [[zh]] term")

    concept = Concept(
        id=concept_id, zh=tuple(terms["zh"]), en=tuple(terms["en"]),
        subject_field=subject, part_of_speech=pos,
        definition=check.string(table, "definition"), context=check.string(table, "context"),
        note=check.string(table, "note"), sources=tuple(sources), verified=verified,
        created=dates["created"], modified=dates["modified"],
    )
    return (None if check.problems else concept), check.problems


def _terms(table: dict[str, Any], lang: str, check: Validator) -> Iterator[Term]:
    entries = table.get(lang, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        check.error(f"'{lang}' must be written as [[{lang}]] tables", key=lang)
        return
    known = {key for key, _ in TERM_FIELDS}
    if lang != "zh":
        known -= ZH_ONLY_FIELDS
    for index, entry in enumerate(entries):
        check.unknown_keys(entry, known, lang, index)
        text = check.string(entry, "term", lang, index, required=True)
        status = check.choice(entry, "status", STATUSES, "", lang, index)
        if not status:
            check.error("missing required field 'status'", lang, index)
        case_sensitive = entry.get("case-sensitive", False)
        if not isinstance(case_sensitive, bool):
            check.error("'case-sensitive' must be true or false", lang, index, "case-sensitive")
            case_sensitive = False
        values = {key: check.string(entry, key, lang, index)
                  for key in ("reason", "replacement", "note", "hant", "tw", "hk")}
        for key, value in (("term", text), ("hant", values["hant"]), ("tw", values["tw"]),
                           ("hk", values["hk"])):
            if any(ch in value for ch in "\n\r\t"):
                check.error(f"'{key}' must be one line (no line breaks or tabs)", lang, index,
                            key)
        if status in ("preferred", "admitted"):
            for key in sorted(REJECTED_ONLY_FIELDS):
                if values[key]:
                    check.error(f"'{key}' is only for forbidden or superseded terms", lang,
                                index, key)
        yield Term(
            text=text, status=status or "preferred",
            type=check.choice(entry, "type", TERM_TYPES, "fullForm", lang, index),
            part_of_speech=check.choice(entry, "part-of-speech", PARTS_OF_SPEECH, "", lang,
                                        index),
            case_sensitive=case_sensitive, **values,
        )


def loads_info(text: str, path: str) -> tuple[TermBaseInfo, list[Problem]]:
    try:
        table = parse_toml(text, path)
    except InputError as exc:
        return TermBaseInfo(), [exc.problem]
    check = Validator(path, text)
    check.unknown_keys(table, {key for key, _ in INFO_FIELDS}, where="termbase.toml")
    fields = table.get("subject-fields", [])
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        check.error("'subject-fields' must be a list of strings", key="subject-fields")
        fields = []
    domains = table.get("primary-source-domains")
    if domains is not None and (not isinstance(domains, list) or
                                not all(isinstance(d, str) and d.strip() for d in domains)):
        check.error("'primary-source-domains' must be a list of non-empty strings",
                    key="primary-source-domains")
        domains = None
    info = TermBaseInfo(
        name=check.string(table, "name"), description=check.string(table, "description"),
        # BCP 47 as every writer needs it, whoever wrote zh_CN.UTF-8 here
        source_language=normalize_tag(check.string(table, "source-language")) or "zh-CN",
        target_language=normalize_tag(check.string(table, "target-language")) or "en",
        subject_fields=tuple(fields),
        primary_source_domains=None if domains is None else tuple(domains),
    )
    return info, check.problems


def is_canonical_dir(path: Path) -> bool:
    return path.is_dir() and ((path / INFO_FILE).is_file() or (path / CONCEPTS_DIR).is_dir())


def concept_files(folder: Path) -> list[Path]:
    """The concept files, sorted by name."""
    concepts = Path(folder) / CONCEPTS_DIR
    return [concepts / name for name in concept_names(folder)]


def concept_names(folder: Path) -> list[str]:
    """The concept files' names, sorted (os.scandir: sorting Path objects cost a second for
    50,000 files)."""
    try:
        with os.scandir(Path(folder) / CONCEPTS_DIR) as entries:
            return sorted(e.name for e in entries
                          if e.name.endswith(".toml") and not e.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return []


def read_dir_with_problems(folder: Path) -> tuple[TermBase, list[Problem], dict[str, str]]:
    """Load a canonical term base, collecting every problem instead of stopping at the first.

    Returns the concepts that loaded, the problems, and each concept's file path (by id).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "no such term base folder")
    problems: list[Problem] = []
    info = TermBaseInfo()
    info_path = folder / INFO_FILE
    if info_path.exists():
        info, info_problems = loads_info(_read_text(info_path), str(info_path))
        problems.extend(info_problems)
    files = concept_files(folder)
    if not files and not info_path.exists():
        raise InputError(str(folder), f"not a term base: no {INFO_FILE} and no "
                                      f"{CONCEPTS_DIR}/*.toml")
    concepts: list[Concept] = []
    paths: dict[str, str] = {}
    for path in files:
        try:
            text = _read_text(path)
        except InputError as exc:
            problems.append(exc.problem)
            continue
        concept, found = loads_concept(text, str(path), info.subject_fields)
        problems.extend(found)
        if concept is not None:
            concepts.append(concept)
            paths[concept.id] = str(path)
    return TermBase(tuple(concepts), info), problems, paths


def read_dir(folder: Path) -> TermBase:
    """Load and validate a canonical term base; raise `TermBaseError` listing every problem."""
    termbase, problems, _ = read_dir_with_problems(folder)
    if problems:
        raise TermBaseError(problems)
    return termbase


def noncanonical_files(folder: Path) -> list[Path]:
    """Concept files whose bytes differ from what the writer would produce (valid files only)."""
    termbase, _, paths = read_dir_with_problems(folder)
    found = []
    for concept in termbase.concepts:
        path = Path(paths[concept.id])
        if path.read_bytes() != dumps_concept(concept).encode("utf-8"):
            found.append(path)
    info_path = Path(folder) / INFO_FILE
    if info_path.exists() and info_path.read_bytes() != dumps_info(termbase.info).encode():
        found.append(info_path)
    return found
