"""An event's PLOVER mode (drone attack, military aid), from the words nearest its trigger."""

from __future__ import annotations

from collections import deque

from spacy.tokens import Token

from etl.transform.events.context import Context
from etl.transform.events.lexicon import MODE_PREPS, EventType
from etl.transform.events.syntax import MODIFIER_DEPS, proxy


def mode_of(context: Context, trigger: Token, event_type: EventType) -> str | None:
    """A PLOVER mode from the words closest to the trigger ("drone" attack, "aerial" attacks, "launched drones")."""
    table = context.lexicon.mode_words.get(event_type.name)
    if not table:
        return None
    for lemma in _mode_words(trigger):
        for mode, words in table:
            if lemma in words:
                return mode
    return None


def _mode_words(trigger: Token) -> list[str]:
    """Lemmas around the trigger, nearest first: itself, its modifiers, its object and their modifiers, its subject."""
    follow = MODIFIER_DEPS | {"dobj", "pobj", "xcomp", "pcomp", "nsubjpass"} | ({"conj"} if trigger.pos_ != "VERB" else set())
    seen, words = {trigger.i}, [trigger.lemma_.lower()]
    starts = [trigger, proxy(trigger)] if trigger.pos_ != "VERB" else [trigger]
    queue = deque((start, 0) for start in starts)
    while queue:
        token, depth = queue.popleft()
        if depth >= 3:
            continue
        for child in token.children:
            if child.i in seen or not (child.dep_ in follow or (child.dep_ == "prep" and child.lower_ in MODE_PREPS)):
                continue
            seen.add(child.i)
            words.append(child.lemma_.lower())
            words.append(child.lower_)
            queue.append((child, depth if child.dep_ == "prep" else depth + 1))  # "$2bn in [military] aid"
    # Last, what the subject is: "Russian missiles hit Odesa", "drones attacked Kyiv", "dozens of missiles struck".
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words.append(child.lemma_.lower())
            counted = (pobj for prep in child.children if prep.lower_ == "of" for pobj in prep.children if pobj.dep_ == "pobj")
            words.extend(pobj.lemma_.lower() for pobj in counted)
    return words
