"""Hostile and broken input from issue 5's list that test_hazards.py does not already cover,
each with the finding it must give inside a time bound; atomic writes; and the property that a
suppression comment removes exactly its finding."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import lint
from tests.test_hazards import lint_file, only


def test_raw_control_character_is_a_positioned_finding(tmp_path):
    d = only(lint_file(tmp_path, b"- title: Raise\x07 NPS\n"), "F001")[0]
    assert (d.span.line, d.span.column) == (1, 15) and "U+0007" in d.message


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_escape_sequences_never_reach_the_terminal(run_cli, tmp_path, fmt):
    (tmp_path / "g.yaml").write_text('- title: "Raise NPS \\e]0;owned\\a \\e[31mRED \\u202eevil"\n')
    code, out, _ = run_cli("lint", "g.yaml", "--format", fmt, "--color", "never", "--select", "T001")
    assert code == 1 and "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b" in out


def test_a_thousand_duplicate_ids(tmp_path):
    text = "".join(f"- {{id: same, title: Goal {i}}}\n" for i in range(1000)).encode()
    found = only(lint_file(tmp_path, text, seconds=20), "F003")
    assert len(found) == 999 and found[0].span.line == 2


def test_a_2000_goal_parent_cycle(tmp_path):
    n = 2000
    text = "".join(f"- {{id: g{i}, title: Goal {i}, parent: g{(i + 1) % n}}}\n" for i in range(n)).encode()
    diags = lint_file(tmp_path, text, seconds=30)
    (cycle,) = only(diags, "F005")
    assert cycle.span.line == 1 and cycle.message.count("→") == n
    assert "F008" not in {d.code for d in diags}


def test_interrupted_write_leaves_the_old_file_and_no_litter(tmp_path, monkeypatch):
    from cxsmart.common import fsutil

    target = tmp_path / "cxsmart-baseline.json"
    target.write_text("old")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fsutil.write_atomic(target, "new " * 100_000)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == [target.name]
    with pytest.raises(KeyboardInterrupt):
        fsutil.create_new(tmp_path / "goals.yaml", "new")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


FIELDS = st.fixed_dictionaries({}, optional={
    "id": st.sampled_from(["a", "b", "c-1"]), "owner": st.sampled_from(["cc", "digital"]),
    "metric": st.sampled_from(["csat", "nps", "aht", "churn_rate", "happiness"]),
    "baseline": st.sampled_from(["72%", "20", "7 min", "+5 pp"]), "target": st.sampled_from(["80%", "+5 pp", "x2"]),
    "deadline": st.sampled_from(["2026-06-30", "Q2 2026", "31 February 2026", "within six months"]),
    "review": st.sampled_from(["monthly", "weekly"])})
TITLES = st.sampled_from(["Raise NPS", "Increase CSAT from 72% to 80% by Q2 2026", "Try to delight customers ASAP",
                          "Launch a new portal", "Reduce churn by 20% in the next financial year"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TITLES, FIELDS), min_size=1, max_size=4), st.data())
def test_a_suppression_removes_exactly_its_finding(goals, data):
    lines = []
    for title, fields in goals:
        lines.append(f"- title: {title}")
        lines += [f"  {k}: {v}" for k, v in fields.items()]
    text = "\n".join(lines) + "\n"
    before = lint(text)
    if not before:
        return
    chosen = data.draw(st.sampled_from(before))
    suppressed = text.splitlines()
    suppressed[chosen.span.line - 1] += f"  # cxsmart: ignore[{chosen.code}]"
    after = lint("\n".join(suppressed) + "\n")
    starts = [i + 1 for i, line in enumerate(lines) if line.startswith("- ")]
    if chosen.span.line in starts:              # on a goal's first line it covers the whole goal
        end = next((s for s in starts if s > chosen.span.line), len(lines) + 1)
        covered = range(chosen.span.line, end)
    else:
        covered = range(chosen.span.line, chosen.span.line + 1)
    expected = [d for d in before if not (d.code == chosen.code and d.span.line in covered)]
    assert after == expected


DATE_WORDS = ["by", "the", "end", "of", "30", "June", "2026", "Q2", "q3-2027", "FY26", "H1", "in", "within", "six",
              "months", "next", "this", "year", "quarter", "-", "x", "2026-06-30", "Sept", "1st", ",", "over", "2",
              "weeks", "fy2027/28", "end-of", "Dec.", "end of June 2026", "the end of the year", "within six months",
              "the next quarter", "this financial year", "2026-Q2", "Q2 2026", "H1 2026", "FY2026", "FY26-Q1",
              "June 30, 2026", "2026-06", "during 2027", "in 12 weeks", "over the coming year", "end of 2026",
              "the end of this quarter", "q4fy27", "h2/2026", "over 2 weeks", "during the next six months",
              "over the coming 3 quarters"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=10), st.sampled_from([" ", "", "-", "  "]))
def test_dates_found_only_where_a_date_can_start_are_all_the_dates(words, sep):
    from cxsmart.language.dates import DATE_IN_PROSE as _DATE
    from cxsmart.language.dates import date_matches

    text = sep.join(words)
    assert [m.span() for m in date_matches(text)] == [m.span() for m in _DATE.finditer(text)]
