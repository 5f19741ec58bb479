"""The package's shape: stages import only from below, never in a circle,
and the core never imports Textual or the layers above it."""

from __future__ import annotations

import ast
import os

from conftest import ROOT


def _imports() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports,
    at the top or inside a function alike."""
    mods = {}
    for root, _, files in os.walk(ROOT / "tui"):
        for f in files:
            if f.endswith(".py"):
                path = os.path.join(root, f)
                name = os.path.relpath(path[:-3], ROOT).replace(os.sep, ".").removesuffix(".__init__")
                mods[name] = path
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        package = name if path.endswith("__init__.py") else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(open(path, encoding="utf-8").read())):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(parts + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                graph[name] |= {t for t in [target, *(f"{target}.{a.name}" for a in node.names)] if t in mods and t != name}
            elif isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names if a.name.startswith(("tui.", "textual"))}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_module_imports_another_that_imports_it_back():
    assert _cycles(_imports()) == []


def test_the_core_imports_nothing_above_it():
    graph = _imports()
    above = {m: sorted(t for t in targets if not t.startswith("tui.core"))
             for m, targets in graph.items() if m.startswith("tui.core")}
    assert {m: t for m, t in above.items() if t} == {}


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
