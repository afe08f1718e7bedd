"""R004: a goal whose metric pulls against what its objective is for, by the catalogue's conflict
lists or by what the objective says in words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.goalfile import MetricDef
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.levels import holds_level


def _name(metric: MetricDef) -> str:
    return metric.name or metric.id


class ConflictingIncentive(Rule):
    """The goal's metric works against its objective's KPI, its parent's metric, or its objective's words.

    Metrics in the catalogue list what they conflict with: average handling time works
    against churn, retention, CSAT, NPS and first contact resolution. Conflicts are also read
    from words: a measure of efficiency or cost (handling or call time, time spent with
    customers, cost per contact or claim, payouts, settlement or refund values, FTE or
    headcount, read from the metric's `kind` and name, or the goal's own "to save posts" or
    "efficiency"; "respond in a prompt and efficient manner" says how customers are served)
    under an objective whose title, description or KPI is about customer outcomes (fair
    outcomes, vulnerable customers or financial difficulty, satisfaction, loyalty, trust,
    retention, quality, complaints upheld) or the care customers get (support, attention,
    additional needs, putting things right). An objective that names none of these but asks
    for no saving either ("safe, warm homes", "patients eat well and recover sooner") is about
    what customers get, and counts too; one that asks for lower cost, efficiency, automation or
    speed itself ("lower the cost to serve") does not.

    Either way, a goal with a customer-perceived measure beside it is not reported: one its
    `paired_with` names (CSAT, NPS, CES ...), or a guardrail goal of the same owner that holds a
    customer-perceived measure ("keep CSAT for these customers at or above 85%").

    ## Why it matters
    Del Moro: if call-centre agents are still rewarded for short calls while the company's
    goal is to cut churn, the two pull against each other. Watkinson: customers judge the
    whole experience, so a saving made on their time shows up in how they feel.

    ## Example
    ```yaml
    objectives:
      - id: reduce-churn
        title: Grow recurring revenue by reducing customer churn
        kpi: churn_rate
    goals:
      - title: Reduce average handling time from 7 min to 6 min by 2026-06-30
        metric: aht
        objective: reduce-churn
    ```

    ## Use instead
    Measure the goal on what the objective needs, or keep the saving and put the customer's
    view beside it (`paired_with`, or a guardrail goal of the same owner):

    ```yaml
    objectives:
      - id: reduce-churn
        title: Grow recurring revenue by reducing customer churn
        kpi: churn_rate
    goals:
      - id: aht-2026
        title: Reduce average handling time from 7 min to 6 min by 2026-06-30
        metric: aht
        objective: reduce-churn
        paired_with: csat-2026
      - id: csat-2026
        title: Keep CSAT at or above 80% while handling time falls, to 2026-06-30
        metric: csat
        objective: reduce-churn
    ```
    """

    code = "R004"
    name = "conflicting-incentive"
    severity = Severity.WARNING
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        metric = goal.metric
        if metric is None:
            return
        catalogue = ctx.workspace.catalogue
        above = []
        if goal.objective is not None and goal.objective.kpi:
            kpi = catalogue.resolve(goal.objective.kpi)
            if kpi is not None:
                above.append((kpi, f"the KPI of objective '{goal.objective.id}'"))
        if goal.parent is not None and goal.parent.metric is not None:
            above.append((goal.parent.metric, f"the metric of parent goal {goal.parent.label}"))
        conflict = next(((other, what) for other, what in above if other.id != metric.id and (
            other.id in metric.conflicts_with or metric.id in other.conflicts_with)), None)
        words = objective_words(goal) if conflict is None and saves_on_customers(goal) else None
        if conflict is None and not words:
            return
        if guarded(goal) or kept_beside(goal, self._guardrails(ctx.workspace)):
            return                                  # the pairing the hint asks for: the conflict is watched
        if conflict is not None:
            other, what = conflict
            yield ctx.report(self, goal, f"{_name(metric)} works against {_name(other)}, {what}",
                             at=goal.span("metric") or goal.anchor, subject=f"{metric.id} {other.id}",
                             hint=f"measure this goal on a metric that moves {_name(other)} the right way, or "
                                  "pair it with one that does ('paired_with')")
            return
        said, where = words
        yield ctx.report(self, goal, f"{_name(metric)} is a measure of efficiency or cost, and {where} is about "
                         f"{said}: cutting it can work against the customers it protects",
                         at=goal.span("metric") or goal.title_span, subject=f"{metric.id} {said}",
                         hint="pair it with a goal on how those customers feel ('paired_with: <goal id>'), or "
                              "give the same owner a guardrail goal that holds one ('keep CSAT at or above 85%')")

    def _guardrails(self, ws) -> "Guardrails":
        """The workspace's guardrail index, made once per workspace (a scan of every goal for
        each goal made a 10,000-goal workspace take minutes)."""
        if getattr(self, "_index", None) is None or self._index.ws is not ws:
            self._index = Guardrails(ws)
        return self._index


def guarded(goal: GoalView) -> bool:
    """Whether `paired_with` names a goal on a customer-perceived metric (CSAT, NPS, CES ...):
    "cut AHT without lowering CSAT" is the balanced goal R004's hint asks for."""
    return any(_external(paired) for paired in goal.paired_all)


def _external(goal: GoalView) -> bool:
    return goal.metric is not None and goal.metric.kind == "external"


class Guardrails:
    """For each owner asked about, its goals on a customer-perceived metric that hold a level (in
    workspace order): kept_beside without a scan of every goal per goal."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.holding: dict[str, list[GoalView]] = {}

    def of(self, owner: str) -> list[GoalView]:
        if owner not in self.holding:
            self.holding[owner] = [other for other in self.ws.goals_by("owner").get(owner, ())
                                   if _external(other) and holds_level(other)]
        return self.holding[owner]


def kept_beside(goal: GoalView, guardrails: Guardrails) -> bool:
    """A guardrail goal of the same owner holds a customer-perceived measure."""
    owner = goal.goal.owner
    return owner is not None and any(other is not goal for other in guardrails.of(owner))


# Measures of efficiency or cost, by name: time spent with customers, cost, payouts, staff.
_SAVING = re.compile(r"(?i)\b(?:handl(?:e|ing)\s+time|aht|call\s+(?:duration|length|time)|talk\s+time|wrap(?:-?up)?"
                     r"|time\s+(?:spent\s+)?(?:with|per)\s+(?:customers?|callers?|patients?|residents?|passengers?)"
                     r"|(?:visit|appointment)\s+(?:length|duration)|consultation\s+(?:length|duration|time)|cost(?:s)?\s+(?:per|to\s+serve|of)"
                     r"|cost[_\s]per|payouts?|pay-outs?|settlement\s+(?:value|amount|cost)s?|(?:refund|claim|award|goodwill|redress|"
                     r"compensation)\s+(?:value|amount|cost|spend|paid|per)s?|fte|headcount|(?<!-)posts(?!-)|staffing\s+cost)\b")
# ('posts' as jobs: '12 posts', 'fewer posts', 'posts cut'; not the mail: 'your card is in the post')
# ('efficiency', 'more efficient': a saving; 'in a prompt and efficient manner', 'efficiently': how customers are served)
_SAVING_WORDS = re.compile(r"(?i)\b(?:to\s+save|saving|savings|efficienc(?:y|ies)|more\s+efficient(?:ly)?|headcount|fte|"
                           r"cost\s+out|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fewer|vacant|"
                           r"staff|frontline|adviser|advisor|agent)\s+posts?|posts?\s+(?:cut|removed|deleted|saved|reduced))\b")
# Objectives about customer outcomes, by their words.
_OUTCOMES = re.compile(r"(?i)\b(?:fair(?:ly|ness)?|vulnerab\w*|financial\s+difficult\w*|hardship|"
                       r"satisf\w*|loyal\w*|trust\w*|retention|retain\w*|churn|quality|complaints?\s+upheld|upheld|"
                       r"good\s+outcomes?|customer\s+outcomes?|consumer\s+duty|wellbeing|well-being|dignity|"
                       r"treat(?:ed|ing)?\s+(?:customers?\s+)?(?:fairly|with\s+care)|csat|nps|customer\s+effort)\b")
# Objectives about the care or help customers get.
_CARE = re.compile(r"(?i)\b(?:care|attention|support|additional\s+needs|look(?:s|ing)?\s+after|"
                   r"put(?:ting)?\s+(?:it|things)\s+right)\b")
# Objectives that ask for cost, efficiency or speed themselves: a saving under them is what they want.
_ASKS_FOR_SAVING = re.compile(r"(?i)\b(?:cost\w*|cheap\w*|efficien\w*|productiv\w*|value\s+for\s+money|sav(?:e|es|ing|ings)|"
                              r"budget\w*|spend\w*|margin\w*|profit\w*|automat\w*|self[-\s]?serv\w*|digital\w*|"
                              r"deflect\w*|headcount|fte|faster|fast|quick\w*|speed\w*|wait\w*|backlog\w*)\b")


@lru_cache(maxsize=1024)
def _names_a_saving(metric_id: str, name: str | None, aliases: tuple[str, ...]) -> bool:
    """A metric's id, name or alias names a cost or efficiency (asked once per metric, not per goal)."""
    return _SAVING.search(" ".join(n for n in (metric_id.replace("_", " "), name or "", *aliases) if n)) is not None


def saves_on_customers(goal: GoalView) -> bool:
    """The goal's metric is a measure of efficiency or cost (by kind and name, or the goal saying
    it saves), to be cut."""
    metric = goal.metric
    if metric is None or metric.kind == "external":
        return False
    if _names_a_saving(metric.id, metric.name, tuple(metric.aliases)):
        return metric.better != "higher"
    words = " ".join(t for t in (goal.goal.title, goal.goal.description) if t)
    return metric.kind in ("internal", "business") and any(not _theirs(words, m) for m in _SAVING_WORDS.finditer(words))


def _theirs(words: str, m: re.Match) -> bool:
    """A saving the customers make, or customers kept: 'give customers a 7.7% saving each year', 'a
    saving for households', 'savings on their bills'; 'to save 15% of switchers', 'to save at-risk
    accounts'."""
    return _GIVEN.search(words, max(0, m.start() - 40), m.start()) is not None or \
        _FOR_THEM.match(words, m.end()) is not None or \
        (m.group(0)[:2].lower() == "to" and _KEPT.match(words, m.end()) is not None)


_GIVEN = re.compile(r"(?i)\b(?:give|gives|giving|pass(?:es|ing)?\s+on|offer(?:s|ing)?)\s+(?:our\s+|their\s+|all\s+)?"
                    r"(?:customers|households|members|homes|you|them|bill\s?payers)\s+(?:an?\s+)?(?:[\d.,£$€%]+\s+)?$")
_KEPT = re.compile(r"(?i)\s+(?:[\d.,]+\s?(?:%|per\s?cent)|\w+)\s+of\s+(?!(?:our\s+|the\s+|its\s+)?(?:costs?|spend|budget|"
                   r"money|expenses?|overheads?|time)\b)|\s+(?:more\s+|at[-\s]risk\s+)?(?:customers|members|accounts|"
                   r"borrowers|clients|subscribers|switchers|leavers)\b")
_FOR_THEM = re.compile(r"(?i)\s{1,3}(?:for|to)\s{1,3}(?:our\s+|all\s+)?(?:customers|households|members|homes|you|bill\s?payers)\b"
                       r"|\s{1,3}on\s{1,3}(?:their|your)\s+bills?\b")


def objective_words(goal: GoalView) -> tuple[str, str] | None:
    """What the goal's objective says about customer outcomes ('vulnerable', 'fair'), and which
    objective says it."""
    objective = goal.objective
    if objective is None:
        return None
    text = " ".join(t for t in (objective.title, objective.description, (objective.kpi or "").replace("_", " ")) if t)
    m = _OUTCOMES.search(text) or _CARE.search(text)
    if m:
        return f"'{m.group(0).lower()}'", f"objective '{objective.id}'"
    if objective.title and not _ASKS_FOR_SAVING.search(text):
        return f"what customers get ('{objective.title}'), not cost", f"objective '{objective.id}'"
    return None
