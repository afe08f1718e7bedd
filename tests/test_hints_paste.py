"""A hint that proposes YAML is right when pasted (issue 17, item 6): for every finding whose hint
quotes a field ('target: 6 min', 'deadline: 2027-12-31') or a metric definition ('metrics: [{id:
..., better: lower}]'), the snippet is written into the goal (or the file), the workspace is linted
again, and the finding is gone with no new finding on that goal."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cxsmart.api import lint_text

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)
FIELD = re.compile(r"'((?:baseline|target|deadline|metric|review|start|owner|objective|paired_with): [^'<>]+?)'")
METRICS = re.compile(r"'(metrics: \[\{.*?\}\])'")
WORKSPACES = ["examples/bad", "examples/good", "tests/repos/telecom", "tests/repos/insurer/goals-repo",
              "tests/repos/airline/goals-repo"]


def _load(text: str):
    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception:  # noqa: BLE001 - a file that is not YAML has no goal to paste into
        return None


def _dump(data) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _goals(data) -> list:
    goals = data if isinstance(data, list) else (data or {}).get("goals")
    if isinstance(goals, dict):
        return [{"id": k, **v} if isinstance(v, dict) else {"id": k} for k, v in goals.items()]
    return goals if isinstance(goals, list) else []


def _codes(texts: dict, goal: str) -> set[str]:
    return {d.code for d in lint_text(texts, today=TODAY).diagnostics if d.goal == goal}


_ATTAINABLE = {"A001", "A002", "A004"}
# hints that write down what the goal already says (its deadline read from "within six months", the
# direction its verb asks for), not an example value: whatever A finding follows is about its own values
_SUPPLIES_A_FACT = {"M004", "T001", "T002", "T006"}


def pasted_wrong(files: dict[str, str]) -> list[tuple]:
    """(path, goal, code, snippet, what went wrong) for each hint that does not paste right."""
    data = {p: _load(t) for p, t in files.items()}
    files = {p: _dump(v) for p, v in data.items() if isinstance(v, (dict, list))}   # the same data, as dumped
    data = {p: _load(t) for p, t in files.items()}
    wrong = []
    for d in lint_text(files, today=TODAY).diagnostics:
        snippets = FIELD.findall(d.hint or "") or METRICS.findall(d.hint or "")
        if not snippets or not d.goal or d.path not in data:
            continue
        new = copy.deepcopy(data)
        doc = new[d.path]
        goal = next((g for g in _goals(doc) if isinstance(g, dict) and g.get("id") == d.goal), None)
        if goal is None or not isinstance(doc, (dict, list)) or isinstance((doc or {}).get("goals") if
                                                                          isinstance(doc, dict) else None, dict):
            continue
        piece = _load(snippets[0])
        if "metrics" in piece:
            if isinstance(doc, list):
                doc = new[d.path] = {"goals": doc}
            doc["metrics"] = list(doc.get("metrics") or []) + piece["metrics"]
        else:
            goal.update(piece)
        before = _codes(files, d.goal)
        after = _codes({p: _dump(v) for p, v in new.items()}, d.goal)
        new_codes = after - before
        if d.code in _SUPPLIES_A_FACT and new_codes <= _ATTAINABLE:
            new_codes = set()       # the goal's own deadline or direction, pasted, lets its values be judged:
            #                         '6 min to 18 working hours' is then more than handling time moves (A001)
        if d.code in after or new_codes:
            wrong.append((d.path, d.goal, d.code, snippets[0], sorted(new_codes) or "still there"))
    return wrong


@pytest.mark.parametrize("where", WORKSPACES)
def test_every_hint_pastes_right(where):
    root = ROOT / where
    files = {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.yaml"))
             if p.name not in ("expected.yaml", "labels.yaml")}
    assert pasted_wrong(files) == []


METRIC_NAMES = ["CSAT", "NPS", "churn rate", "average handling time", "first contact resolution", "callback rate",
                "complaints per 1,000 policies", "app rating"]
VALUES = ["72%", "6 min", "4.1 out of 5", "£48", "3.1 per 1,000 policies", "40", "18 working hours"]
WHEN = ["by 30 June 2027", "by Q3", "within six months", "ASAP", "", "by 2027-12-31", "in 2026"]


@st.composite
def goal_files(draw) -> str:
    lines = ["goals:"]
    for i in range(draw(st.integers(1, 3))):
        verb = draw(st.sampled_from(["Increase", "Reduce", "Keep", "Improve", ""]))
        name = draw(st.sampled_from(METRIC_NAMES))
        tail = draw(st.sampled_from(WHEN))
        lines += [f"  - id: g{i}", f"    title: {(verb + ' ' + name).strip()} {tail}".rstrip()]
        for key in draw(st.sets(st.sampled_from(["baseline", "target", "deadline", "start", "review"]))):
            value = {"deadline": "2027-06-30", "start": "2027-01-01", "review": "monthly"}.get(
                key, draw(st.sampled_from(VALUES)))
            lines.append(f"    {key}: {value}")
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(goal_files())
def test_hints_on_generated_goals_paste_right(text):
    assert pasted_wrong({"goals.yaml": text}) == []


def test_an_example_baseline_rounded_stays_on_the_worse_side_of_the_target():
    # found by the property test above: a start of 3.4 for a target of 3.1 was rounded down to 3,
    # past the target, and pasting it made the goal already met (A002)
    text = ("goals:\n  - id: g0\n    title: Increase complaints per 1,000 policies in 2026\n"
            "    target: 3.1 per 1,000 policies\n")
    hints = [d.hint for d in lint_text({"goals.yaml": text}, today=TODAY).diagnostics if d.code == "M002"]
    start = float(re.search(r"'baseline: ([\d.]+)'", hints[0]).group(1))
    assert 3.1 < start < 4            # above the target the goal should come down to, and near it
    assert pasted_wrong({"goals.yaml": text}) == []
