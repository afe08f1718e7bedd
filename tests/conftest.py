"""Shared helpers: lint in-memory text the way the CLI would, with a pinned date."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import settings

from cxsmart.api import lint_text

TODAY = dt.date(2026, 6, 1)

# CI runs every property test derandomised, with the example counts the tests set: a failure there is
# a bug to fix, and the same on every run; on a laptop hypothesis explores afresh each time.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def lint(texts, select=None, today=TODAY, config=None, **kw):
    """Findings for `texts` ({path: text} or one text), optionally only some codes."""
    return lint_text(texts, config=config, select=select, today=today, **kw).diagnostics


def codes(texts, **kw):
    return [d.code for d in lint(texts, **kw)]


@pytest.fixture(autouse=True)
def _own_user_cache(tmp_path_factory, monkeypatch):
    """The cache's per-user secret lives in a folder of the test run's own, and a CI machine
    (CI set, which turns the cache off) runs the suite as a laptop would."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "user-cache"))
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def run_cli(tmp_path, monkeypatch):
    """Run `cxsmart ...` in-process from tmp_path; returns (exit code, stdout, stderr)."""
    from typer.testing import CliRunner

    from cxsmart.cli.commands import app

    monkeypatch.chdir(tmp_path)

    def run(*args: str):
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run
