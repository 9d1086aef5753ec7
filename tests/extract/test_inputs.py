"""Inputs: every file under the seeds folder ends as a document row, loaded or rejected with a one-line reason."""

from __future__ import annotations

import codecs
import json
import os
import tracemalloc

import duckdb

from etl.extract.documents import MAX_PARAGRAPH_CHARS
from etl.extract.inputs import find_inputs
from tests.stage_helpers import extract_documents

PAGE = """<!doctype html><html><head><title>Ceasefire Talks Resume | Example News</title>
<meta property="og:title" content="Ceasefire Talks Resume"><meta name="date" content="2024-03-05"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ceasefire Talks Resume</h1>
<p>Negotiators from both sides met in Geneva on Tuesday to resume talks on a ceasefire, officials said.</p>
<p>The foreign minister told reporters that the first round had been constructive and that a second round would follow next week.</p>
<p>Aid agencies said more than 40 trucks of food had crossed the border since the weekend.</p>
</article><footer>Subscribe to our newsletter. Cookie settings. Copyright Example News.</footer></body></html>"""


def by_source(folder):
    documents, _ = extract_documents(folder)
    return {doc["source"]: doc for doc in documents}


def test_every_input_ends_as_a_document_row(tmp_path):
    (tmp_path / "a.txt").write_text("**Title**\nBody text here.", encoding="utf-8")
    (tmp_path / "copy.md").write_text("**Title**\nBody text here.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\t\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "nul.txt").write_bytes(b"text\x00with a NUL")
    (tmp_path / "controls.md").write_bytes(bytes(range(1, 9)) * 20)
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": "Line one article.", "title": "T1", "published_at": "2024-05-01T10:00:00Z"}) + "\n{not json\n",
        encoding="utf-8",
    )
    documents, blocks = extract_documents(tmp_path)
    found = {doc["source"]: doc for doc in documents}
    assert found["a.txt"]["status"] == "loaded"
    assert found["a.txt"]["title"] == "Title"
    assert found["copy.md"]["status"] == "duplicate"
    assert found["copy.md"]["duplicate_of"] == found["a.txt"]["doc_id"]
    assert found["empty.txt"]["reject_reason"] == "empty file"
    assert "empty document" in found["blank.txt"]["reject_reason"]
    assert "unsupported file type '.png'" in found["image.png"]["reject_reason"]
    assert "binary" in found["nul.txt"]["reject_reason"]
    assert "binary" in found["controls.md"]["reject_reason"]
    assert found["feed.jsonl#1"]["title"] == "T1"
    assert found["feed.jsonl#1"]["published_at"].year == 2024
    assert "malformed JSON" in found["feed.jsonl#2"]["reject_reason"]
    assert all(b["doc_id"] in {d["doc_id"] for d in documents} for b in blocks)
    rejected = [doc for doc in documents if doc["status"] == "rejected"]
    assert all(doc["reject_reason"] and "\n" not in doc["reject_reason"] for doc in rejected)


def test_encodings_utf8_bom_utf16_bom_and_legacy_single_byte(tmp_path):
    text = "Le ministre a déclaré à Kyiv que la réunion était « productive »."
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (tmp_path / "u16le.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "u16be.txt").write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "koi8.txt").write_bytes("Президент заявил журналистам в Москве, что переговоры продолжатся.".encode("koi8_r"))
    (tmp_path / "feed.jsonl").write_bytes(codecs.BOM_UTF8 + json.dumps({"text": text}, ensure_ascii=False).encode() + b"\n")
    (tmp_path / "wide.jsonl").write_bytes(json.dumps({"text": text}, ensure_ascii=False).encode("utf-16") + "\n".encode("utf-16-le"))
    found = by_source(tmp_path)
    for source in ("bom.txt", "u16le.txt", "u16be.txt", "cp1252.txt", "feed.jsonl#1", "wide.jsonl#1"):
        assert found[source]["text"] == text, source
    assert found["koi8.txt"]["text"].startswith("Президент заявил")


def test_html_main_text_through_trafilatura(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "menu.htm").write_text(
        "<html><head><title>Menu</title></head><body><script>var a = 1;</script></body></html>", encoding="utf-8"
    )
    found = by_source(tmp_path)
    page = found["page.html"]
    assert page["status"] == "loaded"
    assert "Negotiators from both sides met in Geneva" in page["text"]
    assert "40 trucks" in page["text"]
    assert "Subscribe" not in page["text"] and "Sport" not in page["text"]
    assert page["title"] == "Ceasefire Talks Resume"
    assert page["published_at"].date().isoformat() == "2024-03-05"
    assert found["menu.htm"]["reject_reason"] == "no article text found in the HTML page"


def test_json_and_jsonl_records(tmp_path):
    record = {
        "body": "Officials met in Oslo.",
        "title": "Oslo",
        "url": "https://example.org/a",
        "source_name": "Wire",
        "published_at": "2024-01-02",
    }
    (tmp_path / "one.json").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([record, record]), encoding="utf-8")
    (tmp_path / "nothing.json").write_text(json.dumps({"title": "no text"}), encoding="utf-8")
    lines = [json.dumps({**record, "body": f"Story {n} from Oslo."}) for n in range(3)]
    (tmp_path / "feed.jsonl").write_text(f'{lines[0]}\n\n[1, 2]\n{lines[1]}\r\n{{"text": "\\ud800 lone"}}\n{lines[2]}', encoding="utf-8")
    found = by_source(tmp_path)
    one = found["one.json"]
    assert (one["text"], one["title"], one["url"], one["source_name"]) == (
        "Officials met in Oslo.",
        "Oslo",
        "https://example.org/a",
        "Wire",
    )
    assert one["published_at"].isoformat() == "2024-01-02T00:00:00+00:00"
    assert "not an object" in found["many.json"]["reject_reason"] and "use .jsonl" in found["many.json"]["reject_reason"]
    assert "no `text` or `body`" in found["nothing.json"]["reject_reason"]
    # every line has the same url: the first is named by it, the others by their line number
    assert [found[name]["text"] for name in ("feed.jsonl#https://example.org/a", "feed.jsonl#4", "feed.jsonl#6")] == [
        "Story 0 from Oslo.",
        "Story 1 from Oslo.",
        "Story 2 from Oslo.",
    ]
    assert "feed.jsonl#2" not in found, "a blank line is no article"
    assert "not an object" in found["feed.jsonl#3"]["reject_reason"]
    assert "lone surrogate" in found["feed.jsonl#5"]["reject_reason"]


def test_links_out_of_the_seeds_and_special_files_are_not_followed(tmp_path):
    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    seeds.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Not for the warehouse.", encoding="utf-8")
    (seeds / "story.txt").write_text("A story.", encoding="utf-8")
    (seeds / "out.txt").symlink_to(outside / "secret.txt")
    (seeds / "out_dir").symlink_to(outside)
    (seeds / "same.txt").symlink_to(seeds / "story.txt")
    (seeds / "loop").symlink_to(seeds)
    (seeds / "gone.txt").symlink_to(seeds / "missing.txt")
    (seeds / "ping.txt").symlink_to(seeds / "pong.txt")
    (seeds / "pong.txt").symlink_to(seeds / "ping.txt")
    os.mkfifo(seeds / "pipe.txt")
    found = by_source(seeds)
    assert "outside the seeds folder" in found["out.txt"]["reject_reason"]
    assert "outside the seeds folder" in found["out_dir"]["reject_reason"]
    assert "folder is not followed" in found["loop"]["reject_reason"]
    assert "broken link" in found["gone.txt"]["reject_reason"]
    assert "not a regular file" in found["pipe.txt"]["reject_reason"]
    assert "loop" in found["ping.txt"]["reject_reason"] and "loop" in found["pong.txt"]["reject_reason"]
    assert {found["same.txt"]["status"], found["story.txt"]["status"]} == {"loaded", "duplicate"}
    assert not any("secret" in (doc["text"] or "") for doc in found.values())
    assert len(find_inputs(seeds)) == 9


def test_big_inputs_are_read_in_bounded_memory_or_rejected(tmp_path):
    with open(tmp_path / "huge.txt", "wb") as handle:  # 20 MB, sparse: rejected without being read
        handle.truncate(20_000_000)
    small = json.dumps({"text": "Officials met in Oslo."})
    long_line = json.dumps({"text": "word " * 420_000})  # one 2.1 MB line
    (tmp_path / "feed.jsonl").write_text(f"{small}\n{long_line}\n{small.replace('Oslo', 'Rome')}\n", encoding="utf-8")
    (tmp_path / "wall.txt").write_text("word " * (MAX_PARAGRAPH_CHARS // 4), encoding="utf-8")
    tracemalloc.start()
    documents, _ = extract_documents(tmp_path, max_bytes=1_000_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    found = {doc["source"]: doc for doc in documents}
    assert found["huge.txt"]["reject_reason"] == "file is 20.0 MB, over the 1.0 MB limit: raise ETL_MAX_INPUT_BYTES to read it"
    assert found["feed.jsonl#2"]["reject_reason"] == "line is 2.1 MB, over the 1.0 MB limit: raise ETL_MAX_INPUT_BYTES to read it"
    assert [found[f"feed.jsonl#{n}"]["status"] for n in (1, 3)] == ["loaded", "loaded"]
    assert "over the 100,000 the language model takes" in found["wall.txt"]["reject_reason"]
    assert peak < 8_000_000, f"peak memory {peak:,} bytes"

    documents, _ = extract_documents(tmp_path)  # the default limit (5 MB) reads the 2 MB line; its one paragraph is too long
    assert "over the 100,000" in {doc["source"]: doc for doc in documents}["feed.jsonl#2"]["reject_reason"]


def test_published_originals_keep_their_place(tmp_path, monkeypatch):
    from etl.cli import main
    from tests.load.snapshot import light_suites

    monkeypatch.setenv("ETL_EXPECTATIONS", str(light_suites(tmp_path / "suites")))
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    seeds.mkdir()
    (seeds / "b.txt").write_text("Same words.", encoding="utf-8")
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    (seeds / "a.txt").write_text("Same words.", encoding="utf-8")  # sorts first, but b is published
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("select source, status, duplicate_of, doc_id from documents order by source").fetchall()
    assert [(source, status) for source, status, _, _ in rows] == [("a.txt", "duplicate"), ("b.txt", "loaded")]
    assert rows[0][2] == rows[1][3]


def test_ids_are_stable_across_runs(tmp_path):
    (tmp_path / "a.txt").write_text("Body text here.", encoding="utf-8")
    first, _ = extract_documents(tmp_path)
    second, _ = extract_documents(tmp_path)
    assert first[0]["doc_id"] == second[0]["doc_id"]


def test_rows_fingerprint_tells_equal_tables_from_changed_or_reordered_ones(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from etl.extract.stage import _rows_fingerprint
    from etl.sql import connect, parquet

    def fingerprint(name: str, texts: list[str]) -> tuple:
        path = tmp_path / f"{name}.parquet"
        pq.write_table(pa.table({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts}), path)
        return _rows_fingerprint(connection, parquet(str(path), row_numbers=True))

    with connect() as connection:
        assert fingerprint("a", ["x", "y"]) == fingerprint("b", ["x", "y"])
        assert fingerprint("a", ["x", "y"]) != fingerprint("c", ["x", "z"])
        assert fingerprint("a", ["x", "y"]) != fingerprint("d", ["y", "x"])
        assert fingerprint("a", ["x", "y"]) != fingerprint("e", ["x", "y", "y"])


def test_a_jsonl_record_is_named_by_its_id_not_its_line(tmp_path):
    from etl.extract.documents import iter_documents

    def sources() -> dict[str, tuple[str, str]]:
        return {document["text"]: (document["source"], document["doc_id"]) for document, _ in iter_documents(tmp_path)}

    records = [{"id": 7, "text": "Story seven."}, {"url": "https://example.org/b", "text": "Story b."}, {"text": "No key."}]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    before = sources()
    assert [before[text][0] for text in ("Story seven.", "Story b.", "No key.")] == [
        "feed.jsonl#7",
        "feed.jsonl#https://example.org/b",
        "feed.jsonl#3",
    ]
    inserted = [{"id": "new", "text": "A new first story."}, *records]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(record) + "\n" for record in inserted), encoding="utf-8")
    after = sources()
    assert after["Story seven."] == before["Story seven."] and after["Story b."] == before["Story b."]
    assert after["No key."][0] == "feed.jsonl#4", "a record without id or url is named by its line"


def test_two_jsonl_lines_with_one_id_are_both_kept(tmp_path):
    from etl.extract.documents import iter_documents

    lines = [{"id": "a", "text": "First."}, {"id": "a", "text": "Second."}]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    documents = [document for document, _ in iter_documents(tmp_path)]
    assert [(document["source"], document["status"]) for document in documents] == [("feed.jsonl#a", "loaded"), ("feed.jsonl#2", "loaded")]


def test_a_metadata_sidecar_dates_a_plain_text_article(tmp_path):
    from etl.extract.documents import iter_documents

    (tmp_path / "story.txt").write_text("Officials met in Oslo on Tuesday.", encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(json.dumps({"date": "18 March 2025", "source_name": "Wire"}), encoding="utf-8")
    (tmp_path / "dated.md").write_text("---\ndate: 2024-01-02\n---\nA dated story.", encoding="utf-8")
    (tmp_path / "dated.meta.json").write_text(json.dumps({"published_at": "2030-01-01", "title": "From the sidecar"}), encoding="utf-8")
    (tmp_path / "broken.txt").write_text("A story with a broken sidecar.", encoding="utf-8")
    (tmp_path / "broken.meta.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "alone.meta.json").write_text("{}", encoding="utf-8")
    found = {document["source"]: document for document, _ in iter_documents(tmp_path)}
    assert set(found) == {"story.txt", "dated.md", "broken.txt", "broken.meta.json", "alone.meta.json"}
    story = found["story.txt"]
    assert (story["published_at"].date().isoformat(), story["source_name"]) == ("2025-03-18", "Wire")
    dated = found["dated.md"]
    assert dated["published_at"].date().isoformat() == "2024-01-02", "the article's own date comes first"
    assert dated["title"] == "From the sidecar", "what the article lacks comes from its sidecar"
    assert found["broken.txt"]["status"] == "loaded" and found["broken.txt"]["published_at"] is None
    assert "cannot be read" in found["broken.meta.json"]["reject_reason"]
    assert "no article beside it" in found["alone.meta.json"]["reject_reason"]
