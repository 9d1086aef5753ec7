"""Persons: one actor per person, found again by surname, and descriptions ("the Russian leader") for the person meant."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from etl.transform.actors.mentions import WORDS, Mention, countries_named, is_all_caps, make_actor, only_country, spelling_key
from etl.transform.context import Actor, ParsedBlock, ParsedDocument, tokens_of
from etl.transform.gazetteer import Gazetteer

ANY_OFFICE_TITLES = WORDS["any_office_titles"]
# Entity types a capitalised word cannot be a surname in ("the summit is in May").
NOT_NAME_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT", "LAW"}
# How many of the latest paragraphs naming a person a description ("the French president") looks back into.
DESCRIPTION_REACH_BLOCKS = 2
# Words of the level an office serves, before the office: "the regional governor", "the resident district commissioner".
OFFICE_LEVELS = WORDS["office_levels"]
# What joins an office to the place it serves: "the mayor of Hebron", "the governor in Kano", "the commissioner for Waikato".
OFFICE_PREPOSITIONS = frozenset({"of", "in", "for"})
# What the model calls a place, or nothing: "the mayor of Port Amisi", not "the president of Acme Corp".
PLACE_ENTITIES = {"GPE", "LOC", ""}


def _persons_by_surname(document: ParsedDocument, mentions: list[Mention]) -> list[Mention]:
    """One actor per person: "Trump", "President Trump" and "Donald Trump" share the fullest name.

    Also finds the same names where the model missed them (headlines, "Trump-Putin call").
    """
    full_names: dict[str, str] = {}  # spelling_key(surname) -> fullest name
    for mention in mentions:
        if mention.actor.type == "person":
            name = mention.actor.name
            surname = spelling_key(name.split()[-1])
            if len(name.split()) > len(full_names.get(surname, "").split()):
                full_names[surname] = name
    if not full_names:
        return mentions
    resolved = []
    taken: set[tuple[int, int]] = set()
    for mention in mentions:
        parts = _hyphenated_names(mention, full_names)
        if parts:
            resolved.extend(parts)
            taken.update((mention.block.block_idx, i) for i in range(mention.start, mention.end))
            continue
        relabel = mention.actor.type in ("person", "organization", "location")
        key = spelling_key(mention.span[-1].text) if relabel else None
        if (
            key is not None
            and key in full_names
            and (mention.actor.type == "person" or mention.end - mention.start == 1 or _reads_as_name(mention.span))
        ):
            name = full_names[key]
            country = mention.actor.country if mention.actor.type == "person" else None
            mention = replace(mention, actor=make_actor("person", name, mention.actor.role, country))
        resolved.append(mention)
        taken.update((mention.block.block_idx, i) for i in range(mention.start, mention.end))
    for block in document.blocks:
        for token in tokens_of(block.doc):
            if (
                spelling_key(token.text) in full_names
                and (block.block_idx, token.i) not in taken
                and (token.is_title or (token.is_upper and is_all_caps(block)))
                and token.ent_type_ not in NOT_NAME_ENTITIES
                and token.pos_ in ("PROPN", "NOUN", "VERB", "ADJ")
            ):
                resolved.append(Mention(block, token.i, token.i + 1, "name", make_actor("person", full_names[spelling_key(token.text)])))
    return resolved


def _reads_as_name(span: Span) -> bool:
    """Two capitalised words, as a first name and a surname the model took for an organisation."""
    return len(span) == 2 and all(token.is_title and token.is_alpha for token in span)


def _hyphenated_names(mention: Mention, full_names: dict[str, str]) -> list[Mention]:
    """ "the Biden-Macron call": one person mention per name when every part is a known surname."""
    words = [token for token in mention.span if token.text != "-" and token.pos_ != "DET"]
    if len(words) < 2 or not any(token.text == "-" for token in mention.span) or not all(spelling_key(t.text) in full_names for t in words):
        return []
    return [Mention(mention.block, t.i, t.i + 1, "name", make_actor("person", full_names[spelling_key(t.text)])) for t in words]


def descriptions(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "the Russian leader", "Ukraine's foreign minister": the person of that country (and office) meant.

    Next to a name ("Sergei Shoigu, the Russian defence minister," or "the French president, Emmanuel
    Macron") the description is that person's title; otherwise it points back to a person named before,
    and failing that to the office's holder ("the Russian foreign minister", unnamed). A bare office ("the
    president") in a document that names no person is of the one country its places are in, if they are all in one.
    """
    found = []
    persons = sorted((m for m in mentions if m.actor.type == "person"), key=lambda m: m.position)
    home = only_country(mentions) if not persons else None  # a named person may hold the office (roles.py)
    nowhere = not persons and not countries_named(mentions)  # "The governor blamed police": an office of no known country
    places = {
        (m.block.block_idx, m.start): m.actor.country for m in mentions if m.actor.type in ("location", "country") and m.actor.country
    }
    subjects = sorted(
        (m.position, m.actor.country)
        for m in mentions
        if m.actor.type == "country" and m.actor.country and m.span.root.dep_ in ("nsubj", "nsubjpass")
    )
    for block in document.blocks:
        doc = block.doc
        for token in tokens_of(doc):
            country, noun_start = _country_phrase(doc, token, gazetteer)
            if not country:
                country, noun_start = _office_of_a_place(block, token, gazetteer, places)
            if not country:
                country, noun_start = _office_of_its(block, token, subjects)
            if not country:
                country, noun_start = _office_after_a_place(block, token, gazetteer, places)
            unnamed = (
                not country and (home or nowhere) and (_bare_office(doc, token, gazetteer) or _office_of_a_name(doc, token, gazetteer))
            )
            if unnamed:
                country, noun_start = home, _office_start(token)  # "KAMPALA (Reuters) - The president vetoed ...": Uganda's
            elif not country:
                continue
            noun, end = _leader_noun(doc, noun_start, gazetteer)
            if noun is None:
                continue
            if any(m.block is block and m.start == end for m in persons):
                continue  # a title right before a name: _title_before reads it
            position = (block.block_idx, token.i)
            sentence = token.sent
            near = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
            person = _named_beside(persons, block, token.i, end)
            if person is None and country:
                person = _person_for_description(persons, position, country, noun, gazetteer, near)
            role = _role_title(noun, gazetteer) if noun != "leader" else None
            if person is None and role and not any(m.block is block and sentence.start <= m.start < sentence.end for m in persons):
                person = make_actor("person", _office_name(role, country, gazetteer), role=role, country=country)
            if person is None:
                continue
            actor = replace(person, role=person.role or role, country=person.country or country)
            found.append(Mention(block, token.i, end, "description", actor))
            persons = [replace(m, actor=actor) if m.actor.actor_id == actor.actor_id else m for m in persons]
    return mentions + found


def _office_name(role: str, country: str | None, gazetteer: Gazetteer) -> str:
    """An unnamed office holder's name: "Kenyan Governor", or "Governor" when no country is known, as police of no
    known country are "Police"."""
    if country is None:
        return role
    demonym = gazetteer.demonym_of_country.get(country, gazetteer.country_name.get(country, country))
    return f"{demonym} {role}"


def _country_phrase(doc, token: Token, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """ "the Russian …", "the Kremlin …" or "Ukraine's …": the country and where the noun after it starts."""
    if token.lower_ == "the" and token.i + 1 < len(doc):
        following = doc[token.i + 1]
        kind, _, code = following.ent_id_.partition(":")
        if kind == "institution" and code and following.ent_iob_ == "B":
            return code, _entity_end(doc, token.i + 1)
        return gazetteer.country_by_demonym.get(following.text), token.i + 2
    kind, _, code = token.ent_id_.partition(":") if token.ent_iob_ == "B" else ("", "", "")
    if kind in ("country", "capital"):
        end = _entity_end(doc, token.i)
        if end < len(doc) and doc[end].tag_ == "POS":
            return code, end + 1
    return None, token.i


def _entity_end(doc, start: int) -> int:
    """Where the named entity that begins at `start` ends."""
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _office_of_a_place(
    block: ParsedBlock, token: Token, gazetteer: Gazetteer, places: dict[tuple[int, int], str]
) -> tuple[str | None, int]:
    """ "the mayor of Hebron", "the governor of Kano", "the mayor of the Peruvian town of Ilave": an office named by
    the place it serves, which is of that place's country (the first place or demonym of its "of" phrase); the country
    and where the office starts."""
    doc = block.doc
    of = _of_after_office(doc, token, gazetteer)
    if of is None:
        return None, token.i
    served = [child for child in doc[of].children if child.dep_ == "pobj"]
    for word in sorted(served[0].subtree, key=lambda t: t.i) if served else [doc[of + 1]]:
        country = places.get((block.block_idx, word.i)) or gazetteer.country_by_demonym.get(word.text)
        if country:
            return country, token.i + 1
    return None, token.i


def _office_after_a_place(
    block: ParsedBlock, token: Token, gazetteer: Gazetteer, places: dict[tuple[int, int], str]
) -> tuple[str | None, int]:
    """ "Borno state governor", "Enga governor": a place's name right before an office is the place it serves, of
    that place's country (not before a name the model missed: "Lagos state governor Babajide Sanwo-Olu"); the
    country and where the words after the place's name start."""
    doc = block.doc
    country = places.get((block.block_idx, token.i))
    if not country or token.ent_iob_ != "B":
        return None, token.i
    end = _entity_end(doc, token.i)
    noun, noun_end = _leader_noun(doc, end, gazetteer)
    if noun is None or (noun_end < len(doc) and doc[noun_end].pos_ == "PROPN"):
        return None, token.i
    return country, end


def _office_of_its(block: ParsedBlock, token: Token, subjects: list[tuple[tuple[int, int], str]]) -> tuple[str | None, int]:
    """ "Turkey will not back Sweden's bid, its foreign minister said": "its" before an office is the country that is
    the subject last named before it in its sentence (not "Sweden's"); the country and where the office starts."""
    if token.lower_ != "its" or token.dep_ != "poss":
        return None, token.i
    sentence_start = (block.block_idx, token.sent.start)
    before = [country for position, country in subjects if sentence_start <= position < (block.block_idx, token.i)]
    return (before[-1], token.i + 1) if before else (None, token.i)


def _bare_office(doc, token: Token, gazetteer: Gazetteer) -> bool:
    """ "the president", "the prime minister": an office with no country, no name and no "of" after it."""
    end = _office_after_the(doc, token, gazetteer)
    return end is not None and (end >= len(doc) or (doc[end].lower_ != "of" and not doc[end].is_title))


def _office_of_a_name(doc, token: Token, gazetteer: Gazetteer) -> bool:
    """ "the mayor of Port Amisi": an office of a place by a name no gazetteer knows, which is of the one country the
    document names, if any."""
    of = _of_after_office(doc, token, gazetteer)
    return of is not None and doc[of + 1].pos_ == "PROPN" and doc[of + 1].ent_type_ in PLACE_ENTITIES


def _of_after_office(doc, token: Token, gazetteer: Gazetteer) -> int | None:
    """Where the "of" of "the mayor of ..." ("the governor in ...", "the commissioner for ...") is, when an office after
    "the" is followed by such a preposition and a word."""
    end = _office_after_the(doc, token, gazetteer)
    return end if end is not None and end + 1 < len(doc) and doc[end].lower_ in OFFICE_PREPOSITIONS else None


def _office_after_the(doc, token: Token, gazetteer: Gazetteer) -> int | None:
    """Where an office word right after "the" ends ("the president", "the defence minister"), or one that opens a
    sentence with no article, as headlines and much of the South Asian press write it ("Home Minister tendered his
    resignation"); None when no office is there ("leader" is a description, not an office)."""
    noun, end = _leader_noun(doc, _office_start(token), gazetteer)
    return end if noun is not None and noun != "leader" else None


def _office_start(token: Token) -> int:
    """Where an office would begin at a token: after "the", or at a capitalised first word of a sentence; past the
    end of the document otherwise (no office)."""
    if token.lower_ == "the":
        return token.i + 1
    if token.i == token.sent.start and token.is_title:
        return token.i
    return len(token.doc)


def _named_beside(persons: list[Mention], block: ParsedBlock, start: int, end: int) -> Actor | None:
    """The person a description stands in apposition to: "X, the …," or "the …, X"."""
    doc = block.doc
    before = start - 1 if start > 0 and doc[start - 1].text == "," else None
    after = end + 1 if end < len(doc) and doc[end].text == "," else None
    for mention in persons:
        if mention.block.block_idx != block.block_idx:
            continue
        if (before is not None and mention.end == before) or (after is not None and mention.start == after):
            return mention.actor
    return None


def _role_title(noun: str, gazetteer: Gazetteer) -> str | None:
    """The role as the roles file spells it ("foreign minister" -> "Foreign Minister")."""
    return gazetteer.role_by_lower.get(noun)


def _leader_noun(doc, start: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """The office or leader word at `start` ("president", "defence minister"), longest first, also after a word of
    the level it serves ("the regional governor", "the provincial police chief")."""
    if start >= len(doc):
        return None, start
    for noun in gazetteer.description_nouns_by_first_word.get(doc[start].lower_, ()):
        words = noun.split()
        if [t.lower_ for t in doc[start : start + len(words)]] == words:
            return noun, start + len(words)
    if doc[start].lower_ in OFFICE_LEVELS:
        office, end = _leader_noun(doc, start + 1, gazetteer)
        return (office, end) if office is not None else (None, start)
    return None, start


def _person_for_description(
    persons: list[Mention], position: tuple[int, int], country: str, noun: str, gazetteer: Gazetteer, near: int
) -> Actor | None:
    """The person of that country who may hold the office, latest first; else the one person of no known
    country named since token `near` (the sentence before) or, failing any, in the last paragraphs.
    Two candidates are a guess, so none is taken."""
    countries: dict[str, set] = {}
    for mention in persons:
        countries.setdefault(mention.actor.actor_id, set()).add(mention.actor.country)
    same_office = [m.actor for m in persons if (m.actor.role or "").lower() == noun and countries[m.actor.actor_id] - {None} <= {country}]
    if len({actor.actor_id for actor in same_office}) == 1:
        return same_office[0]
    before = [m for m in persons if m.position < position and _may_hold(m.actor, noun, gazetteer)]
    for mention in reversed(before):
        if country in countries[mention.actor.actor_id]:
            return mention.actor
    unplaced = [m for m in before if countries[m.actor.actor_id] <= {None}]
    nearby = {m.actor.actor_id: m.actor for m in unplaced if m.block.block_idx == position[0] and m.start >= near}
    if nearby:
        return next(iter(nearby.values())) if len(nearby) == 1 else None
    recent = set(sorted({m.block.block_idx for m in before})[-DESCRIPTION_REACH_BLOCKS:])
    candidates = {m.actor.actor_id: m.actor for m in unplaced if m.block.block_idx in recent}
    return next(iter(candidates.values())) if len(candidates) == 1 else None


def _may_hold(actor: Actor, noun: str, gazetteer: Gazetteer) -> bool:
    """Whether a person could be "the … <noun>": a defence minister is neither "the foreign minister" nor
    "the Russian leader"."""
    if not actor.role or noun in ANY_OFFICE_TITLES:
        return True
    if noun in gazetteer.head_nouns:
        return actor.role.lower() in gazetteer.head_nouns
    return _role_title(noun, gazetteer) is None or actor.role.lower() == noun


def by_surname(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """One actor per person, and its surname found where the model missed it (_persons_by_surname)."""
    return _persons_by_surname(document, mentions)
