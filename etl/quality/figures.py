"""Inconsistent and implausible figures: the same thing counted differently, or a count that cannot be."""

from __future__ import annotations

import re
from collections import defaultdict

from etl.quality.dedup import changed_figures

HEADLINE_KINDS = {"headline", "standfirst", "summary"}
# Words that make a percentage over 100 a change, not a share ("prices rose 150%").
CHANGE_WORDS = re.compile(r"\b(?:ris\w*|rose|increas\w*|grow\w*|grew|gain\w*|jump\w*|surg\w*|up|higher|more|soar\w*|skyrocket\w*|rocket\w*|spik\w*|balloon\w*|plung\w*|climb\w*|doubl\w*|tripl\w*|fell|fall\w*|drop\w*|declin\w*|down|lower|cut|decreas\w*|change\w*|inflation|growth|return\w*)\b", re.I)


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
            stat = _statistic_at(stats_by_doc[copy["doc_id"]], start, end)
            found.append(
                {
                    "doc_id": copy["doc_id"],
                    "ref": f"{stat['stat_id'] if stat else _span_ref(copy['doc_id'], start, end)}|{_span_ref(copy['doc_id'], copy_start, copy_end)}",
                    "details": {
                        "where": "repeated paragraph",
                        "stat_id": stat["stat_id"] if stat else None,
                        "block_idx": original["block_idx"],
                        "duplicate_block_idx": copy["block_idx"],
                        "value_text": original["text"][a_start:a_end],
                        "duplicate_value_text": copy["text"][b_start:b_end],
                        "unit": stat["unit"] if stat else None,
                        "subject": stat["subject"] if stat else None,
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
                        "details": {"where": "headline against body", "unit": unit, "subject": head["subject"],
                                    "value": head["value"], "body_value": other["value"]},
                    }
                )
    return found


def implausible_figures(statistics: list[dict]) -> list[dict]:
    """Figures that cannot be: a share over 100 percent, a negative count."""
    found = []
    for stat in statistics:
        share_over_100 = stat["unit"] == "percent" and stat["value"] > 100 and not CHANGE_WORDS.search(stat["sentence"] or "")
        if share_over_100 or stat["value"] < 0 and stat["unit"] not in (None, "percent", "usd", "eur", "gbp"):
            found.append({"doc_id": stat["doc_id"], "ref": stat["stat_id"], "details": {"value": stat["value"], "unit": stat["unit"], "value_text": stat["value_text"]}})
    return found


def _statistic_at(statistics: list[dict], start: int, end: int) -> dict | None:
    """The statistic of one document whose span covers [start, end)."""
    return next((s for s in statistics if s["char_start"] <= start and end <= s["char_end"]), None)


def _span_ref(doc_id: str, start: int, end: int) -> str:
    return f"{doc_id}:{start}-{end}"
