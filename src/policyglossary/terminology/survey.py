"""`policyglossary survey`: how each concept met in the sources was rendered in the targets.

For every segment, the concepts in the source are found by the checker's own automaton, and
each concept's renderings (preferred, admitted, forbidden, superseded) are looked for in the
target with the checker's inflection-tolerant matching, so that survey and `check` agree: a
segment counted with no allowed rendering is a `term-missing` finding, a forbidden rendering
counted is a `term-forbidden` finding. As in `check`, a rendering found only inside a longer
allowed rendering found in the same target ("dual-gigabit" inside "dual-gigabit networks") is
not counted, and neither is a forbidden rendering inside an allowed one.

Segments stream: what is kept is per concept (counts, a few examples, the first
`INSTEAD_SAMPLE` targets without any rendering), never per segment.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from ..checking.fastlane import compact
from ..formats import ReadOptions
from ..matching.chinese import normalize_many
from ..matching.english import TargetText, _stems, english_tokens, inside, quick_find
from ..matching.matcher import Matcher, SourceMatch
from ..model import Concept, Segment, Term
from .english_ngrams import STOPWORDS, word_keys
from .english_ngrams import surfaces as grams

BATCH = 512
EXAMPLES = 2
"""Example segments kept per rendering (and for segments with no rendering)."""
EXAMPLE_CHARS = 240
"""An example's target is cut to this many characters."""
INSTEAD_SAMPLE = 20
"""Targets without any rendering kept per concept for the `instead` n-grams."""
INSTEAD_WORDS = 3
INSTEAD_SHOWN = 5
INSTEAD_MIN = 2
"""An n-gram is listed under `instead` when at least this many targets hold it."""


@dataclass(frozen=True, slots=True)
class Example:
    file: str
    line: int | None
    segment: str
    target: str


@dataclass(frozen=True, slots=True)
class RenderingCount:
    term: Term
    count: int
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class ConceptSurvey:
    concept: Concept
    occurrences: int
    """Translated segments whose source contains the concept."""
    renderings: tuple[RenderingCount, ...]
    """Every English term of the concept, preferred first, with the segments using it."""
    unrendered: int
    """Segments whose target holds none of the concept's renderings."""
    unrendered_examples: tuple[Example, ...]
    instead: tuple[tuple[str, int], ...]
    """The most frequent English n-grams of those targets (with the renderings of the other
    concepts in each segment taken out), with the number of targets holding each."""


@dataclass
class SurveyResult:
    concepts: list[ConceptSurvey]
    files: list[str]
    segments: int
    untranslated: int
    """Segments skipped for an empty target."""
    skipped: list[str] = field(default_factory=list)
    """Files not surveyed for want of a Chinese or an English side (with --keep-going)."""


@dataclass
class _Tally:
    occurrences: int = 0
    allowed: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    allowed_examples: list[list[Example]] = field(default_factory=list)
    rejected_examples: list[list[Example]] = field(default_factory=list)
    unrendered: int = 0
    unrendered_examples: list[Example] = field(default_factory=list)
    samples: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)
    """(target, the other concepts of its source) of the first unrendered segments."""


class SurveySession:
    """Counts renderings segment by segment; `finish` gives the survey."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.tallies: dict[int, _Tally] = {}
        self.files: list[str] = []
        self.segments = 0
        self.untranslated = 0
        self._rendering_stems: dict[int, frozenset[str]] = {}

    def add(self, segments: Iterable[Segment], file: str, reverse: bool = False) -> None:
        """Survey the segments of one file (`reverse`: the target is the Chinese side)."""
        if file not in self.files:
            self.files.append(file)
        batch: list[Segment] = []
        for segment in segments:
            batch.append(segment)
            if len(batch) == BATCH:
                self._add_batch(batch, file, reverse)
                batch = []
        if batch:
            self._add_batch(batch, file, reverse)

    def _add_batch(self, batch: list[Segment], file: str, reverse: bool) -> None:
        chinese = [s.target if reverse else s.source for s in batch]
        found = self.matcher.find_terms_many(normalize_many(chinese))
        for segment, matches in zip(batch, found, strict=True):
            self.segments += 1
            english = segment.source if reverse else segment.target
            if not english.strip():
                self.untranslated += 1
                continue
            if matches:
                self._segment(segment, file, english, matches)

    def _segment(self, segment: Segment, file: str, english: str,
                 matches: list[SourceMatch]) -> None:
        if not english.isascii():
            english = unicodedata.normalize("NFKC", english)
        view = _Target(english)
        concepts: list[int] = []
        for match in matches:
            if match.concept not in concepts:
                concepts.append(match.concept)
        for concept in concepts:
            tally = self._tally(concept)
            tally.occurrences += 1
            allowed = self._allowed_found(concept, view)
            rejected = self._rejected_found(concept, view, concepts)
            for index in allowed:
                tally.allowed[index] += 1
                _keep(tally.allowed_examples[index], file, segment, english)
            for index in rejected:
                tally.rejected[index] += 1
                _keep(tally.rejected_examples[index], file, segment, english)
            if not allowed and not rejected:
                tally.unrendered += 1
                _keep(tally.unrendered_examples, file, segment, english)
                if len(tally.samples) < INSTEAD_SAMPLE:
                    tally.samples.append((english, tuple(c for c in concepts if c != concept)))

    def _tally(self, concept: int) -> _Tally:
        tally = self.tallies.get(concept)
        if tally is None:
            allowed, rejected = len(self.matcher.allowed[concept]), \
                len(self.matcher.rejected[concept])
            tally = self.tallies[concept] = _Tally(
                allowed=[0] * allowed, rejected=[0] * rejected,
                allowed_examples=[[] for _ in range(allowed)],
                rejected_examples=[[] for _ in range(rejected)])
        return tally

    def _allowed_found(self, concept: int, view: _Target) -> list[int]:
        """The allowed renderings found (by index), less those found only inside (or across)
        a longer one found: "the ministry" in "the Ministry of Industry and …"."""
        matcher = self.matcher
        renderings = matcher.allowed[concept]
        verbatim = {form.index for form in matcher.quick_allowed[concept]
                    if quick_find(view.cased if form.case_sensitive else view.lower, form.raw,
                                  form.tails)}
        found = set(verbatim)
        for index, pieces in enumerate(matcher.allowed_pieces[concept]):
            if index not in found and all(piece in view.squeezed for piece in pieces) and \
                    view.tokens.find(renderings[index]) is not None:
                found.add(index)
        if len(found) < 2:
            return sorted(found)
        spans = {index: view.tokens.find_all(renderings[index]) for index in found}
        return [index for index in sorted(found)
                if not all(any(s[0] < b and a < s[1] and s[1] - s[0] > b - a
                               for other in found if other != index for s in spans[other])
                           for a, b in spans[index])]

    def _rejected_found(self, concept: int, view: _Target, concepts: Sequence[int]) \
            -> list[int]:
        """The forbidden and superseded renderings found, as `term-forbidden` reports them:
        not when every occurrence lies inside an allowed rendering of a concept of the
        segment (or of one nested in it)."""
        matcher = self.matcher
        rejected = matcher.rejected[concept]
        if not rejected:
            return []
        pieces = matcher.quick_rejected_within[concept][:len(rejected)]
        found: list[int] = []
        for index, rendering in enumerate(rejected):
            if not all(piece in view.squeezed for piece in pieces[index]):
                continue
            spans = view.tokens.find_all(rendering)
            if spans and not all(inside(span, view.allowed_spans(matcher, concepts))
                                 for span in spans):
                found.append(index)
        return found

    def finish(self) -> list[ConceptSurvey]:
        """The concepts met, most frequent first."""
        result = [self._survey(index, tally) for index, tally in self.tallies.items()]
        result.sort(key=lambda s: (-s.occurrences, s.concept.id))
        return result

    def _survey(self, index: int, tally: _Tally) -> ConceptSurvey:
        matcher = self.matcher
        renderings = [
            *(RenderingCount(r.term, tally.allowed[i], tuple(tally.allowed_examples[i]))
              for i, r in enumerate(matcher.allowed[index])),
            *(RenderingCount(r.term, tally.rejected[i], tuple(tally.rejected_examples[i]))
              for i, r in enumerate(matcher.rejected[index]))]
        order = {status: rank for rank, status in
                 enumerate(("preferred", "admitted", "forbidden", "superseded"))}
        renderings.sort(key=lambda r: order.get(r.term.status, 9))
        samples = tally.samples
        return ConceptSurvey(matcher.concepts[index], tally.occurrences, tuple(renderings),
                             tally.unrendered, tuple(tally.unrendered_examples),
                             instead([t for t, _ in samples],
                                     lambda i: self._stems_of(samples[i][1])))

    def _stems_of(self, concepts: Sequence[int]) -> AbstractSet[str]:
        """The word stems of the allowed renderings of `concepts` (function words aside)."""
        stems: set[str] = set()
        for concept in concepts:
            own = self._rendering_stems.get(concept)
            if own is None:
                own = self._rendering_stems[concept] = frozenset(
                    _stems(token)[0] for rendering in self.matcher.allowed[concept]
                    for token in english_tokens(rendering.term.text)
                    if token.isalnum() and token.lower() not in STOPWORDS)
            stems |= own
        return stems


def instead(targets: Sequence[str],
            explained: Callable[[int], AbstractSet[str]]) -> tuple[tuple[str, int], ...]:
    """The n-grams of one to three words most targets hold, at least `INSTEAD_MIN` of them,
    made of words that do not render another concept of the segment (`explained(i)`: the word
    stems of those renderings for target i); an n-gram held by exactly the targets of a longer
    one is left to the longer one."""
    if len(targets) < INSTEAD_MIN:
        return ()
    # an n-gram in two targets has each of its words in two targets: most words are not
    seen: dict[str, int] = {}
    words_of = [word_keys(target) for target in targets]
    for words in words_of:
        for word in words:
            seen[word] = seen.get(word, 0) + 1
    shared = {word for word, count in seen.items() if count >= INSTEAD_MIN}
    counts: dict[str, int] = {}
    surfaces: dict[str, dict[str, int]] = {}
    for index, target in enumerate(targets):
        usable = shared & words_of[index]
        if not usable:
            continue
        stems = explained(index)
        if stems:
            usable = {w for w in usable if w in STOPWORDS or not _explained(w, stems)}
        for key, surface in grams(target, (), INSTEAD_WORDS, usable).items():
            counts[key] = counts.get(key, 0) + 1
            forms = surfaces.setdefault(key, {})
            forms[surface] = forms.get(surface, 0) + 1
    frequent = [k for k, n in counts.items() if n >= INSTEAD_MIN]
    closed = [k for k in frequent
              if not any(len(o) > len(k) and f" {k} " in f" {o} " and counts[o] == counts[k]
                         for o in frequent)]
    closed.sort(key=lambda k: (-counts[k], -len(k.split()), k))
    return tuple((max(surfaces[k], key=lambda s: (surfaces[k][s], s)), counts[k])
                 for k in closed[:INSTEAD_SHOWN])


def _explained(word: str, stems: AbstractSet[str]) -> bool:
    """Every piece of `word` (dual-gigabit: dual, gigabit) stems to one of `stems`."""
    pieces = [p for p in english_tokens(word) if p.isalnum()]
    return bool(pieces) and all(_stems(p)[0] in stems for p in pieces)


class _Target:
    """One target as the survey looks at it: lower-cased and squeezed for substring tests,
    tokenised and stemmed (as the checker does) only when a test cannot decide."""

    def __init__(self, text: str) -> None:
        self.cased = text
        self.lower = text.lower()
        self._squeezed: str | None = None
        self._tokens: TargetText | None = None
        self._allowed: list[tuple[int, int]] | None = None

    @property
    def squeezed(self) -> str:
        if self._squeezed is None:
            self._squeezed = compact(self.lower)
        return self._squeezed

    @property
    def tokens(self) -> TargetText:
        if self._tokens is None:
            self._tokens = TargetText(self.cased)
        return self._tokens

    def allowed_spans(self, matcher: Matcher, concepts: Sequence[int]) -> list[tuple[int, int]]:
        if self._allowed is None:
            every: list[int] = []
            for concept in concepts:
                for index in (concept, *matcher.nested[concept]):
                    if index not in every:
                        every.append(index)
            self._allowed = matcher.allowed_spans(self.tokens, every)
        return self._allowed


def _keep(examples: list[Example], file: str, segment: Segment, target: str) -> None:
    if len(examples) < EXAMPLES:
        if len(target) > EXAMPLE_CHARS:
            target = target[:EXAMPLE_CHARS - 1] + "…"
        examples.append(Example(file, segment.line, segment.id, target))


def run(paths: Sequence[str | Path], matcher: Matcher,
        options: ReadOptions | None = None, keep_going: bool = False) -> SurveyResult:
    """Survey every bilingual file under `paths` (folders are searched as `check` does).

    A file without a Chinese or an English side is refused as `check` refuses it (before
    any of it is counted); with `keep_going` it is skipped and named in `skipped`."""
    from ..checking.session import expand_paths
    from ..checking.sides import MissingSide, guarded
    from ..errors import UsageError
    from ..formats import open_document
    from ..langs import is_chinese

    options = options or ReadOptions()
    files = expand_paths(paths)
    if not files:
        raise UsageError("no files to survey")
    session = SurveySession(matcher)
    skipped: list[str] = []
    for path, display in files:
        try:
            with open_document(path, options, display) as doc:
                reverse = is_chinese(doc.target_lang) and not is_chinese(doc.source_lang)
                session.add(guarded(doc.segments, display, doc, reverse), display, reverse)
        except MissingSide as exc:
            if not keep_going:
                raise
            skipped.append(str(exc))
    return SurveyResult(session.finish(), session.files, session.segments,
                        session.untranslated, skipped)

