"""What a term base format can hold, what an export leaves out, and what an import keeps.

Every field of the canonical format is a *facet* here, derived from the canonical schema
(`canonical.CONCEPT_FIELDS`, `TERM_FIELDS` and `model.STATUSES`): a concept field (`note`), a
term attribute per language (`en.type`, `zh.hant`), or the terms of one status
(`en:admitted`; `en:preferred` is a second preferred term, the first being always held). A
field added to the schema is a facet at once, so a format that does not declare it held
names it in its export warning.

Each term base format declares the facets it can hold (`holds`). From that:
- export names every facet present in the term base that the file will not hold, with the
  number of concepts affected (`TMX cannot hold: note (14 concepts), ...`);
- import (`restore_unheld`) leaves what the file cannot hold as the term base has it, so
  re-importing an export changes nothing, and `--on-conflict replace` destroys nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import IO, TYPE_CHECKING

from ..model import (
    CONCEPT_FIELDS,
    INFO_FIELDS,
    STATUSES,
    TERM_FIELDS,
    Concept,
    Term,
    TermBase,
    TermBaseInfo,
)
from .canonical import ZH_ONLY_FIELDS
from .canonical import _is_default as is_default_value

if TYPE_CHECKING:
    from ._options import WriteOptions

LANGS = ("zh", "en")
NO_PREFERRED = "en:none"
"""The facet of a concept without a preferred English term (TMX and OmegaT cannot say so)."""

# How warnings name facets; a facet not listed is named by its key.
LABELS: dict[str, str] = {
    "id": "concept ids", "verified": "verified=false", "created": "created dates",
    "modified": "modified dates", "subject-field": "subject field",
    "part-of-speech": "part of speech",
    "zh.hant": "explicit Traditional forms", "zh.tw": "explicit Taiwan forms",
    "zh.hk": "explicit Hong Kong forms",
    "en.type": "term types", "en.part-of-speech": "terms' own part of speech",
    "en.case-sensitive": "case sensitivity", "en.reason": "reasons",
    "en.replacement": "replacements", "en.note": "term notes",
    "zh.type": "Chinese term types", "zh.part-of-speech": "Chinese terms' own part of speech",
    "zh.case-sensitive": "case-sensitive Chinese terms",
    "zh.reason": "reasons of rejected Chinese terms",
    "zh.replacement": "replacements of rejected Chinese terms", "zh.note": "Chinese term notes",
    "en:preferred": "a second preferred rendering", "en:admitted": "admitted renderings",
    "en:forbidden": "forbidden renderings", "en:superseded": "superseded renderings",
    "zh:preferred": "a second preferred Chinese term",
    "zh:admitted": "admitted Chinese terms", "zh:forbidden": "forbidden Chinese terms",
    "zh:superseded": "superseded Chinese terms", NO_PREFERRED: "no preferred rendering",
}
# A status a format cannot hold is written as the status next to it (memoQ and OmegaT mark
# forbidden terms only; a glossary's first rendering is its preferred one).
WRITTEN_AS = {"superseded": "forbidden", "preferred": "admitted"}


@dataclass(frozen=True, slots=True)
class Facet:
    key: str
    label: str
    present: Callable[[Concept], bool]
    """Whether a concept has something here (a value other than the field's default)."""


def _concept_facet(key: str, attr: str) -> Facet:
    return Facet(key, LABELS.get(key, key),
                 lambda c: not is_default_value(key, getattr(c, attr)))


def _term_facet(lang: str, key: str, attr: str) -> Facet:
    name = f"{lang}.{key}"
    return Facet(name, LABELS.get(name, f"{lang} term {key}"), lambda c: any(
        not is_default_value(key, getattr(t, attr)) for t in getattr(c, lang)))


def _status_facet(lang: str, status: str) -> Facet:
    name = f"{lang}:{status}"
    label = LABELS.get(name, f"{status} {lang} terms")
    if status == "preferred":
        return Facet(name, label, lambda c: sum(
            t.status == "preferred" for t in getattr(c, lang)) > 1)
    return Facet(name, label, lambda c: any(t.status == status for t in getattr(c, lang)))


def _facets() -> dict[str, Facet]:
    facets = [_concept_facet(key, attr) for key, attr in CONCEPT_FIELDS]
    for lang in LANGS:
        facets += [_term_facet(lang, key, attr) for key, attr in TERM_FIELDS[2:]
                   if lang == "zh" or key not in ZH_ONLY_FIELDS]
        facets += [_status_facet(lang, status) for status in STATUSES]
    facets.append(Facet(NO_PREFERRED, LABELS[NO_PREFERRED], lambda c: c.preferred_en is None))
    return {f.key: f for f in facets}


FACETS: dict[str, Facet] = _facets()


@dataclass(frozen=True, slots=True)
class InfoFacet:
    """A field of the term base itself (`termbase.toml`), named without a concept count."""

    key: str
    label: str
    present: Callable[[TermBaseInfo], bool]
    """Whether the term base has something here (a value other than the default)."""


INFO_LABELS = {"name": "term base name", "description": "term base description",
               "source-language": "source language tag", "target-language": "target language tag",
               "subject-fields": "subject-field list",
               "primary-source-domains": "primary-source domains"}


def _info_facet(key: str, attr: str) -> InfoFacet:
    default = getattr(TermBaseInfo(), attr)
    return InfoFacet(f"termbase.{key}", INFO_LABELS[key],
                     lambda info: getattr(info, attr) != default)


INFO_FACETS: dict[str, InfoFacet] = {
    f"termbase.{key}": _info_facet(key, attr) for key, attr in INFO_FIELDS}
INFO_ALL: frozenset[str] = frozenset(INFO_FACETS)
CONCEPT_ALL: frozenset[str] = frozenset(FACETS)
ALL: frozenset[str] = CONCEPT_ALL | INFO_ALL

# What each option leaves out, and the option's name in warnings.
OPTION_LOSSES: dict[str, tuple[str, ...]] = {
    # a concept without a preferred rendering then has nothing to write
    "--renderings preferred": ("en:admitted", NO_PREFERRED),
    "--forbidden omit": ("en:forbidden", "en:superseded"),
}


def left_out_by(options: WriteOptions) -> dict[str, str]:
    """Facets the options leave out of an export, with the option that does it."""
    chosen = []
    if options.renderings == "preferred":
        chosen.append("--renderings preferred")
    if options.forbidden == "omit":
        chosen.append("--forbidden omit")
    return {key: option for option in chosen for key in OPTION_LOSSES[option]}


def filtered(termbase: TermBase, options: WriteOptions) -> TermBase:
    """The term base without the renderings the options leave out."""
    omitted = {key.split(":")[1] for key in left_out_by(options)}
    if not omitted:
        return termbase
    return replace(termbase, concepts=tuple(
        replace(c, en=tuple(t for t in c.en if t.status not in omitted)) for c in termbase))


def counts(termbase: TermBase, keys: frozenset[str] | set[str]) -> dict[str, int]:
    """For each facet in `keys`, the number of concepts that have it (those with none left
    out), in schema order."""
    found = {key: sum(1 for c in termbase if FACETS[key].present(c))
             for key in FACETS if key in keys}
    return {key: count for key, count in found.items() if count}


def _listed(found: dict[str, int]) -> str:
    return ", ".join(f"{FACETS[key].label} ({count} concept{'s' if count != 1 else ''})"
                     for key, count in found.items())


def loss_warnings(title: str, termbase: TermBase, capable: frozenset[str],
                  options: WriteOptions) -> list[str]:
    """`TITLE cannot hold: …` for what the format cannot hold, `left out (OPTION): …` for
    what the options leave out; each facet with the number of concepts that have it."""
    warnings = []
    lost = counts(termbase, set(ALL - capable))
    lost_info = [facet.label for key, facet in INFO_FACETS.items()
                 if key not in capable and facet.present(termbase.info)]
    if lost or lost_info:
        warnings.append(f"{title} cannot hold: "
                        + ", ".join(filter(None, (_listed(lost), ", ".join(lost_info)))))
    by_option = left_out_by(options)
    for option in OPTION_LOSSES:
        keys = {k for k, o in by_option.items() if o == option and k in capable}
        found = counts(termbase, keys)
        if found:
            warnings.append(f"left out ({option}): {_listed(found)}")
    return warnings


def held(capable: frozenset[str], options: WriteOptions) -> frozenset[str]:
    """What an export with these options holds: the format's facets minus those left out."""
    return capable - set(left_out_by(options))


def export_termbase(name: str, target: IO[bytes], termbase: TermBase,
                    options: WriteOptions) -> list[str]:
    """Write `termbase` in format `name`; the warnings name everything the file leaves out.
    """
    from . import get

    spec = get(name)
    capable: frozenset[str] = spec.holds()(options)
    warnings = loss_warnings(title(name, options), termbase, capable, options)
    written: list[str] = spec.termbase_writer()(target, filtered(termbase, options),
                                                         options)
    return warnings + written


TITLES = {"tbx": "TBX", "tbx2": "TBX 2008", "xlsx": "XLSX", "csv": "CSV", "tsv": "TSV",
          "tmx": "TMX", "omegat": "An OmegaT glossary"}


def title(name: str, options: WriteOptions) -> str:
    if options.profile != "default":
        return f"The {options.profile} layout"
    return TITLES.get(name, name)


# ------------------------------------------------------------------ import

def restore_unheld(old: Concept, new: Concept, holds: frozenset[str]) -> Concept:
    """`new`, read from a file that holds only the facets `holds`, with everything else as
    `old` (the term base's concept) has it: a field the file cannot hold keeps its value, a
    status the file writes as another keeps its own, and terms of a status the file does not
    hold stay. What the file holds is left as the file says."""
    if holds >= CONCEPT_ALL:  # what an import restores is per concept
        return new
    values: dict[str, object] = {attr: getattr(old, attr) for key, attr in CONCEPT_FIELDS[1:]
                                 if key not in holds}
    # a file that cannot say "no preferred rendering" makes its first rendering preferred
    promoted = NO_PREFERRED not in holds and old.preferred_en is None
    for lang in LANGS:
        before = {t.text: t for t in getattr(old, lang)}
        terms = [_restore_term(lang, before[t.text], t, holds, promoted and lang == "en")
                 if t.text in before else t for t in getattr(new, lang)]
        listed = {t.text for t in terms}
        terms += [t for t in getattr(old, lang)
                  if t.text not in listed and f"{lang}:{t.status}" not in holds]
        values[lang] = tuple(terms)
    return replace(new, **values)  # type: ignore[arg-type]


def _restore_term(lang: str, old: Term, new: Term, holds: frozenset[str],
                  promoted: bool) -> Term:
    values: dict[str, object] = {attr: getattr(old, attr) for key, attr in TERM_FIELDS[2:]
                                 if f"{lang}.{key}" not in holds and
                                 (lang == "zh" or key not in ZH_ONLY_FIELDS)}
    if (f"{lang}:{old.status}" not in holds and WRITTEN_AS.get(old.status) == new.status) or \
            (promoted and (old.status, new.status) == ("admitted", "preferred")):
        values["status"] = old.status
    return replace(new, **values)  # type: ignore[arg-type]


def facet_of(field: str, old: object, new: object) -> str:
    """The facet a change reported by `compare.concept_changes` is about: `definition`,
    `en.type`, or for a term added, removed or given another status, `LANG:STATUS` of the
    term as it was."""
    if field in ("zh", "en"):
        term = old if old is not None else new
        status = term.get("status", "") if isinstance(term, dict) else ""
        return f"{field}:{status}"
    if field.endswith(".status"):
        return f"{field.split('.')[0]}:{old}"
    return field
