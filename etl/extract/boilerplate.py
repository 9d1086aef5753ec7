"""Boilerplate: a paragraph that recurs across many documents of one source ("Sign up for our newsletter")."""

from __future__ import annotations

# The table mark_boilerplate_blocks makes: (doc_id, block_idx) of every boilerplate block.
BOILERPLATE = "boilerplate"

# Documents of one outlet: its source_name, else the top folder (or file) of its path (`path#line` for .jsonl).
SOURCE_GROUP = "coalesce(nullif(source_name, ''), split_part(split_part(source, '#', 1), '/', 1))"


def mark_boilerplate_blocks(connection, documents: str, blocks: str, block_keys: str, min_documents: int) -> str:
    """Table BOILERPLATE (doc_id, block_idx): body blocks whose paragraph recurs in `min_documents` or more
    loaded documents of their source.

    Reads the views `documents` (doc_id, status, source, source_name), `blocks` (doc_id, block_idx,
    kind) and `block_keys` (doc_id, block_idx, paragraph_hash: etl.text.paragraph_keys).
    """
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {BOILERPLATE} AS
        WITH keyed AS (
            SELECT b.doc_id, b.block_idx, {SOURCE_GROUP} AS source_group, k.paragraph_hash
            FROM {blocks} b
            JOIN {documents} d ON d.doc_id = b.doc_id AND d.status = 'loaded'
            JOIN {block_keys} k ON k.doc_id = b.doc_id AND k.block_idx = b.block_idx
            WHERE b.kind <> 'headline'
        ),
        common AS (SELECT source_group, paragraph_hash FROM keyed GROUP BY ALL HAVING count(DISTINCT doc_id) >= {int(min_documents)})
        SELECT doc_id, block_idx FROM keyed JOIN common USING (source_group, paragraph_hash)
        """
    )
    return BOILERPLATE
