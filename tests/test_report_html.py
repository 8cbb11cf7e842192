"""check --format html without a browser: self-contained, streamed, nothing unescaped."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from hypothesis import given
from hypothesis import strategies as st

from policyglossary.checking.context import FindingContext
from policyglossary.cli._app import main
from policyglossary.model import Finding
from policyglossary.report.html import BLOCK, html_chunks, script_json

from .conftest import GLOSSARY
from .seeded import FINDINGS, seeded_translation

HOSTILE = '</script><script>window.pwned = 1</script><!-- <img src=x onerror="pwned=2">'


def _data(page: str, kind: str) -> list:
    blocks = re.findall(rf'<script type="application/json" class="pg-{kind}">(.*?)</script>',
                        page, re.DOTALL)
    return [json.loads(b) for b in blocks]


def test_report_of_the_seeded_article(runner, tmp_path: Path) -> None:
    seeded = seeded_translation(tmp_path)
    result = runner.invoke(main, ["check", str(seeded), "-t", str(GLOSSARY), "-f", "html"])
    assert result.exit_code == 1
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    findings = [f for block in _data(page, "findings") for f in block]
    assert len(findings) == FINDINGS
    forbidden = next(f for f in findings if f["rule"] == "term-forbidden")
    start, end = forbidden["target_spans"][0]
    assert forbidden["target"][start:end] == "double gigabit"
    concepts = {k: v for block in _data(page, "concepts") for k, v in block.items()}
    assert set(concepts) == {f["concept"] for f in findings if f["concept"]}
    terms = concepts["dual-gigabit"]["terms"]
    assert {"lang": "en", "text": "double gigabit", "status": "forbidden", "reason":
            "Calque; reads like 2 Gbps; official Xinhua/gov.cn form is dual-gigabit"} in terms
    assert [t["lang"] for t in terms if t["text"] == "雙千兆"] == ["zh-Hant", "zh-TW", "zh-HK"]
    meta = json.loads(re.search(r'id="pg-meta">(.*?)</script>', page).group(1))
    assert meta["counts"] == {"error": 3, "warning": 2, "info": 0}
    assert meta["segments"] == 47 and meta["baseline"] is None


def test_the_page_needs_nothing_from_the_network(runner, tmp_path: Path) -> None:
    seeded = seeded_translation(tmp_path)
    out = tmp_path / "r.html"
    runner.invoke(main, ["check", str(seeded), "-t", str(GLOSSARY), "-f", "html", "-o",
                         str(out)])
    tree = lxml.html.parse(str(out))
    assert tree.xpath("//script[@src] | //link | //img | //iframe | //object") == []
    assert tree.xpath("//*[@src or @href]") == []
    css_and_js = " ".join(tree.xpath("//style/text() | //script[not(@type)]/text()"))
    assert "url(" not in css_and_js and "@import" not in css_and_js
    assert not re.search(r"\b(fetch|XMLHttpRequest|import\s*\()", css_and_js)


def _context(i: int, text: str = "x") -> FindingContext:
    finding = Finding("term-missing", "error", f"message {i}", "a.po", i, str(i), "双千兆",
                      f"c{i % 3}")
    return FindingContext(i, finding, text, text, [], [], [], str(i))


def test_findings_stream_out_block_by_block() -> None:
    consumed = 0

    def contexts() -> Iterator[FindingContext]:
        nonlocal consumed
        for i in range(BLOCK * 5 + 7):
            consumed += 1
            yield _context(i)

    asked: list[list[str]] = []
    meta_calls: list[int] = []

    def meta() -> dict[str, object]:
        meta_calls.append(consumed)
        return {"counts": {}}

    chunks = html_chunks(contexts(), lambda ids: asked.append(ids) or {}, meta)
    next(chunks)  # the head
    first_block = next(chunks)
    assert first_block.startswith('<script type="application/json" class="pg-findings">')
    assert consumed == BLOCK  # nothing read ahead of what was written
    rest = list(chunks)
    assert meta_calls == [BLOCK * 5 + 7]  # the counts come once everything is written
    assert asked == [["c0", "c1", "c2"]]  # each concept's record once
    assert sum(c.count('class="pg-findings"') for c in [first_block, *rest]) == 6


def test_hostile_text_cannot_end_the_data_block() -> None:
    page = "".join(html_chunks([_context(1, HOSTILE)], lambda ids: {}, lambda: {"x": HOSTILE}))
    scripts = page.count("<script")
    assert page.count("</script>") == scripts
    for markup in ("<script>window", "<!--", "<img"):
        assert markup not in page
    block = _data(page, "findings")[0][0]
    assert block["source"] == HOSTILE and block["target"] == HOSTILE


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) |
                    st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=12))
def test_script_json_round_trips_without_markup_characters(value: object) -> None:
    text = script_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_a_baseline_shows_in_the_counts(runner, tmp_path: Path) -> None:
    seeded = seeded_translation(tmp_path)
    baseline = tmp_path / "b.json"
    args = ["check", str(seeded), "-t", str(GLOSSARY)]
    runner.invoke(main, [*args, "--write-baseline", str(baseline)])
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    baseline.write_text(json.dumps({"policyglossary-baseline": 1, "entries": entries[:2]}),
                        encoding="utf-8")
    result = runner.invoke(main, [*args, "-f", "html", "--baseline", str(baseline)])
    page = result.stdout
    assert len([f for block in _data(page, "findings") for f in block]) == FINDINGS - 2
    meta = json.loads(re.search(r'id="pg-meta">(.*?)</script>', page).group(1))
    assert meta["baseline"] == {"file": str(baseline), "stale": 0,
                                "suppressed": {"error": 1, "warning": 1, "info": 0}}
    assert sum(meta["counts"].values()) == FINDINGS - 2
