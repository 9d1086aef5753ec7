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
# A paragraph longer than this is article text, whatever it ends with: only shorter ones can be furniture as a whole.
PARAGRAPH_MAX_CHARS = 500
# `{name}` in a pattern: the entries of name.txt beside the rule file, as one alternation.
WORD_CLASS = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Rule:
    """A compiled pattern, tried only on a paragraph that holds one of the strings it `needs`."""

    needs: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class RuleSet:
    """The rules of one scope: patterns tried on every paragraph, and rules tried where what they need is found."""

    always: tuple[re.Pattern[str], ...]
    gated: tuple[Rule, ...]

    def patterns_for(self, text: str, gated: bool) -> tuple[re.Pattern[str], ...]:
        """The patterns worth trying on `text`; the gated rules only when `gated` (some string they need is in it)."""
        if not gated:
            return self.always
        return self.always + tuple(rule.pattern for rule in self.gated if any(map(text.__contains__, rule.needs)))


@dataclass(frozen=True)
class FurnitureRules:
    """What makes a whole paragraph furniture, what is cut out of one, and every string some rule needs."""

    paragraph: RuleSet
    span: RuleSet
    needed: tuple[str, ...]


@cache
def furniture_rules(path: Path = RULES_FILE) -> FurnitureRules:
    """The rules of `path`, each checked, then compiled once. Rules of a scope that need the same strings are joined
    into one pattern, and so are those anchored at `^` that need nothing; the others are tried all along every
    paragraph and are fastest alone."""
    joined: dict[str, dict[tuple[str, ...], list[str]]] = {scope: {} for scope in SCOPES}
    alone: dict[str, list[re.Pattern[str]]] = {scope: [] for scope in SCOPES}
    for row in rules.table(path, required=("name", "scope", "needs", "pattern")):
        if row["scope"] not in SCOPES:
            raise row.error(f"scope {row['scope']!r} is not one of {', '.join(SCOPES)}")
        pattern = _checked(row, _expand(row["pattern"], path.parent, row.where))
        needs = tuple(word for word in row["needs"].split("|") if word)
        if needs or pattern.pattern.startswith("^"):
            joined[row["scope"]].setdefault(needs, []).append(pattern.pattern)
        else:
            alone[row["scope"]].append(pattern)
    sets = {scope: _rule_set(joined[scope], alone[scope]) for scope in SCOPES}
    needed = tuple(dict.fromkeys(word for rule_set in sets.values() for rule in rule_set.gated for word in rule.needs))
    return FurnitureRules(sets["paragraph"], sets["span"], needed)


def _rule_set(joined: dict[tuple[str, ...], list[str]], alone: list[re.Pattern[str]]) -> RuleSet:
    """A scope's RuleSet: each group of joined patterns as one alternation, then the patterns alone."""
    compiled = {needs: re.compile("|".join(f"(?:{pattern})" for pattern in patterns)) for needs, patterns in joined.items()}
    always = tuple(pattern for needs, pattern in compiled.items() if not needs) + tuple(alone)
    return RuleSet(always, tuple(Rule(needs, pattern) for needs, pattern in compiled.items() if needs))


def _checked(row: rules.Row, pattern: str) -> re.Pattern[str]:
    """A row's pattern compiled; one that is not a regular expression is an error naming file and line."""
    try:
        return re.compile(pattern)
    except re.error as error:
        raise row.error(f"pattern of {row['name']!r} is not a valid regular expression: {error}") from None


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
    """(start, end) of the furniture in one paragraph's text, in order: all of it, or the pieces cut out (pieces
    apart by nothing but spaces are one)."""
    found = found or furniture_rules()
    gated = any(map(text.__contains__, found.needed))
    if len(text) <= PARAGRAPH_MAX_CHARS and any(pattern.search(text) for pattern in found.paragraph.patterns_for(text, gated)):
        return [(0, len(text))]
    spans = [match.span() for pattern in found.span.patterns_for(text, gated) for match in pattern.finditer(text)]
    if not spans:
        return spans
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if start == end:
            continue
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def split_furniture(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The paragraph `text[start:end]` as (start, end, is_furniture) pieces in order, each trimmed of spaces;
    together they hold every character of it that is not a space."""
    spans = furniture_spans(text[start:end])
    if not spans:
        whole = _trimmed(text, start, end, False)
        return [whole] if whole else []
    pieces = []
    position = start
    for piece_start, piece_end in spans:
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
