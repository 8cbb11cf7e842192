"""The project's translation of the seed article with errors a reviewer would catch."""

from __future__ import annotations

from pathlib import Path

from .conftest import TRANSLATIONS

EDITS = (
    # term-forbidden 双千兆 and term-missing “双千兆”协同发展 (p22.s03)
    ("dual-gigabit networks", "double gigabit networks"),
    # number-mismatch 42% (p21.s02)
    ("accounting for 42%", "accounting for 40%"),
    # term-missing 十大重点行业稳增长工作方案 (p09.s01)
    ("ten key industries", "key industries"),
    # term-inconsistent 专精特新 (p12.s05)
    ("deepening the specialized, refined, distinctive and innovative philosophy",
     "deepening the specialized, refined, differential and innovative philosophy"),
)
FINDINGS = 5
"""What `check` reports on it: 3 errors, 2 warnings."""


def seeded_translation(folder: Path, name: str = "article.po") -> Path:
    text = (TRANSLATIONS / "article.po").read_text(encoding="utf-8")
    for old, new in EDITS:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
