"""CLI behaviour shared by every command: help, version, exit codes, term base resolution."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policyglossary import __version__, api
from policyglossary.cli import main

from .conftest import GLOSSARY, concept


def test_version(runner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"policyglossary, version {__version__}\n"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help(runner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage: main " + command in result.output or f"Usage: {command}" in result.output \
        or "Usage:" in result.output
    assert len(main.commands[command].help or "") > 20


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "policyglossary", "--version"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_termbase_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   write_termbase) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(api.ENV_TERMBASE, raising=False)
    assert api.termbase_path(None) == api.bundled_termbase()
    local = write_termbase(concept("local", "本地", "local"), folder="glossary")
    assert api.termbase_path(None) == Path("glossary")
    env = write_termbase(concept("env", "环境", "env"), folder="env")
    monkeypatch.setenv(api.ENV_TERMBASE, str(env))
    assert api.termbase_path(None) == env
    assert api.termbase_path(local) == local


def test_lint_clean_project_glossary_exits_0(runner) -> None:
    result = runner.invoke(main, ["lint", "-t", str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    assert ": 0 errors, " in result.stderr
    # the only warnings are no-primary-source, which the content round of issue 15 resolves
    assert all(" warning no-primary-source: " in line for line in result.stdout.splitlines())


def test_lint_errors_exit_1_with_file_and_line(runner, write_termbase) -> None:
    folder = write_termbase(concept("a", "局长", [("director general", "admitted")]))
    result = runner.invoke(main, ["lint", "-t", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'concepts' / 'a.toml'}:1: error no-preferred: no preferred English " \
           "term" in result.stdout


def test_lint_unusable_term_base_exits_2(runner, raw_termbase) -> None:
    folder = raw_termbase({"a.toml": 'id = "a"\n[[zh]\n'})
    result = runner.invoke(main, ["lint", "-t", str(folder)])
    assert result.exit_code == 2
    assert f"{folder / 'concepts' / 'a.toml'}:2: error schema: TOML syntax error" in result.stdout


def test_lint_json(runner, write_termbase) -> None:
    folder = write_termbase(concept("a", "局长", "director general", sources=()))
    result = runner.invoke(main, ["lint", "-t", str(folder), "-f", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["summary"] == {"error": 0, "warning": 1, "info": 0}
    assert document["findings"][0]["rule"] == "missing-source"


def test_lint_github_annotations(runner, write_termbase) -> None:
    folder = write_termbase(concept("a", "局长", "director general", sources=()))
    result = runner.invoke(main, ["lint", "-t", str(folder), "-f", "github"])
    assert result.stdout.startswith(f"::warning file={folder / 'concepts' / 'a.toml'},line=1,"
                                    "title=missing-source::")


def test_invalid_term_base_is_refused_by_lookup_with_every_problem(runner, raw_termbase) -> None:
    folder = raw_termbase({"a.toml": 'id = "a"\n[[zh]]\nterm = "甲"\nstatus = "nope"\n',
                           "b.toml": 'id = "x"\n[[zh]]\nterm = "乙"\nstatus = "preferred"\n'})
    result = runner.invoke(main, ["lookup", "甲", "-t", str(folder)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{folder / 'concepts' / 'a.toml'}:4: 'status' is 'nope'")
    assert lines[1].startswith(f"{folder / 'concepts' / 'b.toml'}:1: id 'x' does not match")
    assert lines[-1] == "Error: the term base has 2 problems; run `policyglossary lint`"
    assert "Traceback" not in result.output


def test_missing_term_base_path_is_a_clean_error(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["lookup", "甲", "-t", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output


def test_fmt_check(runner, raw_termbase) -> None:
    folder = raw_termbase({"a.toml": 'id="a"\n[[zh]]\nterm="甲"\nstatus="preferred"\n'},
                          info='name = "t"\nsource-language = "zh-CN"\ntarget-language = "en"\n')
    result = runner.invoke(main, ["fmt", "--check", "-t", str(folder)])
    assert result.exit_code == 1
    assert "would reformat" in result.output
    assert runner.invoke(main, ["fmt", "-t", str(folder)]).exit_code == 0
    assert runner.invoke(main, ["fmt", "--check", "-t", str(folder)]).exit_code == 0
