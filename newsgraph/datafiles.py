"""Loading of knowledge files (actors, patterns, places) under ``newsgraph/data/``.

Knowledge lives in YAML files, each with a ``provenance`` header saying where
its facts come from. Files are validated by a pydantic model on load, and a
user's own files are read the same way, so an error names the file and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from newsgraph.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)


def data_path(*parts: str) -> Path:
    """Path of a file shipped under ``newsgraph/data``."""
    return DATA_DIR.joinpath(*parts)


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data_file(path: Path | str, model: type[M]) -> M:
    """Read one YAML knowledge file and validate it against ``model``.

    The file must be a mapping with a non-empty ``provenance`` string.
    Raises DataFileError with the file name and the first problem found.
    """
    path = Path(path)
    try:
        # libyaml's C loader when present: the same safe subset, several times faster
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except FileNotFoundError as exc:
        raise DataFileError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc})") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from exc
    if not isinstance(raw, dict):
        raise DataFileError(f"{path}: expected a mapping at the top level")
    if not str(raw.get("provenance") or "").strip():
        raise DataFileError(f"{path}: missing 'provenance' header (say where the facts come from)")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise DataFileError(f"{path}: {loc}: {first['msg']}") from exc
