"""Quote marks: the quoted stretches of a paragraph, paired from the characters around each mark."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from etl.transform.context import ParsedBlock, ParsedDocument, text_of

# Straight, curly, ``…'', NYT ''…'', guillemets and single marks; a span never crosses one.
MARK = re.compile(r"''|``|[\"“”„«»‘’']")
DOUBLE_OPENERS = {"“", "„", "«", "``"}
DOUBLE_CLOSERS = {"”", "»"}
AMBIGUOUS_DOUBLES = {'"', "''"}
OPEN_CONTEXT = set("([{—–-/:") | {"“", "‘", '"'}
ELISIONS = re.compile(r"'(?:s|t|d|m|ll|re|ve|em|til|tis|twas|cause|n|bout|round|\d0s|\d\ds?)\b", re.IGNORECASE)
# Dashes that set a quote off from its speaker ("― Jane Doe") or a dateline from the text ("WASHINGTON --").
DASHES = {"—", "―", "–", "-", "--"}


@dataclass(frozen=True)
class Segment:
    """A quoted stretch in one block: its marks and what lies between them (block offsets)."""

    open_start: int
    start: int  # first character after the opening mark
    end: int  # the closing mark's first character, or the block's end when the quote runs on
    close_end: int
    runs_on: bool = False  # no closing mark: the quote continues in the next paragraph
    family: str = "double"  # or "single": ‘…’ and '…'


def quote_segments(text: str, may_run_on: bool = False) -> list[Segment]:
    """Outermost quoted stretches of a paragraph; an unclosed double quote is kept only if `may_run_on`."""
    stack: list[tuple[str, int, int]] = []  # (family, mark start, mark end)
    found: list[Segment] = []
    for match in MARK.finditer(text):
        mark, start, end = match.group(), match.start(), match.end()
        family, role = _mark_role(text, mark, start, end, stack)
        if role == "open":
            stack.append((family, start, end))
        elif role == "close" and any(item[0] == family for item in stack):
            while stack:
                opened = stack.pop()
                if opened[0] == family:
                    found.append(Segment(opened[1], opened[2], start, end, family=family))
                    break
    doubles = [item for item in stack if item[0] == "double"]
    if may_run_on and doubles:
        _, open_start, open_end = doubles[0]
        end = len(text.rstrip())
        if end > open_end:
            found.append(Segment(open_start, open_end, end, end, runs_on=True))
    outermost = [seg for seg in found if not any(_contains(other, seg) for other in found if other is not seg)]
    return sorted((seg for seg in outermost if text[seg.start : seg.end].strip()), key=lambda seg: seg.start)


def _contains(outer: Segment, inner: Segment) -> bool:
    return outer.open_start <= inner.open_start and inner.close_end <= outer.close_end


def _mark_role(text: str, mark: str, start: int, end: int, stack: list) -> tuple[str, str | None]:
    """('double' or 'single', 'open' / 'close' / None) for one mark from the characters around it."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens_here = before.isspace() or before in OPEN_CONTEXT
    if mark in DOUBLE_OPENERS:
        closes_here = not opens_here and (after.isspace() or after in ",.;:!?)")
        return "double", "close" if closes_here and _open(stack, "double") else "open"
    if mark in DOUBLE_CLOSERS:
        # A typed-wrong opener: ” at the start of a paragraph or before a word after a space.
        opens_typo = start == 0 or (opens_here and after.isalnum() and not _open(stack, "double"))
        return "double", "open" if opens_typo else "close"
    if mark in AMBIGUOUS_DOUBLES:
        if opens_here and not after.isspace():
            return "double", "open"
        if not opens_here or before in '“‘"':
            return "double", "close"
        return "double", "close" if _open(stack, "double") else "open"
    if mark == "‘":
        return "single", "open" if not after.isspace() else None
    # ’ or ': a closing single mark or an apostrophe
    if mark == "'" and opens_here and after.isalnum() and not ELISIONS.match(text, start):
        return "single", "open"
    if not before.isspace() and not after.isalnum():
        return "single", "close"
    return "single", None


def _open(stack: list, family: str) -> bool:
    return any(item[0] == family for item in stack)


def runs_on_after(document: ParsedDocument, block: ParsedBlock) -> bool:
    """News style: a quote left open at a paragraph's end goes on when the next paragraph opens one."""
    position = next_text_start(document.text, block.offset + len(text_of(block.doc)))
    if position is None:
        return False
    match = MARK.match(document.text, position)
    if match is None:
        return False
    family, role = _mark_role(document.text, match.group(), match.start(), match.end(), [])
    return family == "double" and role == "open"


def next_text_start(text: str, position: int) -> int | None:
    """Where the next non-space character after `position` is, if any."""
    match = re.compile(r"\S").search(text, position)
    return match.start() if match else None


def inside_tokens(doc: Doc, starts: list[int], segments: list[Segment]) -> set[int]:
    """Indices of tokens inside a quote, marks included."""
    inside: set[int] = set()
    for segment in segments:
        first = bisect.bisect_left(starts, segment.open_start)
        last = bisect.bisect_left(starts, segment.close_end)
        inside.update(range(first, last))
    return inside


def word_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens that are words: no punctuation, no space."""
    return [t for t in tokens if not t.is_punct and not t.is_space]
