"""Quotes: direct, partial and reported speech, with the speaker, the cue verb and offsets.

Quote marks are paired from the characters (marks.py), so a span never crosses a mark; the parse then
says who speaks (attribution.py, speakers.py): the subject of the reporting verb the quote hangs on,
or the one written next to it (quoted.py). Reported speech (reported.py) is a reporting verb
(data/cue_verbs.txt) with a clause of its own and a speaker that can speak. This module walks the
paragraphs: a quote left open goes on in the next one, and its speaker is named on every part.
"""

from __future__ import annotations

from dataclasses import replace

from etl.transform.context import ParsedDocument, row_id, text_of
from etl.transform.gazetteer import cue_verbs
from etl.transform.quotes.attribution import Attribution, Quote
from etl.transform.quotes.marks import next_text_start, quote_segments, runs_on_after
from etl.transform.quotes.quoted import quote_block
from etl.transform.quotes.reported import reported_speech
from etl.transform.quotes.sources import UnnamedSource, source_of_pronoun, speaker_actor, unnamed_source

__all__ = ["cue_verbs", "extract_quotes", "find_quotes", "quote_segments"]


def extract_quotes(document: ParsedDocument) -> list[dict]:
    """`quotes` rows for every direct, partial and reported quote in the document's unique blocks."""
    rows, seen = [], set()
    latest_source: tuple[int, UnnamedSource] | None = None  # the paragraph and words of the last unnamed speaker
    for quote in find_quotes(document):
        start, end = quote.block.char_span(quote.start, quote.end)
        text = document.text[start:end]
        if not text or text != text_of(quote.block.doc)[quote.start : quote.end]:
            continue
        quote_id = row_id(document.doc_id, start, end, quote.kind)
        if quote_id in seen:
            continue
        seen.add(quote_id)
        cue, speaker = quote.attribution.cue, quote.attribution.speaker
        speaker_id = speaker_actor(speaker, quote.attribution.speaker_id, document.actors)
        source = unnamed_source(speaker, document.actors) or source_of_pronoun(speaker, speaker_id, quote.block.block_idx, latest_source)
        if source is not None:
            latest_source = (quote.block.block_idx, source)
        elif speaker_id is not None:
            latest_source = None
        rows.append(
            {
                "quote_id": quote_id,
                "doc_id": document.doc_id,
                "block_idx": quote.block.block_idx,
                "text": text,
                "kind": quote.kind,
                "speaker_id": speaker_id,
                "speaker_text": speaker.text if speaker is not None else None,
                "anonymous_role": source.role if source is not None else None,
                "anonymous_country": source.country if source is not None else None,
                "cue": cue.text if cue is not None else None,
                "char_start": start,
                "char_end": end,
            }
        )
    return rows


def find_quotes(document: ParsedDocument) -> list[Quote]:
    """Every quote of the document as `Quote` objects (spans kept), in reading order."""
    quotes: list[Quote] = []
    carried: Attribution | None = None  # the last speaker of the previous paragraph
    runs_on = False  # the previous paragraph ended inside a quote
    previous_end = None
    for block in document.blocks:
        adjacent = previous_end is not None and next_text_start(document.text, previous_end) == block.offset
        segments = quote_segments(text_of(block.doc), runs_on_after(document, block))
        reported = reported_speech(block, segments, document.actors)
        marked, carried = quote_block(block, segments, carried if adjacent else None, adjacent and runs_on, document.actors)
        runs_on = bool(marked) and marked[-1].runs_on
        quotes.extend(_speakers_across_paragraphs(marked, quotes))
        quotes.extend(reported)
        previous_end = block.offset + len(text_of(block.doc))
    return sorted(quotes, key=lambda q: (q.block.offset + q.start, q.block.offset + q.end, q.kind))


def _speakers_across_paragraphs(marked: list[Quote], earlier: list[Quote]) -> list[Quote]:
    """A quote running over paragraphs has one speaker, named after it: name it on the earlier parts (updated in
    place). A speaker named before the words (a transcript's "PENCE:") starts a turn of their own."""
    if not marked or not marked[0].continues or marked[0].attribution.speaker is None:
        return marked
    speaker = marked[0].attribution.speaker
    if speaker.doc is marked[0].block.doc and speaker.start_char < marked[0].start:
        return marked
    chain = []
    for number in range(len(earlier) - 1, -1, -1):
        quote = earlier[number]
        if quote.kind != "direct" or not quote.runs_on:
            break
        if quote.attribution.speaker is None:
            chain.append(number)
        if not quote.continues:
            break
    for number in chain:
        earlier[number] = replace(earlier[number], attribution=marked[0].attribution)
    return marked
