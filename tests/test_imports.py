"""The package's import graph has no cycle, TYPE_CHECKING imports included (issues 14, 19), and
its folders import one way, in the order of the README's Layout."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "planner"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of the package that `name` imports, at the top, inside a function or
    under TYPE_CHECKING; `from planner.batch import jobs` counts as planner.batch.jobs."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*parts, *([base] if base else [])])
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    found.add(sub if sub in modules else base)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in modules and m != name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])
    assert "planner.batch.cluster" in graph["planner.batch.run"]  # lazy imports are seen


def test_the_checker_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


# The README's Layout, top to bottom: a unit imports only from itself and the units above it.
LAYERS = (
    ("vocabulary", "errors", "files", "bounded", "writes", "formats", "data", "deadline"),
    ("config",),
    ("catalog",),
    ("rule_kinds", "block_rulebook", "rulebook"),
    ("training",),
    ("inputs",),
    ("plan",),
    ("model",),
    ("model.block",),
    ("week",),
    ("block",),
    ("pipeline",),
    ("importers",),
    ("report",),
    ("batch",),
    ("replan",),
    ("training_log",),
    ("cli",),
    ("",),  # planner/__init__.py: the public API, lazily re-exported
)


def _unit(module: str) -> str:
    parts = module.split(".")[1:]
    if parts[:2] == ["model", "block"]:
        return "model.block"
    return parts[0] if parts else ""


def _rank(unit: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if unit in layer)


def test_folders_import_one_way() -> None:
    modules = _modules()
    upward = sorted(
        f"{name} imports {target}"
        for name, path in modules.items()
        for target in _imports(name, path, modules)
        if _rank(_unit(target)) > _rank(_unit(name))
    )
    assert upward == []


def test_every_unit_has_a_layer() -> None:
    units = {_unit(name) for name in _modules()}
    for unit in units:
        _rank(unit)  # StopIteration: a new folder or root module needs its place in LAYERS
    assert len([m for m in (PACKAGE).glob("*.py")]) <= 15
