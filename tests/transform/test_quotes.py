from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.schema import QUOTES, to_table
from etl.transform.quotes import cue_verbs, extract_quotes, quote_segments


@pytest.fixture(scope="module")
def quotes_of(make_document):
    """Rows for a text written for the test, with a check that every span indexes the text."""

    def run(text: str) -> list[dict]:
        document = make_document(text)
        rows = extract_quotes(document)
        for row in rows:
            assert document.text[row["char_start"] : row["char_end"]] == row["text"]
        return rows

    return run


def speaker_name(make_document, text: str, quote: str) -> str | None:
    document = make_document(text)
    row = next(r for r in extract_quotes(document) if r["text"] == quote)
    return document.actors[row["speaker_id"]].name if row["speaker_id"] else None


def only(rows: list[dict], kind: str) -> list[dict]:
    return [row for row in rows if row["kind"] == kind]


# Quote marks -----------------------------------------------------------------------------------


def inner(text: str, may_run_on: bool = False) -> list[str]:
    return [text[seg.start : seg.end] for seg in quote_segments(text, may_run_on)]


@pytest.mark.parametrize(
    "text",
    [
        '"We will win," she said.',
        "“We will win,” she said.",
        "``We will win,'' she said.",
        "''We will win,'' she said.",
        "‘We will win,’ she said.",
        "«We will win,» she said.",
    ],
)
def test_every_quote_mark_style_is_paired(text):
    assert inner(text) == ["We will win,"]


def test_apostrophes_are_not_quote_marks():
    assert inner("Russia's forces and the allies' plan weren't 'settled' in the '90s.") == ["settled"]


def test_nested_quotes_stay_inside_the_outer_one():
    assert inner("“He called it ‘a farce,’ and left,” she said.") == ["He called it ‘a farce,’ and left,"]


def test_an_unclosed_quote_is_dropped_unless_it_runs_on():
    assert inner('He said: "We will never give up.') == []
    assert inner('He said: "We will never give up.', may_run_on=True) == ["We will never give up."]


def test_cue_verbs_are_lemmas_one_a_line():
    verbs = cue_verbs()
    assert {"say", "tell", "insist", "allege", "highlight", "warn"} <= verbs
    assert not {"think", "believe", "hope"} & verbs


# Direct and partial quotes ---------------------------------------------------------------------


def test_speaker_after_the_quote(quotes_of):
    [row] = quotes_of('"We will not give up our land," Zelensky said.')
    assert (row["kind"], row["text"], row["speaker_text"], row["cue"]) == ("direct", "We will not give up our land", "Zelensky", "said")
    assert row["speaker_id"] is not None


def test_speaker_before_the_quote_with_a_colon(quotes_of):
    [row] = quotes_of('Chancellor Olaf Scholz told reporters: "Europe stands with Ukraine."')
    assert (row["kind"], row["text"], row["cue"]) == ("direct", "Europe stands with Ukraine.", "told")
    assert "Scholz" in row["speaker_text"]


def test_speaker_inside_a_split_quote(quotes_of):
    rows = quotes_of('"We are ready to talk," said Emmanuel Macron, "but not at any price."')
    assert [r["text"] for r in rows] == ["We are ready to talk", "but not at any price."]
    assert {r["speaker_text"] for r in rows} == {"Emmanuel Macron"}
    assert {r["kind"] for r in rows} == {"direct"}


def test_a_pronoun_speaker_is_the_person_named_before(make_document):
    text = 'Keir Starmer arrived in Kyiv on Monday. "We will stand by Ukraine," he said.'
    assert speaker_name(make_document, text, "We will stand by Ukraine") == "Keir Starmer"


def test_a_following_quote_keeps_the_speaker(make_document):
    text = '"Talks went well," said Ursula Klein. "We meet again next week."'
    assert speaker_name(make_document, text, "We meet again next week.") == "Ursula Klein"


def test_according_to(quotes_of):
    [row] = quotes_of('"The border is closed until further notice," according to the ministry.')
    assert (row["kind"], row["cue"], row["speaker_text"]) == ("direct", "according to", "the ministry")


def test_partial_quote_in_the_writers_sentence(make_document):
    text = 'Donald Trump described the talks as "very good and productive," despite the lack of a deal.'
    [row] = extract_quotes(make_document(text))
    assert (row["kind"], row["text"], row["cue"], row["speaker_text"]) == (
        "partial",
        "very good and productive",
        "described",
        "Donald Trump",
    )


def test_a_generic_group_speaks_as_its_actor(quotes_of):
    rows = quotes_of('Officials said the ceasefire was "fragile at best."')
    [partial] = only(rows, "partial")
    assert (partial["text"], partial["speaker_text"]) == ("fragile at best", "Officials")
    assert partial["speaker_id"] is not None  # the generic group "Officials" (sector government)
    [reported] = only(rows, "indirect")  # the whole reported clause, its quoted words included
    assert reported["text"] == 'the ceasefire was "fragile at best."'


def test_scare_quotes_and_titles_are_not_quotes(quotes_of):
    assert quotes_of('The so-called "coalition of the willing" met in Paris.') == []
    assert quotes_of('She appeared on "Face the Nation" on Sunday.') == []


def test_headline_with_a_name_and_single_marks(quotes_of):
    [row] = quotes_of("**Zelensky: ‘We will not surrender’**\n\nThe president spoke in Kyiv.")
    assert (row["kind"], row["text"], row["speaker_text"]) == ("direct", "We will not surrender", "Zelensky")


def test_quote_running_over_paragraphs(quotes_of):
    text = (
        '"We will keep fighting," Zelensky said. "We will not give up our land.\n\n'
        '"We will rebuild every city and every village."\n\n'
        "The talks ended without a deal."
    )
    rows = only(quotes_of(text), "direct")
    assert [r["text"] for r in rows] == [
        "We will keep fighting",
        "We will not give up our land.",
        "We will rebuild every city and every village.",
    ]
    assert {r["speaker_text"] for r in rows} == {"Zelensky"}
    assert [r["block_idx"] for r in rows] == [0, 0, 1]


def test_speaker_named_at_the_end_of_a_quote_over_paragraphs(make_document):
    text = 'Ursula Klein spoke in Brussels. "We are not there yet.\n\n"But we will get there," she said.'
    document = make_document(text)
    rows = only(extract_quotes(document), "direct")
    assert [r["text"] for r in rows] == ["We are not there yet.", "But we will get there"]
    assert {document.actors[r["speaker_id"]].name for r in rows} == {"Ursula Klein"}


def test_an_unclosed_quote_never_gives_a_broken_span(quotes_of):
    rows = quotes_of('The minister said: "We will never give up.\n\nThe talks went on for hours.')
    assert all('"' not in row["text"] for row in rows)


# Reported speech ---------------------------------------------------------------------------------


def test_indirect_with_that(make_document):
    text = "Vladimir Putin insisted that any truce must be conditional on an end to arms deliveries."
    [row] = extract_quotes(make_document(text))
    assert (row["kind"], row["cue"], row["speaker_text"]) == ("indirect", "insisted", "Vladimir Putin")
    assert row["text"] == "any truce must be conditional on an end to arms deliveries"


def test_indirect_without_that(quotes_of):
    [row] = quotes_of("Russian officials claimed Ukraine attacked an oil depot in Belgorod.")
    assert (row["kind"], row["cue"], row["speaker_text"]) == ("indirect", "claimed", "Russian officials")
    assert row["text"] == "Ukraine attacked an oil depot in Belgorod"


def test_indirect_with_the_speaker_after_the_clause(quotes_of):
    [row] = quotes_of("Russia kept up its attacks on Kharkiv overnight, the governor said.")
    assert (row["text"], row["speaker_text"]) == ("Russia kept up its attacks on Kharkiv overnight", "the governor")


def test_indirect_with_a_participle(make_document):
    text = "Air strikes went on, with Zelensky alleging that Russia launched over 40 drones into Ukraine."
    [row] = extract_quotes(make_document(text))
    assert (row["cue"], row["speaker_text"], row["text"]) == ("alleging", "Zelensky", "Russia launched over 40 drones into Ukraine")


def test_indirect_according_to(quotes_of):
    [row] = quotes_of("According to Ukrainian officials, Russia launched 40 drones overnight.")
    assert (row["kind"], row["cue"], row["speaker_text"], row["text"]) == (
        "indirect",
        "According to",
        "Ukrainian officials",
        "Russia launched 40 drones overnight",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Putin believes that the West is weak.",  # thinking, not saying
        "The report said that prices rose sharply.",  # a report is not a speaker
        "Macron did not say that talks had failed.",  # negated
        "Everything the minister says is checked twice.",  # nothing reported
    ],
)
def test_no_reported_speech(quotes_of, text):
    assert quotes_of(text) == []


# Rows ---------------------------------------------------------------------------------------------


def test_rows_fit_the_schema_and_ids_are_stable(make_document):
    text = '"We will win," Trump said. Putin insisted that the talks were over.'
    rows = extract_quotes(make_document(text))
    assert to_table("quotes", rows).num_rows == 2
    assert set(rows[0]) == set(QUOTES.names)
    assert [r["quote_id"] for r in rows] == [r["quote_id"] for r in extract_quotes(make_document(text))]
    assert len({r["quote_id"] for r in rows}) == len(rows)


PIECES = list("abc XYZ.,;:!?-—\n'\"“”‘’`«»") + ["He said", " said ", "Trump", "that ", "''", "``", "\n\n"]
QUOTE_TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=QUOTE_TEXT)
def test_any_text_gives_spans_that_index_it(make_document, text):
    document = make_document(text)
    for row in extract_quotes(document):
        assert 0 <= row["char_start"] < row["char_end"] <= len(document.text)
        assert document.text[row["char_start"] : row["char_end"]] == row["text"]
        assert row["kind"] in ("direct", "partial", "indirect")
