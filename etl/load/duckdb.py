"""The DuckDB database: one table per warehouse table, built in a single transaction in a new file."""

from __future__ import annotations

from pathlib import Path


def load_parquet(database: Path, files: dict[str, Path]) -> None:
    """Create every table from its Parquet file in one transaction; the file is new, so no reader ever has it open.

    DuckDB reads the files in a stream: memory stays flat however big the tables are.
    """
    import duckdb

    from etl.sql import identifier, quoted

    database.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database), config={"memory_limit": "256MB", "preserve_insertion_order": True}) as connection:
        connection.execute("BEGIN TRANSACTION")
        try:
            for name, path in files.items():
                connection.execute(f"CREATE OR REPLACE TABLE {identifier(name)} AS SELECT * FROM read_parquet({quoted(str(path))})")
                _comment(connection, name)
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
        connection.execute("CHECKPOINT")


def _comment(connection, name: str) -> None:
    """The data dictionary's words (etl/columns.tsv) as the COMMENT of a table and of each of its columns."""
    from etl.schema import COLUMN_DOCS, TABLE_DOCS
    from etl.sql import identifier, quoted

    if name not in TABLE_DOCS:
        return
    connection.execute(f"COMMENT ON TABLE {identifier(name)} IS {quoted(TABLE_DOCS[name])}")
    for column, (meaning, _) in COLUMN_DOCS[name].items():
        connection.execute(f"COMMENT ON COLUMN {identifier(name)}.{identifier(column)} IS {quoted(meaning)}")
