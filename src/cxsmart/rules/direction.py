"""M004: the words, the numbers and the metric's better direction must agree."""

from __future__ import annotations

from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.measure import declare_direction, met_already, verb_against_numbers, verb_way, wrong_way
from cxsmart.rule import Rule, RuleContext


class DirectionContradiction(Rule):
    """The goal moves its metric the wrong way: a rise in churn, a fall in CSAT.

    With structured fields, a signed target ("+1 pp", "-5 pp") or a factor ("x2") is
    checked against the metric's better direction; the language checks add the verb
    ("reduce CSAT from 70% to 80%"). The better direction is read however the definition
    writes it: `better: lower`, `direction: lower is better`, `direction: down`,
    `lower_is_better: true`, `polarity: negative`. Values are compared in the metric's unit
    (a baseline in hours and a target in minutes are one duration).

    ## Why it matters
    A target that worsens the metric is almost always a sign error, and a goal that is
    met by making customers less happy rewards the wrong behaviour.

    ## Example
    ```yaml
    - title: Reduce churn rate by 0.5 points by 2026-12-31
      metric: churn_rate
      baseline: 3%
      target: +0.5 pp
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Reduce churn rate from 3% to 2.5% by 2026-12-31
      metric: churn_rate
      baseline: 3%
      target: -0.5 pp
      deadline: 2026-12-31
    ```
    """

    code = "M004"
    name = "direction-contradiction"
    severity = Severity.ERROR
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = self._verb(goal, ctx)
        if found is None:
            found = self._numbers(goal, ctx)
        if found is not None:
            yield found

    def _verb(self, goal: GoalView, ctx: RuleContext) -> Diagnostic | None:
        """The verb against the numbers, then against the metric's better direction."""
        verb, metric = goal.facts.direction, goal.metric
        way = verb_way(goal)
        if way is None:
            return None
        baseline, target = goal.baseline, goal.target
        if met_already(goal):
            return None                             # today's value is past the target already: A002
        if verb_against_numbers(goal):
            rises = target.value > baseline.value
            side = "above" if rises else "below"
            if verb.value == "better":
                name = metric.name or metric.id
                return ctx.report(self, goal, f"'{verb.words}' means {name} should {'rise' if way == 'up' else 'fall'}"
                                  f" ({metric.better} is better), but the target {target.text} is {side} the "
                                  f"baseline {baseline.text}", at=verb.span, subject=verb.words.lower(),
                                  hint=f"swap the numbers; or, if {'lower' if metric.better == 'higher' else 'higher'}"
                                       f" is better for your {name}, declare it: " + _declare(metric, ctx))
            return ctx.report(self, goal, f"'{verb.words}' contradicts the numbers: the target {target.text} is "
                              f"{side} the baseline {baseline.text}", at=verb.span, subject=verb.words.lower(),
                              hint="fix the verb or swap the numbers")
        if verb.value == "better" or goal.facts.metric_of_second_outcome():
            return None
        if metric is not None and metric.better is not None:
            worse = (verb.value == "up") == (metric.better == "lower")
            if worse:
                name = metric.name or metric.id
                way = "rise" if verb.value == "up" else "fall"
                return ctx.report(self, goal, f"'{verb.words}' makes {name} {way}, but for {name} {metric.better} "
                                  "is better", at=verb.span, subject=verb.words.lower(),
                                  hint="check the verb, or the metric the goal names; if your measure is better "
                                       f"the other way, say so: {_declare(metric, ctx)}")
        return None

    def _numbers(self, goal: GoalView, ctx: RuleContext) -> Diagnostic | None:
        metric, target = goal.metric, goal.target
        if metric is None or target is None or not wrong_way(target, metric):
            return None
        way = "rise" if metric.better == "lower" else "fall"
        name = metric.name or metric.id
        fixed = target.text.replace("+", "-", 1) if target.text.startswith("+") else target.text.replace("-", "+", 1)
        return ctx.report(self, goal, f"target '{target.text}' makes {name} {way}, but for {name} "
                          f"{metric.better} is better", at=goal.at("target"),
                          hint=(f"flip the sign ('target: {fixed}'), or check the metric" if not target.factor else
                                "use a factor on the right side of 1, or an absolute target")
                          + f"; if your measure is better the other way, say so: {_declare(metric, ctx)}")


def _declare(metric, ctx: RuleContext) -> str:
    """How to declare the other direction: a refinement of a built-in metric, or the one line to
    change in the team's own definition (a second definition of it would be a duplicate id)."""
    if any(m.id == metric.id for m in ctx.workspace.file_metrics):
        other = "lower" if metric.better == "higher" else "higher"
        return f"'better: {other}' in the definition of '{metric.id}' (where it says which way is better)"
    return declare_direction(metric)
