"""Parquet tables: one folder per table holding one file (`part-0.parquet`), written by a run into its own version folder."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.schema import TABLES

PART_NAME = "part-0.parquet"


def table_dir(parquet_dir: Path, name: str) -> Path:
    return parquet_dir / name


def read_published(parquet_dir: Path, name: str, schema: pa.Schema | None = None) -> pa.Table:
    """A table under `parquet_dir`, or an empty one if there is none yet."""
    schema = schema or TABLES[name]
    path = table_dir(parquet_dir, name) / PART_NAME
    return pq.read_table(path, schema=schema) if path.exists() else schema.empty_table()
