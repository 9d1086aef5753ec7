"""Events on every gold set at once, as the README's tables: each set's development and held-out split.

Runs `etl eval` (the real pipeline) on PLOVER's development sentences, on the four event gold sets of
tests/gold-events (notes and wire leads written here, Reuters 1987, ukraine-news, articles on NATO, arms and sanctions
written here; each split in dev/ and heldout/) and
on its one-event sentences (tests/gold-events/sentences/sentences.tsv, scored as PLOVER's are), and
prints Markdown: per set, events found with their doer (recall), produced events that are right
(precision), the coded type found at all; then recall per PLOVER type with its count.

Usage: python bench/events_report.py [--shared ../shared] [--json-dir DIR]
With --json-dir, reads `<set>.json` files `etl eval --json` wrote there instead of running the pipeline.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from etl.schema import PLOVER_TYPES

REPO = Path(__file__).resolve().parent.parent


def sets(shared: Path) -> dict[str, tuple[Path, Path]]:
    """Each gold set's name -> (gold, seeds)."""
    gold = REPO / "tests" / "gold-events"
    found = {"plover-dev": (shared / "corpora/plover-gsr-dev/gold.jsonl", shared / "corpora/plover-gsr-dev/text")}
    for name, seeds in (
        ("notes", gold / "notes/text"),
        ("wire", gold / "wire/text"),
        ("reuters", shared / "corpora/reuters-1987"),
        ("ukraine", shared / "corpora/ukraine-news"),
        ("nato", gold / "nato/text"),
    ):
        for split in ("dev", "heldout"):
            found[f"{name}-{split}"] = (gold / name / split, seeds)
    return found


def sentence_sets(folder: Path) -> dict[str, tuple[Path, Path]]:
    """The one-event sentences of tests/gold-events/sentences, each split written into `folder` as PLOVER's format
    (a gold.jsonl and one `<id>.txt` a sentence) -> (gold, seeds)."""
    table = REPO / "tests" / "gold-events" / "sentences" / "sentences.tsv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    found = {}
    for split in sorted({row["split"] for row in rows}):
        seeds = folder / f"sentences-{split}" / "text"
        seeds.mkdir(parents=True)
        records = []
        for row in (row for row in rows if row["split"] == split):
            (seeds / f"{row['id']}.txt").write_text(row["text"] + "\n", encoding="utf-8")
            records.append(json.dumps({"id": row["id"], "plover_type": row["type"], "actor1": None}))
        gold = seeds.parent / "gold.jsonl"
        gold.write_text("\n".join(records) + "\n", encoding="utf-8")
        found[f"sentences-{split}"] = (gold, seeds)
    return found


def evaluate(name: str, gold: Path, seeds: Path, folder: Path) -> dict:
    """One `etl eval --json` run's figures."""
    out = folder / f"{name}.json"
    command = [str(Path(sys.executable).parent / "etl"), "eval", "--gold", str(gold), "--seeds", str(seeds), "--json", str(out)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def share(metric: dict | None, key: str = "recall") -> str:
    value = metric.get(key) if metric else None
    return "-" if value is None else f"{value:.2f}"


def summary_rows(results: dict[str, dict]) -> list[str]:
    """One row per set: items, events found with their doer, precision, type found."""
    rows = ["| set | gold events | found with doer | precision | type found |", "|---|---:|---:|---:|---:|"]
    for name, result in results.items():
        metrics = result["metrics"]
        if result["format"] == "plover":
            found, actor = metrics["type found"], metrics["first actor, type found"]
            doer = "-" if name.startswith("sentences") else f"{share(actor)} of found"  # the sentences name no doer
            rows.append(f"| {name} | {found['gold']} | {doer} | - | {share(found)} |")
        else:
            events, typed = metrics["events"], metrics["events: type found"]
            rows.append(f"| {name} | {events['gold']} | {share(events)} | {share(events, 'precision')} | {share(typed)} |")
    return rows


def per_type_rows(results: dict[str, dict]) -> list[str]:
    """Recall per PLOVER type (count in brackets): type found for PLOVER, found with its doer for our sets."""
    names = list(results)
    rows = ["| type | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for kind in PLOVER_TYPES:
        cells = []
        for name in names:
            metrics = results[name]["metrics"]
            metric = metrics.get(f"type found: {kind}") or metrics.get(f"events: {kind}")
            cells.append(f"{share(metric)} ({metric['gold']})" if metric and metric["gold"] else "")
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    rows.append("| macro average | " + " | ".join(f"{macro(results[name]):.2f}" for name in names) + " |")
    return rows


def macro(result: dict) -> float:
    """The mean over the types present of their recall (PLOVER's own figure for its format)."""
    if result["format"] == "plover":
        return result["averages"]["type found: macro average"]
    recalls = [result["metrics"][f"events: {kind}"]["recall"] for kind in PLOVER_TYPES if result["metrics"][f"events: {kind}"]["gold"]]
    return sum(recalls) / len(recalls)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--json-dir", type=Path, help="read <set>.json from here instead of running etl eval")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, (gold, seeds) in {**sets(args.shared), **sentence_sets(Path(scratch))}.items():
            if args.json_dir:
                results[name] = json.loads((args.json_dir / f"{name}.json").read_text(encoding="utf-8"))
            else:
                print(f"evaluating {name} ...", file=sys.stderr)
                results[name] = evaluate(name, gold, seeds, Path(scratch))
    print("\n".join(summary_rows(results)))
    print()
    print("\n".join(per_type_rows(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
