"""The project's translation of the seed article with errors a reviewer would catch.

Each error is made inside one segment's msgstr (found by its msgctxt), by a change that does
not depend on the rest of the sentence, so that a revised translation keeps them.
"""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import TRANSLATIONS

EDITS = (
    # term-forbidden 双千兆 and term-missing “双千兆”协同发展
    ("p22.s03", "dual-gigabit networks", "double gigabit networks"),
    # number-mismatch 42%
    ("p21.s02", "42%", "40%"),
    # term-missing 十大重点行业稳增长工作方案
    ("p09.s01", "ten key industries", "key industries"),
    # term-inconsistent 专精特新
    ("p12.s05", "specialized, refined, distinctive and innovative",
     "specialized, refined, differential and innovative"),
)
FINDINGS = 5
"""What `check` reports on it: 3 errors, 2 warnings."""


def seeded_translation(folder: Path, name: str = "article.po") -> Path:
    text = (TRANSLATIONS / "article.po").read_text(encoding="utf-8")
    for segment, old, new in EDITS:
        entry = re.search(rf'msgctxt "{re.escape(segment)}"\nmsgid "[^\n]*"\n(msgstr "[^\n]*")\n',
                          text)
        assert entry is not None and old in entry.group(1), (segment, old)
        edited = entry.group(1).replace(old, new, 1)
        text = text[:entry.start(1)] + edited + text[entry.end(1):]
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, segment: str) -> int:
    """The line `check` reports for a segment of the seeded file (its msgid's)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(f'msgctxt "{segment}"') + 2
