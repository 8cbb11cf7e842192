"""The check session: which files a run reads, in which order findings come out, what a
--jobs worker hands back (a worker's Partial absorbed gives what one session gives), and the
fast lane's agreement with the full checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyglossary.checking.session import (
    CheckOptions,
    CheckSession,
    check_paths,
    expand_paths,
)
from policyglossary.errors import InputError, UsageError
from policyglossary.model import Concept, Finding, Segment, Term, TermBase

SRDI = Concept("srdi", (Term("专精特新"),), (
    Term("specialized, refined, distinctive and innovative"),
    Term("specialized and sophisticated", "admitted"), Term("little giant", "forbidden")))
GIGABIT = Concept("dual-gigabit", (Term("双千兆"),), (
    Term("dual-gigabit"), Term("double gigabit", "forbidden", reason="calque")))
TERMBASE = TermBase((SRDI, GIGABIT))
FULL = "specialized, refined, distinctive and innovative firms"
OTHER = "specialized and sophisticated firms"


def _segments() -> list[Segment]:
    """Every kind of finding, exemptions and repeats, spread over the list."""
    items = []
    for n in range(60):
        if n % 10 == 3:
            items.append(Segment(f"s{n}", "专精特新企业", OTHER, line=n + 1))
        elif n % 10 == 5:
            items.append(Segment(f"s{n}", "推进双千兆", "build double gigabit networks",
                                 line=n + 1, notes=("policyglossary: ignore all",)
                                 if n == 45 else ()))
        elif n % 10 == 7:
            items.append(Segment(f"s{n}", "稳工业关键要稳企业。", f"Stable firms {n % 3}.",
                                 line=n + 1, notes=("policyglossary: ignore segment-"
                                                    "inconsistent",) if n == 17 else ()))
        elif n % 10 == 9:
            items.append(Segment(f"s{n}", "占比达42%", "accounts for 40%", line=n + 1,
                                 state="needs-review" if n == 19 else "translated"))
        else:
            items.append(Segment(f"s{n}", "专精特新企业", FULL, line=n + 1))
    return items


def _one_session(segments: list[Segment], files: list[str]) -> list[Finding]:
    session = CheckSession(TERMBASE)
    for file, part in zip(files, _split(segments, len(files)), strict=True):
        session.add(part, file)
    return session.finish().findings


def _split(segments: list[Segment], parts: int) -> list[list[Segment]]:
    size = -(-len(segments) // parts)
    return [segments[i * size:(i + 1) * size] for i in range(parts)]


@pytest.mark.parametrize(("parts", "files"), [(3, 1), (4, 2)], ids=["one file", "two files"])
def test_workers_partials_absorbed_in_order_give_one_sessions_findings(parts: int,
                                                                       files: int) -> None:
    """What --jobs does, without forking: each part checked by a spawned session, its
    Partial absorbed by the parent in file order, collectors' state included."""
    segments = _segments()
    names = [f"f{n}.po" for n in range(files)]
    expected = _one_session(segments, names)
    parent = CheckSession(TERMBASE)
    pieces = _split(segments, parts)
    for index, piece in enumerate(pieces):
        worker = parent.spawn()
        assert worker.matcher is parent.matcher and worker.options is parent.options
        worker.add(piece, names[index * files // parts])
        parent.absorb(worker.partial())
    result = parent.finish()
    assert result.findings == expected
    assert result.segments == len(segments) and result.files == names
    assert {f.rule for f in expected} == {"term-missing", "term-forbidden", "term-inconsistent",
                                          "segment-inconsistent", "untranslated",
                                          "number-mismatch"}
    exempted = {f.segment for f in expected} & {"s17", "s45"}
    assert not exempted and "s15" in {f.segment for f in expected}


def test_findings_come_in_file_then_line_order_collectors_last_on_a_line() -> None:
    session = CheckSession(TERMBASE)
    session.add([Segment("b1", "专精特新企业", f"{OTHER}, little giant", line=5),
                 Segment("b2", "双千兆", "double gigabit", line=2)], "b.po")
    session.add([Segment("a1", "专精特新企业", FULL, line=9),
                 Segment("a2", "专精特新企业", FULL, line=1)], "a.po")
    findings = session.finish().findings
    assert [(f.file, f.line, f.rule) for f in findings] == [
        ("b.po", 2, "term-missing"), ("b.po", 2, "term-forbidden"),
        ("b.po", 5, "term-forbidden"), ("b.po", 5, "term-inconsistent"),
        ("b.po", 5, "segment-inconsistent"),
    ]


def test_a_result_can_be_read_twice() -> None:
    session = CheckSession(TERMBASE)
    session.add(_segments(), "x.po")
    result = session.finish()
    first = list(result.iter_findings())
    assert first == list(result.iter_findings()) == result.findings
    assert result.counts == {"error": sum(f.severity == "error" for f in first),
                             "warning": sum(f.severity == "warning" for f in first),
                             "info": 0}


@pytest.mark.parametrize(("marked", "reported"), [
    (2, []),                 # the odd one out is exempt
    (0, ["s2"]),             # an exemption on the usual one does not hide the odd one
], ids=["on the odd one", "on another"])
def test_collector_findings_respect_the_segment_they_name(marked: int,
                                                          reported: list[str]) -> None:
    segments = [Segment(f"s{n}", "稳企业。", "Stable firms." if n < 2 else "Firms, stable.",
                        line=n + 1, notes=("policyglossary: ignore segment-inconsistent",)
                        if n == marked else ()) for n in range(3)]
    session = CheckSession(TERMBASE)
    session.add(segments, "x.po")
    assert [f.segment for f in session.finish().findings] == reported


def test_unknown_disabled_check_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        CheckSession(TERMBASE, CheckOptions(disabled=frozenset({"term-misssing"})))
    assert str(caught.value) == ("unknown check 'term-misssing'; known: term-missing, "
                                 "term-forbidden, term-inconsistent, segment-inconsistent, "
                                 "untranslated, number-mismatch")


def test_disabled_checks_report_nothing_even_from_the_fast_lane() -> None:
    options = CheckOptions(disabled=frozenset({"term-missing", "term-inconsistent"}))
    session = CheckSession(TERMBASE, options)
    assert session.fast_lane
    session.add(_segments(), "x.po")
    rules = {f.rule for f in session.finish().findings}
    assert "term-missing" not in rules and "term-inconsistent" not in rules
    assert "term-forbidden" in rules


@pytest.mark.parametrize("fast", [
    True,
    pytest.param(False, marks=pytest.mark.xfail(strict=True, reason=(
        "bug: the full matcher drops the apostrophe of a possessive and joins the letters, "
        "and a three-letter word is not stemmed, so \"AI's\" (AIs) is not the admitted "
        "acronym AI: 人工智能的潜力 → \"AI's potential\" is term-missing with the project's "
        "own term base whenever the fast lane does not take the segment (one with a "
        "translator's note, say); the lane finds AI verbatim and reports nothing"))),
], ids=["fast lane", "full checks"])
def test_the_possessive_of_an_acronym_is_the_acronym(fast: bool) -> None:
    termbase = TermBase((Concept("ai", (Term("人工智能"),), (
        Term("artificial intelligence"), Term("AI", "admitted", "acronym",
                                              case_sensitive=True))),))
    session = CheckSession(termbase, CheckOptions(fast_lane=fast))
    session.add([Segment("1", "人工智能的潜力", "AI's potential", line=1)], "a.po")
    assert session.finish().findings == []


# ------------------------------------------------------------------ files


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    po = 'msgid "双千兆"\nmsgstr "double gigabit"\n'
    for name in ("b.po", "A.PO", "sub/c.tsv", "sub/deeper/d.xlf", ".hidden/e.po",
                 ".dot.po", "notes.txt", "z/.f.po"):
        path = tmp_path / "tree" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(po, encoding="utf-8")
    return tmp_path / "tree"


def test_folders_are_searched_recursively_in_sorted_order(tree: Path) -> None:
    found = [display for _, display in expand_paths([tree])]
    assert found == [str(tree / "A.PO"), str(tree / "b.po"), str(tree / "sub" / "c.tsv"),
                     str(tree / "sub" / "deeper" / "d.xlf")]


def test_a_file_named_on_the_command_line_is_taken_as_given(tree: Path,
                                                           monkeypatch: pytest.MonkeyPatch) \
        -> None:
    monkeypatch.chdir(tree)
    assert expand_paths(["notes.txt", "./b.po"]) == [(Path("notes.txt"), "notes.txt"),
                                                     (Path("b.po"), "./b.po")]


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^no files to check$"):
        check_paths([tmp_path], TERMBASE)


def test_keep_going_reports_unreadable_files_and_checks_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.po"
    good.write_text('msgid "双千兆"\nmsgstr "double gigabit"\n', encoding="utf-8")
    missing = tmp_path / "missing.po"
    with pytest.raises(InputError):
        check_paths([missing, good], TERMBASE)
    ticks: list[tuple[int, int, int, str]] = []
    result = check_paths([missing, good], TERMBASE, CheckOptions(keep_going=True),
                         lambda *tick: ticks.append(tick))
    assert [str(p) for p in result.failures] == [f"{missing}: no such file"]
    assert result.files == [str(missing), str(good)]
    assert {f.file for f in result.findings} == {str(good)}
    # (segments, bytes read, bytes in all files, the file being read)
    assert ticks[-1][1:] == (good.stat().st_size, good.stat().st_size, str(good))


def test_an_empty_file_is_a_warning(tmp_path: Path) -> None:
    empty = tmp_path / "empty.po"
    empty.write_text("", encoding="utf-8")
    result = check_paths([empty], TERMBASE)
    assert result.warnings == [f"{empty}: no segments (an empty file?)"]
    assert result.segments == 0 and result.findings == []


def test_a_forced_format_reads_any_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("source,target\n双千兆,double gigabit\n", encoding="utf-8")
    result = check_paths([path], TERMBASE, CheckOptions(format="csv"))
    assert [(f.rule, f.line) for f in result.findings] == [("term-missing", 2),
                                                           ("term-forbidden", 2)]
