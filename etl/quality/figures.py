"""Inconsistent and implausible figures: the same thing counted differently, or a count that cannot be."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from etl import rules
from etl.text import NUMBER, WORD
from etl.transform.statistics import can_be_negative

# One figure as written, numbers joined by fraction bars and hyphens ("6-1/4"), and how far around a number it is looked for.
FIGURE = re.compile(r"\d+(?:[.,/-]\d+)*")
FIGURE_REACH = 40

HEADLINE_KINDS = {"headline", "standfirst", "summary"}
DATA = Path(__file__).parent / "data"
# Where a percentage over 100 is told apart from a share: one word list a section, data/percent_<section>.txt.
PERCENT_SECTIONS = ("of", "quote", "instrument", "change")
PERCENT_UNIT = re.compile(r"^\s*(?:pct|percent|per\s+cent|%)", re.I)
# Where a clause ends: the words before a figure count back to it, the words after it up to it.
CLAUSE_END = re.compile(r"[,;:()]|[.!?](?=\s|$)|\n\s*\n")
TEXT_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")
# How far around a figure its context is read, in characters and in words.
CONTEXT_CHARS = 160
WORDS_BEFORE = 8
WORDS_AFTER_OF = 4
# Words that end the noun phrase after "of": "150% of voters | in the capital" is a share of voters.
PHRASE_END = rules.words(DATA / "phrase_end_words.txt")


@dataclass(frozen=True)
class WordList:
    """Words of one lexicon section: exact forms, and stems written with a trailing `*`."""

    exact: frozenset[str]
    stems: tuple[str, ...]

    def __contains__(self, word: str) -> bool:
        forms = {word, word.removesuffix("'s").rstrip("'")}
        return bool(forms & self.exact) or any(form.startswith(self.stems) for form in forms)


@cache
def percent_words(folder: Path = DATA) -> dict[str, WordList]:
    """The sections of the percentage lexicon, each from its list data/percent_<section>.txt."""
    sections = {name: [word.lower() for word in rules.lines(folder / f"percent_{name}.txt")] for name in PERCENT_SECTIONS}
    return {
        name: WordList(frozenset(w for w in found if not w.endswith("*")), tuple(w[:-1] for w in found if w.endswith("*")))
        for name, found in sections.items()
    }


def subject_key(subject: str | None) -> str | None:
    """What two figures must share to be about the same thing: the subject's last word, singular."""
    found = re.findall(r"[a-z]+", (subject or "").lower())
    return found[-1].removesuffix("s") if found else None


def changed_block_figures(blocks: list[dict], statistics: list[dict]) -> list[dict]:
    """A repeated paragraph whose number changed: one finding per changed number."""
    by_key = {(b["doc_id"], b["block_idx"]): b for b in blocks}
    stats_by_doc: dict[str, list[dict]] = defaultdict(list)
    for stat in statistics:
        stats_by_doc[stat["doc_id"]].append(stat)
    found = []
    for copy in blocks:
        original = by_key.get((copy["doc_id"], copy["duplicate_of_block"])) if copy["duplicate_of_block"] is not None else None
        if original is None:
            continue
        for (a_start, a_end), (b_start, b_end) in changed_figures(original["text"], copy["text"]):
            start, end = original["char_start"] + a_start, original["char_start"] + a_end
            copy_start, copy_end = copy["char_start"] + b_start, copy["char_start"] + b_end
            covering = _statistic_at(stats_by_doc[copy["doc_id"]], start, end)
            found.append(
                {
                    "doc_id": copy["doc_id"],
                    "ref": f"{covering['stat_id'] if covering else _span_ref(copy['doc_id'], start, end)}|"
                    f"{_span_ref(copy['doc_id'], copy_start, copy_end)}",
                    "details": {
                        "where": "repeated paragraph",
                        "stat_id": covering["stat_id"] if covering else None,
                        "block_idx": original["block_idx"],
                        "duplicate_block_idx": copy["block_idx"],
                        "value_text": original["text"][a_start:a_end],
                        "duplicate_value_text": copy["text"][b_start:b_end],
                        "unit": covering["unit"] if covering else None,
                        "subject": covering["subject"] if covering else None,
                    },
                }
            )
    return found


def changed_document_figures(documents: list[dict], texts: dict[str, str]) -> list[dict]:
    """A document repeated with a figure changed (a syndicated copy): one finding per changed number."""
    found = []
    for document in documents:
        original_id = document.get("duplicate_of")
        if document["status"] != "duplicate" or original_id not in texts or not document.get("text"):
            continue
        for (a_start, a_end), (b_start, b_end) in changed_figures(texts[original_id], document["text"]):
            found.append(
                {
                    "doc_id": document["doc_id"],
                    "ref": f"{_span_ref(original_id, a_start, a_end)}|{_span_ref(document['doc_id'], b_start, b_end)}",
                    "details": {
                        "where": "repeated document",
                        "duplicate_of": original_id,
                        "value_text": texts[original_id][a_start:a_end],
                        "duplicate_value_text": document["text"][b_start:b_end],
                    },
                }
            )
    return found


def headline_against_body(blocks: list[dict], statistics: list[dict]) -> list[dict]:
    """A headline figure that no body figure of the same unit and subject agrees with."""
    kinds = {(b["doc_id"], b["block_idx"]): b["kind"] for b in blocks}
    groups: dict[tuple, dict[str, list[dict]]] = defaultdict(lambda: {"head": [], "body": []})
    for stat in statistics:
        key = (stat["doc_id"], stat["unit"], subject_key(stat["subject"]))
        if stat["unit"] is None or key[2] is None:
            continue
        part = "head" if kinds.get((stat["doc_id"], stat["block_idx"])) in HEADLINE_KINDS else "body"
        groups[key][part].append(stat)
    found = []
    for (doc_id, unit, _), parts in groups.items():
        body_values = {stat["value"] for stat in parts["body"]}
        for head in parts["head"]:
            if body_values and head["value"] not in body_values:
                other = min(parts["body"], key=lambda stat: abs(stat["value"] - head["value"]))
                found.append(
                    {
                        "doc_id": doc_id,
                        "ref": f"{head['stat_id']}|{other['stat_id']}",
                        "details": {
                            "where": "headline against body",
                            "unit": unit,
                            "subject": head["subject"],
                            "value": head["value"],
                            "body_value": other["value"],
                        },
                    }
                )
    return found


def implausible_figures(statistics: list[dict], texts: dict[str, str] | None = None) -> list[dict]:
    """Figures that cannot be: a share over 100 percent, a negative count or length (units.tsv says which units can be negative).

    `texts` (doc_id -> documents.text) lets the words around a figure be read past its sentence,
    which wire copy hard-wraps and splits mid-phrase ("135 pct of" / "tariff bid").
    """
    found = []
    for stat in statistics:
        share_over_100 = (
            stat["unit"] == "percent"
            and stat["value"] > 100
            and not over_100_reads_as_ratio(*_around(stat, texts or {}), stat["sentence"] or "")
        )
        if share_over_100 or stat["value"] < 0 and not can_be_negative(stat["unit"]):
            found.append(
                {
                    "doc_id": stat["doc_id"],
                    "ref": stat["stat_id"],
                    "details": {"value": stat["value"], "unit": stat["unit"], "value_text": stat["value_text"]},
                }
            )
    return found


def over_100_reads_as_ratio(before: str, after: str, sentence: str) -> bool:
    """Whether a percentage over 100 is a change or a ratio to a level (of tariff, priced at, bid), not a share of a whole."""
    words = percent_words()
    in_sentence = _text_words(sentence)
    if any(word in words["change"] or word in words["instrument"] for word in in_sentence):
        return True
    following = _text_words(CLAUSE_END.split(PERCENT_UNIT.sub("", after, count=1), maxsplit=1)[0])
    if following[:1] == ["of"] and any(word in words["of"] for word in _noun_phrase(following[1:])):
        return True
    if following[:1] and following[0] in words["quote"]:
        return True
    preceding = _text_words(CLAUSE_END.split(before)[-1])[-WORDS_BEFORE:]
    return any(word in words["quote"] for word in preceding)


def _around(stat: dict, texts: dict[str, str]) -> tuple[str, str]:
    """The text just before a figure and just after it: from its document if known, else from its sentence."""
    text = texts.get(stat["doc_id"])
    if text:
        start, end = stat["char_start"], stat["char_end"]
        return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
    sentence = stat["sentence"] or ""
    position = sentence.find(stat["value_text"])
    if position < 0:
        return sentence, ""
    return sentence[:position], sentence[position + len(stat["value_text"]) :]


def _noun_phrase(words: list[str]) -> list[str]:
    """The first words of a phrase, up to WORDS_AFTER_OF and before any word of PHRASE_END."""
    phrase = []
    for word in words[:WORDS_AFTER_OF]:
        if word in PHRASE_END:
            break
        phrase.append(word)
    return phrase


def _text_words(text: str) -> list[str]:
    """Lower-cased words and numbers, apostrophes and hyphens kept ("yesterday's", "pre-war")."""
    return TEXT_WORD.findall(text.lower())


def _statistic_at(statistics: list[dict], start: int, end: int) -> dict | None:
    """The statistic of one document whose span covers [start, end)."""
    return next((s for s in statistics if s["char_start"] <= start and end <= s["char_end"]), None)


def _span_ref(doc_id: str, start: int, end: int) -> str:
    return f"{doc_id}:{start}-{end}"


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
