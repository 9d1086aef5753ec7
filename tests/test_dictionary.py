"""The data dictionary: docs/tables.md is what etl/columns.tsv and etl/schema.py say."""

from __future__ import annotations

from pathlib import Path

from etl.dictionary import markdown
from etl.schema import COLUMN_DOCS, TABLE_DOCS, TABLES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "tables.md"


def test_docs_tables_md_is_generated_from_the_schema():
    assert DOCS.read_text(encoding="utf-8") == markdown(), "run: .venv/bin/python -m etl.dictionary > docs/tables.md"


def test_every_table_and_column_is_described_with_an_example():
    for name, schema in TABLES.items():
        assert TABLE_DOCS[name]
        for field in schema:
            meaning, example = COLUMN_DOCS[name][field.name]
            assert meaning.endswith(".") and example, (name, field.name)
            assert field.metadata[b"description"].decode() == meaning
