from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.blocks import normalise, split_blocks
from etl.text import dedup_key


def test_normalise_makes_nfc_and_unix_newlines():
    assert normalise("Cafe\u0301\r\nnext\rline") == "Café\nnext\nline"


def test_bold_and_heading_lines_are_headlines_without_their_markup():
    text = "**Big News Today**\n# Other Heading\nA body paragraph that says something."
    blocks = split_blocks(text)
    assert [b.kind for b in blocks][:2] == ["headline", "headline"]
    assert blocks[0].text == "Big News Today"
    assert blocks[1].text == "Other Heading"


def test_summary_before_headline_and_standfirst_after_it():
    text = "A short summary line.\n**The Headline**\nA one-sentence standfirst.\nThe body paragraph.\nAnother body paragraph."
    kinds = [b.kind for b in split_blocks(text)]
    assert kinds == ["summary", "headline", "standfirst", "body", "body"]


def test_repeated_paragraph_points_to_its_first_copy():
    text = "First paragraph here.\nSecond paragraph here.\nFirst  paragraph here!"
    blocks = split_blocks(text)
    assert [b.duplicate_of_block for b in blocks] == [None, None, 0]
    assert blocks[2].text_sha256 != blocks[0].text_sha256


def test_changed_figure_still_counts_as_a_repeat():
    first = "Air defence units said Russia launched over 40 drones at the region overnight, damaging two power stations."
    assert dedup_key(first) == dedup_key(first.replace("40", "47"))


def test_hard_wrapped_wire_story_joins_lines_into_paragraphs():
    text = (
        "Showers continued throughout the week in\nthe cocoa zone, alleviating the drought since\nearly January.\n"
        "    The dry period means the crop will be late\nthis year, traders said.\n"
    )
    blocks = split_blocks(text)
    assert len(blocks) == 2
    assert blocks[1].text.startswith("The dry period")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_every_block_indexes_its_text(raw):
    text = normalise(raw)
    for block in split_blocks(text):
        assert text[block.char_start : block.char_end] == block.text
        assert block.text.strip()


def test_a_headline_does_not_make_one_sentence_paragraphs_look_wrapped():
    text = "**Ministers Meet In Oslo**\nThe minister met his counterpart on Monday.\nThe minister met his counterpart on Monday.\n"
    blocks = split_blocks(text)
    assert len(blocks) == 3
    assert blocks[2].duplicate_of_block == 1


def test_long_lines_without_final_stops_are_still_paragraphs():
    line = "“We will not give up, whatever it costs us and however long it takes to get there,” one voter wrote — Ana Ruiz"
    text = "\n".join([line, line.replace("Ana Ruiz", "Tom Lee"), line.replace("Ana Ruiz", "Sam Ortiz")])
    assert len(split_blocks(text)) == 3


def test_table_rows_that_differ_only_in_figures_are_not_repeats():
    text = "Shr 51 cts vs 44 cts\n\nShr 1.02 dlrs vs 88 cts\n\nNet 4.5 mln vs 3.9 mln\n\nNet 9.1 mln vs 8.2 mln"
    assert [b.duplicate_of_block for b in split_blocks(text)] == [None, None, None, None]
    template = "Note: Qtr shr and net exclude tax gain of 4,573,000 dlrs or 17 cts share"
    assert dedup_key(template) != dedup_key(template.replace("4,573,000", "15,992,000").replace("17", "78"))


def test_a_wire_dateline_is_a_block_of_its_own_and_the_sentence_after_it_keeps_its_offsets():
    text = "LAGOS, Oct 4 (Reuters) - Dock workers walked out on Monday.\n\nQUITO -- Farmers marched. BERLIN (dpa) — Talks ended."
    blocks = split_blocks(text)
    assert [(b.kind, b.text) for b in blocks] == [
        ("dateline", "LAGOS, Oct 4 (Reuters) -"),
        ("body", "Dock workers walked out on Monday."),
        ("dateline", "QUITO --"),
        ("body", "Farmers marched. BERLIN (dpa) — Talks ended."),
    ]
    assert all(text[b.char_start : b.char_end] == b.text for b in blocks)


def test_a_sentence_with_dashes_or_a_title_case_place_alone_is_not_a_dateline():
    for text in ("Kenya and Tanzania - two neighbours - agreed.", "The Pope - who visited - said.", "Nairobi - the capital - voted."):
        assert [b.kind for b in split_blocks(text)] == ["body"]
