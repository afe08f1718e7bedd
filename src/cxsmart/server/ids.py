"""Where every id of the workspace is written: each goal, objective, owner and metric id where
it is defined and everywhere it is named (`owner`, `objective`, `parent`, `paired_with`,
`metric`, `controls`, `kpi`, an action's owner, an owner's `parent`), from the spans the loader
keeps for every value. Metric names and aliases count as their metric's id."""

from __future__ import annotations

from dataclasses import dataclass

from cxsmart.diagnostics import Span

GOAL, OBJECTIVE, OWNER, METRIC = "goal", "objective", "owner", "metric"
_SECTION_KIND = {"goals": GOAL, "objectives": OBJECTIVE, "owners": OWNER, "metrics": METRIC}
# (section, key) -> the kind of id the value names
_REFERENCES = {("goals", "owner"): OWNER, ("goals", "objective"): OBJECTIVE, ("goals", "parent"): GOAL,
               ("goals", "paired_with"): GOAL, ("goals", "metric"): METRIC, ("objectives", "kpi"): METRIC,
               ("objectives", "owner"): OWNER, ("owners", "parent"): OWNER}


@dataclass(frozen=True)
class Occurrence:
    kind: str
    ident: str              # the id it is (a metric's canonical id when the catalogue knows it)
    written: str            # as written
    path: str               # the file, as the lint shows it
    span: Span
    defines: bool
    item: object = None     # the loader's Item it belongs to

    def contains(self, line: int, column: int) -> bool:
        s = self.span
        return (s.line, s.column) <= (line, column) <= (s.end_line, s.end_column)


def occurrences(ws) -> list[Occurrence]:
    """Every id occurrence of the workspace, in file order."""
    out: list[Occurrence] = []
    for file in ws.files:
        for section, kind in _SECTION_KIND.items():
            for item in file.sections.get(section, []):
                out += _of_item(ws, item, section, kind)
    return out


def _of_item(ws, item, section: str, kind: str) -> list[Occurrence]:
    model = item.model
    found = []

    def add(kind: str, value, keys: tuple, defines: bool = False) -> None:
        if not isinstance(value, str) or not value:
            return
        span = item.value_span(*keys)
        if span is not None:
            found.append(Occurrence(kind, _canonical(ws, kind, value), value, item.file.path, span, defines, item))

    add(kind, getattr(model, "id", None), ("id",), defines=True)
    for (sec, key), target in _REFERENCES.items():
        if sec == section:
            add(target, getattr(model, key, None), (key,))
    if section == "owners":
        for i, metric in enumerate(getattr(model, "controls", None) or []):
            add(METRIC, metric, ("controls", i))
    if section == "goals":
        for i, action in enumerate(model.actions):
            add(OWNER, action.owner, ("actions", i, "owner"))
    return found


def _canonical(ws, kind: str, value: str) -> str:
    if kind == METRIC:
        metric = ws.catalogue.resolve(value)
        return metric.id if metric is not None else value
    return value


def at(found: list[Occurrence], path: str, line: int, column: int) -> Occurrence | None:
    return next((o for o in found if o.path == path and o.contains(line, column)), None)


def same(found: list[Occurrence], target: Occurrence) -> list[Occurrence]:
    return [o for o in found if o.kind == target.kind and o.ident == target.ident]
