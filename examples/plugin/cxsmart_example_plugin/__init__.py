"""An example cxsmart plugin rule."""

from __future__ import annotations

from cxsmart.diagnostics import Severity
from cxsmart.rule import Rule


class IndividualGoalOwnedByAPerson(Rule):
    """An individual goal is owned by a team or a role instead of a person.

    ## Why it matters
    Kiruthu (ICX Kenya): set goals in order, company first, then teams, then individuals.
    An individual goal belongs to one person, who is measured on it.

    ## Example
    ```yaml
    owners:
      - {id: contact-centre, kind: team}
    goals:
      - {title: Raise my FCR from 70% to 74% by Q2 2026, level: individual, owner: contact-centre}
    ```

    ## Use instead
    ```yaml
    owners:
      - {id: amina, kind: person}
    goals:
      - {title: Raise my FCR from 70% to 74% by Q2 2026, level: individual, owner: amina}
    ```
    """

    code = "XP101"
    name = "individual-owner"
    severity = Severity.WARNING

    def check(self, goal, ctx):
        owner = goal.owner
        if goal.goal.level == "individual" and owner is not None and owner.kind != "person":
            yield ctx.report(self, goal, f"individual goal {goal.label} is owned by the {owner.kind} '{owner.id}', "
                             "not a person", at=goal.span("owner"), hint="give it to the person who holds it")
