"""A003: how many goals one owner holds in one period (the A in SMART's other half: few enough
to focus on)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.rule import Rule, RuleContext


class TooManyGoalsOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max: int = Field(5, ge=1, description="most goals one owner may hold in one period")
    period: Literal["quarter", "half", "year"] = Field("quarter", description="the period goals are counted in, by deadline")


class TooManyGoals(Rule):
    """An owner holds more goals due in one period than the configured maximum (default 5).

    Goals are counted per owner and per period of their deadline (a quarter by default). Key
    results ("KR2.1 ...", or a `kr:` key) count once with the others under the same objective or
    parent: OKR practice sets a few objectives with three to five key results each, so four
    objectives of three key results are four goals, not twelve. Reported once per owner and
    period, at the first goal over the limit.

    ## Why it matters
    Del Moro: start with a few CX goals of modest scope. Piling up activities wears teams
    out, and fewer goals get more done.

    ## Options
    - `max` (default 5): most goals per owner and period.
    - `period` (default "quarter"): "quarter", "half" or "year".

    ```toml
    [tool.cxsmart.rules.too-many-goals]
    max = 3
    period = "year"
    ```

    ## Example
    ```yaml
    - {title: Goal one, owner: cc, deadline: 2026-06-30}
    - {title: Goal two, owner: cc, deadline: 2026-06-30}
    - {title: Goal three, owner: cc, deadline: 2026-06-30}
    - {title: Goal four, owner: cc, deadline: 2026-06-30}
    - {title: Goal five, owner: cc, deadline: 2026-06-30}
    - {title: Goal six, owner: cc, deadline: 2026-06-30}
    ```

    ## Use instead
    ```yaml
    - {title: Goal one, owner: cc, deadline: 2026-06-30}
    - {title: Goal two, owner: cc, deadline: 2026-06-30}
    - {title: Goal three, owner: cc, deadline: 2026-09-30}
    ```
    """

    code = "A003"
    name = "too-many-goals"
    severity = Severity.WARNING
    needs_text = True               # reads values that may come from the title
    Options = TooManyGoalsOptions

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        """The goal past the limit, in workspace order, among its owner's goals due in one period."""
        opts: TooManyGoalsOptions = self.options
        owner = goal.goal.owner
        if not owner or goal.deadline is None or not goal.deadline.ok:
            return
        period = _period(goal.deadline.last, opts.period, ctx.fiscal_start)
        goals = self._periods(ctx, owner)[period]
        if len(goals) > opts.max and goals[opts.max] is goal:
            yield ctx.report(self, goal, f"owner '{owner}' holds {len(goals)} goals due in {period}, "
                             f"more than the {opts.max} a team can focus on",
                             at=goal.span("owner"), subject=f"{owner} {period}",
                             hint="merge or drop goals, spread them over periods, or give them to the "
                                  "people who can move them")

    def _periods(self, ctx: RuleContext, owner: str) -> dict[str, list[GoalView]]:
        """The owner's dated goals by period, in workspace order (made when that owner is asked
        about, from the workspace's goals by owner)."""
        ws = ctx.workspace
        if getattr(self, "_index", None) is None or self._index[0] is not ws:
            self._index = (ws, {})
        periods = self._index[1]
        if owner not in periods:
            groups: dict[str, list[GoalView]] = defaultdict(list)
            aims: set[tuple[str, str]] = set()
            for other in ws.goals_by("owner").get(owner, ()):
                if other.deadline is not None and other.deadline.ok:
                    period = _period(other.deadline.last, self.options.period, ctx.fiscal_start)
                    aim = _objective_of_a_key_result(other)
                    if aim is None or (period, aim) not in aims:
                        groups[period].append(other)    # a key result counts once with its objective's others
                        if aim is not None:
                            aims.add((period, aim))
            periods[owner] = groups
        return periods[owner]


def _objective_of_a_key_result(goal: GoalView) -> str | None:
    """What a key result measures progress on ('KR2.1 ...', or a `kr:` key), so that an owner's key
    results under one objective count as one goal: OKR practice sets a few objectives with three to
    five key results each. None for a goal that is not a key result, or one with no objective."""
    if not (_KEY_RESULT.match(goal.goal.title or "") or "kr" in goal.item.extra or "key_result" in goal.item.extra):
        return None
    return goal.goal.parent or goal.goal.objective


_KEY_RESULT = re.compile(r"(?i)\s*(?:KR|key\s+result)\s?\d*(?:\.\d+)?\s*[:.\-–—)]?\s")


def _period(day: dt.date, period: str, fiscal_start: int) -> str:
    """The period a deadline falls in, named as the team names it: 'Q2 2027', or with a fiscal
    year starting in April, 'Q4 2026/27' for March 2027."""
    if fiscal_start == 1:
        if period == "year":
            return str(day.year)
        if period == "half":
            return f"H{1 if day.month <= 6 else 2} {day.year}"
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    months = (day.month - fiscal_start) % 12                 # months into the fiscal year
    first = day.year if day.month >= fiscal_start else day.year - 1
    year = f"{first}/{(first + 1) % 100:02d}"
    if period == "year":
        return f"FY {year}"
    if period == "half":
        return f"H{months // 6 + 1} {year}"
    return f"Q{months // 3 + 1} {year}"
