"""The event lexicon: the word lists and the trigger, type, mode and cue tables, read and checked once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from etl import rules
from etl.schema import VOCABULARIES
from etl.transform.gazetteer import word_lists

DATA = Path(__file__).resolve().parent.parent / "data"
EVENT_TYPES = VOCABULARIES[("events", "event_type")]
EFFECTS = {"reported", "claimed", "alleged", "denied", "negated", "hypothetical", "planned", "conditional"}
# The word lists, from data/event_words.tsv: each row there says what its list is for.
WORDS = word_lists("event_words.tsv")
# The actor resolver's pronoun lists (data/actor_words.tsv): who a pronoun can stand for.
ACTOR_WORDS = word_lists("actor_words.tsv")
PERSON_PRONOUNS = ACTOR_WORDS["person_pronouns"]
BODY_PRONOUNS = ACTOR_WORDS["thing_pronouns"] | ACTOR_WORDS["group_pronouns"]
DEFINITE = WORDS["definite"]
PHRASE_PREPS = WORDS["phrase"]
TARGET_PREPS = WORDS["target"]
INCLUSION_WORDS = WORDS["inclusion"]
PLACE_PREPS = WORDS["place"]
COMPLEMENT_PREPS = WORDS["complement"]
CUE_COMPLEMENT_PREPS = WORDS["cue_complement"]
GOVERNING_PREPS = WORDS["governing"]
STRETCH_NOUNS = WORDS["stretch"]
FUTURE_AUXILIARIES = WORDS["future"]
POSSIBILITY_AUXILIARIES = WORDS["possibility"]
SENDING_PARTICIPLES = WORDS["sending_participles"]
DYING_VERBS = WORDS["dying_verbs"]
HARMED_VERBS = WORDS["harmed_verbs"]
OWN_FORCES = WORDS["own_forces"]
HAPPENING_VERBS = WORDS["happening_verbs"]
GIVING_VERBS = WORDS["giving_verbs"]
CAUSE_PREPS = WORDS["cause"]
CURRENCY_NOUNS = WORDS["currency_nouns"]
CONTROL_PREPS = WORDS["control"]
PARTNER_PREPS = WORDS["partner"]
LIGHT_VERB_TARGET_PREPS = WORDS["light_verb_target"]
MODE_PREPS = WORDS["mode"]
CONDITION_WORDS = WORDS["condition"]
JOINT_ADVERBS = WORDS["joint_adverbs"]
SHARED_WORDS = WORDS["shared_words"]
OWNED_PARTS = WORDS["owned_parts"]
CARRYING_VERBS = WORDS["carrying_verbs"]
RELIEF_LOADS = WORDS["relief_loads"]
RELIEF_MARKS = WORDS["relief_marks"]
SHARED_NOT_MATERIAL = WORDS["shared_not_material"]
FRAME_PREPS = WORDS["frame"]
SETTING_PREPS = WORDS["setting"]
RECIPROCAL_VERBS = WORDS["reciprocal_verbs"]
SPEAKER_VERBS = WORDS["speaker_verbs"]
CIVIL_SECTORS = WORDS["civil_sectors"]
SECURITY_SECTORS = WORDS["security_sectors"]
ARMED_SECTORS = WORDS["armed_sectors"]
RELIEF_SECTORS = WORDS["relief_sectors"]
PLANTED_WEAPONS = WORDS["planted"]
PAIR_NOUNS = WORDS["pair_nouns"]
PAIR_PERSON_NOUNS = WORDS["pair_person_nouns"]
EPISTEMIC_VERBS = WORDS["epistemic_verbs"]
COMMENT_NOUNS = WORDS["comment_nouns"]
HELPING_VERBS = WORDS["helping_verbs"]
PLEDGE_VERBS = WORDS["pledge_verbs"]
YIELDING_VERBS = WORDS["yielding_verbs"]
VOW_VERBS = WORDS["vow_verbs"]
THREAT_OPTIONS = WORDS["threat_options"]


@dataclass(frozen=True)
class Trigger:
    """One line of event_triggers.tsv: a word, the event it names, and when it counts."""

    lemma: str
    pos: str
    event_type: str
    mode: str | None
    requires: tuple[str, ...]
    excludes: tuple[str, ...]
    doer: str = "subject"  # subject, or speaker: "They will face consequences, Yellen warned" is Yellen's threat


@dataclass(frozen=True)
class EventType:
    """A PLOVER type: its modes, where its place is found, and whether what it governs is an event."""

    name: str
    location: str  # subtree or direct
    complement: str  # event or intent
    modes: frozenset[str]
    intent_is_event: bool = False  # "Portugal will support ..." is SUPPORT itself
    two_sided: bool = False  # "Kenya and Tanzania agreed": one event between them
    unnamed_doer: str | None = None  # a group noun for a doer the text does not name


@dataclass(frozen=True)
class Lexicon:
    """Every event word list, loaded once from the data files."""

    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    types: dict[str, EventType]
    mode_words: dict[str, tuple[tuple[str, frozenset[str]], ...]]
    light_verbs: frozenset[str]
    cues: dict[tuple[str, str], str]
    agent_nouns: frozenset[str]
    body_nouns: frozenset[str]  # bodies and offices that act for their possessor ("Russia's gas monopoly")
    kind_heads: frozenset[str]  # what a trigger noun in front only describes ("strike leaders", "attack boats")
    instruments: frozenset[str]
    restrictions: frozenset[str]
    quantities: frozenset[str]
    military_bodies: frozenset[str]
    measures: frozenset[str]
    strike_verbs: frozenset[str]
    means: frozenset[str]  # weapons and blasts: an attack with one was done by someone

    @cached_property
    def weapons(self) -> frozenset[str]:
        """What an attack is done with, as a noun's own word: a means ("bomb") or an instrument ("drone")."""
        return self.means | self.instruments


def _read_triggers(path: Path, types: dict[str, EventType]) -> dict[tuple[str, str], list[Trigger]]:
    """The trigger lines of a table, by (lemma, part of speech), in file order; a line may list several lemmas."""
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for row in rules.table(path, required=("lemma", "pos", "event_type", "mode", "requires", "excludes")):
        event_type, mode, pos = row["event_type"], row["mode"] or None, row["pos"].upper()
        if event_type not in types:
            raise row.error(f"unknown event_type {event_type!r}: use one of {', '.join(types)}")
        if mode and mode not in types[event_type].modes:
            allowed = sorted(types[event_type].modes)
            raise row.error(f"mode {mode!r} is not a PLOVER mode of {event_type}: use one of {allowed} or leave it empty")
        if pos not in ("VERB", "NOUN", "ADJ"):
            raise row.error(f"pos must be VERB, NOUN or ADJ, not {pos!r}")
        doer = row.get("doer") or "subject"
        if doer not in ("subject", "speaker", "giver"):
            raise row.error(f"doer must be subject, speaker, giver or empty, not {doer!r}")
        for lemma in row.items("lemma"):  # one word, or several that share the line
            trigger = Trigger(lemma, pos, event_type, mode, row.items("requires"), row.items("excludes"), doer)
            triggers.setdefault((lemma, pos), []).append(trigger)
    return triggers


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and check the event data files; an error names the file, the line and the fix."""
    types = {}
    for row in rules.table(DATA / "event_types.tsv", required=("event_type", "location", "complement", "modes")):
        name = row["event_type"]
        if name not in EVENT_TYPES:
            raise row.error(f"{name!r} is not a PLOVER type ({', '.join(EVENT_TYPES)})")
        if row["location"] not in ("subtree", "direct") or row["complement"] not in ("event", "intent"):
            raise row.error("location must be subtree or direct, complement event or intent")
        flags = {column: row.get(column) for column in ("intent_is_event", "two_sided")}
        if any(value not in ("", "yes") for value in flags.values()):
            raise row.error("intent_is_event and two_sided are yes or empty")
        types[name] = EventType(
            name,
            row["location"],
            row["complement"],
            frozenset(row.items("modes")),
            flags["intent_is_event"] == "yes",
            flags["two_sided"] == "yes",
            row.get("unnamed_doer") or None,
        )
    triggers = _read_triggers(DATA / "event_triggers.tsv", types)
    mode_words: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for row in rules.table(DATA / "event_modes.tsv", required=("event_type", "mode", "words")):
        event_type, mode = row["event_type"], row["mode"]
        if event_type not in types or mode not in types[event_type].modes:
            raise row.error(f"{event_type}/{mode} is not a type and mode listed in event_types.tsv")
        mode_words.setdefault(event_type, []).append((mode, frozenset(row.items("words"))))
    cues = {}
    for row in rules.table(DATA / "event_cues.tsv", required=("lemma", "pos", "effect")):
        if row["effect"] not in EFFECTS:
            raise row.error(f"effect must be one of {sorted(EFFECTS)}, not {row['effect']!r}")
        cues[(row["lemma"].lower(), row["pos"].upper())] = row["effect"]
    return Lexicon(
        triggers={key: tuple(value) for key, value in triggers.items()},
        types=types,
        mode_words={key: tuple(value) for key, value in mode_words.items()},
        light_verbs=rules.words(DATA / "event_light_verbs.txt"),
        cues=cues,
        agent_nouns=rules.words(DATA / "event_agent_nouns.txt"),
        body_nouns=rules.words(DATA / "event_body_nouns.txt"),
        kind_heads=rules.words(DATA / "event_kind_heads.txt"),
        instruments=rules.words(DATA / "event_instrument_nouns.txt"),
        restrictions=rules.words(DATA / "event_restrictions.txt"),
        quantities=rules.words(DATA / "event_quantity_nouns.txt"),
        military_bodies=rules.words(DATA / "event_military_bodies.txt"),
        measures=rules.words(DATA / "event_measure_nouns.txt"),
        strike_verbs=rules.words(DATA / "event_strike_verbs.txt"),
        means=rules.words(DATA / "event_means_nouns.txt"),
    )
