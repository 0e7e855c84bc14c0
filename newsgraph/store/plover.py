"""The PLOVER type table (quad class, CAMEO roots, symmetry) read from ``data/plover.yaml``.

Kept as data so analysts can add or override types with a file of the same shape,
and so the store, the query API and the event extractor share one table.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from newsgraph.datafiles import data_path, load_data_file

Quad = Literal["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
QUADS: tuple[str, ...] = (
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
)


class PloverType(BaseModel):
    """One PLOVER event type: its quad class, CAMEO root codes and whether it is symmetric."""

    model_config = ConfigDict(extra="forbid")

    quad: Quad
    cameo: list[str] = Field(default_factory=list)
    symmetric: bool = False
    description: str = ""


class PloverFile(BaseModel):
    """Shape of ``plover.yaml`` and of user files that extend it."""

    model_config = ConfigDict(extra="forbid")

    provenance: str
    types: dict[str, PloverType]


class PloverTable:
    """Merged PLOVER table; later files override earlier ones type by type."""

    def __init__(self, files: Iterable[PloverFile]) -> None:
        self.types: dict[str, PloverType] = {}
        for f in files:
            self.types.update({k.upper(): v for k, v in f.types.items()})

    def quad(self, event_type: str) -> str | None:
        """Quad class of a type, or None for a type the table does not know."""
        t = self.types.get(event_type.upper())
        return t.quad if t else None

    def is_cooperative(self, event_type: str) -> bool:
        return (self.quad(event_type) or "").endswith("cooperation")

    def is_conflictual(self, event_type: str) -> bool:
        return (self.quad(event_type) or "").endswith("conflict")

    @property
    def symmetric(self) -> frozenset[str]:
        """Types whose source and target are interchangeable (merge as an unordered set)."""
        return frozenset(k for k, v in self.types.items() if v.symmetric)


def load_plover(extra_files: Iterable[str | Path] = ()) -> PloverTable:
    """Load the shipped table plus any user files of the same shape."""
    paths = [data_path("plover.yaml"), *extra_files]
    return PloverTable(load_data_file(p, PloverFile) for p in paths)
