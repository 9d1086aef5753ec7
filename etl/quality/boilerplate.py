"""Boilerplate: a paragraph that recurs across many documents of one source ("Sign up for our newsletter")."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from etl.extract.blocks import dedup_key


def source_group(document: dict) -> str:
    """Documents of one outlet: its source_name, else the top folder (or file) of its path."""
    if document.get("source_name"):
        return document["source_name"]
    return PurePosixPath(document["source"].split("#")[0]).parts[0]


def boilerplate_blocks(documents: list[dict], blocks: list[dict], min_documents: int) -> set[tuple[str, int]]:
    """(doc_id, block_idx) of every body block whose text recurs in `min_documents` or more loaded documents of its source."""
    groups = {doc["doc_id"]: source_group(doc) for doc in documents if doc["status"] == "loaded"}
    seen_in: dict[tuple[str, str], set[str]] = defaultdict(set)
    keyed = []
    for block in blocks:
        if block["doc_id"] not in groups or block["kind"] == "headline":
            continue
        key = (groups[block["doc_id"]], dedup_key(block["text"]))
        seen_in[key].add(block["doc_id"])
        keyed.append((key, block))
    return {(block["doc_id"], block["block_idx"]) for key, block in keyed if len(seen_in[key]) >= min_documents}


def mark_boilerplate(documents: list[dict], blocks: list[dict], min_documents: int) -> list[dict]:
    """Blocks with `boilerplate` set where their paragraph recurs across the source's documents."""
    found = boilerplate_blocks(documents, blocks, min_documents)
    return [{**block, "boilerplate": (block["doc_id"], block["block_idx"]) in found} for block in blocks]
