"""Expanding user arguments (files, folders, globs, ``-``) into files to read.

Order is deterministic (arguments in order, folder entries sorted by name) so
the same command gives the same ids. Links that loop or point nowhere, folders
that cannot be opened and odd file types become problems, never crashes.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.records import InputProblem

STDIN = "-"
# Extensions of the document formats ingest reads; a folder so named is suspicious.
DOCUMENT_EXTENSIONS = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl",
     ".ndjson", ".jsonlines", ".csv", ".tsv"}
)


@dataclass
class Expansion:
    """What has been handed out so far in one ``read_inputs`` call (to skip repeats)."""

    files: set[tuple[int, int]] = field(default_factory=set)
    folders: set[tuple[int, int]] = field(default_factory=set)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def expand(arg: str, seen: Expansion) -> Iterator[str | InputProblem]:
    """Files named by one argument, as path strings (or ``-``), and problems met on the way."""
    if arg == STDIN:
        yield STDIN
        return
    if os.path.lexists(arg):
        yield from _expand_existing(arg, seen, from_pattern=False, ancestors=())
        return
    if _has_magic(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield InputProblem(arg, "no files match this pattern")
        for match in matches:
            yield from _expand_existing(match, seen, from_pattern=True, ancestors=())
        return
    yield InputProblem(arg, "no such file or folder")


def _stat(path: str) -> os.stat_result | InputProblem:
    """stat() following links, with a readable reason when that fails."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputProblem(path, "symbolic link loop")
        if os.path.islink(path):
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return InputProblem(path, f"broken symbolic link (points to {target})")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return InputProblem(path, "permission denied")
        return InputProblem(path, f"cannot access: {exc.strerror or exc}")


def _expand_existing(
    path: str, seen: Expansion, *, from_pattern: bool, ancestors: tuple[tuple[int, int], ...]
) -> Iterator[str | InputProblem]:
    info = _stat(path)
    if isinstance(info, InputProblem):
        yield info
        return
    key = (info.st_dev, info.st_ino)
    if stat.S_ISDIR(info.st_mode):
        if from_pattern and Path(path).suffix.lower() in DOCUMENT_EXTENSIONS:
            yield InputProblem(path, "is a folder, not a file (named like a document)")
            return
        if key in ancestors:
            yield InputProblem(path, "symbolic link loop (folder contains itself)")
            return
        if key in seen.folders:
            return  # already read through another path
        seen.folders.add(key)
        yield from _walk(path, seen, (*ancestors, key))
        return
    if not stat.S_ISREG(info.st_mode):
        yield InputProblem(path, "not a regular file (device, pipe or socket)")
        return
    if key in seen.files:
        return
    seen.files.add(key)
    yield path


def _walk(
    folder: str, seen: Expansion, ancestors: tuple[tuple[int, int], ...]
) -> Iterator[str | InputProblem]:
    """Depth-first over a folder, entries sorted by name, hidden entries skipped."""
    try:
        names = sorted(os.listdir(folder))
    except PermissionError:
        yield InputProblem(folder, "cannot open folder: permission denied")
        return
    except OSError as exc:
        yield InputProblem(folder, f"cannot open folder: {exc.strerror or exc}")
        return
    for name in names:
        if name.startswith("."):
            continue
        yield from _expand_existing(
            os.path.join(folder, name), seen, from_pattern=False, ancestors=ancestors
        )
