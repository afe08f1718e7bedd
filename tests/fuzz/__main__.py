"""The long fuzz run, by hand: `python -m tests.fuzz --goal-files 3000 ... --seed 1`.

Each kind runs in a fresh process (`--kind`), one after the other, so that no kind inherits
what another left (a rule pack's pipeline, the bounded caches). What made a process grow by
about 0.5 MB a case (1 GB a minute with several kinds) was the command line turning the cyclic
garbage collector off for the rest of its process: the harness turns it back on and collects
after every case (harness.invoke), and a kind's process now stays flat (130-250 MB).
The peak resident memory of the largest of these processes is printed at the end; for the
whole tree's, run it under benchmarks/tree_memory.py."""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

from tests.fuzz.campaign import Campaign, Tally
from tests.fuzz.cases import KINDS
from tests.fuzz.harness import Lab

DEFAULTS = (300, 100, 100, 100, 100, 100, 100, 100, 100, 100)
HEADER = f"{'kind':<12}{'cases':>7}{'exit 0':>8}{'exit 1':>8}{'exit 2':>8}{'failed':>8}{'slowest s':>11}{'peak +MB':>10}"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    for kind, default in zip(KINDS, DEFAULTS):
        parser.add_argument(f"--{kind}", type=int, default=default, help=f"cases of {kind} (default {default})")
    parser.add_argument("--seed", default="1", help="the campaign's seed: the same seed replays the same cases")
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"), help="where failing cases are written")
    parser.add_argument("--only", help="run one case by its name, e.g. 1/goal-files/17")
    parser.add_argument("--kind", choices=KINDS, help="run this kind only, in this process")
    ns = parser.parse_args()
    if ns.only:
        tally = Tally()
        problems = Campaign(Lab(), ns.keep).one(ns.only.split("/")[1], ns.only, tally)
        print("\n".join(problems) or "ok")
        return 1 if problems else 0
    if ns.kind:
        return _run_kind(ns, ns.kind)
    print(HEADER, flush=True)
    failed, peak = 0, 0
    for kind in KINDS:
        counts = [f"--{k}={getattr(ns, k.replace('-', '_'))}" for k in KINDS]
        done = subprocess.run([sys.executable, "-m", "tests.fuzz", "--kind", kind, "--seed", ns.seed,
                               "--keep", str(ns.keep), *counts])
        failed += done.returncode != 0
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"peak resident memory of one kind's process: {peak / 1024:.0f} MB", flush=True)
    return 1 if failed else 0


def _run_kind(ns: argparse.Namespace, kind: str) -> int:
    campaign = Campaign(Lab(), ns.keep)
    tally, start = Tally(), time.perf_counter()
    for i in range(getattr(ns, kind.replace("-", "_"))):
        problems = campaign.one(kind, f"{ns.seed}/{kind}/{i}", tally)
        if problems:
            print(f"  FAIL {ns.seed}/{kind}/{i}: {problems[0][:300]}", file=sys.stderr, flush=True)
    print(f"{kind:<12}{tally.runs:>7}{tally.exits[0]:>8}{tally.exits[1]:>8}{tally.exits[2]:>8}"
          f"{len(tally.failures):>8}{tally.slowest:>11.2f}{tally.most_memory_mb:>10.0f}"
          f"   ({time.perf_counter() - start:.0f} s)", flush=True)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
