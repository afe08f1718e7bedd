"""CI must not depend on the calendar: `.ci/run` lints examples/good with `--fail-on info`, and the
README's commands lint the examples, with no `--today`. Run here with the clock set years ahead."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The command in a child Python whose calendar reads 1 June 2031 (cxsmart reads it in one place).
AHEAD = """
import datetime, sys
import cxsmart.model.timeframes
cxsmart.model.timeframes.real_today = lambda: datetime.date(2031, 6, 1)
from cxsmart.cli.entry import main
sys.argv = ["cxsmart", *sys.argv[1:]]
main()
"""


def _lint_later(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", AHEAD, "lint", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_the_clock_trick_moves_the_clock(tmp_path):
    """Without the repository's pinned date, the same trick makes the examples' deadlines pass."""
    (tmp_path / "cxsmart.toml").write_text('include = ["examples/**/*.yaml"]\n', encoding="utf-8")
    run = _lint_later("examples/good", "--fail-on", "info", "--no-cache", "--config", str(tmp_path / "cxsmart.toml"))
    assert run.returncode == 1 and "T003" in run.stdout and "today is 1 June 2031" in run.stdout


@pytest.mark.parametrize("args", [("examples/good", "--fail-on", "info"), ("examples/good", "--quiet")])
def test_ci_lint_of_the_good_example_passes_years_ahead(args):
    run = _lint_later(*args, "--no-cache")
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_bad_example_reads_the_same_years_ahead():
    later = _lint_later("examples/bad", "--format", "json", "--no-cache")
    now = subprocess.run([sys.executable, "-m", "cxsmart", "lint", "examples/bad", "--format", "json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert later.returncode == now.returncode == 1 and later.stdout == now.stdout
