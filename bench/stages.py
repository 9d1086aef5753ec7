"""Where `etl run` spends its time: each stage, and inside them each extractor and each check.

Runs the whole pipeline in this process, one worker, on the benchmark corpus (bench/bench.py's: the real
stories of ../shared/corpora, then documents made of their sentences), with a timer wrapped around the
functions each stage calls. The transform's time is split into the language model (spaCy's nlp.pipe:
what is left of a shard's time once the extractors are taken out) and each extractor. Prints a table
and writes the figures as JSON.

Usage: python bench/stages.py [--size 10000] [--corpora ../shared/corpora] [--out bench/last-stages.json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from bench import corpus, stories  # noqa: E402  (bench/ is not a package)

# (module, function, label): what is timed. A stage's label names it; "stage/part" names a part of one.
TIMED = (
    ("etl.pipeline", "extract_stage", "extract"),
    ("etl.pipeline", "transform_stage", "transform"),
    ("etl.pipeline", "merge_stage", "transform/merge across documents"),
    ("etl.transform.actors", "resolve_actors", "transform/actors"),
    ("etl.transform.quotes", "extract_quotes", "transform/quotes"),
    ("etl.transform.statistics", "extract_statistics", "transform/statistics"),
    ("etl.transform.events", "extract_events", "transform/events"),
    ("etl.pipeline", "validate_stage", "quality"),
    ("etl.quality", "duplicate_findings", "quality/duplicate and rejected findings"),
    ("etl.quality", "figure_findings", "quality/figures and stories"),
    ("etl.quality.spans", "check_spans", "quality/span check"),
    ("etl.quality.keys", "check_keys", "quality/key check"),
    ("etl.quality.suites", "run_suites", "quality/expectation suites"),
    ("etl.pipeline", "load_stage", "load"),
)


def timer(seconds: dict[str, float], label: str, function):
    """`function` with the time spent in it (generators: until exhausted) added to seconds[label]."""

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            result = function(*args, **kwargs)
        finally:
            seconds[label] += time.perf_counter() - start
        if hasattr(result, "__next__"):
            return _timed_iterator(result, seconds, label)
        return result

    return timed


def _timed_iterator(iterator, seconds: dict[str, float], label: str):
    while True:
        start = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            seconds[label] += time.perf_counter() - start
            return
        seconds[label] += time.perf_counter() - start
        yield item


def profile(size: int, corpora: Path) -> dict:
    """Run the pipeline once on a fresh warehouse; seconds per stage and part, with the model's share."""
    from etl.pipeline import run
    from etl.settings import load_settings

    seconds: dict[str, float] = defaultdict(float)
    for module_name, name, label in TIMED:
        module = importlib.import_module(module_name)
        setattr(module, name, timer(seconds, label, getattr(module, name)))
    with tempfile.TemporaryDirectory(prefix="newsetl-profile-") as folder:
        seeds = Path(folder) / "seeds"
        seeds.mkdir()
        with open(seeds / "corpus.jsonl", "w", encoding="utf-8") as handle:
            for document in corpus(stories(corpora), size):
                handle.write(json.dumps(document) + "\n")
        start = time.perf_counter()
        report = run(load_settings(seeds=str(seeds), warehouse=str(Path(folder) / "warehouse"), workers=1))
        total = time.perf_counter() - start
    extractors = sum(value for label, value in seconds.items() if label.startswith("transform/") and "merge" not in label)
    seconds["transform/language model and shard input/output"] = (
        seconds["transform"] - extractors - seconds["transform/merge across documents"]
    )
    return {"documents": size, "status": report.status, "total_seconds": round(total, 2), **{k: round(v, 2) for k, v in seconds.items()}}


def print_table(figures: dict) -> None:
    total = figures["total_seconds"]
    print(f"etl run, {figures['documents']} documents, one worker: {total:.0f} s")
    stages = ("extract", "transform", "quality", "load")
    for stage in stages:
        print(f"  {stage:<52} {figures.get(stage, 0):8.1f} s  {figures.get(stage, 0) / total:6.1%}")
        for label, value in sorted(figures.items()):
            if label.startswith(stage + "/"):
                print(f"    {label.split('/', 1)[1]:<50} {value:8.1f} s  {value / total:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "last-stages.json")
    args = parser.parse_args()
    figures = profile(args.size, args.corpora)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    print_table(figures)


if __name__ == "__main__":
    main()
