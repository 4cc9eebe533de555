"""Which reader and which extractor produced a row: ``articles`` and ``metrics`` keep both.

A version is the package version plus a short hash of the files the stage's output depends
on, its code and its data: ``0.1.0+3f9c2a1b``. Editing the grammar, the catalogue or the
profile gives a new version even when the package version stays, so ``hbetl reprocess`` can
tell which rows an improvement has not reached yet. ``tests/test_versions.py`` holds these
lists equal to the modules each stage imports, so a new module cannot be left out.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources

from hbetl import __version__

# The reader: HTML -> Article (parse.py reads the catalogue's phrases for teaser headings).
READER_FILES = ("parse.py", "htmltext.py", "profiles.py", "indicators.py", "textscan.py", "models.py",
                "errors.py", "data/profiles.toml", "data/indicators.csv")
# The extractor: text -> [Metric], its grammar and its catalogue.
EXTRACTOR_FILES = ("extract.py", "periods.py", "indicators.py", "numbers.py", "textscan.py", "models.py",
                   "data/indicators.csv")
HASH_DIGITS = 8  # 32 bits: tells apart the versions one warehouse will ever hold


def _files_hash(names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    package = resources.files("hbetl")
    for name in names:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(package.joinpath(name).read_bytes() + b"\0")
    return digest.hexdigest()[:HASH_DIGITS]


@functools.cache
def reader_version() -> str:
    return f"{__version__}+{_files_hash(READER_FILES)}"


@functools.cache
def extractor_version() -> str:
    return f"{__version__}+{_files_hash(EXTRACTOR_FILES)}"
