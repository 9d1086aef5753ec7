"""Casualties on events: a figure of people killed or hurt, given in the sentence of an event's trigger.

The statistics extractor already reads each figure with its unit and subject ("At least 15 civilians were
killed" is 15 person, at_least, subject "civilians killed"); a figure of people whose subject says they died
("killed", "dead", "death toll") or were hurt ("wounded", "injured") is a count of fatalities or injured. It
goes to the attack (or riot) mention of the same sentence whose trigger is nearest the figure: a figure in a
sentence about an arrest or a march ("arrested 40 after riots in which two died") counts another's dead.
The mention keeps the figure's statistics row (`fatalities_stat_id`, `injured_stat_id`), which gives
its qualifier and its words; an event takes the lowest count its reports give (ACLED keeps the most
conservative figure), and reports that disagree are an `inconsistent_figure` finding. A total over many
happenings or a rate ("so far", "since the invasion", "a day": data/casualty_totals.txt) goes on no event.
"""

from __future__ import annotations

import re
from pathlib import Path

from etl import rules

# Phrases that make a count a total over many happenings or a rate ("so far", "a day").
TOTALS = Path(__file__).resolve().parent / "data" / "casualty_totals.txt"
# Units of a figure that counts people (etl/transform/data/units.tsv); a bare number may too.
PEOPLE_UNITS = {"person", None}
# Words of a figure's subject that say what happened to the people it counts.
KILLED = re.compile(r"\b(?:kill(?:ed|ing|s)?|dead|deaths?|died|dying|death toll|fatalit(?:y|ies)|lives|murdered|executed|slain)\b", re.I)
HURT = re.compile(r"\b(?:wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y)|hurt|maimed)\b", re.I)


def casualty_kind(statistic: dict) -> str | None:
    """`fatalities` or `injured` for a figure of people killed or hurt in one happening, else None."""
    if statistic["unit"] not in PEOPLE_UNITS or statistic["value"] < 0 or statistic["value"] != int(statistic["value"]):
        return None
    if rules.phrases(TOTALS).search(statistic.get("sentence") or ""):
        return None  # "killed so far", "since the invasion", "a day": many happenings, or a rate
    subject = statistic["subject"] or ""
    if statistic["value_high"] is not None:
        return None  # a range ("between 10 and 20 killed") has no one count
    if HURT.search(subject):
        return "injured"
    if KILLED.search(subject):
        return "fatalities"
    return None


def link_casualties(statistics: list[dict], mentions: list[dict]) -> None:
    """Set fatalities, injured and their statistics row on the event mentions whose sentence gives them."""
    for statistic in statistics:
        kind = casualty_kind(statistic)
        if kind is None:
            continue
        same_sentence = [
            m
            for m in mentions
            if m["doc_id"] == statistic["doc_id"]
            and m["block_idx"] == statistic["block_idx"]
            and m["sentence"] == statistic["sentence"]
            and m[kind] is None
            and _can_hurt(m)
        ]
        if not same_sentence:
            continue
        chosen = min(same_sentence, key=lambda m: _distance(m, statistic))
        chosen[kind] = int(statistic["value"])
        chosen[f"{kind}_stat_id"] = statistic["stat_id"]


def _can_hurt(mention: dict) -> bool:
    """Whether an event is one that kills and hurts: an attack, or a riot."""
    return mention["event_type"] == "ASSAULT" or (mention["event_type"] == "PROTEST" and mention["event_mode"] == "riot")


def _distance(mention: dict, statistic: dict) -> tuple[bool, int]:
    """How far a trigger is from a figure: one its subject names ("killed" in "killed soldiers") first, then
    the nearest in characters."""
    named = mention["trigger"].lower() in (statistic["subject"] or "").lower().split()
    gap = min(abs(mention["char_start"] - statistic["char_end"]), abs(mention["char_end"] - statistic["char_start"]))
    return not named, gap
