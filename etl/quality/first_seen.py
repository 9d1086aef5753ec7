"""Findings keep the run that first raised them, so an unchanged re-run changes nothing in dq_findings."""

from __future__ import annotations

# The view carry_first_seen makes: the new findings, each under the run that first raised it.
FINDINGS_KEPT_FIRST = "findings_kept_first"


def carry_first_seen(connection, new_findings: str, published_findings: str) -> str:
    """The view of `new_findings` (dq_findings rows with an `ordinal`) each under the run that first raised it
    (in `published_findings`), so an unchanged re-run changes nothing."""
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {FINDINGS_KEPT_FIRST} AS
        SELECT coalesce(p.run_id, n.run_id) AS run_id, n."check", n.severity, n.table_name, n.doc_id, n.ref, n.details
        FROM {new_findings} n
        LEFT JOIN (SELECT "check", table_name, ref, doc_id, min(run_id) AS run_id FROM {published_findings} GROUP BY ALL) p
          ON p."check" = n."check" AND p.table_name = n.table_name AND p.ref = n.ref AND p.doc_id IS NOT DISTINCT FROM n.doc_id
        ORDER BY n.ordinal
        """
    )
    return FINDINGS_KEPT_FIRST
