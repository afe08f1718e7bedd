"""Inline suppression comments remove exactly their finding; blanket, unknown and unused ones
are reported."""

from __future__ import annotations

from tests.conftest import codes, lint

GOAL = "- id: g\n  title: Raise NPS{c1}\n  owner: cc{c2}\n"


def test_ignore_on_the_line_of_the_finding():
    assert "T001" in codes(GOAL.format(c1="", c2=""), select=["T001", "P004"])
    assert codes(GOAL.format(c1="  # cxsmart: ignore[T001]", c2=""), select=["T001"]) == []
    # on another line it does not apply
    assert codes(GOAL.format(c1="", c2="  # cxsmart: ignore[T001]"), select=["T001"]) == ["T001"]


def test_several_codes_and_prefixes():
    text = "- id: g  # cxsmart: ignore[R001, P]\n  title: Raise NPS\n"
    assert codes(text, select=["R001", "P004", "R002"]) == ["R002"]


def test_ignore_file_anywhere():
    text = "# cxsmart: ignore-file[T001]\n- {id: a, title: Raise NPS}\n- {id: b, title: Raise CSAT}\n"
    assert codes(text, select=["T001"]) == []


def test_blanket_and_unknown_suppressions_are_findings():
    text = "- id: g  # cxsmart: ignore\n  title: Raise NPS  # cxsmart: ignore[T19]\n"
    found = [(d.code, d.span.line) for d in lint(text) if d.code == "F006"]
    assert found == [("F006", 1), ("F006", 2)]


def test_unused_suppressions_only_when_asked():
    text = "- id: g\n  title: Raise NPS\n  deadline: 2026-12-31  # cxsmart: ignore[T001,P004]\n"
    assert "F007" not in codes(text)
    unused = [d for d in lint(text, report_unused_ignores=True) if d.code == "F007"]
    assert len(unused) == 1 and "T001, P004" in unused[0].message and unused[0].span.line == 3


def test_used_suppression_is_not_unused():
    text = "- id: g  # cxsmart: ignore[P004]\n  title: Raise NPS\n"
    assert "F007" not in codes(text, report_unused_ignores=True)


def test_hash_inside_a_word_is_not_a_comment():
    text = "- id: g\n  title: 'Raise NPS#cxsmart: ignore[T001]'\n"
    assert codes(text, select=["T001"]) == ["T001"]


# -- a suppression on a goal's first line covers the whole goal -------------------------------

TWO_GOALS = """\
goals:
  - id: a{c}
    title: Increase CSAT to 80% by 30 June 2027
    owner: nobody
    metric: csat
    deadline: soon
    description: |
      A block scalar ends where the next goal starts.

  - title: Increase NPS by 30 June 2027{d}
    deadline: soon
"""


def found(text, **kw):
    return sorted((d.code, d.span.line) for d in lint(text, **kw))


def test_ignore_on_the_id_line_covers_every_line_of_the_goal():
    plain = found(TWO_GOALS.format(c="", d=""))
    assert {("M002", 3), ("F004", 4), ("T002", 6), ("T002", 11), ("M002", 10)} <= set(plain)
    quiet = found(TWO_GOALS.format(c="  # cxsmart: ignore[M002, F004, T002]", d=""))
    # gone from goal 'a' (lines 2-8), kept in the next goal (lines 10-11)
    assert quiet == [x for x in plain if not (x[0] in ("M002", "F004", "T002") and x[1] <= 8)]
    assert ("T002", 11) in quiet and ("M002", 10) in quiet


def test_ignore_on_the_title_line_covers_the_goal_and_nothing_before_it():
    plain = found(TWO_GOALS.format(c="", d=""))
    quiet = found(TWO_GOALS.format(c="", d="  # cxsmart: ignore[T002, M]"))
    assert quiet == [x for x in plain if not ((x[0] == "T002" or x[0].startswith("M")) and x[1] >= 10)]
    assert ("T002", 6) in quiet and ("M002", 3) in quiet


def test_bare_list_and_flow_goals():
    text = "- id: g  # cxsmart: ignore[T002]\n  title: Raise NPS\n  deadline: soon\n- {title: Raise CSAT, deadline: soon}\n"
    assert found(text, select=["T002"]) == [("T002", 4)]
    text = "- {title: Raise CSAT, deadline: soon}  # cxsmart: ignore[T002]\n- {title: Raise NPS, deadline: asap}\n"
    assert found(text, select=["T002"]) == [("T002", 2)]


def test_a_comment_inside_a_goal_still_covers_only_its_line():
    text = "- id: g\n  title: Raise NPS  # cxsmart: ignore[T002]\n  deadline: soon\n"
    assert found(text, select=["T002"]) == [("T002", 3)]


def test_only_goals_are_widened():
    text = ("owners:\n  - id: cc  # cxsmart: ignore[F004]\n    parent: nobody\n"
            "goals:\n  - {title: Raise NPS, owner: cc}\n")
    assert ("F004", 3) in found(text, select=["F004"])


def test_unused_goal_level_suppression_is_reported():
    text = TWO_GOALS.format(c="  # cxsmart: ignore[T002, A002]", d="")
    unused = [d for d in lint(text, report_unused_ignores=True) if d.code == "F007"]
    assert [(d.span.line, d.message) for d in unused] == [(2, "suppression of A002 suppresses nothing")]
    text = TWO_GOALS.format(c="", d="  # cxsmart: ignore[T002]")
    assert "F007" not in codes(text, report_unused_ignores=True)


def test_goal_lines_of_the_index():
    from cxsmart.engine.suppress import goal_lines
    from cxsmart.read.yamlread import parse_yaml

    assert goal_lines(parse_yaml(TWO_GOALS.format(c="", d="")).index) == {2: 9, 10: 11}     # 9: the blank line the block scalar takes
    assert goal_lines(parse_yaml("- title: a\n- title: b\n  review: >-\n    monthly\n").index) == {1: 1, 2: 4}
