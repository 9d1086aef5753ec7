"""How well places are put on the map, on tests/gold-places (see its README).

    .venv/bin/python bench/places_report.py                   # the dev split
    .venv/bin/python bench/places_report.py --split heldout   # now and then only
    .venv/bin/python bench/places_report.py --show-misses

Each gold place (a town, village or region the text names, with its country, first-level region and, when
GeoNames' towns of 500 people or more hold it, its GeoNames id) is matched to the document's first place
mention of that name. Figures: the share of gold places found as places; of those, the country right, wrong
or left empty; the first-level region right; and, for the places the gazetteer holds, the share put within
25 km of the gold place and the share put further away (a wrong place) rather than left without coordinates.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.extract.blocks import normalise, split_blocks  # noqa: E402
from etl.extract.dates import read_timestamp  # noqa: E402
from etl.settings import load_settings  # noqa: E402
from etl.transform import extract_facts, parse_texts  # noqa: E402
from etl.transform.context import ParsedBlock, ParsedDocument  # noqa: E402
from etl.transform.geonames import distance_km, place_by_id, spelling_key  # noqa: E402
from etl.transform.nlp import build_nlp  # noqa: E402

GOLD = ROOT / "tests" / "gold-places" / "places.jsonl"
# A gold item's corpus -> how its document is read from ../shared/corpora (never copied into the repository).
CORPORA = {"reuters": "reuters-1987", "ukraine": "ukraine-news", "plover": "plover-gsr-dev"}
NEAR_KM = 25.0
LEADING_WORDS = ("the ",)
TRAILING_WORDS = (" region", " oblast", " province", " district", " city", " village", " town")


def text_of(item: dict, corpora: Path, records: dict[str, list[dict]]) -> str | None:
    """The item's own text, or its corpus document's (None when ../shared is absent)."""
    if "text" in item:
        return item["text"]
    folder = corpora / CORPORA[item["corpus"]]
    name, _, line = item["document"].partition("#")
    if not (folder / name).exists():
        return None
    if not line:
        return (folder / name).read_text(encoding="utf-8")
    if name not in records:
        records[name] = [json.loads(row) for row in (folder / name).read_text(encoding="utf-8").splitlines() if row.strip()]
    return records[name][int(line) - 1]["text"]


def placed_mentions(nlp, text: str, published: str | None) -> list[tuple[str, object]]:
    """(mention text, actor) of every place mention the pipeline finds in the text, in document order."""
    text = normalise(text)
    blocks = [block for block in split_blocks(text) if block.duplicate_of_block is None]
    parsed = [
        ParsedBlock("gold", b.block_idx, b.kind, b.char_start, doc)
        for b, doc in zip(blocks, parse_texts(nlp, [b.text for b in blocks], 100))
    ]
    document = ParsedDocument("gold", text, parsed, published_at=read_timestamp(published) if published else None)
    rows = extract_facts(document)["actor_mentions"]
    return [(row["text"], document.actors[row["actor_id"]]) for row in rows]


def name_key(text: str) -> str:
    """A place's name as gold and mention are compared: folded, without "the" and a trailing "region"."""
    key = spelling_key(text)
    for word in LEADING_WORDS:
        key = key.removeprefix(word)
    for word in TRAILING_WORDS:
        key = key.removesuffix(word)
    return key


def match(gold: dict, mentions: list[tuple[str, object]]):
    """The actor of the first mention of the gold place's name (a place first, any actor else)."""
    key = name_key(gold["text"])
    named = [actor for text, actor in mentions if name_key(text) == key or key in name_key(text).split(" of ")]
    places = [actor for actor in named if actor.type == "location"]
    return (places or named or [None])[0]


def score(split: str, corpora: Path, show_misses: bool) -> dict[str, int]:
    nlp = build_nlp(load_settings().spacy_model)
    counts = dict.fromkeys(
        ("places", "found", "with_country", "country_right", "country_wrong", "with_admin1", "admin1_right", "held", "near", "far"), 0
    )
    records: dict[str, list[dict]] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = text_of(item, corpora, records) if item["split"] == split else None
        if text is None or not item["places"]:
            continue
        mentions = placed_mentions(nlp, text, item.get("published_at"))
        for gold in item["places"]:
            actor = match(gold, mentions)
            _count(counts, gold, actor if actor is not None and actor.type == "location" else None, item["id"], show_misses)
    return counts


def _count(counts: dict[str, int], gold: dict, actor, item_id: str, show: bool) -> None:
    counts["places"] += 1
    if actor is None:
        if show:
            print(f"  not found  {item_id}: {gold['text']}")
        return
    counts["found"] += 1
    place = actor.place
    if gold["country"]:
        counts["with_country"] += 1
        counts["country_right"] += actor.country == gold["country"]
        counts["country_wrong"] += actor.country not in (None, gold["country"])
    if gold["admin1"]:
        counts["with_admin1"] += 1
        counts["admin1_right"] += place is not None and place.admin1 == gold["admin1"]
    held = place_by_id(gold["gazetteer_id"]) if gold.get("gazetteer_id") else None
    if held is not None:
        counts["held"] += 1
        if place is not None:
            near = distance_km((place.latitude, place.longitude), (held.latitude, held.longitude)) <= NEAR_KM
            counts["near"] += near
            counts["far"] += not near
    right = actor.country == gold["country"] and (held is None or (place is not None and place.gazetteer_id == held.gazetteer_id))
    if show and not right:
        got = f"{actor.name} {actor.country} {place.admin1 if place else ''}"
        print(f"  {item_id}: {gold['text']} -> {got} (gold {gold['country']} {gold['admin1']} {held.name if held else ''})")


def report(split: str, counts: dict[str, int]) -> str:
    def share(part: str, whole: str) -> str:
        return f"{counts[part] / counts[whole]:.2f} of {counts[whole]}" if counts[whole] else "-"

    return (
        f"places-{split}: {counts['places']} gold places, found as places {share('found', 'places')}; "
        f"country right {share('country_right', 'with_country')}, wrong {share('country_wrong', 'with_country')}; "
        f"admin1 right {share('admin1_right', 'with_admin1')}; held by the gazetteer {counts['held']}: "
        f"within {NEAR_KM:.0f} km {share('near', 'held')}, further {share('far', 'held')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "heldout", "dev2", "heldout2"))
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    print(report(args.split, score(args.split, args.corpora, args.show_misses)))


if __name__ == "__main__":
    main()
