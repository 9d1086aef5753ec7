"""Page furniture: live-blog clock times, "6d ago", glued bylines, "Read more" links, photo credits and captions.

A scraped page carries them around and inside the article's paragraphs; the NLP would read them as
names ("00:54Putin", "Ben Stansall/AFP/Getty"). blocks.py gives them blocks of their own, of kind
`furniture`, which the transform does not parse: documents.text is never changed. The patterns are
data (data/furniture.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from etl import rules

DATA = Path(__file__).parent / "data"
RULES_FILE = DATA / "furniture.tsv"
SCOPES = ("paragraph", "span")
# `{name}` in a pattern: the entries of name.txt beside the rule file, as one alternation.
WORD_CLASS = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class FurnitureRules:
    """The compiled patterns: those that make a whole paragraph furniture, and those that cut a piece out of one."""

    paragraph: tuple[re.Pattern[str], ...]
    span: tuple[re.Pattern[str], ...]


@cache
def furniture_rules(path: Path = RULES_FILE) -> FurnitureRules:
    """The rules of `path`, each pattern checked and compiled once."""
    compiled: dict[str, list[re.Pattern[str]]] = {scope: [] for scope in SCOPES}
    for row in rules.table(path, required=("name", "scope", "pattern")):
        if row["scope"] not in SCOPES:
            raise row.error(f"scope {row['scope']!r} is not one of {', '.join(SCOPES)}")
        try:
            compiled[row["scope"]].append(re.compile(_expand(row["pattern"], path.parent, row.where)))
        except re.error as error:
            raise row.error(f"pattern of {row['name']!r} is not a valid regular expression: {error}") from None
    return FurnitureRules(tuple(compiled["paragraph"]), tuple(compiled["span"]))


def _expand(pattern: str, folder: Path, where: str) -> str:
    """The pattern with each `{name}` replaced by the entries of name.txt, longest first, escaped."""

    def alternation(match: re.Match[str]) -> str:
        source = folder / f"{match.group(1)}.txt"
        if not source.is_file():
            raise rules.RuleFileError(f"{where}: word class {match.group(0)} has no list {source.name} in {folder}")
        entries = sorted(rules.lines(source), key=len, reverse=True)
        return "|".join(re.escape(entry) for entry in entries)

    return WORD_CLASS.sub(alternation, pattern)


def furniture_spans(text: str, found: FurnitureRules | None = None) -> list[tuple[int, int]]:
    """(start, end) of the furniture in one paragraph's text, merged and in order: all of it, or the pieces cut out."""
    found = found or furniture_rules()
    if any(pattern.search(text) for pattern in found.paragraph):
        return [(0, len(text))]
    pieces = sorted(_matched_piece(match) for pattern in found.span for match in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in pieces:
        if start == end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _matched_piece(match: re.Match[str]) -> tuple[int, int]:
    """The span of a match's `furniture` group, or of the whole match."""
    group = "furniture" if "furniture" in match.re.groupindex else 0
    return match.span(group)


def split_furniture(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The paragraph `text[start:end]` as (start, end, is_furniture) pieces in order, each trimmed of spaces;
    together they hold every character of it that is not a space."""
    pieces = []
    position = start
    for piece_start, piece_end in furniture_spans(text[start:end]):
        pieces.append((position, start + piece_start, False))
        pieces.append((start + piece_start, start + piece_end, True))
        position = start + piece_end
    pieces.append((position, end, False))
    return [trimmed for piece in pieces if (trimmed := _trimmed(text, *piece)) is not None]


def _trimmed(text: str, start: int, end: int, is_furniture: bool) -> tuple[int, int, bool] | None:
    """A piece without the spaces around it, or None when nothing else is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + lead + len(stripped), is_furniture
