"""Generic groups: police, soldiers, gunmen, protesters, residents ... as actors with a sector and a country.

News names most of those who act by what they are, not by name. Each such noun phrase becomes a group
actor of its sector (data/group_sectors.tsv) and of the country the text gives it: a modifier or
possessor ("Kenyan police", "Kenya's police"), a place after it ("protesters in Nairobi"), else the
nearest country or known place in its sentence. One actor per sector and country, named the same way
in every document ("Kenyan police", "Protesters (Kenya)"), so counts by actor mean something.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from etl import rules
from etl.schema import DATELINE_KIND
from etl.transform.actors.mentions import WORDS, Mention, country_of, make_actor, only_country
from etl.transform.context import Actor, ParsedDocument, tokens_of
from etl.transform.gazetteer import Gazetteer

SECTORS_FILE = Path(__file__).resolve().parents[1] / "data" / "group_sectors.tsv"
GROUP_PLACE_PREPOSITIONS = WORDS["group_place"]
WHERE_PREPOSITIONS = WORDS["where_place"]
PAIR_COUNTS = WORDS["pair_counts"]
PAIR_NOUNS = WORDS["pair_nouns"]
NAMED_BODIES = WORDS["named_bodies"]
PORTFOLIO_WORDS = WORDS["portfolio_words"]
PEOPLE_SPOKESMEN = WORDS["people_spokesmen"]
ETHNIC_SECTOR = "ethnic"  # a people without a state of its own
GOVERNMENT_SECTOR = "government"
FORCES_SECTORS = frozenset({"police", "military"})  # bodies named for these are them: "Kenya Defence Forces"
MODIFIER_DEPS = ("amod", "compound", "nmod")
# Group nouns that, singular and with no article or owner, name a thing ("used force"), not a group ("the force").
MASS_READINGS = frozenset({"force"})
MASS_TAGS = frozenset({"NN"})


@dataclass(frozen=True)
class Sector:
    """What a group noun stands for: its sector and canonical names, and the modifiers it needs, if any."""

    sector: str
    label: str  # the name without a country: "Police"
    named: str  # the name with one: "{demonym} police", "Protesters ({country})"
    needs: frozenset[str] = frozenset()


@cache
def load_sectors() -> dict[str, tuple[Sector, ...]]:
    """Group nouns (lemmas) to the sectors they may stand for, those needing a modifier first."""
    by_noun: dict[str, list[Sector]] = defaultdict(list)
    for row in rules.table(SECTORS_FILE, required=("nouns", "needs", "sector", "label", "named")):
        if not row["sector"] or not ("{demonym}" in row["named"] or "{country}" in row["named"]):
            raise row.error("every row needs a sector and a `named` holding {demonym} or {country}")
        sector = Sector(row["sector"], row["label"], row["named"], frozenset(row.items("needs")))
        for noun in row.items("nouns"):
            by_noun[noun].append(sector)
    return {noun: tuple(sorted(options, key=lambda s: not s.needs)) for noun, options in by_noun.items()}


def sector_named(noun: str) -> Sector | None:
    """The sector a group noun (a lemma) names on its own, with no modifier: "protester", "gunman"."""
    return next((option for option in load_sectors().get(noun, ()) if not option.needs), None)


def sector_of(noun: Token) -> Sector | None:
    """The sector a noun names as the head of its phrase, given its modifiers ("armed men", "health workers")."""
    sectors = load_sectors()
    options = sectors.get(noun.lemma_.lower()) or sectors.get(noun.lower_) or sectors.get(_singular(noun)) or ()
    modifiers = {child.lower_ for child in noun.children if child.dep_ in MODIFIER_DEPS}
    modifiers |= {child.lemma_.lower() for child in noun.children if child.dep_ in MODIFIER_DEPS}
    modifiers |= {child.lower_ for child in noun.children if child.dep_ == "acl" and child.tag_ == "VBN"}  # "a man armed with a knife"
    return next((option for option in options if not option.needs or option.needs & modifiers), None)


def add_generic_groups(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A group actor for every group noun no earlier pass took, and the sector of the groups they found."""
    mentions = [mention for mention in mentions if not _capitalised_modifier(mention)]
    taken: dict[int, set[int]] = defaultdict(set)  # block -> token indices an earlier pass gave an actor
    for mention in mentions:
        taken[mention.block.block_idx].update(range(mention.start, mention.end))
    home = only_country(mentions)
    found = [_as_national_body(_with_sector(mention), mentions, home, gazetteer) for mention in mentions]
    for block in document.blocks:
        taken_here = taken[block.block_idx]
        for token in tokens_of(block.doc):
            if token.i in taken_here:
                continue
            if (start := _people_without_a_state(token, gazetteer)) is not None:
                named = sector_of(token)  # "Republicans" are a party's, "Kurds" a people
                home_country = country_of(block.doc[start], gazetteer) if start < token.i else None
                name = block.doc[start : token.i + 1].text
                actor = replace(make_actor("group", name, country=home_country), sector=named.sector if named else ETHNIC_SECTOR)
                found.append(Mention(block, start, token.i + 1, "name", actor))
                continue
            if (start := _spokesmen_of_a_people(token, gazetteer)) is not None:
                actor = replace(make_actor("group", block.doc[start : token.i + 1].text), sector=ETHNIC_SECTOR)
                found.append(Mention(block, start, token.i + 1, "name", actor))
                continue
            if not _group_noun(token) or _pair_of_parties(token):
                continue  # "the two governments signed": the two parties the text named, not a group
            sector = sector_of(token)
            if sector is None:
                continue
            country = _group_country(token, mentions, block.block_idx, gazetteer) or home
            if country is None and not sector.label:
                continue  # "the government" of no country named
            start = _phrase_start(token, taken_here)
            found.append(Mention(block, start, token.i + 1, "description", group_actor(sector, country, gazetteer)))
    return found


def _capitalised_modifier(mention: Mention) -> bool:
    """A word the model took for a person's name only because it opens the sentence, modifying a group noun: "Riot"
    of "Riot police fired tear gas"."""
    token = mention.span[0]
    return (
        mention.actor.type == "person"
        and len(mention.span) == 1
        and bool(token.is_sent_start)
        and token.dep_ == "compound"
        and sector_of(token.head) is not None
    )


def _as_national_body(mention: Mention, mentions: list[Mention], home: str | None, gazetteer: Gazetteer) -> Mention:
    """An organisation of no country named only by a body noun and its portfolio ("the foreign ministry said", "Finance
    Ministry"): the government of the country its sentence or document gives, as "the ministry" is; one "Finance Ministry"
    across a corpus would be every country's."""
    actor, head = mention.actor, mention.span.root
    if actor.type != "organization" or actor.country or not all(w.lower_ in PORTFOLIO_WORDS for w in mention.span if w.i != head.i):
        return mention
    sector = sector_of(head)
    if sector is None or sector.sector != GOVERNMENT_SECTOR:
        return mention
    country = _group_country(head, mentions, mention.block.block_idx, gazetteer) or home or _dateline_country(mentions)
    return replace(mention, actor=group_actor(sector, country, gazetteer)) if country else mention


def _dateline_country(mentions: list[Mention]) -> str | None:
    """The country of the town a report was filed from ("BEIJING, Oct 10 (Xinhua) - ... the Ministry of Commerce
    announced"): whose body a wire report's unnamed ministry is, when its words do not say."""
    return next((m.actor.country for m in mentions if m.block.kind == DATELINE_KIND and m.actor.type == "location"), None)


def _pair_of_parties(token: Token) -> bool:
    """ "the two governments", "both sides": two parties the text names elsewhere."""
    return token.lemma_.lower() in PAIR_NOUNS and any(child.lower_ in PAIR_COUNTS for child in token.children)


def group_actor(sector: Sector, country: str | None, gazetteer: Gazetteer) -> Actor:
    """The one actor of a sector and country: "Kenyan police"; "Police" when the country is not known."""
    if country is None:
        name = sector.label or sector.sector.capitalize()
    else:
        country_name = gazetteer.country_name.get(country, country)
        name = sector.named.format(demonym=gazetteer.demonym_of_country.get(country, country_name), country=country_name)
    return replace(make_actor("group", name, country=country), sector=sector.sector)


def _with_sector(mention: Mention) -> Mention:
    """A group an earlier pass found ("Russian troops") gets the sector of its head noun, and so does a body
    named for what it is ("Philippine National Police", "Kenya Defence Forces")."""
    if mention.actor.type not in ("group", "organization") or mention.actor.sector:
        return mention
    if mention.actor.type == "group":
        sector = sector_of(mention.span.root)
    else:  # only a state's forces are named for their sector: "European Union" is no labour union
        sector = sector_named(_last_word(mention.actor.name))
        sector = sector if sector is not None and sector.sector in FORCES_SECTORS else None
    return replace(mention, actor=replace(mention.actor, sector=sector.sector)) if sector else mention


def _last_word(name: str) -> str:
    """The head word of a name, as a lemma would read it: "Forces" -> "force"."""
    word = name.split()[-1].lower() if name.split() else ""
    return word[:-1] if word.endswith("s") and word[:-1] in load_sectors() else word


def _people_without_a_state(token: Token, gazetteer: Gazetteer) -> int | None:
    """Where the name begins of a people the model names that is no country's ("Kurds", "Tamils", "Yazidis" act as one
    group; "Bosnian Serbs" from "Bosnian"), when the token ends one; None otherwise."""
    if token.tag_ not in ("NNPS", "NNS") or token.ent_type_ not in ("NORP", "") or (not token.ent_type_ and token.tag_ != "NNPS"):
        return None  # a people the model names, or a proper plural it missed after a nation ("Bosnian Serbs")
    start = _home_adjectives_before(token, gazetteer)
    if token.ent_iob_ != "B" and start == token.i:
        return None  # inside a name, or a word the model called no people with no nation before it
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"):
        return None  # a word the model mistook ("Saves lives" in a headline)
    if any(child.dep_ in ("nummod", "quantmod") or child.like_num for child in token.children):
        return None  # a head count: "4.3 million Ukrainians"
    return start if _of_no_country(token, gazetteer, token.text[:-1]) else None


def _spokesmen_of_a_people(token: Token, gazetteer: Gazetteer) -> int | None:
    """Where "Kurdish leaders" or "Tamil elders" begins: those who speak for a people the model names that is no
    country's (a plural: "the Maronite Christian leader" is one man); None otherwise."""
    if token.tag_ != "NNS" or token.lemma_.lower() not in PEOPLE_SPOKESMEN:
        return None
    people = next((child for child in token.children if child.dep_ in ("amod", "compound") and child.ent_type_ == "NORP"), None)
    return people.i if people is not None and _of_no_country(people, gazetteer) else None


def _of_no_country(token: Token, gazetteer: Gazetteer, *spellings: str) -> bool:
    """Whether a people's word names no country, as written or in other `spellings` ("Kurds", "Kurd"): "Tamil", not
    "Kenyan"."""
    return country_of(token, gazetteer) is None and not any(gazetteer.country_of_word(word) for word in (token.text, *spellings))


def _home_adjectives_before(token: Token, gazetteer: Gazetteer) -> int:
    """Where the national adjectives of a people's name begin ("Bosnian" of "Bosnian Serbs"): the token itself when
    none of the same name comes before it."""
    start = token.i
    while start > 0 and token.doc[start - 1].ent_iob_ in ("B", "I") and token.doc[start - 1].ent_type_ == "NORP":
        if country_of(token.doc[start - 1], gazetteer) is None:
            return token.i
        start -= 1
        if token.doc[start].ent_iob_ == "B":
            return start
    return token.i


def _singular(noun: Token) -> str:
    """A capitalised plural the tagger took for a name keeps its plural lemma ("Rebels in Ituri attacked"): its
    singular by spelling, for the lookup only."""
    lower = noun.lower_
    if noun.pos_ != "PROPN" or not lower.endswith("s"):
        return lower
    return lower[:-3] + "y" if lower.endswith("ies") else lower[:-1]


def _group_noun(token: Token) -> bool:
    """A common noun heading its phrase, or a capitalised one outside any entity ("Police said"); not one a
    pronoun owns ("its troops": whose they are is the pronoun pass's question)."""
    if token.dep_ in MODIFIER_DEPS or any(child.dep_ == "poss" and child.pos_ == "PRON" for child in token.children):
        return False
    if (
        token.tag_ in MASS_TAGS
        and token.lemma_.lower() in MASS_READINGS
        and not any(child.dep_ in ("det", "poss") for child in token.children)
    ):
        return False  # "used excessive force": the thing, not a body of people
    if token.is_title and token.lower_ in NAMED_BODIES and not token.is_sent_start:
        return False  # "sanctions imposed by the Union": a body named short, not a labour union
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.ent_iob_ == "O")


def _phrase_start(noun: Token, taken: set[int]) -> int:
    """The group's words: the noun and the modifiers right before it ("Kenyan riot police"), not numbers, articles
    or another actor's words ("AFP photographer" leaves AFP its own)."""
    start = noun.i
    doc = noun.doc
    while start > 0 and start - 1 not in taken and _modifies(doc[start - 1], noun):
        start -= 1
    return start


def _modifies(word: Token, noun: Token) -> bool:
    return word.head.i == noun.i and word.dep_ in (*MODIFIER_DEPS, "poss") and not word.like_num


def _group_country(noun: Token, mentions: list[Mention], block_idx: int, gazetteer: Gazetteer) -> str | None:
    """The country the text gives a group: its own modifiers or possessor, a place after it, else its sentence's."""
    for child in noun.lefts:
        country = country_of(child, gazetteer)
        if country:
            return country
        if child.lower_ == "led":  # "the Saudi-led coalition": the leader's
            country = next((c for t in child.lefts if (c := country_of(t, gazetteer))), None)
            if country:
                return country
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in GROUP_PLACE_PREPOSITIONS:
            place = next((c for c in child.children if c.dep_ == "pobj"), None)
            country = _place_country(place, gazetteer) if place is not None else None
            if country:
                return country
    return _sentence_country(noun.sent, noun, mentions, block_idx)


def _place_country(place: Token, gazetteer: Gazetteer) -> str | None:
    """The country of a place word: a country, capital or demonym, or a city the gazetteer knows."""
    phrase = place.doc[place.left_edge.i : place.i + 1].text
    return country_of(place, gazetteer) or gazetteer.country_by_city.get(place.text) or gazetteer.country_by_city.get(phrase)


def _sentence_country(sentence: Span, noun: Token, mentions: list[Mention], block_idx: int) -> str | None:
    """The country of the nearest place in the noun's sentence ("a raid in Mombasa", "arrests in Kenya"), if one is
    known. A country named otherwise is not enough: "Russia's strike killed two soldiers" names the other side."""
    nearby = [
        m
        for m in mentions
        if m.block.block_idx == block_idx
        and (m.actor.type == "location" or (m.actor.type == "country" and _where(m.span.root)))
        and m.actor.country
        and sentence.start <= m.start < sentence.end
    ]
    if not nearby:
        return None
    return min(nearby, key=lambda m: abs(m.start - noun.i)).actor.country


def _where(token: Token) -> bool:
    """A name that says where: the object of "in", "across", "throughout" ("protests in Belgium")."""
    return token.dep_ == "pobj" and token.head.lower_ in WHERE_PREPOSITIONS
