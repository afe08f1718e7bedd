"""T: how dates are written. A date that names no real day (T007), and the date order a workspace's
own dates show, assumed for the dates that read both ways (T011)."""

from __future__ import annotations

from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.timeframes import AMBIGUOUS, AmbiguousDateError, parse_date_like
from cxsmart.read.dateorder import CODE as DATE_ORDER_CODE
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.file import _ReadingProblem


class InvalidDate(Rule):
    """A date that does not exist: "31 February 2026", "Q5 2026", "2026-13-01".

    Reads `start`, `deadline`, the baseline's and target's `as_of` and each action's `due`,
    and the deadline in the title when the goal has no `deadline:` field (a field written but
    unreadable is its own one finding, F002, and the title is not read for it). A numeric date
    in the title that reads two ways ("by 03/04/2027") is one too, unless `date-order` or the
    workspace's other dates (T011) say how to read it.

    ## Why it matters
    A goal "due on the 31st of February" has no deadline at all, and nobody notices until
    the review.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 78% by 31 February 2026
      deadline: 31 February 2026
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 78% by 28 February 2026
      deadline: 28 February 2026
    ```
    """

    code = "T007"
    name = "invalid-date"
    severity = Severity.ERROR
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        g = goal.goal
        dates = [(("start",), g.start), (("deadline",), g.deadline)]
        for role in ("baseline", "target"):
            as_of = getattr(getattr(g, role), "as_of", None)
            dates.append(((role, "as_of"), as_of))
        dates += [(("actions", i, "due"), a.due) for i, a in enumerate(g.actions)]
        for keys, value in dates:
            if value is not None and value.invalid:
                yield ctx.report(self, goal, f"'{value.text}' is not a real date: {value.invalid}",
                                 at=goal.span(*keys), subject=value.text, hint="correct the date")
        said = goal.facts.deadline if not goal.present("deadline") else None     # the field's own finding says it
        if said is not None and said.value.invalid:
            yield ctx.report(self, goal, f"'{said.words}' is not a real date: {said.value.invalid}",
                             at=said.span, subject=said.words, hint="correct the date")
        elif said is not None and goal.deadline is not None and goal.deadline.kind == AMBIGUOUS:
            try:
                parse_date_like(said.words)
            except AmbiguousDateError as e:
                yield ctx.report(self, goal, str(e), at=said.span, subject=said.words,
                                 hint="write the date as YYYY-MM-DD, or set date-order = \"day-first\" (or "
                                      "\"month-first\") in the configuration")



class DateOrderAssumed(_ReadingProblem):
    """A date that reads both ways ("04/01/2027") is read in the order the workspace's other dates show.

    Where every numeric date of the workspace that can only be read one way is day-first
    ("31/12/2027"), the ones that read both ways are read day-first too, and likewise
    month-first ("12/31/2027"). This is said once per run, at the first such date, with how to
    set `date-order` in the configuration; a configured `date-order` always decides, and then
    nothing is said. A workspace with both kinds, or neither, assumes nothing: each ambiguous
    date is a finding naming both readings (F002 in a field, T007 in a title).

    ## Why it matters
    "04/01/2027" is 4 January to a UK team and 1 April to a US one: three months apart on a
    deadline. Del Moro's goals are set per quarter, so a quarter's error is the whole goal.
    Reading it the way the team writes its other dates is right far more often than refusing
    it, and saying so once lets a team that meant the other order notice.

    ## Example
    ```yaml
    - title: Cut the claims backlog from 900 to 300 by 31/12/2027
      deadline: 31/12/2027
    - title: Raise CSAT from 78% to 84% by 04/01/2027
      deadline: 04/01/2027
    ```

    ## Use instead
    ```yaml
    - title: Cut the claims backlog from 900 to 300 by 31/12/2027
      deadline: 31/12/2027
    - title: Raise CSAT from 78% to 84% by 4 January 2027
      deadline: 2027-01-04
    ```
    """

    code = DATE_ORDER_CODE
    name = "date-order-assumed"
    severity = Severity.INFO
