"""Plain data: term bases, bilingual documents and findings. No I/O happens here.

The term base is concept-oriented, as TBX is: a `Concept` holds the Chinese and English
`Term`s that designate it, plus concept-level fields (definition, subject field, sources).
Chinese terms are stored in Simplified script; Traditional and regional forms are derived
with OpenCC (see `chinese.py`) unless a term gives them explicitly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T")


def _quick_pickle(cls: type[_T]) -> type[_T]:
    """Pickle a slotted frozen dataclass as a plain tuple of its fields.

    The state functions `dataclass` generates look the fields up on every call; loading a
    cached 50,000-concept term base spent a second in them (the matcher cache, cache.py).
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    values = attrgetter(*names)

    def getstate(self: Any) -> tuple[Any, ...]:
        state: tuple[Any, ...] = values(self)
        return state

    def setstate(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    cls.__getstate__ = getstate  # type: ignore[method-assign]
    cls.__setstate__ = setstate  # type: ignore[attr-defined]
    return cls

# Term statuses, in the order a reviewer ranks them. "forbidden" maps to TBX
# deprecatedTerm-admn-sts; "superseded" to supersededTerm-admn-sts.
STATUSES: tuple[str, ...] = ("preferred", "admitted", "forbidden", "superseded")
ALLOWED_STATUSES = frozenset({"preferred", "admitted"})
REJECTED_STATUSES = frozenset({"forbidden", "superseded"})

# TBX-Basic picklists (TBX-Basic_DCA.sch: termType and partOfSpeech).
TERM_TYPES: tuple[str, ...] = (
    "fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase",
)
# Term types that name a concept in a shortened way; using one of these next to the full
# form is not an inconsistency.
SHORT_TERM_TYPES = frozenset({"acronym", "abbreviation", "shortForm"})
PARTS_OF_SPEECH: tuple[str, ...] = ("noun", "verb", "adjective", "adverb", "other")

# Regional Chinese forms derived from a Simplified term, with the OpenCC configuration
# that derives each (s2t keeps mainland vocabulary and converts characters only).
ZH_VARIANTS: tuple[tuple[str, str], ...] = (
    ("zh-Hant", "s2t"),
    ("zh-TW", "s2tw"),
    ("zh-HK", "s2hk"),
)

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


def severity_counts(counts: Counter[str]) -> dict[str, int]:
    """Counts for every severity, in order, zeros included (the reports' summary)."""
    return {severity: counts.get(severity, 0) for severity in SEVERITIES}

# The canonical term base schema: concept ids, and the (TOML key, model attribute) of each
# field in the order they are written. Readers, writers, diffs and records all follow it.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

CONCEPT_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "id"),
    ("subject-field", "subject_field"),
    ("part-of-speech", "part_of_speech"),
    ("definition", "definition"),
    ("context", "context"),
    ("note", "note"),
    ("verified", "verified"),
    ("sources", "sources"),
    ("created", "created"),
    ("modified", "modified"),
)
TERM_FIELDS: tuple[tuple[str, str], ...] = (
    ("term", "text"),
    ("status", "status"),
    ("type", "type"),
    ("part-of-speech", "part_of_speech"),
    ("case-sensitive", "case_sensitive"),
    ("reason", "reason"),
    ("replacement", "replacement"),
    ("note", "note"),
    ("hant", "hant"),
    ("tw", "tw"),
    ("hk", "hk"),
)
INFO_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "name"),
    ("description", "description"),
    ("source-language", "source_language"),
    ("target-language", "target_language"),
    ("subject-fields", "subject_fields"),
    ("primary-source-domains", "primary_source_domains"),
)

# Segment states, from least to most finished. "needs-review" covers PO fuzzy,
# XLIFF needs-review-* and other unconfirmed targets.
SEGMENT_STATES: tuple[str, ...] = ("new", "needs-review", "translated", "final")


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Term:
    """One designation of a concept in one language."""

    text: str
    status: str = "preferred"
    type: str = "fullForm"
    part_of_speech: str = ""
    case_sensitive: bool = False
    reason: str = ""
    """Why a forbidden or superseded term must not be used."""
    replacement: str = ""
    """What to use instead of a forbidden or superseded term (default: the preferred term)."""
    note: str = ""
    hant: str = ""
    """Explicit Traditional form (Chinese terms only); empty means derived with OpenCC s2t."""
    tw: str = ""
    """Explicit Taiwan form; empty means derived with OpenCC s2tw."""
    hk: str = ""
    """Explicit Hong Kong form; empty means derived with OpenCC s2hk."""

    @property
    def allowed(self) -> bool:
        return self.status in ALLOWED_STATUSES

    @property
    def rejected(self) -> bool:
        return self.status in REJECTED_STATUSES

    def explicit_variant(self, tag: str) -> str:
        """The explicitly given regional form for `tag` (zh-Hant, zh-TW, zh-HK), or ''."""
        return {"zh-Hant": self.hant, "zh-TW": self.tw, "zh-HK": self.hk}.get(tag, "")


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Concept:
    """A term base entry: one concept with its Chinese and English terms."""

    id: str
    zh: tuple[Term, ...]
    en: tuple[Term, ...]
    subject_field: str = ""
    part_of_speech: str = ""
    definition: str = ""
    context: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()
    verified: bool = True
    """False marks a concept whose renderings are the term base's own, not attested."""
    created: date | None = None
    modified: date | None = None

    @property
    def headword(self) -> str:
        """The Simplified Chinese headword: the first preferred Chinese term."""
        for term in self.zh:
            if term.status == "preferred":
                return term.text
        return self.zh[0].text if self.zh else ""

    @property
    def preferred_en(self) -> Term | None:
        for term in self.en:
            if term.status == "preferred":
                return term
        return None

    @property
    def allowed_en(self) -> tuple[Term, ...]:
        return tuple(t for t in self.en if t.allowed)

    @property
    def rejected_en(self) -> tuple[Term, ...]:
        return tuple(t for t in self.en if t.rejected)

    def replacement_for(self, term: Term) -> str:
        """What a translator should write instead of a rejected `term`."""
        if term.replacement:
            return term.replacement
        preferred = self.preferred_en
        return preferred.text if preferred else ""


@dataclass(frozen=True, slots=True)
class TermBaseInfo:
    """Term-base-wide metadata (the canonical format's termbase.toml)."""

    name: str = ""
    description: str = ""
    source_language: str = "zh-CN"
    target_language: str = "en"
    subject_fields: tuple[str, ...] = ()
    primary_source_domains: tuple[str, ...] | None = None
    """Where primary English sources are published (lint `no-primary-source`); None: not
    given, so the default list applies (`termbase/primary.py`)."""


@dataclass(frozen=True, slots=True)
class TermBase:
    concepts: tuple[Concept, ...]
    info: TermBaseInfo = field(default_factory=TermBaseInfo)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def by_id(self) -> dict[str, Concept]:
        return {c.id: c for c in self.concepts}


@dataclass(frozen=True, slots=True)
class Segment:
    """One translation unit of a bilingual document."""

    id: str
    """The unit's own id (PO msgctxt, XLIFF unit id, TMX tuid), else its position."""
    source: str
    target: str
    line: int | None = None
    state: str = "translated"
    notes: tuple[str, ...] = ()
    """Notes and comments attached to the unit (exemption markers live here)."""
    references: tuple[str, ...] = ()
    """Where the text came from (PO #: references, XLIFF context)."""


@dataclass(slots=True)
class BilingualDoc:
    """A bilingual document. `segments` may be a one-shot stream from a reader."""

    segments: Iterable[Segment]
    source_lang: str = "zh-CN"
    target_lang: str = "en"
    properties: dict[str, str] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)
    """What the reader met but the model cannot hold (inline codes, other languages, plural
    forms), counted by kind as segments stream; a converter reports it."""


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found by a lint rule or a check."""

    rule: str
    severity: str
    message: str
    file: str = ""
    line: int | None = None
    segment: str | None = None
    term: str | None = None
    """The concept's Simplified Chinese headword, where the finding is about a term."""
    concept: str | None = None
    """The concept's id."""
    span_in: str | None = None
    """Which text `span` points into: "source" or "target"."""
    span: tuple[int, int] | None = None
    """Character offsets of the term in that text, for highlighting."""
    excerpt: str | None = None
    """The text `span` points into."""


@dataclass(frozen=True, slots=True)
class LookupHit:
    """A concept found by `lookup`, and which of its terms the query matched."""

    concept: Concept
    text: str
    """The term the query matched, in the script it matched in."""
    lang: str
    """zh (Simplified), zh-Hant, zh-TW, zh-HK or en."""
    status: str
    exact: bool
