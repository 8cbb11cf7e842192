"""The README stays true: every command, check and lint rule documented; examples current."""

from __future__ import annotations

import re
from pathlib import Path

from policyglossary.checks import CHECKS
from policyglossary.cli._app import main
from policyglossary.termbase.lint import RULES

from .conftest import GLOSSARY, ROOT, TRANSLATIONS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_command_reference() -> None:
    documented = set(re.findall(r"^### `policyglossary ([a-z-]+)", README, re.MULTILINE))
    listed_elsewhere = {"formats", "checks"}  # one sentence at the top of the reference
    assert set(main.commands) - listed_elsewhere <= documented
    for name in listed_elsewhere:
        assert f"`policyglossary {name}`" in README


def test_every_check_and_lint_rule_is_in_a_readme_table() -> None:
    for rule_id in [*CHECKS, *RULES, "schema"]:
        assert f"| `{rule_id}` |" in README, rule_id


def test_checks_have_docs_with_an_example() -> None:
    for info in CHECKS.values():
        assert "Example:" in info.doc, info.id


def test_quick_start_example_output_is_current(runner, tmp_path: Path) -> None:
    block = README.split("$ policyglossary check /tmp/x.po\n", 1)[1].split("```", 1)[0]
    expected = block.strip().splitlines()
    broken = tmp_path / "x.po"
    text = (TRANSLATIONS / "article.po").read_text(encoding="utf-8")
    broken.write_text(text.replace("dual-gigabit networks", "double gigabit networks", 1),
                      encoding="utf-8")
    result = runner.invoke(main, ["check", str(broken), "-t", str(GLOSSARY)])
    actual = (result.stdout.replace(str(broken), "/tmp/x.po") + result.stderr).strip()
    assert actual.splitlines() == expected


def test_every_long_option_is_documented() -> None:
    """The command reference keeps up with the commands: each --option appears in it."""
    missing = [f"{name} {opt}" for name, command in main.commands.items()
               for param in command.params for opt in param.opts
               if opt.startswith("--") and f"`{opt}" not in README]
    assert missing == []


def test_benchmarks_document_every_job_the_runner_has() -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    sys.modules["benchmark_run"] = run  # dataclasses look their module up there
    spec.loader.exec_module(run)
    jobs, _ = run.jobs_for(ROOT / "benchmarks" / "data", quick=False)
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert all(f"| {job.name} |" in text for job in jobs)
