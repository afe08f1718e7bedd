"""F001's hint names the likely cause of a syntax error: a line indented differently from the
keys (or list items) it belongs with, or a ': ' inside a value that needs quotes."""

from __future__ import annotations

import pytest

from tests.conftest import lint

GOAL = """\
goals:
  - id: cc-csat
    title: Increase CSAT from 72% to 80% by 30 June 2027
{line}
    review: monthly
"""


def f001(text):
    found = [d for d in lint(text) if d.code == "F001"]
    assert len(found) == 1, [(d.code, d.message) for d in lint(text)]
    d = found[0]
    return d.span.line, d.span.column, d.hint


@pytest.mark.parametrize("line,at,hint", [
    # one space too few: the parser wanted another '- ' item at the list's indentation
    ("   owner: contact-centre", (4, 4), "line 4 is indented 3 spaces; the keys above it at this level use 4"),
    # one space too many: the key runs into the title above it, and the parser stops at its colon
    ("     owner: contact-centre", (4, 11), "line 4 is indented 5 spaces; the keys above it at this level use 4"),
    ("      owner: contact-centre", (4, 12), "line 4 is indented 6 spaces; the keys above it at this level use 4"),
])
def test_indentation_is_named_as_the_cause(line, at, hint):
    got_line, got_column, got_hint = f001(GOAL.format(line=line))
    assert (got_line, got_column) == at
    assert got_hint.startswith(hint) and "quote" not in got_hint


def test_colon_inside_a_value_keeps_the_quotes_hint():
    text = GOAL.format(line="    description: Note: the survey changes in March")
    assert f001(text) == (4, 22, "a ': ' inside a value needs the whole value in quotes")
    text = "goals:\n  - id: a\n    title: Goal: raise NPS to 40 by 2027\n"
    assert f001(text) == (3, 16, "a ': ' inside a value needs the whole value in quotes")
    # a continued value that holds a colon is not an indentation problem either
    text = "goals:\n  - id: a\n    description: This one is long\n      and goes on: here\n"
    assert f001(text) == (4, 18, "a ': ' inside a value needs the whole value in quotes")


@pytest.mark.parametrize("text,at,hint", [
    ("goals:\n  - id: a\n    title: x\n  - id: b\n   title: y\n", (5, 4),
     "line 5 is indented 3 spaces; the keys above it at this level use 4"),
    ("goals:\n  - id: a\n    title: x\n - id: b\n   title: y\n", (4, 2),
     "line 4 is indented 1 space; the list items ('- ') above it at this level use 2"),
    ("goals:\n  - id: a\n    actions:\n      - title: Call back\n         owner: cc\n", (5, 15),
     "line 5 is indented 9 spaces; the keys above it at this level use 8"),
    ("goals:\n  - id: a\n    title: x\n owners:\n  - id: b\n", (4, 2),
     "line 4 is indented 1 space; the keys above it at this level are not indented"),
    ("- id: a\n  title: x\n   owner: y\n", (3, 9), "line 3 is indented 3 spaces; the keys above it at this level use 2"),
    # the text of a block scalar is not structure: its lines may be indented as they like
    ("goals:\n  - id: a\n    description: |\n      weird: 1\n        x: 2\n    title: y\n     owner: z\n", (7, 11),
     "line 7 is indented 5 spaces; the keys above it at this level use 4"),
])
def test_indentation_in_lists_actions_and_top_level(text, at, hint):
    line, column, got = f001(text)
    assert (line, column) == at and got.startswith(hint)


@pytest.mark.parametrize("line,quoted", [
    ("    target: >= 75%", 'target: ">= 75%"'),
    ("    target: > 80%", 'target: "> 80%"'),
])
def test_an_unquoted_threshold_is_told_to_take_quotes(line, quoted):
    got_line, _, got_hint = f001(GOAL.format(line=line))
    assert got_line == 4 and got_hint.endswith(quoted) and "block of text" in got_hint


def test_a_tab_is_named():
    got_line, got_column, got_hint = f001(GOAL.format(line="\towner: contact-centre"))
    assert got_hint == f"line {got_line} has a tab at column {got_column}: YAML indents with spaces only"


@pytest.mark.parametrize("text,at,hint", [
    # a stray word with no ':' and no '- ': not a key or item out of line, so no indentation hint
    ("goals:\n  - id: a\n    title: x\n  oops\n", (4, 7),
     "each key needs a ':' after it, and indentation must line up"),
    ("goals:\n  - id: a\n    title: x\n   oops\n", (4, 4), None),
    ("- id: a\n  title: x\n [oops\n", (3, 2), None),
])
def test_a_line_that_is_no_key_or_item_is_not_judged_by_its_indentation(text, at, hint):
    assert f001(text) == (*at, hint)


@pytest.mark.parametrize("text,span", [
    ("- title: *nope\n", (1, 10, 1, 15)),
    ("- {title: *a1, owner: cc}\n", (1, 11, 1, 14)),                   # the name ends at a flow comma
    ("- title: *nope: x\n", (1, 10, 1, 15)),                            # ... and before a ':' libyaml stops at
    ("- {owner: é, title: *nope}\n", (1, 21, 1, 26)),                   # columns count characters
    # a line separator in a value: the pure reader reads the file, and a name libyaml would not take
    ("goals:\n  - title: a\u2028b\n    owner: *nöpe\n", (3, 12, 3, 17)),
])
def test_an_undefined_alias_is_pointed_at_whole(text, span):
    found = [d for d in lint(text) if d.code == "F001"]
    assert [(tuple(d.span), d.hint) for d in found] == [
        (span, "define the anchor (&name) before using the alias (*name)")]
