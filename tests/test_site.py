"""policyglossary site: the pages, the search index, and writing the folder safely."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from policyglossary import api
from policyglossary.cli._app import main
from policyglossary.model import Term
from policyglossary.report.site import MARKER, site_files

from .conftest import GLOSSARY, concept, termbase


def test_site_command_writes_a_page_per_concept(runner, tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = runner.invoke(main, ["site", "-o", str(out), "-t", str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    data = api.load_termbase(GLOSSARY)
    assert result.stderr == f"{out}: {len(data)} concepts, {len(data) + 6} files\n"
    pages = sorted(p.stem for p in (out / "concepts").glob("*.html"))
    assert pages == sorted(c.id for c in data)
    for page in [out / "index.html", *(out / "concepts").glob("*.html")]:
        tree = lxml.html.parse(str(page))
        for href in tree.xpath("//@href | //@src"):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue  # a source
            assert not parts.scheme and not parts.netloc, href  # nothing else leaves the site
            assert (page.parent / parts.path).resolve().exists(), (page, href)
    assert not list(tmp_path.glob(".public.*"))  # no staging folder left


def test_a_concept_page_has_every_field(tmp_path: Path) -> None:
    files = dict(site_files(api.load_termbase(GLOSSARY)))
    page = files["concepts/dual-gigabit.html"].decode()
    tree = lxml.html.fromstring(page)
    assert tree.xpath("string(//h1)") == "双千兆"
    rows = {r.xpath("string(td[1])"): [r.get("class"), r.xpath("string(td[2])"),
                                       r.xpath("string(td[4])")]
            for r in tree.xpath("//table[@id='renderings']/tr[td]")}
    assert rows["double gigabit"][:2] == ["st-forbidden", "forbidden"]
    assert rows["double gigabit"][2] == ("Calque; reads like 2 Gbps; official Xinhua/gov.cn "
                                         "form is dual-gigabit · use: dual-gigabit")
    assert rows["dual-gigabit"][:2] == ["st-preferred", "preferred"]
    assert "雙千兆" in tree.xpath("string(//table[1])")
    data = api.load_termbase(GLOSSARY).by_id()["dual-gigabit"]
    assert tree.xpath("//dd/ul/li/a/@href") == list(data.sources)
    assert tree.xpath("//dd/a/@href") == ["../index.html#subject-telecom"]
    assert tree.xpath("string(//dd/span[@lang='zh-CN']/mark)") == "双千兆"  # the context
    assert data.definition in tree.xpath("string(//dl)")


def test_hostile_text_is_escaped_and_only_web_links_are_links() -> None:
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    item = concept("x-y", "测试", [("test", "preferred"), (hostile, "forbidden")],
                   definition=hostile, context=hostile,
                   sources=("javascript:alert(3)", "Xinhua, 2023-12-25", "https://a.example/?q=<b>"))
    files = dict(site_files(termbase(item), title=hostile))
    page = files["concepts/x-y.html"].decode()
    index = files["index.html"].decode()
    for text in (page, index):
        assert "<script>alert" not in text and "<img" not in text
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//dd//a/@href") == ["https://a.example/?q=<b>"]
    assert "javascript:alert(3)" in tree.xpath("string(//dl)")
    assert tree.xpath("string(//h1)") == "测试"
    assert hostile in tree.xpath("string(//title)")
    script = files["assets/search-index.js"].decode()
    assert "<" not in script


def test_search_index_is_a_script_with_every_form() -> None:
    files = dict(site_files(api.load_termbase(GLOSSARY)))
    script = files["assets/search-index.js"].decode()
    prefix = "window.PG_SEARCH = "
    assert script.startswith(prefix) and script.endswith(";\n")
    data = json.loads(script[len(prefix):-2])
    entry = next(c for c in data["concepts"] if c["id"] == "dual-gigabit")
    assert ["zh-Hant", "雙千兆", "preferred", "雙千兆"] in entry["zh_terms"]
    assert ["double gigabit", "forbidden", "doublgigabit"] in entry["en_terms"]
    assert data["t2s"]["雙"] == "双"
    assert "乾" in data["t2s"] or "干" not in "".join(c["zh"] for c in data["concepts"])


def test_explicit_regional_forms_are_marked_not_derived() -> None:
    item = concept("digital-economy", "数字经济", "digital economy")
    item = type(item)(item.id, (Term("数字经济", tw="數位經濟"),), item.en,
                      sources=item.sources)
    page = dict(site_files(termbase(item)))["concepts/digital-economy.html"].decode()
    assert '<td lang="zh-TW">數位經濟</td>' in page
    assert '<td lang="zh-Hant">數字經濟 <small>(derived)</small></td>' in page


def test_the_folder_is_replaced_only_when_it_is_an_earlier_site(runner, tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["site", "-o", str(out), "-t", str(GLOSSARY)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {out}: the folder is not empty and was not written by "
                             "`policyglossary site`; choose a new or empty folder\n")
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    (out / "notes.txt").unlink()
    assert runner.invoke(main, ["site", "-o", str(out), "-t", str(GLOSSARY)]).exit_code == 0
    (out / "concepts" / "stale.html").write_text("old", encoding="utf-8")
    assert (out / MARKER).is_file()
    assert runner.invoke(main, ["site", "-o", str(out), "-t", str(GLOSSARY)]).exit_code == 0
    assert not (out / "concepts" / "stale.html").exists()  # replaced as a whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    result = runner.invoke(main, ["site", "-o", str(afile), "-t", str(GLOSSARY)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {afile}: is a file; site writes a folder\n"


def test_an_interrupted_write_leaves_the_earlier_site(tmp_path: Path) -> None:
    from policyglossary.api._site import write_folder

    out = tmp_path / "public"
    write_folder(out, site_files(termbase(concept("a", "甲", "first"))))
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def broken():
        yield "index.html", b"new"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_folder(out, broken())
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert (out / "index.html").read_bytes() != b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]
