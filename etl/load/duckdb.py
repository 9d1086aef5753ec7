"""The DuckDB database: one table per warehouse table, built in a single transaction in a new file."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa


def load_tables(database: Path, tables: dict[str, pa.Table]) -> None:
    """Create every table in one transaction; the file is new, so no reader ever has it open."""
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
        connection.execute("CHECKPOINT")
