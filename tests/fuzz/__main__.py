"""The long fuzz run, by hand: `python -m tests.fuzz --goal-files 3000 ... --seed 1`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tests.fuzz.campaign import Campaign, Tally
from tests.fuzz.cases import KINDS
from tests.fuzz.harness import Lab


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    for kind, default in zip(KINDS, (300, 100, 100, 100, 100, 100, 100)):
        parser.add_argument(f"--{kind}", type=int, default=default, help=f"cases of {kind} (default {default})")
    parser.add_argument("--seed", default="1", help="the campaign's seed: the same seed replays the same cases")
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"), help="where failing cases are written")
    parser.add_argument("--only", help="run one case by its name, e.g. 1/goal-files/17")
    ns = parser.parse_args()
    campaign = Campaign(Lab(), ns.keep)
    if ns.only:
        tally = Tally()
        problems = campaign.one(ns.only.split("/")[1], ns.only, tally)
        print("\n".join(problems) or "ok")
        return 1 if problems else 0
    failed = 0
    print(f"{'kind':<12}{'cases':>7}{'exit 0':>8}{'exit 1':>8}{'exit 2':>8}{'failed':>8}{'slowest s':>11}{'peak +MB':>10}")
    for kind in KINDS:
        tally, start = Tally(), time.perf_counter()
        for i in range(getattr(ns, kind.replace("-", "_"))):
            problems = campaign.one(kind, f"{ns.seed}/{kind}/{i}", tally)
            if problems:
                print(f"  FAIL {ns.seed}/{kind}/{i}: {problems[0][:300]}", file=sys.stderr, flush=True)
        failed += len(tally.failures)
        print(f"{kind:<12}{tally.runs:>7}{tally.exits[0]:>8}{tally.exits[1]:>8}{tally.exits[2]:>8}"
              f"{len(tally.failures):>8}{tally.slowest:>11.2f}{tally.most_memory_mb:>10.0f}"
              f"   ({time.perf_counter() - start:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
