"""Names: mentions from the model's entities and the gazetteer, with name boundaries, honorifics and titles."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from etl.transform.actors.mentions import (
    WORDS,
    Mention,
    hyphen_modifier,
    is_all_caps,
    is_not_english_prose,
    is_thing,
    is_title_case,
    make_actor,
    speaks,
    strip_article,
)
from etl.transform.actors.organisations import country_before_org, place_after_org, plausible_org
from etl.transform.actors.places import reads_as_place, stands_for_government, with_place_noun
from etl.transform.context import ParsedBlock, ParsedDocument
from etl.transform.gazetteer import Gazetteer
from etl.transform.geonames import places_named

COUNTRY_ONLY_TITLES = WORDS["country_only_titles"]
NAME_PARTICLES = WORDS["name_particles"]
NAME_TRAILING_WORDS = WORDS["name_trailing"]
# Labels a place name may wrongly carry (Chasiv Yar as PERSON, Novobakhmutivka as ORG).
MISLABELLED_PLACE = {"PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "NORP", "GPE", "LOC"}
# Labels the model gives a person's name it does not know (Volodymyr Zelenskiy as ORG).
MISLABELLED_PERSON = {"ORG", "GPE", "LOC", "PRODUCT", "FAC", "NORP", "WORK_OF_ART"}
FACILITY_HEADS = WORDS["facility_heads"]
MEDIA_NAME_HEADS = WORDS["media_name_heads"]
COMPANY_SUFFIXES = WORDS["company_suffixes"]
COMPANY_NOUNS = WORDS["company_nouns"]
PORTFOLIO_TITLES = WORDS["portfolio_titles"]
THING_PRONOUNS = WORDS["thing_pronouns"]
COMPASS_POINTS = WORDS["compass_points"]
FIGURE_WORDS = WORDS["figure_words"]
VERSUS_WORDS = WORDS["versus"]
# Penn tags of an adjective, its comparative and superlative ("Keynesian", "Warmer weather").
ADJECTIVE_TAGS = {"JJ", "JJR", "JJS"}
# How far after a table row's label its first figure may stand ("Avg shrs 47.2 mln vs").
TABLE_LABEL_REACH = 3
COMPANY_CONTEXT_WORDS = WORDS["company_context"]
# Words between a name and the suffix that makes it a company's: "Kidder, Peabody and Co".
COMPANY_JOINERS = {"and", "&", ","}
BRACKETS = re.compile(r"[\[\]()]")
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def _entity_mentions(document: ParsedDocument, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions from entities: gazetteer ids first, then the model's labels, titles attached."""
    mentions = []
    for block in document.blocks:
        if is_all_caps(block):
            mentions += _shouted_names(block, gazetteer)
            continue
        trusted_only = block.kind == "headline" or is_title_case(block) or is_not_english_prose(block)
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
            if hyphen_modifier(doc, i + size):
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
    while end - start > 1 and (block.doc[end - 1].lower_ in NAME_TRAILING_WORDS or not any(c.isalnum() for c in block.doc[end - 1].text)):
        end -= 1  # "the Ministry of the Interior of the" before "Russian Federation"; "... of Europe ("; "<Amir Mines Ltd>"
    text = block.doc[start:end].text
    if hyphen_modifier(block.doc, end) or is_thing(block.doc[start:end], gazetteer) or _not_a_name(block.doc[start:end], ent.label_):
        return None  # "Kremlin-controlled", "US-supplied Himars", "Tupolev bombers"
    if not kind and _portfolio_of_title(block.doc, start, end, gazetteer):
        return None  # "Defense" of "Russian Defense Minister"
    if kind == "country":
        return Mention(block, start, end, "name", make_actor("country", gazetteer.country_name.get(code, text), country=code))
    if kind == "institution":
        type_, country = gazetteer.institutions.get(text, ("organization", code or None))
        start = country_before_org(block, start, end, gazetteer)[0] if code else start
        return Mention(block, start, end, "name", make_actor(type_, gazetteer.institution_name.get(text, text), country=code or country))
    if kind == "demonym" or (trusted_only and not kind):
        return None
    typed = _type_by_words(block.doc, start, end, gazetteer, ent.label_)
    if typed and (typed, ent.label_) != ("organization", "ORG"):
        return Mention(block, start, end, "name", make_actor(typed, strip_article(text)))  # "Stanley" of "Morgan Stanley and Co"
    if kind == "capital":
        if stands_for_government(block.doc[start:end], gazetteer):
            return Mention(block, start, end, "name", make_actor("country", gazetteer.country_name.get(code, text), country=code))
        return Mention(block, start, end, "name", make_actor("location", gazetteer.capital_name.get(code, text), country=code))
    if kind == "city":
        end = with_place_noun(block.doc, end, gazetteer)
        words = strip_article(text).split()
        name = " ".join(words[:-1] if len(words) > 1 and words[-1].lower() in gazetteer.place_nouns else words)
        return Mention(block, start, end, "name", make_actor("location", gazetteer.city_name.get(name, name), country=code or None))
    if trusted_only:
        return None
    role, country, title_start = _title_before(block, start, gazetteer)
    if ent.label_ == "PERSON":
        start = _given_names_before(block.doc, start, gazetteer)
        while end < len(block.doc) and block.doc[end - 1].text in NAME_PARTICLES and _goes_on_name(block.doc[end]):
            end += 1  # "von der" + "Leyen", "van" + "den Broek"
    if ent.label_ == "PERSON" and not role and end - start == 1 and text in gazetteer.country_by_city:
        return Mention(
            block, start, end, "name", make_actor("location", gazetteer.city_name[text], country=gazetteer.country_by_city[text])
        )
    if (
        ent.label_ in MISLABELLED_PLACE
        and not role
        and reads_as_place(block.doc[start:end], gazetteer)
        and not _reads_as_person(block.doc[start:end], gazetteer)
    ):
        end_with_noun = with_place_noun(block.doc, end, gazetteer)
        return Mention(block, start, end_with_noun, "name", make_actor("location", strip_article(text)))
    if ent.label_ in MISLABELLED_PERSON and not role:
        start, end = _trailing_name(block.doc, start, end, gazetteer)
        if _reads_as_person(block.doc[start:end], gazetteer):
            return Mention(block, start, end, "name", make_actor("person", block.doc[start:end].text))
    if ent.label_ == "PERSON" or (ent.label_ == "ORG" and role and not typed):  # not "General" of "General Motors Corp"
        start, name = _strip_honorifics(block, start, end, gazetteer)
        if start >= end or not any(token.is_alpha for token in block.doc[start:end]):
            return None
        return Mention(block, start, end, "name", make_actor("person", name, role=role, country=country))
    if ent.label_ == "ORG" and not _inside_role(block, block.doc[start:end], gazetteer) and plausible_org(ent, gazetteer):
        end, country = place_after_org(block, end)
        start, name, prefix_country = country_before_org(block, start, end, gazetteer)
        return Mention(block, start, end, "name", make_actor("organization", strip_article(name), country=country or prefix_country))
    if ent.label_ in ("GPE", "LOC") and (
        _unknown_speaker(block.doc[start:end], gazetteer) or _unknown_doer(block.doc[start:end], gazetteer)
    ):
        return Mention(block, start, end, "name", make_actor(_speaker_type(block.doc[start:end].root), strip_article(text)))
    if ent.label_ in ("GPE", "LOC") and role and end - start > 1 and block.doc[end - 1].lower_ not in gazetteer.place_nouns:
        return Mention(block, start, end, "name", make_actor("person", text, role=role, country=country))  # "President Thabo Mbeki"
    if ent.label_ in ("GPE", "LOC"):
        return Mention(block, start, end, "name", make_actor("location", strip_article(text)))
    return None


def _one_capitalised_word(span: Span) -> bool:
    """One capitalised word that may be a foreign name: not a direction ("the West"), an acronym ("PRC", "H.R.S.")
    or a place's name of several words ("the Soviet Union")."""
    word = span[0]
    return len(span) == 1 and word.is_title and word.is_alpha and word.lower_ not in COMPASS_POINTS


def _unknown_speaker(span: Span, gazetteer: Gazetteer) -> bool:
    """One capitalised word no gazetteer knows that says something ("Rates will fall, Tolvanen said")."""
    return _one_capitalised_word(span) and speaks(span[0], gazetteer.speech_verbs)


def _unknown_doer(span: Span, gazetteer: Gazetteer) -> bool:
    """One capitalised word that acts ("Scholz held talks with Putin") and that no place bears: GeoNames holds no
    town or region of that name, however small, so the model's place label is a guess at a foreign name."""
    if not _one_capitalised_word(span):
        return False
    word = span[0]
    if word.i > 0 and (word.nbor(-1).is_quote or word.nbor(-1).lower_ == "the"):
        return False  # '"Hysteria has reached its peak"', "the Baltics face": no surname has an article
    if word.text in gazetteer.thing_names or word.text.removesuffix("s") in gazetteer.thing_names:
        return False  # "Tupolevs flew over": aircraft
    if word.text in gazetteer.former_countries:
        return False  # "Czechoslovakia split in two"
    return word.dep_ == "nsubj" and word.head.pos_ == "VERB" and not places_named(word.text)


def _speaker_type(subject: Token) -> str:
    """A name no gazetteer knows that says something is no place: a body when it speaks of itself as "it"
    ("Piedmont said its load factor rose"), a person otherwise ("Rates will fall, Tolvanen said")."""
    verb = subject.head
    return "organization" if any(token.lower_ in THING_PRONOUNS for token in verb.doc[verb.i + 1 : verb.i + 3]) else "person"


# A clock time inside a name: "06:00", "4.46 BST" is a time, and what carries it no actor.
CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b(?!\.\d)")


def _not_a_name(span: Span, label: str) -> bool:
    """Words the model took for a name that no actor bears: words of another alphabet none of which is capitalised
    ("о том"; but "the state department" is a body), a person's name with figures in it (a table: "Revs 7.1 mln"),
    words of figures only ("cts", "dlrs vs") or the label of a table's row ("Revs" in "Revs 7.1 mln vs 6.0 mln"),
    any name holding a clock time ("06:00 Central European Time"), or one word the parser reads as an adjective
    before a noun that no gazetteer knows and the model calls no organisation ("Keynesian economics")."""
    if not span.text.isascii() and not any(token.text[:1].isupper() for token in span):
        return True
    if CLOCK_TIME.search(span.text):
        return True
    if all(token.lower_ in FIGURE_WORDS or token.like_num for token in span) or _labels_table_row(span.doc, span.end):
        return True
    if label != "ORG" and len(span) == 1 and span[0].tag_ in ADJECTIVE_TAGS and span[0].dep_ == "amod" and not span[0].ent_id_:
        return True  # "Keynesian economics": an adjective; but "Arsenal shareholders" is a company
    return label == "PERSON" and any(character.isdigit() for character in span.text)


def _labels_table_row(doc, end: int) -> bool:
    """A name just before a figure and "vs" labels an earnings table's row ("Revs 7.1 mln vs 6.0 mln", "Avg shrs 47.2
    mln vs 47.1 mln"), whatever the model took it for."""
    figure = next((token.i for token in doc[end : end + TABLE_LABEL_REACH] if token.like_num), None)
    if figure is None or not all(token.is_lower for token in doc[end:figure]):
        return False
    return any(token.lower_.rstrip(".") in VERSUS_WORDS for token in doc[figure + 1 : figure + TABLE_LABEL_REACH])


def _portfolio_of_title(doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Words before "Minister" or "Secretary" that name the office's portfolio ("Defense" of "Defense Minister",
    "Treasury Secretary"), not a body: no word of a body's name ("Ministry") among them."""
    return (
        end < len(doc)
        and doc[end].is_title
        and doc[end].lower_ in PORTFOLIO_TITLES
        and not any(token.text in gazetteer.org_heads for token in doc[start:end])
    )


def _type_by_words(doc, start: int, end: int, gazetteer: Gazetteer, label: str) -> str | None:
    """What the words of a name say it is, whatever the model's label or the town it shares a name with: a site
    ("Boryspil Airport") is a place; a news outlet ("Sky News", "the agency Interfax", "the Mediazona website") or a
    company ("Cronus Industries Inc", "Kidder, Peabody and Co", "Hazleton shareholders") is an organisation."""
    last = doc[end - 1]
    if not last.text[:1].isupper():
        return None
    if last.lower_ in FACILITY_HEADS:
        return "location"
    if last.lower_ in MEDIA_NAME_HEADS or last.lower_.rstrip(".") in COMPANY_SUFFIXES:
        return "organization"
    if _company_suffix_after(doc, end) or (end < len(doc) and doc[end].is_lower and doc[end].lemma_ in COMPANY_CONTEXT_WORDS):
        return "organization"  # "Hazleton shareholders", "each Hazleton common share"
    if _beside_media_noun(doc, start, end, gazetteer, label) and not _reads_as_person(doc[start:end], gazetteer):
        return "organization"
    if start > 0 and doc[start - 1].is_lower and doc[start - 1].lower_ in COMPANY_NOUNS and not _reads_as_person(doc[start:end], gazetteer):
        return "organization"  # "the British company Townsend Thoresen", "the firm Exovir"
    return None


def _company_suffix_after(doc, end: int) -> bool:
    """ "Miller Tabak Hirsch and Co", "Peabody, Inc": a company's suffix right after the name."""
    while end < len(doc) and (doc[end].lower_ in COMPANY_JOINERS or doc[end].is_space):
        end += 1  # a hard-wrapped line may break "Morgan Stanley and\nCo"
    return end < len(doc) and doc[end].text[:1].isupper() and doc[end].lower_.rstrip(".") in COMPANY_SUFFIXES


def _beside_media_noun(doc, start: int, end: int, gazetteer: Gazetteer, label: str) -> bool:
    """A name next to a word for a news outlet: "the agency Interfax", "news outlet, Mediazona", "the Mediazona
    news website", "Xinhua news agency"; not a person's name after a comma ("the agency, Rafael Grossi said")."""
    after = end + (end < len(doc) and doc[end].lower_ == "news")
    if after < len(doc) and doc[after].lemma_.lower() in gazetteer.media_nouns:
        return True
    before = start - 1 - (start >= 2 and doc[start - 1].text == "," and label != "PERSON")
    return before >= 0 and doc[before].is_lower and doc[before].lemma_.lower() in gazetteer.media_nouns


def _reads_as_person(span: Span, gazetteer: Gazetteer) -> bool:
    """Two or three capitalised words starting with a given name and naming no body, company or country: a person."""
    words = [token for token in span if token.text != "-"]
    return (
        2 <= len(words) <= 3
        and words[0].text in gazetteer.given_names
        and all(token.is_title or token.is_upper for token in words)
        and not any(token.text in gazetteer.org_heads or token.ent_id_ for token in words)
        and words[-1].lower_.rstrip(".") not in COMPANY_SUFFIXES  # "Sara Lee Corp"
    )


def _trailing_name(doc, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """A person's name at the end of a lower-case phrase or a body's name the model took for one organisation
    ("the ministry of defense Kyrylo Budanov", "the Ministry of Finance Jan Kowalski"): just the name."""
    for i in range(start, end - 1):
        if doc[i].text in gazetteer.given_names and any(token.is_lower or token.text in gazetteer.org_heads for token in doc[start:i]):
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


def _goes_on_name(token: Token) -> bool:
    """A word that carries a surname on after a particle: another particle ("den" of "van den Broek") followed by a
    capitalised word, or the capitalised word itself."""
    if token.is_title:
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.text in NAME_PARTICLES and following is not None and following.is_title


def _end_without_possessive(ent: Span) -> int:
    end = ent.end
    while end - 1 > ent.start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return end


def _strip_honorifics(block: ParsedBlock, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, str]:
    """Drop "Sir", "Mr", "President" from the front of a person's name."""
    while start < end and (block.doc[start].text in gazetteer.honorifics or block.doc[start].text in gazetteer.role_set):
        start += 1
    return start, BRACKETS.sub("", POSSESSIVE.sub("", block.doc[start:end].text))


def _title_before(block: ParsedBlock, start: int, gazetteer: Gazetteer) -> tuple[str | None, str | None, int]:
    """Role and country written just before a name: "U.S. Secretary of State", "Germany's Chancellor", "Kremlin
    spokesman" (a national institution's country)."""
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
        code = ent_id.partition(":")[2] if ent_id.startswith(("country:", "demonym:", "capital:", "institution:")) else None
        country = code or gazetteer.country_of_word(previous.text)
        if country:
            position -= 1
            while position > 0 and doc[position - 1].ent_iob_ == "I" and doc[position - 1].ent_type_:
                position -= 1
    return role, country, position


def _inside_role(block: ParsedBlock, ent: Span, gazetteer: Gazetteer) -> bool:
    """An ORG that is the tail of a role phrase ("State" in "Secretary of State", "State of" cut from "Secretary of
    State of USA")."""
    window = block.doc[max(0, ent.start - 3) : ent.end].text
    words = window.split()
    return bool(words) and any(window.endswith(role) for role in gazetteer.multiword_roles_by_last_word.get(words[-1], ()))


def add_entity_mentions(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """The mentions so far, then those of the model's entities and the gazetteer's, titles attached."""
    return mentions + _entity_mentions(document, gazetteer)
