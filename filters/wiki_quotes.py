"""Wikitext's apostrophe markup (`''italic''`, `'''bold'''`) reduced to plain text.

The rules are MediaWiki's own (Parser::doQuotes), applied line by line: a run of four
apostrophes is one literal apostrophe and bold, a run of more than five is literal apostrophes
and bold italic; when a line opens an odd number of both italics and bold, one bold run is read
as an apostrophe followed by italics (`''Iliad'''s` is the italic title, then `'s`). Everything
MediaWiki would turn into formatting is removed; every apostrophe it would print is kept.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"('{2,})")


def strip_quote_markup(line: str) -> str:
    """One line of wikitext with its italic and bold apostrophe runs removed, keeping the
    apostrophes MediaWiki would print as text."""
    if "''" not in line:
        return line
    pieces = _RUN.split(line)  # text, run, text, run, ..., text
    runs: list[str] = []  # the markup part of each run ('' / ''' / '''''), literal part moved out
    for index in range(1, len(pieces), 2):
        run = pieces[index]
        literal = ""
        if len(run) == 4:
            literal, run = "'", "'''"
        elif len(run) > 5:
            literal, run = "'" * (len(run) - 5), "'''''"
        pieces[index - 1] += literal
        runs.append(run)
    italics = sum(len(run) in (2, 5) for run in runs)
    bolds = sum(len(run) in (3, 5) for run in runs)
    if italics % 2 and bolds % 2:
        split = _bold_run_to_split(pieces, runs)
        if split is not None:
            pieces[2 * split] += "'"  # the run's first apostrophe is text; the rest is italics
    return "".join(pieces[::2])


def _bold_run_to_split(pieces: list[str], runs: list[str]) -> int | None:
    """Which `'''` run MediaWiki reads as an apostrophe plus italics: the first one after a
    one-letter word, else the first after a longer word, else the first after a space."""
    after_space = after_word = None
    for number, run in enumerate(runs):
        if len(run) != 3:
            continue
        before = pieces[2 * number]
        last, second_last = before[-1:], before[-2:-1]
        if last == " ":
            after_space = number if after_space is None else after_space
        elif second_last == " ":
            return number
        elif after_word is None:
            after_word = number
    return after_word if after_word is not None else after_space
