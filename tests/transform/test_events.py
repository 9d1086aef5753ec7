from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract.blocks import normalise
from etl.schema import EVENTS, VOCABULARIES, to_table
from etl.transform.events import extract_events, load_lexicon


def events_of(make_document, text: str):
    """The document and its events, each with the names of its actors."""
    document = make_document(text)
    rows = extract_events(document)
    name = lambda actor_id: document.actors[actor_id].name if actor_id else None  # noqa: E731
    for row in rows:
        row["actor1"], row["actor2"], row["reporter"] = name(row["actor1_id"]), name(row["actor2_id"]), name(row["reported_by_id"])
    return document, rows


def only(rows, event_type: str) -> dict:
    found = [row for row in rows if row["event_type"] == event_type]
    assert len(found) == 1, rows
    return found[0]


def test_verb_trigger_takes_its_subject_and_object(make_document):
    document, rows = events_of(make_document, "Russia attacked Ukraine on Monday.")
    row = only(rows, "ASSAULT")
    assert (row["actor1"], row["actor2"], row["trigger"]) == ("Russia", "Ukraine", "attacked")
    assert document.text[row["char_start"] : row["char_end"]] == "attacked"
    assert (row["negated"], row["certainty"], row["reported_by_id"]) == (False, "asserted", None)


def test_passive_verb_takes_the_agent(make_document):
    _, rows = events_of(make_document, "Kyiv was attacked by Russia.")
    row = only(rows, "ASSAULT")
    assert (row["actor1"], row["actor2"]) == ("Russia", "Ukraine")


def test_subject_is_found_by_climbing_to_the_clause_that_has_one(make_document):
    _, rows = events_of(make_document, "Germany reaffirmed its commitment to supporting Ukraine.")
    row = only(rows, "SUPPORT")
    assert (row["actor1"], row["actor2"], row["trigger"]) == ("Germany", "Ukraine", "supporting")


def test_noun_trigger_with_a_demonym_gives_a_country_actor_and_a_mode(make_document):
    document, rows = events_of(make_document, "A Ukrainian drone attack set fire to an oil depot.")
    row = only(rows, "ASSAULT")
    assert (row["actor1"], row["event_mode"], row["trigger"]) == ("Ukraine", "drone", "attack")
    assert document.actors[row["actor1_id"]].type == "country"


def test_noun_trigger_with_a_possessor_and_a_place(make_document):
    _, rows = events_of(make_document, "Russia's aerial attacks hit hospitals in Sumy.")
    row = only(rows, "ASSAULT")
    assert (row["actor1"], row["event_mode"], row["location"]) == ("Russia", "aerial", "Sumy")
    assert row["actor2"] == "Ukraine"  # the country of the place, not the attacker's own


def test_call_between_two_people_is_a_phone_consultation(make_document):
    _, rows = events_of(make_document, "Joe Biden and Emmanuel Macron spoke. The call between Joe Biden and Emmanuel Macron lasted an hour.")
    row = only(rows, "CONSULT")
    assert (row["actor1"], row["actor2"], row["event_mode"]) == ("Joe Biden", "Emmanuel Macron", "phone")


def test_hyphenated_pair_before_call_names_both_parties(make_document):
    _, rows = events_of(make_document, "Joe Biden spoke to Emmanuel Macron on Monday. The Biden-Macron call lasted an hour.")
    call = [row for row in rows if row["trigger"] == "call"]
    assert [(row["actor1"], row["actor2"]) for row in call] == [("Joe Biden", "Emmanuel Macron")]


def test_coordinated_subjects_give_one_event_each(make_document):
    _, rows = events_of(make_document, "Olaf Scholz and Emmanuel Macron condemned Russia.")
    accuse = [row for row in rows if row["event_type"] == "ACCUSE"]
    assert sorted(row["actor1"] for row in accuse) == ["Emmanuel Macron", "Olaf Scholz"]
    assert {row["actor2"] for row in accuse} == {"Russia"}
    assert len({row["event_id"] for row in accuse}) == 2


def test_negation(make_document):
    _, rows = events_of(make_document, "Germany did not condemn Russia.")
    assert only(rows, "ACCUSE")["negated"] is True


def test_said_makes_an_event_reported_by_the_speaker(make_document):
    _, rows = events_of(make_document, "Zelensky said Russia attacked Kyiv.")
    row = only(rows, "ASSAULT")
    assert (row["actor1"], row["certainty"], row["reporter"], row["location"]) == ("Russia", "reported", "Zelensky", "Kyiv")


def test_reportedly_makes_an_event_reported_by_nobody_named(make_document):
    _, rows = events_of(make_document, "Russia reportedly shelled Kharkiv.")
    row = only(rows, "ASSAULT")
    assert (row["certainty"], row["reported_by_id"], row["event_mode"]) == ("reported", None, "heavy-weapons")


def test_claimed(make_document):
    _, rows = events_of(make_document, "Russian officials claimed Ukraine attacked Belgorod.")
    row = only(rows, "ASSAULT")
    assert (row["actor1"], row["certainty"], row["reporter"]) == ("Ukraine", "claimed", "Russian officials")


def test_alleged_and_the_accusation_itself(make_document):
    _, rows = events_of(make_document, "Zelensky accused Russia of shelling Kharkiv.")
    accuse, assault = only(rows, "ACCUSE"), only(rows, "ASSAULT")
    assert (accuse["actor1"], accuse["actor2"], accuse["certainty"]) == ("Zelensky", "Russia", "asserted")
    assert (assault["actor1"], assault["certainty"], assault["reporter"]) == ("Russia", "alleged", "Zelensky")


def test_denied_is_claimed_and_negated(make_document):
    _, rows = events_of(make_document, "Russia denied attacking civilians.")
    row = only(rows, "ASSAULT")
    assert (row["actor1"], row["negated"], row["certainty"]) == ("Russia", True, "claimed")


def test_no_actor_no_event(make_document):
    _, rows = events_of(make_document, "Drones attacked the city overnight.")
    assert rows == []


def test_reporting_verb_alone_is_no_event(make_document):
    _, rows = events_of(make_document, "Zelensky said the situation was difficult. Putin claimed victory.")
    assert rows == []


def test_what_is_promised_or_only_possible_is_no_event(make_document):
    _, rows = events_of(make_document, "Putin agreed to halt attacks. Russia could attack Kyiv.")
    assert [(row["event_type"], row["actor1"]) for row in rows] == [("AGREE", "Putin")]


def test_sent_weapons_is_military_aid_to_the_recipient(make_document):
    _, rows = events_of(make_document, "Poland sent tanks to Ukraine.")
    row = only(rows, "AID")
    assert (row["actor1"], row["actor2"], row["event_mode"]) == ("Poland", "Ukraine", "military")


def test_rows_fit_the_events_schema(make_document):
    document, rows = events_of(make_document, "Russia attacked Ukraine. Zelensky said Russia attacked Kyiv.")
    clean = [{key: row[key] for key in EVENTS.names} for row in rows]
    table = to_table("events", clean)
    assert table.num_rows == 2
    for row in clean:
        assert row["event_type"] in VOCABULARIES[("events", "event_type")]
        assert row["certainty"] in VOCABULARIES[("events", "certainty")]
        assert document.text[row["char_start"] : row["char_end"]] == row["trigger"]


def test_lexicon_covers_every_plover_type_with_valid_modes():
    lexicon = load_lexicon()
    assert set(lexicon.types) == set(VOCABULARIES[("events", "event_type")])
    used = {trigger.event_type for triggers in lexicon.triggers.values() for trigger in triggers}
    assert used == set(lexicon.types)
    for triggers in lexicon.triggers.values():
        for trigger in triggers:
            assert trigger.mode is None or trigger.mode in lexicon.types[trigger.event_type].modes



WORDS = st.sampled_from(
    ["Russia", "Ukraine", "attacked", "Kyiv", "Zelensky", "said", "not", "the", "Russian", "drone", "attack", "call",
     "between", "and", "Putin", "'s", "strikes", "in", "Sumy", ",", ".", "claimed", "reportedly", "agreed", "to", "\n",
     "“", "”", "-", "sanctions", "on", "by", "was", "could", "his", "their", "its"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.lists(WORDS, max_size=25).map(" ".join), st.text(max_size=80)))
def test_any_text_gives_spans_that_index_it(make_document, text):
    text = normalise(text)
    if not text.strip():
        return
    document = make_document(text)
    for row in extract_events(document):
        assert 0 <= row["char_start"] < row["char_end"] <= len(document.text)
        assert document.text[row["char_start"] : row["char_end"]] == row["trigger"]
        assert row["actor1_id"] in document.actors


def test_a_possible_invasion_is_no_event_but_a_known_one_is(make_document):
    _, rows = events_of(make_document, "Biden said a Russian invasion would end the pipeline. Russia's invasion could add millions of refugees.")
    assert [(row["event_type"], row["actor1"], row["trigger"]) for row in rows] == [("ASSAULT", "Russia", "invasion")]
    assert rows[0]["char_start"] > 50


def test_according_to_names_who_reported_it(make_document):
    _, rows = events_of(make_document, "According to Ukraine, Russia launched 40 drones.")
    row = only(rows, "ASSAULT")
    assert (row["actor1"], row["event_mode"], row["certainty"], row["reporter"]) == ("Russia", "drone", "reported", "Ukraine")


def test_a_bad_lexicon_line_names_the_file_and_line(tmp_path, monkeypatch):
    import shutil

    from etl.transform import events

    for path in events.DATA.glob("event*"):
        shutil.copy(path, tmp_path / path.name)
    triggers = tmp_path / "event_triggers.tsv"
    triggers.write_text(triggers.read_text(encoding="utf-8") + "pummel\tVERB\tASSAULT\tnapalm\t\t\n", encoding="utf-8")
    monkeypatch.setattr(events, "DATA", tmp_path)
    with pytest.raises(events.LexiconError, match=r"event_triggers\.tsv:\d+: mode 'napalm'"):
        load_lexicon.__wrapped__()
