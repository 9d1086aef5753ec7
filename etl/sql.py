"""DuckDB as the engine of corpus-wide work: tables are views over Parquet (or Arrow), queried and
written in batches, so no stage holds a whole table in memory.

Per-document work (the NLP, the figure checks of one article) stays in Python; what needs every
document at once (duplicates across the corpus, boilerplate, merging actors, keys, spans) is SQL.
DuckDB keeps to `settings.duckdb_memory` and spills to disk beyond it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

if TYPE_CHECKING:
    import duckdb

    from etl.settings import Settings

# Rows per Arrow batch fetched from or written to Parquet.
BATCH_ROWS = 20_000
# Rows per Parquet row group: small enough that readers can skip what they do not need.
ROW_GROUP_ROWS = 20_000


@contextmanager
def connect(settings: Settings | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB that keeps to the memory setting and reads and writes the run's staging."""
    import duckdb

    memory = settings.duckdb_memory if settings else "256MB"
    connection = duckdb.connect(config={"memory_limit": memory, "temp_directory": tempfile.gettempdir(), "preserve_insertion_order": True})
    try:
        if settings is not None and settings.staging:
            from etl.storage import filesystem as open_url

            filesystem, _ = open_url(settings.staging, settings.storage_conn_id)
            if filesystem.protocol not in ("file", "local", ("file", "local")):
                connection.register_filesystem(filesystem)
        yield connection
    finally:
        connection.close()


def quoted(text: str) -> str:
    """A string literal for SQL."""
    return "'" + text.replace("'", "''") + "'"


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def parquet(paths: str | list[str], row_numbers: bool = False) -> str:
    """A read_parquet(...) table expression over one file, a glob or a list of files."""
    listed = quoted(paths) if isinstance(paths, str) else "[" + ", ".join(quoted(path) for path in paths) + "]"
    return f"read_parquet({listed}{', file_row_number = true' if row_numbers else ''}, union_by_name = true)"


def columns(schema: pa.Schema, prefix: str = "") -> str:
    """A select list naming every column of `schema`, in its order."""
    return ", ".join(prefix + identifier(name) for name in schema.names)


def view(connection: duckdb.DuckDBPyConnection, name: str, source: str | pa.Table) -> None:
    """Make `name` a view: of an Arrow table, or of a table expression such as parquet(...)."""
    if isinstance(source, pa.Table):
        connection.register(name, source)
    else:
        connection.execute(f"CREATE OR REPLACE TEMP VIEW {identifier(name)} AS SELECT * FROM {source}")


def batches(
    connection: duckdb.DuckDBPyConnection, query: str, parameters: list | None = None, schema: pa.Schema | None = None
) -> Iterator[pa.RecordBatch]:
    """A query's result as Arrow record batches (cast to `schema` when given), never all at once."""
    reader = connection.sql(query, params=parameters or None).to_arrow_reader(BATCH_ROWS)
    for batch in reader:
        yield cast(batch, schema) if schema is not None else batch


def rows(connection: duckdb.DuckDBPyConnection, query: str, parameters: list | None = None) -> Iterator[dict]:
    """A query's result row by row, as dicts, fetched in batches."""
    for batch in batches(connection, query, parameters):
        yield from batch.to_pylist()


def table(connection: duckdb.DuckDBPyConnection, query: str, parameters: list | None = None, schema: pa.Schema | None = None) -> pa.Table:
    """A (small) query result as one Arrow table."""
    found = connection.sql(query, params=parameters or None).to_arrow_table()
    return cast_table(found, schema) if schema is not None else found


def scalar(connection: duckdb.DuckDBPyConnection, query: str, parameters: list | None = None):
    return connection.execute(query, parameters or []).fetchall()[0][0]


def cast(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """A batch with exactly `schema`'s columns and types (DuckDB widens some: int32 sums, nullability)."""
    arrays = [batch.column(field.name).cast(field.type) for field in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def cast_table(found: pa.Table, schema: pa.Schema) -> pa.Table:
    arrays = [found.column(field.name).cast(field.type) for field in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def write(handle, schema: pa.Schema, batches_in) -> int:
    """Write batches to one Parquet file (an open binary handle); return how many rows."""
    count = 0
    with pq.ParquetWriter(handle, schema) as writer:
        for batch in batches_in:
            if batch.num_rows:
                writer.write_batch(batch, row_group_size=ROW_GROUP_ROWS)
                count += batch.num_rows
    return count
