"""The events of one sentence: each trigger's doers, targets, place, mode and clause state, made into rows."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from etl.transform.context import ParsedBlock, text_of, tokens_of
from etl.transform.events.context import Context
from etl.transform.events.doers import (
    attacking_side,
    noun_actors,
    passive_instrument_actors,
    predicate_head,
    reporting_side,
    speech_verb,
    subject_actors,
    with_partner,
)
from etl.transform.events.lexicon import RECIPROCAL_VERBS
from etl.transform.events.modality import clause_state, negated
from etl.transform.events.modes import mode_of
from etl.transform.events.phrases import phrase_actors
from etl.transform.events.places import location
from etl.transform.events.rows import event_row, without_echoes
from etl.transform.events.targets import (
    add_passive_head,
    coordinated_targets,
    country_of_place,
    light_verb_targets,
    same_country,
    search_below,
)
from etl.transform.events.triggers import Candidate, candidate_of, inside_intent

# Types where two coordinated doers act on each other ("Russia and Ukraine held talks").
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE", "ASSAULT"}
# Shorter quoted text is a name or a scare quote, not speech.
MIN_QUOTE_CHARS = 40
# Modes where coordinated doers act together, not on each other: "a deal brokered by Turkey and the UN".
ONE_SIDED_MODES = {"third-party"}


def sentence_events(context: Context, block: ParsedBlock, sentence: Span) -> list[dict]:
    """Event rows of one sentence: triggers, minus those inside another's wish or refusal."""
    candidates = [c for c in (candidate_of(context, token) for token in tokens_of(block.doc)[sentence.start : sentence.end]) if c]
    by_token = {candidate.token.i: candidate for candidate in candidates}
    events = []
    for candidate in candidates:
        intent = inside_intent(context, candidate.token, by_token)
        events.extend(_events_of(context, block, sentence, candidate, intent))
    quoted = _quoted_spans(text_of(block.doc))
    for event in events:
        # Said inside quotation marks, with no cue of its own: what a speaker reports, not what the writer asserts.
        voiced = event.pop("voiced", False)  # a speaker's own threat or refusal is what they did by saying it
        if event["certainty"] == "asserted" and not voiced and any(start <= event["token"].idx < end for start, end in quoted):
            event["certainty"] = "reported"
    return [event_row(block, sentence, event) for event in without_echoes(events)]


@lru_cache(maxsize=256)
def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of a block inside quotation marks long enough to be speech ("deep" and 'Centrer' are not).

    A quote left open runs to the end of the block ('Quote from X: "Australia is preparing ...'); a block
    whose first mark closes a quote (after a sentence's last mark) continues one opened in an earlier block.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, char in enumerate(text):
        if char not in ('"', "“", "”"):
            continue
        continued = start is None and not spans and char != "“" and i > 0 and text[i - 1] in ".,!?"
        if continued:
            spans.append((0, i))
        elif start is None and char in ('"', "“"):
            start = i
        elif start is not None and char in ('"', "”"):
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return tuple((a, b) for a, b in spans if b - a >= MIN_QUOTE_CHARS)


def _events_of(context: Context, block: ParsedBlock, sentence: Span, candidate: Candidate, intent: bool) -> list[dict]:
    """One event per first actor of the trigger, with target, place, mode, certainty and negation.

    A trigger inside what another one wants, promises or refuses is no event ("agreed to halt
    attacks"), unless it is a noun that names its own doer ("rebuffed Ukraine's counteroffensive").
    """
    token, trigger = candidate.token, candidate.trigger
    event_type = context.lexicon.types[trigger.event_type]
    if trigger.doer == "speaker":
        return _speaker_events(context, sentence, candidate)
    governor, own = None, False
    if trigger.pos == "NOUN":
        actors1, paired, governor, own = noun_actors(context, token, trigger.event_type)
    else:
        actors1, paired = subject_actors(context, token), None
        if not actors1 and trigger.pos == "VERB":
            actors1 = passive_instrument_actors(context, token, trigger)
    actors1 = [actor for actor in dict.fromkeys(actors1) if actor]
    if intent and not own:
        return []
    state = clause_state(context, token, governor)
    if state["hypothetical"]:
        return []
    targets, weak_targets, places = search_below(context, token, trigger.pos)
    add_passive_head(context, token, targets, places)
    if governor is not None:
        targets += light_verb_targets(context, governor)
    place = location(context, token, sentence, event_type, places)
    if not actors1 and event_type.name == "ASSAULT":
        actors1 = reporting_side(context, token, state["reporter"], targets + weak_targets, place) or attacking_side(context, token, places)
    if not actors1:
        return []
    mode = trigger.mode or mode_of(context, token, event_type)
    reciprocal = governor is not None and governor.lemma_.lower() in RECIPROCAL_VERBS  # "traded accusations"
    symmetric = (event_type.name in SYMMETRIC_TYPES or reciprocal) and mode not in ONE_SIDED_MODES
    events = []
    for actor1 in actors1:
        exclude = {actor1}
        actor2 = paired if paired and paired != actor1 else None
        if actor2 is None:
            actor2 = next((a for a in targets + weak_targets if a not in exclude and not same_country(context, a, actor1)), None)
        if actor2 is None and symmetric:
            actor2 = next((other for other in actors1 if other != actor1), None)
        if actor2 is None and place is not None:
            actor2 = country_of_place(context, place, actor1)
        # "aid for Ukraine and Israel", "sanctions on Russia and Belarus": one event per recipient.
        others = coordinated_targets(context, token, actor2) if actor2 in targets else []
        for target in [actor2, *(a for a in others if a != actor1 and not same_country(context, a, actor1))]:
            events.append(
                {
                    "token": token,
                    "event_type": event_type.name,
                    "event_mode": mode,
                    "actor1_id": actor1,
                    "actor2_id": target,
                    "place": place,
                    "negated": state["negated"] or negated(token, governor),
                    "certainty": state["certainty"],
                    "reported_by_id": state["reporter"],
                }
            )
    return events


def _speaker_events(context: Context, sentence: Span, candidate: Candidate) -> list[dict]:
    """A trigger whose doer is who said it: "They will face consequences, Yellen warned" (Yellen threatens them),
    "Zelensky said talks with Moscow were impossible" (Zelensky rejects talks with Russia)."""
    token, trigger = candidate.token, candidate.trigger
    event_type = context.lexicon.types[trigger.event_type]
    speech = speech_verb(context, token)
    if speech is None:
        return []
    actors1 = [actor for actor in dict.fromkeys(subject_actors(context, speech)) if actor]
    if not actors1:
        return []
    state = clause_state(context, speech, None)
    if state["hypothetical"]:
        return []
    subject = next((child for child in predicate_head(token).children if child.dep_ in ("nsubj", "nsubjpass")), None)
    others = phrase_actors(context, subject) if subject is not None else []
    if subject is not None and not others and (partner := with_partner(context, subject)):
        others = [partner]  # "talks with Moscow were impossible"
    targets, weak_targets, places = search_below(context, token, trigger.pos)
    place = location(context, token, sentence, event_type, places)
    events = []
    for actor1 in actors1:
        actor2 = next((a for a in others + targets + weak_targets if a != actor1 and not same_country(context, a, actor1)), None)
        events.append(
            {
                "token": token,
                "event_type": event_type.name,
                "event_mode": trigger.mode or mode_of(context, token, event_type),
                "actor1_id": actor1,
                "actor2_id": actor2,
                "place": place,
                "negated": state["negated"] or negated(token, None),
                "certainty": state["certainty"],
                "reported_by_id": state["reporter"],
                "voiced": True,
            }
        )
    return events
