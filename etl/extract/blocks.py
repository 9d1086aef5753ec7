"""Normalise a document's text and split it into classified, hashed blocks with offsets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from etl.extract.furniture import split_furniture
from etl.schema import DATELINE_KIND, FURNITURE_KIND
from etl.text import paragraph_keys, sha256

HEADLINE_MARKUP = re.compile(r"^(?:\*\*(?P<bold>.+?)\*\*|#{1,6}\s+(?P<heading>.+?)\s*#*)\s*$")
SENTENCE_END = re.compile(r"[.!?:\"”’)\]]\s*$")
STANDFIRST_MAX_CHARS = 320
WRAPPED_SHARE = 0.6
# Hard-wrapped text keeps its lines to a column width; a paragraph a line runs longer.
WRAPPED_MAX_LINE = 100
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
PLACE_WORDS = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
# A wire dateline opening a paragraph: its place (and state or country), its date, its agency, a dash:
# "MOSCOW, Dec 28 (Reuters) -", "KYIV, Ukraine, 3 June 2021 -", "LONDON (AP) —". Without a date or an agency,
# only a place in capitals ("WASHINGTON -") is one: "Kenya and Tanzania - ..." is a sentence.
DATELINE = re.compile(
    rf"(?P<place>{PLACE_WORDS})(?:, {PLACE_WORDS})?"
    rf"(?P<date>,? (?:{MONTH} \d{{1,2}}|\d{{1,2}} {MONTH})(?:,? \d{{4}})?)?"
    r"(?P<agency> \([A-Z][\w .&/-]{0,30}\))?"
    r"\s*(?:--|[-–—])\s+(?=\S)"
)


@dataclass(frozen=True)
class Block:
    """A paragraph-like unit of a document; `text == document_text[char_start:char_end]`."""

    block_idx: int
    kind: str
    text: str
    char_start: int
    char_end: int
    text_sha256: str
    duplicate_of_block: int | None
    boilerplate: bool = False
    paragraph_hash: int = 0  # of its text (etl.text.paragraph_keys): how boilerplate is found across documents


def normalise(text: str) -> str:
    """Unicode NFC with `\\n` line ends; nothing else is changed, so offsets stay meaningful."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def split_blocks(text: str) -> list[Block]:
    """Blocks of a normalised text, classified, hashed and marked when they repeat an earlier one."""
    first_seen: dict[str, int] = {}
    blocks = []
    for idx, (start, end, kind) in enumerate(_block_spans(text)):
        body = text[start:end]
        key, paragraph_hash = paragraph_keys(body)
        duplicate_of = first_seen.get(key) if key else None
        if key and duplicate_of is None:
            first_seen[key] = idx
        blocks.append(Block(idx, kind, body, start, end, sha256(body), duplicate_of, paragraph_hash=paragraph_hash))
    return blocks


def _block_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every block: the paragraphs, classified as if their page furniture were not there,
    with that furniture cut out as blocks of its own."""
    paragraphs = _paragraph_spans(text)
    pieces = [[(start, end, False)] if headline else split_furniture(text, start, end) for start, end, headline in paragraphs]
    article = [paragraph for paragraph, parts in zip(paragraphs, pieces) if not all(furniture for *_, furniture in parts)]
    kinds = dict(zip(article, _classify(article)))
    return [
        piece
        for paragraph, parts in zip(paragraphs, pieces)
        for start, end, furniture in parts
        for piece in ([(start, end, FURNITURE_KIND)] if furniture else _without_dateline(text, start, end, kinds[paragraph]))
    ]


def _without_dateline(text: str, start: int, end: int, kind: str) -> list[tuple[int, int, str]]:
    """A piece of a paragraph as (start, end, kind): its opening wire dateline, if any, cut off as a block of its own."""
    match = DATELINE.match(text, start, end)
    if match is None or not (match.group("date") or match.group("agency") or match.group("place").isupper()):
        return [(start, end, kind)]
    dateline_end = start + len(text[start : match.end()].rstrip())
    return [(start, dateline_end, DATELINE_KIND), (match.end(), end, kind)]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its newline."""
    spans, position = [], 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _paragraph_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_headline) of each paragraph, trimmed of surrounding spaces and markup."""
    lines = _lines(text)
    wrapped = _is_hard_wrapped(text, lines)
    spans: list[list] = []
    previous_open = False
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            previous_open = False
            continue
        markup = HEADLINE_MARKUP.match(line.strip())
        lead = len(line) - len(line.lstrip())
        if markup:
            group = "bold" if markup.group("bold") is not None else "heading"
            inner_start = start + lead + markup.start(group)
            inner_end = start + lead + markup.end(group)
            spans.append([inner_start, inner_end, True])
            previous_open = False
            continue
        content_start, content_end = start + lead, start + len(line.rstrip())
        if wrapped and previous_open and lead == 0:
            spans[-1][1] = content_end
        else:
            spans.append([content_start, content_end, False])
        previous_open = True
    return [(s, e, h) for s, e, h in spans if e > s]


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when most lines followed by text are short and stop mid-sentence (a wire story wrapped at ~70 columns)."""
    followed = [
        text[s:e]
        for (s, e), (ns, ne) in zip(lines, lines[1:])
        if text[s:e].strip() and text[ns:ne].strip() and not HEADLINE_MARKUP.match(text[s:e].strip())
    ]
    if len(followed) < 2:
        return False
    open_ended = sum(1 for line in followed if not SENTENCE_END.search(line))
    short = sum(1 for line in followed if len(line) <= WRAPPED_MAX_LINE)
    return open_ended / len(followed) >= WRAPPED_SHARE and short / len(followed) >= WRAPPED_SHARE


def _classify(spans: list[tuple[int, int, bool]]) -> list[str]:
    """headline for marked-up lines, summary before the first headline, standfirst right after it."""
    first_headline = next((i for i, (_, _, is_headline) in enumerate(spans) if is_headline), None)
    kinds = []
    standfirst_done = False
    for idx, (start, end, is_headline) in enumerate(spans):
        if is_headline:
            kinds.append("headline")
        elif first_headline is not None and idx < first_headline:
            kinds.append("summary")
        elif first_headline is not None and not standfirst_done and idx < len(spans) - 1 and end - start <= STANDFIRST_MAX_CHARS:
            kinds.append("standfirst")
            standfirst_done = True
        else:
            kinds.append("body")
            standfirst_done = standfirst_done or first_headline is not None
    return kinds
