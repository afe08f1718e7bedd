"""Fuzzing `--fix` (issue 12): goal files with things to fix (names for metric ids, dates in
other forms, relative deadlines, sentences), lightly mutated, are fixed in a workspace. On top of
what every run must do: `--diff` changes nothing; a file with F001/F002 is never rewritten;
the fixes create no finding that was not there; a second `--fix` changes nothing."""

from __future__ import annotations

import json
import random
from pathlib import Path

from tests.fuzz.cases import ROOT, Case
from tests.fuzz.harness import Lab, check, invoke
from tests.fuzz.mutate import mutate_bytes

FIXABLE = ("written-forms.yaml", "sentences.yaml", "team-goals.yaml")
PINNED = ["--no-cache", "--today", "2026-12-02", "--color", "never"]


def fix_case(rng: random.Random) -> Case:
    seeds = [(ROOT / "examples" / "bad" / name).read_bytes() for name in FIXABLE]
    files = {}
    for i in range(rng.choice([1, 2])):
        data = rng.choices(seeds, weights=(5, 3, 2))[0]
        if rng.random() < 0.3:
            data = data.replace(b"\n", rng.choice([b"\r\n", b"\r"]))
        if rng.random() < 0.1:
            data = b"\xef\xbb\xbf" + data
        if rng.random() < 0.5:                  # most mutations make F001/F002, which --fix leaves alone
            data = mutate_bytes(rng, data, seeds, rounds=rng.choice([1, 1, 2]))
        files[f"goals/g{i}.yaml"] = data
    unsafe = ["--unsafe-fixes"] if rng.random() < 0.5 else []
    sentences = ["--extend-select", "M011"] if rng.random() < 0.5 else []     # structure goals written as sentences
    return Case("fixes", files, ["lint", *PINNED, *unsafe, *sentences])


def snapshot(ws: Path) -> dict[str, bytes]:
    return {str(p.relative_to(ws)): p.read_bytes() for p in sorted(ws.rglob("*")) if p.is_file() and ".git" not in p.parts}


def _findings(out: str) -> list[dict]:
    try:
        return json.loads(out)["diagnostics"]
    except (ValueError, KeyError):
        return []


def run_fix_case(lab: Lab, case: Case) -> tuple[object, list[str]]:
    ws = lab.workspace(case)
    try:
        return _fix_and_check(lab, ws, case.args)
    finally:
        lab.done(ws)


def _fix_and_check(lab: Lab, ws: Path, args: list[str]):
    original = snapshot(ws)
    before = invoke(ws, [*args, "--format", "json", "."], lab.home)
    problems = check(ws, [*args, "--format", "json"], before)
    diff = invoke(ws, [*args, "--diff", "."], lab.home)
    problems += check(ws, [*args, "--diff"], diff)
    if snapshot(ws) != original:
        problems.append("--diff changed a file")
    fixed = invoke(ws, [*args, "--fix", "--format", "json", "."], lab.home)
    problems += check(ws, [*args, "--format", "json"], fixed)
    if problems:
        return fixed, problems
    blocked = {d["path"] for d in _findings(before.out) if d["code"] in ("F001", "F002")}
    after = snapshot(ws)
    for path in sorted(blocked):
        if after.get(path) != original.get(path):
            problems.append(f"{path} has F001/F002 findings and was rewritten")
    if (diff.code == 1) != (after != original) and diff.code in (0, 1):
        problems.append(f"--diff exited {diff.code} but --fix {'changed' if after != original else 'left'} the files")
    was = {(d["path"], d["code"]) for d in _findings(before.out)}
    new = sorted({(d["path"], d["code"]) for d in _findings(fixed.out)} - was)
    if new:
        problems.append(f"the fixes made new findings: {new[:5]}")
    again = invoke(ws, [*args, "--fix", "--format", "json", "."], lab.home)
    problems += check(ws, [*args, "--format", "json"], again)
    if snapshot(ws) != after:
        changed = [p for p in after if snapshot(ws).get(p) != after[p]]
        problems.append(f"a second --fix changed {changed}")
    return fixed, problems
