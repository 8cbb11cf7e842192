"""Running the CLI in a child process with memory and time fences, and building test files.

Hostile input is fed to a real `policyglossary` process, not to the library in this one: a
parser that expanded a billion laughs would take the test run down with it. The fences are
a hang and blow-up guard (address space capped, a generous timeout), not a timing
assertion; the times themselves are measured by benchmarks/hostile.py.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ADDRESS_SPACE = 1536 * 1024 * 1024
"""What the child may map in all: well above a normal run (~300 MB virtual), far below what
an expanded entity bomb or an unpacked zip bomb needs."""
TIMEOUT = 60


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def error_line(self) -> str:
        lines = [line for line in self.stderr.splitlines() if line.startswith("Error: ")]
        assert len(lines) == 1, self.stderr
        return lines[0]


def _fence() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_cli(*args: str, cwd: Path | None = None, tmpdir: Path | None = None) -> Run:
    env = dict(os.environ, NO_COLOR="1", POLICYGLOSSARY_CACHE_DIR="off")
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    try:
        done = subprocess.run([sys.executable, "-m", "policyglossary", *args],
                              capture_output=True, text=True, timeout=TIMEOUT, env=env,
                              preexec_fn=_fence, cwd=cwd)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"policyglossary {' '.join(args)} did not finish within "
                             f"{TIMEOUT} s (a hang, or a file it should never open)") from None
    assert "Traceback" not in done.stderr, done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="http://schemas.openxmlformats.'
    'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships"><sheets><sheet name="segments" sheetId="1" r:id="rId1"/></sheets>'
    '</workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.'
              'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"


def inline_row(number: int, *values: str) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
                    for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def write_xlsx(path: Path, sheet_xml: str | bytes, *, prolog: str = "") -> Path:
    """A minimal workbook written part by part, as spreadsheet programs lay it out.
    `prolog` goes between the XML declaration and the sheet's root (a DOCTYPE, say)."""
    data = sheet_xml.encode("utf-8") if isinstance(sheet_xml, str) else sheet_xml
    if prolog:
        data = data.replace(b"?>\n", b"?>\n" + prolog.encode("utf-8"), 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", data)
    return path


def bilingual_sheet(*rows: tuple[str, str]) -> str:
    body = inline_row(1, "zh-CN", "en") + "".join(
        inline_row(number, source, target) for number, (source, target) in enumerate(rows, 2))
    return SHEET_HEAD + body + SHEET_TAIL
