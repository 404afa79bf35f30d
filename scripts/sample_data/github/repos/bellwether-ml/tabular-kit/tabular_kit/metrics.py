# Copyright (c) 2023, Bellwether ML contributors
# All rights reserved.
#
# This source code is licensed under the BSD 3-Clause license found in the
# LICENSE file in the root directory of this source tree.

"""Classification metrics on plain Python sequences, for when NumPy is overkill."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence

__all__ = ["confusion_counts", "log_loss", "macro_f1", "matthews_corrcoef", "precision_recall_f1"]


def confusion_counts(y_true: Sequence[Hashable], y_pred: Sequence[Hashable]) -> Counter:
    """Count (true label, predicted label) pairs."""
    if len(y_true) != len(y_pred):
        raise ValueError(f"length mismatch: {len(y_true)} != {len(y_pred)}")
    return Counter(zip(y_true, y_pred))


def precision_recall_f1(y_true, y_pred, positive=1) -> tuple[float, float, float]:
    """Precision, recall and F1 of one class; 0.0 where a ratio is undefined."""
    counts = confusion_counts(y_true, y_pred)
    tp = counts[(positive, positive)]
    fp = sum(n for (t, p), n in counts.items() if p == positive and t != positive)
    fn = sum(n for (t, p), n in counts.items() if t == positive and p != positive)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def macro_f1(y_true, y_pred) -> float:
    """Unweighted mean of the per-class F1 scores over every label seen."""
    labels = set(y_true) | set(y_pred)
    if not labels:
        raise ValueError("macro_f1 of empty sequences")
    return sum(precision_recall_f1(y_true, y_pred, label)[2] for label in labels) / len(labels)


def log_loss(y_true: Sequence[int], proba: Sequence[float], eps: float = 1e-15) -> float:
    """Mean binary cross-entropy; probabilities are clipped to [eps, 1 - eps]."""
    if not y_true:
        raise ValueError("log_loss of empty sequences")
    total = 0.0
    for label, p in zip(y_true, proba, strict=True):
        p = min(max(p, eps), 1 - eps)
        total -= math.log(p) if label == 1 else math.log(1 - p)
    return total / len(y_true)


def matthews_corrcoef(y_true, y_pred, positive=1) -> float:
    """Matthews correlation of a binary classification; 0.0 when undefined."""
    counts = confusion_counts(y_true, y_pred)
    tp = tn = fp = fn = 0
    for (t, p), n in counts.items():
        if p == positive:
            tp, fp = (tp + n, fp) if t == positive else (tp, fp + n)
        else:
            fn, tn = (fn + n, tn) if t == positive else (fn, tn + n)
    denom = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / denom if denom else 0.0
