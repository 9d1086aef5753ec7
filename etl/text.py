"""Text fingerprints: the words of a text, with figures folded, and what makes two paragraphs one.

Shared by the stages: extract finds repeated paragraphs and documents with them, quality compares
the figures of copies. Tokens here are plain regular-expression words, not the language model's.
"""

from __future__ import annotations

import hashlib
import re

# Words for duplicate detection: a figure is one token, separators and all ("4,573,000", "6.5").
WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Words of a paragraph's dedup key (etl.extract.blocks): runs of word characters, so "4,573,000" is three.
KEY_WORD = re.compile(r"\w+")
DIGIT = re.compile(r"\d")
# Words (not figures) a block needs before a changed figure still makes it a repeat.
FOLD_FIGURES_MIN_WORDS = 10
PROSE_MAX_FIGURE_SHARE = 0.15


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dedup_key(text: str) -> str:
    """What two blocks must share to be the same paragraph: words, bar case, punctuation, figures.

    Figures are folded only in real paragraphs: rows of a table ("V 3.25 --") or a wire template
    ("Shr 51 cts vs 44 cts") differ only in their figures and are not repeats of each other.
    """
    words = KEY_WORD.findall(text.casefold())
    joined = " ".join(words)
    return DIGIT.sub("0", joined) if is_prose(words) else joined


def key_hash(key: str) -> int:
    """A dedup key as a signed 64-bit number, for grouping keys of many documents in SQL."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def is_prose(words: list[str]) -> bool:
    """Enough words, and few enough figures, to be a paragraph rather than a table row or template."""
    alphabetic = sum(1 for word in words if word.isalpha())
    return alphabetic >= FOLD_FIGURES_MIN_WORDS and (len(words) - alphabetic) <= PROSE_MAX_FIGURE_SHARE * len(words)


def words(text: str, fold_digits: bool = True) -> list[str]:
    """Lower-cased words; with `fold_digits` a changed figure does not make a new text."""
    found = WORD.findall(text.casefold())
    return folded(found) if fold_digits else found


def folded(found: list[str]) -> list[str]:
    """Words with every figure written as 0."""
    return [NUMBER.sub("0", word) for word in found]


def shingles(tokens: list[str], size: int) -> set[str]:
    """The word list's runs of `size` words (the whole list when it is shorter)."""
    return {" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1))}


def jaccard(first: set, second: set) -> float:
    """How much two sets share: their intersection over their union."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0
