"""The extract stage: every input read once into the run's staging, then repeats and boilerplate marked across the corpus.

Inputs are read one document at a time and written out in batches (repeated paragraphs inside a
document are found as it is read); what needs the whole corpus (repeated documents, boilerplate,
the merge with the published warehouse) runs in DuckDB over the staged files. Memory stays flat
however many documents there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl import staging
from etl.extract.boilerplate import mark_boilerplate_blocks
from etl.extract.documents import iter_documents
from etl.extract.merge import SOURCES, Merged, merge_documents
from etl.extract.repeats import band_keys, dedup_text, document_signature, mark_near_repeats, mark_repeated_documents
from etl.schema import BLOCK_KEYS, BLOCKS, DOCUMENTS, SIGNATURES, STATE_SCHEMAS
from etl.settings import Settings
from etl.sql import columns, connect, parquet, view
from etl.staging import InputCounts

# What the extract stages while reading, for its SQL steps (files in the run's staging, with their schemas).
READ_DOCUMENTS_FILE, READ_BLOCKS_FILE, READ_SIGNATURES_FILE = "read_documents", "read_blocks", "read_signatures"
READ_DOCUMENTS = DOCUMENTS.append(pa.field("position", pa.int64(), False)).append(pa.field("kept", pa.bool_(), False))
READ_BLOCKS = BLOCKS.append(pa.field("paragraph_hash", pa.int64(), False))
# The warehouse's documents after this run, each with its status decided (merged documents and their status).
DOCUMENTS_NOW = "documents_now"


@dataclass(frozen=True)
class Published:
    """The files of the published version a run starts from (None where there is none)."""

    documents: Path | None = None
    blocks: Path | None = None
    state: dict[str, Path] | None = None


@dataclass(frozen=True)
class Extracted:
    """What the extract decided for the later stages (recorded in the run plan)."""

    # The documents the NLP must process, in input order.
    todo: tuple[str, ...]
    inputs: InputCounts
    # Documents and blocks are the published ones, row for row.
    unchanged: bool


def extract(settings: Settings, run_id: str, published: Published) -> Extracted:
    """Stage `documents`, `blocks` and the state's `signatures` and `block_keys` as they stand after this run;
    return which documents need the NLP, what happened to the inputs, and whether nothing changed."""
    processed = _processed(published.state)
    _read_inputs(settings, run_id, processed)
    with connect(settings) as connection:
        _views(connection, settings, run_id, published)
        merged = merge_documents(connection, SOURCES)
        status = mark_repeated_documents(connection, merged.documents, merged.signatures)
        connection.execute(
            f"""
            CREATE OR REPLACE TEMP VIEW {DOCUMENTS_NOW} AS
            SELECT m.* REPLACE (s.status AS status, s.duplicate_of AS duplicate_of)
            FROM {merged.documents} m JOIN {status} s USING (doc_id)
            """
        )
        boilerplate = mark_boilerplate_blocks(
            connection, DOCUMENTS_NOW, merged.blocks, merged.block_keys, settings.boilerplate_min_documents
        )
        _stage_outputs(connection, settings, run_id, merged, boilerplate)
        todo = [
            row[0]
            for row in connection.execute(
                f"SELECT doc_id FROM {DOCUMENTS_NOW} WHERE status = 'loaded' AND NOT published_original ORDER BY position"
            ).fetchall()
        ]
        inputs = _input_counts(connection)
        unchanged = published.state is not None and not todo and _same_as_published(connection, settings, run_id, published)
    return Extracted(tuple(todo), inputs, unchanged)


def _processed(state: dict[str, Path] | None) -> set[tuple[str, str]]:
    """(doc_id, content_sha256) of every document the published facts come from."""
    if state is None:
        return set()
    table = pq.read_table(state["processed"])
    return set(zip(table.column("doc_id").to_pylist(), table.column("content_sha256").to_pylist()))


def _read_inputs(settings: Settings, run_id: str, processed: set[tuple[str, str]]) -> None:
    """Stream every input into the staged READ_DOCUMENTS, READ_BLOCKS and read signatures, one document at a time.

    A document whose text was processed before (`kept`) keeps its published blocks and signature,
    so only its row is staged; the others get their near-repeated paragraphs marked and a signature.
    """
    with (
        staging.RowWriter(settings, run_id, READ_DOCUMENTS_FILE, READ_DOCUMENTS) as documents,
        staging.RowWriter(settings, run_id, READ_BLOCKS_FILE, READ_BLOCKS, batch_rows=10_000) as blocks,
        staging.RowWriter(settings, run_id, READ_SIGNATURES_FILE, SIGNATURES) as signatures,
    ):
        for position, (document, document_blocks) in enumerate(iter_documents(settings.seeds, settings.max_input_bytes)):
            kept = (document["doc_id"], document["content_sha256"]) in processed
            if document["status"] == "loaded" and not kept:
                document_blocks = mark_near_repeats(document_blocks, settings)
                document["n_unique_blocks"] = sum(1 for block in document_blocks if block["duplicate_of_block"] is None)
                hashvalues = document_signature(dedup_text(document))
                if hashvalues is not None:
                    signatures.add(
                        {
                            "doc_id": document["doc_id"],
                            "content_sha256": document["content_sha256"],
                            "hashvalues": hashvalues,
                            "bands": band_keys(hashvalues),
                        }
                    )
            documents.add({**document, "position": position, "kept": kept})
            if not kept:
                blocks.extend(document_blocks)  # each with the paragraph_hash split_blocks gave it


def _views(connection, settings: Settings, run_id: str, published: Published) -> None:
    """The staged reads and the published files as views (empty ones where nothing is published)."""
    for name, staged in (
        (SOURCES.read_documents, READ_DOCUMENTS_FILE),
        (SOURCES.read_blocks, READ_BLOCKS_FILE),
        (SOURCES.read_signatures, READ_SIGNATURES_FILE),
    ):
        view(connection, name, parquet(staging.url(settings, run_id, staged)))
    _published_view(connection, SOURCES.published_documents, published.documents, DOCUMENTS)
    _published_view(connection, SOURCES.published_blocks, published.blocks, BLOCKS)
    state = published.state or {}
    for name, target in (
        ("processed", SOURCES.processed),
        ("signatures", SOURCES.state_signatures),
        ("block_keys", SOURCES.state_block_keys),
    ):
        _published_view(connection, target, state.get(name), STATE_SCHEMAS[name])


def _published_view(connection, name: str, path: Path | None, schema: pa.Schema) -> None:
    """A view of a published file with its row numbers, or an empty one of the same columns."""
    if path is not None and path.is_file():
        view(connection, name, parquet(str(path), row_numbers=True))
    else:
        view(connection, name, schema.append(pa.field("file_row_number", pa.int64())).empty_table())


def _stage_outputs(connection, settings: Settings, run_id: str, merged: Merged, boilerplate: str) -> None:
    """Stage the documents and blocks after this run, in document order, and their signatures and block keys."""
    order = "ORDER BY position"
    queries = {
        "documents": (f"SELECT {columns(DOCUMENTS)} FROM {DOCUMENTS_NOW} {order}", DOCUMENTS),
        "blocks": (
            f"""SELECT {columns(BLOCKS.remove(BLOCKS.get_field_index("boilerplate")), "b.")},
                       (x.doc_id IS NOT NULL) AS boilerplate
                FROM {merged.blocks} b JOIN {DOCUMENTS_NOW} d USING (doc_id)
                LEFT JOIN {boilerplate} x ON x.doc_id = b.doc_id AND x.block_idx = b.block_idx
                ORDER BY d.position, b.block_idx""",
            BLOCKS,
        ),
        staging.state_name("signatures"): (
            f"SELECT {columns(SIGNATURES, 's.')} FROM {merged.signatures} s JOIN {DOCUMENTS_NOW} d USING (doc_id) {order}",
            SIGNATURES,
        ),
        staging.state_name("block_keys"): (
            f"SELECT {columns(BLOCK_KEYS, 'k.')} FROM {merged.block_keys} k JOIN {DOCUMENTS_NOW} d USING (doc_id) "
            "ORDER BY d.position, k.block_idx",
            BLOCK_KEYS,
        ),
    }
    from etl.sql import batches

    for name, (query, schema) in queries.items():
        staging.write_batches(settings, run_id, name, schema, batches(connection, query, schema=schema))


def _input_counts(connection) -> InputCounts:
    """What happened to this run's inputs: read, processed, unchanged, duplicate, rejected (with reasons)."""
    read, processed, unchanged, duplicate = connection.execute(
        f"""
        SELECT count(*),
               count(*) FILTER (WHERE d.status = 'loaded' AND NOT d.published_original),
               count(*) FILTER (WHERE d.status = 'loaded' AND d.published_original),
               count(*) FILTER (WHERE d.status = 'duplicate')
        FROM {SOURCES.read_documents} r JOIN {DOCUMENTS_NOW} d USING (doc_id)
        """
    ).fetchall()[0]
    rejected = connection.execute(
        f"SELECT source, reject_reason FROM {SOURCES.read_documents} WHERE status = 'rejected' ORDER BY position"
    ).fetchall()
    return InputCounts(read, processed, unchanged, duplicate, tuple((source, reason) for source, reason in rejected))


def _same_as_published(connection, settings: Settings, run_id: str, published: Published) -> bool:
    """Whether the staged documents and blocks are the published ones, row for row and in order."""
    for name, path in (("documents", published.documents), ("blocks", published.blocks)):
        if path is None or not path.is_file():
            return False
        staged, old = parquet(staging.url(settings, run_id, name), row_numbers=True), parquet(str(path), row_numbers=True)
        if _rows_fingerprint(connection, staged) != _rows_fingerprint(connection, old):
            return False
    return True


def _rows_fingerprint(connection, relation: str) -> tuple:
    """A table's row count and two sums of its rows' hashes (each row with its file row number, so order counts).

    Streams in constant memory, where a set difference of two tables must hold one of them (it ran
    out of memory on a 50,000-document re-run); two different tables agree only by a 128-bit chance.
    """
    return tuple(
        connection.execute(f"SELECT count(*), sum(hash(r)::HUGEINT), sum(hash(r, 'again')::HUGEINT) FROM {relation} r").fetchall()[0]
    )
