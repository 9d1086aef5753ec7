"""Span offsets agree with documents.text, counted in Python characters, not bytes."""

from __future__ import annotations

from etl.quality.outcomes import failures, table_connection
from etl.quality.spans import SPAN_CHECK, SPAN_TEXT_COLUMNS, check_spans, mismatches_query
from etl.schema import empty_table, to_table

SPAN_TABLES = tuple(SPAN_TEXT_COLUMNS)


def span_mismatch_rows(documents, table, text_column: str = "text") -> dict[str, list]:
    """The check's query over one table's rows: those whose text is not documents.text[char_start:char_end], by column."""
    with table_connection({"documents": documents, "rows": table}) as connection:
        return connection.sql(mismatches_query("rows", text_column)).to_arrow_table().to_pydict()


def span_mismatches(documents, table, text_column: str = "text") -> int:
    return len(span_mismatch_rows(documents, table, text_column)["row"])


TEXT = "Zelenskyy’s “quote” café\nover 12 drones"


def documents(text: str = TEXT):
    """One loaded document holding `text`."""
    return to_table(
        "documents", [{"doc_id": "d1", "source": "a.txt", "text": text, "n_blocks": 1, "n_unique_blocks": 1, "status": "loaded"}]
    )


def mention(part: str, shift: int = 0, doc_id: str = "d1", **overrides) -> dict:
    """An actor_mentions row whose offsets point at `part` in TEXT, moved by `shift`."""
    start = TEXT.index(part) + shift
    row = {
        "doc_id": doc_id,
        "block_idx": 0,
        "char_start": start,
        "char_end": start + len(part),
        "text": part,
        "actor_id": "a1",
        "mention_kind": "name",
    }
    return {**row, **overrides}


def test_duckdb_slices_characters_not_bytes():
    import duckdb

    sliced = duckdb.connect().execute("SELECT substring(?, 13, 7), length(?)", [TEXT, TEXT]).fetchone()
    assert sliced == (TEXT[12:19], len(TEXT)) and sliced[0] == "“quote”"


def test_spans_after_non_ascii_text_match():
    table = to_table("actor_mentions", [mention("Zelenskyy’s"), mention("“quote”"), mention("café")])
    assert span_mismatches(documents(), table) == 0


def test_each_kind_of_bad_span_is_counted():
    rows = [
        mention("café", shift=1, text="café"),  # offsets one character late
        mention("café", text="cafe"),  # text differs from the document
        mention("drones", doc_id="missing"),  # no such document
        mention("drones", char_end=len(TEXT) + 3),  # ends past the document
        mention("over", char_start=-1),  # negative start
        mention("12", char_start=30, char_end=29),  # reversed
        mention("“quote”"),  # fine
    ]
    bad = span_mismatch_rows(documents(), to_table("actor_mentions", rows))
    assert bad["row"] == [0, 1, 2, 3, 4, 5]
    assert bad["document_says"][0] == "afé\n"


def test_text_column_is_chosen_per_table():
    start = TEXT.index("12")
    event = {
        "event_id": "e1",
        "doc_id": "d1",
        "block_idx": 0,
        "event_type": "ASSAULT",
        "actor1_id": "a1",
        "trigger": "drones",
        "certainty": "asserted",
        "num_mentions": 1,
        "num_documents": 1,
        "num_sources": 1,
        "sentence": TEXT,
        "char_start": start,
        "char_end": start + 2,
    }
    events = to_table("events", [event])
    assert span_mismatches(documents(), events, "trigger") == 1
    stats = to_table(
        "statistics",
        [
            {
                "stat_id": "s1",
                "doc_id": "d1",
                "block_idx": 0,
                "value": 12.0,
                "value_text": "12",
                "qualifier": "over",
                "sentence": TEXT,
                "char_start": start,
                "char_end": start + 2,
            }
        ],
    )
    assert span_mismatches(documents(), stats, SPAN_TEXT_COLUMNS["statistics"]) == 0


def test_empty_tables_have_no_mismatches():
    assert span_mismatches(empty_table("documents"), empty_table("quotes")) == 0
    assert span_mismatches(documents(), empty_table("blocks")) == 0


def test_check_spans_reports_errors_for_every_span_table():
    assert set(SPAN_TEXT_COLUMNS) == set(SPAN_TABLES)
    tables = {"documents": documents(), "actor_mentions": to_table("actor_mentions", [mention("café", shift=1)])}
    outcomes = check_spans(tables)
    assert sorted(o.table for o in outcomes) == sorted(SPAN_TABLES)
    bad = [o for o in outcomes if not o.success]
    assert [(o.table, o.expectation, o.severity, o.unexpected_count) for o in bad] == [("actor_mentions", SPAN_CHECK, "error", 1)]
    (failure,) = failures(outcomes)
    assert failure.defined_in == "etl/quality/spans.py" and str(failure).endswith(
        "[etl/quality/spans.py]"
    )  # the check is code, not a suite file
