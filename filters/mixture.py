"""The mixture arithmetic (LLaMA Table 1): how often each source's documents are repeated so
that sources reach their sampling shares, within their epochs."""

from __future__ import annotations

import math

from filters.keyed import keyed_fraction


class MixtureError(ValueError):
    """The mixture cannot follow the recipe: a source is missing or falls short of its share."""


def plan_mixture(
    available: dict[str, int],
    shares: dict[str, float],
    epochs: dict[str, float],
    total_tokens: int | None = None,
) -> dict[str, dict]:
    """Per source with tokens: target share, repeat factor, expected tokens, and notes.

    Shares are renormalised over the sources present. With `total_tokens` None the budget is the
    largest one at which every source reaches its share without exceeding its configured epochs
    (so the shares are met exactly and the scarcest source sets the size). With a budget given,
    a source that would need more than its configured epochs is capped there and reported.
    """
    present = {s: n for s, n in available.items() if n > 0 and shares.get(s, 0) > 0}
    if not present:
        raise ValueError("no source with tokens and a share to mix")
    share_sum = sum(shares[s] for s in present)
    target_share = {s: shares[s] / share_sum for s in present}
    if total_tokens is None:
        total_tokens = int(min(present[s] * epochs[s] / target_share[s] for s in present))
    plan = {}
    for source, tokens in sorted(present.items()):
        wanted = target_share[source] * total_tokens / tokens
        repeats = min(wanted, epochs[source])
        plan[source] = {
            "available_tokens": tokens,
            "target_share": round(target_share[source], 6),
            "configured_epochs": epochs[source],
            "repeats": repeats,
            "wanted_tokens": target_share[source] * total_tokens,
            "capped": wanted > epochs[source] + 1e-12,
        }
    return plan


def copies(doc_id: str, repeats: float, seed: int) -> int:
    """How many times a document goes into the mixture: the whole passes of `repeats`, plus one
    more for a keyed-hash-chosen fraction of documents equal to its fractional part."""
    whole = math.floor(repeats)
    return whole + (keyed_fraction(doc_id, seed, "epochs") < repeats - whole)
