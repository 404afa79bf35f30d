"""Writing Megatron-LM's indexed dataset (`.bin` + `.idx`, "MMIDIDX" version 1), the format
Megatron-LM, NeMo and GPT-NeoX load. Layout of the `.idx` (little-endian), per megatron-core's
`indexed_dataset.py`: magic, version, dtype code, sequence count, document count, then the
sequence lengths (int32), the sequences' byte offsets in `.bin` (int64) and the document
boundaries (int64, starting with 0)."""

from __future__ import annotations

import struct
from collections.abc import Iterable

import numpy as np

MAGIC = b"MMIDIDX\x00\x00"
VERSION = 1
DTYPE_CODES = {np.dtype(np.uint8): 1, np.dtype(np.int8): 2, np.dtype(np.int16): 3,
               np.dtype(np.int32): 4, np.dtype(np.int64): 5, np.dtype(np.float64): 6,
               np.dtype(np.float32): 7, np.dtype(np.uint16): 8}  # fmt: skip


def encode_indexed_dataset(sequences: Iterable[np.ndarray], dtype) -> tuple[bytes, bytes]:
    """The `.bin` and `.idx` bytes for `sequences`, one document per sequence."""
    dtype = np.dtype(dtype)
    if dtype not in DTYPE_CODES:
        raise ValueError(f"Megatron's indexed dataset has no code for {dtype}")
    arrays = [np.asarray(s, dtype=dtype) for s in sequences]
    lengths = np.array([len(a) for a in arrays], dtype=np.int32)
    pointers = np.zeros(len(arrays), dtype=np.int64)
    if len(arrays) > 1:
        pointers[1:] = np.cumsum(lengths[:-1], dtype=np.int64) * dtype.itemsize
    documents = np.arange(len(arrays) + 1, dtype=np.int64)
    index = b"".join([
        MAGIC,
        struct.pack("<Q", VERSION),
        struct.pack("<B", DTYPE_CODES[dtype]),
        struct.pack("<Q", len(arrays)),
        struct.pack("<Q", len(documents)),
        lengths.astype("<i4").tobytes(),
        pointers.astype("<i8").tobytes(),
        documents.astype("<i8").tobytes(),
    ])  # fmt: skip
    data = b"".join(a.astype(dtype.newbyteorder("<")).tobytes() for a in arrays)
    return data, index
