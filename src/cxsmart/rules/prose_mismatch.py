"""M008: the goal's title and its structured fields must say the same thing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.measure import resolve_target, verb_way
from cxsmart.model.quantities import DURATION, PERCENT, QuantityError, parse_quantity
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.prose_dates import (
    a_milestone_agrees,
    as_written,
    could_be_the_deadline,
    next_day,
    period_covered,
    title_date,
    when_it_was_measured,
    year_of_another_kind,
)


class ProseMismatch(Rule):
    """The title says one metric, baseline, target or deadline, and the structured field another.

    Periods are compatible with dates inside them: a title "by Q2 2026" agrees with
    `deadline: 2026-06-30`. A change in the title agrees with an absolute field when they
    land on the same value from the baseline ("by 5 points" from 72% is 77%).

    Values are compared in the metric's unit: "from £3.1m" agrees with `baseline: 3100000` on a
    metric in GBP, "under 45 minutes" with `target: 0.75 hours`, and a bare number in the title
    takes the field's unit ("18" and `target: 18 working hours`). A time window in the title
    ("within 1 working day ... for 95% of claims") is the service standard the share is
    measured against, not a second target, so it is not compared with `target: 95%`.
    A number with its magnitude in words agrees with the bare field ("512 million" and
    `baseline: 512` on a metric in millions).

    A title that names another catalogue metric is reported only when it names nothing the
    goal's own metric counts: its name, id or the team's aliases ("abandoned calls" for a metric
    the team calls so, "the CSI survey response rate" for `survey_response_rate`). A year that
    runs across two calendar years ("in 2026/27") agrees with a deadline in its second year,
    whatever month the team's year ends. A past date beside a baseline ("(72% in October
    2026)", "up from 88% in Q2") says when today's value was measured, not a deadline.

    What the title says is compared, not the description (a description's numbers are its
    context: a survey wave, last year's result). A title whose numbers belong to another metric
    ("churn down to 10% (90% retention)" on a retention metric) is not compared value by value.
    A range in the title ("an NPS of 35 to 40") holds a target inside it; a '%' change on a
    percentage may be read in points; a share agrees with the same fraction on a metric kept
    from 0 to 1; a date one day past the deadline ("by 1 April" for 31 March) is the same
    intent. A year that names a result or a survey ("(2026 result 81%)", "the 2026 wave") and a
    rank in brackets are neither a value nor a deadline. A number the title gives with no word aiming
    at it, equal to the baseline ("we resolved 90% of escalated complaints" with `baseline: 90%`), is
    today's value, not a second target; "increase CSAT to 80%" with `baseline: 80%` is still reported.

    ## Why it matters
    People read the title; reports read the fields. When they disagree, the goal is tracked
    against a number its owner never agreed to.

    ## Example
    ```yaml
    - title: Increase CSAT from 70% to 80% by 30 September 2026
      metric: csat
      baseline: 72%
      target: 80%
      deadline: 2026-09-30
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 80% by 30 September 2026
      metric: csat
      baseline: 72%
      target: 80%
      deadline: 2026-09-30
    ```
    """

    code = "M008"
    name = "prose-mismatch"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        facts, g = goal.facts, goal.goal
        said = facts.metric
        if g.metric is not None and goal.metric is not None and said is not None and facts.extra.get("metrics") \
                and goal.uncatalogued is None:          # a metric of the team's own may well be named so
            named = ctx.workspace.catalogue.resolve(str(said.value))
            if named is not None and named.id != goal.metric.id and not _related(named, goal.metric) and \
                    not _content(g.title or said.words) & _words(goal.metric):   # the title names the goal's metric
                #                 too ('the CSI survey response rate', 'agent attrition' on 'Frontline attrition')
                yield ctx.report(self, goal, f"the title names {named.name or named.id} but 'metric' is "
                                 f"{goal.metric.name or goal.metric.id}", at=said.span, subject=said.words.lower(),
                                 hint=f"if the goal is about {named.name or named.id}, write 'metric: {named.id}'; "
                                      f"if not, name {goal.metric.name or goal.metric.id} in the title")
        another = _measures_another(goal, ctx)          # the title's numbers are another metric's
        if g.baseline is not None and _titled(facts.baseline) and goal.baseline is not None and not another:
            if not _agree(facts.baseline.value, goal.baseline, goal.metric):
                yield ctx.report(self, goal, f"the title says 'from {facts.baseline.words}' but 'baseline' is "
                                 f"{goal.baseline.text}", at=facts.baseline.span, subject="baseline",
                                 hint=f"write 'baseline: {facts.baseline.words}', or 'from {goal.baseline.text}' in "
                                      "the title, whichever is today's value")
        if g.target is not None and _titled(facts.target) and goal.target is not None and not another and \
                not _target_agrees(facts.target.value, goal) and not _unsigned_same(facts.target, goal) and \
                not _a_window_agrees(goal) and not _names_the_metric(facts.target, goal) and \
                not _states_today(facts, goal):
            yield ctx.report(self, goal, f"the title says '{facts.target.words}' but 'target' is "
                             f"{goal.target.text}", at=facts.target.span, subject="target",
                             hint=f"write 'target: {facts.target.words}', or '{goal.target.text}' in the title, "
                                  "whichever counts as success")
        if g.deadline is not None and _titled(facts.deadline) and goal.deadline is not None:
            a, b = title_date(facts.deadline, goal, ctx), goal.deadline
            if a.ok and b.ok and not (a.first <= b.last <= a.last or b.first <= a.last <= b.last) and \
                    not next_day(a, b) and \
                    not when_it_was_measured(a, b, goal, ctx, facts.deadline) and \
                    not year_of_another_kind(facts.deadline.words, b) and not period_covered(facts.deadline.words, a, b) \
                    and not a_milestone_agrees(goal, b, ctx):
                yield ctx.report(self, goal, f"the title says '{facts.deadline.words}' but 'deadline' is "
                                 f"{b.text}", at=facts.deadline.span, subject="deadline",
                                 hint=(f"write 'deadline: {as_written(facts.deadline, goal, ctx)}', or 'by {b.text}' in the title"
                                       if could_be_the_deadline(a, goal, ctx) else
                                       f"write 'by {b.text}' in the title (the title's date is "
                                       f"{'before the start' if goal.start is not None else 'past'})"))



def _titled(fact) -> bool:
    """A fact the title says: a description's numbers and dates are its context (a survey wave, last
    year's result), and what the fields must agree with is the title."""
    return fact is not None and fact.field in ("title", None)


def _measures_another(goal: GoalView, ctx: RuleContext) -> bool:
    """The title's metric is another catalogue metric, unrelated to the goal's ('Bring annual churn
    down to 10% (90% retention)' on a retention metric): its numbers are that metric's, and are
    not compared with the fields (the metric itself is compared above)."""
    said, metric = goal.facts.metric, goal.metric
    if said is None or metric is None or not goal.facts.extra.get("metrics") or goal.uncatalogued is not None:
        return False
    named = ctx.workspace.catalogue.resolve(str(said.value))
    return named is not None and named.id != metric.id and not _related(named, metric)


def _target_agrees(said, goal: GoalView) -> bool:
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
    if not (said.change or field.change or field.factor) and _agree(said, field, metric):
        return True                                         # a bare number takes the field's unit
    if said.unit is None and not said.change and baseline is not None and _same(said.value * _per_number(baseline),
                                                                                 theirs):
        return True                                         # the unit written once, after the baseline
    if said.relative_percent and baseline is not None and metric is not None and metric.unit == "percent":
        return _same(baseline.value + said.value, theirs)   # percentage points, the other reading of 'by 5%'
    return _in_range(said, field, goal.goal.title or "") or _a_day_for_a_week(said, field, goal.goal.title or "")


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


def _a_window_agrees(goal: GoalView) -> bool:
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


def _states_today(facts, goal: GoalView) -> bool:
    """'We are proud to have resolved 90% of escalated complaints' with 'baseline: 90%', 'target: 93%':
    a number the title gives with no word aiming at it, and no start of its own, is today's value when
    the baseline says so ('Increase CSAT to 80%' with 'baseline: 80%' aims at it: still reported)."""
    said, title = facts.target, goal.goal.title or ""
    if facts.baseline is not None or goal.baseline is None or said.value.change or \
            not _agree(said.value, goal.baseline, goal.metric):
        return False
    at = title.find(said.words)
    return at >= 0 and _AIMS.search(title, max(0, at - 30), at) is None


_AIMS = re.compile(r"(?i)(?:\b(?:to|reach(?:ing)?|hit(?:ting)?|achiev\w*|attain\w*|least|most|under|below|above|over|than|"
                   r"targets?(?:\s+of)?|goal\s+of|by|of)|[≥≤<>=:])\s*[£$€]?$")


def _unsigned_same(fact, goal: GoalView) -> bool:
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


def _related(a, b) -> bool:
    """Two metrics of one thing: 'Number of complaints' and 'Complaint rate' (complaints per
    10,000 connections) share what they count."""
    return bool(_words(a) & _words(b))


def _names_the_metric(fact, goal: GoalView) -> bool:
    """'make sure every agent scores 90 or more' on `agents_scoring_90_plus`: the title's number is in
    the metric's own name, so it says what is counted, not the level to reach."""
    metric, number = goal.metric, re.search(r"\d+(?:\.\d+)?", fact.words)
    if metric is None or number is None or fact.value.change:
        return False
    names = " ".join((metric.name or "", metric.id, *metric.aliases))
    return re.search(rf"(?<![\d.]){re.escape(number.group(0))}(?![\d.])", names) is not None


def _words(metric) -> set[str]:
    """What a metric counts, by its name, id and aliases ('abandoned calls' for 'Abandoned calls')."""
    return _content(" ".join((metric.name or "", metric.id.replace("_", " "), *metric.aliases)))


def _content(text: str) -> set[str]:
    """Content words, each as its stem ('answered', 'answers' -> 'answer')."""
    return {_stem(w) for w in re.findall(r"[a-z]{4,}", text.lower())} - _GENERIC


def _stem(word: str) -> str:
    for end in ("ing", "ed", "s"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[:-len(end)]
    return word


_GENERIC = {"rate", "score", "time", "number", "share", "percentage", "customer", "average", "total", "count",
            "level", "index", "ratio"}


def _agree(said, field, metric=None) -> bool:
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
