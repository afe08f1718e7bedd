"""The words right before a number or a date that say what it is ("from", "to", "at least",
"no later than", "from the existing"), the record of what was found where, and numbers written
in words, and a value as its cue reads it (absolute: a threshold after "under", a level after "to").
Read by the finders of numbers, dates and shares, and by levels.py and apart.py."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from cxsmart.model.numberwords import WITH_ARTICLES
from cxsmart.model.quantities import ABOVE, AT_LEAST, AT_MOST, BELOW, Quantity


class Found(NamedTuple):
    value: object
    start: int
    end: int
    cue: str = ""


QUANTITY_CUES = frozenset({
    "from", "to", "by", "reach", "reaching", "hit", "hitting", "achieve", "achieving", "at least", "at most", "at",
    "below", "under", "above", "over", "less than", "more than", "fewer than", "no more than", "no longer than",
    "not longer than", "no later than", "not later than", "no less than", "of",
    "out of", "within", "than", "between", "and", "is", "are", "stay", "stays",
    # thresholds, key results and baselines in other words ("≤ 4%", "CSAT: target 4.5", "4.1 → 4.5",
    # "up from 3.9", "versus 71% last year", "currently 6 hours", "(today 81%)")
    "→", "->", "target", "target of", "goal of", "expectation of", "plan of", "exceed", "exceeding", "beat",
    "minimum of", "maximum of", "min", "max",
    "no lower than", "no higher than", "≤", "<=", "<", "≥", ">=", ">", "in", "down", "up", "near", "around", "be",
    "versus", "vs", "vs.", "against", "currently", "currently at", "today", "now", "was", "baseline of", "baseline",
    "compared with", "compared to", "up from", "down from", "from a baseline of", "stood at", "stands at",
    "running at", "currently running at", "standing at", "sits at", "instead of", "rather than", "previously",
    "previously at", "last year", "was at", "achieved"})
_SYMBOL_CUES = {"≤": "≤", "≥": "≥", "<": "<", ">": ">", "→": "→"}
_ARTICLES = frozenset({"a", "an", "the"})
_OWNERS = _ARTICLES | {"our", "its", "their"}
_NOW_WORDS = frozenset({"existing", "current", "present"})


# "no complaints", "half an hour", "a hundred stores", and every number in words ("forty-five")
NUMBER_WORDS = {"no": 0, "half a": 0.5, "half an": 0.5, "hundred": 100, **WITH_ARTICLES}


_PUNCTUATION = str.maketrans("(:,;", "    ")         # "(from 52%)", "CSAT: target 4.5"


# words that say a value is approximate, an average or a small one: the cue is the word before them
# ('from avg. 6 hours', 'from an average of 6 hours', 'by about 20%', 'to just 20 minutes'); the value
# is the value
_APPROXIMATE = frozenset({"avg", "avg.", "average", "approx", "approx.", "approximately", "around", "about", "roughly",
                          "c.", "circa", "nearly", "almost", "of", "just", "only"})


def _unapproximated(words: list[str]) -> list[str]:
    if words[-1] == "of":
        if len(words) < 2 or words[-2] != "average":
            return words                        # 'of' alone: part of what is measured
        words = words[:-2]
    else:
        words = words[:-1]
    return words[:-1] if words and words[-1] in ("a", "an") else words


@lru_cache(maxsize=8)
def _last_words(cues: frozenset) -> frozenset:
    return frozenset(cue.rsplit(" ", 1)[-1] for cue in cues)


def cue_before(cues: frozenset, text: str, at: int, articles: bool = True) -> str:
    """The cue word(s) right before a position: 'from', 'no later than', 'to the' -> 'to'."""
    head = text[max(0, at - 36):at]
    if head[-2:] in (">=", "<="):
        return head[-2:]                       # ">=92%"
    if head and head[-1] in _SYMBOL_CUES:
        return _SYMBOL_CUES[head[-1]]          # "≤4%"
    if not head or not head[-1].isspace():
        return ""
    words = head.lower().translate(_PUNCTUATION).split()
    if at - 36 > 0 and words:
        words = words[1:]                       # the first word may be cut in half
    while words and words[-1] in _APPROXIMATE:  # 'from an average of around 3 hours': each of them
        shorter = _unapproximated(words)
        if len(shorter) == len(words):
            break
        words = shorter
    if articles and len(words) > 2 and words[-1] in _NOW_WORDS and words[-2] in _OWNERS:
        words = words[:-2]                      # "from the existing 48 per cent", "from our current 14 days"
    if articles and words and words[-1] in _ARTICLES:
        words = words[:-1]
    if not words or words[-1] not in _last_words(cues):
        return ""                               # most numbers: no cue ends with the word before them
    for n in (3, 2, 1):
        if len(words) >= n:
            phrase = " ".join(words[-n:])
            if phrase in cues:
                return phrase
    return ""


def absolute(found: Found) -> Found:
    """After 'from', 'to', 'below' a sign is part of the value ('to +20' NPS), not a change; after
    'under', 'at least', '≤' the value is a threshold, and says which side of it is success."""
    q: Quantity = found.value
    bound = BOUNDS_AFTER.get(found.cue)
    if not q.change and bound is None:
        return found
    return found._replace(value=replace(q, change=False, bound=bound or q.bound))


BOUNDS_AFTER = {**dict.fromkeys(("under", "below", "<", "fewer than", "less than"), BELOW),
                **dict.fromkeys(("at most", "no more than", "≤", "<=", "max", "maximum of", "no higher than",
                                    "no longer than", "not longer than", "no later than", "not later than"), AT_MOST),
                **dict.fromkeys(("above", "over", ">", "more than", "exceed", "exceeding"), ABOVE),
                **dict.fromkeys(("at least", "≥", ">=", "minimum of", "min", "no lower than"), AT_LEAST)}


# words that put the number after them as where the metric starts, not where it must get to
BASELINE_CUES = {"from", "versus", "vs", "vs.", "against", "currently", "currently at", "today", "now", "was",
                 "baseline of", "baseline", "compared with", "compared to", "up from", "down from", "from a baseline of",
                 "stood at", "stands at", "running at", "currently running at", "standing at", "sits at", "instead of",
                 "rather than", "previously", "previously at", "last year", "was at", "achieved"}
