"""Peak resident memory of a command and every process it starts, sampled from /proc.

    python benchmarks/tree_memory.py [--every 0.2] -- python -m tests.fuzz --seed 1

Every `--every` seconds it adds up the resident set of the command's whole process tree (the
command, its children, theirs); it prints the largest such sum, the largest single process
(with its command line) and the wall time, then exits with the command's own exit code.
`/usr/bin/time -v` reports the largest single process only; a parent that keeps a child
running beside it is the sum. Linux only (it reads /proc).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _parents() -> dict[int, int]:
    """pid -> parent pid, for every process that can be read now."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        found[int(name)] = int(fields[1])
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()[:160]
    except OSError:
        return "?"


def tree(root: int) -> list[int]:
    parents = _parents()
    members, added = {root}, True
    while added:
        added = False
        for pid, parent in parents.items():
            if parent in members and pid not in members:
                members.add(pid)
                added = True
    return sorted(members)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=float, default=0.2, help="seconds between samples")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    ns = ap.parse_args()
    command = ns.command[1:] if ns.command[:1] == ["--"] else ns.command
    if not command:
        ap.error("no command to run")
    start = time.perf_counter()
    child = subprocess.Popen(command)
    peak_sum, peak_one, peak_cmd = 0, 0, ""
    while child.poll() is None:
        sizes = {pid: _rss_kb(pid) for pid in tree(child.pid)}
        peak_sum = max(peak_sum, sum(sizes.values()))
        biggest = max(sizes, key=sizes.get)
        if sizes[biggest] > peak_one:
            peak_one, peak_cmd = sizes[biggest], _command(biggest)
        time.sleep(ns.every)
    print(f"peak RSS of the whole tree: {peak_sum / 1024:.0f} MB; largest process: {peak_one / 1024:.0f} MB "
          f"({peak_cmd}); {time.perf_counter() - start:.0f} s; exit {child.returncode}", file=sys.stderr)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
