"""Headless Chromium from Debian (`chromium`, `chromium-driver`) driven by Selenium: one
browser per test module. Tests skip, saying why, when either is missing (.ci/run installs
them).

Screenshots go to $POLICYGLOSSARY_SCREENSHOTS when it is set (the README's pictures in
docs/ are made so: `POLICYGLOSSARY_SCREENSHOTS=docs python -m pytest tests/browser`), else to
the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
ARGUMENTS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--window-size=1280,900")


def _missing() -> str | None:
    if CHROMIUM is None or DRIVER is None:
        return ("Chromium or its driver is not installed (apt-get install chromium "
                "chromium-driver; .ci/run installs them)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ARGUMENTS:
        options.add_argument(argument)
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
        driver.set_page_load_timeout(60)
        try:
            yield driver
        finally:
            driver.quit()


def open_page(driver: Any, path: Path | str) -> None:
    """Load a file:// page (or URL) and wait until its script has run."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.as_uri() if isinstance(path, Path) else path)
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-ready')"))


def arrive(driver: Any, url_part: str) -> None:
    """After a click or a form submission: wait until the browser is on the page whose URL
    holds `url_part` and its script has run (not the page it was leaving)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(
        lambda d: url_part in d.current_url and d.execute_script(
            "return document.readyState === 'complete' && "
            "document.body.getAttribute('data-ready')"))


def screenshot(driver: Any, name: str, fallback: Path) -> Path:
    folder = Path(os.environ.get("POLICYGLOSSARY_SCREENSHOTS") or fallback)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    assert driver.save_screenshot(str(path))
    return path
