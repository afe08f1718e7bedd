"""How a threshold is written around a value: "at least 75%", "≤ 5%", "75% or more", "under 2 min".
A threshold target is met by any value on its side of the number; quantities.py reads the number."""

from __future__ import annotations

import re

# Bounds: a threshold target is met by any value on its side of `value`.
AT_LEAST = "at-least"              # "≥ 75%", "at least 75%", "75%+", "a minimum of 90%", "75% or more"
AT_MOST = "at-most"                # "≤ 5%", "at most 2 min", "no more than 2%", "max 4 h", "4 hours or less"
BELOW = "strictly-below"           # "< 5%", "under 2 min", "below 5%", "less than 3%"
ABOVE = "strictly-above"           # "> 75%", "over 80%", "above 80%", "more than 80%"
BAND = "band"                      # "70-78": value is the low end, high the high end, both included
BOUNDS = (AT_LEAST, AT_MOST, BELOW, ABOVE, BAND)


# Thresholds. Longest words first, so "no more than" is not read as "more than".
PREFIX_BOUNDS = {
    "≤": AT_MOST, "⩽": AT_MOST, "<=": AT_MOST, "=<": AT_MOST, "≥": AT_LEAST, "⩾": AT_LEAST, ">=": AT_LEAST,
    "=>": AT_LEAST, "<": BELOW, ">": ABOVE,
    "at least": AT_LEAST, "no less than": AT_LEAST, "not less than": AT_LEAST, "no fewer than": AT_LEAST,
    "a minimum of": AT_LEAST, "minimum of": AT_LEAST, "minimum": AT_LEAST, "min.": AT_LEAST, "min": AT_LEAST,
    "at minimum": AT_LEAST,
    "at most": AT_MOST, "no more than": AT_MOST, "not more than": AT_MOST, "no higher than": AT_MOST,
    "no longer than": AT_MOST, "no later than": AT_MOST, "not later than": AT_MOST, "a maximum of": AT_MOST, "maximum of": AT_MOST, "maximum": AT_MOST,
    "max.": AT_MOST, "max": AT_MOST, "at maximum": AT_MOST, "up to": AT_MOST,
    "under": BELOW, "below": BELOW, "less than": BELOW, "fewer than": BELOW, "lower than": BELOW,
    "shorter than": BELOW,
    "over": ABOVE, "above": ABOVE, "more than": ABOVE, "greater than": ABOVE, "higher than": ABOVE,
}
SUFFIX_BOUNDS = {
    "+": AT_LEAST, "or more": AT_LEAST, "or higher": AT_LEAST, "or above": AT_LEAST, "or greater": AT_LEAST,
    "or over": AT_LEAST, "and above": AT_LEAST, "and over": AT_LEAST, "and up": AT_LEAST, "at least": AT_LEAST,
    "minimum": AT_LEAST,                 # not "min": "6 min" is six minutes
    "or less": AT_MOST, "or lower": AT_MOST, "or below": AT_MOST, "or fewer": AT_MOST, "or under": AT_MOST,
    "or shorter": AT_MOST, "and below": AT_MOST, "and under": AT_MOST, "at most": AT_MOST, "maximum": AT_MOST,
    "max": AT_MOST, "max.": AT_MOST,
}


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# A word bound is followed by a space or the number ("min 90%", "max4 h"); a symbol by anything.
_WORD_PREFIXES = _alt(w for w in PREFIX_BOUNDS if w[0].isalpha())
_SYMBOL_PREFIXES = _alt(w for w in PREFIX_BOUNDS if not w[0].isalpha())
_WORD_SUFFIXES = _alt(w for w in SUFFIX_BOUNDS if w[0].isalpha())
PREFIX = re.compile(rf"^(?P<b>{_WORD_PREFIXES})(?=[\s\d.$€£¥₹₦+\-−])\s*(?P<rest>.+)$"
                     rf"|^(?P<sb>{_SYMBOL_PREFIXES})\s*(?P<srest>.+)$", re.IGNORECASE | re.DOTALL)
SUFFIX = re.compile(rf"^(?P<rest>.+?)(?:\s+(?P<b>{_WORD_SUFFIXES})|\s*(?P<sb>\+))$", re.IGNORECASE | re.DOTALL)


def split_bound(body: str) -> tuple[str | None, str]:
    """('at-least', '75%') for '>= 75%' or '75% or more'; (None, body) for no bound."""
    m = PREFIX.match(body)
    if m:
        word, rest, table = m.group("b") or m.group("sb"), m.group("rest") or m.group("srest"), PREFIX_BOUNDS
    else:
        m = SUFFIX.match(body)
        if not m:
            return None, body
        word, rest, table = m.group("b") or m.group("sb"), m.group("rest"), SUFFIX_BOUNDS
    return table[re.sub(r"\s+", " ", word.lower())], rest
