"""Keys unique across the whole table: the suites validate a slice of documents at a time, so a key without
doc_id (an event_id, an actor_id) could repeat in two slices unseen. Checked here in SQL, when there are slices."""

from __future__ import annotations

from etl.quality.outcomes import ROWS_PER_DOCUMENT, SuiteOutcome
from etl.schema import KEYS
from etl.sql import identifier

KEY_CHECK = "key_is_unique_across_slices"
EXAMPLES_SHOWN = 5


def check_keys(connection, batch: int) -> list[SuiteOutcome]:
    """One error-severity outcome per table whose key may repeat across the suites' slices."""
    documents = connection.execute("SELECT count(DISTINCT doc_id) FROM documents").fetchall()[0][0]
    outcomes = []
    for name, key in KEYS.items():
        columns = [row[0] for row in connection.execute(f"DESCRIBE {identifier(name)}").fetchall()]
        if "doc_id" in key or not set(key) <= set(columns):
            continue  # the slices split by doc_id, or the suite reports the missing column
        rows = connection.execute(f"SELECT count(*) FROM {identifier(name)}").fetchall()[0][0]
        sliced = documents > batch if "doc_id" in columns and name != "dq_findings" else rows > batch * ROWS_PER_DOCUMENT
        if not sliced:
            continue
        listed = ", ".join(identifier(column) for column in key)
        repeated = connection.execute(
            f"SELECT {listed}, count(*) FROM {identifier(name)} GROUP BY ALL HAVING count(*) > 1 ORDER BY {listed}"
        ).fetchall()
        outcomes.append(
            SuiteOutcome(
                table=name,
                expectation=KEY_CHECK,
                columns=tuple(key),
                severity="error",
                success=not repeated,
                unexpected_count=sum(row[-1] for row in repeated),
                details=f"e.g. {[list(row[:-1]) for row in repeated[:EXAMPLES_SHOWN]]}" if repeated else "",
                defined_in="etl/quality/keys.py",
            )
        )
    return outcomes
