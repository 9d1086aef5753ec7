from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.transform import extract_facts
from etl.transform.casualties import casualty_kind


def casualties(make_document, text: str) -> list[tuple[str, int | None, int | None]]:
    facts = extract_facts(make_document(text))
    stats = {row["stat_id"]: row for row in facts["statistics"]}
    found = []
    for row in facts["event_mentions"]:
        for kind in ("fatalities", "injured"):
            if row[f"{kind}_stat_id"] is not None:
                assert stats[row[f"{kind}_stat_id"]]["value"] == row[kind]
        found.append((row["event_type"], row["fatalities"], row["injured"]))
    return found


def test_an_attack_carries_the_dead_and_hurt_its_sentence_counts(make_document):
    assert casualties(make_document, "Gunmen killed 12 people near Kalibo on Tuesday.") == [("ASSAULT", 12, None)]
    rows = casualties(make_document, "Rebels killed three soldiers and wounded seven civilians in Beni.")
    assert rows == [("ASSAULT", 3, None), ("ASSAULT", None, 7)]  # each figure on the verb that names it


def test_a_figure_about_another_happening_counts_nothing(make_document):
    rows = casualties(make_document, "Kenyan police arrested 40 protesters after riots in which two people died.")
    assert all(fatalities is None for _, fatalities, _ in rows), rows
    assert casualties(make_document, "Kenyan police arrested 40 protesters in Kisumu.") == [("COERCE", None, None)]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
    st.sampled_from(["person", None, "percent", "usd"]),
    st.text(max_size=30),
    st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=1e6)),
)
def test_only_whole_counts_of_people_killed_or_hurt_are_casualties(value, unit, subject, high):
    kind = casualty_kind({"value": value, "unit": unit, "subject": subject, "value_high": high})
    assert kind in (None, "fatalities", "injured")
    if kind is not None:
        assert unit in ("person", None) and value >= 0 and value == int(value) and high is None


def test_a_total_or_a_rate_is_no_events_toll(make_document):
    assert casualties(make_document, "Russian forces have killed 198 civilians in Kharkiv so far.") == [("ASSAULT", None, None)]
    assert casualties(make_document, "Ukrainian troops are killing 900 Russian soldiers a day near Bakhmut.") == [("ASSAULT", None, None)]
