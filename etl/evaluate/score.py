"""Matching predictions to gold and counting: pure functions over gold dataclasses and table rows.

Counting follows the gold's lenient reading: `tp` and `fn` count gold items (found or not), `fp`
counts predictions that match no gold item. A prediction repeating a fact already found (the same
event told twice) is supported by the text and is not an error, so precision is the share of
predictions that match some gold item: (pred - fp) / pred. Actors and places are the exception:
each predicted actor stands for one gold actor only, so one person split in two costs a false positive.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from etl.evaluate.gold import GoldActor, GoldDocument, GoldEvent, GoldQuote, GoldReported, GoldStatistic
from etl.schema import VOCABULARIES

COVERED_SHARE = 0.8  # the share of a quote's words another must hold to be the same quote
QUOTE_MARKS = re.compile(r"[\"“”„«»‟]|''|``")
EDGE = " \t\n,.;:!?…'‘’`\"“”„«»-—–()[]"

EVENT_TYPES = VOCABULARIES[("events", "event_type")]
# Sectors of a group that acts for its state: "Kenyan police" may stand for Kenya.
STATE_SECTORS = frozenset({"government", "military", "police", "judiciary", "legislature"})

G = TypeVar("G")  # a gold item: a gold dataclass, or a place name
R = TypeVar("R")  # a predicted row


@dataclass
class Score:
    """Counts of one metric over any number of documents, and the gold items it missed."""

    gold: int = 0
    tp: int = 0
    predicted: int = 0
    fp: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    @property
    def precision(self) -> float | None:
        return (self.predicted - self.fp) / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> Score:
        """Fold another document's counts into this one."""
        self.gold += other.gold
        self.tp += other.tp
        self.predicted += other.predicted
        self.fp += other.fp
        self.misses.extend(other.misses)
        self.false.extend(other.false)
        return self

    def figures(self) -> dict:
        """The counts and ratios as plain JSON values."""
        return {
            "gold": self.gold,
            "tp": self.tp,
            "fn": self.fn,
            "predicted": self.predicted,
            "fp": self.fp,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


# ---------------------------------------------------------------- text keys


def name_key(name: str | None) -> str:
    """A name as compared: case-folded, one apostrophe, single spaces, no leading `the`."""
    if not name:
        return ""
    key = " ".join(name.replace("’", "'").casefold().split())
    return key[4:] if key.startswith("the ") else key


def within(short: str, long: str) -> bool:
    """Whether `short` occurs in `long` as whole words (both already name keys)."""
    return bool(short) and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def quote_key(text: str | None) -> str:
    """Quoted words as compared: quote marks dropped, edge punctuation trimmed, case-folded."""
    if not text:
        return ""
    text = QUOTE_MARKS.sub(" ", text.replace("’", "'").replace("‘", "'"))
    return " ".join(text.casefold().split()).strip(EDGE)


def same_quote(gold: str, predicted: str) -> bool:
    """Equal once normalised, or one inside the other with at least 80% of the words."""
    g, p = quote_key(gold), quote_key(predicted)
    if not g or not p:
        return False
    if g == p:
        return True
    shorter, longer = (g, p) if len(g) <= len(p) else (p, g)
    return shorter in longer and len(shorter.split()) >= COVERED_SHARE * len(longer.split())


def contains_words(text: str | None, words: str) -> bool:
    """Whether `text` holds `words` once both are normalised."""
    needle = quote_key(words)
    return bool(needle) and needle in quote_key(text)


# ---------------------------------------------------------------- matching


def max_matching(n_gold: int, n_predicted: int, fits: Callable[[int, int], bool]) -> dict[int, int]:
    """A largest one-to-one pairing gold -> prediction among the pairs that fit (augmenting paths)."""
    options = [[p for p in range(n_predicted) if fits(g, p)] for g in range(n_gold)]
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in options[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(n_gold):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def match(
    gold: Sequence[G],
    predicted: Sequence[R],
    fits: Callable[[G, R], bool],
    describe_gold: Callable[[G], str],
    describe_predicted: Callable[[R], str],
    exclusive: bool = False,
    prefix: str = "",
) -> tuple[Score, dict[int, list[int]]]:
    """Score predictions against gold; also return, per found gold item, the predictions that fit it."""
    found: dict[int, list[int]]
    supported: set[int]
    if exclusive:
        pairs = max_matching(len(gold), len(predicted), lambda g, p: fits(gold[g], predicted[p]))
        found = {g: [p] for g, p in pairs.items()}
        supported = set(pairs.values())
    else:
        found, supported = {}, set()
        for g, item in enumerate(gold):
            hits = [p for p, row in enumerate(predicted) if fits(item, row)]
            if hits:
                found[g] = hits
                supported.update(hits)
    score = Score(gold=len(gold), tp=len(found), predicted=len(predicted), fp=len(predicted) - len(supported))
    score.misses = [prefix + describe_gold(item) for g, item in enumerate(gold) if g not in found]
    score.false = [prefix + describe_predicted(row) for p, row in enumerate(predicted) if p not in supported]
    return score, found


def agreement(
    pairs: Sequence[tuple[G, list[R]]],
    wanted: Callable[[G], object],
    given: Callable[[R], object],
    agrees: Callable[[G, R], bool],
    describe: Callable[[G, list[R]], str],
    prefix: str = "",
) -> Score:
    """How often matched predictions agree with gold on one attribute the gold states.

    `pairs` holds (gold item, its matching predictions); the item counts as right when any of them
    agrees, as a false positive when they state the attribute but none agrees.
    """
    score = Score()
    for item, rows in pairs:
        if wanted(item) in (None, ""):
            continue
        score.gold += 1
        stated = [row for row in rows if given(row) not in (None, "")]
        right = any(agrees(item, row) for row in rows)
        score.tp += right
        score.predicted += bool(stated) or right
        if stated and not right:
            score.fp += 1
        if not right:
            score.misses.append(prefix + describe(item, rows))
    return score


# ---------------------------------------------------------------- our gold format


@dataclass
class Prediction:
    """The pipeline's rows for one document, and every actor by id."""

    actors: dict[str, dict]
    doc_actor_ids: set[str] = field(default_factory=set)
    quotes: list[dict] = field(default_factory=list)
    statistics: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    described_ids: set[str] = field(default_factory=set)  # actors the document only describes ("police", "residents")

    def names(self, actor_id: str | None) -> set[str]:
        """Name keys of an actor: its canonical name and aliases."""
        actor = self.actors.get(actor_id) if actor_id else None
        if not actor:
            return set()
        return {name_key(actor["name"])} | {name_key(a) for a in actor.get("aliases") or ()}

    def label(self, actor_id: str | None) -> str:
        """An actor's name for a listing, `-` for none."""
        actor = self.actors.get(actor_id) if actor_id else None
        return actor["name"] if actor else "-"


def actor_names(actor: GoldActor) -> set[str]:
    """Name keys of a gold actor: its name and aliases."""
    return {name_key(actor.name)} | {name_key(a) for a in actor.aliases}


def gold_names(document: GoldDocument, who: str | None) -> set[str]:
    """Name keys that stand for `who`: all names of the gold actor so called, else the name itself."""
    key = name_key(who)
    if not key:
        return set()
    return next((names for names in map(actor_names, document.actors) if key in names), {key})


def same_actor(document: GoldDocument, who: str | None, prediction: Prediction, actor_id: str | None, text: str | None = None) -> bool:
    """Whether a predicted actor (or, failing that, its text) names the gold actor `who`."""
    names = gold_names(document, who)
    return bool(names & prediction.names(actor_id)) or (bool(text) and name_key(text) in names)


def same_party(document: GoldDocument, who: str | None, prediction: Prediction, actor_id: str | None) -> bool:
    """Whether a predicted actor is the gold event party `who`: by a shared name, or one name inside another on word
    boundaries, as PLOVER coders write parties ("police" ~ "New South Wales police", "12 climate activists")."""
    names, predicted = gold_names(document, who), prediction.names(actor_id)
    if any(within(p, g) or within(g, p) for g in names for p in predicted):
        return True
    return _organ_of(document, who, prediction.actors.get(actor_id or ""))


def _organ_of(document: GoldDocument, who: str | None, actor: dict | None) -> bool:
    """A state's organ for the state, as PLOVER codes it: the gold party is a country, and the predicted actor is
    that country, one of its bodies ("the Ethiopian foreign ministry") or its forces or officials."""
    key = name_key(who)
    state = next((a for a in document.actors if a.type == "country" and key in actor_names(a)), None)
    if state is None or not state.country or not actor or actor.get("country") != state.country:
        return False
    return actor["type"] in ("country", "organization") or actor.get("sector") in STATE_SECTORS


METRICS = (
    "actors",
    "locations",
    "quotes",
    "reported speech",
    "speakers",
    "speakers: quotes",
    "speakers: reported",
    "statistics",
    "statistics: +qualifier",
    "statistics: source",
    "events",
    "events: type found",
    "events: actor2",
    "events: certainty",
    "events: mode",
    *(f"events: {kind}" for kind in EVENT_TYPES),
)


def score_document(document: GoldDocument, prediction: Prediction) -> dict[str, Score]:
    """Every metric of METRICS for one article of our gold format."""
    prefix = f"{document.document}: "
    scores: dict[str, Score] = {}
    scores["actors"], scores["locations"] = score_actors(document, prediction, prefix)
    scores["quotes"], quote_pairs = score_quotes(document, prediction, prefix)
    scores["reported speech"], reported_pairs = score_reported(document, prediction, prefix)
    scores["speakers: quotes"] = score_speakers(document, prediction, quote_pairs, prefix)
    scores["speakers: reported"] = score_speakers(document, prediction, reported_pairs, prefix)
    both = Score().add(scores["speakers: quotes"]).add(scores["speakers: reported"])
    scores["speakers"] = Score(both.gold, both.tp, both.predicted, both.fp)  # the misses are listed under each part
    scores.update(score_statistics(document, prediction, prefix))
    scores.update(score_events(document, prediction, prefix))
    return {name: scores[name] for name in METRICS}


def score_actors(document: GoldDocument, prediction: Prediction, prefix: str) -> tuple[Score, Score]:
    """Actors by name or alias and type (one gold actor per predicted actor); places against `locations`.

    A predicted place that bears a gold actor's name (Kyiv standing for Ukraine) counts for neither. A country
    the gold lists only among the places (named only as where things happen: "companies in Belgium") is scored
    as a place: a country is one actor of type country wherever it is named. An actor the document only
    describes (a generic group: "police", "residents") is scored when the gold lists it and left out otherwise:
    gold actor lists hold the actors a text names.
    """
    rows = [prediction.actors[i] for i in sorted(prediction.doc_actor_ids) if i in prediction.actors]
    wanted = {name_key(place) for place in document.locations}
    gold_names = set().union(*map(actor_names, document.actors))
    known = gold_names - wanted

    def fits(gold: GoldActor, row: dict) -> bool:
        return gold.type == row["type"] and bool(actor_names(gold) & prediction.names(row["actor_id"]))

    def only_a_place(row: dict) -> bool:
        names = prediction.names(row["actor_id"])
        return row["type"] == "country" and bool(wanted & names) and not gold_names & names

    people = [
        row
        for row in rows
        if row["type"] != "location"
        and not only_a_place(row)
        and (row["actor_id"] not in prediction.described_ids or any(fits(g, row) for g in document.actors))
    ]

    def describe(gold: GoldActor) -> str:
        names = actor_names(gold)
        shared = [f"{row['name']} ({row['type']})" for row in people if names & prediction.names(row["actor_id"])]
        return f"{gold.name} ({gold.type})" + (f" [shares a name with {', '.join(shared)}]" if shared else "")

    actors, _ = match(document.actors, people, fits, describe, lambda r: f"{r['name']} ({r['type']})", exclusive=True, prefix=prefix)
    places = [
        row
        for row in rows
        if (
            row["type"] == "location" and not (known & prediction.names(row["actor_id"]) and not wanted & prediction.names(row["actor_id"]))
        )
        or (row["type"] == "country" and wanted & prediction.names(row["actor_id"]))
    ]
    locations, _ = match(
        document.locations,
        places,
        lambda gold, row: name_key(gold) in prediction.names(row["actor_id"]),
        str,
        lambda r: f"{r['name']} ({r['type']})",
        exclusive=True,
        prefix=prefix,
    )
    return actors, locations


def score_quotes(document: GoldDocument, prediction: Prediction, prefix: str) -> tuple[Score, list[tuple[GoldQuote, list[dict]]]]:
    """Quoted passages (direct and partial rows) by their normalised text."""
    rows = [row for row in prediction.quotes if row["kind"] in ("direct", "partial")]
    score, found = match(
        document.quotes,
        rows,
        lambda gold, row: same_quote(gold.text, row["text"]),
        lambda g: f"{clip(g.text)!r} ({g.speaker} / {g.cue})",
        lambda r: f"{clip(r['text'])!r} [{r['kind']}] ({r['speaker_text']} / {r['cue']})",
        prefix=prefix,
    )
    return score, [(document.quotes[g], [rows[p] for p in ps]) for g, ps in found.items()]


def score_reported(document: GoldDocument, prediction: Prediction, prefix: str) -> tuple[Score, list[tuple[GoldReported, list[dict]]]]:
    """Reported speech: an indirect row whose text holds the gold words."""
    rows = [row for row in prediction.quotes if row["kind"] == "indirect"]
    score, found = match(
        document.reported,
        rows,
        lambda gold, row: contains_words(row["text"], gold.contains),
        lambda g: f"{g.speaker} {g.cue}: {clip(g.contains)!r}",
        lambda r: f"{r['speaker_text']} {r['cue']}: {clip(r['text'])!r}",
        prefix=prefix,
    )
    return score, [(document.reported[g], [rows[p] for p in ps]) for g, ps in found.items()]


def score_speakers(
    document: GoldDocument, prediction: Prediction, pairs: Sequence[tuple[GoldQuote | GoldReported, list[dict]]], prefix: str
) -> Score:
    """Among found quotes, those whose speaker resolves to the gold speaker (an unnamed source by its words)."""
    return agreement(
        pairs,
        lambda gold: gold.speaker,
        lambda row: row["speaker_id"] or row["speaker_text"],
        lambda gold, row: (
            same_actor(document, gold.speaker, prediction, row["speaker_id"], row["speaker_text"])
            or same_actor(document, gold.speaker, prediction, None, row.get("anonymous_role"))
        ),
        lambda gold, rows: (
            f"{clip(_said(gold), 60)!r}: gold {gold.speaker}, got "
            + "; ".join(f"{prediction.label(r['speaker_id'])} ({r['speaker_text']})" for r in rows)
        ),
        prefix=prefix,
    )


def _said(gold: GoldQuote | GoldReported) -> str:
    """The gold words a speaker is scored on: a quote's text, or the words reported speech holds."""
    return gold.text if isinstance(gold, GoldQuote) else gold.contains


def same_value(a: float | None, b: float | None) -> bool:
    """Equal figures (both absent counts as equal)."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def score_statistics(document: GoldDocument, prediction: Prediction, prefix: str) -> dict[str, Score]:
    """Figures by value and unit; again with the qualifier (and upper value); their sources."""
    rows = prediction.statistics

    def fits(gold: GoldStatistic, row: dict) -> bool:
        return same_value(gold.value, row["value"]) and name_key(gold.unit) == name_key(row["unit"])

    def fits_fully(gold: GoldStatistic, row: dict) -> bool:
        high = gold.value_high is None or same_value(gold.value_high, row["value_high"])
        return fits(gold, row) and (gold.qualifier or "exact") == row["qualifier"] and high

    def describe(gold: GoldStatistic) -> str:
        high = "-" + _number(gold.value_high) if gold.value_high is not None else ""
        return f"{_number(gold.value)}{high} {gold.unit} {gold.qualifier} ({gold.subject_contains})"

    def describe_row(row: dict) -> str:
        return f"{_number(row['value'])} {row['unit']} {row['qualifier']} ({row['value_text']!r}, {row['subject']})"

    plain, found = match(document.statistics, rows, fits, describe, describe_row, prefix=prefix)
    full, _ = match(document.statistics, rows, fits_fully, describe, describe_row, prefix=prefix)
    pairs = [(document.statistics[g], [rows[p] for p in ps]) for g, ps in found.items()]
    source = agreement(
        pairs,
        lambda gold: gold.source,
        lambda row: row["reported_by_id"],
        lambda gold, row: same_actor(document, gold.source, prediction, row["reported_by_id"]),
        lambda gold, rows: (
            f"{describe(gold)}: gold source {gold.source}, got {', '.join(prediction.label(r['reported_by_id']) for r in rows)}"
        ),
        prefix=prefix,
    )
    return {"statistics": plain, "statistics: +qualifier": full, "statistics: source": source}


def score_events(document: GoldDocument, prediction: Prediction, prefix: str) -> dict[str, Score]:
    """Events by accepted type and doer; agreement on second actor, certainty and mode; recall per type.

    The gold's happenings are what must be found; its historical ones may be produced but need not be;
    its negated and hypothetical items are not events, so a row matching only them is a false positive.
    The rows are the mentions that make events (their certainty is their modality).
    """
    rows = prediction.events
    required = [item for item in document.events if item.happened and not item.historical]
    allowed = [item for item in document.events if item.happened and item.historical]

    def doer_fits(gold: GoldEvent, row: dict) -> bool:
        return gold.actor1 is None or any(same_party(document, gold.actor1, prediction, row[side]) for side in _sides(gold, "actor1_id"))

    def fits(gold: GoldEvent, row: dict) -> bool:
        return row["event_type"].upper() in gold.accepted and doer_fits(gold, row)

    def describe(gold: GoldEvent) -> str:
        return f"{gold.type} {gold.actor1} -> {gold.actor2 or '-'}: {clip(gold.evidence or '', 80)!r}"

    def describe_row(row: dict) -> str:
        return f"{row['event_type']} {prediction.label(row['actor1_id'])} -> {prediction.label(row['actor2_id'])} ({row['trigger']!r})"

    events, found = match(required, rows, fits, describe, describe_row, prefix=prefix)
    background = {p for p, row in enumerate(rows) if any(fits(item, row) for item in allowed)}
    supported = background.union(*found.values())  # match found, per required item, every row that fits it
    unsupported = [p for p in range(len(rows)) if p not in supported]
    events.predicted, events.fp = len(rows), len(unsupported)
    events.false = [prefix + describe_row(rows[p]) for p in unsupported]
    typed, _ = match(required, rows, lambda g, r: r["event_type"].upper() in g.accepted, describe, describe_row, prefix=prefix)
    typed.predicted = typed.fp = 0
    typed.false = []
    pairs = [(required[g], [rows[p] for p in ps]) for g, ps in found.items()]

    actor2 = agreement(
        pairs,
        lambda g: g.actor2,
        lambda r: r["actor2_id"],
        lambda g, r: any(same_party(document, g.actor2, prediction, r[side]) for side in _sides(g, "actor2_id")),
        lambda g, rs: f"{describe(g)}: got actor2 {', '.join(prediction.label(r['actor2_id']) for r in rs)}",
        prefix=prefix,
    )
    certainty = agreement(
        pairs,
        lambda g: g.certainty,
        lambda r: r["modality"],
        lambda g, r: g.certainty == r["modality"],
        lambda g, rs: f"{describe(g)}: gold {g.certainty}, got {', '.join(str(r['modality']) for r in rs)}",
        prefix=prefix,
    )
    mode = agreement(
        pairs,
        lambda g: g.mode,
        lambda r: r["event_mode"],
        lambda g, r: (g.mode or "").lower() == (r["event_mode"] or ""),
        lambda g, rs: f"{describe(g)}: gold mode {g.mode}, got {', '.join(str(r['event_mode']) for r in rs)}",
        prefix=prefix,
    )
    scores = {"events": events, "events: type found": typed, "events: actor2": actor2, "events: certainty": certainty, "events: mode": mode}
    return scores | per_type_recall(required, found, describe, prefix)


def _sides(gold: GoldEvent, side: str) -> tuple[str, ...]:
    """The row columns that may hold a gold actor: its own side, or either side of a two-sided event."""
    return ("actor1_id", "actor2_id") if gold.symmetric else (side,)


def per_type_recall(
    required: Sequence[GoldEvent], found: dict[int, list[int]], describe: Callable[[GoldEvent], str], prefix: str
) -> dict[str, Score]:
    """`events: TYPE` for each PLOVER type: its gold events, and those found with their doer."""
    scores = {f"events: {kind}": Score() for kind in EVENT_TYPES}
    for index, item in enumerate(required):
        score = scores.setdefault(f"events: {item.type.upper()}", Score())
        score.gold += 1
        score.tp += index in found
        if index not in found:
            score.misses.append(prefix + describe(item))
    return scores


# ---------------------------------------------------------------- helpers


def total(per_document: list[dict[str, Score]], names: Sequence[str]) -> dict[str, Score]:
    """Each metric summed over documents."""
    sums = {name: Score() for name in names}
    for scores in per_document:
        for name in names:
            sums[name].add(scores[name])
    return sums


def clip(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: float) -> str:
    return f"{value:g}"
