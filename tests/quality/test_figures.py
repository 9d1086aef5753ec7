from __future__ import annotations

from etl.quality.figures import changed_block_figures, changed_document_figures, headline_against_body, implausible_figures, percent_words


def stat(stat_id, block_idx, value, unit, subject, sentence="", doc_id="d", start=0, end=0):
    return {
        "stat_id": stat_id,
        "doc_id": doc_id,
        "block_idx": block_idx,
        "value": value,
        "unit": unit,
        "subject": subject,
        "sentence": sentence,
        "value_text": str(value),
        "char_start": start,
        "char_end": end,
    }


def block(idx, text, start, kind="body", duplicate_of=None, doc_id="d"):
    return {
        "doc_id": doc_id,
        "block_idx": idx,
        "text": text,
        "char_start": start,
        "char_end": start + len(text),
        "kind": kind,
        "duplicate_of_block": duplicate_of,
    }


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
    shares = [
        stat("s", 0, 120, "percent", "facilities", sentence="120% of facilities were damaged."),
        stat("g", 0, 150, "percent", "prices", sentence="Prices rose 150% this year."),
        stat("k", 0, 300, "percent", "prices", sentence="Prices have skyrocketed by 300% in half a year."),
    ]
    assert [f["ref"] for f in implausible_figures(shares)] == ["s"]


def test_a_negative_count_is_implausible_but_a_negative_temperature_change_or_balance_is_not():
    figures = [
        stat("t", 0, -3, "degree celsius", "temperature"),
        stat("f", 0, -10, "degree fahrenheit", "temperature"),
        stat("c", 0, -2.5, "percent", "growth"),
        stat("p", 0, -0.5, "percentage point", "support"),
        stat("b", 0, -5e6, "aud", "balance"),
        stat("r", 0, -40, "usd per month", "rent"),
        stat("n", 0, -7, None, "change"),
        stat("d", 0, -4, "drone", "drones"),
        stat("k", 0, -12, "kilometre", "road"),
        stat("v", 0, -1, "kelvin", "temperature"),
    ]
    assert [f["ref"] for f in implausible_figures(figures)] == ["d", "k", "v"]


def percent(sentence: str, value_text: str, stat_id: str = "p") -> dict:
    """A percentage statistic over 100 found at `value_text` in a one-sentence document."""
    start = sentence.index(value_text)
    value = float(value_text.split()[0].rstrip("%").split("-")[0])
    return {
        **stat(stat_id, 0, value, "percent", None, sentence=sentence, start=start, end=start + len(value_text)),
        "value_text": value_text,
    }


RATIOS = [
    ("Barge freight for next week traded at 135 pct of tariff.", "135 pct"),
    ("The company will buy the notes back at 104.5 pct of their face value.", "104.5 pct"),
    ("Public debt reached 120% of GDP last year.", "120%"),
    ("The prison holds inmates at 140% of capacity.", "140%"),
    ("Exports this month were 125 pct of last year's level.", "125 pct"),
    ("Next week St Louis was 120 pct bid, 127-1/2 offered.", "120 pct"),
    ("The issue is priced at 101-1/2 pct, the lead manager said.", "101-1/2 pct"),
    ("The eurobond pays 7-1/4 pct and is sold at 101-1/8 pct.", "101-1/8 pct"),
]
SHARES = [
    ("A poll found 78% of people back the plan and 130% of them want it sooner.", "130%"),
    ("Officials said 120% of the city's schools were damaged.", "120%"),
    ("About 150 percent of voters in the capital turned out.", "150 percent"),
]


def test_a_percentage_of_a_level_or_a_quoted_price_is_not_implausible():
    for sentence, value_text in RATIOS:
        assert implausible_figures([percent(sentence, value_text)], {"d": sentence}) == [], sentence


def test_a_share_of_a_whole_over_a_hundred_is_still_implausible():
    for sentence, value_text in SHARES:
        assert [f["ref"] for f in implausible_figures([percent(sentence, value_text)], {"d": sentence})] == ["p"], sentence


def test_words_past_a_wrapped_sentence_are_read_from_the_document():
    text = "Delivery this week on the Illinois River 135 pct of\ntariff bid, 140 offered."
    cut = {**percent(text, "135 pct"), "sentence": "Delivery this week on the Illinois River 135 pct of"}
    assert implausible_figures([cut], {"d": text}) == []
    assert [f["ref"] for f in implausible_figures([cut])] == ["p"]


def test_the_percentage_lexicon_has_every_section():
    words = percent_words()
    assert set(words) == {"of", "quote", "instrument", "change"}
    assert "tariff" in words["of"] and "tariffs" in words["of"] and "yesterday's" in words["of"]
    assert "people" not in words["of"]
