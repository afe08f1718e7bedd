"""P: Plan. Actions with owners and dates, inside the goal's time, and a review cadence."""

from __future__ import annotations

from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView, short
from cxsmart.model.timeframes import describe
from cxsmart.rule import Rule, RuleContext


def _action_label(action) -> str:
    return short(action.title)


class ActionNoOwner(Rule):
    """An action in the goal's plan has no owner.

    ## Why it matters
    Renascence: every action in the plan needs a named person or team who answers for it.

    ## Example
    ```yaml
    - title: Increase survey response rate from 12% to 15% by 2026-06-30
      actions:
        - title: Add a one-question survey link to renewal emails
          due: 2026-03-31
    ```

    ## Use instead
    ```yaml
    - title: Increase survey response rate from 12% to 15% by 2026-06-30
      actions:
        - title: Add a one-question survey link to renewal emails
          owner: crm-team
          due: 2026-03-31
    ```
    """

    code = "P001"
    name = "action-no-owner"
    severity = Severity.INFO

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        for i, action in enumerate(goal.goal.actions):
            if not action.owner:
                yield ctx.report(self, goal, f"action {_action_label(action)} has no owner",
                                 at=goal.span("actions", i, "title"), subject=action.title,
                                 hint="add 'owner:' to the action")


class ActionNoDue(Rule):
    """An action in the goal's plan has no due date.

    ## Why it matters
    Renascence: each action in the plan needs its own schedule, with milestones and a due
    date.

    ## Example
    ```yaml
    - title: Increase survey response rate from 12% to 15% by 2026-06-30
      actions:
        - title: Add a one-question survey link to renewal emails
          owner: crm-team
    ```

    ## Use instead
    ```yaml
    - title: Increase survey response rate from 12% to 15% by 2026-06-30
      actions:
        - title: Add a one-question survey link to renewal emails
          owner: crm-team
          due: 2026-03-31
    ```
    """

    code = "P002"
    name = "action-no-due"
    severity = Severity.INFO

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        for i, action in enumerate(goal.goal.actions):
            if action.due is None:
                yield ctx.report(self, goal, f"action {_action_label(action)} has no due date",
                                 at=goal.span("actions", i, "title"), subject=action.title,
                                 hint="add 'due:' to the action, before the goal's deadline")


class ActionAfterDeadline(Rule):
    """An action is due after the deadline of the goal it serves.

    ## Why it matters
    An action that lands after the deadline cannot help meet the goal; the plan and the
    goal disagree about when the work happens.

    ## Example
    ```yaml
    - title: Increase survey response rate from 12% to 15% by 2026-06-30
      deadline: 2026-06-30
      actions:
        - title: Add a one-question survey link to renewal emails
          due: 2026-09-30
    ```

    ## Use instead
    ```yaml
    - title: Increase survey response rate from 12% to 15% by 2026-06-30
      deadline: 2026-06-30
      actions:
        - title: Add a one-question survey link to renewal emails
          due: 2026-03-31
    ```
    """

    code = "P003"
    name = "action-after-deadline"
    severity = Severity.WARNING

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        deadline = goal.deadline
        if deadline is None or not deadline.ok:
            return
        for i, action in enumerate(goal.goal.actions):
            due = action.due
            if due is not None and due.ok and due.last > deadline.last:
                yield ctx.report(self, goal, f"action {_action_label(action)} is due {describe(due.last)}, after "
                                 f"the goal's deadline {describe(deadline.last)}", at=goal.span("actions", i, "due"),
                                 subject=action.title, hint="bring the action forward, or drop it from this goal")


class NoReview(Rule):
    """The goal has no review cadence, or its `review:` names none.

    `review:` reads the first cadence it names, with any remark after it: `weekly`, `fortnightly`
    (`biweekly`, `every two weeks`), `monthly`, `bi-monthly`, `quarterly`, `half-yearly`
    (`six-monthly`), `annually`, `per survey wave`; `monthly (ops review)` and `weekly ops call;
    monthly to the board` are reviewed monthly and weekly. A value merged from an anchor
    (`<<: *defaults`) counts as written.

    ## Why it matters
    Renascence: a CX programme checks its goals on a fixed rhythm, or nobody notices they are
    slipping. Progress that is not looked at is not managed.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-12-31
      review: monthly
    ```
    """

    code = "P004"
    name = "no-review"
    severity = Severity.INFO

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if goal.goal.review is None:
            if "review" not in goal.item.unreadable:
                yield ctx.report(self, goal, f"goal {goal.label} has no review cadence", at=goal.anchor,
                                 hint="add 'review: monthly' (or weekly, fortnightly, quarterly)")
        elif goal.goal.cadence is None:
            yield ctx.report(self, goal, f"review '{goal.goal.review}' names no cadence, so nobody knows when "
                             f"{goal.label} is looked at", at=goal.span("review") or goal.anchor,
                             hint="start it with how often: 'monthly (ops review)', 'weekly', 'quarterly'")
