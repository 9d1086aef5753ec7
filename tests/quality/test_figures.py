from __future__ import annotations

from etl.quality.boilerplate import boilerplate_blocks
from etl.quality.figures import changed_block_figures, changed_document_figures, headline_against_body, implausible_figures


def stat(stat_id, block_idx, value, unit, subject, sentence="", doc_id="d", start=0, end=0):
    return {"stat_id": stat_id, "doc_id": doc_id, "block_idx": block_idx, "value": value, "unit": unit, "subject": subject,
            "sentence": sentence, "value_text": str(value), "char_start": start, "char_end": end}


def block(idx, text, start, kind="body", duplicate_of=None, doc_id="d"):
    return {"doc_id": doc_id, "block_idx": idx, "text": text, "char_start": start, "char_end": start + len(text), "kind": kind, "duplicate_of_block": duplicate_of}


def test_a_repeated_paragraph_whose_number_changed_names_the_statistic():
    first = "Russia launched over 40 drones into Ukraine."
    second = "Russia launched over 47 drones into Ukraine."
    blocks = [block(0, first, 0), block(1, second, len(first) + 1, duplicate_of=0)]
    found = changed_block_figures(blocks, [stat("s40", 0, 40, "drone", "drones", start=16, end=30)])
    assert len(found) == 1
    assert found[0]["ref"].startswith("s40|")
    assert (found[0]["details"]["value_text"], found[0]["details"]["duplicate_value_text"]) == ("40", "47")


def test_an_exact_repeat_raises_nothing():
    text = "Russia launched over 40 drones into Ukraine."
    assert changed_block_figures([block(0, text, 0), block(1, text, 50, duplicate_of=0)], []) == []


def test_a_syndicated_copy_with_a_changed_figure():
    original = {"doc_id": "a", "status": "loaded", "text": "Officials said 12 people died in the blast."}
    copy = {"doc_id": "b", "status": "duplicate", "duplicate_of": "a", "text": "Officials said 14 people died in the blast. Reuters"}
    found = changed_document_figures([original, copy], {"a": original["text"]})
    assert [(f["details"]["value_text"], f["details"]["duplicate_value_text"]) for f in found] == [("12", "14")]


def test_headline_figure_against_body():
    blocks = [block(0, "Over 40 Drones Downed", 0, kind="headline"), block(1, "Air defence downed 47 drones.", 22)]
    stats = [stat("h", 0, 40, "drone", "drones"), stat("b", 1, 47, "drone", "drones")]
    found = headline_against_body(blocks, stats)
    assert [f["ref"] for f in found] == ["h|b"]


def test_clean_article_raises_nothing():
    blocks = [block(0, "Over 40 Drones Downed", 0, kind="headline"), block(1, "Air defence downed 40 drones and 3 missiles.", 22)]
    stats = [stat("h", 0, 40, "drone", "drones"), stat("b", 1, 40, "drone", "drones"), stat("m", 1, 3, "missile", "missiles")]
    assert headline_against_body(blocks, stats) == []
    assert implausible_figures(stats) == []


def test_share_over_a_hundred_percent_is_implausible_but_growth_is_not():
    shares = [stat("s", 0, 120, "percent", "facilities", sentence="120% of facilities were damaged."),
              stat("g", 0, 150, "percent", "prices", sentence="Prices rose 150% this year."),
              stat("k", 0, 300, "percent", "prices", sentence="Prices have skyrocketed by 300% in half a year.")]
    assert [f["ref"] for f in implausible_figures(shares)] == ["s"]


def test_boilerplate_recurs_across_documents_of_one_source():
    documents = [{"doc_id": f"d{i}", "status": "loaded", "source": f"{i}.txt", "source_name": "Outlet"} for i in range(3)]
    documents.append({"doc_id": "x", "status": "loaded", "source": "x.txt", "source_name": "Other"})
    blocks = [block(0, "Sign up for our newsletter!", 0, doc_id=d["doc_id"]) for d in documents]
    topics = ["harvest", "election", "flood", "festival"]
    blocks += [block(1, f"A story about the {topic}.", 30, doc_id=d["doc_id"]) for d, topic in zip(documents, topics)]
    assert boilerplate_blocks(documents, blocks, 3) == {("d0", 0), ("d1", 0), ("d2", 0)}
