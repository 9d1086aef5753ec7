from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.blocks import normalise, split_blocks
from etl.extract.furniture import furniture_rules, furniture_spans, split_furniture
from etl.rules import RuleFileError
from etl.schema import FURNITURE_KIND


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in split_blocks(text)]


def furniture_of(text: str) -> list[str]:
    return [block.text for block in split_blocks(text) if block.kind == FURNITURE_KIND]


@pytest.mark.parametrize(
    "line",
    [
        "00:54",
        "Updated at 04.46 BST",
        "First published on Sat 26 Feb 2022 00.54 GMT",
        "6d ago",
        "2 hours ago",
        "Read more here.",
        "Related: Ministers meet in Oslo to talk about fish",
        "READ MORE: Ten things to know about the harbour strike",
        "Photo: EPA-EFE",
        "Photograph: Omar Haddad/Reuters",
        "Photo credit: the Mayor's Office",
        "By Joanna Klein and Tom Harding in Lisbon",
        "Author/author: AB/CD",
        "Sources: Daily Bugle/PAP/Twitter",
        "Sign up to our free morning newsletter",
        "Advertisement",
        "Ivan Petrenko/AFP/Getty",
    ],
)
def test_a_line_of_page_furniture_is_a_furniture_block(line):
    text = f"**Harbour strike enters third week**\n{line}\nDock workers in Valmora walked out again on Monday."
    assert kinds_and_texts(text)[1] == (FURNITURE_KIND, line)


@pytest.mark.parametrize(
    "caption",
    [
        "Tanks roll past a checkpoint near Valmora. Ivan Petrenko/AFP via Getty Images",
        "Dock workers march to the port gates (Lena Morris/AP)",
        "The mayor greets strikers in the square. (From Harbour News/YouTube)",
        "Strikers block the road on Monday. Photograph by Kim Tran",
        "A picket line outside the terminal. REUTERS/Kim Tran",
        "Dockers on the harbour steps, 1961. Jan Novak/ CPA/ MDF",
    ],
)
def test_a_paragraph_that_ends_in_a_picture_credit_is_a_caption(caption):
    assert furniture_of(f"Dock workers walked out.\n{caption}\nTalks resume on Friday.") == [caption]


def test_a_clock_time_glued_to_a_name_is_cut_off_it():
    text = "Dock workers walked out.\n00:54Marta Ilves said talks would resume on Friday."
    assert kinds_and_texts(text)[1:] == [(FURNITURE_KIND, "00:54"), ("body", "Marta Ilves said talks would resume on Friday.")]


def test_a_clock_time_glued_after_a_sentence_is_cut_out():
    text = "The port stayed shut, the union said.01:32Marta Ilves called for calm."
    assert furniture_of(text) == ["01:32"]
    assert "Marta Ilves called for calm." in [block.text for block in split_blocks(text)]


def test_a_byline_glued_between_two_posts_is_cut_out():
    text = "The union thanked mayor IlvesJoanna KleinTom Harding said the port would reopen."
    assert kinds_and_texts(text) == [
        ("body", "The union thanked mayor Ilves"),
        (FURNITURE_KIND, "Joanna Klein"),
        ("body", "Tom Harding said the port would reopen."),
    ]


def test_a_live_blog_stamp_and_age_inside_a_paragraph_are_furniture():
    text = "Mayor Ilves spoke at noon. Updated at 04.46 BST 6d ago"
    assert furniture_of(text) == ["Updated at 04.46 BST 6d ago"]


def test_a_read_more_link_closing_a_paragraph_is_cut_off():
    text = "The views here are his own. Read more opinion at the Daily Bugle."
    assert kinds_and_texts(text) == [("body", "The views here are his own."), (FURNITURE_KIND, "Read more opinion at the Daily Bugle.")]


@pytest.mark.parametrize(
    "prose",
    [
        "At 10:30 the dock workers left the terminal.",
        "A Harbour/Ipsos poll found 40% support for the strike.",
        "By the end of the day, the strikers had gone home.",
        "Source: the ministry said 20 people were hurt in the crush on Tuesday.",
        "Two hours ago, the shelling stopped.",
        "McGrath RentCorp said its profit rose.",
        "The RepublicBank issue was sold out.",
        "The rocket lifted off at 1805 local time (2305 GMT).",
        "Photo opportunities were rare, the mayor said.",
    ],
)
def test_prose_is_not_furniture(prose):
    assert kinds_and_texts(prose) == [("body", prose)]


def test_furniture_does_not_take_the_standfirst_slot():
    text = "**Harbour strike enters third week**\nUpdated at 04.46 BST\nA short standfirst.\nThe body paragraph.\nMore body."
    assert [kind for kind, _ in kinds_and_texts(text)] == ["headline", FURNITURE_KIND, "standfirst", "body", "body"]


def test_a_headline_is_never_furniture():
    assert kinds_and_texts("# Read more about the strike\nThe body paragraph.")[0] == ("headline", "Read more about the strike")


def test_an_unknown_scope_names_the_file_and_line(tmp_path: Path):
    rules_file = tmp_path / "furniture.tsv"
    rules_file.write_text("name\tscope\tneeds\tpattern\nclock\tline\t\t\\d\\d:\\d\\d\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"furniture\.tsv:2: scope 'line'"):
        furniture_rules(rules_file)


def test_a_broken_pattern_names_the_file_and_line(tmp_path: Path):
    rules_file = tmp_path / "furniture.tsv"
    rules_file.write_text("name\tscope\tneeds\tpattern\nclock\tspan\t\t(\\d\\d:\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"furniture\.tsv:2: pattern of 'clock'"):
        furniture_rules(rules_file)


def test_a_word_class_expands_to_its_list(tmp_path: Path):
    (tmp_path / "zones.txt").write_text("BST\nGMT\n", encoding="utf-8")
    rules_file = tmp_path / "furniture.tsv"
    rules_file.write_text("name\tscope\tneeds\tpattern\nzone\tspan\tGMT\t\\b(?:{zones})\\b\n", encoding="utf-8")
    assert furniture_spans("at 12.30 GMT today", furniture_rules(rules_file)) == [(9, 12)]


FRAGMENTS = st.sampled_from(
    ["00:54", "Updated at 04.46 BST", "6d ago", "Marta Ilves", "IlvesJoanna Klein", "Kim Tran/AFP/Getty Images", "(Lena Morris/AP)",
     "Read more", "Photograph: ", "Related:", " ", "\n", ". ", "said", "REUTERS/", "By ", "Sign up to"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=12))
def test_furniture_never_changes_the_text_or_its_offsets(parts):
    text = normalise("".join(parts))
    spans = furniture_spans(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(end < next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))
    pieces = split_furniture(text, 0, len(text))
    assert all(end <= next_start for (_, end, _), (next_start, _, _) in zip(pieces, pieces[1:]))
    assert "".join("".join(text[start:end].split()) for start, end, _ in pieces) == "".join(text.split())
    for block in split_blocks(text):
        assert text[block.char_start : block.char_end] == block.text
