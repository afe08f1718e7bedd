"""--fix over generated goal files (hypothesis): every line no edit touches is kept, the YAML
loads to the same data plus the added fields (values rewritten by M010/T010 mean the same),
and fixing again changes nothing."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cxsmart.api import lint_text
from cxsmart.fix.apply import apply, choose
from cxsmart.model.timeframes import parse_date_like
from cxsmart.read.source import normalise_breaks
from cxsmart.read.yamlread import parse_yaml

TODAY = dt.date(2026, 11, 23)
METRICS = [("CSAT", "csat", "%"), ("NPS", "nps", ""), ("churn rate", "churn_rate", "%"),
           ("first contact resolution", "fcr", "%"), ("average handling time", "aht", " min")]
DATES = ["30 June 2027", "2027-06-30", "June 30th, 2027", "30/06/2027", "Q3 2027", "31 December 2027"]
ALIASES = {"csat": ["Customer satisfaction", "CSAT", "csat"], "nps": ["Net Promoter Score", "NPS", "nps"],
           "churn_rate": ["churn rate", "churn_rate"], "fcr": ["first contact resolution", "FCR", "fcr"],
           "aht": ["average handling time", "AHT", "aht"]}


@st.composite
def goal(draw, n: int) -> dict:
    name, mid, unit = draw(st.sampled_from(METRICS))
    low, high = sorted(draw(st.lists(st.integers(2, 60), min_size=2, max_size=2, unique=True)))
    verb = "Reduce" if mid in ("churn_rate", "aht") else "Increase"
    a, b = (high, low) if verb == "Reduce" else (low, high)
    when = draw(st.sampled_from(DATES[:2] + DATES[4:]))
    fields = {"id": f"g{n}", "title": f"{verb} {name} from {a}{unit} to {b}{unit} by {when}"}
    for key in draw(st.sets(st.sampled_from(["owner", "metric", "start", "deadline", "review"]))):
        fields[key] = {"owner": "cx-team", "metric": draw(st.sampled_from(ALIASES[mid])), "review": "monthly",
                       "start": draw(st.sampled_from(["2027-01-01", "1 January 2027", "January 1st, 2027"])),
                       "deadline": draw(st.sampled_from(DATES + ["within six months"]))}[key]
    if "deadline" in fields and fields["deadline"] == "within six months" and "start" not in fields:
        fields["start"] = "2027-01-01"
    return fields


def _scalar(value: str, quote: str) -> str:
    return f"{quote}{value}{quote}" if quote else value


@st.composite
def goal_file(draw) -> tuple[str, list[set[str]]]:
    """The file's text, and for each goal the keys whose value is an anchor or an alias (shared
    with another goal, so a fix leaves them as written)."""
    goals = [draw(goal(i)) for i in range(draw(st.integers(1, 4)))]
    lines = ["# generated goals", "goals:"]
    anchored: set[str] = set()
    shared: list[set[str]] = []
    for g in goals:
        shared.append(set())
        quote = draw(st.sampled_from(["", "'", '"']))
        if draw(st.booleans()):                                     # flow style
            pairs = ", ".join(f"{k}: {_scalar(v, quote if k == 'title' else '')}" for k, v in g.items())
            lines.append(f"  - {{{pairs}}}")
        else:
            for i, (k, v) in enumerate(g.items()):
                comment = draw(st.sampled_from(["", "   # note"]))
                value = _scalar(v, quote if k in ('title', 'start') else '')
                if k in ("metric", "deadline") and draw(st.booleans()):    # an anchor, or an alias to one
                    value = f"*{k}" if k in anchored else f"&{k} {value}"
                    anchored.add(k)
                    shared[-1].add(k)
                lines.append(f"  {'- ' if i == 0 else '  '}{k}: {value}{comment}")
        if draw(st.booleans()):
            lines.append("")
    text = "\n".join(lines) + draw(st.sampled_from(["\n", ""]))
    return (text.replace("\n", "\r\n") if draw(st.booleans()) else text), shared


def _fixes(text: str):
    found = lint_text(normalise_breaks(text), extend_select=["M011"], today=TODAY).diagnostics
    return [d.fix for d in found if d.fix and d.fix.applicability == "safe"]


def _untouched_lines(text: str, fixes) -> list[tuple[int, str, int]]:
    """Each line no edit touches, with where it must stand after the fixes: its offset moved by
    what the edits before it add or remove (a line diff could pair up look-alike lines instead)."""
    lines = text.splitlines(keepends=True)
    starts = [sum(len(x) for x in lines[:i]) for i in range(len(lines) + 1)]
    newline = "\r\n" if "\r\n" in text else "\n"
    edits = [(starts[e.span.line - 1] + e.span.column - 1, starts[e.span.end_line - 1] + e.span.end_column - 1,
              e.content.replace("\n", newline)) for f in fixes for e in f.edits]
    touched = {n for f in fixes for e in f.edits for n in range(e.span.line, e.span.end_line + 1)}
    return [(n, line, starts[n - 1] + sum(len(c) - (end - start) for start, end, c in edits if end <= starts[n - 1]))
            for n, line in enumerate(lines, 1) if n not in touched]


def _goals(text: str) -> list[dict]:
    return parse_yaml(normalise_breaks(text)).data["goals"]


def _same_meaning(key: str, old, new, aliased: bool = False) -> bool:
    if old == new:
        return True
    if key == "metric":
        return any(str(old) in names for mid, names in ALIASES.items() if str(new) == mid)
    if key in ("start", "deadline"):
        day = parse_date_like(str(new))
        return day.kind == "day" and str(new) == day.last.isoformat() and \
            (str(old) == "within six months" and not aliased or parse_date_like(str(old)).last == day.last)
    return False


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(goal_file())
@example((  # a relative deadline in one goal and the same words anchored in another: only the first is fixed
    "goals:\n  - id: g1\n    title: Increase CSAT from 2% to 3% by 30 June 2027\n    start: 2027-01-01\n"
    "    deadline: within six months\n  - id: g2\n    title: Increase CSAT from 2% to 3% by 30 June 2027\n"
    "    deadline: &deadline within six months\n    start: 2027-01-01\n", [set(), {"deadline"}]))
def test_fix_keeps_untouched_lines_and_meaning_and_converges(generated):
    text, shared = generated
    fixes = choose(_fixes(text))
    after = apply(text, fixes)
    for number, line, moved_to in _untouched_lines(text, fixes):
        assert after[moved_to:moved_to + len(line)] == line, (number, line)
    before_goals, after_goals = _goals(text), _goals(after)
    assert len(before_goals) == len(after_goals)
    for was, now, kept in zip(before_goals, after_goals, shared):
        assert list(now)[:1] == list(was)[:1] and set(was) <= set(now)
        assert all(_same_meaning(k, was[k], now[k], k in kept) for k in was), (was, now)
        assert set(now) - set(was) <= {"metric", "segment", "baseline", "target", "deadline"}
    for _ in range(5):                                       # later passes: what overlapped waits
        more = choose(_fixes(after))
        if not more:
            break
        after = apply(after, more)
    assert _fixes(after) == []
    assert apply(after, choose(_fixes(after))) == after
