"""The workspace's checks of what its entries name: references that name nothing (F004, M009 in
owners' controls and objectives' KPIs) and `parent` chains that loop (F005). A part of
`Workspace`, kept apart because a reader looks for them together."""

from __future__ import annotations

from cxsmart.common.suggest import closest, did_you_mean
from cxsmart.engine.goalview import GoalView
from cxsmart.model.goalfile import Goal
from cxsmart.read.loader import Item, SourceFile
from cxsmart.read.source import Problem


class ReferenceChecks:
    """Workspace's reference and cycle checks (it holds the tables they read)."""

    # -- references -------------------------------------------------------------
    def _check_references(self, only: SourceFile | None = None, views: list[GoalView] | None = None) -> None:
        """References that name nothing (F004, M009): of every file's items, or of `only`'s
        (whose goals' views are `views`, when the caller has them at hand)."""
        def check(item: Item, keys: tuple, ref: str | None, kind: str, table, known: set[str], choices=None):
            if ref is None or ref in table or ref in known:
                return
            if kind in ("owner", "objective") and self.named(kind, ref) is not None:
                return                      # by its name or title ('owner: Head of Contact Centre')
            if kind == "metric":
                self._metric_reference(item, keys, ref)
                return
            names = choices if choices is not None else table
            anchors = item.file.anchors
            at = anchors.origin(item.path + keys) if anchors is not None else None   # behind an anchor: said there
            self._problem(item, Problem(
                "F004", f"{keys[-1] if isinstance(keys[-1], str) else kind} '{ref}' names no {kind} defined in the "
                f"workspace{did_you_mean(ref, names)}", at or item.value_span(*keys) or item.anchor,
                hint=f"define {kind} '{ref}' (in any linted file), or fix the reference",
                goal=item.model.id if isinstance(item.model, Goal) else None, subject=ref))

        goals, objectives, owners = self.goals_by_id, self.objectives, self.owners
        owner_words = [*owners, *(i.model.name for i in owners.values() if i.model.name)]
        objective_words = [*objectives, *(i.model.title for i in objectives.values() if i.model.title)]
        metrics = self.catalogue.metrics
        k = self.known

        def mine(items):                    # the items of `only`, or all
            return items if only is None else [i for i in items if (i.item if isinstance(i, GoalView) else i).file is only]

        for view in mine(self.goals) if views is None else views:
            item, g = view.item, view.goal
            check(item, ("parent",), g.parent, "goal", goals, k["goals"])
            check(item, ("objective",), g.objective, "objective", objectives, k["objectives"], objective_words)
            check(item, ("owner",), g.owner, "owner", owners, k["owners"], owner_words)
            if isinstance(g.paired_with, list):
                for i, ref in enumerate(g.paired_with):
                    check(item, ("paired_with", i), ref, "goal", goals, k["goals"])
            else:
                check(item, ("paired_with",), g.paired_with, "goal", goals, k["goals"])
            for i, action in enumerate(g.actions):
                check(item, ("actions", i, "owner"), action.owner, "owner", owners, k["owners"], owner_words)
        for item in mine(objectives.values()):
            check(item, ("kpi",), item.model.kpi, "metric", metrics, k["metrics"])
            check(item, ("owner",), item.model.owner, "owner", owners, k["owners"], owner_words)
        for item in mine(owners.values()):
            check(item, ("parent",), item.model.parent, "owner", owners, k["owners"], owner_words)
            for i, ref in enumerate(item.model.controls or []):
                if ":" in ref:
                    kind = ref.split(":", 1)[0]
                    if ref.endswith(":*") and kind in ("external", "internal", "business"):
                        continue
                check(item, ("controls", i), ref, "metric", metrics, k["metrics"])
        for file in self.files if only is None else [only]:
            for item in file.sections["metrics"]:
                for i, ref in enumerate(item.model.conflicts_with):
                    check(item, ("conflicts_with", i), ref, "metric", metrics, k["metrics"])
        self._once()

    def _metric_reference(self, item: Item, keys: tuple, ref: str) -> None:
        """A metric named in `controls`, `kpi` or `conflicts_with` is judged as a goal's `metric:` is
        (M009): one the workspace defines, or that a goal uses, is known; one a letter from a
        known metric is a likely typo (a warning with did-you-mean); any other is the team's own."""
        if self.catalogue.resolve(ref) is not None or ref in self.known["metrics"] or \
                any(g.goal.metric == ref for g in self.goals):
            return
        near = closest(ref, self.catalogue.metrics, cutoff=0.8)
        if near is None:
            return
        where = {"controls": "an owner's controls", "kpi": "an objective's kpi",
                 "conflicts_with": "a metric's conflicts_with"}.get(next(k for k in keys if isinstance(k, str)), "")
        self._problem(item, Problem(
            "M009", f"metric '{ref}' in {where} is defined nowhere (did you mean '{near}'?)",
            item.value_span(*keys) or item.anchor, subject=ref,
            hint=f"write '{near}', or define '{ref}' in a metrics: block if it is a metric of your own"))

    def _once(self) -> None:
        """A reference behind an anchor is reported once, where the anchor writes it."""
        seen: set[tuple] = set()
        kept = []
        for file, problem in self.problems:
            key = (file.path, problem.code, problem.span, problem.message)
            if key not in seen:
                seen.add(key)
                kept.append((file, problem))
        self.problems = kept

    # -- cycles ------------------------------------------------------------------
    def _check_cycles(self) -> None:
        self._cycles([(v.id, v.goal.parent, v.item) for v in self.goals if v.id], "goal")
        self._cycles([(i.model.id, i.model.parent, i) for i in self.owners.values()], "owner")

    def _cycles(self, nodes: list[tuple[str, str | None, Item]], kind: str) -> None:
        parent = {ident: p for ident, p, _ in nodes}
        items = {ident: item for ident, _, item in nodes}
        state: dict[str, int] = {}           # 1 = on the current walk, 2 = done
        for start, _, _ in nodes:
            walk: list[str] = []
            node = start
            while node is not None and node in parent and state.get(node) is None:
                state[node] = 1
                walk.append(node)
                node = parent[node]
            if node is not None and state.get(node) == 1:
                loop = walk[walk.index(node):]
                first = min(loop, key=lambda n: (items[n].file.path, items[n].anchor.line))
                at = loop.index(first)
                ordered = loop[at:] + loop[:at]
                chain = " → ".join(ordered + [first])
                item = items[first]
                if kind == "goal" and first in self.goals_by_id:
                    self.goals_by_id[first].parent = None
                self._problem(item, Problem(
                    "F005", f"the {kind} 'parent' chain loops: {chain}", item.value_span("parent") or item.anchor,
                    hint=f"a {kind} cannot roll up to itself: point '{first}' at a {kind} higher up",
                    goal=first if kind == "goal" else None, subject=chain))
            for n in walk:
                state[n] = 2
