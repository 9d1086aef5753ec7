"""Published versions of the warehouse, and the one link whose swap publishes a run.

    warehouse/
      current -> _versions/<run_id>                 swapped atomically (rename of a new link)
      parquet -> current/parquet                    the paths CONTRACT.md promises, links
      warehouse.duckdb -> current/warehouse.duckdb  through `current`
      _versions/<run_id>/parquet/<table>/part-0.parquet, warehouse.duckdb, state/, version.json

A run writes a whole new version folder, then swaps `current`: readers see the previous run or
this one, never a mix of tables or a half-written file. The previous version is kept for readers
still reading it; older ones and anything a killed run left are deleted by the next writer.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

from etl.schema import SCHEMA_VERSION
from etl.settings import Settings

CURRENT = "current"
LINKS = {"parquet": f"{CURRENT}/parquet", "warehouse.duckdb": f"{CURRENT}/warehouse.duckdb"}
VERSION_FILE = "version.json"
PULL_PREFIX = ".pull-"  # a version being downloaded from the warehouse's URL (etl/load/remote.py)
TEMP_PREFIXES = (".link-", ".parquet-", ".legacy-", PULL_PREFIX)


def current_version(warehouse: Path) -> str | None:
    """The run id of the published version, or None before the first publish."""
    link = warehouse / CURRENT
    return Path(os.readlink(link)).name if link.is_symlink() else None


def published_root(settings: Settings, version: str | None) -> Path | None:
    """The folder holding `version`'s parquet/ (and state/); a pre-versions warehouse is its own root."""
    if version is not None:
        return settings.versions_dir / version
    legacy = settings.warehouse / "parquet"
    return settings.warehouse if legacy.is_dir() and not legacy.is_symlink() else None


def write_version_file(folder: Path, run_id: str, previous: str | None) -> None:
    """Mark a version folder complete, with the schema version its tables and state follow; written last, after every table."""
    (folder / VERSION_FILE).write_text(json.dumps({"run_id": run_id, "previous": previous, "schema_version": SCHEMA_VERSION}))


def schema_version(root: Path) -> int:
    """The schema version a published version (or a pre-versions warehouse folder) follows: 1 before it was recorded."""
    try:
        return int(json.loads((root / VERSION_FILE).read_text()).get("schema_version", 1))
    except (OSError, ValueError):
        return 1


def sync_tree(folder: Path) -> None:
    """Flush every file and folder under `folder` to disk, so the swap never points at lost data."""
    for root, _, files in os.walk(folder):
        for name in files:
            _fsync(Path(root) / name, os.O_RDONLY)
        _fsync(Path(root), os.O_RDONLY | os.O_DIRECTORY)


def switch_current(warehouse: Path, version: str) -> None:
    """Publish `version`: one rename replaces the `current` link, then the contract's links are made sure of."""
    _replace_with_link(warehouse / CURRENT, f"_versions/{version}")
    ensure_links(warehouse)


def ensure_links(warehouse: Path) -> None:
    """Make `parquet` and `warehouse.duckdb` links through `current` (a first publish, a killed one, an old layout)."""
    if not (warehouse / CURRENT).is_symlink():
        return
    for name, target in LINKS.items():
        path = warehouse / name
        if path.is_symlink() and os.readlink(path) == target:
            continue
        if path.is_dir() and not path.is_symlink():  # a warehouse from before versions: move its folder aside
            aside = warehouse / f".legacy-{name}-{uuid.uuid4().hex[:8]}"
            os.replace(path, aside)
            shutil.rmtree(aside, ignore_errors=True)
        _replace_with_link(path, target)
    _fsync(warehouse, os.O_RDONLY | os.O_DIRECTORY)


def prune_versions(settings: Settings) -> None:
    """Delete every version but the current and the one before it, and temporary links a killed run left."""
    current = current_version(settings.warehouse)
    keep = {current, previous_version(settings.versions_dir / current)} if current else set()
    if settings.versions_dir.is_dir():
        for folder in settings.versions_dir.iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)
    if settings.warehouse.is_dir():
        for path in settings.warehouse.iterdir():
            if path.name.startswith(TEMP_PREFIXES):
                _remove(path)


def previous_version(folder: Path) -> str | None:
    """The version a version folder was published over (None for the first)."""
    try:
        return json.loads((folder / VERSION_FILE).read_text()).get("previous")
    except (OSError, ValueError):
        return None


def _replace_with_link(path: Path, target: str) -> None:
    """Make `path` a link to `target` in one rename, whatever was there (a link or a file)."""
    temporary = path.with_name(f".link-{path.name}-{uuid.uuid4().hex[:8]}")
    os.symlink(target, temporary)
    os.replace(temporary, path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _fsync(path: Path, flags: int) -> None:
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
