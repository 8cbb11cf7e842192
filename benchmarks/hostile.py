"""Time and memory of refusing hostile input (issue 7's limits), one child process each.

    python benchmarks/hostile.py            # prints a table for BENCHMARKS.md

Each file is checked with `policyglossary check` against the project's term base; the table
gives the exit status, the wall time and the peak resident memory of the process. The
issue's limits: hostile XML refused in under 1 s without memory growth; workbooks answered in
under 5 s (10 s for the million-row sheet) and under 500 MB.
"""

from __future__ import annotations

import os
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import measure  # noqa: E402
from tests.robustness.helpers import (  # noqa: E402
    SHEET_HEAD,
    SHEET_TAIL,
    bilingual_sheet,
    inline_row,
    write_xlsx,
)

TMX = ('<?xml version="1.0"?>\n{prolog}<tmx version="1.4"><header srclang="zh-CN"/><body><tu>'
       '<tuv xml:lang="zh-CN"><seg>{text}</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv>'
       "</tu></body></tmx>")
XLIFF = ('<?xml version="1.0"?>\n{prolog}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:'
         'document:1.2"><file original="x" source-language="zh-CN" target-language="en" '
         'datatype="plaintext"><body><trans-unit id="1"><source>{text}</source><target>b'
         "</target></trans-unit></body></file></xliff>")


def files(folder: Path) -> list[tuple[str, Path]]:
    laughs = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    quadratic = f'<!ENTITY a "{"x" * 100_000}">'
    made: list[tuple[str, Path]] = []

    def xml(name: str, template: str, prolog: str, text: str) -> None:
        path = folder / name
        path.write_text(template.format(prolog=prolog, text=text), encoding="utf-8")
        made.append((name, path))

    xml("billion-laughs.tmx", TMX, f"<!DOCTYPE r [{laughs}]>", "&j;")
    xml("quadratic.tmx", TMX, f"<!DOCTYPE r [{quadratic}]>", "&a;" * 50_000)
    xml("xxe-file.xlf", XLIFF, '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;")
    xml("xxe-url.xlf", XLIFF, '<!DOCTYPE r [<!ENTITY x SYSTEM "http://192.0.2.1/x">]>', "&x;")
    xml("external-dtd-entity.tmx", TMX, '<!DOCTYPE tmx SYSTEM "http://192.0.2.1/tmx14.dtd">',
        "a&nbsp;b")
    xml("xinclude.tmx", TMX, "", '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        'href="/etc/passwd" parse="text"/>')

    bomb = write_xlsx(folder / "zip-bomb.xlsx", bilingual_sheet(("a", "b")))
    block = b" " * (1 << 20)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive, \
            archive.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as member:
        for _ in range(1024):
            member.write(block)
    made.append((f"zip-bomb.xlsx ({bomb.stat().st_size // 1024} KB → 1 GiB)", bomb))

    empty = "".join(f'<row r="{n}"/>' for n in range(4, 1_000_004))
    rows = write_xlsx(folder / "million-empty-rows.xlsx",
                      SHEET_HEAD + inline_row(1, "zh-CN", "en")
                      + inline_row(2, "双千兆", "dual-gigabit")
                      + inline_row(3, "专精特新", "specialized, refined, distinctive and "
                                   "innovative") + empty + SHEET_TAIL)
    made.append(("million-empty-rows.xlsx", rows))
    dimension = write_xlsx(folder / "declared-dimension.xlsx", bilingual_sheet(
        ("双千兆", "dual-gigabit")).replace("<sheetData>",
                                            '<dimension ref="A1:XFD1048576"/><sheetData>'))
    made.append(("declared-dimension.xlsx (A1:XFD1048576)", dimension))
    not_zip = folder / "not-a-zip.xlsx"
    not_zip.write_text("zh,en\n", encoding="utf-8")
    made.append(("not-a-zip.xlsx", not_zip))
    truncated = folder / "truncated.xlsx"
    truncated.write_bytes(dimension.read_bytes()[:-300])
    made.append(("truncated.xlsx", truncated))
    return made


def main() -> int:
    glossary = HERE.parent / "glossary"
    print("| input | exit | wall s | peak RSS MB |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name, path in files(Path(folder)):
            argv = [sys.executable, "-m", "policyglossary", "check", "-q", "--termbase",
                    str(glossary), str(path)]
            env = dict(os.environ, NO_COLOR="1", POLICYGLOSSARY_CACHE_DIR="off")
            sample = measure(argv, env, allow=(0, 1, 2))
            print(f"| {name} | {sample.code} | {sample.wall:.2f} | "
                  f"{sample.single / 2**20:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
