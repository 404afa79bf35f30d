/*
 * libtextwrap - Unicode-aware line wrapping
 * Copyright (C) 2018 Gnomish Utilities contributors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Lesser General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 *
 * This library is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
 * Lesser General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public
 * License along with this library; if not, see <https://www.gnu.org/licenses/>.
 */
#include "textwrap/wrap.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace textwrap {

namespace {

// Number of code points in UTF-8 text: every byte that is not a continuation byte.
std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

}  // namespace

std::vector<std::string> Wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string current;
  std::size_t current_len = 0;
  for (std::string_view word : SplitWords(text)) {
    const std::size_t len = Utf8Length(word);
    if (current_len > 0 && current_len + 1 + len > width) {
      lines.push_back(std::move(current));
      current.clear();
      current_len = 0;
    }
    if (current_len > 0) {
      current += ' ';
      ++current_len;
    }
    current.append(word);
    current_len += len;
  }
  if (current_len > 0) lines.push_back(std::move(current));
  return lines;
}

std::string Fill(std::string_view text, std::size_t width) {
  std::string out;
  for (const std::string& line : Wrap(text, width)) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace textwrap
