"""Mentions: the Mention record, actor ids, and the helpers every pass shares (casing, countries, overlaps)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from etl.transform.context import Actor, ParsedBlock, ParsedDocument, row_id, tokens_of
from etl.transform.gazetteer import Gazetteer, word_lists

# The word lists, from data/actor_words.tsv (each row says what its list is for).
WORDS = word_lists("actor_words.tsv")
TITLE_CASE_LOWER_WORDS = WORDS["title_case_lower"]
OCCASION_NAMES = WORDS["occasion_names"]
WEAPON_NAME_HEADS = WORDS["weapon_name_heads"]
FORMER_PREFIXES = WORDS["former_prefixes"]
# About half the lower-case words of English prose are common short words ("the", "of", "he"); a block of at
# least MIN_PROSE_WORDS lower-case words with under one in ten is no English prose (names aside, which are capitalised).
MIN_PROSE_WORDS = 6
MIN_STOP_WORD_SHARE = 0.1
TRANSLITERATED_ENDING = re.compile(r"(?:iy|yy|ij|ii|yi|y)$")


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


def is_not_english_prose(block: ParsedBlock) -> bool:
    """A paragraph of another language ("Он сказал, что ...") or a table line ("Shr 73 cts vs 55 cts Net ..."):
    too few of English's common short words for the model's guesses at names to mean anything."""
    words = [token for token in tokens_of(block.doc) if token.is_alpha and token.is_lower]
    return len(words) >= MIN_PROSE_WORDS and sum(token.is_stop for token in words) < MIN_STOP_WORD_SHARE * len(words)


def is_all_caps(block: ParsedBlock) -> bool:
    """A line in capitals ("RUSSIA WARNS ISRAEL ..."), where the model finds no names worth having."""
    words = [token for token in tokens_of(block.doc) if token.is_alpha and len(token) > 1]
    return len(words) >= 3 and sum(token.is_upper for token in words) >= 0.8 * len(words)


def hyphen_modifier(doc, end: int) -> bool:
    """A name joined by a hyphen to a participle ("Russia-backed", "US-supplied"): it modifies, it does not act."""
    if end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_ or doc[end].whitespace_:
        return False
    following = doc[end + 1]
    return following.is_alpha and (
        following.is_lower or (following.is_upper and following.ent_type_ not in ("GPE", "PERSON", "ORG", "NORP"))
    )


def is_thing(span: Span, gazetteer: Gazetteer) -> bool:
    """A weapon, a platform, a treaty or an occasion, not an actor: "Storm Shadow", "on Telegram", "the Chemical Weapons
    Convention", "Joint Strike Missile", "Easter", or a maker's name before a weapon ("Tupolev bombers")."""
    text = strip_article(span.text)
    if text in gazetteer.thing_names or span[-1].text in gazetteer.document_nouns or span[0].text in gazetteer.vessel_prefixes:
        return True
    if text.lower() in OCCASION_NAMES or (span[-1].is_title and span[-1].lower_ in WEAPON_NAME_HEADS):
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


def only_country(mentions: list[Mention]) -> str | None:
    """The one country a document's countries and places are all in, its dateline's included ("COLOMBO, Sri Lanka
    -- The government lifted a curfew"): whose "the government" and "police" are when nothing nearer says."""
    countries = countries_named(mentions)
    return next(iter(countries)) if len(countries) == 1 else None


def countries_named(mentions: list[Mention]) -> set[str]:
    """The countries a document's countries and places are in."""
    return {m.actor.country for m in mentions if m.actor.type in ("country", "location") and m.actor.country}


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text)


def country_of(token: Token, gazetteer: Gazetteer) -> str | None:
    """The country a word stands for: a demonym, a country or capital, or a national institution."""
    if after_former_prefix(token):
        return None
    kind, _, code = token.ent_id_.partition(":") if token.ent_type_ else ("", "", "")
    if kind in ("country", "capital", "demonym", "institution") and code:
        return code
    return gazetteer.country_by_demonym.get(token.text)


def after_former_prefix(token: Token) -> bool:
    """A country word that says what something was or is no longer: "the ex-Soviet country", "post-Soviet states"."""
    doc, i = token.doc, token.i
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and doc[i - 2].lower_ in FORMER_PREFIXES


def speaks(token: Token, speech_verbs: frozenset[str]) -> bool:
    """The word is the subject of a reporting verb ("he said", "Marles told reporters")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in speech_verbs


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


def keep_longest(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Of mentions that overlap, the longest (_without_overlaps), in document order."""
    return _without_overlaps(mentions)


def in_document_order(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """The mentions in the order the document has them, the order pronouns look back along."""
    return sorted(mentions, key=lambda mention: mention.position)
