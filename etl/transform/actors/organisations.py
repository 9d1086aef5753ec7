"""Organisations: names built around a word like Department, acronyms, a country before a body, "the ministry"."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from etl.transform.actors.mentions import (
    WORDS,
    Mention,
    country_of,
    hyphen_modifier,
    is_all_caps,
    is_thing,
    is_title_case,
    make_actor,
    strip_article,
)
from etl.transform.context import Actor, ParsedBlock, ParsedDocument, tokens_of
from etl.transform.gazetteer import Gazetteer

NAME_JOINERS = WORDS["name_joiners"]
NAME_FILLERS = WORDS["name_fillers"]
SEATED_BODIES = frozenset(word.title() for word in WORDS["seated_bodies"])  # as written in a name: "Embassy"
BODY_NOUNS = WORDS["body_nouns"]
# The bodies of several countries a generic noun stands for: "the bloc" after "the EU", "the alliance" after "NATO".
BODIES_BY_NOUN = {"bloc": WORDS["bloc_bodies"], "grouping": WORDS["bloc_bodies"], "alliance": WORDS["alliance_bodies"]}
COMPANY_SUFFIXES = WORDS["company_suffixes"]
LOCATIVE_WORDS = WORDS["gazetteer_locative"]
# People in a town the model's own list of cities starts at: a smaller one may share its name with a company.
LARGE_TOWN = 15000


def _organisation_names(document: ParsedDocument, gazetteer: Gazetteer) -> list[Mention]:
    """Capitalised names built around a word like Department or Senate ("the U.S. Department of State",
    "the UN Office for the Coordination of Humanitarian Affairs"): one organisation, however the model cut it."""
    found = []
    for block in document.blocks:
        if block.kind == "headline" or is_title_case(block) or is_all_caps(block):
            continue
        doc = block.doc
        end = 0
        for token in tokens_of(doc):
            if token.i < end or token.text not in gazetteer.org_heads or token.ent_id_:
                continue  # not "Federation" in "Russian Federation"
            start, end = _name_start(doc, token.i, gazetteer), _name_end(doc, token.i + 1, gazetteer)
            words = [t for t in doc[start:end] if t.is_alpha and t.lower_ not in NAME_FILLERS]
            country = next((c for t in doc[start:end] if (c := country_of(t, gazetteer))), None)
            if len(words) < 2 or _model_says_place(doc[start:end]):
                end = token.i + 1
                continue
            first, name, prefix_country = country_before_org(block, start, end, gazetteer)
            found.append(
                Mention(block, first, end, "name", make_actor("organization", strip_article(name), country=prefix_country or country))
            )
    return found


def _name_word(token: Token, gazetteer: Gazetteer, titles: bool = False) -> bool:
    """A word that can be part of an organisation's name: capitalised, not a date or a person, and not a
    title unless `titles` ("the Office of the President")."""
    return (
        (token.is_title or (token.is_upper and len(token) > 1) or token.text in gazetteer.country_by_alias)
        and token.text[0].isalpha()
        and token.pos_ != "DET"
        and not any(ch.isdigit() for ch in token.text)
        and token.ent_type_ not in ("DATE", "TIME", "PERSON", "CARDINAL", "ORDINAL", "MONEY")
        and (titles or (token.text not in gazetteer.role_set and token.text not in gazetteer.honorifics))
    )


def _name_start(doc, head: int, gazetteer: Gazetteer) -> int:
    """Where the capitalised words before an organisation word begin ("National Security and Defense Council")."""
    start = head
    while start > 0:
        previous = doc[start - 1]
        if _name_word(previous, gazetteer) and (not previous.is_sent_start or previous.tag_ in ("NNP", "NNPS")):
            start -= 1
        elif previous.lower_ == "and" and start >= 2 and _name_word(doc[start - 2], gazetteer) and start < head:
            start -= 1
        else:
            break
    return start


def _name_end(doc, end: int, gazetteer: Gazetteer) -> int:
    """Where an organisation's name stops: an acronym right after it ("Service DSNS"), "of/for [the] ..."
    phrases of capitalised words or a country, "in <city>" for an embassy."""
    seated = doc[end - 1].text in SEATED_BODIES
    if end < len(doc) and doc[end].is_upper and doc[end].is_alpha and len(doc[end]) > 1 and not doc[end].ent_id_:
        return end + 1
    while end + 1 < len(doc) and doc[end].lower_ in NAME_JOINERS:
        after = end + 1 + (doc[end + 1].lower_ == "the")
        if after >= len(doc) or not _name_word(doc[after], gazetteer, titles=True):
            break
        if doc[end].lower_ == "on" and doc[after].ent_type_ == "GPE":
            break  # "the Security Council on Ukraine" is about Ukraine
        end = after + 1
        while (
            end < len(doc)
            and not _starts_person_name(doc, end, gazetteer)
            and (
                _name_word(doc[end], gazetteer, titles=True)
                or (
                    doc[end].lower_ == "and"
                    and end + 1 < len(doc)
                    and _name_word(doc[end + 1], gazetteer)
                    and doc[end + 1].ent_type_ != "GPE"
                )
            )
        ):
            end += 1
    if seated and end + 1 < len(doc) and doc[end].lower_ == "in" and doc[end + 1].ent_type_ == "GPE":
        end += 2
    return end


def _starts_person_name(doc, i: int, gazetteer: Gazetteer) -> bool:
    """A given name and a capitalised word: a person named after the body ("the Ministry of Finance Anna Nowak")."""
    return doc[i].text in gazetteer.given_names and i + 1 < len(doc) and doc[i + 1].is_title


def _model_says_place(span: Span) -> bool:
    """The model read these words as one place or time ("the Soviet Union", "West Bank")."""
    return any(
        ent.label_ in ("GPE", "LOC", "FAC", "DATE", "EVENT", "LAW") and ent.start <= span.start and ent.end >= span.end
        for ent in span.doc.ents
    )


def with_acronyms(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """An acronym given with a name ("... Chemical Weapons (OPCW)", "State Emergencies Service DSNS") stands
    for that name wherever the document uses it; one given with a treaty stands for no actor."""
    acronyms: dict[str, Actor | None] = {}
    for mention in mentions:
        acronym = _acronym_after(mention.block.doc, mention.end)
        if acronym and mention.actor.type == "organization":
            acronyms.setdefault(acronym, mention.actor)
        elif (
            mention.actor.type == "organization"
            and len(mention.span) > 2
            and mention.span[-2].text in gazetteer.org_heads
            and mention.span[-1].is_upper
        ):
            acronyms.setdefault(mention.span[-1].text, mention.actor)  # "State Emergencies Service DSNS"
    for block in document.blocks:
        for ent in block.doc.ents:
            acronym = _acronym_after(block.doc, ent.end)
            if acronym and is_thing(ent, gazetteer):
                acronyms.setdefault(acronym, None)
    if not acronyms:
        return mentions
    found: list[Mention] = []
    taken: set[tuple[int, int]] = set()
    for mention in mentions:
        text = strip_article(mention.span.text)
        if text in acronyms and mention.actor.type in ("organization", "person", "location"):
            actor = acronyms[text]
            if actor is None:
                continue
            mention = replace(mention, actor=actor)
        found.append(mention)
        taken.update((mention.block.block_idx, i) for i in range(mention.start, mention.end))
    for block in document.blocks:
        for token in tokens_of(block.doc):
            actor = acronyms.get(token.text)
            if actor and (block.block_idx, token.i) not in taken:
                found.append(Mention(block, token.i, token.i + 1, "name", actor))
    return found


def _acronym_after(doc, end: int) -> str | None:
    """ "(OPCW)" right after a name."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].is_upper and len(doc[end + 1]) > 1:
        return doc[end + 1].text
    return None


def country_before_org(block: ParsedBlock, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, str, str | None]:
    """ "Russian Defence Ministry", "Russia's Defence Ministry", "U.S. State Department": the org and its country."""
    doc = block.doc
    text = doc[start:end].text
    if start >= 2 and doc[start - 1].tag_ == "POS":
        country = country_of(doc[start - 2], gazetteer)
        if country:
            demonym = gazetteer.demonym_of_country.get(country, doc[start - 2].text)
            return start - 2, f"{demonym} {text}", country
    if start >= 1:
        country = country_of(doc[start - 1], gazetteer)
        if country and doc[start - 1].ent_id_.partition(":")[0] != "institution" and not hyphen_modifier(doc, start):
            first = start - 1
            while first > 0 and doc[first - 1].ent_iob_ == "I" and doc[first].ent_iob_ == "I":
                first -= 1
            return first, doc[first:end].text, country
    return start, text, None


def plausible_org(ent: Span, gazetteer: Gazetteer) -> bool:
    """Not a model number, currency code or stray abbreviation the model took for an organisation."""
    text = ent.text
    if text in gazetteer.institutions:
        return True
    if any(ch.isdigit() for ch in text) and not any(ch.islower() for ch in text):
        return False
    return not (len(text) <= 3 and text.isupper() and text in gazetteer.currency_codes) and len(text.strip(".")) > 2


def place_after_org(block: ParsedBlock, end: int) -> tuple[int, str | None]:
    """An organisation cut short by the country rule ("Ministry of Foreign Affairs of" + "Ukraine") takes the country back."""
    doc = block.doc
    if end < len(doc) and doc[end - 1].pos_ in ("ADP", "CCONJ") and doc[end].ent_iob_ == "B":
        kind, _, code = doc[end].ent_id_.partition(":")
        if kind in ("country", "capital"):
            following = next(ent for ent in doc.ents if ent.start == end)
            return following.end, code
    return end, None


def bodies_named_before(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "the ministry", "the department", "the Senate": the one body of that kind the document names in
    full (or the latest named before); "the ministry of defense" after a country in the sentence is that
    country's."""
    bodies = [m for m in mentions if m.actor.type in ("organization", "country") and m.kind == "name" and len(m.span) > 1]
    heads = {id(m): _head_word(m.span.text if m.actor.type == "country" else m.actor.name, gazetteer) for m in bodies}
    starts = {(m.block.block_idx, m.start): m for m in mentions if m.end - m.start == 1 and m.actor.type == "organization"}
    taken = {(m.block.block_idx, i) for m in mentions for i in range(m.start, m.end)}
    result = [m for m in mentions]
    for block in document.blocks:
        doc = block.doc
        for token in tokens_of(doc):
            noun = token.lower_
            if noun not in BODY_NOUNS or token.i == 0 or doc[token.i - 1].lower_ != "the":
                continue
            named = starts.get((block.block_idx, token.i))
            if named is None and (block.block_idx, token.i) in taken:
                continue
            end = token.i + 1
            if named is None and end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].pos_ in ("NOUN", "PROPN"):
                end += 2  # "the ministry of defense"
            if named is None and any((block.block_idx, i) in taken for i in range(token.i, end)):
                continue
            actor = None
            country = next((c for t in token.sent if t.i < token.i and (c := country_of(t, gazetteer))), None)
            if end > token.i + 1 and country:
                demonym = gazetteer.demonym_of_country.get(country, country)
                actor = make_actor("organization", f"{demonym} {doc[token.i : end].text}", country=country)
            else:
                same = [m for m in bodies if heads[id(m)] == noun] or _blocs_named(mentions, noun)
                before = [m for m in same if m.position < (block.block_idx, token.i)]
                actor = same[0].actor if len({m.actor.actor_id for m in same}) == 1 else (before[-1].actor if before else None)
            if actor is None:
                continue
            if named is not None:
                result.remove(named)
            result.append(Mention(block, token.i - 1, end, "description", actor))
    return result


def _blocs_named(mentions: list[Mention], noun: str) -> list[Mention]:
    """The mentions of bodies of several countries that "the bloc" or "the alliance" can stand for (lists are lower case)."""
    names = BODIES_BY_NOUN.get(noun, frozenset())
    return [m for m in mentions if m.actor.type == "organization" and m.actor.name.lower() in names]


def _head_word(name: str, gazetteer: Gazetteer) -> str | None:
    """The word a body's name is built on: "department" in "U.S. Department of State"."""
    words = re.split(r"\s+(?:of|for|on)\s+", name.lower())[0].split()
    return next((word for word in reversed(words) if word in BODY_NOUNS), None)


def add_organisation_names(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """The mentions so far, then the organisations named around a word like Department or Senate."""
    return mentions + _organisation_names(document, gazetteer)


def short_company_names(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A company named in full ("Outboard Marine Corp") is that company when named short ("Outboard Marine"),
    though the model took the short name for a person's or, where it does not say where ("Tokheim said",
    "Exovir stock"), for another body's or a town's; not a name that starts with a given name ("Hal Roach"), nor one the document
    gives a person's fuller name for ("Baker" of "James Baker"), nor a place after "in" or "near"."""
    companies = _companies_by_short_name(mentions)
    bodies = {" ".join(m.actor.name.split()): m.actor for m in mentions if m.actor.type == "organization"}
    if not companies and not bodies:
        return mentions
    resolved = []
    for mention in mentions:
        name = " ".join(mention.actor.name.split())
        company = companies.get(name) if _taken_for_other(mention, gazetteer) else None
        if company is None and mention.actor.type == "location" and mention.actor.place is None and not _after_locative(mention):
            company = bodies.get(name)  # "repay H.R.S." where "H.R.S. said": a place no gazetteer knows
        if company and name == " ".join(mention.span.text.split()) and mention.span[0].text not in gazetteer.given_names:
            mention = replace(mention, actor=company)
        resolved.append(mention)
    return resolved


def _taken_for_other(mention: Mention, gazetteer: Gazetteer) -> bool:
    """A short company name the model took for a person with no title, or for another body or a place where it
    does not say where ("Tokheim said", not "a plant in Tokheim"); never a country's, a region's or a city's
    name ("Moscow said" of "Moscow Narodny Bank Ltd")."""
    if mention.actor.type == "person":
        return not mention.actor.role
    if mention.actor.type not in ("organization", "location") or _after_locative(mention):
        return False
    name = mention.actor.name
    place = mention.actor.place
    known_place = name in gazetteer.country_by_alias or name in gazetteer.country_by_capital or name in gazetteer.country_by_city
    return not known_place and (place is None or (place.precision == "place" and place.population < LARGE_TOWN))


def _after_locative(mention: Mention) -> bool:
    start = mention.span.start
    return start > 0 and mention.span.doc[start - 1].lower_ in LOCATIVE_WORDS


def _companies_by_short_name(mentions: list[Mention]) -> dict[str, Actor]:
    """Each leading part of a company's name ("Outboard", "Outboard Marine" of "Outboard Marine Corp") -> the
    company; a part two companies share ("Baker" of Baker Hughes and Baker International) is left out."""
    found: dict[str, Actor | None] = {}
    for mention in mentions:
        words = mention.actor.name.split()
        if mention.actor.type != "organization" or len(words) < 2 or words[-1].lower().rstrip(".") not in COMPANY_SUFFIXES:
            continue
        for short in _leading_parts(words):
            found[short] = mention.actor if found.get(short, mention.actor) == mention.actor else None
    return {short: actor for short, actor in found.items() if actor is not None}


def _leading_parts(words: list[str]) -> list[str]:
    """The leading words of a company's name without its suffix, and the first part of a hyphenated first word:
    "Outboard" and "Outboard Marine" of "Outboard Marine Corp", "Chesebrough" of "Chesebrough-Pond's Inc"."""
    parts = [" ".join(words[:size]) for size in range(1, len(words))]
    first, _, rest = words[0].partition("-")
    return parts + [first] if rest and first[:1].isupper() else parts
