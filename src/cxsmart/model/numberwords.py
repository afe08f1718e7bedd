"""Numbers written in words: 'within fourteen days', 'forty-five minutes', 'twenty-four hours'.

One table for every reader of a goal's words (quantities, deadlines, windows, prose), so a number a
team spells out is the same number wherever it stands. Words that are numbers only in some places
('a', 'an', 'no', 'half a', 'hundred') are added by the reader that knows the place.
"""

from __future__ import annotations

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# zero to ninety-nine, compounds written with a hyphen ("forty-five")
WORDS: dict[str, int] = {"zero": 0, **{w: i + 1 for i, w in enumerate(_UNITS)},
                         **{w: i + 10 for i, w in enumerate(_TEENS)}, **{w: 20 + 10 * i for i, w in enumerate(_TENS)}}
WORDS.update({f"{tens}-{unit}": WORDS[tens] + WORDS[unit] for tens in _TENS for unit in _UNITS})
# 'a day', 'an hour', 'within a month': one of the unit that follows
ARTICLES: dict[str, int] = {"a": 1, "an": 1}
WITH_ARTICLES: dict[str, int] = {**ARTICLES, **WORDS}


def alternation(words=WORDS) -> str:
    """The words as a regex alternation, longest first, so 'fourteen' is never read as 'four' and
    'twenty-four' never as 'twenty'."""
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


def value(word: str, words=WITH_ARTICLES) -> int:
    """'14' or 'fourteen' -> 14 (case and surrounding space ignored)."""
    word = word.strip().lower()
    return int(word) if word.isdigit() else words[word]
