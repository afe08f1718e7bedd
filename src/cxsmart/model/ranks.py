"""A position in a league or benchmark, written in words: "top quartile", "2nd quartile", "bottom
decile", "upper quintile". A team that benchmarks itself writes `target: top quartile` beside
`baseline: 2nd quartile`; each is a number of the band counted from the top (1 is the best), in a
unit named after the bands ("quartile"), so that two of them compare like any other values."""

from __future__ import annotations

import re

_BANDS = {"half": 2, "tercile": 3, "quartile": 4, "quintile": 5, "sextile": 6, "decile": 10, "percentile": 100}
_FROM_TOP = {"top": 1, "upper": 1, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_RANK = re.compile(r"(?i)^(?:the\s)?(?P<at>top|upper|bottom|lower|first|second|third|fourth|fifth|"
                   r"(?P<n>\d{1,3})(?:st|nd|rd|th))\s(?P<band>half|tercile|quartile|quintile|sextile|decile|percentile)$")


def rank(body: str) -> tuple[float, str] | None:
    """(the band's number from the top, the band's name) for a position in words, or None.
    'bottom quartile' is the 4th; an ordinal past the bands ('5th quartile') is no position."""
    m = _RANK.match(body.strip())
    if m is None:
        return None
    band, at = m.group("band").lower(), m.group("at").lower()
    count = _BANDS[band]
    if m.group("n"):
        value = int(m.group("n"))
    elif at in ("bottom", "lower"):
        value = count
    else:
        value = _FROM_TOP[at]
    if not 1 <= value <= count:
        return None
    return float(value), band
