"""Several goal files as one workspace: one id namespace, references resolved, cascades walked.

Builds what the rules read (GoalView) and the workspace-level findings: duplicate ids (F003),
references that name nothing (F004), and `parent` chains that loop (F005).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from cxsmart.engine.goalmetric import described, in_unit_of_values, names_pattern, on_scale, own_metric, unit_unsaid
from cxsmart.engine.goalview import GoalView
from cxsmart.engine.references import ReferenceChecks
from cxsmart.model.catalogue import Catalogue
from cxsmart.model.facts import Fact
from cxsmart.model.goalfile import Goal, Measured, MetricDef, Objective
from cxsmart.model.quantities import DURATION, PERCENT, POINTS, Quantity
from cxsmart.model.unitvalues import in_metric_unit, one_working_clock
from cxsmart.model.units import UNREAD
from cxsmart.model.timeframes import DateSyntaxError, Timeframe, parse_date_like
from cxsmart.read.loader import Item, SourceFile
from cxsmart.read.source import Problem



@dataclass
class Workspace(ReferenceChecks):
    files: list[SourceFile]
    catalogue: Catalogue
    today: dt.date
    fiscal_start: int = 1
    date_order: str | None = None
    goals: list[GoalView] = field(default_factory=list)
    goals_by_id: dict[str, GoalView] = field(default_factory=dict)
    objectives: dict[str, Item] = field(default_factory=dict)
    owners: dict[str, Item] = field(default_factory=dict)
    problems: list[tuple[SourceFile, Problem]] = field(default_factory=list)
    known: dict[str, set[str]] = field(default_factory=dict)   # ids of items that failed validation
    _claimed: dict[str, Item] = field(default_factory=dict)      # goal id -> the item that holds it
    file_metrics: list[MetricDef] = field(default_factory=list)  # defined in `metrics:` blocks
    metric_items: dict[str, Item] = field(default_factory=dict)  # where each of those is defined
    _file_names: "re.Pattern | None" = None
    _own_names: "re.Pattern | bool | None" = None               # ids of the team's own metrics, as words
    by: dict[str, dict[str, list[GoalView]]] = field(default_factory=dict)    # goals_by's indexes
    _names: dict[str, dict[str, Item]] = field(default_factory=dict)           # owners, objectives by name

    @classmethod
    def build(cls, files: list[SourceFile], catalogue: Catalogue, today: dt.date, fiscal_start: int = 1,
              date_order: str | None = None) -> "Workspace":
        ws = cls(files, catalogue.copy(), today, fiscal_start, date_order=date_order)
        ws._collect()
        ws._views()
        ws._check_references()
        ws._check_cycles()
        return ws

    # -- namespace -----------------------------------------------------------
    def _collect(self) -> None:
        self.known = {section: set() for section in ("goals", "objectives", "owners", "metrics")}
        claims: dict[str, dict[str, Item]] = {section: {} for section in self.known}
        self.claims = claims                # each id's first holder, valid or not (an editor re-reads one file)
        self._claimed = claims["goals"]
        for file in self.files:
            for section in ("metrics", "objectives", "owners", "goals"):
                for ident, item in self._in_file_order(file, section):
                    if not self._claim(ident, item, section, claims[section]) or item.model is None:
                        continue
                    if section == "metrics":
                        metric = self._refine(item.model)
                        if "unit" in item.unreadable:       # reported once (F002); no unit stands in for it
                            metric = metric.model_copy(update={"unit": UNREAD, "unit_text": None})
                        self.metric_items[ident] = item
                        self.catalogue.add(metric)
                        self.file_metrics.append(metric)
                    elif section == "objectives":
                        self.objectives[ident] = item
                    elif section == "owners":
                        self.owners[ident] = item
            for section, ids in file.invalid_ids.items():
                self.known[section] |= set(ids)

    def _refine(self, metric: MetricDef) -> MetricDef:
        """A definition with the id of a known metric changes only the fields it sets
        ('{id: ces, better: higher}' keeps CES's name, unit and range)."""
        known = self.catalogue.metrics.get(metric.id)
        if known is None:
            return metric
        return known.model_copy(update={k: getattr(metric, k) for k in metric.model_fields_set if k != "id"})

    @staticmethod
    def _in_file_order(file: SourceFile, section: str) -> list[tuple[str, Item]]:
        """(id, item) for valid items with an id, and for invalid ones (model None) that have one."""
        items = [(item.model.id, item) for item in file.sections[section] if item.model.id]
        items += [(ident, Item(None, path, file)) for ident, path in file.invalid_ids[section].items()]
        return sorted(items, key=lambda pair: pair[1].path)

    def _claim(self, ident: str, item: Item, section: str, claims: dict[str, Item]) -> bool:
        first = claims.get(ident)
        if first is None:
            claims[ident] = item
            return True
        kind = section.removesuffix("s")
        where = f"line {first.anchor.line}" if first.file is item.file else f"{first.file.path} line {first.anchor.line}"
        self._problem(item, Problem(
            "F003", f"{kind} id '{ident}' is already used ({where})", item.value_span("id") or item.anchor,
            hint=f"give each {kind} its own id", goal=ident if kind == "goal" else None, subject=ident))
        return False

    def _problem(self, item: Item, problem: Problem) -> None:
        self.problems.append((item.file, problem))

    def named(self, kind: str, ref: str) -> Item | None:
        """The owner or objective `ref` names: by its id, else by its name or title as written
        ('owner: Head of Contact Centre' for the owner of that name), in any case and spacing."""
        table = self.owners if kind == "owner" else self.objectives
        item = table.get(ref)
        if item is not None or not isinstance(ref, str):
            return item
        names = self._names.get(kind)
        if names is None:
            names = self._names[kind] = {}
            for found in table.values():
                text = found.model.name if kind == "owner" else found.model.title
                if isinstance(text, str):
                    names.setdefault(" ".join(text.lower().split()), found)
        return names.get(" ".join(ref.lower().split()))

    def goals_by(self, name: str) -> dict[str, list[GoalView]]:
        """The goals by `owner`, by `parent`, or by each goal `paired_with` names ("paired"), in
        workspace order: made once per workspace, for the rules that look for a goal's
        neighbours (an editor's patch carries it over, with the edited file's goals replaced)."""
        index = self.by.get(name)
        if index is None:
            index = {}
            for view in self.goals:
                for key in index_keys(view.goal, name):
                    index.setdefault(key, []).append(view)
            self.by[name] = index
        return index

    # -- views ----------------------------------------------------------------
    def _views(self) -> None:
        for file in self.files:
            for item in file.sections["goals"]:
                view = self._view(item)
                self.goals.append(view)
                if view.id and self._claimed.get(view.id) is item:
                    self.goals_by_id[view.id] = view
        for view in self.goals:
            g = view.goal
            view.parent = self.goals_by_id.get(g.parent) if g.parent else None
            view.paired_all = [self.goals_by_id[ref] for ref in g.paired_ids if ref in self.goals_by_id]
            view.paired = view.paired_all[0] if view.paired_all else None
        for view in self.goals:
            view.objective, view.objective_from = self._objective_of(view)

    def _view(self, item: Item) -> GoalView:
        g: Goal = item.model
        view = GoalView(item, g)
        if isinstance(g.metric, MetricDef):           # inline: on a known id, it changes what it sets
            view.metric = self._refine(g.metric)
        elif g.metric:
            view.metric = self.catalogue.resolve(g.metric)
            if view.metric is None and g.metric not in self.known["metrics"]:
                view.uncatalogued = g.metric
        if g.owner:
            owner = self.named("owner", g.owner)
            view.owner = owner.model if owner else None
        view.baseline, view.baseline_as_of = _quantity(g.baseline)
        if view.baseline is not None and view.baseline.change:
            view.baseline = replace(view.baseline, change=False)     # where it starts is never a change
        view.target, _ = _quantity(g.target)
        if _signed_score(view.baseline) and view.target is not None and view.target.change and \
                view.target.unit in (None, POINTS):     # 'baseline: +6, target: +15': NPS written with its sign
            view.target = replace(view.target, change=False)
        view.start = g.start
        deadline = g.deadline
        if deadline is not None and deadline.relative is not None and g.start is not None and g.start.first:
            deadline = deadline.anchored(g.start.first, self.fiscal_start)
        view.deadline = self.dated(deadline, view)
        if view.uncatalogued is not None:
            view.metric = own_metric(view)          # from the fields; the prose refines it
        _in_metric_unit(view)
        return view

    def dated(self, deadline: Timeframe | None, view: GoalView, prose: bool = False) -> Timeframe | None:
        """A deadline read with the configuration: words from a title were read without it, so they
        are read again with the fiscal-year start and the date order ('in 2026/27' with an April
        start ends on 31 March 2027; 'by 03/04/2027' with day-first is 3 April). A yearless one
        ('by Q3') is the next such period after the goal's start (or today)."""
        if deadline is None:
            return None
        start = view.start.first if view.start is not None and view.start.ok else None
        if prose and deadline.relative is None:
            return self.dated_words(deadline.text, view) or deadline
        if deadline.yearless:
            return deadline.resolved(start or self.today, self.fiscal_start)
        return deadline

    def dated_words(self, text: str, view: GoalView) -> Timeframe | None:
        """A date written in prose, read with the configuration; None when no reading is certain."""
        start = view.start.first if view.start is not None and view.start.ok else None
        words = text.split()
        for i in range(min(len(words), 6)):         # 'in every month of 2027/28': the date is at the end
            try:
                return parse_date_like(" ".join(words[i:]), self.fiscal_start, date_order=self.date_order,
                                       today=start or self.today)
            except DateSyntaxError:                 # still ambiguous: T007 names both readings
                continue
        return None

    def _objective_of(self, view: GoalView) -> tuple[Objective | None, GoalView | None]:
        for current in view.lineage():
            ref = current.goal.objective
            if ref:
                item = self.named("objective", ref)
                return (item.model if item else None), current
        return None, None

    def adopt_facts(self, views: list[GoalView] | None = None) -> None:
        """Where a structured field is absent, the goal's prose stands in for it (for `views`,
        default every goal; each view once)."""
        for view in self.goals if views is None else views:
            facts, g = view.facts, view.goal
            self._file_metric_in_prose(view)
            if g.metric is None and facts.metric is not None and not facts.metric_of_second_outcome():
                view.metric = self._metric_from_prose(view)
            unread = view.item.unreadable           # a field written but unreadable (one F002): no
            if g.baseline is None and facts.baseline is not None and "baseline" not in unread:   # stand-in
                view.baseline = facts.baseline.value
            if g.target is None and facts.target is not None and "target" not in unread and \
                    not _window_of_measure(view, facts):
                view.target = facts.target.value
            if view.baseline_as_of is None and facts.baseline is not None and facts.extra.get("measured"):
                measured = self.dated(facts.extra["measured"][0].value, view, prose=True)
                if measured.ok and measured.last <= self.today:     # a value measured in the future is misread
                    view.baseline_as_of = measured
            if g.deadline is None and facts.deadline is not None and "deadline" not in view.item.unreadable:
                view.deadline = self.dated(facts.deadline.value, view, prose=True)
                start = view.start.first if view.start is not None and view.start.ok else None
                if start is None and facts.extra.get("start"):
                    first = facts.extra["start"][0].value
                    start = first.first if first.ok else None
                if view.deadline.relative is not None and start is not None:
                    view.deadline = view.deadline.anchored(start, self.fiscal_start)
            if isinstance(g.metric, MetricDef) and g.metric.name is None and facts.metric is not None and \
                    g.metric.id not in self.catalogue.metrics:
                named = self.catalogue.resolve(str(facts.metric.value))    # a nameless mapping describes
                view.metric = described(g.metric, named) if named is not None else view.metric    # the title's
            if view.uncatalogued is not None:
                view.metric = own_metric(view)
            elif unit_unsaid(view.metric):
                view.metric = in_unit_of_values(view)
            elif view.metric is not None and view.metric.better is None and view.metric.better_on_scale:
                view.metric = on_scale(view)
            elif view.metric is None and g.metric is None and _share_moved(view):
                view.metric, view.unnamed = own_metric(view, "this share"), True   # a share no name knows
            _in_metric_unit(view)

    def _file_metric_in_prose(self, view: GoalView) -> None:
        """A metric defined in a `metrics:` block (name or alias) named in the title is the metric
        the title names, before any shorter built-in name inside it ('repeat complaint rate' is
        not 'complaint rate')."""
        if self._file_names is None:
            self._file_names = names_pattern(self.file_metrics)
        if view.facts.metric is None:
            self._own_metric_in_prose(view)
            return
        if self._file_names is None:
            return
        for name in ("title", "description"):
            text = getattr(view.goal, name)
            m = self._file_names.search(text) if text else None
            if m is None:
                continue
            metric = self.catalogue.resolve(m.group(0))
            mention = view.facts.metric
            if metric is not None and str(mention.value) != metric.id:
                place = getattr(mention, "_place", None)
                fact = Fact(metric.id, place=place, start=m.start(), end=m.end()) if place is not None and \
                    place.field == name else Fact(metric.id, view.title_span, m.group(0))
                view.facts.metric = fact
                view.facts.extra["metrics"] = [fact] + [f for f in view.facts.extra.get("metrics", [])
                                                        if not (m.start() <= f._start < m.end())]
                view.facts.extra.pop("metric-phrase", None)
            return

    def _own_metric_in_prose(self, view: GoalView) -> None:
        """'Reduce leakage as much as possible' names a metric when another goal of the workspace
        has 'metric: leakage': the team's own metrics are words of its vocabulary too."""
        if self._own_names is None:
            own = {g.uncatalogued for g in self.goals if g.uncatalogued}
            words = {ref.replace("_", " ") for ref in own if len(ref) > 3}
            self._own_names = re.compile(r"(?i)(?<![\w-])(?:" + "|".join(
                re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])") if words else False
        if not self._own_names:
            return
        m = self._own_names.search(view.goal.title)
        if m is not None:
            view.facts.metric = Fact(m.group(0).replace(" ", "_").lower(), view.title_span, m.group(0))

    def _metric_from_prose(self, view: GoalView):
        """The first catalogue metric the title names whose unit fits the title's numbers:
        'complaints resolved after 48 hours from 12% to 6%' is a share, not a complaint count."""
        from cxsmart.model.measure import unit_problem

        numbers = [("baseline", view.facts.baseline), ("target", view.facts.target)]
        for mention in view.facts.extra.get("metrics", []):
            metric = self.catalogue.resolve(str(mention.value))
            if metric is None:
                continue
            if all(f is None or unit_problem(f.value, metric, role) is None for role, f in numbers):
                return metric
        return None


def index_keys(goal: Goal, name: str) -> tuple | list:
    if name == "paired":
        return goal.paired_ids
    value = getattr(goal, name)
    return (value,) if value is not None else ()


def _quantity(value: Quantity | Measured | None) -> tuple[Quantity | None, Timeframe | None]:
    if value is None or isinstance(value, Quantity):
        return value, None
    return value.quantity, value.as_of


def _in_metric_unit(view: GoalView) -> None:
    """Bare numbers on a metric whose unit says more than its family ('unit: mins', 'unit: £m') are
    in that unit; rates are read per the metric's denominator."""
    metric = view.metric
    if metric is not None and metric.unit_text is not None:
        view.baseline = in_metric_unit(view.baseline, metric.spec)
        view.target = in_metric_unit(view.target, metric.spec)
    spec = metric.spec if metric is not None and metric.unit == "duration" and metric.unit_text else None
    view.baseline, view.target = one_working_clock(view.baseline, view.target,
                                                   spec is not None and spec.working and spec.factor == 3600)


def _share_moved(view: GoalView) -> bool:
    """The goal moves a share it gives no known name from one value to another ('Lift self-service
    share from 10% to 50%'): a metric of its own, in percent, judged for pace and direction."""
    b, t = view.baseline, view.target
    return b is not None and t is not None and b.unit == t.unit == PERCENT and not (
        b.change or t.change or b.factor or t.factor) and 0 <= b.value <= 100 and 0 <= t.value <= 100
    # (above 100% it is a ratio written in percent, as net revenue retention is: no share's range)


def _window_of_measure(view: GoalView, facts) -> bool:
    """The title's only number is a service window ('Reduce repeat faults within 30 days ...') and
    the goal's metric is not a time ('%' repeat faults): the window says which cases the metric
    counts, and is no target of it."""
    q, metric = facts.target.value, view.metric
    if q.unit != DURATION or metric is None or metric.unit in (None, "duration") or view.goal.metric is None:
        return False
    return any(s.span == facts.target.span for s in facts.extra.get("service-standard", ()))


def _signed_score(q: Quantity | None) -> bool:
    """A baseline written with its sign ('+6', '-12'): the goal writes scores signed, so a signed
    target is a score too, not a change."""
    return q is not None and not q.factor and q.text[:1] in "+-−"
