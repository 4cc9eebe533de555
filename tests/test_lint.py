"""The code stays ruff-clean (config in pyproject.toml)."""

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
