"""An event's clause state: certainty and who reported it, negation, and whether it is only hoped for or conditional."""

from __future__ import annotations

from spacy.tokens import Token

from etl.transform.events.context import Context
from etl.transform.events.doers import SAYING, saying_verb, subject_actors
from etl.transform.events.lexicon import CUE_COMPLEMENT_PREPS, EPISTEMIC_VERBS, FRAME_PREPS, EventType
from etl.transform.events.phrases import phrase_actors
from etl.transform.events.syntax import MAX_DEPTH, commented_on, complement_edge, definite, headline_future, infinitive, visibly_finite

# Which cue list a modifier of the event is looked up in.
WORD_CLASS = {"aux": "AUX", "mark": "SCONJ", "amod": "ADJ", "det": "DET"}

# Tags of question words ("who", "which", "why"): a question with one takes its event as given.
WH_TAGS = {"WDT", "WP", "WP$", "WRB"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "expl"}
AUXILIARY_DEPS = {"aux", "auxpass"}
TENSE_DEPS = AUXILIARY_DEPS | {"neg"}


def clause_state(context: Context, trigger: Token, governor: Token | None) -> dict:
    """Certainty and who reported it, negation by a cue ("failed to", "denied"), and whether it is only hoped for."""
    cues = context.lexicon.cues
    state = {"certainty": "asserted", "reporter": None, "negated": False, "hypothetical": False, "planned": False}
    state["speech"] = _in_speech(context, governor if governor is not None else trigger)
    # local: still in the event's sentence-level clause (reportedly, according to); clause: in its own
    # clause (could, if); predicate: still on the verbs that state the event itself.
    # own_tense: the trigger's verb has its own auxiliary, so those of the verb it is coordinated with are not its own.
    node, local, clause, predicate, own_tense = trigger, True, True, True, False
    known = trigger.pos_ != "VERB" and definite(trigger)
    for _ in range(MAX_DEPTH * 2):
        for child in node.children:
            if local and not (own_tense and child.dep_ in TENSE_DEPS):
                _modifier_cue(context, child, state, predicate, predicate or (clause and not known))
        own_tense = False
        if node.head.i == node.i or commented_on(node):
            break  # the top of the sentence, or of a clause told before a comment on it ("..., a charge Kigali denies")
        edge, parent = node.dep_, node.head
        is_governor = governor is not None and parent.i == governor.i
        # "In a call on Monday, Biden informed ...": the call is the telling's setting, not what was told.
        framed = edge == "prep" and node.lower_ in FRAME_PREPS
        if not is_governor and edge not in SUBJECT_DEPS and _complement_edge_or_any(node):
            word_class = "VERB" if parent.pos_ in ("VERB", "AUX") else "ADJ" if parent.pos_ == "ADJ" else "NOUN"
            effect = cues.get((parent.lemma_.lower(), word_class))  # "ready to conduct an offensive": ADJ
            complement = edge in ("xcomp", "ccomp", "agent") or (edge == "prep" and node.lower_ in CUE_COMPLEMENT_PREPS)
            complement = complement or (word_class == "ADJ" and edge == "prep")  # "interested in talking"
            if word_class == "NOUN" and effect in ("planned", "hypothetical") and edge in ("acl", "prep") and _none_of(parent):
                state["negated"] = True  # "has no plans to send troops", "no intention of attacking"
            elif word_class == "NOUN" and effect == "planned" and edge == "acl" and infinitive(node):
                state["planned"] = True  # "has plans to send troops"
            elif effect == "hypothetical" and complement:
                state["hypothetical"] = True
            elif complement and _denied_knowledge(parent):
                state["hypothetical"] = True  # "have not seen China provide weapons": not known to have happened
            elif effect == "planned" and complement:
                state["planned"] = True
            elif effect == "negated" and edge == "xcomp" and predicate:
                if any(child.dep_ == "neg" for child in parent.children):
                    state["planned"] = True  # "would not hesitate to strike": a negated refraining is a will to do it
                else:
                    state["negated"] = True
            elif effect in ("reported", "claimed", "alleged", "denied") and state["certainty"] == "asserted" and not framed:
                _set_certainty(context, state, effect, parent)
        if not (is_governor or edge in ("xcomp", "conj") or (governor is not None and _on_path(node, governor))):
            predicate = False
        if edge in ("prep", "pobj", "acl", "relcl", "advcl", "pcomp", "npadvmod", "appos") and not _purpose(node):
            local = False  # a purpose clause shares its main clause's modality: "would move quickly to send aid"
        if edge in ("ccomp", "parataxis"):
            clause = False
        if edge == "conj" and any(child.dep_ in SUBJECT_DEPS for child in node.children):
            predicate = clause = False  # "a bill that would have scrapped limits, and police fired": a clause of its own
        if edge == "conj" and _own_tense(node):
            predicate, own_tense = False, True  # "would not supply weapons but would share information": not that "would not"
        node = parent
    if clause and _asked(trigger):
        state["hypothetical"] = True  # "Did Russia invade to protect Russian speakers?": asked, not told
    return state


def _own_tense(verb: Token) -> bool:
    """Whether a coordinated verb says its own tense or mood, so the first verb's auxiliary and "not" are not its
    own: "would not supply ... but would share", "did not arrest the leaders but detained dozens" (not "did not
    attack and kill", "did not arrest them and beat them", nor "never attacked and killed")."""
    if any(child.dep_ in AUXILIARY_DEPS and child.lower_ != "to" for child in verb.children):
        return True
    return visibly_finite(verb) and any(child.dep_ in AUXILIARY_DEPS for child in verb.head.children)


def _asked(trigger: Token) -> bool:
    """Whether the trigger's sentence asks whether it happened: a yes-no question (it ends with a question mark,
    closing quotes aside); not a wh-question, which takes it as given ("Why did police arrest him?")."""
    words = [token for token in trigger.sent if not (token.is_punct and token.text != "?") and not token.is_space]
    return bool(words) and words[-1].text == "?" and not any(token.tag_ in WH_TAGS for token in words)


def _in_speech(context: Context, trigger: Token) -> bool:
    """Whether the trigger's clause is what someone says: the complement of a speech verb ("said it would send")."""
    node = trigger
    for _ in range(MAX_DEPTH):
        if node.dep_ == "ccomp":
            return saying_verb(context, node, (*SAYING, "alleged")) is not None
        if node.dep_ not in ("xcomp", "conj", "aux") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _purpose(node: Token) -> bool:
    """ "to send aid" in "would move quickly to send aid": an infinitive of purpose."""
    return node.dep_ == "advcl" and node.pos_ == "VERB" and infinitive(node)


def _on_path(node: Token, governor: Token) -> bool:
    """Whether a node lies between an event noun and its governing verb ("engaged [in] talks")."""
    return node.head.i == governor.i or (node.head.dep_ == "prep" and node.head.head.i == governor.i)


def _complement_edge_or_any(node: Token) -> bool:
    """Every edge but a plain coordination carries a cue down ("claimed X and that Y" does)."""
    return node.dep_ != "conj" or complement_edge(node)


def _modifier_cue(context: Context, child: Token, state: dict, predicate: bool, conditional: bool) -> None:
    """Cues that modify the event's own clause: "reportedly", "could", "if", "according to X", "..., officials said".

    A modal in the clause makes a possible event of "a Russian invasion would ...", not of "Russia's invasion could ...".
    """
    cues = context.lexicon.cues
    lower = child.lower_
    if child.dep_ == "advmod" and (effect := cues.get((lower, "ADV"))):
        if effect == "hypothetical":
            state["hypothetical"] = state["hypothetical"] or predicate
        elif state["certainty"] == "asserted":
            state["certainty"] = effect
    elif child.dep_ == "aux" and lower == "to" and predicate and headline_future(child.head):
        state["planned"] = True  # "Japan to lend Bangladesh $400 million"
    elif child.dep_ in ("aux", "mark", "amod", "det") and (effect := cues.get((lower, WORD_CLASS.get(child.dep_, "")))):
        # "could attack", "if Russia attacks" (conditional: the whole clause); "should", "a possible attack", "any attack";
        # "will visit", "a planned visit"; but "said it would send troops" is what a speaker says is planned.
        if effect == "conditional" and lower == "would" and state["speech"] and predicate:
            state["planned"] = True
        elif (effect == "conditional" and conditional) or (effect == "hypothetical" and predicate):
            state["hypothetical"] = True
        elif effect == "planned" and predicate:
            state["planned"] = True
    elif child.dep_ == "neg" and predicate and cues.get((child.head.lemma_.lower(), "VERB")) != "negated":
        state["negated"] = True  # but "would not hesitate to strike" is no negation (clause_state)
    elif child.dep_ == "prep" and lower == "according" and state["certainty"] == "asserted":
        state["certainty"] = "reported"
        to = next((c for c in child.children if c.lower_ == "to"), child)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        actors = phrase_actors(context, pobj) if pobj is not None else []
        state["reporter"] = actors[0] if actors else None
    elif child.dep_ in ("parataxis", "advcl") and state["certainty"] == "asserted":
        effect = cues.get((child.lemma_.lower(), "VERB"))
        speaker = any(grandchild.dep_ == "nsubj" for grandchild in child.children)
        speaker = speaker and not any(grandchild.dep_ == "mark" for grandchild in child.children)  # not "as officials told ..."
        if effect in ("reported", "claimed", "alleged", "denied") and speaker and (child.i > child.head.i or _parenthetical(child)):
            _set_certainty(context, state, effect, child)


def _parenthetical(clause: Token) -> bool:
    """ "And on Saturday, it said, Russian missiles were fired": a reporting clause set off by commas."""
    doc = clause.doc
    before = doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    after = doc[clause.right_edge.i + 1] if clause.right_edge.i + 1 < len(doc) else None
    left = clause.left_edge.text in (",", "—", "–") or (before is not None and before.text in (",", "—", "–"))
    right = clause.right_edge.text in (",", "—", "–") or (after is not None and after.text in (",", "—", "–"))
    return left and right


def _set_certainty(context: Context, state: dict, effect: str, cue: Token) -> None:
    """Record a certainty cue and the actor who voiced it."""
    if effect == "denied":
        state["negated"] = True
        effect = "claimed"
    state["certainty"] = effect
    reporters = subject_actors(context, cue) if cue.pos_ in ("VERB", "AUX") else _noun_reporter(context, cue)
    state["reporter"] = reporters[0] if reporters else None


def _noun_reporter(context: Context, noun: Token) -> list[str]:
    """Whose claim or report a noun cue is ("Russia's claims that ...")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return phrase_actors(context, child, allow_possessor=True)
    return []


def _denied_knowledge(verb: Token) -> bool:
    """A negated verb of seeing, knowing or believing: "have not seen", "did not think"."""
    return verb.lemma_.lower() in EPISTEMIC_VERBS and any(child.dep_ == "neg" for child in verb.children)


def negated(trigger: Token, governor: Token | None) -> bool:
    """ "did not reaffirm", "never attacked", "no attacks", "did not launch attacks", "neither Kenya nor Uganda sent"."""
    if any(child.dep_ == "neg" for child in trigger.children):
        return True
    if trigger.pos_ == "VERB" and any(_neither(child) for child in trigger.children if child.dep_ in ("nsubj", "nsubjpass")):
        return True
    if trigger.pos_ != "VERB" and _none_of(trigger):
        return True
    return governor is not None and any(child.dep_ == "neg" for child in governor.children)


def modality_of(state: dict, event_type: EventType, trigger_negated: bool) -> str:
    """The mention's modality (etl.schema VOCABULARIES): negated, then hypothetical, then planned, else its certainty.

    PLOVER reads a statement of intent as the event itself for some types ("Portugal will support ..."
    is SUPPORT, told as it is), so those are never merely planned.
    """
    if state["negated"] or trigger_negated:
        return "negated"
    if state["hypothetical"]:
        return "hypothetical"
    if state["planned"] and not event_type.intent_is_event:
        return "planned"
    return state["certainty"]


def _neither(subject: Token) -> bool:
    """A subject that starts "neither ... nor": "Neither the UN nor Russia recognise the breakaway state"."""
    return any(child.lower_ == "neither" and child.dep_ in ("preconj", "det", "cc") for child in subject.children)


def _none_of(noun: Token) -> bool:
    """A noun said to be none: "no plans", "no intention"."""
    return any(child.dep_ == "det" and child.lower_ == "no" for child in noun.children)
