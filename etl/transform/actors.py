"""Actors: find the people, organisations, countries, places and groups a document names.

Mentions come from the model's entities and the gazetteer rules; this module decides what each
refers to (titles give role and country, "the Russian leader" and "he" point back to a person
named earlier), marks every token of a mention with its actor id, and returns mention rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from etl.transform.context import Actor, ParsedBlock, ParsedDocument, row_id
from etl.transform.gazetteer import Gazetteer, load_gazetteer

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
GROUP_PRONOUNS = {"they", "them", "their", "themselves"}
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
# Words a Title Case headline leaves in lower case.
TITLE_CASE_LOWER_WORDS = {"a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "by", "with", "as", "vs", "from", "into", "over", "per", "via"}
# Group nouns that all mean a country's armed forces.
MILITARY_NOUNS = {"troops", "soldiers", "forces", "servicemen"}
# Entity types a capitalised word cannot be a surname in ("the summit is in May").
NOT_NAME_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT", "LAW"}
# How many paragraphs back "he said" looks for the last person who spoke.
SPEAKER_REACH_BLOCKS = 3
# How many of the latest paragraphs naming a person a description ("the French president") looks back into.
DESCRIPTION_REACH_BLOCKS = 2
# Words before a name that say whose side a person is on but not their office ("his Russian counterpart").
COUNTRY_ONLY_TITLES = {"counterpart", "leader", "envoy", "strongman", "autocrat"}
BRACKETS = re.compile(r"[\[\]()]")
TRANSLITERATED_ENDING = re.compile(r"(?:iy|yy|ij|ii|yi|y)$")
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class Mention:
    """A stretch of tokens in one block and what it refers to."""

    block: ParsedBlock
    start: int  # token index in block.doc
    end: int
    kind: str  # name, title, description, pronoun
    actor: Actor

    @property
    def span(self) -> Span:
        return self.block.doc[self.start : self.end]

    @property
    def position(self) -> tuple[int, int]:
        return (self.block.block_idx, self.start)


def resolve_actors(document: ParsedDocument) -> list[dict]:
    """Resolve every mention in the document, mark tokens with actor ids, return mention rows."""
    gazetteer = load_gazetteer()
    for block in document.blocks:
        for token in block.doc:
            token._.actor_id = None
    mentions = _entity_mentions(document, gazetteer)
    mentions = _persons_by_surname(document, mentions)
    mentions += _descriptions(document, mentions, gazetteer)
    mentions += _groups(document, mentions, gazetteer)
    mentions.sort(key=lambda mention: mention.position)
    mentions += _pronouns(document, mentions)
    mentions = _without_overlaps(mentions)
    document.actors = {}
    rows = []
    for mention in sorted(mentions, key=lambda m: m.position):
        document.actors[mention.actor.actor_id] = _merge_actor(document.actors.get(mention.actor.actor_id), mention.actor)
        for token in mention.span:
            token._.actor_id = mention.actor.actor_id
        start, end = mention.block.span_offsets(mention.span)
        rows.append(
            {
                "doc_id": document.doc_id,
                "block_idx": mention.block.block_idx,
                "char_start": start,
                "char_end": end,
                "text": mention.span.text,
                "actor_id": mention.actor.actor_id,
                "mention_kind": mention.kind,
            }
        )
    return rows


def make_actor(type_: str, name: str, role: str | None = None, country: str | None = None) -> Actor:
    """An actor whose id depends only on what it is: its type and canonical name (or country code)."""
    key = country if type_ == "country" else name.casefold()
    if type_ == "person":
        key = " ".join(spelling_key(word) for word in name.split())
    return Actor(row_id(type_, key), name, type_, role, country)


def spelling_key(word: str) -> str:
    """A name as compared across transliterations: Zelensky, Zelenskyy and Zelenskiy are one."""
    return TRANSLITERATED_ENDING.sub("y", word.casefold())


def is_title_case(block: ParsedBlock) -> bool:
    """A headline-style block where capitals say nothing about names: only short function words in lower case."""
    words = [token for token in block.doc if token.is_alpha]
    lower = [token for token in words if token.is_lower]
    return len(words) >= 3 and all(token.lower_ in TITLE_CASE_LOWER_WORDS for token in lower)


def _entity_mentions(document: ParsedDocument, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions from entities: gazetteer ids first, then the model's labels, titles attached."""
    mentions = []
    for block in document.blocks:
        trusted_only = block.kind == "headline" or is_title_case(block)
        for ent in block.doc.ents:
            mention = _mention_for_entity(block, ent, gazetteer, trusted_only)
            if mention:
                mentions.append(mention)
    return mentions


def _mention_for_entity(block: ParsedBlock, ent: Span, gazetteer: Gazetteer, trusted_only: bool) -> Mention | None:
    kind, _, code = ent.ent_id_.partition(":")
    start, end = ent.start, _end_without_possessive(ent)
    text = block.doc[start:end].text
    if kind == "country":
        return Mention(block, start, end, "name", make_actor("country", gazetteer.country_name.get(code, text), country=code))
    if kind == "capital":
        if _is_agent(block.doc[start:end]):
            return Mention(block, start, end, "name", make_actor("country", gazetteer.country_name.get(code, text), country=code))
        return Mention(block, start, end, "name", make_actor("location", gazetteer.capital_name.get(code, text), country=code))
    if kind == "city":
        return Mention(block, start, end, "name", make_actor("location", gazetteer.city_name.get(text, text), country=code))
    if kind == "institution":
        type_, country = gazetteer.institutions.get(text, ("organization", code or None))
        start = _country_before_org(block, start, end, gazetteer)[0] if code else start
        return Mention(block, start, end, "name", make_actor(type_, text, country=code or country))
    if kind == "demonym" or trusted_only:
        return None
    role, country, title_start = _title_before(block, start, gazetteer)
    if ent.label_ == "PERSON" and not role and end - start == 1 and text in gazetteer.country_by_city:
        return Mention(block, start, end, "name", make_actor("location", gazetteer.city_name[text], country=gazetteer.country_by_city[text]))
    if ent.label_ == "PERSON" or (ent.label_ == "ORG" and role):
        start, name = _strip_honorifics(block, start, end, gazetteer)
        if start >= end or not any(token.is_alpha for token in block.doc[start:end]):
            return None
        return Mention(block, start, end, "name", make_actor("person", name, role=role, country=country))
    if ent.label_ == "ORG" and not _inside_role(block, ent, gazetteer) and _plausible_org(ent, gazetteer):
        end, country = _place_after_org(block, end)
        start, name, prefix_country = _country_before_org(block, start, end, gazetteer)
        return Mention(block, start, end, "name", make_actor("organization", _strip_article(name), country=country or prefix_country))
    if ent.label_ in ("GPE", "LOC"):
        return Mention(block, start, end, "name", make_actor("location", _strip_article(text)))
    return None


def _country_before_org(block: ParsedBlock, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, str, str | None]:
    """ "Russian Defence Ministry", "Russia's Defence Ministry", "U.S. State Department": the org and its country."""
    doc = block.doc
    text = doc[start:end].text
    if start >= 2 and doc[start - 1].tag_ == "POS":
        country = _country_of(doc[start - 2], gazetteer)
        if country:
            demonym = gazetteer.demonym_of_country.get(country, doc[start - 2].text)
            return start - 2, f"{demonym} {text}", country
    if start >= 1:
        country = _country_of(doc[start - 1], gazetteer)
        if country and doc[start - 1].ent_id_.partition(":")[0] != "institution":
            first = start - 1
            while first > 0 and doc[first - 1].ent_iob_ == "I" and doc[first].ent_iob_ == "I":
                first -= 1
            return first, doc[first:end].text, country
    return start, text, None


def _plausible_org(ent: Span, gazetteer: Gazetteer) -> bool:
    """Not a model number, currency code or stray abbreviation the model took for an organisation."""
    text = ent.text
    if text in gazetteer.institutions:
        return True
    if any(ch.isdigit() for ch in text) and not any(ch.islower() for ch in text):
        return False
    return not (len(text) <= 3 and text.isupper() and text in gazetteer.currency_codes) and len(text.strip(".")) > 2


def _place_after_org(block: ParsedBlock, end: int) -> tuple[int, str | None]:
    """An organisation cut short by the country rule ("Ministry of Foreign Affairs of" + "Ukraine") takes the country back."""
    doc = block.doc
    if end < len(doc) and doc[end - 1].pos_ in ("ADP", "CCONJ") and doc[end].ent_iob_ == "B":
        kind, _, code = doc[end].ent_id_.partition(":")
        if kind in ("country", "capital"):
            following = next(ent for ent in doc.ents if ent.start == end)
            return following.end, code
    return end, None


def _end_without_possessive(ent: Span) -> int:
    end = ent.end
    while end - 1 > ent.start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return end


def _is_agent(span: Span) -> bool:
    """A place name used for its government: "Kyiv's allies", "Moscow said"."""
    root = span.root
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return root.dep_ in AGENT_DEPS or (following is not None and following.tag_ == "POS")


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text)


def _strip_honorifics(block: ParsedBlock, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, str]:
    """Drop "Sir", "Mr", "President" from the front of a person's name."""
    while start < end and (block.doc[start].text in gazetteer.honorifics or block.doc[start].text in gazetteer.roles):
        start += 1
    return start, BRACKETS.sub("", POSSESSIVE.sub("", block.doc[start:end].text))


def _title_before(block: ParsedBlock, start: int, gazetteer: Gazetteer) -> tuple[str | None, str | None, int]:
    """Role and country written just before a name: "U.S. Secretary of State", "Germany's Chancellor"."""
    doc = block.doc
    position = start
    while position > 0 and doc[position - 1].text in gazetteer.honorifics:
        position -= 1
    role = None
    for candidate in gazetteer.roles:
        words = candidate.split()
        if position - len(words) >= 0 and [t.text.lower() for t in doc[position - len(words) : position]] == [w.lower() for w in words]:
            role = candidate
            position -= len(words)
            break
    # A role inside the entity itself ("President Trump" tagged as one PERSON).
    if role is None:
        first = doc[start].text
        role = next((candidate for candidate in gazetteer.roles if candidate == first), None)
    if role is None and position > 0 and doc[position - 1].lower_ in COUNTRY_ONLY_TITLES:
        position -= 1
    elif role is None:
        return None, None, start
    country = None
    if position > 0 and doc[position - 1].tag_ == "POS":
        position -= 1
    if position > 0:
        previous = doc[position - 1]
        ent_id = previous.ent_id_ if previous.ent_type_ else ""
        code = ent_id.partition(":")[2] if ent_id.startswith(("country:", "demonym:", "capital:")) else None
        country = code or gazetteer.country_of_word(previous.text)
        if country:
            position -= 1
            while position > 0 and doc[position - 1].ent_iob_ == "I" and doc[position - 1].ent_type_:
                position -= 1
    return role, country, position


def _inside_role(block: ParsedBlock, ent: Span, gazetteer: Gazetteer) -> bool:
    """An ORG that is the tail of a role phrase ("State" in "Secretary of State")."""
    window = block.doc[max(0, ent.start - 3) : ent.end].text
    return any(window.endswith(role) for role in gazetteer.roles if " " in role)


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
        surname = spelling_key(mention.span[-1].text) if relabel else None
        if surname in full_names and (mention.actor.type == "person" or mention.end - mention.start == 1 or _reads_as_name(mention.span)):
            name = full_names[surname]
            country = mention.actor.country if mention.actor.type == "person" else None
            mention = replace(mention, actor=make_actor("person", name, mention.actor.role, country))
        resolved.append(mention)
        taken.update((mention.block.block_idx, i) for i in range(mention.start, mention.end))
    for block in document.blocks:
        for token in block.doc:
            if (
                spelling_key(token.text) in full_names
                and (block.block_idx, token.i) not in taken
                and token.is_title
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


def _descriptions(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "the Russian leader", "Ukraine's foreign minister": the person of that country (and office) meant.

    Next to a name ("Sergei Shoigu, the Russian defence minister," or "the French president, Emmanuel
    Macron") the description is that person's title; otherwise it points back to a person named before.
    """
    found = []
    persons = sorted((m for m in mentions if m.actor.type == "person"), key=lambda m: m.position)
    for block in document.blocks:
        doc = block.doc
        for token in doc:
            country, noun_start = _country_phrase(doc, token, gazetteer)
            if not country:
                continue
            noun, end = _leader_noun(doc, noun_start, gazetteer)
            if noun is None:
                continue
            if any(m.block is block and m.start == end for m in persons):
                continue  # a title right before a name: _title_before reads it
            position = (block.block_idx, token.i)
            person = _named_beside(persons, block, token.i, end) or _person_for_description(persons, position, country, noun)
            if person is None:
                continue
            role = person.role or (_role_title(noun, gazetteer) if noun != "leader" else None)
            actor = replace(person, role=role, country=person.country or country)
            found.append(Mention(block, token.i, end, "description", actor))
            persons = [replace(m, actor=actor) if m.actor.actor_id == actor.actor_id else m for m in persons]
    return found


def _country_phrase(doc, token: Token, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """ "the Russian …" or "Ukraine's …": the country and where the noun after it starts."""
    if token.lower_ == "the" and token.i + 1 < len(doc):
        return gazetteer.country_by_demonym.get(doc[token.i + 1].text), token.i + 2
    kind, _, code = token.ent_id_.partition(":") if token.ent_iob_ == "B" else ("", "", "")
    if kind in ("country", "capital"):
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end < len(doc) and doc[end].tag_ == "POS":
            return code, end + 1
    return None, token.i


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
    return next((role for role in gazetteer.roles if role.lower() == noun), None)


def _leader_noun(doc, start: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """The office or leader word at `start` ("president", "defence minister"), longest first."""
    for noun in gazetteer.description_nouns:
        words = noun.split()
        if [t.lower_ for t in doc[start : start + len(words)]] == words:
            return noun, start + len(words)
    return None, start


def _person_for_description(persons: list[Mention], position: tuple[int, int], country: str, noun: str) -> Actor | None:
    """The latest person before `position` of that country; else the one person of no known country
    named in the last paragraphs (two candidates are a guess, so none is taken)."""
    countries: dict[str, set] = {}
    for mention in persons:
        countries.setdefault(mention.actor.actor_id, set()).add(mention.actor.country)
    same_office = [
        m.actor for m in persons if (m.actor.role or "").lower() == noun and countries[m.actor.actor_id] - {None} <= {country}
    ]
    if len({actor.actor_id for actor in same_office}) == 1:
        return same_office[0]
    before = [m for m in persons if m.position < position]
    for mention in reversed(before):
        if mention.actor.country == country:
            return mention.actor
    recent = set(sorted({m.block.block_idx for m in before})[-DESCRIPTION_REACH_BLOCKS:])
    unplaced = {m.actor.actor_id: m.actor for m in before if m.block.block_idx in recent and countries.get(m.actor.actor_id, {None}) <= {None}}
    return next(iter(unplaced.values())) if len(unplaced) == 1 else None


def _groups(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "Russian officials", "U.S. defense officials", "Russia's troops", "officials in Kyiv", "the Russians"."""
    found = []
    for block in document.blocks:
        for token in block.doc:
            if (token.lower_ in gazetteer.group_nouns or token.lower_ in gazetteer.institution_nouns) and token.pos_ in ("NOUN", "PROPN"):
                mention = _group_of_noun(block, token, gazetteer)
            else:
                mention = _people_of_country(block, token, gazetteer)
            if mention:
                found.append(mention)
    return found


def _group_of_noun(block: ParsedBlock, noun: Token, gazetteer: Gazetteer) -> Mention | None:
    """A group noun whose modifiers, possessor or "in/from" phrase name a country."""
    doc = block.doc
    for token in doc[noun.left_edge.i : noun.i]:
        country = _country_of(token, gazetteer)
        if country:
            start = token.i + (1 if token.lower_ == "the" else 0)
            return Mention(block, start, noun.i + 1, "name", _group_actor(country, noun, gazetteer))
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "from", "of"):
            place = next((c for c in child.children if c.dep_ == "pobj"), None)
            country = _country_of(place, gazetteer) if place is not None else None
            if country and place.ent_type_ in ("GPE", "NORP"):
                return Mention(block, noun.i, place.i + 1, "name", _group_actor(country, noun, gazetteer))
    return None


def _people_of_country(block: ParsedBlock, token: Token, gazetteer: Gazetteer) -> Mention | None:
    """ "the Russians fired", "Ukrainians say": the people or forces of a country acting, as a group."""
    if token.tag_ not in ("NNPS", "NNS") or not token.text.endswith("s") or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    country = gazetteer.country_by_demonym.get(token.text[:-1])
    if not country:
        return None
    return Mention(block, token.i, token.i + 1, "name", make_actor("group", token.text, country=country))


def _group_actor(country: str, noun: Token, gazetteer: Gazetteer) -> Actor:
    """One group per country and kind: troops and soldiers are that country's forces; a ministry,
    government or military is an organisation named by its full phrase ("Russian Defence Ministry")."""
    demonym = gazetteer.demonym_of_country.get(country, gazetteer.country_name.get(country, country))
    if noun.lower_ in gazetteer.institution_nouns:
        words = [t.text for t in noun.doc[noun.left_edge.i : noun.i + 1] if t.pos_ in ("PROPN", "NOUN", "ADJ") and not _country_of(t, gazetteer)]
        return make_actor("organization", " ".join([demonym, *words]), country=country)
    kind = "forces" if noun.lower_ in MILITARY_NOUNS else noun.lower_
    return make_actor("group", f"{demonym} {kind}", country=country)


def _country_of(token: Token, gazetteer: Gazetteer) -> str | None:
    """The country a word stands for: a demonym, a country or capital, or a national institution."""
    kind, _, code = token.ent_id_.partition(":") if token.ent_type_ else ("", "", "")
    if kind in ("country", "capital", "demonym", "institution") and code:
        return code
    return gazetteer.country_by_demonym.get(token.text)


def _pronouns(document: ParsedDocument, mentions: list[Mention]) -> list[Mention]:
    """he/she to the latest person named before (a speaker to the latest speaker); its/their to the
    latest country, body or group in the sentence."""
    speech_verbs = load_gazetteer().speech_verbs
    found = []
    speakers = [m for m in mentions if m.actor.type == "person" and _speaks(m.span.root, speech_verbs)]
    for block in document.blocks:
        for token in block.doc:
            lower = token.lower_
            position = (block.block_idx, token.i)
            if lower in PERSON_PRONOUNS and _speaks(token, speech_verbs):
                target = _latest_subject(speakers, position, SPEAKER_REACH_BLOCKS) or _latest_subject(mentions, position) or _latest(mentions, position, {"person"})
                if target:
                    speakers.append(Mention(block, token.i, token.i + 1, "pronoun", target))
            elif lower in PERSON_PRONOUNS:
                target = _latest_subject(mentions, position) or _latest(mentions, position, {"person"})
            elif lower in THING_PRONOUNS and token.tag_ == "PRP$":
                target = _latest(mentions, (block.block_idx, token.i), {"country", "organization"}, token.sent)
            elif lower in GROUP_PRONOUNS:
                target = _latest(mentions, (block.block_idx, token.i), {"group"}, token.sent)
            else:
                continue
            if target:
                found.append(Mention(block, token.i, token.i + 1, "pronoun", target))
    return found


def _speaks(token: Token, speech_verbs: frozenset[str]) -> bool:
    """The word is the subject of a reporting verb ("he said", "Marles told reporters")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in speech_verbs


def _latest_subject(mentions: list[Mention], position: tuple[int, int], reach: int = 1) -> Actor | None:
    """The latest person who was a sentence subject, within this paragraph and the `reach` before."""
    for mention in sorted(mentions, key=lambda m: m.position, reverse=True):
        if mention.position >= position or mention.actor.type != "person":
            continue
        if mention.block.block_idx < position[0] - reach:
            return None
        if mention.span.root.dep_ in ("nsubj", "nsubjpass"):
            return mention.actor
    return None


def _latest(mentions: list[Mention], position: tuple[int, int], types: set[str], sentence: Span | None = None) -> Actor | None:
    for mention in reversed(mentions):
        if mention.position >= position or mention.actor.type not in types:
            continue
        if sentence is not None and not (mention.block.block_idx == position[0] and sentence.start <= mention.start < sentence.end):
            continue
        return mention.actor
    return None


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest mention where two overlap (a description over a demonym, say)."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.block.block_idx, m.start, -(m.end - m.start))):
        last = kept[-1] if kept else None
        if last and last.block.block_idx == mention.block.block_idx and mention.start < last.end:
            continue
        kept.append(mention)
    return kept


def _merge_actor(known: Actor | None, seen: Actor) -> Actor:
    """Fill an actor's missing role and country from a further mention."""
    if known is None:
        return seen
    return replace(known, role=known.role or seen.role, country=known.country or seen.country)


def country_of_token(token: Token, gazetteer: Gazetteer | None = None) -> str | None:
    """ISO alpha-3 a single word points to ("Ukrainian", "Russia", "Kyiv"), if any."""
    return (gazetteer or load_gazetteer()).country_of_word(token.text)
