"""Quoted speech: the direct and partial quotes of one paragraph, each with its speaker."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from etl.transform.context import ParsedBlock, text_of, tokens_of
from etl.transform.quotes.attribution import (
    NO_ATTRIBUTION,
    Attribution,
    Quote,
    cue_speaker,
    dash_after,
    is_according,
    is_cue,
    quote_attribution,
    transcript_label,
)
from etl.transform.quotes.marks import DASHES, Segment, inside_tokens, word_tokens
from etl.transform.quotes.speakers import can_speak, speaker_head, speaker_of, speaker_phrase

SENTENCE_END = {".", "!", "?", ";", "…"}
QUOTE_END = re.compile(r"[.!?…]\W*$")
CLAUSE_END = re.compile(r"[,.!?…—–-]\W*$")
TRAILING = ",;: \t\n"
STAGE_DIRECTION = re.compile(r"[(\[][^()\[\]]*[)\]]\W*")  # "(CROSSTALK.)", "[Laughter]"
MAX_LATE_ATTRIBUTION = 8
MAX_TITLE_WORDS = 6


def quote_block(
    block: ParsedBlock, segments: list[Segment], carried: Attribution | None, carried_runs_on: bool, actors: dict
) -> tuple[list[Quote], Attribution | None]:
    """Direct and partial quotes of one block, each with its speaker; and the block's last speaker."""
    doc = block.doc
    starts = [token.idx for token in tokens_of(doc)]
    inside = inside_tokens(doc, starts, segments)
    spoken = _speech_events(block, inside, actors)  # (position, attribution) of who spoke where
    quotes: list[Quote] = []
    for number, segment in enumerate(segments):
        open_i = _token_at(starts, segment.open_start)
        close_i = _token_at(starts, max(segment.close_end - 1, segment.open_start))
        before = _region_before(doc, open_i, inside, segments[number - 1] if number else None, starts)
        after = _region_after(doc, close_i, inside, segment)
        content = [t for t in tokens_of(doc) if segment.start <= t.idx < segment.end]
        opens_block = not text_of(doc)[: segment.open_start].strip()
        continued = opens_block and carried_runs_on
        kind = "direct" if segment.runs_on or continued else _kind(text_of(doc), segment, before, after)
        attribution = quote_attribution(block, content, before, after, kind, inside, actors)
        spoken_from = segment.start
        label = transcript_label(content, actors) if kind == "direct" and opens_block and content else None
        if label is not None and label[0].speaker is not None:
            attribution, spoken_from = label
        elif label is not None:
            attribution = attribution or NO_ATTRIBUTION  # under a heading: no speaker carried in from before
        if attribution is None and kind == "direct" and not word_tokens(before):
            earlier = [event for position, event in spoken if position < segment.open_start]
            attribution = earlier[-1] if earlier else (carried if opens_block else _person_before(doc, open_i, inside, actors))
        if attribution is None and (kind == "partial" or segment.family == "single"):
            continue  # a scare quote, a title or a heading: nobody is quoted
        if STAGE_DIRECTION.fullmatch(text_of(doc)[segment.start : segment.end].strip()):
            continue  # a transcript's note of what happened, not words anyone said
        if kind == "partial" and _is_title(content):
            continue  # "Face the Nation", "Women in Power"
        if kind == "direct" and attribution is None and len(word_tokens(content)) < 2:
            continue
        start, end = _trimmed(text_of(doc), spoken_from, segment.end, kind)
        if end <= start:
            continue
        attribution = attribution or NO_ATTRIBUTION
        quotes.append(Quote(block, kind, start, end, attribution, segment.runs_on, continued))
        if attribution.speaker is not None:
            spoken.append((segment.open_start, attribution))
            spoken.sort(key=lambda item: item[0])
    return quotes, (spoken[-1][1] if spoken else None)


def _speech_events(block: ParsedBlock, inside: set[int], actors: dict) -> list[tuple[int, Attribution]]:
    """Reporting verbs outside quotes whose subject can speak, with where they stand."""
    events = []
    for token in tokens_of(block.doc):
        if token.i not in inside and is_cue(token):
            attribution = cue_speaker(block, token, inside)
            if attribution.speaker is not None and can_speak(attribution.speaker.root, actors):
                events.append((token.idx, attribution))
    return events


def _person_before(doc: Doc, open_i: int, inside: set[int], actors: dict) -> Attribution | None:
    """ "Sanders named young voters' anger as a reason. '…'": a quote standing alone after a sentence, in the same
    paragraph, whose subject is a person is that person's."""
    last = open_i - 1
    while last >= 0 and doc[last].is_space:
        last -= 1
    if last < 0 or last in inside or doc[last].text not in SENTENCE_END:
        return None
    root = doc[last].sent.root
    subject = next((child for child in root.children if child.dep_ == "nsubj"), None)
    if subject is None or subject.i in inside:
        return None
    speaker, speaker_id = speaker_of(subject)
    actor = actors.get(speaker_id or "")
    return Attribution(None, speaker, speaker_id) if actor is not None and actor.type == "person" else None


def _token_at(starts: list[int], char: int) -> int:
    """Index of the token that holds character `char`."""
    return max(0, bisect.bisect_right(starts, char) - 1)


def _region_before(doc: Doc, open_i: int, inside: set[int], previous: Segment | None, starts: list[int]) -> list[Token]:
    """The writer's words from the sentence start (or the previous quote) up to the opening mark."""
    first = open_i
    while first > 0 and (first - 1) not in inside and doc[first - 1].text not in SENTENCE_END:
        first -= 1
    if previous is not None:
        first = max(first, bisect.bisect_left(starts, previous.close_end))
    return [t for t in doc[first:open_i] if not t.is_space]


def _region_after(doc: Doc, close_i: int, inside: set[int], segment: Segment) -> list[Token]:
    """The writer's words after the closing mark, up to the sentence end or the next quote."""
    if segment.runs_on:
        return []
    last = close_i + 1
    while last < len(doc) and last not in inside and doc[last].text not in SENTENCE_END:
        last += 1
    region = [t for t in doc[close_i + 1 : last] if not t.is_space]
    quoted = text_of(doc)[segment.start : segment.end].rstrip()
    if QUOTE_END.search(quoted) and region and region[0].is_alpha and region[0].text[:1].isupper() and not dash_after(region):
        # The quote ended its sentence: what follows counts only as a short "Smith said."
        if len(word_tokens(region)) > MAX_LATE_ATTRIBUTION or last in inside or not any(is_cue(t) for t in region):
            return []
    return region


def _kind(text: str, segment: Segment, before: list[Token], after: list[Token]) -> str:
    """direct for a whole quoted sentence or clause, partial for a fragment in the writer's sentence."""
    words = word_tokens(before)
    quoted = text[segment.start : segment.end].strip()
    if not words:
        if not after or after[0].is_punct or CLAUSE_END.search(quoted) or _starts_attribution(after):
            return "direct"
        return "partial"
    last = before[-1]
    if last.text in (":",) or last.text in DASHES or (last.text == "," and any(is_cue(t) or is_according(t) for t in before)):
        return "direct"
    if is_cue(last) and quoted[:1].isupper():
        return "direct"
    return "partial"


def _starts_attribution(after: list[Token]) -> bool:
    """ "…" said Smith / "…" Smith said: the words after the quote open with its cue or speaker."""
    cue = next((t for t in after if is_cue(t)), None)
    if cue is None:
        return False
    if after[0] == cue:
        return True
    head = speaker_head(cue)
    return head is not None and speaker_phrase(head).start == after[0].i


def _is_title(tokens: list[Token]) -> bool:
    """A short run of capitalised words: the name of a show, a book or a campaign."""
    words = [t for t in tokens if t.is_alpha]
    long_words = [t for t in words if len(t) > 3 or t.i == words[0].i] if words else []
    return 0 < len(words) <= MAX_TITLE_WORDS and all(t.text[:1].isupper() for t in long_words)


def _trimmed(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """The quoted words without surrounding spaces and the writer's trailing comma (or full stop)."""
    strip = TRAILING + ("." if kind == "partial" else "")
    while end > start and text[end - 1] in strip:
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
