"""The LLaMA tokenizer: SentencePiece BPE with Meta's trainer settings (Touvron et al. 2023,
section 2.1: "we split all numbers into individual digits, and fallback to bytes to decompose
unknown UTF-8 characters"), trained by us, and linear-cost document encoding that remembers
the tokens of each word it has seen."""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Iterable
from itertools import chain
from pathlib import Path

import numpy as np

from filters import model_files

UNK_ID, BOS_ID, EOS_ID = 0, 1, 2
CHUNK_CHARS = 65_536  # long documents are encoded in pieces of about this size, split at lines
MEMO_WORDS = 262_144  # the word memo is emptied when it holds this many words
MEMO_WORD_CHARS = 64  # longer words are encoded each time, not remembered
SPACE_SYMBOL = "\u2581"  # SentencePiece's stand-in for a space


def trainer_settings(vocab_size: int) -> dict:
    """Meta's LLaMA tokenizer settings, as recorded in its model file's trainer spec."""
    return {
        "model_type": "bpe",
        "vocab_size": vocab_size,
        "character_coverage": 0.99995,
        "split_digits": True,
        "byte_fallback": True,
        "normalization_rule_name": "identity",
        "remove_extra_whitespaces": False,
        "add_dummy_prefix": True,
        "allow_whitespace_only_pieces": True,
        "max_sentencepiece_length": 16,
        "split_by_unicode_script": True,
        "split_by_number": True,
        "unk_id": UNK_ID,
        "bos_id": BOS_ID,
        "eos_id": EOS_ID,
        "pad_id": -1,
    }


def train_tokenizer(
    lines: Iterable[str], model_path: str | Path, vocab_size: int = 32000, threads: int = 1
) -> dict:
    """Train on `lines` (one sentence each) and write the model atomically. When the sample is
    too small for `vocab_size` pieces, the vocabulary is as large as the sample allows (and the
    returned info says so). Single-threaded by default, so the model is reproducible."""
    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, num_threads=threads,
        hard_vocab_limit=False, minloglevel=2, **trainer_settings(vocab_size),
    )  # fmt: skip
    data = model.getvalue()
    model_files.write_bytes(model_path, data)
    size = sentencepiece.SentencePieceProcessor(model_proto=data).get_piece_size()
    return {"vocab_size": size, "requested_vocab_size": vocab_size,
            "sha256": hashlib.sha256(data).hexdigest()}  # fmt: skip


def adopt_tokenizer(given: str | Path, model_path: str | Path) -> dict:
    """Copy the SentencePiece model `given` (any path the file systems read) to `model_path`
    after checking that it loads; returns its size, checksum and where it came from. A file
    that is not a SentencePiece model is a ValueError naming it."""
    import sentencepiece

    data = model_files.read_bytes(given)
    try:
        size = sentencepiece.SentencePieceProcessor(model_proto=data).get_piece_size()
    except (RuntimeError, TypeError) as exc:
        raise ValueError(f"tokenizer.model {given} is not a SentencePiece model: {exc}") from exc
    model_files.write_bytes(model_path, data)
    return {"vocab_size": size, "given": str(given),
            "sha256": hashlib.sha256(data).hexdigest()}  # fmt: skip


def export_hugging_face(model_path: str | Path, folder: str | Path) -> dict[str, str]:
    """Write a Hugging Face tokenizer folder (tokenizer.json, tokenizer_config.json,
    special_tokens_map.json) converted from the SentencePiece model by transformers' own
    converter, encoding as the .model does (the dummy prefix and whitespace kept, no BOS/EOS
    added by `encode`). Returns what was written, or a warning: transformers is a dev
    dependency, and the .model stays the source of truth."""
    try:
        import transformers
        from transformers import LlamaTokenizerFast
    except ImportError:
        return {"warning": "transformers is not installed: no Hugging Face tokenizer folder"}
    tokenizer = LlamaTokenizerFast(
        vocab_file=str(model_files.local(model_path)),
        legacy=True,
        add_prefix_space=True,
        add_bos_token=False,
        add_eos_token=False,
        from_slow=True,
    )
    with tempfile.TemporaryDirectory(prefix="hf-tokenizer-") as saved:
        tokenizer.save_pretrained(saved)
        for file in sorted(Path(saved).iterdir()):
            model_files.write_bytes(model_files.join(folder, file.name), file.read_bytes())
    return {"folder": model_files.basename(folder),
            "converter": f"transformers {transformers.__version__}"}  # fmt: skip


class Tokenizer:
    """Encodes documents to token ids followed by EOS, exactly as SentencePiece encodes them.

    When the model's pieces cannot cross a space (see `encodes_words_alone`), a document is
    encoded word by word: each run of spaces with the word after it is encoded once and its
    tokens remembered (a bounded memo, as Hugging Face's BPE keeps a word cache), so common
    words cost a dictionary lookup. Other models, and documents whose spaces need the whole
    text (trailing spaces, a literal U+2581), are encoded whole; longer than CHUNK_CHARS, in
    line-aligned chunks: each chunk after the first is encoded behind a newline whose tokens
    are then dropped, which reproduces the whole-document encoding (newline is a byte-fallback
    token that no merge crosses) at linear cost."""

    def __init__(self, model_path: str | Path) -> None:
        import sentencepiece

        self.model_path = str(model_path)
        self._sp = sentencepiece.SentencePieceProcessor(
            model_file=str(model_files.local(self.model_path))
        )
        self._newline = self._sp.piece_to_id("<0x0A>")
        self.vocab_size = self._sp.get_piece_size()
        self.dtype = np.uint16 if self.vocab_size <= np.iinfo(np.uint16).max + 1 else np.int32
        self.words_alone = encodes_words_alone(self._sp.serialized_model_proto())
        self._memo: dict[str, list[int]] = {}

    def encode(self, texts: list[str]) -> list[np.ndarray]:
        """Token arrays (with a final EOS) for a batch of documents."""
        out: list[np.ndarray | None] = [None] * len(texts)
        if self.words_alone:
            worded = {i: words for i, t in enumerate(texts) if (words := space_words(t))}
            for i, ids in zip(worded, self._encode_words(list(worded.values())), strict=True):
                out[i] = ids
        whole = [i for i, a in enumerate(out) if a is None and len(texts[i]) <= CHUNK_CHARS]
        for i, ids in zip(whole, self._sp.encode([texts[i] for i in whole]), strict=True):
            out[i] = self._array(ids)
        for i, text in enumerate(texts):
            if out[i] is None:
                out[i] = self._array(self._encode_long(text))
        return out

    def _encode_words(self, documents: list[list[str]]) -> list[np.ndarray]:
        if len(self._memo) > MEMO_WORDS:
            self._memo.clear()
        memo = self._memo
        new = list(dict.fromkeys(w for words in documents for w in words if w not in memo))
        memo.update(zip(new, self._sp.encode(new), strict=True))
        tokens = [chain.from_iterable([memo[w] for w in words]) for words in documents]
        arrays = [self._array(np.fromiter(ids, self.dtype)) for ids in tokens]
        for word in new:
            if len(word) > MEMO_WORD_CHARS:
                del memo[word]
        return arrays

    def _array(self, ids: list[int] | np.ndarray) -> np.ndarray:
        array = np.empty(len(ids) + 1, dtype=self.dtype)
        array[:-1] = ids
        array[-1] = EOS_ID
        return array

    def _encode_long(self, text: str) -> list[int]:
        chunks = _line_chunks(text, CHUNK_CHARS)
        ids = self._sp.encode(chunks[0])
        for chunk in chunks[1:]:
            tail = self._sp.encode("\n" + chunk)
            ids += tail[tail.index(self._newline) :]
        return ids

    def decode(self, ids: Iterable[int]) -> str:
        return self._sp.decode([int(i) for i in ids if int(i) != EOS_ID])


def encodes_words_alone(model_proto: bytes) -> bool:
    """Whether a SentencePiece model encodes a text as the concatenation of its words encoded
    one at a time (a word being a run of spaces and the non-space characters after it).
    True for BPE models that keep spaces as they are (identity normalisation, no whitespace
    removal, a dummy prefix before the text, spaces as prefixes) and whose pieces hold a
    space only first or only spaces (what `split_by_whitespace` trains), like LLaMA's: then
    no merge crosses from a word into the next space run."""
    from sentencepiece import sentencepiece_model_pb2

    model = sentencepiece_model_pb2.ModelProto()
    model.ParseFromString(model_proto)
    normalizer, trainer = model.normalizer_spec, model.trainer_spec
    if trainer.model_type != trainer.BPE or trainer.treat_whitespace_as_suffix:
        return False
    if normalizer.name != "identity" or normalizer.remove_extra_whitespaces:
        return False
    if not normalizer.add_dummy_prefix:
        return False
    return all(
        SPACE_SYMBOL not in p.piece[1:] or p.piece.strip(SPACE_SYMBOL) == "" for p in model.pieces
    ) and not any(" " in p.piece for p in model.pieces)


def space_words(text: str) -> list[str] | None:
    """The words `encodes_words_alone` speaks of, each spelt as encoded alone: the dummy prefix
    stands for one space, so a word after n spaces keeps n - 1 of them, and the first word
    keeps all the spaces before it. None when the text must be encoded whole: empty, ending in
    spaces, holding U+2581 (which SentencePiece reads as a space), or a word longer than
    CHUNK_CHARS (encoded in line-aligned chunks instead)."""
    if not text or text[-1] == " " or SPACE_SYMBOL in text:
        return None
    words = text.split(" ")
    if max(map(len, words)) > CHUNK_CHARS:
        return None
    if "" not in words:
        return words
    joined, spaces = [], ""
    for word in words:
        if word:
            joined.append(spaces + word)
            spaces = ""
        else:
            spaces += " "
    return joined


def _line_chunks(text: str, size: int) -> list[str]:
    """Split at newlines into pieces of at least `size` characters (the newline at each cut is
    implied between pieces); a single longer line stays whole."""
    chunks, current, length = [], [], 0
    for line in text.split("\n"):
        current.append(line)
        length += len(line) + 1
        if length >= size:
            chunks.append("\n".join(current))
            current, length = [], 0
    if current:
        chunks.append("\n".join(current))
    return chunks
