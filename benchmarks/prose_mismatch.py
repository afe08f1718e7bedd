"""M008 (title and fields disagree) on a blind, labelled battery: benchmarks/m008/goals.yaml holds
150 goals written by a helper who never saw the code (108 whose title and fields agree, 42 with a
slip), benchmarks/m008/labels.yaml says which. Run by hand, not in CI:

    python benchmarks/prose_mismatch.py [--show]

Prints true and false M008 findings: a false one is a warning on a goal a careful person wrote.
The battery is a tuning set (its false findings were read and fixed as general rules, 2026-12-06);
the held-out measure stays tests/repos/council-heldout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent / "m008"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="list every false finding and every miss")
    args = ap.parse_args()
    run = subprocess.run([sys.executable, "-m", "cxsmart", "lint", "goals.yaml", "--today", "2026-12-01", "--no-cache",
                          "--format", "json"], cwd=HERE, capture_output=True, text=True)
    said: dict[str, list[str]] = {}
    for d in json.loads(run.stdout)["diagnostics"]:
        if d["code"] == "M008":
            said.setdefault(d.get("goal"), []).append(d["message"])
    labels = yaml.safe_load((HERE / "labels.yaml").read_text())
    tp = fp = fn = tn = 0
    for label in labels:
        found = said.get(label["id"])
        if label["mismatch"]:
            tp, fn = tp + bool(found), fn + (not found)
            if not found and args.show:
                print(f"missed  {label['id']}: {label['what']}")
        else:
            fp, tn = fp + bool(found), tn + (not found)
            if found and args.show:
                print(f"false   {label['id']}: {'; '.join(found)}")
    print(f"M008 on {len(labels)} goals: {tp} slips found, {fn} missed; {fp} false findings on {fp + tn} goals that agree")
    print(f"precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f}")


if __name__ == "__main__":
    main()
