"""Print an evaluation (the misses of each metric, then one table of figures) or write it as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from etl.errors import UsageError
from etl.evaluate.runner import Evaluation

FOOTNOTES = {
    "ours": "tp and fn count gold items (found or not), fp the predictions matching no gold item; P = (pred - fp) / pred. "
    "`+qualifier`: value, unit and qualifier all right. Speaker, source, actor2, certainty and mode rows count "
    "only the gold items that were found.",
    "plover": "items: gold sentences; right: those whose coded type (or an also_accepted one) is among the sentence's "
    "events (`type found`), and, of those, the ones where such an event has the gold doer as actor1 (either actor when "
    "symmetric; by name, or by country when the doer is a country or its government or forces).",
    "polnear": "tp and fn count gold relations (>= 80% of their words inside predicted quotes), fp the predicted quotes "
    "not >= 80% inside a gold content span; P = (pred - fp) / pred. Direct quotes are found by direct or partial rows "
    "(`kind direct`: by direct rows only), the others by any row. Speaker rows count the predicted quotes that were right.",
}


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def figures_table(evaluation: Evaluation) -> Table:
    """One row per metric: tp, fn, fp, precision, recall, F1 (PLOVER: items, right, missed, share)."""
    table = Table(title=f"{evaluation.format} gold, {evaluation.documents} document(s)", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("metric", no_wrap=True)
    if evaluation.format == "plover":
        for name in ("items", "right", "missed", "share"):
            table.add_column(name, justify="right")
        for name, score in evaluation.scores.items():
            table.add_row(name, str(score.gold), str(score.tp), str(score.fn), _ratio(score.recall))
        for name, value in evaluation.averages.items():
            table.add_row(name, "", "", "", _ratio(value))
        return table
    for name in ("gold", "tp", "fn", "pred", "fp", "P", "R", "F1"):
        table.add_column(name, justify="right")
    for name, score in evaluation.scores.items():
        if not (score.gold or score.predicted):
            continue  # a metric with nothing to count (an event type absent from this gold)
        table.add_row(
            name,
            str(score.gold),
            str(score.tp),
            str(score.fn),
            str(score.predicted),
            str(score.fp),
            _ratio(score.precision),
            _ratio(score.recall),
            _ratio(score.f1),
        )
    return table


def print_evaluation(evaluation: Evaluation, show_misses: int = 30, show_false: int = 0, console: Console | None = None) -> None:
    """Up to `show_misses` missed gold items (and `show_false` unsupported predictions) per metric, then the figures last."""
    out = console or Console()
    for note in evaluation.notes:
        out.print(f"note: {note}", markup=False)
    for name, score in evaluation.scores.items():
        _listing(out, f"{name}: missed", score.misses, show_misses, "--show-misses")
        _listing(out, f"{name}: predicted, matching no gold item", score.false, show_false, "--show-false")
    out.print(figures_table(evaluation))
    out.print(FOOTNOTES[evaluation.format], markup=False)
    out.print(f"gold {evaluation.gold}, seeds {evaluation.seeds}: {evaluation.seconds:.1f} s, run {evaluation.run_id}", markup=False)


def _listing(out: Console, title: str, lines: list[str], limit: int, flag: str) -> None:
    if not lines or limit <= 0:
        return
    out.print(f"\n== {title} ({len(lines)})", markup=False, highlight=False)
    for line in lines[:limit]:
        out.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
    if len(lines) > limit:
        out.print(f"  … and {len(lines) - limit} more ({flag} N)", markup=False, highlight=False)


def evaluation_json(evaluation: Evaluation) -> dict:
    """Every figure and every miss, as plain JSON values."""
    return {
        "format": evaluation.format,
        "gold": evaluation.gold,
        "seeds": evaluation.seeds,
        "documents": evaluation.documents,
        "run_id": evaluation.run_id,
        "seconds": round(evaluation.seconds, 1),
        "notes": evaluation.notes,
        "averages": evaluation.averages,
        "metrics": {name: {**score.figures(), "misses": score.misses, "false": score.false} for name, score in evaluation.scores.items()},
    }


def write_json(evaluation: Evaluation, path: Path) -> None:
    """The evaluation as a JSON file."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(evaluation_json(evaluation), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {str(path)!r}: {error.strerror}; pass --json FILE in a writable folder") from None
