"""A progress bar for long checks, drawn on a terminal's stderr.

`check` draws it only when stderr is a terminal and `--quiet` is not given, so logs, pipes
and CI output never see control characters. The bar follows bytes read (known in advance,
unlike the number of segments in a TMX) and shows segments checked and the rate.
"""

from __future__ import annotations

import time
from typing import TextIO

WIDTH = 24
INTERVAL = 0.2
"""Seconds between redraws: often enough to look alive, rarely enough to cost nothing."""
DELAY = 1.0
"""Checks that finish within this many seconds never show a bar."""


class ProgressBar:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, segments: int, done: int, total: int, file: str = "") -> None:
        now = time.monotonic()
        if now - self.last < INTERVAL or now - self.started < DELAY:
            return
        self.last = now
        self.stream.write("\r" + render(segments, done, total, now - self.started, file)
                          + "\033[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Erase the bar, so that the summary line that follows stands alone."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


FILE_WIDTH = 32
"""Characters of the file's name shown (its end, where a long path differs)."""


def render(segments: int, done: int, total: int, elapsed: float, file: str = "") -> str:
    """`checking big.tmx [#######.........]  41%  410,000 segments  52,000/s  ETA 0:09`"""
    fraction = done / total if total else 0.0
    filled = round(fraction * WIDTH)
    rate = segments / elapsed if elapsed > 0 else 0.0
    if len(file) > FILE_WIDTH:
        file = "…" + file[-(FILE_WIDTH - 1):]
    name = f"{file} " if file else ""
    text = (f"checking {name}[{'#' * filled}{'.' * (WIDTH - filled)}] {fraction:4.0%}  "
            f"{segments:,} segments  {rate:,.0f}/s")
    if 0 < fraction < 1 and elapsed > 0:
        left = round(elapsed * (1 - fraction) / fraction)
        text += f"  ETA {left // 60}:{left % 60:02d}"
    return text
