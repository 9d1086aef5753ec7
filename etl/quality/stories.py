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
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from etl import rules
from etl.settings import Settings
from etl.sql import rows, scalar
from etl.text import PROSE_WORD, prose_words

DATA = Path(__file__).parent / "data"
# Figures that are dates, ages and durations rather than counts of a story's facts.
TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "time"})
# Where the words that say what a figure counts stop: clause punctuation and conjunctions.
CLAUSE_END = re.compile(r"[,;:()\"“”]|[.!?](?=\s|$)|\n\s*\n|\s(?:and|or|but|while|whereas)\s", re.I)
# Words that say how many rather than what: not part of what a figure counts.
NUMBER_WORDS = rules.words(DATA / "story_number_words.txt")
# Words too common to tell two reports' figures apart.
STOP_WORDS = rules.words(DATA / "story_stop_words.txt")
NUMBER_TEXT = re.compile(r"\d[\d,]*(?:\.(\d+))?")
# How many words either side of a figure say what it counts.
CONTEXT_WORDS = 10
# Phrases that make a figure a running total ("so far", "since the invasion"), which later reports may raise.
RUNNING_TOTALS = DATA / "running_totals.txt"


# When two documents are one story (besides settings.story_window_hours), and when two of their figures count one thing.
MIN_SHARED_NAMES = 2
# A name is distinctive when at most this share of the documents (and at least two) mention it.
DISTINCTIVE_SHARE = 0.02
MIN_NAME_SIMILARITY = 0.5
MIN_TEXT_SIMILARITY = 0.35
MIN_CONTEXT_SIMILARITY = 0.5
MIN_SHARED_CONTEXT_WORDS = 3
MAX_VALUE_RATIO = 2.0
# Other documents whose figures may be framed by the same words before the phrase counts as a template.
MAX_TEMPLATE_DOCUMENTS = 1


@dataclass(frozen=True)
class Story:
    """Two documents found to tell one story, and how alike they are."""

    first: str  # the earlier, when both are dated
    second: str
    name_similarity: float
    text_similarity: float


# Stories handed on at a time, so the figures of their documents are read a chunk at a time.
STORY_CHUNK = 500


def iter_stories(connection, settings: Settings, chunk: int = STORY_CHUNK):
    """find_stories in chunks, all in SQL: no step holds every document, name or word of the corpus in memory.

    Candidates share MIN_SHARED_NAMES distinctive names; they must be close in time, and alike in
    names and then in words (weighted Jaccard, a weight per name or word the rarer it is over every
    loaded document). Words are read only for the documents of pairs alike in names.
    """
    loaded = "SELECT doc_id, title, text, published_at FROM documents WHERE status = 'loaded' AND coalesce(text, '') <> ''"
    connection.execute(f"CREATE OR REPLACE TEMP TABLE story_loaded AS {loaded}")
    total = scalar(connection, "SELECT count(*) FROM story_loaded")
    cap = max(2, int(total * DISTINCTIVE_SHARE))
    run = connection.execute
    run(
        "CREATE OR REPLACE TEMP TABLE doc_names AS "
        "SELECT DISTINCT doc_id, actor_id FROM actor_mentions SEMI JOIN story_loaded USING (doc_id)"
    )
    run(
        "CREATE OR REPLACE TEMP TABLE name_weights AS "
        "SELECT actor_id, count(*) AS holders, ln(1 + ?::DOUBLE / count(*)) AS weight FROM doc_names GROUP BY actor_id",
        [total],
    )
    run(
        """
        CREATE OR REPLACE TEMP TABLE story_pairs AS
        SELECT a.doc_id AS first, b.doc_id AS second FROM doc_names a
        JOIN doc_names b ON b.actor_id = a.actor_id AND a.doc_id < b.doc_id
        JOIN name_weights w ON w.actor_id = a.actor_id AND w.holders BETWEEN 2 AND ?
        GROUP BY ALL HAVING count(*) >= ?
        """,
        [cap, MIN_SHARED_NAMES],
    )
    run(
        """
        CREATE OR REPLACE TEMP TABLE story_timed AS
        SELECT p.first, p.second FROM story_pairs p
        JOIN story_loaded a ON a.doc_id = p.first JOIN story_loaded b ON b.doc_id = p.second
        WHERE a.published_at IS NULL OR b.published_at IS NULL OR abs(epoch(a.published_at) - epoch(b.published_at)) <= ? * 3600
        """,
        [settings.story_window_hours],
    )
    _similarity(connection, "story_timed", "doc_names", "actor_id", "name_weights", "story_named", "name_similarity")
    run("DELETE FROM story_named WHERE name_similarity < ?", [MIN_NAME_SIMILARITY])
    run("CREATE OR REPLACE TEMP TABLE story_documents AS SELECT first AS doc_id FROM story_named UNION SELECT second FROM story_named")
    words = "SELECT DISTINCT doc_id, unnest(regexp_extract_all(lower(coalesce(title, '') || chr(10) || text), ?)) AS word FROM story_loaded"
    run(f"CREATE OR REPLACE TEMP TABLE doc_words AS SELECT * FROM ({words}) SEMI JOIN story_documents USING (doc_id)", [PROSE_WORD.pattern])
    run(
        f"""
        CREATE OR REPLACE TEMP TABLE word_weights AS
        SELECT word, ln(1 + ?::DOUBLE / count(*)) AS weight
        FROM ({words}) SEMI JOIN (SELECT DISTINCT word FROM doc_words) USING (word) GROUP BY word
        """,
        [total, PROSE_WORD.pattern],
    )
    _similarity(connection, "story_named", "doc_words", "word", "word_weights", "story_alike", "text_similarity", keep="p.name_similarity")
    query = f"""
        SELECT s.first, s.second, s.name_similarity, s.text_similarity, a.published_at AS first_at, b.published_at AS second_at
        FROM story_alike s JOIN story_loaded a ON a.doc_id = s.first JOIN story_loaded b ON b.doc_id = s.second
        WHERE s.text_similarity >= {float(MIN_TEXT_SIMILARITY)!r} ORDER BY s.first, s.second
    """
    found: list[Story] = []
    for row in rows(connection, query):
        earlier, later = sorted([(_timestamp(row["first_at"]), row["first"]), (_timestamp(row["second_at"]), row["second"])])
        found.append(Story(earlier[1], later[1], row["name_similarity"], row["text_similarity"]))
        if len(found) >= chunk:
            yield found
            found = []
    if found:
        yield found


def _similarity(connection, pairs: str, items: str, item: str, weights: str, target: str, column: str, keep: str = "") -> None:
    """Table `target`: each pair of `pairs` with the weighted Jaccard similarity of its documents' `items`."""
    kept = f", {keep}" if keep else ""
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {target} AS
        WITH totals AS (SELECT i.doc_id, sum(w.weight) AS total FROM {items} i JOIN {weights} w USING ({item}) GROUP BY i.doc_id),
             shared AS (
                SELECT p.first, p.second, sum(w.weight) AS weight FROM {pairs} p
                JOIN {items} a ON a.doc_id = p.first JOIN {items} b ON b.doc_id = p.second AND b.{item} = a.{item}
                JOIN {weights} w ON w.{item} = a.{item} GROUP BY ALL
             )
        SELECT p.first, p.second{kept},
               CASE WHEN coalesce(ta.total, 0) + coalesce(tb.total, 0) - coalesce(s.weight, 0) > 0
                    THEN coalesce(s.weight, 0) / (coalesce(ta.total, 0) + coalesce(tb.total, 0) - coalesce(s.weight, 0))
                    ELSE 0 END AS {column}
        FROM {pairs} p LEFT JOIN shared s USING (first, second)
        LEFT JOIN totals ta ON ta.doc_id = p.first LEFT JOIN totals tb ON tb.doc_id = p.second
        """
    )


def story_figure_findings(connection, settings: Settings) -> list[dict]:
    """One `inconsistent_figure` finding (shaped as figures.py's) per pair of disagreeing statistics of one story,
    over the views `documents`, `statistics` and `actor_mentions`; stories are read a chunk at a time.

    The finding sits on the later report (the second of an undated pair); `other_*` details are the earlier one's.
    """
    found = []
    for stories in iter_stories(connection, settings):
        in_stories = sorted({doc_id for story in stories for doc_id in (story.first, story.second)})
        by_document = _story_figures_by_document(connection, in_stories)
        disputed = [(story, pair) for story in stories for pair in disputed_pairs(by_document[story.first], by_document[story.second])]
        found += [_story_finding(story, pair) for story, pair in disputed if not _template(connection, pair[0], pair[1])]
    return found


def _story_finding(story: Story, pair: tuple[dict, dict, float]) -> dict:
    earlier, later, similarity = pair
    return {
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


# Each statistic of a loaded document that counts something a story reports (a unit, not a time span, not a range),
# with up to 200 characters either side, from which _with_sense takes its clause.
FIGURES_WITH_CLAUSES = f"""
    SELECT s.stat_id, s.doc_id, s.value, s.value_text, s.qualifier, s.unit, s.subject, s.char_start, s.char_end,
           substring(d.text, greatest(s.char_start - 200, 0) + 1, s.char_start - greatest(s.char_start - 200, 0)) AS before,
           substring(d.text, s.char_end + 1, 200) AS after
    FROM statistics s JOIN documents d ON d.doc_id = s.doc_id AND d.status = 'loaded' AND coalesce(d.text, '') <> ''
    WHERE s.unit IS NOT NULL AND s.unit <> '' AND s.qualifier <> 'range'
      AND s.unit NOT IN ({", ".join(f"'{unit}'" for unit in sorted(TIME_UNITS))})
"""


def _story_figures_by_document(connection, doc_ids: list[str]) -> dict[str, list[dict]]:
    """The countable statistics of these documents, each with its sense and running-total flag, in table order."""
    connection.register("story_figure_documents", _ids(doc_ids))
    by_document: dict[str, list[dict]] = defaultdict(list)
    for stat in rows(connection, f"SELECT * FROM ({FIGURES_WITH_CLAUSES}) SEMI JOIN story_figure_documents USING (doc_id)"):
        by_document[stat["doc_id"]].append(_with_sense(stat))
    return by_document


def _with_sense(stat: dict) -> dict:
    clause = (CLAUSE_END.split(stat.pop("before"))[-1], CLAUSE_END.split(stat.pop("after"))[0])
    return {**stat, "sense": figure_sense(stat, clause), "running": _running_total(clause)}


def _template(connection, stat: dict, other: dict) -> bool:
    """Whether the words two figures share frame figures in other documents too ("The selling concession is 1-1/4 pct"):
    a template phrase, which different stories fill with different values."""
    shared = stat["sense"] & other["sense"]
    elsewhere = set()
    for figure in rows(
        connection,
        f"SELECT * FROM ({FIGURES_WITH_CLAUSES}) f WHERE f.unit = ? AND f.doc_id NOT IN (?, ?)",
        [stat["unit"], stat["doc_id"], other["doc_id"]],
    ):
        if figure["doc_id"] not in elsewhere and shared <= _with_sense(figure)["sense"]:
            elsewhere.add(figure["doc_id"])
            if len(elsewhere) > MAX_TEMPLATE_DOCUMENTS:
                return True
    return False


def _ids(doc_ids: list[str]) -> pa.Table:
    return pa.table({"doc_id": pa.array(doc_ids, pa.string())})


def disputed_pairs(firsts: list[dict], seconds: list[dict]) -> list[tuple[dict, dict, float]]:
    """Statistics of two documents of one story that are each other's only best match and disagree."""
    best_first = {id(stat): _best_match(stat, seconds) for stat in firsts}
    best_second = {id(stat): _best_match(stat, firsts) for stat in seconds}
    pairs = []
    for stat in firsts:
        match = best_first[id(stat)]
        back = best_second[id(match[0])] if match is not None else None
        if match is None or back is None or back[0] is not stat:
            continue
        other, similarity = match
        if not stat["running"] and not other["running"] and _disagree(stat, other, firsts, seconds):
            pairs.append((stat, other, similarity))
    return pairs


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


def _best_match(stat: dict, others: list[dict]) -> tuple[dict, float] | None:
    """The statistic of `others` that says the same thing as `stat`, if exactly one says it best."""
    scored = sorted(
        ((_context_similarity(stat, other), index) for index, other in enumerate(others) if _comparable(stat, other)),
        reverse=True,
    )
    if not scored or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    similarity, index = scored[0]
    return others[index], similarity


def _comparable(stat: dict, other: dict) -> bool:
    """Same unit and qualifier, and words around the figures that say the same thing."""
    if stat["unit"] != other["unit"] or stat["qualifier"] != other["qualifier"]:
        return False
    shared = stat["sense"] & other["sense"]
    return len(shared) >= MIN_SHARED_CONTEXT_WORDS and _context_similarity(stat, other) >= MIN_CONTEXT_SIMILARITY


def _disagree(stat: dict, other: dict, firsts: list[dict], seconds: list[dict]) -> bool:
    """Values that differ beyond rounding and by at most MAX_VALUE_RATIO, with no agreeing figure in either document."""
    low, high = sorted((abs(stat["value"]), abs(other["value"])))
    if agree(stat, other) or low == 0 or high / low > MAX_VALUE_RATIO:
        return False
    same_unit = [s for s in firsts + seconds if s["unit"] == stat["unit"]]
    return not any(agree(stat, s) for s in same_unit if s["doc_id"] == other["doc_id"]) and not any(
        agree(other, s) for s in same_unit if s["doc_id"] == stat["doc_id"]
    )


def _running_total(clause: tuple[str, str]) -> bool:
    """Whether a figure's clause calls it a running total, which later reports of a story may rightly raise."""
    return bool(rules.phrases(RUNNING_TOTALS).search(" ".join(clause)))


def _context_similarity(stat: dict, other: dict) -> float:
    union = stat["sense"] | other["sense"]
    return len(stat["sense"] & other["sense"]) / len(union) if union else 0.0


def _content_words(text: str) -> list[str]:
    """Lower-case words bar stop words, possessives and plural -s dropped ("band two" keeps its "two")."""
    words = []
    for word in prose_words(text):
        word = word.removesuffix("'s").rstrip("'")
        if word in STOP_WORDS or len(word) < 2:
            continue
        words.append(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return words


def _timestamp(published) -> float:
    """When a document was published, as a number; undated ones sort first."""
    return published.timestamp() if isinstance(published, datetime) else float("-inf")
