"""Merge what a run read with what is published: which documents keep their rows and blocks.

Everything here is SQL over views, so the published warehouse is never read into memory whole.
"""

from __future__ import annotations

from etl.schema import BLOCKS, DOCUMENTS
from etl.sql import identifier

# Document columns that come from the input's metadata, not its text: refreshed even when the text is unchanged.
METADATA_COLUMNS = ("source", "title", "url", "source_name", "published_at")


def merge_documents(connection) -> None:
    """Views `merged_documents` and `merged_blocks`: the warehouse's documents and blocks after this run.

    From the views `read_documents` (this run's inputs, with `position` and `kept`: the same text
    was processed before), `read_blocks` (blocks of the documents not kept, with `dedup_hash`),
    `published_documents` and `published_blocks` (with `file_row_number`), `processed` (doc_id,
    content_sha256) and the published state's `state_signatures` and `state_block_keys`; and
    `read_signatures`. A kept document keeps its published row and blocks (its facts index them),
    with its metadata refreshed; a published document whose input is gone stays, after the others.
    `from_published` marks both; `published_original` a document loaded as it is now.
    """
    chosen = ", ".join(
        f"r.{identifier(name)}"
        if name in METADATA_COLUMNS
        else f"CASE WHEN r.kept THEN p.{identifier(name)} ELSE r.{identifier(name)} END AS {identifier(name)}"
        for name in DOCUMENTS.names
    )
    published = ", ".join(f"p.{identifier(name)}" for name in DOCUMENTS.names)
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE merged_documents AS
        SELECT {chosen}, r.position, r.kept AS from_published, r.kept AS published_original
        FROM read_documents r LEFT JOIN published_documents p ON r.kept AND p.doc_id = r.doc_id
        UNION ALL
        SELECT {published}, (SELECT coalesce(max(position), -1) FROM read_documents) + 1 + p.file_row_number AS position,
               true AS from_published,
               EXISTS (SELECT 1 FROM processed s WHERE s.doc_id = p.doc_id AND s.content_sha256 = p.content_sha256) AS published_original
        FROM published_documents p ANTI JOIN read_documents r ON r.doc_id = p.doc_id
        """
    )
    block_columns = ", ".join(identifier(name) for name in BLOCKS.names)
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW merged_blocks AS
        SELECT {block_columns} FROM read_blocks
        UNION ALL
        SELECT {", ".join(f"b.{identifier(name)}" for name in BLOCKS.names)}
        FROM published_blocks b SEMI JOIN merged_documents d ON d.doc_id = b.doc_id AND d.from_published
        """
    )
    connection.execute(
        """
        CREATE OR REPLACE TEMP VIEW block_keys AS
        SELECT doc_id, block_idx, dedup_hash FROM read_blocks
        UNION ALL
        SELECT k.doc_id, k.block_idx, k.dedup_hash FROM state_block_keys k SEMI JOIN merged_documents d ON d.doc_id = k.doc_id AND d.from_published
        """
    )
    connection.execute(
        """
        CREATE OR REPLACE TEMP VIEW signatures AS
        SELECT doc_id, content_sha256, hashvalues, bands FROM read_signatures
        UNION ALL
        SELECT s.doc_id, s.content_sha256, s.hashvalues, s.bands
        FROM state_signatures s SEMI JOIN merged_documents d ON d.doc_id = s.doc_id AND d.content_sha256 = s.content_sha256 AND d.from_published
        """
    )
