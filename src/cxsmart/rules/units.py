"""M007: values in a unit their metric is not measured in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.model.measure import unit_problem
from cxsmart.model.units import same_currency
from cxsmart.rule import Rule, RuleContext

if TYPE_CHECKING:
    from cxsmart.engine.goalview import GoalView
    from cxsmart.engine.workspace import Workspace


class UnitMismatch(Rule):
    """Baseline, target and metric are in units that cannot be compared.

    Handling time in percent, CSAT in minutes, a target in euros for a baseline in dollars,
    a rating out of 10 for a metric out of 5, or a duration with no unit at all ("5": seconds
    or minutes?).

    ## What it reads
    The metric's `unit:` as the team wrote it (`%`, `pp`, `mins`, `working days`, `GBP`, `€`,
    `stars (out of 5)`, `per 10,000 customers`, `complaints`, or a unit of its own such as
    `Ml/d`), and the units of the baseline and target (in the value, `{value: $48}`, or beside
    it, `{value: 48, unit: USD}`). Units of one family convert before they are compared:
    minutes and hours, `£` and `GBP`, `£2.4m` and `£2,400,000`, "per 1,000" and "per 10,000".
    Two currencies never do, nor two score scales, nor two units of a team's own with
    different names; a bare `$` is the dollar of whatever it is compared with (a Canadian
    team's `$58` on a metric in `CAD`), while `US$`, `C$`, `A$` and the codes name theirs. A bare number on a metric whose unit is precise (`unit: mins`) is in
    that unit. A metric whose `unit:` could not be read is not judged (that is one F002). A
    definition that gives no `unit:` at all is in the unit its goals write (`baseline: 72%`);
    goals that write it in two different units are one finding, at the definition.

    ## Why it matters
    A goal whose numbers are in the wrong unit is measured against the wrong thing, or not
    at all; and a definition in the wrong unit makes every goal that uses it look wrong.
    When every goal on a metric defined in the workspace disagrees with its definition in
    the same way, the definition is what to fix: it is reported once, at the definition.

    ## Example
    ```yaml
    - title: Reduce average handling time from 7 min to 80% by 2026-09-30
      metric: aht
      baseline: 7 min
      target: 80%
      deadline: 2026-09-30
    ```

    ## Use instead
    ```yaml
    - title: Reduce average handling time from 7 min to 6 min by 2026-09-30
      metric: aht
      baseline: 7 min
      target: 6 min
      deadline: 2026-09-30
    ```
    """

    code = "M007"
    name = "unit-mismatch"
    severity = Severity.ERROR
    needs_text = True               # reads values that may come from the title

    def __init__(self, options=None):
        super().__init__(options)
        self._blamed: tuple[object, set[str]] = (None, set())

    def check_workspace(self, ws: Workspace, ctx: RuleContext) -> Iterator[Diagnostic]:
        """A definition every goal of which disagrees with it: one finding, at the definition."""
        if not ws.metric_items:                 # no definitions: nothing to blame (an editor asks per keystroke)
            self._blamed = (ws, set())
            return
        by_metric: dict[str, list[tuple[GoalView, str]]] = {}
        using: dict[str, int] = {}
        for goal in ws.goals:
            metric = goal.metric
            if metric is None or metric.id not in ws.metric_items or goal.uncatalogued is not None:
                continue
            problems = [(goal, p) for role, q in (("baseline", goal.baseline), ("target", goal.target))
                        if q is not None and (p := unit_problem(q, metric, role))]
            if goal.baseline is not None or goal.target is not None:
                using[metric.id] = using.get(metric.id, 0) + 1
            if problems and not any("is in " in p for _, p in problems):    # not a currency slip
                by_metric.setdefault(metric.id, []).append(problems[0])
        blamed: set[str] = set()
        yield from self._units_differ(ws, ctx)
        for ident, found in by_metric.items():
            item = ws.metric_items[ident]
            written = item.entry("unit") is not None
            if len(found) < using.get(ident, 0) or (written and len(found) < 2):
                continue
            blamed.add(ident)
            goal, problem = found[0]
            metric = goal.metric
            others = "" if len(found) == 1 else f" (and {len(found) - 1} other goal{'s' if len(found) > 2 else ''})"
            unit = f"unit '{metric.unit_text}'" if written else "no unit (so a count)"
            yield ctx.report(self, None, f"metric '{ident}' is defined with {unit}, but goal "
                             f"'{goal.id or goal.goal.title}'{others} writes it otherwise: {problem}",
                             at=item.value_span("unit") or item.anchor, path=item.file.path, subject=ident,
                             hint=f"write the unit the goals use in the definition of '{ident}' "
                                  "(unit: %, pp, days, mins, GBP, out of 5, per 1,000 ...)")
        self._blamed = (ws, blamed)

    def _units_differ(self, ws: Workspace, ctx: RuleContext) -> Iterator[Diagnostic]:
        """A definition with no `unit:` is in the unit its goals write; goals that write it in
        two units are one finding, at the definition."""
        units: dict[str, dict[str, GoalView]] = {}
        for goal in ws.goals:
            metric = goal.metric
            if metric is not None and metric.id in ws.metric_items and goal.goal.metric == metric.id and \
                    ws.metric_items[metric.id].entry("unit") is None and \
                    any(q is not None and not q.factor for q in (goal.baseline, goal.target)):
                units.setdefault(metric.id, {}).setdefault(metric.unit_text or metric.unit, goal)
        for ident, seen in units.items():
            if len(seen) < 2:
                continue
            item = ws.metric_items[ident]
            ways = ", ".join(f"{unit} (goal '{g.id or g.goal.title}')" for unit, g in seen.items())
            yield ctx.report(self, None, f"metric '{ident}' is defined with no unit, and its goals write it in "
                             f"different units: {ways}", at=item.anchor, path=item.file.path, subject=ident,
                             hint=f"add 'unit:' to the definition of '{ident}' (%, pp, days, mins, GBP, out of 5, "
                                  "per 1,000 ...), and write every goal on it in that unit")

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        metric, baseline, target = goal.metric, goal.baseline, goal.target
        blamed = self._blamed[1] if self._blamed[0] is ctx.workspace else set()
        said = False
        if metric is not None and metric.id not in blamed:
            for role, q in (("baseline", baseline), ("target", target)):
                problem = q is not None and unit_problem(q, metric, role)
                if problem:
                    said = True
                    yield ctx.report(self, goal, problem, at=goal.at(role),
                                     hint=f"write the {role} in the metric's unit, or check that the metric is right")
        if baseline is None or target is None or said:
            return                  # one slip, one finding
        if not same_currency(baseline.currency, baseline.text, target.currency, target.text):
            yield ctx.report(self, goal, f"baseline is in {baseline.currency} but target in {target.currency}",
                             at=goal.at("target"), hint="use one currency for baseline and target")
        elif metric is None and not (target.change or target.factor) and \
                None not in (baseline.unit, target.unit) and baseline.unit != target.unit:
            yield ctx.report(self, goal, f"baseline '{baseline.text}' and target '{target.text}' are in different units",
                             at=goal.at("target"), hint="write baseline and target in the same unit")
