"""Pronouns: "he", "its", "their" and a subject "it", each to the actor it points back to."""

from __future__ import annotations

from spacy.tokens import Span, Token

from etl.transform.actors.genders import person_genders, unfit_for
from etl.transform.actors.groups import MILITARY_NOUNS, group_actor
from etl.transform.actors.mentions import WORDS, Mention, speaks
from etl.transform.actors.roles import add_roles
from etl.transform.context import Actor, ParsedBlock, ParsedDocument, text_of, tokens_of
from etl.transform.gazetteer import Gazetteer

PERSON_PRONOUNS = WORDS["person_pronouns"]
THING_PRONOUNS = WORDS["thing_pronouns"]
GROUP_PRONOUNS = WORDS["group_pronouns"]
FORCES_OWNER_PRONOUNS = WORDS["forces_owner_pronouns"]
EXPLETIVE_VERBS = WORDS["expletive_verbs"]
UNNAMED_SOURCE_NOUNS = WORDS["unnamed_source_nouns"]
# How many paragraphs back "he said" looks for the last person who spoke.
SPEAKER_REACH_BLOCKS = 3


def _pronouns(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """he/she to the latest person of that gender named before (a speaker to the latest speaker, unless an unnamed
    source spoke since: "a senior official said ... he said"); its/their to the latest country, body or group in the
    sentence ("its forces" to that country's forces); a subject "it" to the latest country or body that was a subject."""
    speech_verbs = gazetteer.speech_verbs
    genders = person_genders(mentions, gazetteer)
    found = []
    speakers = [m for m in mentions if m.actor.type == "person" and speaks(m.span.root, speech_verbs)]
    persons = {(m.block.block_idx, i) for m in mentions if m.actor.type == "person" for i in range(m.start, m.end)}
    unnamed_spoke: tuple[int, int] | None = None  # where the latest unnamed source ("a senior official") spoke
    for block in document.blocks:
        for token in tokens_of(block.doc):
            lower = token.lower_
            position = (block.block_idx, token.i)
            end = token.i + 1
            if _unnamed_speaker(token, position, persons, speech_verbs):
                unnamed_spoke = position
                continue
            if lower in PERSON_PRONOUNS and speaks(token, speech_verbs):
                if _unnamed_spoke_last(unnamed_spoke, speakers + mentions, position):
                    continue  # the quotes keep it with that source
                unfit = unfit_for(lower, genders)
                target = (
                    _latest_subject(speakers, position, SPEAKER_REACH_BLOCKS, unfit)
                    or _latest_subject(mentions, position, 1, unfit)
                    or _latest(mentions, position, {"person"}, unfit=unfit)
                )
                if target:
                    speakers.append(Mention(block, token.i, token.i + 1, "pronoun", target))
            elif lower in PERSON_PRONOUNS:
                unfit = unfit_for(lower, genders) | _own_subject(token, block, mentions)
                target = _latest_subject(mentions, position, 1, unfit) or _latest(mentions, position, {"person"}, unfit=unfit)
            elif lower in FORCES_OWNER_PRONOUNS and token.head.lower_ in MILITARY_NOUNS and token.dep_ == "poss":
                owner = _latest(mentions, position, {"country", "organization"}, token.sent)
                target = group_actor(owner.country, token.head, gazetteer) if owner and owner.country else owner
                end = token.head.i + 1 if owner and owner.country else end
            elif lower in THING_PRONOUNS and token.tag_ == "PRP$":
                target = _latest(mentions, position, {"country", "organization"}, token.sent)
            elif lower == "it" and token.dep_ == "nsubj" and token.head.lemma_ not in EXPLETIVE_VERBS and not _inside_quotes(token):
                target = _latest_thing_subject(mentions, block, token)
            elif lower in GROUP_PRONOUNS:
                target = _latest(mentions, position, {"group"}, token.sent, _own_subject(token, block, mentions))
            else:
                continue
            if target:
                found.append(Mention(block, token.i, end, "pronoun", target))
    return found


def _unnamed_speaker(token: Token, position: tuple[int, int], persons: set[tuple[int, int]], speech_verbs: frozenset[str]) -> bool:
    """ "a senior official said": one source the text does not name (no person's mention holds the word) speaks."""
    return token.tag_ == "NN" and token.lemma_.lower() in UNNAMED_SOURCE_NOUNS and position not in persons and speaks(token, speech_verbs)


def _unnamed_spoke_last(unnamed_spoke: tuple[int, int] | None, persons: list[Mention], position: tuple[int, int]) -> bool:
    """Whether an unnamed source spoke, in this paragraph or the one before, after the latest person who spoke or
    was a subject."""
    if unnamed_spoke is None or unnamed_spoke[0] < position[0] - 1:
        return False
    named = [
        m.position for m in persons if m.position < position and m.actor.type == "person" and m.span.root.dep_ in ("nsubj", "nsubjpass")
    ]
    return not named or max(named) < unnamed_spoke


def _inside_quotes(token: Token) -> bool:
    """Whether a quotation is open at the token (odd straight quotes, or more opening than closing curly ones)."""
    before = text_of(token.doc)[: token.idx]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _latest_subject(
    mentions: list[Mention], position: tuple[int, int], reach: int = 1, unfit: frozenset[str] = frozenset()
) -> Actor | None:
    """The latest person who was a sentence subject, within this paragraph and the `reach` before, not one of `unfit`."""
    for mention in sorted(mentions, key=lambda m: m.position, reverse=True):
        if mention.position >= position or mention.actor.type != "person" or mention.actor.actor_id in unfit:
            continue
        if mention.block.block_idx < position[0] - reach:
            return None
        if mention.span.root.dep_ in ("nsubj", "nsubjpass"):
            return mention.actor
    return None


def _own_subject(token: Token, block: ParsedBlock, mentions: list[Mention]) -> frozenset[str]:
    """The actors of the subject of the clause whose object a pronoun is: "them" in "the university refused to meet
    them" is not the university, "him" in "Biden told him" not Biden (a reflexive would say so)."""
    if token.dep_ not in ("dobj", "dative", "pobj"):
        return frozenset()
    verb = token.head.head if token.dep_ == "pobj" else token.head
    for _ in range(3):  # "refused to meet them", "called him and told him": the subject the verb shares
        subject = next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ not in ("xcomp", "conj"):
            break
        verb = verb.head
    if subject is None:
        return frozenset()
    return frozenset(m.actor.actor_id for m in mentions if m.block is block and m.start <= subject.i < m.end)


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


def _latest(
    mentions: list[Mention], position: tuple[int, int], types: set[str], sentence: Span | None = None, unfit: frozenset[str] = frozenset()
) -> Actor | None:
    for mention in reversed(mentions):
        if mention.position >= position or mention.actor.type not in types or mention.actor.actor_id in unfit:
            continue
        if sentence is not None and not (mention.block.block_idx == position[0] and sentence.start <= mention.start < sentence.end):
            continue
        return mention.actor
    return None


def add_pronouns(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """The mentions so far with the office descriptions resolved ("the secretary"), then the pronouns pointing back
    to them."""
    mentions = add_roles(document, mentions, gazetteer)
    return mentions + _pronouns(document, mentions, gazetteer)
