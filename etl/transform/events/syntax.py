"""Parse-tree helpers every part of the event reader shares: a noun's phrase and verb, complements, infinitives."""

from __future__ import annotations

from spacy.tokens import Token

from etl.transform.events.lexicon import (
    COMMENT_NOUNS,
    COMPLEMENT_PREPS,
    DEFINITE,
    GIVING_VERBS,
    GOVERNING_PREPS,
    HAPPENING_VERBS,
    STRETCH_NOUNS,
)

NOUN_POS = {"NOUN", "PROPN"}
# Edges that keep an event inside what another trigger wants, promises or refuses.
COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "acl"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}
MAX_DEPTH = 8
# Tags of a verb said in the past or the third person: never the bare form after "to" ("VBP" is, too often).
TELLING_TAGS = {"VBD", "VBZ"}


def counted_in(noun: Token) -> Token:
    """The stretch of time, round or state a noun is counted in ("two days of talks", "a state of combat readiness"),
    which stands in the sentence where the noun's happening does; else the noun itself."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in STRETCH_NOUNS:
        return noun.head.head
    return noun


def of_objects(noun: Token) -> list[Token]:
    """The nouns of a word's "of" phrases: "fishermen" in "the release of 43 fishermen"."""
    return [pobj for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of" for pobj in prep.children if pobj.dep_ == "pobj"]


def governor_of(noun: Token) -> Token | None:
    """The verb a noun is the object of: "launched" in "launched an attack", "engaged in talks", "is on a visit"."""
    node = proxy(noun)
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    node = counted_in(node)  # "held two days of talks": the talks are what was held
    if node.dep_ == "pobj" and node.head.lower_ == "in" and node.head.head.lemma_.lower() == "part" and node.head.head.dep_ == "dobj":
        return node.head.head.head  # "took part in a march": who took part marched
    if node.dep_ in ("dobj", "nsubjpass") and node.head.pos_ in ("VERB", "AUX"):
        return node.head
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in GOVERNING_PREPS and _carries(node.head.head):
        return node.head.head
    return None


def _carries(verb: Token) -> bool:
    """A verb a noun's event can hang on through "in" or "on": any verb, and "be" ("is on a visit", "are in talks")."""
    return verb.pos_ == "VERB" or (verb.pos_ == "AUX" and verb.lemma_ == "be")


def happening_verb(noun: Token) -> Token | None:
    """The verb that only says a noun's happening took place ("erupted" in "fighting erupted between A and B") or
    that it was given ("gave its consent on Monday to talks"), whose prepositions are the noun's own."""
    head = noun.head
    if head.pos_ != "VERB":
        return None
    if noun.dep_ == "nsubj" and head.lemma_.lower() in HAPPENING_VERBS:
        return head
    if noun.dep_ == "dobj" and head.lemma_.lower() in GIVING_VERBS:
        return head
    return None


def proxy(noun: Token) -> Token:
    """The phrase a noun trigger heads: itself, or the noun it modifies ("aid" in "aid package")."""
    if noun.dep_ == "compound" and noun.head.pos_ in NOUN_POS and noun.head.i != noun.i:
        return noun.head
    return noun


def complement_edge(node: Token) -> bool:
    """An edge that keeps a word inside its head's complement."""
    if node.dep_ == "conj":
        return any(child.dep_ == "mark" and child.lower_ == "that" for child in node.children)
    if node.dep_ == "prep":
        return node.lower_ in COMPLEMENT_PREPS
    return node.dep_ in COMPLEMENT_DEPS


def infinitive(verb: Token) -> bool:
    """A "to" infinitive: "to do so", "to send jets"."""
    return verb.pos_ in ("VERB", "AUX") and any(child.tag_ == "TO" for child in verb.children)


def under_possessor(token: Token, root: Token) -> bool:
    """Whether a token sits inside a possessor ("Russia" in "Russia's allies")."""
    node = token
    for _ in range(MAX_DEPTH):
        if node.i == root.i or node.head.i == node.i:
            return False
        if node.dep_ == "poss":
            return True
        node = node.head
    return False


def definite(noun: Token) -> bool:
    """An event noun that refers to a known event ("Russia's invasion", "the invasion"), not a possible one ("a Russian invasion")."""
    return any(child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in DEFINITE) for child in proxy(noun).children)


def condition_clause(clause: Token, conjunctions: set[str]) -> Token | None:
    """The verb of a condition one of these conjunctions opens on a clause itself: "unless Kazakhstan paid" on "would
    shut the sluices"."""
    for child in clause.children:
        if child.dep_ == "advcl" and any(mark.dep_ == "mark" and mark.lower_ in conjunctions for mark in child.children):
            return child
    return None


def subject_of(clause: Token | None) -> Token | None:
    """A clause's active subject, if it has one ("Thousands" in "Thousands marched")."""
    return next((child for child in clause.children if child.dep_ == "nsubj"), None) if clause is not None else None


def infinitive_subject(clause: Token) -> Token | None:
    """The subject of a "to" infinitive clause the model parsed as a complement: "Japan" in "wants [Japan to lift
    controls]" (object control, parsed as a clause rather than an object and a verb), or in "called [for Japan to
    lift controls]" (a "for ... to" clause, parsed as an adverbial one)."""
    if not any(child.dep_ == "aux" and child.lower_ == "to" for child in clause.children):
        return None
    if clause.dep_ != "ccomp" and not (clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)):
        return None
    return subject_of(clause)


def finite_beside_base(verb: Token) -> bool:
    """Whether a verb in the past or present tense was hung on a "to" or "-ing" verb it cannot be coordinated with:
    "promised [to help] and condemned the attacks" coordinates "condemned" with "promised"."""
    return verb.dep_ == "conj" and visibly_finite(verb) and verb.head.tag_ in ("VB", "VBG")


def visibly_finite(verb: Token) -> bool:
    """Whether a verb is in the past or third-person form, and its word shows it: "detained", "condemns", not "beat"
    or "cut", which may be the bare form the tagger misread."""
    return verb.tag_ in TELLING_TAGS and verb.lower_ != verb.lemma_.lower()


def commented_on(clause: Token) -> bool:
    """Whether a clause is told and then commented on, though the parser hung it on the comment's verb: "Congo accused
    Rwanda of backing the rebels, a charge Kigali denies" (the accusation was made; only the charge is denied)."""
    if clause.dep_ != "ccomp" or clause.i > clause.head.i:
        return False
    subject = subject_of(clause.head)
    return subject is not None and subject.i > clause.i and subject.lemma_.lower() in COMMENT_NOUNS


def passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice: it has a passive subject or auxiliary ("were detained")."""
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def has_aux(token: Token, words: frozenset[str] | set[str]) -> bool:
    """Whether a verb has one of these auxiliaries: "would hit", "must return"."""
    return any(child.dep_ == "aux" and child.lower_ in words for child in token.children)


def headline_future(verb: Token) -> bool:
    """A headline's "X to do Y", what will be done said with no "will": "Japan to lend Bangladesh $400 million" (the
    verb its sentence's root), "Zimbabwe to admit observers" (a verb the parser hung on the sentence's only noun)."""
    if not has_aux(verb, {"to"}):
        return False
    return verb.dep_ == "ROOT" or (verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in NOUN_POS | {"ADJ"})


def has_aux_up(token: Token, words: frozenset[str] | set[str], through: frozenset[str] | set[str]) -> bool:
    """Whether the token or a word above it, climbing only `through` these edges, has one of these auxiliaries:
    "will not accept", "would gather again", "will sit on Saturday to elect"."""
    node = token
    for _ in range(MAX_DEPTH):
        if has_aux(node, words):
            return True
        if node.dep_ not in through or node.head.i == node.i:
            return False
        node = node.head
    return False
