"""`cxsmart tree`: the cascade in the terminal, one line a goal, under each objective.

Each goal line starts with its five SMART letters, each coloured and also marked so that it
reads without colour: `S` passes, `s?` an info finding, `s!` a warning, `s✗` an error (the
letter lower-cased when it does not pass); then F (file) and P (plan) where they have findings. Repository text goes through printable().
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from cxsmart.common.printable import printable
from cxsmart.report.data import NO_OBJECTIVE, NO_OWNER, GoalEntry, Report

_MARK = {"pass": ("", "green"), "info": ("?", "cyan"), "warning": ("!", "yellow"), "error": ("✗", "bold red")}
LEGEND = "S pass · s? info · s! warning · s✗ error"


def chips(goal: GoalEntry) -> Text:
    text = Text()
    for letter in goal.letters():
        state = goal.state(letter)
        mark, style = _MARK[state]
        shown = letter if state == "pass" else letter.lower() + mark
        text.append(f"{shown:<2}", style=style).append(" ")
    return text


def line(goal: GoalEntry) -> Text:
    text = chips(goal)
    text.append(printable(goal.id or "(no id)"), style="bold").append("  ")
    text.append(printable(goal.title[:100] + ("…" if len(goal.title) > 100 else "")))
    owner = "no owner" if goal.owner == NO_OWNER else goal.owner
    details = [d for d in (owner, goal.deadline, goal.metric, goal.change) if d]
    if details:
        text.append("  (" + printable(", ".join(details)) + ")", style="dim")
    return text


def render(report: Report, color: str = "auto", file=None) -> None:
    console = Console(file=file or sys.stdout, highlight=False, soft_wrap=True, emoji=False,
                      force_terminal=True if color == "always" else None,
                      no_color=True if color == "never" else None,
                      color_system=None if color == "never" else "auto")
    if not console.is_terminal:
        console.width = max(console.width, 240)     # a file or a pipe: whole lines, not cut at 80
    for branch in report.branches:
        head = Text("no objective: goals that trace to none" if branch.key == NO_OBJECTIVE
                    else f"objective {printable(branch.key)}: {printable(branch.title)}", style="bold underline")
        tree = Tree(head, guide_style="dim")
        for root in branch.roots:
            _grow(tree, report, root)
        if not branch.roots:
            tree.add(Text("no goal serves this objective", style="dim"))
        console.print(tree)
    total = report.total
    console.print(Text(f"{total.goals} goal{'s' if total.goals != 1 else ''}, {total.clean} with no error or "
                       f"warning. Letters: {LEGEND}", style="dim"))


def _grow(tree: Tree, report: Report, key: str) -> None:
    stack = [(tree, key)]
    while stack:                                    # iterative: a deep cascade is no recursion limit
        parent, key = stack.pop()
        goal = report.goals[key]
        node = parent.add(line(goal))
        stack += [(node, child) for child in reversed(goal.children)]
