"""The compiled hash matcher finds exactly what the ahocorasick-rs automaton finds
(leftmost-longest, and every occurrence for nested terms), on random term sets and texts:
Simplified, Traditional, mixed scripts, Latin, overlapping and nested terms, astral
characters. The fallback is chosen by POLICYGLOSSARY_PURE, and `--version` says which."""

from __future__ import annotations

import subprocess
import sys

import ahocorasick_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyglossary.matching import automaton

_hashmatch = pytest.importorskip(
    "policyglossary.matching._hashmatch",
    reason="the C extension was not built (no compiler at install time)")

# Characters terms and texts are made of: Simplified and Traditional forms of the same
# words, Latin letters and digits (5G, AI), full-width forms, punctuation, astral CJK
# (U+20000 and up, outside the BMP), and a character of each Unicode storage width.
ALPHABET = "中小企业業局发發展數字数经济经濟5GAIａ“”，。𠀀𠀁𪚥é"
terms = st.lists(st.text(st.sampled_from(ALPHABET), min_size=1, max_size=6),
                 min_size=1, max_size=25, unique=True)
texts = st.lists(st.text(st.sampled_from(ALPHABET), max_size=60), max_size=8)


def _reference(patterns: list[str]) -> tuple[object, object]:
    longest = ahocorasick_rs.AhoCorasick(patterns,
                                         matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return longest, ahocorasick_rs.AhoCorasick(patterns)


@settings(max_examples=400, deadline=None)
@given(terms, texts)
def test_leftmost_longest_matches_are_the_automatons(patterns: list[str],
                                                     samples: list[str]) -> None:
    longest, _ = _reference(patterns)
    compiled = _hashmatch.HashMatcher(patterns)
    expected = [longest.find_matches_as_indexes(text) for text in samples]  # type: ignore[attr-defined]
    assert compiled.find_many(samples) == expected
    assert [compiled.find(text) for text in samples] == expected


@settings(max_examples=300, deadline=None)
@given(terms, st.text(st.sampled_from(ALPHABET), max_size=40))
def test_overlapping_matches_are_the_automatons(patterns: list[str], text: str) -> None:
    _, overlapping = _reference(patterns)
    expected = overlapping.find_matches_as_indexes(text, overlapping=True)  # type: ignore[attr-defined]
    assert automaton.HashMatcher(_hashmatch.HashMatcher(patterns)).find_overlapping(text) \
        == expected
    assert automaton.AhoCorasick(patterns).find_overlapping(text) == expected


@pytest.mark.parametrize(("patterns", "text", "expected"), [
    # the longest of the terms that start leftmost wins, then the search goes on after it
    (["中小企业", "中小企业局", "企业"], "促进中小企业局发展", [(1, 2, 7)]),
    (["企业", "小企"], "中小企业", [(1, 1, 3)]),
    # a one-character term, and one inside a longer match that is not reported
    (["局", "企业局"], "局企业局", [(0, 0, 1), (1, 1, 4)]),
    # astral characters count as one each, as Python indexes str
    (["𠀀𠀁", "𪚥"], "a𠀀𠀁b𪚥", [(0, 1, 3), (1, 4, 5)]),
    ([], "anything", []),
    (["x"], "", []),
])
def test_table(patterns: list[str], text: str, expected: list[tuple[int, int, int]]) -> None:
    for build in (automaton.build, automaton.AhoCorasick):
        found = build(patterns) if patterns else None
        assert (found.find_many([text])[0] if found else []) == expected


def test_patterns_must_be_non_empty_strings() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        _hashmatch.HashMatcher(["a", ""])
    with pytest.raises(TypeError):
        _hashmatch.HashMatcher(["a", 3])
    with pytest.raises(TypeError):
        _hashmatch.HashMatcher(["a"]).find(b"a")


def test_pure_environment_variable_chooses_the_fallback(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(automaton.PURE_ENV, raising=False)
    assert isinstance(automaton.build(["a"]), automaton.HashMatcher)
    assert automaton.backend() == "compiled (C hash matcher)"
    monkeypatch.setenv(automaton.PURE_ENV, "1")
    assert isinstance(automaton.build(["a"]), automaton.AhoCorasick)
    assert automaton.backend().startswith("pure Python fallback")
    monkeypatch.setenv(automaton.PURE_ENV, "0")
    assert isinstance(automaton.build(["a"]), automaton.HashMatcher)


@pytest.mark.parametrize(("pure", "says"), [("", "matcher: compiled (C hash matcher)"),
                                            ("1", "matcher: pure Python fallback")])
def test_version_says_which_matcher_is_in_use(pure: str, says: str) -> None:
    done = subprocess.run([sys.executable, "-m", "policyglossary", "--version"],
                          capture_output=True, text=True, check=True,
                          env={"POLICYGLOSSARY_PURE": pure, "PATH": ""})
    first, second = done.stdout.splitlines()
    assert first.startswith("policyglossary, version ")
    assert second.startswith(says)
