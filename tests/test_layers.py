"""The package's layers: no module imports from a layer above its own (see massacres/__init__.py).

Read from the source with ast, so a lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "massacres"

# Lowest first; a module may import its own layer and those before it.
LAYERS = ["errors", "reports", "places", "store", "pipeline", "dashboard", "cli"]


def layer_of(module: str) -> str:
    """`massacres.reports.parse` -> "reports"; `massacres.cli` -> "cli"."""
    return module.split(".")[1]


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every `massacres.*` module `path` imports, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("massacres"):
            if node.module == "massacres":
                found += [(node.lineno, f"massacres.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("massacres.")]
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}:{node.lineno}: relative import; write massacres.<layer>.<module>")
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_from_a_higher_layer(path: Path) -> None:
    own = "massacres." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    own_layer = LAYERS.index(layer_of(own))
    for line, module in imports_of(path):
        assert LAYERS.index(layer_of(module)) <= own_layer, (
            f"{path.relative_to(PACKAGE)}:{line} imports {module}, a layer above {layer_of(own)}"
        )


def test_every_layer_says_what_it_owns() -> None:
    for sub in ("reports", "places", "store", "dashboard"):
        doc = ast.get_docstring(ast.parse((PACKAGE / sub / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), f"massacres/{sub}/__init__.py must say what it owns and may import"


def test_the_layer_list_matches_the_package() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    top |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert top == set(LAYERS)


def test_the_check_catches_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from massacres.dashboard import theme\n", encoding="utf-8")
    ((line, module),) = imports_of(bad)
    assert (line, layer_of(module)) == (1, "dashboard")
    assert LAYERS.index("dashboard") > LAYERS.index("reports")
