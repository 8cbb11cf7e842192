"""Our XML output validated against the published schemas (TMX 1.4b DTD, TBX v3 RNG and the
TBX-Basic DCA Schematron, XLIFF 1.2 strict and 2.0 XSDs), by lxml and, where installed, by
the independent validators listed in ../shared/interop/CLIENTS.md (jing, node-schematron)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from policyglossary import api
from policyglossary.formats import WriteOptions

from ..conftest import GLOSSARY, INTEROP, TRANSLATIONS, needs_shared

SCHEMAS = INTEROP / "schemas"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for name, options in (("tbx", WriteOptions(zh_variants=("zh-Hant", "zh-TW", "zh-HK"))),
                          ("tbx-hans", WriteOptions(source_lang="zh-Hans")),
                          ("tbx2", WriteOptions()), ("tmx", WriteOptions())):
        path = folder / f"{name}.{'tbx' if name.startswith('tbx') else 'tmx'}"
        api.export(name.split("-")[0], path, GLOSSARY, options)
        out[name] = path
    for name, ext in (("po-tmx", "tmx"), ("xliff", "xlf"), ("xliff2", "xlf")):
        path = folder / f"{name}.{ext}"
        api.convert(TRANSLATIONS / "article.po", path, to_fmt=name.split("-")[-1])
        out[name] = path
    return out


def _parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


@needs_shared
@pytest.mark.parametrize("name", ["tmx", "po-tmx"])
def test_tmx_is_valid_against_the_dtd(exports: dict[str, Path], name: str) -> None:
    dtd = etree.DTD(str(SCHEMAS / "tmx14.dtd"))
    assert dtd.validate(_parse(exports[name])), dtd.error_log.filter_from_errors()[:5]


@needs_shared
@pytest.mark.parametrize("name", ["tbx", "tbx-hans"])
def test_tbx_is_valid_against_the_core_rng(exports: dict[str, Path], name: str) -> None:
    rng = etree.RelaxNG(etree.parse(str(SCHEMAS / "TBXcoreStructV03.rng")))
    assert rng.validate(_parse(exports[name])), rng.error_log.filter_from_errors()[:5]


@needs_shared
def test_xliff_1_2_is_valid_against_the_strict_xsd(exports: dict[str, Path]) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd")))
    assert schema.validate(_parse(exports["xliff"])), schema.error_log.filter_from_errors()[:5]


@needs_shared
def test_xliff_2_0_is_valid_against_the_core_xsd(exports: dict[str, Path]) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff_core_2.0.xsd")))
    assert schema.validate(_parse(exports["xliff2"])), schema.error_log.filter_from_errors()[:5]


@needs_shared
def test_negative_controls_fail_validation() -> None:
    """The validators used above do reject bad files (so a pass means something)."""
    rng = etree.RelaxNG(etree.parse(str(SCHEMAS / "TBXcoreStructV03.rng")))
    assert not rng.validate(_parse(INTEROP / "tbx/ltac_testfiles_core_structure_bad.tbx"))
    dtd = etree.DTD(str(SCHEMAS / "tmx14.dtd"))
    assert not dtd.validate(_parse(INTEROP / "tmx/omegat_project_save.tmx"))


@needs_shared
@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed (apt-get "
                    "install jing; .ci/run installs it)")
def test_tbx_is_valid_for_jing(exports: dict[str, Path]) -> None:
    result = subprocess.run(["jing", str(SCHEMAS / "TBXcoreStructV03.rng"), str(exports["tbx"])],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _schematron() -> str | None:
    candidate = os.environ.get("POLICYGLOSSARY_NODE_SCHEMATRON") or \
        shutil.which("node-schematron")
    return candidate if candidate and Path(candidate).exists() else None


@needs_shared
@pytest.mark.skipif(_schematron() is None, reason="node-schematron is not installed (see "
                    "../shared/interop/CLIENTS.md; .ci/run installs it and sets "
                    "POLICYGLOSSARY_NODE_SCHEMATRON)")
@pytest.mark.parametrize("name", ["tbx", "tbx-hans"])
def test_tbx_passes_the_tbx_basic_dca_schematron(exports: dict[str, Path], name: str) -> None:
    tool = _schematron()
    assert tool is not None
    good = subprocess.run([tool, str(SCHEMAS / "TBX-Basic_DCA.sch"), str(exports[name])],
                          capture_output=True, text=True, check=False)
    assert good.returncode == 0, good.stdout[-2000:]
    bad = subprocess.run([tool, str(SCHEMAS / "TBX-Basic_DCA.sch"),
                          str(INTEROP / "tbx/ltac_testfiles_basic_bad.tbx")],
                         capture_output=True, text=True, check=False)
    assert bad.returncode != 0  # the runner does reject a bad file
