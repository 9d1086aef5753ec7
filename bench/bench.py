"""Benchmark `etl run` against its floor, bare spaCy over the same texts with the same model.

Builds a corpus of N documents from ../shared/corpora (reuters-1987 and ukraine-news; beyond the
real stories, new documents are made of sentences drawn from different stories, so none is a repeat,
a near-duplicate or boilerplate), then in one run measures, each in its own process:

- bare spaCy: `spacy.load(model)` and `nlp.pipe` over the unique blocks `etl run` would parse, before and
  after `etl run` (the floor is the mean of the two);
- `etl run` into a fresh warehouse, then again with nothing new;
- etl's NLP alone: bare spaCy's script through the pipeline `etl run` builds from that model;
- `etl run --workers N` (default: every core) into another fresh warehouse;
- start-up: importing the stack `etl run` uses (DuckDB, Great Expectations, polars, pyarrow, spaCy)
  and loading the model, against `etl run` on the one seed article.

Reports documents/s, tokens/s, peak RSS and the ratios the performance targets are written in.
Usage: python bench/bench.py [--sizes 10000 50000] [--compare-at 10000] [--workers 2] [--corpora ../shared/corpora] [--out bench/last.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# The NLP alone over the unique blocks `etl run` would parse: argv[2] "bare" loads the model with spacy.load,
# "etl" builds the pipeline `etl run` uses from it (etl.transform.nlp.build_nlp: the model's rule components
# applied to token columns, gazetteer rules added), which shows how much of the gap to bare spaCy is the NLP.
NLP_ONLY = """
import json, sys, time
import spacy
from etl.extract.blocks import normalise, split_blocks
from etl.settings import load_settings
start = time.perf_counter()
texts = []
with open(sys.argv[1], encoding="utf-8") as handle:
    for line in handle:
        record = json.loads(line)
        texts += [b.text for b in split_blocks(normalise(record["text"])) if b.duplicate_of_block is None]
model = load_settings().spacy_model
if sys.argv[2] == "bare":
    nlp = spacy.load(model)
else:
    from etl.transform.nlp import build_nlp
    nlp = build_nlp(model)
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=load_settings().batch_size))
print(json.dumps({"seconds": time.perf_counter() - start, "tokens": tokens, "blocks": len(texts)}))
"""

# The stack `etl run` uses (Airflow is not: the DAG imports it, `etl run` never does), imported, and the model loaded.
STARTUP = """
import time
start = time.perf_counter()
import duckdb, great_expectations, polars, pyarrow, spacy
import etl.cli
from etl.settings import load_settings
spacy.load(load_settings().spacy_model)
print(time.perf_counter() - start)
"""


def stories(corpora: Path) -> list[dict]:
    """Every story of the two benchmark corpora, exact repeats dropped."""
    seen, found = set(), []
    for name in ("reuters-1987/stories.jsonl", "ukraine-news/articles.jsonl"):
        with open(corpora / name, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["text"] not in seen:
                    seen.add(record["text"])
                    found.append(record)
    return found


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def corpus(records: list[dict], size: int) -> list[dict]:
    """`size` documents: the real stories first, then new ones of two to four paragraphs, each of two or three sentences
    drawn from different stories. Every paragraph is new, so none is a repeat or boilerplate and none is skipped
    before the NLP; sources rotate over the real outlets."""
    documents = [{"title": r.get("title"), "text": r["text"], "source_name": r.get("source_name")} for r in records[:size]]
    sentences = [
        sentence
        for record in records
        for paragraph in record["text"].split("\n\n")
        for sentence in SENTENCE_END.split(" ".join(paragraph.split()))
        if 40 <= len(sentence) <= 400
    ]
    sources = sorted({r.get("source_name") or "wire" for r in records})
    chooser = random.Random(size)
    while len(documents) < size:
        paragraphs = [" ".join(chooser.sample(sentences, chooser.randint(2, 3))) for _ in range(chooser.randint(2, 4))]
        documents.append({"title": chooser.choice(sentences)[:80], "text": "\n\n".join(paragraphs), "source_name": chooser.choice(sources)})
    return documents


def timed(command: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (MiB) and stdout of one command in its own process."""
    wrapped = [sys.executable, "-c", "import resource,subprocess,sys,json;"
               "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
               "sys.stderr.write(r.stderr[-3000:]);"
               "print(json.dumps({'code':r.returncode,'out':r.stdout,'rss':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))",
               *command]
    start = time.perf_counter()
    result = subprocess.run(wrapped, capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - start
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        raise SystemExit(f"{' '.join(command)} exited {report['code']}:\n{result.stderr}")
    return seconds, report["rss"] // 1024, report["out"]


def measure(size: int, records: list[dict], workdir: Path, workers: int, compare: bool, figures: dict, keep) -> None:
    """Every figure for one corpus size into `figures`, calling `keep()` after each command so a later failure
    loses nothing measured; with `compare`, bare spaCy, etl's NLP alone and the worker processes too (the long part).

    Bare spaCy runs once before `etl run` and once after it, and the floor is the mean of the two: a shared
    machine drifts by a fifth over tens of minutes, and bracketing the run keeps that drift out of the ratio.
    """
    seeds = workdir / f"seeds-{size}"
    seeds.mkdir()
    with open(seeds / "corpus.jsonl", "w", encoding="utf-8") as handle:
        for document in corpus(records, size):
            handle.write(json.dumps(document) + "\n")
    env = {**os.environ, "ETL_WAREHOUSE": str(workdir / f"warehouse-{size}"), "ETL_SEEDS": str(seeds)}

    def nlp_only(mode: str) -> tuple[float, int, dict]:
        seconds, rss, out = timed([sys.executable, "-c", NLP_ONLY, str(seeds / "corpus.jsonl"), mode], env)
        return seconds, rss, json.loads(out.strip().splitlines()[-1])

    figures["documents"] = size
    if compare:
        before, bare_rss, bare = nlp_only("bare")
        figures.update(tokens=bare["tokens"], bare_spacy_rss_mib=bare_rss, bare_spacy_runs_seconds=[round(before, 2)])
        note(f"{size}: bare spaCy {before:.0f} s")
        keep()
    run_seconds, run_rss, _ = timed([str(BIN / "etl"), "run"], env)
    note(f"{size}: etl run {run_seconds:.0f} s, {run_rss} MiB")
    figures.update(etl_run_seconds=round(run_seconds, 2), etl_run_rss_mib=run_rss, etl_docs_per_second=round(size / run_seconds, 1))
    keep()
    rerun_seconds, _, _ = timed([str(BIN / "etl"), "run"], env)
    figures.update(etl_rerun_seconds=round(rerun_seconds, 2), ratio_rerun_to_run=round(rerun_seconds / run_seconds, 3))
    keep()
    shutil.rmtree(workdir / f"warehouse-{size}", ignore_errors=True)
    if compare:
        after, _, _ = nlp_only("bare")
        floor = (before + after) / 2
        figures.update(
            bare_spacy_runs_seconds=[round(before, 2), round(after, 2)],
            bare_spacy_seconds=round(floor, 2),
            bare_spacy_tokens_per_second=round(figures["tokens"] / floor),
            etl_tokens_per_second=round(figures["tokens"] / run_seconds),
            ratio_etl_to_bare_spacy=round(run_seconds / floor, 2),
        )
        note(f"{size}: bare spaCy again {after:.0f} s; etl run / bare spaCy = {run_seconds / floor:.2f}")
        keep()
        nlp_seconds, nlp_rss, _ = nlp_only("etl")
        figures.update(etl_nlp_seconds=round(nlp_seconds, 2), etl_nlp_rss_mib=nlp_rss, ratio_etl_nlp_to_bare_spacy=round(nlp_seconds / floor, 2))
        note(f"{size}: etl's NLP pipeline alone {nlp_seconds:.0f} s")
        keep()
        parallel_env = {**env, "ETL_WAREHOUSE": str(workdir / f"warehouse-{size}-workers")}
        parallel_seconds, parallel_rss, _ = timed([str(BIN / "etl"), "run", "--workers", str(workers)], parallel_env)
        note(f"{size}: etl run --workers {workers} {parallel_seconds:.0f} s")
        shutil.rmtree(workdir / f"warehouse-{size}-workers", ignore_errors=True)
        figures.update(
            workers=workers,
            etl_run_workers_seconds=round(parallel_seconds, 2),
            etl_run_workers_rss_mib=parallel_rss,
            speedup_workers_to_one=round(run_seconds / parallel_seconds, 2),
        )
        keep()
    shutil.rmtree(seeds, ignore_errors=True)


def note(message: str) -> None:
    """Progress on stderr: a size takes tens of minutes."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def startup(workdir: Path) -> dict:
    """`etl run` on the seed article against importing the stack and loading the model."""
    floor, _, out = timed([sys.executable, "-c", STARTUP])
    env = {**os.environ, "ETL_WAREHOUSE": str(workdir / "warehouse-seed"), "ETL_SEEDS": str(REPO / "seeds")}
    seed_seconds, _, _ = timed([str(BIN / "etl"), "run"], env)
    return {"import_and_model_seconds": round(floor, 2), "seed_run_seconds": round(seed_seconds, 2),
            "ratio_seed_run_to_startup": round(seed_seconds / floor, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--compare-at", type=int, nargs="*", default=None, metavar="SIZE",
                        help="sizes at which bare spaCy and --workers run too (default: every size)")
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "last.json")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="worker processes for the parallel run (default: every core)")
    args = parser.parse_args()
    compare_at = set(args.sizes if args.compare_at is None else args.compare_at)
    records = stories(args.corpora)
    results: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}, "sizes": []}
    with tempfile.TemporaryDirectory(prefix="newsetl-bench-") as folder:
        results["startup"] = startup(Path(folder))
        note(f"start-up: {results['startup']}")

        def keep() -> None:  # after every command: a long run keeps what it measured
            measured = [size for size in results["sizes"] if "etl_run_rss_mib" in size]
            if len(measured) > 1:
                results["ratio_rss_largest_to_smallest"] = round(measured[-1]["etl_run_rss_mib"] / measured[0]["etl_run_rss_mib"], 2)
            args.out.write_text(json.dumps(results, indent=2) + "\n")

        for size in args.sizes:
            results["sizes"].append({})
            measure(size, records, Path(folder), args.workers, size in compare_at, results["sizes"][-1], keep)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
