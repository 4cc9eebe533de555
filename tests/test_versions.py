"""The reader and extractor versions name every file each stage's output depends on."""

from __future__ import annotations

import re
from importlib import resources

from hbetl import __version__, versions


def data_files(modules: tuple[str, ...]) -> set[str]:
    """The files of hbetl/data/ whose names these modules' code names."""
    package = resources.files("hbetl")
    data = [entry.name for entry in package.joinpath("data").iterdir() if not entry.name.startswith(("_", "."))]
    texts = [package.joinpath(module).read_text(encoding="utf-8") for module in modules]
    return {f"data/{name}" for name in data if any(name in text for text in texts)}


def test_each_version_covers_the_code_and_data_its_stage_reads() -> None:
    reader, extractor = versions.reader_files(), versions.extractor_files()
    assert {"parse.py", "htmltext.py", "profiles.py", "indicators.py", "data/profiles.toml"} <= set(reader)
    assert {"extract.py", "periods.py", "numbers.py", "indicators.py", "data/indicators.csv"} <= set(extractor)
    for files, module in ((reader, "parse"), (extractor, "extract")):
        needed = data_files(versions.code_files(module))
        assert needed <= set(files), f"{module}: add {sorted(needed - set(files))} to its data files"


def test_a_version_is_the_package_version_and_a_short_hash() -> None:
    for version in (versions.reader_version(), versions.extractor_version()):
        assert re.fullmatch(rf"{re.escape(__version__)}\+[0-9a-f]{{{versions.HASH_DIGITS}}}", version)
    assert versions.reader_version() != versions.extractor_version()
    assert versions._files_hash(("extract.py",)) != versions._files_hash(("periods.py",))
