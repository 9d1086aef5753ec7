"""Turn input files into `documents` and `blocks` rows."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from etl.extract.blocks import normalise, sha256, split_blocks
from etl.extract.inputs import RawArticle, find_inputs, read_articles


def doc_id_for(source: str) -> str:
    """A document's id: stable for the same source path on every run and machine."""
    return sha256(source)[:16]


def extract_documents(seeds: Path) -> tuple[list[dict], list[dict]]:
    """Documents and blocks rows for every input under `seeds`; exact repeats marked duplicate."""
    documents, blocks = [], []
    first_by_content: dict[str, str] = {}
    for path in find_inputs(seeds):
        for article in read_articles(path, seeds):
            document, document_blocks = _document_rows(article)
            content = document["content_sha256"]
            if document["status"] == "loaded" and content in first_by_content:
                document["status"] = "duplicate"
                document["duplicate_of"] = first_by_content[content]
            elif document["status"] == "loaded":
                first_by_content[content] = document["doc_id"]
            documents.append(document)
            blocks.extend(document_blocks)
    return documents, blocks


def _document_rows(article: RawArticle) -> tuple[dict, list[dict]]:
    """One document row and its block rows."""
    doc_id = doc_id_for(article.source)
    document = {
        "doc_id": doc_id,
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "source_name": article.source_name,
        "published_at": parse_timestamp(article.published_at),
        "text": None,
        "content_sha256": None,
        "n_blocks": 0,
        "n_unique_blocks": 0,
        "status": "rejected",
        "duplicate_of": None,
        "reject_reason": article.reject_reason,
    }
    if article.reject_reason:
        return document, []
    text = normalise(article.text or "")
    if not text.strip():
        document["reject_reason"] = "empty document (no text)"
        return document, []
    blocks = split_blocks(text)
    document.update(
        text=text,
        content_sha256=sha256(text),
        n_blocks=len(blocks),
        n_unique_blocks=sum(1 for block in blocks if block.duplicate_of_block is None),
        status="loaded",
    )
    if document["title"] is None:
        document["title"] = next((block.text for block in blocks if block.kind == "headline"), None)
    return document, [{"doc_id": doc_id, **vars(block)} for block in blocks]


def parse_timestamp(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp as UTC; None when absent or unparseable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)
