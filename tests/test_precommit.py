"""pre-commit: the hook lints the changed goal files, resolving references against the whole
workspace, and never reads other YAML (like .pre-commit-config.yaml) as goals."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OBJECTIVES = """\
objectives:
  - {id: grow-retention, title: Grow revenue by reducing churn, kpi: churn_rate}
owners:
  - {id: contact-centre, controls: [fcr, csat]}
"""
GOOD = """\
goals:
  - id: cc-fcr
    title: Increase first contact resolution from 71% to 76% by 30 June 2027
    objective: grow-retention
    owner: contact-centre
    metric: fcr
    baseline: 71%
    target: 76%
    start: 2027-01-01
    deadline: 2027-06-30
    paired_with: cc-csat
    review: monthly
  - id: cc-csat
    title: Increase contact-centre CSAT from 74% to 78% by 30 June 2027
    objective: grow-retention
    owner: contact-centre
    metric: csat
    baseline: 74%
    target: 78%
    start: 2027-01-01
    deadline: 2027-06-30
    review: monthly
"""
BAD = GOOD.replace("    target: 76%\n", "").replace("from 71% to 76% by 30 June 2027", "by 30 June 2027")


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_workspace_and_force_exclude(run_cli, tmp_path):
    write(tmp_path, {"cxsmart.toml": 'include = ["goals/**/*.yaml"]\n', "goals/objectives.yaml": OBJECTIVES,
                     "goals/team.yaml": BAD, ".pre-commit-config.yaml": "repos: []\n", "mkdocs.yml": "site_name: x\n"})
    args = ["lint", "--force-exclude", "--workspace", "--format", "json", "--today", "2026-06-01",
            "goals/team.yaml", ".pre-commit-config.yaml", "mkdocs.yml"]
    code, out, _ = run_cli(*args)
    found = {(d["path"], d["code"]) for d in json.loads(out)["diagnostics"]}
    assert found == {("goals/team.yaml", "M003")}, found          # no F004, and no other file is read
    code, out, _ = run_cli("lint", "--isolated", "--format", "json", "--today", "2026-06-01", "goals/team.yaml")
    assert ("goals/team.yaml", "F004") in {(d["path"], d["code"]) for d in json.loads(out)["diagnostics"]}


def git(cwd: Path, *args: str, check: bool = True, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check, env=env)


@pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("CXSMART_TEST_PRE_COMMIT")),
                    reason="installs cxsmart into pre-commit's own environment from the registry: "
                           "runs in CI, or with CXSMART_TEST_PRE_COMMIT=1")
def test_real_pre_commit_run(tmp_path):
    rev = git(ROOT, "rev-parse", "HEAD").stdout.strip()
    if git(ROOT, "cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml", check=False).returncode:
        pytest.fail(".pre-commit-hooks.yaml must be committed for pre-commit to use this checkout")
    repo = tmp_path / "goals-repo"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "commit.gpgsign", "false")
    write(repo, {
        "cxsmart.toml": 'include = ["goals/**/*.yaml"]\ntoday = "2026-06-01"\n',
        "goals/objectives.yaml": OBJECTIVES,
        ".pre-commit-config.yaml": f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: cxsmart\n",
    })
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True, capture_output=True)
    git(repo, "add", "-A", env=env)
    first = git(repo, "commit", "-q", "-m", "workspace", check=False, env=env)
    assert first.returncode == 0, first.stdout + first.stderr

    write(repo, {"goals/team.yaml": GOOD})                       # references objectives.yaml, unchanged
    git(repo, "add", "goals/team.yaml", env=env)
    good = git(repo, "commit", "-q", "-m", "a SMART goal", check=False, env=env)
    assert good.returncode == 0, good.stdout + good.stderr

    write(repo, {"goals/team.yaml": BAD})
    git(repo, "add", "goals/team.yaml", env=env)
    bad = git(repo, "commit", "-q", "-m", "a goal without a target", check=False, env=env)
    assert bad.returncode != 0 and "M003" in bad.stdout + bad.stderr, bad.stdout + bad.stderr
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "2"


SYSTEM_HOOK = """\
repos:
  - repo: local
    hooks:
      - {id: cxsmart, name: cxsmart, entry: cxsmart lint --force-exclude, language: system,
         types_or: [yaml], require_serial: true}
"""


@pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("CXSMART_TEST_PRE_COMMIT")),
                    reason="installs cxsmart into pre-commit's own environment from the registry: "
                           "runs in CI, or with CXSMART_TEST_PRE_COMMIT=1")
def test_init_hook_works_with_cxsmart_off_path(tmp_path):
    """The .pre-commit-config.yaml that `cxsmart init` writes works when cxsmart lives in a
    virtualenv that is not on PATH (the usual case: nobody activates it before `git commit`)."""
    venv_bin = Path(sys.executable).parent
    off = {str(venv_bin), str(venv_bin.resolve())}
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if p and p not in off and str(Path(p).resolve()) not in off)
    if shutil.which("cxsmart", path=path):
        pytest.skip(f"another cxsmart is on PATH ({shutil.which('cxsmart', path=path)})")
    repo = tmp_path / "goals-repo"
    repo.mkdir()
    env = {**os.environ, "PATH": path, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    env.pop("VIRTUAL_ENV", None)
    git(repo, "init", "-q", "-b", "main", env=env)
    git(repo, "config", "commit.gpgsign", "false", env=env)
    cxsmart = [str(venv_bin / "cxsmart")] if (venv_bin / "cxsmart").exists() else [sys.executable, "-m", "cxsmart"]
    subprocess.run([*cxsmart, "init"], cwd=repo, env=env, check=True, capture_output=True)
    written = (repo / ".pre-commit-config.yaml").read_text()
    assert "language: python" in written and "additional_dependencies" in written
    # pre-commit as a user runs it: installed in the same virtualenv, never on PATH
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True,
                   capture_output=True)

    # the control: a 'language: system' hook cannot find cxsmart here
    (repo / ".pre-commit-config.yaml").write_text(SYSTEM_HOOK)
    git(repo, "add", "-A", env=env)
    system = git(repo, "commit", "-q", "-m", "starter", check=False, env=env)
    assert system.returncode != 0 and "Executable `cxsmart` not found" in system.stdout + system.stderr, \
        system.stdout + system.stderr

    (repo / ".pre-commit-config.yaml").write_text(written)
    git(repo, "add", "-A", env=env)
    first = git(repo, "commit", "-q", "-m", "starter", check=False, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert re.search(r"cxsmart \(SMART CX goals\)\.+Passed", first.stdout + first.stderr), first.stdout   # it ran

    write(repo, {"goals/team.yaml": "goals:\n  - {id: team-csat, title: Improve CSAT by 30 June 2027, "
                                    "objective: grow-retention, owner: contact-centre, metric: csat}\n"})
    git(repo, "add", "goals/team.yaml", env=env)
    bad = git(repo, "commit", "-q", "-m", "a goal without a target", check=False, env=env)
    assert bad.returncode != 0 and "M003" in bad.stdout + bad.stderr, bad.stdout + bad.stderr
    assert "F004" not in bad.stdout + bad.stderr          # grow-retention and contact-centre are in goals.yaml
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"
