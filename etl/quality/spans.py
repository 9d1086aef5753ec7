"""Check that every span's char_start/char_end points at its own text in documents.text.

The fast check runs here in DuckDB over the whole table, with examples of what the document says
instead. The same rule runs in the Great Expectations suites (expect_span_to_match_document_text)
on a span view: the table's spans beside the slice of documents.text they point at, since a GX
batch is one frame. Offsets are Python string (code point) offsets; DuckDB's substring and length
count code points too.
"""

from __future__ import annotations

from collections.abc import Sequence

from etl.quality.outcomes import SuiteOutcome
from etl.sql import identifier

# The column of each span table that must equal documents.text[char_start:char_end].
SPAN_TEXT_COLUMNS: dict[str, str] = {
    "blocks": "text",
    "actor_mentions": "text",
    "event_mentions": "trigger",
    "events": "trigger",
    "quotes": "text",
    "statistics": "value_text",
}

SPAN_CHECK = "span_matches_document_text"
# The column of a span view holding documents.text[char_start:char_end].
DOCUMENT_SLICE = "document_slice"
EXAMPLES_SHOWN = 5


def span_view_query(rows: str, text_column: str, keep: Sequence[str] = ()) -> str:
    """SQL for the span view of a table expression `rows`: doc_id, offsets and text (and the columns in `keep`)
    beside `document_slice`, documents.text[char_start:char_end], null where the row has no document or its
    span is reversed or runs outside the text (so the expectation comparing the two fails on it too). Rows keep their order."""
    column = identifier(text_column)
    shown = ["doc_id", "char_start", "char_end", text_column]
    extra = "".join(f", t.{identifier(name)}" for name in keep if name not in shown)
    return f"""
        SELECT t.doc_id, t.char_start, t.char_end, t.{column}{extra},
               CASE WHEN t.char_start >= 0 AND t.char_end >= t.char_start AND t.char_end <= length(d.text)
                    THEN substring(d.text, t.char_start + 1, t.char_end - t.char_start) END AS {DOCUMENT_SLICE}
        FROM (SELECT *, row_number() OVER () AS _row FROM ({rows})) t
        LEFT JOIN (SELECT doc_id, any_value(text) AS text FROM documents GROUP BY doc_id) d ON d.doc_id = t.doc_id
        ORDER BY t._row
    """


def mismatches_query(table: str, text_column: str) -> str:
    """Rows of a span table whose text is not documents.text[char_start:char_end], with what the document says."""
    column = identifier(text_column)
    return f"""
        SELECT t._row - 1 AS row, t.doc_id, t.char_start, t.char_end, t.{column},
               substring(d.text, greatest(t.char_start, 0) + 1, greatest(t.char_end - t.char_start, 0)) AS document_says
        FROM (SELECT *, row_number() OVER () AS _row FROM {identifier(table)}) t
        LEFT JOIN (SELECT doc_id, any_value(text) AS text FROM documents GROUP BY doc_id) d ON d.doc_id = t.doc_id
        WHERE NOT coalesce(t.char_start >= 0 AND t.char_end >= t.char_start AND t.char_end <= length(d.text)
                           AND substring(d.text, t.char_start + 1, t.char_end - t.char_start) = t.{column}, false)
        ORDER BY t._row
    """


def check_spans(source) -> list[SuiteOutcome]:
    """One error-severity outcome per span table, to sit beside run_suites' outcomes.

    `source` is a DuckDB connection with a view per table, or a dict of Arrow tables.
    """
    from etl.quality.outcomes import table_connection

    with table_connection(source) as connection:
        outcomes = []
        for name, text_column in SPAN_TEXT_COLUMNS.items():
            query = mismatches_query(name, text_column)
            count = connection.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0]
            examples = (
                connection.sql(
                    f"SELECT doc_id, char_start, char_end, {identifier(text_column)}, document_says FROM ({query}) LIMIT {EXAMPLES_SHOWN}"
                )
                .to_arrow_table()
                .to_pylist()
                if count
                else []
            )
            outcomes.append(
                SuiteOutcome(
                    table=name,
                    expectation=SPAN_CHECK,
                    columns=("doc_id", "char_start", "char_end", text_column),
                    severity="error",
                    success=count == 0,
                    unexpected_count=count,
                    details=f"e.g. {examples}" if count else "",
                    defined_in="etl/quality/spans.py",
                )
            )
        return outcomes
