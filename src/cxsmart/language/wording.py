"""How a goal sentence is worded beyond its numbers: the leading "we will", an activity that is
really a service level or a level to keep, and two measured outcomes joined in one goal."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cxsmart.language.finders import Found

if TYPE_CHECKING:
    from cxsmart.language.extract import TextFacts

LEADING = re.compile(r"^\s*(?:(?:we|i|the team|our team)\s+(?:will|shall|must|should|want to|plan to)\s+|"
                     r"(?:will|to|must|should)\s+)", re.I)

def service_not_activity(facts: TextFacts, text: str, definitional_words: set[str]) -> None:
    """'Deliver 97% of parcels on time', 'Complete repairs within 24 hours in 99% of cases',
    'Hold our review average at 9.0 or above' state a service level or a level to keep, not an
    activity; 'Open-ticket backlog' is an adjective, not the verb 'open'."""
    found = facts.extra.get("activity")
    if not found:
        return
    verb = found[0]
    word = text[verb.start:verb.end].lower()
    if text[verb.end:verb.end + 1] == "-":
        del facts.extra["activity"]
    elif facts.target is not None and (word in definitional_words or facts.extra.get("service-standard")):
        del facts.extra["activity"]
    elif facts.target is not None and facts.direction is not None and facts.direction.value[0] == "hold" \
            and facts.target.cue:
        del facts.extra["activity"]


_JOIN = re.compile(r"(?i)(?<!\s)\s+(?:and|while|as well as|plus)\s+|;\s*")
_NUMBER = re.compile(r"\d")
_PHRASE_WORD = re.compile(r"(?i)\b(?!(?:from|to|by|at|of|the|a|an|in|on|below|under|above|over|least|most|than|"
                          r"reduce|cut|raise|lift|increase|grow|improve|keep|get|bring|down|up|within|per)\b)[a-z]{3,}")


def measured_pair(text: str) -> tuple[Found, Found] | None:
    """Two measured phrases, each with its own number: 'Cut missed appointments from 9% to 6% and
    telephone abandonment from 15% to 8%'. The second one, or None. 'Answer 80% of calls within
    20 s and 90% within 60 s' is one measure at two levels: the second part names no phrase."""
    low = text.lower()
    if " and " not in low and ";" not in low and " while " not in low and " plus " not in low \
            and " as well as " not in low:
        return None                                 # most goals: no regex needed
    parts = _JOIN.split(text, maxsplit=1)
    if len(parts) != 2:
        return None
    first, second = parts
    if not (_NUMBER.search(first) and _NUMBER.search(second)):
        return None
    if _CLAUSE.match(second):
        return None                                 # "...; it stood at 79% in 2026": the start, not an outcome
    head = second[:_NUMBER.search(second).start()]
    word = _PHRASE_WORD.search(head)
    if word is None or not _PHRASE_WORD.search(first[:_NUMBER.search(first).start()]):
        return None
    head = strip_cues(head)
    start = text.index(second)
    lead = LEADING.match(first)
    verb = re.match(r"[A-Za-z]+\s+", first[lead.end() if lead else 0:])
    s1 = (lead.end() if lead else 0) + (verb.end() if verb and verb.group(0).strip().lower() in _MOVES else 0)
    e1 = s1 + len(strip_cues(first[s1:_NUMBER.search(first).start()]))
    if e1 <= s1:                                    # "Answer 90% of calls ...": the verb names it
        s1, e1 = (lead.end() if lead else 0), (lead.end() if lead else 0) + len(verb.group(0).strip()) if verb else 0
    return Found(text[s1:e1], s1, e1), Found(text[start:start + len(head)], start, start + len(head))


_MOVES = {"raise", "lift", "increase", "grow", "cut", "reduce", "lower", "improve", "boost", "keep", "get", "bring",
          "answer", "resolve", "maintain", "hold", "halve", "double"}


_CLAUSE = re.compile(r"(?i)(?:it|this|that|which|they|we|up|down|from|versus|vs)\b")
CUE_WORDS = ("from", "to", "by", "at", "of", "below", "under", "above", "over", "at least", "at most", "than",
             "no more", "no less", "more", "less", "fewer", "within", "in", "down", "up", "is", "are", "the", "a", "an",
             "≤", "≥", "<=", ">=", "<", ">", "→", "->")
# The cue words at the end of a phrase ("... from", ": at least"), each after a separator. Read on
# the reversed text from its start, longest words first: the same suffix as the pattern
# (?:[\s:,(]+(?:from|to|...))*[\s:,(]*$ finds, in linear time (that one, tried at every
# separator of a title like " a a a ... x", was quadratic).
_REVERSED_CUES = re.compile(r"(?i)\A[\s:,(]*(?:(?:" + "|".join(re.escape(w[::-1]) for w in sorted(CUE_WORDS, key=len, reverse=True))
                            + r")[\s:,(]+)*")


def strip_cues(text: str) -> str:
    """`text` without its trailing cue words and separators."""
    return text[:len(text) - _REVERSED_CUES.match(text[::-1]).end()]
