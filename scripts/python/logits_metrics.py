"""Loss and top-1/top-5 hits of a logits matrix, exactly as scoreLogits of @wrn/train scores an evaluation.

In float64 from the float32 logits: per example log-sum-exp minus the label's logit (summed, not averaged), and the
label's rank as the number of classes scoring strictly higher (ties favour the label): top-1 when none does, top-5
when fewer than five do (packages/train/src/logits-metrics.ts).

Usage (as a module): from logits_metrics import score_logits; loss_sum, top1, top5 = score_logits(logits, labels)
"""
import numpy as np


def score_logits(logits, labels):
    """(summed loss, top-1 hits, top-5 hits) of float logits [n, classes] and integer labels [n]."""
    rows = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    peak = rows.max(axis=1)
    target = rows[np.arange(len(labels)), labels]
    loss = np.log(np.exp(rows - peak[:, None]).sum(axis=1)) + peak - target
    higher = (rows > target[:, None]).sum(axis=1)
    return float(loss.sum()), int((higher == 0).sum()), int((higher < 5).sum())
