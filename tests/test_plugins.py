"""Plugins: the example plugin, installed for real, adds a rule; a broken plugin is one clear
warning, or exit 2 with --require-plugins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOALS = """\
owners:
  - {id: contact-centre, kind: team}
goals:
  - {id: mine, title: Raise my FCR from 70% to 74% by Q2 2026, level: individual, owner: contact-centre}
"""


def cxsmart(args: list[str], cwd: Path, extra_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(extra_path)}
    return subprocess.run([sys.executable, "-m", "cxsmart", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                           str(ROOT / "examples" / "plugin")], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return target


def test_installed_plugin_adds_a_rule(installed, tmp_path):
    (tmp_path / "goals.yaml").write_text(GOALS)
    listed = cxsmart(["rules"], tmp_path, installed)
    assert "XP101  individual-owner" in listed.stdout
    linted = cxsmart(["lint", "goals.yaml", "--select", "XP101", "--color", "never"], tmp_path, installed)
    assert linted.returncode == 1
    assert "goals.yaml:4:90  XP101 warning  individual goal 'mine' is owned by the team 'contact-centre'" in linted.stdout
    assert "## Why it matters" in cxsmart(["rule", "XP101"], tmp_path, installed).stdout


def test_plugin_example_fires_and_its_fix_does_not(installed, tmp_path):
    code = ("import sys; sys.path.insert(0, sys.argv[1])\n"
            "from cxsmart_example_plugin import IndividualGoalOwnedByAPerson as R\n"
            "from cxsmart.api import lint_text\nfrom cxsmart.settings.registry import Registry, builtin_rules\n"
            "reg = Registry()\n[reg.add(r) for r in [*builtin_rules(), R]]\n"
            "bad = [d.code for d in lint_text(R.example('Example'), select=['XP101'], registry=reg).diagnostics]\n"
            "good = [d.code for d in lint_text(R.example('Use instead'), select=['XP101'], registry=reg).diagnostics]\n"
            "assert bad == ['XP101'] and good == [], (bad, good)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(installed)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.fixture
def broken(tmp_path) -> Path:
    site = tmp_path / "site"
    info = site / "broken_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[cxsmart.rules]\nbroken = not_a_module:Rule\n")
    (tmp_path / "goals.yaml").write_text("- {id: g, title: Raise NPS, owner: cc}\n")
    return site


def test_broken_plugin_is_one_warning(broken, tmp_path):
    proc = cxsmart(["lint", "goals.yaml", "--select", "R002"], tmp_path, broken)
    assert proc.returncode == 0
    assert proc.stderr.strip() == ("cxsmart: warning: plugin 'broken' (not_a_module:Rule) could not be loaded: "
                                   "ModuleNotFoundError: No module named 'not_a_module'")


def test_require_plugins_makes_it_fatal(broken, tmp_path):
    proc = cxsmart(["lint", "goals.yaml", "--require-plugins"], tmp_path, broken)
    assert proc.returncode == 2 and "(--require-plugins)" in proc.stderr and "Traceback" not in proc.stderr
