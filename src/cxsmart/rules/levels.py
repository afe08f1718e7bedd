"""What a goal's words say about its level: held (a guardrail: keep, maintain, 'at least 85%' with no
verb of change, 'in every month', 'unchanged from last year') or moved (raise, cut, reach). A001, A002,
A004 and R004 ask."""

from __future__ import annotations

import re
from functools import lru_cache

from cxsmart.engine.goalview import GoalView
from cxsmart.model.quantities import BAND

# read on lowercased words; the look-ahead lets the search skip most positions at once
_HOLD_WORDS = re.compile(r"\b(?=[kmhsrpnaietcgu])(?:keep(?:s|ing)?|unchanged|(?:at\s+)?the\s+same\s+level|maintain(?:s|ing)?|"
                         r"maintenance\s+or\s+(?:an?\s+)?(?:increase|improvement|growth)|hold(?:s|ing)?|sustain(?:s|ing)?|stay(?:s|ing)?|"
                         r"remain(?:s|ing)?|protect(?:s|ing)?|preserve|preserving|no\s+(?:more|higher|longer|less|lower|"
                         r"fewer)\s+than|not\s+(?:exceed|fall\s+below|drop\s+below)|never\s+(?:exceed|fall|drop)|"
                         r"at\s+all\s+times|(?:in\s+)?(?:every|each)\s+(?:day|week|month|quarter|year|survey\s+wave)|"
                         r"throughout|consistently|guardrail|continu(?:e|es|ing)\s+(?:to\s+be|as)|retain(?:s|ing)?\s+"
                         r"(?:our|its|the|their)\s+(?:position|place|rank|ranking|status|title|lead))\b")
_CHANGE_WORDS = re.compile(r"\b(?:increas|rais|lift|grow|boost|improv|reduc|cut|lower|decreas|halv|doubl|shrink|"
                           r"drive\s+(?:up|down)|bring\s+down|get\s+(?:down|up)|accelerat|speed\s+up|"
                           r"(?:mov(?:e|es|ed|ing)|push(?:es|ed|ing)?)\s+(?:(?!an?\b)[\w%.-]+\s+){0,3}?(?:up|down|from|to|towards?|the\s+needle)\b)\w*")
# ('move a meter', 'push notifications': a thing moved, not the measure; 'move CSAT from 72% to 80%' is)


def asks_change(goal: GoalView) -> bool:
    """The goal's words ask to move the metric, or to reach a level ('reach 79%', 'achieve')."""
    words = " ".join(t for t in (goal.goal.title, goal.goal.description) if t).lower()
    return _level_words(goal.goal.title, goal.goal.description)[1] or _REACH_WORDS.search(words) is not None


_REACH_WORDS = re.compile(r"\b(?:reach|achiev|attain|hit|get\s+to|bring|deliver|exceed|beat|surpass|climb|rise|fall|drop)\w*")


def already_holds(better: str | None, change: float) -> bool:
    """Today's value is on the good side of a level to hold (a floor below it, a ceiling above it)."""
    return change == 0 or (better == "higher" and change < 0) or (better == "lower" and change > 0)


def holds_level(goal: GoalView) -> bool:
    """A guardrail: the goal holds a level rather than moving the metric. A holding verb or a level
    kept through a period says so; so does, with no verb of change in the goal's words, a threshold
    target ('at least 85%') or a standard of availability ('in service 99.8% of the time')."""
    holds, changes = _level_words(goal.goal.title, goal.goal.description)
    if holds or _declared_guardrail(goal):
        return True
    if changes:
        return False
    return (goal.target is not None and goal.target.bound not in (None, BAND)) or _bound_in_title(goal) or \
        _OF_THE_TIME.search(goal.goal.title or "") is not None


def _declared_guardrail(goal: GoalView) -> bool:
    """The team's own note calls the goal's level a guardrail: 'notes: Guardrail KR - keep partner
    churn at or under 5%' with 'target: 5%' (a key the format does not know, kept as the team wrote
    it). A guardrail the note sets on another level ('cancellations must not rise above 6%' beside a
    goal to lift conversion) does not make the goal one."""
    notes, target = goal.item.extra.get("notes"), goal.target
    if not isinstance(notes, str) or target is None or target.unit != "percent" or _GUARDRAIL.search(notes) is None:
        return False
    return any(abs(float(m.group(1)) - target.value) < 1e-9 for m in _LEVEL_IN_NOTES.finditer(notes))


_GUARDRAIL = re.compile(r"(?i)\bguard[- ]?rails?\b")
_LEVEL_IN_NOTES = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent\b)")


def _bound_in_title(goal: GoalView) -> bool:
    """The title bounds the level the field gives: "Service visit satisfaction (>=92%)" with 'target: 92%'."""
    said = goal.facts.target if goal.goal.title else None
    return said is not None and said.value.bound not in (None, BAND) and goal.target is not None and \
        not said.value.change and said.value.unit == goal.target.unit and abs(said.value.value - goal.target.value) < 1e-9


# a standard of availability: "in service 99.8% of the time", "functioning at least 97% of the time"
_OF_THE_TIME = re.compile(r"(?i)\d\s?(?:%|per\s?cent)\s+of\s+(?:the\s+)?(?:time|hours|days)\b")


@lru_cache(maxsize=32768)   # A001 and A002 each walk every goal: room for a large workspace
def _level_words(title: str | None, description: str | None) -> tuple[bool, bool]:
    """Whether the words hold a level, and whether they ask for a change (A001 and A002 both ask)."""
    words = " ".join(t for t in (title, description) if t).lower()
    return _HOLD_WORDS.search(words) is not None, _CHANGE_WORDS.search(words) is not None
