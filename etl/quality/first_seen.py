"""Findings keep the run that first raised them, so an unchanged re-run changes nothing in dq_findings."""

from __future__ import annotations


def carry_first_seen(connection) -> None:
    """View `findings_kept_first`: `new_findings` each under the run that first raised it (in `published_findings`),
    so an unchanged re-run changes nothing."""
    connection.execute(
        """
        CREATE OR REPLACE TEMP VIEW findings_kept_first AS
        SELECT coalesce(p.run_id, n.run_id) AS run_id, n."check", n.severity, n.table_name, n.doc_id, n.ref, n.details
        FROM new_findings n
        LEFT JOIN (SELECT "check", table_name, ref, doc_id, min(run_id) AS run_id FROM published_findings GROUP BY ALL) p
          ON p."check" = n."check" AND p.table_name = n.table_name AND p.ref = n.ref AND p.doc_id IS NOT DISTINCT FROM n.doc_id
        ORDER BY n.ordinal
        """
    )
