"""Repeated documents and boilerplate across a corpus, found by the extract stage as a run finds them."""

from __future__ import annotations

import json

from tests.quality.test_dedup import STORY
from tests.stage_helpers import extract_documents


def statuses(documents: list[dict]) -> dict[str, tuple[str, str | None]]:
    by_id = {doc["doc_id"]: doc["source"] for doc in documents}
    return {doc["source"]: (doc["status"], by_id.get(doc["duplicate_of"])) for doc in documents}


def test_a_story_syndicated_with_a_new_footer_is_a_duplicate_document(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY + " Sign up for our newsletter.")
    documents, _ = extract_documents(tmp_path)
    assert statuses(documents) == {"a.txt": ("loaded", None), "b.txt": ("duplicate", "a.txt")}


def test_the_earliest_copy_is_the_original_and_unrelated_stories_stay(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY + " Reuters")
    (tmp_path / "c.txt").write_text("Short item.")
    (tmp_path / "d.txt").write_text("A market report on wheat prices, corn exports and soybean futures " * 8)
    documents, _ = extract_documents(tmp_path)
    assert statuses(documents) == {
        "a.txt": ("loaded", None),
        "b.txt": ("duplicate", "a.txt"),
        "c.txt": ("loaded", None),
        "d.txt": ("loaded", None),
    }


def test_boilerplate_recurs_across_documents_of_one_source(tmp_path):
    topics = ["harvest", "election", "flood", "festival"]
    records = [
        {"text": f"A story about the {topic} in the valley.\n\nSign up for our newsletter!", "source_name": outlet}
        for topic, outlet in zip(topics, ["Outlet", "Outlet", "Outlet", "Other"])
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(record) for record in records) + "\n")
    documents, blocks = extract_documents(tmp_path)
    names = {doc["doc_id"]: doc["source_name"] for doc in documents}
    marked = sorted((names[b["doc_id"]], b["block_idx"]) for b in blocks if b["boilerplate"])
    assert marked == [("Outlet", 1)] * 3
