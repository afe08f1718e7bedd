"""M009: a metric of the team's own, defined nowhere. Still a metric: the goal is checked with it."""

from __future__ import annotations

from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.units import yaml_text
from cxsmart.rule import Rule, RuleContext


class UncataloguedMetric(Rule):
    """The goal's `metric` is defined nowhere: not built in, not in a rule pack, not in a
    `metrics:` block of the workspace.

    Every CX team tracks measures of its own ("callbacks kept in the promised window",
    "digital containment", "Trustpilot score"), so this is information, not an error: the goal
    is still checked, with the metric read from the goal itself. Its unit comes from the
    baseline and target ("80%" is a percentage, "4.1 out of 5" a score out of 5, "182 Ml/d" a
    unit of the team's own, shown in the suggested definition as written), and its better
    direction from the verb ("reduce", "cut" mean lower is better for this goal) or, where no
    verb says, from the numbers ("down from 14% to 9%", "clear 1,200 to 300": lower; a
    threshold "under 2 days": lower), so the suggested definition never contradicts the
    goal. Units, the verb against the numbers,
    the owner's `controls` and the cascade are all checked. What cannot be checked without a
    definition is the metric's valid range, its plausible pace, and its direction in goals
    whose verb does not say. When the name is a letter or two from a known metric
    (`metric: csta`), it is most likely a typo and the finding is a warning.

    Metric ids in an owner's `controls`, an objective's `kpi` and a metric's `conflicts_with`
    are read the same way: an id the workspace defines, or that any goal uses as its metric,
    is known there too; only a near-miss of a known metric that nothing else uses is reported,
    as a warning with did-you-mean (never an unknown-reference error).

    ## Why it matters
    A metric only means something when everyone reads it the same way: choosing and defining
    it is what ties a team's goal to the strategy above it (Del Moro). One definition, kept
    beside the goals, is what lets cxsmart check range and pace as it does for NPS or CSAT.

    ## Example
    ```yaml
    - title: Raise callbacks kept within the promised window from 81% to 90% by 2026-12-31
      metric: callback_kept_rate
      baseline: 81%
      target: 90%
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    metrics:
      - id: callback_kept_rate
        name: Callbacks kept within the promised window
        unit: percent
        range: [0, 100]
        better: higher
    goals:
      - title: Raise callbacks kept within the promised window from 81% to 90% by 2026-12-31
        metric: callback_kept_rate
        baseline: 81%
        target: 90%
        deadline: 2026-12-31
    ```
    """

    code = "M009"
    name = "uncatalogued-metric"
    severity = Severity.INFO
    needs_text = True               # the unit and direction it shows may come from the title

    def check_workspace(self, ws, ctx: RuleContext) -> Iterator[Diagnostic]:
        """A likely typo of a known metric in an owner's `controls`, an objective's `kpi` or a
        metric's `conflicts_with` (found by the workspace, as references are)."""
        for file, problem in ws.problems:
            if problem.code == self.code:
                yield Diagnostic(self.code, self.name, ctx.severities.get(self.code, Severity.WARNING),
                                 problem.message, file.path, problem.span, hint=problem.hint, subject=problem.subject)

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        ref = goal.uncatalogued
        if ref is None:
            return
        known = ctx.workspace.catalogue.metrics
        typo = None if _used_on_purpose(ref, ctx.workspace) else \
            next((m for m in known if _one_slip(ref.lower(), m.lower())), None)
        at = goal.span("metric")
        if typo is not None:
            yield ctx.report(self, goal, f"metric '{ref}' is defined nowhere (did you mean '{typo}'?)", at=at,
                             subject=ref, severity=Severity.WARNING,
                             hint=f"write 'metric: {typo}', or define '{ref}' in a metrics: block if it is "
                                  "a metric of your own")
            return
        metric = goal.metric
        unit = yaml_text(metric.unit_text or metric.unit) if metric is not None else "count"
        ident = metric.id if metric is not None else ref
        name = _readable(ref) if ref == ident else ref
        if metric is not None and metric.better:
            better, why = metric.better, f" (better: {metric.better}, as the goal says)"
        else:
            better, why = "higher", " (better: higher or lower)"
        yield ctx.report(self, goal, f"metric '{ref}' is defined nowhere: it is checked as this goal's own "
                         f"metric, but its range and plausible pace are not", at=at, subject=ref,
                         hint=f"define it once, in any linted file: 'metrics: [{{id: {ident}, name: {yaml_text(name)}, "
                              f"unit: {unit}, better: {better}}}]'{why}")


def _one_slip(a: str, b: str) -> bool:
    """A typing slip, not another metric: two letters swapped ('csta'), one letter left out or
    doubled ('custmer_effort'), or one letter wrong in a long id. 'dmex' is not 'cmex'."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True
        return len(diff) == 1 and len(a) >= 8 and diff[0] > 0
    if abs(len(a) - len(b)) != 1 or min(len(a), len(b)) < 4:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _used_on_purpose(ref: str, ws) -> bool:
    """An id an owner lists in `controls`, an objective names as its KPI, or two goals use is the
    team's own metric, however close to a built-in one it looks."""
    if any(ref in (item.model.controls or []) for item in ws.owners.values()):
        return True
    if any(item.model.kpi == ref for item in ws.objectives.values()):
        return True
    return sum(1 for g in ws.goals if g.goal.metric == ref) > 1


def _readable(ident: str) -> str:
    """'callback_kept_rate' -> 'Callback kept rate'; short words with no vowel or of three
    letters or fewer are acronyms: 'ccw_escalations' -> 'CCW escalations', 'gss' -> 'GSS'."""
    words = [w for w in ident.split("_") if w]
    out = [w.upper() if len(w) <= 3 and w not in _SMALL_WORDS else w for w in words]
    if out and out[0] == words[0]:
        out[0] = out[0].capitalize()
    return " ".join(out)


_SMALL_WORDS = {"of", "on", "in", "to", "per", "and", "the", "for", "at", "by", "day", "new", "net", "age", "use",
                "due", "not", "all", "app", "web", "bill", "kept", "time", "rate"}
