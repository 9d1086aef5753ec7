"""Publish a run: its tables plus its `runs` row as a new version (Parquet, DuckDB, state), then swap it in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa

from etl.load.duckdb import load_tables
from etl.load.parquet import read_published, write_tables
from etl.load.state import write_state
from etl.load.versions import current_version, prune_versions, published_root, switch_current, sync_tree, write_version_file
from etl.schema import to_table
from etl.settings import Settings


def publish(
    settings: Settings, tables: dict[str, pa.Table], run_row: dict, state: dict[str, pa.Table] | None = None, extra_files: dict[str, str] | None = None
) -> Path:
    """Write every table to a new version folder, make it current in one step, drop older versions.

    `runs` keeps every earlier run and gains this one; `extra_files` are small text files kept with the version. A run killed before the swap leaves the
    published version as it was; the next run deletes the half-written folder.
    """
    previous = current_version(settings.warehouse)
    root = published_root(settings, previous)
    earlier_runs = read_published(root / "parquet", "runs") if root else to_table("runs", [])
    everything = {**tables, "runs": pa.concat_tables([earlier_runs, to_table("runs", [run_row])])}
    folder = settings.versions_dir / run_row["run_id"]
    shutil.rmtree(folder, ignore_errors=True)
    write_tables(folder / "parquet", everything)
    if state is not None:
        write_state(folder, state)
    load_tables(folder / "warehouse.duckdb", everything)
    for name, text in (extra_files or {}).items():
        (folder / name).write_text(text)
    write_version_file(folder, run_row["run_id"], previous)
    sync_tree(folder)
    switch_current(settings.warehouse, run_row["run_id"])
    prune_versions(settings)
    return folder
