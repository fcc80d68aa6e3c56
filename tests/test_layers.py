"""Imports only go down the layers (docs/ARCHITECTURE.md): a module never imports from a
layer above its own, at module top or inside a function.

The test reads every module's source (nothing is imported), so it also sees the lazy
imports that keep the CLI fast.
"""

from __future__ import annotations

import ast
from pathlib import Path

import assets_gen

PACKAGE = Path(assets_gen.__file__).parent

# Lowest first. A module belongs to the first prefix that matches its dotted name.
LAYERS: list[tuple[str, ...]] = [
    ("assets_gen.errors", "assets_gen.resources", "assets_gen.syscheck", "assets_gen.encode", "assets_gen.counts"),
    ("assets_gen.layout", "assets_gen.photo"),
    ("assets_gen.brand",),
    ("assets_gen.render",),
    ("assets_gen.video",),
    ("assets_gen.batch",),
    ("assets_gen.web",),
    ("assets_gen.cli", "assets_gen.__main__"),
]


def layer_of(module: str) -> int | None:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None  # the package itself (assets_gen: __version__) is below everything


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, dotted name) of every assets_gen module the source imports."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            # `from assets_gen.batch import runner` imports assets_gen.batch.runner
            found += [(node.lineno, f"{name}.{a.name}") for a in node.names if a.name != "*"]
    return [(line, name) for line, name in found if name.startswith("assets_gen")]


def upward_imports() -> list[str]:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        rank = layer_of(module)
        if rank is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, name in imported(tree, module, path.name == "__init__.py"):
            target = layer_of(name)
            if target is not None and target > rank:
                problems.append(f"{module}:{line} imports {name} (layer {target} > {rank})")
    return problems


def test_every_module_has_a_layer():
    unplaced = [module_name(p) for p in PACKAGE.rglob("*.py") if layer_of(module_name(p)) is None]
    assert unplaced == ["assets_gen"]


def test_no_module_imports_from_a_higher_layer():
    assert upward_imports() == []


def test_the_walk_sees_an_upward_import(tmp_path: Path):
    """The checker itself can fail: a renderer importing the batch runner is caught."""
    source = "def f():\n    from assets_gen.batch.runner import run_build\n"
    names = [n for _line, n in imported(ast.parse(source), "assets_gen.render.x", False)]
    assert any(layer_of(n) > layer_of("assets_gen.render.x") for n in names)
