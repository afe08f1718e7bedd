"""Precision and recall of the language checks per SMART letter, on benchmarks/labelled.yaml.

    python benchmarks/precision.py [labelled.yaml] [--show-errors]

Each sentence is linted as a goal written only as its title, with today pinned to
1 January 2026 and only the S, M and T rules selected (A, R, P and F judge other things).
A sentence 'fails' a letter when any rule of that letter reports it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from ruamel.yaml import YAML

from cxsmart.api import lint_text

LETTERS = ("S", "M", "T")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(Path(__file__).parent / "labelled.yaml"))
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    rows = YAML(typ="safe").load(Path(args.path).read_text())["sentences"]
    text = "".join(f"- title: {json.dumps(r['text'])}\n" for r in rows)
    start = time.perf_counter()
    found = lint_text(text, select=list(LETTERS), today=dt.date(2026, 1, 1)).diagnostics
    elapsed = time.perf_counter() - start
    predicted: list[dict[str, list[str]]] = [{} for _ in rows]
    for d in found:
        predicted[d.span.line - 1].setdefault(d.code[0], []).append(f"{d.code} {d.message}")
    counts = {l: {"tp": 0, "fp": 0, "fn": 0} for l in LETTERS}
    errors = []
    for row, got in zip(rows, predicted):
        want = set(row["fails"])
        for letter in LETTERS:
            c = counts[letter]
            if letter in want and letter in got:
                c["tp"] += 1
            elif letter in got:
                c["fp"] += 1
                errors.append(("FP", letter, row["text"], got[letter]))
            elif letter in want:
                c["fn"] += 1
                errors.append(("FN", letter, row["text"], []))
    print(f"{len(rows)} sentences, {len(found)} findings, linted in {elapsed:.2f} s\n")
    print("| letter | labelled fails | true pos. | false pos. | false neg. | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    ok = True
    for letter in LETTERS:
        c = counts[letter]
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        ok &= precision >= 0.95 and recall >= 0.90
        print(f"| {letter} | {c['tp'] + c['fn']} | {c['tp']} | {c['fp']} | {c['fn']} | {precision:.3f} | {recall:.3f} |")
    if args.show_errors:
        print()
        for kind, letter, text, why in errors:
            print(f"{kind} {letter}: {text}")
            for w in why:
                print(f"      {w}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
