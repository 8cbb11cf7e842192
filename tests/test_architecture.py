"""The package's structure stays as the README's "Architecture" section draws it: layers that
import only downwards, no import cycles, click only in the command line, nothing importing
the command line. Imports are read from the source (ast), function-level ones included."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from .conftest import ROOT

SRC = ROOT / "src" / "policyglossary"
PACKAGE = "policyglossary"

# Each top-level module or package of policyglossary and its layer: a module may import
# from a lower layer, or from inside its own package, and from nothing else.
LAYERS = {
    "_version": 0, "errors": 0, "model": 0,
    "fsutil": 1, "langs": 1,
    "columns": 2,
    "matching": 3,
    "formats": 4, "checks": 4,
    "checking": 5, "termbase": 5,
    "report": 6, "terminology": 6,
    "api": 7,
    "cli": 8, "__init__": 8,
    "__main__": 9,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SRC.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the package (and outside it: by their top name) that `path` imports."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                # `from . import x` names a module when x is one
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in known else target)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_top_level_module_has_a_layer() -> None:
    tops = {top(name) for name in modules()}
    assert tops == set(LAYERS), f"give these a layer: {sorted(tops ^ set(LAYERS))}"


def test_imports_only_go_down_the_layers(graph: dict[str, set[str]]) -> None:
    wrong = []
    for name, targets in graph.items():
        for target in targets:
            if not target.startswith(PACKAGE + ".") or target == name:
                continue
            same_package = top(name) == top(target) and top(name) in LAYERS and \
                (SRC / top(name)).is_dir()
            if not same_package and LAYERS[top(target)] >= LAYERS[top(name)]:
                wrong.append(f"{name} → {target}")
    assert not wrong, "imports against the layers:\n" + "\n".join(sorted(wrong))


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    internal = {n: sorted(t for t in ts if t in graph and t != n) for n, ts in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in internal[node]:
            if state.get(target) == 1:
                return [*stack[stack.index(target):], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(internal):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycles(graph: dict[str, set[str]]) -> None:
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_only_the_command_line_imports_click_and_nothing_imports_it(
        graph: dict[str, set[str]]) -> None:
    for name, targets in graph.items():
        in_cli = name == f"{PACKAGE}.cli" or name.startswith(f"{PACKAGE}.cli.")
        if not in_cli:
            assert "click" not in targets, name
            if name != f"{PACKAGE}.__main__":
                assert not any(t == f"{PACKAGE}.cli" or t.startswith(f"{PACKAGE}.cli.")
                               for t in targets), name


def test_model_does_no_io(graph: dict[str, set[str]]) -> None:
    io_modules = {"os", "io", "pathlib", "shutil", "tempfile", "subprocess", "open"}
    assert not graph[f"{PACKAGE}.model"] & io_modules
    assert "open(" not in (SRC / "model.py").read_text("utf-8")


def test_modules_stay_under_400_lines() -> None:
    long = {name: len(path.read_text("utf-8").splitlines())
            for name, path in modules().items()}
    assert not {n: lines for n, lines in long.items() if lines > 400}


def _architecture_section() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    match = re.search(r"^## Architecture\n(.*?)(?=^## )", text, re.M | re.S)
    assert match, "README has no Architecture section"
    return match.group(1)


def test_readme_architecture_names_every_layer_and_only_real_modules() -> None:
    section = _architecture_section()
    diagram = re.search(r"```\n(.*?)```", section, re.S)
    assert diagram
    named = re.findall(r"(?:^|[\s└├─│]+)([a-z_]+)(?=[\s,]{2}|,)", diagram.group(1), re.M)
    assert set(named) >= set(LAYERS) - {"__init__", "__main__", "_version"}, named
    # Every module path the section mentions exists.
    for path in re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py|[a-z_]+/)`", section):
        assert (SRC / path).exists() or (ROOT / path).exists(), path
    for dotted in re.findall(r"`([a-z_]+(?:\.[A-Za-z_]+)+)`", section):
        assert _resolves(f"{PACKAGE}.{dotted}"), dotted


def _resolves(dotted: str) -> bool:
    """Whether `dotted` names a module, or something inside one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(value, name):
                return False
            value = getattr(value, name)
        return True
    return False
