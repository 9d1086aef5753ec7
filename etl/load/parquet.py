"""Parquet tables under warehouse/parquet/<table>/, written aside and renamed into place."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.schema import TABLES, empty_table

PART_NAME = "part-0.parquet"


def table_dir(parquet_dir: Path, name: str) -> Path:
    return parquet_dir / name


def read_published(parquet_dir: Path, name: str) -> pa.Table:
    """A published table, or an empty one if there is none yet."""
    path = table_dir(parquet_dir, name) / PART_NAME
    return pq.read_table(path, schema=TABLES[name]) if path.exists() else empty_table(name)


def write_tables(parquet_dir: Path, tables: dict[str, pa.Table], run_id: str) -> None:
    """Write every table to a temporary folder, then swap each into place with renames."""
    temporary = parquet_dir.parent / f".parquet-{run_id}"
    shutil.rmtree(temporary, ignore_errors=True)
    for name, table in tables.items():
        folder = table_dir(temporary, name)
        folder.mkdir(parents=True)
        pq.write_table(table.cast(TABLES[name]), folder / PART_NAME)
    parquet_dir.mkdir(parents=True, exist_ok=True)
    for name in tables:
        _swap(table_dir(temporary, name), table_dir(parquet_dir, name))
    shutil.rmtree(temporary, ignore_errors=True)


def _swap(new: Path, current: Path) -> None:
    """Replace `current` by `new` so a reader sees one or the other, never a half-written table."""
    old = current.with_name(f".{current.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        os.replace(current, old)
    os.replace(new, current)
    shutil.rmtree(old, ignore_errors=True)
