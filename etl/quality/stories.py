"""Same story, different figures: two reports of one event, neither a copy of the other, that count one thing differently.

Two loaded documents tell one story when they were published close together (if both are dated),
share at least two names (actors) that few documents mention, and have most of their names and
much of their vocabulary in common, rare ones weighing more. Template stories ("Qtly div 12 cts
vs 12 cts prior") share vocabulary but not names, so they are not one story.

Between two such documents, a statistic of each disagrees when both have the same unit and
qualifier, the words around them say the same thing (the same subject and event: "killed in
Kharkiv strike"), each is the other's best and only best match, neither document holds a figure
of that unit agreeing with the other's (114 mln and 114.1 mln agree: rounding), the values are
within a factor of two (a wider gap is more likely two different counts than one disputed), and
the words they share do not frame figures in other documents as well: "The selling concession is
1-1/4 pct" is a template that stories about different bonds fill with different values.
A running total ("so far", "since the invasion": data/running_totals.txt) is left alone, since a
later report may rightly raise it. A false alarm costs more than a miss, so every rule leans
towards silence.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from itertools import combinations
from pathlib import Path

# Figures that are dates, ages and durations rather than counts of a story's facts.
TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "time"})
WORD = re.compile(r"[a-z][a-z'\-]*")
# Where the words that say what a figure counts stop: clause punctuation and conjunctions.
CLAUSE_END = re.compile(r"[,;:()\"“”]|[.!?](?=\s|$)|\n\s*\n|\s(?:and|or|but|while|whereas)\s", re.I)
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand thousands "
    "million millions billion billions mln bln bn half quarter".split()
)
STOP_WORDS = frozenset(
    "a an the of in on at to for from by with as into than that this these those it its their his her he she they we "
    "you our is are was were be been being has have had said says say about over under more less least most nearly "
    "almost around some not no but will would which who whom also after before up down per".split()
)
NUMBER_TEXT = re.compile(r"\d[\d,]*(?:\.(\d+))?")
# How many words either side of a figure say what it counts.
CONTEXT_WORDS = 10
# Phrases that make a figure a running total ("so far", "since the invasion"), which later reports may raise.
RUNNING_TOTALS = Path(__file__).parent / "data" / "running_totals.txt"


@dataclass(frozen=True)
class StorySettings:
    """When two documents are one story, and when two of their figures count one thing."""

    window_hours: float = 12.0
    min_shared_names: int = 2
    # A name is distinctive when at most this share of the documents (and at least two) mention it.
    distinctive_share: float = 0.02
    min_name_similarity: float = 0.5
    min_text_similarity: float = 0.35
    min_context_similarity: float = 0.5
    min_shared_context_words: int = 3
    max_value_ratio: float = 2.0
    # Other documents whose figures may be framed by the same words before the phrase counts as a template.
    max_template_documents: int = 1


@dataclass(frozen=True)
class Story:
    """Two documents found to tell one story, and how alike they are."""

    first: str  # the earlier, when both are dated
    second: str
    name_similarity: float
    text_similarity: float


def same_stories(documents: list[dict], mentions: list[dict], settings: StorySettings) -> list[Story]:
    """Pairs of loaded documents that tell one story, in a stable order."""
    loaded = {doc["doc_id"]: doc for doc in documents if doc["status"] == "loaded" and doc.get("text")}
    names: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention["doc_id"] in loaded:
            names[mention["doc_id"]].add(mention["actor_id"])
    name_weight = _rarity(names.values(), len(loaded))
    words = {doc_id: set(WORD.findall(f"{doc.get('title') or ''}\n{doc['text']}".lower())) for doc_id, doc in loaded.items()}
    word_weight = _rarity(words.values(), len(loaded))
    stories = []
    for (first, second), shared in sorted(_sharing_distinctive_names(names, len(loaded), settings).items()):
        if shared < settings.min_shared_names or not _close_in_time(loaded[first], loaded[second], settings.window_hours):
            continue
        name_similarity = _weighted_jaccard(names[first], names[second], name_weight)
        text_similarity = _weighted_jaccard(words[first], words[second], word_weight)
        if name_similarity >= settings.min_name_similarity and text_similarity >= settings.min_text_similarity:
            first, second = sorted((first, second), key=lambda doc_id: (_timestamp(loaded[doc_id]), doc_id))
            stories.append(Story(first, second, name_similarity, text_similarity))
    return stories


def story_figures(documents: list[dict], statistics: list[dict], mentions: list[dict], settings: StorySettings) -> list[dict]:
    """One `inconsistent_figure` finding (shaped as figures.py's) per pair of disagreeing statistics of one story.

    The finding sits on the later report (the second of an undated pair); `other_*` details are the earlier one's.
    """
    stories = same_stories(documents, mentions, settings)
    in_stories = {doc_id for story in stories for doc_id in (story.first, story.second)}
    by_document = _figures_by_document(documents, statistics, in_stories)
    disputed = [(story, pair) for story in stories for pair in disputed_pairs(by_document[story.first], by_document[story.second], settings)]
    if disputed:  # read every document's figures only when there is something to check against them
        everywhere = _figures_by_document(documents, statistics, None)
        disputed = [(story, pair) for story, pair in disputed if not _template(pair[0], pair[1], everywhere, settings)]
    found = []
    for story, (earlier, later, similarity) in disputed:
        found.append(
            {
                "doc_id": later["doc_id"],
                "ref": f"{earlier['stat_id']}|{later['stat_id']}",
                "details": {
                    "where": "same story",
                    "stat_id": later["stat_id"],
                    "value": later["value"],
                    "value_text": later["value_text"],
                    "subject": later["subject"],
                    "other_doc_id": earlier["doc_id"],
                    "other_stat_id": earlier["stat_id"],
                    "other_value": earlier["value"],
                    "other_value_text": earlier["value_text"],
                    "other_subject": earlier["subject"],
                    "unit": later["unit"],
                    "qualifier": later["qualifier"],
                    "context_similarity": round(similarity, 2),
                    "name_similarity": round(story.name_similarity, 2),
                    "text_similarity": round(story.text_similarity, 2),
                },
            }
        )
    return found


def _figures_by_document(documents: list[dict], statistics: list[dict], doc_ids: set[str] | None) -> dict[str, list[dict]]:
    """The countable statistics of loaded documents (of `doc_ids` only, if given), each with its sense and running-total flag."""
    texts = {doc["doc_id"]: doc["text"] for doc in documents if doc["status"] == "loaded" and doc.get("text") and (doc_ids is None or doc["doc_id"] in doc_ids)}
    by_document: dict[str, list[dict]] = defaultdict(list)
    for stat in statistics:
        if stat["doc_id"] in texts and _countable(stat):
            clause = figure_clause(stat, texts[stat["doc_id"]])
            by_document[stat["doc_id"]].append({**stat, "sense": figure_sense(stat, clause), "running": _running_total(clause)})
    return by_document


def _template(stat: dict, other: dict, everywhere: dict[str, list[dict]], settings: StorySettings) -> bool:
    """Whether the words two figures share frame figures in other documents too ("The selling concession is 1-1/4 pct"):
    a template phrase, which different stories fill with different values."""
    shared = stat["sense"] & other["sense"]
    elsewhere = sum(
        1
        for doc_id, figures in everywhere.items()
        if doc_id not in (stat["doc_id"], other["doc_id"]) and any(shared <= figure["sense"] for figure in figures if figure["unit"] == stat["unit"])
    )
    return elsewhere > settings.max_template_documents


def disputed_pairs(firsts: list[dict], seconds: list[dict], settings: StorySettings) -> list[tuple[dict, dict, float]]:
    """Statistics of two documents of one story that are each other's only best match and disagree."""
    best_first = {id(stat): _best_match(stat, seconds, settings) for stat in firsts}
    best_second = {id(stat): _best_match(stat, firsts, settings) for stat in seconds}
    pairs = []
    for stat in firsts:
        match = best_first[id(stat)]
        if match is None or best_second[id(match[0])] is None or best_second[id(match[0])][0] is not stat:
            continue
        other, similarity = match
        if not stat["running"] and not other["running"] and _disagree(stat, other, firsts, seconds, settings):
            pairs.append((stat, other, similarity))
    return pairs


def figure_clause(stat: dict, text: str) -> tuple[str, str]:
    """The words of a figure's own clause before it and after it."""
    start, end = stat["char_start"], stat["char_end"]
    return CLAUSE_END.split(text[max(0, start - 200) : start])[-1], CLAUSE_END.split(text[end : end + 200])[0]


def figure_sense(stat: dict, clause: tuple[str, str]) -> frozenset[str]:
    """What a figure counts: content words of its clause either side of it, its subject and its noun (not its number)."""
    before, after = clause
    words = _content_words(before)[-CONTEXT_WORDS:] + _content_words(after)[:CONTEXT_WORDS]
    own = _content_words(f"{stat.get('subject') or ''} {stat['value_text']}")
    return frozenset(words + [word for word in own if word not in NUMBER_WORDS])


def agree(first: dict, second: dict) -> bool:
    """Whether two figures are one value as written: equal, or equal at the coarser one's rounding (1.46 billion, 1,459,193,000)."""
    step = max(rounding_step(first), rounding_step(second))
    return abs(first["value"] - second["value"]) <= step / 2 + 1e-9 * max(abs(first["value"]), abs(second["value"]), 1.0)


def rounding_step(stat: dict) -> float:
    """How coarsely a figure is written: 114 mln to the million, 1.46 billion to ten million, 8.5% to a tenth; 16 pct exactly."""
    match = NUMBER_TEXT.search(stat["value_text"])
    if match is None:  # in words: "twelve" is exact, "one billion" is to the billion
        return 10.0 ** math.floor(math.log10(abs(stat["value"]))) if abs(stat["value"]) >= 1000 else 0.0
    if "/" in stat["value_text"]:
        return 0.0
    written = float(match.group(0).replace(",", ""))
    if not written:
        return 0.0
    scale, decimals = abs(stat["value"] / written), len(match.group(1) or "")
    if decimals == 0 and math.isclose(scale, 1.0):
        return 0.0  # a whole number written out in full ("16 pct", "1,459,193,000") is exact
    return scale * 10.0**-decimals


def _best_match(stat: dict, others: list[dict], settings: StorySettings) -> tuple[dict, float] | None:
    """The statistic of `others` that says the same thing as `stat`, if exactly one says it best."""
    scored = sorted(
        ((_context_similarity(stat, other), index) for index, other in enumerate(others) if _comparable(stat, other, settings)),
        reverse=True,
    )
    if not scored or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    similarity, index = scored[0]
    return others[index], similarity


def _comparable(stat: dict, other: dict, settings: StorySettings) -> bool:
    """Same unit and qualifier, and words around the figures that say the same thing."""
    if stat["unit"] != other["unit"] or stat["qualifier"] != other["qualifier"]:
        return False
    shared = stat["sense"] & other["sense"]
    return len(shared) >= settings.min_shared_context_words and _context_similarity(stat, other) >= settings.min_context_similarity


def _disagree(stat: dict, other: dict, firsts: list[dict], seconds: list[dict], settings: StorySettings) -> bool:
    """Values that differ beyond rounding and by at most max_value_ratio, with no agreeing figure in either document."""
    low, high = sorted((abs(stat["value"]), abs(other["value"])))
    if agree(stat, other) or low == 0 or high / low > settings.max_value_ratio:
        return False
    same_unit = [s for s in firsts + seconds if s["unit"] == stat["unit"]]
    return not any(agree(stat, s) for s in same_unit if s["doc_id"] == other["doc_id"]) and not any(
        agree(other, s) for s in same_unit if s["doc_id"] == stat["doc_id"]
    )


@cache
def running_total_phrases(path: Path = RUNNING_TOTALS) -> re.Pattern:
    """A pattern matching any phrase of data/running_totals.txt as whole words."""
    phrases = [line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines()]
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases if p) + r")\b")


def _running_total(clause: tuple[str, str]) -> bool:
    """Whether a figure's clause calls it a running total, which later reports of a story may rightly raise."""
    return bool(running_total_phrases().search(" ".join(clause).lower()))


def _countable(stat: dict) -> bool:
    """A figure that counts something a story reports: a unit, not a time span, not a range."""
    return bool(stat["unit"]) and stat["unit"] not in TIME_UNITS and stat["qualifier"] != "range"


def _context_similarity(stat: dict, other: dict) -> float:
    union = stat["sense"] | other["sense"]
    return len(stat["sense"] & other["sense"]) / len(union) if union else 0.0


def _content_words(text: str) -> list[str]:
    """Lower-case words bar stop words, possessives and plural -s dropped ("band two" keeps its "two")."""
    words = []
    for word in WORD.findall(text.lower()):
        word = word.removesuffix("'s").rstrip("'")
        if word in STOP_WORDS or len(word) < 2:
            continue
        words.append(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return words


def _sharing_distinctive_names(names: dict[str, set[str]], documents: int, settings: StorySettings) -> Counter:
    """(doc_id, doc_id) -> how many distinctive names the two documents share."""
    counts = Counter(name for found in names.values() for name in found)
    cap = max(2, int(documents * settings.distinctive_share))
    holders: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(names):
        for name in names[doc_id]:
            if 2 <= counts[name] <= cap:
                holders[name].append(doc_id)
    shared: Counter = Counter()
    for doc_ids in holders.values():
        shared.update(combinations(doc_ids, 2))
    return shared


def _rarity(sets, documents: int) -> dict[str, float]:
    """A weight per item: higher the fewer documents hold it (a smoothed inverse document frequency)."""
    counts = Counter(item for found in sets for item in found)
    return {item: math.log(1 + documents / count) for item, count in counts.items()}


def _weighted_jaccard(first: set[str], second: set[str], weight: dict[str, float]) -> float:
    """Jaccard similarity with each item counted by its weight."""
    union = sum(weight[item] for item in first | second)
    return sum(weight[item] for item in first & second) / union if union else 0.0


def _timestamp(document: dict) -> float:
    """When a document was published, as a number; undated ones sort first."""
    published = document.get("published_at")
    return published.timestamp() if isinstance(published, datetime) else float("-inf")


def _close_in_time(first: dict, second: dict, window_hours: float) -> bool:
    """Published within the window of each other, or at least one undated."""
    a, b = first.get("published_at"), second.get("published_at")
    if not isinstance(a, datetime) or not isinstance(b, datetime):
        return True
    return abs((a - b).total_seconds()) <= window_hours * 3600
