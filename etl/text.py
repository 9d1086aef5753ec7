"""Text fingerprints: the tokens of a text, with figures folded, and what makes two paragraphs one.

One tokeniser for every comparison of texts: extract finds repeated paragraphs, repeated documents
and boilerplate with it, quality compares the figures of copies and the words of reports. Tokens
here are plain regular-expression words, not the language model's. Changing how texts are
tokenised changes stored dedup keys: bump etl.schema.SCHEMA_VERSION with it.
"""

from __future__ import annotations

import hashlib
import re

# A token: a figure with its separators ("4,573,000", "6.5"), or a run of word characters.
WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A prose word: lower-case letters with inner apostrophes and hyphens ("rebel-held", "o'clock"); also used in DuckDB SQL.
PROSE_WORD = re.compile(r"[a-z][a-z'\-]*")
# Words (not figures) a block needs before a changed figure still makes it a repeat, and the largest share of
# its tokens that may be figures (a figure is one token: "25.137" is one of the 20 tokens of a wire sentence).
FOLD_FIGURES_MIN_WORDS = 10
PROSE_MAX_FIGURE_SHARE = 0.1


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dedup_key(text: str) -> str:
    """What two blocks must share to be the same paragraph: words, bar case, punctuation, figures.

    Figures are folded only in real paragraphs: rows of a table ("V 3.25 --") or a wire template
    ("Shr 51 cts vs 44 cts") differ only in their figures and are not repeats of each other.
    """
    return _dedup_key(tokens(text))


def _dedup_key(found: list[str]) -> str:
    return " ".join(folded(found) if is_prose(found) else found)


def paragraph_keys(text: str) -> tuple[str, int]:
    """A paragraph's dedup key (repeats inside its document) and its paragraph hash, from one tokenisation.

    The hash is the paragraph's words and figures as one number, bar case and punctuation: how boilerplate
    is found across documents. Figures are kept there: a template repeated with new figures ("That is 53
    basis points more than ...") is news, not page furniture.
    """
    found = tokens(text)
    return _dedup_key(found), key_hash(" ".join(found))


def key_hash(key: str) -> int:
    """A dedup key as a signed 64-bit number, for grouping keys of many documents in SQL."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def is_prose(found: list[str]) -> bool:
    """Enough words, and few enough figures, among these tokens to be a paragraph rather than a table row or template."""
    alphabetic = sum(1 for token in found if token.isalpha())
    return alphabetic >= FOLD_FIGURES_MIN_WORDS and (len(found) - alphabetic) <= PROSE_MAX_FIGURE_SHARE * len(found)


def tokens(text: str) -> list[str]:
    """A text's tokens, case-folded."""
    return WORD.findall(text.casefold())


def prose_words(text: str) -> list[str]:
    """The prose words of a text, lower-cased: no figures, no punctuation."""
    return PROSE_WORD.findall(text.lower())


def folded(found: list[str]) -> list[str]:
    """Tokens with every figure written as 0."""
    return [NUMBER.sub("0", token) for token in found]


def shingles(found: list[str], size: int) -> set[str]:
    """The token list's runs of `size` tokens (the whole list when it is shorter)."""
    return {" ".join(found[i : i + size]) for i in range(max(1, len(found) - size + 1))}


def jaccard(first: set, second: set) -> float:
    """How much two sets share: their intersection over their union."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0
