"""Keyed hashes for deterministic sampling: the same id, seed and purpose always give the same
number, on any machine, runner or Python version (never Python's salted `hash()`)."""

from __future__ import annotations

import hashlib


def keyed_fraction(item_id: str, seed: int, purpose: str) -> float:
    """A number in [0, 1) for an id, a seed and a purpose (sampling, hold-out, shuffling)."""
    key = f"llama-corpus/{purpose}/{seed}".encode()[:64]
    digest = hashlib.blake2b(item_id.encode("utf-8"), key=key, digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2.0**64
