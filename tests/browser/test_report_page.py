"""The HTML check report in headless Chromium: filters, groups, pages, lookup cards, escaping."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from policyglossary.cli._app import main

from ..conftest import GLOSSARY
from ..seeded import FINDINGS, seeded_translation
from .conftest import open_page, screenshot


def _report(folder: Path, source: Path, *extra: str, termbase: str = str(GLOSSARY)) -> Path:
    out = folder / f"{source.stem}.html"
    result = CliRunner().invoke(main, ["check", str(source), "-t", termbase, "-f", "html",
                                       "-o", str(out), *extra])
    assert result.exit_code in (0, 1), result.output
    return out


@pytest.fixture(scope="module")
def seeded_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    (folder / "translations").mkdir()
    seeded_translation(folder / "translations")
    here = Path.cwd()
    (folder / "glossary").symlink_to(GLOSSARY, target_is_directory=True)
    os.chdir(folder)  # the report names the files as given: translations/article.po, glossary
    try:
        return folder / _report(Path(), Path("translations/article.po"), termbase="glossary")
    finally:
        os.chdir(here)


def _select(driver: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", element_id)).select_by_value(value)


def _shown(driver: Any) -> list[Any]:
    return driver.find_elements("css selector", "#list article.finding")


def test_filter_by_rule_and_open_the_lookup_card(browser: Any, seeded_report: Path,
                                                 tmp_path: Path) -> None:
    open_page(browser, seeded_report)
    assert browser.find_element("id", "status").text == f"Showing 1–{FINDINGS} of " \
                                                        f"{FINDINGS} findings"
    assert browser.find_element("id", "counts").text == "3 errors, 2 warnings, 0 infos"
    assert len(_shown(browser)) == FINDINGS
    buttons = [b for b in browser.find_elements("css selector", "button.term")
               if b.text == "双千兆 (dual-gigabit)"]
    buttons[0].click()
    assert browser.find_element("id", "card").is_displayed()
    screenshot(browser, "report.png", tmp_path)
    browser.find_element("css selector", "#card .close").click()

    _select(browser, "f-rule", "term-forbidden")
    (finding,) = _shown(browser)
    assert finding.find_element("css selector", ".target mark.rendering").text == \
        "double gigabit"
    assert finding.find_element("css selector", ".source mark.term").text == "双千兆"
    assert "[segment p22.s03]" in finding.find_element("css selector", ".where").text
    assert browser.find_element("id", "status").text == \
        f"Showing 1–1 of 1 finding ({FINDINGS} in all)"

    finding.find_element("css selector", "button.term").click()
    card = browser.find_element("id", "card")
    assert card.is_displayed()
    assert card.find_element("tag name", "h3").text == "双千兆"
    cells = [r.find_elements("tag name", "td")
             for r in card.find_elements("css selector", "tr.term-row")]
    rows = {row[1].text: row for row in cells}
    assert rows["double gigabit"][2].text == "forbidden"
    assert "Calque" in rows["double gigabit"][3].text
    assert "use: dual-gigabit" in rows["double gigabit"][3].text
    assert rows["dual-gigabit"][2].text == "preferred"
    assert [row[0].text for row in cells if row[1].text == "雙千兆"] == \
        ["zh-Hant", "zh-TW", "zh-HK"]
    links = card.find_elements("css selector", "dd a")
    assert links and all(a.get_attribute("href").startswith("http") for a in links)
    browser.find_element("css selector", "#card .close").click()
    assert not card.is_displayed()


def test_severity_text_and_grouping(browser: Any, seeded_report: Path) -> None:
    open_page(browser, seeded_report)
    browser.find_element("id", "f-error").click()  # errors off
    assert {f.find_element("css selector", ".badge").text for f in _shown(browser)} == \
        {"WARNING"}
    assert len(_shown(browser)) == 2
    browser.find_element("id", "f-error").click()
    browser.find_element("id", "f-text").send_keys("42%")
    (finding,) = _shown(browser)
    assert finding.find_element("css selector", "mark.term").text == "42%"
    browser.find_element("id", "f-text").clear()
    browser.execute_script("document.getElementById('f-text').dispatchEvent("
                           "new Event('input'))")
    _select(browser, "group", "term")
    headings = [h.text for h in browser.find_elements("css selector", "h2.group")]
    assert "双千兆 (dual-gigabit) (1)" in headings
    assert "(no term) (1)" in headings
    _select(browser, "f-term", "dual-gigabit")
    assert len(_shown(browser)) == 1


def test_ten_thousand_findings_are_paged(browser: Any, tmp_path: Path) -> None:
    po = tmp_path / "many.po"
    with po.open("w", encoding="utf-8") as handle:
        for i in range(10_000):
            handle.write(f'msgctxt "s{i}"\nmsgid "推进双千兆网络建设"\n'
                         f'msgstr "double gigabit and dual-gigabit networks"\n\n')
    report = _report(tmp_path, po)
    open_page(browser, report)
    assert browser.find_element("id", "status").text == "Showing 1–100 of 10,000 findings"
    assert len(_shown(browser)) == 100
    assert browser.find_element("id", "page").text == "page 1 of 100"
    browser.find_element("id", "next").click()
    assert browser.find_element("id", "status").text.startswith("Showing 101–200 of 10,000")
    assert "[segment s100]" in _shown(browser)[0].find_element("css selector", ".where").text
    browser.find_element("id", "f-text").send_keys("s9999")  # the segment id
    assert browser.find_element("id", "status").text.startswith("Showing 1–1 of 1 finding")


def test_markup_in_segments_is_shown_as_text(browser: Any, tmp_path: Path) -> None:
    hostile = '</script><script>window.pwned = 1</script><img src=x onerror="window.pwned=2">'
    po = tmp_path / "hostile.po"
    quoted = hostile.replace('"', '\\"')
    po.write_text(f'msgctxt "x"\nmsgid "推进双千兆网络建设{quoted}"\n'
                  f'msgstr "build double gigabit networks {quoted}"\n', encoding="utf-8")
    open_page(browser, _report(tmp_path, po))
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.find_elements("css selector", "#list img, #list script") == []
    texts = [f.find_element("css selector", ".target").text for f in _shown(browser)]
    assert texts and all(hostile in t for t in texts)
    assert len(_shown(browser)) == 2  # term-missing and term-forbidden


def test_the_counts_say_what_a_baseline_suppressed(browser: Any, tmp_path: Path) -> None:
    import json

    seeded = seeded_translation(tmp_path)
    baseline = tmp_path / "b.json"
    CliRunner().invoke(main, ["check", str(seeded), "-t", str(GLOSSARY), "--write-baseline",
                              str(baseline)])
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    baseline.write_text(json.dumps({"policyglossary-baseline": 1, "entries": [
        *entries[:2], {"fingerprint": "gone"}]}), encoding="utf-8")
    open_page(browser, _report(tmp_path, seeded, "--baseline", str(baseline)))
    assert browser.find_element("id", "counts").text == (
        f"2 errors, 1 warning, 0 infos · 2 suppressed by the baseline {baseline}, "
        "1 stale entry")
    assert len(_shown(browser)) == FINDINGS - 2
