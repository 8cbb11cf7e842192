"""The fast lane reports exactly what the full checks report, on varied workloads."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace

import pytest

from policyglossary.checking.session import CheckOptions, CheckSession, check_paths
from policyglossary.checks import CHECKS, ORDER, CheckContext, CheckInfo, Unit
from policyglossary.formats.canonical import read_dir
from policyglossary.model import Concept, Finding, Segment, Term, TermBase

from ..conftest import GLOSSARY, INTEROP, TRANSLATIONS, needs_shared


def _key(findings: list[Finding]) -> list[Finding]:
    """Findings compared whole (spans and excerpts too) and in order."""
    return findings


def _both(termbase: TermBase, segments: list[Segment]) -> tuple[list[Finding], list[Finding]]:
    results = []
    for fast in (True, False):
        session = CheckSession(termbase, CheckOptions(fast_lane=fast))
        session.add(list(segments), "w.po")
        results.append(session.finish().findings)
    return results[0], results[1]


def _workload(seed: int) -> tuple[TermBase, list[Segment]]:
    rng = random.Random(seed)
    chars = "的是在有人这中大为上国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    words = ["gigabit", "network", "policy", "industry", "economy", "stabilize", "plan",
             "enterprise", "health", "care", "director", "general", "sme", "ai", "said"]
    concepts = []
    for index in range(40):
        zh = "".join(rng.choice(chars) for _ in range(rng.randint(2, 4)))
        pref = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        en = [Term(pref, "preferred")]
        if rng.random() < 0.4:
            en.append(Term(" ".join(rng.choice(words) for _ in range(2)), "admitted",
                           type=rng.choice(("fullForm", "acronym"))))
        if rng.random() < 0.5:
            en.append(Term(" ".join(rng.choice(words) for _ in range(rng.randint(1, 2))),
                           "forbidden", reason="r"))
        if rng.random() < 0.1:
            en.append(Term(pref.upper(), "admitted", "acronym", case_sensitive=True))
        concepts.append(Concept(f"c{index}", (Term(zh),), tuple(dict.fromkeys(en))))
    concepts = [c for i, c in enumerate(concepts)
                if c.headword not in {d.headword for d in concepts[:i]}]
    segments = []
    for number in range(400):
        source, target = [], []
        for _ in range(rng.randint(0, 3)):
            concept = rng.choice(concepts)
            source.append(concept.headword + rng.choice(chars))
            term = rng.choice(concept.en)
            text = term.text
            roll = rng.random()
            if roll < 0.2:
                text = text.replace(" ", "-")
            elif roll < 0.3:
                text += "s"
            elif roll < 0.35:
                text = text.upper()
            elif roll < 0.45:
                text = ""
            elif roll < 0.5:  # full-width letters: the matcher folds them (NFKC)
                text = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c
                               for c in text)
            elif roll < 0.55:  # a closed compound: stems present, words not
                text = text.replace(" ", "")
            elif roll < 0.6:  # only part of a multi-word rendering
                text = text.split(" ")[0]
            elif roll < 0.65:  # inflected inside: "networks policy"
                text = text.replace(" ", "s ", 1) if " " in text else text + "ing"
            target.append(text + " " + rng.choice(words))
        if rng.random() < 0.1:
            source.append(rng.choice(["3个月", "42%", "十大", "10月"]))
            target.append(rng.choice(["three months", "42%", "ten", "October", "", "9"]))
        segments.append(Segment(str(number), "".join(source) + "。", " ".join(target),
                                line=number + 1))
    return TermBase(tuple(concepts)), segments


@pytest.mark.parametrize("seed", range(8))
def test_fast_lane_agrees_with_full_checks_on_random_workloads(seed: int) -> None:
    termbase, segments = _workload(seed)
    fast, full = _both(termbase, segments)
    assert _key(fast) == _key(full)
    assert full  # the workload has findings, so agreement means something


def test_fast_lane_agrees_on_the_article_with_broken_terms() -> None:
    termbase = read_dir(GLOSSARY)
    import polib

    entries = polib.pofile(str(TRANSLATIONS / "article.po"))
    segments = [Segment(e.msgctxt, e.msgid, e.msgstr, line=e.linenum) for e in entries]
    broken = [replace(s, target=s.target.replace("dual-gigabit", "double gigabit")
                      .replace("Ministry of Finance", "Treasury").replace("SMEs", "firms"))
              for s in segments]
    for batch in (segments, broken):
        fast, full = _both(termbase, batch)
        assert _key(fast) == _key(full)


@needs_shared
def test_fast_lane_agrees_on_real_files() -> None:
    termbase = read_dir(GLOSSARY)
    paths = sorted(INTEROP.glob("po/*.po")) + sorted(
        p for p in INTEROP.glob("xliff/*.xlf") if "INVALID" not in p.name)  # negative tests
    for path in paths:  # (files without a Chinese or English side are skipped by both)
        fast = check_paths([path], termbase, CheckOptions(fast_lane=True, keep_going=True))
        full = check_paths([path], termbase, CheckOptions(fast_lane=False, keep_going=True))
        assert _key(fast.findings) == _key(full.findings), path.name


@pytest.mark.parametrize(("target", "expected"), [
    ("We grow the digital economy.", "clean"),
    ("We grow the online trade.", "missing"),        # no stem of "digital economy" at all
    # every stem is there, so it could be inflected: the inflection-tolerant matcher decides
    # for this concept alone, and the segment stays in the fast lane
    ("We grow digital economies.", "clean"),
    ("We grow digitally economic.", "missing"),
    ("We grow the numeric economy.", "full"),        # a forbidden rendering may be there
    ("We grow the ｄｉｇｉｔａｌ economy.", "full"),  # full-width: not NFKC
])
def test_what_the_fast_lane_decides(target: str, expected: str) -> None:
    from policyglossary.checking.fastlane import quick_observation
    from policyglossary.matching.chinese import normalize_source
    from policyglossary.matching.matcher import Matcher

    matcher = Matcher(TermBase((Concept("c1", (Term("数字经济"),), (
        Term("digital economy"), Term("numeric economy", "forbidden", reason="r"))),)))
    source = normalize_source("发展数字经济")
    result = quick_observation(matcher, 0, source, matcher.find_matches_many([source])[0], target,
                               "translated")
    if expected == "full":
        assert result is None
    else:
        assert result is not None
        observation, missing = result
        assert [m[0] for m in missing] == ([0] if expected == "missing" else [])
        assert observation.used == ([] if expected == "missing" else [(0, 0)])


def test_numbers_in_the_source_take_the_full_checks() -> None:
    from policyglossary.checking.fastlane import quick_observation
    from policyglossary.matching.chinese import normalize_source
    from policyglossary.matching.matcher import Matcher

    matcher = Matcher(TermBase((Concept("c1", (Term("双千兆"),), (Term("dual-gigabit"),)),)))
    source = normalize_source("推进双千兆网络建设")  # 千 is a numeral
    assert quick_observation(matcher, 0, source, matcher.find_matches_many([source])[0],
                             "Build dual-gigabit networks.", "translated") is None


# ---------------------------------------------------------------- the lane and the registry

def _spy(seen: list[str]) -> CheckInfo:
    def spy(unit: Unit, ctx: CheckContext) -> Iterator[Finding]:
        seen.append(unit.segment.id)
        return iter(())
    return CheckInfo("spy", "info", "Records every segment it is given.", segment_check=spy)


def _clean_segments() -> tuple[TermBase, list[Segment]]:
    """Segments the fast lane settles: every term rendered verbatim, no numbers, no notes."""
    termbase = TermBase((Concept("new-growth-drivers", (Term("新动能"),),
                                 (Term("new growth drivers"), Term("new kinetic energy",
                                                                   "forbidden"))),))
    segments = [Segment(f"s{n}", f"培育新动能{'很' * n}。", "Foster new growth drivers.",
                        line=n + 1) for n in range(5)]
    return termbase, segments


def test_a_check_that_has_not_opted_in_sees_every_segment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    termbase, segments = _clean_segments()
    seen: list[str] = []
    monkeypatch.setitem(CHECKS, "spy", _spy(seen))
    session = CheckSession(termbase)
    assert not session.fast_lane
    session.add(segments, "x.po")
    assert seen == [s.id for s in segments]
    assert session.finish().findings == []


def test_the_lane_skips_the_checks_that_opted_in_on_clean_segments(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The counterpart: the same segments never reach a check that opted in, so the test
    above shows the registry turning the lane off, not a lane that never runs."""
    termbase, segments = _clean_segments()
    seen: list[str] = []
    monkeypatch.setitem(CHECKS, "spy", replace(_spy(seen), fast_lane=True))
    session = CheckSession(termbase)
    assert session.fast_lane
    session.add(segments, "x.po")
    assert seen == []


def test_disabling_the_check_that_has_not_opted_in_turns_the_lane_back_on(
        monkeypatch: pytest.MonkeyPatch) -> None:
    termbase, _ = _clean_segments()
    monkeypatch.setitem(CHECKS, "spy", _spy([]))
    assert CheckSession(termbase, CheckOptions(disabled=frozenset({"spy"}))).fast_lane


def test_every_shipped_check_declares_the_lane() -> None:
    """The six shipped checks opted in, each for the reason in `checking/fastlane.py`'s
    docstring; a new one is off until someone writes that reason down."""
    assert {info.id for info in CHECKS.values() if info.fast_lane} == set(ORDER)
