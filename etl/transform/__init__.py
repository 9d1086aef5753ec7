"""Transform: one spaCy pass over the unique blocks, then actors, quotes, statistics and events."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import groupby

from spacy.tokens import Doc

from etl.schema import FURNITURE_KIND
from etl.settings import Settings
from etl.transform.context import DOC_TEXT, Actor, ParsedBlock, ParsedDocument
from etl.transform.geonames import map_columns
from etl.transform.headlines import reread_headline
from etl.transform.identity import merges_by_surname


def facts_per_document(
    documents: list[dict], blocks: list[dict], settings: Settings, progress=None
) -> Iterator[tuple[str, dict[str, list[dict]]]]:
    """Each document's own facts (etl.schema.SHARD_TABLES: actors merged inside the document only), all parsed in
    one nlp.pipe stream."""
    for document in parse_documents(documents, blocks, settings):
        facts = extract_facts(document)
        actors: dict[str, list[Actor]] = defaultdict(list)
        for actor in document.actors.values():
            actors[actor.actor_id].append(actor)
        apply_actor_remap(facts, actors, surname_merges(actors))
        facts["actor_observations"] = actor_observations(document.doc_id, actors)
        if progress:
            progress.advance(1)
        yield document.doc_id, facts


def extract_facts(document: ParsedDocument) -> dict[str, list[dict]]:
    """Mentions, quotes, statistics and events of one parsed document; its actors stay on `document.actors`."""
    from etl.transform.actors import resolve_actors
    from etl.transform.casualties import link_casualties
    from etl.transform.events import extract_events
    from etl.transform.quotes import extract_quotes
    from etl.transform.statistics import extract_statistics

    facts = {  # in this order: quotes and events rely on the resolved mentions; events may add a country to an actor
        "actor_mentions": resolve_actors(document),
        "quotes": extract_quotes(document),
        "statistics": extract_statistics(document),
        "event_mentions": extract_events(document),
    }
    facts["actor_mentions"] += document.late_mentions  # the words events gave an unnamed doer ("Thousands marched")
    link_casualties(facts["statistics"], facts["event_mentions"])
    return facts


# Columns of each fact table that hold an actor id.
ACTOR_ID_COLUMNS = {
    "actor_mentions": ("actor_id",),
    "event_mentions": ("actor1_id", "actor2_id", "reported_by_id", "place_id"),
    "quotes": ("speaker_id",),
    "statistics": ("reported_by_id",),
}


def surname_merges(actors: dict[str, list[Actor]], known_in: int = 3) -> dict[str, str]:
    """A one-word person name ("Putin") to the only fuller name across the corpus that ends with it; a one-word
    organisation ("Zelenskiy", a name the model mislabelled) too, when that person is named in `known_in` documents."""
    return merges_by_surname(
        {actor_id: seen[0] for actor_id, seen in actors.items()}, {actor_id: len(seen) for actor_id, seen in actors.items()}, known_in
    )


def apply_actor_remap(facts: dict[str, list[dict]], actors: dict[str, list[Actor]], remap: dict[str, str]) -> None:
    """Point every fact at the merged actor and fold the merged actors' attributes together."""
    for table, columns in ACTOR_ID_COLUMNS.items():
        for row in facts.get(table, []):
            for column in columns:
                if row.get(column) in remap:
                    row[column] = remap[row[column]]
    for short_id, full_id in remap.items():
        actors[full_id].extend(actors.pop(short_id))


def parse_documents(documents: list[dict], blocks: list[dict], settings: Settings):
    """Yield each loaded document with its unique blocks parsed by one spaCy pipeline (nlp.pipe); page furniture,
    repeats and boilerplate are not parsed."""
    from etl.transform.nlp import build_nlp

    nlp = build_nlp(settings.spacy_model)
    texts = {doc["doc_id"]: doc["text"] for doc in documents if doc["status"] == "loaded"}
    published = {doc["doc_id"]: doc.get("published_at") for doc in documents}
    unique = [block for block in blocks if block["doc_id"] in texts and _parsed(block)]
    parsed = parse_texts(nlp, [block["text"] for block in unique], settings.batch_size)
    pairs = zip(unique, parsed)
    for doc_id, group in groupby(pairs, key=lambda pair: pair[0]["doc_id"]):
        parsed_blocks = [ParsedBlock(doc_id, block["block_idx"], block["kind"], block["char_start"], doc) for block, doc in group]
        yield ParsedDocument(doc_id, texts[doc_id], parsed_blocks, published_at=published[doc_id])


def parse_texts(nlp, texts: list[str], batch_size: int) -> Iterator[Doc]:
    """Each block text parsed (nlp.pipe) as the model reads it best, `unwrapped`, giving its own text to `text_of`."""
    for text, doc in zip(texts, nlp.pipe((unwrapped(text) for text in texts), batch_size=batch_size)):
        yield with_text(reread_headline(nlp, doc), text)


def unwrapped(text: str) -> str:
    """A block's text as the model reads it: the line breaks of hard-wrapped text ("John\\nSmith") as spaces, so a
    name broken across lines is one name; one character for one, so every offset holds."""
    return text.replace("\n", " ")


def with_text(doc: Doc, text: str) -> Doc:
    """A Doc parsed from `unwrapped(text)` that gives `text` itself to `text_of`, so that spans keep the line breaks
    documents.text has."""
    doc.user_data[DOC_TEXT] = text
    return doc


def _parsed(block: dict) -> bool:
    """Whether a block is parsed for facts: not a repeat, not boilerplate, not page furniture."""
    return block["duplicate_of_block"] is None and not block.get("boilerplate") and block["kind"] != FURNITURE_KIND


def actor_observations(doc_id: str, actors: dict[str, list[Actor]]) -> list[dict]:
    """What one document says of each of its actors (etl.schema.ACTOR_OBSERVATIONS): the name and type it first
    gives, the role and country it gives most. The actors table is built from these across the corpus
    (etl.transform.corpus), with aliases and counts from the mentions."""
    return [
        {
            "doc_id": doc_id,
            "actor_id": actor_id,
            "name": seen[0].name,
            "type": seen[0].type,
            "sector": _most_common(actor.sector for actor in seen),
            "role": _most_common(actor.role for actor in seen),
            "country": _most_common(actor.country for actor in seen),
            **map_columns(next((actor.place for actor in seen if actor.place), None)),
        }
        for actor_id, seen in sorted(actors.items())
    ]


def _most_common(values) -> str | None:
    counted = Counter(value for value in values if value)
    return counted.most_common(1)[0][0] if counted else None
