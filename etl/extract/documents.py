"""Turn input files into `documents` and `blocks` rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from etl.extract.blocks import normalise, sha256, split_blocks
from etl.extract.dates import dateline_date, read_timestamp
from etl.extract.inputs import DEFAULT_MAX_BYTES, RawArticle, find_inputs, read_articles

# The longest paragraph handed to the language model: spaCy needs about 1 GB per 100,000 characters.
MAX_PARAGRAPH_CHARS = 100_000


def doc_id_for(source: str) -> str:
    """A document's id: stable for the same source (a path, or `file.jsonl#<id>`) on every run and machine."""
    return sha256(source)[:16]


def iter_documents(seeds: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[dict, list[dict]]]:
    """Each input under `seeds` as a document row (`loaded` or `rejected`) and its block rows, in input order."""
    for path in find_inputs(seeds):
        for article in read_articles(path, seeds, max_bytes):
            yield _document_rows(article)


def _document_rows(article: RawArticle) -> tuple[dict, list[dict]]:
    """One document row and its block rows."""
    doc_id = doc_id_for(article.source)
    document = {
        "doc_id": doc_id,
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "source_name": article.source_name,
        "published_at": read_timestamp(article.published_at),
        "published_text": article.published_at,  # the date as the input wrote it
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
    if document["published_text"] is None:  # no date in the metadata: a wire dateline that names its year
        document["published_text"] = dateline_date(text)
        document["published_at"] = read_timestamp(document["published_text"])
    blocks = split_blocks(text) if text.strip() else []
    if not blocks:
        document["reject_reason"] = "empty document (no text)"
        return document, []
    longest = max(block.char_end - block.char_start for block in blocks)
    if longest > MAX_PARAGRAPH_CHARS:
        document["reject_reason"] = (
            f"a paragraph of {longest:,} characters is over the {MAX_PARAGRAPH_CHARS:,} the language model takes at once: "
            "split it with blank lines"
        )
        return document, []
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
