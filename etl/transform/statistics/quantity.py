"""A figure being read, and the spaCy token at a character offset of its block."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from etl.transform.context import tokens_of


@dataclass
class Quantity:
    """A figure being read: where it sits in the block and what has been found out so far."""

    start: int  # whole surface, qualifier and unit included
    end: int
    core_start: int  # the number with its currency sign and scale word
    core_end: int
    value: float
    digits: bool
    raw: float = 0.0  # the number before its scale word
    scale: float = 1.0
    value_high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    unit_kind: str | None = None  # a kind from units.tsv, or "noun" for a counted noun
    unit_start: int | None = None
    unit_end: int | None = None
    currency_prefix: bool = False
    sign: str | None = None  # the currency sign or code written before the number ("$", "A$", "USD")
    kind: str = "digits"  # digits, spelled, fraction, article, one
    skip: str | None = None
    noun: Token | None = None
    of_noun: Token | None = None
    about: Token | None = None  # what the figure is about when the parse alone would miss it (ages, elliptic counts)


class TokenIndex:
    """The spaCy token at a character offset of the block."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens = tokens_of(doc)
        self.starts = [token.idx for token in self.tokens]

    def at(self, char: int) -> Token | None:
        """The token covering `char`, or None for whitespace or an empty doc."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return None
        token = self.tokens[i]
        return token if char < token.idx + len(token.text) else None

    def within(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping [start, end)."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = bisect.bisect_left(self.starts, end)
        return [t for t in self.tokens[first:last] if t.idx + len(t.text) > start]


def token_index(doc: Doc) -> TokenIndex:
    """The Doc's TokenIndex, made once."""
    index = doc.user_data.get("newsetl_token_index")
    if index is None:
        index = doc.user_data["newsetl_token_index"] = TokenIndex(doc)
    return index


def number_start(text: str, quantity: Quantity) -> int:
    """The offset of the first digit, after any sign or currency."""
    for i in range(quantity.core_start, quantity.core_end):
        if text[i].isdigit():
            return i
    return quantity.core_start
