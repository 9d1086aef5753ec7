"""Who did it: the subject of a verb, the doer a noun names, the speaker of a warning (standins.py: who stands in for a doer
the text does not name)."""

from __future__ import annotations

from spacy.tokens import Token

from etl.transform.context import actor_id_of
from etl.transform.events.context import Context
from etl.transform.events.lexicon import (
    ARMED_SECTORS,
    BODY_PRONOUNS,
    CAUSE_PREPS,
    CONTROL_PREPS,
    DYING_VERBS,
    FRAME_PREPS,
    HARMED_VERBS,
    PERSON_PRONOUNS,
    SETTING_PREPS,
    SPEAKER_VERBS,
)
from etl.transform.events.phrases import ACTOR_RANK, demonym, owner_actors, phrase_actors, quantity_head, relief_senders
from etl.transform.events.places import place_of
from etl.transform.events.syntax import (
    MAX_DEPTH,
    MODIFIER_DEPS,
    NOUN_POS,
    counted_in,
    governor_of,
    happening_verb,
    infinitive,
    of_objects,
    passive,
    proxy,
)

# How far a verb looks up for its subject: "X reaffirmed their commitment to supporting Ukraine".
CLIMB_DEPS = {"xcomp", "conj", "advcl", "pcomp", "prep", "dobj", "acomp"}
# Tags of a finite verb, which has a subject of its own.
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
# Types where "from X" names the doer ("an attack from Iran", "aid from the US"), not where it came from
# ("the withdrawal from Kherson", "deportations from Ukraine").
FROM_AGENT_TYPES = {"ASSAULT", "AID", "SUPPORT", "REQUEST", "THREATEN", "ACCUSE", "SANCTION"}
# Types whose noun takes what was done to with "of", never who did it: "the arrest of three journalists".
PATIENT_OF_TYPES = {"COERCE", "CONCEDE"}
# ... and modes: "the release of the fishermen" sets them free
PATIENT_OF_MODES = {"release"}
# Types and modes of a deed done to no one or together, whose noun's "of" is who did it, whatever actor that is:
# "the resignation of the interior minister", "an emergency meeting of NATO", "the visit of the Pope".
DOER_OF_TYPES = {"CONSULT"}
DOER_OF_MODES = {"resign"}
# Types whose noun names its parties in front: "the Russia-Ukraine talks".
PARTICIPANT_TYPES = {"CONSULT", "COOPERATE"}
# Prepositions of whom an attitude is aimed at, who then did what it is for: "lashed out at Hungary for blocking".
OBJECT_PREPS = {"at", "with"}
# Third-person pronouns and the actor types each can be: as the subject of what someone says, a pronoun that fits
# the speaker is the speaker ("Chad said it would ...", but "Kenya's president said it would ..." is someone else).
PRONOUN_TYPES = {
    **dict.fromkeys(BODY_PRONOUNS, frozenset({"country", "organization", "group"})),
    **dict.fromkeys(PERSON_PRONOUNS, frozenset({"person"})),
}
# "claimed responsibility for the attack": the claimant did it.
RESPONSIBILITY_NOUNS = {"responsibility", "credit"}
CLAIMING_VERBS = {"claim", "accept", "admit"}
# Cue effects of a verb that says what its complement clause holds ("said", "claimed").
SAYING = ("reported", "claimed")
# Edges from what was said up to the verb that said it.
SPEECH_CONTENT_DEPS = {"ccomp", "xcomp", "conj", "acomp", "attr", "advcl", "parataxis"}


def subject_actors(context: Context, verb: Token) -> list[str]:
    """Who did it: the verb's subject (the agent of a passive), climbing to the clause that has one."""
    node, arrived, via = verb, None, None
    for _ in range(MAX_DEPTH):
        children = list(node.children)
        agent = next((child for child in children if child.dep_ == "agent"), None)
        if agent is not None and any(child.dep_ == "nsubj" for child in children):
            agent = None  # "Abdullah spoke by telephone with ...": an active verb's "by" is no agent
        if agent is not None or passive(node):
            pobj = next((child for child in agent.children if child.dep_ == "pobj"), None) if agent is not None else None
            if pobj is None and arrived == "xcomp":
                # "Belarus was forced to deploy its units": who was made to act is who acts.
                made = next((child for child in children if child.dep_ == "nsubjpass"), None)
                return phrase_actors(context, made) if made is not None else []
            return phrase_actors(context, pobj) if pobj is not None else []
        if arrived == "xcomp" or (arrived == "prep" and via in CONTROL_PREPS):
            # Object control: "urged Russia to stop", "accused Russia of attacking".
            for child in children:
                if child.dep_ in ("dobj", "dative") and (actors := phrase_actors(context, child) or capital_side(context, child)):
                    return actors
            # ... and a prepositional object: "lashed out at Hungary for blocking", "angry with Kyiv for refusing".
            # Whoever it names, the deed is theirs, not the subject's: no actor there is no doer.
            for child in children:
                if child.dep_ == "prep" and child.lower_ in OBJECT_PREPS and via != child.lower_:
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return phrase_actors(context, pobj)
        subject = next((child for child in children if child.dep_ in ("nsubj", "csubj")), None)
        if subject is not None:
            if subject.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
                return phrase_actors(context, node.head)
            actors = phrase_actors(context, subject) or owner_actors(context, quantity_head(context, subject))
            # "Syria says it is willing to ...": the speaker, whoever else "it" could be. "The ministry said the dam
            # was legal and rejected the proposal": a deed coordinated with what the speaker said is the speaker's own.
            beside_a_description = arrived == "conj" and node.lemma_.lower() == "be"
            if (subject.pos_ == "PRON" or beside_a_description) and (speaker := saying_verb(context, node)) is not None:
                speakers = subject_actors(context, speaker)
                if not actors or _fits_pronoun(context, speakers, subject.lower_):
                    return speakers or actors
            return actors
        if node.pos_ in NOUN_POS and arrived == "prep" and via in CONTROL_PREPS and (actors := phrase_actors(context, node)):
            return actors  # "lashed out at Hungary for blocking": the actor the deed is attached to
        if node.pos_ in NOUN_POS and arrived == "prep":
            # A possessor controls what its noun governs: "his hesitation in providing aid".
            for child in children:
                if child.dep_ == "poss" and (actors := phrase_actors(context, child, allow_possessor=True)):
                    return actors
        purpose = node.dep_ in ("acl", "relcl") and infinitive(node) and node.head.pos_ in NOUN_POS
        if purpose and (holder := _verb_above(node.head)) is not None:
            # "converged for a rally to protest the law", "agreed on talks to end the war": the purpose of a
            # happening is the doing of whoever holds it.
            return subject_actors(context, holder)
        if node.dep_ == "amod" and node.tag_ in ("VBG", "JJ"):
            return phrase_actors(context, node.head)  # "striking miners": the noun does it
        if node.dep_ == "relcl" or (node.dep_ == "acl" and node.tag_ == "VBG"):
            actors = phrase_actors(context, node.head)
            if actors or node.dep_ == "relcl":
                return actors
            # "The Senate approved legislation barring imports": a measure acts for whoever carries it.
            if node.head.lemma_.lower() not in context.lexicon.measures:
                return []  # "attacks targeting hospitals", "a campaign targeting decision-making": no measure
            carrier = _carrier_verb(context, node.head)
            return subject_actors(context, carrier) if carrier is not None else []
        if node.dep_ == "acl" and (whole := _sentence_noun(node.head)) is not None and _acts(node):
            # The parser read the sentence as a noun phrase ("Russia's gas monopoly threatened on Thursday to cut
            # ...", "gunmen on motorbikes killed 12 villagers"): a participle that governs an object or a clause is
            # the noun's own verb.
            return phrase_actors(context, whole) or owner_actors(context, quantity_head(context, whole))
        if node.dep_ == "prep" and node.lower_ == "against":
            return []  # "defences against occupying forces", "warned against attacking": not the outer subject's deed
        if node.dep_ == "advcl" and node.tag_ in FINITE_TAGS:
            return []  # "a day after warplanes pounded ...": a finite clause has a subject of its own, misparsed or not
        if node.dep_ not in CLIMB_DEPS or node.head.i == node.i:
            return _actor_just_before(context, node)
        arrived, via, node = node.dep_, node.lower_, node.head
    return []


def _sentence_noun(noun: Token) -> Token | None:
    """The noun the parser read as a whole sentence, from itself or a noun in its prepositional phrase ("gunmen" from
    "motorbikes" in "gunmen on motorbikes killed ..."), if it is one."""
    if noun.pos_ in NOUN_POS and noun.dep_ == "ROOT":
        return noun
    preposition = noun.head
    if noun.dep_ == "pobj" and preposition.dep_ == "prep" and preposition.head.dep_ == "ROOT" and preposition.head.pos_ in NOUN_POS:
        return preposition.head
    return None


def _verb_above(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition ("held a rally", "came for a rally")."""
    node = noun
    for _ in range(3):
        if node.dep_ not in ("dobj", "pobj", "prep") or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ == "VERB":
            return node
    return None


def _acts(verb: Token) -> bool:
    """A verb with an object or a clause of its own, or sharing one with the verb it is coordinated with ("donated and
    delivered goods"), so active ("threatened to cut"), not a passive participle ("two soldiers killed in shelling")."""
    return any(
        child.dep_ in ("dobj", "xcomp", "ccomp")
        or (child.dep_ == "advcl" and infinitive(child))
        or (child.dep_ == "prt" and any(t.dep_ in ("pobj", "dobj") for t in child.subtree))  # "handed in their rifles"
        or (child.dep_ == "conj" and child.pos_ == "VERB" and _acts(child))
        for child in verb.children
    )


def saying_verb(context: Context, clause: Token, effects: tuple[str, ...] = SAYING) -> Token | None:
    """The verb of saying whose content a clause is ("says [it is willing]"), if any: a verb whose cue
    (event_cues.tsv) is one of `effects`."""
    if clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return None
    head = clause.head
    return head if context.lexicon.cues.get((head.lemma_.lower(), "VERB")) in effects else None


def _carrier_verb(context: Context, noun: Token) -> Token | None:
    """The light verb a noun phrase is the object of, through prepositions: "gave approval to [legislation]"."""
    node = noun
    for _ in range(MAX_DEPTH):
        if node.head.i == node.i or node.dep_ not in ("dobj", "pobj", "prep", "dative", "compound", "conj", "nsubjpass"):
            return None
        node = node.head
        if node.pos_ == "VERB":
            return node if node.lemma_.lower() in context.lexicon.light_verbs else None
    return None


def _actor_just_before(context: Context, verb: Token) -> list[str]:
    """A subject the parser attached elsewhere: the actor right before the verb ("the Russian leader agreed",
    "militiamen handed in rifles"); not before a passive participle describing a noun, which names who it was
    done to ("a separatist leader arrested in Kelantan")."""
    if verb.pos_ != "VERB" or (verb.dep_ == "acl" and verb.tag_ == "VBN" and not _acts(verb)):
        return []
    position = verb.i - 1
    while position >= verb.sent.start and verb.doc[position].pos_ in ("ADV", "AUX", "PART"):
        position -= 1
    if position < verb.sent.start:
        return []
    previous = verb.doc[position]
    actor = context.actor(actor_id_of(previous))
    if actor and actor.type in ACTOR_RANK and previous.dep_ not in ("pobj", "dobj", "poss"):
        return [actor.actor_id]
    return []


def noun_actors(
    context: Context, noun: Token, event_type: str, mode: str | None = None
) -> tuple[list[str], str | None, Token | None, bool]:
    """Who did what a noun names: "between A and B", a possessor, a national modifier, "by X", a light verb's subject."""
    phrase = proxy(noun)
    happening = happening_verb(phrase)
    for child in [*phrase.children, *(happening.children if happening is not None else ())]:
        if child.dep_ == "prep" and child.lower_ == "between":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            actors = phrase_actors(context, pobj) if pobj is not None else []
            if actors:
                return [actors[0]], (actors[1] if len(actors) > 1 else None), None, True
    for child in phrase.children:
        if child.dep_ == "poss" and (actors := phrase_actors(context, child, allow_possessor=True)):
            return actors, None, None, True
    doers, topics = _modifier_actors(context, noun, phrase)
    if event_type in PARTICIPANT_TYPES and not doers:
        doers, topics = topics, []
    topic = topics[0] if topics else None
    if doers:
        return [doers[0]], (doers[1] if len(doers) > 1 else topic), None, True
    of = (
        "patient"
        if event_type in PATIENT_OF_TYPES or mode in PATIENT_OF_MODES
        else "doer"
        if event_type in DOER_OF_TYPES or mode in DOER_OF_MODES
        else "group"
    )
    for child in phrase.children:
        agent = _agent_of(context, child, event_type, of)
        if agent is not None and (actors := phrase_actors(context, agent)):
            return actors, topic, None, True
    if event_type == "CONCEDE" and (owners := _owners_of_what_is_yielded(context, phrase)):
        return owners, topic, None, True
    governor = governor_of(noun)
    if governor is not None and governor.lemma_.lower() in context.lexicon.light_verbs:
        return subject_actors(context, governor), topic, governor, False
    if blamed := _blamed_for(context, phrase):
        return blamed, topic, None, False
    if claimed := _claimed_by(context, phrase):
        return claimed, topic, None, True
    partner = with_partner(context, phrase)
    clause = _clause_verb(phrase)
    if partner and clause is not None and event_type == "ASSAULT" and (victims := _victims_of(context, clause)) is not None:
        # "three soldiers died in a clash with rebels", "two militants were killed in an encounter with security
        # forces": the other side of the clash attacked those who died in it
        return [partner], (victims[0] if victims and victims[0] != partner else None), None, False
    if partner and clause is not None:
        # "In a call with Trump, Putin agreed ...": the clause's subject is the other party.
        return [a for a in subject_actors(context, clause) if a != partner], partner, None, False
    if partner and event_type in PARTICIPANT_TYPES and (speakers := _said_by(context, phrase)):
        # "The union said rounds of talks with employers had ended": who says the talks were held held them.
        return [a for a in speakers if a != partner], partner, None, False
    if clause is not None and clause.lemma_.lower() in context.gazetteer.motion_words:
        # "negotiators return to Geneva for talks", "troops arrived for the exercise": who came for it does it.
        return subject_actors(context, clause), None, None, False
    frame = frame_verb(context, noun)
    if frame is not None and event_type in PARTICIPANT_TYPES:
        # "In a call on Monday, Biden told Zelensky ...": who spoke to whom in it.
        heard = [a for child in frame.children if child.dep_ in ("dobj", "dative") for a in phrase_actors(context, child)]
        return subject_actors(context, frame), (heard[0] if heard else None), None, False
    if event_type == "AID" and (senders := relief_senders(context, quantity_head(context, phrase))):
        return senders, None, None, True  # "a convoy of trucks carrying food from a Jordanian charity crossed ..."
    return [], None, None, False


def _owners_of_what_is_yielded(context: Context, phrase: Token) -> list[str]:
    """Whose measure a concession noun eases or withdraws: "the junta" in "the easing of the junta's ban"."""
    for measure in of_objects(phrase):
        owners = [a for c in measure.children if c.dep_ == "poss" for a in phrase_actors(context, c, allow_possessor=True)]
        if owners:
            return owners
    return []


def _fits_pronoun(context: Context, speakers: list[str], pronoun: str) -> bool:
    """Whether a pronoun can be the one speaker: "it" a country or body, "he" or "she" a person."""
    types = PRONOUN_TYPES.get(pronoun)
    actor = context.actor(speakers[0]) if len(speakers) == 1 else None
    return types is not None and actor is not None and actor.type in types


def frame_verb(context: Context, noun: Token) -> Token | None:
    """The speaking verb of a clause an event noun frames: "told" in "In a call on Monday, Biden told Zelensky ..."."""
    phrase = proxy(noun)
    if phrase.dep_ != "pobj" or phrase.head.dep_ != "prep" or phrase.head.lower_ not in FRAME_PREPS:
        return None
    verb = phrase.head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in context.gazetteer.speech_verbs:
        return None
    return verb


def _blamed_for(context: Context, phrase: Token) -> list[str]:
    """Who a verb's object is blamed, thanked or punished for a noun's deed: "criticized Guatemala over the jailing
    of two prosecutors" (Guatemala jailed them), "thanked Japan for its aid"."""
    preposition = phrase.head
    if phrase.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.lower_ not in CAUSE_PREPS or preposition.head.pos_ != "VERB":
        return []
    for child in preposition.head.children:
        if child.dep_ == "dobj":
            return phrase_actors(context, child) or capital_side(context, child)
    return []


def _claimed_by(context: Context, phrase: Token) -> list[str]:
    """Who claimed a deed as theirs: "Islamic State claimed responsibility for the assassination of ..."."""
    preposition = phrase.head
    if phrase.dep_ != "pobj" or preposition.lower_ != "for" or preposition.head.lemma_.lower() not in RESPONSIBILITY_NOUNS:
        return []
    verb = preposition.head.head
    if preposition.head.dep_ != "dobj" or verb.lemma_.lower() not in CLAIMING_VERBS:
        return []
    return subject_actors(context, verb)


def _said_by(context: Context, noun: Token) -> list[str]:
    """Who says what a noun (or the stretch it is counted in) is the subject of: "the union" in "the union said rounds
    of talks with employers had ended"."""
    node = counted_in(noun)
    clause = node.head
    if node.dep_ not in ("nsubj", "nsubjpass") or clause.i == node.i or clause.pos_ != "VERB":
        return []  # not "said negotiations with the Kremlin were impossible": a view, not talks held
    if any(child.dep_ == "neg" for child in clause.children):
        return []  # "said talks with NATO have not yet ended"
    said = saying_verb(context, clause)
    return subject_actors(context, said) if said is not None else []


def _victims_of(context: Context, verb: Token) -> list[str] | None:
    """Who a verb says suffered an attack ("soldiers died", "militants were killed"), or None when it says no such
    thing."""
    lemma = verb.lemma_.lower()
    if lemma in DYING_VERBS:
        return subject_actors(context, verb)
    if lemma in HARMED_VERBS and passive(verb):
        return [actor for child in verb.children if child.dep_ == "nsubjpass" for actor in phrase_actors(context, child)]
    return None


def _clause_verb(noun: Token) -> Token | None:
    """The verb whose prepositional phrase a noun sits in: "agreed" for "In a call ..., Putin agreed", "freed" for
    "freed activists ahead of talks with", "pulled out" for "pulled out after days of clashes with"."""
    node = counted_in(noun)  # "after days of clashes": the days stand where the clashes do
    preposition = node.head
    if node.dep_ == "pobj" and preposition.lower_ in ("of", "to") and preposition.head.dep_ == "advmod":
        preposition = preposition.head  # "ahead of", "prior to"
    setting = node.dep_ == "pobj" and preposition.dep_ in ("prep", "advmod") and preposition.lower_ in SETTING_PREPS
    if setting and preposition.head.pos_ in ("VERB", "AUX"):
        return preposition.head  # not "withdrew from talks with Moscow"; "is in Paris for talks with" too
    return None


def _agent_of(context: Context, child: Token, event_type: str, of: str) -> Token | None:
    """The doer in "attacks by Russia", "an attack from Iran" or "strikes carried out by Russian forces". What is "of"
    the noun (`of`) is what was done to ("patient": "the arrest of protesters"), who did it ("doer": "the
    resignation of the minister"), or who did it when a group ("group": "the attacks of Russian forces")."""
    if child.dep_ == "prep" and (child.lower_ == "by" or (child.lower_ == "from" and event_type in FROM_AGENT_TYPES)):
        return next((c for c in child.children if c.dep_ == "pobj"), None)
    if child.dep_ == "prep" and child.lower_ == "of" and of != "patient":
        # "the attacks of Russian forces": only a group does something "of"; "the invasion of Ukraine" is its target.
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        actor = context.actor(actor_id_of(pobj)) if pobj is not None else None
        if of == "doer":
            return pobj if actor is not None else None
        if pobj is None or actor is None or actor.type != "group" or _one_of_a_group(pobj):
            return None
        # "the killing of civilians": of an attack, only an armed group is who did it.
        return pobj if event_type != "ASSAULT" or actor.sector in ARMED_SECTORS else None
    if (child.dep_ == "acl" and child.tag_ == "VBN") or (child.dep_ in ("acl", "relcl") and infinitive(child)):
        # "strikes carried out by Russian forces"; "calls to do so by lawmakers" (the "by" hung on the infinitive)
        for grandchild in child.children:
            if grandchild.dep_ == "agent" or (grandchild.dep_ == "prep" and grandchild.lower_ == "by" and child.tag_ != "VBN"):
                return next((c for c in grandchild.children if c.dep_ == "pobj"), None)
    return None


def _one_of_a_group(noun: Token) -> bool:
    """ "a police officer", "an aid worker": one person, to whom a deed "of" them was done ("the shooting of a
    police officer"), not a group that did it."""
    return noun.tag_ == "NN" and any(child.dep_ == "det" and child.lower_ in ("a", "an") for child in noun.children)


def with_partner(context: Context, phrase: Token) -> str | None:
    """The actor in "a call with X"."""
    for child in phrase.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            actors = phrase_actors(context, pobj) if pobj is not None else []
            if actors:
                return actors[0]
            if pobj is not None and (capital := capital_side(context, pobj)):
                return capital[0]  # "talks with Moscow": the capital stands for its government
    return None


def capital_side(context: Context, token: Token) -> list[str]:
    """The government a capital stands for: "accused Naypyitaw of shelling", "talks with Moscow"."""
    kind, _, code = token.ent_id_.partition(":")
    return [context.country_actor(code)] if kind == "capital" and code else []


def _modifier_actors(context: Context, noun: Token, phrase: Token) -> tuple[list[str], list[str]]:
    """Actors named in front of an event noun: doers ("Trump-Putin call", "U.S. sanctions", "a Ukrainian drone
    attack") and topics (a country written out in full names the target: "Russia sanctions", "the Kuwait invasion")."""
    found: list[str] = []
    topics: list[str] = []
    heads = {noun.i: noun, phrase.i: phrase}
    modifiers = {t.i: t for head in heads.values() for t in head.subtree if t.i < noun.i}
    for _, token in sorted(modifiers.items()):
        if token.i == noun.i or not _modifier_chain(token, heads):
            continue
        actor = context.token_actor(token)
        if place_of(context, token):
            continue
        if actor and actor.type == "country" and not _abbreviation(token):
            topics.append(actor.actor_id)
        elif actor and actor.type in ACTOR_RANK:
            found.append(actor.actor_id)
        elif actor is None and (iso3 := demonym(context, token)):
            found.append(context.country_actor(iso3))
    return list(dict.fromkeys(found)), list(dict.fromkeys(topics))


def _abbreviation(token: Token) -> bool:
    """ "U.S.", "UK", "EU": how English names a country that does something to something else."""
    letters = token.text.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def _modifier_chain(token: Token, heads: dict[int, Token]) -> bool:
    """Whether a token reaches the event noun through name and adjective modifiers only."""
    node = token
    for _ in range(MAX_DEPTH):
        if node.i in heads:
            return True
        if node.dep_ not in MODIFIER_DEPS | {"punct", "conj", "cc"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def speech_verb(context: Context, token: Token) -> Token | None:
    """The reporting or warning verb whose content the trigger is: "said talks were impossible", "..., she warned"."""
    speech = context.gazetteer.speech_verbs | SPEAKER_VERBS
    node = token
    for _ in range(MAX_DEPTH):
        for child in node.children:
            if child.dep_ == "parataxis" and child.lemma_.lower() in speech and any(g.dep_ == "nsubj" for g in child.children):
                return child  # "They will face consequences, the minister warned."
        if node.head.i == node.i or node.dep_ not in SPEECH_CONTENT_DEPS:
            return None
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in speech:
            return node
    return None


def predicate_head(token: Token) -> Token:
    """The verb whose subject a predicate adjective describes ("were" in "talks were impossible"), else the token."""
    return token.head if token.pos_ == "ADJ" and token.dep_ in ("acomp", "attr") else token
