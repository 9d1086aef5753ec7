"""Gold annotations in two formats, read into plain dataclasses.

`ours`: one JSON file per article (as in /work/shared/gold), naming its article by `document`.
`polnear`: an attributions.jsonl of the PolNeAR corpus, one attribution relation a line.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import UsageError


@dataclass(frozen=True)
class GoldActor:
    """An actor a reader finds: matched by name or any alias, and by type."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldQuote:
    """A quoted passage (the words inside the quote marks) and who said it."""

    text: str
    speaker: str | None = None
    cue: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class GoldReported:
    """Reported speech: a speaker, a cue verb and words the reported clause contains."""

    speaker: str | None
    cue: str | None
    contains: str


@dataclass(frozen=True)
class GoldStatistic:
    """A figure: value, unit and qualifier, what it counts, and who gave it."""

    value: float
    unit: str | None
    qualifier: str | None = None
    value_high: float | None = None
    subject_contains: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    """A PLOVER event: accepted types, the two actors, mode and certainty."""

    type: str
    actor1: str | None
    actor2: str | None = None
    also_accepted: tuple[str, ...] = ()
    mode: str | None = None
    certainty: str | None = None
    evidence: str | None = None

    @property
    def accepted(self) -> frozenset[str]:
        """Every event type that counts as this event."""
        return frozenset(t.upper() for t in (self.type, *self.also_accepted))


@dataclass
class GoldDocument:
    """One article of our gold format; `document` is the source the pipeline gives it."""

    document: str
    gold_file: str
    actors: list[GoldActor] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)
    reported: list[GoldReported] = field(default_factory=list)
    statistics: list[GoldStatistic] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)


@dataclass(frozen=True)
class Span:
    """A half-open character span of an article."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Relation:
    """A PolNeAR attribution: source (who) cue (said) content (what), each in pieces."""

    attr_id: str
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]
    quote_type: str


@dataclass
class PolnearDocument:
    """One PolNeAR article with the relations of one annotator."""

    document: str
    annotator: str
    relations: list[Relation]


@dataclass
class GoldSet:
    """Every gold document of one evaluation, and the format they came in."""

    format: str
    path: Path
    documents: list = field(default_factory=list)


def load_gold(path: Path) -> GoldSet:
    """Gold from a folder or file of our JSON format, or a PolNeAR attributions.jsonl."""
    path = Path(path)
    if not path.exists():
        raise UsageError(f"gold path {str(path)!r} does not exist: pass --gold DIR (our JSON files) or --gold FILE.jsonl (PolNeAR)")
    if path.is_dir() and not list(path.glob("*.json")) and (path / "attributions.jsonl").is_file():
        path = path / "attributions.jsonl"
    if path.is_file() and path.suffix == ".jsonl":
        return GoldSet("polnear", path, load_polnear(path))
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise UsageError(f"no gold *.json files in {str(path)!r}: pass a folder of gold files or a PolNeAR attributions.jsonl")
    return GoldSet("ours", path, [load_ours(file) for file in files])


def _read_json(path: Path) -> dict:
    """A gold file's object, or a usage error naming the file and what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"gold file {str(path)!r} is not readable JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("document"), str):
        raise UsageError(f'gold file {str(path)!r} has no "document" key naming its article (e.g. "articles.jsonl#12")')
    return data


def load_ours(path: Path) -> GoldDocument:
    """One gold file of our format."""
    data = _read_json(path)
    try:
        return GoldDocument(
            document=data["document"],
            gold_file=str(path),
            actors=[GoldActor(a["name"], a["type"], tuple(a.get("aliases") or ())) for a in data.get("actors", [])],
            locations=list(data.get("locations", [])),
            quotes=[GoldQuote(q["text"], q.get("speaker"), q.get("cue"), q.get("kind")) for q in data.get("quotes", [])],
            reported=[GoldReported(r.get("speaker"), r.get("cue"), r["contains"]) for r in data.get("reported_speech", [])],
            statistics=[_statistic(s) for s in data.get("statistics", [])],
            events=[_event(e) for e in data.get("events", [])],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise UsageError(f"gold file {str(path)!r}: an item lacks or mistypes {error}; see /work/shared/gold for the format") from None


def _statistic(item: dict) -> GoldStatistic:
    high = item.get("value_high")
    return GoldStatistic(
        float(item["value"]),
        item.get("unit"),
        item.get("qualifier"),
        float(high) if high is not None else None,
        item.get("subject_contains"),
        item.get("source"),
    )


def _event(item: dict) -> GoldEvent:
    return GoldEvent(
        item["type"],
        item.get("actor1"),
        item.get("actor2"),
        tuple(item.get("also_accepted") or ()),
        item.get("mode"),
        item.get("certainty"),
        item.get("evidence"),
    )


def load_polnear(path: Path) -> list[PolnearDocument]:
    """PolNeAR relations per article; where two annotators did one article, the one with more relations."""
    by_doc: dict[str, dict[str, list[Relation]]] = defaultdict(lambda: defaultdict(list))
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                relation = Relation(
                    row["attr_id"],
                    _spans(row["source"]),
                    _spans(row["cue"]),
                    _spans(row["content"]),
                    row["derived_quote_type"],
                )
                by_doc[row["doc"]][row["annotator"]].append(relation)
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise UsageError(
                    f"{path}:{number}: not a PolNeAR relation ({error}); expected doc, annotator, source, cue, content"
                ) from None
    documents = []
    for doc, annotators in sorted(by_doc.items()):
        annotator = max(sorted(annotators), key=lambda name: len(annotators[name]))
        documents.append(PolnearDocument(f"{doc}.txt", annotator, annotators[annotator]))
    return documents


def _spans(pieces: list[dict]) -> tuple[Span, ...]:
    return tuple(Span(int(p["start"]), int(p["end"]), p["text"]) for p in pieces)


def offset_map(raw: str) -> tuple[str, list[int]]:
    """The pipeline's normalised text (NFC, `\\n` line ends, no BOM) and, per raw offset, its offset there.

    The list has len(raw) + 1 entries so that span ends map too; an offset inside a character that
    normalisation merged maps to the start of the merged character.
    """
    positions = [0] * (len(raw) + 1)
    out: list[str] = []
    length = 0
    i = 0
    if raw.startswith("\ufeff"):
        i = 1
    while i < len(raw):
        j = i + 1
        if raw[i] == "\r":
            j = i + 2 if raw.startswith("\r\n", i) else i + 1
            piece = "\n"
        else:
            while j < len(raw) and unicodedata.combining(raw[j]):
                j += 1
            piece = unicodedata.normalize("NFC", raw[i:j])
        for k in range(i, j):
            positions[k] = length + min(k - i, len(piece) - 1) if k > i else length
        out.append(piece)
        length += len(piece)
        i = j
    positions[len(raw)] = length
    return "".join(out), positions


def remap(document: PolnearDocument, positions: list[int]) -> PolnearDocument:
    """The document with every span's offsets moved through `positions` (see offset_map)."""

    def move(spans: tuple[Span, ...]) -> tuple[Span, ...]:
        return tuple(Span(positions[s.start], positions[s.end], s.text) for s in spans)

    relations = [Relation(r.attr_id, move(r.source), move(r.cue), move(r.content), r.quote_type) for r in document.relations]
    return PolnearDocument(document.document, document.annotator, relations)
