"""Who stands for a doer the text does not name: an unnamed group of the place's country ("14 riders were arrested":
the authorities), the one side a document reports attacking a country, the two sides last named ("both sides
agreed"), the owner a weapon's adjective names, who sent someone off ("were extradited from Tanzania")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from etl.transform.actors import group_actor, sector_named
from etl.transform.context import ACTOR_IDS, actor_id_of
from etl.transform.events.context import Context
from etl.transform.events.lexicon import CONDITION_WORDS, PAIR_NOUNS, PAIR_PERSON_NOUNS, Trigger
from etl.transform.events.phrases import demonym, phrase_actors, quantity_head
from etl.transform.events.places import Place
from etl.transform.events.syntax import MODIFIER_DEPS, NOUN_POS, definite, passive, subject_of

# Types where a passive's "from X" with no "by" names who sent someone or something off: "were extradited from
# Tanzania", "was expelled from Russia", "were deported from Kenya"; not "were evacuated from Ukraine".
SENDER_TYPES = {"SANCTION", "COOPERATE", "COERCE"}
# Groups that may be the unnamed doer a generic one stands for, by the generic one's sector: the authorities
# who arrest may be the police the sentence names.
UNNAMED_KIN = {
    "government": frozenset({"government", "police", "military", "judiciary"}),
    "military": frozenset({"military", "police"}),
}


def passive_instrument_actors(context: Context, verb: Token, trigger: Trigger) -> list[str]:
    """ "Russian missiles were fired at Kyiv": a weapon the trigger needs, used by the side its national adjective names."""
    if any(child.dep_ == "agent" for child in verb.children):
        return []
    for child in verb.children:
        if child.dep_ != "nsubjpass":
            continue
        weapon = quantity_head(context, child)
        lemma = weapon.lemma_.lower()
        if context.actor(actor_id_of(weapon)) is not None:
            continue  # "the force from Fort Bragg is trained": a group of people, what was done to them
        if lemma in trigger.requires and lemma in context.lexicon.instruments:
            return phrase_actors(context, weapon)
    return []


def passive_sender(context: Context, verb: Token, event_type: str) -> list[str]:
    """Who sent someone off in a passive with no "by": "Tanzania" in "two men were extradited from Tanzania"."""
    if event_type not in SENDER_TYPES or not passive(verb) or any(child.dep_ == "agent" for child in verb.children):
        return []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            return [actor for pobj in child.children if pobj.dep_ == "pobj" for actor in phrase_actors(context, pobj)]
    return []


def reporting_side(context: Context, trigger: Token, reporter_id: str | None, targets: list[str], place: Place | None) -> list[str]:
    """ "The Russian defence ministry said precision weapons hit Ukrainian depots": a military that reports a strike
    by weapons of no named side on another country's targets reports its own side's strike."""
    if trigger.pos_ != "VERB":
        return []
    subject = subject_of(trigger)
    if subject is None or quantity_head(context, subject).lemma_.lower() not in context.lexicon.instruments:
        return []
    reporter = context.actor(reporter_id)
    if reporter is None or reporter.type != "organization" or not reporter.country:
        return []
    if not set(reporter.name.lower().split()) & context.lexicon.military_bodies:
        return []
    target = next((actor for actor in map(context.actor, targets) if actor and actor.country), None)
    target_country = target.country if target is not None else place.country if place is not None else None
    if target_country is None or target_country == reporter.country:
        return []
    return [context.country_actor(reporter.country)]


def attacking_side(context: Context, trigger: Token, places: list[Place]) -> list[str]:
    """ "The strike on Starychi district in Lviv": an attack noun or passive verb with no attacker named, on a
    town or region (named under the trigger) of a country the document reports attacked by one side only,
    is that side's. A whole country ("the invasion of Ukraine") is not enough: that is background, not a report."""
    if not context.attackers:
        return []
    if trigger.pos_ == "VERB" and (
        trigger.lemma_.lower() not in context.lexicon.strike_verbs or not any(child.dep_ == "nsubjpass" for child in trigger.children)
    ):
        return []  # an active verb names its doer, even one not resolved; "was killed" reports harm, not who struck
    if trigger.pos_ != "VERB" and not (definite(trigger) or trigger.tag_ in ("NNS", "NNPS")):
        return []  # "a quick attack on Kyiv" may be a scenario; "the strike on Lviv", "strikes on Kharkiv" are reports
    if any(token.tag_ == "MD" or (token.dep_ == "mark" and token.lower_ in CONDITION_WORDS) for token in trigger.sent):
        return []  # "the escalation could come as an assault on Odesa": a report of what happened, not what might
    for place in sorted(places, key=lambda p: p.depth):
        actor = context.actor(place.actor_id)
        if (actor is None or actor.type != "country") and place.country in context.attackers:
            return [context.country_actor(context.attackers[place.country])]
    return []


def unnamed_doer(context: Context, noun: str, country: str | None, subject: Token | None, sentence: Span) -> str | None:
    """Who stands for a doer the text does not name: a group of that kind the sentence names ("Kenyan police fired
    tear gas and 14 riders were arrested"), else the generic group of that country (the authorities), added to the
    document's actors; the words of a subject that named no actor ("Thousands marched", "boda-boda riders took to
    the streets") become a mention of it."""
    sector = sector_named(noun)
    if sector is None:
        return None
    kin = UNNAMED_KIN.get(sector.sector)
    named = _kin_in(context, sentence, kin) if kin else None
    if named is not None:
        return named
    actor = group_actor(sector, country, context.gazetteer)
    if actor.actor_id not in context.document.actors:
        context.document.actors[actor.actor_id] = actor
    if subject is not None and subject.pos_ in NOUN_POS | {"NUM"}:
        _mention(context, quantity_head(context, subject), actor.actor_id)
    return actor.actor_id


def _kin_in(context: Context, sentence: Span, sectors: frozenset[str]) -> str | None:
    """The first group of one of these sectors the sentence names, if any."""
    for token in sentence:
        actor = context.actor(actor_id_of(token))
        if actor is not None and actor.sector in sectors:
            return actor.actor_id
    return None


def _last_two_named_before(context: Context, subject: Token, named_as: Callable[[Context, Token], str | None]) -> list[str]:
    """The last two different things the document named before a word, each word read by `named_as` (an actor's id, a
    country's code, or None)."""
    named: list[str] = []
    for block in context.document.blocks:
        for token in block.doc:
            if block.doc is subject.doc and token.i >= subject.i:
                return named[-2:] if len(named) >= 2 else []
            if key := named_as(context, token):
                named = [other for other in named if other != key] + [key]
    return []


def _mention(context: Context, head: Token, actor_id: str) -> None:
    """A late actor mention of a noun phrase's head and its modifiers, marked on its tokens."""
    start = head.i
    while start > 0 and head.doc[start - 1].head.i == head.i and head.doc[start - 1].dep_ in MODIFIER_DEPS | {"amod", "compound"}:
        start -= 1
    block = next((b for b in context.document.blocks if b.doc is head.doc), None)
    marks = head.doc.user_data.get(ACTOR_IDS)
    if block is None or marks is None or any(marks[i] for i in range(start, head.i + 1)):
        return
    span = head.doc[start : head.i + 1]
    char_start, char_end = block.span_offsets(span)
    marks[start : head.i + 1] = [actor_id] * (head.i + 1 - start)
    context.document.late_mentions.append(
        {
            "doc_id": context.document.doc_id,
            "block_idx": block.block_idx,
            "char_start": char_start,
            "char_end": char_end,
            "text": context.document.text[char_start:char_end],
            "actor_id": actor_id,
            "mention_kind": "description",
        }
    )


def pair_named_before(context: Context, subject: Token | None) -> list[str]:
    """ "Both sides agreed", "the two countries will ...": the last two countries the document named before (as
    themselves or through their officials and forces); "the two leaders": the last two persons."""
    if subject is None or not any(child.lower_ in ("both", "two") for child in subject.children):
        return []
    if subject.lemma_.lower() in PAIR_PERSON_NOUNS:
        return _last_two_named_before(context, subject, _person_named)
    if subject.lemma_.lower() not in PAIR_NOUNS:
        return []
    codes = _last_two_named_before(context, subject, _country_named)
    return [context.country_actor(code) for code in codes]


def _person_named(context: Context, token: Token) -> str | None:
    """The person a word names, if any."""
    actor = context.actor(actor_id_of(token))
    return actor.actor_id if actor is not None and actor.type == "person" else None


def _country_named(context: Context, token: Token) -> str | None:
    """The country a word names, as itself, through its officials and forces, or as a national adjective."""
    actor = context.actor(actor_id_of(token))
    return actor.country if actor is not None and actor.type in ("country", "group") else demonym(context, token)
