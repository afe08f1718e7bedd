"""S: Specific. Says exactly what success looks like, as one outcome, without hedging."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView, short
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.measure_words import label_only, not_a_goal, stated_elsewhere, table_row, vague_outcome


def _defines_success(goal: GoalView) -> bool:
    """A metric and a target: then the goal says what success is, whatever else it says."""
    return (goal.metric is not None or goal.facts.metric is not None) and goal.target is not None


# wording another S rule reports more exactly than a vague outcome or an abstraction would
_OTHER_S = ("activity", "vague-terms", "hedges", "abstract", "manner", "compensation", "training")


def vague_goal(goal: GoalView) -> str | None:
    """What a goal with no number names instead of a measure ("Transform the tenant experience",
    "Become the best-loved parcel company", "Turn escalations into a routine"), when no other S
    finding says it more exactly (an abstraction, a buzzword, a manner, an activity, a hedge, a
    table row, values kept elsewhere): the quality or the words S001 reports."""
    facts, title = goal.facts, goal.goal.title
    if goal.goal.metric is not None or goal.goal.target is not None or facts.target is not None or \
            facts.baseline is not None or not title:
        return None
    if any(facts.extra.get(k) for k in _OTHER_S):
        return None
    if not_a_goal(title, False) is not None or table_row(title, facts) or stated_elsewhere(title) is not None:
        return None
    return vague_outcome(title, facts)


class VagueWording(Rule):
    """Buzzwords that define no success: "customer centricity", "world-class", "seamless".

    Only reported when nothing else in the goal says what success looks like (a metric and
    a target). "Deliver exceptional service: raise CSAT from 72% to 80% by Q4 2026" is fine;
    "Deliver exceptional service" is not. The words come from the `vague-terms` pack, which
    a team can extend or trim (`rule-packs`).

    A manner standing where the measure should be is reported too, when the goal has no
    target: an adverb of manner ("answer queries quickly and politely", "handle disputes
    even-handedly"), found by its -ly shape (adverbs of time, frequency and degree, such as
    "monthly" or "significantly", are left out, and so is an adverb beside a verb that moves a
    measure: "noticeably reduce calls" says how much), or an adjective of manner or quality
    from the `vague-manner` pack ("timely, accurate bills", "will be courteous and helpful").

    So is a goal with no number in which nothing is a measure, whatever its words: a general
    quality ("improve customer service", "Transform the tenant experience by 2028"), an ambition
    ("Become the UK's best-loved parcel company"), or a state with no measure ("make our waiting
    areas fully accessible", "Turn escalations from a fire drill into a routine"). Naming a measure
    is enough to pass: a rate, a time, a score or a share ("tickets per 100 orders"), a count the
    goal moves ("improve right-time arrivals", "shorter waits"), or resolution at first contact;
    a word of measure inside an idiom is none ("protected at all times", "at no additional
    cost", "your reference number", "a number of steps", "on time, every time"), and neither is
    a thing counted that nothing moves ("Capture complaints consistently") or a quality that a verb of
    quality raises ("enhance experiences of connection", "strengthen rider relations").

    ## Why it matters
    Del Moro: customer centricity is a fine aim, but not a SMART goal; say precisely what
    success would be. Kiruthu (ICX Kenya): "improve customer experience" is a typical vague
    goal, because it never says from which level to which.

    ## Example
    ```yaml
    - title: Become the most customer-centric bank in the region
    ```

    ## Use instead
    ```yaml
    - title: Raise relationship NPS from +18 to +26 by 31 December 2026
    ```
    """

    code = "S001"
    name = "vague-wording"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if _defines_success(goal):
            return
        for fact in goal.facts.extra.get("vague-terms", []):
            yield ctx.report(self, goal, f"'{fact.words}' defines no success: name the metric and the target",
                             at=fact.span, subject=fact.words.lower(),
                             hint="say what will be measured and where it must get to, e.g. 'Raise NPS from +18 "
                                  "to +26 by 31 December 2026'")
        if goal.target is None and not goal.facts.extra.get("vague-terms"):
            for fact in goal.facts.extra.get("manner", [])[:1]:
                yield ctx.report(self, goal, f"'{fact.words}' says how, not how much: name the measure and the "
                                 "value that counts", at=fact.span, subject=fact.words.lower(),
                                 hint="say what will be measured instead, e.g. 'Answer 90% of queries within "
                                      "2 working days' for 'answer queries quickly'")
        vague = vague_goal(goal)
        if vague:
            yield ctx.report(self, goal, f"{short(goal.goal.title)} names no measure of success: what number "
                             "would show it is done?", at=goal.title_span, subject=vague,
                             hint="name the measure and the value that counts as success, e.g. 'Raise the share of "
                                  "customers who rate the journey easy from 70% to 85%'")


class CompoundGoal(Rule):
    """Two outcomes in one goal: "increase NPS from 30 to 45 and reduce churn from 3% to 2%".

    Read from the title and description, and from the fields: `metric: [csat, nps]`, or a
    baseline or target that maps several measures to values (`baseline: {csat: 80%, nps: 20}`).
    Such a goal is still read, on its first measure (or the one `metric:` names), so that one
    finding says what to split and nothing else is reported for the shape. Places or channels
    listed after a preposition ("on TripAdvisor, Google and Expedia") are where one measure is
    taken, not more outcomes; nor is the name of a team the workspace lists as an owner ("a key CSC
    measure" where `csc` is the client services centre, though "CSC" is also cost to serve). One
    measure's levels in later periods ("Year 1 - at least 30; Year 2 - at least 38") are one outcome,
    and a measure's name before the work that serves it ("with bundles and retention measures")
    names the means.

    ## Why it matters
    A goal with two outcomes is half met and half missed, with one owner and one deadline
    for two problems. Del Moro: keep goals few, and each one narrow. Split it, and each part
    can be owned and tracked.

    ## Example
    ```yaml
    - title: Increase NPS from 30 to 45 and reduce churn from 3% to 2% by 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Increase NPS from 30 to 45 by 2026-12-31
    - title: Reduce churn from 3% to 2% by 2026-12-31
    ```
    """

    code = "S003"
    name = "compound-goal"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        measures = goal.item.compound
        if len(measures) > 1:                      # 'metric: [a, b]', or values mapped to several measures
            where = "metric" if goal.item.entry("metric", 1) is not None else \
                next((k for k in ("baseline", "target") if goal.item.entry(k) is not None), "metric")
            named = ", ".join(f"'{m}'" for m in measures[:-1]) + f" and '{measures[-1]}'"
            yield ctx.report(self, goal, f"{len(measures)} measures in one goal ({named}): split it",
                             at=goal.key_span(where) or goal.anchor, subject=" ".join(measures),
                             hint=f"write one goal per measure, each with its own baseline and target; this one is "
                                  f"read on '{measures[0]}'")
            return
        for fact in goal.facts.extra.get("compound", [])[:1]:
            if any(ctx.workspace.named("owner", w) is not None for w in {fact.words.strip(), fact.words.strip().lower()}):
                return                              # "a key CSC measure", with the team 'csc' an owner: who, not what
            named = goal.facts.metric is not None and "metric-phrase" not in goal.facts.extra
            said = goal.facts.extra.get("compound-first")
            first = goal.facts.metric.words if named else (said[0].words if said else "one outcome")
            if said and " " in said[0].words and goal.facts.metric is not None and \
                    goal.facts.metric.words.lower() in fact.words.lower():
                first = said[0].words               # the metric named is the second's ('raise CSAT'), not the first
            yield ctx.report(self, goal, f"two outcomes in one goal ('{first}' and '{fact.words}'): split it",
                             at=fact.span, subject=fact.words.lower(),
                             hint="write one goal per outcome, each with its own baseline, target and owner")


class HedgedWording(Rule):
    """Hedged wording: "try to", "aim to", "where possible", "as much as possible".

    Besides the phrases of the `hedges` pack, the rule finds hedges by their construction:
    a condition of possibility ("wherever possible", "if at all practicable", "where we
    reasonably can"), a comparison with what is possible ("as soon as practicable", "as far as
    we can", "to as many people as possible"), a goal put as a possibility ("an objective might be
    to increase ...", "a key result could be to achieve ..."), an effort instead of a result ("do our very best", "make every reasonable
    effort", "commercially reasonable efforts", "every effort will be made", "with efforts to", "all we
    can", "everything possible will be done", "everything in our power", "we will always work to
    resolve"; not the noun: "a quote for
    work to be carried out"), "at the earliest ...", and a modal of possibility ("might be able
    to", "matters may take up to 6 weeks"; not the month "by May 2027"), and a condition on the
    provider's own means ("if staffing allows", "time permitting", "if the budget is approved",
    "if our new digital targets are met"; not the customer's: "once the claim is approved"), and an
    exception when the standard matters most ("except during peak periods", "other than at busy
    times"; not a standard for those times: "within 30 seconds during peak periods"), the standard's own
    exception ("complex cases may take longer", "however, some cases take longer"), and a standard
    that bends to the provider's load ("depending on queue volume"; not tiers: "depending on priority",
    "depending on the time of day"). A hope beside a
    commitment is no hedge: a stretch in brackets ("more than 65% (ideally 75% to 80%)") and "as soon
    as possible" before a firm limit ("as soon as possible and within 10 working days"; not one that is
    itself hedged: "and within 48 hours where possible"). A condition that is
    not a hedge ("if we cannot answer within 5 days", "a date for our reply if we think it may take
    longer") is left alone, and so is "we aim to"
    alone before a stated target ("we aim to answer 80% of calls within 20 seconds", "85% of bookings
    online: the goal we are working towards"): service charters state their standards so, and the
    number is the commitment.

    ## Why it matters
    A goal that hedges has accepted missing itself before it starts; "as much as possible"
    is no target at all. Kiruthu (ICX Kenya): demanding goals make people work harder.

    ## Example
    ```yaml
    - title: Try to reduce wait time as much as possible
    ```

    ## Use instead
    ```yaml
    - title: Reduce average wait time from 90 s to 60 s by 30 June 2026
    ```
    """

    code = "S004"
    name = "hedged-wording"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        hedges = goal.facts.extra.get("hedges", [])
        if goal.target is not None and all(_AIM.fullmatch(f.words) for f in hedges):
            return                                  # "We aim to answer 80% of calls within 20 s": the aim is the target
        for fact in hedges:
            yield ctx.report(self, goal, f"'{fact.words}' hedges the goal: commit to a target", at=fact.span,
                             subject=fact.words.lower(), hint=f"remove '{fact.words}' and state the value to reach")


_AIM = re.compile(r"(?i)aim(?:s|ing)?\s+(?:to|for)|work(?:s|ing)?\s+towards?")


class AbstractObject(Rule):
    """The outcome is an abstraction with no metric: "increase customer loyalty".

    ## Why it matters
    Loyalty, happiness and engagement are real, but they are measured through something:
    retention, repeat purchases, NPS. Del Moro: teams rally easily behind making customers
    happier, then pile up activities that serve it only on paper.

    (A goal with no number whose words name no measure at all, "improve customer service",
    "Transform the tenant experience", is S001's: vague wording.)

    A value under a label is reported too: a row of a priority table ("Urgent (P0) | Within 30
    minutes") or of a table whose columns are names ("| Metro | Express | Rural | 93% |") says how
    fast or how much, but not of what: respond, resolve, arrive on time? So does a row whose measure
    is in the table's header, left behind when the row was copied: a priority and its values ("Low
    20 Minutes or Less Level 1"), cells of values only ("| < 99.95% but >= 99.5% | 15% |"), a window
    per column, a name and a bare time ("Water damage : 30 days"), or a name and a series of figures
    ("Express (North) 12 14 16 20"). So, with no number, does a goal whose values are kept somewhere
    else: "we will meet the agreed connection times", "the timescales set out below"; and a title that
    is no goal at all: the lead-in to a list ("... within the following timeframes:") or a template's
    placeholder ("KR1: [Leading indicator, number to number]"). "Emergency
    repairs: within 24 hours", "| Calls answered | 90% |" and "Critical: 99.9% uptime" name what is
    measured and pass.

    ## Example
    ```yaml
    - title: Increase customer loyalty
    ```

    ## Use instead
    ```yaml
    - title: Increase the customer retention rate from 81% to 84% by 31 December 2026
    ```
    """

    code = "S005"
    name = "abstract-object"
    severity = Severity.INFO
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        facts = goal.facts
        if goal.goal.metric is not None or goal.goal.target is not None:
            return
        named = facts.metric is not None and "metric-phrase" not in facts.extra
        if not named:                       # "Increase customer loyalty among Silver members by 12%": 12% of what?
            for fact in facts.extra.get("abstract", [])[:1]:
                yield ctx.report(self, goal, f"'{fact.words}' is an abstraction: name the metric that shows it",
                                 at=fact.span, subject=fact.words.lower(),
                                 hint="measure it through a metric such as retention rate, repeat purchase rate or NPS")
                return
        lead = not_a_goal(goal.goal.title, facts.target is not None)
        if lead is not None:
            yield ctx.report(self, goal, f"{short(goal.goal.title)} {lead}, not a goal", at=goal.title_span,
                             subject=lead, hint="write each goal it stands for as a goal of its own, with its "
                                                "measure, target and deadline")
            return
        label = label_only(goal.goal.title, facts)
        if label is not None:
            yield ctx.report(self, goal, f"'{label.words}' is a label, not a measure: say what "
                             f"'{facts.target.words}' measures", at=label.span, subject=label.words.lower(),
                             hint="name what is measured, e.g. 'Respond to urgent (P0) tickets within 30 minutes'")
            return
        if table_row(goal.goal.title, facts):
            yield ctx.report(self, goal, f"{short(goal.goal.title)} reads as a row of a table: nothing in it says "
                             "what its values measure", at=goal.title_span, subject="table row",
                             hint="write the standard the row stands for, with its measure, e.g. 'Respond to "
                                  "priority 1 faults within 4 hours'")
            return
        if facts.target is not None or facts.baseline is not None:
            return
        if any(facts.extra.get(k) for k in _OTHER_S):
            return                                  # another S rule says it better
        elsewhere = stated_elsewhere(goal.goal.title)
        if elsewhere is not None:
            yield ctx.report(self, goal, f"'{elsewhere.group(0)}' points to values stated elsewhere: say here what "
                             "they are", at=goal.words_span("title", *elsewhere.span()),
                             subject=elsewhere.group(0).lower(),
                             hint="write the standard itself, e.g. 'Connect new supplies within 10 working days of "
                                  "an accepted application'")
            return
        # (a goal whose words name no measure at all is S001's: VagueWording, vague_goal)
