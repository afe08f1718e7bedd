"""The prose rules of a large workspace in two processes (engine.halves): the same findings as one
process, failures included."""

from __future__ import annotations

import threading

import pytest

from cxsmart.engine import halves
from cxsmart.engine.halves import Forked, worth_halving
from cxsmart.rules.activity import ActivityNotOutcome
from tests.test_worker import run, workspace

GOALS = 60


@pytest.fixture
def halved(monkeypatch):
    """Every workspace large enough to halve; the calls of run_in_halves counted."""
    import cxsmart.engine.run as engine_run

    monkeypatch.setattr(halves, "MIN_GOALS", 10)
    calls = []
    real = engine_run.run_in_halves
    monkeypatch.setattr(engine_run, "run_in_halves", lambda *a: calls.append(1) or real(*a))
    return calls


def one_process(tmp_path, monkeypatch):
    monkeypatch.setenv("CXSMART_NO_WORKER", "1")           # no worker, no halves
    try:
        return run(tmp_path)
    finally:
        monkeypatch.delenv("CXSMART_NO_WORKER")


def test_two_processes_find_what_one_finds(tmp_path, monkeypatch, halved):
    import os

    workspace(tmp_path, goals=GOALS)
    expected = one_process(tmp_path, monkeypatch)
    assert halved == []
    log = tmp_path / "checked"
    real = ActivityNotOutcome.check

    def noted(self, goal, ctx):
        with log.open("a") as f:                            # the copy's memory is its own: a file tells
            f.write(f"{os.getpid()} {goal.id}\n")
        return real(self, goal, ctx)

    monkeypatch.setattr(ActivityNotOutcome, "check", noted)
    assert run(tmp_path) == expected and halved == [1]
    by = dict(reversed(line.split()) for line in log.read_text().splitlines())
    assert {by[f"g{n}"] for n in range(GOALS // 2)} == {str(os.getpid())}
    assert {by[f"g{n}"] for n in range(GOALS // 2, GOALS)} - {str(os.getpid())}     # the second half: the copy
    codes = [d.code for d in expected]
    assert codes.count("S002") >= GOALS // 5 - 1            # goals of both halves have findings
    assert {d.goal for d in expected if d.code == "S001"} & {f"g{n}" for n in range(GOALS // 2, GOALS)}


@pytest.mark.parametrize("broken_goal", ["g3", f"g{GOALS - 8}"])
def test_a_rule_that_fails_on_a_goal_stops_there_in_either_half(tmp_path, monkeypatch, halved, broken_goal):
    """As in one process: one F008 at the goal, and none of the rule's findings on the goals after it."""
    real = ActivityNotOutcome.check

    def check(self, goal, ctx):
        if goal.id == broken_goal:
            raise ValueError("broken")
        return real(self, goal, ctx)

    monkeypatch.setattr(ActivityNotOutcome, "check", check)
    workspace(tmp_path, goals=GOALS)
    expected = one_process(tmp_path, monkeypatch)
    found = run(tmp_path)
    assert halved == [1] and found == expected
    assert [d.goal for d in found if d.code == "F008"] == [broken_goal]
    after = int(broken_goal[1:])
    assert not [d for d in found if d.code == "S002" and int(d.goal[1:]) > after]


def test_a_copy_that_fails_leaves_its_half_to_this_process(tmp_path, monkeypatch, halved):
    workspace(tmp_path, goals=GOALS)
    expected = one_process(tmp_path, monkeypatch)

    def dies():
        import os
        os._exit(3)

    monkeypatch.setattr("cxsmart.engine.run.Forked", lambda make: Forked(dies))
    assert run(tmp_path) == expected and halved == [1]


def test_a_plugin_rule_sees_every_goal_in_order_in_this_process(tmp_path, monkeypatch, halved):
    """cxsmart's own rules keep nothing from one goal to the next; a plugin may, so all of its goal
    checks run here, in workspace order."""
    import os

    import cxsmart.engine.run as engine_run

    seen: list[tuple[int, str]] = []

    class Counting(ActivityNotOutcome):
        def check(self, goal, ctx):
            seen.append((os.getpid(), goal.id))
            return iter(())

    Counting.__module__ = "team_plugin"
    real = engine_run.run_in_halves
    monkeypatch.setattr(engine_run, "run_in_halves", lambda ws, rules, ctx: real(ws, [*rules, Counting()], ctx))
    workspace(tmp_path, goals=GOALS)
    run(tmp_path)
    assert seen == [(os.getpid(), f"g{n}") for n in range(GOALS)]


def test_halving_only_for_a_large_workspace_in_the_main_thread_where_a_worker_may_run(monkeypatch):
    class Ws:
        goals = [object()] * halves.MIN_GOALS

    monkeypatch.delenv("CXSMART_NO_WORKER", raising=False)
    monkeypatch.setattr("cxsmart.common.prefork.available", lambda: True)
    assert worth_halving(Ws())
    small = Ws()
    small.goals = small.goals[1:]
    assert not worth_halving(small)
    answers = []
    thread = threading.Thread(target=lambda: answers.append(worth_halving(Ws())))   # an editor's lint thread
    thread.start()
    thread.join()
    assert answers == [False]
    monkeypatch.setattr("cxsmart.common.prefork.available", lambda: False)
    assert not worth_halving(Ws())


def test_forked_returns_what_the_copy_made_or_none_when_it_failed():
    assert Forked(lambda: {"made": [1, 2, 3]}).result() == {"made": [1, 2, 3]}
    assert Forked(lambda: 1 / 0).result() is None
    assert Forked(lambda: lambda: 0).result() is None           # cannot be pickled: the copy fails
