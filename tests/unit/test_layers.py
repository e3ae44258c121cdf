"""The layers (CONTRIBUTING.md, docs/architecture.md) hold: ``lint-imports`` checks the contracts in pyproject.toml,
and each contract is shown to break when an import against it is added to a copy of the package."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import desktop

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = {
    c["id"]: c for c in tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]["contracts"]
}
#: The layers above the Qt-free core: the entry point and the window.
APP_LAYER = {"__main__", "ui"}


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` on the package found first from ``cwd`` (import-linter puts cwd first on sys.path), with the
    contracts of the pyproject.toml there; no cache written."""
    command = [
        sys.executable,
        "-c",
        "from importlinter.cli import lint_imports_command; lint_imports_command()",
        "--no-cache",
    ]
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_layer_contracts_hold():
    done = lint_imports(ROOT)
    assert done.returncode == 0, f"lint-imports found an import against the layers:\n{done.stdout}\n{done.stderr}"
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in done.stdout, done.stdout


def test_the_qt_free_core_contract_names_every_core_module():
    """A module added to desktop/ is covered by "the core imports no Qt" only once it is listed there (the layers
    contract is exhaustive on its own: lint-imports fails on a module in no layer)."""
    core = {f"desktop.{m.name}" for m in pkgutil.iter_modules(desktop.__path__) if m.name not in APP_LAYER}
    assert set(CONTRACTS["core-without-qt"]["source_modules"]) == core


def test_the_ignored_arrows_are_function_local():
    """The documented exceptions to the layers are imports inside functions, never at a module's top."""
    for expression in CONTRACTS["layers"]["ignore_imports"]:
        importer, imported = (part.strip() for part in expression.split("->"))
        source = (ROOT / (importer.replace(".", "/") + ".py")).read_text("utf-8")
        name = imported.rsplit(".", 1)[1]
        lines = [line for line in source.splitlines() if f"import {name}" in line and "from desktop" in line]
        assert lines, expression
        assert all(line.startswith((" ", "\t")) for line in lines), (expression, lines)


def test_the_architecture_document_draws_the_checked_layers():
    """docs/architecture.md's picture of the layers (the first block after "Arrows point down") is the contract's."""
    text = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    picture = text.split("Arrows point down", 1)[1].split("```", 2)[1]
    drawn = [set(line.split("  ", 1)[0].replace("/", "").split()) for line in picture.strip().splitlines()]
    declared = [{name.strip() for name in layer.split(":")} for layer in CONTRACTS["layers"]["layers"]]
    assert drawn == declared


def copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "desktop", tmp_path / "desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "added", "broken"),
    [
        # Qt in the core, at the top or inside a function
        ("csv_export.py", "import PySide6.QtCore\n", ["core-without-qt"]),
        ("services.py", "def _f():\n    from shiboken6 import isValid\n", ["core-without-qt"]),
        # the core reaching up into the window
        (
            "legacy/read.py",
            "def _f():\n    from desktop.ui import dialogs\n",
            ["layers", "core-without-qt", "legacy-without-ui"],
        ),
        ("cli/verify.py", "def _f():\n    from desktop.ui import app\n", ["layers", "core-without-qt"]),
        # a lower layer importing a higher one
        ("models.py", "def _f():\n    from desktop import services\n", ["layers", "store-layers"]),
        ("store/db.py", "def _f():\n    from desktop import legacy\n", ["layers"]),
        ("store/postgres.py", "def _f():\n    from desktop import health\n", ["layers", "store-layers"]),
        ("health.py", "def _f():\n    from desktop import services\n", ["layers"]),
        # inside the store: a lower layer importing a higher one
        ("store/schema.py", "def _f():\n    from desktop.store import audit\n", ["store-layers"]),
        ("store/audit.py", "def _f():\n    from desktop.store import tables\n", ["store-layers"]),
        # Qt in the store
        ("store/tables.py", "def _f():\n    import PySide6\n", ["core-without-qt"]),
        # a new module nobody placed in a layer
        ("scratch.py", "X = 1\n", ["layers"]),
        ("store/scratch.py", "X = 1\n", ["store-layers"]),
        # the legacy rules opening a database
        ("legacy/contract.py", "def _f():\n    import peewee\n", ["legacy-rules-pure"]),
    ],
)
def test_an_import_against_a_contract_breaks_it(tmp_path, module, added, broken):
    root = copy_of_the_package(tmp_path)
    target = root / "desktop" / module
    target.write_text((target.read_text("utf-8") if target.exists() else "") + "\n\n" + added, "utf-8")
    done = lint_imports(root)
    assert done.returncode == 1, done.stdout + done.stderr
    for contract_id, contract in CONTRACTS.items():
        verdict = "BROKEN" if contract_id in broken else "KEPT"
        # the long name may wrap in the report: compare with whitespace collapsed
        assert f"{contract['name']} {verdict}" in " ".join(done.stdout.split()), (contract_id, done.stdout)


def _functions_and_sources():
    import ast

    for path in sorted((ROOT / "desktop").rglob("*.py")):
        source = path.read_text("utf-8")
        yield path, source.splitlines(), ast.parse(source)


def test_the_window_sends_no_sql_of_its_own():
    """docs/architecture.md: nothing in ui/ writes SQL except through the services; its reads go through the store
    (peewee queries). So no module of desktop/ui calls execute_sql, or a DB-API execute, itself."""
    import ast

    found = []
    for path, _, tree in _functions_and_sources():
        if "ui" not in path.relative_to(ROOT / "desktop").parts[:1]:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in {"execute_sql", "execute", "executemany", "executescript"}:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_every_function_local_import_says_why():
    """CONTRIBUTING.md: an import inside a function is a deliberate deferral or the one arrow against the layers,
    and says so in a '# why' comment on its line or in the two lines above it."""
    import ast

    silent = []
    for path, lines, tree in _functions_and_sources():
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    here = "\n".join(lines[max(node.lineno - 3, 0) : node.end_lineno])
                    if "why" not in here:
                        silent.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert sorted(set(silent)) == []
