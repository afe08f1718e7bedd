"""Deadlines that name an event or a season instead of a date ('after go-live', 'by Christmas'):
T002's vague deadline, not a date that cannot be read (T007)."""

from __future__ import annotations

import re

from cxsmart.model.timeframes import DASHES, LEAD

_SEASON = re.compile(r"\b(?:summer|winter|spring|autumn|fall|christmas|xmas|easter|new year|festive|holiday|"
                     r"holidays|peak|black friday|cyber monday|half[- ]term|ramadan|diwali|thanksgiving)\b")
_EVENT = re.compile(r"(?:after|once|when|following|post|upon|on completion of|at|with|alongside|ahead of|"
                    r"in time for|before|prior to|until|till|by the time|as soon as)\b"
                    r"|.*\b(?:go[- ]?live|goes live|launch(?:es|ed)?|migration|roll[- ]?out|cut[- ]?over|"
                    r"upgrade|implementation|release|deployment|completion|sign[- ]?off|approval)\b")


def unplaced(value: object) -> str | None:
    """'season' for a deadline that names a season ('before the summer peak', 'by Christmas'), 'event'
    for one that names an event ('after go-live', 'once the new CRM goes live'), else None. Asked of
    a value that is not a date."""
    if not isinstance(value, str):
        return None
    low = " ".join(value.lower().translate(DASHES).split())
    if not low or not re.search(r"[a-z]{3}", low):
        return None
    if _SEASON.search(low):
        return "season"
    if _EVENT.match(LEAD.sub("", low)) or _EVENT.match(low):
        return "event"
    return None
