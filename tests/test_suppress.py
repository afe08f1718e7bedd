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
    text = "- id: g  # cxsmart: ignore\n  title: Raise NPS  # cxsmart: ignore[T01]\n"
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
