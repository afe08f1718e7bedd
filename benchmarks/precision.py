"""Precision and recall of the language checks, per SMART letter and for a missing baseline.

    python benchmarks/precision.py                      # every labelled set, one table each
    python benchmarks/precision.py benchmarks/forms.yaml [--part heldout] [--show-errors]

Labels follow shared/spec/labelling.md. Each sentence is linted as a goal written only as its
title, with today pinned to 1 January 2026 and only the S, M and T rules selected. Findings map
to labels as labelling.md says: S = any S finding; M = M001 or M003; T = T001 or T002;
baseline missing = M002. A letter in a row's `dont_care` is not counted; nor is a missing
baseline labelled null (no target at all). A file's `sentences:` and `heldout:` lists are
reported separately.
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

HERE = Path(__file__).parent
SETS = [HERE / "labelled.yaml", HERE / "heldout.yaml", HERE / "forms.yaml"]
LETTERS = ("S", "M", "T")
COLUMNS = (*LETTERS, "baseline")
MAPPING = {"S": lambda code: code[0] == "S", "M": lambda code: code in ("M001", "M003"),
           "T": lambda code: code in ("T001", "T002"), "baseline": lambda code: code == "M002"}


def labels(row: dict) -> dict[str, bool | None]:
    """What a row says of each column: True (fails), False (passes), None (not counted)."""
    fails = set(row.get("fail", row.get("fails", [])))
    skip = set(row.get("dont_care") or [])
    out: dict[str, bool | None] = {l: (None if l in skip else l in fails) for l in LETTERS}
    out["baseline"] = row.get("baseline_missing") if "baseline_missing" in row else None
    return out


def measure(rows: list[dict]) -> tuple[dict, list, float, int]:
    text = "".join(f"- title: {json.dumps(r['text'], ensure_ascii=False)}\n" for r in rows)
    start = time.perf_counter()
    result = lint_text(text, select=[*LETTERS, "F001"], today=dt.date(2026, 1, 1))
    elapsed = time.perf_counter() - start
    unread = [d for d in result.diagnostics if d.code == "F001"]
    if unread:          # one row the YAML reader refuses would leave every row unread: say so, never score 0
        raise SystemExit(f"row {unread[0].span.line} cannot be read as a goal title: {unread[0].message}")
    found = result.diagnostics
    said: list[dict[str, list[str]]] = [{} for _ in rows]
    for d in found:
        for column, maps in MAPPING.items():
            if maps(d.code):
                said[d.span.line - 1].setdefault(column, []).append(f"{d.code} {d.message}")
    counts = {c: {"tp": 0, "fp": 0, "fn": 0, "n": 0} for c in COLUMNS}
    errors = []
    for row, got in zip(rows, said):
        for column, want in labels(row).items():
            if want is None:
                continue
            c = counts[column]
            c["n"] += 1
            if want and column in got:
                c["tp"] += 1
            elif column in got:
                c["fp"] += 1
                errors.append(("FP", column, row["text"], got[column]))
            elif want:
                c["fn"] += 1
                errors.append(("FN", column, row["text"], []))
    return counts, errors, elapsed, len(found)


def table(name: str, rows: list[dict], show_errors: bool, require: dict[str, tuple[float, float]]) -> bool:
    """Print one set's table; False when a column misses its required precision or recall."""
    counts, errors, elapsed, n = measure(rows)
    ok = True
    print(f"\n## {name}: {len(rows)} sentences, {n} findings, linted in {elapsed:.2f} s\n")
    print("| column | counted | labelled fails | true pos. | false pos. | false neg. | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for column in COLUMNS:
        c = counts[column]
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        print(f"| {column} | {c['n']} | {c['tp'] + c['fn']} | {c['tp']} | {c['fp']} | {c['fn']} | "
              f"{precision:.3f} | {recall:.3f} |")
        want = require.get(column)
        if want and (precision < want[0] or recall < want[1]):
            ok = False
            print(f"  {column}: precision {precision:.3f} / recall {recall:.3f} is below the required "
                  f"{want[0]:.2f} / {want[1]:.2f}")
    if show_errors:
        print()
        for kind, column, text, why in errors:
            print(f"{kind} {column}: {text}")
            for w in why:
                print(f"      {w}")
    return ok


def parse_require(text: str) -> dict[str, tuple[float, float]]:
    """'M=0.95/0.95,S=0.90/0.80,baseline=0.95/0' -> {column: (precision, recall)}."""
    out = {}
    for part in filter(None, text.split(",")):
        column, _, pr = part.partition("=")
        p, _, r = pr.partition("/")
        out[column.strip()] = (float(p), float(r or 0))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", type=Path, default=SETS)
    ap.add_argument("--part", choices=("sentences", "heldout"), help="only this list of each file")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--require", type=parse_require, default={},
                    help="exit 1 unless every table meets these, e.g. 'M=0.95/0.95,S=0.90/0.80,baseline=0.95/0'")
    args = ap.parse_args()
    ok = True
    for path in args.paths:
        doc = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for part in ("sentences", "heldout"):
            if doc.get(part) and args.part in (None, part):
                ok &= table(f"{path.name} {part}", doc[part], args.show_errors, args.require)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
