"""Core lint speed against the YAML parse floor, on generated goal repositories.

    python benchmarks/core.py [--goals 10000] [--files 100]

Writes a realistic workspace (objectives, owners, structured goals with actions, some flawed
goals, comments) to a temporary folder, then measures in one run: the parse floor (ruamel's
C-backed compose of the same files, in-process), and `cxsmart lint` as a user runs it (a new
process: wall time and peak memory). Not a test: run it by hand and quote the table.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METRICS = [("csat", "72%", "77%"), ("fcr", "70%", "74%"), ("nps", "18", "24"), ("aht", "7 min", "6.5 min"),
           ("survey_response_rate", "12%", "15%"), ("churn_rate", "2.4%", "2.1%"), ("app_rating", "3.9", "4.1")]


def generate(root: Path, goals: int, files: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    (root / "objectives.yaml").write_text(
        "objectives:\n  - {id: grow-retention, title: Grow revenue by reducing churn, kpi: churn_rate}\n"
        "owners:\n" + "".join(f"  - {{id: team-{t}, controls: [csat, fcr, nps, aht, survey_response_rate, "
                               f"churn_rate, app_rating]}}\n" for t in range(files)))
    per_file = goals // files
    for f in range(files):
        lines = [f"# goals of team {f}", "goals:"]
        for g in range(per_file):
            metric, base, target = METRICS[(f + g) % len(METRICS)]
            flawed = rng.random() < 0.1
            lines += [
                f"  - id: t{f}-g{g}",
                f"    title: Improve {metric} for segment {g} from {base} to {target} by 30 June 2027",
                f"    owner: team-{f}",
                "    objective: grow-retention",
                f"    metric: {metric}",
                f"    baseline: {base}" if not flawed else "    # baseline to be measured",
                f"    target: {target}",
                "    start: 2027-01-01",
                "    deadline: 2027-06-30" if not flawed else "    deadline: 31 February 2027",
                "    review: monthly",
                "    actions:",
                f"      - {{title: Coach agents on {metric}, owner: team-{f}, due: 2027-03-31}}",
            ]
        (root / f"team-{f:03}.yaml").write_text("\n".join(lines) + "\n")


def parse_floor(root: Path) -> float:
    from ruamel.yaml import YAML

    texts = [p.read_text() for p in sorted(root.glob("*.yaml"))]
    start = time.perf_counter()
    for text in texts:
        YAML(typ="safe").compose(text)
    return time.perf_counter() - start


def lint(root: Path) -> tuple[float, float]:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cxsmart", "lint", str(root), "--format", "json", "--no-cache",
                    "--today", "2026-12-01"], stdout=subprocess.DEVNULL, check=False, cwd=root)
    wall = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak_mib


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--goals", type=int, default=10_000)
    ap.add_argument("--files", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.goals, args.files)
        lines = sum(p.read_text().count("\n") for p in root.glob("*.yaml"))
        floor = min(parse_floor(root) for _ in range(3))
        wall, peak = lint(root)
        print(f"| goals | files | lines | parse floor (C compose) | cxsmart lint (new process) | ratio | peak RSS |")
        print(f"| --- | --- | --- | --- | --- | --- | --- |")
        print(f"| {args.goals:,} | {args.files} | {lines:,} | {floor:.2f} s | {wall:.2f} s | {wall / floor:.1f}x "
              f"| {peak:.0f} MiB |")


if __name__ == "__main__":
    main()
