from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.repeats import near_duplicate_blocks
from etl.quality.figures import changed_figures
from etl.settings import Settings

SETTINGS = Settings()
PARAGRAPH = (
    "Regional officials said the convoy crossed the river before dawn, carrying food, medicine and "
    "generators for the villages cut off by the fighting since the bridge was destroyed last week."
)
STORY = " ".join(
    [
        PARAGRAPH,
        "The governor thanked volunteers and asked for more trucks, fuel and drivers to keep the route open "
        "through the winter months ahead.",
    ]
    * 2
)


def test_a_paragraph_pasted_again_with_a_word_changed_is_a_near_repeat():
    edited = PARAGRAPH.replace("before dawn", "before sunrise")
    assert near_duplicate_blocks(
        [PARAGRAPH, "Something else entirely, about another topic, written by someone else today.", edited], [None, None, None], SETTINGS
    ) == [None, None, 0]


def test_different_paragraphs_and_short_lines_are_not_near_repeats():
    other = "The central bank kept its main rate unchanged on Thursday and said inflation was slowing faster than expected this spring."
    assert near_duplicate_blocks([PARAGRAPH, other, "Advertisement", "Advertisement!"], [None, None, None, None], SETTINGS) == [
        None,
        None,
        None,
        None,
    ]


def test_changed_figures_finds_the_number_that_changed():
    original = "Russia launched over 40 drones into Ukraine overnight."
    copy = "Russia launched over 47 drones into Ukraine overnight."
    ((a, b),) = changed_figures(original, copy)
    assert original[a[0] : a[1]] == "40" and copy[b[0] : b[1]] == "47"
    assert changed_figures(original, original) == []


def test_a_changed_fraction_is_one_changed_figure():
    original = "Federal funds were trading at 6-1/4 pct when the Fed began its temporary action."
    copy = "Federal funds were trading at 6-3/16 pct when the Fed began its temporary action."
    ((a, b),) = changed_figures(original, copy)
    assert original[a[0] : a[1]] == "6-1/4" and copy[b[0] : b[1]] == "6-3/16"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_changed_figure_spans_index_their_texts(first, second):
    for (a_start, a_end), (b_start, b_end) in changed_figures(first, second):
        assert re.fullmatch(r"\d+(?:[.,/-]\d+)*", first[a_start:a_end])
        assert re.fullmatch(r"\d+(?:[.,/-]\d+)*", second[b_start:b_end])
