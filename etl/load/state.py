"""Where a published version keeps the incremental state (its schemas are in etl.schema)."""

from __future__ import annotations

from pathlib import Path

from etl.load.parquet import PART_NAME
from etl.schema import STATE_SCHEMAS


def state_paths(root: Path | None) -> dict[str, Path] | None:
    """The state files of a published version, or None unless it has all of them (an older warehouse: rebuild)."""
    if root is None:
        return None
    paths = {name: root / "state" / name / PART_NAME for name in STATE_SCHEMAS}
    return paths if all(path.is_file() for path in paths.values()) else None
