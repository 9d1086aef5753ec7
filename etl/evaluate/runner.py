"""Run the real pipeline on the articles a gold set names, in a temporary warehouse, and score it."""

from __future__ import annotations

import codecs
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from etl.errors import DataQualityError, UsageError
from etl.evaluate.gold import GoldSet, PloverItem, load_gold, offset_map, remap
from etl.evaluate.plover import score_plover
from etl.evaluate.polnear import POLNEAR_METRICS, score_polnear_document
from etl.evaluate.score import METRICS, Prediction, Score, score_document, total
from etl.extract.inputs import line_source
from etl.settings import load_settings

WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
TABLES = ("documents", "actors", "actor_mentions", "quotes", "statistics", "event_mentions")


@dataclass
class Evaluation:
    """The figures of one evaluation, with what the reader should know about the run."""

    format: str
    gold: str
    seeds: str
    documents: int
    scores: dict[str, Score]
    notes: list[str] = field(default_factory=list)
    averages: dict[str, float | None] = field(default_factory=dict)
    run_id: str = ""
    seconds: float = 0.0


def evaluate(gold_path: Path, seeds: Path, spacy_model: str | None = None, warehouse: Path | None = None, progress=None) -> Evaluation:
    """Load the gold, run the pipeline on its articles only, and score every table."""
    from etl.pipeline import run

    started = time.monotonic()
    gold = load_gold(Path(gold_path))
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise UsageError(
            f"seeds folder {str(seeds)!r} does not exist or is not a folder: pass --seeds DIR holding the articles the gold names"
        )
    if warehouse is not None and Path(warehouse).exists() and any(Path(warehouse).iterdir()):
        raise UsageError(f"--warehouse {str(warehouse)!r} is not empty: name a new or empty folder, so no loaded warehouse is overwritten")
    if gold.format == "plover":
        check_plover_texts(gold.documents, seeds)
    with tempfile.TemporaryDirectory(prefix="etl-eval-") as scratch:
        subset = Path(scratch) / "seeds"
        sources = materialise([doc.document for doc in gold.documents], seeds, subset)
        settings = load_settings(
            seeds=subset, warehouse=warehouse or Path(scratch) / "warehouse", spacy_model=spacy_model, full_refresh=True
        )
        report = run(settings, progress=progress)
        if report.status != "success":
            raise DataQualityError(report.failures)
        tables = read_tables(settings.duckdb_path)
    evaluation = score_gold(gold, tables, seeds, sources)
    evaluation.run_id = report.run_id
    evaluation.seconds = time.monotonic() - started
    return evaluation


def check_plover_texts(items: list[PloverItem], seeds: Path) -> None:
    """Every PLOVER record's sentence is `<id>.txt` in the seeds folder, or a usage error naming the first missing."""
    missing = [item for item in items if not (seeds / item.document).is_file()]
    if missing:
        first = missing[0]
        raise UsageError(
            f"gold record {first.id!r} (line {first.line}) has no text file {first.document!r} in the seeds folder {str(seeds)!r}"
            f" ({len(missing)} of {len(items)} records lack theirs): pass --seeds the corpus's text/ folder"
        )


def materialise(documents: list[str], seeds: Path, target: Path) -> dict[str, str]:
    """Copy the named articles into `target`; a .jsonl keeps only the named lines, the rest left blank. Returns the
    `source` the pipeline gives each named `file.jsonl#N` (gold names a record by its line; the pipeline by its
    record's id when it has one, etl.extract.inputs.line_source).

    The pipeline numbers .jsonl lines counting blank ones, so `file.jsonl#N` names the same record here.
    """
    sources: dict[str, str] = {}
    lines: dict[str, set[int]] = {}
    for name in documents:
        path, sep, number = name.partition("#")
        if sep and not number.isdigit():
            raise UsageError(f"gold document {name!r}: expected `file.jsonl#N` with N a line number")
        lines.setdefault(path, set()).update([int(number)] if sep else [])
    for path, wanted in sorted(lines.items()):
        relative = PurePosixPath(path)
        source = seeds / relative
        if relative.is_absolute() or ".." in relative.parts or not source.is_file():
            raise UsageError(
                f"gold names {path!r}, which is not a file under the seeds folder {str(seeds)!r}: pass the --seeds the gold was written for"
            )
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        if wanted:
            data = _keep_lines(data, wanted, path)
            rows = data.split(b"\n")
            for line in wanted:
                sources[f"{path}#{line}"] = line_source(path, line, rows[line - 1].decode("utf-8", "replace"))
        destination.write_bytes(data)
    return sources


def _keep_lines(data: bytes, wanted: set[int], path: str) -> bytes:
    """The bytes of a .jsonl with every line not wanted made blank (line numbers are kept).

    UTF-8 files are split on `\\n` as the reader does; UTF-16/32 files (with a byte-order mark) are
    read as the reader reads them, on any line end, and written back as UTF-8.
    """
    wide = next((codec for bom, codec in WIDE_BOMS if data.startswith(bom)), None)
    if wide:
        data = b"\n".join(row.encode("utf-8") for row in re.split(r"\r\n|\r|\n", data.decode(wide)))
    rows = data.split(b"\n")
    for number in sorted(wanted):
        if number < 1 or number > len(rows) or not rows[number - 1].strip():
            raise UsageError(f"gold names {path}#{number}, but line {number} of {path} is missing or blank")
    last = max(wanted)
    return b"\n".join(row if n in wanted else b"" for n, row in enumerate(rows[:last], 1)) + b"\n"


def read_tables(database: Path) -> dict[str, list[dict]]:
    """The tables scoring needs, as lists of row dicts, from the run's DuckDB file."""
    import duckdb

    tables = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        for name in TABLES:
            cursor = connection.execute(f'SELECT * FROM "{name}"')
            columns = [column[0] for column in cursor.description]
            tables[name] = [dict(zip(columns, row)) for row in cursor.fetchall()]
    return tables


def score_gold(gold: GoldSet, tables: dict[str, list[dict]], seeds: Path, sources: dict[str, str] | None = None) -> Evaluation:
    """Figures for every gold document from the pipeline's tables (`sources`: a gold name's source, where they differ)."""
    by_source = {row["source"]: row for row in tables["documents"]}
    documents = {**by_source, **{name: by_source[source] for name, source in (sources or {}).items() if source in by_source}}
    by_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for name in ("actor_mentions", "quotes", "statistics"):
        for fact in tables[name]:
            by_doc[fact["doc_id"]][name].append(fact)
    for mention in tables["event_mentions"]:  # the mentions that make events, each scored where it is told
        if mention["event_id"] is not None:
            by_doc[mention["doc_id"]]["events"].append(mention)
    notes: list[str] = []
    if gold.format == "plover":
        return _score_plover(gold, documents, by_doc, {a["actor_id"]: a for a in tables["actors"]}, seeds, notes)
    per_document = []
    for item in gold.documents:
        row = documents.get(item.document)
        if row is None:
            notes.append(f"{item.document}: not among the run's documents")
            continue
        if row["status"] != "loaded":
            notes.append(
                f"{item.document}: {row['status']} ({row['duplicate_of'] or row['reject_reason']}): no facts, everything counts as missed"
            )
        facts = by_doc[row["doc_id"]]
        if gold.format == "polnear":
            per_document.append(_score_polnear(item, row, facts, seeds, notes))
        else:
            per_document.append(score_document(item, _prediction(tables["actors"], facts)))
    names = POLNEAR_METRICS if gold.format == "polnear" else METRICS
    return Evaluation(gold.format, str(gold.path), str(seeds), len(per_document), total(per_document, names), notes)


def _score_plover(gold: GoldSet, documents: dict, by_doc: dict, actors: dict[str, dict], seeds: Path, notes: list[str]) -> Evaluation:
    """PLOVER items against their sentence's events; a sentence the run did not load counts with no events."""
    pairs = []
    for item in gold.documents:
        row = documents.get(item.document)
        if row is None or row["status"] != "loaded":
            why = "not among the run's documents" if row is None else f"{row['status']} ({row['duplicate_of'] or row['reject_reason']})"
            notes.append(f"{item.document}: {why}: no events, its type counts as not found")
        pairs.append((item, by_doc[row["doc_id"]]["events"] if row is not None else []))
    scores, averages = score_plover(pairs, actors)
    return Evaluation(gold.format, str(gold.path), str(seeds), len(pairs), scores, notes, averages)


def _prediction(actors: list[dict], facts: dict[str, list[dict]]) -> Prediction:
    """One document's rows; its actors are those mentioned in it or named by its facts."""
    ids = {m["actor_id"] for m in facts["actor_mentions"]}
    for row in facts["events"]:
        ids.update(i for i in (row["actor1_id"], row["actor2_id"], row["reported_by_id"], row["place_id"]) if i)
    ids.update(row["speaker_id"] for row in facts["quotes"] if row["speaker_id"])
    ids.update(row["reported_by_id"] for row in facts["statistics"] if row["reported_by_id"])
    by_id = {a["actor_id"]: a for a in actors}
    named = {m["actor_id"] for m in facts["actor_mentions"] if m["mention_kind"] in ("name", "title")}
    generic = {actor_id for actor_id in ids - named if by_id.get(actor_id, {}).get("sector")}  # "police", "residents"
    return Prediction(by_id, ids, facts["quotes"], facts["statistics"], facts["events"], generic)


def _score_polnear(item, row: dict, facts: dict[str, list[dict]], seeds: Path, notes: list[str]) -> dict[str, Score]:
    """One PolNeAR article: gold offsets (into the raw file) moved onto the pipeline's text."""
    raw = (seeds / item.document).read_text(encoding="utf-8")
    text, positions = offset_map(raw)
    if text != (row["text"] or ""):
        notes.append(f"{item.document}: the pipeline's text differs from the normalised file: offsets may be off")
    elif text != raw:
        notes.append(f"{item.document}: gold offsets moved onto the normalised text (NFC or line ends changed it)")
    return score_polnear_document(remap(item, positions), row["text"] or "", facts["quotes"], facts["actor_mentions"])
