"""`etl eval`: the pipeline's tables scored against gold annotations (precision, recall, F1, misses)."""

from __future__ import annotations

from etl.evaluate.runner import Evaluation, evaluate

__all__ = ["Evaluation", "evaluate"]
