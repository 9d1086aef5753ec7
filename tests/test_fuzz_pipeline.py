"""Hypothesis text through the whole extract and transform path: nothing crashes, every span indexes its document's text."""

from __future__ import annotations

import json
import shutil
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.pipeline import extract_stage, transform_stage
from etl.quality.spans import SPAN_TEXT_COLUMNS
from etl.settings import Settings
from tests.stage_helpers import extract_documents, read_stage_table

# What each span table's char_start/char_end must cut out of documents.text.
SPAN_COLUMNS = SPAN_TEXT_COLUMNS  # each span table's column that must equal its slice of documents.text
NEWS = [
    "**",
    "# ",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    ", ",
    ". ",
    '"',
    "“",
    "”",
    "'",
    "(",
    ")",
    "\u00a0",
    "\ufeff",
    "e\u0301",
    "\t",
    "Vladimir Putin",
    "Putin",
    "Zelensky",
    "Ukraine",
    "Russia's",
    "the Kremlin",
    "Kyiv",
    "he",
    "They",
    " said",
    " told reporters",
    " claimed that",
    " met",
    " attacked",
    " launched",
    " rejected",
    " did not agree to",
    " over 80%",
    " 40 drones",
    " $3.5 billion",
    " between 10 and 12",
    " three years",
    " 1,200",
    "-",
]
TEXT = st.one_of(
    st.lists(st.sampled_from(NEWS), max_size=40).map("".join),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=120),
)
FORMATS = st.sampled_from([(".md", "utf-8"), (".txt", "utf-8-sig"), (".txt", "utf-16"), (".jsonl", "utf-8"), (".json", "utf-8")])


def write_input(folder, text, suffix, encoding):
    folder.mkdir(parents=True)
    body = json.dumps({"text": text, "title": text[:20]}) if suffix.startswith(".json") else text
    (folder / f"input{suffix}").write_bytes(body.encode(encoding))


def staged(settings, run_id, name):
    return read_stage_table(settings, run_id, name).to_pylist()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXT, file_format=FORMATS)
def test_any_text_goes_through_extract_and_transform_with_spans_that_index_it(tmp_path, text, file_format):
    root = tmp_path / uuid.uuid4().hex
    write_input(root / "seeds", text, *file_format)
    settings = Settings(seeds=root / "seeds", warehouse=root / "warehouse")
    run_id = "fuzz"
    extract_stage(settings, run_id)
    transform_stage(settings, run_id)
    documents = {doc["doc_id"]: doc for doc in staged(settings, run_id, "documents")}
    assert len(documents) == 1
    for table, column in SPAN_COLUMNS.items():
        for row in staged(settings, run_id, table):
            document_text = documents[row["doc_id"]]["text"]
            assert document_text[row["char_start"] : row["char_end"]] == row[column], (table, row)
    shutil.rmtree(root)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".csv", ""]))
def test_any_bytes_become_a_loaded_or_rejected_row(tmp_path, data, suffix):
    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    (folder / f"input{suffix}").write_bytes(data)
    documents, blocks = extract_documents(folder)
    assert documents, "every input ends as a row"
    for document in documents:
        assert document["status"] in ("loaded", "rejected", "duplicate")
        assert (document["status"] == "rejected") == bool(document["reject_reason"])
        if document["reject_reason"]:
            assert "\n" not in document["reject_reason"]
    for block in blocks:
        text = next(doc["text"] for doc in documents if doc["doc_id"] == block["doc_id"])
        assert text[block["char_start"] : block["char_end"]] == block["text"]


@pytest.mark.parametrize("text", ["", "\n\n", "**\n**", "\ufeff", "e\u0301" * 3])
def test_edge_texts_never_crash(tmp_path, text):
    write_input(tmp_path / "seeds", text, ".md", "utf-8")
    settings = Settings(seeds=tmp_path / "seeds", warehouse=tmp_path / "warehouse")
    extract_stage(settings, "edge")
    transform_stage(settings, "edge")
