"""Rules whose findings `cxsmart lint --fix` can fix: a value written in a form cxsmart reads but
people and tools read less surely (a metric by its alias, a date not in ISO form, a relative
deadline with a start), and a goal whose metric, target and deadline are only in its title."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from cxsmart.diagnostics import SAFE, UNSAFE, Diagnostic, Fix, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.quantities import QuantityError, parse_quantity
from cxsmart.model.timeframes import numeric_order, parse_date_like
from cxsmart.read.dateorder import CODE as DATE_ORDER_CODE, NUMERIC_DATE
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.edits import add_fields, append_words, replace_value

_ISO = re.compile(r"\d{4}-\d\d-\d\d")


class MetricAlias(Rule):
    """The goal's `metric` names a catalogue metric by its name or an alias, not by its id.

    cxsmart reads "Customer satisfaction" or "CSAT" as `csat`, but a dashboard, a script or a
    colleague searching the repository for `metric: csat` does not. `--fix` writes the id.

    ## Why it matters
    Goals are compared, counted and rolled up by metric. When one team writes "CSAT", another
    "customer satisfaction" and a third `csat`, every report has to know all three spellings;
    one id per metric keeps the goals of a repository countable.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 80% by 2026-09-30
      metric: Customer satisfaction
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 80% by 2026-09-30
      metric: csat
    ```
    """

    code = "M010"
    name = "metric-alias"
    severity = Severity.INFO

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        written = goal.goal.metric
        if not isinstance(written, str) or goal.metric is None or goal.uncatalogued is not None:
            return
        if written == goal.metric.id or goal.item.entry("metric", "name") is not None:
            return                      # the id, or a mapping's display name ('measure: {name: ...}')
        edit = replace_value(goal.item, ("metric",), goal.metric.id)
        fix = Fix((edit,), SAFE, f"write the metric id '{goal.metric.id}'") if edit else None
        yield ctx.report(self, goal, f"metric '{written}' is written by name or alias: its id is "
                         f"'{goal.metric.id}'", at=goal.span("metric"), subject=written.lower(),
                         hint=f"write 'metric: {goal.metric.id}'", fix=fix)


class DateForm(Rule):
    """A date that names one day is not written as an ISO date, or a relative deadline has a start.

    Applies to `start`, `deadline`, an action's `due` and a baseline's `as_of`. cxsmart reads
    `30/06/2027` and `June 30th, 2027`, but a reader in another country, a spreadsheet or a
    script may read `06/07/2027` as another day, and "within six months" means a date only
    once the start is known. `--fix` writes the day it means as `YYYY-MM-DD`.

    ## Why it matters
    A time-bound goal has one deadline that everyone reads the same way, whoever reviews it
    and wherever they are. ISO dates sort, compare and never change meaning with the
    reader's locale.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 80% by 30 June 2027
      deadline: 30/06/2027
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 80% by 30 June 2027
      deadline: 2027-06-30
    ```
    """

    code = "T010"
    name = "date-form"
    severity = Severity.INFO

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        places = [("start",), ("deadline",), ("baseline", "as_of")]
        places += [("actions", i, "due") for i in range(len(goal.goal.actions))]
        for keys in places:
            value = _value(goal, keys)
            if value is None or getattr(value, "yearless", False):
                continue
            day = None
            if value.ok and value.kind == "day" and value.first == value.last and not _ISO.fullmatch(value.text):
                day, why = value.last, f"'{value.text}' is not written as an ISO date"
            elif keys == ("deadline",) and value.relative is not None and goal.deadline is not None \
                    and goal.deadline.last is not None and goal.start is not None and goal.start.ok:
                day, why = goal.deadline.last, f"deadline '{value.text}' counts from the start"
            if day is None:
                continue
            edit = replace_value(goal.item, keys, day.isoformat(), shared=value.relative is None)
            if edit is not None and _order_rests_on(value.text, goal):
                edit = None         # the dates read in the workspace's order rest on this one: theirs go first
            fix = Fix((edit,), SAFE, f"write {day.isoformat()}") if edit else None
            name = ".".join(str(k) for k in keys)
            yield ctx.report(self, goal, f"{why}: it is {day.isoformat()}", at=goal.span(*keys),
                             subject=f"{name} {value.text}".lower(), hint=f"write '{day.isoformat()}'", fix=fix)


def _order_rests_on(text: str, goal: GoalView) -> bool:
    """An unambiguous numeric date ('30/06/2027') in a file whose ambiguous dates are read in the
    order such dates show (T011): rewriting it first, one quick fix at a time, would leave them
    reading both ways, so its fix waits until they are ISO dates (--fix keeps the order it read)."""
    m = NUMERIC_DATE.fullmatch(text.strip())
    if m is None or numeric_order(int(m[1]), int(m[3])) is None:
        return False
    return any(p.code == DATE_ORDER_CODE for p in goal.item.file.problems)


def _value(goal: GoalView, keys: tuple):
    value = goal.goal
    for key in keys:
        value = value[key] if isinstance(key, int) else getattr(value, key, None)
        if value is None:
            return None
    return value if hasattr(value, "relative") else None


class SentenceOnly(Rule):
    """The title states a metric, baseline, target or deadline that the goal has no field for.

    A goal may be only a sentence, and cxsmart reads it; fields make the same goal readable
    by a dashboard, a report and the next person who edits it, and let cxsmart check the title
    against them (M008). `--fix` adds the fields the title states (and its segment), as the
    title states them, in the format's key order; the title is not changed. A change ("by 10%")
    is not added: whether it is relative or in points is the question (M006, M002). Off by
    default, since a sentence is a valid goal: `--extend-select M011` turns it on.

    ## Why it matters
    Tracking tools and reviews read the measure, the starting point, the target and the date
    from fields, not from prose. A goal whose numbers are only in a sentence is checked by
    cxsmart but tracked by nobody.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 80% by 30 June 2027
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 80% by 30 June 2027
      metric: csat
      baseline: 72%
      target: 80%
      deadline: 2027-06-30
    ```
    """

    code = "M011"
    name = "sentence-only"
    severity = Severity.INFO
    needs_text = True
    default_enabled = False         # a goal may be only a sentence: select M011 to have --fix add the fields

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if goal.facts.extra.get("compound"):
            return                                  # two outcomes: split first (S003)
        fields = {name: value for name in ("metric", "segment", "baseline", "target", "deadline")
                  if not goal.present(name) and (value := _stated(goal, name, ctx)) is not None}
        if not set(fields) - {"segment"}:
            return                                  # a segment alone: the fields say what matters
        edits = add_fields(goal.item, fields)
        names = ", ".join(fields)
        fix = Fix(edits, SAFE, f"add {names} as the title states them") if edits else None
        yield ctx.report(self, goal, f"goal {goal.label} states its {names} only in the title",
                         at=goal.title_span, subject=names, fix=fix,
                         hint="add them as fields: " + ", ".join(f"'{k}: {v}'" for k, v in fields.items()))


def _stated(goal: GoalView, name: str, ctx: RuleContext) -> str | None:
    """The field's value as the title states it, where that reading is certain; else None."""
    fact = getattr(goal.facts, name)
    if fact is None:
        return None
    if name == "metric":
        metric = ctx.workspace.catalogue.resolve(str(fact.value)) if isinstance(fact.value, str) else None
        return metric.id if metric is not None and "metric-phrase" not in goal.facts.extra else None
    if name == "segment":
        return fact.words if isinstance(fact.value, str) and fact.words.strip() == fact.words else None
    if name in ("baseline", "target"):
        return _quantity(fact)
    return _date(fact)


def _quantity(fact) -> str | None:
    q = fact.value
    if q.change or q.factor or q.bound is not None:
        return None                                 # a change's reading is the question (M006, M002)
    try:
        again = parse_quantity(fact.words)
    except (QuantityError, ValueError):
        return None
    return fact.words if (again.value, again.unit, again.change) == (q.value, q.unit, q.change) else None


def _date(fact) -> str | None:
    tf = fact.value
    if not tf.ok or tf.yearless:
        return None
    if tf.kind == "day" and tf.first == tf.last:
        return tf.last.isoformat()
    try:
        again = parse_date_like(fact.words)
    except ValueError:
        return None
    return fact.words if (again.first, again.last) == (tf.first, tf.last) else None


def reads_with_year(written: str, deadline, year: int) -> bool:
    """Whether the words with the year after them read as the same period ('Q3 2027'; not 'end of
    model year 2027', which no reader takes)."""
    try:
        again = parse_date_like(f"{written} {year}")
    except ValueError:
        return False
    return (again.first, again.last) == (deadline.first, deadline.last) and not again.yearless


def year_fix(diag: Diagnostic, goal: GoalView, written: str, deadline, year: int) -> Diagnostic:
    """T009's fix (unsafe: the year is the one cxsmart read, maybe not the one meant): the year
    after the words, where the words with it read as the same period; else, in a `deadline:`
    field, the day it was read as."""
    if deadline.last is None:
        return diag
    same = reads_with_year(written, deadline, year)
    if goal.from_prose("deadline"):
        fact = goal.facts.deadline
        edit = append_words(goal.item, fact.span, fact.words, f" {year}") if same else None
    else:
        edit = replace_value(goal.item, ("deadline",), f"{written} {year}" if same else deadline.last.isoformat())
    if edit is None:
        return diag
    return replace(diag, fix=Fix((edit,), UNSAFE, f"write the year {year}"))
