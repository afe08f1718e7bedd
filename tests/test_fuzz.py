"""Issue 11's mutation fuzzer with the CI's fixed budget (the long run is by hand: see
tests/fuzz/__init__.py). Hypothesis draws each case's random choices, derandomised so CI runs
the same cases every time, and shrinks a failure to a small case."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.campaign import Campaign
from tests.fuzz.cases import KINDS, Case
from tests.fuzz.harness import Lab, Outcome, check

BUDGET = {"goal-files": 250, "configs": 80, "packs": 80, "baselines": 80, "cache": 80, "fixes": 40, "reports": 25,
          "gitignores": 40, "trees": 30, "fix-races": 20}


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    return Campaign(Lab(tmp_path_factory.mktemp("fuzz")))


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_inputs_never_break_a_run(campaign, kind):
    @settings(max_examples=BUDGET[kind], deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.randoms(use_true_random=False))
    def one(rng):
        case = campaign.make(kind, rng)
        outcome, problems = campaign.run(case)
        assert problems == [], (case.args, case.links, problems)

    one()


# The checks themselves: each must see what it is there to see.
def _outcome(out="", err="", code=1, seconds=0.1, grew=0.0, crash=None):
    return Outcome(code, out, err, seconds, grew, crash)


def test_the_checks_see_each_kind_of_failure(tmp_path):
    (tmp_path / "g.yaml").write_text("- title: x\n  id: a\n")
    args = ["lint", "--format", "json"]
    finding = '{"diagnostics": [{"code": "S001", "path": "g.yaml", "line": %d, "column": %d, "end_line": %d, "end_column": %d}]}'
    assert check(tmp_path, args, _outcome(finding % (1, 3, 1, 11))) == []
    assert check(tmp_path, args, _outcome(finding % (2, 3, 2, 8))) == []             # its second line, to its end
    wrong = {
        "crash": _outcome(crash="Traceback ..."),
        "exit": _outcome(code=3),
        "Traceback": _outcome(err="Traceback (most recent call last)"),
        "internal error": _outcome(err="cxsmart: internal error: KeyError"),
        "SECRET": _outcome(out="FUZZ-SECRET-7f3a9c"),
        "stderr": _outcome(code=2),
        "took": _outcome(seconds=99),
        "memory": _outcome(grew=5000),
        "control": _outcome(err="\x1b[2J"),
        "parse": _outcome(out="{"),
        "past the end": _outcome(finding % (1, 3, 1, 13)),
        "past the last line": _outcome(finding % (4, 1, 4, 1)),
        "ends before": _outcome(finding % (1, 5, 1, 4)),
        "outside": _outcome(finding.replace("g.yaml", "../g.yaml") % (1, 1, 1, 1)),
    }
    for name, outcome in wrong.items():
        assert check(tmp_path, args, outcome), name
    assert check(tmp_path, ["lint", "--format", "github"], _outcome("::error::x\n::add-mask::y\n"))
    assert check(tmp_path, ["lint", "--format", "junit"], _outcome("<a><b></a>"))


def test_a_case_replays_from_its_seed(campaign):
    import random

    first, again = (campaign.make("goal-files", random.Random("1/goal-files/7")) for _ in range(2))
    assert isinstance(first, Case) and first == again


def test_a_case_gives_back_what_its_run_held(tmp_path, monkeypatch):
    """Issue 19, class 14: the command line turns the cyclic collector off for the rest of its
    process, and the fuzzer runs thousands of cases in one: each case must leave the collector
    on and the reference cycles its run made collected (they grew a process by 0.5 MB a case)."""
    import gc
    import weakref

    from cxsmart import api
    from tests.fuzz.cases import seed_files
    from tests.fuzz.harness import invoke

    class Held:
        pass

    held = []
    real = api.lint_paths

    def lint_paths(*args, **kwargs):
        result = real(*args, **kwargs)
        cycle = Held()
        cycle.result, cycle.itself = result, cycle              # only the collector can free it
        held.append(weakref.ref(cycle))
        return result

    monkeypatch.setattr(api, "lint_paths", lint_paths)
    lab = Lab(tmp_path)
    ws = lab.workspace(Case("goal-files", seed_files(), []))
    try:
        outcome = invoke(ws, ["lint", "--no-cache", "--today", "2026-12-02", "."], lab.home)
    finally:
        lab.done(ws)
        was_on = gc.isenabled()
        gc.enable()
    assert outcome.code == 1 and len(held) == 1
    assert was_on, "the collector is still off after the case"
    assert held[0]() is None, "a reference cycle of the run outlived its case"
