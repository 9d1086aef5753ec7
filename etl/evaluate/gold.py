"""Gold annotations in three formats, read into plain dataclasses.

`ours`: one JSON file per article (tests/gold-events/README.md describes it), naming its article by `document`.
`polnear`: an attributions.jsonl of the PolNeAR corpus, one attribution relation a line.
`plover`: a .jsonl of PLOVER-coded sentences (records with `plover_type`), each one article `<id>.txt`.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import UsageError
from etl.schema import NON_EVENT_MODALITIES  # the pipeline must not make an event of them


@dataclass(frozen=True)
class GoldActor:
    """An actor a reader finds: matched by name or any alias, and by type."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-3, when the gold gives it


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
    modality: str | None = None  # asserted, reported, claimed, alleged, planned, hypothetical, negated
    historical: bool = False  # background told years before the news: neither required nor wrong
    symmetric: bool = False  # two-sided: either actor may be the doer

    @property
    def accepted(self) -> frozenset[str]:
        """Every event type that counts as this event."""
        return frozenset(t.upper() for t in (self.type, *self.also_accepted))

    @property
    def happened(self) -> bool:
        """Whether the text gives it as an event (not negated, not hypothetical): one the pipeline must produce."""
        return self.modality not in NON_EVENT_MODALITIES


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


@dataclass(frozen=True)
class PloverItem:
    """One PLOVER-coded sentence: its type (and others a fair coder could give), its doer and target."""

    id: str
    type: str
    also_accepted: tuple[str, ...] = ()
    symmetric: bool = False
    actor1: str | None = None
    actor1_all: tuple[str, ...] = ()
    actor1_country: str | None = None
    actor2: str | None = None
    line: int = 0

    @property
    def document(self) -> str:
        """The article the pipeline reads: `<id>.txt` in the seeds folder."""
        return f"{self.id}.txt"

    @property
    def accepted(self) -> frozenset[str]:
        """Every event type that counts as this item's."""
        return frozenset(t.upper() for t in (self.type, *self.also_accepted))

    @property
    def doers(self) -> tuple[str, ...]:
        """Every name the doer goes by: `actor1` and the compound doer's parts, `actor1_all`."""
        names = (self.actor1, *self.actor1_all)
        return tuple(dict.fromkeys(name for name in names if name and name.strip()))


@dataclass
class GoldSet:
    """Every gold document of one evaluation, and the format they came in."""

    format: str
    path: Path
    documents: list = field(default_factory=list)


def load_gold(path: Path) -> GoldSet:
    """Gold from a folder or file of our JSON format, a PolNeAR attributions.jsonl or a PLOVER gold.jsonl.

    A .jsonl is PLOVER's when its first record has `plover_type`, PolNeAR's otherwise.
    """
    path = Path(path)
    if not path.exists():
        raise UsageError(
            f"gold path {str(path)!r} does not exist: pass --gold DIR (our JSON files) or --gold FILE.jsonl (PolNeAR or PLOVER)"
        )
    if path.is_dir() and not list(path.glob("*.json")) and (path / "attributions.jsonl").is_file():
        path = path / "attributions.jsonl"
    if path.is_dir() and not list(path.glob("*.json")) and (path / "gold.jsonl").is_file():
        path = path / "gold.jsonl"
    if path.is_file() and path.suffix == ".jsonl":
        if "plover_type" in _first_record(path):
            return GoldSet("plover", path, load_plover(path))
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
            actors=[GoldActor(a["name"], a["type"], tuple(a.get("aliases") or ()), a.get("country")) for a in data.get("actors", [])],
            locations=list(data.get("locations", [])),
            quotes=[GoldQuote(q["text"], q.get("speaker"), q.get("cue"), q.get("kind")) for q in data.get("quotes", [])],
            reported=[GoldReported(r.get("speaker"), r.get("cue"), r["contains"]) for r in data.get("reported_speech", [])],
            statistics=[_statistic(s) for s in data.get("statistics", [])],
            events=[_event(e) for e in data.get("events", [])],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise UsageError(
            f"gold file {str(path)!r}: an item lacks or mistypes {error}; see tests/gold-events/README.md for the format"
        ) from None


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
        item.get("modality") or ("negated" if item.get("negated") else None),
        bool(item.get("historical")),
        bool(item.get("symmetric")),
    )


def _json_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line of a .jsonl that is not blank."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, line


def _first_record(path: Path) -> dict:
    """The first record of a .jsonl (what tells its format), or {} when it has none or no object."""
    for _, line in _json_lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            return {}
        return record if isinstance(record, dict) else {}
    return {}


def load_plover(path: Path) -> list[PloverItem]:
    """PLOVER-coded sentences, one a line (the format of plover-gsr-dev in the shared corpora: its README.md)."""
    items: list[PloverItem] = []
    for number, line in _json_lines(path):
        try:
            row = json.loads(line)
            item = PloverItem(
                id=str(row["id"]),
                type=str(row["plover_type"]).upper(),
                also_accepted=tuple(str(t).upper() for t in row.get("also_accepted") or ()),
                symmetric=bool(row.get("symmetric")),
                actor1=row.get("actor1"),
                actor1_all=tuple(row.get("actor1_all") or ()),
                actor1_country=row.get("actor1_country"),
                actor2=row.get("actor2"),
                line=number,
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
            raise UsageError(f"{path}:{number}: not a PLOVER record ({error}); expected id, plover_type, actor1, ...") from None
        if not item.id or "/" in item.id or "\\" in item.id or item.id.startswith("."):
            raise UsageError(f"{path}:{number}: id {item.id!r} cannot name a file <id>.txt")
        items.append(item)
    return items


def load_polnear(path: Path) -> list[PolnearDocument]:
    """PolNeAR relations per article; where two annotators did one article, the one with more relations."""
    by_doc: dict[str, dict[str, list[Relation]]] = defaultdict(lambda: defaultdict(list))
    for number, line in _json_lines(path):
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
            raise UsageError(f"{path}:{number}: not a PolNeAR relation ({error}); expected doc, annotator, source, cue, content") from None
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
