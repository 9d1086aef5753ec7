"""The actors a noun phrase refers to: one per conjunct, a person before a group, an organisation or a country."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from etl.transform.actors import after_former_prefix, national_group
from etl.transform.context import actor_id_of
from etl.transform.events.context import Context
from etl.transform.events.lexicon import CARRYING_VERBS, OWNED_PARTS, PHRASE_PREPS, RELIEF_LOADS, RELIEF_MARKS, SENDING_PARTICIPLES
from etl.transform.events.places import place_of
from etl.transform.events.syntax import NOUN_POS, of_objects, under_possessor

ACTOR_RANK = {"person": 0, "group": 1, "organization": 2, "country": 3}
# Parts of a noun phrase that are clauses of their own, not the phrase's referent.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "punct", "cc", "mark", "prep"}


def quantity_head(context: Context, noun: Token) -> Token:
    """What a quantity counts: "missiles" in "dozens of Russian missiles", "a barrage of drones"."""
    if noun.lemma_.lower() in context.lexicon.quantities or noun.like_num or noun.ent_type_ == "CARDINAL":
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return noun


def demonym(context: Context, token: Token) -> str | None:
    """The country a national adjective or plural names ("Ukrainian", "the Russians"; not "ex-Soviet")."""
    if after_former_prefix(token):
        return None
    kind, _, code = token.ent_id_.partition(":")
    if kind == "demonym" and code:
        return code
    return context.gazetteer.country_by_demonym.get(token.text)


def phrase_actors(context: Context, head: Token | None, allow_possessor: bool = False) -> list[str]:
    """The actors a noun phrase refers to: one per conjunct ("Scholz and Starmer" gives two)."""
    if head is None:
        return []
    head = quantity_head(context, head)  # "dozens of Russian missiles"
    tokens = _phrase_tokens(context, head)
    actors = []
    for segment in _segments(tokens):
        actor = _segment_actor(context, segment, allow_possessor)
        if actor:
            actors.append(actor)
    return list(dict.fromkeys(actors))


def _of_its_own_nation(context: Context, segment: list[Token], actor_id: str) -> str:
    """A national group whose noun a conjunct shares with another's: in "Colombian and Ecuadorean police" the
    second conjunct is Ecuador's police, not Colombia's again."""
    for token in segment:
        if token.dep_ == "conj" and token.head.dep_ == "amod" and (nation := demonym(context, token)):
            return _national(context, actor_id, nation, token.head.head)
    return actor_id


def _national(context: Context, actor_id: str, nation: str, noun: Token) -> str:
    """The group of this nation that a national group's noun names, added to the document's actors: the actor
    itself when it is that nation's."""
    actor = context.actor(actor_id)
    if actor is None or actor.type not in ("group", "organization") or actor.country in (None, nation):
        return actor_id
    if context.actor(actor_id_of(noun)) is not actor:
        return actor_id
    other = replace(national_group(nation, noun, context.gazetteer), sector=actor.sector)
    context.document.actors.setdefault(other.actor_id, other)
    return other.actor_id


def owner_actors(context: Context, head: Token) -> list[str]:
    """Who a doer no actor names acts for: the possessor of a body or office ("Russia's state gas monopoly
    threatened", "the Council of Europe's human rights commissioner denounced"; only the nouns of
    event_body_nouns.txt: "Ukraine's allies" act for themselves), or the nation a group is called by ("the
    Turkish and Greek sides agreed"), unless the noun names a weapon or a means."""
    if head.pos_ not in NOUN_POS:
        return []
    if sender := _sent_by(context, head):
        return sender
    lemma = head.lemma_.lower()
    if lemma in context.lexicon.body_nouns:
        for child in head.children:
            if child.dep_ == "poss" and (actors := phrase_actors(context, child, allow_possessor=True)):
                return actors
    if lemma in OWNED_PARTS:
        for owner in of_objects(head):  # "the armed wing of Hamas", "the youth wing of the ruling party"
            if actors := phrase_actors(context, owner):
                return actors
    if lemma in context.lexicon.instruments or lemma in context.lexicon.means:
        return []
    nation = _nation(context, head)
    return [nation] if nation else []


def _sent_by(context: Context, head: Token) -> list[str]:
    """Who a thing acts for when a participle says who sent, chartered or fired it: "a ship chartered by the United
    Arab Emirates unloaded flour", "missiles launched by Russia hit Kyiv"."""
    for child in head.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in SENDING_PARTICIPLES:
            for agent in child.children:
                if agent.dep_ == "agent":
                    return [actor for pobj in agent.children if pobj.dep_ == "pobj" for actor in phrase_actors(context, pobj)]
    return relief_senders(context, head)


def relief_senders(context: Context, carrier: Token) -> list[str]:
    """Who sent the relief a ship, plane, convoy or shipment carries, as its words name them: an actor in its name
    ("a convoy of UN trucks", "a U.S. Air Force C-130"), else "from" it or from what it carries ("food parcels from
    the WFP", "trucks carrying food from a Jordanian charity")."""
    if not relief_load(carrier):
        return []
    holders = [carrier, *of_objects(carrier)]  # "a convoy of 14 UN trucks"
    holders += [child for holder in holders for child in holder.children if child.dep_ == "acl"]
    named = [actor_id_of(child) for holder in holders for child in holder.children if child.dep_ in ("compound", "nmod")]
    if named := [actor for actor in dict.fromkeys(named) if actor]:
        return named[:1]  # its name first: "WFP trucks carrying food from Chad" came from Chad, sent by the WFP
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                if actors := [actor for pobj in prep.children if pobj.dep_ == "pobj" for actor in phrase_actors(context, pobj)]:
                    return actors
    return []


def relief_load(carrier: Token) -> bool:
    """Whether a ship, plane, convoy or shipment carries relief: what a carrying verb ("carrying", "loaded with") or
    "of"/"with" after it names ("a shipment of rice", "trucks with tents"), or what it is called ("a relief convoy")."""
    if any(child.dep_ in ("compound", "amod") and child.lemma_.lower() in RELIEF_MARKS for child in carrier.children):
        return True
    load = []
    for child in carrier.children:
        if (child.dep_ == "acl" and child.lemma_.lower() in CARRYING_VERBS) or (child.dep_ == "prep" and child.lower_ in ("of", "with")):
            load += [word for word in child.subtree if word.i != child.i and word.pos_ in ("NOUN", "ADJ")]
    return any(word.lemma_.lower() in RELIEF_LOADS for word in load)


def _nation(context: Context, head: Token) -> str | None:
    """The country a national adjective in front of a noun names ("Russian missiles", "the Turkish side"), also one
    in front of a word a common noun is compounded with ("Russian fighter jets"; not "Russian gas monopoly Gazprom",
    a name)."""
    for child in head.children:
        if child.dep_ in ("amod", "compound") and actor_id_of(child) is None and (iso3 := demonym(context, child)):
            return context.country_actor(iso3)
        if child.dep_ == "compound" and child.i < head.i and head.pos_ == "NOUN" and (nation := _nation(context, child)):
            return nation
    return None


def _phrase_tokens(context: Context, head: Token) -> list[Token]:
    """A noun phrase without the clauses and place phrases hanging off it ("the leaders of France" keeps France)."""
    tokens, stack = [], [head]
    while stack:
        token = stack.pop()
        tokens.append(token)
        for child in token.children:
            if child.dep_ == "prep":
                if child.lower_ in PHRASE_PREPS and (_agent_noun(context, token) or _weapon_from(context, token, child)):
                    stack.append(child)
            elif child.dep_ not in CLAUSE_DEPS or child.dep_ == "cc":
                stack.append(child)
    return sorted(tokens, key=lambda t: t.i)


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """Split a phrase at its conjunctions: "Germany's Chancellor Olaf Scholz | UK Prime Minister Keir Starmer"."""
    starts = {token.left_edge.i for token in tokens if token.dep_ == "conj"}
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if token.i in starts and segments[-1]:
            segments.append([])
        if token.dep_ != "cc":
            segments[-1].append(token)
    return [segment for segment in segments if segment]


def _segment_actor(context: Context, segment: list[Token], allow_possessor: bool) -> str | None:
    """The one actor a conjunct names: a person over a group, an organisation or a country."""
    inside = {token.i for token in segment}
    root = next((t for t in segment if t.head.i not in inside or t.head.i == t.i), segment[0])
    best: tuple[int, int, str] | None = None
    possessors: list[str] = []
    for token in segment:
        actor = context.token_actor(token)
        if actor is None or actor.type not in ACTOR_RANK or place_of(context, token):
            continue
        if under_possessor(token, root) and not allow_possessor:
            possessors.append(actor.actor_id)
            continue
        rank = (ACTOR_RANK[actor.type], -token.i, actor.actor_id)
        best = rank if best is None or rank < best else best
    if best:
        return _of_its_own_nation(context, segment, best[2])
    if root.dep_ == "amod" and (nation := demonym(context, root)) and (shared := context.token_actor(root.head)) is not None:
        return _national(context, shared.actor_id, nation, root.head)  # "Indian" of "Indian and Bangladeshi border guards"
    if possessors and _agent_noun(context, root):
        return possessors[-1]
    if _agent_noun(context, root) or root.lemma_.lower() in context.lexicon.instruments:
        # "Russian missiles hit Odesa", "Ukrainian forces": the national adjective names the doer.
        if nation := _nation(context, root):
            return nation
    if (modified := _modified_noun(root)) is not None and (
        _agent_noun(context, modified) or modified.lemma_.lower() in context.lexicon.instruments
    ):
        # "Egyptian and Saudi warships": each coordinated national adjective names a doer.
        if actor_id_of(root) is None and (iso3 := demonym(context, root)):
            return context.country_actor(iso3)
    if root.pos_ in NOUN_POS and actor_id_of(root) is None:
        # "the Russians": a plural demonym as the doer.
        plural = root.text.endswith("s") and root.text[:1].isupper()
        iso3 = demonym(context, root) or (context.gazetteer.country_of_word(root.text) if plural else None)
        if iso3:
            return context.country_actor(iso3)
    return None


def _modified_noun(adjective: Token) -> Token | None:
    """The noun an adjective, or one coordinated with it, modifies: "warships" for "Saudi" in "Egyptian and Saudi warships"."""
    node = adjective
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.head if node.dep_ == "amod" and node.head.pos_ in NOUN_POS else None


def _weapon_from(context: Context, noun: Token, preposition: Token) -> bool:
    """Weapons from or of a side are that side's: "planes from Afghanistan attacked", "warplanes of the coalition"."""
    return preposition.lower_ in ("from", "of") and noun.lemma_.lower() in context.lexicon.instruments


def _agent_noun(context: Context, root: Token) -> bool:
    """A body that acts for its country: "ministry", "military", "foreign minister"."""
    words = context.lexicon.agent_nouns
    if root.lemma_.lower() in words or root.lower_ in words:
        return True
    previous = root.doc[root.i - 1] if root.i > 0 else None
    return previous is not None and f"{previous.lower_} {root.lower_}" in words
