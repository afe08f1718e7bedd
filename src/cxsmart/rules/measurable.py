"""M: Measurable. A metric, a baseline and a target: "from what to what"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.measure import ambiguous_percent, metric_range, resolve_target, show, unit_problem
from cxsmart.model.quantities import PERCENT
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.measurable_hints import baseline_hint, target_beside
from cxsmart.rules.measure_words import HANDLED, handled_only


class NoMetric(Rule):
    """The goal names no metric, so nobody can tell whether it was met.

    Reads the `metric` field and, through the language checks, a metric named in the title
    or description (NPS, CSAT, churn rate ... by name or alias). A thing counted that nothing
    moves and no number measures ("Deal with all complaints promptly", "Learn from complaints")
    names no metric: the complaints are handled, not counted.

    ## Why it matters
    Kiruthu (ICX Kenya): some organisations set CX goals that cannot be measured, or that
    simply never are. Choosing the metric is what
    links a tactical goal to the strategic one (Del Moro).

    ## Example
    ```yaml
    - title: Make our customers happier
      owner: contact-centre
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-12-31
      metric: csat
      baseline: 72%
      target: 78%
      owner: contact-centre
      deadline: 2026-12-31
    ```
    """

    code = "M001"
    name = "no-metric"
    severity = Severity.ERROR
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if not goal.present("metric") and (goal.facts.metric is None or goal.target is None and
                                           handled_only(goal.facts, goal.goal.title, HANDLED)):
            yield ctx.report(self, goal, f"goal {goal.label} names no metric: nobody can tell whether it was met",
                             at=goal.title_span,
                             hint="add 'metric:' (e.g. csat, nps, churn_rate, aht; `cxsmart metrics` lists them) "
                                  "and say it in the title: 'Increase CSAT from 72% to 78% by ...'")


class NoBaseline(Rule):
    """The goal says where to go but not where it starts.

    ## Why it matters
    Kiruthu (ICX Kenya): vague goals such as "improve customer experience" give no starting
    level and no end level. A relative target ("by 30%") means nothing without a
    baseline: 30% of what?

    ## Example
    ```yaml
    - title: Increase survey response rate for top-tier customers by 30% by 2026-06-30
      metric: survey_response_rate
      target: +30%
      deadline: 2026-06-30
    ```

    ## Use instead
    ```yaml
    - title: Increase survey response rate for top-tier customers from 12% to 15.6% by 2026-06-30
      metric: survey_response_rate
      baseline: 12%
      target: 15.6%
      deadline: 2026-06-30
    ```
    """

    code = "M002"
    name = "no-baseline"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if goal.baseline is not None or goal.present("baseline"):
            return
        verb = goal.facts.direction
        if verb is not None and verb.value == "hold" and goal.target is not None and not goal.target.change:
            return                                  # "keep CSAT at or above 4.3": the level kept is the start
        target = goal.target
        if target is not None and (target.change or target.factor):
            words = goal.written("target")
            message = f"goal {goal.label} has a relative target '{words}' but no baseline: " + \
                (f"{words} from what?" if target.factor else f"{words} of what?")
        elif (window := _window(goal)) is not None:
            message = f"goal {goal.label} has no baseline: say what share is met {window} today"
        else:
            message = f"goal {goal.label} has no baseline: say where the metric starts"
        at = goal.at("target") if target is not None else goal.title_span
        hint = baseline_hint(goal, ctx.today)
        unset = goal.item.extra.get("baseline")
        if isinstance(unset, str):                  # 'baseline: TBC'
            message = message.replace("has no baseline", f"has no baseline yet ('{unset}')", 1)
            at = goal.item.value_span("baseline") or at
            hint = hint.replace("add 'baseline:' with today's value", f"once it is measured, write today's value "
                                f"for '{unset}'", 1)
        yield ctx.report(self, goal, message, at=at, hint=hint)


def _window(goal: GoalView) -> str | None:
    """A service standard's window, as the title words it ('within 20 seconds'), when the goal's
    target is the share that meets it: the window belongs to the measure."""
    if goal.target is None or goal.target.unit != PERCENT:
        return None
    standards = goal.facts.extra.get("service-standard") or []
    if standards:
        words = standards[0].words.strip()
        return words if words.lower().startswith(("within", "in ")) else f"within {words}"
    m = _WINDOW_WORDS.search(goal.goal.title or "")
    deadline = goal.facts.deadline
    if m is None or (deadline is not None and deadline.words and deadline.words in m.group(0)):
        return None                                 # "within 12 months" read as the deadline
    return m.group(0)


_WINDOW_WORDS = re.compile(r"(?i)\b(?:within|in\s+under|in\s+less\s+than)\s+[\w.-]+\s+(?:working\s+|business\s+)?"
                           r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|rings?)\b")


class NoTarget(Rule):
    """The goal has no target: it says what to measure but not what counts as success.

    A number that qualifies rather than sets the level is no target: one in an opening condition
    closed by a comma ("If we cannot reply within three weeks, we will write to you": the promise is
    the letter, which has no number), a population ("cases open longer than 30 days"), a payment
    for a missed promise ("you will receive a further £40") or the hours a service runs ("24/7",
    "24 hours a day, 365 days a year"; but "available 24/7" is a standard of availability).

    ## Why it matters
    Without an end point, any movement can be called progress. Del Moro: say precisely what
    counts as success.

    ## Example
    ```yaml
    - title: Improve first contact resolution by 2026-09-30
      metric: fcr
      baseline: 68%
      deadline: 2026-09-30
    ```

    ## Use instead
    ```yaml
    - title: Increase first contact resolution from 68% to 74% by 2026-09-30
      metric: fcr
      baseline: 68%
      target: 74%
      deadline: 2026-09-30
    ```
    """

    code = "M003"
    name = "no-target"
    severity = Severity.ERROR
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if goal.target is None and not goal.present("target"):
            low, high = metric_range(goal.metric) if goal.metric is not None else (None, None)
            baseline = goal.baseline.value if goal.baseline is not None else None
            if baseline is not None and ((low is not None and baseline < low) or (high is not None and baseline > high)):
                example = f"in {goal.metric.name or goal.metric.id}'s range, {show(low, goal.metric)} to " \
                          f"{show(high, goal.metric)}, once the baseline is checked (M005)" if high is not None else \
                          "once the baseline is checked (M005)"
            else:
                example = f"e.g. 'target: {target_beside(goal, ctx.today)}'"
            unset = goal.item.extra.get("target")
            yet = f" yet ('{unset}')" if isinstance(unset, str) else ""      # 'target: TBC'
            at = goal.item.value_span("target") if yet else None
            yield ctx.report(self, goal, f"goal {goal.label} has no target{yet}: say what value counts as success",
                             at=at or (goal.at("baseline") if goal.baseline is not None else goal.title_span),
                             hint=f"add 'target:' ({example}), absolute or as a change like '+5 pp'")


class OutOfRange(Rule):
    """A baseline or target lies outside the values the metric can take.

    NPS runs from -100 to 100, a percentage from 0 to 100, a rating from 1 to 5. A change
    target is checked where it lands: a CSAT of 96% plus 5 points is 101%. A metric whose
    unit names a scale (`stars (out of 5)`, `/10`, `0-10`) has that scale as its range unless
    it declares one; a range written for `unit: mins` is in minutes.

    ## Why it matters
    A target that cannot exist cannot be met; it usually means the wrong metric or unit.

    ## Example
    ```yaml
    - title: Raise NPS from 40 to 130 by 2026-12-31
      metric: nps
      baseline: 40
      target: 130
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Raise NPS from 40 to 50 by 2026-12-31
      metric: nps
      baseline: 40
      target: 50
      deadline: 2026-12-31
    ```
    """

    code = "M005"
    name = "out-of-range"
    severity = Severity.ERROR
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        metric = goal.metric
        if metric is None:
            return
        low, high = metric_range(metric)
        name = metric.name or metric.id
        values = []
        if goal.baseline is not None and unit_problem(goal.baseline, metric, "baseline") is None:
            values.append(("baseline", goal.baseline.value, goal.baseline.text))
        if goal.target is not None and unit_problem(goal.target, metric, "target") is None and \
                not (goal.target.change and goal.baseline is not None and unit_problem(goal.baseline, metric, "baseline")):
            landed = resolve_target(goal.baseline, goal.target)
            if landed is not None:
                values.append(("target", landed, goal.target.text))
        for role, value, text in values:
            if (low is not None and value < low) or (high is not None and value > high):
                lands = "" if text == show(value, metric) or text.rstrip("%") == show(value, metric).rstrip("%") \
                    else f" (lands at {show(value, metric)})"
                limits = f"from {show(low, metric)} to {show(high, metric)}" if low is not None and high is not None \
                    else (f"at least {show(low, metric)}" if low is not None else f"at most {show(high, metric)}")
                yield ctx.report(self, goal, f"{role} '{text}'{lands} is outside the range of {name}, which runs {limits}",
                                 at=goal.at(role), hint=f"check the {role}, its unit, and that the metric is right")


class AmbiguousPercent(Rule):
    """A '%' change on a metric that is itself a percentage or points: relative, or points?

    "Improve CSAT by 5%" from 80% may mean 84% (relative) or 85% (percentage points).
    Write 'pp' or 'points' for an absolute change, or give the target value.

    ## Why it matters
    Sample goals such as a 10% rise in satisfaction scores (Renascence) or a 5% rise in NPS
    (Del Moro) read differently to different people; only one reading gets measured.

    ## Example
    ```yaml
    - title: Improve CSAT by 5% by 2026-12-31
      metric: csat
      baseline: 80%
      target: +5%
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Improve CSAT from 80% to 85% by 2026-12-31
      metric: csat
      baseline: 80%
      target: +5 pp
      deadline: 2026-12-31
    ```
    """

    code = "M006"
    name = "ambiguous-percent"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        target, metric = goal.target, goal.metric
        if not ambiguous_percent(target, metric, goal.baseline, _quarters(goal, ctx)):
            return
        name = metric.name or metric.id
        detail = ": relative to the baseline, or percentage points?"
        points = target.text.replace('%', ' pp').replace('  ', ' ')
        hint = f"write '{points}' for percentage points, or give the target value itself"
        if goal.baseline is not None:               # no fix: which reading was meant is the question
            b = goal.baseline.value
            relative, absolute = show(b * (1 + target.value / 100), metric), show(b + target.value, metric)
            detail = f": from {show(b, metric)} that is {relative} relative, or {absolute} in points"
            hint = f"write 'target: {relative}' if the change is relative, or 'target: {absolute}' ('{points}') if in points"
        yield ctx.report(self, goal, f"'{goal.written('target')}' on {name} is ambiguous{detail}", at=goal.at("target"),
                         hint=hint)


def _quarters(goal: GoalView, ctx: RuleContext) -> float | None:
    deadline = goal.deadline
    if deadline is None or not deadline.ok:
        return None                                 # no window: a year is assumed
    start = goal.start.first if goal.start is not None and goal.start.ok else ctx.today
    return max((deadline.last - start).days / (365.25 / 4), 1.0)
