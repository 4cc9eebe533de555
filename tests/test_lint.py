"""The code stays ruff-clean (config in pyproject.toml) and the product builds no path to ../shared."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_ruff_is_clean():
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("ruff not installed (pip install -e '.[dev]')")
    out = subprocess.run([str(ruff), "check", "hbetl", "flows", "tests", "bench"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout[-4000:]


def test_the_product_builds_no_path_to_the_team_folder():
    """A user's clone has nothing beside it: no string in hbetl/ or flows/ is a path to ../shared."""
    found = []
    for path in sorted([*(ROOT / "hbetl").rglob("*.py"), *(ROOT / "flows").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    re.fullmatch(r"(\.\./)*shared(/.*)?", node.value, re.S):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, found


def test_no_module_binds_a_top_level_name_twice():
    # Two branches merged into one module once each brought a regex of the same name; the later
    # silently served both (ruff's F811 sees functions and imports, not assignments).
    twice = []
    for path in sorted((ROOT / "hbetl").rglob("*.py")) + sorted((ROOT / "flows").rglob("*.py")):
        seen: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            else:
                continue
            twice += [f"{path.relative_to(ROOT)}: {n}" for n in names if n in seen]
            seen.update(names)
    assert not twice, twice
