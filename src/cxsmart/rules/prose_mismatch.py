"""M008: the goal's title and its structured fields must say the same thing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.agreement import a_pace, a_window_agrees, agree, moved_by, rings, target_agrees, unsigned_same
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
    land on the same value from the baseline ("by 5 points" from 72% is 77%); a change in whole
    percent agrees with fields that move within a point of it ("by 75%" from £410k to £100k is
    75.6%), and so does the size of a change written with no "by" ("Add 1% to our margin" from
    18.5% to 19.5%, "Cut our rework cost 75%" on a cost in pounds). A change made each period ("a
    10% improvement in delivered units per quarter") is a pace, not the whole change, and is not
    compared with the fields.

    Values are compared in the metric's unit: "from £3.1m" agrees with `baseline: 3100000` on a
    metric in GBP, "under 45 minutes" with `target: 0.75 hours`, and a bare number in the title
    takes the field's unit ("18" and `target: 18 working hours`). A time window in the title
    ("within 1 working day ... for 95% of claims") is the service standard the share is
    measured against, not a second target, so it is not compared with `target: 95%`; nor is a count of
    rings ("under 4 rings or 30 seconds").
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
            if not agree(facts.baseline.value, goal.baseline, goal.metric):
                yield ctx.report(self, goal, f"the title says 'from {facts.baseline.words}' but 'baseline' is "
                                 f"{goal.baseline.text}", at=facts.baseline.span, subject="baseline",
                                 hint=f"write 'baseline: {facts.baseline.words}', or 'from {goal.baseline.text}' in "
                                      "the title, whichever is today's value")
        if g.target is not None and _titled(facts.target) and goal.target is not None and not another and \
                not target_agrees(facts.target.value, goal) and not unsigned_same(facts.target, goal) and \
                not a_window_agrees(goal) and not _names_the_metric(facts.target, goal) and \
                not _states_today(facts, goal) and not moved_by(facts.target, goal) and not a_pace(facts.target, goal) \
                and not rings(facts.target, goal):
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


def _states_today(facts, goal: GoalView) -> bool:
    """'We are proud to have resolved 90% of escalated complaints' with 'baseline: 90%', 'target: 93%':
    a number the title gives with no word aiming at it, and no start of its own, is today's value when
    the baseline says so ('Increase CSAT to 80%' with 'baseline: 80%' aims at it: still reported)."""
    said, title = facts.target, goal.goal.title or ""
    if facts.baseline is not None or goal.baseline is None or said.value.change or \
            not agree(said.value, goal.baseline, goal.metric):
        return False
    at = title.find(said.words)
    return at >= 0 and _AIMS.search(title, max(0, at - 30), at) is None


_AIMS = re.compile(r"(?i)(?:\b(?:to|reach(?:ing)?|hit(?:ting)?|achiev\w*|attain\w*|least|most|under|below|above|over|than|"
                   r"targets?(?:\s+of)?|(?:goal|aim|ambition|level|standard|rate|score)s?\s+of|by)|[≥≤<>=:])\s*[£$€]?$")


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


