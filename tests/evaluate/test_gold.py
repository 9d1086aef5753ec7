"""Reading both gold formats, moving PolNeAR offsets onto normalised text, and picking the articles to run."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.errors import UsageError
from etl.evaluate.gold import load_gold, offset_map, remap
from etl.evaluate.runner import materialise
from etl.extract.blocks import normalise
from tests.stage_helpers import extract_documents

OURS = {
    "document": "articles.jsonl#3",
    "actors": [{"name": "Joe Biden", "type": "person", "aliases": ["Biden"]}],
    "locations": ["Kyiv"],
    "quotes": [{"text": "We stay together", "speaker": "Joe Biden", "cue": "said", "kind": "direct"}],
    "reported_speech": [{"speaker": "Joe Biden", "cue": "said", "contains": "aid will come"}],
    "statistics": [{"value": 14, "unit": "missile", "qualifier": "range", "value_high": 16, "subject_contains": "missiles"}],
    "events": [{"type": "AGREE", "actor1": "Joe Biden", "also_accepted": ["concede"], "certainty": "asserted"}],
}


def polnear_row(doc, annotator, attr_id, start=0, end=4, kind="direct"):
    piece = {"start": start, "end": end, "text": "x"}
    return {
        "doc": doc,
        "annotator": annotator,
        "attr_id": attr_id,
        "source": [piece],
        "cue": [piece],
        "content": [piece],
        "derived_quote_type": kind,
    }


def test_our_format_from_a_folder(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps(OURS))
    gold = load_gold(tmp_path)
    assert gold.format == "ours"
    [document] = gold.documents
    assert document.document == "articles.jsonl#3"
    assert document.actors[0].aliases == ("Biden",)
    assert document.statistics[0].value_high == 16.0
    assert document.events[0].accepted == {"AGREE", "CONCEDE"}
    assert document.reported[0].contains == "aid will come"


def test_polnear_keeps_the_annotator_with_more_relations(tmp_path):
    rows = [polnear_row("a", "ann1", "E1"), polnear_row("a", "ann2", "E1"), polnear_row("a", "ann2", "E2"), polnear_row("b", "ann1", "E1")]
    path = tmp_path / "attributions.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    for where in (path, tmp_path):
        gold = load_gold(where)
        assert gold.format == "polnear"
        assert [(d.document, d.annotator, len(d.relations)) for d in gold.documents] == [("a.txt", "ann2", 2), ("b.txt", "ann1", 1)]


def test_bad_gold_is_a_usage_error_naming_the_file(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        load_gold(tmp_path / "missing")
    (tmp_path / "bad.json").write_text(json.dumps({"actors": []}))
    with pytest.raises(UsageError, match="bad.json"):
        load_gold(tmp_path)


def test_offsets_follow_crlf_and_nfc():
    raw = "Caf" + "e\u0301" + "\r\nHe said: \u201cgo\u201d"
    text, positions = offset_map(raw)
    assert text == normalise(raw) == "Café\nHe said: “go”"
    start = raw.index("go")
    assert text[positions[start] : positions[start + 2]] == "go"
    assert positions[len(raw)] == len(text)


@given(st.lists(st.sampled_from(["a", "é", "e\u0301", "\u0301", "\r\n", "\r", "\n", " ", "“", "Å", "A\u030a"]), max_size=30))
def test_offset_map_agrees_with_the_pipeline_normaliser(pieces):
    raw = "".join(pieces)
    text, positions = offset_map(raw)
    assert text == normalise(raw)
    assert positions == sorted(positions)
    starts = [sum(map(len, pieces[:i])) for i in range(len(pieces) + 1)]
    for i in range(len(pieces)):
        for j in range(i + 1, len(pieces) + 1):
            piece = raw[starts[i] : starts[j]]
            if piece[0] not in "\u0301\n" and (j == len(pieces) or not pieces[j].startswith(("\u0301", "\n"))):
                assert text[positions[starts[i]] : positions[starts[j]]] == unicodedata.normalize(
                    "NFC", piece.replace("\r\n", "\n").replace("\r", "\n")
                )


def test_remap_moves_every_span(tmp_path):
    raw = "e\u0301\r\nAbc"
    path = tmp_path / "attributions.jsonl"
    path.write_text(json.dumps(polnear_row("d", "x", "E1", 4, 7)) + "\n")
    [document] = load_gold(path).documents
    text, positions = offset_map(raw)
    moved = remap(document, positions).relations[0].content[0]
    assert text[moved.start : moved.end] == "Abc"


def test_materialise_keeps_jsonl_line_numbers(tmp_path):
    seeds, target = tmp_path / "seeds", tmp_path / "subset"
    (seeds / "sub").mkdir(parents=True)
    lines = [json.dumps({"text": f"Article number {n} says something about the war."}) for n in range(1, 6)]
    (seeds / "articles.jsonl").write_text("\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:]) + "\n")
    (seeds / "sub" / "a.txt").write_text("A text article.")
    (seeds / "unused.txt").write_text("Not needed.")
    materialise(["articles.jsonl#4", "articles.jsonl#2", "sub/a.txt"], seeds, target)
    documents, _ = extract_documents(target)
    by_source = {doc["source"]: doc["text"] for doc in documents}
    assert by_source == {
        "articles.jsonl#2": "Article number 2 says something about the war.",
        "articles.jsonl#4": "Article number 3 says something about the war.",  # line 3 of the file is blank
        "sub/a.txt": "A text article.",
    }


def test_materialise_finds_the_source_of_a_record_named_by_its_line(tmp_path):
    seeds, target = tmp_path / "seeds", tmp_path / "subset"
    seeds.mkdir()
    lines = [json.dumps({"id": f"story-{n}", "text": f"Story {n} says something about the war."}) for n in range(1, 4)]
    (seeds / "wire.jsonl").write_text("\n".join(lines) + "\n")
    sources = materialise(["wire.jsonl#2"], seeds, target)
    assert sources == {"wire.jsonl#2": "wire.jsonl#story-2"}
    documents, _ = extract_documents(target)
    assert {doc["source"] for doc in documents} == {"wire.jsonl#story-2"}


@pytest.mark.parametrize("name", ["articles.jsonl#3", "articles.jsonl#9", "missing.txt", "../seeds/articles.jsonl#1", "articles.jsonl#x"])
def test_materialise_refuses_what_is_not_there(tmp_path, name):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "articles.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n\n')
    with pytest.raises(UsageError):
        materialise([name], seeds, tmp_path / "subset")
