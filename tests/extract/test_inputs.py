from __future__ import annotations

import json

from etl.extract.documents import extract_documents


def test_every_input_ends_as_a_document_row(tmp_path):
    (tmp_path / "a.txt").write_text("**Title**\nBody text here.", encoding="utf-8")
    (tmp_path / "copy.md").write_text("**Title**\nBody text here.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 latin-1")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": "Line one article.", "title": "T1", "published_at": "2024-05-01T10:00:00Z"}) + "\n{not json\n",
        encoding="utf-8",
    )
    documents, blocks = extract_documents(tmp_path)
    by_source = {doc["source"]: doc for doc in documents}
    assert by_source["a.txt"]["status"] == "loaded"
    assert by_source["a.txt"]["title"] == "Title"
    assert by_source["copy.md"]["status"] == "duplicate"
    assert by_source["copy.md"]["duplicate_of"] == by_source["a.txt"]["doc_id"]
    assert "empty" in by_source["empty.txt"]["reject_reason"]
    assert "unsupported" in by_source["image.png"]["reject_reason"]
    assert "UTF-8" in by_source["bad.txt"]["reject_reason"]
    assert by_source["feed.jsonl#1"]["title"] == "T1"
    assert by_source["feed.jsonl#1"]["published_at"].year == 2024
    assert "malformed JSON" in by_source["feed.jsonl#2"]["reject_reason"]
    assert all(b["doc_id"] in {d["doc_id"] for d in documents} for b in blocks)


def test_utf16_with_bom_is_decoded(tmp_path):
    (tmp_path / "u16.txt").write_bytes("Kyiv said hello.".encode("utf-16"))
    documents, _ = extract_documents(tmp_path)
    assert documents[0]["status"] == "loaded"
    assert documents[0]["text"] == "Kyiv said hello."


def test_ids_are_stable_across_runs(tmp_path):
    (tmp_path / "a.txt").write_text("Body text here.", encoding="utf-8")
    first, _ = extract_documents(tmp_path)
    second, _ = extract_documents(tmp_path)
    assert first[0]["doc_id"] == second[0]["doc_id"]
