"""Headlines whose present-tense verb the small model reads as a noun are read again with it in the past tense."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from etl.transform.headlines import past_tense, reread_headline


def test_past_tense_of_regular_and_irregular_verbs():
    assert [past_tense(w) for w in ("appeals", "carries", "bans", "frees", "lifts", "pushes", "hits", "seizes")] == [
        "appealed",
        "carried",
        "banned",
        "freed",
        "lifted",
        "pushed",
        "hit",
        "seized",
    ]


@given(st.from_regex(r"[a-z]{2,12}s", fullmatch=True))
def test_past_tense_never_leaves_the_present(word):
    past = past_tense(word)
    assert past and past != word and not past.endswith("s")


def test_a_verbless_headline_gets_its_verb_and_keeps_its_words(nlp):
    doc = nlp("Peru appeals for foreign aid after heavy floods")
    assert not any(token.pos_ == "VERB" for token in doc)  # the small model's reading, which this module mends
    doc = reread_headline(nlp, doc)
    appeals = doc[1]
    assert (appeals.text, appeals.pos_, appeals.dep_, appeals.lemma_) == ("appeals", "VERB", "ROOT", "appeal")
    assert doc.text == "Peru appeals for foreign aid after heavy floods"
    assert doc[0].ent_type_ == "GPE" and doc[0].head.i == 1


def test_a_sentence_with_a_verb_or_a_stop_is_left_as_parsed(nlp):
    sentence = nlp("Peru appealed for foreign aid after heavy floods.")
    before = [(token.dep_, token.head.i) for token in sentence]
    assert [(token.dep_, token.head.i) for token in reread_headline(nlp, sentence)] == before


def test_headlines_give_their_events(make_document):
    from etl.transform.events import extract_events

    for text, event_type in [
        ("Peru appeals for foreign aid after heavy floods", "REQUEST"),
        ("Government lifts curfew in Goma after a week of calm", "CONCEDE"),
        ("Kenya hands over murder suspect to Ugandan police", "COOPERATE"),
    ]:
        assert event_type in {row["event_type"] for row in extract_events(make_document(text))}, text
