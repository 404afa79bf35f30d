# frozen_string_literal: true

# Copyright (c) 2020 Mossgrove
# Released under the MIT License; see LICENSE.txt for details.

module Slugify
  # Turns text in any Latin script into plain ASCII before it becomes a slug.
  # Letters with diacritics lose them; a few letters that do not decompose
  # get a conventional spelling; anything else is dropped.
  module Transliterate
    SPECIAL = {
      "ß" => "ss", "æ" => "ae", "Æ" => "AE", "ø" => "o", "Ø" => "O",
      "œ" => "oe", "Œ" => "OE", "ł" => "l", "Ł" => "L", "đ" => "d",
      "Đ" => "D", "þ" => "th", "Þ" => "Th", "ð" => "d", "ı" => "i"
    }.freeze

    SPECIAL_PATTERN = Regexp.union(SPECIAL.keys)
    COMBINING_MARKS = /\p{Mn}/

    module_function

    # Returns an ASCII-only approximation of +text+.
    def call(text)
      text.to_s
          .gsub(SPECIAL_PATTERN, SPECIAL)
          .unicode_normalize(:nfkd)
          .gsub(COMBINING_MARKS, "")
          .encode("ASCII", invalid: :replace, undef: :replace, replace: "")
    end

    # Builds a URL slug: lowercase ASCII words joined by +separator+, cut at a
    # word boundary so that it is at most +max_length+ characters long.
    def slug(text, separator: "-", max_length: 80)
      words = call(text).downcase.scan(/[a-z0-9]+/)
      slug = words.join(separator)
      return slug if slug.length <= max_length

      truncated = slug[0, max_length]
      cut = truncated.rindex(separator)
      cut&.positive? ? truncated[0, cut] : truncated
    end
  end
end
