"""What incremental runs need beyond the public tables: each document's facts before they are merged across documents.

Kept privately in every version (`_versions/<run_id>/state/<name>/part-0.parquet`): which documents
(and which of their contents) were processed, their fact rows with the actor ids resolved inside
the document, the actors each document named, and what duplicate detection needs of each text
(its MinHash signature and the dedup key of each block). A run re-merges these with the new
documents' facts, so actor counts and "one person across documents" come out as if every
document had been processed afresh, without reading any unchanged text again.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

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
SIGNATURES = pa.schema(
    [
        pa.field("doc_id", STRING, False),
        pa.field("content_sha256", STRING, False),
        pa.field("hashvalues", pa.list_(pa.int64()), False),
        pa.field("bands", pa.list_(pa.int64()), False),
    ]
)
BLOCK_KEYS = pa.schema(
    [pa.field("doc_id", STRING, False), pa.field("block_idx", pa.int32(), False), pa.field("dedup_hash", pa.int64(), False)]
)
# Fact tables as each document's transform gave them, before cross-document merges.
RAW_FACT_TABLES = ("actor_mentions", "events", "quotes", "statistics")
# What a shard's transform writes, per document.
SHARD_TABLES: dict[str, pa.Schema] = {"actor_observations": ACTOR_OBSERVATIONS, **{name: TABLES[name] for name in RAW_FACT_TABLES}}
STATE_SCHEMAS: dict[str, pa.Schema] = {"processed": PROCESSED, **SHARD_TABLES, "signatures": SIGNATURES, "block_keys": BLOCK_KEYS}
PART_NAME = "part-0.parquet"


def state_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows of one state table as Arrow."""
    return pa.Table.from_pylist(rows, schema=STATE_SCHEMAS[name])


def state_paths(root: Path | None) -> dict[str, Path] | None:
    """The state files of a published version, or None unless it has all of them (an older warehouse: rebuild)."""
    if root is None:
        return None
    paths = {name: root / "state" / name / PART_NAME for name in STATE_SCHEMAS}
    return paths if all(path.is_file() for path in paths.values()) else None
