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
