"""Helpers shared by the field extractors: a length-preserving fold and cached line splitting."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

# Full-width ASCII → ASCII, ideographic and no-break spaces → space, every dash → "-", wave dashes → "~".
# Each character maps to exactly one character, so offsets into the folded text are offsets into the
# original text: matching runs on the folded copy, evidence is cut from the original.
_FOLD = {0xFF01 + i: 0x21 + i for i in range(94)}
_FOLD.update({0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x202F: " "})
_FOLD.update({ord(c): "-" for c in "‐‑‒–—―−﹣﹘⁃"})
_FOLD.update({ord(c): "~" for c in "〜～∼"})
_FOLD.update({ord("・"): "·", ord("•"): "·", ord("●"): "·"})
_FOLD_CHARS = {chr(k): v if isinstance(v, str) else chr(v) for k, v in _FOLD.items()}
_NEEDS_FOLD = re.compile("[" + "".join(re.escape(c) for c in _FOLD_CHARS) + "]")


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """Length-preserving normalisation for matching (see ``_FOLD``)."""
    # re.sub over the few characters that change is several times faster than str.translate with a
    # non-Latin-1 table, which walks every character through a dict.
    return _NEEDS_FOLD.sub(lambda m: _FOLD_CHARS[m.group()], text)


@lru_cache(maxsize=16)
def lowered(text: str) -> str:
    """The folded text in lower case, same length (characters whose lower case is longer stay as they
    are). Case-insensitive alternations are much slower in ``re`` than matching lowercased text."""
    folded = fold(text)
    low = folded.lower()
    if len(low) != len(folded):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return low


def line_around(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the line holding ``position``."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


@lru_cache(maxsize=16)
def lines_of(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every line of ``text``, end excluding the newline."""
    spans = []
    start = 0
    for part in text.split("\n"):
        end = start + len(part)
        spans.append((start, end))
        start = end + 1
    return tuple(spans)


@lru_cache(maxsize=16)
def _line_starts(text: str) -> tuple[int, ...]:
    return tuple(start for start, _ in lines_of(text))


def lines_between(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of ``text`` that overlap [start, end), clipped to it (bisect, not a scan of every line)."""
    spans = lines_of(text)
    first = max(0, bisect.bisect_right(_line_starts(text), start) - 1)
    found = []
    for line_start, line_end in spans[first:]:
        if line_start >= end:
            break
        if line_end > start or (line_start == line_end == start):
            found.append((max(line_start, start), min(line_end, end)))
    return found


def positions_of(low: str, keywords: tuple[str, ...]) -> list[int]:
    """Every position where one of the (lowercase) keywords occurs in ``low``, sorted. ``str.find`` runs
    in C, many times faster than a regex alternation scanning every position."""
    found = []
    for keyword in keywords:
        position = low.find(keyword)
        while position >= 0:
            found.append(position)
            position = low.find(keyword, position + 1)
    found.sort()
    return found


def has_keyword(low: str, keywords: tuple[str, ...]) -> bool:
    for keyword in keywords:  # a plain loop: cheaper than any() over a generator
        if keyword in low:
            return True
    return False


@lru_cache(maxsize=32)
def keyword_lines(text: str, keywords: tuple[str, ...]) -> frozenset[int]:
    """Start offsets of the lines of ``text`` that hold one of the (lowercase) keywords."""
    low = lowered(text)
    return frozenset(line_around(low, position)[0] for position in positions_of(low, keywords))


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def squeeze(text: str) -> str:
    """Collapse inner whitespace to one space and trim."""
    return " ".join(text.split())


def restore(
    value: str | None, folded: str, original: str, start: int = 0, end: int | None = None
) -> str | None:
    """``value`` (found in the folded text) as written in the original text, when it can be located."""
    if not value:
        return value
    position = folded.find(value, start, len(folded) if end is None else end)
    return original[position : position + len(value)] if position >= 0 else value
