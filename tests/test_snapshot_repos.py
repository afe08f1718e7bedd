"""`cxsmart lint` and `cxsmart lint --fix` on every team repository and on the examples, as
reviewed snapshots.

Each repository of tests/repos/ (and examples/, with this repository's own configuration) is
copied to a temporary folder and linted there with every rule selected and 'now' pinned:

- tests/snapshots/lint/<repo>.txt: every finding of `lint --format json` (path, line, column,
  end, code, severity, goal, message, hint, fix edits) and the summary counts;
- tests/snapshots/fix/<repo>.diff: what `--diff` prints (the safe fixes, and its warnings) and,
  after `--fix --unsafe-fixes` has written the files, its warnings and the difference of every
  file it changed.

test_labelled_repos.py scores these repositories against their labels (is a problem found?);
these snapshots pin what is said about them, where, and what is written.

Regenerate (then review the diff, and name what changed in the commit message):

    CXSMART_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshot_repos.py
"""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

from tests.snapshot import ROOT, compare, shown

REPOS = ROOT / "tests" / "repos"
PINNED = ["--select", "ALL", "--today", "2026-12-01", "--no-cache"]


def _sources() -> dict[str, Path]:
    found = {p.parent.name: p for p in sorted(REPOS.glob("*/goals-repo")) if shown(p)}
    found["telecom"] = REPOS / "telecom"
    found["examples"] = ROOT / "examples"
    return dict(sorted(found.items()))


SOURCES = _sources()


def _copy(name: str, tmp: Path) -> Path:
    work = tmp / name
    if name == "examples":
        for part in ("bad", "good"):
            shutil.copytree(SOURCES[name] / part, work / "examples" / part)
        shutil.copyfile(ROOT / "cxsmart.toml", work / "cxsmart.toml")
    else:
        shutil.copytree(SOURCES[name], work)
    return work


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def render_json(doc: dict) -> str:
    out = [f"files={doc['files']} goals={doc['goals']} summary={json.dumps(doc['summary'], sort_keys=True)}"]
    # findings at one place told apart only by their goal come in either order (a value shared by
    # merge keys '<<' is reported once per goal that merges it): ordered here by goal too
    diagnostics = sorted(doc["diagnostics"], key=lambda d: (d["path"], d["line"], d["column"], d["code"],
                                                            d["end_line"], d["end_column"], d["message"],
                                                            str(d["goal"])))
    for d in diagnostics:
        out.append(f"{d['path']}:{d['line']}:{d['column']}-{d['end_line']}:{d['end_column']} {d['code']} {d['name']} "
                   f"{d['severity']} goal={d['goal']}")
        out.append(f"    message: {d['message']}")
        if d["hint"]:
            out.append(f"    hint: {d['hint']}")
        if d["fix"]:
            f = d["fix"]
            out.append(f"    fix ({f['applicability']}): {f['message']}")
            out.extend(f"      {e['line']}:{e['column']}-{e['end_line']}:{e['end_column']} -> {e['content']!r}"
                       for e in f["edits"])
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", list(SOURCES))
def test_what_lint_says_of_each_repository_is_as_reviewed(run_cli, tmp_path, monkeypatch, name):
    work = _copy(name, tmp_path)
    monkeypatch.chdir(work)
    code, out, err = run_cli("lint", ".", "--format", "json", *PINNED)
    assert code in (0, 1), err
    compare(f"lint/{name}.txt", render_json(json.loads(out)))


@pytest.mark.parametrize("name", list(SOURCES))
def test_what_fix_writes_in_each_repository_is_as_reviewed(run_cli, tmp_path, monkeypatch, name):
    work = _copy(name, tmp_path)
    monkeypatch.chdir(work)
    before = _files(work)
    code, diff, diff_err = run_cli("lint", ".", "--diff", *PINNED)
    assert code in (0, 1), diff_err
    assert _files(work) == before, "--diff writes nothing"
    code, out, err = run_cli("lint", ".", "--fix", "--unsafe-fixes", "--format", "json", *PINNED)
    assert code in (0, 1), err
    after = _files(work)
    written = []
    for path in sorted(set(before) | set(after)):
        if before.get(path) != after.get(path):
            old = before.get(path, b"").decode("utf-8").splitlines(keepends=True)
            new = after.get(path, b"").decode("utf-8").splitlines(keepends=True)
            written.extend(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
    summary = json.loads(out)["summary"]
    compare(f"fix/{name}.diff", f"# --diff (safe fixes)\n{diff}{diff_err}# --fix --unsafe-fixes: summary "
                                f"{json.dumps(summary, sort_keys=True)}\n{err}{''.join(written)}")
