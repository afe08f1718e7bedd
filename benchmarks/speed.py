"""cxsmart's speed and memory against the YAML parse floor and yamllint, on generated goal
repositories. Not a test: run it by hand and quote the table.

    pip install yamllint            # the comparison (not a cxsmart dependency)
    python benchmarks/speed.py [--sizes 1000,10000,50000] [--files-per-1000 10] [--repeat 3]
                               [--one-file-size 10000] [--one-file-flags "..."]

For each size it writes a repository (objectives and owners, then goal files of structured
goals, goals written only as sentences, flawed goals and comments) and measures, in one run:
- parse floor: ruamel.yaml's C-backed compose of the same files, in-process;
- cxsmart cold: `cxsmart lint --no-cache` in a new process;
- cxsmart warm: `cxsmart lint` after a run that filled the cache (nothing changed);
- yamllint on the same files, in a new process;
- one file of the --one-file-size repository (default 10,000 goals), named on the command line
  as a pre-commit hook or an editor does, so linted in its workspace: warm (nothing changed),
  after appending a goal to it, after changing one of its titles (each a sentence the cache
  has not seen: spaCy is needed), and the whole repository after such an edit. Each edit is
  new in every round, so no round is served by the stored result. (--one-file-flags adds
  options to these runs, e.g. "--workspace" to measure a cxsmart from before issue 9);
in --repeat rounds: floor, cold and yamllint one after the other in each round, so that they
share the machine's state of the moment (this is a shared VM: its speed drifts by up to 2x over
minutes). Times in the table are the best of the rounds; the ratios cold / floor and yamllint /
cold are the median of each round's own ratio, and every round is printed under the table.
Wall time and peak resident memory. cxsmart's modules are compiled to
bytecode first, as `pip install` does (an editable checkout run with PYTHONDONTWRITEBYTECODE
would otherwise compile them on every run).
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METRICS = [("csat", "72%", "77%"), ("fcr", "70%", "74%"), ("nps", "18", "24"), ("aht", "7 min", "6.5 min"),
           ("survey_response_rate", "12%", "14%"), ("churn_rate", "2.4%", "2.1%"), ("app_rating", "3.9", "4.1")]
SENTENCES = [
    "Increase CSAT for segment {n} from 71% to 76% by 30 June 2027",
    "Reduce average handling time on queue {n} from 420 s to 390 s by Q2 2027",
    "Improve the customer experience in region {n}",
    "Launch a callback option for team {n} by Q3 2027",
    "Reduce repeat calls within 7 days on line {n} from 18% to 15% by H1 2027",
    "Try to answer tickets for desk {n} faster",
]


def generate(root: Path, goals: int, files: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    owners = "".join(f"  - {{id: team-{t}, controls: [csat, fcr, nps, aht, survey_response_rate, churn_rate, "
                     f"app_rating]}}\n" for t in range(files))
    (root / "workspace.yaml").write_text(
        "objectives:\n  - {id: grow-retention, title: Grow revenue by reducing churn, kpi: churn_rate}\n"
        f"owners:\n{owners}")
    per_file = goals // files
    for f in range(files):
        lines = [f"# Goals of team {f}", "goals:"]
        for g in range(per_file):
            n = f * per_file + g
            if n % 5 == 4:                                    # a goal written only as a sentence
                lines += [f"  - id: g{n}", f"    title: {SENTENCES[n % len(SENTENCES)].format(n=n)}",
                          f"    owner: team-{f}", "    objective: grow-retention", "    review: monthly"]
                continue
            metric, base, target = METRICS[n % len(METRICS)]
            flawed = rng.random() < 0.1
            lines += [
                f"  - id: g{n}",
                f"    title: Improve {metric} for segment {n} from {base} to {target} by 30 June 2027",
                f"    owner: team-{f}",
                "    objective: grow-retention",
                f"    metric: {metric}",
                f"    baseline: {base}" if not flawed else "    # baseline: still to be measured",
                f"    target: {target}",
                "    start: 2027-01-01",
                "    deadline: 2027-06-30" if not flawed else "    deadline: 31 February 2027",
                "    review: monthly",
                "    actions:",
                f"      - {{title: Coach agents on {metric}, owner: team-{f}, due: 2027-03-31}}",
            ]
        (root / f"team-{f:04}.yaml").write_text("\n".join(lines) + "\n")


def parse_floor(texts: list[str]) -> float:
    from ruamel.yaml import YAML

    start = time.perf_counter()
    for text in texts:
        YAML(typ="safe").compose(text)
    return time.perf_counter() - start


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process; a run that could not be done
    (exit 2: a bad flag, a crash) is no time at all, so it stops the benchmark."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            raise SystemExit(f"{' '.join(map(str, cmd))} exited {code}:\n{err.read().decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(goals: int, files: int, repeat: int) -> dict:
    """Rounds of floor, cold and yamllint one after the other, so each round's three share the
    machine's mood of the moment; the best of the rounds for each."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, goals, files)
        texts = [p.read_text() for p in sorted(root.glob("*.yaml"))]
        lint = [sys.executable, "-m", "cxsmart", "lint", ".", "--format", "json", "--today", "2026-12-01"]
        yamllint = Path(sys.executable).with_name("yamllint")
        rounds = []
        for _ in range(repeat):
            floor = parse_floor(texts)
            cold = timed([*lint, "--no-cache"], root)
            other = timed([str(yamllint), "-f", "parsable", "."], root) if yamllint.exists() else None
            rounds.append((floor, cold, other))
        timed(lint, root)                                       # fill the cache
        warm = [timed(lint, root) for _ in range(repeat)]
        one = one_file(root, lint, files, repeat) if goals == ONE_FILE["size"] else None
        row = {"goals": goals, "files": files + 1, "lines": sum(t.count("\n") for t in texts),
               "floor": min(r[0] for r in rounds), "cold": min(r[1][0] for r in rounds),
               "cold_mem": max(r[1][1] for r in rounds), "warm": min(w[0] for w in warm),
               "rounds": [(r[1][0], r[0]) for r in rounds],
               "cold_floor": statistics.median(r[1][0] / r[0] for r in rounds), "one": one}
        if yamllint.exists():
            row["yamllint"] = min(r[2][0] for r in rounds)
            row["yamllint_cold"] = statistics.median(r[2][0] / r[1][0] for r in rounds)
        return row


ONE_FILE = {"size": 10000, "flags": []}


def one_file(root: Path, lint: list[str], files: int, repeat: int) -> dict:
    """A one-file lint in the repository whose whole-repository cache is warm: nothing changed,
    then after edits to that file (each round a new goal, or a new title: new sentences)."""
    name = f"team-{files // 2:04}.yaml"
    target = root / name
    named = [*(a for a in lint if a != "."), *ONE_FILE["flags"], name]        # the file, not the folder
    timed(named, root)                                          # its result stored: the warm case
    warm = min(timed(named, root)[0] for _ in range(repeat))
    appended, retitled, whole = [], [], []
    for r in range(repeat):
        with target.open("a") as f:
            f.write(f"  - id: bench-{r}\n    title: Raise NPS for bench segment {r} from 20 to 25 by Q3 2027\n"
                    f"    owner: team-{files // 2}\n")
        appended.append(timed(named, root)[0])
        text = target.read_text()
        at = text.index("    title: ") + len("    title: ")
        target.write_text(text[:at] + f"Round {r}, " + text[at:])
        retitled.append(timed(named, root)[0])
        with target.open("a") as f:
            f.write(f"  - {{id: whole-{r}, title: Cut churn for whole segment {r} from 3% to 2% by Q4 2027}}\n")
        whole.append(timed([*lint, *ONE_FILE["flags"]], root)[0])
    goals = target.read_text().count("  - id: ")
    return {"name": name, "goals": goals, "warm": warm, "appended": min(appended), "retitled": min(retitled),
            "whole": min(whole), "rounds": list(zip(appended, retitled, whole))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--files-per-1000", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--one-file-size", type=int, default=10000,
                    help="the repository size (one of --sizes) in which one file is linted on its own")
    ap.add_argument("--one-file-flags", default="", help="options added to the one-file runs")
    args = ap.parse_args()
    ONE_FILE.update(size=args.one_file_size, flags=args.one_file_flags.split())
    import cxsmart

    compileall.compile_dir(Path(cxsmart.__file__).parent, quiet=1)
    print("| goals | files | lines | parse floor | cold (--no-cache) | cold / floor (median of rounds) | warm "
          "| warm / cold | yamllint | yamllint / cold (median of rounds) | peak RSS cold | s per 1,000 goals (cold) |")
    print("| " + " | ".join(["---"] * 12) + " |")
    notes = []
    for size in (int(s) for s in args.sizes.split(",")):
        files = max(1, size * args.files_per_1000 // 1000)
        r = measure(size, files, args.repeat)
        y = r.get("yamllint")
        yl = f"{y:.2f} s" if y else "n/a"
        ratio = f"{r['yamllint_cold']:.1f}x" if y else "n/a"
        print(f"| {r['goals']:,} | {r['files']} | {r['lines']:,} | {r['floor']:.2f} s | {r['cold']:.2f} s "
              f"| {r['cold_floor']:.2f}x | {r['warm']:.2f} s | {r['warm'] / r['cold']:.2f}x "
              f"| {yl} | {ratio} | {r['cold_mem']:.0f} MiB | {r['cold'] / r['goals'] * 1000:.2f} s |", flush=True)
        notes.append(f"{r['goals']:,} goals, each round's cold / floor: " +
                     ", ".join(f"{c:.2f} s / {f:.2f} s = {c / f:.2f}" for c, f in r["rounds"]))
        one = r["one"]
        if one:
            flags = f" {ONE_FILE['flags']}" if ONE_FILE["flags"] else ""
            notes.append(
                f"{r['goals']:,} goals, one file named (`cxsmart lint{flags} {one['name']}`, about {one['goals']} goals, "
                f"linted in its workspace): warm {one['warm']:.2f} s; after appending a goal to it {one['appended']:.2f} s; "
                f"after changing one of its titles {one['retitled']:.2f} s; the whole repository after an edit "
                f"{one['whole']:.2f} s (cold: {r['cold']:.2f} s). Each round (append, title, whole): " +
                ", ".join(f"{a:.2f} / {t:.2f} / {w:.2f} s" for a, t, w in one["rounds"]))
    notes.append(small(args.repeat))
    print()
    print("\n".join(notes))


def small(repeat: int) -> str:
    """A one-file lint of a 20-goal file against spaCy's own import (blank English pipeline)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, 20, 1)
        (root / "workspace.yaml").unlink()
        lint = [sys.executable, "-m", "cxsmart", "lint", "team-0000.yaml", "--format", "json", "--today", "2026-12-01"]
        spacy = [sys.executable, "-c", "import spacy; spacy.blank('en')"]
        rounds = [(timed([*lint, "--no-cache"], root)[0], timed(spacy, root)[0]) for _ in range(repeat)]
        timed(lint, root)
        warm = min(timed(lint, root)[0] for _ in range(repeat))
    cold, imp = min(r[0] for r in rounds), min(r[1] for r in rounds)
    return (f"20-goal file: cold {cold:.2f} s, warm {warm:.2f} s; python importing spaCy and making a blank "
            f"English pipeline, nothing else: {imp:.2f} s")


if __name__ == "__main__":
    main()
