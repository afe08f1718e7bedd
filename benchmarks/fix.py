"""`cxsmart lint --fix` on a generated goal repository (benchmarks/speed.py's generator) and on
examples/bad: findings before and after, what was fixed, and the time. Not a test: run it by
hand and quote the table.

    python benchmarks/fix.py [--goals 10000] [--files-per-1000 10] [--select-extra M011]

The generated goals are speed.py's, with every CSAT metric written by its alias (`CSAT`, M010)
and every other deadline as `30 June 2027` (T010), so that each kind of fix is measured.
Each run is a new process with --no-cache (the fix loop lints again after writing, so a warm
cache would only help). `--select-extra` is added to every run: M011 (off by default) is what
structures the goals written as sentences.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from speed import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TODAY = ["--today", "2026-11-23", "--no-cache"]


def written_forms(repo: Path) -> None:
    """Metrics by alias and dates in another form, in the generated goal files."""
    for path in sorted(repo.glob("team-*.yaml")):
        parts = path.read_text().replace("    metric: csat\n", "    metric: CSAT\n").split("    deadline: 2027-06-30\n")
        text = parts[0]
        for i, part in enumerate(parts[1:]):
            text += ("    deadline: 30 June 2027\n" if i % 2 else "    deadline: 2027-06-30\n") + part
        path.write_text(text)


def counts(cxsmart: list[str], cwd: Path, extra: list[str]) -> tuple[int, int, int]:
    """(findings, safe fixes, unsafe fixes) of a plain lint."""
    out = subprocess.run([*cxsmart, "lint", ".", "--format", "json", *TODAY, *extra], cwd=cwd,
                         capture_output=True, text=True).stdout
    found = json.loads(out)["diagnostics"]
    safe = sum(1 for d in found if d["fix"] and d["fix"]["applicability"] == "safe")
    unsafe = sum(1 for d in found if d["fix"] and d["fix"]["applicability"] != "safe")
    return len(found), safe, unsafe


def timed(cmd: list[str], cwd: Path) -> tuple[float, str, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start, proc.stdout, proc.stderr


def run(name: str, folder: Path, extra: list[str]) -> list[str]:
    cxsmart = [sys.executable, "-m", "cxsmart"]
    start = time.perf_counter()
    before = counts(cxsmart, folder, extra)
    lint_s = time.perf_counter() - start
    diff_s, diff, _ = timed([*cxsmart, "lint", ".", "--diff", *TODAY, *extra], folder)
    fix_s, out, err = timed([*cxsmart, "lint", ".", "--fix", "--format", "concise", *TODAY, *extra], folder)
    after = counts(cxsmart, folder, extra)
    again_s, again, _ = timed([*cxsmart, "lint", ".", "--fix-only", *TODAY, *extra], folder)
    changed = sum(1 for line in diff.splitlines() if line.startswith("+++ "))
    fixed = out.strip().splitlines()[-1] if out.strip() else ""
    return [f"{name}: {before[0]} findings ({before[1]} safe fixes, {before[2]} unsafe) -> {after[0]} after --fix "
            f"({after[1]} safe fixes left); {changed} file{'s' if changed != 1 else ''} changed",
            f"  lint {lint_s:.1f} s, --diff {diff_s:.1f} s, --fix {fix_s:.1f} s, second --fix-only {again_s:.1f} s "
            f"({again.strip()})",
            f"  --fix said: {fixed}"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--goals", type=int, default=10000)
    ap.add_argument("--files-per-1000", type=int, default=10)
    ap.add_argument("--select-extra", default="M011", help="codes added with --extend-select ('' for none)")
    args = ap.parse_args()
    extra = ["--extend-select", args.select_extra] if args.select_extra else []
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        bad = Path(tmp) / "bad"
        shutil.copytree(ROOT / "examples" / "bad", bad)
        lines += run("examples/bad", bad, extra)
        repo = Path(tmp) / "repo"
        repo.mkdir()
        generate(repo, args.goals, max(1, args.goals * args.files_per_1000 // 1000))
        written_forms(repo)
        lines += run(f"{args.goals:,} goals", repo, extra)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
