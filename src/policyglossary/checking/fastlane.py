"""The checker's fast lane: substring tests that prove a segment has no per-segment finding.

Most segments of a real translation memory are fine. For them the full checks (tokenising and
stemming the target, locating spans) are wasted work. A segment takes the fast lane only when
cheap tests prove what the full checks would conclude:

- every term in the source has an allowed rendering verbatim in the target (a verbatim hit is
  always a hit for the inflection-tolerant matcher), or certainly has none: some word stem of
  each allowed rendering is missing from the target. Such a term is reported missing here,
  with the finding `term-missing` itself makes;
- no forbidden rendering can be present: some word stem of each one is missing from the
  target (every form the matcher would accept contains all of them);
- the source has no digit or numeral that number-mismatch would look at;
- the target is present and confirmed, and the segment carries no notes (no exemptions);
- the target is in Unicode normal form NFKC, as the matcher sees it (full-width letters and
  ligatures would defeat the substring tests).

Anything else goes through the registered checks, so both lanes report the same findings.

Which checks those tests speak for is the registry's business, not this module's: each check
declares `fast_lane=True` when the tests above prove it silent (term-missing: reported here;
term-forbidden: no forbidden stem present; number-mismatch: no numeral in the source;
untranslated: a confirmed, non-empty target; the consistency collectors: they get the same
`Observation` from either lane). A check that does not declare it turns the lane off for the
run (`checking.session.CheckSession`), so a new check sees every segment until someone proves
otherwise here.
"""

from __future__ import annotations

import re
import unicodedata

from ..checks import Observation
from ..matching.english import TargetText, quick_find
from ..matching.matcher import Matcher, TermMatch
from ..matching.numbers import NUMBER_HINT

_SEPARATORS = re.compile(r"[\W_]+")
_ASCII_SEPARATORS = bytes(c for c in range(128) if not chr(c).isalnum())


def compact(lower: str) -> str:
    """Lower-cased text without anything but letters and digits (a closed compound, an
    inflected inner word and a hyphenated form all contain each word's stem then)."""
    if lower.isascii():
        return lower.encode("ascii").translate(None, _ASCII_SEPARATORS).decode("ascii")
    return _SEPARATORS.sub("", lower)


def quick_observation(matcher: Matcher, seq: int, normalized: str,
                      matches: list[TermMatch], target: str, state: str,
                      report_missing: bool = True) \
        -> tuple[Observation, list[TermMatch]] | None:
    """The segment's observation and the matches whose term is certainly missing from the
    target, when that is all there is to report; else None (take the full checks).
    `report_missing` False (term-missing turned off): missing terms need no proof."""
    if NUMBER_HINT.search(normalized):
        return None
    if not target.isascii() and not unicodedata.is_normalized("NFKC", target):
        return None
    lower = target.lower()
    squeezed: str | None = None
    tokens: TargetText | None = None
    """The target tokenised and stemmed, made only when a verbatim test cannot decide."""
    seen: set[int] = set()
    used: list[tuple[int, int]] = []
    missing: list[TermMatch] = []
    quick_allowed, rejected_pieces, allowed = matcher.quick_allowed, \
        matcher.quick_rejected_within, matcher.allowed
    for match in matches:
        concept = match[0]
        if concept in seen:
            continue
        seen.add(concept)
        found = False
        full: int | None = None
        has_full = False
        for form in quick_allowed[concept]:  # longest first, as `Matcher.used_rendering`
            has_full = has_full or form.full
            if quick_find(target if form.case_sensitive else lower, form.raw, form.tails):
                found = True
                if form.full:
                    full = form.index
                    break
        if allowed[concept] and not found:
            if squeezed is None:
                squeezed = compact(lower)
            if any(all(piece in squeezed for piece in pieces)
                   for pieces in matcher.allowed_pieces[concept]):
                # maybe there, inflected: the inflection-tolerant matcher decides, as
                # term-missing would (`Unit.found_allowed`), for this concept only
                if tokens is None:
                    tokens = TargetText(target)
                found = any(tokens.find(rendering) is not None
                            for rendering in allowed[concept])
            if not found and report_missing:
                missing.append(match)
        for pieces in rejected_pieces[concept]:
            if squeezed is None:
                squeezed = compact(lower)
            if all(piece in squeezed for piece in pieces):
                return None
        if not found:
            continue  # no allowed rendering at all: nothing for the consistency checks
        if full is None and has_full:
            # only a short form is verbatim: the inflection-tolerant matcher decides
            if tokens is None:
                tokens = TargetText(target)
            full = matcher.used_rendering(concept, lower, target, tokens)
        if full is not None:
            used.append((concept, full))
    return Observation(seq, normalized, target, state, used), missing
