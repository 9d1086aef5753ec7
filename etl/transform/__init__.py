"""Transform: one spaCy pass over the unique blocks, then actors, quotes, statistics and events."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import groupby

from etl.settings import Settings
from etl.transform.context import Actor, ParsedBlock, ParsedDocument


def transform_documents(documents: list[dict], blocks: list[dict], settings: Settings, progress=None) -> dict[str, list[dict]]:
    """Fact rows per table for every loaded document; duplicate blocks and documents are skipped."""
    from etl.transform.actors import resolve_actors
    from etl.transform.events import extract_events
    from etl.transform.quotes import extract_quotes
    from etl.transform.statistics import extract_statistics

    facts: dict[str, list[dict]] = defaultdict(list)
    actors: dict[str, list[Actor]] = defaultdict(list)
    for document in parse_documents(documents, blocks, settings):
        facts["actor_mentions"].extend(resolve_actors(document))
        for actor in document.actors.values():
            actors[actor.actor_id].append(actor)
        facts["quotes"].extend(extract_quotes(document))
        facts["statistics"].extend(extract_statistics(document))
        facts["events"].extend(extract_events(document))
        if progress:
            progress.advance(1)
    facts["actors"] = actor_rows(actors, facts["actor_mentions"])
    return dict(facts)


def parse_documents(documents: list[dict], blocks: list[dict], settings: Settings):
    """Yield each loaded document with its unique blocks parsed by one spaCy pipeline (nlp.pipe)."""
    from etl.transform.nlp import build_nlp

    nlp = build_nlp(settings.spacy_model)
    texts = {doc["doc_id"]: doc["text"] for doc in documents if doc["status"] == "loaded"}
    unique = [b for b in blocks if b["doc_id"] in texts and b["duplicate_of_block"] is None]
    parsed = nlp.pipe((block["text"] for block in unique), batch_size=settings.batch_size)
    pairs = zip(unique, parsed)
    for doc_id, group in groupby(pairs, key=lambda pair: pair[0]["doc_id"]):
        parsed_blocks = [
            ParsedBlock(doc_id, block["block_idx"], block["kind"], block["char_start"], spacy_doc) for block, spacy_doc in group
        ]
        yield ParsedDocument(doc_id, texts[doc_id], parsed_blocks)


def actor_rows(actors: dict[str, list[Actor]], mentions: list[dict]) -> list[dict]:
    """One row per actor across all documents, with aliases and mention and document counts."""
    aliases: dict[str, set[str]] = defaultdict(set)
    mention_count: Counter = Counter()
    doc_ids: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        actor_id = mention["actor_id"]
        mention_count[actor_id] += 1
        doc_ids[actor_id].add(mention["doc_id"])
        if mention["mention_kind"] != "pronoun":
            aliases[actor_id].add(mention["text"])
    rows = []
    for actor_id, seen in sorted(actors.items()):
        first = seen[0]
        rows.append(
            {
                "actor_id": actor_id,
                "name": first.name,
                "type": first.type,
                "role": _most_common(actor.role for actor in seen),
                "country": _most_common(actor.country for actor in seen),
                "aliases": sorted(aliases[actor_id] | {first.name}),
                "mention_count": mention_count[actor_id],
                "doc_count": len(doc_ids[actor_id]),
            }
        )
    return rows


def _most_common(values) -> str | None:
    counted = Counter(value for value in values if value)
    return counted.most_common(1)[0][0] if counted else None
