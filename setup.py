"""Build hooks pyproject.toml cannot express: the optional C matcher and the bundled term base.

- `policyglossary.matching._hashmatch` is a small C extension (CPython API). It is optional,
  the way msgpack, PyYAML and simplejson ship their speedups: without a working compiler or
  Python headers the build warns and installs the pure-Python fallback (ahocorasick-rs), and
  `policyglossary --version` says which one is in use.
- The project's term base (`glossary/`) ships inside the package as `policyglossary/_glossary`,
  the default term base of an installed toolkit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithTermBase(build_py):
    def run(self) -> None:
        super().run()
        source = HERE / "glossary"
        if source.is_dir():
            target = Path(self.build_lib) / "policyglossary" / "_glossary"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)


setup(
    ext_modules=[Extension("policyglossary.matching._hashmatch",
                           ["src/policyglossary/matching/_hashmatch.c"],
                           extra_compile_args=["-O2"], optional=True)],
    cmdclass={"build_py": BuildPyWithTermBase},
)
