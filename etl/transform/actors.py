"""Actors: find the people, organisations, countries, places and groups a document names.

Mentions come from the model's entities and the gazetteer rules; this module decides what each
refers to (titles give role and country, "the Russian leader" and "he" point back to a person
named earlier), marks every token of a mention with its actor id, and returns mention rows.

The model's labels are a first guess, corrected by how English writes names: capitalised words built
around "Department" or "Senate" are one organisation; a name after "the village of" or "near" is a
place; one that starts with a given name is a person; a capital is its government when it acts
("Moscow said", "sanctions on Moscow") and the city when it is where things happen ("in Kyiv",
"missiles hit Kyiv"); a country the document only names as a place ("companies in Belgium") is a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from etl.transform.context import ACTOR_IDS, Actor, ParsedBlock, ParsedDocument, row_id, text_of, tokens_of
from etl.transform.gazetteer import Gazetteer, load_gazetteer, word_lists

# The word lists, from data/actor_words.tsv (each row says what its list is for).
WORDS = word_lists("actor_words.tsv")
PERSON_PRONOUNS = WORDS["person_pronouns"]
THING_PRONOUNS = WORDS["thing_pronouns"]
GROUP_PRONOUNS = WORDS["group_pronouns"]
FORCES_OWNER_PRONOUNS = WORDS["forces_owner_pronouns"]
TITLE_CASE_LOWER_WORDS = WORDS["title_case_lower"]
MILITARY_NOUNS = WORDS["military_nouns"]
COUNTRY_ONLY_TITLES = WORDS["country_only_titles"]
ANY_OFFICE_TITLES = WORDS["any_office_titles"]
LOCATIVE_PREPOSITIONS = WORDS["locative"]
STRONG_LOCATIVES = WORDS["strong_locative"]
DIRECTION_LOCATIVES = WORDS["direction_locative"]
DESTINATION_PREPOSITIONS = WORDS["destination"]
BORDERING_WORDS = WORDS["bordering"]
MEETING_PLACE_PREPOSITIONS = WORDS["meeting_place"]
GOVERNMENT_PREPOSITIONS = WORDS["government_prepositions"]
STANCE_NOUNS = WORDS["stance_nouns"]
COMPASS_POINTS = WORDS["compass_points"]
NAME_PARTICLES = WORDS["name_particles"]
NAME_JOINERS = WORDS["name_joiners"]
NAME_FILLERS = WORDS["name_fillers"]
NAME_TRAILING_WORDS = WORDS["name_trailing"]
SEATED_BODIES = frozenset(word.title() for word in WORDS["seated_bodies"])  # as written in a name: "Embassy"
SIDE_PREFIXES = WORDS["side_prefixes"]
GROUP_PLACE_PREPOSITIONS = WORDS["group_place"]
EXPLETIVE_VERBS = WORDS["expletive_verbs"]
BODY_NOUNS = WORDS["body_nouns"]
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
# Entity types a capitalised word cannot be a surname in ("the summit is in May").
NOT_NAME_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT", "LAW"}
# How many paragraphs back "he said" looks for the last person who spoke.
SPEAKER_REACH_BLOCKS = 3
# How many of the latest paragraphs naming a person a description ("the French president") looks back into.
DESCRIPTION_REACH_BLOCKS = 2
# Labels a place name may wrongly carry (Chasiv Yar as PERSON, Novobakhmutivka as ORG).
MISLABELLED_PLACE = {"PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "NORP", "GPE", "LOC"}
# Labels the model gives a person's name it does not know (Volodymyr Zelenskiy as ORG).
MISLABELLED_PERSON = {"ORG", "GPE", "LOC", "PRODUCT", "FAC", "NORP", "WORK_OF_ART"}
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")
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
        return Span(self.block.doc, self.start, self.end)  # not doc[start:end], which checks the slice in Python

    @property
    def position(self) -> tuple[int, int]:
        return (self.block.block_idx, self.start)


def resolve_actors(document: ParsedDocument) -> list[dict]:
    """Resolve every mention in the document, mark tokens with actor ids, return mention rows."""
    gazetteer = load_gazetteer()
    for block in document.blocks:
        block.doc.user_data[ACTOR_IDS] = [None] * len(block.doc)
    mentions = _entity_mentions(document, gazetteer) + _organisation_names(document, gazetteer)
    mentions = _with_acronyms(document, _without_overlaps(mentions), gazetteer)
    mentions = _persons_by_surname(document, mentions)
    mentions = _descriptions(document, mentions, gazetteer)
    mentions += _groups(document, mentions, gazetteer)
    mentions = _bodies_named_before(document, _without_overlaps(mentions), gazetteer)
    mentions.sort(key=lambda mention: mention.position)
    mentions += _pronouns(document, mentions, gazetteer)
    mentions = _places_only(_without_overlaps(mentions), gazetteer)
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
    words = [token for token in tokens_of(block.doc) if token.is_alpha]
    lower = [token for token in words if token.is_lower]
    return len(words) >= 3 and all(token.lower_ in TITLE_CASE_LOWER_WORDS for token in lower)


def is_all_caps(block: ParsedBlock) -> bool:
    """A line in capitals ("RUSSIA WARNS ISRAEL ..."), where the model finds no names worth having."""
    words = [token for token in tokens_of(block.doc) if token.is_alpha and len(token) > 1]
    return len(words) >= 3 and sum(token.is_upper for token in words) >= 0.8 * len(words)


def _entity_mentions(document: ParsedDocument, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions from entities: gazetteer ids first, then the model's labels, titles attached."""
    mentions = []
    for block in document.blocks:
        if is_all_caps(block):
            mentions += _shouted_names(block, gazetteer)
            continue
        trusted_only = block.kind == "headline" or is_title_case(block)
        for ent in block.doc.ents:
            for part in _list_items(ent):
                mention = _mention_for_entity(block, part, gazetteer, trusted_only)
                if mention:
                    mentions.append(mention)
    return mentions


def _list_items(ent: Span) -> list[Span]:
    """A model entity running over a comma ("Sumy, Hlyboke") is a list: each item on its own."""
    if ent.ent_id_ or not any(token.text == "," for token in ent):
        return [ent]
    items, start = [], ent.start
    for token in [*ent, None]:
        if token is None or token.text == ",":
            end = token.i if token is not None else ent.end
            if end > start:
                items.append(Span(ent.doc, start, end, label=ent.label_))
            start = end + 1
    return items


def _shouted_names(block: ParsedBlock, gazetteer: Gazetteer) -> list[Mention]:
    """Countries and institutions in an all-caps line, found by their usual spelling ("ISRAEL" is Israel); town
    names are left out, too many of them are also words ("TO", "OF")."""
    doc = block.doc
    found = []
    i = 0
    while i < len(doc):
        for size in (3, 2, 1):
            words = doc[i : i + size]
            if len(words) < size or not all(token.is_upper or not token.is_alpha for token in words):
                continue
            spelled = words.text if words.text in gazetteer.country_by_alias or words.text in gazetteer.institutions else words.text.title()
            if _hyphen_modifier(doc, i + size):
                continue
            code = gazetteer.country_by_alias.get(spelled)
            if code:
                found.append(
                    Mention(block, i, i + size, "name", make_actor("country", gazetteer.country_name.get(code, spelled), country=code))
                )
            elif spelled in gazetteer.institutions:
                type_, country = gazetteer.institutions[spelled]
                found.append(Mention(block, i, i + size, "name", make_actor(type_, gazetteer.institution_name[spelled], country=country)))
            else:
                continue
            i += size - 1
            break
        i += 1
    return found


def _mention_for_entity(block: ParsedBlock, ent: Span, gazetteer: Gazetteer, trusted_only: bool) -> Mention | None:
    kind, _, code = ent.ent_id_.partition(":")
    start, end = ent.start, _end_without_possessive(ent)
    while end - start > 1 and (block.doc[end - 1].lower_ in NAME_TRAILING_WORDS or block.doc[end - 1].is_punct):
        end -= 1  # "the Ministry of the Interior of the" before "Russian Federation"; "... of Europe ("
    text = block.doc[start:end].text
    if _hyphen_modifier(block.doc, end) or _is_thing(block.doc[start:end], gazetteer):
        return None  # "Kremlin-controlled", "US-supplied Himars", "Tupolev bombers"
    if kind == "country":
        return Mention(block, start, end, "name", make_actor("country", gazetteer.country_name.get(code, text), country=code))
    if kind == "capital":
        if _stands_for_government(block.doc[start:end], gazetteer):
            return Mention(block, start, end, "name", make_actor("country", gazetteer.country_name.get(code, text), country=code))
        return Mention(block, start, end, "name", make_actor("location", gazetteer.capital_name.get(code, text), country=code))
    if kind == "city":
        end = _with_place_noun(block.doc, end, gazetteer)
        words = _strip_article(text).split()
        name = " ".join(words[:-1] if len(words) > 1 and words[-1].lower() in gazetteer.place_nouns else words)
        return Mention(block, start, end, "name", make_actor("location", gazetteer.city_name.get(name, name), country=code or None))
    if kind == "institution":
        type_, country = gazetteer.institutions.get(text, ("organization", code or None))
        start = _country_before_org(block, start, end, gazetteer)[0] if code else start
        return Mention(block, start, end, "name", make_actor(type_, gazetteer.institution_name.get(text, text), country=code or country))
    if kind == "demonym" or trusted_only:
        return None
    role, country, title_start = _title_before(block, start, gazetteer)
    if ent.label_ == "PERSON":
        start = _given_names_before(block.doc, start, gazetteer)
        while end < len(block.doc) and block.doc[end - 1].text in NAME_PARTICLES and block.doc[end].is_title:
            end += 1  # "von der" + "Leyen"
    if ent.label_ == "PERSON" and not role and end - start == 1 and text in gazetteer.country_by_city:
        return Mention(
            block, start, end, "name", make_actor("location", gazetteer.city_name[text], country=gazetteer.country_by_city[text])
        )
    if (
        ent.label_ in MISLABELLED_PLACE
        and not role
        and _reads_as_place(block.doc[start:end], gazetteer)
        and not _reads_as_person(block.doc[start:end], gazetteer)
    ):
        end_with_noun = _with_place_noun(block.doc, end, gazetteer)
        return Mention(block, start, end_with_noun, "name", make_actor("location", _strip_article(text)))
    if ent.label_ in MISLABELLED_PERSON and not role:
        start, end = _trailing_name(block.doc, start, end, gazetteer)
        if _reads_as_person(block.doc[start:end], gazetteer):
            return Mention(block, start, end, "name", make_actor("person", block.doc[start:end].text))
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


def _hyphen_modifier(doc, end: int) -> bool:
    """A name joined by a hyphen to a participle ("Russia-backed", "US-supplied"): it modifies, it does not act."""
    if end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_ or doc[end].whitespace_:
        return False
    following = doc[end + 1]
    return following.is_alpha and (
        following.is_lower or (following.is_upper and following.ent_type_ not in ("GPE", "PERSON", "ORG", "NORP"))
    )


def _is_thing(span: Span, gazetteer: Gazetteer) -> bool:
    """A weapon, a platform or a treaty, not an actor: "Storm Shadow", "on Telegram", "the Chemical Weapons Convention",
    or a maker's name before a weapon ("Tupolev bombers")."""
    text = _strip_article(span.text)
    if text in gazetteer.thing_names or span[-1].text in gazetteer.document_nouns or span[0].text in gazetteer.vessel_prefixes:
        return True
    if len(span) == 1 and span[0].tag_ == "NNS" and span[0].is_title and span[0].lemma_ != span[0].text:
        return True  # "Groups of people ..." at the start of a sentence
    root = span.root
    return (
        span.label_ in ("ORG", "PRODUCT", "PERSON", "")
        and root.dep_ == "compound"
        and root.head.lemma_.lower() in gazetteer.weapon_nouns
        and not root.ent_id_
    )


def _reads_as_place(span: Span, gazetteer: Gazetteer) -> bool:
    """A name placed as places are: "the village of X", "X district", "near X", or listed with places
    ("five villages — A, B and C")."""
    doc = span.doc
    start, end = span.start, span.end
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.lower() in gazetteer.place_nouns:
        return True
    if start >= 1 and doc[start - 1].lemma_.lower() in gazetteer.place_nouns and doc[start - 1].is_lower:
        return True  # "the coal mining city Vuhledar"
    if end < len(doc) and doc[end].lemma_.lower() in gazetteer.place_nouns and doc[end].is_lower:
        return True
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in STRONG_LOCATIVES:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in MEETING_PLACE_PREPOSITIONS and root.head.head.lemma_.lower() in gazetteer.meeting_words:
        return not any(token.text in gazetteer.org_heads for token in span)  # "the summit at Schloss Elmau"
    if root.ent_type_ == "PERSON" and len(span) == 1 and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
        return root.head.head.lemma_.lower() not in STANCE_NOUNS  # "a foothold in Krynky", not "trust in Biden"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in COMPASS_POINTS:
        return True  # "10 kilometres north of Avdiivka"
    return _in_list_of_places(root, gazetteer)


def _in_list_of_places(token: Token, gazetteer: Gazetteer) -> bool:
    """The word is listed with places: after "villages" ("five villages — A, B and C"), or with at least two
    known towns that are most of the list."""
    top = token
    while top.dep_ in ("conj", "appos") and top.head is not top:
        top = top.head
    if _is_place_word(top, gazetteer) and top.is_lower:
        return True
    members, stack = [], [top]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in ("conj", "appos"):
                members.append(child)
                stack.append(child)
    others = [member for member in [top, *members] if member.i != token.i]
    known = sum(_is_place_word(member, gazetteer) for member in others)
    return known >= 2 and 2 * known > len(others)


def _is_place_word(token: Token, gazetteer: Gazetteer) -> bool:
    """A town or region the model reads as a place (not a country: countries are also actors), or a noun
    for places ("villages")."""
    if token.is_lower:
        return token.lemma_.lower() in gazetteer.place_nouns
    return token.ent_type_ in ("GPE", "LOC") and not token.ent_id_.startswith(("country:", "institution:"))


def _with_place_noun(doc, end: int, gazetteer: Gazetteer) -> int:
    """A place's mention takes the noun after it: "Kharkiv region", "Starychi district"."""
    if end < len(doc) and doc[end].is_lower and doc[end].lemma_.lower() in gazetteer.place_nouns and doc[end].lemma_.lower() != "area":
        return end + 1
    return end


def _reads_as_person(span: Span, gazetteer: Gazetteer) -> bool:
    """Two or three capitalised words starting with a given name and naming no body or country: a person."""
    words = [token for token in span if token.text != "-"]
    return (
        2 <= len(words) <= 3
        and words[0].text in gazetteer.given_names
        and all(token.is_title or token.is_upper for token in words)
        and not any(token.text in gazetteer.org_heads or token.ent_id_ for token in words)
    )


def _trailing_name(doc, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """A person's name at the end of a lower-case phrase the model took for one organisation
    ("the ministry of defense Kyrylo Budanov"): just the name."""
    for i in range(start, end - 1):
        if doc[i].text in gazetteer.given_names and any(token.is_lower for token in doc[start:i]):
            return i, end
    return start, end


def _given_names_before(doc, start: int, gazetteer: Gazetteer) -> int:
    """A person's name takes the given names and particles the model left out ("Władysław" in "Władysław
    Kosiniak-Kamysz", "von der" in "von der Leyen")."""
    while (
        start > 0
        and not doc[start - 1].ent_type_
        and (doc[start - 1].text in gazetteer.given_names or doc[start - 1].text in NAME_PARTICLES)
    ):
        start -= 1
    return start


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
            country = next((c for t in doc[start:end] if (c := _country_of(t, gazetteer))), None)
            if len(words) < 2 or _model_says_place(doc[start:end]):
                end = token.i + 1
                continue
            first, name, prefix_country = _country_before_org(block, start, end, gazetteer)
            found.append(
                Mention(block, first, end, "name", make_actor("organization", _strip_article(name), country=prefix_country or country))
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
        while end < len(doc) and (
            _name_word(doc[end], gazetteer, titles=True)
            or (doc[end].lower_ == "and" and end + 1 < len(doc) and _name_word(doc[end + 1], gazetteer) and doc[end + 1].ent_type_ != "GPE")
        ):
            end += 1
    if seated and end + 1 < len(doc) and doc[end].lower_ == "in" and doc[end + 1].ent_type_ == "GPE":
        end += 2
    return end


def _model_says_place(span: Span) -> bool:
    """The model read these words as one place or time ("the Soviet Union", "West Bank")."""
    return any(
        ent.label_ in ("GPE", "LOC", "FAC", "DATE", "EVENT", "LAW") and ent.start <= span.start and ent.end >= span.end
        for ent in span.doc.ents
    )


def _with_acronyms(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
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
            if acronym and _is_thing(ent, gazetteer):
                acronyms.setdefault(acronym, None)
    if not acronyms:
        return mentions
    found: list[Mention] = []
    taken: set[tuple[int, int]] = set()
    for mention in mentions:
        text = _strip_article(mention.span.text)
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
        if country and doc[start - 1].ent_id_.partition(":")[0] != "institution" and not _hyphen_modifier(doc, start):
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


def _stands_for_government(span: Span, gazetteer: Gazetteer) -> bool:
    """A capital used for its government ("Moscow said", "Kyiv's allies", "support for Kyiv", "accused
    Washington", "Kyiv and Moscow traded accusations"), not as the city ("in Kyiv", "missiles hit Kyiv",
    "strikes on Kyiv", "the Kyiv region")."""
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if token.dep_ in AGENT_DEPS or (following is not None and following.tag_ == "POS"):
        return True
    if token.dep_ in ("dobj", "dative"):
        return token.head.lemma_.lower() not in gazetteer.place_verbs
    if token.dep_ != "pobj" or _is_locative(token, gazetteer):
        return False
    preposition = token.head
    return preposition.lower_ in GOVERNMENT_PREPOSITIONS and preposition.head.lemma_.lower() not in gazetteer.place_verbs


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text)


def _strip_honorifics(block: ParsedBlock, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, str]:
    """Drop "Sir", "Mr", "President" from the front of a person's name."""
    while start < end and (block.doc[start].text in gazetteer.honorifics or block.doc[start].text in gazetteer.role_set):
        start += 1
    return start, BRACKETS.sub("", POSSESSIVE.sub("", block.doc[start:end].text))


def _title_before(block: ParsedBlock, start: int, gazetteer: Gazetteer) -> tuple[str | None, str | None, int]:
    """Role and country written just before a name: "U.S. Secretary of State", "Germany's Chancellor"."""
    doc = block.doc
    position = start
    while position > 0 and doc[position - 1].text in gazetteer.honorifics:
        position -= 1
    role = None
    for candidate in gazetteer.roles_by_last_word.get(doc[position - 1].text.lower(), ()) if position > 0 else ():
        words = candidate.split()
        if position - len(words) >= 0 and [t.text.lower() for t in doc[position - len(words) : position]] == [w.lower() for w in words]:
            role = candidate
            position -= len(words)
            break
    # A role inside the entity itself ("President Trump" tagged as one PERSON).
    if role is None:
        first = doc[start].text
        role = first if first in gazetteer.role_set else None
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
    words = window.split()
    return bool(words) and any(window.endswith(role) for role in gazetteer.multiword_roles_by_last_word.get(words[-1], ()))


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


def _descriptions(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "the Russian leader", "Ukraine's foreign minister": the person of that country (and office) meant.

    Next to a name ("Sergei Shoigu, the Russian defence minister," or "the French president, Emmanuel
    Macron") the description is that person's title; otherwise it points back to a person named before,
    and failing that to the office's holder ("the Russian foreign minister", unnamed).
    """
    found = []
    persons = sorted((m for m in mentions if m.actor.type == "person"), key=lambda m: m.position)
    for block in document.blocks:
        doc = block.doc
        for token in tokens_of(doc):
            country, noun_start = _country_phrase(doc, token, gazetteer)
            if not country:
                continue
            noun, end = _leader_noun(doc, noun_start, gazetteer)
            if noun is None:
                continue
            if any(m.block is block and m.start == end for m in persons):
                continue  # a title right before a name: _title_before reads it
            position = (block.block_idx, token.i)
            sentence = token.sent
            near = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
            person = _named_beside(persons, block, token.i, end) or _person_for_description(
                persons, position, country, noun, gazetteer, near
            )
            role = _role_title(noun, gazetteer) if noun != "leader" else None
            if person is None and role and not any(m.block is block and sentence.start <= m.start < sentence.end for m in persons):
                demonym = gazetteer.demonym_of_country.get(country, gazetteer.country_name.get(country, country))
                person = make_actor("person", f"{demonym} {role}", role=role, country=country)
            if person is None:
                continue
            actor = replace(person, role=person.role or role, country=person.country or country)
            found.append(Mention(block, token.i, end, "description", actor))
            persons = [replace(m, actor=actor) if m.actor.actor_id == actor.actor_id else m for m in persons]
    return mentions + found


def _country_phrase(doc, token: Token, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """ "the Russian …", "the Kremlin …" or "Ukraine's …": the country and where the noun after it starts."""
    if token.lower_ == "the" and token.i + 1 < len(doc):
        following = doc[token.i + 1]
        kind, _, code = following.ent_id_.partition(":")
        if kind == "institution" and code and following.ent_iob_ == "B":
            end = token.i + 2
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return code, end
        return gazetteer.country_by_demonym.get(following.text), token.i + 2
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
    return gazetteer.role_by_lower.get(noun)


def _leader_noun(doc, start: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """The office or leader word at `start` ("president", "defence minister"), longest first."""
    if start >= len(doc):
        return None, start
    for noun in gazetteer.description_nouns_by_first_word.get(doc[start].lower_, ()):
        words = noun.split()
        if [t.lower_ for t in doc[start : start + len(words)]] == words:
            return noun, start + len(words)
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
        country = next((c for t in doc[start : noun.i] if (c := _country_of(t, gazetteer))), None)
        return Mention(block, start, end, "name", make_actor("organization", doc[following.i : end].text, country=country))
    if noun.lower_ not in gazetteer.media_nouns:
        return None
    names = [
        t
        for t in doc[start : noun.i]
        if t.pos_ == "PROPN" and t.dep_ == "compound" and not _country_of(t, gazetteer) and t.text not in gazetteer.thing_names
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
        country = _country_of(token, gazetteer)
        if country and _hyphen_modifier(doc, token.i + 1):
            if noun.lower_ in gazetteer.institution_nouns:
                continue  # "the Russian-backed administration" is not Russia's
            return Mention(block, token.i, noun.i + 1, "name", make_actor("group", doc[token.i : noun.i + 1].text, country=country))
        if token.text in gazetteer.region_adjectives and not country:
            return Mention(block, token.i, noun.i + 1, "name", make_actor("group", f"{token.text} {noun.lower_}"))
        if not country:
            continue
        start = _modifiers_start(doc, token.i, noun)
        if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in SIDE_PREFIXES:
            return Mention(block, start, noun.i + 1, "name", make_actor("group", doc[start : noun.i + 1].text))
        return Mention(block, start, noun.i + 1, "name", _group_actor(country, noun, gazetteer))
    for child in noun.rights:
        if child.dep_ != "prep" or child.lower_ not in GROUP_PLACE_PREPOSITIONS:
            continue
        place = next((c for c in child.children if c.dep_ == "pobj"), None)
        if place is None:
            continue
        end = max([place.i] + [t.i for t in place.lefts]) + 1
        country = next(
            (c for t in doc[place.left_edge.i : end] if (c := _country_of(t, gazetteer)) and not _hyphen_modifier(doc, t.i + 1)), None
        )
        start = noun.left_edge.i + (doc[noun.left_edge.i].pos_ == "DET")
        if country and (place.ent_type_ in ("GPE", "NORP") or place.lemma_.lower() in gazetteer.place_nouns):
            return Mention(block, start, end, "name", _group_actor(country, noun, gazetteer))
        if noun.lower_ in gazetteer.group_nouns and (
            place.lower_ in gazetteer.institution_nouns or place.lemma_.lower() in gazetteer.unit_nouns
        ):
            return Mention(block, start, end, "name", make_actor("group", doc[start:end].text, country=country))
    return None


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
        ORDINAL.match(t.text) or t.ent_type_ == "ORDINAL" or (t.pos_ == "PROPN" and not _country_of(t, gazetteer)) for t in modifiers
    )
    if not named:
        return None
    start = noun.left_edge.i + (doc[noun.left_edge.i].pos_ == "DET")
    country = next((c for t in modifiers if (c := _country_of(t, gazetteer))), None)
    return Mention(block, start, noun.i + 1, "name", make_actor("group", doc[start : noun.i + 1].text, country=country))


def _the_west(block: ParsedBlock, token: Token) -> Mention | None:
    """ "the West" (or "the west") as a bloc that acts, not a direction ("in the west of the country")."""
    doc = block.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.i == 0 or doc[token.i - 1].lower_ != "the" or token.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I"):
        return None
    if following is not None and (following.lower_ == "of" or following.is_title):
        return None
    if token.dep_ == "pobj" and token.head.lower_ in DIRECTION_LOCATIVES:
        return None
    if not (token.is_title or token.dep_ in ("nsubj", "poss", "pobj", "dobj")):
        return None
    return Mention(block, token.i, token.i + 1, "name", make_actor("group", "the West"))


def _people_of_country(block: ParsedBlock, token: Token, gazetteer: Gazetteer) -> Mention | None:
    """ "the Russians fired", "Ukrainians say": the people or forces of a country acting, as a group
    (not a head count: "4.3 million Ukrainians")."""
    if token.tag_ not in ("NNPS", "NNS") or not token.text.endswith("s") or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    country = gazetteer.country_by_demonym.get(token.text[:-1])
    if not country or any(child.dep_ in ("nummod", "quantmod") or child.like_num for child in token.children):
        return None
    return Mention(block, token.i, token.i + 1, "name", make_actor("group", token.text, country=country))


def _group_actor(country: str, noun: Token, gazetteer: Gazetteer) -> Actor:
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
    if lower == "military" and not _speaks(noun, gazetteer.speech_verbs):
        return make_actor("group", f"{demonym} forces", country=country)
    if lower in gazetteer.institution_nouns:
        words = [
            t.text for t in noun.doc[noun.left_edge.i : noun.i + 1] if t.pos_ in ("PROPN", "NOUN", "ADJ") and not _country_of(t, gazetteer)
        ]
        if [word.lower() for word in words] == ["military", "command"]:
            words = ["military"]  # the command speaks for the military
        return make_actor("organization", " ".join([demonym, *words]), country=country)
    kind = "forces" if lower in MILITARY_NOUNS else lower
    return make_actor("group", f"{demonym} {kind}", country=country)


def _country_of(token: Token, gazetteer: Gazetteer) -> str | None:
    """The country a word stands for: a demonym, a country or capital, or a national institution."""
    kind, _, code = token.ent_id_.partition(":") if token.ent_type_ else ("", "", "")
    if kind in ("country", "capital", "demonym", "institution") and code:
        return code
    return gazetteer.country_by_demonym.get(token.text)


def _bodies_named_before(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
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
            country = next((c for t in token.sent if t.i < token.i and (c := _country_of(t, gazetteer))), None)
            if end > token.i + 1 and country:
                demonym = gazetteer.demonym_of_country.get(country, country)
                actor = make_actor("organization", f"{demonym} {doc[token.i : end].text}", country=country)
            else:
                same = [m for m in bodies if heads[id(m)] == noun]
                before = [m for m in same if m.position < (block.block_idx, token.i)]
                actor = same[0].actor if len({m.actor.actor_id for m in same}) == 1 else (before[-1].actor if before else None)
            if actor is None:
                continue
            if named is not None:
                result.remove(named)
            result.append(Mention(block, token.i - 1, end, "description", actor))
    return result


def _head_word(name: str, gazetteer: Gazetteer) -> str | None:
    """The word a body's name is built on: "department" in "U.S. Department of State"."""
    words = re.split(r"\s+(?:of|for|on)\s+", name.lower())[0].split()
    return next((word for word in reversed(words) if word in BODY_NOUNS), None)


def _pronouns(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """he/she to the latest person named before (a speaker to the latest speaker); its/their to the
    latest country, body or group in the sentence ("its forces" to that country's forces); a subject
    "it" to the latest country or body that was a subject."""
    speech_verbs = gazetteer.speech_verbs
    found = []
    speakers = [m for m in mentions if m.actor.type == "person" and _speaks(m.span.root, speech_verbs)]
    for block in document.blocks:
        for token in tokens_of(block.doc):
            lower = token.lower_
            position = (block.block_idx, token.i)
            end = token.i + 1
            if lower in PERSON_PRONOUNS and _speaks(token, speech_verbs):
                target = (
                    _latest_subject(speakers, position, SPEAKER_REACH_BLOCKS)
                    or _latest_subject(mentions, position)
                    or _latest(mentions, position, {"person"})
                )
                if target:
                    speakers.append(Mention(block, token.i, token.i + 1, "pronoun", target))
            elif lower in PERSON_PRONOUNS:
                target = _latest_subject(mentions, position) or _latest(mentions, position, {"person"})
            elif lower in FORCES_OWNER_PRONOUNS and token.head.lower_ in MILITARY_NOUNS and token.dep_ == "poss":
                owner = _latest(mentions, position, {"country", "organization"}, token.sent)
                target = _group_actor(owner.country, token.head, gazetteer) if owner and owner.country else owner
                end = token.head.i + 1 if owner and owner.country else end
            elif lower in THING_PRONOUNS and token.tag_ == "PRP$":
                target = _latest(mentions, position, {"country", "organization"}, token.sent)
            elif lower == "it" and token.dep_ == "nsubj" and token.head.lemma_ not in EXPLETIVE_VERBS and not _inside_quotes(token):
                target = _latest_thing_subject(mentions, block, token)
            elif lower in GROUP_PRONOUNS:
                target = _latest(mentions, position, {"group"}, token.sent)
            else:
                continue
            if target:
                found.append(Mention(block, token.i, end, "pronoun", target))
    return found


def _speaks(token: Token, speech_verbs: frozenset[str]) -> bool:
    """The word is the subject of a reporting verb ("he said", "Marles told reporters")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in speech_verbs


def _inside_quotes(token: Token) -> bool:
    """Whether a quotation is open at the token (odd straight quotes, or more opening than closing curly ones)."""
    before = text_of(token.doc)[: token.idx]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


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


def _latest_thing_subject(mentions: list[Mention], block: ParsedBlock, token: Token) -> Actor | None:
    """The country or body that was the subject of this sentence or the one before, in this paragraph."""
    sentences = list(block.doc.sents)
    index = next(i for i, sentence in enumerate(sentences) if sentence.start <= token.i < sentence.end)
    first = sentences[max(0, index - 1)].start
    for mention in reversed(mentions):
        if mention.block is not block or not first <= mention.start < token.i or mention.actor.type not in ("country", "organization"):
            continue
        if mention.span.root.dep_ in ("nsubj", "nsubjpass") or mention.kind == "pronoun":
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


def _places_only(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A country the document names only as where things happen ("companies in Belgium", "sail to
    Djibouti") is a place there, not an actor."""
    named: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.actor.type == "country" and mention.kind == "name":
            named.setdefault(mention.actor.actor_id, []).append(mention)
    places = {
        actor_id: make_actor("location", found[0].actor.name, country=found[0].actor.country)
        for actor_id, found in named.items()
        if all(_is_locative(m.span.root, gazetteer) for m in found)
    }
    return [replace(m, actor=places[m.actor.actor_id]) if m.actor.actor_id in places else m for m in mentions]


def _is_locative(token: Token, gazetteer: Gazetteer) -> bool:
    """The word (or the list it is in) is the object of "in", "near", "over" ... (not "talks in X": X hosts them),
    or of "to" after a verb of travel."""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    if token.dep_ == "dobj" and token.head.lower_ in BORDERING_WORDS and token.head.dep_ == "pcomp":
        token = token.head  # "to neighbouring Belarus", parsed as a verb and its object
    if token.dep_ not in ("pobj", "pcomp"):
        return False
    preposition = token.head
    if preposition.lower_ in LOCATIVE_PREPOSITIONS:
        return preposition.head.lemma_.lower() not in gazetteer.meeting_words  # the host of talks is a party
    if preposition.lower_ not in DESTINATION_PREPOSITIONS:
        return False
    verb = preposition.head  # "sail to X"; "announced the deployment ... to X", the phrase hung on the verb
    return verb.lemma_.lower() in gazetteer.motion_words or any(
        c.dep_ == "dobj" and c.lemma_.lower() in gazetteer.motion_words for c in verb.children
    )


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest mention where two overlap (a description over a demonym, an organisation's full name over
    the pieces the model cut it into); of two alike, an actor over a place."""
    kept: list[Mention] = []
    taken: set[tuple[int, int]] = set()
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.actor.type == "location", m.block.block_idx, m.start)):
        tokens = {(mention.block.block_idx, i) for i in range(mention.start, mention.end)}
        if not tokens & taken:
            kept.append(mention)
            taken |= tokens
    return sorted(kept, key=lambda m: m.position)


def _merge_actor(known: Actor | None, seen: Actor) -> Actor:
    """Fill an actor's missing role and country from a further mention."""
    if known is None:
        return seen
    return replace(known, role=known.role or seen.role, country=known.country or seen.country)
