"""Merge a run with what is published: which documents keep their rows, and findings that keep their first run."""

from __future__ import annotations

# Document columns that come from the input's metadata, not its text: refreshed even when the text is unchanged.
METADATA_COLUMNS = ("source", "title", "url", "source_name", "published_at")


def merge_documents(read: list[dict], read_blocks: list[dict], published: list[dict], published_blocks: list[dict], processed: set[tuple[str, str]]) -> tuple[list[dict], list[dict]]:
    """The warehouse's documents and blocks after this run, in order: what was read now, then published ones whose input is gone.

    A document read with the same text as one processed before keeps its published row and blocks
    (its facts are kept too, and they index those blocks); only its metadata is refreshed.
    """
    by_id = {doc["doc_id"]: doc for doc in published}
    read_ids = {doc["doc_id"] for doc in read}
    keep_blocks = {doc["doc_id"] for doc in read if (doc["doc_id"], doc["content_sha256"]) in processed}
    documents = [
        {**by_id[doc["doc_id"]], **{column: doc[column] for column in METADATA_COLUMNS}} if doc["doc_id"] in keep_blocks else doc
        for doc in read
    ]
    documents += [doc for doc in published if doc["doc_id"] not in read_ids]
    blocks = [block for block in read_blocks if block["doc_id"] not in keep_blocks]
    blocks += [block for block in published_blocks if block["doc_id"] in keep_blocks or block["doc_id"] not in read_ids]
    return documents, _in_document_order(blocks, documents)


def documents_to_process(documents: list[dict], processed: set[tuple[str, str]]) -> list[str]:
    """Loaded documents whose current text has no facts yet: new, changed, or no longer a duplicate."""
    return [doc["doc_id"] for doc in documents if doc["status"] == "loaded" and (doc["doc_id"], doc["content_sha256"]) not in processed]


def carry_first_seen(findings: list[dict], published: list[dict]) -> list[dict]:
    """Findings of this run, each under the run that first raised it, so an unchanged re-run changes nothing."""
    first_seen = {_finding_key(row): row["run_id"] for row in published}
    return [{**row, "run_id": first_seen.get(_finding_key(row), row["run_id"])} for row in findings]


def _finding_key(row: dict) -> tuple:
    return row["check"], row["table_name"], row["ref"], row["doc_id"]


def _in_document_order(rows: list[dict], documents: list[dict]) -> list[dict]:
    """Rows sorted by their document's position (stable inside a document)."""
    position = {doc["doc_id"]: index for index, doc in enumerate(documents)}
    return sorted(rows, key=lambda row: position.get(row["doc_id"], len(position)))
