"""Roles: "the secretary", "the MI6 chief", "the commander" to the person the document named with that office.

A definite description of an office points back to a person named before: one whose role or title holds the
office noun (a defence secretary for "the secretary"), else, for a word any office holder can be called ("the
Pentagon chief"), the latest person who was a subject. A description in apposition to a name ("The head of the
office, Jane Doe, said") is that person, and so is the same description anywhere in the document, before the
name or after it. An indefinite one ("one Polish general told ...") introduces someone: it is a person only when
the document names exactly one person of that office and country; otherwise it stays an unnamed source (the
quotes keep it as such), never a guess.
"""

from __future__ import annotations

from spacy.tokens import Token

from etl.transform.actors.mentions import WORDS, Mention, country_of
from etl.transform.context import Actor, ParsedBlock, ParsedDocument, tokens_of
from etl.transform.gazetteer import Gazetteer

ROLE_BACK_NOUNS = WORDS["role_back_nouns"]
ANY_OFFICE_NOUNS = WORDS["role_back_any_office"]
INTRODUCING_DETERMINERS = WORDS["introducing_determiners"]
LESSER_OFFICE_WORDS = WORDS["lesser_office_words"]
SUBJECT_DEPS = ("nsubj", "nsubjpass")
PHRASE_LEFT_DEPS = {"compound", "amod", "nmod", "npadvmod"}
# How many paragraphs back "the chief" looks for the person it may stand for, when no role says who.
ROLE_REACH_BLOCKS = 2


def add_roles(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """The mentions so far and, in document order with them, each office description resolved to its person."""
    persons = [m for m in mentions if m.actor.type == "person"]
    if not persons:
        return mentions
    taken = {(m.block.block_idx, i) for m in mentions for i in range(m.start, m.end)}
    offices = {m.actor.actor_id: m.actor.role.lower() for m in persons if m.actor.role}
    descriptions = [
        (block, token) for block in document.blocks for token in tokens_of(block.doc) if _is_free_office_noun(block, token, taken)
    ]
    by_description = _described_in_apposition(descriptions, persons)
    found = []
    for block, token in descriptions:
        actor = _person_described(block, token, persons, offices, by_description, gazetteer)
        if actor is not None:
            mention = Mention(block, _mention_start(block, token, taken), token.i + 1, "description", actor)
            found.append(mention)
            persons = sorted([*persons, mention], key=lambda m: m.position)
    return sorted(mentions + found, key=lambda m: m.position)


def _is_free_office_noun(block: ParsedBlock, token: Token, taken: set[tuple[int, int]]) -> bool:
    """A singular office noun that no mention holds yet."""
    return token.lower_ in ROLE_BACK_NOUNS and token.tag_ == "NN" and (block.block_idx, token.i) not in taken


def description_span(token: Token) -> tuple[int, int]:
    """Token bounds of an office description, determiner left out: "head of the UN office in Chad", up to a comma."""
    doc = token.doc
    start = min([token.i] + [child.left_edge.i for child in token.lefts if child.dep_ in PHRASE_LEFT_DEPS])
    end = token.i + 1
    while end < len(doc) and not doc[end].is_punct and token.is_ancestor(doc[end]):
        end += 1
    return start, end


def description_key(token: Token) -> str:
    """The words of an office description, lower case: "head of the un office in chad"."""
    start, end = description_span(token)
    return " ".join(t.lower_ for t in token.doc[start:end])


def _described_in_apposition(descriptions: list[tuple[ParsedBlock, Token]], persons: list[Mention]) -> dict[str, Actor]:
    """Descriptions written beside a name ("the head of X, Jane Doe," / "Jane Doe, the head of X,"), each to its
    person; a description two people share is left out."""
    starting = {(m.block.block_idx, m.start): m.actor for m in persons}
    ending = {(m.block.block_idx, m.end): m.actor for m in persons}
    found: dict[str, Actor] = {}
    shared: set[str] = set()
    for block, token in descriptions:
        doc = block.doc
        start, end = description_span(token)
        first = start - 1 if start > 0 and doc[start - 1].dep_ == "det" else start
        after = starting.get((block.block_idx, end + 1)) if end < len(doc) and doc[end].text == "," else None
        before = ending.get((block.block_idx, first - 1)) if first > 0 and doc[first - 1].text == "," else None
        actor = after or before
        if actor is None:
            continue
        key = description_key(token)
        if found.get(key, actor).actor_id != actor.actor_id:
            shared.add(key)
        found[key] = actor
    return {key: actor for key, actor in found.items() if key not in shared}


def _person_described(
    block: ParsedBlock,
    token: Token,
    persons: list[Mention],
    offices: dict[str, str],
    by_description: dict[str, Actor],
    gazetteer: Gazetteer,
) -> Actor | None:
    """The person an office description stands for, or None when the text does not say who."""
    key = description_key(token)
    if key in by_description:
        return by_description[key]
    determiner = _determiner(token)
    country = next((country_of(t, gazetteer) for t in token.lefts if country_of(t, gazetteer)), None)
    noun = token.lower_

    def holds(mention: Mention) -> bool:
        return _holds(offices.get(mention.actor.actor_id), noun) or key in mention.span.text.lower()

    if determiner in INTRODUCING_DETERMINERS:
        holders = {m.actor.actor_id: m.actor for m in persons if country and m.actor.country == country and holds(m)}
        return next(iter(holders.values())) if len(holders) == 1 else None
    if determiner != "the":
        return None
    position = (block.block_idx, token.i)
    before = [m for m in persons if m.position < position and m.actor.country in (None, country or m.actor.country)]
    holder = next((m.actor for m in reversed(before) if holds(m)), None)
    if holder is not None or noun not in ANY_OFFICE_NOUNS or token.dep_ not in SUBJECT_DEPS:
        return holder
    recent = [m for m in before if m.block.block_idx >= position[0] - ROLE_REACH_BLOCKS]
    return next((m.actor for m in reversed(recent) if _is_subject(m.span.root)), None)


def _determiner(token: Token) -> str | None:
    """The description's first word when it is a determiner or a number ("the", "a", "one"), lower case."""
    start, _ = description_span(token)
    first = token.doc[start - 1] if start > 0 else None
    if first is not None and first.dep_ in ("det", "nummod") and first.head.i in range(start, token.i + 1):
        return first.lower_
    return None


def _holds(office: str | None, noun: str) -> bool:
    """Whether an office has the noun: a "Defence Secretary" is "the secretary", a "Vice President" not "the president"."""
    words = (office or "").replace("-", " ").split()
    return noun in words and words[0] not in LESSER_OFFICE_WORDS


def _is_subject(token: Token) -> bool:
    """A sentence subject, or a name in apposition to one ("Britain's spy chief, Tom Vale, spoke")."""
    return token.dep_ in SUBJECT_DEPS or (token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS)


def _mention_start(block: ParsedBlock, token: Token, taken: set[tuple[int, int]]) -> int:
    """Where the description's words start: its modifiers, short of a word another mention holds ("Pentagon")."""
    doc, start = block.doc, token.i
    while (
        start > 0
        and (block.block_idx, start - 1) not in taken
        and doc[start - 1].dep_ in PHRASE_LEFT_DEPS
        and start <= doc[start - 1].head.i <= token.i
    ):
        start -= 1
    return start
