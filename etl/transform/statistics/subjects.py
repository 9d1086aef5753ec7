"""What a figure is about, as a noun phrase, and who reported it."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from etl.transform.context import actor_in
from etl.transform.statistics.counting import noun_unit, of_object, top_number_token
from etl.transform.statistics.lexicon import Lexicon, cased_list, load_lexicon, word_list
from etl.transform.statistics.quantity import Quantity, TokenIndex

MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod", "npadvmod", "quantmod", "poss"}


def subject_of(quantity: Quantity, tokens: TokenIndex, numbers: set[int]) -> str | None:
    """The thing the figure is about, as text."""
    anchor = anchor_token(tokens, quantity)
    if anchor is None:
        return None
    counted = quantity.unit_kind in ("noun", "person") or quantity.noun is not None
    own_end = quantity.unit_start if counted and quantity.unit_start is not None else quantity.end
    excluded = numbers | {t.i for t in tokens.within(quantity.start, own_end)}
    if quantity.about is not None:
        if quantity.about.pos_ in ("VERB", "AUX"):
            return quantity.about.text + "".join(" " + c.text for c in quantity.about.children if c.dep_ == "prt")  # wounded
        return noun_phrase(quantity.about, excluded, with_preps=False)
    if quantity.of_noun is not None:
        return noun_phrase(quantity.of_noun, excluded, with_preps=True)
    if not counted:
        of_noun = of_object(anchor)
        if of_noun is not None and of_noun.pos_ in ("NOUN", "PROPN", "PRON"):
            return noun_phrase(of_noun, excluded, with_preps=True)
        purpose = purpose_object(tokens, quantity) if quantity.unit_kind == "currency" else None
        if purpose is not None:
            return noun_phrase(purpose, excluded, with_preps=False)
        head = modified_noun(anchor, excluded)
        if head is not None:
            if anchor.head.pos_ == "ADJ":
                excluded = excluded | {anchor.head.i}  # a seven-year-old girl -> girl
            return noun_phrase(head, excluded, with_preps=True)
    if counted and (quantity.noun is not None or anchor.pos_ in ("NOUN", "PROPN")):
        return counted_subject(quantity.noun or anchor, excluded)
    if quantity.unit_kind == "time" and anchor.pos_ == "NOUN":
        phrase = noun_phrase(anchor, excluded, with_preps=False)
        if anchor.head.i == anchor.i + 1 and anchor.head.pos_ in ("ADV", "ADP", "ADJ"):
            phrase = f"{phrase} {anchor.head.text}"  # six months prior, two years ago
        return phrase
    return clause_subject(anchor, excluded)


def modified_noun(token: Token, excluded: set[int]) -> Token | None:
    """The noun a figure modifies: 'three-year conflict' -> conflict, 'bags of 60 kilos' -> bags."""
    head = token.head
    if head.pos_ == "ADJ" and head.dep_ == "amod" and head.head.pos_ == "NOUN" and head.head.i not in excluded:
        return head.head  # aid worth $61bn -> aid, a seven-year-old girl -> girl
    if token.dep_ in MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.i not in excluded:
        return head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i not in excluded:
        return head.head
    return None


def purpose_object(tokens: TokenIndex, quantity: Quantity) -> Token | None:
    """What money is in or for: '$50m in military aid', '$30m towards drones'."""
    following = next((t for t in tokens.doc[tokens_after(tokens, quantity.end) :][:1]), None)
    if following is None or following.lower_ not in word_list("stat_purpose_prepositions"):
        return None
    obj = next((c for c in following.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN" or any(c.dep_ in ("det", "poss") for c in obj.children):
        return None
    return obj


def tokens_after(tokens: TokenIndex, char: int) -> int:
    """The index of the first token starting at or after `char`."""
    return bisect.bisect_left(tokens.starts, char)


def anchor_token(tokens: TokenIndex, quantity: Quantity) -> Token | None:
    """The token that stands for the whole figure in the parse: its unit noun or its top number."""
    if quantity.noun is not None:
        return quantity.noun
    if quantity.unit_end is not None and quantity.unit_kind != "noun":
        unit_token = tokens.at(quantity.unit_end - 1)
        if unit_token is not None and not unit_token.is_punct:
            return unit_token
    token = top_number_token(tokens, quantity)
    own = {t.i for t in tokens.within(quantity.start, quantity.end)}
    while token is not None and token.head.i != token.i and token.head.i in own:
        token = token.head
    return token


NP_DEPS = {"amod", "compound", "poss", "nmod", "case", "npadvmod", "nummod", "quantmod", "punct"}


def noun_tokens(token: Token) -> list[Token]:
    """The noun and its modifiers on the left."""
    words = [token]
    stack = [c for c in token.lefts if c.dep_ in NP_DEPS]
    while stack:
        child = stack.pop()
        if child.dep_ == "punct" and child.text not in "-‑":
            continue
        words.append(child)
        stack.extend(c for c in child.children if c.dep_ in NP_DEPS and c.i < token.i)
    return words


def noun_phrase(token: Token, excluded: set[int], with_preps: bool) -> str:
    """The noun with its modifiers on the left (and an of/in/for phrase on the right), minus any figure."""
    words = noun_tokens(token)
    if with_preps:
        child = next((c for c in token.rights if c.dep_ == "prep"), None)
        obj = next((g for g in child.children if g.dep_ == "pobj"), None) if child is not None else None
        if (
            child is not None
            and obj is not None
            and obj.i not in excluded
            and not obj.like_num
            and child.lower_ in word_list("stat_subject_prepositions")
            and child.i - token.i <= 2
        ):
            words += [child] + noun_tokens(obj)
    words = [t for t in words if t.i == token.i or not (t.i in excluded or t.like_num or t.pos_ == "NUM")]
    words = sorted({t.i: t for t in words}.values(), key=lambda t: t.i)
    while len(words) > 1 and (words[0].is_punct or words[0].dep_ == "case"):
        words = words[1:]
    pieces = [a.text_with_ws if b is not None and b.i == a.i + 1 else a.text + " " for a, b in zip(words, words[1:] + [None])]
    return re.sub(r"\s+", " ", "".join(pieces)).strip() or token.text


def counted_subject(noun: Token, excluded: set[int]) -> str:
    """A counted noun, with its verb when it counts people or is a passive subject: 'civilians killed'."""
    head = noun.head
    if noun.dep_ in ("compound", "amod") and head.pos_ == "NOUN" and head.i > noun.i and "-" in noun.doc[noun.i - 1 : noun.i].text:
        return noun_phrase(head, excluded | {noun.i, noun.i - 1}, with_preps=True)  # a 17-page document -> document
    phrase = noun_phrase(noun, excluded, with_preps=False)
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return f"{noun_phrase(head.head, excluded, with_preps=False)} of {phrase}"  # deaths of civilians
    if head.pos_ != "VERB" or noun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return phrase
    if noun.dep_ != "nsubjpass" and noun_unit(noun, load_lexicon())[0] != "person" or head.lemma_ in cased_list("stat_linking_verbs"):
        return phrase
    verb = head.text + "".join(" " + c.text for c in head.children if c.dep_ == "prt")
    return f"{verb} {phrase}" if noun.dep_ == "dobj" else f"{phrase} {verb}"


def clause_subject(token: Token, excluded: set[int]) -> str | None:
    """The subject of the clause the figure sits in: 'The answer is 42' -> 'answer'."""
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in excluded), None)
    return noun_phrase(subject, excluded, with_preps=True) if subject is not None else None


def reported_by(tokens: TokenIndex, quantity: Quantity, lexicon: Lexicon) -> str | None:
    """The actor whose reported speech holds the figure: the subject of 'said', 'noted', 'according to'."""
    token = anchor_token(tokens, quantity)
    if token is None:
        return None
    verbs = lexicon.context.get("reporting", frozenset())
    child, node = token, token.head
    while node.i != child.i and child.dep_ not in ("relcl", "acl", "appos"):
        if node.lemma_.lower() in verbs and node.pos_ in ("VERB", "AUX"):
            if child.dep_ in ("nsubj", "nsubjpass"):
                return None  # '40 officials said': the figure is the speaker
            speaker = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "agent")), None)
            return speaker_actor(speaker) if speaker is not None else None
        child, node = node, node.head
    for candidate in token.sent:
        if candidate.lower_ == "according":
            to = next((c for c in candidate.children if c.lower_ == "to"), None)
            source = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if source is not None:
                return speaker_actor(source)
    return None


def speaker_actor(speaker: Token) -> str | None:
    """The actor of a speaker phrase: the head word's, else a name or possessor modifying it."""
    if speaker.dep_ == "agent":
        speaker = next((c for c in speaker.children if c.dep_ == "pobj"), speaker)
    modifiers = [t for c in speaker.lefts if c.dep_ in ("compound", "amod", "poss", "det", "nmod") for t in c.subtree]
    return actor_in([speaker]) or actor_in(modifiers)
