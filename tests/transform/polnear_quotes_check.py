"""Measure the quotes extractor on the PolNeAR dev split (not a pytest module: run it by hand).

    .venv/bin/python tests/transform/polnear_quotes_check.py [--split dev] [--show N]

Direct-quote precision: a predicted direct quote is right when >= 80% of it lies in one gold
content span. Recall: a gold direct quote is found when predicted quotes cover >= 80% of its words
(quote marks aside). Speakers: a right prediction's speaker overlaps the gold source span (or names
the same actor). The corpus is only read from ../shared; nothing of it is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from etl.settings import load_settings  # noqa: E402
from etl.transform.actors import resolve_actors  # noqa: E402
from etl.transform.context import ParsedBlock, ParsedDocument  # noqa: E402
from etl.transform.nlp import build_nlp  # noqa: E402
from etl.transform.quotes import find_quotes  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "polnear"  # ../shared beside the repository
WORD = re.compile(r"\w+")
INSIDE_SHARE = 0.8
COVERED_SHARE = 0.8


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line, trimmed."""
    spans, position = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
        position += len(line) + 1
    return spans


def load_gold(split: str) -> dict[str, list[dict]]:
    """Relations per document, from one annotator per document (the one with most relations)."""
    by_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    with open(CORPUS / split / "attributions.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            by_doc[row["doc"]][row["annotator"]].append(row)
    return {doc: max(annotators.values(), key=len) for doc, annotators in by_doc.items()}


def words(text: str, start: int, end: int) -> set[int]:
    """Start offsets of the words in text[start:end]."""
    return {start + m.start() for m in WORD.finditer(text[start:end])}


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--show", type=int, default=0, help="print up to N errors of each sort")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()

    nlp = build_nlp(load_settings().spacy_model)
    gold = load_gold(args.split)
    files = sorted((CORPUS / args.split / "text").glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    counts: dict[str, int] = defaultdict(int)
    errors: dict[str, list[str]] = defaultdict(list)
    for path in files:
        text = path.read_text(encoding="utf-8")
        relations = gold.get(path.stem, [])
        spans = paragraphs(text)
        docs = nlp.pipe(text[s:e] for s, e in spans)
        document = ParsedDocument(path.stem, text, [])
        for idx, ((start, _), doc) in enumerate(zip(spans, docs)):
            document.blocks.append(ParsedBlock(path.stem, idx, "headline" if idx == 0 else "body", start, doc))
        resolve_actors(document)
        quotes = find_quotes(document)
        score_document(text, document, quotes, relations, counts, errors)
    report(counts, errors, args.show)


def actor_ids_in(document: ParsedDocument, start: int, end: int) -> set[str]:
    """Actor ids of the tokens inside text[start:end]."""
    found = set()
    for block in document.blocks:
        for token in block.doc:
            position = block.offset + token.idx
            if start <= position < end and token._.actor_id:
                found.add(token._.actor_id)
    return found


def score_document(text, document, quotes, relations, counts, errors) -> None:
    pieces = [(piece["start"], piece["end"], rel) for rel in relations for piece in rel["content"]]
    marked = [q for q in quotes if q.kind in ("direct", "partial")]
    for quote in quotes:
        start, end = quote.block.char_span(quote.start, quote.end)
        best = max(pieces, key=lambda p: overlap((start, end), p[:2]), default=None)
        right = best is not None and overlap((start, end), best[:2]) >= INSIDE_SHARE * (end - start)
        counts[f"{quote.kind}_predicted"] += 1
        if not right:
            cue = quote.attribution.cue.text if quote.attribution.cue is not None else None
            speaker = quote.attribution.speaker.text if quote.attribution.speaker is not None else None
            errors[f"{quote.kind}_false"].append(f"{document.doc_id}: [{speaker} / {cue}] {text[start:end][:140]!r}")
            continue
        counts[f"{quote.kind}_right"] += 1
        relation = best[2]
        if not relation["source"]:
            continue
        counts[f"{quote.kind}_speaker_total"] += 1
        if speaker_matches(document, quote, relation):
            counts[f"{quote.kind}_speaker_right"] += 1
        else:
            speaker = quote.attribution.speaker.text if quote.attribution.speaker is not None else None
            gold_source = " / ".join(s["text"] for s in relation["source"])
            errors[f"{quote.kind}_speaker"].append(f"{document.doc_id}: {speaker!r} vs gold {gold_source!r} on {text[start:end][:80]!r}")
    for relation in relations:
        kind = relation["derived_quote_type"]
        gold_words = set()
        for piece in relation["content"]:
            gold_words |= words(text, piece["start"], piece["end"])
        if not gold_words:
            continue
        counts[f"gold_{kind}"] += 1
        for name, candidates in (("strict", [q for q in quotes if q.kind == "direct"]), ("marked", marked), ("any", quotes)):
            covered = set()
            for quote in candidates:
                start, end = quote.block.char_span(quote.start, quote.end)
                covered |= {w for w in gold_words if start <= w < end}
            if len(covered) >= COVERED_SHARE * len(gold_words):
                counts[f"gold_{kind}_found_{name}"] += 1
            elif (name == "marked" and kind == "direct") or (name == "any" and kind != "direct"):
                content = " / ".join(piece["text"][:120] for piece in relation["content"])
                cue = " ".join(piece["text"] for piece in relation["cue"])
                errors[f"{kind}_missed"].append(f"{document.doc_id}: [{cue}] {content!r}")


def speaker_matches(document: ParsedDocument, quote, relation: dict) -> bool:
    """The predicted speaker overlaps a gold source span, or names the same actor."""
    attribution = quote.attribution
    if attribution.speaker is None:
        return False
    span = attribution.speaker
    block = next(b for b in document.blocks if b.doc is span.doc)
    start, end = block.span_offsets(span)
    for source in relation["source"]:
        if overlap((start, end), (source["start"], source["end"])) > 0:
            return True
        if attribution.speaker_id and attribution.speaker_id in actor_ids_in(document, source["start"], source["end"]):
            return True
    return False


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f} ({numerator}/{denominator})" if denominator else "n/a"


def report(counts: dict[str, int], errors: dict[str, list[str]], show: int) -> None:
    print("direct precision   ", ratio(counts["direct_right"], counts["direct_predicted"]))
    print("direct recall      ", ratio(counts["gold_direct_found_strict"], counts["gold_direct"]), "(found by direct quotes)")
    print("direct recall      ", ratio(counts["gold_direct_found_marked"], counts["gold_direct"]), "(found by direct or partial)")
    print("direct speakers    ", ratio(counts["direct_speaker_right"], counts["direct_speaker_total"]))
    print("partial precision  ", ratio(counts["partial_right"], counts["partial_predicted"]))
    print("partial speakers   ", ratio(counts["partial_speaker_right"], counts["partial_speaker_total"]))
    print("mixed recall       ", ratio(counts["gold_mixed_partial_found_any"], counts["gold_mixed_partial"]), "(any quote covers it)")
    print("indirect precision ", ratio(counts["indirect_right"], counts["indirect_predicted"]))
    print("indirect recall    ", ratio(counts["gold_indirect_found_any"], counts["gold_indirect"]), "(any quote covers it)")
    print("indirect speakers  ", ratio(counts["indirect_speaker_right"], counts["indirect_speaker_total"]))
    for name, lines in sorted(errors.items()):
        if show:
            print(f"\n== {name} ({len(lines)})")
            for line in lines[:show]:
                print("  ", line)


if __name__ == "__main__":
    main()
