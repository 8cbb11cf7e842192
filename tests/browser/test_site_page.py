"""The term base site in headless Chromium: search as `lookup` does, browse, concept pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from policyglossary import api
from policyglossary.cli._app import main
from policyglossary.matching.english import english_key

from ..conftest import GLOSSARY
from .conftest import arrive, open_page, screenshot


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    result = CliRunner().invoke(main, ["site", "-o", str(out), "-t", str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    return out


def _search(driver: Any, query: str) -> list[Any]:
    box = driver.find_element("id", "q")
    box.clear()
    box.send_keys(query)
    return driver.find_elements("css selector", "#hits li.hit")


@pytest.mark.parametrize("query", ["雙千兆", "double gigabit"])
def test_search_leads_to_the_concept_with_its_forbidden_rendering(
        browser: Any, site: Path, query: str, tmp_path: Path) -> None:
    open_page(browser, site / "index.html")
    hits = _search(browser, query)
    first = hits[0]
    assert first.find_element("css selector", "a.headword").text == "双千兆"
    match = first.find_element("css selector", ".match").text
    if query == "double gigabit":
        assert match == "matched en “double gigabit” — FORBIDDEN rendering"
        screenshot(browser, "site.png", tmp_path)
    else:
        assert match == "matched zh-Hant “雙千兆” (preferred)"
    first.find_element("css selector", "a.headword").click()
    arrive(browser, "/concepts/dual-gigabit.html")
    assert browser.find_element("tag name", "h1").text == "双千兆"
    rows = {r.find_elements("tag name", "td")[0].text: r
            for r in browser.find_elements("css selector", "#renderings tr[class]")}
    forbidden = rows["double gigabit"]
    assert forbidden.get_attribute("class") == "st-forbidden"
    assert forbidden.find_element("css selector", ".status").text == "forbidden"
    donts = browser.find_element("css selector", ".donts").text
    assert "double gigabit FORBIDDEN — Calque; reads like 2 Gbps" in donts
    assert "use dual-gigabit" in donts
    if query == "雙千兆":
        screenshot(browser, "site-concept.png", tmp_path)


QUERIES = ["雙千兆", "双千兆", "千兆", "專精特新", "专精特新中小企业", "數字經濟", "“双千兆”",
           "double gigabit", "Double-Gigabit", "dual gigabit network", "SMEs", "srdi",
           "stabilizing growth", "troika", "ballast stone", "little giant", "dual-gigabit",
           "work conference", "新型工业化", "製造業", "no such term", "Ministry"]


def test_search_finds_what_lookup_finds(browser: Any, site: Path) -> None:
    """The page's search against `lookup` itself, query by query, in the same order."""
    open_page(browser, site / "index.html")
    termbase = api.load_termbase(GLOSSARY)
    for query in QUERIES:
        page = browser.execute_script(
            "return window.policyglossary.lookup(arguments[0]).map("
            "function (h) { return [h.concept.id, h.text, h.lang, h.status]; })", query)
        ours = [[h.concept.id, h.text, h.lang, h.status] for h in api.lookup(query, GLOSSARY)]
        assert page == ours, query
    texts = [t.text for c in termbase for t in c.en] + \
        ["Health-care’s", "planned economies", "stabilizes", "SMEs’ classes", "Ｆｕｌｌ width"]
    keys = browser.execute_script(
        "return arguments[0].map(window.policyglossary.englishKey)", texts)
    assert keys == [english_key(t) for t in texts]


def test_browse_by_subject_field_and_status(browser: Any, site: Path) -> None:
    from selenium.webdriver.support.ui import Select

    open_page(browser, site / "index.html")
    termbase = api.load_termbase(GLOSSARY)
    def visible() -> list[str]:  # the concept ids of the rows shown
        return browser.execute_script(
            "return Array.from(document.querySelectorAll('#browse tr[data-status]'))"
            ".filter(function (r) { return r.offsetParent !== null; })"
            ".map(function (r) { return r.querySelector('a').getAttribute('href'); })")

    assert len(visible()) == len(termbase)
    Select(browser.find_element("id", "subject")).select_by_value("telecom")
    telecom = sorted(f"concepts/{c.id}.html" for c in termbase if c.subject_field == "telecom")
    assert sorted(visible()) == telecom
    assert browser.find_element("id", "shown").text == f"{len(telecom)} shown"
    Select(browser.find_element("id", "status")).select_by_value("forbidden")
    expected = sorted(f"concepts/{c.id}.html" for c in termbase if c.subject_field ==
                      "telecom" and any(t.status == "forbidden" for t in c.en))
    assert expected and sorted(visible()) == expected


def test_the_search_box_on_a_concept_page_leads_to_the_index(browser: Any, site: Path) -> None:
    open_page(browser, site / "concepts" / "troika.html")
    box = browser.find_element("id", "q")
    box.send_keys("雙千兆")
    box.submit()
    arrive(browser, "index.html?q=")
    hits = browser.find_elements("css selector", "#hits li.hit a.headword")
    assert hits[0].text == "双千兆"
