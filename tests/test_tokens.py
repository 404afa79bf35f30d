import gzip
import json
import struct

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import filters.tokenizer as tokenizer_module
from filters.megatron import encode_indexed_dataset
from filters.mixture import copies, plan_mixture
from filters.tokenizer import EOS_ID, Tokenizer, train_tokenizer
from tests.conftest import SAMPLES


def read_megatron(bin_bytes: bytes, idx_bytes: bytes) -> list[np.ndarray]:
    """An independent reader of Megatron's MMIDIDX v1 files, from the published layout."""
    assert idx_bytes[:9] == b"MMIDIDX\x00\x00"
    version, code = struct.unpack("<QB", idx_bytes[9:18])
    sequences, documents = struct.unpack("<QQ", idx_bytes[18:34])
    assert version == 1 and documents == sequences + 1
    dtype = {1: np.uint8, 3: np.int16, 4: np.int32, 5: np.int64, 8: np.uint16}[code]
    offset = 34
    sizes = np.frombuffer(idx_bytes, np.int32, sequences, offset)
    offset += 4 * sequences
    pointers = np.frombuffer(idx_bytes, np.int64, sequences, offset)
    offset += 8 * sequences
    doc_idx = np.frombuffer(idx_bytes, np.int64, documents, offset)
    assert list(doc_idx) == list(range(documents))
    assert len(idx_bytes) == offset + 8 * documents
    data = np.frombuffer(bin_bytes, dtype)
    item = np.dtype(dtype).itemsize
    return [data[p // item : p // item + s] for p, s in zip(pointers, sizes, strict=True)]


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory, reference_docs, sample_pages):
    lines = [line for doc in reference_docs for line in doc.split("\n")]
    lines += [p for page in sample_pages for p in page["paragraphs"]]
    path = tmp_path_factory.mktemp("tok") / "tokenizer.model"
    info = train_tokenizer(lines, path, vocab_size=3000)
    assert info["vocab_size"] == 3000 and len(info["sha256"]) == 64
    return Tokenizer(path)


def test_llama_settings_digits_bytes_and_exact_round_trip(tokenizer, sample_pages):
    pieces = tokenizer._sp.encode("In 1987 it cost 12,500 pounds.", out_type=str)
    assert all(len(p.strip("▁")) <= 1 for p in pieces if any(c.isdigit() for c in p))
    assert "<0xF0>" in tokenizer._sp.encode("Fish 🐟 soup", out_type=str)  # byte fallback
    texts = [
        "  two spaces\tand a tab\n\nﬁne ligature kept",
        sample_pages[20]["paragraphs"][0],
        "Рассада томатов 2024 г.\n土鍋でご飯",
    ]
    encoded = tokenizer.encode(texts)
    assert all(a[-1] == EOS_ID and a.dtype == np.uint16 for a in encoded)
    assert [tokenizer.decode(a) for a in encoded] == texts


def counting(encode, calls: list):
    """`encode`, noting each text it is given."""

    def wrapped(texts, *args, **kwargs):
        calls.extend([texts] if isinstance(texts, str) else texts)
        return encode(texts, *args, **kwargs)

    return wrapped


def test_long_documents_are_encoded_in_chunks_with_the_same_tokens(
    tokenizer, sample_pages, monkeypatch
):
    # lines without spaces: one word as long as the document, which goes in chunks
    doc = "\n".join(p for page in sample_pages for p in page["paragraphs"]).replace(" ", "\n")
    whole = tokenizer.encode([doc])[0]
    monkeypatch.setattr(tokenizer_module, "CHUNK_CHARS", 500)
    monkeypatch.setattr(tokenizer._sp, "encode", counting(tokenizer._sp.encode, calls := []))
    chunked = tokenizer.encode([doc + "\n"])[0]
    assert np.array_equal(chunked[:-2], whole[:-1]) and tokenizer.decode(chunked) == doc + "\n"
    assert len(calls) > len(doc) // 500 // 2 and all(len(text) < 2000 for text in calls)


@pytest.fixture(scope="module")
def code_files() -> list[str]:
    with gzip.open(SAMPLES / "github" / "github-sample.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line)["content"] for line in f]


@pytest.fixture(scope="module", params=["prose", "code"])
def any_tokenizer(request, tokenizer, code_files, tmp_path_factory):
    """The prose tokenizer, and one trained on code, where runs of spaces merge early."""
    if request.param == "prose":
        return tokenizer
    lines = [line for text in code_files for line in text.split("\n") if line.strip()]
    path = tmp_path_factory.mktemp("code-tok") / "tokenizer.model"
    train_tokenizer(lines, path, vocab_size=1000)
    return Tokenizer(path)


def whole_text_ids(tokenizer: Tokenizer, text: str) -> list[int]:
    return tokenizer._sp.encode(text) + [EOS_ID]


def test_word_by_word_encoding_gives_the_whole_text_tokens(any_tokenizer, code_files, sample_pages):
    tokenizer, code = any_tokenizer, code_files[:40]
    pages = ["\n".join(page["paragraphs"]) for page in sample_pages]
    odd = ["", " ", "   lead", "trail  ", "a  b   c", "x\u2581 y", "\u2581\u2581z", "tab\t x",
           "nbsp\u00a0here", "ideographic\u3000space", "new \n line", " \n ", "🐟 🐟"]  # fmt: skip
    texts = pages + code + odd
    assert tokenizer.words_alone
    assert [list(a) for a in tokenizer.encode(texts)] == [
        whole_text_ids(tokenizer, t) for t in texts
    ]
    assert len(tokenizer._memo) > 1000  # the pages and code went word by word
    assert max(map(len, tokenizer._memo)) <= tokenizer_module.MEMO_WORD_CHARS


TEXT_PARTS = [" ", "  ", "\n", "\t", "\r", "\u2581", "\u3000", "=", "12", "é", "ﬁ", "🐟", "土鍋"]
TEXT_PARTS += ["the", "Fish", "return"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TEXT_PARTS), max_size=12))
def test_any_mix_of_spaces_and_words_encodes_as_the_whole_text(any_tokenizer, parts):
    text = "".join(parts)
    assert list(any_tokenizer.encode([text])[0]) == whole_text_ids(any_tokenizer, text)


def test_a_normalising_model_is_encoded_whole(english_lm_dir, reference_docs):
    lm_tokenizer = Tokenizer(english_lm_dir / "en.sp.model")
    texts = [doc + "  " + doc for doc in reference_docs[:20]] + ["a\u00a0 b  "]
    assert not lm_tokenizer.words_alone
    encoded = lm_tokenizer.encode(texts)
    assert [list(a) for a in encoded] == [whole_text_ids(lm_tokenizer, t) for t in texts]
    assert not lm_tokenizer._memo


def test_megatron_files_read_back_with_an_independent_reader():
    sequences = [
        np.array([5, 9, 2], np.uint16),
        np.array([], np.uint16),
        np.array([65535, 1, 2], np.uint16),
    ]
    data, index = encode_indexed_dataset(sequences, np.uint16)
    back = read_megatron(data, index)
    assert [list(a) for a in back] == [list(s) for s in sequences]
    data32, index32 = encode_indexed_dataset([np.array([70000, 2])], np.int32)
    assert [list(a) for a in read_megatron(data32, index32)] == [[70000, 2]]
    with pytest.raises(ValueError):
        encode_indexed_dataset([], np.uint32)


def test_auto_budget_meets_every_share_within_epochs():
    available = {"commoncrawl": 1000, "c4": 5000, "github": 100}
    shares = {"commoncrawl": 0.67, "c4": 0.15, "github": 0.045, "books": 0.045}
    epochs = {"commoncrawl": 1.1, "c4": 1.06, "github": 0.64, "books": 2.23}
    plan = plan_mixture(available, shares, epochs)
    assert set(plan) == {"commoncrawl", "c4", "github"}  # books has no tokens
    tokens = {s: p["available_tokens"] * p["repeats"] for s, p in plan.items()}
    total = sum(tokens.values())
    for source, entry in plan.items():
        assert tokens[source] / total == pytest.approx(entry["target_share"], abs=1e-6)
        assert entry["repeats"] <= epochs[source] + 1e-9 and not entry["capped"]
    assert max(entry["repeats"] / epochs[s] for s, entry in plan.items()) == pytest.approx(
        1, rel=1e-3
    )


def test_fixed_budget_caps_small_sources_and_says_so():
    plan = plan_mixture(
        {"commoncrawl": 1000, "wikipedia": 10},
        {"commoncrawl": 0.67, "wikipedia": 0.045},
        {"commoncrawl": 1.1, "wikipedia": 2.45},
        total_tokens=1000,
    )
    assert plan["wikipedia"]["capped"] and plan["wikipedia"]["repeats"] == 2.45
    assert not plan["commoncrawl"]["capped"]


def test_copies_give_whole_passes_plus_a_keyed_fraction():
    counts = [copies(f"doc-{i}", 2.3, seed=7) for i in range(5000)]
    assert set(counts) == {2, 3}
    assert sum(counts) / len(counts) == pytest.approx(2.3, abs=0.02)
    assert counts == [copies(f"doc-{i}", 2.3, seed=7) for i in range(5000)]
