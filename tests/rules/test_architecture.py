"""The shape of the brain: no import cycles in rules/ and knowledge/ (lazy imports inside functions count too),
and one composition root that builds the built-in engine."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("rules", "knowledge")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    modules = {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            found = []
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            graph[name].update(target for target in found if target in modules and target != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                found.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_import_cycles_in_the_brain():
    graph = imports()
    # Package __init__ modules are entry points with no imports of their own modules; ignore the edges from a
    # module to its own package's __init__ (PACKAGE_DIR constants).
    for name in graph:
        graph[name] -= {package for package in PACKAGES if name.startswith(package + ".")}
    assert cycles(graph) == []


def test_only_the_composition_root_builds_the_builtin_engine():
    graph = imports()
    for name, targets in graph.items():
        if name != "rules.builtin":
            assert "rules.snapshot" not in targets or name in {"rules.builtin"}, name
    assert {"rules.snapshot", "rules.engine"} <= graph["rules.builtin"]


def test_recommend_does_not_plan():
    from rules.builtin import builtin_engine

    result = builtin_engine().recommend({"focus": "records"})
    assert result.stable is False and result.next_question is None  # planning is the conversation's call
