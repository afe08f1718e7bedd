"""When a value the title gives and the field's value say the same (M008): as written, from the
baseline, in the field's unit, as a change of the size the fields make, or as one of the windows
or levels the title sets."""

from __future__ import annotations

import re
from dataclasses import replace

from cxsmart.engine.goalview import GoalView
from cxsmart.model.measure import resolve_target, verb_way
from cxsmart.model.quantities import DURATION, PERCENT, QuantityError, parse_quantity


def target_agrees(said, goal: GoalView) -> bool:
    """The title's target and the field's land on the same value: as written, from the baseline,
    a bare number in the field's unit or the baseline's ('from 20 days to 15' and 'target: -25%'),
    a '%' change on a percentage in either reading ('by 5%' from 80% is 84% or 85%), a share and
    the same share as a fraction on a 0-1 metric."""
    field, baseline, metric = goal.target, goal.baseline, goal.metric
    mine, theirs = resolve_target(baseline, said), resolve_target(baseline, field)
    if mine is None or theirs is None or _same(mine, theirs) or _other_families(said, field):
        return True
    if field.change and not said.change and _same(said.value, abs(field.value)):
        return True                                         # "25,000 more" and 'target: +25,000'
    if said.change and said.unit == PERCENT and not (field.change or field.factor) and _rounded(mine, field):
        return True                                         # "by 30%" from 14.2% is 9.94%, written 'target: 9.9%'
    if not (said.change or field.change or field.factor) and agree(said, field, metric):
        return True                                         # a bare number takes the field's unit
    if said.unit is None and not said.change and baseline is not None and _same(said.value * _per_number(baseline),
                                                                                 theirs):
        return True                                         # the unit written once, after the baseline
    if said.relative_percent and baseline is not None and metric is not None and metric.unit == "percent":
        return _same(baseline.value + said.value, theirs)   # percentage points, the other reading of 'by 5%'
    if said.relative_percent and baseline is not None and _whole_percent(said, baseline.value, theirs):
        return True                                         # "by 75%" from £410k to £100k (75.6%)
    return _in_range(said, field, goal.goal.title or "") or _a_day_for_a_week(said, field, goal.goal.title or "")


def _around(fact, goal: GoalView) -> tuple[str, str]:
    """The title before and after the fact's words, where they first stand ('', '' if they do not)."""
    title = goal.goal.title or ""
    at = title.find(fact.words)
    return (title[:at], title[at + len(fact.words):]) if at >= 0 else ("", "")


def rings(fact, goal: GoalView) -> bool:
    """'answer under 4 rings or 30 seconds' with 'target: 85%': a count of rings is the standard's
    time window, as a duration is, and is not compared with the share in the field."""
    return goal.target.unit == PERCENT and _RINGS.match(_around(fact, goal)[1]) is not None


_RINGS = re.compile(r"(?i)\s{0,2}(?:\(\d{1,2}\)\s{1,2})?rings?\b")            # "five (5) rings"


def a_pace(fact, goal: GoalView) -> bool:
    """'a 10% improvement in delivered units per quarter', 'by 6% every quarter': a change made each
    period is a pace, not the whole change the fields make, so it is not compared with them."""
    return fact.value.change and _PACE.search(_around(fact, goal)[1][:60]) is not None


_ADD = re.compile(r"(?i)\badd(?:s|ing)?\s{1,3}$")
_TO = re.compile(r"(?i)\s{1,3}to\b")
_PACE = re.compile(r"(?i)\b(?:per|every|each|a)\s{1,3}(?:week|month|quarter|year)\b")


def _whole_percent(said, start: float, end: float) -> bool:
    """A '%' change written in whole percent for a move the fields make exactly: 'cut by 75%' from
    £410k to £100k is a cut of 75.6%. Within a point, and the same way."""
    if start == 0:
        return False
    moved = (end - start) / abs(start) * 100
    return moved * said.value > 0 and abs(moved - said.value) < 1


def moved_by(fact, goal: GoalView) -> bool:
    """The title's number is the size of the change the fields make, written with no 'by': "Add 1% to
    our installation margin" from 18.5% to 19.5%; "Cut our rework cost 75%" from £410k to £100k (a
    share of a cost in pounds can only be how much of it goes)."""
    said, field, baseline = fact.value, goal.target, goal.baseline
    if said.change or said.factor or field.change or field.factor or baseline is None:
        return False
    before, after = _around(fact, goal)
    if _ADD.search(before) and _TO.match(after):
        if said.unit == PERCENT and field.unit == PERCENT:
            return _same(baseline.value + said.value, field.value) or _whole_percent(said, baseline.value, field.value)
        return said.unit == field.unit and _same(baseline.value + said.value, field.value)
    way = verb_way(goal)
    if way is None or said.unit != PERCENT or field.unit == PERCENT or baseline.unit != field.unit:
        return False
    return _whole_percent(replace(said, value=said.value if way == "up" else -said.value), baseline.value, field.value)


def _a_day_for_a_week(said, field, title: str) -> bool:
    """'available 24 hours a day, 7 days a week' and 'target: 168 hours a week': the same hours, counted
    over a day in the title and over a week in the field."""
    if not said.text or said.change or field.change or field.factor or said.unit != field.unit or \
            not _PER_WEEK.search(field.text or ""):
        return False
    at = title.find(said.text)
    if at < 0 or not _A_DAY.match(title, at + len(said.text)):
        return False
    days = _DAYS_A_WEEK.search(title)
    count = 7 if days is None else _DAY_COUNTS.get(days.group(1).lower(), 7)
    return _same(said.value * count, field.value)


_A_DAY = re.compile(r"(?i)\s{1,3}(?:a|per|each)\s{1,3}day\b")


_PER_WEEK = re.compile(r"(?i)(?:\b(?:a|per|each)\s{1,3}week|/\s?(?:wk|week))\b")


_DAYS_A_WEEK = re.compile(r"(?i)\b([1-7]|one|two|three|four|five|six|seven)\s{1,3}days?\s{1,3}(?:a|per|each)\s{1,3}week\b")


_DAY_COUNTS = {**{str(n): n for n in range(1, 8)},
               **{w: n for n, w in enumerate(("one", "two", "three", "four", "five", "six", "seven"), 1)}}


def a_window_agrees(goal: GoalView) -> bool:
    """'Acknowledge within 2 hours, and reply in full within two working days' with 'target: 2 working
    days': the title sets several windows, and the field is one of them; so with levels ('at least
    78% (3-star), 83% (4-star) and 88% (5-star)' and 'target: 83%'), but never the level it starts from."""
    field = goal.target
    if field.change or field.factor:
        return False
    title = goal.goal.title or ""
    if field.unit == PERCENT:
        levels = [float(m.group(1)) for m in _LEVEL.finditer(title) if not _FROM.search(title, 0, m.start())]
        return len(levels) > 1 and any(abs(level - field.value) < 1e-9 for level in levels)
    if field.unit != DURATION:
        return False
    for m in _WINDOW.finditer(title):
        try:
            q = parse_quantity(m.group(1))
        except QuantityError:
            continue
        if q.unit == DURATION and abs(q.value - field.value) < 1e-6 * max(1.0, field.value):
            return True
    return False


_LEVEL = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent\b)")


_FROM = re.compile(r"(?i)\bfrom\s{1,3}$")


_WINDOW = re.compile(r"(?i)\b(?:within|in\s+under|in\s+less\s+than|up\s+to|no\s+later\s+than)\s+((?:\w+|\d+(?:\.\d+)?)\s+"
                     r"(?:working\s+|business\s+|calendar\s+|clock\s+)?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?))\b")


def unsigned_same(fact, goal: GoalView) -> bool:
    """'Improve reply time by 40%' and 'target: -40%': the title's change has no sign of its own, and
    its verb moves the metric the field's way (improving a time lowers it) or says no way."""
    said, field = fact.value, goal.target
    if not (said.change and field.change) or said.factor or field.factor or said.unit != field.unit or \
            not _same(abs(said.value), abs(field.value)) or fact.words.lstrip()[:1] in ("+", "-", "\u2212", "\u2013"):
        return False
    way = verb_way(goal)
    return way is None or (way == "up") == (field.value > 0)


def _in_range(said, field, title: str) -> bool:
    """'an NPS of 35 to 40' and 'target: 35': the title names a range, and the field is in it (not
    'from 1,200 to 600', a start and a target)."""
    if not said.text or said.change or field.change or field.factor:
        return False
    if said.bound == "band" and said.high is not None and said.unit == field.unit:
        return min(said.value, said.high) - 1e-9 <= field.value <= max(said.value, said.high) + 1e-9  # 'within 1-3 hours'
    written = _written_number(field.text)
    value = written if written is not None else field.value
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s?%?\s{0,3}(?:to|-|–)\s{0,3}" + re.escape(said.text), title)
    if m is None or re.search(r"(?i)\bfrom\s{1,3}[£$€]?$", title[:m.start()]):
        # 'within 3 – 5 working days' and 'target: 5 working days': the title's number opens the range
        m = re.search(r"(?<![\d.,])" + re.escape(said.text) + r"\s{0,3}(?:to|-|–)\s{0,3}(\d[\d,]*(?:\.\d+)?)", title)
        if m is None or re.search(r"(?i)\bfrom\s{1,3}[£$€]?$", title[:m.start()]):
            return False
        said_number = _written_number(said.text)
        return said_number is not None and said_number <= value <= float(m.group(1).replace(",", ""))
    low = float(m.group(1).replace(",", ""))
    return min(low, said.value) <= value <= max(low, said.value)


def _per_number(q) -> float:
    """How many of the quantity's base units one written number is ('20 days': 86,400 seconds)."""
    written = _written_number(q.text)
    return q.value / written if written else 1.0


def _fraction_metric(metric) -> bool:
    """A metric kept as a fraction of one (unit 'proportion (0-1)', or a range up to 1)."""
    return metric is not None and (metric.unit == "ratio" or (metric.range is not None and metric.range[1] is not None
                                                               and 0 < metric.range[1] <= 1))


def agree(said, field, metric=None) -> bool:
    """The title's start and the 'baseline' field say the same. A bare number in the title takes
    the field's unit: "from 7.5 to under 6 minutes" and 'baseline: 7.5 min' agree (the unit is
    written once, after the target); so does a number with its magnitude in words ('512 million
    boardings' and 'baseline: 512' on a metric in millions)."""
    if _same(said.value, field.value):
        return True
    if said.bound not in (None, "band") and said.unit == field.unit and said.admits(field.value):
        return True                                     # 'from more than ten weeks' and 'baseline: 10.4 weeks'
    if said.unit == PERCENT and field.unit is None and _fraction_metric(metric):
        return _same(said.value / 100, field.value)       # '88%' and 'baseline: 0.88' on a 0-1 metric
    if field.unit is None and _MAGNITUDE.match(said.text or ""):
        return _same(float(_MAGNITUDE.match(said.text).group(1).replace(",", "")), field.value)
    if said.unit is None and field.unit == PERCENT and said.value > 100 and not said.change:
        return True                                     # '(all 5,980 received ...)' against 100%: a count of
        #                                                 cases, which no share can be; M007 judges units
    if said.unit is None and field.unit is not None:
        number = _written_number(field.text)
        return number is not None and _same(said.value, number)
    if field.unit is None and said.unit is not None:     # 'target: 5.5' in the metric's own unit, the title
        number = _written_number(said.text)               # '5.5 minutes per property', 'from -5 minutes'
        return number is not None and _same(field.value, number)
    return False


def _written_number(text: str | None) -> float | None:
    """The number a value is written with, sign and all ('-5 minutes' -> -5, '+2.5 pp' -> 2.5)."""
    m = re.match(r"\s*([-+−–]?)\s?[£$€]?(\d[\d,]*(?:\.\d+)?)", text or "")
    if m is None:
        return None
    number = float(m.group(2).replace(",", ""))
    return -number if m.group(1) in ("-", "−", "–") else number


def _other_families(said, field) -> bool:
    """A duration in the title and a percentage in the field ('within 1 working day ... for 95% of
    claims', 'target: 95%'): the title's duration is the service standard's time window, not
    another target, and a duration is never compared with a number of another family."""
    families = {said.unit, field.unit} - {None}
    return len(families) == 2 and DURATION in families and not (said.change or field.change)


_MAGNITUDE = re.compile(r"(?i)\s*[£$€]?(\d[\d,]*(?:\.\d+)?)\s*(?:k|m|bn|thousand|million|billion)\b")


def _rounded(value: float, field) -> bool:
    """`value` written to the field's own precision: 9.94 as '9.9', 1,136 as '1,140' is not (a
    rounding to tens is a choice of the team's that its digits do not show)."""
    digits = re.search(r"\.(\d+)", field.text or "")
    places = len(digits.group(1)) if digits else 0
    return abs(value - field.value) <= 0.5 * 10 ** -places + 1e-9


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))
