"""Ranking and threshold metrics of a binary scorer against labels (1 positive, 0 negative)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve: the probability that a random positive outscores a random
    negative (ties count half), from average ranks (Mann-Whitney U). NaN without both labels."""
    scores_arr = np.asarray(scores, dtype=float)
    labels_arr = np.asarray(labels, dtype=bool)
    positives, negatives = int(labels_arr.sum()), int((~labels_arr).sum())
    if positives == 0 or negatives == 0:
        return float("nan")
    order = np.argsort(scores_arr, kind="mergesort")
    sorted_scores = scores_arr[order]
    # average rank of each run of tied scores
    starts = np.flatnonzero(np.r_[True, sorted_scores[1:] != sorted_scores[:-1]])
    ends = np.r_[starts[1:], len(sorted_scores)]
    run_rank = (starts + ends - 1) / 2 + 1
    ranks = np.empty(len(scores_arr))
    ranks[order] = np.repeat(run_rank, ends - starts)
    rank_sum = ranks[labels_arr].sum()
    return float((rank_sum - positives * (positives + 1) / 2) / (positives * negatives))


def rates_at(scores: Sequence[float], labels: Sequence[int], threshold: float) -> dict[str, float]:
    """Accuracy, precision and recall of `score >= threshold` as the positive decision."""
    predicted = np.asarray(scores, dtype=float) >= threshold
    actual = np.asarray(labels, dtype=bool)
    true_positive = int((predicted & actual).sum())
    return {
        "accuracy": float((predicted == actual).mean()) if len(actual) else float("nan"),
        "precision": true_positive / int(predicted.sum()) if predicted.any() else float("nan"),
        "recall": true_positive / int(actual.sum()) if actual.any() else float("nan"),
    }
