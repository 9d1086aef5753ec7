"""Findings keep the run that first raised them, so an unchanged re-run changes nothing in dq_findings."""

from __future__ import annotations

# dq_findings' column that schema 7 and before called `check` (a reserved word in SQL).
OLD_CHECK_COLUMN = "check"


def findings_file(path: str) -> str:
    """A relation of a published dq_findings Parquet file with today's column names, whichever version wrote it:
    the first run after an upgrade reads the findings the previous version published."""
    import pyarrow.parquet as pq

    from etl.sql import identifier, parquet

    if OLD_CHECK_COLUMN not in pq.read_schema(path).names:
        return parquet(path)
    return f"(SELECT * RENAME ({identifier(OLD_CHECK_COLUMN)} AS check_name) FROM {parquet(path)})"


# The view carry_first_seen makes: the new findings, each under the run that first raised it.
FINDINGS_KEPT_FIRST = "findings_kept_first"


def carry_first_seen(connection, new_findings: str, published_findings: str) -> str:
    """The view of `new_findings` (dq_findings rows with an `ordinal`) each under the run that first raised it
    (in `published_findings`), so an unchanged re-run changes nothing."""
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {FINDINGS_KEPT_FIRST} AS
        SELECT coalesce(p.run_id, n.run_id) AS run_id, n.check_name, n.severity, n.table_name, n.doc_id, n.ref, n.details
        FROM {new_findings} n
        LEFT JOIN (SELECT check_name, table_name, ref, doc_id, min(run_id) AS run_id FROM {published_findings} GROUP BY ALL) p
          ON p.check_name = n.check_name AND p.table_name = n.table_name AND p.ref = n.ref AND p.doc_id IS NOT DISTINCT FROM n.doc_id
        ORDER BY n.ordinal
        """
    )
    return FINDINGS_KEPT_FIRST
