"""How well events are dated, on tests/gold-dates (see its README).

    .venv/bin/python bench/dates_report.py                      # dev split of both sets
    .venv/bin/python bench/dates_report.py --split heldout      # now and then only
    .venv/bin/python bench/dates_report.py --show-misses
    .venv/bin/python bench/dates_report.py --split dev3 --ids dn-4       # the third set's wire articles only

Each gold event is matched to the event mention whose trigger lies inside the gold evidence (the gold
trigger word first); an event the rules do not find is counted as not found, not as wrongly dated.
Figures: for gold events the text dates, the share dated to the right day (day precision) and the
share with the right date and precision; for gold events the text leaves undated, the share dated by
the publication or the paragraph instead of a phrase of their own.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.extract.blocks import normalise, split_blocks  # noqa: E402
from etl.extract.dates import read_timestamp  # noqa: E402
from etl.settings import load_settings  # noqa: E402
from etl.transform import extract_facts, parse_texts  # noqa: E402
from etl.transform.context import ParsedBlock, ParsedDocument  # noqa: E402
from etl.transform.events.dates import date_columns, date_events, own_date, stated_days, told_ahead  # noqa: E402
from etl.transform.nlp import build_nlp  # noqa: E402

GOLD = ROOT / "tests" / "gold-dates"
CORPUS_FOLDERS = {"ukraine": "ukraine-news"}  # gold file -> the corpus its documents are read from
SHAPES = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def texts_of(path: Path, corpora: Path) -> dict[str, str]:
    """The text of every item of a gold file: its own, or its corpus record's (read, never copied)."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records: dict[str, list[dict]] = {}
    texts = {}
    for item in items:
        if "text" in item:
            texts[item["id"]] = item["text"]
            continue
        name, line = item["document"].split("#")
        corpus = corpora / CORPUS_FOLDERS[path.stem] / name
        if not corpus.exists():
            continue
        if name not in records:
            records[name] = [json.loads(row) for row in corpus.read_text(encoding="utf-8").splitlines() if row.strip()]
        texts[item["id"]] = records[name][int(line) - 1]["text"]
    return texts


def mentions_of(nlp, text: str, published: str, golds: list[dict]) -> tuple[str, list[dict], list[dict]]:
    """The normalised text, the event mentions the pipeline gives it, and a mention-like row for every gold
    trigger dated as if it were an event (the dating alone, whether or not the rules find the event)."""
    text = normalise(text)
    blocks = [block for block in split_blocks(text) if block.duplicate_of_block is None]
    parsed = [
        ParsedBlock("gold", b.block_idx, b.kind, b.char_start, doc)
        for b, doc in zip(blocks, parse_texts(nlp, [b.text for b in blocks], 100))
    ]
    document = ParsedDocument("gold", text, parsed, published_at=read_timestamp(published))
    mentions = extract_facts(document)["event_mentions"]
    day = document.published_at.date() if document.published_at else None
    triggers = []
    for gold in golds:
        start = text.find(normalise(gold["evidence"]))
        for block in parsed:
            for token in block.doc:
                at = block.offset + token.idx
                if start <= at < start + len(gold["evidence"]) and token.lower_ == gold["trigger"].lower():
                    dated = own_date(token, token.sent, day, planned=told_ahead(token))
                    triggers.append(
                        {
                            "mention_id": str(at),
                            "block_idx": block.block_idx,
                            "char_start": at,
                            "char_end": at + len(token),
                            "trigger": token.text,
                            **date_columns(dated),
                        }
                    )
    triggers.sort(key=lambda row: row["char_start"])
    date_events(triggers, day, stated_days(parsed, day))
    return text, mentions, triggers


def match(text: str, gold: dict, mentions: list[dict]) -> dict | None:
    """The mention inside the gold evidence, the gold trigger word first."""
    start = text.find(normalise(gold["evidence"]))
    if start < 0:
        return None
    end = start + len(normalise(gold["evidence"]))
    inside = [m for m in mentions if start <= m["char_start"] and m["char_end"] <= end]
    inside.sort(key=lambda m: m["trigger"].lower() != gold["trigger"].lower())
    return inside[0] if inside else None


def written(mention: dict) -> str | None:
    """A mention's date as the gold writes it for its precision."""
    if mention["event_date"] is None:
        return None
    return mention["event_date"].strftime(SHAPES[mention["date_precision"]])


def score(split: str, corpora: Path, show_misses: bool, ids: str = "") -> None:
    nlp = build_nlp(load_settings().spacy_model)
    for path in sorted(GOLD.glob("*.jsonl")):
        texts = texts_of(path, corpora)
        tallies = {"events found": _tally(), "every gold trigger": _tally()}
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item["split"] != split or item["id"] not in texts or not item["id"].startswith(ids):
                continue
            text, mentions, triggers = mentions_of(nlp, texts[item["id"]], item["published_at"], item["events"])
            for gold in item["events"]:
                for name, rows in (("events found", mentions), ("every gold trigger", triggers)):
                    _count(tallies[name], gold, match(text, gold, rows), item["id"], show_misses and name == "every gold trigger")
        for name, counts in tallies.items():
            print(
                f"{path.stem}-{split}, {name}: {counts['events']} gold events, {counts['found']} matched; "
                f"day right {_share(counts, 'day_right', 'day')}; date and precision right {_share(counts, 'right', 'dated')}; "
                f"undated left to the paper or paragraph {_share(counts, 'undated_ok', 'undated')}"
            )


def _share(counts: dict[str, int], part: str, whole: str) -> str:
    return f"{counts[part] / counts[whole]:.2f} of {counts[whole]}" if counts[whole] else "-"


def _tally() -> dict[str, int]:
    return dict.fromkeys(("events", "found", "dated", "day", "day_right", "right", "undated", "undated_ok"), 0)


def _count(counts: dict[str, int], gold: dict, mention: dict | None, item_id: str, show: bool) -> None:
    counts["events"] += 1
    if mention is None:
        return
    counts["found"] += 1
    got = written(mention)
    if gold["date"] is None:
        counts["undated"] += 1
        right = mention["date_source"] != "text"
        counts["undated_ok"] += right
    else:
        counts["dated"] += 1
        right = got == gold["date"] and mention["date_precision"] == gold["precision"]
        counts["right"] += right
        if gold["precision"] == "day":
            counts["day"] += 1
            counts["day_right"] += got == gold["date"]
    if show and not right:
        print(
            f"  {item_id} {gold['trigger']!r}: gold {gold['date']} {gold['precision']}, got {got} "
            f"{mention['date_precision']} ({mention['date_source']}) | {gold['evidence']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "heldout", "dev2", "heldout2", "dev3", "heldout3"))
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--ids", default="", help="only the items whose id starts so: dn-3 the monitor notes, dn-4 the wire articles")
    args = parser.parse_args()
    started = datetime.now()
    score(args.split, args.corpora, args.show_misses, args.ids)
    print(f"({(datetime.now() - started).total_seconds():.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
