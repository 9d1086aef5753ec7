"""Groups: a country's officials and forces, named bodies, military units, the people of a country, the West."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from etl.transform.actors.mentions import WORDS, Mention, country_of, hyphen_modifier, make_actor, speaks
from etl.transform.context import Actor, ParsedBlock, ParsedDocument, tokens_of
from etl.transform.gazetteer import Gazetteer

MILITARY_NOUNS = WORDS["military_nouns"]
DIRECTION_LOCATIVES = WORDS["direction_locative"]
COMPANY_NOUNS = WORDS["company_nouns"]
SIDE_PREFIXES = WORDS["side_prefixes"]
GROUP_PLACE_PREPOSITIONS = WORDS["group_place"]
BLOC_NOUNS = WORDS["bloc_nouns"]
ALLY_NOUNS = WORDS["ally_nouns"]
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")


def _groups(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "Russian officials", "U.S. defense officials", "Russia's troops", "officials in Kyiv", "the Russians",
    "the West", "the 155th brigade"."""
    found = []
    for block in document.blocks:
        for token in tokens_of(block.doc):
            lower = token.lower_
            if token.pos_ not in ("NOUN", "PROPN"):
                mention = None
            elif lower in gazetteer.media_nouns or lower in gazetteer.institution_nouns:
                mention = _named_body(block, token, gazetteer)
                if mention is None and lower in gazetteer.institution_nouns:
                    mention = _group_of_noun(block, token, gazetteer)
            elif lower in gazetteer.group_nouns:
                mention = _group_of_noun(block, token, gazetteer)
            elif token.lemma_.lower() in gazetteer.unit_nouns:
                mention = _military_unit(block, token, gazetteer)
            elif lower == "west":
                mention = _the_west(block, token)
            elif lower in BLOC_NOUNS and token.pos_ == "NOUN":
                mention = _bloc(block, token, gazetteer)
            else:
                mention = _people_of_country(block, token, gazetteer)
            if mention:
                found.append(mention)
    return found


def _named_body(block: ParsedBlock, noun: Token, gazetteer: Gazetteer) -> Mention | None:
    """A body described and named at once: "Russia's state news agency RIA Novosti", "Public broadcaster
    Suspilne", "Ukrinform news agency", "the Deep State Telegram channel": one organisation, by its name."""
    doc = block.doc
    start = noun.left_edge.i + (doc[noun.left_edge.i].pos_ == "DET")
    following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if following is not None and following.ent_type_ == "ORG" and following.ent_iob_ == "B" and not following.ent_id_:
        end = following.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        country = next((c for t in doc[start : noun.i] if (c := country_of(t, gazetteer))), None)
        return Mention(block, start, end, "name", make_actor("organization", doc[following.i : end].text, country=country))
    if noun.lower_ not in gazetteer.media_nouns:
        return None
    names = [
        t
        for t in doc[start : noun.i]
        if t.pos_ == "PROPN" and t.dep_ == "compound" and not country_of(t, gazetteer) and t.text not in gazetteer.thing_names
    ]
    if not names or names[0].i != start:
        return None
    return Mention(block, start, noun.i + 1, "name", make_actor("organization", " ".join(t.text for t in names)))


def _group_of_noun(block: ParsedBlock, noun: Token, gazetteer: Gazetteer) -> Mention | None:
    """A group noun whose modifiers, possessor or "in/from/of" phrase name a country or a region."""
    doc = block.doc
    for token in doc[noun.left_edge.i : noun.i]:
        if token.ent_type_ == "PERSON" and noun.lower_ == "administration":
            return Mention(block, token.i, noun.i + 1, "name", make_actor("organization", f"{token.text} administration"))
        country = country_of(token, gazetteer)
        if country and hyphen_modifier(doc, token.i + 1):
            if noun.lower_ in gazetteer.institution_nouns:
                continue  # "the Russian-backed administration" is not Russia's
            return Mention(block, token.i, noun.i + 1, "name", make_actor("group", doc[token.i : noun.i + 1].text, country=country))
        if token.text in gazetteer.region_adjectives and not country:
            type_ = "organization" if _one_named_body(noun, gazetteer) else "group"
            return Mention(block, token.i, noun.i + 1, "name", make_actor(type_, f"{token.text} {noun.lower_}"))
        if not country:
            continue
        start = _modifiers_start(doc, token.i, noun)
        if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in SIDE_PREFIXES:
            return Mention(block, start, noun.i + 1, "name", make_actor("group", doc[start : noun.i + 1].text))
        return Mention(block, start, noun.i + 1, "name", group_actor(country, noun, gazetteer))
    for child in noun.rights:
        if child.dep_ != "prep" or child.lower_ not in GROUP_PLACE_PREPOSITIONS:
            continue
        place = next((c for c in child.children if c.dep_ == "pobj"), None)
        if place is None:
            continue
        end = max([place.i] + [t.i for t in place.lefts]) + 1
        country = next(
            (c for t in doc[place.left_edge.i : end] if (c := country_of(t, gazetteer)) and not hyphen_modifier(doc, t.i + 1)), None
        )
        start = noun.left_edge.i + (doc[noun.left_edge.i].pos_ == "DET")
        if country and (place.ent_type_ in ("GPE", "NORP") or place.lemma_.lower() in gazetteer.place_nouns):
            return Mention(block, start, end, "name", group_actor(country, noun, gazetteer))
        if noun.lower_ in gazetteer.group_nouns and (
            place.lower_ in gazetteer.institution_nouns or place.lemma_.lower() in gazetteer.unit_nouns
        ):
            return Mention(block, start, end, "name", make_actor("group", doc[start:end].text, country=country))
    return None


def _bloc(block: ParsedBlock, noun: Token, gazetteer: Gazetteer) -> Mention | None:
    """Several countries as one side: "Western countries", "the Baltic states", "Ukraine's allies" (a group of no
    country: Ukraine's allies are not Ukrainian)."""
    doc = block.doc
    for token in doc[noun.left_edge.i : noun.i]:
        if token.text in gazetteer.region_adjectives and not token.ent_id_ and token.ent_type_ != "ORG":  # not "European Union countries"
            return Mention(block, token.i, noun.i + 1, "description", _bloc_actor(f"{token.text} {noun.lower_}"))
    owner = next((child for child in noun.children if child.dep_ == "poss"), None)
    if noun.lower_ in ALLY_NOUNS and owner is not None and country_of(owner, gazetteer):
        start = owner.left_edge.i
        return Mention(block, start, noun.i + 1, "description", _bloc_actor(doc[start : noun.i + 1].text))
    return None


def _bloc_actor(name: str) -> Actor:
    """A bloc acts through its members' governments: a generic group of the government sector."""
    return replace(make_actor("group", name), sector="government")


def _one_named_body(noun: Token, gazetteer: Gazetteer) -> bool:
    """ "the European parliament" is one body; "a European government", "Western governments" are any of several."""
    return noun.lower_ in gazetteer.institution_nouns and noun.tag_ == "NN" and any(child.lower_ == "the" for child in noun.children)


def _modifiers_start(doc, start: int, noun: Token) -> int:
    """A group's mention takes the adjectives before its country word ("pro-war Russian military bloggers")."""
    while start > noun.left_edge.i and doc[start - 1].dep_ in ("amod", "compound", "punct") and doc[start - 1].head.i == noun.i:
        start -= 1
    while start < noun.i and (doc[start].is_punct or doc[start].pos_ == "DET"):
        start += 1
    return start


def _military_unit(block: ParsedBlock, noun: Token, gazetteer: Gazetteer) -> Mention | None:
    """A unit with a number or a name: "the elite 155th naval infantry", "the 'Centrer' troop unit"."""
    doc = block.doc
    modifiers = doc[noun.left_edge.i : noun.i]
    named = any(
        ORDINAL.match(t.text) or t.ent_type_ == "ORDINAL" or (t.pos_ == "PROPN" and not country_of(t, gazetteer)) for t in modifiers
    )
    if not named:
        return None
    start = noun.left_edge.i + (doc[noun.left_edge.i].pos_ == "DET")
    country = next((c for t in modifiers if (c := country_of(t, gazetteer))), None)
    type_ = "organization" if _owned_by_company(modifiers, gazetteer) else "group"
    return Mention(block, start, noun.i + 1, "name", make_actor(type_, doc[start : noun.i + 1].text, country=country))


def _owned_by_company(modifiers, gazetteer: Gazetteer) -> bool:
    """ "Rockwell's Allen-Bradley unit", "the company's Oster division": a company's unit is part of it, an organisation."""
    doc = modifiers.doc
    return any(
        token.i + 1 < len(doc)
        and doc[token.i + 1].tag_ == "POS"
        and (token.lower_ in COMPANY_NOUNS or (token.ent_type_ == "ORG" and not country_of(token, gazetteer)))
        for token in modifiers
    )


def _the_west(block: ParsedBlock, token: Token) -> Mention | None:
    """ "the West", "the collective West" (or "the west") as a bloc that acts, not a direction ("in the west of the
    country", "moved to the west"); "in the West" in capitals is the bloc."""
    doc = block.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    article = token.i - 1 - (token.i >= 2 and doc[token.i - 1].pos_ == "ADJ" and doc[token.i - 1].is_lower)
    if token.i == 0 or doc[article].lower_ != "the" or token.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I"):
        return None
    if following is not None and (following.lower_ == "of" or following.is_title):
        return None
    if token.is_lower and token.dep_ == "pobj" and token.head.lower_ in DIRECTION_LOCATIVES:
        return None
    if not (token.is_title or token.dep_ in ("nsubj", "poss", "pobj", "dobj")):
        return None
    return Mention(block, token.i, token.i + 1, "name", make_actor("group", "the West"))


def _people_of_country(block: ParsedBlock, token: Token, gazetteer: Gazetteer) -> Mention | None:
    """ "the Russians fired", "Ukrainians say", "thousands of Nigerians marched": the people or forces of a
    country acting, as a group (not a head count: "4.3 million Ukrainians")."""
    if token.tag_ not in ("NNPS", "NNS") or not token.text.endswith("s"):
        return None
    if token.dep_ not in ("nsubj", "nsubjpass") and not _counted_subject(token):
        return None
    country = gazetteer.country_by_demonym.get(token.text[:-1])
    if not country or any(child.dep_ in ("nummod", "quantmod") or child.like_num for child in token.children):
        return None
    return Mention(block, token.i, token.i + 1, "name", make_actor("group", token.text, country=country))


def _counted_subject(token: Token) -> bool:
    """The members of a crowd that acts: "Nigerians" in "thousands of Nigerians marched"."""
    preposition = token.head
    crowd = preposition.head
    return token.dep_ == "pobj" and preposition.lower_ == "of" and crowd.dep_ in ("nsubj", "nsubjpass") and crowd.pos_ in ("NOUN", "NUM")


def group_actor(country: str, noun: Token, gazetteer: Gazetteer) -> Actor:
    """One actor per country and kind of group. Troops and soldiers are that country's forces, and so is
    its military when it fights (when it speaks, it is a body); a government is the country; the armed
    forces are a body; a ministry is a body named by its full phrase ("Russian Defence Ministry")."""
    name = gazetteer.country_name.get(country, country)
    demonym = gazetteer.demonym_of_country.get(country, name)
    lower = noun.lower_
    if lower == "government":
        return make_actor("country", name, country=country)
    if lower == "forces" and any(t.lower_ == "armed" for t in noun.lefts):
        return make_actor("organization", f"{demonym} Armed Forces", country=country)
    if lower == "military" and not speaks(noun, gazetteer.speech_verbs):
        return make_actor("group", f"{demonym} forces", country=country)
    if lower in gazetteer.institution_nouns:
        words = [
            t.text for t in noun.doc[noun.left_edge.i : noun.i + 1] if t.pos_ in ("PROPN", "NOUN", "ADJ") and not country_of(t, gazetteer)
        ]
        if [word.lower() for word in words] == ["military", "command"]:
            words = ["military"]  # the command speaks for the military
        return make_actor("organization", " ".join([demonym, *words]), country=country)
    kind = "forces" if lower in MILITARY_NOUNS else lower
    return make_actor("group", f"{demonym} {kind}", country=country)


def add_groups(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """The mentions so far, then the groups and named bodies the document names."""
    return mentions + _groups(document, mentions, gazetteer)
