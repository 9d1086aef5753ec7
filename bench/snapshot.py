"""Compare the tables of two warehouses row by row: what a refactoring must leave unchanged.

    python bench/snapshot.py BEFORE_WAREHOUSE AFTER_WAREHOUSE

Prints, per table, the rows only one side has (run ids and timestamps of runs aside); exits 1 on
any difference. Use it around a change that should not change the output: run `etl run` into a
fresh warehouse before and after, then compare the two.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

TABLES = ("documents", "blocks", "actors", "actor_mentions", "event_mentions", "events", "quotes", "statistics", "dq_findings")
# Columns that differ between two runs of the same inputs by design.
RUN_COLUMNS = {"dq_findings": ("run_id",)}
SHOWN = 5


def rows(warehouse: Path, table: str) -> list[str]:
    """A table's rows as sorted text, without the columns that name the run."""
    source = f"read_parquet('{warehouse}/parquet/{table}/**/*.parquet', union_by_name = true)"
    with duckdb.connect() as connection:
        dropped = RUN_COLUMNS.get(table, ())
        select = f"SELECT * EXCLUDE ({', '.join(dropped)})" if dropped else "SELECT *"
        return sorted(map(repr, connection.execute(f"{select} FROM {source}").fetchall()))


def compare(before: Path, after: Path) -> int:
    """How many tables differ; each difference printed."""
    differing = 0
    for table in TABLES:
        old, new = rows(before, table), rows(after, table)
        gone, added = sorted(set(old) - set(new)), sorted(set(new) - set(old))
        if not gone and not added and len(old) == len(new):
            print(f"{table}: same ({len(old)} rows)")
            continue
        differing += 1
        print(f"{table}: {len(old)} -> {len(new)} rows, {len(gone)} only before, {len(added)} only after")
        for label, listed in (("-", gone), ("+", added)):
            for row in listed[:SHOWN]:
                print(f"  {label} {row[:300]}")
    return differing


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(1 if compare(Path(sys.argv[1]), Path(sys.argv[2])) else 0)
