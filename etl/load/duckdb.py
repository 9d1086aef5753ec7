"""The DuckDB database: one table per warehouse table, replaced in a single transaction."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa


def load_tables(database: Path, tables: dict[str, pa.Table]) -> None:
    """Replace every table in one transaction, so readers see the previous run or this one."""
    import duckdb

    database.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database)) as connection:
        connection.execute("BEGIN TRANSACTION")
        try:
            for name, table in tables.items():
                connection.register("incoming", table)
                connection.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM incoming')
                connection.unregister("incoming")
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
