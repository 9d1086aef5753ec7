"""Events: who did what to whom, where, in PLOVER terms (openeventdata/PLOVER).

A trigger word from the lexicon (data/event_triggers.tsv) names the event; the dependency parse
gives its actors: the subject of a trigger verb, the possessor or national modifier of a trigger
noun ("Russia's strikes", "a Ukrainian drone attack"), the object or target as second actor.
Cue words (data/event_cues.tsv) say whether the event is asserted, reported, claimed or alleged,
negated, or only hoped for (then it is no event). Lexicons are data; only patterns are code.

Some events are done by whoever says them ("They will face consequences, Yellen warned"), some are
named by their weapons ("Russian missiles were fired at Kyiv"), and an attack with no attacker named
is given, on a second reading, to the one side the document reports attacking that country.

The package reads in layers, each module importing only those before it: lexicon (the data files),
context (what one document's reading shares), syntax (parse-tree helpers), dates (when it happened), places, modes, phrases
(what a noun phrase refers to), doers (who did it), targets (to whom), modality (certainty, negation,
hypotheticals), triggers (which words name an event), rows (echoes dropped, rows built), sentences
(each trigger's events), reports (which mentions tell one happening). This module reads the document:
twice, when the first reading finds attackers.
"""

from __future__ import annotations

from etl.transform.context import ParsedDocument
from etl.transform.events.context import Context
from etl.transform.events.dates import date_events, stated_days
from etl.transform.events.lexicon import load_lexicon
from etl.transform.events.reports import number_reports
from etl.transform.events.sentences import sentence_events
from etl.transform.gazetteer import load_gazetteer

__all__ = ["extract_events", "load_lexicon"]


def extract_events(document: ParsedDocument) -> list[dict]:
    """Event mention rows (etl.schema.EVENT_MENTIONS) for every trigger in the document whose first actor is known.

    A second reading gives an attack with no attacker named to the side the first reading found
    attacking that country ("The strike on Lviv ..." in a report of Russian strikes on Ukraine).
    """
    context = Context(document, load_gazetteer(), load_lexicon())
    rows = _document_events(context)
    context.attackers = _attackers(context, rows)
    if context.attackers:
        rows = _document_events(context)
    date_events(rows, context.published, stated_days(document.blocks, context.published))
    number_reports(rows)
    return rows


def _attackers(context: Context, rows: list[dict]) -> dict[str, str]:
    """Attacked country -> the one country the document's attacks on it come from (none where there are two)."""
    sides: dict[str, set[str]] = {}
    for row in rows:
        if row["event_type"] != "ASSAULT" or row["modality"] in ("negated", "hypothetical"):
            continue
        attacker = context.actor(row["actor1_id"])
        attacked = context.actor(row["actor2_id"])
        victim = attacked.country if attacked is not None else None
        if victim is None and row["place_id"] and (place := context.actor(row["place_id"])) is not None:
            victim = place.country
        if attacker is not None and attacker.country and victim and victim != attacker.country:
            sides.setdefault(victim, set()).add(attacker.country)
    return {victim: next(iter(found)) for victim, found in sides.items() if len(found) == 1}


def _document_events(context: Context) -> list[dict]:
    """One reading of the document: every event row, each once."""
    document = context.document
    rows: list[dict] = []
    seen: set[str | tuple[object, ...]] = set()  # event ids, and what makes two events the same
    for block in document.blocks:
        for sentence in block.doc.sents:
            for row in sentence_events(context, block, sentence):
                again = (row["event_type"], row["actor1_id"], row["actor2_id"], row["location"], row["modality"], row["trigger"].lower())
                if row["mention_id"] not in seen and again not in seen:
                    seen.update((row["mention_id"], again))
                    rows.append(row)
    return rows
