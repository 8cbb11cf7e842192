"""Property tests: every reader, fed arbitrary bytes or mutations of real files, reads them or
raises the toolkit's own error, never anything else. (benchmarks/fuzz.py runs the same
harness for minutes at a time.)"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyglossary.errors import PolicyGlossaryError
from policyglossary.formats import FORMATS

from ..conftest import ROOT


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "benchmarks" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FUZZ = _fuzz()
SUFFIXES = sorted({e for spec in FORMATS.values() for e in spec.extensions})
SEEDS = FUZZ.seeds()


def test_every_reader_is_fuzzed() -> None:
    """Each registered reader is reached from some suffix, so the tests below cover it."""
    reached = {name for suffix in SUFFIXES for name, _ in FUZZ.readers_for(suffix)}
    expected = {f"{s.name} document" for s in FORMATS.values() if s.read_doc} | \
        {f"{s.name} term base" for s in FORMATS.values() if s.read_termbase}
    assert reached == expected


def _read_all(folder: Path, suffix: str, data: bytes) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    for name, reader in FUZZ.readers_for(suffix):
        try:
            reader(path)
        except PolicyGlossaryError:
            pass
        except Exception as exc:  # pragma: no cover - this is the failure being looked for
            raise AssertionError(f"{name} raised {type(exc).__name__}: {exc}") from exc


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.sampled_from(SUFFIXES), st.binary(max_size=2048))
def test_arbitrary_bytes(tmp_path: Path, suffix: str, data: bytes) -> None:
    _read_all(tmp_path, suffix, data)


@SETTINGS
@given(st.integers(0, len(SEEDS) - 1), st.integers(0, 2**32))
def test_mutated_real_files(tmp_path: Path, index: int, seed: int) -> None:
    suffix, original = SEEDS[index]
    _read_all(tmp_path, suffix, FUZZ.mutate(original, random.Random(seed)))


@pytest.mark.parametrize("index", range(len(SEEDS)))
def test_seeds_themselves(tmp_path: Path, index: int) -> None:
    """The unmutated seeds go through the same harness (most of them read)."""
    suffix, original = SEEDS[index]
    _read_all(tmp_path, suffix, original)
