"""The events of one sentence: each trigger's doers, targets, place, mode and clause state, made into rows."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span, Token

from etl.transform.actors import FORCES_SECTORS
from etl.transform.context import ParsedBlock, actor_id_of, text_of, tokens_of
from etl.transform.events.context import Context
from etl.transform.events.doers import noun_actors, predicate_head, speech_verb, subject_actors, with_partner
from etl.transform.events.lexicon import ARMED_SECTORS, JOINT_ADVERBS, PLANTED_WEAPONS, RECIPROCAL_VERBS, VOW_VERBS, EventType
from etl.transform.events.modality import clause_state, modality_of, negated
from etl.transform.events.modes import mode_of
from etl.transform.events.phrases import phrase_actors
from etl.transform.events.places import location
from etl.transform.events.readings import THREAT_MODES, demands, obligations, readings, riot, threat_condition, verbal_attack
from etl.transform.events.rows import event_row, without_echoes
from etl.transform.events.standins import (
    attacking_side,
    pair_named_before,
    passive_instrument_actors,
    passive_sender,
    reporting_side,
    unnamed_doer,
)
from etl.transform.events.syntax import NOUN_POS, governor_of, infinitive, subject_of
from etl.transform.events.targets import (
    add_passive_head,
    coordinated_targets,
    country_of_place,
    light_verb_targets,
    same_country,
    search_below,
)
from etl.transform.events.triggers import Candidate, candidate_of, intent_holder

# Types where two coordinated doers act on each other ("Russia and Ukraine held talks").
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE", "ASSAULT"}
# Shorter quoted text is a name or a scare quote, not speech.
MIN_QUOTE_CHARS = 40
# Modes where coordinated doers act together, not on each other: "a deal brokered by Turkey and the UN".
ONE_SIDED_MODES = {"third-party"}
# Types whose verb, hung as a participle on a sentence's only noun, is that noun's deed: one protests, talks, agrees
# or accuses, but is attacked, arrested, released, deployed or expelled (there the noun is the patient).
DOERS_BEFORE_PARTICIPLES = frozenset({"PROTEST", "CONSULT", "AGREE", "REJECT", "ACCUSE", "REQUEST", "THREATEN", "SUPPORT", "COOPERATE"})
# Modes of an attack whose very word says someone did it with a weapon ("was shot dead", "was kidnapped"), unlike
# "killed", which may be an accident.
ARMED_MODES = frozenset({"firearms", "explosives", "suicide-attack", "abduct", "assassinate"})

# Words that say an act was done by two sides together: "a joint operation", "a combined raid", "coordinated raids".
JOINT_WORDS = {"joint", "combined", "coordinated"}
# Measures one country imposes on another: lifted by no one named, they are no local authority's concession.
FOREIGN_MEASURES = frozenset({"sanction", "embargo"})
# Coercion of a whole place, which only an authority imposes, whoever it falls on: a curfew, martial law, a blackout.
RULED_PLACE_MODES = {"curfew", "martial-law", "censor"}
# Words that make a weapon a state's forces': "military aircraft", "army helicopters", "government warplanes".
MILITARY_WORDS = {"military", "army", "government", "air", "naval", "navy"}
# Nouns of what two sides named as its doers did together by nature: their exercises, drills and manoeuvres.
SHARED_NOUNS = {"exercise", "drill", "manoeuvre", "maneuver", "wargame", "game"}
# Whose content, named by a noun with its own doer, has already happened: a refusal or a yielding ("rebuffed Ukraine's
# counteroffensive", "gave in to the teachers' strike"); not a request, promise or threat of it.
DONE_BEFORE_TYPES = frozenset({"REJECT", "CONCEDE"})
# Vows of force or protest are threats ("vowed to burn the houses of informers"); a pledge to stop buying coal is
# a commitment.
VOWED_THREATS = {"ASSAULT", "COERCE", "PROTEST"}


def sentence_events(context: Context, block: ParsedBlock, sentence: Span) -> list[dict]:
    """Event rows of one sentence: triggers, minus those inside another's wish or refusal."""
    candidates = [c for c in (candidate_of(context, token) for token in tokens_of(block.doc)[sentence.start : sentence.end]) if c]
    by_token = {candidate.token.i: candidate for candidate in candidates}
    holders = {candidate.token.i: intent_holder(context, candidate.token, by_token) for candidate in candidates}
    threats = _vows_of_force(candidates, holders)
    events: list[dict] = []
    for candidate in candidates:
        if _told_by_its_subject(candidate, by_token) or _aim_of_a_protest(candidate, by_token):
            continue
        holder = holders[candidate.token.i]
        intent = holder.trigger.event_type if holder is not None else None
        candidate = threats.get(candidate.token.i, candidate)
        events.extend(verbal_attack(context, event) for event in _events_of(context, block, sentence, candidate, intent))
    quoted = _quoted_spans(text_of(block.doc))
    for event in events:
        # Said inside quotation marks, with no cue of its own: what a speaker reports, not what the writer asserts.
        voiced = event.pop("voiced", False)  # a speaker's own threat or refusal is what they did by saying it
        if event["modality"] == "asserted" and not voiced and any(start <= event["token"].idx < end for start, end in quoted):
            event["modality"] = "reported"
    kept = without_echoes(events) + obligations(context, sentence, set(by_token))
    kept += [reading for event in list(kept) for reading in readings(context, event) + demands(event) + riot(context, event)]
    return [event_row(block, sentence, event, context.published) for event in kept]


def _vows_of_force(candidates: list[Candidate], holders: dict[int, Candidate | None]) -> dict[int, Candidate]:
    """Vows of force, coercion or protest are threats ("vowed to burn the houses of informers", "pledged to boycott the
    sessions"), and so is anything promised on an "unless" ("ready to pull out of the vote unless the register is
    cleaned up"): each read as THREATEN, by its token."""
    threats = {}
    for candidate in candidates:
        holder = holders[candidate.token.i]
        if holder is not None and holder.trigger.event_type == "AGREE":
            vow = holder.token.lemma_.lower() in VOW_VERBS
            if vow and candidate.trigger.event_type in VOWED_THREATS and _vowed_act(candidate, holder):
                threats[holder.token.i] = _as_threat(holder, THREAT_MODES[candidate.trigger.event_type])
            elif threat_condition(candidate.token) is not None:
                threats.setdefault(holder.token.i, _as_threat(holder, None))  # "ready to pull out unless ..."
        elif candidate.trigger.event_type == "AGREE" and threat_condition(candidate.token) is not None:
            threats.setdefault(candidate.token.i, _as_threat(candidate, None))
    return threats


def _vowed_act(candidate: Candidate, vow: Candidate) -> bool:
    """Whether a trigger is what a vow promises to do ("vowed to burn", "pledged to stage protests"), not a word
    deeper in it ("pledged to cooperate with an inquiry into the clashes")."""
    token = candidate.token
    if token.dep_ in ("dobj", "nsubjpass"):
        token = token.head  # "pledged to stage protests"
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "vowed to block roads and burn tyres"
    return token.dep_ == "xcomp" and token.head.i == vow.token.i


def _as_threat(vow: Candidate, mode: str | None) -> Candidate:
    return Candidate(vow.token, replace(vow.trigger, event_type="THREATEN", mode=mode))


def _told_by_its_subject(candidate: Candidate, by_token: dict[int, Candidate]) -> bool:
    """A verb whose subject is itself an event noun tells that event's outcome: "a drone attack set fire to a
    depot", "Russian shelling hit Kharkiv" are the attack and the shelling, once."""
    token = candidate.token
    return token.pos_ == "VERB" and any(
        child.dep_ == "nsubj" and child.i in by_token and by_token[child.i].trigger.pos == "NOUN" for child in token.children
    )


def _aim_of_a_protest(candidate: Candidate, by_token: dict[int, Candidate]) -> bool:
    """A demand that is what a protest is for ("went on strike to demand unpaid wages", "a march to press for
    reform") is the protest's aim, told by the protest: no demand of its own."""
    token = candidate.token
    if candidate.trigger.event_type != "REQUEST" or not infinitive(token):
        return False
    protests = [c.token for c in by_token.values() if c.trigger.event_type == "PROTEST"]
    # the protest is the verb the demand hangs on, or what that verb holds ("went on strike to demand")
    return any(protest.i == token.head.i or governor_of(protest) == token.head for protest in protests)


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


def _events_of(context: Context, block: ParsedBlock, sentence: Span, candidate: Candidate, intent: str | None) -> list[dict]:
    """One event per first actor of the trigger, with target, place, mode, certainty and negation.

    A trigger inside what another one (of type `intent`) wants, promises or refuses is no event ("agreed to halt
    attacks"), unless it is a noun that names its own doer in what was refused or yielded to ("rebuffed Ukraine's
    counteroffensive"): what is asked, promised or threatened has not happened ("demanded the withdrawal of Russian
    troops").
    """
    token, trigger = candidate.token, candidate.trigger
    event_type = context.lexicon.types[trigger.event_type]
    if trigger.doer == "speaker":
        return _speaker_events(context, sentence, candidate)
    governor, own = None, False
    if trigger.pos == "NOUN":
        actors1, paired, governor, own = noun_actors(context, token, trigger.event_type, trigger.mode)
    elif trigger.doer == "giver":
        actors1, paired = _givers(context, token), None  # "families received food from the WFP": the WFP gave it
    else:
        actors1, paired = subject_actors(context, token), None
        if not actors1 and token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            actors1, paired, _, _ = noun_actors(context, token, trigger.event_type)  # "Fighting between rival militias"
        if not actors1 and trigger.pos == "VERB":
            actors1 = passive_instrument_actors(context, token, trigger) or passive_sender(context, token, trigger.event_type)
    actors1 = [actor for actor in dict.fromkeys(actors1) if actor and not _mere_place(context, actor)]
    if intent and not (own and intent in DONE_BEFORE_TYPES):
        return []
    state = clause_state(context, token, governor)
    targets, weak_targets, places = search_below(context, token, trigger.pos)
    add_passive_head(context, token, targets, places)
    if trigger.doer == "giver":
        targets = [*subject_actors(context, token), *targets]  # ... and the families were given it
    if governor is not None:
        targets += light_verb_targets(context, governor)
    place = location(context, token, sentence, event_type, places)
    if not actors1 and event_type.name == "ASSAULT":
        actors1 = reporting_side(context, token, state["reporter"], targets + weak_targets, place) or attacking_side(context, token, places)
    if not actors1 and (trigger.pos != "NOUN" or governor is not None):
        # "both sides agreed", "the two countries opened a joint border post" (the light verb's subject)
        actors1 = pair_named_before(context, subject_of(predicate_head(token if governor is None else governor)))
    if not actors1 and event_type.name in DOERS_BEFORE_PARTICIPLES and _sentence_noun_acts(token):
        actors1 = phrase_actors(context, token.head)  # "About 200 nurses protested outside the hospital."
    if not actors1 and (event_type.name == "MOBILIZE" or (event_type.name == "RETREAT" and trigger.mode == "withdraw")):
        # "troops were deployed to the area", "the army was placed on alert", "units were pulled out": the forces' own side
        actors1 = _moved_forces(context, governor if governor is not None else token, armed=event_type.name == "RETREAT")
    if not actors1 and event_type.unnamed_doer and _unnamed_doer_fits(context, token, governor, event_type, trigger.mode):
        clause = token if trigger.pos == "VERB" else governor
        subject = subject_of(_purpose_of(clause) or clause) if clause is not None else None
        country = place.country if place is not None else _patients_country(context, targets, event_type)
        actors1 = [doer for doer in [unnamed_doer(context, event_type.unnamed_doer, country, subject, sentence)] if doer]
    if not actors1 and event_type.unnamed_doer and trigger.pos == "VERB" and _weapon_subject(context, token):
        actors1 = _weapons_side(context, event_type.unnamed_doer, place, sentence, state["reporter"])
    if not actors1 and event_type.unnamed_doer and trigger.pos == "VERB" and _weapon_subject(context, token, military=True):
        actors1 = _weapons_side(context, "military", place, sentence, None)
    if not actors1:
        return []
    mode = trigger.mode or mode_of(context, token, event_type)
    reciprocal = governor is not None and governor.lemma_.lower() in RECIPROCAL_VERBS  # "traded accusations"
    symmetric = (event_type.name in SYMMETRIC_TYPES or reciprocal) and mode not in ONE_SIDED_MODES
    modality = modality_of(state, event_type, negated(token, governor))
    two_sided = (symmetric or event_type.two_sided) and mode not in ONE_SIDED_MODES
    if len(actors1) == 2 and two_sided and not (targets or weak_targets or paired):
        # "Kenya and Tanzania agreed", "Russia and Ukraine held talks": one event between the two.
        return [_event(token, event_type, mode, actors1[0], actors1[1], place, modality, state)]
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
            events.append(_event(token, event_type, mode, actor1, target, place, modality, state))
    if len(actors1) == 2 and event_type.name != "COOPERATE" and not same_country(context, *actors1) and _done_together_by(governor, token):
        # "Colombian and Ecuadorean police arrested 14 in a joint operation": the arrest, and the two sides' cooperation
        events.append(_event(token, context.lexicon.types["COOPERATE"], None, actors1[0], actors1[1], place, modality, state))
    return events


def _done_together_by(governor: Token | None, token: Token) -> bool:
    """Whether a trigger, or the verb that carries it, says it was done jointly ("held joint drills")."""
    return any(_done_together(word) for word in (governor, token) if word is not None)


def _done_together(verb: Token) -> bool:
    """Whether a verb's clause says it was done jointly: "jointly", "together", "in a joint operation", "in a combined raid"."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in JOINT_ADVERBS | {"together"}:
            return True
        if child.dep_ == "prep" and any(
            grandchild.dep_ == "pobj" and any(word.lower_ in JOINT_WORDS for word in grandchild.children) for grandchild in child.children
        ):
            return True
    if verb.pos_ in NOUN_POS and verb.lemma_.lower() in SHARED_NOUNS:
        return True  # "Philippine and US forces began their annual exercises": two sides' exercise is a joint one
    return any(word.lower_ in JOINT_WORDS for word in verb.children) and verb.pos_ in NOUN_POS  # "a joint raid"


def _event(token, event_type: EventType, mode, actor1: str, actor2: str | None, place, modality: str, state: dict) -> dict:
    """One event as the sentence's reading gives it (made a row by rows.event_row)."""
    return {
        "token": token,
        "event_type": event_type.name,
        "event_mode": mode,
        "actor1_id": actor1,
        "actor2_id": actor2,
        "place": place,
        "modality": modality,
        "reported_by_id": state["reporter"],
    }


def _unnamed_doer_fits(context: Context, token, governor, event_type: EventType, mode: str | None) -> bool:
    """Whether an event with no doer named still has one to stand in: a finite verb ("Thousands marched", "14
    riders were arrested") or a noun such a verb makes happen ("staged a sit-in"); whoever was coerced is a
    person or group; an attack has a weapon or blast in its clause ("killed in a car bomb explosion"), since
    "two people were killed" alone may be an accident; and no subject or agent speaks for a side."""
    clause = token if token.pos_ == "VERB" else governor
    a_subject = clause is None and token.dep_ == "nsubj"  # a trigger noun that is its clause's subject
    if a_subject and token.head.pos_ in ("VERB", "AUX") and event_type.name == "PROTEST":
        # "A general strike paralysed the port", "protests rocked the capital", "Sunday's rally was peaceful": its own clause
        clause = token.head
    if a_subject and token.head.pos_ == "VERB" and event_type.name == "ASSAULT" and _armed_noun(context, token):
        # "A drone attack on the refinery set off fires.": someone flew the drone; but a headline's doer is often
        # misparsed into the noun ("Junta air strike kills 11")
        return _ends_with_full_stop(token.sent)
    if clause is None and event_type.name == "COERCE":
        return any(_people(context, patient) for patient in _patients_of(token))  # "denounced the jailing of three journalists"
    if clause is not None and event_type.name == "PROTEST" and (gathering := _purpose_of(clause)) is not None:
        # "Thousands of people gathered in the square to protest the tax": those who came did it.
        subject = subject_of(gathering)
        return subject is not None and _people(context, subject) and not _speaks_for_a_side(context, subject)
    if clause is None or clause.tag_ == "VBG" or infinitive(clause):
        return False
    if event_type.name == "CONCEDE":
        # "the curfew was lifted", "restrictions were eased": only an authority lifts its own measure
        # (not "a deal agreed last month lifted a blockade": the deal's parties did)
        eased = [child for child in clause.children if child.dep_ == "nsubjpass"]  # a passive's, not a misparse's object
        lifted_by_no_one = not any(child.dep_ in ("nsubj", "agent") for child in clause.children)
        own_measures = context.lexicon.restrictions - FOREIGN_MEASURES
        return lifted_by_no_one and any(word.lemma_.lower() in own_measures for word in eased)
    # who acted, or a weapon that was acted on ("drones were shot down"); not the people harmed ("soldiers were killed")
    parties = [
        child
        for child in clause.children
        if child != token and (child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and not _names_an_actor(context, child)))
    ]
    parties += [pobj for child in clause.children if child.dep_ == "agent" for pobj in child.children if pobj.dep_ == "pobj"]
    if any(_speaks_for_a_side(context, party) for party in parties):
        return False
    if event_type.name == "COERCE" and mode in RULED_PLACE_MODES:
        return True  # "a curfew was imposed on Freetown", "internet access was cut": only an authority does that
    if event_type.name == "COERCE":
        coerced = [child for child in clause.children if child.dep_ in ("nsubjpass", "dobj")]
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            coerced.append(clause.head)  # "opposition activists jailed after the election"
        return any(_people(context, party) for party in coerced)
    if event_type.name != "ASSAULT" or mode in ARMED_MODES:
        return True  # "an opposition politician was shot dead": a shooting has a shooter
    return any(t.lemma_.lower() in context.lexicon.means for t in _own_clause(context, clause))


def _givers(context: Context, verb: Token) -> list[str]:
    """Who something was received from: the "from" phrase of the verb or of what was received."""
    holders = [verb, *(child for child in verb.children if child.dep_ == "dobj")]
    froms = [prep for holder in holders for prep in holder.children if prep.dep_ == "prep" and prep.lower_ == "from"]
    return [actor for prep in froms for pobj in prep.children if pobj.dep_ == "pobj" for actor in phrase_actors(context, pobj)]


def _sentence_noun_acts(verb) -> bool:
    """A verb the parser hung as a participle on the noun it read as the whole of a sentence that ends with a full
    stop ("200 nurses protested outside the hospital.", "A Swedish envoy negotiated with ..."): with no agent, the
    noun did it. Headlines, which have no full stop, keep the passive reading ("Two soldiers killed in shelling")."""
    return (
        verb.pos_ == "VERB"
        and verb.dep_ == "acl"
        and verb.head.dep_ == "ROOT"
        and verb.head.pos_ in NOUN_POS
        and _ends_with_full_stop(verb.sent)
        and not any(child.dep_ in ("agent", "dobj") for child in verb.children)
    )


def _ends_with_full_stop(sentence: Span) -> bool:
    """A sentence of running text, not a headline (which has no full stop)."""
    return sentence[-1].text == "."


def _armed_noun(context: Context, noun) -> bool:
    """An attack noun its own words arm ("a drone attack", "a bomb blast", "a rocket strike") and no "between" gives
    sides to ("air strikes erupted between both nations": the two it names, not a stranger)."""
    if any(child.lower_ == "between" for child in (*noun.children, *noun.head.children)):
        return False
    return any(child.dep_ in ("compound", "amod") and child.lemma_.lower() in context.lexicon.weapons for child in noun.children)


def _weapon_subject(context: Context, verb, military: bool = False) -> bool:
    """Whether a verb's subject is a weapon no one is named to have fired: "two rockets slammed into fields", "a
    shell hit the market, killing five" (a participle's subject is its head verb's); or, `military`, one only a
    state's forces use, by its words: "military aircraft bombed a village", "army helicopters fired on"."""
    if infinitive(verb):
        return False
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and not any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children):
        verb = verb.head
    return any(
        child.dep_ == "nsubj"
        and child.lemma_.lower() in context.lexicon.instruments
        and not _names_an_actor(context, child)
        and _military_words(child) == military
        and (military or not _modified(child))  # "its ships", "Russian fighter jets"
        for child in verb.children
    )


def _modified(weapon) -> bool:
    """Whether a possessor or an adjective says whose a weapon is, before it or a word compounded with it."""
    return any(modifier.dep_ in ("poss", "amod") or (modifier.dep_ == "compound" and _modified(modifier)) for modifier in weapon.children)


def _military_words(weapon) -> bool:
    """Whether a weapon's modifiers say a state's forces use it: "military aircraft", "army helicopters"."""
    return any(modifier.dep_ in ("amod", "compound") and modifier.lower_ in MILITARY_WORDS for modifier in weapon.children)


def _weapons_side(context: Context, stand_in: str, place, sentence: Span, reporter: str | None) -> list[str]:
    """Who fired weapons the text gives no owner, in the country of the event's place (or the document's one
    country): the one side the document reports attacking that country, else the group `stand_in` names there (an
    unidentified armed group, as event data codes an unclaimed attack; for military aircraft, that country's forces);
    no one where no country is known ("drones attacked the city"), nor where that country's own side (the
    `reporter`) reports the strike (it reports an enemy it does not name)."""
    country = place.country if place is not None else context.only_country()
    reporting = context.actor(reporter)
    if country is None or (reporting is not None and reporting.country == country):
        return []
    side = (context.attackers or {}).get(country)
    if side:
        return [context.country_actor(side)]
    doer = unnamed_doer(context, stand_in, country, None, sentence)
    return [doer] if doer else []


def _own_clause(context: Context, verb) -> list:
    """A verb's clause without the clauses coordinated with it whose subject names another doer ("occupied a
    ranch, and police fired rubber bullets": the bullets are not the occupiers'; but "two were killed and two
    wounded by bomb attacks" is one clause)."""
    tokens, stack = [], [verb]
    while stack:
        token = stack.pop()
        tokens.append(token)
        for child in token.children:
            if child.dep_ not in ("conj", "advcl", "ccomp") or not _names_a_doer(context, child):
                stack.append(child)
    return tokens


def _names_an_actor(context: Context, phrase) -> bool:
    """Whether any word of a phrase refers to one of the document's actors."""
    return any(context.actor(actor_id_of(t)) for t in phrase.subtree)


def _names_a_doer(context: Context, clause) -> bool:
    """Whether a clause's subject names an actor ("and police fired ...")."""
    return any(child.dep_ == "nsubj" and _names_an_actor(context, child) for child in clause.children)


def _purpose_of(clause):
    """The verb a "to" infinitive is the purpose of: "gathered" in "gathered in the square to protest"."""
    return clause.head if infinitive(clause) and clause.dep_ in ("xcomp", "advcl") and clause.head.pos_ == "VERB" else None


def _patients_country(context: Context, targets: list[str], event_type: EventType) -> str | None:
    """Whose authorities coerced people no place or word names a jailer for: those of the people's country
    ("the jailing of three Azerbaijani journalists"), else of the one country the document is in."""
    patient = context.actor(targets[0]) if targets and event_type.name == "COERCE" else None
    return patient.country if patient is not None and patient.country else context.only_country()


def _patients_of(noun) -> list:
    """Whom a coercion noun was done to: "journalists" in "the jailing of three journalists"."""
    return [
        pobj for child in noun.children if child.dep_ == "prep" and child.lower_ == "of" for pobj in child.children if pobj.dep_ == "pobj"
    ]


def _mere_place(context: Context, actor_id: str) -> bool:
    """A place is where things happen, not who does them ("the Antarctic naval patrol")."""
    actor = context.actor(actor_id)
    return actor is not None and actor.type == "location"


def _moved_forces(context: Context, verb, armed: bool = False) -> list[str]:
    """The group a passive of moving names: "troops were deployed", "reinforcements were sent"; only an armed one
    when `armed` ("police units were pulled out", not "prisoners were moved")."""
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            actors = phrase_actors(context, child)
            if actors and all(_moves(context.actor(actor_id), armed) for actor_id in actors):
                return actors
    return []


def _moves(actor, armed: bool) -> bool:
    """Whether an actor is a body that moves as forces do: any group, or police or military (only an armed sector
    when `armed`)."""
    if actor is None:
        return False
    return actor.sector in ARMED_SECTORS if armed else actor.type == "group" or actor.sector in FORCES_SECTORS


def _people(context: Context, noun) -> bool:
    """A phrase naming people: a person or group actor, or a counted noun ("12 activists", "nine people",
    "thousands of people")."""
    if noun.like_num or noun.lemma_.lower() in context.lexicon.quantities:
        return True
    if any((actor := context.actor(actor_id_of(t))) and actor.type in ("person", "group") for t in noun.subtree):
        return True
    return any(child.like_num or child.dep_ == "nummod" for child in noun.children) or _counted(context, noun)


def _counted(context: Context, noun) -> bool:
    """A noun a quantity counts: "men" in "dozens of young men"."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "of" and (prep.head.like_num or prep.head.lemma_.lower() in context.lexicon.quantities)


def _speaks_for_a_side(context: Context, subject) -> bool:
    """A subject that is itself an event ("the shelling of Sumy killed two": the shelling's doer did it) or a
    weapon of some side ("drones attacked the city": whose is the attacking side's question, not a stranger's)."""
    lemma = subject.lemma_.lower()
    return (lemma, "NOUN") in context.lexicon.triggers or (lemma in context.lexicon.instruments and lemma not in PLANTED_WEAPONS)


def _speaker_events(context: Context, sentence: Span, candidate: Candidate) -> list[dict]:
    """A trigger whose doer is who said it: "They will face consequences, Yellen warned" (Yellen threatens them),
    "Zelensky said talks with Moscow were impossible" (Zelensky rejects talks with Russia)."""
    token, trigger = candidate.token, candidate.trigger
    event_type = context.lexicon.types[trigger.event_type]
    speech = speech_verb(context, token)
    if speech is None:
        return []
    own = set(subject_actors(context, token))  # "Putin is continuing to destabilize": no one speaks of his own deed
    actors1 = [actor for actor in dict.fromkeys(subject_actors(context, speech)) if actor and actor not in own]
    if not actors1:
        return []
    state = clause_state(context, speech, None)
    modality = modality_of(state, event_type, negated(token, None))
    subject = next((child for child in predicate_head(token).children if child.dep_ in ("nsubj", "nsubjpass")), None)
    others = phrase_actors(context, subject) if subject is not None else []
    if subject is not None and not others and (partner := with_partner(context, subject)):
        others = [partner]  # "talks with Moscow were impossible"
    targets, weak_targets, places = search_below(context, token, trigger.pos)
    place = location(context, token, sentence, event_type, places)
    events = []
    for actor1 in actors1:
        actor2 = next((a for a in others + targets + weak_targets if a != actor1 and not same_country(context, a, actor1)), None)
        mode = trigger.mode or mode_of(context, token, event_type)
        events.append(_event(token, event_type, mode, actor1, actor2, place, modality, state) | {"voiced": True})
    return events
