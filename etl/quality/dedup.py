"""Duplication: repeated blocks inside a document, repeated documents, and figures changed between copies.

Exact repeats share a dedup key (words bar case, punctuation and digits); near repeats are found
by the Jaccard similarity of word shingles, so a paragraph pasted twice with a word changed, or a
story syndicated with a new footer, is still one paragraph or one story. Paragraphs of a document
are few, so their shingle sets are compared exactly; documents are many, so theirs are compared
through MinHash signatures (datasketch) and LSH bands.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from functools import lru_cache
from itertools import combinations

from etl.extract.blocks import is_prose
from etl.settings import Settings

WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# One figure as written, numbers joined by fraction bars and hyphens ("6-1/4"), and how far around a number it is looked for.
FIGURE = re.compile(r"\d+(?:[.,/-]\d+)*")
FIGURE_REACH = 40
# Near-duplicate detection: the Jaccard similarity of word shingles above which two documents are one (for paragraphs,
# settings.near_duplicate_threshold), the shingles' length in words, the MinHash permutations, and the fewest words compared.
DOCUMENT_THRESHOLD = 0.85
BLOCK_SHINGLE_WORDS = 2
DOCUMENT_SHINGLE_WORDS = 3
PERMUTATIONS = 128
MIN_BLOCK_WORDS = 12
MIN_DOCUMENT_WORDS = 40


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


def signature(tokens: list[str], size: int):
    """MinHash of a word list's shingles of `size` words (deterministic: datasketch's fixed seed)."""
    from datasketch import MinHash

    permutations, scheme = _permutations(PERMUTATIONS)
    minhash = MinHash(num_perm=PERMUTATIONS, permutations=permutations, scheme=scheme)
    minhash.update_batch([shingle.encode() for shingle in shingles(tokens, size)])
    return minhash


@lru_cache(maxsize=4)
def _permutations(count: int):
    """datasketch's hash permutations for its fixed seed, drawn once instead of for every text."""
    from datasketch import MinHash

    reference = MinHash(num_perm=count)
    return reference.permutations, reference.scheme


def near_duplicate_blocks(texts: list[str], duplicate_of: list[int | None], settings: Settings) -> list[int | None]:
    """For each block, the earlier block of the same document it nearly repeats (exact repeats kept as given)."""
    result = list(duplicate_of)
    eligible: list[tuple[int, list[str]]] = []  # long enough prose, not an exact repeat: (index, words with digits folded)
    for idx, text in enumerate(texts):
        found = WORD.findall(text.casefold()) if result[idx] is None else []
        if len(found) >= MIN_BLOCK_WORDS and is_prose(found):
            eligible.append((idx, folded(found)))
    if len(eligible) < 2:
        return result  # nothing to compare
    originals: list[tuple[int, set[str]]] = []
    for idx, tokens in eligible:
        mine = shingles(tokens, BLOCK_SHINGLE_WORDS)
        match = next((first for first, theirs in originals if _similar(mine, theirs, settings.near_duplicate_threshold)), None)
        if match is None:
            originals.append((idx, mine))
        else:
            result[idx] = match
    return result


def _similar(first: set[str], second: set[str], threshold: float) -> bool:
    """Jaccard similarity at least `threshold`; sets of too different sizes are not intersected (the smaller over
    the larger bounds it)."""
    smaller, larger = sorted((len(first), len(second)))
    return smaller >= threshold * larger and jaccard(first, second) >= threshold


def document_signature(text: str) -> list[int] | None:
    """The MinHash values of a document's word triples (digits kept); None when it is too short to compare."""
    tokens = words(text, fold_digits=False)
    if len(tokens) < MIN_DOCUMENT_WORDS:
        return None
    return signature(tokens, DOCUMENT_SHINGLE_WORDS).hashvalues.tolist()


def band_keys(hashvalues: list[int]) -> list[int]:
    """One key per LSH band of a signature: two documents sharing a key are candidates (then compared in full)."""
    import hashlib

    bands, rows = lsh_shape()
    keys = []
    for band in range(bands):
        chunk = b"".join(value.to_bytes(8, "little") for value in hashvalues[band * rows : (band + 1) * rows])
        keys.append(int.from_bytes(hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest(), "little", signed=True))
    return keys


@lru_cache(maxsize=4)
def _lsh_shape(threshold: float, permutations: int) -> tuple[int, int]:
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=threshold, num_perm=permutations)
    return index.b, index.r


def lsh_shape() -> tuple[int, int]:
    """Bands and rows per band that datasketch picks for the document threshold (fewest misses and false candidates)."""
    return _lsh_shape(DOCUMENT_THRESHOLD, PERMUTATIONS)


def similarity(first: list[int], second: list[int]) -> float:
    """The Jaccard similarity two MinHash signatures estimate: the share of equal values."""
    return sum(1 for a, b in zip(first, second) if a == b) / len(first) if first else 0.0


def pick_originals(
    new: list[str],
    earlier: set[str],
    candidates: dict[str, list[str]],
    signatures: dict[str, list[int]],
    order: dict[str, int],
    threshold: float,
) -> dict[str, str]:
    """doc_id -> the doc it nearly repeats, going through `new` in order: a candidate counts when it is an earlier
    (published) document or a new one before it that is no copy itself, and alike enough; the first in `order` wins."""
    found: dict[str, str] = {}
    for doc_id in new:
        matches = [
            other
            for other in candidates.get(doc_id, ())
            if (other in earlier or (other not in found and order[other] < order[doc_id]))
            and similarity(signatures[doc_id], signatures[other]) >= threshold
        ]
        if matches:
            found[doc_id] = min(matches, key=order.__getitem__)
    return found


def duplicate_documents(new: list[tuple[str, str]], earlier: list[tuple[str, str]]) -> dict[str, str]:
    """doc_id -> the earlier doc_id it nearly repeats; `earlier` are published documents, then `new` in order.

    Texts should carry the title: templated wire items ("Qtly div 11 cts vs 11 cts prior") differ only
    there and in their figures, so digits are not folded here and short texts are left to exact hashes.
    """
    signatures = {doc_id: found for doc_id, text in earlier + new if (found := document_signature(text)) is not None}
    holders: dict[int, list[str]] = defaultdict(list)
    for doc_id, hashvalues in signatures.items():
        for key in band_keys(hashvalues):
            holders[key].append(doc_id)
    candidates: dict[str, list[str]] = defaultdict(list)
    for doc_ids in holders.values():
        for first, second in combinations(doc_ids, 2):
            candidates[first].append(second)
            candidates[second].append(first)
    order = {doc_id: position for position, (doc_id, _) in enumerate(earlier + new)}
    kept = {doc_id for doc_id, _ in earlier}
    return pick_originals([doc_id for doc_id, _ in new if doc_id in signatures], kept, candidates, signatures, order, DOCUMENT_THRESHOLD)


def changed_figures(original: str, copy: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Spans of numbers that differ between two otherwise matching texts: ((start, end) in original, in copy)."""
    first, second = list(WORD.finditer(original)), list(WORD.finditer(copy))
    matcher = difflib.SequenceMatcher(a=[m.group().casefold() for m in first], b=[m.group().casefold() for m in second], autojunk=False)
    pairs = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag != "replace" or a_end - a_start != b_end - b_start:
            continue
        for a, b in zip(first[a_start:a_end], second[b_start:b_end]):
            if NUMBER.fullmatch(a.group()) and NUMBER.fullmatch(b.group()):
                pair = (_figure_span(original, *a.span()), _figure_span(copy, *b.span()))
                if pair not in pairs:  # "6-1/4" to "6-3/16" changes two numbers of one figure
                    pairs.append(pair)
    return pairs


def _figure_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole figure as written around the number at start:end: "6-1/4", "1987/88", "10-15"."""
    for match in FIGURE.finditer(text, max(0, start - FIGURE_REACH), end + FIGURE_REACH):
        if match.start() <= start and end <= match.end():
            return match.span()
    return start, end


def mark_near_repeats(blocks: list[dict], settings: Settings) -> list[dict]:
    """One document's blocks, those that nearly repeat an earlier block of it with `duplicate_of_block` set."""
    repeats = near_duplicate_blocks([b["text"] for b in blocks], [b["duplicate_of_block"] for b in blocks], settings)
    return [{**block, "duplicate_of_block": repeat} for block, repeat in zip(blocks, repeats)]


def dedup_text(document: dict) -> str:
    """What two documents must share to be one story: title and text (wire items differ only there)."""
    return f"{document.get('title') or ''}\n{document['text']}"


def mark_repeated_documents(connection) -> None:
    """Table `document_status` (doc_id, status, duplicate_of) for the view `merged_documents`.

    A document repeating another exactly (content hash) or nearly (MinHash signatures in the view
    `signatures`: doc_id, hashvalues, bands) is a duplicate of the first one: of a published
    original (`published_original`) if there is one, else of the first in `position`. Rejected
    documents stay rejected. Only candidate pairs (sharing an LSH band) are compared in Python.
    """
    connection.execute(
        """
        CREATE OR REPLACE TEMP TABLE exact_status AS
        SELECT doc_id, position, published_original,
               CASE WHEN status = 'rejected' THEN 'rejected' WHEN original = doc_id THEN 'loaded' ELSE 'duplicate' END AS status,
               CASE WHEN status <> 'rejected' AND original <> doc_id THEN original END AS duplicate_of
        FROM (SELECT *, first_value(doc_id) OVER (PARTITION BY content_sha256 ORDER BY published_original DESC, position) AS original
              FROM merged_documents)
        """
    )
    loaded = "SELECT e.doc_id, e.position, e.published_original, s.bands FROM exact_status e JOIN signatures s USING (doc_id) WHERE e.status = 'loaded'"
    pairs = connection.execute(
        f"""
        WITH loaded AS ({loaded}),
             banded AS (SELECT doc_id, position, published_original, unnest(bands) AS band FROM loaded)
        SELECT DISTINCT later.doc_id, earlier.doc_id
        FROM banded later JOIN banded earlier ON later.band = earlier.band AND later.doc_id <> earlier.doc_id
        WHERE NOT later.published_original
        """
    ).fetchall()
    found: dict[str, str] = {}
    if pairs:
        candidates: dict[str, list[str]] = defaultdict(list)
        for later, earlier in pairs:
            candidates[later].append(earlier)
        involved = sorted({doc_id for pair in pairs for doc_id in pair})
        details = connection.execute(
            "SELECT e.doc_id, e.position, e.published_original, s.hashvalues FROM exact_status e JOIN signatures s USING (doc_id) "
            "WHERE e.doc_id IN (SELECT unnest(?::VARCHAR[]))",
            [involved],
        ).fetchall()
        signatures = {doc_id: hashvalues for doc_id, _, _, hashvalues in details}
        order = {doc_id: (0 if published else 1, position) for doc_id, position, published, _ in details}
        earlier = {doc_id for doc_id, _, published, _ in details if published}
        new = sorted((doc_id for doc_id in candidates), key=order.__getitem__)
        found = pick_originals(new, earlier, candidates, signatures, order, DOCUMENT_THRESHOLD)
    connection.execute("CREATE OR REPLACE TEMP TABLE near_repeats (doc_id VARCHAR, duplicate_of VARCHAR)")
    if found:
        connection.executemany("INSERT INTO near_repeats VALUES (?, ?)", list(found.items()))
    connection.execute(
        """
        CREATE OR REPLACE TEMP TABLE document_status AS
        SELECT e.doc_id, CASE WHEN n.doc_id IS NULL THEN e.status ELSE 'duplicate' END AS status,
               coalesce(n.duplicate_of, e.duplicate_of) AS duplicate_of
        FROM exact_status e LEFT JOIN near_repeats n USING (doc_id)
        """
    )
