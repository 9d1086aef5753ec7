"""The DuckDB database: one table per warehouse table, built in a single transaction in a new file.

Each table is declared before it is filled: its columns with the Parquet file's types, NOT NULL where the
schema says a value is required, its key (etl.schema.KEYS) as the PRIMARY KEY, JSON text columns
(`dq_findings.details`) as DuckDB's JSON type, and the data dictionary as comments. Views for reading: the
findings under the column name of schema 7 and before (`dq_findings_legacy`, for one release) and
`events_readable` (etl.load.views)."""

from __future__ import annotations

from pathlib import Path

from etl.load.views import create_views


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
                source = f"read_parquet({quoted(str(path))})"
                connection.execute(_declaration(connection, name, source))
                connection.execute(f"INSERT INTO {identifier(name)} SELECT * FROM {source}")
                _comment(connection, name)
            create_views(connection, set(files))
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
        connection.execute("CHECKPOINT")


def _declaration(connection, name: str, source: str) -> str:
    """CREATE TABLE for one warehouse table: the file's column types, NOT NULL, JSON columns, the primary key."""
    from etl.schema import JSON_COLUMNS, KEYS, TABLES
    from etl.sql import identifier

    required = {field.name for field in TABLES[name] if not field.nullable} if name in TABLES else set()
    columns = []
    for column, kind, *_ in connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall():
        kind = "JSON" if (name, column) in JSON_COLUMNS else kind
        columns.append(f"{identifier(column)} {kind}{' NOT NULL' if column in required else ''}")
    if name in KEYS:
        columns.append(f"PRIMARY KEY ({', '.join(identifier(column) for column in KEYS[name])})")
    return f"CREATE OR REPLACE TABLE {identifier(name)} ({', '.join(columns)})"


def _comment(connection, name: str) -> None:
    """The data dictionary's words (etl/columns.tsv) as the COMMENT of a table and of each of its columns."""
    from etl.schema import COLUMN_DOCS, TABLE_DOCS
    from etl.sql import identifier, quoted

    if name not in TABLE_DOCS:
        return
    connection.execute(f"COMMENT ON TABLE {identifier(name)} IS {quoted(TABLE_DOCS[name])}")
    for column, (meaning, _) in COLUMN_DOCS[name].items():
        connection.execute(f"COMMENT ON COLUMN {identifier(name)}.{identifier(column)} IS {quoted(meaning)}")
