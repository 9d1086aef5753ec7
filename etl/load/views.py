"""Views of the DuckDB database for people reading it: an event as a sentence, and the findings' old column name."""

from __future__ import annotations

# Each view: what it needs loaded, and its SELECT.
VIEWS: dict[str, tuple[set[str], str]] = {
    # One row per happening with the names an analyst reads instead of ids: who did what to whom, when, where,
    # how many were killed or hurt, how sure, and the first report's source and sentence.
    "events_readable": (
        {"events", "actors", "documents"},
        """
        SELECT e.event_id, e.event_type, e.event_mode, doer.name AS actor1, target.name AS actor2,
               e.event_date, e.date_precision, e.location, e.admin1, e.country, e.latitude, e.longitude, e.geo_precision,
               e.fatalities, e.injured, e.certainty, e.num_mentions, e.num_documents, e.num_sources,
               d.source_name, d.title, d.url, d.source, d.published_at, e.sentence, e.doc_id, e.char_start, e.char_end
        FROM events e
        LEFT JOIN actors doer ON doer.actor_id = e.actor1_id
        LEFT JOIN actors target ON target.actor_id = e.actor2_id
        LEFT JOIN documents d ON d.doc_id = e.doc_id
        """,
    ),
    # dq_findings as schema 7 and before named its columns (`check`, a reserved word, is now `check_name`);
    # kept for one release so that existing queries keep working.
    "dq_findings_legacy": (
        {"dq_findings"},
        """SELECT run_id, check_name AS "check", severity, table_name, doc_id, ref, details::VARCHAR AS details FROM dq_findings""",
    ),
}


def create_views(connection, loaded: set[str]) -> None:
    """Create every view whose tables are loaded."""
    for name, (needs, select) in VIEWS.items():
        if needs <= loaded:
            connection.execute(f"CREATE OR REPLACE VIEW {name} AS {select}")
