"""Two installations of cxsmart, one cold lint each in turn, on the same generated repository: is
this one slower than that one? Run by hand, not in CI.

    python benchmarks/speed_ab.py --base ../old-checkout/.venv/bin/cxsmart [--goals 10000] [--rounds 7]

The repository is `benchmarks/speed.py`'s (the 10,000-goal benchmark). Each round runs
`cxsmart lint . --no-cache --format json` with the base and with this checkout's cxsmart (`--main`,
default the one next to this Python), alternating which goes first, so that both share the shared
machine's state of the moment (its speed drifts by up to 2x over minutes), after one untimed run of
each with bytecode written (an editable checkout otherwise compiles its modules on every run when
PYTHONDONTWRITEBYTECODE is set, as on this machine: about 5% of a run). Prints every run, then the
best and the median of each, and the ratio of the bests and of the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from speed import generate  # noqa: E402 - the benchmark's own generator


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="the cxsmart executable to compare with")
    ap.add_argument("--main", default=str(Path(sys.executable).parent / "cxsmart"))
    ap.add_argument("--goals", type=int, default=10_000)
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    runs = {"base": args.base, "main": args.main}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        root.mkdir()
        generate(root, args.goals, args.files)
        subprocess.run("git init -q . && git add -A && git -c user.email=a@b -c user.name=a commit -qm goals",
                       shell=True, cwd=root, check=True)
        # Bytecode is written and one untimed run made for each, so that an editable checkout (whose
        # modules compile on every run when PYTHONDONTWRITEBYTECODE is set) and an installed one
        # (compiled at install) start alike: what is timed is the lint, not Python compiling cxsmart.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        command = ["lint", ".", "--no-cache", "--today", "2026-12-01", "--format", "json"]
        for exe in runs.values():
            subprocess.run([exe, *command], cwd=root, capture_output=True, env=env)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for n in range(args.rounds):
            order = list(runs.items()) if n % 2 == 0 else list(reversed(runs.items()))
            for name, exe in order:
                start = time.perf_counter()
                done = subprocess.run([exe, *command], cwd=root, capture_output=True, env=env)
                times[name].append(time.perf_counter() - start)
                print(f"round {n}: {name} {times[name][-1]:.2f} s (exit {done.returncode}, "
                      f"{len(done.stdout):,} bytes)", flush=True)
    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    for name in runs:
        print(f"{name}: best {best[name]:.2f} s, median {median[name]:.2f} s")
    print(f"main / base: best {best['main'] / best['base']:.3f}, median {median['main'] / median['base']:.3f}")


if __name__ == "__main__":
    main()
