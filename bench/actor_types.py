"""Actor type precision on a hand-annotated sample of a corpus's named actors (issue 17, item 3).

    python bench/actor_types.py sample WAREHOUSE OUT.tsv [--seed 17] [--per-stratum 60]
    python bench/actor_types.py score GOLD.tsv [GOLD.tsv ...] (--warehouse DIR | --seeds DIR)

`sample` draws a reproducible random sample of the actors a warehouse names (not the generic groups it
only describes), stratified by mention count (3+ and fewer), one row each with its first mention and a
few sentences around its mentions to annotate from; `gold_type` (`person`, `organization`, `country`,
`location`, `group`, or `none` for what is no actor: a holiday, a weapon, page furniture) and `split`
(`dev` or `heldout`) are filled in by hand.

`score` finds, for each sampled row, the actor whose mention covers the row's first mention now (`none`
if no actor does) and prints the share whose type is the gold type, per corpus, stratum and split, and the dev rows
typed wrong (the held-out rows' are never shown, so no rule is tuned on them).
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import duckdb

COLUMNS = ("name", "source", "char_start", "char_end", "mentions", "stratum", "type", "gold_type", "split", "note")
MANY_MENTIONS = 3
CONTEXT_CHARS = 70


def table(warehouse: Path, name: str) -> str:
    return f"read_parquet('{warehouse}/parquet/{name}/**/*.parquet', union_by_name = true)"


def named_actors(warehouse: Path) -> list[tuple]:
    """Each actor named at least once: id, name, type, mention count, and its first named mention."""
    query = f"""
        SELECT a.actor_id, a.name, a.type, a.mention_count, d.source, m.char_start, m.char_end
        FROM {table(warehouse, "actors")} a
        JOIN {table(warehouse, "actor_mentions")} m USING (actor_id)
        JOIN {table(warehouse, "documents")} d USING (doc_id)
        WHERE m.mention_kind = 'name'
        QUALIFY row_number() OVER (PARTITION BY a.actor_id ORDER BY d.source, m.char_start) = 1
        ORDER BY a.actor_id"""
    with duckdb.connect() as connection:
        return connection.execute(query).fetchall()


def contexts(warehouse: Path, actor_id: str, limit: int = 3) -> str:
    """A few of an actor's mentions with the words around them, to annotate from."""
    query = f"""
        SELECT substr(d.text, greatest(m.char_start - {CONTEXT_CHARS}, 1), m.char_end - m.char_start + 2 * {CONTEXT_CHARS}),
               m.char_start - greatest(m.char_start - {CONTEXT_CHARS}, 1) + 1
        FROM {table(warehouse, "actor_mentions")} m JOIN {table(warehouse, "documents")} d USING (doc_id)
        WHERE m.actor_id = ? ORDER BY d.source, m.char_start LIMIT {limit}"""
    with duckdb.connect() as connection:
        found = connection.execute(query, [actor_id]).fetchall()
    return " ¦ ".join(" ".join(text.split()) for text, _ in found)


def sample(warehouse: Path, out: Path, seed: int, per_stratum: int) -> None:
    """Draw the stratified sample and write it, with contexts, for annotation."""
    actors = named_actors(warehouse)
    strata = {"3+": [a for a in actors if a[3] >= MANY_MENTIONS], "1-2": [a for a in actors if a[3] < MANY_MENTIONS]}
    rows = []
    for stratum, members in strata.items():
        for actor_id, name, type_, mentions, source, start, end in random.Random(seed).sample(members, min(per_stratum, len(members))):
            note = contexts(warehouse, actor_id)
            rows.append((" ".join(name.split()), source, start, end, mentions, stratum, type_, "", "", note))
    write(out, rows)


def write(path: Path, rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def type_now(connection, warehouse: Path, row: dict) -> str:
    """The type of the actor whose mention overlaps the row's first mention most; `none` when none does."""
    query = f"""
        SELECT a.type
        FROM {table(warehouse, "actor_mentions")} m
        JOIN {table(warehouse, "documents")} d USING (doc_id)
        JOIN {table(warehouse, "actors")} a USING (actor_id)
        WHERE d.source = ? AND m.char_start < ? AND m.char_end > ?
        ORDER BY least(m.char_end, ?) - greatest(m.char_start, ?) DESC, m.char_start LIMIT 1"""
    start, end = int(row["char_start"]), int(row["char_end"])
    found = connection.execute(query, [row["source"], end, start, end, start]).fetchone()
    return found[0] if found else "none"


def score(golds: list[Path], warehouse: Path) -> list[str]:
    """Markdown rows: per gold file, stratum and split, the share of sampled actors typed as annotated."""
    lines = ["| corpus | stratum | split | actors | type right |", "|---|---|---|---:|---:|"]
    wrong = []
    with duckdb.connect() as connection:
        for gold in golds:
            tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
            for row in read(gold):
                typed = type_now(connection, warehouse, row)
                for key in ((row["stratum"], row["split"]), (row["stratum"], "all")):
                    tally[key][0] += 1
                    tally[key][1] += typed == row["gold_type"]
                if typed != row["gold_type"] and row["split"] == "dev":  # held-out rows are scored, never shown
                    wrong.append(f"  {gold.stem} {row['split']}: {row['name']!r} is {typed}, gold {row['gold_type']} ({row['source']})")
            for (stratum, split), (count, right) in sorted(tally.items()):
                lines.append(f"| {gold.stem} | {stratum} | {split} | {count} | {right / count:.2f} |")
    return lines + ["", "wrong (dev rows only):", *wrong]


def run_pipeline(seeds: Path, folder: Path) -> Path:
    """A fresh warehouse of the seeds, made by `etl run`."""
    warehouse = folder / "warehouse"
    command = [sys.executable, "-m", "etl.cli", "run", "--seeds", str(seeds), "--warehouse", str(warehouse)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return warehouse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    drawing = commands.add_parser("sample")
    drawing.add_argument("warehouse", type=Path)
    drawing.add_argument("out", type=Path)
    drawing.add_argument("--seed", type=int, default=17)
    drawing.add_argument("--per-stratum", type=int, default=60)
    scoring = commands.add_parser("score")
    scoring.add_argument("gold", type=Path, nargs="+")
    where = scoring.add_mutually_exclusive_group(required=True)
    where.add_argument("--warehouse", type=Path)
    where.add_argument("--seeds", type=Path, help="run the pipeline on these seeds first (one gold file)")
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.warehouse, args.out, args.seed, args.per_stratum)
        return
    if args.warehouse:
        print("\n".join(score(args.gold, args.warehouse)))
        return
    with tempfile.TemporaryDirectory() as folder:
        print("\n".join(score(args.gold, run_pipeline(args.seeds, Path(folder)))))


if __name__ == "__main__":
    main()
