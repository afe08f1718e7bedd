"""S002: the goal is an activity, not an outcome (its head verb does something rather than move a
measured state)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.measure_words import reported_row, vague_outcome


class ActivityNotOutcome(Rule):
    """The goal is an activity (launch, implement, train ...) with no outcome metric.

    The rule reads the goal's head verb: the first word, or the verb after a heading
    ("Service standard ten: Provide ..."), after an opening clause ("If we cannot reply
    within 5 days, we will write to you"), after a subject and a modal ("our website will
    explain", "we continue to use"), after "to", or after working with someone ("collaborate
    with the retail partners to provide demos": providing is what the goal does). The verb is an activity when it does something rather than
    move a measured state: a verb from the `activity-verbs` pack (launch, hold, offer, publish,
    attend, contact ...), "keep you informed", "keep" with no number and no measure to keep
    ("keep to the published timetable"; "keep the abandon rate below 6%" is a guardrail, and
    "maintain our accreditation" keeps a standard), or, after a subject and a modal, any verb that
    is not a direction (reduce, raise, keep) or a state (reach, be) when no number after it
    says what counts as success, even when a measure is its object ("we continue to use the
    Customer Effort Score to track experience"; "no sailing should depart early" is a standard of none, not an
    activity). A thing done in the passive is one too ("late departures are tracked and
    reviewed"), and so is what someone will be required, asked or used to do ("hospitals will be
    required to review their cancellations"), and a share of people that something is done to
    ("100% of frail residents to be referred", "75% of tenants to have their needs recorded"; what a
    share of things does itself, "92% of our sailings will run on time", is a level of it). An
    output count does not make it an outcome ("Open 20 more branches"), and a count of the team's own
    work moved up or down is an output too ("increase the number of reports that we publish", "the
    amount of data we make available"; "the number of calls we answer within 20 seconds" counts what
    customers get). Staff trained, or training done, is an output whatever its number or metric
    ("all carers shall receive induction training", "collections staff are fully trained", "100% of new
    engineers complete vulnerability training"; not "answered by a trained adviser", nor customers
    taught to use a service). A goal that opens with a
    verb no pack knows, followed by its object ("Agree a visit time with you", "Transfer you to the
    right adviser"), is read as one from that shape when it has no number and no metric, or when
    its object is a count of things ("Tour 350 pupils through the archive"; not a verb that wins
    or keeps customers, "Attract 500 new members", nor a share or a time), unless it
    is a service done to a standard ("Answer every call in person") or another S rule says more
    (a vague change such as "Transform the claims experience" is S005's). A goal may start with an
    activity when it also names what the activity must move: "Train agents to raise first contact
    resolution from 70% to 75% by Q2 2026" (but a count right after the verb only sizes the work:
    "Hire an extra 14 staff to address wait times"); and a service standard is no activity ("Resolve
    complaints within 5 days", "give at least 48 hours notice", a table row that reports the share
    of cases done: "Offer collection slots within the stated period | 99.0% | 100%"). A payment promised for a missed
    standard ("you will receive £40 for each further 12 hours", "£20 if your train is cancelled",
    "Standing charge rebate for 10 days", "we will rebate customers £27.3k") is the remedy, not the outcome: the standard it pays for is the goal; a time to pay it in ("we will
    pay you £40 within 7 days") is a service standard.

    ## Why it matters
    Del Moro: CX teams are faulted for counting busy work as progress, and a SMART goal is
    the guard against it. An activity is done when it is done; a goal is met when customers
    notice.

    ## Example
    ```yaml
    - title: Launch a new loyalty programme by Q2 2026
    ```

    ## Use instead
    ```yaml
    - title: Raise the repeat purchase rate from 22% to 26% by Q4 2026
      actions:
        - {title: Launch a new loyalty programme, due: 2026-06-30}
    ```
    """

    code = "S002"
    name = "activity-not-outcome"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        facts = goal.facts
        for fact in facts.extra.get("training", [])[:1]:
            yield ctx.report(self, goal, f"'{fact.words}': staff training is work the team does, not what "
                             "customers get from it: what should it change for them?", at=fact.span,
                             subject="training", hint="make the change customers notice the goal (e.g. 'Resolve "
                             "80% of hardship calls at first contact') and the training an action under it")
            return                          # (a training metric is the work, whatever its target)
        if goal.goal.metric is not None:
            return                          # an outcome metric declared
        for fact in goal.facts.extra.get("activity", [])[:1]:
            later = facts.target is not None and _at_or_after(facts.target, fact) and \
                not _own_count(goal, fact, facts)                # not one in "If ..., ", nor "Hire 14 staff"
            moved = facts.direction is not None and facts.direction.span != fact.span and (
                facts.direction.value != "hold" or facts.target is not None)  # not 'keep' of 'keep you informed'
            if facts.metric is not None and "metric-phrase" not in facts.extra and (
                    later or goal.goal.target is not None or moved):
                return                      # an outcome metric moved or given a target
            if any(_at_or_after(s, fact) for s in facts.extra.get("service-standard", [])):
                return                      # a service level ("resolve ... within 5 days")
            if reported_row(goal.goal.title or ""):
                return                      # "Offer slots within the stated period | 99.0% | 100%": a level
            yield self._activity(goal, ctx, fact)
        if not facts.extra.get("activity"):
            for fact in facts.extra.get("output-count", [])[:1]:
                yield ctx.report(self, goal, f"'{fact.words}' counts work the team does, not what customers "
                                 "get from it: what should it change for them?", at=fact.span,
                                 subject=fact.words.lower(),
                                 hint="make the change customers notice the goal (e.g. 'Raise the share of "
                                      "members who find the answer online from 40% to 55%') and the work an action")
                return
            yield from self._shaped(goal, ctx)
        moved = facts.direction is not None and facts.direction.value in ("up", "down")
        if facts.extra.get("activity") or facts.baseline is not None or moved:
            return                          # "Reduce compensation paid per claim from £38 to £30": a measure
        for fact in facts.extra.get("compensation", [])[:1]:
            yield ctx.report(self, goal, f"'{fact.words}' is what a customer is paid when a promise is missed, not an "
                             "outcome: make the promise the goal", at=fact.span, subject=fact.words.lower(),
                             hint="state the promise it pays for as the goal (e.g. 'Restore supply within 12 hours "
                                  "for 98% of outages') and keep the payment in 'notes:'")

    def _activity(self, goal: GoalView, ctx: RuleContext, fact) -> Diagnostic:
        return ctx.report(self, goal, f"'{fact.words}' starts an activity, not an outcome: what should it change "
                          "for customers?", at=fact.span, subject=fact.words.lower(),
                          hint="make the outcome the goal and the activity an action under it ('actions:')")

    def _shaped(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        """A verb read from its shape alone ('Agree a time slot with you'): said when no other S rule
        says it better (a vague outcome such as 'Transform the billing experience' is S005's)."""
        facts = goal.facts
        shaped = facts.extra.get("activity-shape")
        if not shaped or goal.goal.target is not None or any(facts.extra.get(k) for k in _SAID_BETTER) or \
                facts.target is None and vague_outcome(goal.goal.title, facts) is not None:
            return                          # (most goals: none read from its shape, nothing more to ask)
        for fact in shaped[:1]:
            yield self._activity(goal, ctx, fact)


# wording another S rule reports, more exactly than an activity read from a sentence's shape
_SAID_BETTER = ("vague-terms", "hedges", "abstract", "manner", "compensation", "compound")


def _own_count(goal: GoalView, fact, facts) -> bool:
    """The target is a count of the activity's own object, right after its verb, with the metric
    named later ('Hire an extra 14 staff to address wait times'): how much work, not the outcome."""
    target, metric = facts.target, facts.metric
    if target.value.unit is not None or target.value.change or metric is None or not _at_or_after(metric, target) \
            or target.span.line != fact.span.line or metric.span.line != target.span.line:
        return False
    text = goal.goal.title or ""
    at = text.find(fact.words)
    end = at + len(fact.words)
    count = text.find(target.words, end) if at >= 0 else -1
    return count >= 0 and _OBJECT_COUNT.fullmatch(text, end, count) is not None and \
        _A_LEVEL.search(text, count + len(target.words)) is None    # (no level of an outcome after it)


# a level an outcome is held to: "a 95% completion rate", "a 4.7/5.0 score", "NPS of +32"
_A_LEVEL = re.compile(r"\d\s?%|\d[.,/]\d|[+-]\d|\d\s{0,2}(?:per\s?cent|points?|pts|pp)\b")
# between an activity's verb and the count of its object: "Hire an extra 14", "Recruit another 20"
_OBJECT_COUNT = re.compile(r"(?i)\s{1,3}(?:(?:an?\s{1,3})?(?:extra|additional|further|more)\s{1,3}|another\s{1,3}|"
                           r"over\s{1,3}|at\s{1,3}least\s{1,3}|up\s{1,3}to\s{1,3}|a\s{1,3}minimum\s{1,3}of\s{1,3})?")


def _at_or_after(fact, other) -> bool:
    """Whether a fact stands at or after another in the file."""
    return (fact.span.line, fact.span.column) >= (other.span.line, other.span.column)
