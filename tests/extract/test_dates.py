from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.dates import dateline_date, read_timestamp, split_front_matter
from etl.extract.documents import iter_documents


def test_publication_dates_in_common_forms():
    expected = datetime(2025, 3, 18, tzinfo=UTC)
    forms = ("2025-03-18", "18 March 2025", "March 18, 2025", "18/03/2025", "Tue, 18 Mar 2025 00:00:00 GMT", "Published: 18 March 2025")
    for written in forms:
        assert read_timestamp(written) == expected, written
    assert read_timestamp("2025-03-18T10:02:00+02:00") == datetime(2025, 3, 18, 8, 2, tzinfo=UTC)
    assert read_timestamp("1742292120") == datetime(2025, 3, 18, 10, 2, tzinfo=UTC)  # a Unix timestamp


def test_what_names_no_day_reads_as_no_date():
    for written in ("yesterday", "March 2025", "soon", "not a date", "", None):
        assert read_timestamp(written) is None, written


def test_a_wire_dateline_gives_the_date_only_with_its_year():
    assert dateline_date("KYIV, March 18, 2025 (Reuters) - Officials met.") == "March 18, 2025"
    assert dateline_date("LONDON, 3 June 2021 - The talks ended.") == "3 June 2021"
    assert dateline_date("KYIV, March 18 (Reuters) - Officials met.") is None
    assert dateline_date("Officials met in Kyiv on March 18, 2025 - a first.") is None


def test_front_matter_of_a_markdown_article():
    fields, body = split_front_matter('---\ntitle: "Talks in Oslo"\ndate: 2024-01-02\nsource: Wire\n---\nOfficials met.\n')
    assert fields == {"title": "Talks in Oslo", "published_at": "2024-01-02", "source_name": "Wire"}
    assert body == "Officials met.\n"
    assert split_front_matter("No front matter.\n---\n") == ({}, "No front matter.\n---\n")


def test_documents_keep_the_date_as_written_and_as_read(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2 January 2024\n---\nOfficials met in Oslo.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("OSLO, 3 January 2024 (Wire) - Officials met.\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "Officials met.", "date": "sometime in spring"}) + "\n", encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps({"text": "Officials met.", "datePublished": "2024-01-04T09:00:00Z"}), encoding="utf-8")
    found = {document["source"]: document for document, _ in iter_documents(tmp_path)}
    assert found["a.md"]["published_at"] == datetime(2024, 1, 2, tzinfo=UTC) and found["a.md"]["text"] == "Officials met in Oslo.\n"
    assert found["b.txt"]["published_at"] == datetime(2024, 1, 3, tzinfo=UTC)
    assert found["c.jsonl#1"]["published_at"] is None and found["c.jsonl#1"]["published_text"] == "sometime in spring"
    assert found["d.json"]["published_at"] == datetime(2024, 1, 4, 9, tzinfo=UTC)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_any_text_reads_as_a_utc_date_or_none(written):
    parsed = read_timestamp(written)
    assert parsed is None or parsed.tzinfo is not None and parsed.utcoffset().total_seconds() == 0
    assert dateline_date(written) is None or dateline_date(written) in written
    fields, body = split_front_matter(written)
    assert written.endswith(body)
