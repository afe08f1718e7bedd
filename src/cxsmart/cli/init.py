"""`cxsmart init`: a starter goals.yaml, cxsmart.toml and .pre-commit-config.yaml.

The starter goals lint clean on the day they are written (their dates are computed from
today). Nothing is ever overwritten: if any of the files exists, nothing is written at all.

The configuration goes in the goals folder (the folder named), which it makes the workspace:
cxsmart reads nothing outside it, so a goals folder inside a larger repository is linted as if
it were alone. pre-commit reads its configuration only at the top of the git repository, so
.pre-commit-config.yaml goes there, its hook limited to the goals folder (`files:`).

The pre-commit hook is a `language: python` hook: pre-commit installs cxsmart into an
environment of its own, from where the running cxsmart was installed from, so the hook
works whether or not cxsmart is on PATH (a `language: system` hook would need the user's
virtualenv activated at every commit).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from cxsmart.common.fsutil import create_new
from cxsmart.model.timeframes import quarter

FILES = ("goals.yaml", "cxsmart.toml", ".pre-commit-config.yaml")


class InitError(Exception):
    """init cannot run here (exit 2)."""


def hook_source() -> str:
    """The requirement pre-commit installs cxsmart from: where this cxsmart was installed from
    (PEP 610's direct_url.json: a git URL at its commit, a folder or an archive), else this
    version from a package index."""
    from importlib import metadata

    from cxsmart import __version__

    try:
        dist = metadata.distribution("cxsmart")
        info = json.loads(dist.read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, ValueError, OSError):
        return f"cxsmart=={__version__}"
    if not isinstance(info, dict) or not isinstance(info.get("url"), str):
        return f"cxsmart=={dist.version or __version__}"
    url = info["url"]
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs"):
        commit = vcs.get("commit_id") or vcs.get("requested_revision")
        url = f"{vcs['vcs']}+{url}" + (f"@{commit}" if commit else "")
    return f"cxsmart @ {url}"


def pre_commit_config(source: str | None = None, below: str = "") -> str:
    """The hook's configuration; `below`: the goals folder, relative to the repository's top."""
    files = f"        files: {json.dumps('^' + re.escape(below) + '/')}\n" if below else ""
    return PRE_COMMIT.format(source=json.dumps(source or hook_source(), ensure_ascii=False), files=files)


def targets(folder: Path) -> dict[str, Path]:
    """Where each starter file goes: the goals and configuration in `folder`; the pre-commit
    configuration at the top of its git repository, where pre-commit looks for it."""
    from cxsmart.read.discovery import git_toplevel

    top = git_toplevel(folder.resolve()) or folder.resolve()
    hook_at = folder if top == folder.resolve() else top
    return {"goals.yaml": folder / "goals.yaml", "cxsmart.toml": folder / "cxsmart.toml",
            ".pre-commit-config.yaml": hook_at / ".pre-commit-config.yaml"}


def texts(today: dt.date, source: str | None = None, below: str = "") -> dict[str, str]:
    start = quarter(today, 1)[0]
    deadline = dt.date(start.year + 1, start.month, 1) - dt.timedelta(days=1)
    due = dt.date(start.year, start.month, 1) + dt.timedelta(days=75)
    return {
        "goals.yaml": GOALS.format(start=start.isoformat(), deadline=deadline.isoformat(), due=due.isoformat(),
                                   when=f"{deadline.day} {deadline:%B %Y}", as_of=today.isoformat()),
        "cxsmart.toml": CONFIG,
        ".pre-commit-config.yaml": pre_commit_config(source, below),
    }


def init(folder: Path, today: dt.date) -> list[Path]:
    if not folder.is_dir():
        raise InitError(f"{folder}: not a folder")
    where = targets(folder)
    existing = [path for path in where.values() if path.exists()]
    if existing:
        raise InitError(f"{existing[0]} already exists; init writes only where none of {', '.join(FILES)} "
                        "is (the pre-commit configuration at the top of the git repository), and nothing was written")
    hook_top = where[".pre-commit-config.yaml"].parent
    below = "" if hook_top == folder else folder.resolve().relative_to(hook_top.resolve()).as_posix()
    written = []
    try:
        for name, text in texts(today, below=below).items():
            create_new(where[name], text)
            written.append(where[name])
    except FileExistsError as e:
        raise InitError(f"{e.filename} appeared while writing; nothing else was written") from None
    except OSError as e:
        raise InitError(f"cannot write in {folder}: {e.strerror or e}") from None
    return written


GOALS = """\
# Your CX goals. Run 'cxsmart lint' to check them, and 'cxsmart rule CODE' to learn a rule.
# Completion in your editor: run 'cxsmart schema > goal-file.schema.json' and put
#   # yaml-language-server: $schema=goal-file.schema.json
# on the first line of this file.
objectives:
  - id: grow-retention
    title: Grow recurring revenue by reducing customer churn
    kpi: churn_rate

owners:
  - id: contact-centre
    name: Contact Centre
    controls: [fcr, csat, aht]

goals:
  - id: cc-fcr
    title: Increase first contact resolution from 70% to 74% by {when}
    objective: grow-retention
    owner: contact-centre
    metric: fcr
    baseline: {{value: 70, unit: percent, as_of: {as_of}}}
    target: 74%
    start: {start}
    deadline: {deadline}
    paired_with: cc-csat
    review: monthly
    actions:
      - {{title: Give agents authority to settle billing disputes, owner: contact-centre, due: {due}}}

  - id: cc-csat
    title: Increase contact-centre CSAT from 76% to 80% by {when}
    objective: grow-retention
    owner: contact-centre
    metric: csat
    baseline: 76%
    target: 80%
    start: {start}
    deadline: {deadline}
    review: monthly
"""

CONFIG = """\
# cxsmart configuration: see 'cxsmart lint --help' and the README.
include = ["**/*.yaml", "**/*.yml"]          # every YAML file of this folder (hidden ones are skipped);
                                             # this folder is the workspace: nothing outside it is read
# exclude = ["mkdocs.yml"]                   # YAML files here that are not goals
fail-on = "warning"
# fiscal-year-start = "april"
# date-order = "day-first"                   # how your team writes 03/04/2027: day-first or month-first
# ignore = ["P004"]
# baseline = "cxsmart-baseline.json"     # written by: cxsmart lint --write-baseline cxsmart-baseline.json

# [rules.too-many-goals]
# max = 5
"""

PRE_COMMIT = """\
# Runs cxsmart on the goal files each commit changes ('pre-commit install' once to set it up).
# pre-commit installs cxsmart into an environment of its own from additional_dependencies, so
# the hook works whether or not cxsmart is on PATH. That line names where the cxsmart that
# wrote this file came from; teammates need to reach it too (a git URL or a package index is
# best), and after changing it or upgrading cxsmart there, run 'pre-commit clean'.
repos:
  - repo: local
    hooks:
      - id: cxsmart
        name: cxsmart (SMART CX goals)
        entry: cxsmart lint --force-exclude
        language: python
        additional_dependencies: [{source}]
        types_or: [yaml]
{files}        require_serial: true
"""
