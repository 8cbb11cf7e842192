"""Term base lint: small registered rules that yield findings.

Each rule is a generator over a `LintContext`; its docstring is its user documentation
(README "Lint rules"). Schema problems come from the loader and are reported as `schema`.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..matching.chinese import all_forms, normalize_source, to_simplified
from ..matching.english import english_key, strict_english_key
from ..model import Concept, Finding, Term, TermBase

LintRule = Callable[["LintContext"], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    severity: str
    function: LintRule

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")


RULES: dict[str, RuleInfo] = {}


def rule(rule_id: str, severity: str) -> Callable[[LintRule], LintRule]:
    def register(function: LintRule) -> LintRule:
        RULES[rule_id] = RuleInfo(rule_id, severity, function)
        return function
    return register


@dataclass
class LintContext:
    termbase: TermBase
    origin: str
    """The term base's path, as given."""
    paths: dict[str, str] = field(default_factory=dict)
    """Concept id → concept file (canonical term bases only)."""
    noncanonical: list[Path] = field(default_factory=list)
    _lines: dict[str, list[str]] = field(default_factory=dict)

    def where(self, concept: Concept, lang: str = "", index: int = -1,
              key: str = "") -> tuple[str, int | None]:
        """File and line of a concept, of its `index`th term in `lang`, or of its field `key`
        (line 1 when the file does not say)."""
        path = self.paths.get(concept.id)
        if path is None:
            return self.origin, None
        if path not in self._lines:
            try:
                self._lines[path] = Path(path).read_text(encoding="utf-8").splitlines()
            except OSError:
                self._lines[path] = []
        lines = self._lines[path]
        if key:
            for number, line in enumerate(lines, start=1):
                if line.lstrip().startswith("["):
                    break  # the concept's own fields come before its term tables
                if line.partition("=")[0].strip() == key:
                    return path, number
        if not lang:
            return path, 1
        seen = -1
        for number, line in enumerate(lines, start=1):
            if line.strip() == f"[[{lang}]]":
                seen += 1
                if seen == index:
                    return path, number + 1
        return path, 1

    def finding(self, rule_id: str, message: str, concept: Concept, lang: str = "",
                index: int = -1, key: str = "") -> Finding:
        path, line = self.where(concept, lang, index, key)
        return Finding(rule_id, RULES[rule_id].severity, message, path, line,
                       term=concept.headword, concept=concept.id)


def _en_key(term: Term) -> str:
    return english_key(term.text, term.case_sensitive)


@rule("duplicate-concept", "error")
def duplicate_concept(ctx: LintContext) -> Iterator[Finding]:
    """Two concepts share a Chinese headword, also when one is written in Traditional script."""
    first: dict[str, Concept] = {}
    for concept in ctx.termbase:
        key = normalize_source(to_simplified(concept.headword))
        if key in first:
            yield ctx.finding("duplicate-concept",
                              f"headword {concept.headword} duplicates concept "
                              f"{first[key].id}", concept, "zh", 0)
        else:
            first[key] = concept


@rule("duplicate-term", "error")
def duplicate_term(ctx: LintContext) -> Iterator[Finding]:
    """The same Chinese term (in any script) belongs to two concepts, so a checker cannot tell
    which concept a source means."""
    owners: dict[str, list[tuple[Concept, int, str]]] = defaultdict(list)
    for concept in ctx.termbase:
        for index, term in enumerate(concept.zh):
            for form in {normalize_source(f) for f in all_forms(term)}:
                owners[form].append((concept, index, term.text))
    reported: set[tuple[str, str]] = set()
    for entries in owners.values():
        ids = {c.id for c, _, _ in entries}
        if len(ids) < 2:
            continue
        first = entries[0][0]
        for concept, index, text in entries[1:]:
            if concept.id == first.id or (concept.id, first.id) in reported:
                continue
            if index == 0 and first.zh and text == first.headword:
                continue  # a shared headword is reported once, as duplicate-concept
            reported.add((concept.id, first.id))
            yield ctx.finding("duplicate-term", f"Chinese term {text} is also a term of "
                              f"concept {first.id}", concept, "zh", index)


@rule("allowed-and-forbidden", "error")
def allowed_and_forbidden(ctx: LintContext) -> Iterator[Finding]:
    """One concept lists the same English rendering (ignoring case, hyphens and the last word's
    inflection) as allowed and as forbidden or superseded. (Where only an inner word's
    inflection differs, as in "Work Conference" and "Working Conference", the checker
    matches both strictly and no finding is made.)"""
    for concept in ctx.termbase:
        allowed = {strict_english_key(t.text, t.case_sensitive): t
                   for t in concept.en if t.allowed}
        for index, term in enumerate(concept.en):
            key = strict_english_key(term.text, term.case_sensitive)
            if term.rejected and key in allowed:
                yield ctx.finding("allowed-and-forbidden",
                                  f"'{term.text}' is {term.status}, but "
                                  f"'{allowed[key].text}' is allowed", concept, "en", index)


@rule("duplicate-rendering", "warning")
def duplicate_rendering(ctx: LintContext) -> Iterator[Finding]:
    """Two English terms of one concept are the same for the checker (they differ only in
    case, hyphens, spaces or inflection), so one of them is redundant."""
    for concept in ctx.termbase:
        seen: dict[tuple[str, bool], Term] = {}
        for index, term in enumerate(concept.en):
            key = (_en_key(term), term.allowed)
            if key in seen:
                yield ctx.finding("duplicate-rendering",
                                  f"'{term.text}' matches the same text as "
                                  f"'{seen[key].text}'", concept, "en", index)
            else:
                seen[key] = term


@rule("no-preferred", "error")
def no_preferred(ctx: LintContext) -> Iterator[Finding]:
    """A concept has no preferred English term, so translators are not told what to write."""
    for concept in ctx.termbase:
        if concept.preferred_en is None:
            yield ctx.finding("no-preferred", "no preferred English term", concept)


@rule("multiple-preferred", "warning")
def multiple_preferred(ctx: LintContext) -> Iterator[Finding]:
    """More than one preferred English term: make all but one admitted."""
    for concept in ctx.termbase:
        preferred = [i for i, t in enumerate(concept.en) if t.status == "preferred"]
        for index in preferred[1:]:
            yield ctx.finding("multiple-preferred",
                              f"second preferred English term '{concept.en[index].text}'",
                              concept, "en", index)


@rule("bad-replacement", "error")
def bad_replacement(ctx: LintContext) -> Iterator[Finding]:
    """A forbidden term names a replacement that is not an allowed term of the concept."""
    for concept in ctx.termbase:
        allowed = {_en_key(t) for t in concept.en if t.allowed}
        for index, term in enumerate(concept.en):
            if term.replacement and english_key(term.replacement) not in allowed and \
                    english_key(term.replacement, True) not in allowed:
                yield ctx.finding("bad-replacement",
                                  f"replacement '{term.replacement}' is not an allowed English "
                                  "term of this concept", concept, "en", index)


@rule("missing-reason", "warning")
def missing_reason(ctx: LintContext) -> Iterator[Finding]:
    """A forbidden or superseded term does not say why; translators need the reason."""
    for concept in ctx.termbase:
        for index, term in enumerate(concept.en):
            if term.rejected and not term.reason:
                yield ctx.finding("missing-reason", f"{term.status} term '{term.text}' has no "
                                  "reason", concept, "en", index)


@rule("missing-source", "warning")
def missing_source(ctx: LintContext) -> Iterator[Finding]:
    """A concept cites no source and is not marked `verified = false`."""
    for concept in ctx.termbase:
        if not concept.sources and concept.verified:
            yield ctx.finding("missing-source", "no source cited; add sources or mark the "
                              "concept verified = false", concept)


@rule("no-primary-source", "warning")
def no_primary_source(ctx: LintContext) -> Iterator[Finding]:
    """A concept marked verified cites sources, but none from a primary domain (the Chinese
    government's and its news agencies' own English: termbase.toml `primary-source-domains`,
    by default Xinhua English, SCIO, gov.cn and ministries' English sites, China Daily), so
    only reprints or unofficial sites attest its renderings."""
    from .primary import is_primary, primary_domains

    domains = primary_domains(ctx.termbase.info)
    if not domains:
        return
    for concept in ctx.termbase:
        if concept.verified and concept.sources and \
                not any(is_primary(source, domains) for source in concept.sources):
            yield ctx.finding("no-primary-source", "no source from a primary domain (such as "
                              f"{', '.join(domains[:3])}); cite one or mark the concept "
                              "verified = false", concept, key="sources")


@rule("not-simplified", "warning")
def not_simplified(ctx: LintContext) -> Iterator[Finding]:
    """A Chinese term is written in Traditional script; the canonical headword is Simplified and
    Traditional forms are derived (or given in `hant`, `tw`, `hk`)."""
    for concept in ctx.termbase:
        for index, term in enumerate(concept.zh):
            simplified = to_simplified(term.text)
            if simplified != term.text and term.text in all_forms(Term(simplified))[1:]:
                yield ctx.finding("not-simplified", f"{term.text} looks Traditional; write "
                                  f"{simplified} and let the Traditional form be derived",
                                  concept, "zh", index)


@rule("noncanonical-format", "warning")
def noncanonical_format(ctx: LintContext) -> Iterator[Finding]:
    """A file's layout differs from the canonical form (`policyglossary fmt` rewrites it), so
    its next automatic rewrite would show up as a noisy diff."""
    for path in ctx.noncanonical:
        yield Finding("noncanonical-format", "warning",
                      "not in canonical form; run `policyglossary fmt`", str(path), 1)


@rule("nested-term", "info")
def nested_term(ctx: LintContext) -> Iterator[Finding]:
    """A Chinese term contains another concept's term. The checker matches the longest term
    first, so the inner term is not checked on its own inside the outer one."""
    from ..matching.matcher import Matcher

    matcher = Matcher(ctx.termbase)
    for index, concept in enumerate(matcher.concepts):
        for other in matcher.nested[index]:
            yield ctx.finding("nested-term", f"{concept.headword} contains "
                              f"{matcher.concepts[other].headword} ({matcher.concepts[other].id})",
                              concept, "zh", 0)


@rule("shared-rendering", "info")
def shared_rendering(ctx: LintContext) -> Iterator[Finding]:
    """Two concepts allow the same English rendering (homonyms such as a surname)."""
    owners: dict[str, list[tuple[Concept, int]]] = defaultdict(list)
    for concept in ctx.termbase:
        seen: set[str] = set()
        for index, term in enumerate(concept.en):
            key = _en_key(term)
            if term.allowed and key not in seen:
                seen.add(key)
                owners[key].append((concept, index))
    for entries in owners.values():
        for concept, index in entries[1:]:
            yield ctx.finding("shared-rendering", f"'{concept.en[index].text}' is also allowed "
                              f"for concept {entries[0][0].id}", concept, "en", index)


@rule("forbidden-elsewhere", "info")
def forbidden_elsewhere(ctx: LintContext) -> Iterator[Finding]:
    """A rendering allowed for one concept is forbidden for another, as "ballast stone" is for
    压舱石 and 重要基石. The checker accepts it where the allowing concept is in the source."""
    allowed: dict[str, Concept] = {}
    for concept in ctx.termbase:
        for term in concept.en:
            if term.allowed:
                allowed.setdefault(_en_key(term), concept)
    for concept in ctx.termbase:
        for index, term in enumerate(concept.en):
            owner = allowed.get(_en_key(term))
            if term.rejected and owner is not None and owner.id != concept.id:
                yield ctx.finding("forbidden-elsewhere", f"'{term.text}' is {term.status} here "
                                  f"but allowed for concept {owner.id}", concept, "en", index)


def schema_findings(problems: list[Problem]) -> list[Finding]:
    return [Finding("schema", "error", p.message, p.path, p.line) for p in problems]


def run(ctx: LintContext, only: set[str] | None = None) -> list[Finding]:
    """Run every registered rule (or those in `only`) and return the findings, sorted."""
    findings: list[Finding] = []
    for rule_id, info in RULES.items():
        if only is None or rule_id in only:
            findings.extend(info.function(ctx))
    return sorted(findings, key=lambda f: (f.file, f.line or 0, f.rule))
