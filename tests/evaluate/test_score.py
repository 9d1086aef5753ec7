"""The scorer on tiny hand-made gold and prediction rows: every count is worked out by hand."""

from __future__ import annotations

import pytest

from etl.evaluate.gold import GoldActor, GoldDocument, GoldEvent, GoldQuote, GoldReported, GoldStatistic, PolnearDocument, Relation, Span
from etl.evaluate.polnear import score_polnear_document
from etl.evaluate.score import (
    Prediction,
    Score,
    max_matching,
    quote_key,
    same_quote,
    score_document,
    total,
)

TRUMP = {"actor_id": "a-trump", "name": "Donald Trump", "type": "person", "aliases": ["Trump", "Donald Trump"]}
TRUMP_AGAIN = {"actor_id": "a-trump2", "name": "President Trump", "type": "person", "aliases": ["President Trump"]}
PUTIN = {"actor_id": "a-putin", "name": "Putin", "type": "person", "aliases": ["Putin"]}
UKRAINE = {"actor_id": "a-ukr", "name": "Ukraine", "type": "location", "aliases": ["Ukraine"]}
RUSSIA = {"actor_id": "a-rus", "name": "Russia", "type": "country", "aliases": ["Russia", "Moscow"]}
KREMLIN = {"actor_id": "a-kremlin", "name": "the Kremlin", "type": "organization", "aliases": ["the Kremlin"]}
OFFICIALS = {"actor_id": "a-off", "name": "Russian officials", "type": "group", "aliases": ["Russian officials"]}
SUMY = {"actor_id": "a-sumy", "name": "Sumy", "type": "location", "aliases": ["Sumy"]}
KYIV = {"actor_id": "a-kyiv", "name": "Kyiv", "type": "location", "aliases": ["Kyiv"]}
ACTORS = {a["actor_id"]: a for a in (TRUMP, TRUMP_AGAIN, PUTIN, UKRAINE, RUSSIA, KREMLIN, OFFICIALS, SUMY, KYIV)}

GOLD = GoldDocument(
    document="a.txt",
    gold_file="a.json",
    actors=[
        GoldActor("Donald Trump", "person", ("Trump", "President Trump")),
        GoldActor("Vladimir Putin", "person", ("Putin",)),
        GoldActor("Ukraine", "country", ("Ukraine", "Kyiv")),
        GoldActor("Russia", "country", ("Russia",)),
        GoldActor("Kremlin", "organization", ("Kremlin",)),
    ],
    locations=["Sumy", "Helsinki"],
    quotes=[
        GoldQuote("very good and productive", "Donald Trump", "described", "partial"),
        GoldQuote("We will not stop", "Vladimir Putin", "said", "direct"),
        GoldQuote("significant issues", "Kremlin", "highlighted", "partial"),
        GoldQuote("never seen", "Donald Trump", "said", "partial"),
    ],
    reported=[
        GoldReported("Russian officials", "claimed", "Ukraine's drone attack set fire"),
        GoldReported("Vladimir Putin", "insisted", "any truce must be conditional"),
    ],
    statistics=[
        GoldStatistic(80, "percent", "over", subject_contains="facilities", source="Donald Trump"),
        GoldStatistic(40, "drone", "over"),
        GoldStatistic(3, "year", "exact"),
    ],
    events=[
        GoldEvent("AGREE", "Vladimir Putin", "Ukraine", also_accepted=("RETREAT",), certainty="asserted"),
        GoldEvent("ASSAULT", "Russia", "Ukraine", mode="drone", certainty="alleged"),
        GoldEvent("SUPPORT", "Donald Trump", None),
    ],
)


def quote(text, kind, speaker_id=None, speaker_text=None, cue="said"):
    return {"text": text, "kind": kind, "speaker_id": speaker_id, "speaker_text": speaker_text, "cue": cue}


def stat(value, unit, qualifier="exact", reported_by_id=None):
    return {
        "value": value,
        "value_high": None,
        "value_text": str(value),
        "unit": unit,
        "qualifier": qualifier,
        "subject": None,
        "reported_by_id": reported_by_id,
    }


def event(kind, actor1, actor2=None, certainty="asserted", mode=None):
    return {"event_type": kind, "actor1_id": actor1, "actor2_id": actor2, "modality": certainty, "event_mode": mode, "trigger": "t"}


PREDICTION = Prediction(
    actors=ACTORS,
    doc_actor_ids={"a-trump", "a-trump2", "a-putin", "a-ukr", "a-rus", "a-kremlin", "a-off", "a-sumy", "a-kyiv"},
    quotes=[
        quote("“Very good and productive,”", "partial", "a-trump", "Trump"),  # right, right speaker
        quote("We will not stop.", "direct", "a-trump", "Trump"),  # right text, wrong speaker
        quote("significant issues", "partial", None, "the Kremlin"),  # right, speaker by its text only
        quote("made up", "partial", "a-putin", "Putin"),  # not in the gold
        quote("a Ukraine’s drone attack set fire to a depot", "indirect", "a-off", "Russian officials", "claimed"),
        quote("the weather was fine", "indirect", None, None),
    ],
    statistics=[
        stat(80.0, "percent", "over", "a-trump"),
        stat(80.0, "percent", "over"),  # the same figure again: supported, not a false positive
        stat(40.0, "drone", "exact"),  # value and unit right, qualifier wrong
        stat(7.0, "day"),
    ],
    events=[
        event("RETREAT", "a-putin", "a-ukr", "asserted"),  # accepted type, actor2 named as a place
        event("ASSAULT", "a-rus", "a-ukr", "reported", "drone"),  # certainty wrong
        event("ASSAULT", "a-rus", None, "alleged"),  # a second telling of the same event
        event("ACCUSE", "a-trump", "a-putin"),
    ],
)


@pytest.fixture(scope="module")
def scores():
    return score_document(GOLD, PREDICTION)


def figures(score: Score) -> tuple:
    return score.gold, score.tp, score.fn, score.predicted, score.fp


def test_quote_text_is_compared_without_marks_case_or_edge_punctuation():
    assert quote_key("“Very good,” ") == "very good"
    assert quote_key("we’re ''here''") == "we're here"
    assert same_quote("We will not stop", "we will not stop.")
    assert same_quote("one two three four five", "one two three four five six")  # 5 of 6 words
    assert not same_quote("one two three", "one two three four five")  # 3 of 5 words
    assert not same_quote("very good", "very bad")


def test_matching_is_one_to_one_and_as_large_as_possible():
    fits = {(0, 0), (0, 1), (1, 0)}  # greedy would give gold 0 prediction 0 and leave gold 1 unmatched
    assert max_matching(2, 2, lambda g, p: (g, p) in fits) == {0: 1, 1: 0}
    assert max_matching(2, 1, lambda g, p: True) in ({0: 0}, {1: 0})


def test_actors_need_a_shared_name_and_the_same_type(scores):
    actors = scores["actors"]
    # Trump (one of his two rows), Putin, Russia, the Kremlin found; Ukraine was typed a location;
    # the second Trump and Russian officials (no gold actor) are false positives.
    assert figures(actors) == (5, 4, 1, 6, 2)
    assert sorted(actors.false)[1] == "a.txt: Russian officials (group)"
    assert sorted(actors.false)[0] in ("a.txt: President Trump (person)", "a.txt: Donald Trump (person)")
    assert actors.misses == ["a.txt: Ukraine (country)"]
    assert actors.precision == pytest.approx(4 / 6)
    assert actors.recall == pytest.approx(0.8)


def test_places_are_scored_against_locations_and_a_place_named_like_an_actor_is_neutral(scores):
    # Sumy found, Helsinki missed; Kyiv (an alias of Ukraine) and the location "Ukraine" count for neither.
    assert figures(scores["locations"]) == (2, 1, 1, 1, 0)
    assert scores["locations"].misses == ["a.txt: Helsinki"]


def test_quotes_by_text_and_their_speakers(scores):
    assert figures(scores["quotes"]) == (4, 3, 1, 4, 1)
    assert scores["quotes"].misses[0].startswith("a.txt: 'never seen'")
    speakers = scores["speakers: quotes"]
    # Trump right, Putin's quote given to Trump, the Kremlin's by its speaker text.
    assert figures(speakers) == (3, 2, 1, 3, 1)
    assert "gold Vladimir Putin, got Donald Trump (Trump)" in speakers.misses[0]


def test_reported_speech_contains_the_gold_words(scores):
    reported = scores["reported speech"]
    assert figures(reported) == (2, 1, 1, 2, 1)
    assert figures(scores["speakers: reported"]) == (1, 1, 0, 1, 0)  # a gold speaker that is no gold actor
    assert figures(scores["speakers"]) == (4, 3, 1, 4, 1)


def test_statistics_by_value_and_unit_then_with_the_qualifier(scores):
    assert figures(scores["statistics"]) == (3, 2, 1, 4, 1)
    assert scores["statistics"].precision == pytest.approx(0.75)
    assert figures(scores["statistics: +qualifier"]) == (3, 1, 2, 4, 2)
    assert figures(scores["statistics: source"]) == (1, 1, 0, 1, 0)


def test_events_by_accepted_type_and_first_actor_then_agreement(scores):
    assert figures(scores["events"]) == (3, 2, 1, 4, 1)
    assert scores["events"].misses[0].startswith("a.txt: SUPPORT Donald Trump")
    # actor2: Ukraine, predicted as a place that shares its name, counts.
    assert figures(scores["events: actor2"]) == (2, 2, 0, 2, 0)
    # certainty: the ASSAULT has two tellings and one says `alleged`, so it agrees.
    assert figures(scores["events: certainty"]) == (2, 2, 0, 2, 0)
    assert figures(scores["events: mode"]) == (1, 1, 0, 1, 0)


def test_wrong_certainty_on_every_telling_is_a_false_positive():
    gold = GoldDocument("b.txt", "b.json", events=[GoldEvent("ASSAULT", "Russia", certainty="claimed")])
    prediction = Prediction(ACTORS, {"a-rus"}, events=[event("ASSAULT", "a-rus", certainty="reported")])
    certainty = score_document(gold, prediction)["events: certainty"]
    assert figures(certainty) == (1, 0, 1, 1, 1)
    assert certainty.misses == ["b.txt: ASSAULT Russia -> -: '': gold claimed, got reported"]


def test_ratios_and_totals():
    empty = Score()
    assert (empty.precision, empty.recall, empty.f1) == (None, None, None)
    score = Score(gold=4, tp=3, predicted=6, fp=3)
    assert (score.precision, score.recall) == (0.5, 0.75)
    assert score.f1 == pytest.approx(0.6)
    summed = total([{"x": Score(1, 1, 1, 0, ["a"])}, {"x": Score(2, 0, 1, 1, ["b", "c"])}], ["x"])["x"]
    assert (summed.gold, summed.tp, summed.fn, summed.predicted, summed.fp, summed.misses) == (3, 1, 2, 2, 1, ["a", "b", "c"])


# ------------------------------------------------------------------ PolNeAR

TEXT = (
    'Smith said: "We will win this race easily and soon." '  # 0..53
    "Jones argued that the polls were wrong. "
    'Later she added: "Nothing has changed." '
    '"Stray words here," a voice said.'
)


def span(text: str, needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle), needle)


def relation(source: str, cue: str, content: str, kind: str) -> Relation:
    return Relation("E", (span(TEXT, source),), (span(TEXT, cue),), (span(TEXT, content),), kind)


POLNEAR = PolnearDocument(
    "doc-1.txt",
    "ann",
    [
        relation("Smith", "said", '"We will win this race easily and soon."', "direct"),
        relation("Jones", "argued", "that the polls were wrong", "indirect"),
        relation("she", "added", '"Nothing has changed."', "direct"),
    ],
)


def row(needle: str, kind: str, speaker_text: str | None, speaker_id: str | None = None) -> dict:
    start = TEXT.index(needle)
    return {
        "char_start": start,
        "char_end": start + len(needle),
        "kind": kind,
        "speaker_text": speaker_text,
        "speaker_id": speaker_id,
        "cue": None,
    }


def test_polnear_direct_quotes_precision_recall_and_speakers():
    rows = [
        row("We will win this race easily", "direct", "Smith"),  # inside gold; covers 6 of 8 words: not enough
        row("Nothing has changed.", "direct", "Jones", "a-jones"),  # inside gold, wrong speaker
        row("Stray words here,", "direct", "a voice"),  # in no gold content span
        row("the polls were wrong", "indirect", "Jones"),
        row("Jones argued that the polls were wrong", "indirect", "Jones"),  # only 66% inside the gold content
    ]
    mentions = [{"char_start": TEXT.index("she"), "char_end": TEXT.index("she") + 3, "actor_id": "a-she"}]
    scores = score_polnear_document(POLNEAR, TEXT, rows, mentions)
    assert figures(scores["direct quotes"]) == (2, 1, 1, 3, 1)
    assert scores["direct quotes"].misses[0].startswith("doc-1: [Smith / said]")
    assert scores["direct quotes"].false[0].startswith("doc-1: [a voice / None] 'Stray words here,'")
    assert figures(scores["direct: speakers"]) == (2, 1, 1, 2, 1)
    assert figures(scores["indirect quotes"]) == (1, 1, 0, 2, 1)
    assert figures(scores["indirect: speakers"]) == (1, 1, 0, 1, 0)


def test_polnear_speaker_found_through_an_actor_mentioned_in_the_source_span():
    rows = [row("Nothing has changed", "direct", "Ms. Lee", "a-lee")]
    mentions = [{"char_start": TEXT.index("she"), "char_end": TEXT.index("she") + 3, "actor_id": "a-lee"}]
    scores = score_polnear_document(POLNEAR, TEXT, rows, mentions)
    assert figures(scores["direct: speakers"]) == (1, 1, 0, 1, 0)
    assert figures(scores["direct quotes"]) == (2, 1, 1, 1, 0)


def test_non_events_are_not_to_be_produced_and_background_may_be():
    gold = GoldDocument(
        "c.txt",
        "c.json",
        events=[
            GoldEvent("ASSAULT", "Russia", "Ukraine"),
            GoldEvent("MOBILIZE", "Donald Trump", modality="negated"),  # "will not send troops"
            GoldEvent("ASSAULT", "Ukraine", "Russia", historical=True),  # background: neither needed nor wrong
            GoldEvent("AGREE", "Russia", "Ukraine", symmetric=True),
        ],
    )
    rows = [
        event("ASSAULT", "a-rus", "a-ukr"),
        event("MOBILIZE", "a-trump"),  # the negated non-event produced: wrong
        event("ASSAULT", "a-ukr", "a-rus"),  # the background event: allowed
        event("AGREE", "a-ukr", "a-rus"),  # two-sided: either order
    ]
    scores = score_document(gold, Prediction(ACTORS, {"a-rus", "a-ukr", "a-trump"}, events=rows))
    assert figures(scores["events"]) == (2, 2, 0, 4, 1)
    assert scores["events"].false == ["c.txt: MOBILIZE Donald Trump -> - ('t')"]
    assert figures(scores["events: ASSAULT"])[:3] == (1, 1, 0)
    assert figures(scores["events: MOBILIZE"])[:3] == (0, 0, 0)
    assert figures(scores["events: actor2"]) == (2, 2, 0, 2, 0)


def test_type_found_ignores_the_doer():
    gold = GoldDocument("d.txt", "d.json", events=[GoldEvent("PROTEST", "Donald Trump")])
    scores = score_document(gold, Prediction(ACTORS, {"a-putin"}, events=[event("PROTEST", "a-putin")]))
    assert figures(scores["events"])[:3] == (1, 0, 1)
    assert figures(scores["events: type found"])[:3] == (1, 1, 0)


def test_a_generic_group_the_gold_does_not_list_is_not_an_actor_error():
    police = {"actor_id": "a-pol", "name": "Kenyan police", "type": "group", "sector": "police", "aliases": ["police"]}
    gold = GoldDocument("e.txt", "e.json", actors=[GoldActor("Russia", "country", ("Russia",))])
    actors = {**ACTORS, "a-pol": police}
    listed = score_document(gold, Prediction(actors, {"a-rus", "a-pol"}, described_ids={"a-pol"}))
    assert figures(listed["actors"]) == (1, 1, 0, 1, 0)  # the police: outside what the gold lists
    unlisted = score_document(gold, Prediction(actors, {"a-rus", "a-pol"}))
    assert figures(unlisted["actors"]) == (1, 1, 0, 2, 1)  # named in the text: an actor the gold missed or a wrong one


def test_a_states_organ_is_the_state_as_an_event_party():
    ministry = {"actor_id": "a-mod", "name": "Russian Defence Ministry", "type": "organization", "country": "RUS", "aliases": []}
    gold = GoldDocument(
        "f.txt", "f.json", actors=[GoldActor("Russia", "country", ("Moscow",), "RUS")], events=[GoldEvent("ASSAULT", "Russia")]
    )
    actors = {**ACTORS, "a-mod": ministry}
    scores = score_document(gold, Prediction(actors, {"a-mod"}, events=[event("ASSAULT", "a-mod")]))
    assert figures(scores["events"])[:3] == (1, 1, 0)
    scores = score_document(gold, Prediction(actors, {"a-off"}, events=[event("ASSAULT", "a-off")]))  # officials of no country
    assert figures(scores["events"])[:3] == (1, 0, 1)


def test_a_country_the_gold_names_only_as_a_place_is_scored_as_a_place():
    russia = GoldActor("Russia", "country", ("Russia",))
    gold = GoldDocument(document="b.txt", gold_file="b.json", actors=[russia], locations=["Belgium", "Russia"])
    belgium = {"actor_id": "a-bel", "name": "Belgium", "type": "country", "aliases": ["Belgium"]}
    prediction = Prediction(
        actors={"a-rus": RUSSIA, "a-bel": belgium}, doc_actor_ids={"a-rus", "a-bel"}, quotes=[], statistics=[], events=[]
    )
    scored = score_document(gold, prediction)
    assert figures(scored["actors"]) == (1, 1, 0, 1, 0)  # Russia, an actor and a place, is still scored as an actor
    assert figures(scored["locations"]) == (2, 2, 0, 2, 0)  # countries match the gold's places as before
