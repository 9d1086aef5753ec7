"""Duplication findings: repeated blocks inside a document and repeated documents."""

from __future__ import annotations

import pyarrow as pa


def duplicate_findings(documents: pa.Table, blocks: pa.Table, run_id: str) -> list[dict]:
    """A `duplicate_block` finding per repeated block and a `duplicate_document` per repeated document."""
    from etl.quality import finding

    rows = [
        finding(
            run_id, "duplicate_block", "warning", "blocks", f"{block['doc_id']}:{block['block_idx']}", block["doc_id"],
            duplicate_of_block=block["duplicate_of_block"], kind=block["kind"],
        )
        for block in blocks.to_pylist()
        if block["duplicate_of_block"] is not None
    ]
    rows += [
        finding(run_id, "duplicate_document", "warning", "documents", doc["doc_id"], doc["doc_id"], source=doc["source"], duplicate_of=doc["duplicate_of"])
        for doc in documents.to_pylist()
        if doc["status"] == "duplicate"
    ]
    return rows
