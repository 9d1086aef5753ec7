"""Publish a run: the staged tables plus its `runs` row, to Parquet and DuckDB."""

from __future__ import annotations

import pyarrow as pa

from etl.load.duckdb import load_tables
from etl.load.parquet import read_published, write_tables
from etl.schema import to_table
from etl.settings import Settings


def publish(settings: Settings, tables: dict[str, pa.Table], run_row: dict) -> None:
    """Write all tables; `runs` keeps every earlier run and gains this one."""
    earlier_runs = read_published(settings.parquet_dir, "runs")
    runs = pa.concat_tables([earlier_runs, to_table("runs", [run_row])])
    everything = {**tables, "runs": runs}
    write_tables(settings.parquet_dir, everything, run_row["run_id"])
    load_tables(settings.duckdb_path, everything)
