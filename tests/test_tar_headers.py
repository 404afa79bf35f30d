"""FastTarInfo reads every header as tarfile does: the same members, fields and errors, on tars
of every format and on damaged headers."""

from __future__ import annotations

import io
import tarfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpora.tar_headers import FastTarInfo

FORMATS = {"ustar": tarfile.USTAR_FORMAT, "gnu": tarfile.GNU_FORMAT, "pax": tarfile.PAX_FORMAT}
FIELDS = ("name", "size", "mode", "uid", "gid", "mtime", "type", "linkname", "uname", "gname",
          "devmajor", "devminor", "offset", "offset_data", "pax_headers")  # fmt: skip


def _tar(tar_format: int) -> bytes:
    """A tar with what papers and bulk tars hold: files in folders, a long path, a link, a
    folder, a file with a large owner id (base-256 in GNU format), a non-ASCII name and a
    folder marked the V7 way."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tar_format) as archive:
        entries = [
            ("2301/2301.00001.gz", b"\x1f\x8b paper bytes", {}),
            ("paper/sections/" + "deep/" * 25 + "intro.tex", b"\\section{Intro}\n", {}),
            ("paper/figures", None, {"type": tarfile.DIRTYPE}),
            ("paper/link.tex", None, {"type": tarfile.SYMTYPE, "linkname": "../etc/passwd"}),
            ("paper/big-owner.tex", b"x" * 700, {"uid": 8**8 + 5}),
            ("paper/r\u00e9sum\u00e9.tex", b"caf\xc3\xa9", {"mtime": 1_700_000_000}),
            ("old-tar-folder/", None, {"type": tarfile.AREGTYPE}),  # how V7 tars mark folders
        ]
        for name, data, extra in entries:
            if tar_format != tarfile.GNU_FORMAT and extra.get("uid", 0) >= 8**7:
                extra = {**extra, "uid": 7}  # only GNU and pax tars can hold the large id
            info = tarfile.TarInfo(name)
            info.size = len(data) if data else 0
            for key, value in extra.items():
                setattr(info, key, value)
            archive.addfile(info, io.BytesIO(data) if data else None)
    return buffer.getvalue()


def _read(data: bytes, tarinfo: type[tarfile.TarInfo]) -> tuple[list[dict], str | None]:
    """Each member's fields as read with `tarinfo`, and the error that stopped the reading."""
    members: list[dict] = []
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:", tarinfo=tarinfo) as archive:
            for member in archive:
                members.append({field: getattr(member, field) for field in FIELDS})
    except (tarfile.TarError, EOFError, ValueError) as exc:
        return members, f"{type(exc).__name__}: {exc}"
    return members, None


@pytest.mark.parametrize("name", FORMATS)
def test_every_member_and_field_as_tarfile_reads_them(name):
    data = _tar(FORMATS[name])
    fast, error = _read(data, FastTarInfo)
    assert error is None
    assert (fast, error) == _read(data, tarfile.TarInfo)
    assert len(fast) == 7
    assert any(member["name"].endswith("deep/intro.tex") for member in fast)  # the long path


def test_headers_only_tarfile_can_read_go_to_tarfile():
    """A base-256 number and a checksum only a signed sum matches (old Sun tars) are read as
    tarfile reads them."""
    data = bytearray(_tar(tarfile.GNU_FORMAT))
    fast, _ = _read(bytes(data), FastTarInfo)
    assert any(member["uid"] == 8**8 + 5 for member in fast)
    header = bytearray(tarfile.TarInfo("signed.tex").tobuf(tarfile.USTAR_FORMAT))
    header[120] = 0xE9  # inside the gid field's padding: unsigned and signed sums now differ
    signed = 256 + sum((b - 256 if b > 127 else b) for i, b in enumerate(header)
                       if not 148 <= i < 156)  # fmt: skip
    header[148:156] = b"%06o\0 " % signed
    data = bytes(header) + b"\0" * 1024
    assert _read(data, FastTarInfo) == _read(data, tarfile.TarInfo)


def _reseal(data: bytearray, headers: list[int]) -> None:
    """Give each header block at `headers` its correct (unsigned) checksum again."""
    for start in headers:
        block = data[start : start + 512]
        block[148:156] = b" " * 8
        data[start + 148 : start + 156] = b"%06o\0 " % sum(block)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tar_format=st.sampled_from(list(FORMATS.values())),
    damage=st.lists(st.tuples(st.integers(0, 4095), st.integers(0, 255)), min_size=1, max_size=6),
    resealed=st.booleans(),
)
def test_damaged_headers_read_as_tarfile_reads_them(tar_format, damage, resealed):
    """Bytes changed anywhere in the first blocks (names, numbers, types, checksums), with the
    checksums left wrong or made right again (so that the damaged fields themselves are
    parsed): the same members and the same error as tarfile, whatever it is."""
    data = bytearray(_tar(tar_format))
    headers = [at for at in range(0, len(data), 512) if data[at + 257 : at + 262] == b"ustar"]
    for index, value in damage:
        data[index % len(data)] = value
    if resealed:
        _reseal(data, headers)
    assert _read(bytes(data), FastTarInfo) == _read(bytes(data), tarfile.TarInfo)
