"""Places: a name where things happen rather than an actor (locatives, a capital standing for the city).

A country is a country wherever it is named ("companies in Belgium" too): one actor per country, whatever
sentence names it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from etl.transform.actors.mentions import WORDS
from etl.transform.gazetteer import Gazetteer

LOCATIVE_PREPOSITIONS = WORDS["locative"]
STRONG_LOCATIVES = WORDS["strong_locative"]
DESTINATION_PREPOSITIONS = WORDS["destination"]
BORDERING_WORDS = WORDS["bordering"]
MEETING_PLACE_PREPOSITIONS = WORDS["meeting_place"]
GOVERNMENT_PREPOSITIONS = WORDS["government_prepositions"]
STANCE_NOUNS = WORDS["stance_nouns"]
COMPASS_POINTS = WORDS["compass_points"]
SITE_NOUNS = WORDS["site_nouns"]
PLACE_OFFICES = WORDS["place_offices"]
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}


def reads_as_place(span: Span, gazetteer: Gazetteer) -> bool:
    """A name placed as places are: "the village of X", "X district", "near X", or listed with places
    ("five villages — A, B and C")."""
    doc = span.doc
    start, end = span.start, span.end
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.lower() in gazetteer.place_nouns:
        return True
    if start >= 1 and _is_place_noun(doc[start - 1], gazetteer):
        return True  # "the coal mining city Vuhledar"
    if end < len(doc) and _is_place_noun(doc[end], gazetteer):
        return True  # "Hlyboke village"; not "X resorted to"
    root = span.root
    if _names_a_site(root):
        return True
    if root.dep_ == "pobj" and root.head.lower_ in STRONG_LOCATIVES:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in MEETING_PLACE_PREPOSITIONS and root.head.head.lemma_.lower() in gazetteer.meeting_words:
        return not any(token.text in gazetteer.org_heads for token in span)  # "the summit at Schloss Elmau"
    if root.ent_type_ == "PERSON" and len(span) == 1 and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
        return root.head.head.lemma_.lower() not in STANCE_NOUNS  # "a foothold in Krynky", not "trust in Biden"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in COMPASS_POINTS:
        return True  # "10 kilometres north of Avdiivka"
    if root.ent_type_ == "PERSON" and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in PLACE_OFFICES:
        return True  # "the mayor of Cap-Haitien", which the model may call a person
    return _in_list_of_places(root, gazetteer)


def _is_place_noun(token: Token, gazetteer: Gazetteer) -> bool:
    return token.is_lower and token.pos_ != "VERB" and token.lemma_.lower() in gazetteer.place_nouns


def _names_a_site(token: Token) -> bool:
    """The name modifies a lower-case word for a site: "the X train station", "X airport"."""
    head = token
    while head.dep_ == "compound" and head.head is not head:
        head = head.head
        if head.is_lower and head.lemma_ in SITE_NOUNS:
            return True
    return False


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


def with_place_noun(doc, end: int, gazetteer: Gazetteer) -> int:
    """A place's mention takes the noun after it: "Kharkiv region", "Starychi district"."""
    if end < len(doc) and doc[end].is_lower and doc[end].lemma_.lower() in gazetteer.place_nouns and doc[end].lemma_.lower() != "area":
        return end + 1
    return end


def stands_for_government(span: Span, gazetteer: Gazetteer) -> bool:
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
