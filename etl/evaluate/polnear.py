"""PolNeAR attributions scored: which predicted quotes cover a gold attribution's content, and whose they are."""

from __future__ import annotations

import re

from etl.evaluate.gold import PolnearDocument, Relation
from etl.evaluate.score import Score, clip, name_key

INSIDE_SHARE = 0.8  # a predicted quote is right when this share of it lies in one gold content span
COVERED_SHARE = 0.8  # a gold quote is found when predicted quotes cover this share of its words
WORD = re.compile(r"\w+")

POLNEAR_METRICS = (
    "direct quotes",
    "direct: kind direct",
    "direct: speakers",
    "partial quotes",
    "indirect quotes",
    "indirect: speakers",
    "any quote",
)


def words(text: str, start: int, end: int) -> list[int]:
    """Start offsets of the words in text[start:end]; quote marks are not words."""
    return [start + m.start() for m in WORD.finditer(text[start:end])]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covered(text: str, relation: Relation, rows: list[dict]) -> bool:
    """Whether the rows' spans hold at least 80% of the relation's content words."""
    starts = [w for piece in relation.content for w in words(text, piece.start, piece.end)]
    if not starts:
        return False
    inside = sum(1 for w in starts if any(row["char_start"] <= w < row["char_end"] for row in rows))
    return inside >= COVERED_SHARE * len(starts)


def best_relation(row: dict, relations: list[Relation]) -> Relation | None:
    """The relation one of whose content pieces holds at least 80% of the row's span."""
    span = (row["char_start"], row["char_end"])
    length = max(span[1] - span[0], 1)
    best, most = None, 0
    for relation in relations:
        for piece in relation.content:
            shared = overlap(span, (piece.start, piece.end))
            if shared > most:
                best, most = relation, shared
    return best if most >= INSIDE_SHARE * length else None


def speaker_right(text: str, row: dict, relation: Relation, mentions: list[dict]) -> bool:
    """The predicted speaker's text equals the gold source, or sits on it, or its actor is mentioned there."""
    said = row.get("speaker_text")
    if not said:
        return False
    sources = [(s.start, s.end) for s in relation.source]
    if name_key(said) == name_key(" ".join(s.text for s in relation.source)):
        return True
    for match_ in re.finditer(re.escape(said), text):
        if any(overlap(match_.span(), source) for source in sources):
            return True
    actor = row.get("speaker_id")
    return bool(actor) and any(
        m["actor_id"] == actor and any(overlap((m["char_start"], m["char_end"]), source) for source in sources) for m in mentions
    )


def score_polnear_document(document: PolnearDocument, text: str, quotes: list[dict], mentions: list[dict]) -> dict[str, Score]:
    """Every metric of POLNEAR_METRICS for one article; the gold offsets must already index `text`."""
    prefix = f"{document.document[:-4]}: "
    relations = [r for r in document.relations if r.content]
    by_kind = {kind: [row for row in quotes if row["kind"] == kind] for kind in ("direct", "partial", "indirect")}
    marked = by_kind["direct"] + by_kind["partial"]

    def gold_line(relation: Relation) -> str:
        cue = " ".join(s.text for s in relation.cue)
        source = " ".join(s.text for s in relation.source)
        return f"[{source} / {cue}] {clip(' … '.join(p.text for p in relation.content))!r}"

    def row_line(row: dict) -> str:
        return f"[{row['speaker_text']} / {row['cue']}] {clip(text[row['char_start'] : row['char_end']])!r}"

    def span_score(kind: str | None, quote_type: str | None, finders: list[dict]) -> Score:
        rows = quotes if kind is None else by_kind[kind]
        gold = [r for r in relations if quote_type is None or r.quote_type == quote_type]
        gold = [r for r in gold if any(words(text, p.start, p.end) for p in r.content)]
        score = Score(gold=len(gold), predicted=len(rows))
        for relation in gold:
            if covered(text, relation, finders):
                score.tp += 1
            else:
                score.misses.append(prefix + gold_line(relation))
        for row in rows:
            if best_relation(row, relations) is None:
                score.fp += 1
                score.false.append(prefix + row_line(row))
        return score

    def speakers(kind: str) -> Score:
        score = Score()
        for row in by_kind[kind]:
            relation = best_relation(row, relations)
            if relation is None or not relation.source:
                continue
            score.gold += 1
            right = speaker_right(text, row, relation, mentions)
            score.tp += right
            score.predicted += bool(row.get("speaker_text")) or right
            if not right:
                score.fp += bool(row.get("speaker_text"))
                gold_source = " ".join(s.text for s in relation.source)
                score.misses.append(
                    prefix
                    + f"{clip(text[row['char_start'] : row['char_end']], 60)!r}: gold {gold_source!r}, got {row.get('speaker_text')!r}"
                )
        return score

    return {
        "direct quotes": span_score("direct", "direct", marked),
        "direct: kind direct": span_score("direct", "direct", by_kind["direct"]),
        "direct: speakers": speakers("direct"),
        "partial quotes": span_score("partial", "mixed_partial", quotes),
        "indirect quotes": span_score("indirect", "indirect", quotes),
        "indirect: speakers": speakers("indirect"),
        "any quote": span_score(None, None, quotes),
    }
