"""The data dictionary as Markdown (docs/tables.md): every table, its key, and each column's type, meaning and example.

    python -m etl.dictionary > docs/tables.md

The words are etl/columns.tsv's, the same that etl/schema.py puts in the Parquet files' metadata and
etl/load/duckdb.py in the DuckDB database's comments; a test checks the three agree.
"""

from __future__ import annotations

import pyarrow as pa

from etl.schema import COLUMN_DOCS, KEYS, TABLE_DOCS, TABLES, VOCABULARIES


def type_name(kind: pa.DataType) -> str:
    """A column's type as DuckDB names it."""
    names = {
        pa.string(): "VARCHAR",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
        pa.float64(): "DOUBLE",
        pa.bool_(): "BOOLEAN",
        pa.date32(): "DATE",
        pa.timestamp("us", tz="UTC"): "TIMESTAMP WITH TIME ZONE",
    }
    if pa.types.is_list(kind):
        return f"{type_name(kind.value_type)}[]"
    return names.get(kind, str(kind))


def markdown() -> str:
    """The whole dictionary."""
    lines = [
        "# Tables",
        "",
        "<!-- Written by `python -m etl.dictionary > docs/tables.md` from etl/columns.tsv and etl/schema.py: edit those. -->",
        "",
        "Every table is a Parquet folder `warehouse/parquet/<table>/` and a table of `warehouse/warehouse.duckdb`.",
        "The meanings below are also the Parquet fields' `description` metadata and the DuckDB comments",
        "(`SELECT * FROM duckdb_columns()`). Offsets (`char_start`, `char_end`) index `documents.text`.",
    ]
    for name, schema in TABLES.items():
        lines += ["", f"## {name}", "", TABLE_DOCS[name], "", f"Key: {', '.join(f'`{column}`' for column in KEYS[name])}.", ""]
        lines += ["| column | type | null | meaning | example |", "|---|---|---|---|---|"]
        for field in schema:
            meaning, example = COLUMN_DOCS[name][field.name]
            allowed = VOCABULARIES.get((name, field.name))
            if allowed:
                meaning += f" One of: {', '.join(f'`{value}`' for value in allowed)}."
            nullable = "yes" if field.nullable else "no"
            cells = [f"`{field.name}`", type_name(field.type), nullable, meaning, f"`{example}`" if example else ""]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
