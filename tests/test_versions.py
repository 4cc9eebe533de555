"""The reader and extractor versions name every file each stage's output depends on."""

from __future__ import annotations

import ast
import re
from importlib import resources

from hbetl import __version__, versions


def hbetl_imports(module: str, seen: set[str] | None = None) -> set[str]:
    """The hbetl modules ``module`` imports, transitively (as 'parse.py', 'extract.py', ...)."""
    seen = set() if seen is None else seen
    name = f"{module}.py"
    if name in seen:
        return seen
    seen.add(name)
    tree = ast.parse(resources.files("hbetl").joinpath(name).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hbetl."):
            hbetl_imports(node.module.split(".")[1], seen)
    return seen


def data_files(modules: set[str]) -> set[str]:
    """The files under hbetl/data/ that these modules name."""
    names = set()
    for module in modules:
        text = resources.files("hbetl").joinpath(module).read_text(encoding="utf-8")
        names |= {f"data/{m}" for m in re.findall(r"[\"']([a-z_]+\.(?:csv|toml))[\"']", text)}
    return names


def test_each_version_covers_the_code_and_data_its_stage_reads() -> None:
    for module, files in (("parse", versions.READER_FILES), ("extract", versions.EXTRACTOR_FILES)):
        code = hbetl_imports(module)
        assert code <= set(files), f"{module}: add {sorted(code - set(files))} to its version's files"
        assert data_files(code) <= set(files), f"{module}: add {sorted(data_files(code) - set(files))}"


def test_a_version_is_the_package_version_and_a_short_hash() -> None:
    for version in (versions.reader_version(), versions.extractor_version()):
        assert re.fullmatch(rf"{re.escape(__version__)}\+[0-9a-f]{{{versions.HASH_DIGITS}}}", version)
    assert versions.reader_version() != versions.extractor_version()
    assert versions._files_hash(("extract.py",)) != versions._files_hash(("periods.py",))
