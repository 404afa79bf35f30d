"""The size and decoding policy every source shares (corpora/decoding.py)."""

import io

from corpora.decoding import (
    MAX_BAD_SHARE,
    Decoded,
    as_utf8,
    bounded_lines,
    decode,
    read_bounded,
    utf16_encoding,
)

PARAGRAPH = (
    "The harbour froze in the first week of January, and for a month the ferry did not run.\n"
    "Children walked to the island school across the ice, roped together in threes.\n"
)
BULGARIAN = "Пристанището замръзна през първата седмица на януари и фериботът спря за месец.\n"
FRENCH = "Le port gela dès la première semaine de janvier ; le bac s'arrêta un mois entier.\n"


def test_utf8_is_read_as_it_is_with_its_bom_dropped_and_line_ends_made_lf():
    data = ("\ufeff" + PARAGRAPH + FRENCH).replace("\n", "\r\n").encode("utf-8")
    assert decode(data) == Decoded(PARAGRAPH + FRENCH)


def test_utf16_is_detected_with_or_without_a_bom():
    for text in (PARAGRAPH * 3, BULGARIAN * 3):
        for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            decoded = decode(text.encode(encoding))
            assert isinstance(decoded, Decoded), encoding
            assert decoded.text == text and decoded.encoding.startswith("utf-16")


def test_a_utf16_bom_before_utf8_text_is_two_stray_bytes():
    data = b"\xff\xfe" + (PARAGRAPH * 4).encode("utf-8")
    assert utf16_encoding(data) is None
    decoded = decode(data)
    assert decoded.invalid == 2 and decoded.text.endswith(PARAGRAPH)


def test_a_few_invalid_bytes_are_replaced_and_counted_many_are_a_wrong_encoding():
    damaged = (PARAGRAPH * 10).encode("utf-8")
    damaged = damaged[:300] + b"\xe9" + damaged[301:]  # one byte flipped in a 1.7 KB page
    kept = decode(damaged)
    assert kept.invalid == 1 and kept.text.count("\ufffd") == 1
    latin1 = (FRENCH * 10).encode("latin-1")  # every accent invalid: not damage
    assert latin1.count(b"\xe8") > MAX_BAD_SHARE * len(latin1)
    assert decode(latin1) == "invalid_utf8"


def test_legacy_sources_read_lines_that_were_never_utf8_as_windows_1252():
    latin1 = (FRENCH * 10).encode("latin-1")
    assert decode(latin1, legacy=True) == Decoded(FRENCH * 10, "cp1252")
    quotes = "\u201cWe shall see,\u201d said the ferryman \u2014 and spat.\n".encode("cp1252")
    assert decode(quotes, legacy=True).text == "“We shall see,” said the ferryman — and spat.\n"
    pasted = (FRENCH * 5).encode("utf-8") + "Caf\xe9 cr\xe8me, 2 \xa3\n".encode("latin-1")
    decoded = decode(pasted, legacy=True)
    assert decoded.text == FRENCH * 5 + "Café crème, 2 £\n" and decoded.invalid == 0
    cyrillic = (BULGARIAN * 5).encode("cp1251")  # dense high bytes: a few pairs look like UTF-8
    assert decode(cyrillic, legacy=True).encoding == "cp1252"  # read losslessly, never U+FFFD


def test_binary_and_nul_bytes():
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40) == "not_text"
    assert decode(bytes(range(256)) * 40, legacy=True) == "not_text"
    assert decode(b"\x00" * 4096) == "not_text"
    stray = (PARAGRAPH * 5).encode().replace(b"ferry", b"fer\x00ry", 1)
    assert decode(stray) == Decoded(PARAGRAPH * 5, removed=1)


def test_bounded_reads_never_hold_more_than_the_bound():
    assert read_bounded(io.BytesIO(b"x" * 1000), 1000) == b"x" * 1000
    stream = io.BytesIO(b"x" * 5000)
    assert read_bounded(stream, 1000) is None and stream.tell() == 1001
    lines = io.BytesIO(b'{"a": 1}\n' + b"y" * 10_000 + b'\n{"b": 2}\n')
    assert list(bounded_lines(lines, 100)) == [b'{"a": 1}\n', None, b'{"b": 2}\n']


def test_utf16_json_lines_are_read_as_utf8():
    rows = "".join(f'{{"text": "{line.strip()}"}}\n' for line in (BULGARIAN, FRENCH))
    for encoding in ("utf-16", "utf-16-le"):
        assert as_utf8(io.BytesIO(rows.encode(encoding))).read() == rows.encode("utf-8")
    assert as_utf8(io.BytesIO(b"\xef\xbb\xbf" + rows.encode())).read() == rows.encode()
