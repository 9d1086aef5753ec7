"""Merge what a run read with what is published: which documents keep their rows and blocks.

Everything here is SQL over views, so the published warehouse is never read into memory whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.schema import BLOCKS, DOCUMENTS
from etl.sql import identifier

# Document columns that come from the input's metadata, not its text: refreshed even when the text is unchanged.
METADATA_COLUMNS = ("source", "title", "url", "source_name", "published_at")


@dataclass(frozen=True)
class Sources:
    """The views merge_documents reads (the extract stage makes them), by name."""

    # This run's inputs (etl.extract.stage.READ_DOCUMENTS: with `position` and `kept`, the same text was processed before).
    read_documents: str = "read_documents"
    # Blocks of the documents not kept, with `paragraph_hash` (READ_BLOCKS).
    read_blocks: str = "read_blocks"
    # MinHash signatures of the documents not kept (etl.schema.SIGNATURES).
    read_signatures: str = "read_signatures"
    # The published version's documents and blocks, with `file_row_number`.
    published_documents: str = "published_documents"
    published_blocks: str = "published_blocks"
    # The published state: documents processed (doc_id, content_sha256), signatures and block keys.
    processed: str = "processed"
    state_signatures: str = "state_signatures"
    state_block_keys: str = "state_block_keys"


@dataclass(frozen=True)
class Merged:
    """The views merge_documents makes, by name: the warehouse's documents, blocks and fingerprints after this run."""

    # Documents (DOCUMENTS columns, status not yet decided) with `position`, `from_published`, `published_original`.
    documents: str = "merged_documents"
    blocks: str = "merged_blocks"
    # doc_id, block_idx, paragraph_hash of every block.
    block_keys: str = "block_keys"
    # doc_id, content_sha256, hashvalues, bands of every document with a signature.
    signatures: str = "signatures"


SOURCES = Sources()
MERGED = Merged()


def merge_documents(connection, read: Sources = SOURCES) -> Merged:
    """The warehouse's documents and blocks after this run, merged from what this run read and what is published.

    A kept document keeps its published row and blocks (its facts index them), with its metadata
    refreshed; a published document whose input is gone stays, after the others. `from_published`
    marks both; `published_original` a document loaded as it is now.
    """
    merged = MERGED
    chosen = ", ".join(
        f"r.{identifier(name)}"
        if name in METADATA_COLUMNS
        else f"CASE WHEN r.kept THEN p.{identifier(name)} ELSE r.{identifier(name)} END AS {identifier(name)}"
        for name in DOCUMENTS.names
    )
    published = ", ".join(f"p.{identifier(name)}" for name in DOCUMENTS.names)
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {merged.documents} AS
        SELECT {chosen}, r.position, r.kept AS from_published, r.kept AS published_original
        FROM {read.read_documents} r LEFT JOIN {read.published_documents} p ON r.kept AND p.doc_id = r.doc_id
        UNION ALL
        SELECT {published}, (SELECT coalesce(max(position), -1) FROM {read.read_documents}) + 1 + p.file_row_number AS position,
               true AS from_published,
               EXISTS (SELECT 1 FROM {read.processed} s WHERE s.doc_id = p.doc_id AND s.content_sha256 = p.content_sha256)
                 AS published_original
        FROM {read.published_documents} p ANTI JOIN {read.read_documents} r ON r.doc_id = p.doc_id
        """
    )
    block_columns = ", ".join(identifier(name) for name in BLOCKS.names)
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {merged.blocks} AS
        SELECT {block_columns} FROM {read.read_blocks}
        UNION ALL
        SELECT {", ".join(f"b.{identifier(name)}" for name in BLOCKS.names)}
        FROM {read.published_blocks} b SEMI JOIN {merged.documents} d ON d.doc_id = b.doc_id AND d.from_published
        """
    )
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {merged.block_keys} AS
        SELECT doc_id, block_idx, paragraph_hash FROM {read.read_blocks}
        UNION ALL
        SELECT k.doc_id, k.block_idx, k.paragraph_hash
        FROM {read.state_block_keys} k SEMI JOIN {merged.documents} d ON d.doc_id = k.doc_id AND d.from_published
        """
    )
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {merged.signatures} AS
        SELECT doc_id, content_sha256, hashvalues, bands FROM {read.read_signatures}
        UNION ALL
        SELECT s.doc_id, s.content_sha256, s.hashvalues, s.bands
        FROM {read.state_signatures} s
        SEMI JOIN {merged.documents} d ON d.doc_id = s.doc_id AND d.content_sha256 = s.content_sha256 AND d.from_published
        """
    )
    return merged
