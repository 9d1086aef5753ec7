"""Publish a run: its tables plus its `runs` row as a new version (Parquet, DuckDB, state), then swap it in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.load.duckdb import load_parquet
from etl.load.parquet import PART_NAME, read_published
from etl.load.versions import current_version, prune_versions, published_root, switch_current, sync_tree, write_version_file
from etl.schema import STATE_SCHEMAS, TABLES, to_table
from etl.settings import Settings
from etl.storage import filesystem


def publish(
    settings: Settings,
    tables: dict[str, pa.Table | str],
    run_row: dict,
    state: dict[str, pa.Table | str] | None = None,
    extra_files: dict[str, str] | None = None,
) -> Path:
    """Write every table to a new version folder, make it current in one step, drop older versions.

    A table is an Arrow table or the path or URL of a staged Parquet file, copied as it is. `runs`
    keeps every earlier run and gains this one; `extra_files` are small text files kept with the
    version. A run killed before the swap leaves the published version as it was; the next run
    deletes the half-written folder.
    """
    previous = current_version(settings.warehouse)
    root = published_root(settings, previous)
    earlier_runs = read_published(root / "parquet", "runs") if root else to_table("runs", [])
    everything = {**tables, "runs": pa.concat_tables([earlier_runs, to_table("runs", [run_row])])}
    folder = settings.versions_dir / run_row["run_id"]
    shutil.rmtree(folder, ignore_errors=True)
    for name, table in everything.items():
        _place(table, folder / "parquet" / name / PART_NAME, TABLES[name], settings.storage_conn_id)
    for name, table in (state or {}).items():
        _place(table, folder / "state" / name / PART_NAME, STATE_SCHEMAS[name], settings.storage_conn_id)
    load_parquet(folder / "warehouse.duckdb", {name: folder / "parquet" / name / PART_NAME for name in everything})
    for name, text in (extra_files or {}).items():
        (folder / name).write_text(text)
    write_version_file(folder, run_row["run_id"], previous)
    sync_tree(folder)
    switch_current(settings.warehouse, run_row["run_id"])
    prune_versions(settings)
    return folder


def _place(table: pa.Table | str, target: Path, schema: pa.Schema, conn_id: str) -> None:
    """Write an Arrow table to `target`, or copy a (staged) Parquet file there (`conn_id`: see etl.storage)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(table, pa.Table):
        pq.write_table(table.cast(schema), target)
        return
    fs, path = filesystem(table, conn_id)
    fs.get_file(path, str(target))
