"""Check that every span's char_start/char_end points at its own text in documents.text.

The fast check runs here in polars, with examples of what the document says instead. The same rule
runs in the Great Expectations suites (expect_span_to_match_document_text) on `span_view`, the span
table joined with the slice of documents.text it points at, since a GX batch is one frame. Offsets
are Python string (code point) offsets; polars `str.slice` counts characters too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from etl.quality.suites import SuiteOutcome
from etl.schema import empty_table

if TYPE_CHECKING:
    import pyarrow

# The column of each span table that must equal documents.text[char_start:char_end].
SPAN_TEXT_COLUMNS: dict[str, str] = {
    "blocks": "text",
    "actor_mentions": "text",
    "events": "trigger",
    "quotes": "text",
    "statistics": "value_text",
}

SPAN_CHECK = "span_matches_document_text"
# The column of a span view holding documents.text[char_start:char_end].
DOCUMENT_SLICE = "document_slice"
EXAMPLES_SHOWN = 5


def span_view(documents: pyarrow.Table | None, table: pyarrow.Table, text_column: str) -> pl.DataFrame:
    """A span table's doc_id, offsets and text beside `document_slice`, documents.text[char_start:char_end].

    The slice is null where the row has no document or its span is reversed or runs outside the text,
    so the expectation comparing the two columns (etl/quality/expectations.py) fails on it too.
    """
    documents = empty_table("documents") if documents is None else documents
    texts = pl.from_arrow(documents.select(["doc_id", "text"])).rename({"text": "_doc_text"})
    spans = pl.from_arrow(table.select(["doc_id", "char_start", "char_end", text_column]))
    start, end, doc_text = pl.col("char_start"), pl.col("char_end"), pl.col("_doc_text")
    inside = ((start >= 0) & (end >= start) & (end <= doc_text.str.len_chars())).fill_null(False)
    doc_slice = pl.when(inside).then(doc_text.str.slice(start.clip(lower_bound=0), (end - start).clip(lower_bound=0)))
    return (
        spans.join(texts.unique("doc_id"), on="doc_id", how="left", maintain_order="left")
        .with_columns(doc_slice.alias(DOCUMENT_SLICE))
        .drop("_doc_text")
    )


def span_mismatch_rows(documents: pyarrow.Table, table: pyarrow.Table, text_column: str = "text") -> pl.DataFrame:
    """Rows of a span table whose text is not documents.text[char_start:char_end] (or has no document)."""
    texts = pl.from_arrow(documents.select(["doc_id", "text"])).rename({"text": "_doc_text"})
    spans = pl.from_arrow(table.select(["doc_id", "char_start", "char_end", text_column]))
    start, end, doc_text = pl.col("char_start"), pl.col("char_end"), pl.col("_doc_text")
    doc_slice = doc_text.str.slice(start.clip(lower_bound=0), (end - start).clip(lower_bound=0))
    agrees = (
        (start >= 0)
        & (end >= start)
        & (end <= doc_text.str.len_chars())
        & doc_slice.eq_missing(pl.col(text_column))
    ).fill_null(False)
    return (
        spans.with_row_index("row")
        .join(texts.unique("doc_id"), on="doc_id", how="left")
        .filter(~agrees)
        .with_columns(doc_slice.alias("document_says"))
        .drop("_doc_text")
        .sort("row")
    )


def span_mismatches(documents: pyarrow.Table, table: pyarrow.Table, text_column: str = "text") -> int:
    """How many rows of a span table disagree with the document text they point at."""
    return span_mismatch_rows(documents, table, text_column).height


def check_spans(tables: dict[str, pyarrow.Table]) -> list[SuiteOutcome]:
    """One error-severity outcome per span table, to sit beside run_suites' outcomes."""
    documents = _table_or_empty(tables, "documents")
    outcomes = []
    for name, text_column in SPAN_TEXT_COLUMNS.items():
        table = _table_or_empty(tables, name)
        bad_rows = span_mismatch_rows(documents, table, text_column)
        examples = bad_rows.head(EXAMPLES_SHOWN).select("doc_id", "char_start", "char_end", text_column, "document_says")
        outcomes.append(
            SuiteOutcome(
                table=name,
                expectation=SPAN_CHECK,
                columns=("doc_id", "char_start", "char_end", text_column),
                severity="error",
                success=bad_rows.is_empty(),
                unexpected_count=bad_rows.height,
                details="" if bad_rows.is_empty() else f"e.g. {examples.to_dicts()}",
            )
        )
    return outcomes


def _table_or_empty(tables: dict[str, pyarrow.Table], name: str) -> pyarrow.Table:
    """The named table, or an empty one of the right schema when it is absent."""
    table = tables.get(name)
    return empty_table(name) if table is None else table
