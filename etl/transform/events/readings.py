"""PLOVER's readings of what an actor says it will or will not do: threats, offers and refusals.

A coercive act the doer itself announces is a threat ("they would boycott the talks", "plans to impose
restrictions"), and so is anything promised "unless" something happens, and a veto promised "if"; the act itself has
not happened.
Anything else promised "if" something happens is an offer on that condition (AGREE: "would meet the envoy
if he gave them a veto"), and so is a concession or withdrawal the doer announces ("will evacuate the settlements").
An offer, concession, aid, backing or meeting the doer says it will not (or cannot) make is a refusal
(REJECT: "will not accept more refugees", "could not back their bids"). What a speaker says another must do
is the speaker's demand (REQUEST: "Russia said Sudan must return the helicopter"). Aid or backing pledged
is given and promised: AID and AGREE. Each reading is a further
mention of the same trigger, with its own type.
One person "attacking" or "hitting" another, with no weapon in the clause, is a verbal attack: ACCUSE.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from etl.transform.actors import FORCES_SECTORS
from etl.transform.events.context import Context
from etl.transform.events.doers import saying_verb, subject_actors
from etl.transform.events.lexicon import (
    ARMED_SECTORS,
    FUTURE_AUXILIARIES,
    PLEDGE_VERBS,
    POSSIBILITY_AUXILIARIES,
    THREAT_OPTIONS,
    YIELDING_VERBS,
    EventType,
)
from etl.transform.events.syntax import MAX_DEPTH, condition_clause, has_aux_up, headline_future

# Acts whose announcement is a threat, and the THREATEN mode each gives.
THREAT_MODES = {"SANCTION": "restrict", "COERCE": None, "ASSAULT": "violence", "PROTEST": None}
# Acts that are a threat only when promised ("will", "would") on a condition: "would veto such a plan if it were put
# to leaders", "would send troops into the north if Serbs there came under attack" (not "could move troops if").
CONDITIONAL_THREATS = {"REJECT", "MOBILIZE"}
# Acts whose announcement is an offer to do them.
OFFERED_TYPES = {"RETREAT", "CONCEDE", "COOPERATE"}
# Acts whose modality stays what it is when they are promised ("will support", an event of its own), and whose
# promise is also an AGREE ("Portugal will support Turkey's bid", "the UN will provide food aid").
PROMISED_TYPES = {"SUPPORT", "AID"}
# Acts that, promised "if" something happens, are an offer ("would meet the envoy if ..."); opposing or
# accusing on a condition is neither an offer nor a threat.
CONDITIONAL_OFFERS = OFFERED_TYPES | {"CONSULT", "AID", "SUPPORT", "AGREE"}
# Acts that, done by a crowd of protesters or rioters, are a riot; and the sectors of such crowds.
RIOT_ACTS = {"ASSAULT", "COERCE"}
CROWD_SECTORS = {"protesters", "rioters", "crowds"}
# Acts whose refusal is a REJECT, and the REJECT mode each gives.
REFUSAL_MODES = {
    "AGREE": None,
    "CONCEDE": "yield",
    "AID": "assist",
    "CONSULT": "meet",
    "COOPERATE": None,
    "RETREAT": "yield",
    "SUPPORT": None,
}
# Auxiliaries of a stance, not a past deed: "will not accept", "cannot back", "could not support".
STANCE_AUXILIARIES = FUTURE_AUXILIARIES | {"can", "could", "ca"}
# Edges up which a trigger's clause goes on: "to" verbs and "and" verbs ("will not agree to withdraw").
CLAUSE_EDGES = {"xcomp", "conj"}
# Modal words of obligation: what a speaker says another "must" do is a demand.
OBLIGATION_WORDS = {"must"}
# ... and of what an event's doer ought to do: "the authorities should release the activist, the group said" asks for
# the release (a "should" on any verb is as often a forecast: "sales should exceed $1 billion").
DEMAND_WORDS = OBLIGATION_WORDS | {"should"}
# Conjunctions that make what is announced a condition's price ("will withdraw unless ..."), and those that
# make it a coercive act's price or an offer's ("will strike if ...", "would meet if ...").
THREAT_CONDITIONS = {"unless"}
OFFER_CONDITIONS = {"if", "provided", "providing"}
# Verbs of a condition that makes a promise an offer: "would send troops if the UN asked", "... if requested".
REQUEST_CONDITIONS = {"ask", "request", "invite", "need", "require", "want"}
# What the refusal is said of ("ruled out military action", "military action was not ruled out").
REFUSED_EDGES = {"dobj", "nsubjpass"}


def readings(context: Context, event: dict) -> list[dict]:
    """The further mentions PLOVER reads into one: a threat, an offer or a refusal by the event's doer."""
    if not _voiced(context, event):
        return []
    lexicon = context.lexicon
    kind, modality = event["event_type"], event["modality"]
    token: Token = event["token"]
    promised = modality in ("planned", "hypothetical")
    threat = promised and _condition(token, THREAT_CONDITIONS) is not None
    offer_condition = _condition(token, OFFER_CONDITIONS) if promised else None  # "if", "provided"
    on_terms = offer_condition is not None
    # "would send troops if the UN asked" is an offer
    asked = offer_condition is not None and offer_condition.lemma_.lower() in REQUEST_CONDITIONS
    promised_if = on_terms and _in_clause_aux(token, FUTURE_AUXILIARIES) and not asked  # "would ... if"
    conditional_threat = kind in CONDITIONAL_THREATS and promised_if
    # "Venezuela said it may sever ties": force a side says it may use (said, not asked: "Could Russia invade?")
    possible = modality == "hypothetical" and event["reported_by_id"] is not None and _in_clause_aux(token, POSSIBILITY_AUXILIARIES)
    if threat or (kind in THREAT_MODES and (on_terms or modality == "planned" or possible)) or conditional_threat:
        event["modality"] = "hypothetical"  # what is threatened has not happened
        return [_reading(event, THREAT_MODES.get(kind), lexicon.types["THREATEN"])]
    if on_terms and kind in CONDITIONAL_OFFERS:
        event["modality"] = "hypothetical"  # what is offered has not happened
        return [_reading(event, None, lexicon.types["AGREE"])]
    if modality == "planned" and kind in OFFERED_TYPES:
        return [_reading(event, None, lexicon.types["AGREE"])]
    if kind in PROMISED_TYPES and modality not in ("negated", "hypothetical") and _promised(token):
        return [_reading(event, None, lexicon.types["AGREE"])]
    if modality == "negated" and kind in REFUSAL_MODES and _in_clause_aux(token, STANCE_AUXILIARIES):
        return [_reading(event, REFUSAL_MODES[kind], lexicon.types["REJECT"])]
    if modality == "negated" and kind == "REJECT" and _force_kept_open(token):
        return [_reading(event, None, lexicon.types["THREATEN"])]
    return []


def _promised(token: Token) -> bool:
    """Whether backing or aid is promised: said as what will be ("will support") or pledged ("pledged $200 million",
    "pledged to send emergency funds")."""
    pledged_to = token.dep_ == "xcomp" and token.head.lemma_.lower() in PLEDGE_VERBS
    return _in_clause_aux(token, FUTURE_AUXILIARIES) or token.lemma_.lower() in PLEDGE_VERBS or pledged_to or headline_future(token)


def _force_kept_open(token: Token) -> bool:
    """Whether a refusal that did not happen is of force or pressure: a side that "did not rule out military
    action" or "has not ruled out retaliatory measures" threatens them."""
    refused = [child for child in token.children if child.dep_ in REFUSED_EDGES]
    return any(word.lemma_.lower() in THREAT_OPTIONS for child in refused for word in _phrase(child))


def _phrase(noun: Token) -> list[Token]:
    """A noun with its modifiers and "of" phrases, not the clauses said of it ("the use of force", not "a resolution
    that would condemn the war")."""
    words = [noun]
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            words.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            words += [grandchild for pobj in child.children if pobj.dep_ == "pobj" for grandchild in _phrase(pobj)]
    return words


def _voiced(context: Context, event: dict) -> bool:
    """Whether the event is its doer's own announcement (or the writer's): told by nobody, by the doer, or by
    someone of the doer's own country for it or its forces ("Portugal will support ..., Portuguese President Mario
    Soares said", "the army chief said the military would not hesitate to use force"), or for forces of no known
    country, and armed groups of no country for fighters of their kind."""
    reporter, doer = event["reported_by_id"], event["actor1_id"]
    if reporter in (None, doer):
        return True
    speaker, actor = context.actor(reporter), context.actor(doer)
    if speaker is None or actor is None:
        return False
    if not speaker.country and speaker.sector in ARMED_SECTORS and actor.sector in ARMED_SECTORS:
        return True  # "a commander of the New People's Army said rebels would attack ...": an armed group speaks for its fighters
    if speaker.sector in ARMED_SECTORS - FORCES_SECTORS and actor.sector in ARMED_SECTORS - FORCES_SECTORS:
        return True  # "Somalia's al Shabaab said suicide bombers would strike ...": as does a rebel group of a country
    if not actor.country:  # "Algeria's army chief said the military would ...": forces no word gives a country are the speaker's
        return actor.sector in FORCES_SECTORS
    return speaker.country == actor.country and (actor.type == "country" or actor.sector in FORCES_SECTORS)


def demands(event: dict) -> list[dict]:
    """What a speaker says another must (or should) do is the speaker's demand ("Russia said Sudan must return the
    helicopter": a REQUEST by Russia of Sudan); what must be done has not happened."""
    speaker, token = event["reported_by_id"], event["token"]
    if speaker is None or speaker == event["actor1_id"] or not _in_clause_aux(token, DEMAND_WORDS) or _not_a_demand(token):
        return []
    event["modality"] = "hypothetical"
    asked = {"event_type": "REQUEST", "event_mode": None, "actor1_id": speaker, "actor2_id": event["actor1_id"]}
    return [event | asked | {"modality": "asserted", "reported_by_id": None}]


def _not_a_demand(token: Token) -> bool:
    """A "should" that asks nothing: a condition said first ("should Russia choose to invade") or a clause describing
    a noun ("contributions that Ukraine should ask for")."""
    node = token
    for _ in range(MAX_DEPTH):
        if node.dep_ == "relcl":
            return True
        should = next((child for child in node.children if child.dep_ == "aux" and child.lower_ == "should"), None)
        subject = next((child for child in node.children if child.dep_ in ("nsubj", "nsubjpass")), None)
        if should is not None:
            return subject is not None and subject.i > should.i
        if node.dep_ not in CLAUSE_EDGES or node.head.i == node.i:
            return False
        node = node.head
    return False


def _in_clause_aux(token: Token, words: frozenset[str] | set[str]) -> bool:
    """Whether the trigger's clause (up through "to" and "and" verbs) has one of these auxiliaries: "must
    return" (obligation), "will not accept", "would not meet" (a stance about the future)."""
    return has_aux_up(token, words, CLAUSE_EDGES)


def _reading(event: dict, mode: str | None, event_type: EventType) -> dict:
    """The same trigger read as another type: the doer's own act of saying it, asserted as told."""
    certainty = "reported" if event["reported_by_id"] else "asserted"
    return event | {"event_type": event_type.name, "event_mode": mode if mode in event_type.modes else None, "modality": certainty}


def threat_condition(token: Token) -> Token | None:
    """The verb of an "unless" condition on the trigger's clause, which makes what is promised a threat."""
    return _condition(token, THREAT_CONDITIONS)


def _condition(token: Token, conjunctions: set[str]) -> Token | None:
    """The verb of the condition one of these conjunctions opens on the trigger's clause, if any: "will withdraw
    unless a ceasefire is arranged", "was ready to pull out unless ..." (on the clause "ready" is the predicate of)."""
    node = token
    for _ in range(MAX_DEPTH):
        if (condition := condition_clause(node, conjunctions)) is not None:
            return condition
        if node.dep_ not in ("xcomp", "conj", "ccomp", "dobj", "pobj", "prep", "acomp") or node.head.i == node.i:
            return None
        node = node.head
    return None


def obligations(context: Context, sentence: Span, triggers: set[int]) -> list[dict]:
    """A speaker saying that someone must do something the lexicon has no word for ("Russia said Sudan must return
    the helicopter") makes a demand of them all the same."""
    found = []
    for token in sentence:
        if token.pos_ != "VERB" or token.i in triggers or not _in_clause_aux(token, OBLIGATION_WORDS):
            continue
        if any(child.dep_ == "auxpass" for child in token.children):
            continue  # "it must be hidden": a view, not a demand of anyone
        if not any(child.dep_ == "dobj" for child in token.children) and token.lemma_.lower() not in YIELDING_VERBS:
            continue  # "Ukraine must win"; but "striking miners must return to work" is asked of them
        said = saying_verb(context, token)
        if said is None:
            continue
        speakers, targets = subject_actors(context, said), subject_actors(context, token)
        if not speakers or speakers[0] in targets:
            continue
        target = targets[0] if targets else None
        found.append(
            {
                "token": token,
                "event_type": "REQUEST",
                "event_mode": None,
                "actor1_id": speakers[0],
                "actor2_id": target,
                "place": None,
                "modality": "asserted",
                "reported_by_id": None,
            }
        )
    return found


def riot(context: Context, event: dict) -> list[dict]:
    """Violence done by protesters, rioters or a crowd is a riot ("protesters hurled rocks at police and set tyres
    ablaze"): PLOVER's PROTEST, beside the assault or damage itself."""
    doer = context.actor(event["actor1_id"])
    if event["event_type"] not in RIOT_ACTS or doer is None or doer.sector not in CROWD_SECTORS:
        return []
    return [event | {"event_type": "PROTEST", "event_mode": "riot"}]


def verbal_attack(context: Context, event: dict) -> dict:
    """An assault by one named person on another with no weapon or blast in its clause is words, not blows
    ("Clinton attacked Trump, saying ...", "his attacks on the senator"): PLOVER's ACCUSE."""
    if event["event_type"] != "ASSAULT" or event["actor2_id"] is None:
        return event
    doer, target = context.actor(event["actor1_id"]), context.actor(event["actor2_id"])
    if doer is None or target is None or doer.type != "person" or target.type != "person":
        return event
    token: Token = event["token"]
    clause = token.head if token.dep_ in ("dobj", "pobj", "nsubj") else token
    if any(t.lemma_.lower() in context.lexicon.weapons for t in clause.subtree if t.i != token.i):
        return event
    return event | {"event_type": "ACCUSE", "event_mode": None}
