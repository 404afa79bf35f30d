import gzip
import io
import json
from collections import Counter

import pytest

from corpora.github import read_file
from filters.code import (
    EXTENSIONS,
    CodeQuality,
    ExtensionFilter,
    LicenseFilter,
    MachineMade,
    code_statistics,
    extension_of,
    literal_shares,
    strip_license_header,
)
from filters.document import Document, Rejection

C_FILE = """/*
 * Copyright (c) 2021 Tidewater Labs
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of this software, to deal in the Software without restriction.
 */

#include <stdio.h>
#include "gauge.h"

int main(void) { return gauge_run(); }
"""

SHELL_FILE = """#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright 2022 River Gauge authors

set -euo pipefail
# Fetch the latest readings.
curl -s "$GAUGE_URL" > readings.csv
"""

GO_FILE = """// Copyright 2020 The Gauge Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package gauge reads river levels.
package gauge
"""

SQL_FILE = """-- Licensed under the Apache License, Version 2.0 (the "License");
-- you may not use this file except in compliance with the License.

CREATE TABLE readings (station TEXT, level REAL);
"""

PYTHON_FILE = """# Copyright 2023 Tidewater Labs
# Licensed under the Apache License, Version 2.0

\"\"\"Read river gauge levels from the public feed.\"\"\"

import json
"""

DESCRIPTION_ONLY = """// gauge.js: draws the river level chart on the station page.
// Uses the canvas API; no dependencies.

export function draw(levels) { return levels.length; }
"""


@pytest.mark.parametrize(
    ("source", "expected_start"),
    [
        (C_FILE, "#include <stdio.h>"),
        (SHELL_FILE, "#!/usr/bin/env bash\nset -euo pipefail"),
        (GO_FILE, "// Package gauge reads river levels."),
        (SQL_FILE, "CREATE TABLE readings"),
        (PYTHON_FILE, '"""Read river gauge levels'),
        (DESCRIPTION_ONLY, "// gauge.js: draws the river level chart"),
    ],
)
def test_licence_headers_go_and_code_stays(source, expected_start):
    stripped = strip_license_header(source)
    assert stripped.startswith(expected_start)
    assert "Copyright" not in stripped and "License" not in stripped.split("\n")[0]
    assert source.rstrip().endswith(stripped.rstrip().split("\n")[-1])


def test_unterminated_comment_is_left_alone():
    broken = "/* Copyright 2020 nobody\nint x;\n"
    assert strip_license_header(broken) == broken


def test_licence_and_extension_filters():
    def doc(path, licence):
        return Document(path, "github", "x = 1\n", {"path": path, "license": licence})

    assert isinstance(LicenseFilter().apply(doc("a.py", "MIT")), Document)
    assert LicenseFilter().apply(doc("a.py", "gpl-3.0")).reason == "license_not_allowed"
    assert LicenseFilter().apply(doc("a.py", None)).reason == "license_not_allowed"
    assert extension_of("src/App.TSX") == "tsx" and extension_of("Makefile") == "makefile"
    assert isinstance(ExtensionFilter().apply(doc("build/Dockerfile", "mit")), Document)
    assert ExtensionFilter().apply(doc("data/notes.lock", "mit")).reason == "extension_not_allowed"


def test_code_about_lock_files_is_not_a_lock_file():
    code = "def read_lockfile(path):\n    return path.read_text()\n"
    for path in ("tools/lockfile.py", "src/lock.rs", "cargo_lock.go"):
        assert isinstance(ExtensionFilter().apply(Document(path, "github", code, {"path": path})),
                          Document), path  # fmt: skip


def test_quality_statistics_on_minified_and_data_files():
    minified = "var a=" + ",".join(f"{i}" for i in range(400)) + ";"
    assert code_statistics(minified)["max_line_length"] > 1000
    assert CodeQuality().apply(Document("m", "github", minified)).reason == "max_line_length"
    table = (
        "LEVELS = [\n"
        + "\n".join(
            "    " + ", ".join(f"{i * 7.25:.2f}" for i in range(j, j + 10)) + ","
            for j in range(0, 200, 10)
        )
        + "\n]\n"
    )
    assert CodeQuality().apply(Document("t", "github", table)).reason == "low_alpha_per_token"
    art = "\n".join(["+--------+--------+", "|  ##    |   ##   |", "+--------+--------+"] * 20)
    assert CodeQuality().apply(Document("a", "github", art)).reason == "low_alphanumeric"
    assert isinstance(CodeQuality().apply(Document("c", "github", C_FILE)), Document)


def test_reader_names_bad_rows():
    rows = [
        {"repo_name": "a/b", "path": "x.py", "license": "mit", "content": "print(1)\n"},
        {
            "repo_name": "a/b",
            "path": "img.py",
            "license": "mit",
            "content": "\x00\x01",
            "binary": False,
        },
        {"repo_name": "a/b", "path": "empty.py", "license": "mit", "content": ""},
    ]
    data = "".join(json.dumps(r) + "\n" for r in rows) + "[1, 2]\n{oops\n"
    items = list(read_file(io.BytesIO(gzip.compress(data.encode())), "rows.jsonl.gz"))
    outcomes = Counter("kept" if isinstance(o, Document) else o.reason for o in items)
    assert outcomes == Counter(
        {"kept": 1, "binary": 1, "no_content": 1, "malformed_record": 1, "malformed_json": 1}
    )
    assert items[0].id == "a/b/x.py"


def test_filters_agree_with_the_real_files_marked_keep_or_drop(shared_data):
    with gzip.open(shared_data / "code" / "code.jsonl.gz", "rt") as lines:
        rows = [json.loads(line) for line in lines]
    wrong = [
        row["path"]
        for row in rows
        if (_outcome(row["path"], row["content"]) == "kept") != (row["expected_filter"] == "keep")
    ]
    assert not wrong


def _outcome(path: str, text: str) -> str:
    """The reason the GitHub steps before header stripping drop a file, or `kept`."""
    outcome = Document(path, "github", text, {"path": path, "license": "mit"})
    for step in (ExtensionFilter(), CodeQuality(), MachineMade()):
        outcome = step.apply(outcome)
        if isinstance(outcome, Rejection):
            return outcome.reason
    return "kept"


def _passes_redpajama(path: str, text: str) -> bool:
    outcome = Document(path, "github", text, {"path": path})
    return all(
        not isinstance(outcome := step.apply(outcome), Rejection)
        for step in (ExtensionFilter(), CodeQuality())
    )


# protoc's Python output of the pre-3.20 kind (short lines, so RedPajama's line rules pass it),
# its marker on line 17 under a coding line and an Apache notice, as in googleapis.
PROTOBUF_MODULE = '''# -*- coding: utf-8 -*-

# Copyright 2024 Tidewater Labs
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

# Generated by the protocol buffer compiler.  DO NOT EDIT!
# source: gauge/v1/reading.proto
"""Generated protocol buffer code."""
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from google.protobuf import reflection as _reflection
from google.protobuf import symbol_database as _symbol_database
# @@protoc_insertion_point(imports)

_sym_db = _symbol_database.Default()


DESCRIPTOR = _descriptor.FileDescriptor(
  name='gauge/v1/reading.proto',
  package='gauge.v1',
  syntax='proto3',
  serialized_options=b'Z\\x1cgithub.com/tidewater/gauge/v1',
)


_READING = _descriptor.Descriptor(
  name='Reading',
  full_name='gauge.v1.Reading',
  filename=None,
  file=DESCRIPTOR,
  containing_type=None,
  fields=[
    _descriptor.FieldDescriptor(
      name='station', full_name='gauge.v1.Reading.station', index=0,
      number=1, type=9, cpp_type=9, label=1,
      has_default_value=False, default_value=b"".decode('utf-8'),
      message_type=None, enum_type=None, containing_type=None,
      is_extension=False, extension_scope=None,
      serialized_options=None, file=DESCRIPTOR),
    _descriptor.FieldDescriptor(
      name='level_cm', full_name='gauge.v1.Reading.level_cm', index=1,
      number=2, type=1, cpp_type=5, label=1,
      has_default_value=False, default_value=float(0),
      message_type=None, enum_type=None, containing_type=None,
      is_extension=False, extension_scope=None,
      serialized_options=None, file=DESCRIPTOR),
  ],
  extensions=[],
  nested_types=[],
  enum_types=[],
  serialized_options=None,
  is_extendable=False,
  syntax='proto3',
  extension_ranges=[],
  oneofs=[],
  serialized_start=36,
  serialized_end=91,
)

DESCRIPTOR.message_types_by_name['Reading'] = _READING
_sym_db.RegisterFileDescriptor(DESCRIPTOR)

Reading = _reflection.GeneratedProtocolMessageType('Reading', (_message.Message,), {
  'DESCRIPTOR' : _READING,
  '__module__' : 'gauge.v1.reading_pb2'
  })
_sym_db.RegisterMessage(Reading)

# @@protoc_insertion_point(module_scope)
'''


def test_protobuf_module_with_its_marker_on_line_17_is_generated():
    assert PROTOBUF_MODULE.split("\n")[16].startswith("# Generated by the protocol buffer")
    assert _passes_redpajama("gauge/v1/reading_pb2.py", PROTOBUF_MODULE)
    assert _outcome("gauge/v1/reading_pb2.py", PROTOBUF_MODULE) == "generated"


def _idna_style_table(note: str) -> str:
    """A Python module of code point ranges packed as hex, in the shape of idna's idnadata.py."""
    ranges = [(0x1D00 + 7 * i, 0x1D03 + 7 * i) for i in range(90)]
    packed = [f"        0x{start:X}{end:08X}," for start, end in ranges]
    joining = [f"    0x{0xA840 + i:X}: {68 if i % 3 else 85}," for i in range(60)]
    return "\n".join(
        [note, "", '__version__ = "15.1.0"', "", "scripts = {", '    "Greek": (']
        + packed[:45]
        + ["    ),", '    "Han": (']
        + packed[45:]
        + ["    ),", "}", "joining_types = {"]
        + joining
        + ["}", ""]
    )


@pytest.mark.parametrize("note", ["# This file is automatically generated by tools/idna-data", ""])
def test_python_module_of_hex_tuples_is_a_data_table(note):
    table = _idna_style_table(note)
    assert _passes_redpajama("idna/idnadata.py", table)
    assert _outcome("idna/idnadata.py", table) == "data_table"


def test_mapping_table_with_none_entries_is_a_data_table():
    starts = [f"        0x{0x1E00 + 3 * i:X}," for i in range(150)]
    mappings = [f'    "\\u{0x1E01 + 3 * i:04x}",' if i % 2 else "    None," for i in range(150)]
    table = "\n".join(
        ["from array import array", "", "uts46_starts = array(", '    "I",', "    ("]
        + starts
        + ["    ),", ")", "", "uts46_mappings = ("]
        + mappings
        + [")", ""]
    )
    assert _passes_redpajama("idna/uts46data.py", table)
    assert _outcome("idna/uts46data.py", table) == "data_table"


UNICODE_SCRIPT_HEADER = """/*
 * ucd_scripts.h: the script of each code point range, for the text shaper.
 *
 * Generated by tools/gen_scripts.py from Scripts-15.1.0.txt.
 */
#ifndef UCD_SCRIPTS_H
#define UCD_SCRIPTS_H

#include <stdint.h>
#include "ucd_script_ids.h"

typedef struct {
    uint32_t first;
    uint32_t last;
    uint8_t script;
} ucd_script_range;

static const ucd_script_range ucd_script_ranges[] = {
%s
};

#endif /* UCD_SCRIPTS_H */
"""
SCRIPTS = ["UCD_SCRIPT_COMMON", "UCD_SCRIPT_LATIN", "UCD_SCRIPT_GREEK", "UCD_SCRIPT_CYRILLIC"]


def test_c_header_of_unicode_script_ranges_is_generated():
    rows = "\n".join(
        f"    {{ 0x{0x41 + 16 * i:04X}, 0x{0x4E + 16 * i:04X}, {SCRIPTS[i % 4]} }},"
        for i in range(120)
    )
    header = UNICODE_SCRIPT_HEADER % rows
    assert _passes_redpajama("src/ucd_scripts.h", header)
    assert _outcome("src/ucd_scripts.h", header) == "generated"
    # the same rows under a comment that says nothing of a generator are a table of names
    hand = header.replace(" * Generated by tools/gen_scripts.py from Scripts-15.1.0.txt.\n", "")
    assert _outcome("src/ucd_scripts.h", hand) == "kept"


def test_c_header_of_a_unicode_stage_table_is_a_data_table():
    values = [0x1A + (i * 37) % 0xE0 for i in range(480)]
    rows = "\n".join(
        "    " + ", ".join(f"0x{v:02X}" for v in values[j : j + 12]) + ","
        for j in range(0, len(values), 12)
    )
    header = (
        "/* Script of each 128-code-point block, indexed by the stage-one table. */\n"
        "#include <stdint.h>\n\n"
        f"static const uint8_t ucd_script_stage2[{len(values)}] = {{\n{rows}\n}};\n"
    )
    assert _passes_redpajama("src/ucd_stage2.h", header)
    assert _outcome("src/ucd_stage2.h", header) == "data_table"


OBJECT_HEADER = """/*
 * WARNING: do not edit!
 * Generated by crypto/objects/objects.pl
 *
 * Copyright 2000-2024 The Tidewater Crypto Authors. All Rights Reserved.
 *
 * Licensed under the Apache License 2.0 (the "License").  You may not use
 * this file except in compliance with the License.
 */

#ifndef TWC_OBJ_MAC_H
# define TWC_OBJ_MAC_H

#define SN_undef                        "UNDEF"
#define LN_undef                        "undefined"
#define NID_undef                       0
#define OBJ_undef                       0L

#define SN_itu_t                "ITU-T"
#define LN_itu_t                "itu-t"
#define NID_itu_t               645
#define OBJ_itu_t               0L

#define SN_member_body          "member-body"
#define LN_member_body          "ISO Member Body"
#define NID_member_body         182
#define OBJ_member_body         OBJ_iso,2L

#endif
"""
API_HEADER = OBJECT_HEADER.replace(
    "Generated by crypto/objects/objects.pl", "Generated by Makefile from ../include/twc/bio.h.in"
)


def test_header_with_a_do_not_edit_note_is_generated_unless_expanded_from_a_template():
    assert _passes_redpajama("include/twc/obj_mac.h", OBJECT_HEADER)
    assert _outcome("include/twc/obj_mac.h", OBJECT_HEADER) == "generated"
    # configure-style `.in` templates are hand-written text with values substituted
    assert _outcome("include/twc/bio.h", API_HEADER) == "kept"


GENERATOR_MODULE = '''"""Write the Unicode tables of the shaper.

Every file this script writes is generated: it starts with a "DO NOT EDIT" header so that
nobody edits the output by hand, and the tables are rebuilt from the Unicode data files.
"""

import argparse

HEADER = """\\
# Code generated by gen_tables.py. DO NOT EDIT.
# This file is automatically generated by tools/gen_tables.py.
"""
MARKERS = [
    'do not edit',
    'generated by',
]
GENERATED_DO_NOT_EDIT = True


def write_table(out, rows):
    """Write `rows` below the generated-file header."""
    out.write(HEADER)
    for first, last, name in rows:
        out.write(f"({first:#x}, {last:#x}, {name!r}),\\n")
'''

GO_GENERATOR = """// Command stringer writes String methods for integer types.
package main

import (
\t"fmt"
\t"io"
)

const banner = `// This file was written by the stringer tool.
// Code generated by "stringer"; DO NOT EDIT.
`

func writeHeader(w io.Writer, pkg string) {
\tfmt.Fprintf(w, "// Code generated by stringer; DO NOT EDIT.\\n")
\tfmt.Fprint(w, banner)
\tfmt.Fprintf(w, "package %s\\n", pkg)
}
"""

C_WRITER = """/*
 * banner.c: writes the "DO NOT EDIT" banner at the top of generated files.
 */
#include <stdio.h>

void write_banner(FILE *out, const char *tool)
{
    fprintf(out, "/* Generated by %s. DO NOT EDIT. */\\n", tool);
}
"""

PARTLY_GENERATED = """# Note: the first part of this file is hand-written and is edited in place.
# The second part, starting at the line REMAINING CONTENT GENERATED, is
# generated by boilerplate.py and must not be edited here.

def figure(num=None):
    return _manager.figure(num)
"""

PROVENANCE_ONLY = """/*
 * Summary: Unicode character range checking
 * Description: interfaces of the character range validation APIs.
 *
 * This file is automatically generated from the definition files
 * using the gen_ranges.py script.
 */
#ifndef RANGES_H
#define RANGES_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _CharShortRange CharShortRange;
typedef CharShortRange *CharShortRangePtr;
struct _CharShortRange {
    unsigned short low;
    unsigned short high;
};

typedef struct _CharLongRange CharLongRange;
typedef CharLongRange *CharLongRangePtr;
struct _CharLongRange {
    unsigned int low;
    unsigned int high;
};

typedef struct _CharRangeGroup CharRangeGroup;
typedef CharRangeGroup *CharRangeGroupPtr;
struct _CharRangeGroup {
    int nb_short_range;
    int nb_long_range;
    const CharShortRange *short_range;
    const CharLongRange *long_range;
};

/* Range checking routine: is `val` in one of the ranges of `group`? */
int char_in_range(unsigned int val, const CharRangeGroup *group);

/* Blank characters: space, tab, line feed and carriage return. */
#define is_blank_ch(c) (((c) == 0x20) || ((0x9 <= (c)) && ((c) <= 0xa)) || ((c) == 0xd))
#define is_blank_q(c) (((c) < 0x100) ? is_blank_ch((c)) : 0)

/* Digits: the ASCII ones directly, the others through the range group. */
#define is_digit_ch(c) (((0x30 <= (c)) && ((c) <= 0x39)))
#define is_digit_q(c) (((c) < 0x100) ? is_digit_ch((c)) : char_in_range((c), &digit_group))
extern const CharRangeGroup digit_group;

/* Letters outside Latin-1 come from the base character group. */
#define is_base_char_q(c) (((c) < 0x100) ? is_base_char_ch((c)) : \\
                           char_in_range((c), &base_char_group))
extern const CharRangeGroup base_char_group;

/* Ideographic characters: the CJK unified ideographs and two small ranges. */
#define is_ideographic(c) ((((c) >= 0x4e00) && ((c) <= 0x9fa5)) || ((c) == 0x3007) || \\
                           (((c) >= 0x3021) && ((c) <= 0x3029)))
int is_pubid_char(unsigned int val);

#ifdef __cplusplus
}
#endif

#endif /* RANGES_H */
"""


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("tools/gen_tables.py", GENERATOR_MODULE),
        ("cmd/stringer/main.go", GO_GENERATOR),
        ("src/banner.c", C_WRITER),
        ("lib/pyplot.py", PARTLY_GENERATED),
        ("include/ranges.h", PROVENANCE_ONLY),
        ("third_party/gauge/readings.py", PYTHON_FILE),
        ("vendor/github.com/quarry/backoff/backoff.go", GO_FILE),
    ],
)
def test_hand_written_code_that_mentions_generation_is_kept(path, text):
    assert _outcome(path, text) == "kept"


def test_marker_below_the_head_does_not_make_a_file_generated():
    body = "".join(
        f"def reading_{i}(station):\n    return station.level({i})\n\n" for i in range(30)
    )
    marker = "# Code generated by gen_levels.py. DO NOT EDIT.\n"
    late = f"{body}{marker}LEVELS = {{}}\n"
    assert late.split("\n").index(marker.strip()) > 50
    assert _outcome("gauge/levels.py", late) == "kept"
    lines = body.split("\n")
    early = "\n".join(lines[:20] + [marker.strip()] + lines[20:])
    assert _outcome("gauge/levels.py", early) == "generated"


NUMERIC_TEST = '''"""Tests of the banded matrix solver against hand-computed results."""

import pytest

from gauge.linalg import solve_banded, to_bands

CASES = [
    ([[4, 1, 0], [1, 4, 1], [0, 1, 4]], [5, 6, 5], [1, 1, 1]),
    ([[2, 1, 0], [1, 2, 1], [0, 1, 2]], [3, 4, 3], [1, 1, 1]),
    ([[10, 2, 0], [3, 10, 2], [0, 3, 10]], [12, 15, 13], [1, 1, 1]),
    ([[5, 0, 0], [0, 5, 0], [0, 0, 5]], [10, 15, 20], [2, 3, 4]),
    ([[1, 0, 0], [0, 2, 0], [0, 0, 4]], [1, 4, 16], [1, 2, 4]),
    ([[3, 1, 0, 0], [1, 3, 1, 0], [0, 1, 3, 1], [0, 0, 1, 3]], [4, 5, 5, 4], [1, 1, 1, 1]),
    ([[6, 2, 0, 0], [1, 6, 2, 0], [0, 1, 6, 2], [0, 0, 1, 6]], [8, 9, 9, 7], [1, 1, 1, 1]),
]


@pytest.mark.parametrize(("matrix", "rhs", "expected"), CASES)
def test_solve_banded(matrix, rhs, expected):
    assert solve_banded(matrix, rhs) == pytest.approx(expected)


@pytest.mark.parametrize(("matrix", "lower", "upper"), [(case[0], 1, 1) for case in CASES])
def test_bands_round_trip(matrix, lower, upper):
    bands = to_bands(matrix, lower, upper)
    assert len(bands) == lower + upper + 1
    assert bands[upper] == [row[i] for i, row in enumerate(matrix)]


def test_singular_matrix_raises():
    with pytest.raises(ValueError):
        solve_banded([[0, 0], [0, 0]], [1, 2])
'''


def test_hand_written_code_full_of_numbers_is_not_a_data_table():
    tokens, literal_share, literal_lines = literal_shares(NUMERIC_TEST)
    assert 0.5 < literal_share < 0.85 and literal_lines < 0.85
    assert _outcome("tests/test_banded.py", NUMERIC_TEST) == "kept"


LOCK_FILES = {
    "package-lock.json": '{\n  "name": "gauge-web",\n  "lockfileVersion": 3\n}\n',
    "yarn.lock": '"left-pad@^1.3.0":\n  version "1.3.0"\n  resolved "https://registry/left-pad"\n',
    "Cargo.lock": '[[package]]\nname = "tinycsv"\nversion = "0.3.1"\n',
    "poetry.lock": '[[package]]\nname = "requests"\nversion = "2.31.0"\n',
    "Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rake (13.1.0)\n",
    "go.sum": "golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\n",
    "composer.lock": '{\n    "packages": [],\n    "content-hash": "9f1c"\n}\n',
    "pnpm-lock.yaml": "lockfileVersion: '6.0'\ndependencies:\n  lodash: 4.17.21\n",
    "Pipfile.lock": '{\n    "_meta": {"hash": {"sha256": "ab12"}}\n}\n',
    "npm-shrinkwrap.json": '{\n  "name": "gauge-cli",\n  "lockfileVersion": 1\n}\n',
    "Podfile.lock": "PODS:\n  - Alamofire (5.8.1)\n",
    "pubspec.lock": 'packages:\n  http:\n    version: "1.1.0"\n',
}


@pytest.mark.parametrize("name", sorted(LOCK_FILES))
def test_lock_files_are_dropped_as_lock_files(name):
    assert _outcome(f"web/{name}", LOCK_FILES[name]) == "lock_file"


def test_minified_files_are_dropped_by_name_even_with_short_lines():
    rules = "\n".join(f".gauge-{i}{{margin:{i}px;padding:0 {i}px}}" for i in range(40))
    assert _passes_redpajama("public/css/gauge.min.css", rules)
    assert _outcome("public/css/gauge.min.css", rules) == "minified"
    assert _outcome("public/css/gauge.css", rules) == "kept"


def test_extension_whitelist_is_redpajamas_plus_the_documented_additions():
    redpajama = {"asm", "c", "h", "cpp", "go", "py", "rs", "java", "js", "md", "smali", "xml"}
    assert redpajama <= EXTENSIONS
    assert {"cxx", "hxx", "kt", "swift", "dart", "r"} <= EXTENSIONS
    assert not {"json", "yaml", "yml", "lock", "sum", "toml", "txt", "pyi"} & EXTENSIONS
    assert _outcome("CMakeLists.txt", "cmake_minimum_required(VERSION 3.20)\n") == "kept"
    assert _outcome("notes/todo.txt", "buy more gauges\n") == "extension_not_allowed"


def test_character_counts_match_python_on_non_ascii_text():
    text = "naïve café: ² ½ Ⅻ 東京 𝔘nicode \udc80 ok_1\n" * 3
    stats = code_statistics(text)
    assert stats["alphanumeric_fraction"] == sum(c.isalnum() for c in text) / len(text)
    assert stats["alpha_per_token"] == sum(c.isalpha() for c in text) / len(text.split())


README = """# gauge-proto

Protocol buffer definitions of the river gauge readings.

* `proto/` holds the `.proto` sources; edit these.
* `python/` and `go/` are generated by protoc; do not edit them by hand, run `make gen`.
- Generated code is checked in so that users need no protoc. Do not modify it.

## Building

    make gen
"""

GENERATED_DOC = """<!-- This file is generated by gen-docs from the .proto files. Do not edit. -->
# gauge.v1 API reference

## Reading

| Field | Type | Description |
|---|---|---|
| station | string | Station identifier. |
| level_cm | double | Water level in centimetres. |
"""


def test_markdown_bullets_are_prose_and_only_markup_comments_mark_a_document():
    assert _outcome("README.md", README) == "kept"
    assert _outcome("docs/api.md", GENERATED_DOC) == "generated"


def test_wrong_typed_fields_are_named_drops_and_identifiers_become_text(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    base = {"repo_name": "acme/tools", "license": "mit", "content": "def f():\n    return 1\n"}
    rows = [
        {**base, "path": 12},  # a numeric file name, as an int: kept as "12"
        {**base, "path": "a.py", "license": ["mit", "apache-2.0"]},
        {**base, "path": "b.py", "repo_name": {"owner": "acme"}},
        {**base, "path": "c.py", "binary": "yes please"},
    ]
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    items = list(read_file(io.BytesIO(data), "rows.jsonl"))
    assert [o.reason if isinstance(o, Rejection) else o.id for o in items] == [
        "acme/tools/12", "wrong_type_license", "wrong_type_repo_name", "wrong_type_binary",
    ]  # fmt: skip
    table = pa.table({"repo_name": ["acme/tools"], "path": pa.array([7], pa.int64()),
                      "license": ["mit"], "content": [base["content"]]})  # fmt: skip
    pq.write_table(table, tmp_path / "rows.parquet")
    [doc] = read_file((tmp_path / "rows.parquet").open("rb"), "rows.parquet")
    assert doc.id == "acme/tools/7" and doc.meta["path"] == "7"
