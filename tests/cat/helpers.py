"""Running the real clients of our exports: OmegaT 3.6 (console mode, and its own glossary
code through OmegatGlossaryProbe.java), LibreOffice headless and translate-toolkit.

Each test skips with the reason when its tool is missing; .ci/run installs them (Debian
`omegat`, `libreoffice-calc-nogui`, and a JDK for the probe; translate-toolkit is in the test
extra). See ../shared/interop/CLIENTS.md for how they run here.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

from policyglossary.model import Concept, TermBase

HERE = Path(__file__).resolve().parent
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
PROBE = HERE / "OmegatGlossaryProbe.java"


def _java_can_compile() -> bool:
    """`java File.java` (the probe) needs the JDK's compiler module, not only a JRE."""
    java = shutil.which("java")
    if java is None:
        return False
    result = subprocess.run([java, "--list-modules"], capture_output=True, text=True,
                            check=False)
    return "jdk.compiler" in result.stdout


needs_omegat = pytest.mark.skipif(
    shutil.which("omegat") is None,
    reason="OmegaT is not installed (apt-get install omegat; .ci/run installs it)")
needs_omegat_jar = pytest.mark.skipif(
    not OMEGAT_JAR.is_file() or not _java_can_compile(),
    reason="OmegaT's glossary code needs /usr/share/omegat/OmegaT.jar (apt-get install omegat) "
           "and a JDK to run the probe (apt-get install default-jdk-headless); .ci/run "
           "installs both")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


LIBREOFFICE_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false"
"""LibreOffice's CSV export filter: comma, double quotes, UTF-8, cell text as shown."""


def libreoffice_csv(workbook: Path, folder: Path) -> list[list[str]]:
    """The first sheet of `workbook` as LibreOffice headless shows it, read back as CSV rows."""
    out = folder / "lo"
    result = subprocess.run(
        [str(soffice()), "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/p",
         "--convert-to", LIBREOFFICE_CSV, "--outdir", str(out), str(workbook)],
        capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    with (out / f"{workbook.stem}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


needs_libreoffice = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice is not installed (apt-get install "
                              "libreoffice-calc-nogui; .ci/run installs it)")

OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes><mask>**/.git/**</mask></source_dir_excludes>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>ZH-CN</source_lang>
        <target_lang>EN</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def omegat_project(root: Path) -> Path:
    """An empty OmegaT project (zh-CN → en, one segment per paragraph)."""
    for folder in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "omegat.project").write_text(OMEGAT_PROJECT, encoding="utf-8")
    return root


def run_omegat(project: Path) -> str:
    """Translate the project in console mode (tm/auto matches are inserted); its log."""
    result = subprocess.run(
        ["omegat", "--mode=console-translate", "--quiet", "--disable-project-locking",
         "--no-team", f"--config-dir={project.parent / (project.name + '-config')}",
         str(project)],
        capture_output=True, text=True, timeout=600, check=False)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    return log


def paragraphs(texts: Iterable[str]) -> str:
    """A plain text source: one paragraph (an OmegaT segment) per text."""
    return "\n\n".join(texts) + "\n"


def read_paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def probe_glossaries(*paths: Path) -> dict[Path, dict[str, tuple[list[str], list[str]]]]:
    """What OmegaT's glossary pane shows for each source term of each file: (translations
    in the order shown, comments)."""
    result = subprocess.run(
        ["java", "-Djava.awt.headless=true", "-cp", str(OMEGAT_JAR), str(PROBE),
         *map(str, paths)],
        capture_output=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-3000:]
    shown: dict[Path, dict[str, tuple[list[str], list[str]]]] = {}
    current: dict[str, tuple[list[str], list[str]]] = {}
    for line in result.stdout.decode("utf-8").split("\n"):  # (splitlines() cuts at U+001D)
        if not line:
            continue
        if line.startswith("## "):
            current = shown.setdefault(Path(line[3:]), {})
            continue
        source, translations, comments = line.split("\t")
        current[source] = (translations.split("\x1f"), comments.split("\x1f"))
    return shown


def chinese_terms(termbase: TermBase) -> dict[str, Concept]:
    """Every allowed Chinese term (headwords and synonyms) and its concept."""
    return {t.text: c for c in termbase for t in c.zh if t.allowed}


def preferred(concept: Concept) -> set[str]:
    return {t.text for t in concept.en if t.status == "preferred"}


def status_of(concept: Concept, rendering: str) -> str:
    return next((t.status for t in concept.en if t.text == rendering), "not in the concept")
