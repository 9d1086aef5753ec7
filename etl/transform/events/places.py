"""Where an event happened: the places a token names and the one an event is given."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from spacy.tokens import Span, Token

from etl.transform.context import actor_id_of
from etl.transform.events.context import Context
from etl.transform.events.lexicon import PLACE_PREPS, EventType
from etl.transform.events.syntax import MAX_DEPTH
from etl.transform.gazetteer import Gazetteer
from etl.transform.geonames import GeoPlace

MONTHS = frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])


@dataclass(frozen=True)
class Place:
    """Where an event happened: the place's name, its actor (if resolved), its country, how deep below the trigger."""

    name: str
    actor_id: str | None
    country: str | None
    depth: int = 0
    geo: GeoPlace | None = None  # its gazetteer entry, when the document said which place it is


def location(context: Context, trigger: Token, sentence: Span, event_type: EventType, places: list[Place]) -> Place | None:
    """Where it happened: a place under the trigger, else (for material events) the nearest place in the sentence."""
    ranked = sorted(places, key=lambda place: place.depth)
    if event_type.location == "direct":
        return next((place for place in ranked if place.depth <= 2), None)
    if ranked:
        return ranked[0]
    nearest: tuple[int, Place] | None = None
    for token in sentence:
        place = place_of(context, token) or _country_place(context, token)
        if place is not None and _in_place_phrase(token):
            distance = abs(token.i - trigger.i)
            if nearest is None or distance < nearest[0]:
                nearest = (distance, place)
    return nearest[1] if nearest else None


def place_of(context: Context, token: Token, depth: int = 0) -> Place | None:
    """The place a token names: a resolved location, or a known city the model took for a person or missed."""
    actor = context.actor(actor_id_of(token))
    gazetteer = context.gazetteer
    if token.text in MONTHS:
        return None  # "in March 2022": the gazetteer also knows a town called March
    if actor is not None and actor.type == "location":
        return Place(actor.name, actor.actor_id, actor.country, depth, actor.place)
    if actor is not None and actor.type in ("person", "organization") and (iso3 := _city_country(gazetteer, actor.name)):
        return Place(actor.name, actor.actor_id, iso3, depth)  # "Kharkiv" labelled PERSON
    if actor is None and token.pos_ == "PROPN" and token.is_title and (iso3 := _city_country(gazetteer, token.text)):
        return Place(token.text, None, iso3, depth)  # a city no actor was resolved for
    return None


def _country_place(context: Context, token: Token) -> Place | None:
    """A country named where something happened ("protests in Belgium"): the place when no town is named."""
    actor = context.actor(actor_id_of(token))
    if actor is None or actor.type != "country":
        return None
    return Place(actor.name, actor.actor_id, actor.country)


def _city_country(gazetteer: Gazetteer, name: str) -> str | None:
    """The country of a known city or capital."""
    return gazetteer.country_by_city.get(name) or gazetteer.country_by_capital.get(name)


def _in_place_phrase(token: Token) -> bool:
    """A place named after "in", "near", "at" ...: "hospitals in Sumy", "an assault in Belgorod"."""
    node = token
    for _ in range(MAX_DEPTH):
        if node.dep_ == "pobj":
            return node.head.lower_ in PLACE_PREPS or node.head.lower_ == "at"
        if node.dep_ not in ("compound", "nmod", "conj", "appos", "amod") or node.head.i == node.i:
            return False
        node = node.head
    return False
