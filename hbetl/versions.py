"""Which reader and which extractor produced a row: ``articles`` and ``metrics`` keep both.

A version is the package version plus a short hash of the files the stage's output depends
on, its code and its data: ``0.1.0+3f9c2a1b``. Editing the grammar, the catalogue or the
profile gives a new version even when the package version stays, so ``hbetl reprocess`` can
tell which rows an improvement has not reached yet. The code is found, not listed: the
stage's module and every hbetl module it imports, transitively (a module added to the
extractor next month is in its version without anyone remembering to add it); the data files
are listed, and ``tests/test_versions.py`` checks the lists name every file the code opens.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from importlib import resources

from hbetl import __version__

READER_DATA = ("data/profiles.toml", "data/indicators.csv", "data/places.csv")  # parse.py reads the catalogue's phrases too
EXTRACTOR_DATA = ("data/indicators.csv", "data/head_words.csv", "data/places.csv")
HASH_DIGITS = 8  # 32 bits: tells apart the versions one warehouse will ever hold


@functools.cache
def code_files(module: str) -> tuple[str, ...]:
    """``module``'s file and those of the hbetl modules it imports, transitively, by name."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if f"{name}.py" in seen:
            continue
        seen.add(f"{name}.py")
        tree = ast.parse(resources.files("hbetl").joinpath(f"{name}.py").read_bytes())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hbetl."):
                todo.append(node.module.split(".")[1])
    return tuple(sorted(seen))


def _files_hash(names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    package = resources.files("hbetl")
    for name in names:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(package.joinpath(name).read_bytes() + b"\0")
    return digest.hexdigest()[:HASH_DIGITS]


def reader_files() -> tuple[str, ...]:
    return code_files("parse") + READER_DATA


def extractor_files() -> tuple[str, ...]:
    return code_files("extract") + EXTRACTOR_DATA


@functools.cache
def reader_version() -> str:
    return f"{__version__}+{_files_hash(reader_files())}"


@functools.cache
def extractor_version() -> str:
    return f"{__version__}+{_files_hash(extractor_files())}"
