"""Speakers named by a role, a pronoun or not at all: texts written for the test."""

from __future__ import annotations

import pytest

from etl.transform.quotes import extract_quotes


def row_of(document, quote: str) -> dict:
    return next(row for row in extract_quotes(document) if row["text"] == quote)


def speaker(document, quote: str) -> str | None:
    row = row_of(document, quote)
    return document.actors[row["speaker_id"]].name if row["speaker_id"] else None


@pytest.mark.parametrize(
    ("text", "quote", "name"),
    [
        ('US Defense Secretary Jane Harlow came.\n\n"We are ready," the secretary told reporters.', "We are ready", "Jane Harlow"),
        ('Britain\'s spy chief Tom Vale spoke in Denver.\n\n"The war is not over," the MI6 chief said.', "The war is not over", "Tom Vale"),
        ('Navy Secretary Paul Drake met the crew.\n\n"We sail tomorrow," the Navy chief added.', "We sail tomorrow", "Paul Drake"),
    ],
)
def test_a_role_points_back_to_the_person_named_with_it(make_document, text, quote, name):
    assert speaker(make_document(text), quote) == name


def test_a_description_beside_a_name_is_that_person_elsewhere_too(make_document):
    text = (
        "The head of the UN mission in Chad said the roads were closed.\n\n"
        'The head of the UN mission in Chad, Anna Berg, said: "Aid is not arriving."'
    )
    document = make_document(text)
    rows = extract_quotes(document)
    assert {document.actors[r["speaker_id"]].name for r in rows if r["speaker_id"]} == {"Anna Berg"}
    assert len(rows) == 2


def test_a_role_without_a_holder_stays_unresolved(make_document):
    document = make_document('Tom Vale met the crew.\n\n"We sail tomorrow," the governor said.')
    assert speaker(document, "We sail tomorrow") is None


def test_she_skips_a_man(make_document):
    text = 'Defence Minister Anna Berg met Mr Tom Vale in Oslo. Vale said the talks went well.\n\n"We agreed on the next steps," she said.'
    assert speaker(make_document(text), "We agreed on the next steps") == "Anna Berg"


def test_an_unnamed_source_keeps_its_words_and_country(make_document):
    row = row_of(make_document('"Talks are over," a Russian military spokesman told reporters.'), "Talks are over")
    assert row["speaker_id"] is None
    assert (row["anonymous_role"], row["anonymous_country"]) == ("Russian military spokesman", "RUS")


def test_an_unnamed_source_is_not_the_person_it_works_for(make_document):
    text = 'Senator Mark Hollis toured the plant. "He was moved by what he saw," a Hollis aide said.'
    row = row_of(make_document(text), "He was moved by what he saw")
    assert row["speaker_id"] is None
    assert row["anonymous_role"] == "Hollis aide"


def test_he_said_after_an_unnamed_source_is_that_source(make_document):
    text = 'President Mark Hollis said the plan was ready.\n\n"The lines are holding," a senior official said. "We see no breach," he said.'
    row = row_of(make_document(text), "We see no breach")
    assert row["speaker_id"] is None
    assert row["anonymous_role"] == "senior official"


def test_a_named_speaker_has_no_unnamed_source(make_document):
    row = row_of(make_document('"We will win," said Ursula Klein.'), "We will win")
    assert (row["anonymous_role"], row["anonymous_country"]) == (None, None)


def test_a_partial_quote_under_a_clause_whose_subject_cannot_speak_is_the_reporters(make_document):
    text = "Penny Wong said the meeting had stressed the aim of holding Russia to account for “its unlawful war”."
    assert speaker(make_document(text), "its unlawful war") == "Penny Wong"


TRANSCRIPT = (
    "Senator Mark Dunn spoke with host Ann Cole about the vote.\n\n"
    "Partial transcript as follows:\n\n"
    '"COLE: Will you support the bill?\n\n'
    '"DUNN: Well, look, the bill is a mess.\n\n'
    '"And the people want something better.\n\n'
    '"(CROSSTALK.)\n\n'
    '"COLE: Thank you, Senator."'
)


@pytest.mark.parametrize(
    ("quote", "name"),
    [
        ("Will you support the bill?", "Ann Cole"),
        ("Well, look, the bill is a mess.", "Mark Dunn"),
        ("And the people want something better.", "Mark Dunn"),
        ("Thank you, Senator.", "Ann Cole"),
    ],
)
def test_a_transcripts_label_in_capitals_speaks_its_paragraph_and_the_next(make_document, quote, name):
    assert speaker(make_document(TRANSCRIPT), quote) == name


def test_a_transcripts_stage_direction_is_not_a_quote(make_document):
    assert "(CROSSTALK.)" not in [row["text"] for row in extract_quotes(make_document(TRANSCRIPT))]


def test_a_heading_in_capitals_takes_no_speaker_from_the_turns_around_it(make_document):
    text = (
        "Senator Mark Dunn spoke with host Ann Cole.\n\n"
        '"COLE: Will you support the bill?\n\n'
        '"VIDEO: The clerk read the bill out in the hall.\n\n'
        '"DUNN: Well, look, the bill is a mess."'
    )
    row = row_of(make_document(text), "VIDEO: The clerk read the bill out in the hall.")
    assert row["speaker_text"] is None


def test_a_heading_in_capitals_is_not_a_speaker(make_document):
    rows = extract_quotes(make_document('"UPDATE: The vote is off," the aide said.'))
    assert [(row["text"], row["speaker_text"]) for row in rows] == [("UPDATE: The vote is off", "the aide")]


def test_a_dash_kept_on_the_closing_mark_still_sets_off_the_speaker(make_document):
    text = (
        "Voters wrote to us after the debate.\n\n"
        "“We are tired of the lies and of the insults.”― Ana Ruiz\n\n"
        "“He does not know our lives at all.”― Lena Vidal."
    )
    rows = extract_quotes(make_document(text))
    assert [row["speaker_text"] for row in rows] == ["Ana Ruiz", "Lena Vidal"]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("The ad uses footage of Jane Doe asking, “Why are we not winning by more?”", "Why are we not winning by more?"),
        ("The spot ends with a clip of Jane Doe saying during the debate, “That makes me rich,” to cheers.", "That makes me rich"),
    ],
)
def test_footage_of_someone_saying_is_theirs_not_the_footages(make_document, text, quote):
    assert speaker(make_document(text), quote) == "Jane Doe"


@pytest.mark.parametrize(
    ("text", "quote", "name"),
    [
        (
            "The spot concludes with footage of Reed saying during the debate last week, “That makes me rich,” when Doe attacked him.",
            "That makes me rich",
            "Reed",
        ),
        (
            "The ad concludes with footage of Hall saying last week, “I will fix the roads,” before the vote.",
            "I will fix the roads",
            "Hall",
        ),
    ],
)
def test_a_reporting_verb_whose_subject_cannot_speak_gives_way_to_a_nearer_one(make_document, text, quote, name):
    row = row_of(make_document(text), quote)
    assert (row["speaker_text"], row["cue"]) == (name, "saying")


def test_a_person_named_by_their_age_speaks(make_document):
    row = row_of(
        make_document('Tom Reed spoke to the crowd on Monday.\n\n"We will win this state," the 46-year-old said.'), "We will win this state"
    )
    assert row["speaker_text"] == "the 46-year-old"


def test_a_quote_alone_after_a_sentence_about_a_person_is_theirs(make_document):
    text = 'On Sunday, Senator Ann Cole named the war as the first reason for her vote. "The young are tired of it, more than anyone."'
    assert speaker(make_document(text), "The young are tired of it, more than anyone.") == "Ann Cole"


def test_a_quote_alone_after_a_sentence_about_a_thing_has_no_speaker(make_document):
    text = 'Senator Ann Cole spoke on Sunday.\n\nThe bill failed in the night. "What a mess this has been for all of us."'
    assert row_of(make_document(text), "What a mess this has been for all of us.")["speaker_text"] is None


def test_a_participle_the_parse_hung_inside_a_quote_has_the_sentences_subject(make_document):
    text = (
        "Mr. Reed hardly cleared it up, treating Ms. Doe's remark first as praise -- ''That makes me rich'' -- and, "
        "when questioned after the debate, asserting, ''Of course, I pay federal taxes.''"
    )
    assert speaker(make_document(text), "Of course, I pay federal taxes.") == "Reed"


def test_a_dash_the_tagger_took_for_a_noun_is_no_subject(nlp):
    from spacy.tokens import Doc

    from etl.transform.quotes.speakers import subject_of

    doc = Doc(nlp.vocab, words=["―", "Reed", "boasted"], heads=[2, 2, 2], deps=["nsubj", "nsubj", "ROOT"])
    assert subject_of(doc[2]).text == "Reed"
