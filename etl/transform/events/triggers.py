"""Finding candidate triggers: the lexicon lines a token matches, their conditions, and triggers inside another's intent."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.symbols import ADJ, NOUN, PROPN, VERB
from spacy.tokens import Token

from etl.transform.context import actor_id_of
from etl.transform.events.context import Context
from etl.transform.events.dates import DATE_ENTITIES
from etl.transform.events.doers import frame_verb, subject_actors
from etl.transform.events.lexicon import (
    ARMED_SECTORS,
    CIVIL_SECTORS,
    CURRENCY_NOUNS,
    FUTURE_AUXILIARIES,
    HELPING_VERBS,
    JOINT_ADVERBS,
    OWN_FORCES,
    PARTNER_PREPS,
    POSSIBILITY_AUXILIARIES,
    RELIEF_SECTORS,
    SECURITY_SECTORS,
    SHARED_NOT_MATERIAL,
    SHARED_WORDS,
    Trigger,
)
from etl.transform.events.phrases import ACTOR_RANK, phrase_actors, relief_load
from etl.transform.events.syntax import (
    MAX_DEPTH,
    MODIFIER_DEPS,
    NOUN_POS,
    commented_on,
    complement_edge,
    condition_clause,
    finite_beside_base,
    governor_of,
    happening_verb,
    has_aux,
    infinitive,
    infinitive_subject,
    of_objects,
    passive,
    proxy,
    subject_of,
    under_possessor,
)

# Prepositions and particles count as a trigger's words only when the trigger governs them ("call for").
FUNCTION_POS = {"ADP", "PART", "SCONJ"}
# Conditions on who the doer is, by the sectors of its group (event_words.tsv).
DOER_SECTORS = {"@civil": CIVIL_SECTORS, "@security": SECURITY_SECTORS, "@armed": ARMED_SECTORS, "@relief": RELIEF_SECTORS}
# Edges to what a verb like "call" says its object is: "called it [barbaric]", "called the ban [a victory]".
PREDICATE_DEPS = {"oprd", "xcomp", "ccomp", "attr", "acomp"}


@dataclass
class Candidate:
    """A trigger found in a sentence, before its actors are known."""

    token: Token
    trigger: Trigger


# What a warning says the speaker's side will, would or could do ("warned that it could use force").
THREAT_AUXILIARIES = FUTURE_AUXILIARIES | POSSIBILITY_AUXILIARIES
# Events done to someone by force: what a warning says will be done to them is a threat.
FORCE_TYPES = frozenset({"COERCE", "ASSAULT", "SANCTION"})
# ... and those done to people's bodies and freedom: what a speaker says will be done to people is a threat.
BODILY_FORCE = frozenset({"COERCE", "ASSAULT"})
# Words for whoever does something: "anyone joining the rally would be arrested".
EVERYONE_WORDS = {"anyone", "anybody", "everyone", "whoever", "those", "all"}
# Units of a length of time: "for six years" says how long, not when.
DURATION_UNITS = {"hour", "day", "week", "month", "year", "decade"}
# What two sides do "jointly" that no trigger names: their cooperation.
JOINT_TRIGGER = Trigger("jointly", "VERB", "COOPERATE", None, (), ())


def candidate_of(context: Context, token: Token) -> Candidate | None:
    """The first trigger line whose conditions the token meets."""
    tag = token.pos  # the part of speech's id: cheaper than its name, and this runs for every token
    pos = "VERB" if tag == VERB else "NOUN" if tag == NOUN or tag == PROPN else "ADJ" if _adjective_trigger(token) else None
    if pos is None or token.ent_type_ in DATE_ENTITIES or _inside_a_name(context, token) or _names_its_head(context, token):
        return None  # "on March 3" is a date, not a march
    words: set[str] | None = None  # the token's own words, read once for all its lines
    for trigger in context.lexicon.triggers.get((token.lemma_.lower(), pos), ()):
        if not trigger.requires and not trigger.excludes:
            return Candidate(token, trigger)
        if words is None:
            words = _argument_words(token)
        if _conditions_hold(context, token, trigger, words):
            return Candidate(token, trigger)
    if _done_jointly(token) or (tag == VERB and _shared_by_two(context, token)):
        return Candidate(token, JOINT_TRIGGER)  # "China and Laos jointly opened a dry port": whatever they did together
    return None


def _done_jointly(verb: Token) -> bool:
    """A verb of a clause of its own with "jointly" ("jointly opened"), not a participle describing a noun ("a
    jointly financed plant": the noun's own rows decide)."""
    return (
        verb.pos_ == "VERB"
        and verb.dep_ not in ("amod", "acl", "compound")
        and any(child.dep_ == "advmod" and child.lower_ in JOINT_ADVERBS for child in verb.children)
    )


def _shared_by_two(context: Context, verb: Token) -> bool:
    """Two sides opening, running or building a thing they share: "Kenyan and Ugandan officials began running a shared
    checkpoint", "Brazil and Argentina began operating a jointly financed plant". The verb that has the two sides as
    its subject is the event, unless the thing is an event that names its own doers or a statement."""
    if verb.dep_ in ("amod", "acl", "compound", "xcomp") or not _two_sides(subject_of(verb)):
        return False
    clause = [verb, *(child for child in verb.children if child.dep_ == "xcomp")]  # "began operating a ... plant"
    things = [child for word in clause for child in word.children if child.dep_ == "dobj"]
    things += [pobj for word in clause for prep in word.children if prep.dep_ == "prep" for pobj in prep.children if pobj.dep_ == "pobj"]
    return any(_shared_thing(context, thing) for thing in things)  # "... pumping gas through a jointly built pipeline"


def _acts_on_something(clause: Token) -> bool:
    """Whether a clause's verb does something to something: an object or a particle ("shut the sluices", "shut down")."""
    return any(child.dep_ in ("dobj", "prt") for child in clause.children)


def _unless(clause: Token) -> bool:
    """Whether a clause is said to hold "unless" something happens."""
    return condition_clause(clause, {"unless"}) is not None


def _names_its_doers(context: Context, noun: Token) -> bool:
    """Whether a noun finds its own doers: a light verb's object ("began a joint patrol") or owned ("their pipeline")."""
    return noun.head.lemma_.lower() in context.lexicon.light_verbs or any(child.dep_ == "poss" for child in noun.children)


def _two_sides(subject: Token | None) -> bool:
    """A subject of two coordinated sides: "Kenya and Uganda", "Kenyan and Ugandan officials"."""
    if subject is None:
        return False
    return any(
        child.dep_ == "conj"
        for word in (subject, *(c for c in subject.children if c.dep_ in ("amod", "compound")))
        for child in word.children
    )


def _shared_thing(context: Context, thing: Token) -> bool:
    """A thing said to be shared, joint or cross-border, that is no statement and no event with doers of its own."""
    if thing.lemma_.lower() in SHARED_NOT_MATERIAL:
        return False
    own = candidate_of(context, thing)
    if own is not None and (own.trigger.event_type != "COOPERATE" or _names_its_doers(context, thing)):
        return False  # "a joint raid", "began a joint patrol", "their joint pipeline": the noun's own event
    written = "".join(word.text_with_ws for word in thing.doc[thing.left_edge.i : thing.i]).lower()  # "cross-border" whole
    return any(word in SHARED_WORDS for word in written.split())


def _inside_a_name(context: Context, token: Token) -> bool:
    """A word of a named actor is no trigger: "Rapid Support Forces", "Popular Mobilisation Forces"."""
    actor = context.actor(actor_id_of(token))
    return actor is not None and actor.type in ("organization", "person") and token.is_title


def _names_its_head(context: Context, token: Token) -> bool:
    """A noun that only says what kind of people or weapon its head is: "strike leaders", "aid workers",
    "fast-attack boats", "protest organisers" are no strike, aid, attack or protest."""
    if token.dep_ != "compound" or token.head.i == token.i:
        return False
    head = token.head
    actor = context.actor(actor_id_of(head))
    if actor is not None and actor.type in ("person", "group"):
        return True
    return head.lemma_.lower() in context.lexicon.kind_heads


def _adjective_trigger(token: Token) -> bool:
    """An adjective that is its clause's predicate ("talks were impossible", "Russia is ready to continue"), or one
    that says what its noun is doing ("striking miners": its lines require @describing)."""
    return token.pos == ADJ and (
        (token.dep_ in ("acomp", "attr") and token.head.pos_ in ("AUX", "VERB")) or (token.dep_ == "amod" and token.lower_.endswith("ing"))
    )


def _conditions_hold(context: Context, token: Token, trigger: Trigger, words: set[str]) -> bool:
    """A trigger's requires (any of) and excludes (none of) checked against the token's words."""

    def holds(item: str) -> bool:
        return all(_condition(context, token, part, words) for part in item.split("+"))

    if trigger.requires and not any(holds(item) for item in trigger.requires):
        return False
    return not any(holds(item) for item in trigger.excludes)


def _condition(context: Context, token: Token, item: str, words: set[str]) -> bool:
    """One requires/excludes item: a word, ^governor, or one of the @ patterns described in event_triggers.tsv."""
    if item.startswith("^"):
        governor = governor_of(token)
        return governor is not None and governor.lemma_.lower() == item[1:]
    if item.startswith("~"):
        # What the trigger says its object is: "called the shelling [barbaric]", not the object itself ("Victory Day").
        said = [t for child in token.children if child.dep_ in PREDICATE_DEPS for t in child.subtree]
        # An adjective after the object it judges is that judgement misparsed: 'called double-taps "immoral"'.
        said += [t for child in token.children if child.dep_ == "dobj" for t in child.children if t.dep_ == "amod" and t.i > child.i]
        # ... and a judgement the parser hung inside a long object ("called a law banning ... [a disgrace]").
        said += [t for child in token.children if child.dep_ == "dobj" for t in child.subtree if t.dep_ == "npadvmod"]
        return any(t.lemma_.lower() == item[1:] for t in said)
    if item == "@clause":
        return any(child.dep_ in ("ccomp", "xcomp", "oprd", "acomp", "attr") for child in token.children)
    if item == "@partner":
        return any(
            child.dep_ == "prep"
            and child.lower_ in PARTNER_PREPS
            and any(context.actor(actor_id_of(t)) for pobj in child.children if pobj.dep_ == "pobj" for t in pobj.subtree)
            for child in token.children
        )
    if item == "@against-actor":
        # "voted against Russia in a resolution": an actor itself is what the verb is against (not "against a
        # resolution condemning Russia").
        return any(
            child.dep_ == "prep"
            and child.lower_ == "against"
            and any(pobj.dep_ == "pobj" and context.actor(actor_id_of(pobj)) for pobj in child.children)
            for child in token.children
        )
    if item in ("@own-future", "@own-unless"):
        # "warned (Israel) that his fighters would hit ...", "warned it would take action": what the speaker's own
        # side will do, said as a warning; or said to be done "unless" another acts ("said it would shut the
        # sluices unless Kazakhstan paid its debts"), whatever it is.
        return any(
            child.dep_ == "ccomp"
            and has_aux(child, THREAT_AUXILIARIES)
            and (_speakers_side(child) or _speakers_country(context, token, child))
            and (item == "@own-future" or (_unless(child) and _acts_on_something(child)))
            for child in token.children
        )
    if item == "@coerced-future":
        # "warned traders that their shops would be sealed", "warned that anyone caught would be executed".
        return any(has_aux(clause, THREAT_AUXILIARIES) and _done_by_force(context, clause) for clause in _told_clauses(token))
    if item == "@coerced-people":
        # "told traders that anyone trading would be arrested", "said migrants would face deportation": force on people,
        # not "said the port would be closed" or "said coupon rates would be cut".
        return any(
            has_aux(clause, THREAT_AUXILIARIES) and _done_by_force(context, clause, on_people=True) and _said_of_people(context, clause)
            for clause in _told_clauses(token)
        )
    if item == "@describing":
        # "300,000 striking miners": a present participle that says what its noun is doing.
        return token.tag_ in ("VBG", "JJ") and token.dep_ in ("amod", "acl")
    if item == "@gerund":
        # "denied sending weapons": what is denied is a deed, itself a negated event of its own.
        return any(child.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and child.tag_ == "VBG" for child in token.children)
    if item == "@statement":
        # "denied that soldiers were involved": a finite clause, not a deed ("denied attacking" is a negated attack).
        return any(child.dep_ == "ccomp" for child in token.children)
    if item == "@pair":
        # "King Salman and Prime Minister al-Abadi discussed ...", "Israeli and Cypriot ministers conferred": two sides.
        return _two_sides(subject_of(token))
    if item == "@possessed":
        return any(child.dep_ == "poss" for child in proxy(token).children)
    if item == "@control":
        deps = {child.dep_ for child in token.children}
        # "wants Japan to lift controls" is parsed either way: an object and a verb, or a clause "Japan to lift".
        return ("dobj" in deps and "xcomp" in deps) or any(infinitive_subject(child) is not None for child in token.children)
    if item == "@pronoun":
        return any(part.pos_ == "PRON" for part in _object_parts(token))
    if item == "@money":
        # "released $40 billion ...", "gave Ukraine €2bn": an amount of money is what was handed over.
        # ... counted in a currency the model did not tag as money ("more than 2 billion euros").
        return any(
            t.ent_type_ == "MONEY" or t.tag_ == "$" or (t.i == part.i and t.lemma_.lower() in CURRENCY_NOUNS)
            for part in _object_parts(token)
            for t in part.subtree
        )
    if item == "@helping":
        # "doctors landed in Milan to help hospitals", "rescuers arrived to assist": there to help, which is aid.
        return any(
            child.dep_ in ("advcl", "xcomp") and infinitive(child) and child.lemma_.lower() in HELPING_VERBS for child in token.children
        )
    if item == "@into":
        # "let U.N. aid workers into the Tigray region", "allowed the first team of aid workers into the delta".
        # ... "let inspectors back into", "let trucks carrying food into Gaza" (where the parser hangs it).
        objects = [child for child in token.children if child.dep_ == "dobj"]
        holders = [token, *objects, *(pobj for noun in objects for pobj in of_objects(noun))]
        holders += [child for word in holders for child in word.children if child.dep_ in ("acl", "advmod")]
        return any(prep.dep_ == "prep" and prep.lower_ == "into" for word in holders for prep in word.children)
    if item == "@carrying-relief":
        # "sent a navy ship loaded with drinking water", "a convoy of trucks carrying food reached the town".
        return any(relief_load(child) for child in token.children if child.dep_ in ("nsubj", "nsubjpass", "dobj"))
    if item == "@infinitive":
        # "calls to do so", "a request to send jets": the noun or verb names what should be done.
        return any(infinitive(child) for child in token.children) or _infinitive_after_a_date(token)
    if item == "@country":
        # A state named as the doer: "Egypt blocked access to websites" censors, it does not protest.
        return any((actor := context.actor(actor_id)) and actor.type == "country" for actor_id in _doers(context, token))
    if item in DOER_SECTORS:
        # Who does it decides what it is: "students occupied the building" protest, "police raided" coerce.
        sectors = DOER_SECTORS[item]
        return any((actor := context.actor(actor_id)) and actor.sector in sectors for actor_id in _doers(context, token))
    if item == "@object":
        return any(child.dep_ == "dobj" for child in token.children)
    if item == "@subject":
        # Its own subject, not one borrowed from a clause it hangs off: "troops arrived", not "[...] before aid arrives".
        return any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children)
    if item == "@actor-subject":
        # "the EU was hurting its citizens", "Washington is trying to destabilise": an actor does it, in the active voice.
        return not passive(token) and any(subject_actors(context, token))
    if item == "@participle":
        return token.tag_ == "VBN" and token.dep_ in ("acl", "amod")
    if item == "@frame":
        # "In a call on Monday, Biden told ...": the noun frames the clause whose subject and object take part.
        return frame_verb(context, token) is not None
    if item == "@place":
        return any(
            (actor := context.actor(actor_id_of(t))) and actor.type in ("location", "country")
            for part in _object_parts(token)
            for t in part.subtree
        )
    if item in ("@actor", "@person", "@body"):
        types = {"person"} if item == "@person" else {"country", "organization"} if item == "@body" else set(ACTOR_RANK)
        for part in _object_parts(token):
            # The object's own referent, not its possessor: "press their advantage" names no actor.
            if any((actor := context.actor(actor_id_of(t))) and actor.type in types and not under_possessor(t, part) for t in part.subtree):
                return True
        return False
    return item in words


def _told_clauses(verb: Token) -> list[Token]:
    """The clauses a verb of saying governs, and one the parser hung on its object ("warned traders [that their stalls
    would be demolished]", parsed as a relative clause of "traders")."""
    clauses = [child for child in verb.children if child.dep_ == "ccomp"]
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    return clauses + [
        clause
        for noun in objects
        for clause in noun.children
        if clause.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    ]


def _said_of_people(context: Context, clause: Token) -> bool:
    """Whether a clause's subject is people: an actor, a group, or "anyone", "those", "whoever"."""
    subjects = [child for child in clause.children if child.dep_ in ("nsubj", "nsubjpass")]
    return any(subject.lemma_.lower() in EVERYONE_WORDS or context.actor(actor_id_of(subject)) for subject in subjects)


def _done_by_force(context: Context, verb: Token, on_people: bool = False) -> bool:
    """Whether a passive verb, or one coordinated with it, names what is done to someone by force ("would be sealed",
    "would be sent ... and martial law declared"), or "face" does ("would face deportation"); on people, only by verbs
    that are force without another word ("would be arrested", not "would be moved")."""
    if verb.lemma_.lower() == "face":
        return any(child.dep_ == "dobj" and _names_force(context, child, on_people) for child in verb.children)  # "would face deportation"
    if not any(child.dep_ == "auxpass" for child in verb.children):
        return False
    verbs = [verb, *(child for child in verb.children if child.dep_ == "conj" and child.pos_ == "VERB")]
    return any(_a_force_line(line, on_people) for v in verbs for line in context.lexicon.triggers.get((v.lemma_.lower(), "VERB"), ()))


def _names_force(context: Context, noun: Token, on_people: bool = False) -> bool:
    """Whether a noun names something done to someone by force: "deportation", "arrest", "sanctions"."""
    return any(_a_force_line(line, on_people) for line in context.lexicon.triggers.get((noun.lemma_.lower(), "NOUN"), ()))


def _a_force_line(line: Trigger, on_people: bool) -> bool:
    """A trigger line of force; for force on people, one done to bodies or freedom that needs no other word
    ("arrested", not "moved", which is force only "into confinement")."""
    if on_people:
        return line.event_type in BODILY_FORCE and not line.requires
    return line.event_type in FORCE_TYPES


def _speakers_side(clause: Token) -> bool:
    """A clause whose subject is a pronoun or owned by one ("it would", "his fighters would"), or armed forces
    no word gives to anyone ("the army would flatten", "troops would clear the area"): the speaker's side."""
    subject = subject_of(clause)
    if subject is None:
        return False
    if subject.pos_ == "PRON" or any(child.dep_ == "poss" and child.pos_ == "PRON" for child in subject.children):
        return True
    owned = any(child.dep_ in ("poss", "compound", "amod", "nmod", "prep") for child in subject.children)
    return subject.lemma_.lower() in OWN_FORCES and not owned


def _speakers_country(context: Context, verb: Token, clause: Token) -> bool:
    """A clause whose subject is the speaker's own country ("Ethiopia's prime minister warned that Addis Ababa would
    use force"): the speaker's side, named."""
    subject = subject_of(clause)
    if subject is None:
        return False
    speakers = {actor.country for actor_id in _doers(context, verb) if (actor := context.actor(actor_id)) and actor.country}
    sides = [context.actor(actor_id) for actor_id in phrase_actors(context, subject)]
    return any(side is not None and side.type == "country" and side.country in speakers for side in sides)


def _doers(context: Context, token: Token) -> list[str]:
    """Who a trigger's doer is, as far as its own words tell: a verb's subject, a noun's possessor, modifiers or "by"
    agent, else the subject of the verb that carries the noun ("health workers began a strike")."""
    if token.pos_ == "VERB":
        return [actor_id for actor_id in subject_actors(context, token) if actor_id]
    own = [actor_id for child in token.children if child.dep_ in ("poss", "compound", "amod") if (actor_id := actor_id_of(child))]
    # "a strike by doctors": the noun's agent
    own += [
        actor_id
        for child in token.children
        if child.dep_ == "prep" and child.lower_ == "by"
        for pobj in child.children
        if (actor_id := actor_id_of(pobj))
    ]
    if own:
        return own
    governor = governor_of(token)
    return [actor_id for actor_id in subject_actors(context, governor) if actor_id] if governor is not None else []


def _argument_words(token: Token) -> set[str]:
    """Lemmas of the words a trigger governs: its particle and preposition, its object and their modifiers.

    A passive subject is the verb's object ("missiles were fired", "a deal was struck"); what a predicate
    adjective says something about is its clause's subject ("talks were impossible").
    """
    skip = {"nsubj", "csubj", "punct", "cc", "conj", "relcl", "advcl", "aux", "auxpass", "det", "mark", "neg", "case"}
    words: set[str] = set()
    if token.dep_ in ("relcl", "acl"):
        words.add(token.head.lemma_.lower())  # "the aid France provides", "a statement released by"
    if token.pos_ == "ADJ":
        for subject in token.head.children:
            if subject.dep_ in ("nsubj", "nsubjpass"):
                words.update(t.lemma_.lower() for t in (subject, *subject.children) if t.pos_ not in FUNCTION_POS)
    happening = happening_verb(token) if token.pos_ in NOUN_POS else None
    prepositions = [child for child in happening.children if child.dep_ == "prep"] if happening is not None else []
    for child in [*token.children, *prepositions]:
        if child.dep_ == "advcl" and any(mark.dep_ == "mark" and mark.lower_ == "for" for mark in child.children):
            words.add("for")  # "called for the bridge to be dismantled": a "for ... to" clause the parser made adverbial
        if child.dep_ in skip or _says_when(child):
            continue  # "called ... on Wednesday" is no "call on"
        words.add(child.lemma_.lower())
        for grandchild in child.children:
            co_object = grandchild.dep_ == "conj" and child.dep_ in ("dobj", "nsubjpass")  # "photographs and intelligence"
            made_to = grandchild.dep_ == "nsubj" and child.dep_ == "ccomp" and child.tag_ == "VB"  # "let a convoy enter"
            if grandchild.dep_ in skip and not (co_object or made_to):
                continue
            if grandchild.pos_ not in FUNCTION_POS or _verbs_own_preposition(child, grandchild):
                words.add(grandchild.lemma_.lower())
            if grandchild.dep_ in ("pobj", "prep", "dobj"):
                words.update(
                    g.lemma_.lower() for g in grandchild.children if g.dep_ in MODIFIER_DEPS | {"pobj"} and g.pos_ not in FUNCTION_POS
                )
            if grandchild.dep_ == "pobj":
                # "provided Sudan with 10,000 tonnes of wheat": what a measure in a prepositional phrase measures
                words.update(word for measured in of_objects(grandchild) for word in (measured.lemma_.lower(), *_words_beside(measured)))
        # "3,000 tonnes of sorghum and vegetable oil": the words beside what an object measures
        words.update(word for measured in of_objects(child) for word in _words_beside(measured))
    return words


def _words_beside(noun: Token) -> set[str]:
    """Lemmas of a noun's coordinated nouns and modifiers ("food and medicine", "sorghum [and vegetable] oil")."""
    return {word.lemma_.lower() for word in noun.children if word.dep_ in MODIFIER_DEPS | {"conj"} and word.pos_ not in FUNCTION_POS}


def _verbs_own_preposition(child: Token, grandchild: Token) -> bool:
    """A preposition the parser hung on a verb's named object is the verb's: "warned Syria of military action"
    ("of" goes with "warned": a name takes no such modifier)."""
    named_inside = grandchild.ent_iob_ == "I"  # "closed the Strait of Hormuz": a word of the name
    return child.dep_ == "dobj" and child.pos_ in ("PROPN", "PRON") and grandchild.dep_ == "prep" and not named_inside


def _infinitive_after_a_date(noun: Token) -> bool:
    """A verb's object whose "to" clause the parser hung on the verb because a date came between: "gave an
    undertaking on Monday to hold elections" (not "made a call to reassure allies": nothing between)."""
    after = [child for child in noun.head.children if child.i > noun.i and infinitive(child)]
    if noun.dep_ != "dobj" or not after:
        return False
    between = [child for child in noun.head.children if noun.i < child.i < after[0].i]
    return bool(between) and all(_says_when(child) for child in between)


def _says_when(child: Token) -> bool:
    """A preposition whose object is a date or time ("on Wednesday", "in March"): it dates the event. Not "for" a
    length of time, which says how long ("jailed for six years" is a sentence)."""
    dates = [pobj for pobj in child.children if pobj.dep_ == "pobj" and pobj.ent_type_ in DATE_ENTITIES]
    if child.dep_ != "prep" or not dates:
        return False
    return child.lower_ != "for" or not any(pobj.lemma_.lower() in DURATION_UNITS for pobj in dates)


def _object_parts(token: Token) -> list[Token]:
    """Direct objects of a verb, or the name modifiers and "of" phrase of a noun ("the Trump-Putin call", "the release
    of 43 fishermen")."""
    if token.pos_ == "VERB":
        return [child for child in token.children if child.dep_ in ("dobj", "dative")]
    return [child for child in token.children if child.dep_ in ("compound", "nmod")] + of_objects(token)


def intent_holder(context: Context, token: Token, by_token: dict[int, Candidate]) -> Candidate | None:
    """The trigger whose promise, request or refusal this trigger is what is promised, asked or refused ("agreed to
    halt attacks", "urged Congress to pass an aid bill": a noun is inside what its phrase is inside), if any."""
    node = proxy(token) if token.pos_ in NOUN_POS else token
    for _ in range(MAX_DEPTH):
        if node.dep_ == "acl" and node.tag_ == "VBN":
            return None  # "pardoned activists jailed after the election": what was done to them, not what is promised
        coordinated = node.dep_ == "conj"  # "urged Russia to abide ... and to withdraw"
        if coordinated and any(child.dep_ in ("nsubj", "nsubjpass") for child in node.children):
            return None  # "unions warned they would strike, and the government said ...": a clause of its own
        if commented_on(node):
            return None  # "accused Rwanda of backing the rebels, a charge Kigali denies": told, not denied
        if coordinated and finite_beside_base(node):
            return None  # "promised to help and condemned the attacks": what was done, beside the promise
        misparsed = node.dep_ == "advcl" and infinitive(node)  # "undertook on Wednesday to reopen": a complement all the same
        if node.head.i == node.i or not (coordinated or complement_edge(node) or misparsed):
            return None
        deed = node.tag_ == "VBG"  # "denied attacking civilians": a deed denied is a negated event, not an intent
        node = node.head
        candidate = by_token.get(node.i)
        if not coordinated and candidate and context.lexicon.types[candidate.trigger.event_type].complement == "intent":
            return None if deed and context.lexicon.cues.get((node.lemma_.lower(), node.pos_)) == "denied" else candidate
    return None
