"""Output rows: one event where a trigger echoes another it governs, and the events table row of each."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from etl.transform.context import ParsedBlock, row_id
from etl.transform.events.dates import date_columns, own_date, told_ahead
from etl.transform.events.places import Place
from etl.transform.events.syntax import MAX_DEPTH, NOUN_POS, complement_edge, governor_of
from etl.transform.geonames import map_columns


def without_echoes(events: list[dict]) -> list[dict]:
    """One event where a trigger repeats another it governs ("provided aid", "reaffirmed ... supporting")."""
    dropped: set[int] = set()
    for i, outer in enumerate(events):
        for j, inner in enumerate(events):
            if i == j or i in dropped or j in dropped:
                continue
            if outer["event_type"] != inner["event_type"] or outer["actor1_id"] != inner["actor1_id"]:
                continue
            if outer["token"].i == inner["token"].i:
                continue
            if _shares_object(outer["token"], inner["token"]):
                # "killed, injured or captured 5,000 troops": one event, its target where the object is.
                outer["actor2_id"] = outer["actor2_id"] or inner["actor2_id"]
                outer["place"] = outer["place"] or inner["place"]
                dropped.add(j)
                continue
            if not any(echo(outer["token"], inner["token"]) for echo in (_governs, _modifies, _carries, _means)):
                continue
            if outer["actor2_id"] and not inner["actor2_id"]:
                dropped.add(j)
            else:
                if outer["modality"] == "negated":  # "did not reaffirm its support"
                    inner["modality"] = "negated"
                dropped.add(i)
    return [event for k, event in enumerate(events) if k not in dropped]


def _means(outer: Token, inner: Token) -> bool:
    """ "invaded Georgia by sending troops across the border": how the event was done is the event."""
    return inner.dep_ == "pcomp" and inner.head.lower_ == "by" and inner.head.head.i == outer.i


def _carries(outer: Token, inner: Token) -> bool:
    """ "approved $95bn in aid": the verb whose object the event noun is."""
    return inner.pos_ in NOUN_POS and (governor := governor_of(inner)) is not None and governor.i == outer.i


def _modifies(outer: Token, inner: Token) -> bool:
    """ "aid package": two trigger nouns naming one thing."""
    return inner.dep_ == "compound" and inner.head.i == outer.i


def _shares_object(first: Token, later: Token) -> bool:
    """Coordinated verbs, the first without an object of its own: "killed, injured or captured 5,000 troops"."""
    if first.pos_ != "VERB" or later.pos_ != "VERB" or any(child.dep_ in ("dobj", "dative") for child in first.children):
        return False
    node = later
    for _ in range(MAX_DEPTH):
        if node.dep_ != "conj" or node.head.i == node.i:
            return False
        node = node.head
        if node.i == first.i:
            return True
    return False


def _governs(outer: Token, inner: Token) -> bool:
    """Whether inner is in outer's complement: "provided [aid]", "commitment to [supporting]"."""
    node = inner
    for _ in range(MAX_DEPTH):
        if node.head.i == node.i or not complement_edge(node):
            return False
        node = node.head
        if node.i == outer.i:
            return True
    return False


def event_row(block: ParsedBlock, sentence: Span, event: dict, published: date | None) -> dict:
    """The event_mentions row of one event told in the text; its event_id is set when mentions are merged
    across the corpus (etl.transform.corpus), null for a mention that makes no event. Its date is its own
    clause's (etl.transform.events.dates) or, set later for the whole document, one from around it."""
    token = event.pop("token")
    start, end = block.span_offsets(token)
    place = event["place"]
    dated = own_date(token, sentence, published, planned=event["modality"] == "planned" or told_ahead(token))
    return {
        "mention_id": row_id(block.doc_id, start, end, event["event_type"], event["actor1_id"], event["actor2_id"]),
        "event_id": None,
        "doc_id": block.doc_id,
        "block_idx": block.block_idx,
        "event_type": event["event_type"],
        "event_mode": event["event_mode"],
        "actor1_id": event["actor1_id"],
        "actor2_id": event["actor2_id"],
        "location": place.name if place else None,
        "place_id": place.actor_id if place else None,
        "country": place.country if place else None,
        **_on_the_map(place),
        **date_columns(dated),
        # set when statistics are read (etl.transform.casualties)
        "fatalities": None,
        "injured": None,
        "fatalities_stat_id": None,
        "injured_stat_id": None,
        "trigger": token.text,
        "modality": event["modality"],
        "reported_by_id": event["reported_by_id"],
        "sentence": sentence.text,
        "char_start": start,
        "char_end": end,
    }


def _on_the_map(place: Place | None) -> dict:
    """Where an event's place is: its gazetteer entry's region, coordinates and GeoNames id (precision `place` for a
    town, `admin1` for a region), or only its country (`country`)."""
    geo = place.geo if place is not None else None
    precision = geo.precision if geo is not None else "country" if place is not None and place.country else None
    return {**map_columns(geo), "geo_precision": precision}
