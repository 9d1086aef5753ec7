"""Benchmark `etl run` against its floor, bare spaCy over the same texts with the same model.

Builds a corpus of N documents from ../shared/corpora (reuters-1987 and ukraine-news; beyond the
real stories, new documents are made of sentences drawn from different stories, so none is a repeat,
a near-duplicate or boilerplate), then in one run measures, each command in its own process:

- `etl run` into a fresh warehouse, then again with nothing new (and nothing else running);
- `etl run --workers N` (default: every core), between two one-worker runs;
- bare spaCy (`spacy.load(model)` and `nlp.pipe` over the unique blocks `etl run` would parse) side by side
  with `etl run`, one per core, and again side by side with etl's NLP pipeline alone (the same script through
  etl.transform.nlp.build_nlp): this machine's speed drifts by half within an hour, so only commands that run
  at the same time compare (side_by_side keeps both cores busy until both are done);
- start-up: importing the stack `etl run` uses (DuckDB, Great Expectations, polars, pyarrow, spaCy)
  and loading the model, against `etl run` on the one seed article, alternately, three times each (medians).

Reports documents/s, tokens/s, peak RSS and the ratios the performance targets are written in.
Usage: python bench/bench.py [--sizes 10000 50000] [--compare-at 10000] [--skip-bare | --skip-workers] [--workers 2]
                              [--corpora ../shared/corpora] [--out bench/last.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
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


def wrapped(command: list[str]) -> list[str]:
    """The command run by a small Python parent that reports its exit code, stdout and peak RSS as JSON."""
    return [
        sys.executable,
        "-c",
        "import resource,subprocess,sys,json;"
        "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "sys.stderr.write(r.stderr[-3000:]);"
        "print(json.dumps({'code':r.returncode,'out':r.stdout,'rss':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))",
        *command,
    ]


def report_of(command: list[str], stdout: str, stderr: str) -> tuple[int, str]:
    """Peak RSS (MiB) and stdout from the wrapper's report; stop the benchmark if the command failed."""
    report = json.loads(stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        raise SystemExit(f"{' '.join(command)} exited {report['code']}:\n{stderr}")
    return report["rss"] // 1024, report["out"]


def timed(command: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (MiB) and stdout of one command in its own process."""
    start = time.perf_counter()
    result = subprocess.run(wrapped(command), capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - start
    return (seconds, *report_of(command, result.stdout, result.stderr))


def side_by_side(first: tuple[list[str], dict, dict], second: tuple[list[str], dict, dict]) -> list[tuple[float, int, str]]:
    """Wall seconds, peak RSS and stdout of two commands run at once, one per core, each given as (command, env,
    env of its filler). Whichever ends first starts again (with its filler env) and is stopped when the other ends,
    so each is measured under the same load: on a shared machine whose speed drifts by half over an hour, only
    commands measured side by side compare."""
    running = [
        (subprocess.Popen(wrapped(command), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), time.perf_counter())
        for command, env, _ in (first, second)
    ]
    results: list = [None, None]
    fillers = []
    try:
        while None in results:
            for i, (process, started) in enumerate(running):
                if results[i] is None and process.poll() is not None:
                    seconds = time.perf_counter() - started
                    stdout, stderr = process.communicate()
                    command, _, filler_env = (first, second)[i]
                    results[i] = (seconds, *report_of(command, stdout, stderr))
                    if results[1 - i] is None:
                        fillers.append(
                            subprocess.Popen(
                                wrapped(command),
                                env=filler_env,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL,
                                start_new_session=True,
                            )
                        )
            time.sleep(0.2)
    finally:
        for filler in fillers:
            os.killpg(filler.pid, signal.SIGKILL)
            filler.wait()
        for process, _ in running:
            if process.poll() is None:
                process.kill()
    return results


def measure(
    size: int, records: list[dict], workdir: Path, workers: int, compare: bool, bare: bool, figures: dict, keep, parallel: bool = True
) -> None:
    """Every figure for one corpus size into `figures`, calling `keep()` after each command so a later failure
    loses nothing measured.

    Always: `etl run` alone into a fresh warehouse (time, peak RSS), then again with nothing new. With `compare`
    (the long part): `etl run --workers N` and a second one-worker run after it (the speed-up is against the mean of
    the two one-worker runs that bracket it); then bare spaCy side by side with `etl run`, and with etl's NLP
    pipeline alone, one per core (see side_by_side): the ratios to bare spaCy come from those pairs (unless `bare`
    is false).
    """
    seeds = workdir / f"seeds-{size}"
    seeds.mkdir()
    with open(seeds / "corpus.jsonl", "w", encoding="utf-8") as handle:
        for document in corpus(records, size):
            handle.write(json.dumps(document) + "\n")

    def env(warehouse: str) -> dict:
        shutil.rmtree(workdir / f"warehouse-{size}-{warehouse}", ignore_errors=True)
        return {**os.environ, "ETL_WAREHOUSE": str(workdir / f"warehouse-{size}-{warehouse}"), "ETL_SEEDS": str(seeds)}

    etl_run = [str(BIN / "etl"), "run"]
    figures["documents"] = size
    alone = env("alone")
    run_seconds, run_rss, _ = timed(etl_run, alone)
    note(f"{size}: etl run {run_seconds:.0f} s, {run_rss} MiB")
    figures.update(etl_run_seconds=round(run_seconds, 2), etl_run_rss_mib=run_rss, etl_docs_per_second=round(size / run_seconds, 1))
    keep()
    rerun_seconds, _, _ = timed(etl_run, alone)
    figures.update(etl_rerun_seconds=round(rerun_seconds, 2), ratio_rerun_to_run=round(rerun_seconds / run_seconds, 3))
    note(f"{size}: re-run with nothing new {rerun_seconds:.1f} s")
    keep()
    env("alone")
    if compare and parallel:
        parallel_seconds, parallel_rss, _ = timed([*etl_run, "--workers", str(workers)], env("workers"))
        env("workers")
        again_seconds, _, _ = timed(etl_run, env("alone"))
        env("alone")
        one_worker = (run_seconds + again_seconds) / 2
        figures.update(
            workers=workers,
            etl_run_workers_seconds=round(parallel_seconds, 2),
            etl_run_workers_rss_mib=parallel_rss,
            etl_run_again_seconds=round(again_seconds, 2),
            speedup_workers_to_one=round(one_worker / parallel_seconds, 2),
        )
        note(f"{size}: etl run --workers {workers} {parallel_seconds:.0f} s; one worker again {again_seconds:.0f} s")
        keep()
    if compare and bare:
        spacy_only = [sys.executable, "-c", NLP_ONLY, str(seeds / "corpus.jsonl"), "bare"]
        (bare_seconds, bare_rss, bare_out), (paired_seconds, _, _) = side_by_side(
            (spacy_only, env("bare"), env("bare")), (etl_run, env("paired"), env("filler"))
        )
        tokens = json.loads(bare_out.strip().splitlines()[-1])["tokens"]
        figures.update(
            tokens=tokens,
            bare_spacy_seconds=round(bare_seconds, 2),
            bare_spacy_rss_mib=bare_rss,
            etl_run_beside_bare_seconds=round(paired_seconds, 2),
            bare_spacy_tokens_per_second=round(tokens / bare_seconds),
            etl_tokens_per_second=round(tokens / paired_seconds),
            ratio_etl_to_bare_spacy=round(paired_seconds / bare_seconds, 2),
        )
        note(f"{size}: side by side, bare spaCy {bare_seconds:.0f} s, etl run {paired_seconds:.0f} s: {paired_seconds / bare_seconds:.2f}")
        keep()
        etl_nlp = [sys.executable, "-c", NLP_ONLY, str(seeds / "corpus.jsonl"), "etl"]
        (bare_again, _, _), (nlp_seconds, nlp_rss, _) = side_by_side(
            (spacy_only, env("bare"), env("bare")), (etl_nlp, env("bare"), env("bare"))
        )
        figures.update(
            bare_spacy_beside_nlp_seconds=round(bare_again, 2),
            etl_nlp_seconds=round(nlp_seconds, 2),
            etl_nlp_rss_mib=nlp_rss,
            ratio_etl_nlp_to_bare_spacy=round(nlp_seconds / bare_again, 2),
        )
        note(f"{size}: side by side, bare spaCy {bare_again:.0f} s, etl's NLP pipeline alone {nlp_seconds:.0f} s")
        keep()
        for name in ("paired", "filler"):
            env(name)
    shutil.rmtree(seeds, ignore_errors=True)


def note(message: str) -> None:
    """Progress on stderr: a size takes tens of minutes."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def startup(workdir: Path, rounds: int = 3) -> dict:
    """`etl run` on the seed article against importing the stack and loading the model: alternately, `rounds` times
    each (a fresh warehouse every time), medians compared."""
    floors, runs = [], []
    for round_number in range(rounds):
        floors.append(timed([sys.executable, "-c", STARTUP])[0])
        warehouse = workdir / f"warehouse-seed-{round_number}"
        runs.append(timed([str(BIN / "etl"), "run"], {**os.environ, "ETL_WAREHOUSE": str(warehouse), "ETL_SEEDS": str(REPO / "seeds")})[0])
        shutil.rmtree(warehouse, ignore_errors=True)
    floor, seed_seconds = statistics.median(floors), statistics.median(runs)
    return {
        "import_and_model_seconds": round(floor, 2),
        "seed_run_seconds": round(seed_seconds, 2),
        "ratio_seed_run_to_startup": round(seed_seconds / floor, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument(
        "--compare-at",
        type=int,
        nargs="*",
        default=None,
        metavar="SIZE",
        help="sizes at which bare spaCy and --workers run too (default: every size)",
    )
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "last.json")
    parser.add_argument("--skip-bare", action="store_true", help="at the --compare-at sizes, measure --workers but not bare spaCy")
    parser.add_argument("--skip-workers", action="store_true", help="at the --compare-at sizes, measure bare spaCy but not --workers")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="worker processes for the parallel run (default: every core)"
    )
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
            measure(
                size,
                records,
                Path(folder),
                args.workers,
                size in compare_at,
                not args.skip_bare,
                results["sizes"][-1],
                keep,
                parallel=not args.skip_workers,
            )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
