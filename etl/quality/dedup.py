"""Duplication: repeated blocks inside a document, repeated documents, and figures changed between copies.

Exact repeats share a dedup key (words bar case, punctuation and digits); near repeats are found
with MinHash over word shingles (datasketch), so a paragraph pasted twice with a word changed, or
a story syndicated with a new footer, is still one paragraph or one story.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from etl.extract.blocks import is_prose

WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class NearDuplicateSettings:
    """Thresholds for near-duplicate detection (Jaccard similarity of word shingles)."""

    block_threshold: float = 0.8
    document_threshold: float = 0.85
    block_shingle_words: int = 2
    document_shingle_words: int = 3
    permutations: int = 128
    min_block_words: int = 12
    min_document_words: int = 40


def words(text: str, fold_digits: bool = True) -> list[str]:
    """Lower-cased words; with `fold_digits` a changed figure does not make a new text."""
    found = WORD.findall(text.casefold())
    return [NUMBER.sub("0", word) for word in found] if fold_digits else found


def signature(text: str, settings: NearDuplicateSettings, size: int, fold_digits: bool = True):
    """MinHash of the text's word shingles of `size` words (deterministic: datasketch's fixed seed)."""
    from datasketch import MinHash

    tokens = words(text, fold_digits)
    shingles = {" ".join(tokens[i : i + size]).encode() for i in range(max(1, len(tokens) - size + 1))}
    permutations, scheme = _permutations(settings.permutations)
    minhash = MinHash(num_perm=settings.permutations, permutations=permutations, scheme=scheme)
    minhash.update_batch(list(shingles))
    return minhash


@lru_cache(maxsize=4)
def _permutations(count: int):
    """datasketch's hash permutations for its fixed seed, drawn once instead of for every text."""
    from datasketch import MinHash

    reference = MinHash(num_perm=count)
    return reference.permutations, reference.scheme


def near_duplicate_blocks(texts: list[str], duplicate_of: list[int | None], settings: NearDuplicateSettings) -> list[int | None]:
    """For each block, the earlier block of the same document it nearly repeats (exact repeats kept as given)."""
    result = list(duplicate_of)
    originals: list[tuple[int, object]] = []
    for idx, text in enumerate(texts):
        if result[idx] is not None or len(words(text)) < settings.min_block_words or not is_prose(WORD.findall(text.casefold())):
            continue
        mine = signature(text, settings, settings.block_shingle_words)
        match = next((first for first, theirs in originals if mine.jaccard(theirs) >= settings.block_threshold), None)
        if match is None:
            originals.append((idx, mine))
        else:
            result[idx] = match
    return result


def duplicate_documents(new: list[tuple[str, str]], earlier: list[tuple[str, str]], settings: NearDuplicateSettings) -> dict[str, str]:
    """doc_id -> the earlier doc_id it nearly repeats; `earlier` are published documents, then `new` in order.

    Texts should carry the title: templated wire items ("Qtly div 11 cts vs 11 cts prior") differ only
    there and in their figures, so digits are not folded here and short texts are left to exact hashes.
    """
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=settings.document_threshold, num_perm=settings.permutations)
    signatures = {}
    for doc_id, text in earlier:
        if len(words(text)) >= settings.min_document_words:
            signatures[doc_id] = signature(text, settings, settings.document_shingle_words, fold_digits=False)
            index.insert(doc_id, signatures[doc_id])
    order = {doc_id: position for position, (doc_id, _) in enumerate(earlier + new)}
    found = {}
    for doc_id, text in new:
        if len(words(text)) < settings.min_document_words:
            continue
        mine = signature(text, settings, settings.document_shingle_words, fold_digits=False)
        matches = [other for other in index.query(mine) if mine.jaccard(signatures[other]) >= settings.document_threshold]
        if matches:
            found[doc_id] = min(matches, key=order.__getitem__)
        else:
            signatures[doc_id] = mine
            index.insert(doc_id, mine)
    return found


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
                pairs.append((a.span(), b.span()))
    return pairs


def mark_near_duplicate_blocks(documents: list[dict], blocks: list[dict], settings: NearDuplicateSettings) -> tuple[list[dict], list[dict]]:
    """Blocks that nearly repeat an earlier block of their document get `duplicate_of_block`; counts follow."""
    by_document: dict[str, list[dict]] = {}
    for block in blocks:
        by_document.setdefault(block["doc_id"], []).append(block)
    marked, unique = [], {}
    for doc_id, own in by_document.items():
        repeats = near_duplicate_blocks([b["text"] for b in own], [b["duplicate_of_block"] for b in own], settings)
        own = [{**block, "duplicate_of_block": repeat} for block, repeat in zip(own, repeats)]
        unique[doc_id] = sum(1 for block in own if block["duplicate_of_block"] is None)
        marked += own
    documents = [{**doc, "n_unique_blocks": unique[doc["doc_id"]]} if doc["doc_id"] in unique else doc for doc in documents]
    return documents, marked


def mark_near_duplicate_documents(documents: list[dict], published: list[dict], settings: NearDuplicateSettings) -> list[dict]:
    """Loaded documents that nearly repeat an earlier one become `duplicate` of it; published originals stay first."""
    kept = {doc["doc_id"] for doc in published if doc["status"] == "loaded"}
    loaded = [doc for doc in documents if doc["status"] == "loaded"]
    earlier = [(doc["doc_id"], _dedup_text(doc)) for doc in loaded if doc["doc_id"] in kept]
    new = [(doc["doc_id"], _dedup_text(doc)) for doc in loaded if doc["doc_id"] not in kept]
    repeats = duplicate_documents(new, earlier, settings)
    return [{**doc, "status": "duplicate", "duplicate_of": repeats[doc["doc_id"]]} if doc["doc_id"] in repeats else doc for doc in documents]


def _dedup_text(document: dict) -> str:
    """What two documents must share to be one story: title and text (wire items differ only there)."""
    return f"{document.get('title') or ''}\n{document['text']}"


def duplicate_findings(documents: list[dict], blocks: list[dict], run_id: str) -> list[dict]:
    """A `duplicate_block` finding per repeated block and a `duplicate_document` per repeated document."""
    from etl.quality import finding

    rows = [
        finding(
            run_id, "duplicate_block", "warning", "blocks", f"{block['doc_id']}:{block['block_idx']}", block["doc_id"],
            duplicate_of_block=block["duplicate_of_block"], kind=block["kind"],
        )
        for block in blocks
        if block["duplicate_of_block"] is not None
    ]
    rows += [
        finding(run_id, "duplicate_document", "warning", "documents", doc["doc_id"], doc["doc_id"], source=doc["source"], duplicate_of=doc["duplicate_of"])
        for doc in documents
        if doc["status"] == "duplicate"
    ]
    return rows
