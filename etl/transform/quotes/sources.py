"""Unnamed sources: "a senior official", "two diplomats", "a Ukrainian military spokesman" keep the words the text
gives them and their country, and are not taken for a person who is named ("a Pence adviser" is not Pence)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from etl import rules
from etl.transform.context import Actor, actor_id_of
from etl.transform.gazetteer import DATA, load_gazetteer

SOURCE_WORD_DEPS = {"det", "nummod", "predet", "quantmod", "punct"}
# Pronouns by which the text goes on quoting the unnamed source it just introduced ("a senior official said. ... he said").
SOURCE_PRONOUNS = {"he", "she"}
# How many paragraphs back such a pronoun finds the source.
SOURCE_REACH_BLOCKS = 1


@dataclass(frozen=True)
class UnnamedSource:
    """Who speaks, as far as the text says: the words for them ("senior defence official") and their country."""

    role: str
    country: str | None


@cache
def source_nouns() -> frozenset[str]:
    """Nouns of people who speak without a name, from data/anonymous_source_nouns.txt."""
    return rules.words(DATA / "anonymous_source_nouns.txt")


def unnamed_source(speaker: Span | None, actors: dict[str, Actor]) -> UnnamedSource | None:
    """The unnamed source a speaker phrase names, or None for a name, a pronoun or a resolved person."""
    if speaker is None:
        return None
    head = speaker.root
    if head.pos_ != "NOUN" or head.lemma_.lower() not in source_nouns():
        return None
    own = actors.get(actor_id_of(head) or "")
    if own is not None and own.type == "person":
        return None  # "the secretary" resolved to the person who holds the office
    words = [t for t in speaker if t.dep_ not in SOURCE_WORD_DEPS or t.i > head.i] or [head]
    return UnnamedSource(" ".join(t.text for t in words), _country(words, head, own, actors))


def _country(words: list[Token], head: Token, own: Actor | None, actors: dict[str, Actor]) -> str | None:
    """The source's country from its words ("a Ukrainian spokesman", "a Kremlin aide"), else, for people, from the
    group they were taken for ("US officials"); one official's country is never guessed from a group."""
    for token in words:
        code = _country_of(token, actors)
        if code:
            return code
    people = own is not None and own.type == "group" and head.tag_ == "NNS"
    return own.country if people and own is not None else None


def _country_of(token: Token, actors: dict[str, Actor]) -> str | None:
    """The country a word of the phrase stands for: a country, demonym or capital, or a country's body."""
    kind, _, code = token.ent_id_.partition(":")
    if kind in ("country", "capital", "demonym", "institution") and code:
        return code
    body = actors.get(actor_id_of(token) or "")
    if body is not None and body.type in ("country", "organization") and body.country:
        return body.country
    return load_gazetteer().country_of_word(token.text)


def speaker_actor(speaker: Span | None, speaker_id: str | None, actors: dict[str, Actor]) -> str | None:
    """The speaker's actor, unless the phrase only names whose source it is: "a Pence adviser" is not Pence, and
    one official is not the group of a country's officials (its country stays with the unnamed source)."""
    if speaker is None or speaker_id is None:
        return speaker_id
    actor = actors.get(speaker_id)
    if actor is None or unnamed_source(speaker, actors) is None:
        return speaker_id
    if actor.type == "person" or (actor.type == "group" and speaker.root.tag_ != "NNS"):
        return None
    return speaker_id


def source_of_pronoun(
    speaker: Span | None, speaker_id: str | None, block_idx: int, latest: tuple[int, UnnamedSource] | None
) -> UnnamedSource | None:
    """ "a senior official said ... 'We see no breach,' he said": a he or she the actors left unresolved goes on
    quoting the unnamed source who spoke last, in this paragraph or the one before."""
    if speaker is None or speaker_id is not None or latest is None or speaker.text.lower() not in SOURCE_PRONOUNS:
        return None
    spoken_in, source = latest
    return source if spoken_in >= block_idx - SOURCE_REACH_BLOCKS else None
