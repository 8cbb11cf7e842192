"""Streamed reports and the findings spool give exactly what the in-memory versions give."""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from policyglossary.checking.spool import FindingSpool
from policyglossary.cli.progress import render
from policyglossary.model import SEVERITIES, Finding
from policyglossary.report import findings as report

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
spans = st.one_of(st.none(), st.tuples(st.integers(0, 5), st.integers(5, 9)))

findings = st.builds(
    Finding, rule=st.sampled_from(["term-missing", "untranslated", "segment-inconsistent"]),
    severity=st.sampled_from(SEVERITIES), message=texts,
    file=st.sampled_from(["a.po", "b.tmx", "c d.xlf"]),
    line=st.one_of(st.none(), st.integers(1, 30)), segment=st.one_of(st.none(), texts),
    term=st.one_of(st.none(), texts), concept=st.one_of(st.none(), texts),
    span_in=st.sampled_from(["source", "target"]), span=spans,
    excerpt=st.text(min_size=10, max_size=12),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(findings, max_size=8), st.dictionaries(st.sampled_from(["files", "x"]),
                                                       st.lists(texts, max_size=3)))
def test_streamed_json_is_what_json_dumps_writes(items: list[Finding],
                                                extra: dict[str, list[str]]) -> None:
    document = {"findings": [report.finding_record(f) for f in items],
                "summary": report.severity_summary(items), **extra}
    expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    streamed = "".join(report.findings_json_chunks(iter(items), report.severity_summary(items), extra))
    assert streamed == expected


ORDER = {"a.po": 0, "b.tmx": 1, "c d.xlf": 2}


def _key(finding: Finding) -> tuple[int, int]:
    return ORDER[finding.file], finding.line or 0


@settings(max_examples=150, deadline=None)
@given(st.lists(findings, max_size=60), st.lists(findings, max_size=10),
       st.integers(1, 7))
def test_spool_order_is_a_stable_sort(items: list[Finding], late: list[Finding],
                                      run_limit: int) -> None:
    """Spilled runs merged with the late findings: the order one stable sort of everything
    (late ones after the others on the same line) gives, however small the runs."""
    spool = FindingSpool(_key, run_limit=run_limit)
    spool.extend(items)
    later = FindingSpool(_key, run_limit=run_limit)
    later.extend(late)
    expected = sorted(items + sorted(late, key=_key), key=_key)
    assert list(spool.merged(later)) == expected
    assert list(spool.merged(later)) == expected  # a second pass reads the runs again
    assert spool.counts == Counter(f.severity for f in items)
    spool.close()


def test_spool_spills_to_disk_past_its_limit() -> None:
    spool = FindingSpool(_key, run_limit=10)
    spool.extend(Finding("r", "error", str(n), "a.po", 100 - n) for n in range(35))
    assert len(spool._runs) == 3 and len(spool._buffer) == 5
    assert [f.line for f in spool.merged()] == sorted(100 - n for n in range(35))
    assert len(spool) == 35


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(findings, max_size=25), max_size=4), st.lists(findings, max_size=10),
       st.integers(1, 7))
def test_runs_handed_over_by_workers(parts: list[list[Finding]], own: list[Finding],
                                     run_limit: int) -> None:
    """--jobs: each worker's spool is handed to the parent as compressed runs; the parent
    gives what one spool fed everything in that order would give."""
    parent = FindingSpool(_key, run_limit=run_limit)
    parent.extend(own)
    for part in parts:
        worker = FindingSpool(_key, run_limit=run_limit)
        worker.extend(part)
        parent.import_runs(worker.export_runs(), worker.counts)
        worker.close()
    everything = own + [f for part in parts for f in part]
    assert list(parent.merged()) == sorted(everything, key=_key)
    assert parent.counts == Counter(f.severity for f in everything)


def test_progress_line() -> None:
    assert render(0, 0, 0, 0.0).startswith("checking [........................]   0%  0 ")
    halfway = render(50_000, 500, 1000, 10.0)
    assert "[############............]  50%" in halfway
    assert "50,000 segments  5,000/s  ETA 0:10" in halfway
    assert "ETA" not in render(100_000, 1000, 1000, 20.0)


def test_progress_bar_draws_and_erases(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io

    from policyglossary.cli import progress

    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    stream = io.StringIO()
    bar = progress.ProgressBar(stream)
    bar(10, 5, 10)
    bar.close()
    assert stream.getvalue().startswith("\rchecking [")
    assert stream.getvalue().endswith("\r\033[K")


def test_check_reports_progress_up_to_the_total(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from policyglossary.checking.session import check_paths
    from policyglossary.formats.canonical import read_dir

    from .conftest import GLOSSARY, TRANSLATIONS

    calls: list[tuple[int, int, int]] = []
    article = TRANSLATIONS / "article.po"
    copy = tmp_path / "copy.po"
    copy.write_bytes(article.read_bytes())
    result = check_paths([article, copy], read_dir(GLOSSARY),
                         progress=lambda *a: calls.append(a))
    total = article.stat().st_size * 2
    assert calls and all(c[2] == total for c in calls)
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)  # bytes only go forward
    assert calls[-1][0] == result.segments == 94


def test_no_progress_bar_when_stderr_is_not_a_terminal(runner) -> None:  # type: ignore[no-untyped-def]
    from policyglossary.cli._app import main

    from .conftest import TRANSLATIONS

    result = runner.invoke(main, ["check", str(TRANSLATIONS / "article.po")])
    assert result.exit_code == 0
    assert "\r" not in result.output and "checking [" not in result.output


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=()), max_size=20), st.text(max_size=20),
       st.one_of(st.none(), st.integers(min_value=0, max_value=2**40)))
def test_a_record_is_written_as_the_standard_encoder_writes_it(message: str, text: str,
                                                               line: int | None) -> None:
    """orjson (the fast path) and the standard encoder give the same bytes, control
    characters, quotes, U+2028, astral characters and lone surrogates (which orjson refuses:
    the standard path takes them) included."""
    record = {"rule": "term-missing", "line": line, "message": message,
              "span": {"in": "target", "start": 0, "end": len(text), "text": text}}
    expected = json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n    ")
    assert report._record_json(record) == expected
    assert report._record_json_standard(record) == expected
