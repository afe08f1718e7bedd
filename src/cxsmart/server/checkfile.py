"""The rules over one file's goals in a workspace already built, as `api.check_built` runs them
for a shown file, keeping what each goal's checks found: after an edit that changed one goal, and
nothing that other goals' checks read of it (shape.derived), only that goal is checked again and
the others' findings are taken from here.

    Checked     per goal of the file (in file order): what the rules' goal checks found on it
    run         the rules as the engine runs them (those that read no prose, the prose of `fresh`,
                those that read it), the workspace-wide checks over every goal, the goal checks
                over `goals` (each goal's from `kept` when given); then api.finish

A goal check that fails is one F008 and ends its rule for the goals after it (as in the engine):
findings kept across such a failure would not be the engine's, so `reusable` refuses them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from cxsmart.api import finish
from cxsmart.diagnostics import Diagnostic, Edit, Span
from cxsmart.engine.run import _internal_error, prepare_text
from cxsmart.rule import Rule, RuleContext


@dataclass
class Checked:
    file: object                        # the SourceFile the findings are of
    goals: list[list]                   # each goal's findings, before ignores and suppressions

    def reusable(self) -> bool:
        return not any(d.code == "F008" for found in self.goals for d in found)

    def kept(self, i: int, path: str, lines: range, delta: int) -> dict[int, list] | None:
        """The findings of every goal but the `i`th, whose lines were `lines` (1-based) and are
        `delta` longer now: those below them moved with them. None when one of them points into
        those lines (its columns may be stale), or names a line and would move."""
        out = {}
        for j, found in enumerate(self.goals):
            if j == i:
                continue
            moved = []
            for d in found:
                if d.path != path:
                    moved.append(d)
                    continue
                spans = [d.span, *(e.span for e in d.fix.edits)] if d.fix else [d.span]
                if any(s.line <= lines.stop - 1 and s.end_line >= lines.start for s in spans):
                    return None
                if delta and (NAMES_A_LINE.search(d.message) or NAMES_A_LINE.search(d.hint or "")):
                    return None
                moved.append(_moved(d, lines.stop - 1, delta) if delta and d.span.line >= lines.stop else d)
            out[j] = moved
        return out


NAMES_A_LINE = re.compile(r"\blines? \d")


def _moved(d: Diagnostic, after: int, delta: int) -> Diagnostic:
    def move(s: Span) -> Span:
        return Span(s.line + delta, s.column, s.end_line + delta, s.end_column) if s.line > after else s

    fix = replace(d.fix, edits=tuple(Edit(move(e.span), e.content) for e in d.fix.edits)) if d.fix else None
    return replace(d, span=move(d.span), fix=fix)


def run(ws, cfg, root, prepared, real_paths, cache, shown: str, goals: list, fresh: list | None,
        kept: dict[int, list] | None = None):
    """(LintResult of the shown file, Checked). `goals`: the file's views, in file order;
    `fresh`: the views whose prose is still to read (None: every goal's); `kept`: findings of
    goals not to check again, by position in `goals`."""
    kept = kept or {}
    ctx = RuleContext(ws, ws.today, cfg.fiscal_year_start, prepared.selection.severities)
    rules = prepared.selection.rules
    per_goal: list[list] = [kept[j] if j in kept else [] for j in range(len(goals))]     # kept: not extended
    found: list = []
    todo = [(j, g) for j, g in enumerate(goals) if j not in kept]
    _rules(ws, [r for r in rules if not r.needs_text], ctx, todo, per_goal, found)
    prepare_text(ws, rules, prepared.packs, cache, None, fresh)
    _rules(ws, [r for r in rules if r.needs_text], ctx, todo, per_goal, found)
    everything = found + [d for each in per_goal for d in each]
    result = finish(everything, ws, ctx, cfg, root, prepared, real_paths, {shown}, len(goals))
    return result, Checked(goals[0].item.file if goals else None, per_goal)


def _rules(ws, rules: list[Rule], ctx: RuleContext, todo: list, per_goal: list[list], found: list) -> None:
    for rule in rules:
        try:
            found.extend(rule.check_workspace(ws, ctx))
        except Exception as exc:  # noqa: BLE001 - as the engine: one broken rule must not stop the others
            found.append(_internal_error(rule, None, exc))
            continue
        if type(rule).check is Rule.check:
            continue
        for j, goal in todo:
            try:
                per_goal[j].extend(rule.check(goal, ctx))
            except Exception as exc:  # noqa: BLE001 - one F008 on that goal, and the rule ends
                per_goal[j].append(_internal_error(rule, goal, exc))
                break
