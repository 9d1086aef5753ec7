"""To whom: the actors and places under a trigger, a light verb's recipient, coordinated recipients."""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from spacy.tokens import Token

from etl.transform.context import actor_id_of
from etl.transform.events.context import Context
from etl.transform.events.lexicon import (
    CIVIL_SECTORS,
    CURRENCY_NOUNS,
    INCLUSION_WORDS,
    LIGHT_VERB_TARGET_PREPS,
    PHRASE_PREPS,
    PLACE_PREPS,
    TARGET_PREPS,
)
from etl.transform.events.phrases import ACTOR_RANK, demonym, phrase_actors
from etl.transform.events.places import Place, place_of
from etl.transform.events.syntax import MAX_DEPTH, infinitive_subject

# Edges an object search follows below the trigger.
OBJECT_DEPS = {
    "dobj",
    "pobj",
    "poss",
    "compound",
    "appos",
    "conj",
    "nmod",
    "xcomp",
    "acl",
    "pcomp",
    "attr",
    "oprd",
    "dative",
    "amod",
    "nsubjpass",
}


def search_below(context: Context, trigger: Token, pos: str) -> tuple[list[str], list[str], list[Place]]:
    """Actors under the trigger: targets (objects), weak targets (countries named as places), places."""
    targets: list[str] = []
    weak: list[str] = []
    places: list[Place] = []
    queue = deque((child, 1, kind) for child, kind in _first_edges(trigger, pos))
    while queue:
        token, depth, kind = queue.popleft()
        if token.head.lemma_.lower() in CURRENCY_NOUNS and token.dep_ in ("compound", "amod", "nmod"):
            continue  # "4 million U.S. dollars": a currency's country is no one the event is done to
        actor = context.actor(actor_id_of(token))
        place = place_of(context, token, depth)
        if place is not None:
            places.append(place)
        elif actor is not None:
            if kind == "place" and actor.type == "country":
                places.append(Place(actor.name, actor.actor_id, actor.country, depth, actor.place))
                weak.append(actor.actor_id)
            elif kind == "target" and actor.type in ACTOR_RANK:
                targets.append(actor.actor_id)
        elif kind == "target" and token.dep_ in ("amod", "compound") and (iso3 := demonym(context, token)):
            targets.append(context.country_actor(iso3))  # "condemned the Iranian attack"
        if depth >= MAX_DEPTH:
            continue
        for child in token.children:
            if child.dep_ == "prep":
                lower = child.lower_
                if lower == "with" and _absolute(child):
                    continue
                if lower in TARGET_PREPS or lower in INCLUSION_WORDS:
                    # "in military aid to Ukraine": a recipient below a place phrase is still a target.
                    queue.append((child, depth + 1, kind if lower in PHRASE_PREPS else "target" if kind == "place" else kind))
                elif lower in PLACE_PREPS:
                    queue.append((child, depth + 1, "place"))
            elif child.dep_ in OBJECT_DEPS:
                queue.append((child, depth + 1, kind))
    return list(dict.fromkeys(targets)), list(dict.fromkeys(weak)), places


def _absolute(preposition: Token) -> bool:
    """ "with sources telling CNN ...": a clause of its own, not a partner or a target."""
    return any(grandchild.dep_ in ("acl", "relcl") for child in preposition.children for grandchild in child.children)


def _first_edges(trigger: Token, pos: str) -> list[tuple[Token, str]]:
    """The trigger's own dependents an object search starts from."""
    edges = []
    for child in trigger.children:
        dep = child.dep_
        if dep == "prep":
            lower = child.lower_
            if lower == "with" and _absolute(child):
                continue
            if lower in TARGET_PREPS:
                edges.append((child, "target"))
            elif lower in PLACE_PREPS:
                edges.append((child, "place"))
            continue
        if pos == "NOUN" and dep in ("poss", "compound", "amod", "nmod"):
            edges.append((child, "name"))  # the doer's side of a noun: only a place counts here
            continue
        if dep in OBJECT_DEPS - {"conj"}:
            edges.append((child, "target"))
        elif pos == "VERB" and (subject := infinitive_subject(child)) is not None:
            edges.append((subject, "target"))  # "wants Japan to lift controls": Japan is asked
    return edges


def add_passive_head(context: Context, verb: Token, targets: list[str], places: list[Place]) -> None:
    """The noun a passive participle or relative clause describes is what was acted on ("Bucha, which was occupied")."""
    relative = verb.dep_ == "relcl" and any(c.dep_ == "nsubjpass" and c.tag_ in ("WDT", "WP") for c in verb.children)
    if not (relative or (verb.dep_ == "acl" and verb.tag_ == "VBN")):
        return
    place = place_of(context, verb.head)
    if place is not None:
        places.insert(0, replace(place, depth=1))
    else:
        targets[:0] = phrase_actors(context, verb.head)


def light_verb_targets(context: Context, governor: Token) -> list[str]:
    """Whom a light verb's event noun is for: "gave Moldova a grant", "imposed sanctions on Russia"."""
    found = []
    for child in governor.children:
        if child.dep_ == "dative" and child.pos_ != "ADP":
            found += phrase_actors(context, child)
        elif child.dep_ in ("dative", "prep") and child.lower_ in LIGHT_VERB_TARGET_PREPS:
            found += [a for pobj in child.children if pobj.dep_ == "pobj" for a in phrase_actors(context, pobj)]
    return found


def coordinated_targets(context: Context, trigger: Token, target: str | None) -> list[str]:
    """The other recipients coordinated with an event's target: Israel in "aid for Ukraine and Israel"."""
    actor = context.actor(target)
    if actor is None:
        return []
    # The recipient under the trigger, else elsewhere in the sentence: "approved $95bn in aid for Ukraine and Israel".
    for token in [*trigger.subtree, *trigger.sent]:
        named = context.token_actor(token)
        if (named is not None and named.actor_id == target) or (actor.type == "country" and demonym(context, token) == actor.country):
            break
    else:
        return []
    head = token
    while head.dep_ in ("compound", "amod", "poss", "nmod", "flat") and head.head.i != head.i:
        head = head.head
    found = []
    for other in head.conjuncts:
        actors = phrase_actors(context, other)
        if not actors:
            nationals = (demonym(context, m) for m in other.children if m.dep_ in ("amod", "compound"))
            country = next((iso3 for iso3 in nationals if iso3), None)
            actors = [context.country_actor(country)] if country is not None else []
        found += [a for a in actors[:1] if a != target]
    return list(dict.fromkeys(found))


def same_country(context: Context, candidate: str, actor1: str) -> bool:
    """A country target that is only the first actor's own country ("Russia's ... in Russia"); not the country a
    civilian group holds to account ("rights groups accused Egypt of torture")."""
    target, first = context.actor(candidate), context.actor(actor1)
    if target is None or first is None or target.type != "country" or first.type == "country" or first.sector in CIVIL_SECTORS:
        return False
    return bool(target.country) and target.country == first.country


def country_of_place(context: Context, place: Place, actor1: str) -> str | None:
    """The country a place lies in, when it is not the first actor's own."""
    first = context.actor(actor1)
    if not place.country or (first is not None and first.country == place.country):
        return None
    return context.country_actor(place.country)
