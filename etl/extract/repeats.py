"""Repeats: paragraphs repeated inside a document, and documents repeating another.

Exact repeats share a dedup key (words bar case, punctuation and digits); near repeats are found
by the Jaccard similarity of word shingles, so a paragraph pasted twice with a word changed, or a
story syndicated with a new footer, is still one paragraph or one story. Paragraphs of a document
are few, so their shingle sets are compared exactly; documents are many, so theirs are compared
through MinHash signatures (datasketch) and LSH bands.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from etl.settings import Settings
from etl.text import folded, is_prose, jaccard, shingles, tokens

# The table mark_repeated_documents makes: each document's status (loaded, duplicate, rejected) and the one it repeats.
DOCUMENT_STATUS = "document_status"


# Near-duplicate detection: the Jaccard similarity of word shingles above which two documents are one (for paragraphs,
# settings.near_duplicate_threshold), the shingles' length in words, the MinHash permutations, and the fewest words compared.
DOCUMENT_THRESHOLD = 0.85
BLOCK_SHINGLE_WORDS = 2
DOCUMENT_SHINGLE_WORDS = 3
PERMUTATIONS = 128
MIN_BLOCK_WORDS = 12
MIN_DOCUMENT_WORDS = 40


def signature(found: list[str], size: int):
    """MinHash of a word list's shingles of `size` words (deterministic: datasketch's fixed seed)."""
    from datasketch import MinHash

    permutations, scheme = _permutations(PERMUTATIONS)
    minhash = MinHash(num_perm=PERMUTATIONS, permutations=permutations, scheme=scheme)
    minhash.update_batch([shingle.encode() for shingle in shingles(found, size)])
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
        found = tokens(text) if result[idx] is None else []
        if len(found) >= MIN_BLOCK_WORDS and is_prose(found):
            eligible.append((idx, folded(found)))
    if len(eligible) < 2:
        return result  # nothing to compare
    originals: list[tuple[int, set[str]]] = []
    for idx, words_folded in eligible:
        mine = shingles(words_folded, BLOCK_SHINGLE_WORDS)
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
    found = tokens(text)
    if len(found) < MIN_DOCUMENT_WORDS:
        return None
    return signature(found, DOCUMENT_SHINGLE_WORDS).hashvalues.tolist()


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
    order: dict[str, tuple[int, int]],
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


def mark_near_repeats(blocks: list[dict], settings: Settings) -> list[dict]:
    """One document's blocks, those that nearly repeat an earlier block of it with `duplicate_of_block` set."""
    repeats = near_duplicate_blocks([b["text"] for b in blocks], [b["duplicate_of_block"] for b in blocks], settings)
    return [{**block, "duplicate_of_block": repeat} for block, repeat in zip(blocks, repeats)]


def dedup_text(document: dict) -> str:
    """What two documents must share to be one story: title and text (wire items differ only there)."""
    return f"{document.get('title') or ''}\n{document['text']}"


def mark_repeated_documents(connection, documents: str, signatures: str) -> str:
    """Table DOCUMENT_STATUS (doc_id, status, duplicate_of) for the view `documents` (etl.extract.merge.Merged.documents).

    A document repeating another exactly (content hash) or nearly (MinHash signatures in the view
    `signatures`: doc_id, hashvalues, bands) is a duplicate of the first one: of a published
    original (`published_original`) if there is one, else of the first in `position`. Rejected
    documents stay rejected. Only candidate pairs (sharing an LSH band) are compared in Python.
    """
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE exact_status AS
        SELECT doc_id, position, published_original,
               CASE WHEN status = 'rejected' THEN 'rejected' WHEN original = doc_id THEN 'loaded' ELSE 'duplicate' END AS status,
               CASE WHEN status <> 'rejected' AND original <> doc_id THEN original END AS duplicate_of
        FROM (SELECT *, first_value(doc_id) OVER (PARTITION BY content_sha256 ORDER BY published_original DESC, position) AS original
              FROM {documents})
        """
    )
    loaded = (
        f"SELECT e.doc_id, e.position, e.published_original, s.bands FROM exact_status e JOIN {signatures} s USING (doc_id) "
        "WHERE e.status = 'loaded'"
    )
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
            f"SELECT e.doc_id, e.position, e.published_original, s.hashvalues FROM exact_status e JOIN {signatures} s USING (doc_id) "
            "WHERE e.doc_id IN (SELECT unnest(?::VARCHAR[]))",
            [involved],
        ).fetchall()
        hashvalues_of = {doc_id: hashvalues for doc_id, _, _, hashvalues in details}
        order = {doc_id: (0 if published else 1, position) for doc_id, position, published, _ in details}
        earlier = {doc_id for doc_id, _, published, _ in details if published}
        new = sorted((doc_id for doc_id in candidates), key=order.__getitem__)
        found = pick_originals(new, earlier, candidates, hashvalues_of, order, DOCUMENT_THRESHOLD)
    connection.execute("CREATE OR REPLACE TEMP TABLE near_repeats (doc_id VARCHAR, duplicate_of VARCHAR)")
    if found:
        connection.executemany("INSERT INTO near_repeats VALUES (?, ?)", list(found.items()))
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {DOCUMENT_STATUS} AS
        SELECT e.doc_id, CASE WHEN n.doc_id IS NULL THEN e.status ELSE 'duplicate' END AS status,
               coalesce(n.duplicate_of, e.duplicate_of) AS duplicate_of
        FROM exact_status e LEFT JOIN near_repeats n USING (doc_id)
        """
    )
    return DOCUMENT_STATUS
