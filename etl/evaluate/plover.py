"""PLOVER-coded sentences scored: is the coded event type among those produced, and is the doer right.

Each item is one sentence coded with one event; the pipeline may find other events in it that are
just as true, so these are shares of gold items (recall-like), with no precision. The definitions:

- **type found**: the share of items whose coded `plover_type` (or one of `also_accepted`) is among
  the event types the pipeline produced for that document; per type with its count, the overall
  share, and the macro average over types (each type weighs the same, however many items it has).
- **first actor right when the type is found**: among items whose type is found, the share where an
  event of an accepted type has an actor1 matching the gold doer (see `same_doer`); for `symmetric`
  items the event's actor1 or actor2 may match.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from etl.evaluate.gold import PloverItem
from etl.evaluate.score import Score, name_key, within
from etl.schema import VOCABULARIES

TYPE_FOUND = "type found"
ACTOR_RIGHT = "first actor, type found"
MACRO = "type found: macro average"
PLOVER_TYPES = VOCABULARIES[("events", "event_type")]
# Words that, after a country's name or demonym, still name that country's state: "Israeli troops".
STATE_WORDS = frozenset(
    "government authorities administration regime official officials army military forces troops soldiers police security navy".split()
)

CountryOf = Callable[[str], str | None]  # a name, alias, demonym or capital -> ISO alpha-3


def same_name(gold: str, names: set[str]) -> bool:
    """A gold name and an actor's names agree: equal, or one inside the other on word boundaries, ignoring case."""
    key = name_key(gold)
    return bool(key) and any(within(key, name) or within(name, key) for name in names if name)


def is_state(name: str, country: str | None, country_of: CountryOf) -> bool:
    """Whether `name` is the country `country` or its state: a country word for it, then only `'s` and STATE_WORDS.

    A country word is a name, alias, demonym or capital the gazetteer knows ("Israel", "Israeli",
    "U.S.", "Washington"), so "Israeli troops" and "Turkish government" qualify, "Afghan rebels" does not.
    """
    if not country:
        return False
    words = name.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    for cut in range(len(words), 0, -1):
        head = " ".join(words[:cut])
        head = head[:-2] if head.endswith(("'s", "’s")) else head
        if country_of(head) == country and all(word.casefold() in STATE_WORDS for word in words[cut:]):
            return True
    return False


def same_doer(item: PloverItem, actor: dict | None, country_of: CountryOf) -> bool:
    """Whether a predicted actor is the gold doer.

    Its name or an alias matches `actor1` or one of `actor1_all` (case-insensitive, a leading "the"
    dropped, equal or one inside the other on word boundaries: "Putin" ~ "Vladimir Putin"); or its
    `country` equals `actor1_country` and the gold doer is that country or its government or forces
    (`is_state`: "Israel", "Israeli troops", "Turkish government", "Washington").
    """
    if not actor:
        return False
    names = {name_key(actor["name"])} | {name_key(alias) for alias in actor.get("aliases") or ()}
    if any(same_name(doer, names) for doer in item.doers):
        return True
    country = item.actor1_country
    return bool(country) and actor.get("country") == country and any(is_state(doer, country, country_of) for doer in item.doers)


def score_plover(
    items: Sequence[tuple[PloverItem, list[dict]]], actors: dict[str, dict], country_of: CountryOf | None = None
) -> tuple[dict[str, Score], dict[str, float | None]]:
    """The metrics above over (item, its document's event rows) pairs; `actors` by id.

    Returns the scores (overall type found, first actor, then type found per coded type, in PLOVER's
    order) and the averages (the macro average of type found over the types present).
    """
    if country_of is None:
        from etl.transform.gazetteer import load_gazetteer

        country_of = load_gazetteer().country_of_word

    def label(actor_id: str | None) -> str:
        actor = actors.get(actor_id) if actor_id else None
        return actor["name"] if actor else "-"

    def told(row: dict) -> str:
        return f"{row['event_type']} {label(row['actor1_id'])} -> {label(row['actor2_id'])} ({row['trigger']!r})"

    def wanted(item: PloverItem) -> str:
        also = f" (or {', '.join(item.also_accepted)})" if item.also_accepted else ""
        return f"{item.id}: {item.type}{also} by {item.actor1 or '-'}"

    found, actor_right = Score(), Score()
    per_type: dict[str, Score] = {}
    for item, events in items:
        kind = per_type.setdefault(item.type, Score())
        found.gold += 1
        kind.gold += 1
        rows = [row for row in events if row["event_type"].upper() in item.accepted]
        if not rows:
            found.misses.append(f"{wanted(item)}: got {'; '.join(map(told, events)) or 'no event'}")
            continue
        found.tp += 1
        kind.tp += 1
        actor_right.gold += 1
        sides = ("actor1_id", "actor2_id") if item.symmetric else ("actor1_id",)
        if any(same_doer(item, actors.get(row[side] or ""), country_of) for row in rows for side in sides):
            actor_right.tp += 1
        else:
            actor_right.misses.append(f"{wanted(item)}: got {'; '.join(map(told, rows))}")
    order = [t for t in PLOVER_TYPES if t in per_type] + sorted(set(per_type) - set(PLOVER_TYPES))
    scores = {TYPE_FOUND: found, ACTOR_RIGHT: actor_right} | {f"{TYPE_FOUND}: {t}": per_type[t] for t in order}
    shares = [per_type[t].recall for t in order]
    macro = sum(s for s in shares if s is not None) / len(shares) if shares else None
    return scores, {MACRO: macro}
