"""R: Relevant. Traced to a business objective, owned by someone who can move the metric."""

from __future__ import annotations

from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.catalogue import normalise
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.incentives import _name, guarded


class NoObjective(Rule):
    """The goal, and every goal above it, traces to no business objective.

    A goal may name its `objective`, or inherit it from its `parent` goal.

    ## Why it matters
    Del Moro: a CX programme succeeds when its goals are specific and tied to what the
    business as a whole is trying to achieve. A goal that serves no objective
    competes for effort with the ones that do.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-12-31
      metric: csat
    ```

    ## Use instead
    ```yaml
    objectives:
      - id: grow-retention
        title: Grow recurring revenue by reducing customer churn
        kpi: churn_rate
    goals:
      - title: Increase CSAT from 72% to 78% by 2026-12-31
        metric: csat
        objective: grow-retention
    ```
    """

    code = "R001"
    name = "no-objective"
    severity = Severity.ERROR

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if any(g.goal.objective or g.present("objective") for g in goal.lineage()):
            return                                  # named (an unknown name is F004)
        above = " or any goal above it" if goal.parent else ""
        yield ctx.report(self, goal, f"goal {goal.label}{above} traces to no business objective",
                         at=goal.anchor, hint="add 'objective: <id>' naming the business objective it serves "
                                              "(or a 'parent:' goal that has one)")


class NoOwner(Rule):
    """The goal has no owner.

    ## Why it matters
    Renascence: name the person or team answerable for each piece of work. A goal that
    everyone owns, nobody moves.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-12-31
    ```

    ## Use instead
    ```yaml
    owners:
      - id: contact-centre
    goals:
      - title: Increase CSAT from 72% to 78% by 2026-12-31
        owner: contact-centre
    ```
    """

    code = "R002"
    name = "no-owner"
    severity = Severity.ERROR

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if not goal.goal.owner and not goal.present("owner"):
            yield ctx.report(self, goal, f"goal {goal.label} has no owner", at=goal.anchor,
                             hint="add 'owner: <id>': the team, person or role that will move the metric")


class OwnerCannotAffect(Rule):
    """The owner declares the metrics it `controls`, and the goal's metric is not among them.

    `controls` may list metric ids or whole kinds (`internal:*`). Owners that declare no
    `controls` are not checked.

    ## Why it matters
    Del Moro: each team's CX goals must fit that team, because a team can only move what is
    within its control. A contact centre cannot move share of wallet; measuring it on that
    makes the goal someone else's.

    ## Example
    ```yaml
    owners:
      - id: contact-centre
        controls: [aht, fcr, csat]
    goals:
      - title: Increase share of wallet from 18% to 20% by 2026-12-31
        metric: share_of_wallet
        owner: contact-centre
    ```

    ## Use instead
    ```yaml
    owners:
      - id: contact-centre
        controls: [aht, fcr, csat]
    goals:
      - title: Increase first contact resolution from 70% to 75% by 2026-12-31
        metric: fcr
        owner: contact-centre
    ```
    """

    code = "R003"
    name = "owner-cannot-affect"
    severity = Severity.WARNING
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        owner, metric = goal.owner, goal.metric
        if owner is None or metric is None or owner.controls is None or goal.unnamed:
            return                                  # a share nothing names cannot be matched to `controls`
        catalogue = ctx.workspace.catalogue
        for ref in owner.controls:
            if ref.endswith(":*") and ref[:-2] == metric.kind:
                return
            resolved = catalogue.resolve(ref)
            if (resolved.id if resolved is not None else normalise(ref)) in (metric.id, normalise(metric.name or "")):
                return
        shown = ", ".join(owner.controls)
        yield ctx.report(self, goal, f"owner '{owner.id}' cannot move {_name(metric)}: it controls {shown}",
                         at=goal.span("owner"), subject=f"{owner.id} {metric.id}",
                         hint="give the goal to an owner who controls this metric, or measure this owner on "
                              "a metric it controls")


class InternalWithoutExternal(Rule):
    """An internal operational KPI has no customer-perceived measure paired with it.

    Paired means `paired_with` names a goal on an external metric (NPS, CSAT, CES ...), or
    a goal on an external metric shares this goal's segment and its parent or owner.

    ## Why it matters
    El-Hinnawi (New Metrics): pair each internal KPI for a channel or process customers use
    with a measure of how satisfied customers are with that same channel or process.

    ## Example
    ```yaml
    - id: aht-down
      title: Reduce average handling time from 7 min to 6 min by 2026-06-30
      metric: aht
      owner: contact-centre
    ```

    ## Use instead
    ```yaml
    - id: aht-down
      title: Reduce average handling time from 7 min to 6 min by 2026-06-30
      metric: aht
      owner: contact-centre
      paired_with: csat-contact
    - id: csat-contact
      title: Increase contact-centre CSAT from 74% to 78% by 2026-06-30
      metric: csat
      owner: contact-centre
    ```
    """

    code = "R005"
    name = "internal-without-external"
    severity = Severity.INFO
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        yield from self._check(goal, ctx, self._beside(ctx.workspace))

    def _beside(self, ws) -> "_Beside":
        """The customer-perceived goals by parent and by owner, indexed once per workspace, so
        the check is linear in goals."""
        if getattr(self, "_index", None) is None or self._index.ws is not ws:
            self._index = _Beside(ws)
        return self._index

    def _check(self, goal: GoalView, ctx: RuleContext, beside: "_Beside") -> Iterator[Diagnostic]:
        metric = goal.metric
        if metric is None or metric.kind != "internal":
            return
        if goal.paired is not None:
            if guarded(goal):
                return
            yield ctx.report(self, goal, f"goal {goal.label} is paired with {goal.paired.label}, whose metric is "
                             "not customer-perceived", at=goal.span("paired_with"),
                             hint="pair it with a goal on NPS, CSAT or CES for the same customers")
            return
        if goal.goal.paired_with:
            return                                  # names an unknown goal: F004
        segment = _segment(goal)
        if any(value and segment in beside.segments(relation, value)
               for relation, value in (("parent", goal.goal.parent), ("owner", goal.goal.owner))):
            return
        yield ctx.report(self, goal, f"{_name(metric)} is an internal measure with no customer-perceived measure "
                         "beside it", at=goal.span("metric") or goal.anchor, subject=metric.id,
                         hint="add 'paired_with: <goal id>' naming a goal on CSAT, NPS or CES for the same customers")


class _Beside:
    """The segments of the goals on an external metric with a given parent or owner, when a goal
    asks about them (from the workspace's goals by parent and by owner)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self._segments: dict[tuple[str, str], set[str]] = {}

    def segments(self, relation: str, value: str) -> set[str]:
        key = (relation, value)
        if key not in self._segments:
            self._segments[key] = {_segment(other) for other in self.ws.goals_by(relation).get(value, ())
                                   if other.metric is not None and other.metric.kind == "external"}
        return self._segments[key]


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _segment(goal: GoalView) -> str:
    """The `segment` field, else the segment the title names ("CSAT for top-tier customers"):
    the same whether the goal is a sentence or has the field M011's fix adds."""
    if goal.goal.segment is None and goal.facts.segment is not None:
        return _norm(goal.facts.segment.words)
    return _norm(goal.goal.segment)


class SoftMetricUnlinked(Rule):
    """A perception metric (NPS, CSAT, CES ...) serves an objective that has no business KPI.

    ## Why it matters
    McVey (Qualtrics): NPS is a useful gauge, but a higher score does not promise more
    revenue. The objective above a perception goal should say
    which business KPI the scores are expected to move.

    ## Example
    ```yaml
    objectives:
      - id: happier-customers
        title: Happier customers
    goals:
      - title: Increase CSAT from 72% to 78% by 2026-12-31
        metric: csat
        objective: happier-customers
    ```

    ## Use instead
    ```yaml
    objectives:
      - id: grow-retention
        title: Grow recurring revenue by reducing customer churn
        kpi: churn_rate
    goals:
      - title: Increase CSAT from 72% to 78% by 2026-12-31
        metric: csat
        objective: grow-retention
    ```
    """

    code = "R006"
    name = "soft-metric-unlinked"
    severity = Severity.INFO
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        metric, objective = goal.metric, goal.objective
        if metric is None or metric.kind != "external" or objective is None or objective.kpi:
            return
        at = goal.span("objective") if goal.objective_from is goal else None
        yield ctx.report(self, goal, f"{_name(metric)} is a perception score, and objective '{objective.id}' names "
                         "no business KPI it should move", at=at or goal.anchor, subject=objective.id,
                         hint=f"add 'kpi:' to objective '{objective.id}' (e.g. churn_rate, retention_rate, clv)")
