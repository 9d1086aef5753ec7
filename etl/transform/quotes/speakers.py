"""Speakers: the word for who speaks, the phrase around it, its actor, and whether it can speak at all."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from etl import rules
from etl.transform.context import actor_id_of
from etl.transform.gazetteer import DATA
from etl.transform.quotes.marks import DASHES, MARK

SPEAKER_DEPS = ("nsubj",)
CLIMB_DEPS = {"conj", "xcomp", "advcl", "pcomp", "prep", "acl", "relcl", "npadvmod"}
RELATIVE_TAGS = {"WP", "WDT"}
SPEAKER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
NOT_SPEAKER_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
SPEAKER_ACTOR_TYPES = {"person", "organization", "group", "country"}
SPEAKER_PHRASE_LEFT = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "punct", "advmod", "cc", "conj"}
SPEAKER_PHRASE_RIGHT = {"compound", "flat", "case"}
MAX_CLIMB = 5


@cache
def speaker_pronouns() -> frozenset[str]:
    """Pronouns that can speak, from data/quote_speaker_pronouns.txt."""
    return rules.words(DATA / "quote_speaker_pronouns.txt")


@cache
def speaker_nouns() -> frozenset[str]:
    """Nouns for people and bodies that can speak, from data/quote_speaker_nouns.txt."""
    return rules.words(DATA / "quote_speaker_nouns.txt")


def speaker_head(cue: Token) -> Token | None:
    """The word for who speaks: the cue's subject, else that of the verb or noun it depends on."""
    shown = _shown_speaking(cue)
    if shown is not None:
        return shown
    token = cue
    for _ in range(MAX_CLIMB):
        subject = subject_of(token)
        if subject is None and token is not cue and token.lemma_.lower() == "quote":
            subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            if subject.tag_ in RELATIVE_TAGS and token.dep_ == "relcl":
                return token.head
            return _speaking_part(subject)
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head  # "officials saying ...", "Zelensky alleging ..."
        if token.dep_ == "pcomp" and token.head.lower_ == "with":
            pobj = next((c for c in token.head.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if token.dep_ not in CLIMB_DEPS or token.head is token:
            return None
        token = token.head
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject; a dash or mark the tagger took for a noun ("― Trump boasted") is none."""
    return next((c for c in verb.children if c.dep_ in SPEAKER_DEPS and any(ch.isalnum() for ch in c.text)), None)


def _shown_speaking(cue: Token) -> Token | None:
    """ "footage of Clinton asking, '…'": a participle right after the noun of a preposition that hangs on a noun
    is what that noun says, even when the parse hangs it on the main verb (whose subject is the footage)."""
    if cue.tag_ != "VBG" or cue.i == 0 or any(child.dep_ in SPEAKER_DEPS for child in cue.children):
        return None
    noun = cue.doc[cue.i - 1]
    if noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN" and can_speak(noun):
        return noun
    return None


def _speaking_part(subject: Token) -> Token:
    """ "the election, Minyon Moore, …" parsed as one subject: the apposition that can speak."""
    if can_speak(subject):
        return subject
    for child in subject.rights:
        if child.dep_ == "appos" and can_speak(child):
            return child
    return subject


def is_dateline(token: Token) -> bool:
    """ "WASHINGTON --" at the start of a paragraph is where, not who."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    opening = all(t.is_upper or t.is_punct or t.is_space for t in doc[: token.i + 1])
    return opening and following is not None and following.text in DASHES


def nearby_speaker(cue: Token, side: list[Token], actors: dict) -> Token | None:
    """When the parse gave the cue no usable subject: the first word that can speak on the cue's
    side of the quote, before the cue ("Flynn, an adviser, said") or else after it ("Said Ellis")."""
    before = [t for t in side if t.i < cue.i]
    after = [t for t in side if t.i > cue.i]
    for token in before + after:
        if token.is_alpha and can_speak(token, actors):
            while token.dep_ in ("compound", "flat") and token.head in side and token.head.pos_ in ("PROPN", "NOUN"):
                token = token.head
            return token
    return None


def speaker_of(head: Token | None) -> tuple[Span | None, str | None]:
    """The speaker phrase around its head word and the actor it refers to."""
    if head is None:
        return None, None
    span = speaker_phrase(head)
    return span, actor_of_phrase(span, head)


def speaker_phrase(head: Token) -> Span:
    """The noun phrase of a speaker: titles and modifiers before it, no clauses or appositions after."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in SPEAKER_PHRASE_LEFT:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.i != end:
            continue
        of_phrase = child.dep_ == "prep" and child.lower_ == "of" and head.pos_ == "NOUN"  # "the head of the agency"
        if child.dep_ in SPEAKER_PHRASE_RIGHT or (of_phrase and not any(t.is_punct for t in child.subtree)):
            end = child.right_edge.i + 1
    actor = actor_id_of(head)
    while actor and end < len(doc) and actor_id_of(doc[end]) == actor:
        end += 1
    while actor and start > 0 and actor_id_of(doc[start - 1]) == actor:
        start -= 1
    marks = [t.i for t in doc[start:end] if MARK.fullmatch(t.text)]  # never reach into a quote
    start = max([start] + [i + 1 for i in marks if i < head.i])
    end = min([end] + [i for i in marks if i > head.i])
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc" or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return doc[head.i : head.i + 1]
    return doc[start:end]


def actor_of_phrase(span: Span, head: Token) -> str | None:
    """The head's actor, else that of a name modifying it ("a Kremlin spokesman")."""
    if actor_id_of(head):
        return actor_id_of(head)
    for token in span:
        if actor_id_of(token) and token.head == head and token.dep_ in ("compound", "amod", "nmod"):
            return actor_id_of(token)
    return None


def is_age(head: Token) -> bool:
    """ "the 46-year-old said": a person named by their age, though the entity recogniser calls it a date."""
    doc = head.doc
    return head.lower_ == "old" and head.i >= 2 and doc[head.i - 1].text == "-" and doc[head.i - 2].lower_ in ("year", "years")


def is_not_speaker_entity(head: Token) -> bool:
    """A date, time, amount or number, which never speaks (an age does)."""
    return head.ent_type_ in NOT_SPEAKER_ENTITIES and not is_age(head)


def can_speak(head: Token, document_actors: dict | None = None) -> bool:
    """A person, body, group or country (by actor, entity, pronoun, noun or age), not a report or a poll."""
    if is_age(head):
        return True
    if is_not_speaker_entity(head) or is_dateline(head):
        return False
    actor = (document_actors or {}).get(actor_id_of(head)) if actor_id_of(head) else None
    if actor is not None:
        return actor.type in SPEAKER_ACTOR_TYPES
    if actor_id_of(head) and document_actors is None:
        return True
    return (
        head.ent_type_ in SPEAKER_ENTITIES
        or head.lower_ in speaker_pronouns()
        or head.lemma_.lower() in speaker_nouns()
        or head.lower_ in speaker_nouns()
        or (head.pos_ == "PROPN" and head.text[:1].isupper())
    )
