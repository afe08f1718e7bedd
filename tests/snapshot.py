"""Reviewed snapshots (tests/snapshots/): what the product computes on a corpus of real inputs,
written once, read through by a person, and then compared exactly.

A snapshot test renders its corpus to text and compares it with its golden file. On a difference
it fails with the first differing lines. To write the goldens anew (after a deliberate change of
behaviour, to be reviewed in the diff and named in the commit message):

    CXSMART_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshot_*.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "snapshots"
ROOT = Path(__file__).parent.parent
# What is held out is scored, never shown: no snapshot holds the held-out repository's goals or the
# held-out parts of the labelled sentence sets, so that nobody tunes on them by reading a golden.
HELD_OUT_REPOS = ("council-heldout", "electric-coop", "health-plan", "airport-operator", "food-delivery", "ticketing",
                  "car-rental", "student-living", "cinema-chain", "dental-group", "courts-service", "ferry-operator",
                  "charity-supporter-care", "facilities-helpdesk", "pharmacy-chain", "home-warranty",
                  "nz-council", "waste-contractor", "online-learning", "gp-practice", "roadside-assistance",
                  "gym-equipment-retailer", "furniture-retailer")
HELD_OUT_SETS = ("heldout.yaml",)           # a whole file held out (labelled.yaml's)


def shown(path: Path) -> bool:
    """Whether a corpus file may appear in a snapshot (not a held-out repository's)."""
    return not any(repo in path.parts for repo in HELD_OUT_REPOS)


def tuning_part(data):
    """A labelled sentence set without its held-out part (`heldout:`)."""
    return {k: v for k, v in data.items() if k != "heldout"} if isinstance(data, dict) else data


def compare(name: str, text: str) -> None:
    """`text` equals the golden tests/snapshots/<name> (or is written there, when updating)."""
    golden = SNAPSHOTS / name
    if os.environ.get("CXSMART_UPDATE_SNAPSHOTS"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
        return
    want = golden.read_text(encoding="utf-8") if golden.exists() else ""
    if text != want:
        diff = list(difflib.unified_diff(want.splitlines(), text.splitlines(), f"golden {name}", "now",
                                         n=2, lineterm=""))
        raise AssertionError(f"{name} differs from its reviewed snapshot (CXSMART_UPDATE_SNAPSHOTS=1 writes it "
                             "anew; review the diff):\n" + "\n".join(diff[:60]))


def finding(d) -> str:
    """One finding as a line (and its fix as indented lines): everything a user sees of it."""
    s = d.span
    out = [f"{d.path}:{s.line}:{s.column}-{s.end_line}:{s.end_column} {d.code} {d.name} {d.severity} "
           f"goal={d.goal} subject={d.subject!r}", f"    message: {d.message}"]
    if d.hint:
        out.append(f"    hint: {d.hint}")
    if d.fix:
        out.append(f"    fix ({d.fix.applicability}): {d.fix.message}")
        for e in d.fix.edits:
            t = e.span
            out.append(f"      {t.line}:{t.column}-{t.end_line}:{t.end_column} -> {e.content!r}")
    return "\n".join(out)


def pairs(node, seen=None):
    """Every (key, value) of every mapping in a loaded YAML document, depth first; a node that
    aliases make appear in several places (or inside itself) is walked once."""
    seen = set() if seen is None else seen
    if isinstance(node, (dict, list)):
        if id(node) in seen:
            return
        seen.add(id(node))
    if isinstance(node, dict):
        for k, v in node.items():
            yield k, v
            yield from pairs(v, seen)
    elif isinstance(node, list):
        for v in node:
            yield from pairs(v, seen)
