"""Ranges, comparisons, fractions and percentage forms of figures, scored on hand-written sentences.

tests/gold-figures holds the sentences with the figures they state: `dev` ones the rules were tuned
on, `heldout` ones only scored. A sentence is right when its rows give exactly its figures (value,
value_high, qualifier, unit), in order and nothing more.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.transform.context import ParsedBlock, ParsedDocument
from etl.transform.statistics import extract_statistics

GOLD = Path(__file__).resolve().parents[1] / "gold-figures"
GOLD_SETS = ("ranges", "percentages")
TARGET = 0.90


@pytest.fixture(scope="module")
def stats(nlp):
    """Rows for a text parsed as one block."""

    def run(text: str) -> list[dict]:
        return extract_statistics(ParsedDocument("d1", text, [ParsedBlock("d1", 0, "body", 0, nlp(text))]))

    return run


def gold_sentences(name: str) -> list[dict]:
    """The sentences of one gold set, each with its split, text and figures."""
    return [json.loads(line) for line in (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def same_number(found: float | None, expected: float | None) -> bool:
    if found is None or expected is None:
        return found is expected
    return math.isclose(found, expected, rel_tol=1e-4, abs_tol=1e-9)


def is_right(rows: list[dict], figures: list[dict]) -> bool:
    """Whether the rows state exactly the expected figures, in order."""
    return len(rows) == len(figures) and all(
        same_number(row["value"], figure["value"])
        and same_number(row["value_high"], figure["value_high"])
        and (row["qualifier"], row["unit"]) == (figure["qualifier"], figure["unit"])
        for row, figure in zip(rows, figures)
    )


def score(stats, name: str, split: str) -> tuple[int, int, list[str]]:
    """Right sentences, sentences, and the wrong ones described, of one split of a gold set."""
    right, total, wrong = 0, 0, []
    for sentence in gold_sentences(name):
        if sentence["split"] != split:
            continue
        rows = stats(sentence["text"])
        total += 1
        if is_right(rows, sentence["figures"]):
            right += 1
        else:
            found = [(r["value"], r["value_high"], r["qualifier"], r["unit"]) for r in rows]
            wrong.append(f"{sentence['text']!r}: {found}")
    return right, total, wrong


@pytest.mark.parametrize("name", GOLD_SETS)
@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_gold_figure_forms(stats, name, split):
    right, total, wrong = score(stats, name, split)
    print(f"\n{name} {split}: {right}/{total} = {right / total:.3f}")
    if split == "dev":
        print("\n".join(wrong))
    assert right / total >= TARGET


def test_gold_sentences_are_well_formed():
    for name in GOLD_SETS:
        for sentence in gold_sentences(name):
            assert sentence["split"] in ("dev", "heldout")
            for figure in sentence["figures"]:
                assert figure["qualifier"] in ("exact", "over", "under", "about", "at_least", "at_most", "range")
                assert (figure["value_high"] is not None) == (figure["qualifier"] == "range")


# --- the forms, one at a time ---------------------------------------------------------------


def figure(row: dict) -> tuple:
    return (row["value"], row["value_high"], row["qualifier"], row["unit"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fund will hold at most 100 and at least 20 companies.", (20, 100, "range", "company")),
        ("Bids came in above $1,000 and below $1,500.", (1000, 1500, "range", "usd")),
        ("More than 5 but fewer than 9 boats sank.", (5, 9, "range", "boat")),
        ("The road was cut at least 20 km and at most 30 km from the city.", (20, 30, "range", "kilometre")),
        ("Rooms cost above £90 and below £120 a night.", (90, 120, "range", "gbp per night")),
    ],
)
def test_a_lower_and_an_upper_bound_make_one_range(stats, text, expected):
    rows = stats(text)
    assert [figure(row) for row in rows] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "At least 20 soldiers and fewer than 100 civilians were killed.",  # two things counted
        "Turnout was over 60% and under 5% voted blank.",  # the upper bound is below the lower
        "At least 12 dead and more than 40 injured were counted.",  # two lower bounds
    ],
)
def test_bounds_of_two_figures_stay_two_figures(stats, text):
    assert len(stats(text)) == 2


def test_a_spelled_range_scales_its_low_end(stats):
    assert figure(one(stats("Two to three thousand people gathered."))) == (2000, 3000, "range", "person")
    assert figure(one(stats("Between five and six hundred troops were deployed."))) == (500, 600, "range", "person")
    assert figure(one(stats("Ten to a hundred people came."))) == (10, 100, "range", "person")


def test_half_is_a_share_but_not_a_part_of_a_year_or_a_place(stats):
    assert figure(one(stats("More than half of the members voted yes."))) == (0.5, None, "over", None)
    assert figure(one(stats("Half the shops are empty."))) == (0.5, None, "exact", None)
    assert stats("In the first half of the year, nobody came.") == []
    assert stats("The other half of the money was lost.") == []
    assert stats("The week was the second\nhalf of the period.") == []  # wire copy wraps anywhere
    assert figure(one(stats("Half a million people fled."))) == (5e5, None, "exact", "person")


def test_a_ratio_out_of_is_a_share(stats):
    assert figure(one(stats("Seven out of ten people support the ban."))) == (0.7, None, "exact", None)
    assert figure(one(stats("Six out of 10 voters agree."))) == (0.6, None, "exact", None)
    assert stats("She was one in 2022.") == []


def test_minus_makes_a_figure_negative(stats):
    row = one(stats("The temperature dropped to minus 12 degrees Celsius."))
    assert (figure(row), row["value_text"]) == ((-12, None, "exact", "degree celsius"), "minus 12 degrees Celsius")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Temperatures between -5C and 3C are expected.", [(-5, 3, "range", "degree celsius")]),
        ("It hit 40C in Seville and 104F in Phoenix.", [(40, None, "exact", "degree celsius"), (104, None, "exact", "degree fahrenheit")]),
        ("Inflation rose 3pc last year.", [(3, None, "exact", "percent")]),
        ("Three-fourths of the ships left.", [(0.75, None, "exact", None)]),
        ("Between 1m and 1.5m barrels a day are shipped.", [(1e6, 1.5e6, "range", "barrel per day")]),
        ("The wall is between 1m and 2m high.", [(1, 2, "range", "metre")]),
        ("A Type 3C missile and a grade 3 C pupil.", []),
    ],
)
def test_written_forms_of_temperatures_shares_and_scales(stats, text, expected):
    assert [figure(row) for row in stats(text)] == expected


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("as few as", "at_least"),
        ("not fewer than", "at_least"),
        ("upward of", "over"),
        ("a little over", "over"),
        ("well under", "under"),
        ("far fewer than", "under"),
        ("in the region of", "about"),
    ],
)
def test_more_qualifier_phrases(stats, phrase, qualifier):
    assert figure(one(stats(f"Officials counted {phrase} 40 drones."))) == (40, None, qualifier, "drone")


def one(rows: list[dict]) -> dict:
    assert len(rows) == 1, [figure(row) for row in rows]
    return rows[0]


# --- properties ----------------------------------------------------------------------------
# Derandomized: each run draws the same examples, since a rare misparse by the model ("above 12 and up to
# 166 trucks", where 166 is left unattached to its noun) would otherwise fail one CI run in many.

LOWER = ["at least", "more than", "over", "above", "no fewer than"]
UPPER = ["at most", "fewer than", "under", "below", "no more than", "up to"]
SPELLED = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(
    st.integers(1, 5000),
    st.integers(1, 5000),
    st.sampled_from(LOWER),
    st.sampled_from(UPPER),
    st.booleans(),
)
def test_any_pair_of_bounds_is_a_range_when_it_can_be_one(stats, low, high, lower, upper, upper_first):
    bounds = [f"{upper} {high:,}", f"{lower} {low:,}"] if upper_first else [f"{lower} {low:,}", f"{upper} {high:,}"]
    rows = stats(f"Officials said {bounds[0]} and {bounds[1]} trucks crossed.")
    if low < high:
        assert [figure(row)[:3] for row in rows] == [(low, high, "range")]
        assert rows[0]["unit"] == "truck"
    else:
        assert all(row["qualifier"] != "range" for row in rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.sampled_from(SPELLED), st.sampled_from(SPELLED), st.sampled_from(["hundred", "thousand", "million"]))
def test_any_spelled_range_with_a_scale_word_scales_both_ends(stats, low, high, scale):
    factor = {"hundred": 100, "thousand": 1000, "million": 1e6}[scale]
    low_value, high_value = SPELLED.index(low) + 2, SPELLED.index(high) + 2
    rows = stats(f"Between {low} and {high} {scale} people were moved.")
    if low_value < high_value:
        assert [figure(row) for row in rows] == [(low_value * factor, high_value * factor, "range", "person")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.integers(1, 99), st.integers(2, 100), st.sampled_from(["in", "out of", "out of every"]))
def test_any_ratio_in_digits_is_a_share_below_one(stats, part, whole, joiner):
    rows = stats(f"Surveys show {part} {joiner} {whole} voters agree.")
    if part < whole:
        assert [figure(row) for row in rows] == [(pytest.approx(part / whole), None, "exact", None)]
