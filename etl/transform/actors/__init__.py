"""Actors: find the people, organisations, countries, places and groups a document names.

Mentions come from the model's entities and the gazetteer rules; this module decides what each
refers to (titles give role and country, "the Russian leader" and "he" point back to a person
named earlier), marks every token of a mention with its actor id, and returns mention rows.

The model's labels are a first guess, corrected by how English writes names: capitalised words built
around "Department" or "Senate" are one organisation; a name after "the village of" or "near" is a
place; one that starts with a given name is a person; a capital is its government when it acts
("Moscow said", "sanctions on Moscow") and the city when it is where things happen ("in Kyiv",
"missiles hit Kyiv"); a country is a country wherever it is named ("companies in Belgium" too).

Resolution is the list of passes PASSES, each taking the mentions found so far and returning them
revised; the modules read in layers, each importing only those before it: mentions (the record,
actor ids, helpers every pass shares), places, datelines, organisations, names (the entities, with their
titles), persons (surnames, descriptions), groups, sectors (generic groups), pronouns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from etl.transform.actors.datelines import add_dateline_places
from etl.transform.actors.groups import add_groups
from etl.transform.actors.groups import group_actor as national_group
from etl.transform.actors.locations import locate_places
from etl.transform.actors.mentions import Mention, after_former_prefix, in_document_order, keep_longest, make_actor, spelling_key
from etl.transform.actors.names import add_entity_mentions
from etl.transform.actors.organisations import add_organisation_names, bodies_named_before, short_company_names, with_acronyms
from etl.transform.actors.persons import by_surname, descriptions
from etl.transform.actors.pronouns import add_pronouns
from etl.transform.actors.sectors import FORCES_SECTORS, add_generic_groups, group_actor, sector_named
from etl.transform.context import ACTOR_IDS, Actor, ParsedDocument
from etl.transform.gazetteer import Gazetteer, load_gazetteer

__all__ = [
    "FORCES_SECTORS",
    "PASSES",
    "Mention",
    "Pass",
    "after_former_prefix",
    "group_actor",
    "make_actor",
    "national_group",
    "resolve_actors",
    "sector_named",
    "spelling_key",
]

Pass = Callable[[ParsedDocument, list[Mention], Gazetteer], list[Mention]]

# The stages of resolution, in order.
PASSES: list[Pass] = [
    add_entity_mentions,  # the model's entities and the gazetteer's, titles attached
    add_organisation_names,  # "the U.S. Department of State", however the model cut it
    add_dateline_places,  # "NAIROBI, March 3 (Reuters) -": the town a report was filed from
    keep_longest,
    locate_places,  # which "Kharkiv" on the map: the gazetteer entry the document's context points to
    with_acronyms,  # "(OPCW)" stands for the name before it
    by_surname,  # "Trump", "President Trump" and "Donald Trump" are one person
    short_company_names,  # "Outboard Marine" after "Outboard Marine Corp" is the company
    descriptions,  # "the Russian leader"
    add_groups,  # "Russian officials", "the West", "the 155th brigade"
    add_generic_groups,  # "police", "gunmen", "protesters in Nairobi": a sector and a country
    keep_longest,
    bodies_named_before,  # "the ministry"
    in_document_order,
    add_pronouns,  # "he", "its", "their": the latest fitting mention before
    keep_longest,
    locate_places,  # and the places the passes since found ("the Ukrainian city of Melitopol")
]


def resolve_actors(document: ParsedDocument) -> list[dict]:
    """Resolve every mention in the document, mark tokens with actor ids, return mention rows."""
    gazetteer = load_gazetteer()
    for block in document.blocks:
        block.doc.user_data[ACTOR_IDS] = [None] * len(block.doc)
    mentions: list[Mention] = []
    for resolve in PASSES:
        mentions = resolve(document, mentions, gazetteer)
    document.actors = {}
    rows = []
    for mention in sorted(mentions, key=lambda m: m.position):
        document.actors[mention.actor.actor_id] = _merge_actor(document.actors.get(mention.actor.actor_id), mention.actor)
        mention.block.doc.user_data[ACTOR_IDS][mention.start : mention.end] = [mention.actor.actor_id] * (mention.end - mention.start)
        start, end = mention.block.span_offsets(mention.span)
        rows.append(
            {
                "doc_id": document.doc_id,
                "block_idx": mention.block.block_idx,
                "char_start": start,
                "char_end": end,
                "text": document.text[start:end],
                "actor_id": mention.actor.actor_id,
                "mention_kind": mention.kind,
            }
        )
    return rows


def _merge_actor(known: Actor | None, seen: Actor) -> Actor:
    """Fill an actor's missing role and country from a further mention."""
    if known is None:
        return seen
    return replace(known, role=known.role or seen.role, country=known.country or seen.country, sector=known.sector or seen.sector)
