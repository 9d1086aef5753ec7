"""What incremental runs need beyond the public tables: each document's facts before they are merged across documents.

Kept privately in every version (`_versions/<run_id>/state/`): which documents (and which of their
contents) were processed, their fact rows with the actor ids resolved inside the document, and the
actors each document named. A run re-merges these with the new documents' facts, so actor counts
and "one person across documents" come out as if every document had been processed afresh.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from etl.load.parquet import read_published, write_tables
from etl.schema import STRING, TABLES

PROCESSED = pa.schema([pa.field("doc_id", STRING, False), pa.field("content_sha256", STRING, False)])
ACTOR_OBSERVATIONS = pa.schema(
    [
        pa.field("doc_id", STRING, False),
        pa.field("actor_id", STRING, False),
        pa.field("name", STRING, False),
        pa.field("type", STRING, False),
        pa.field("role", STRING, True),
        pa.field("country", STRING, True),
    ]
)
# Fact tables as each document's transform gave them, before cross-document merges.
RAW_FACT_TABLES = ("actor_mentions", "events", "quotes", "statistics")
STATE_SCHEMAS: dict[str, pa.Schema] = {
    "processed": PROCESSED,
    "actor_observations": ACTOR_OBSERVATIONS,
    **{name: TABLES[name] for name in RAW_FACT_TABLES},
}


def state_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows of one state table as Arrow."""
    return pa.Table.from_pylist(rows, schema=STATE_SCHEMAS[name])


def write_state(root: Path, state: dict[str, pa.Table]) -> None:
    """Write the state tables under `root/state/`."""
    write_tables(root / "state", state, STATE_SCHEMAS)


def read_state(root: Path | None) -> dict[str, pa.Table] | None:
    """The state of a published version, or None when it has none (a warehouse from before incremental runs)."""
    if root is None or not (root / "state" / "processed").is_dir():
        return None
    return {name: read_published(root / "state", name, schema) for name, schema in STATE_SCHEMAS.items()}
